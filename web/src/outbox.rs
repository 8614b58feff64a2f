//! The outbox: returns submitted in the browser wait here, in IndexedDB, until the server acknowledges
//! them. Sync runs at start-up, when the browser comes back online and on a timer, one submission at a
//! time, with backoff. An item leaves the queue only on a 2xx; a refusal (4xx) stays with the user to
//! correct; a network failure or a 5xx is retried. Each item keeps the UUID it was given when the user
//! pressed submit, so a resend after a lost answer is recognised by the server and stored once.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use waimao_core::returns::{Ack, Conflict, Finding, Owner, Report, ReturnRecord, Submission};
use waimao_core::{Lang, YearMonth};
use wasm_bindgen::JsCast;

use crate::local::{self, Store};

/// Where a submission stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Waiting for (another) attempt.
    Queued,
    /// Being sent now (never stored: a tab closed mid-send leaves it queued, and the resend is safe).
    Syncing,
    /// Acknowledged by the server.
    Synced,
    /// Refused by the server: the user corrects it.
    Rejected,
    /// Based on a version that is no longer the latest: the user chooses.
    Conflict,
}

impl Status {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Queued => lang.pick("待同步", "queued"),
            Status::Syncing => lang.pick("同步中", "syncing"),
            Status::Synced => lang.pick("已同步", "synced"),
            Status::Rejected => lang.pick("被退回，需修改", "rejected: correct it"),
            Status::Conflict => lang.pick("版本冲突，请选择", "conflict: choose a version"),
        }
    }

    /// Not yet safely on the server.
    pub fn is_unsynced(self) -> bool {
        self != Status::Synced
    }
}

/// The submission a filer's form stands on for a month: the latest one sent from this device for that
/// owner and month, unless the filer still has to correct or choose (those the outbox list shows).
pub fn latest_for(items: &[Queued], owner: Owner, month: YearMonth) -> Option<&Queued> {
    items
        .iter()
        .filter(|q| q.submission.owner == owner && q.submission.month == month)
        .filter(|q| matches!(q.status, Status::Queued | Status::Syncing | Status::Synced))
        .max_by(|a, b| a.queued_at_ms.total_cmp(&b.queued_at_ms))
}

/// Only the status of a stored item: enough to count what is unsynced (the dashboard's sign-out does)
/// without linking the decoding of whole returns into the public bundle.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct StatusOnly {
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    pub submission: Submission,
    pub status: Status,
    /// The server's last word (in both languages, "中文 / English", as the server writes them).
    #[serde(default)]
    pub message: String,
    /// What the client itself says of the item: kept as a kind and worded in the reader's language
    /// when drawn, so a language switch rewords it and no status code shows.
    #[serde(default)]
    pub notice: Option<Notice>,
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// For a conflict: the version now stored.
    #[serde(default)]
    pub current: Option<ReturnRecord>,
    /// The version the server stored it as.
    #[serde(default)]
    pub version: Option<u32>,
    #[serde(default)]
    pub attempts: u32,
    #[serde(default)]
    pub next_try_ms: f64,
    #[serde(default)]
    pub queued_at_ms: f64,
}

/// Why an item waits for another try, as the client knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// A 2xx whose body was cut off.
    IncompleteAnswer,
    /// The session ended; the item syncs after the next sign-in.
    SignedOut,
    /// No answer at all (offline, or the server down).
    Unreachable,
    /// The server took too long (408).
    TimedOut,
    /// Too many requests (429).
    Busy,
    /// A 5xx.
    ServerError,
}

impl Notice {
    /// The notice for an attempt that ended with `status` and is to be tried again.
    pub fn for_retry(status: u16) -> Self {
        match status {
            408 => Self::TimedOut,
            429 => Self::Busy,
            500..=599 => Self::ServerError,
            _ => Self::Unreachable,
        }
    }

    pub fn text(self, l: Lang) -> &'static str {
        match self {
            Self::IncompleteAnswer => {
                l.pick("应答不完整，将自动重试", "The answer was incomplete; it will be sent again")
            }
            Self::SignedOut => {
                l.pick("登录已过期，请重新登录，之后自动同步", "Signed out: sign in again and it will sync")
            }
            Self::Unreachable => {
                l.pick("暂时无法连接服务器，将自动重试", "The server cannot be reached; it will be sent again")
            }
            Self::TimedOut => l.pick("服务器响应超时，将自动重试", "The server took too long; it will be sent again"),
            Self::Busy => l.pick("提交过于频繁，稍后将自动重试", "Too many requests; it will be sent again shortly"),
            Self::ServerError => l.pick("服务器暂时出错，将自动重试", "The server had an error; it will be sent again"),
        }
    }
}

/// Retries wait 1, 2, 4 … seconds, at most 20.
fn backoff_ms(attempts: u32) -> f64 {
    f64::from(1000u32.saturating_mul(1 << attempts.min(5))).min(20_000.0)
}

/// How often due items are looked for.
const TICK_MS: i32 = 2_000;

#[derive(Clone, Copy)]
pub struct Outbox {
    pub items: RwSignal<Vec<Queued>>,
    running: StoredValue<bool>,
}

