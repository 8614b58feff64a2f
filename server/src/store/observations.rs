//! Stored observations: insert and read back the approved figures the publisher needs.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};
use waimao_core::amount::{Amount, Currency};
use waimao_core::dimension::Dimension;
use waimao_core::flow::Flow;
use waimao_core::observation::{Breakdown, Entity, FigureKey, Observation, Status};
use waimao_core::period::Period;
use waimao_core::reconcile::Choice;
use waimao_core::region::RegionCode;
use waimao_core::source::{Source, Sourced};

use super::StoreError;

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
) -> Result<usize, StoreError> {
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
) -> Result<(), StoreError> {
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

pub fn count_observations(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM observation", [], |r| r.get(0))?)
}

/// Every approved observation (all versions, every source).
pub fn load_approved_observations(conn: &Connection) -> Result<Vec<Observation>, StoreError> {
    Ok(load_sourced(conn, Which::default())?.into_iter().map(|f| f.observation).collect())
}

/// Which stored figures to read: all, or one entity's, only totals, only some periods. Each narrowing is
/// a condition on the primary key's leading columns, so a filer's history never scans the whole table.
#[derive(Debug, Clone, Default)]
pub struct Which {
    pub entity: Option<Entity>,
    pub totals_only: bool,
    pub periods: Vec<Period>,
}

/// Approved figures with their sources; who approved each comes from the return or import batch named
/// by its provenance tag.
pub fn load_sourced(conn: &Connection, which: Which) -> Result<Vec<Sourced>, StoreError> {
    let mut sql = String::from(
        "SELECT o.entity_kind, o.entity_id, o.period, o.flow, o.dimension, o.member, o.value, o.currency,
                o.status, o.version, o.source, o.created_at, coalesce(rv.reviewed_by, b.reviewed_by)
         FROM observation o
         LEFT JOIN return_version rv ON o.source LIKE 'return:%' AND rv.submission_id = substr(o.source, 8)
         LEFT JOIN import_batch b ON o.source LIKE 'import:%' AND b.id = CAST(substr(o.source, 8) AS INTEGER)
         WHERE o.approved = 1",
    );
    let mut args: Vec<String> = Vec::new();
    if let Some(e) = which.entity {
        let (kind, id) = entity_columns(e);
        sql.push_str(" AND o.entity_kind = ? AND o.entity_id = ?");
        args.extend([kind.to_string(), id]);
    }
    if !which.periods.is_empty() {
        sql.push_str(&format!(" AND o.period IN ({})", vec!["?"; which.periods.len()].join(", ")));
        args.extend(which.periods.iter().map(ToString::to_string));
    }
    if which.totals_only {
        sql.push_str(" AND o.dimension = ''");
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        Ok((
            key_text(r)?,
            (r.get::<_, i64>(6)?, r.get::<_, String>(7)?, r.get::<_, String>(8)?, r.get::<_, u32>(9)?),
            (r.get::<_, String>(10)?, r.get::<_, String>(11)?, r.get::<_, Option<String>>(12)?),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let ((kind, id, period, flow, dim, member), (value, currency, status, version), (tag, at, by)) = row?;
        let key = parse_key(&kind, &id, &period, &flow, &dim, member)?;
        // A row that does not parse means the database was edited by hand: fail loudly rather than
        // publish a partial picture.
        let bad = |what: &str| StoreError::Corrupt(format!("stored observation has a bad {what}"));
        let observation = Observation {
            entity: key.entity,
            period: key.period,
            flow: key.flow,
            breakdown: key.breakdown,
            value: Amount { units: value, currency: Currency::parse(&currency).map_err(|_| bad("currency"))? },
            status: Status::parse(&status).ok_or_else(|| bad("status"))?,
            version,
        };
        out.push(Sourced { source: Source::of_tag(&tag, observation.entity), observation, tag, at, by });
    }
    Ok(out)
}

/// The six key columns (entity kind and id, period, flow, dimension, member) at the start of a row.
type KeyText = (String, String, String, String, String, String);

fn key_text(r: &rusqlite::Row<'_>) -> rusqlite::Result<KeyText> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
}

/// A figure's key from its stored columns.
pub fn parse_key(
    kind: &str,
    id: &str,
    period: &str,
    flow: &str,
    dim: &str,
    member: String,
) -> Result<FigureKey, StoreError> {
    let bad = |what: &str| StoreError::Corrupt(format!("stored figure has a bad {what}"));
    let entity = match kind {
        "region" => Entity::Region(RegionCode::parse(id).map_err(|_| bad("region"))?),
        _ => Entity::Enterprise(id.parse().map_err(|_| bad("enterprise id"))?),
    };
    let breakdown = if dim.is_empty() {
        None
    } else {
        Some(Breakdown { dimension: Dimension::parse(dim).ok_or_else(|| bad("dimension"))?, member })
    };
    Ok(FigureKey {
        entity,
        period: Period::parse(period).map_err(|_| bad("period"))?,
        flow: Flow::parse(flow).ok_or_else(|| bad("flow"))?,
        breakdown,
    })
}

/// The stored columns of a figure's key: entity kind and id, period, flow, dimension and member.
pub fn key_columns(key: &FigureKey) -> (&'static str, String, String, &'static str, &'static str, String) {
    let (kind, id) = entity_columns(key.entity);
    let (dim, member) = key.breakdown.as_ref().map_or(("", String::new()), |b| (b.dimension.code(), b.member.clone()));
    (kind, id, key.period.to_string(), key.flow.code(), dim, member)
}

/// The bureau's decision in force for each figure that has one.
pub fn load_choices(conn: &Connection) -> Result<BTreeMap<FigureKey, Choice>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity_kind, entity_id, period, flow, dimension, member, source, explanation, decided_by, decided_at
         FROM source_choice ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            key_text(r)?,
            (r.get::<_, String>(6)?, r.get::<_, String>(7)?, r.get::<_, String>(8)?, r.get::<_, String>(9)?),
        ))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let ((kind, id, period, flow, dim, member), (source, explanation, by, at)) = row?;
        let key = parse_key(&kind, &id, &period, &flow, &dim, member)?;
        // Later rows replace earlier ones: the latest decision is in force.
        out.insert(key, Choice { source: Source::parse(&source), explanation, by, at });
    }
    Ok(out)
}

