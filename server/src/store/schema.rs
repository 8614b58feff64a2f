//! Schema migrations, applied in order and recorded in SQLite's `user_version`.

use rusqlite::Connection;

use crate::error::AppError;

/// Each entry migrates from version i to i + 1. Never edit a released entry: append a new one.
const MIGRATIONS: &[&str] = &[
    // 1: registries, observations (with versions and approval) and targets.
    "CREATE TABLE enterprise (
        id INTEGER PRIMARY KEY,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        county TEXT NOT NULL,
        nature TEXT NOT NULL,
        main_hs TEXT NOT NULL,
        illustrative INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE observation (
        entity_kind TEXT NOT NULL CHECK (entity_kind IN ('region', 'enterprise')),
        entity_id TEXT NOT NULL,
        period TEXT NOT NULL,
        flow TEXT NOT NULL CHECK (flow IN ('export', 'import')),
        dimension TEXT NOT NULL DEFAULT '',
        member TEXT NOT NULL DEFAULT '',
        value INTEGER NOT NULL CHECK (value >= 0),
        currency TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('preliminary', 'revised')),
        version INTEGER NOT NULL CHECK (version >= 1),
        approved INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (entity_kind, entity_id, period, flow, dimension, member, version)
    ) WITHOUT ROWID;
    CREATE TABLE target (
        region TEXT NOT NULL,
        year INTEGER NOT NULL,
        total INTEGER NOT NULL CHECK (total > 0),
        currency TEXT NOT NULL,
        PRIMARY KEY (region, year)
    );",
];

pub fn migrate(conn: &mut Connection) -> Result<(), AppError> {
    let current: usize = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if current > MIGRATIONS.len() {
        return Err(AppError::Internal(format!(
            "database schema version {current} is newer than this server ({})",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
        tracing::info!(version = i + 1, "database migrated");
    }
    Ok(())
}
