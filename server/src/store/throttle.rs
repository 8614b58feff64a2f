//! Sign-in failures as `core::throttle` counts them, kept in the database so a restart forgets
//! nothing: one row per (normalised name, address) with a counter, rows older than the window removed
//! as new failures come in.

use rusqlite::{params, Connection, OptionalExtension};
use waimao_core::throttle::{Failures, WINDOW_SECS};

use super::StoreError;

/// The pair's failures, the address's across accounts and the account's across addresses: what
/// `core::throttle::wait_secs` weighs.
pub type Counts = (Option<Failures>, Option<Failures>, Option<Failures>);

/// The [`Counts`] within the window before `now`.
pub fn failures(conn: &Connection, account: &str, address: &str, now: i64) -> Result<Counts, StoreError> {
    let since = now - WINDOW_SECS;
    let pair = conn
        .query_row(
            "SELECT failures, last_at FROM sign_in_failure WHERE account = ?1 AND address = ?2 AND last_at > ?3",
            params![account, address, since],
            |r| Ok(Failures { count: r.get(0)?, last_at: r.get(1)? }),
        )
        .optional()?;
    let by_address = conn.query_row(
        "SELECT coalesce(sum(failures), 0), coalesce(max(last_at), 0) FROM sign_in_failure WHERE address = ?1 AND last_at > ?2",
        params![address, since],
        |r| Ok(Failures { count: r.get(0)?, last_at: r.get(1)? }),
    )?;
    let by_account = conn.query_row(
        "SELECT coalesce(sum(failures), 0), coalesce(max(last_at), 0) FROM sign_in_failure WHERE account = ?1 AND last_at > ?2",
        params![account, since],
        |r| Ok(Failures { count: r.get(0)?, last_at: r.get(1)? }),
    )?;
    let some = |f: Failures| (f.count > 0).then_some(f);
    Ok((pair, some(by_address), some(by_account)))
}

/// Counts a failure of the pair at `now` (a count older than the window starts again) and returns the
/// pair's count; rows whose window has passed are removed first, so the table holds recent failures only.
pub fn record_failure(conn: &Connection, account: &str, address: &str, now: i64) -> Result<u32, StoreError> {
    let since = now - WINDOW_SECS;
    conn.execute("DELETE FROM sign_in_failure WHERE last_at <= ?1", params![since])?;
    Ok(conn.query_row(
        "INSERT INTO sign_in_failure (account, address, failures, first_at, last_at) VALUES (?1, ?2, 1, ?3, ?3)
         ON CONFLICT (account, address) DO UPDATE SET failures = failures + 1, last_at = ?3
         RETURNING failures",
        params![account, address, now],
        |r| r.get(0),
    )?)
}

/// A correct password clears its pair (not the address's other rows: one good account must not
/// launder guesses at others).
pub fn clear(conn: &Connection, account: &str, address: &str) -> Result<(), StoreError> {
    conn.execute("DELETE FROM sign_in_failure WHERE account = ?1 AND address = ?2", params![account, address])?;
    Ok(())
}

/// The operator's `user unlock`: forgets every failure of `account`, from every address.
pub fn unlock(conn: &Connection, account: &str) -> Result<usize, StoreError> {
    Ok(conn.execute("DELETE FROM sign_in_failure WHERE account = ?1", params![account])?)
}
