//! The key-enterprise registry.

use rusqlite::{params, Connection};
use waimao_core::enterprise::Enterprise;
use waimao_core::region::RegionCode;

use crate::error::AppError;

pub fn insert_enterprises(conn: &mut Connection, list: &[Enterprise]) -> Result<(), AppError> {
    let tx = conn.transaction()?;
    for e in list {
        tx.execute(
            "INSERT INTO enterprise (id, name_zh, name_en, county, nature, main_hs, illustrative)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![e.id, e.name_zh, e.name_en, e.county.to_string(), e.nature, e.main_hs, e.illustrative],
        )?;
    }
    tx.commit()?;
    Ok(())
}

pub fn load_enterprises(conn: &Connection) -> Result<Vec<Enterprise>, AppError> {
    let mut stmt =
        conn.prepare("SELECT id, name_zh, name_en, county, nature, main_hs, illustrative FROM enterprise ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, bool>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name_zh, name_en, county, nature, main_hs, illustrative) = row?;
        let county = RegionCode::parse(&county).map_err(|e| AppError::Internal(e.to_string()))?;
        out.push(Enterprise { id, name_zh, name_en, county, nature, main_hs, illustrative });
    }
    Ok(out)
}
