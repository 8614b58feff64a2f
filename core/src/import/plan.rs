//! What committing the figures of a file would change: figures not stored yet (a first release),
//! figures whose value differs from the latest stored version (a revision, stored as a new version
//! with the old one kept as history), and figures that are already stored as they are (nothing to do,
//! which is why importing the same file twice changes nothing).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::observation::{Entity, FigureKey, Observation, Status};

use super::rows::ImportedFigure;

/// The observations to store, and the counts the preview shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub observations: Vec<Observation>,
    pub summary: PlanSummary,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanSummary {
    /// Figures in the file.
    pub figures: usize,
    /// Figures not stored before.
    pub new: usize,
    /// Figures whose stored value changes.
    pub revised: usize,
    /// Figures stored already with the same value.
    pub unchanged: usize,
    /// The periods the file covers in calendar order, as codes ("2021-JF", "2021-07").
    pub periods: Vec<String>,
    /// How many counties the file covers.
    pub counties: usize,
}

impl PlanSummary {
    pub fn changes(&self) -> usize {
        self.new + self.revised
    }
}

/// Plans the import of `figures` against the latest stored value and version of each figure.
pub fn plan(figures: &[ImportedFigure], latest: &BTreeMap<FigureKey, (Amount, u32)>) -> Plan {
    let mut out = Plan::default();
    let mut periods = BTreeSet::new();
    let mut counties = BTreeSet::new();
    for f in figures {
        periods.insert((f.period.first_month(), f.period.to_string()));
        counties.insert(f.region);
        let key = f.key();
        let version = match latest.get(&key) {
            Some((value, _)) if *value == f.value => {
                out.summary.unchanged += 1;
                continue;
            }
            Some((_, version)) => {
                out.summary.revised += 1;
                version + 1
            }
            None => {
                out.summary.new += 1;
                1
            }
        };
        let status = f.status.unwrap_or(if version > 1 { Status::Revised } else { Status::Preliminary });
        out.observations.push(Observation {
            entity: Entity::Region(f.region),
            period: f.period,
            flow: f.flow,
            breakdown: f.breakdown.clone(),
            value: f.value,
            status,
            version,
        });
    }
    out.summary.figures = figures.len();
    out.summary.periods = periods.into_iter().map(|(_, code)| code).collect();
    out.summary.counties = counties.len();
    out
}
