//! Reconciliation: every figure of a month with each source's value side by side, the difference
//! between the published value and the strongest other source in 万元 and %, flagged beyond a
//! threshold (default ±5%), and the bureau's recorded choice. The rules are here; the server stores
//! choices and the page shows the lines.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::amount::{Amount, Unit};
use crate::dimension::Dimension;
use crate::flow::Flow;
use crate::indicator::Ratio;
use crate::lang::Lang;
use crate::observation::{Breakdown, Entity, FigureKey, Status};
use crate::period::{Period, YearMonth};
use crate::source::{self, Precedence, Source, Sourced};

/// The difference beyond which a line is flagged, in percent of the published value.
pub const DEFAULT_THRESHOLD_PCT: i64 = 5;

/// One source's latest value of a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceValue {
    pub source: Source,
    /// Whole 元.
    pub value: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "preliminary"))]
    pub status: Status,
    pub version: u32,
    pub at: String,
    pub by: Option<String>,
}

/// The bureau's decision on a figure: the source it accepts (none: the precedence rule stands) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub source: Option<Source>,
    pub explanation: String,
    pub by: String,
    pub at: String,
}

/// One figure of the month: whose, which flow and breakdown member, each source's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Line {
    /// `region:610302` or `enterprise:3`.
    pub entity: String,
    pub name_zh: String,
    pub name_en: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2021-05"))]
    pub period: Period,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "export"))]
    pub flow: Flow,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "trade_mode"))]
    pub dimension: Option<Dimension>,
    pub member: Option<String>,
    /// In precedence order.
    pub values: Vec<SourceValue>,
    /// The source whose value is published.
    pub published: Source,
    /// The strongest other source compared with the published one, and the difference (other minus
    /// published) in whole 元.
    pub compared: Option<Source>,
    pub difference: Option<i64>,
    /// The difference in 万元 with two decimals, signed ("+12.34").
    pub difference_wan: Option<String>,
    /// The difference in % of the published value, one decimal, signed; `None` on a zero base.
    pub difference_pct: Option<String>,
    pub flagged: bool,
    pub choice: Option<Choice>,
}

impl Line {
    pub fn key(&self) -> Option<FigureKey> {
        figure_key(&self.entity, self.period, self.flow, self.dimension, self.member.clone())
    }
}

/// `GET /api/reconcile?month=…`: the month's lines and the threshold they were flagged by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reconciliation {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2021-05"))]
    pub month: YearMonth,
    pub threshold_pct: i64,
    pub precedence: Vec<Source>,
    pub lines: Vec<Line>,
}

/// `POST /api/reconcile`: the bureau accepts a source for a figure (or keeps the rule) and says why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChoiceRequest {
    pub entity: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2021-05"))]
    pub period: Period,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "export"))]
    pub flow: Flow,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "trade_mode"))]
    #[serde(default)]
    pub dimension: Option<Dimension>,
    #[serde(default)]
    pub member: Option<String>,
    #[serde(default)]
    pub source: Option<Source>,
    pub explanation: String,
    /// The bureau's own value of the figure (局修正), in whole 元: stored as a new version from the
    /// source `correction` and accepted for the figure. `source` is then `correction` or absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<i64>,
}

/// The longest explanation kept, in characters.
pub const MAX_EXPLANATION: usize = 2_000;

impl ChoiceRequest {
    /// The source the decision accepts: the bureau's correction when it gives a value.
    pub fn accepted(&self) -> Option<Source> {
        if self.correction.is_some() {
            Some(Source::Correction)
        } else {
            self.source
        }
    }

    /// The observation a correction stores as version `version` of the figure `key`: always 修订,
    /// since it replaces a value already released by another source.
    pub fn corrected(&self, key: &FigureKey, version: u32) -> Option<crate::observation::Observation> {
        let value = self.correction?;
        Some(crate::observation::Observation {
            entity: key.entity,
            period: key.period,
            flow: key.flow,
            breakdown: key.breakdown.clone(),
            value: Amount::cny(value),
            status: Status::Revised,
            version,
        })
    }

    pub fn key(&self) -> Option<FigureKey> {
        if self.dimension.is_some() != self.member.is_some() {
            return None;
        }
        figure_key(&self.entity, self.period, self.flow, self.dimension, self.member.clone())
    }

