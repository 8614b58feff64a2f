//! Schema migrations, applied in order and recorded in SQLite's `user_version`.

use rusqlite::Connection;

use super::StoreError;

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
    // 2: accounts, sessions (only token hashes) and the append-only audit log.
    "CREATE TABLE user (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'viewer', 'county', 'enterprise')),
        county TEXT,
        enterprise INTEGER REFERENCES enterprise(id),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        CHECK ((role = 'county') = (county IS NOT NULL)),
        CHECK ((role = 'enterprise') = (enterprise IS NOT NULL))
    );
    CREATE TABLE session (
        token_hash BLOB PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES user(id),
        created_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX session_user ON session(user_id);
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        user_id INTEGER,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        object TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT
    );
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    // 3: monthly returns as filed, one row per version, each carrying the client's submission UUID so
    // that a resent submission is stored once.
    "CREATE TABLE return_version (
        owner_kind TEXT NOT NULL CHECK (owner_kind IN ('county', 'enterprise')),
        owner_id TEXT NOT NULL,
        month TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        submission_id TEXT NOT NULL UNIQUE,
        fingerprint TEXT NOT NULL,
        content TEXT NOT NULL,
        explanation TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'returned', 'reopened')),
        submitted_by TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        reviewed_by TEXT,
        reviewed_at TEXT,
        review_comment TEXT,
        PRIMARY KEY (owner_kind, owner_id, month, version)
    ) WITHOUT ROWID;
    CREATE INDEX return_state ON return_version(state);",
    // 4: the registries of people and work. The enterprise keeps its typed columns (users refer to
    // it) and gains the whole record as JSON; problems, experts, activities, members, meetings and
    // tasks are core's records as JSON documents, with the columns permissions and joins need copied
    // out beside them.
    "ALTER TABLE enterprise ADD COLUMN uscc TEXT;
    ALTER TABLE enterprise ADD COLUMN body TEXT CHECK (body IS NULL OR json_valid(body));
    ALTER TABLE enterprise ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    CREATE UNIQUE INDEX enterprise_uscc ON enterprise(uscc) WHERE uscc IS NOT NULL AND uscc <> '';
    CREATE TABLE record (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('problem', 'expert', 'activity', 'member', 'meeting', 'task')),
        enterprise INTEGER REFERENCES enterprise(id),
        county TEXT,
        parent INTEGER REFERENCES record(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        body TEXT NOT NULL CHECK (json_valid(body)),
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX record_kind ON record(kind, id);",
    // 5: spreadsheet imports. Each uploaded file is kept as sent (the figures' source); a batch is
    // one file's figures under one mapping, awaiting review, and nothing is an observation until the
    // batch is approved. The last mapping each user chose is remembered for their next file.
    "CREATE TABLE import_file (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        bytes BLOB NOT NULL,
        uploaded_by TEXT NOT NULL,
        uploaded_at INTEGER NOT NULL
    );
    CREATE TABLE import_batch (
        id INTEGER PRIMARY KEY,
        file INTEGER NOT NULL REFERENCES import_file(id),
        mapping TEXT NOT NULL CHECK (json_valid(mapping)),
        source TEXT NOT NULL,
        figures TEXT NOT NULL CHECK (json_valid(figures)),
        summary TEXT NOT NULL CHECK (json_valid(summary)),
        state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
        committed_by TEXT NOT NULL,
        committed_at TEXT NOT NULL,
        reviewed_by TEXT,
        reviewed_at TEXT,
        comment TEXT
    );
    CREATE TABLE import_mapping (
        user_id INTEGER PRIMARY KEY REFERENCES user(id),
        body TEXT NOT NULL CHECK (json_valid(body))
    );",
    // 6: the bureau's reconciliation decisions: for one figure, the source it accepts (empty: the
    // precedence rule stands) and why. Append-only: the latest decision of a figure is in force, and the
    // earlier ones stay as its record.
    "CREATE TABLE source_choice (
        id INTEGER PRIMARY KEY,
        entity_kind TEXT NOT NULL CHECK (entity_kind IN ('region', 'enterprise')),
        entity_id TEXT NOT NULL,
        period TEXT NOT NULL,
        flow TEXT NOT NULL CHECK (flow IN ('export', 'import')),
        dimension TEXT NOT NULL DEFAULT '',
        member TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL,
        explanation TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL
    );
    CREATE INDEX source_choice_key ON source_choice(entity_kind, entity_id, period, flow, dimension, member);
    CREATE TRIGGER source_choice_no_update BEFORE UPDATE ON source_choice BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
    CREATE TRIGGER source_choice_no_delete BEFORE DELETE ON source_choice BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;",
    // 7: sign-in failures, counted per (normalised, truncated name, address) within the throttling
    // window (`core::throttle`), so the counts survive a restart and a flood of sign-ins with huge
    // names adds bounded rows, not one audit entry each. Names no account has share one row per address.
    "CREATE TABLE sign_in_failure (
        account TEXT NOT NULL,
        address TEXT NOT NULL,
        failures INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (account, address)
    ) WITHOUT ROWID;
    CREATE INDEX sign_in_failure_address ON sign_in_failure(address, last_at);",
];

pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: usize = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if current > MIGRATIONS.len() {
        return Err(StoreError::Corrupt(format!(
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
