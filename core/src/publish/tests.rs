//! The publisher's rules on hand-made figures: a combined 1—2月 replaces the months it merges, and each
//! month carries its own 快报/修订 mark.

use super::*;
use crate::amount::Amount;
use crate::demo::tests::baoji;

fn month(y: i32, m: u32) -> Period {
    Period::Month(YearMonth::new(y, m).unwrap())
}

/// A total of every county for `period`, each county's exports `value` and imports half of it.
fn totals(regions: &RegionRegistry, period: Period, value: i64, status: Status, version: u32) -> Vec<Observation> {
    regions
        .counties
        .iter()
        .flat_map(|c| {
            Flow::ALL.map(|flow| Observation {
                entity: Entity::Region(c.code),
                period,
                flow,
                breakdown: None,
                value: Amount::cny(if flow == Flow::Export { value } else { value / 2 }),
                status,
                version,
            })
        })
        .collect()
}

fn published(observations: &[Observation]) -> Published {
    let (regions, classes) = baoji();
    let input = Input {
        regions: &regions,
        classes: &classes,
        observations,
        targets: &[],
        generated_at: "2021-07-10T00:00:00Z".into(),
        illustrative: false,
        boundaries: None,
    };
    publish(&input).unwrap()
}

#[test]
fn a_combined_release_replaces_the_months_it_merges() {
    let (regions, _) = baoji();
    let n = regions.counties.len() as i64;
    // County returns gave January and February; customs then released 1—2月 as one figure.
    let mut obs = totals(&regions, month(2021, 1), 100, Status::Preliminary, 1);
    obs.extend(totals(&regions, month(2021, 2), 50, Status::Preliminary, 1));
    obs.extend(totals(&regions, Period::JanFeb(2021), 170, Status::Revised, 1));
    obs.extend(totals(&regions, month(2021, 3), 60, Status::Revised, 1));
    let p = published(&obs);
    for s in &p.overview.series {
        assert!(s.exports.is_combined(2021), "{}", s.region);
        assert_eq!(s.exports.values[0], None, "January of {} is inside 1—2月", s.region);
    }
    let city = &p.overview.series[0];
    assert_eq!(city.region, regions.city.code);
    assert_eq!(city.exports.values[1], Some(170 * n));
    // Summing the file's month values gives the release's total, never January counted twice.
    let sum: i64 = city.exports.values.iter().flatten().sum();
    assert_eq!(sum, (170 + 60) * n);
    assert_eq!(city.exports.value(Period::Ytd(YearMonth::new(2021, 3).unwrap())), Some((170 + 60) * n));
}

#[test]
fn each_month_carries_its_own_release_mark() {
    let (regions, _) = baoji();
    // (what is stored, months marked 快报)
    let cases: Vec<(Vec<Observation>, Vec<YearMonth>)> = vec![
        // A 1—2月 imported as 快报 before months stored as 修订: only January and February are 快报.
        (
            [
                totals(&regions, Period::JanFeb(2021), 170, Status::Preliminary, 1),
                totals(&regions, month(2021, 3), 60, Status::Revised, 2),
                totals(&regions, month(2021, 4), 60, Status::Revised, 2),
            ]
            .concat(),
            vec![YearMonth::new(2021, 1).unwrap(), YearMonth::new(2021, 2).unwrap()],
        ),
        // The usual case: revised months, then the latest month as 快报.
        (
            [
                totals(&regions, month(2021, 3), 60, Status::Revised, 2),
                totals(&regions, month(2021, 4), 60, Status::Preliminary, 1),
            ]
            .concat(),
            vec![YearMonth::new(2021, 4).unwrap()],
        ),
        // A revision replaces the 快报 it revises.
        (
            [
                totals(&regions, month(2021, 4), 60, Status::Preliminary, 1),
                totals(&regions, month(2021, 4), 61, Status::Revised, 2),
            ]
            .concat(),
            vec![],
        ),
    ];
    for (obs, expected) in cases {
        let meta = published(&obs).overview.meta;
        assert_eq!(meta.preliminary, expected);
        assert_eq!(meta.preliminary_from, expected.first().copied());
        for m in meta.first_month.through(meta.last_month) {
            assert_eq!(meta.is_preliminary(Period::Month(m)), expected.contains(&m), "{m}");
        }
    }
}

#[test]
fn readers_offer_one_period_for_a_combined_release() {
    let (regions, _) = baoji();
    let obs = [
        totals(&regions, Period::JanFeb(2021), 170, Status::Revised, 1),
        totals(&regions, month(2021, 3), 60, Status::Revised, 1),
    ]
    .concat();
    let file = published(&obs).overview;
    let ym = |m| YearMonth::new(2021, m).unwrap();
    assert_eq!(crate::dashboard::months_latest_first(&file), vec![ym(3), ym(2)]);
    assert_eq!(crate::dashboard::month_period(&file, ym(2)), Period::JanFeb(2021));
    assert_eq!(crate::dashboard::month_period(&file, ym(3)), month(2021, 3));
    let choices = crate::briefing::period_choices(&file);
    let all: Vec<Period> = choices.iter().flat_map(|c| c.2.clone()).collect();
    assert!(!all.contains(&Period::Ytd(ym(1))) && !all.contains(&month(2021, 1)) && !all.contains(&month(2021, 2)));
    assert!(all.contains(&Period::JanFeb(2021)) && all.contains(&Period::Ytd(ym(2))));
    let city = &file.series[0].exports;
    // Every choice is the period the briefing reports, so the selector always marks one.
    for p in &all {
        assert_eq!(crate::briefing::effective_period(city, *p), *p, "{p}");
    }
    // A link to 1—1月 or to January of that year opens the combined period, which has figures.
    for (asked, reported) in [(Period::Ytd(ym(1)), Period::Ytd(ym(2))), (month(2021, 1), Period::JanFeb(2021))] {
        let p = crate::briefing::effective_period(city, asked);
        assert_eq!(p, reported);
        assert!(city.value(p).is_some());
    }
}

#[test]
fn a_month_with_some_counties_approved_is_pending() {
    let (regions, _) = baoji();
    let n = regions.counties.len() as u32;
    let june = totals(&regions, month(2021, 6), 100, Status::Revised, 1);
    let july = totals(&regions, month(2021, 7), 100, Status::Preliminary, 1);
    let july_of = |k: usize| july.iter().take(k * 2).cloned().collect::<Vec<_>>();
    // (July's counties approved, pending: (approved, of))
    let cases = [(0, None), (1, Some((1, n))), (n as usize - 1, Some((n - 1, n))), (n as usize, None)];
    for (k, want) in cases {
        let obs: Vec<Observation> = june.iter().cloned().chain(july_of(k)).collect();
        let got = pending_month(&obs, &regions).map(|p| (p.approved, p.counties));
        assert_eq!(got, want, "{k} counties of July");
        if let Some(p) = pending_month(&obs, &regions) {
            assert_eq!(p.month, YearMonth::new(2021, 7).unwrap());
            assert_eq!(
                p.sentence(crate::Lang::Zh),
                format!("2021年7月数据汇总中：全市{n}个县区已审核{k}个，齐全后发布。")
            );
        }
    }
    assert_eq!(pending_month(&[], &regions), None);
}
