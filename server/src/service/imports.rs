//! Importing spreadsheets of monthly figures (the bureau): storing an uploaded file, checking it
//! under a mapping (preview, findings by row and column, what would change), committing it as a batch
//! awaiting review, and approving (store and publish) or rejecting the batch. What a file means is
//! `waimao_core::import`'s.
//!
//! Checking is the one command that is not a single transaction: parsing is heavy and runs on the
//! blocking pool under a permit of [`AppState::checks`], outside the store, between two short reads.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use waimao_core::account::Principal;
use waimao_core::enterprise::Enterprise;
use waimao_core::import::{
    self, BatchReview, BatchState, CheckReply, ImportBatch, ImportedFigure, Mapping, PlanSummary, SampleRow,
};

use super::{require, run, Error, Work};
use crate::state::AppState;
use crate::store::imports::{self as stored, NewBatch, Upload};
use crate::store::{self, insert_in};

/// The longest file name and source name kept, in characters.
const NAME_MAX_CHARS: usize = 200;

fn trimmed(text: &str) -> String {
    text.trim().chars().take(NAME_MAX_CHARS).collect()
}

/// Stores an uploaded file (once per content) and answers it with the caller's remembered mapping.
pub fn save(w: &mut Work, name: &str, bytes: &[u8]) -> Result<(Upload, Option<Mapping>), Error> {
    require(w.who.can_import())?;
    let name = trimmed(name);
    if name.is_empty() {
        return Err(Error::refused("请给出文件名", "Give the file's name"));
    }
    let sha = crate::publisher::sha256_hex(bytes);
    let id = stored::save_upload(&w.tx, &name, bytes, &sha, &w.who.name, w.at.secs)?;
    let remembered = stored::remembered_mapping(&w.tx, w.who.user_id)?;
    Ok((stored::upload(&w.tx, id)?.ok_or(Error::NotFound)?, remembered))
}

/// Stored file `id`, remembering `mapping` (when given) for the caller's next file.
pub fn open(w: &mut Work, id: i64, mapping: Option<&Mapping>) -> Result<Upload, Error> {
    require(w.who.can_import())?;
    let file = stored::upload(&w.tx, id)?.ok_or(Error::NotFound)?;
    if let Some(m) = mapping {
        stored::remember_mapping(&w.tx, w.who.user_id, m)?;
    }
    Ok(file)
}

/// Sets its flag when dropped: a handler future dropped by the timeout or a disconnect tells its
/// blocking work that nobody waits for it.
struct AbandonOnDrop(Arc<AtomicBool>);

impl Drop for AbandonOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Reads and checks `file` under `mapping` (or one suggested from its headers and the `remembered`
/// one) and, when it has no findings, plans it against the stored figures: the reply, and the figures
/// a commit would store.
pub async fn check(
    state: &AppState,
    who: &Principal,
    file: Upload,
    mapping: Option<Mapping>,
    remembered: Option<Mapping>,
) -> Result<(CheckReply, Option<Vec<ImportedFigure>>), Error> {
    // Enterprise-level rows are matched against the key-enterprise registry as it stands now.
    let firms: Vec<Enterprise> = run(state, who.clone(), |w| {
        require(w.who.can_import())?;
        Ok(store::load_enterprises(&w.tx)?)
    })
    .await?;
    let (regions, classes) = (state.regions.clone(), state.classes.clone());
    // The permit goes into the blocking task and is released when the work ends, not when the request
    // does; the flag tells the work to stop, within the file's read and between stages, once nobody
    // waits for it.
    let permit =
        state.checks.clone().acquire_owned().await.map_err(|e| Error::refused("服务器正在关闭", &e.to_string()))?;
    let abandoned = Arc::new(AtomicBool::new(false));
    let _abandon_on_drop = AbandonOnDrop(abandoned.clone());
    let (mut reply, figures) = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut reply = CheckReply {
            file: file.id,
            name: file.name.clone(),
            sheet: String::new(),
            headers: Vec::new(),
            mapping: mapping.clone().or(remembered.clone()).unwrap_or_default(),
            rows: 0,
            sample: Vec::new(),
            report: import::Report::default(),
            plan: None,
        };
        let gone = || abandoned.load(Ordering::Relaxed);
        let grid = match import::sheet::read_until(&file.name, &file.bytes, &gone) {
            Ok(g) => g,
            Err(f) => {
                reply.report.push(f);
                return (reply, None);
            }
        };
        if abandoned.load(Ordering::Relaxed) {
            return (reply, None);
        }
        reply.mapping = mapping.unwrap_or_else(|| Mapping::suggest(&grid.headers, remembered.as_ref()));
        reply.sheet = grid.sheet.clone();
        reply.rows = grid.rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())).count();
        reply.sample = (0..grid.rows.len().min(import::SAMPLE_ROWS)).map(|i| SampleRow::of(&grid, i)).collect();
        let figures = match import::read_figures(&grid, &reply.mapping, &regions, &classes, &firms) {
            Ok(f) => Some(f),
            Err(report) => {
                reply.report = report;
                None
            }
        };
        reply.headers = grid.headers;
        (reply, figures)
    })
    .await
    .map_err(|e| Error::Store(store::StoreError::Corrupt(format!("import check failed: {e}"))))?;
    if let Some(f) = figures.clone() {
        reply.plan = Some(
            run(state, who.clone(), move |w| Ok(import::plan(&f, &stored::latest_figures(&w.tx)?).summary)).await?,
        );
    }
    Ok((reply, figures))
}

