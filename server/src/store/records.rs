//! The registries' records (problems, experts, activities, members, meetings, tasks) as documents:
//! core's struct as JSON in `body`, with the links permissions and joins need (enterprise, county,
//! parent meeting) copied into columns. Every write names the version it was based on, so a stale
//! edit is refused instead of silently overwriting someone else's.

use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;
use waimao_core::activity::Activity;
use waimao_core::expert::Expert;
use waimao_core::group::{Meeting, Member};
use waimao_core::problem::Problem;
use waimao_core::task::Task;

use super::StoreError;

/// The columns a record is found and authorised by.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Links {
    pub enterprise: Option<i64>,
    pub county: Option<String>,
    pub parent: Option<i64>,
}

/// A registry record stored as a document.
pub trait Doc: Serialize + DeserializeOwned + Clone + Send + 'static {
    const KIND: &'static str;
    fn ids(&mut self) -> (&mut i64, &mut i64);
    fn links(&self) -> Links {
        Links::default()
    }
}

macro_rules! doc {
    ($t:ty, $kind:literal) => {
        doc!($t, $kind, |_x| Links::default());
    };
    ($t:ty, $kind:literal, $links:expr) => {
        impl Doc for $t {
            const KIND: &'static str = $kind;
            fn ids(&mut self) -> (&mut i64, &mut i64) {
                (&mut self.id, &mut self.version)
            }
            fn links(&self) -> Links {
                let f: fn(&$t) -> Links = $links;
                f(self)
            }
        }
    };
}

doc!(Expert, "expert");
doc!(Activity, "activity");
doc!(Member, "member");
doc!(Meeting, "meeting");
doc!(Problem, "problem", |p| Links { enterprise: Some(p.enterprise), ..Links::default() });
doc!(Task, "task", |t| Links {
    county: t.responsible.county().map(|c| c.to_string()),
    parent: Some(t.meeting),
    ..Links::default()
});

fn decode<T: Doc>(id: i64, version: i64, body: &str) -> Result<T, StoreError> {
    let mut item: T = serde_json::from_str(body)
        .map_err(|e| StoreError::Corrupt(format!("stored {} {id} does not read: {e}", T::KIND)))?;
    let (i, v) = item.ids();
    (*i, *v) = (id, version);
    Ok(item)
}

fn encode<T: Doc>(item: &T) -> Result<String, StoreError> {
    serde_json::to_string(item).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Every record of a kind, oldest first.
pub fn list<T: Doc>(conn: &Connection) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare("SELECT id, version, body FROM record WHERE kind = ?1 ORDER BY id")?;
    let rows = stmt.query_map([T::KIND], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))?;
    rows.map(|row| {
        let (id, version, body) = row?;
        decode(id, version, &body)
    })
    .collect()
}

pub fn get<T: Doc>(conn: &Connection, id: i64) -> Result<Option<T>, StoreError> {
    let row = conn
        .query_row("SELECT version, body FROM record WHERE kind = ?1 AND id = ?2", params![T::KIND, id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?;
    row.map(|(version, body)| decode(id, version, &body)).transpose()
}

/// Stores a new record as version 1 and gives it its id.
pub fn insert<T: Doc>(conn: &Connection, item: &mut T, now: i64) -> Result<i64, StoreError> {
    let links = item.links();
    conn.execute(
        "INSERT INTO record (kind, enterprise, county, parent, version, body, updated_at) VALUES (?1, ?2, ?3, ?4, 1, '{}', ?5)",
        params![T::KIND, links.enterprise, links.county, links.parent, now],
    )?;
    let id = conn.last_insert_rowid();
    let (i, v) = item.ids();
    (*i, *v) = (id, 1);
    conn.execute("UPDATE record SET body = ?1 WHERE id = ?2", params![encode(item)?, id])?;
    Ok(id)
}

/// Replaces a record whose stored version is `base`, as version `base + 1`; returns the old body (for
/// the audit log). A record changed meanwhile is a conflict.
pub fn update<T: Doc>(conn: &Connection, item: &mut T, base: i64, now: i64) -> Result<String, StoreError> {
    let id = *item.ids().0;
    let old: Option<(i64, String)> = conn
        .query_row("SELECT version, body FROM record WHERE kind = ?1 AND id = ?2", params![T::KIND, id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((version, old_body)) = old else { return Err(StoreError::NotFound) };
    if version != base {
        return Err(StoreError::Stale);
    }
    *item.ids().1 = base + 1;
    let links = item.links();
    conn.execute(
        "UPDATE record SET enterprise = ?1, county = ?2, parent = ?3, version = ?4, body = ?5, updated_at = ?6 WHERE id = ?7",
        params![links.enterprise, links.county, links.parent, base + 1, encode(item)?, now, id],
    )?;
    Ok(old_body)
}
