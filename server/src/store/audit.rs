//! The append-only audit log: who changed what, when, from which value to which. Triggers in the
//! schema refuse updates and deletes, so not even a bug in the server can rewrite history.

use rusqlite::{params, Connection};

use super::StoreError;

/// One entry of the audit log: who changed what, when, from which value to which.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    /// Null for a failed sign-in, which has no user.
    pub user_id: Option<i64>,
    pub user_name: String,
    /// What was done, e.g. `sign_in`, `create_user`, `write_return`, `approve_return`, `set_target`.
    pub action: String,
    /// What it was done to, e.g. `user/7` or `return/county/610302/2024-03`.
    pub object: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// One change for the log: who did what to which object, from which value to which.
pub struct Entry {
    pub user_id: Option<i64>,
    pub user_name: String,
    pub action: &'static str,
    pub object: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// Makes a change and writes the entry it describes itself with in one transaction: the change and
/// its record are saved together or not at all.
pub fn record<T, E: From<StoreError>>(
    conn: &mut Connection,
    now: i64,
    change: impl FnOnce(&Connection) -> Result<(T, Entry), E>,
) -> Result<T, E> {
    let tx = conn.transaction().map_err(StoreError::from)?;
    let (out, entry) = change(&tx)?;
    append(&tx, &entry, now)?;
    tx.commit().map_err(StoreError::from)?;
    Ok(out)
}

pub fn append(conn: &Connection, c: &Entry, now: i64) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO audit (at, user_id, user_name, action, object, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![now, c.user_id, c.user_name, c.action, c.object, c.old_value, c.new_value],
    )?;
    Ok(())
}

/// The newest entries first, optionally only one user's or one action's.
pub fn list(
    conn: &Connection,
    user: Option<&str>,
    action: Option<&str>,
    limit: i64,
) -> Result<Vec<AuditEntry>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, user_id, user_name, action, object, old_value, new_value FROM audit
         WHERE (?1 IS NULL OR user_name = ?1) AND (?2 IS NULL OR action = ?2) ORDER BY id DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![user, action, limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            user_id: r.get(2)?,
            user_name: r.get(3)?,
            action: r.get(4)?,
            object: r.get(5)?,
            old_value: r.get(6)?,
            new_value: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?)
}
