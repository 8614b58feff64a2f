//! Monthly returns (月报) as people enter them: a county's or an enterprise's exports and imports for
//! one month. Every save is a new version of each figure, unapproved until the bureau approves it, so
//! nothing entered is ever overwritten.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// Whose return it is, as stored in `observation.entity_kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    County,
    Enterprise,
}

impl Owner {
    fn kind(self) -> &'static str {
        match self {
            Owner::County => "region",
            Owner::Enterprise => "enterprise",
        }
    }
}

pub use waimao_core::returns::{Figure, Return};

fn latest(conn: &Connection, owner: Owner, id: &str, period: &str, flow: &str) -> Result<Option<Figure>, AppError> {
    Ok(conn
        .query_row(
            "SELECT value, version, approved FROM observation
             WHERE entity_kind = ?1 AND entity_id = ?2 AND period = ?3 AND flow = ?4 AND dimension = ''
             ORDER BY version DESC LIMIT 1",
            params![owner.kind(), id, period, flow],
            |r| Ok(Figure { value: r.get(0)?, version: r.get(1)?, approved: r.get(2)? }),
        )
        .optional()?)
}

pub fn read(conn: &Connection, owner: Owner, id: &str, period: &str) -> Result<Return, AppError> {
    Ok(Return {
        exports: latest(conn, owner, id, period, "export")?,
        imports: latest(conn, owner, id, period, "import")?,
    })
}

/// Which return a save is for, and who saved it when.
pub struct Saving<'a> {
    pub owner: Owner,
    pub id: &'a str,
    pub period: &'a str,
    pub source: &'a str,
    pub now: &'a str,
}

/// Saves both flows as new unapproved versions and returns the return as it was before.
pub fn write(conn: &Connection, s: &Saving<'_>, exports: i64, imports: i64) -> Result<Return, AppError> {
    let Saving { owner, id, period, source, now } = *s;
    let before = read(conn, owner, id, period)?;
    for (flow, value, old) in [("export", exports, &before.exports), ("import", imports, &before.imports)] {
        let version = old.as_ref().map_or(1, |f| f.version + 1);
        conn.execute(
            "INSERT INTO observation (entity_kind, entity_id, period, flow, dimension, member, value, currency,
                status, version, approved, source, created_at)
             VALUES (?1, ?2, ?3, ?4, '', '', ?5, 'CNY', 'preliminary', ?6, 0, ?7, ?8)",
            params![owner.kind(), id, period, flow, value, version, source, now],
        )?;
    }
    Ok(before)
}

/// Approves the latest versions of a return; `false` when there is nothing to approve.
pub fn approve(conn: &Connection, owner: Owner, id: &str, period: &str) -> Result<bool, AppError> {
    let mut any = false;
    for flow in ["export", "import"] {
        if let Some(f) = latest(conn, owner, id, period, flow)? {
            any |= conn.execute(
                "UPDATE observation SET approved = 1 WHERE entity_kind = ?1 AND entity_id = ?2 AND period = ?3
                 AND flow = ?4 AND dimension = '' AND version = ?5",
                params![owner.kind(), id, period, flow, f.version],
            )? > 0;
        }
    }
    Ok(any)
}

pub fn enterprise_exists(conn: &Connection, id: i64) -> Result<bool, AppError> {
    Ok(conn.query_row("SELECT count(*) FROM enterprise WHERE id = ?1", [id], |r| r.get::<_, i64>(0))? > 0)
}