fn describe(source: &str, s: &PlanSummary) -> String {
    format!("{source}: {} new, {} revised, {} unchanged ({})", s.new, s.revised, s.unchanged, s.periods.join(" "))
}

/// Commits file `id`'s checked `figures` as one batch awaiting review, named after `source` (the
/// file's name when blank). Committing a file again while its batch is pending answers that batch.
pub fn commit(
    w: &mut Work,
    id: i64,
    mapping: &Mapping,
    source: &str,
    figures: &[ImportedFigure],
    summary: &PlanSummary,
) -> Result<Option<ImportBatch>, Error> {
    require(w.who.can_import())?;
    if let Some(existing) = stored::pending_for(&w.tx, id, mapping)? {
        return Ok(stored::batch(&w.tx, existing)?.map(|(b, _)| b));
    }
    let source = trimmed(source);
    let new = NewBatch { file: id, mapping, source: &source, figures, summary, by: &w.who.name, now: &w.at.stamp };
    let batch_id = stored::create_batch(&w.tx, &new)?;
    w.audit("import_commit", format!("import/{batch_id}"), None, Some(describe(&source, summary)))?;
    Ok(stored::batch(&w.tx, batch_id)?.map(|(b, _)| b))
}

/// Every batch, newest first.
pub fn batches(w: &mut Work) -> Result<Vec<ImportBatch>, Error> {
    require(w.who.can_import())?;
    Ok(stored::batches(&w.tx)?)
}

/// Approves pending batch `id` (its figures become approved observations, each a new version of what
/// was stored, then published) or rejects it with a comment (nothing is stored).
pub fn review(w: &mut Work, id: i64, body: BatchReview) -> Result<ImportBatch, Error> {
    require(w.who.can_import())?;
    let comment = body.comment.trim().to_string();
    if !body.approve && comment.is_empty() {
        return Err(Error::refused("退回时请写明原因", "Say why the batch is rejected"));
    }
    let (batch, figures) = stored::batch(&w.tx, id)?.ok_or(Error::NotFound)?;
    let comment = (!comment.is_empty()).then_some(comment.as_str());
    let (state, summary) = if body.approve {
        // Planned again now: a figure approved since the commit is the base of this one.
        let plan = import::plan(&figures, &stored::latest_figures(&w.tx)?);
        insert_in(&w.tx, &plan.observations, true, &format!("import:{id}"), &w.at.stamp)?;
        w.publish_after();
        (BatchState::Approved, plan.summary)
    } else {
        (BatchState::Rejected, batch.summary.clone())
    };
    stored::review_batch(&w.tx, id, state, &summary, &w.who.name, &w.at.stamp, comment)?;
    let action = if body.approve { "import_approve" } else { "import_reject" };
    let new = format!("{}: {}", state.code(), describe(&batch.source, &summary));
    w.audit(action, format!("import/{id}"), Some("pending".into()), Some(new))?;
    Ok(stored::batch(&w.tx, id)?.ok_or(Error::NotFound)?.0)
}
