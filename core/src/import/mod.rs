//! Importing monthly figures from a spreadsheet (customs' figures, a county's table): the grid of
//! cells a file holds, the mapping of its columns to fields, the row-by-row check that turns the grid
//! into figures or into a report of every problem by row and column, and the plan of what committing
//! them would change in the stored figures.
//!
//! The check is all-or-nothing by construction: [`read_figures`] returns either every figure of the
//! file or the findings, never a part, so no caller can store half a file.

mod cell;
mod lookup;
mod mapping;
#[cfg(feature = "sheets")]
mod measure;
pub mod plan;
mod rows;
#[cfg(feature = "sheets")]
pub mod sheet;
#[cfg(test)]
mod tests;
mod wire;
#[cfg(all(test, feature = "sheets"))]
mod workbook_tests;

pub use cell::{column_letter, Cell, Grid};
pub use mapping::{Field, Mapping};
pub use plan::{plan, Plan, PlanSummary};
pub use rows::{read_figures, ImportedFigure};
pub use wire::{BatchReview, BatchState, CheckReply, CommitReply, CommitRequest, ImportBatch, SampleRow};

use serde::{Deserialize, Serialize};

/// At most this many findings are listed; the report says how many there were in all.
pub const MAX_FINDINGS: usize = 200;

/// Rows shown in the preview.
pub const SAMPLE_ROWS: usize = 20;

/// One problem with the file, a row or a cell, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    /// The spreadsheet's row number (1 is the first line of the file); none for the file as a whole.
    pub row: Option<u32>,
    /// The column as the spreadsheet names it with its header, e.g. "E（金额（万元））".
    pub column: Option<String>,
    pub zh: String,
    pub en: String,
}

impl Finding {
    pub fn file(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self { row: None, column: None, zh: zh.into(), en: en.into() }
    }

    pub fn message(&self, lang: crate::Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// Every finding of a check, the first [`MAX_FINDINGS`] of them listed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub findings: Vec<Finding>,
    /// How many findings there were, listed or not.
    pub total: usize,
}

impl Report {
    pub fn push(&mut self, finding: Finding) {
        self.total += 1;
        if self.findings.len() < MAX_FINDINGS {
            self.findings.push(finding);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}
