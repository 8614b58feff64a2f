//! The application layer: every command a request carries is one function here, of a [`Work`] (one
//! transaction, the moment it runs at, the principal it acts for, the registries) and the command's
//! typed arguments, answering with the domain's [`Error`]. Handlers parse, call [`run`], answer; nothing
//! here knows HTTP, and every rule it applies is `waimao_core`'s.
//!
//! One transaction per command means a command's checks, its change and its audit entry see and
//! commit one state: a check made outside the transaction (a credit code "not yet taken") can no
//! longer be overtaken by a concurrent change before the write.

pub mod enterprises;
mod error;
pub mod imports;
pub mod log;
pub mod meetings;
pub mod problems;
pub mod reconcile;
pub mod registries;
pub mod returns;
pub mod tables;
pub mod targets;
pub mod users;

use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::Transaction;
use waimao_core::account::Principal;
use waimao_core::dimension::Classifications;
use waimao_core::region::RegionRegistry;
use waimao_core::registry::Known;
use waimao_core::source::Precedence;

pub use error::Error;

use crate::state::AppState;
use crate::store::{self, audit, records};

/// The moment a command runs at, read once from the server's clock before it starts, so that one
/// command never sees two times.
#[derive(Debug, Clone)]
pub struct Moment {
    /// Unix seconds (the audit log's time).
    pub secs: i64,
    /// RFC 3339 in UTC (the stored records' time).
    pub stamp: String,
    /// The date in China (`core::period::china_time`): due dates, overdue marks, the current month.
    pub today: NaiveDate,
}

impl Moment {
    pub fn of(clock: &crate::clock::Clock) -> Self {
        Self { secs: clock.now_secs(), stamp: clock.stamp(), today: clock.today() }
    }
}

/// The settings and registries a command reads: shared, never changed while the server runs.
#[derive(Clone)]
pub struct Env {
    pub regions: Arc<RegionRegistry>,
    pub classes: Arc<Classifications>,
    pub precedence: Arc<Precedence>,
}

impl Env {
    pub fn of(state: &AppState) -> Self {
        Self {
            regions: Arc::clone(&state.regions),
            classes: Arc::clone(&state.classes),
            precedence: Arc::clone(&state.precedence),
        }
    }
}

/// What one command works with: its transaction (committed by [`run`] when the command succeeds,
/// rolled back otherwise), who it acts for, when, and the registries.
pub struct Work<'c> {
    pub tx: Transaction<'c>,
    pub who: Principal,
    pub at: Moment,
    pub env: Env,
    publish: bool,
}

impl Work<'_> {
    /// Appends the audit entry of this command's change, by the principal, at its moment, in its
    /// transaction: the change and its record are saved together or not at all.
    pub fn audit(
        &self,
        action: &'static str,
        object: String,
        old: Option<String>,
        new: Option<String>,
    ) -> Result<(), Error> {
        let entry = audit::Entry {
            user_id: Some(self.who.user_id),
            user_name: self.who.name.clone(),
            action,
            object,
            old_value: old,
            new_value: new,
        };
        Ok(audit::append(&self.tx, &entry, self.at.secs)?)
    }

    /// The audit entry of a registry record's change, with the record's JSON before and after.
    pub fn audit_record(
        &self,
        action: &'static str,
        object: String,
        old: Option<String>,
        new: &impl serde::Serialize,
    ) -> Result<(), Error> {
        self.audit(action, object, old, serde_json::to_string(new).ok())
    }

    /// Asks for a publication once the command has committed (an approval, a decision, a target).
    pub fn publish_after(&mut self) {
        self.publish = true;
    }

    /// The choices of the registry and the records a form may refer to, as stored now.
    pub fn known(&self) -> Result<Known, Error> {
        let mut k = Known::new(&self.env.regions, &self.env.classes, self.at.today);
        k.experts = records::list::<waimao_core::expert::Expert>(&self.tx)?.into_iter().map(|e| e.id).collect();
        k.enterprises = store::load_enterprises(&self.tx)?.into_iter().map(|e| e.id).collect();
        Ok(k)
    }
}

/// Refuses unless `allowed` (a rule of `core::account`): the object exists but is not the caller's.
pub fn require(allowed: bool) -> Result<(), Error> {
    if allowed {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// A record the caller may not see answers "forbidden" whether or not it exists (so ids cannot be
/// probed); the bureau and viewers, who see everything, learn that it does not exist.
pub fn hidden(p: &Principal) -> Error {
    if p.can_read_registries() {
        Error::NotFound
    } else {
        Error::Forbidden
    }
}

/// Runs `command` for `who` in one transaction on the store's blocking pool: commits when it
/// succeeds, and only then publishes if it asked to. A failed publication is logged, not answered:
/// the change is committed whatever happens to it, and the next publication (or a restart) catches up.
pub async fn run<T, F>(state: &AppState, who: Principal, command: F) -> Result<T, Error>
where
    T: Send + 'static,
    F: FnOnce(&mut Work<'_>) -> Result<T, Error> + Send + 'static,
{
    let (at, env) = (Moment::of(&state.clock), Env::of(state));
    let (out, publish) = state
        .store
        .call(move |c| -> Result<_, Error> {
            let tx = c.transaction().map_err(store::StoreError::from)?;
            let mut work = Work { tx, who, at, env, publish: false };
            let out = command(&mut work)?;
            let publish = work.publish;
            work.tx.commit().map_err(store::StoreError::from)?;
            Ok((out, publish))
        })
        .await?;
    if publish {
        if let Err(e) = crate::publisher::publish_all(state).await {
            tracing::error!(error = %e, "publishing after a change failed");
        }
    }
    Ok(out)
}
