//! The publisher's pure half: turns approved observations into the published files (the read model).
//! The server reads the observations from its store and writes what this returns; nothing here does I/O.

use std::collections::BTreeMap;

use crate::amount::Currency;
use crate::api::{
    DimensionFile, MemberSeries, Meta, OverviewFile, RegionBreakdown, RegionSeries, Target, SCHEMA_VERSION,
};
use crate::dimension::{Classifications, Dimension};
use crate::flow::Flow;
use crate::observation::{Breakdown, Entity, FigureKey, Observation, Status};
use crate::period::{Period, YearMonth};
use crate::region::{RegionCode, RegionRegistry};
use crate::series::MonthlySeries;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublishError {
    #[error("there are no approved county figures to publish")]
    Empty,
    #[error("figures in {0:?} cannot be published in a CNY file")]
    Currency(Currency),
}

pub struct Input<'a> {
    pub regions: &'a RegionRegistry,
    pub classes: &'a Classifications,
    /// Approved observations; several versions of one figure may be present, the highest wins.
    pub observations: &'a [Observation],
    pub targets: &'a [Target],
    pub generated_at: String,
    pub illustrative: bool,
    /// The boundaries file to announce in the metadata, if present.
    pub boundaries: Option<String>,
}

/// Everything one publication writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub overview: OverviewFile,
    pub dimensions: Vec<DimensionFile>,
}

type Key = (RegionCode, Option<(Dimension, String)>, Flow);

/// Keeps only the highest version of each figure (a revision replaces the earlier release).
pub fn latest_versions(observations: &[Observation]) -> Vec<&Observation> {
    let mut best: BTreeMap<FigureKey, &Observation> = BTreeMap::new();
    for o in observations {
        let key = o.key();
        match best.get(&key) {
            Some(prev) if prev.version >= o.version => {}
            _ => {
                best.insert(key, o);
            }
        }
    }
    best.into_values().collect()
}

/// Drops the separate January and February figures of a figure whose year was also released as one
/// 1—2月 figure: the combined release replaces them (customs publish January and February together, and
/// the two months beside it would be counted twice in every sum).
pub fn without_months_a_combined_release_replaces(figures: Vec<&Observation>) -> Vec<&Observation> {
    let combined: std::collections::BTreeSet<(Entity, Flow, Option<&Breakdown>, i32)> = figures
        .iter()
        .filter_map(|o| match o.period {
            Period::JanFeb(y) => Some((o.entity, o.flow, o.breakdown.as_ref(), y)),
            _ => None,
        })
        .collect();
    figures
        .into_iter()
        .filter(|o| match o.period {
            Period::Month(m) if m.month() <= 2 => {
                !combined.contains(&(o.entity, o.flow, o.breakdown.as_ref(), m.year()))
            }
            _ => true,
        })
        .collect()
}

/// The months whose published totals include a preliminary (快报) figure, oldest first. Each month
/// carries its own mark: a 1—2月 released as 快报 does not make later revised (修订) months preliminary.
fn preliminary_months(figures: &[&Observation]) -> Vec<YearMonth> {
    let months: std::collections::BTreeSet<YearMonth> = figures
        .iter()
        .filter(|o| o.status == Status::Preliminary && o.breakdown.is_none())
        .flat_map(|o| o.period.first_month().through(o.period.last_month()))
        .collect();
    months.into_iter().collect()
}

pub fn publish(input: &Input<'_>) -> Result<Published, PublishError> {
    let latest: Vec<&Observation> = without_months_a_combined_release_replaces(
        latest_versions(input.observations).into_iter().filter(|o| matches!(o.entity, Entity::Region(_))).collect(),
    );
    if let Some(o) = latest.iter().find(|o| o.value.currency != Currency::Cny) {
        return Err(PublishError::Currency(o.value.currency));
    }
    let first = latest.iter().map(|o| o.period.first_month()).min().ok_or(PublishError::Empty)?;
    let last = latest.iter().map(|o| o.period.last_month()).max().ok_or(PublishError::Empty)?;
    let preliminary = preliminary_months(&latest);

    // Scatter the figures into one series per (county, breakdown member, flow).
    let mut by_key: BTreeMap<Key, MonthlySeries> = BTreeMap::new();
    for o in &latest {
        let Entity::Region(code) = o.entity else {
            continue;
        };
        let key = (code, o.breakdown.as_ref().map(|b| (b.dimension, b.member.clone())), o.flow);
        let s = by_key.entry(key).or_insert_with(|| MonthlySeries::empty(first, last));
        match o.period {
            Period::JanFeb(y) => {
                if !s.jan_feb_combined.contains(&y) {
                    s.jan_feb_combined.push(y);
                }
                s.set(o.period.last_month(), Some(o.value.units));
            }
            p => s.set(p.first_month(), Some(o.value.units)),
        }
    }

    let len = (last.ordinal() - first.ordinal() + 1) as usize;
    let empty = MonthlySeries::empty(first, last);
    let county_series = |code: RegionCode, member: Option<(Dimension, String)>, flow: Flow| {
        by_key.get(&(code, member, flow)).cloned().unwrap_or_else(|| empty.clone())
    };
    // The city is the sum of its counties, so the two can never disagree.
    let region_pair = |member: Option<(Dimension, String)>| {
        let mut out = Vec::new();
        let counties: Vec<(RegionCode, MonthlySeries, MonthlySeries)> = input
            .regions
            .counties
            .iter()
            .map(|c| {
                (
                    c.code,
                    county_series(c.code, member.clone(), Flow::Export),
                    county_series(c.code, member.clone(), Flow::Import),
                )
            })
            .collect();
        let city_e = with_combined(MonthlySeries::sum(first, len, counties.iter().map(|c| &c.1)), &counties);
        let city_i = with_combined(MonthlySeries::sum(first, len, counties.iter().map(|c| &c.2)), &counties);
        out.push((input.regions.city.code, city_e, city_i));
        out.extend(counties);
        out
    };

    let meta = Meta {
        schema: SCHEMA_VERSION,
        generated_at: input.generated_at.clone(),
        illustrative: input.illustrative,
        source_zh: format!("{}商务局", input.regions.city.name_zh),
        source_en: format!("{} Bureau of Commerce", input.regions.city.name_en),
        currency: Currency::Cny,
        first_month: first,
        last_month: last,
        preliminary_from: preliminary.first().copied(),
        preliminary,
        boundaries: input.boundaries.clone(),
        pending: None,
    };

    let overview = OverviewFile {
        meta: meta.clone(),
        city: input.regions.city.clone(),
        counties: input.regions.counties.clone(),
        series: region_pair(None)
            .into_iter()
            .map(|(region, exports, imports)| RegionSeries { region, exports, imports })
            .collect(),
        targets: city_targets(input.regions, input.targets),
    };

    let dimensions = Dimension::ALL
        .into_iter()
        .map(|dimension| {
            let members = input.classes.members(dimension);
            let per_member: Vec<Vec<(RegionCode, MonthlySeries, MonthlySeries)>> =
                members.iter().map(|m| region_pair(Some((dimension, m.code.clone())))).collect();
            let region_codes: Vec<RegionCode> =
                std::iter::once(input.regions.city.code).chain(input.regions.counties.iter().map(|c| c.code)).collect();
            let regions = region_codes
                .iter()
                .enumerate()
                .map(|(ri, &region)| RegionBreakdown {
                    region,
                    members: members
                        .iter()
                        .zip(&per_member)
                        .map(|(m, rows)| MemberSeries {
                            member: m.code.clone(),
                            exports: rows[ri].1.clone(),
                            imports: rows[ri].2.clone(),
                        })
                        .collect(),
                })
                .collect();
            DimensionFile {
                meta: meta.clone(),
                dimension,
                members: members.to_vec(),
                groups: if dimension == Dimension::Partner { input.classes.partner_groups.clone() } else { Vec::new() },
                regions,
            }
        })
        .collect();

    Ok(Published { overview, dimensions })
}

