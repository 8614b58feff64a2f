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