    /// What is wrong with the request, in zh and en; `candidates` are the figure's sources.
    pub fn check(&self, candidates: &[Source]) -> Result<(), (String, String)> {
        let text = self.explanation.trim();
        if text.is_empty() {
            return Err(("请写明理由：审核记录需要说明".into(), "Say why: the audit log keeps the reason".into()));
        }
        if text.chars().count() > MAX_EXPLANATION {
            return Err((
                format!("理由最多{MAX_EXPLANATION}字"),
                format!("The reason may be at most {MAX_EXPLANATION} characters"),
            ));
        }
        if text.chars().any(|c| c.is_control() && c != '\n') {
            return Err(("理由中含有控制字符".into(), "The reason contains control characters".into()));
        }
        if candidates.is_empty() {
            return Err(("该数据项没有任何来源的数值".into(), "No source has a value for this figure".into()));
        }
        if let Some(value) = self.correction {
            if self.source.is_some_and(|s| s != Source::Correction) {
                return Err((
                    "更正数值时来源只能是“局修正”".into(),
                    "A corrected value is the bureau's correction: choose no other source".into(),
                ));
            }
            if !(0..=crate::amount::MAX_ABS_UNITS).contains(&value) {
                return Err((
                    "更正数值应为不小于0的金额".into(),
                    "The corrected value must be an amount of 0 or more".into(),
                ));
            }
            return Ok(());
        }
        if let Some(s) = self.source.filter(|s| !candidates.contains(s)) {
            return Err((
                format!("“{}”没有该数据项的数值", s.label(Lang::Zh)),
                format!("{} has no value for this figure", s.label(Lang::En)),
            ));
        }
        Ok(())
    }
}

/// A corrected value as the bureau types it, in 万元 ("1,234.5"), to whole 元; the message in zh and
/// en when it is not an amount of 0 or more with at most four decimals.
pub fn parse_correction(text: &str) -> Result<i64, (String, String)> {
    let bad = || {
        (
            format!("更正数值“{}”应为万元金额，最多4位小数，如 1234.5", text.trim()),
            format!(
                "The corrected value {:?} must be an amount in 10k CNY with at most 4 decimals, e.g. 1234.5",
                text.trim()
            ),
        )
    };
    match Amount::parse_in(text, Unit::Wan, crate::amount::Currency::Cny) {
        Ok(a) if a.units >= 0 => Ok(a.units),
        _ => Err(bad()),
    }
}

/// One stored version of a figure, as its history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureVersion {
    pub source: Source,
    /// Whole 元.
    pub value: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "revised"))]
    pub status: Status,
    pub version: u32,
    pub at: String,
    pub by: Option<String>,
    /// The same source's earlier version this one replaced.
    pub replaces: Option<u32>,
    /// Whether this is the value in force (the one published once its month is complete).
    pub in_force: bool,
}

/// `GET /api/figures?…`: every version of one figure from every source, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureHistory {
    pub entity: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2021-05"))]
    pub period: Period,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "export"))]
    pub flow: Flow,
    pub versions: Vec<FigureVersion>,
    pub choice: Option<Choice>,
}

/// The history of the figure `key` from `figures` (which may hold others).
pub fn history(
    figures: &[Sourced],
    key: &FigureKey,
    precedence: &Precedence,
    choice: Option<&Choice>,
) -> FigureHistory {
    let mine: Vec<Sourced> = figures.iter().filter(|f| f.observation.key() == *key).cloned().collect();
    let latest = source::latest_by_source(&mine);
    let candidates = latest.get(key).cloned().unwrap_or_default();
    let in_force =
        source::choose(&candidates, precedence, choice.and_then(|c| c.source)).map(|f| f.observation.version);
    let mut versions: Vec<FigureVersion> = mine
        .iter()
        .map(|f| FigureVersion {
            source: f.source,
            value: f.observation.value.units,
            status: f.observation.status,
            version: f.observation.version,
            at: f.at.clone(),
            by: f.by.clone(),
            replaces: mine
                .iter()
                .filter(|g| g.source == f.source && g.observation.version < f.observation.version)
                .map(|g| g.observation.version)
                .max(),
            in_force: in_force == Some(f.observation.version),
        })
        .collect();
    versions.sort_by_key(|v| std::cmp::Reverse(v.version));
    FigureHistory {
        entity: key.entity.to_string(),
        period: key.period,
        flow: key.flow,
        versions,
        choice: choice.cloned(),
    }
}

/// The figures to publish under the bureau's decisions: [`source::published`] with each decision
/// that accepts a source.
pub fn published(
    figures: &[Sourced],
    precedence: &Precedence,
    choices: &BTreeMap<FigureKey, Choice>,
) -> Vec<crate::observation::Observation> {
    let accepted: BTreeMap<FigureKey, Source> =
        choices.iter().filter_map(|(k, c)| c.source.map(|s| (k.clone(), s))).collect();
    source::published(figures, precedence, &accepted)
}

/// The path of `GET /api/figures` for the figure `key`: what the web app asks for a figure's history.
pub fn history_path(key: &FigureKey) -> String {
    let mut q = format!("/api/figures?entity={}&period={}&flow={}", key.entity, key.period, key.flow.code());
    if let Some(b) = &key.breakdown {
        let member: String = b
            .member
            .bytes()
            .map(|c| {
                if c.is_ascii_alphanumeric() || b"-_.".contains(&c) {
                    (c as char).to_string()
                } else {
                    format!("%{c:02X}")
                }
            })
            .collect();
        q.push_str(&format!("&dimension={}&member={member}", b.dimension.code()));
    }
    q
}

