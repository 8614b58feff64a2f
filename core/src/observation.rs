//! Observations: one stored figure, the value of a flow for a region or enterprise in a month (or the
//! combined 1—2月), in total or for one member of a breakdown, with its release status and version.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::amount::{Amount, MAX_ABS_UNITS};
use crate::dimension::{Classifications, Dimension};
use crate::flow::Flow;
use crate::period::Period;
use crate::region::{RegionCode, RegionRegistry};

/// Whose figure it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Entity {
    /// A county-level division. City figures are never stored: they are the sum of the counties.
    Region(RegionCode),
    /// A key enterprise, by its registry id.
    Enterprise(u32),
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entity::Region(c) => write!(f, "region:{c}"),
            Entity::Enterprise(id) => write!(f, "enterprise:{id}"),
        }
    }
}

impl Entity {
    /// The inverse of the display form: `region:610302` or `enterprise:3`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.split_once(':')? {
            ("region", code) => RegionCode::parse(code).ok().map(Entity::Region),
            ("enterprise", id) => id.parse().ok().map(Entity::Enterprise),
            _ => None,
        }
    }
}

/// 快报 (preliminary, first release) or 修订 (revised).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Preliminary,
    Revised,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Preliminary => "preliminary",
            Status::Revised => "revised",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "preliminary" => Some(Status::Preliminary),
            "revised" => Some(Status::Revised),
            _ => None,
        }
    }
}

/// A member of a breakdown; `None` in [`Observation::breakdown`] means the flow's total.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Breakdown {
    pub dimension: Dimension,
    pub member: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    pub entity: Entity,
    /// A month, or the combined January–February.
    pub period: Period,
    pub flow: Flow,
    pub breakdown: Option<Breakdown>,
    pub value: Amount,
    pub status: Status,
    /// Starts at 1; a revision stores a new version and keeps the old one as history.
    pub version: u32,
}

/// What identifies a figure across its versions: whose, when, which flow, which breakdown member.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigureKey {
    pub entity: Entity,
    pub period: Period,
    pub flow: Flow,
    pub breakdown: Option<Breakdown>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ObservationError {
    #[error("period {0} is not a month or 1—2月")]
    Period(Period),
    #[error("region {0} is not a county of this city")]
    UnknownRegion(RegionCode),
    #[error("{0:?} has no member {1:?}")]
    UnknownMember(Dimension, String),
    #[error("value is negative")]
    Negative,
    #[error("value is too large")]
    TooLarge,
    #[error("version must start at 1")]
    Version,
}

impl Observation {
    pub fn key(&self) -> FigureKey {
        FigureKey { entity: self.entity, period: self.period, flow: self.flow, breakdown: self.breakdown.clone() }
    }

    /// Checks the observation against the registries: the structural rules every stored figure obeys.
    pub fn check(&self, regions: &RegionRegistry, classes: &Classifications) -> Result<(), ObservationError> {
        if !matches!(self.period, Period::Month(_) | Period::JanFeb(_)) {
            return Err(ObservationError::Period(self.period));
        }
        if let Entity::Region(code) = self.entity {
            if regions.county(code).is_none() {
                return Err(ObservationError::UnknownRegion(code));
            }
        }
        if let Some(b) = &self.breakdown {
            if classes.member(b.dimension, &b.member).is_none() {
                return Err(ObservationError::UnknownMember(b.dimension, b.member.clone()));
            }
        }
        if self.value.units < 0 {
            return Err(ObservationError::Negative);
        }
        if self.value.units > MAX_ABS_UNITS {
            return Err(ObservationError::TooLarge);
        }
        if self.version == 0 {
            return Err(ObservationError::Version);
        }
        Ok(())
    }
}
