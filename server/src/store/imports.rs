//! Stored imports: the uploaded files as sent, the batches committed from them (pending until the
//! bureau reviews them), and the mapping each user chose last.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use waimao_core::import::plan::Stored;
use waimao_core::import::{BatchState, ImportBatch, ImportedFigure, Mapping, PlanSummary};
use waimao_core::observation::FigureKey;

use super::load_sourced;
use super::StoreError;

/// An uploaded file.
pub struct Upload {
    pub id: i64,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Stores a file once per content: uploading the same bytes again returns the stored file's id.
pub fn save_upload(
    conn: &Connection,
    name: &str,
    bytes: &[u8],
    sha256: &str,
    by: &str,
    now: i64,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO import_file (sha256, name, bytes, uploaded_by, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (sha256) DO NOTHING",
        params![sha256, name, bytes, by, now],
    )?;
    Ok(conn.query_row("SELECT id FROM import_file WHERE sha256 = ?1", [sha256], |r| r.get(0))?)
}

pub fn upload(conn: &Connection, id: i64) -> Result<Option<Upload>, StoreError> {
    Ok(conn
        .query_row("SELECT id, name, bytes FROM import_file WHERE id = ?1", [id], |r| {
            Ok(Upload { id: r.get(0)?, name: r.get(1)?, bytes: r.get(2)? })
        })
        .optional()?)
}

pub fn remembered_mapping(conn: &Connection, user_id: i64) -> Result<Option<Mapping>, StoreError> {
    let body: Option<String> =
        conn.query_row("SELECT body FROM import_mapping WHERE user_id = ?1", [user_id], |r| r.get(0)).optional()?;
    // A mapping stored by an older version that no longer parses is simply forgotten.
    Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
}

pub fn remember_mapping(conn: &Connection, user_id: i64, mapping: &Mapping) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO import_mapping (user_id, body) VALUES (?1, ?2)
         ON CONFLICT (user_id) DO UPDATE SET body = excluded.body",
        params![user_id, json(mapping)?],
    )?;
    Ok(())
}

/// The latest approved value and version of every stored figure (the base a plan compares with).
/// What an import is planned against: customs' latest value and the highest version of each figure.
pub fn latest_figures(conn: &Connection) -> Result<BTreeMap<FigureKey, Stored>, StoreError> {
    Ok(waimao_core::import::plan::stored(&load_sourced(conn, super::Which::default())?))
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("json: {e}")))
}

const BATCH_COLUMNS: &str = "b.id, f.name, b.source, b.state, b.summary, b.committed_by, b.committed_at, \
    b.reviewed_by, b.reviewed_at, b.comment";

fn batch_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ImportBatch, String)> {
    let state: String = r.get(3)?;
    let summary: String = r.get(4)?;
    Ok((
        ImportBatch {
            id: r.get(0)?,
            file_name: r.get(1)?,
            source: r.get(2)?,
            state: BatchState::parse(&state).unwrap_or(BatchState::Pending),
            summary: serde_json::from_str::<PlanSummary>(&summary).unwrap_or_default(),
            committed_by: r.get(5)?,
            committed_at: r.get(6)?,
            reviewed_by: r.get(7)?,
            reviewed_at: r.get(8)?,
            comment: r.get(9)?,
        },
        state,
    ))
}

/// Every batch, newest first.
pub fn batches(conn: &Connection) -> Result<Vec<ImportBatch>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {BATCH_COLUMNS} FROM import_batch b JOIN import_file f ON f.id = b.file ORDER BY b.id DESC"
    ))?;
    let rows = stmt.query_map([], batch_row)?;
    Ok(rows.map(|r| r.map(|(b, _)| b)).collect::<Result<_, _>>()?)
}

/// A batch and the figures it carries.
pub fn batch(conn: &Connection, id: i64) -> Result<Option<(ImportBatch, Vec<ImportedFigure>)>, StoreError> {
    let found = conn
        .query_row(
            &format!(
                "SELECT {BATCH_COLUMNS}, b.figures FROM import_batch b JOIN import_file f ON f.id = b.file WHERE b.id = ?1"
            ),
            [id],
            |r| Ok((batch_row(r)?.0, r.get::<_, String>(10)?)),
        )
        .optional()?;
    let Some((batch, figures)) = found else { return Ok(None) };
    let figures = serde_json::from_str(&figures).map_err(|e| StoreError::Corrupt(format!("stored batch: {e}")))?;
    Ok(Some((batch, figures)))
}

/// The pending batch of the same file under the same mapping, if any: committing again returns it.
pub fn pending_for(conn: &Connection, file: i64, mapping: &Mapping) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id FROM import_batch WHERE file = ?1 AND mapping = ?2 AND state = 'pending'",
            params![file, json(mapping)?],
            |r| r.get(0),
        )
        .optional()?)
}

pub struct NewBatch<'a> {
    pub file: i64,
    pub mapping: &'a Mapping,
    pub source: &'a str,
    pub figures: &'a [ImportedFigure],
    pub summary: &'a PlanSummary,
    pub by: &'a str,
    pub now: &'a str,
}

pub fn create_batch(conn: &Connection, b: &NewBatch<'_>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO import_batch (file, mapping, source, figures, summary, state, committed_by, committed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7)",
        params![b.file, json(b.mapping)?, b.source, json(&b.figures)?, json(b.summary)?, b.by, b.now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Records the review of a pending batch; the summary is what approving actually changed.
pub fn review_batch(
    conn: &Connection,
    id: i64,
    state: BatchState,
    summary: &PlanSummary,
    by: &str,
    now: &str,
    comment: Option<&str>,
) -> Result<(), StoreError> {
    let changed = conn.execute(
        "UPDATE import_batch SET state = ?2, summary = ?3, reviewed_by = ?4, reviewed_at = ?5, comment = ?6
         WHERE id = ?1 AND state = 'pending'",
        params![id, state.code(), json(summary)?, by, now, comment],
    )?;
    if changed == 0 {
        return Err(StoreError::Refused("该批次已审核过 / This batch has been reviewed already".into()));
    }
    Ok(())
}
