//! Reading the audit log: the bureau's.

use crate::store::audit::{self, AuditEntry};

use super::{require, Error, Work};

/// The most entries one answer holds, and how many it holds unless asked.
pub const MAX_ENTRIES: i64 = 1000;
pub const DEFAULT_ENTRIES: i64 = 200;

/// The newest entries first, optionally one user's or one action's only.
pub fn list(
    w: &mut Work,
    user: Option<String>,
    action: Option<String>,
    limit: Option<i64>,
) -> Result<Vec<AuditEntry>, Error> {
    require(w.who.can_read_audit())?;
    let limit = limit.unwrap_or(DEFAULT_ENTRIES).clamp(1, MAX_ENTRIES);
    Ok(audit::list(&w.tx, user.as_deref(), action.as_deref(), limit)?)
}