/// The signed-in page of a figure's versions for `entity` and `period`, both flows (the dashboard's
/// table view links each county to it): `/figures?entity=region:610302&period=2021-05`.
pub fn figures_page_path(entity: Entity, period: Period) -> String {
    format!("/figures?entity={entity}&period={period}")
}

/// The figure `GET /api/figures` asks for, from its query's fields as sent ([`history_path`]'s
/// inverse): a month or 1—2月, and a breakdown only with both its dimension and member. The error
/// names the field that is wrong.
pub fn parse_history_query(
    entity: &str,
    period: &str,
    flow: &str,
    dimension: Option<&str>,
    member: Option<String>,
) -> Result<FigureKey, &'static str> {
    let entity = Entity::parse(entity).ok_or("entity")?;
    let period =
        Period::parse(period).ok().filter(|p| matches!(p, Period::Month(_) | Period::JanFeb(_))).ok_or("period")?;
    let flow = Flow::parse(flow).ok_or("flow")?;
    let breakdown = match (dimension.filter(|d| !d.is_empty()), member) {
        (None, None) => None,
        (Some(d), Some(member)) => Some(Breakdown { dimension: Dimension::parse(d).ok_or("dimension")?, member }),
        _ => return Err("dimension/member"),
    };
    Ok(FigureKey { entity, period, flow, breakdown })
}

/// The figure a line or request names by its wire fields (`entity` as `Entity`'s display form).
fn figure_key(
    entity: &str,
    period: Period,
    flow: Flow,
    dimension: Option<Dimension>,
    member: Option<String>,
) -> Option<FigureKey> {
    let breakdown = dimension.zip(member).map(|(dimension, member)| Breakdown { dimension, member });
    Some(FigureKey { entity: Entity::parse(entity)?, period, flow, breakdown })
}

/// Whether `other` differs from `published` by more than `threshold_pct` percent of it (exactly, in
/// integers); any difference on a zero base is flagged.
pub fn is_flagged(published: i64, other: i64, threshold_pct: i64) -> bool {
    let diff = i128::from(other) - i128::from(published);
    if published == 0 {
        return diff != 0;
    }
    diff.abs() * 100 > i128::from(threshold_pct) * i128::from(published).abs()
}

fn signed(text: String, negative: bool, zero: bool) -> String {
    if negative || zero {
        text
    } else {
        format!("+{text}")
    }
}

/// The lines of every figure of `month` (and of the 1—2月 containing it), in key order, with the
/// names `name` gives each entity.
pub fn lines(
    figures: &[Sourced],
    month: YearMonth,
    precedence: &Precedence,
    choices: &BTreeMap<FigureKey, Choice>,
    threshold_pct: i64,
    name: impl Fn(Entity) -> (String, String),
) -> Vec<Line> {
    let in_month = |p: Period| p == Period::Month(month) || (p == Period::JanFeb(month.year()) && month.month() <= 2);
    let relevant: Vec<Sourced> = figures.iter().filter(|f| in_month(f.observation.period)).cloned().collect();
    let mut out = Vec::new();
    for (key, mut candidates) in source::latest_by_source(&relevant) {
        let choice = choices.get(&key).cloned();
        let Some(published) = source::choose(&candidates, precedence, choice.as_ref().and_then(|c| c.source)) else {
            continue;
        };
        let published = published.clone();
        candidates.sort_by_key(|f| precedence.order().iter().position(|s| *s == f.source));
        let other = candidates.iter().find(|f| f.source != published.source).map(|f| (*f).clone());
        let (pv, difference) = (
            published.observation.value.units,
            other.as_ref().map(|o| o.observation.value.units - published.observation.value.units),
        );
        let (zh, en) = name(key.entity);
        out.push(Line {
            entity: key.entity.to_string(),
            name_zh: zh,
            name_en: en,
            period: key.period,
            flow: key.flow,
            dimension: key.breakdown.as_ref().map(|b| b.dimension),
            member: key.breakdown.as_ref().map(|b| b.member.clone()),
            values: candidates
                .iter()
                .map(|f| SourceValue {
                    source: f.source,
                    value: f.observation.value.units,
                    status: f.observation.status,
                    version: f.observation.version,
                    at: f.at.clone(),
                    by: f.by.clone(),
                })
                .collect(),
            published: published.source,
            compared: other.as_ref().map(|o| o.source),
            difference,
            difference_wan: difference.map(|d| signed(Amount::cny(d).in_unit(Unit::Wan, 2).to_string(), d < 0, d == 0)),
            difference_pct: difference.and_then(|d| {
                let pct = Ratio::new(i128::from(d), i128::from(pv))?.percent(1);
                Some(signed(pct.to_string(), d < 0, d == 0))
            }),
            flagged: other.as_ref().is_some_and(|o| is_flagged(pv, o.observation.value.units, threshold_pct)),
            choice,
        });
    }
    out
}

#[cfg(test)]
mod tests;
