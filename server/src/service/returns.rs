//! Monthly returns: reading one and a filer's history, filing a version (validated by core's
//! `returns::validate`, the function the offline form runs), and the bureau's side: the queue, approving
//! (which publishes) or returning, reopening, and who filed a month on time.

use waimao_core::period::china_time;
use waimao_core::returns::{
    self as core_returns, Ack, Context, Filing, FilingRow, Owner, Reopen, ReturnHistory, ReturnRecord, Review,
    Submission,
};
use waimao_core::{Lang, YearMonth};

use super::{require, Error, Work};
use crate::store::returns::{self, Filer};

/// `WAIMAO_GROWTH_LIMIT_PCT`: the 同比 beyond which a figure needs an explanation (core's default
/// otherwise).
pub fn growth_limit_pct() -> i64 {
    static LIMIT: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        std::env::var("WAIMAO_GROWTH_LIMIT_PCT")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|v| *v > 0)
            .unwrap_or(core_returns::DEFAULT_GROWTH_LIMIT_PCT)
    })
}

/// `owner` if the registry knows it. Asked only after the caller's right to the owner: whether
/// enterprise 9999 exists is not for a firm to learn.
fn known(w: &Work, owner: Owner) -> Result<Owner, Error> {
    let exists = match owner {
        Owner::County(c) => w.env.regions.county(c).is_some(),
        Owner::Enterprise(e) => returns::enterprise_exists(&w.tx, e)?,
    };
    if exists {
        Ok(owner)
    } else {
        Err(Error::NotFound)
    }
}

fn filer<'a>(w: &'a Work) -> Filer<'a> {
    Filer { name: &w.who.name, now: &w.at.stamp }
}

fn object(owner: Owner, month: YearMonth) -> String {
    format!("return/{}/{}/{month}", owner.kind(), owner.id_text())
}

/// The latest version of `owner`'s return for `month`, if any.
pub fn read(w: &mut Work, owner: Owner, month: YearMonth) -> Result<Option<ReturnRecord>, Error> {
    require(w.who.can_read_owner(owner))?;
    let owner = known(w, owner)?;
    Ok(returns::latest(&w.tx, owner, month)?)
}

/// `owner`'s approved figures by period (what the form's 同比 hints and the lock rule read).
pub fn history(w: &mut Work, owner: Owner) -> Result<ReturnHistory, Error> {
    require(w.who.can_read_owner(owner))?;
    let owner = known(w, owner)?;
    let mut h = returns::history(&w.tx, owner, &w.env.precedence)?;
    h.growth_limit_pct = Some(growth_limit_pct());
    Ok(h)
}

/// Files a version: idempotent by the submission's UUID, validated against the filer's history.
pub fn submit(w: &mut Work, sub: Submission) -> Result<Ack, Error> {
    if !sub.id_is_valid() {
        return Err(Error::refused("提交编号须为UUID", "The submission id must be a UUID"));
    }
    require(w.who.can_write_owner(sub.owner))?;
    let owner = known(w, sub.owner)?;
    let classes = w.env.classes.clone();
    let current_month = YearMonth::of_date(w.at.today);
    let ack = returns::submit(&w.tx, &sub, &filer(w), &w.env.precedence, |history, locked| {
        let known = |d, m: &str| classes.member(d, m).is_some();
        let ctx = Context {
            owner,
            month: sub.month,
            current_month,
            history,
            locked,
            growth_limit_pct: growth_limit_pct(),
            known_member: Some(&known),
        };
        core_returns::validate(&sub.content, &sub.explanation, &ctx)
    })?;
    if !ack.replayed {
        w.audit("submit_return", object(owner, sub.month), None, Some(format!("v{} {}", ack.version, sub.id)))?;
    }
    Ok(ack)
}

/// Returns awaiting review (latest versions only), oldest first.
pub fn pending(w: &mut Work) -> Result<Vec<ReturnRecord>, Error> {
    require(w.who.can_read_all_returns())?;
    Ok(returns::pending(&w.tx)?)
}

/// Approves the latest version (its totals and breakdowns become observations, then published) or
/// returns it with a comment.
pub fn review(w: &mut Work, owner: Owner, month: YearMonth, body: Review) -> Result<ReturnRecord, Error> {
    require(w.who.can_review_returns())?;
    let owner = known(w, owner)?;
    let r = returns::review(&w.tx, owner, month, &body, &filer(w))?;
    let new = match &r.review_comment {
        Some(c) => format!("{} {c}", r.state.code()),
        None => r.state.code().to_string(),
    };
    let action = if body.approve { "approve_return" } else { "return_return" };
    w.audit(action, object(owner, month), Some(format!("v{} submitted", r.version)), Some(new))?;
    if body.approve {
        w.publish_after();
    }
    Ok(r)
}

/// Reopens an approved return so that a correction can be filed, with a reason.
pub fn reopen(w: &mut Work, owner: Owner, month: YearMonth, body: Reopen) -> Result<ReturnRecord, Error> {
    require(w.who.can_review_returns())?;
    let owner = known(w, owner)?;
    let r = returns::reopen(&w.tx, owner, month, &body.reason, &filer(w))?;
    let (old, new) = (format!("v{} approved", r.version), format!("reopened: {}", body.reason.trim()));
    w.audit("reopen_return", object(owner, month), Some(old), Some(new))?;
    Ok(r)
}

/// Who filed `month` on time, late or not at all: every county, then every key enterprise.
pub fn completeness(w: &mut Work, month: YearMonth) -> Result<Vec<FilingRow>, Error> {
    require(w.who.can_read_all_returns())?;
    let filed = returns::filings(&w.tx, month)?;
    let mut owners: Vec<(Owner, String)> =
        w.env.regions.counties.iter().map(|r| (Owner::County(r.code), r.name(Lang::Zh).to_string())).collect();
    owners.extend(returns::enterprise_names(&w.tx)?.into_iter().map(|(id, zh, _)| (Owner::Enterprise(id), zh)));
    let rows = owners
        .into_iter()
        .map(|(owner, name)| {
            let latest = filed.get(&owner);
            // Submission times are stored in UTC; the due date is a date in China.
            let first = latest
                .and_then(|(first, _)| chrono::DateTime::parse_from_rfc3339(first).ok())
                .map(|t| china_time(t.timestamp()).date());
            FilingRow {
                owner,
                name,
                filing: Filing::of(month, first, w.at.today),
                first_submitted_at: latest.map(|(first, _)| first.clone()),
                state: latest.map(|(_, r)| r.state),
                version: latest.map(|(_, r)| r.version),
            }
        })
        .collect();
    Ok(rows)
}
