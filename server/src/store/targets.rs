//! Annual targets for total trade, per county.

use rusqlite::{params, Connection};
use waimao_core::api::Target;
use waimao_core::region::RegionCode;

use super::StoreError;

pub fn insert_targets(conn: &mut Connection, targets: &[Target]) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    for t in targets {
        tx.execute(
            "INSERT INTO target (region, year, total, currency) VALUES (?1, ?2, ?3, 'CNY')
             ON CONFLICT (region, year) DO UPDATE SET total = excluded.total",
            params![t.region.to_string(), t.year, t.total],
        )?;
    }
    tx.commit()?;
    Ok(())
}

pub fn load_targets(conn: &Connection) -> Result<Vec<Target>, StoreError> {
    let mut stmt = conn.prepare("SELECT region, year, total FROM target ORDER BY year, region")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?, r.get::<_, i64>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (region, year, total) = row?;
        let region = RegionCode::parse(&region).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        out.push(Target { region, year, total });
    }
    Ok(out)
}

/// Sets one region's annual target and returns the value it replaces.
pub fn set_target(conn: &Connection, region: &str, year: i32, total: i64) -> Result<Option<i64>, StoreError> {
    use rusqlite::OptionalExtension;
    let old: Option<i64> = conn
        .query_row("SELECT total FROM target WHERE region = ?1 AND year = ?2", params![region, year], |r| r.get(0))
        .optional()?;
    conn.execute(
        "INSERT INTO target (region, year, total, currency) VALUES (?1, ?2, ?3, 'CNY')
         ON CONFLICT (region, year) DO UPDATE SET total = excluded.total",
        params![region, year, total],
    )?;
    Ok(old)
}
