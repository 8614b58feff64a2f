//! What the import's endpoints send and receive: the check of an uploaded file (its columns, the
//! mapping, a preview, the findings and the plan), the commit, and the batches awaiting review.

use serde::{Deserialize, Serialize};

use super::mapping::Mapping;
use super::plan::PlanSummary;
use super::{Finding, Report};

/// A row of the preview: its spreadsheet row number and its cells as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SampleRow {
    pub row: u32,
    pub cells: Vec<String>,
}

/// The most characters of one cell the preview shows: enough to recognise it, never a megabyte.
pub const SAMPLE_CELL_CHARS: usize = 200;

impl SampleRow {
    /// Row `i` of `grid` as the preview shows it, long cells cut at [`SAMPLE_CELL_CHARS`] with "…".
    pub fn of(grid: &super::Grid, i: usize) -> Self {
        let clip = |t: String| {
            if t.chars().count() > SAMPLE_CELL_CHARS {
                t.chars().take(SAMPLE_CELL_CHARS).chain(std::iter::once('…')).collect()
            } else {
                t
            }
        };
        SampleRow { row: grid.row_number(i), cells: grid.rows[i].iter().map(|c| clip(c.text())).collect() }
    }
}

/// The answer to an upload or a re-check with another mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckReply {
    /// The stored upload, named again by the check and the commit.
    pub file: i64,
    pub name: String,
    pub sheet: String,
    pub headers: Vec<String>,
    /// The mapping checked: the one sent, or for an upload the remembered or suggested one.
    pub mapping: Mapping,
    /// Data rows in the file.
    pub rows: usize,
    pub sample: Vec<SampleRow>,
    pub report: Report,
    /// What committing would change; present only when the file has no findings.
    pub plan: Option<PlanSummary>,
}

impl CheckReply {
    pub fn findings(&self) -> &[Finding] {
        &self.report.findings
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitRequest {
    pub mapping: Mapping,
    /// Where the figures come from, e.g. "西安海关 2021年7月快报"; the file's name when empty.
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum BatchState {
    /// Committed, awaiting the bureau's review; nothing is published yet.
    Pending,
    /// Approved: its figures are stored and published.
    Approved,
    /// Rejected: nothing was stored.
    Rejected,
}

impl BatchState {
    pub fn code(self) -> &'static str {
        match self {
            BatchState::Pending => "pending",
            BatchState::Approved => "approved",
            BatchState::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [BatchState::Pending, BatchState::Approved, BatchState::Rejected].into_iter().find(|b| b.code() == s)
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            BatchState::Pending => lang.pick("待审核", "Awaiting review"),
            BatchState::Approved => lang.pick("已通过并发布", "Approved and published"),
            BatchState::Rejected => lang.pick("已退回", "Rejected"),
        }
    }
}

/// A committed import: one file's figures under one mapping, reviewed as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportBatch {
    pub id: i64,
    pub file_name: String,
    pub source: String,
    pub state: BatchState,
    pub summary: PlanSummary,
    pub committed_by: String,
    pub committed_at: String,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    pub comment: Option<String>,
}

/// The answer to a commit: the batch created (or the pending one for the same file and mapping), or
/// none when every figure is stored already.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitReply {
    pub batch: Option<ImportBatch>,
    pub summary: PlanSummary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchReview {
    pub approve: bool,
    /// Required when rejecting.
    #[serde(default)]
    pub comment: String,
}
