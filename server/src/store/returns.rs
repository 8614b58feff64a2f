//! Monthly returns as filed: every submission is a new version row carrying the client's UUID, so a
//! resent submission is found and answered, never stored twice. Approving a version writes its totals
//! into `observation` (快报 the first time, 修订 after), which is what the publisher reads.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension, Row};
use waimao_core::flow::Flow;
use waimao_core::period::{Period, YearMonth};
use waimao_core::returns::{
    Ack, Conflict, HistoryEntry, Owner, Report, ReturnContent, ReturnHistory, ReturnRecord, ReturnState, Review,
    Submission,
};

use waimao_core::amount::Amount;
use waimao_core::observation::{Breakdown, Entity, FigureKey, Observation};
use waimao_core::source::{self, Precedence, Sourced};

use super::StoreError;
use super::{insert_in, load_choices, load_sourced, next_version, Which};

const RECORD_COLUMNS: &str = "owner_kind, owner_id, month, version, submission_id, state, content, explanation,
    submitted_by, submitted_at, review_comment";

fn record(r: &Row<'_>) -> rusqlite::Result<ReturnRecord> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, format!("bad stored {what}").into())
    };
    let kind: String = r.get(0)?;
    let id: String = r.get(1)?;
    let month: String = r.get(2)?;
    let state: String = r.get(5)?;
    let content: String = r.get(6)?;
    Ok(ReturnRecord {
        owner: Owner::parse(&kind, &id).ok_or_else(|| bad(0, "owner"))?,
        month: YearMonth::parse(&month).map_err(|_| bad(2, "month"))?,
        version: r.get(3)?,
        submission_id: r.get(4)?,
        state: ReturnState::parse(&state).ok_or_else(|| bad(5, "state"))?,
        content: serde_json::from_str::<ReturnContent>(&content).map_err(|_| bad(6, "content"))?,
        explanation: r.get(7)?,
        submitted_by: r.get(8)?,
        submitted_at: r.get(9)?,
        review_comment: r.get(10)?,
    })
}

/// The latest version of a return, if any was filed.
pub fn latest(conn: &Connection, owner: Owner, month: YearMonth) -> Result<Option<ReturnRecord>, StoreError> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM return_version WHERE owner_kind = ?1 AND owner_id = ?2 AND month = ?3
         ORDER BY version DESC LIMIT 1"
    );
    Ok(conn.query_row(&sql, params![owner.kind(), owner.id_text(), month.to_string()], record).optional()?)
}

fn by_submission(conn: &Connection, id: &str) -> Result<Option<(String, ReturnRecord)>, StoreError> {
    let sql = format!("SELECT {RECORD_COLUMNS}, fingerprint FROM return_version WHERE submission_id = ?1");
    Ok(conn.query_row(&sql, [id], |r| Ok((r.get::<_, String>(11)?, record(r)?))).optional()?)
}

/// The owner's approved totals by period as published (the source the precedence rule or the bureau
/// chose), oldest first.
pub fn history(conn: &Connection, owner: Owner, precedence: &Precedence) -> Result<ReturnHistory, StoreError> {
    let figures: Vec<Sourced> =
        load_sourced(conn, Which { entity: Some(entity(owner)?), totals_only: true, periods: Vec::new() })?;
    let choices = load_choices(conn)?;
    let mut by_period: BTreeMap<Period, HistoryEntry> = BTreeMap::new();
    for o in waimao_core::reconcile::published(&figures, precedence, &choices) {
        let entry =
            by_period.entry(o.period).or_insert(HistoryEntry { period: o.period, exports: None, imports: None });
        match o.flow {
            Flow::Export => entry.exports = Some(o.value.units),
            Flow::Import => entry.imports = Some(o.value.units),
        }
    }
    Ok(ReturnHistory::from_entries(by_period.into_values().collect()))
}

fn entity(owner: Owner) -> Result<Entity, StoreError> {
    owner.entity().ok_or_else(|| StoreError::Refused(format!("no enterprise {}", owner.id_text())))
}

/// Who files and when.
pub struct Filer<'a> {
    pub name: &'a str,
    pub now: &'a str,
}

