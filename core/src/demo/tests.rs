//! Checks that the demo data has the shape the generator documents.

use super::*;
use crate::api::OverviewFile;
use crate::dashboard::measure_series;
use crate::flow::Measure;
use crate::publish::{publish, Input};

pub(crate) fn baoji() -> (RegionRegistry, Classifications) {
    let regions = RegionRegistry::parse_csv(include_str!("../../../data/registry/regions-610300.csv")).unwrap();
    let classes = Classifications::new(
        include_str!("../../../data/registry/hs-sections.csv"),
        include_str!("../../../data/registry/partners.csv"),
    )
    .unwrap();
    (regions, classes)
}

/// The demo data for Baoji, published: what the dashboard reads. Other modules' tests use it too.
pub(crate) fn overview() -> OverviewFile {
    published().overview
}

/// The published file of one dimension of the demo data.
pub(crate) fn dimension_file(dimension: crate::Dimension) -> crate::api::DimensionFile {
    published().dimensions.into_iter().find(|d| d.dimension == dimension).expect("every dimension is published")
}

fn published() -> crate::publish::Published {
    let (regions, classes) = baoji();
    let demo = generate(&regions, &classes, DEFAULT_SEED);
    let input = Input {
        regions: &regions,
        classes: &classes,
        observations: &demo.observations,
        targets: &demo.targets,
        generated_at: "2021-07-10T00:00:00Z".into(),
        illustrative: true,
        boundaries: None,
    };
    publish(&input).unwrap()
}

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

#[test]
fn is_deterministic() {
    let (regions, classes) = baoji();
    let a = generate(&regions, &classes, DEFAULT_SEED);
    let b = generate(&regions, &classes, DEFAULT_SEED);
    assert_eq!(a.observations, b.observations);
    assert_eq!(a.enterprises, b.enterprises);
    let c = generate(&regions, &classes, DEFAULT_SEED + 1);
    assert_ne!(a.observations, c.observations);
}

#[test]
fn has_the_documented_shape() {
    let file = overview();
    let city = measure_series(file.series_of(file.city.code).unwrap(), Measure::Total);
    let yi = |v: i64| v / 100_000_000;
    // City total of the order of tens of 亿元 a year.
    let y2019 = city.value(Period::Year(2019)).unwrap();
    assert!((35..=60).contains(&yi(y2019)), "2019 total {} 亿元", yi(y2019));
    // Spring-Festival dip: February below the year's average month.
    for year in [2019, 2021] {
        let feb = city.month(ym(year, 2)).unwrap();
        let h1 = city.value(Period::Half { year, half: 1 }).unwrap();
        assert!(feb * 6 < h1, "{year}: February is not a dip");
    }
    // 2020 Q1 drop and 2021 rebound.
    let q1 = |y| city.value(Period::Quarter { year: y, quarter: 1 }).unwrap();
    assert!(q1(2020) * 100 < q1(2019) * 90, "no 2020 Q1 drop");
    assert!(q1(2021) * 100 > q1(2020) * 125, "no 2021 rebound");
    // Every figure is a whole number of 万元.
    assert!(city.values.iter().flatten().all(|v| v % 10_000 == 0));
}

#[test]
fn breakdowns_sum_to_totals() {
    let (regions, classes) = baoji();
    let demo = generate(&regions, &classes, DEFAULT_SEED);
    let mut totals = std::collections::BTreeMap::new();
    let mut sums = std::collections::BTreeMap::new();
    for o in &demo.observations {
        match &o.breakdown {
            None => {
                totals.insert((o.entity, o.period, o.flow), o.value.units);
            }
            Some(b) if b.dimension.is_additive() => {
                *sums.entry((o.entity, o.period, o.flow, b.dimension)).or_insert(0i64) += o.value.units;
            }
            Some(_) => {}
        }
    }
    assert!(!sums.is_empty());
    for ((entity, period, flow, dimension), sum) in sums {
        assert_eq!(totals[&(entity, period, flow)], sum, "{entity} {period} {flow:?} {dimension:?}");
    }
    for o in &demo.observations {
        o.check(&regions, &classes).unwrap();
    }
}

#[test]
fn has_thirty_fictional_enterprises_and_targets() {
    let (regions, classes) = baoji();
    let demo = generate(&regions, &classes, DEFAULT_SEED);
    assert_eq!(demo.enterprises.len(), 30);
    assert!(demo.enterprises.iter().all(|e| e.illustrative && e.name_zh.contains("示例")));
    assert_eq!(demo.targets.len(), 12 * 3);
    assert!(demo.targets.iter().all(|t| t.total > 0));
}

#[test]
fn a_month_is_published_only_when_every_county_has_filed() {
    use crate::observation::{Entity, Observation, Status};
    let (regions, _) = baoji();
    let demo = generate(&regions, &baoji().1, DEFAULT_SEED);
    let july = |code: crate::RegionCode| Observation {
        entity: Entity::Region(code),
        period: crate::Period::Month(ym(2021, 7)),
        flow: crate::Flow::Export,
        breakdown: None,
        value: crate::Amount::cny(1_000_000),
        status: Status::Preliminary,
        version: 1,
    };
    let n = demo.observations.len();
    let mut some = demo.observations.clone();
    some.extend(regions.counties.iter().take(11).map(|c| july(c.code)));
    let kept = crate::publish::complete_periods_only(some, &regions);
    assert_eq!(kept.len(), n, "July waits while a county is missing");
    let mut all = demo.observations.clone();
    all.extend(regions.counties.iter().map(|c| july(c.code)));
    assert_eq!(crate::publish::complete_periods_only(all, &regions).len(), n + 12);
}

#[test]
fn the_demo_registries_pass_their_own_checks_and_show_every_state() {
    use crate::registry::Known;
    let (regions, classes) = baoji();
    let data = generate(&regions, &classes, DEFAULT_SEED);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut known = Known::new(&regions, &classes, today);
    for e in &data.enterprises {
        assert_eq!(e.check(&known), Ok(()), "{}", e.name_zh);
    }
    let counties: Vec<_> = regions.counties.iter().map(|c| c.code).collect();
    let r = people::registries(&data.enterprises, &counties, today);
    known.experts = r.experts.iter().map(|e| e.id).collect();
    known.enterprises = data.enterprises.iter().map(|e| e.id).collect();
    assert!(r.experts.iter().all(|e| e.check().is_ok()));
    assert_eq!(crate::expert::reminders(&r.experts, today).len(), 2, "two terms end within 60 days");
    assert!(r.activities.iter().all(|a| a.check(&known).is_ok()));
    assert!(r.members.iter().all(|m| m.check().is_ok()));
    for m in &r.meetings {
        assert_eq!(m.check(&known), Ok(()), "{}", m.meeting.title);
    }
    let tasks: Vec<_> = r.meetings.iter().flat_map(|m| m.tasks.clone()).collect();
    assert!(
        tasks.iter().any(|t| t.is_overdue(today)) && tasks.iter().any(|t| t.status == crate::task::TaskStatus::Done)
    );
    assert!(tasks.iter().any(|t| t.responsible.county() == Some(counties[0])), "the demo county has tasks");
    assert!(r.problems.iter().all(|p| p.check(today).is_ok()));
    assert!(r.problems.iter().any(|p| p.is_overdue(today)) && r.problems.iter().any(|p| p.status.is_finished()));
    assert!(r.problems.iter().filter(|p| p.enterprise == 1).count() >= 2, "the demo enterprise has problems");
    assert!(data.enterprises.iter().all(|e| e.illustrative) && r.experts.iter().all(|e| e.illustrative));
}