/// A city-wide 1—2月 release exists only if every county released January and February together.
fn with_combined(mut city: MonthlySeries, counties: &[(RegionCode, MonthlySeries, MonthlySeries)]) -> MonthlySeries {
    if let Some((_, first, _)) = counties.first() {
        city.jan_feb_combined = first
            .jan_feb_combined
            .iter()
            .copied()
            .filter(|y| counties.iter().all(|(_, e, i)| e.is_combined(*y) && i.is_combined(*y)))
            .collect();
    }
    city
}

/// County targets as given, plus the city's target as their sum when the city has none of its own.
fn city_targets(regions: &RegionRegistry, targets: &[Target]) -> Vec<Target> {
    let mut out: Vec<Target> = targets.to_vec();
    let years: Vec<i32> = {
        let mut y: Vec<i32> = targets.iter().map(|t| t.year).collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    for year in years {
        if out.iter().any(|t| t.region == regions.city.code && t.year == year) {
            continue;
        }
        let sum: i64 =
            targets.iter().filter(|t| t.year == year && t.region != regions.city.code).map(|t| t.total).sum();
        out.push(Target { region: regions.city.code, year, total: sum });
    }
    out.sort_by_key(|t| (t.year, t.region));
    out
}

/// Keeps the county figures of complete periods only: a month is published once every county's total
/// for it is approved, so the city total (the sum of the counties) is never a partial sum. Later
/// periods wait; the completeness table lists who is missing.
pub fn complete_periods_only(observations: Vec<Observation>, regions: &RegionRegistry) -> Vec<Observation> {
    let mut counties_by_period: BTreeMap<Period, std::collections::BTreeSet<RegionCode>> = BTreeMap::new();
    for o in &observations {
        if let (Entity::Region(code), None) = (o.entity, &o.breakdown) {
            counties_by_period.entry(o.period).or_default().insert(code);
        }
    }
    let complete =
        |codes: &std::collections::BTreeSet<RegionCode>| regions.counties.iter().all(|c| codes.contains(&c.code));
    let Some(cutoff) =
        counties_by_period.iter().filter(|(_, codes)| complete(codes)).map(|(p, _)| p.last_month()).max()
    else {
        return Vec::new();
    };
    observations
        .into_iter()
        .filter(|o| !matches!(o.entity, Entity::Region(_)) || o.period.last_month() <= cutoff)
        .collect()
}

/// The newest month that [`complete_periods_only`] holds back while some of its county totals are
/// approved: how many counties are in, of how many.
pub fn pending_month(observations: &[Observation], regions: &RegionRegistry) -> Option<crate::api::Pending> {
    let mut by_month: BTreeMap<YearMonth, std::collections::BTreeSet<RegionCode>> = BTreeMap::new();
    for o in observations {
        if let (Entity::Region(code), None) = (o.entity, &o.breakdown) {
            if regions.county(code).is_some() {
                by_month.entry(o.period.last_month()).or_default().insert(code);
            }
        }
    }
    let counties = regions.counties.len();
    let complete = by_month.iter().filter(|(_, c)| c.len() == counties).map(|(m, _)| *m).max();
    let (month, codes) = by_month.iter().next_back()?;
    (Some(*month) > complete).then_some(crate::api::Pending {
        month: *month,
        approved: codes.len() as u32,
        counties: counties as u32,
    })
}

#[cfg(test)]
mod tests;
