//! Property tests of the indicator engine: the identities official tables rely on hold for any data.

use proptest::prelude::*;
use waimao_core::indicator::{contribution, pull, Growth};
use waimao_core::period::{Period, YearMonth};
use waimao_core::series::MonthlySeries;

/// Up to 12 components (counties, trade modes…), each with a base and a current value in 万元 steps.
fn components() -> impl Strategy<Value = Vec<(i64, i64)>> {
    prop::collection::vec((0i64..5_000_000, 0i64..5_000_000), 1..12)
        .prop_map(|v| v.into_iter().map(|(b, c)| (b * 10_000, c * 10_000)).collect())
}

proptest! {
    /// 拉动 of an additive breakdown sums exactly to the total's growth rate (in points).
    #[test]
    fn pulls_sum_to_total_growth(parts in components()) {
        let base: i64 = parts.iter().map(|p| p.0).sum();
        let now: i64 = parts.iter().map(|p| p.1).sum();
        prop_assume!(base > 0);
        let Growth::Rate(total) = Growth::between(Some(now), Some(base)) else { panic!("base > 0") };
        // Exact rational sum: every pull has the same denominator (the total's base).
        let sum_num: i128 = parts.iter().map(|p| pull(p.1, p.0, base).unwrap().num()).sum();
        prop_assert_eq!(sum_num * total.den(), total.num() * i128::from(base));
    }

    /// 贡献率 of an additive breakdown sums to exactly 100% whenever the total changed.
    #[test]
    fn contributions_sum_to_one_hundred(parts in components()) {
        let base: i64 = parts.iter().map(|p| p.0).sum();
        let now: i64 = parts.iter().map(|p| p.1).sum();
        prop_assume!(now != base);
        let ratios: Vec<_> = parts.iter().map(|p| contribution(p.1, p.0, now, base).unwrap()).collect();
        let den = ratios[0].den();
        prop_assert!(ratios.iter().all(|r| r.den() == den));
        prop_assert_eq!(ratios.iter().map(|r| r.num()).sum::<i128>(), den);
    }

    /// Month values re-accumulate to year-to-date values, and deriving months from YTD gives them back.
    #[test]
    fn months_and_ytd_round_trip(values in prop::collection::vec(0i64..10_000_000, 1..36), start_month in 1u32..=12) {
        let start = YearMonth::new(2019, start_month).unwrap();
        let s = MonthlySeries::new(start, values.iter().map(|v| Some(*v)).collect());
        let ytd: Vec<Option<i64>> = (0..values.len()).map(|i| {
            let ym = start.add_months(i as i64);
            // YTD exists only when the series reaches back to January of the year.
            if ym.year() == start.year() && start.month() != 1 { None } else { s.ytd(ym) }
        }).collect();
        for (i, y) in ytd.iter().enumerate() {
            let ym = start.add_months(i as i64);
            if let Some(y) = y {
                let by_hand: i64 = (1..=ym.month()).map(|m| s.month(YearMonth::new(ym.year(), m).unwrap()).unwrap()).sum();
                prop_assert_eq!(*y, by_hand);
            }
        }
        let back = MonthlySeries::from_ytd(start, &ytd);
        for (i, v) in back.values.iter().enumerate() {
            if let Some(v) = v {
                prop_assert_eq!(*v, values[i]);
            }
        }
    }

    /// County series sum to the city series for every period.
    #[test]
    fn counties_sum_to_city(counties in prop::collection::vec(prop::collection::vec(0i64..1_000_000, 18), 1..13)) {
        let start = YearMonth::new(2020, 1).unwrap();
        let series: Vec<MonthlySeries> =
            counties.iter().map(|c| MonthlySeries::new(start, c.iter().map(|v| Some(*v)).collect())).collect();
        let city = MonthlySeries::sum(start, 18, &series);
        let periods = [
            Period::Year(2020),
            Period::Ytd(YearMonth::new(2021, 6).unwrap()),
            Period::Quarter { year: 2020, quarter: 3 },
            Period::JanFeb(2021),
            Period::Month(YearMonth::new(2021, 4).unwrap()),
        ];
        for p in periods {
            let by_county: i64 = series.iter().map(|s| s.value(p).unwrap()).sum();
            prop_assert_eq!(city.value(p), Some(by_county));
        }
    }
}