impl Outbox {
    /// Loads the queue, asks for persistent storage, and starts syncing (now, on `online`, on a timer).
    pub fn install() -> Outbox {
        let outbox = Outbox { items: RwSignal::new(Vec::new()), running: StoredValue::new(false) };
        provide_context(outbox);
        local::ask_persistence();
        spawn_local(async move {
            let mut items: Vec<Queued> = local::all(Store::Queue).await;
            items.sort_by(|a, b| a.queued_at_ms.total_cmp(&b.queued_at_ms));
            outbox.items.set(items);
            outbox.sync();
        });
        if let Some(w) = web_sys::window() {
            let online = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                // Back online: everything waiting is due now.
                outbox.items.update(|v| v.iter_mut().for_each(|q| q.next_try_ms = 0.0));
                outbox.sync();
            });
            let _ = w.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
            online.forget();
            let tick = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || outbox.sync());
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), TICK_MS);
            tick.forget();
        }
        outbox
    }

    pub fn get() -> Outbox {
        expect_context::<Outbox>()
    }

    /// Stores the submission durably, then shows it and starts sending it. An error means it was not
    /// stored (the form keeps the draft).
    pub async fn enqueue(self, submission: Submission) -> Result<(), String> {
        let item = Queued {
            submission,
            status: Status::Queued,
            message: String::new(),
            notice: None,
            findings: Vec::new(),
            current: None,
            version: None,
            attempts: 0,
            next_try_ms: 0.0,
            queued_at_ms: local::now_ms(),
        };
        local::put(Store::Queue, &item.submission.id, &item).await?;
        self.items.update(|v| v.push(item));
        self.sync();
        Ok(())
    }

    /// Removes an item (after the user chose what to do with a refused or conflicting one).
    pub async fn remove(self, id: &str) {
        if local::delete(Store::Queue, id).await.is_ok() {
            self.items.update(|v| v.retain(|q| q.submission.id != id));
        }
    }

    /// Starts a sync run unless one is running.
    pub fn sync(self) {
        if self.running.get_value() {
            return;
        }
        self.running.set_value(true);
        spawn_local(async move {
            self.run().await;
            self.running.set_value(false);
        });
    }

    async fn run(self) {
        loop {
            let now = local::now_ms();
            let next = self
                .items
                .with_untracked(|v| v.iter().find(|q| q.status == Status::Queued && q.next_try_ms <= now).cloned());
            let Some(mut item) = next else {
                return;
            };
            self.set(&item.submission.id, |q| q.status = Status::Syncing);
            let outcome = crate::api::returns::file(&item.submission).await;
            let signed_out = settle(&mut item, outcome);
            // The outcome is stored before it is shown: a reload shows what the store holds.
            if local::put(Store::Queue, &item.submission.id, &item).await.is_err() {
                item.status = Status::Queued;
            }
            let id = item.submission.id.clone();
            self.set(&id, move |q| *q = item);
            if signed_out {
                return;
            }
        }
    }

    fn set(self, id: &str, f: impl FnOnce(&mut Queued)) {
        self.items.update(|v| {
            if let Some(q) = v.iter_mut().find(|q| q.submission.id == id) {
                f(q);
            }
        });
    }

    /// Items not yet acknowledged, for the sign-out warning.
    pub fn unsynced(self) -> usize {
        self.items.with_untracked(|v| v.iter().filter(|q| q.status.is_unsynced()).count())
    }
}

/// Applies an attempt's outcome to the item; `true` when the session has ended (stop until sign-in).
fn settle(item: &mut Queued, (status, body): (u16, String)) -> bool {
    item.attempts += 1;
    let retry = |item: &mut Queued, notice: Notice| {
        item.status = Status::Queued;
        item.message.clear();
        item.notice = Some(notice);
        item.next_try_ms = local::now_ms() + backoff_ms(item.attempts);
    };
    item.notice = None;
    match status {
        200..=299 => match serde_json::from_str::<Ack>(&body) {
            Ok(ack) => {
                item.status = Status::Synced;
                item.version = Some(ack.version);
                item.message.clear();
                item.findings.clear();
            }
            // A 2xx whose body was cut off: ask again; the server answers a resend from its record.
            Err(_) => retry(item, Notice::IncompleteAnswer),
        },
        401 => {
            retry(item, Notice::SignedOut);
            item.next_try_ms = local::now_ms() + 30_000.0;
            return true;
        }
        409 => {
            let c: Option<Conflict> = serde_json::from_str(&body).ok();
            item.status = Status::Conflict;
            item.message = c.as_ref().map(|c| c.error.clone()).unwrap_or(body);
            item.current = c.and_then(|c| c.current);
        }
        422 => {
            item.status = Status::Rejected;
            match serde_json::from_str::<Report>(&body) {
                Ok(r) => {
                    item.message = r.error;
                    item.findings = r.findings;
                }
                Err(_) => item.message = body,
            }
        }
        408 | 429 | 0 | 500..=599 => retry(item, Notice::for_retry(status)),
        _ => {
            item.status = Status::Rejected;
            item.message = serde_json::from_str::<waimao_core::api::ErrorBody>(&body).map(|b| b.error).unwrap_or(body);
        }
    }
    false
}
