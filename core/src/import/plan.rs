//! What committing the figures of a file would change: figures not stored yet (a first release),
//! figures whose value differs from the latest stored version (a revision, stored as a new version
//! with the old one kept as history), and figures that are already stored as they are (nothing to do,
//! which is why importing the same file twice changes nothing).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::lang::Lang;
use crate::observation::{FigureKey, Observation};
use crate::source::{release_status, Source, Sourced};

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
    /// How many key enterprises the file's enterprise-level rows cover.
    #[serde(default)]
    pub enterprises: usize,
}

impl PlanSummary {
    pub fn changes(&self) -> usize {
        self.new + self.revised
    }

    /// What committing would do, as the preview says it: "共12条数据（5个县区、2家企业，期间2021-07）：…".
    pub fn sentence(&self, lang: Lang) -> String {
        let (figures, periods) = (self.figures, &self.periods);
        let (new, revised, unchanged) = (self.new, self.revised, self.unchanged);
        let sep = lang.pick("、", ", ");
        let whose: Vec<String> =
            [(self.counties, ("个县区", " counties")), (self.enterprises, ("家企业", " enterprises"))]
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, (zh, en))| format!("{n}{}", lang.pick(zh, en)))
                .collect();
        let (whose, periods) = (whose.join(sep), periods.join(sep));
        match lang {
            Lang::Zh => format!(
                "共{figures}条数据（{whose}，期间{periods}）：新增{new}条，修订{revised}条，与已入库数相同{unchanged}条。"
            ),
            Lang::En => format!(
                "{figures} figures ({whose}, periods {periods}): {new} new, {revised} revised, {unchanged} already stored as they are."
            ),
        }
    }
}

/// What is stored of a figure, as an import sees it: the latest customs value (an import compares and
/// revises only customs' own figures; a county's return for the same figure is another source, kept
/// beside it), and the highest version stored from any source (the next one is the figure's next).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub customs: Option<Amount>,
    pub version: u32,
}

/// [`Stored`] of every figure in `figures` (every approved figure of every source).
pub fn stored(figures: &[Sourced]) -> BTreeMap<FigureKey, Stored> {
    let mut out: BTreeMap<FigureKey, (Option<(u32, Amount)>, u32)> = BTreeMap::new();
    for f in figures {
        let o = &f.observation;
        let entry = out.entry(o.key()).or_insert((None, 0));
        entry.1 = entry.1.max(o.version);
        if f.source == Source::Customs && entry.0.is_none_or(|(v, _)| v < o.version) {
            entry.0 = Some((o.version, o.value));
        }
    }
    out.into_iter().map(|(k, (c, version))| (k, Stored { customs: c.map(|(_, a)| a), version })).collect()
}

/// Plans the import of `figures` against what is [`stored`] of each figure.
pub fn plan(figures: &[ImportedFigure], latest: &BTreeMap<FigureKey, Stored>) -> Plan {
    let mut out = Plan::default();
    let mut periods = BTreeSet::new();
    let (mut counties, mut enterprises) = (BTreeSet::new(), BTreeSet::new());
    for f in figures {
        periods.insert((f.period.first_month(), f.period.to_string()));
        match f.enterprise {
            Some(id) => enterprises.insert(id),
            None => counties.insert(f.region),
        };
        let key = f.key();
        let stored = latest.get(&key).copied().unwrap_or(Stored { customs: None, version: 0 });
        match stored.customs {
            Some(value) if value == f.value => {
                out.summary.unchanged += 1;
                continue;
            }
            Some(_) => out.summary.revised += 1,
            None => out.summary.new += 1,
        }
        let version = stored.version + 1;
        let status = release_status(f.status, stored.customs.is_some());
        out.observations.push(Observation {
            entity: f.entity(),
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
    out.summary.enterprises = enterprises.len();
    out
}