/// Stores a submission as the next version, in the caller's transaction. A resend of a stored
/// submission gets the same answer; a reused id with other content, or an edit based on a version
/// that is no longer the latest, is a conflict; `check` validates against the history and the lock.
pub fn submit(
    conn: &Connection,
    sub: &Submission,
    filer: &Filer<'_>,
    precedence: &Precedence,
    check: impl FnOnce(&ReturnHistory, bool) -> Report,
) -> Result<Ack, StoreError> {
    if let Some((fingerprint, stored)) = by_submission(conn, &sub.id)? {
        if fingerprint == sub.fingerprint() {
            return Ok(Ack { id: sub.id.clone(), version: stored.version, replayed: true });
        }
        // What is stored goes back only to someone filing for the same owner (whom the handler has
        // already allowed to read it); a UUID reused for another owner must not disclose that owner's return.
        let current = (stored.owner == sub.owner).then_some(stored);
        return Err(StoreError::Conflict(Box::new(Conflict {
            error: "该提交编号已用于不同的内容，请重新提交 / This submission id was already used for different content; submit again"
                .into(),
            current,
        })));
    }
    let latest = latest(conn, sub.owner, sub.month)?;
    let current = latest.as_ref().map_or(0, |r| r.version);
    if sub.base_version != current {
        let error = format!(
            "该月报已被更新为第{current}版（您基于第{}版修改），请比较两个版本后再提交 / This return is now at version \
             {current} (your edit was based on version {}); compare the two versions before submitting",
            sub.base_version, sub.base_version
        );
        return Err(StoreError::Conflict(Box::new(Conflict { error, current: latest })));
    }
    let history = history(conn, sub.owner, precedence)?;
    let report = check(&history, history.is_locked(latest.as_ref().map(|r| r.state), sub.month));
    if !report.is_ok() {
        return Err(StoreError::Invalid(Box::new(report)));
    }
    let content = serde_json::to_string(&sub.content).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    conn.execute(
        "INSERT INTO return_version (owner_kind, owner_id, month, version, submission_id, fingerprint, content,
            explanation, state, submitted_by, submitted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'submitted', ?9, ?10)",
        params![
            sub.owner.kind(),
            sub.owner.id_text(),
            sub.month.to_string(),
            current + 1,
            sub.id,
            sub.fingerprint(),
            content,
            sub.explanation,
            filer.name,
            filer.now
        ],
    )?;
    Ok(Ack { id: sub.id.clone(), version: current + 1, replayed: false })
}

fn set_state(
    conn: &Connection,
    r: &ReturnRecord,
    state: ReturnState,
    filer: &Filer<'_>,
    comment: Option<&str>,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE return_version SET state = ?1, reviewed_by = ?2, reviewed_at = ?3, review_comment = ?4
         WHERE owner_kind = ?5 AND owner_id = ?6 AND month = ?7 AND version = ?8",
        params![
            state.code(),
            filer.name,
            filer.now,
            comment,
            r.owner.kind(),
            r.owner.id_text(),
            r.month.to_string(),
            r.version
        ],
    )?;
    Ok(())
}

/// The latest version, which a review or reopening must name: reviewing an older one is a conflict.
fn latest_named(conn: &Connection, owner: Owner, month: YearMonth, version: u32) -> Result<ReturnRecord, StoreError> {
    let latest = latest(conn, owner, month)?.ok_or(StoreError::NotFound)?;
    if latest.version != version {
        let error = format!(
            "该月报已有新版本（第{}版），请刷新后再审核 / There is a newer version ({}); reload before reviewing",
            latest.version, latest.version
        );
        return Err(StoreError::Conflict(Box::new(Conflict { error, current: Some(latest) })));
    }
    Ok(latest)
}

/// Approves or returns the latest version. Approving writes its totals as approved observations.
pub fn review(
    conn: &Connection,
    owner: Owner,
    month: YearMonth,
    review: &Review,
    filer: &Filer<'_>,
) -> Result<ReturnRecord, StoreError> {
    let r = latest_named(conn, owner, month, review.version)?;
    if r.state != ReturnState::Submitted {
        return Err(StoreError::Refused(format!(
            "该月报当前状态为“{}”，只能审核待审核的月报 / This return is {}; only returns awaiting review can be reviewed",
            r.state.label(waimao_core::Lang::Zh),
            r.state.label(waimao_core::Lang::En)
        )));
    }
    if review.approve {
        set_state(conn, &r, ReturnState::Approved, filer, None)?;
        write_observations(conn, &r, filer)?;
    } else {
        let comment = review.comment.trim();
        if comment.is_empty() {
            return Err(StoreError::Refused(
                "退回时请写明需要修改的内容 / Say what to correct when returning a return".into(),
            ));
        }
        set_state(conn, &r, ReturnState::Returned, filer, Some(comment))?;
    }
    latest(conn, owner, month)?.ok_or(StoreError::NotFound)
}

