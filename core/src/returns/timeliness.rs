//! Completeness and timeliness: whether each county and enterprise filed a month's return on time, late,
//! or not at all. A month's return is due on the 10th of the next month, as monthly statistical
//! reporting schedules commonly set it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Owner, ReturnState};
use crate::lang::Lang;
use crate::period::YearMonth;

/// The day of the following month by which a return is due.
pub const DUE_DAY: u32 = 10;

/// The last day a month's return counts as on time.
pub fn due_date(month: YearMonth) -> NaiveDate {
    let next = month.add_months(1);
    NaiveDate::from_ymd_opt(next.year(), next.month(), DUE_DAY).unwrap_or(NaiveDate::MIN)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Filing {
    OnTime,
    Late,
    /// Past the due date and nothing filed: to chase.
    Missing,
    /// Nothing filed yet, and not yet due.
    NotYetDue,
}

impl Filing {
    /// From the date of the first submission (if any) and today's date.
    pub fn of(month: YearMonth, first_submitted: Option<NaiveDate>, today: NaiveDate) -> Filing {
        let due = due_date(month);
        match first_submitted {
            Some(d) if d <= due => Filing::OnTime,
            Some(_) => Filing::Late,
            None if today > due => Filing::Missing,
            None => Filing::NotYetDue,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Filing::OnTime => lang.pick("按时报送", "on time"),
            Filing::Late => lang.pick("逾期报送", "late"),
            Filing::Missing => lang.pick("未报送（需催报）", "missing (to chase)"),
            Filing::NotYetDue => lang.pick("未到期", "not yet due"),
        }
    }
}

/// One filer's line in the completeness table of a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FilingRow {
    pub owner: Owner,
    pub name: String,
    pub filing: Filing,
    /// RFC 3339 time of the first submission.
    pub first_submitted_at: Option<String>,
    /// The latest version's state, if anything was filed.
    pub state: Option<ReturnState>,
    pub version: Option<u32>,
}
