//! Monthly series: the month values (当月) of one measure for one region or member, from which every
//! period's value (累计, quarters, 1—2月) is derived.

use serde::{Deserialize, Serialize};

use crate::flow::Measure;
use crate::period::{Period, YearMonth};

/// Month values in whole currency units, starting at `start`; `None` where nothing was reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlySeries {
    pub start: YearMonth,
    pub values: Vec<Option<i64>>,
    /// Years whose January and February were released together: the February slot holds the 1—2月
    /// value and the January slot is `None`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jan_feb_combined: Vec<i32>,
}

impl MonthlySeries {
    pub fn new(start: YearMonth, values: Vec<Option<i64>>) -> Self {
        Self { start, values, jan_feb_combined: Vec::new() }
    }

    /// An all-missing series covering `start..=end`.
    pub fn empty(start: YearMonth, end: YearMonth) -> Self {
        let len = (end.ordinal() - start.ordinal() + 1).max(0) as usize;
        Self::new(start, vec![None; len])
    }

    /// The last month the series covers (the month before `start` when empty).
    pub fn end(&self) -> YearMonth {
        self.start.add_months(self.values.len() as i64 - 1)
    }

    fn slot(&self, ym: YearMonth) -> Option<i64> {
        let i = ym.ordinal() - self.start.ordinal();
        if i < 0 {
            return None;
        }
        self.values.get(i as usize).copied().flatten()
    }

    pub fn set(&mut self, ym: YearMonth, value: Option<i64>) {
        let i = ym.ordinal() - self.start.ordinal();
        if i >= 0 && (i as usize) < self.values.len() {
            self.values[i as usize] = value;
        }
    }

    pub fn is_combined(&self, year: i32) -> bool {
        self.jan_feb_combined.contains(&year)
    }

    /// The value of any period within one year: the sum of its months, `None` if any month is missing.
    /// In a year where 1—2月 was released as one figure, a period containing only January or only
    /// February has no value, and one containing both uses the combined figure.
    pub fn value(&self, period: Period) -> Option<i64> {
        let year = period.year();
        let months = period.months();
        let mut sum = 0i64;
        for m in months.clone() {
            let ym = YearMonth::new(year, m).ok()?;
            if self.is_combined(year) && m <= 2 {
                if !(months.contains(&1) && months.contains(&2)) {
                    return None;
                }
                if m == 1 {
                    continue;
                }
            }
            sum += self.slot(ym)?;
        }
        Some(sum)
    }

    /// 当月 value of one month.
    pub fn month(&self, ym: YearMonth) -> Option<i64> {
        self.value(Period::Month(ym))
    }

    /// 累计 value: January through `ym`.
    pub fn ytd(&self, ym: YearMonth) -> Option<i64> {
        self.value(Period::Ytd(ym))
    }

    /// Derives month values from year-to-date values (当月 = 本月累计 − 上月累计; January's month value
    /// is its cumulative value). The inverse of [`MonthlySeries::ytd`].
    pub fn from_ytd(start: YearMonth, ytd: &[Option<i64>]) -> Self {
        let mut values = Vec::with_capacity(ytd.len());
        for (i, cur) in ytd.iter().enumerate() {
            let ym = start.add_months(i as i64);
            let value = if ym.month() == 1 {
                *cur
            } else if i == 0 {
                None
            } else {
                match (cur, ytd[i - 1]) {
                    (Some(c), Some(p)) => Some(c - p),
                    _ => None,
                }
            };
            values.push(value);
        }
        Self::new(start, values)
    }

    /// Combines an export and an import series (same span) into a measure's series.
    pub fn combine(measure: Measure, exports: &MonthlySeries, imports: &MonthlySeries) -> Self {
        let values =
            exports.values.iter().zip(&imports.values).map(|(e, i)| Some(measure.combine((*e)?, (*i)?))).collect();
        let mut s = Self::new(exports.start, values);
        s.jan_feb_combined = exports.jan_feb_combined.clone();
        s
    }

    /// Month-by-month sum of several series with the same span; a month is missing if any part is.
    pub fn sum<'a>(start: YearMonth, len: usize, parts: impl IntoIterator<Item = &'a MonthlySeries>) -> Self {
        let mut values = vec![Some(0i64); len];
        let mut any = false;
        for part in parts {
            any = true;
            for (i, v) in values.iter_mut().enumerate() {
                let ym = start.add_months(i as i64);
                *v = match (*v, part.slot(ym)) {
                    (Some(a), Some(b)) => Some(a + b),
                    _ => None,
                };
            }
        }
        if !any {
            values = vec![None; len];
        }
        Self::new(start, values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn periods_sum_their_months() {
        let s = MonthlySeries::new(ym(2021, 1), (1..=6).map(|m| Some(m * 10)).collect());
        // (period, expected)
        let cases = [
            (Period::Month(ym(2021, 3)), Some(30)),
            (Period::Ytd(ym(2021, 3)), Some(60)),
            (Period::JanFeb(2021), Some(30)),
            (Period::Quarter { year: 2021, quarter: 2 }, Some(150)),
            (Period::Half { year: 2021, half: 1 }, Some(210)),
            (Period::Year(2021), None),
            (Period::Month(ym(2020, 12)), None),
        ];
        for (p, want) in cases {
            assert_eq!(s.value(p), want, "{p}");
        }
    }

    #[test]
    fn combined_jan_feb_is_one_figure() {
        let mut s = MonthlySeries::new(ym(2021, 1), vec![None, Some(50), Some(40)]);
        s.jan_feb_combined.push(2021);
        assert_eq!(s.value(Period::JanFeb(2021)), Some(50));
        assert_eq!(s.ytd(ym(2021, 3)), Some(90));
        assert_eq!(s.month(ym(2021, 2)), None);
        assert_eq!(s.month(ym(2021, 1)), None);
        assert_eq!(s.month(ym(2021, 3)), Some(40));
    }

    #[test]
    fn month_values_derive_from_ytd() {
        let ytd = [Some(10), Some(25), Some(45), None, Some(100)];
        let s = MonthlySeries::from_ytd(ym(2021, 1), &ytd);
        assert_eq!(s.values, vec![Some(10), Some(15), Some(20), None, None]);
        // Across a year boundary January restarts the cumulation.
        let s = MonthlySeries::from_ytd(ym(2020, 12), &[Some(500), Some(30)]);
        assert_eq!(s.values, vec![None, Some(30)]);
    }
}
