//! The key-enterprise registry: typed columns that users and observations refer to, and the whole
//! record as JSON. Rows written before the registry had more fields (no `body`) read with defaults.

use rusqlite::{params, Connection, OptionalExtension};
use waimao_core::enterprise::Enterprise;
use waimao_core::region::RegionCode;

use super::StoreError;

fn encode(e: &Enterprise) -> Result<String, StoreError> {
    serde_json::to_string(e).map_err(|err| StoreError::Corrupt(err.to_string()))
}

/// Inserts records that carry their ids (the demo data); in one transaction.
pub fn insert_enterprises(conn: &mut Connection, list: &[Enterprise]) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    for e in list {
        tx.execute(
            "INSERT INTO enterprise (id, name_zh, name_en, county, nature, main_hs, illustrative, uscc, body, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1)",
            params![
                e.id,
                e.name_zh,
                e.name_en,
                e.county.to_string(),
                e.nature,
                e.main_hs,
                e.illustrative,
                e.uscc,
                encode(e)?
            ],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// A new enterprise; its id is assigned here. A code already registered is refused by the unique index.
pub fn create_enterprise(conn: &Connection, e: &mut Enterprise) -> Result<i64, StoreError> {
    e.version = 1;
    conn.execute(
        "INSERT INTO enterprise (name_zh, name_en, county, nature, main_hs, illustrative, uscc, body, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '{}', 1)",
        params![e.name_zh, e.name_en, e.county.to_string(), e.nature, e.main_hs, e.illustrative, e.uscc],
    )?;
    e.id = conn.last_insert_rowid();
    conn.execute("UPDATE enterprise SET body = ?1 WHERE id = ?2", params![encode(e)?, e.id])?;
    Ok(e.id)
}

/// Replaces the record stored as version `base`; returns the old record. A changed record is a conflict.
pub fn update_enterprise(conn: &Connection, e: &mut Enterprise, base: i64) -> Result<Enterprise, StoreError> {
    let old = get_enterprise(conn, e.id)?.ok_or(StoreError::NotFound)?;
    if old.version != base {
        return Err(StoreError::Stale);
    }
    e.version = base + 1;
    conn.execute(
        "UPDATE enterprise SET name_zh = ?1, name_en = ?2, county = ?3, nature = ?4, main_hs = ?5, illustrative = ?6,
         uscc = ?7, body = ?8, version = ?9 WHERE id = ?10",
        params![
            e.name_zh,
            e.name_en,
            e.county.to_string(),
            e.nature,
            e.main_hs,
            e.illustrative,
            e.uscc,
            encode(e)?,
            e.version,
            e.id
        ],
    )?;
    Ok(old)
}

/// Whether another enterprise holds this code.
pub fn uscc_taken(conn: &Connection, uscc: &str, except: i64) -> Result<bool, StoreError> {
    Ok(conn
        .query_row("SELECT 1 FROM enterprise WHERE uscc = ?1 AND id <> ?2", params![uscc, except], |_| Ok(()))
        .optional()?
        .is_some())
}

const COLUMNS: &str = "id, name_zh, name_en, county, nature, main_hs, illustrative, version, body";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Enterprise, Option<String>)> {
    let county: String = r.get(3)?;
    let county = RegionCode::parse(&county)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e)))?;
    let e = Enterprise {
        id: r.get(0)?,
        version: r.get(7)?,
        name_zh: r.get(1)?,
        name_en: r.get(2)?,
        uscc: String::new(),
        county,
        nature: r.get(4)?,
        main_hs: r.get(5)?,
        products: String::new(),
        markets: Vec::new(),
        liaison: String::new(),
        contact: String::new(),
        phone: String::new(),
        status: Default::default(),
        added_on: chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
        illustrative: r.get(6)?,
    };
    Ok((e, r.get(8)?))
}

/// The stored record, the JSON body when there is one; the typed columns otherwise.
fn finish((columns, body): (Enterprise, Option<String>)) -> Result<Enterprise, StoreError> {
    match body {
        Some(b) => {
            let mut e: Enterprise = serde_json::from_str(&b)
                .map_err(|err| StoreError::Corrupt(format!("enterprise {}: {err}", columns.id)))?;
            (e.id, e.version) = (columns.id, columns.version);
            Ok(e)
        }
        None => Ok(columns),
    }
}

pub fn load_enterprises(conn: &Connection) -> Result<Vec<Enterprise>, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM enterprise ORDER BY id"))?;
    let rows = stmt.query_map([], read)?;
    rows.map(|r| finish(r?)).collect()
}

pub fn get_enterprise(conn: &Connection, id: i64) -> Result<Option<Enterprise>, StoreError> {
    let row = conn.query_row(&format!("SELECT {COLUMNS} FROM enterprise WHERE id = ?1"), [id], read).optional()?;
    row.map(finish).transpose()
}