/// Records a decision (in the caller's transaction, beside its audit entry) and returns its id.
pub fn insert_choice(conn: &Connection, key: &FigureKey, choice: &Choice) -> Result<i64, StoreError> {
    let (kind, id, period, flow, dim, member) = key_columns(key);
    conn.execute(
        "INSERT INTO source_choice (entity_kind, entity_id, period, flow, dimension, member, source, explanation,
            decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            kind,
            id,
            period,
            flow,
            dim,
            member,
            choice.source.map_or("", |s| s.code()),
            choice.explanation,
            choice.by,
            choice.at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The next version of a figure (over every source) and whether `tag_prefix`'s source has released it.
pub fn next_version(conn: &Connection, key: &FigureKey, tag_prefix: &str) -> Result<(u32, bool), StoreError> {
    let (kind, id, period, flow, dim, member) = key_columns(key);
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(max(version), 0), coalesce(sum(approved AND source LIKE ?7 || '%'), 0) FROM observation
         WHERE entity_kind = ?1 AND entity_id = ?2 AND period = ?3 AND flow = ?4 AND dimension = ?5 AND member = ?6",
    )?;
    let (max, released): (u32, i64) =
        stmt.query_row(params![kind, id, period, flow, dim, member, tag_prefix], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((max + 1, released > 0))
}

/// Whether any approved figure came from the demo generator, so every view must say 示例数据.
pub fn has_demo_data(conn: &Connection) -> Result<bool, StoreError> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM observation WHERE approved = 1 AND source = 'demo')", [], |r| {
        r.get(0)
    })?)
}