/// Stores an approved return's figures (totals and breakdown parts, `ReturnContent::figures`), each
/// as the figure's next version beside what other sources hold, 快报 or 修订 by core's rule.
fn write_observations(conn: &Connection, r: &ReturnRecord, filer: &Filer<'_>) -> Result<(), StoreError> {
    let entity = entity(r.owner)?;
    let period = Period::Month(r.month);
    // The parts this filer's earlier approved returns stored for the month, so a dropped part is zeroed.
    let earlier: Vec<(Breakdown, Flow)> =
        load_sourced(conn, Which { entity: Some(entity), totals_only: false, periods: vec![period] })?
            .into_iter()
            .filter(|f| f.tag.starts_with("return:"))
            .filter_map(|f| f.observation.breakdown.map(|b| (b, f.observation.flow)))
            .collect();
    let mut observations = Vec::new();
    for (breakdown, flow, value) in r.content.figures(&earlier) {
        let key = FigureKey { entity, period, flow, breakdown: breakdown.clone() };
        let (version, released) = next_version(conn, &key, "return:")?;
        observations.push(Observation {
            entity,
            period,
            flow,
            breakdown,
            value: Amount { units: value, currency: r.content.currency },
            status: source::release_status(None, released),
            version,
        });
    }
    insert_in(conn, &observations, true, &format!("return:{}", r.submission_id), filer.now)
}

/// Unlocks an approved return so that a correction can be filed; the figures stay published until the
/// correction is approved.
pub fn reopen(
    conn: &Connection,
    owner: Owner,
    month: YearMonth,
    reason: &str,
    filer: &Filer<'_>,
) -> Result<ReturnRecord, StoreError> {
    let r = latest(conn, owner, month)?.ok_or(StoreError::NotFound)?;
    if r.state != ReturnState::Approved {
        return Err(StoreError::Refused("只能重新开放已审核的月报 / Only approved returns can be reopened".into()));
    }
    if reason.trim().is_empty() {
        return Err(StoreError::Refused("请写明重新开放的原因 / Give the reason for reopening".into()));
    }
    set_state(conn, &r, ReturnState::Reopened, filer, Some(reason.trim()))?;
    latest(conn, owner, month)?.ok_or(StoreError::NotFound)
}

/// Latest versions awaiting review, oldest first.
pub fn pending(conn: &Connection) -> Result<Vec<ReturnRecord>, StoreError> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM return_version r WHERE state = 'submitted' AND version =
            (SELECT max(version) FROM return_version l
             WHERE l.owner_kind = r.owner_kind AND l.owner_id = r.owner_id AND l.month = r.month)
         ORDER BY submitted_at"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], record)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// For each owner: the time of the first submission for the month and the latest version.
pub fn filings(conn: &Connection, month: YearMonth) -> Result<BTreeMap<Owner, (String, ReturnRecord)>, StoreError> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS}, (SELECT min(submitted_at) FROM return_version f
            WHERE f.owner_kind = r.owner_kind AND f.owner_id = r.owner_id AND f.month = r.month)
         FROM return_version r WHERE month = ?1 AND version =
            (SELECT max(version) FROM return_version l
             WHERE l.owner_kind = r.owner_kind AND l.owner_id = r.owner_id AND l.month = r.month)"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([month.to_string()], |r| Ok((record(r)?, r.get::<_, String>(11)?)))?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (rec, first) = row?;
        out.insert(rec.owner, (first, rec));
    }
    Ok(out)
}

pub fn enterprise_exists(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM enterprise WHERE id = ?1", [id], |r| r.get::<_, i64>(0))? > 0)
}

/// Every enterprise with its Chinese and English names, for the completeness table.
pub fn enterprise_names(conn: &Connection) -> Result<Vec<(i64, String, String)>, StoreError> {
    let mut stmt = conn.prepare("SELECT id, name_zh, name_en FROM enterprise ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The latest version of each month's return of one filer, newest month first.
pub fn briefs(conn: &Connection, owner: Owner) -> Result<Vec<waimao_core::registry::ReturnBrief>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT month, max(version), (SELECT state FROM return_version l WHERE l.owner_kind = r.owner_kind
            AND l.owner_id = r.owner_id AND l.month = r.month ORDER BY version DESC LIMIT 1)
         FROM return_version r WHERE owner_kind = ?1 AND owner_id = ?2 GROUP BY month ORDER BY month DESC",
    )?;
    let rows = stmt.query_map(params![owner.kind(), owner.id_text()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (month, version, state) = row?;
        let bad = |what: &str| StoreError::Corrupt(format!("stored return {what} is bad"));
        out.push(waimao_core::registry::ReturnBrief {
            month: YearMonth::parse(&month).map_err(|_| bad("month"))?,
            version,
            state: serde_json::from_value(serde_json::Value::String(state)).map_err(|_| bad("state"))?,
        });
    }
    Ok(out)
}
