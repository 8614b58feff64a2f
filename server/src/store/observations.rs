//! Stored observations: insert and read back the approved figures the publisher needs.

use rusqlite::{params, Connection};
use waimao_core::amount::{Amount, Currency};
use waimao_core::dimension::Dimension;
use waimao_core::flow::Flow;
use waimao_core::observation::{Breakdown, Entity, Observation, Status};
use waimao_core::period::Period;
use waimao_core::region::RegionCode;

use crate::error::AppError;

fn entity_columns(e: Entity) -> (&'static str, String) {
    match e {
        Entity::Region(c) => ("region", c.to_string()),
        Entity::Enterprise(id) => ("enterprise", id.to_string()),
    }
}

/// Inserts observations in one transaction: all or nothing.
pub fn insert_observations(
    conn: &mut Connection,
    observations: &[Observation],
    approved: bool,
    source: &str,
    now: &str,
) -> Result<usize, AppError> {
    let tx = conn.transaction()?;
    insert_in(&tx, observations, approved, source, now)?;
    tx.commit()?;
    Ok(observations.len())
}

/// Inserts observations inside the caller's transaction.
pub fn insert_in(
    tx: &Connection,
    observations: &[Observation],
    approved: bool,
    source: &str,
    now: &str,
) -> Result<(), AppError> {
    {
        let mut stmt = tx.prepare(
            "INSERT INTO observation (entity_kind, entity_id, period, flow, dimension, member, value, currency,
                status, version, approved, source, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for o in observations {
            let (kind, id) = entity_columns(o.entity);
            let (dim, member) = o.breakdown.as_ref().map_or(("", ""), |b| (b.dimension.code(), b.member.as_str()));
            stmt.execute(params![
                kind,
                id,
                o.period.to_string(),
                o.flow.code(),
                dim,
                member,
                o.value.units,
                o.value.currency.code(),
                o.status.code(),
                o.version,
                approved,
                source,
                now
            ])?;
        }
    }
    Ok(())
}

pub fn count_observations(conn: &Connection) -> Result<i64, AppError> {
    Ok(conn.query_row("SELECT count(*) FROM observation", [], |r| r.get(0))?)
}

/// Every approved observation (all versions; the publisher keeps the latest of each).
pub fn load_approved_observations(conn: &Connection) -> Result<Vec<Observation>, AppError> {
    let mut stmt = conn.prepare(
        "SELECT entity_kind, entity_id, period, flow, dimension, member, value, currency, status, version
         FROM observation WHERE approved = 1",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, i64>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, u32>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, id, period, flow, dim, member, value, currency, status, version) = row?;
        // A row that does not parse means the database was edited by hand: fail loudly rather than
        // publish a partial picture.
        let bad = |what: &str| AppError::Internal(format!("stored observation has a bad {what}"));
        let entity = match kind.as_str() {
            "region" => Entity::Region(RegionCode::parse(&id).map_err(|_| bad("region"))?),
            _ => Entity::Enterprise(id.parse().map_err(|_| bad("enterprise id"))?),
        };
        let breakdown = if dim.is_empty() {
            None
        } else {
            Some(Breakdown { dimension: Dimension::parse(&dim).ok_or_else(|| bad("dimension"))?, member })
        };
        out.push(Observation {
            entity,
            period: Period::parse(&period).map_err(|_| bad("period"))?,
            flow: Flow::parse(&flow).ok_or_else(|| bad("flow"))?,
            breakdown,
            value: Amount { units: value, currency: Currency::parse(&currency).map_err(|_| bad("currency"))? },
            status: Status::parse(&status).ok_or_else(|| bad("status"))?,
            version,
        });
    }
    Ok(out)
}

/// Whether any approved figure came from the demo generator, so every view must say 示例数据.
pub fn has_demo_data(conn: &Connection) -> Result<bool, AppError> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM observation WHERE approved = 1 AND source = 'demo')", [], |r| {
        r.get(0)
    })?)
}
