//! What a registry form is checked against: the registered counties, HS sections and partners, the
//! records it may refer to, and today's date (core has no clock, so the caller says which day it is).

use chrono::NaiveDate;

use crate::dimension::{Classifications, Dimension};
use crate::region::{RegionCode, RegionRegistry};

#[derive(Debug, Clone, Default)]
pub struct Known {
    pub counties: Vec<RegionCode>,
    pub hs_sections: Vec<String>,
    pub partners: Vec<String>,
    /// Ids of the experts and enterprises an activity may name.
    pub experts: Vec<i64>,
    pub enterprises: Vec<i64>,
    pub today: NaiveDate,
}

impl Known {
    pub fn new(regions: &RegionRegistry, classes: &Classifications, today: NaiveDate) -> Self {
        let codes = |d: Dimension| classes.members(d).iter().map(|m| m.code.clone()).collect();
        Known {
            counties: regions.counties.iter().map(|c| c.code).collect(),
            hs_sections: codes(Dimension::HsSection),
            partners: codes(Dimension::Partner),
            experts: Vec::new(),
            enterprises: Vec::new(),
            today,
        }
    }
}

/// A list answer of the registries' API: the items the caller may see, and the server's date in China
/// (so days open and overdue marks agree between the page and the exports).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Listing<T> {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-27"))]
    pub today: NaiveDate,
    pub items: Vec<T>,
}

/// The latest version of one month's return, as an enterprise's page lists them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnBrief {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2021-06"))]
    pub month: crate::period::YearMonth,
    pub version: i64,
    pub state: crate::returns::ReturnState,
}

/// `GET /api/enterprises/{id}`: the record, its approved monthly figures, its returns and its problems.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnterpriseDetail {
    pub enterprise: crate::enterprise::Enterprise,
    pub history: crate::returns::ReturnHistory,
    pub returns: Vec<ReturnBrief>,
    pub problems: Vec<crate::problem::Problem>,
    /// Whether the caller may raise a problem or add a follow-up (the bureau or the enterprise itself).
    pub can_raise: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-27"))]
    pub today: NaiveDate,
}

/// One task on the board, with the meeting that assigned it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskRow {
    pub task: crate::task::Task,
    pub meeting_title: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-10-20"))]
    pub meeting_held_on: NaiveDate,
    /// Whether the caller may report progress on it.
    pub can_report: bool,
}
