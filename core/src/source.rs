//! Where a figure comes from (county return, enterprise return, customs import, bureau correction,
//! demo), and the one rule that decides which source's value of a figure is published: the bureau's
//! explicit choice for that figure if it made one, otherwise the first source in the precedence list
//! (`data/registry/precedence.csv`, a setting, not code). Values of different sources are all kept;
//! none overwrites another.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::observation::{Entity, FigureKey, Observation, Status};

/// A kind of source of figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 局修正: the bureau corrected the figure itself.
    Correction,
    /// 海关数据: a customs spreadsheet imported and approved.
    Customs,
    /// 县区月报: a county bureau's approved return.
    CountyReturn,
    /// 企业月报: a key enterprise's approved return.
    EnterpriseReturn,
    /// 示例数据: the demo generator.
    Demo,
}

impl Source {
    pub const ALL: [Source; 5] =
        [Source::Correction, Source::Customs, Source::CountyReturn, Source::EnterpriseReturn, Source::Demo];

    pub fn code(self) -> &'static str {
        match self {
            Source::Correction => "correction",
            Source::Customs => "customs",
            Source::CountyReturn => "county_return",
            Source::EnterpriseReturn => "enterprise_return",
            Source::Demo => "demo",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Source::Correction => lang.pick("局修正", "Bureau correction"),
            Source::Customs => lang.pick("海关数据", "Customs data"),
            Source::CountyReturn => lang.pick("县区月报", "County return"),
            Source::EnterpriseReturn => lang.pick("企业月报", "Enterprise return"),
            Source::Demo => lang.pick("示例数据", "Demo data"),
        }
    }

    /// The source of a stored figure from the provenance tag the store keeps beside it
    /// (`import:<batch>`, `return:<submission>`, `correction:<id>`, `demo`).
    pub fn of_tag(tag: &str, entity: Entity) -> Self {
        match tag.split_once(':').map_or(tag, |(kind, _)| kind) {
            "import" => Source::Customs,
            "correction" => Source::Correction,
            "return" => match entity {
                Entity::Region(_) => Source::CountyReturn,
                Entity::Enterprise(_) => Source::EnterpriseReturn,
            },
            _ => Source::Demo,
        }
    }
}

/// The order in which sources win, first first. Every source is in the list exactly once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Precedence(Vec<Source>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrecedenceError {
    #[error("precedence.csv line {0}: unknown source {1:?} (known: correction, customs, county_return, enterprise_return, demo)")]
    Unknown(usize, String),
    #[error("precedence.csv line {0}: {1:?} is listed twice")]
    Twice(usize, String),
    #[error("precedence.csv does not list {0:?}")]
    Missing(&'static str),
}

impl Precedence {
    /// The precedence the platform ships with (`data/registry/precedence.csv`).
    pub fn builtin() -> Self {
        Self::parse_csv(include_str!("../../data/registry/precedence.csv")).expect("the built-in precedence parses")
    }

    /// Reads `source,note` rows (header first), the winning source first.
    pub fn parse_csv(text: &str) -> Result<Self, PrecedenceError> {
        let mut order = Vec::new();
        for (i, line) in text.lines().enumerate().skip(1) {
            let code = line.split(',').next().unwrap_or("").trim();
            if code.is_empty() {
                continue;
            }
            let source = Source::parse(code).ok_or_else(|| PrecedenceError::Unknown(i + 1, code.into()))?;
            if order.contains(&source) {
                return Err(PrecedenceError::Twice(i + 1, code.into()));
            }
            order.push(source);
        }
        if let Some(missing) = Source::ALL.into_iter().find(|s| !order.contains(s)) {
            return Err(PrecedenceError::Missing(missing.code()));
        }
        Ok(Self(order))
    }

    pub fn order(&self) -> &[Source] {
        &self.0
    }

    fn rank(&self, source: Source) -> usize {
        self.0.iter().position(|s| *s == source).unwrap_or(usize::MAX)
    }
}

/// A stored figure with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sourced {
    pub observation: Observation,
    pub source: Source,
    /// The provenance tag as stored (`import:12`, `return:<uuid>`…).
    pub tag: String,
    /// When it was stored (RFC 3339).
    pub at: String,
    /// Who approved it (the reviewer of the return or batch), when known.
    pub by: Option<String>,
}

/// The latest version of each source's value of each figure: what is compared and chosen from.
pub fn latest_by_source(figures: &[Sourced]) -> BTreeMap<FigureKey, Vec<&Sourced>> {
    let mut best: BTreeMap<(FigureKey, Source), &Sourced> = BTreeMap::new();
    for f in figures {
        let key = (f.observation.key(), f.source);
        if best.get(&key).is_none_or(|prev| prev.observation.version < f.observation.version) {
            best.insert(key, f);
        }
    }
    let mut out: BTreeMap<FigureKey, Vec<&Sourced>> = BTreeMap::new();
    for ((key, _), f) in best {
        out.entry(key).or_default().push(f);
    }
    out
}

/// Which of a figure's sources is published: the bureau's `choice` when that source has a value,
/// otherwise the first source in `precedence` that has one.
pub fn choose<'a>(candidates: &[&'a Sourced], precedence: &Precedence, choice: Option<Source>) -> Option<&'a Sourced> {
    if let Some(chosen) = choice.and_then(|c| candidates.iter().find(|f| f.source == c)) {
        return Some(chosen);
    }
    candidates.iter().min_by_key(|f| precedence.rank(f.source)).copied()
}

/// The figures to publish: one per figure key, from the source [`choose`] picks.
pub fn published(
    figures: &[Sourced],
    precedence: &Precedence,
    choices: &BTreeMap<FigureKey, Source>,
) -> Vec<Observation> {
    latest_by_source(figures)
        .into_iter()
        .filter_map(|(key, candidates)| choose(&candidates, precedence, choices.get(&key).copied()))
        .map(|f| f.observation.clone())
        .collect()
}

/// The release status of a figure being stored: as its source states it, otherwise 快报 for the first
/// value of the figure from that source and 修订 for a later one. One rule for returns and imports.
pub fn release_status(stated: Option<Status>, released_before: bool) -> Status {
    stated.unwrap_or(if released_before { Status::Revised } else { Status::Preliminary })
}

#[cfg(test)]
mod tests;
