//! A filer's own approved history: the totals validation compares a new return with (同比, the same
//! month in earlier years, the year-to-date so far). Releases that merge January and February keep a
//! single 1—2月 figure, so lookups treat the two months together where needed.

use serde::{Deserialize, Serialize};

use crate::flow::Flow;
use crate::period::{Period, YearMonth};

/// One approved period of a filer: a month or the combined 1—2月, in whole 元.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    /// `2021-07`, or `2021-JF` for a combined January–February.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2021-07"))]
    pub period: Period,
    pub exports: Option<i64>,
    pub imports: Option<i64>,
}

/// `GET /api/returns/{kind}/{id}/history`: everything of the filer's that is approved, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnHistory {
    pub entries: Vec<HistoryEntry>,
    /// The 同比 limit beyond which the server asks for an explanation, so the offline form warns alike.
    #[serde(default)]
    pub growth_limit_pct: Option<i64>,
}

impl ReturnHistory {
    /// The history of approved `entries`, oldest first. A combined 1—2月 replaces separate January and
    /// February entries of its year (the same rule the publisher follows), so no sum counts them twice.
    pub fn from_entries(mut entries: Vec<HistoryEntry>) -> Self {
        let combined: Vec<i32> = entries
            .iter()
            .filter_map(|e| match e.period {
                Period::JanFeb(y) => Some(y),
                _ => None,
            })
            .collect();
        entries.retain(|e| !matches!(e.period, Period::Month(m) if m.month() <= 2 && combined.contains(&m.year())));
        entries.sort_by_key(|e| (e.period.first_month(), e.period.last_month()));
        Self { entries, growth_limit_pct: None }
    }

    fn entry(&self, period: Period) -> Option<&HistoryEntry> {
        self.entries.iter().find(|e| e.period == period)
    }

    /// The approved value of one month; `None` when that month is only known inside a combined 1—2月.
    pub fn month(&self, month: YearMonth, flow: Flow) -> Option<i64> {
        self.entry(Period::Month(month)).and_then(|e| pick(e, flow))
    }

    /// January plus February of `year`, from a combined figure or from both months.
    pub fn jan_feb(&self, year: i32, flow: Flow) -> Option<i64> {
        if let Some(v) = self.entry(Period::JanFeb(year)).and_then(|e| pick(e, flow)) {
            return Some(v);
        }
        let jan = self.month(YearMonth::new(year, 1).ok()?, flow)?;
        let feb = self.month(YearMonth::new(year, 2).ok()?, flow)?;
        Some(jan + feb)
    }

    /// Whether the month is approved, on its own or inside a combined 1—2月: such a month is locked.
    pub fn is_approved(&self, month: YearMonth) -> bool {
        self.entry(Period::Month(month)).is_some()
            || (month.month() <= 2 && self.entry(Period::JanFeb(month.year())).is_some())
    }

    /// The lock rule: a month's return cannot be filed again when its latest version is approved, or,
    /// when nothing was filed through waimao (`latest` is none), when its figures were approved some
    /// other way, such as an import. The bureau reopens an approved return to unlock it. The form and
    /// the server both ask this.
    pub fn is_locked(&self, latest: Option<super::ReturnState>, month: YearMonth) -> bool {
        match latest {
            Some(state) => state == super::ReturnState::Approved,
            None => self.is_approved(month),
        }
    }

    /// The sum of January through the month before `month`; `None` when one of them is missing.
    pub fn ytd_before(&self, month: YearMonth, flow: Flow) -> Option<i64> {
        let year = month.year();
        match month.month() {
            1 => Some(0),
            2 => self.month(YearMonth::new(year, 1).ok()?, flow),
            m => {
                let mut sum = self.jan_feb(year, flow)?;
                for k in 3..m {
                    sum += self.month(YearMonth::new(year, k).ok()?, flow)?;
                }
                Some(sum)
            }
        }
    }
}

fn pick(e: &HistoryEntry, flow: Flow) -> Option<i64> {
    match flow {
        Flow::Export => e.exports,
        Flow::Import => e.imports,
    }
}
