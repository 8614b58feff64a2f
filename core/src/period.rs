//! Reporting periods: months, the combined 1—2月 release, quarters, halves, years and year-to-date ranges.
//!
//! Chinese trade statistics are released per month and cumulated from January (累计, "1—3月"). Customs
//! often release January and February together because the Spring Festival moves between them, so
//! `JanFeb` is a period of its own: its value is known only as a whole.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lang::Lang;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("not a period: {0:?} (expected e.g. 2021-03, 2021-JF, 2021-Q1, 2021-H1, 2021, 2021-YTD03)")]
    Syntax(String),
    #[error("month {0} is not between 1 and 12")]
    Month(u32),
    #[error("year {0} is outside 1950–2200")]
    Year(i32),
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Result<Self, PeriodError> {
        if !(1950..=2200).contains(&year) {
            return Err(PeriodError::Year(year));
        }
        if !(1..=12).contains(&month) {
            return Err(PeriodError::Month(month));
        }
        Ok(Self { year, month: month as u8 })
    }

    /// Parses "2021-03" (also "2021-3" and "202103").
    pub fn parse(s: &str) -> Result<Self, PeriodError> {
        let s = s.trim();
        let err = || PeriodError::Syntax(s.to_string());
        let (y, m) = match s.split_once('-') {
            Some((y, m)) => (y, m),
            // `202103`: six ASCII digits (a multi-byte character would not split at byte 4).
            None if s.len() == 6 && s.is_ascii() => s.split_at(4),
            None => return Err(err()),
        };
        let year = y.parse().map_err(|_| err())?;
        let month = m.parse().map_err(|_| err())?;
        Self::new(year, month)
    }

    pub fn of_date(date: NaiveDate) -> Self {
        Self { year: date.year(), month: date.month() as u8 }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// Months since year 0, for arithmetic and indexing.
    pub fn ordinal(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    pub fn from_ordinal(ordinal: i64) -> Self {
        Self { year: ordinal.div_euclid(12) as i32, month: (ordinal.rem_euclid(12) + 1) as u8 }
    }

    pub fn add_months(self, n: i64) -> Self {
        Self::from_ordinal(self.ordinal() + n)
    }

    pub fn same_month_last_year(self) -> Self {
        self.add_months(-12)
    }

    /// Every month from `self` to `last`, inclusive (empty if `last` is earlier).
    pub fn through(self, last: YearMonth) -> impl Iterator<Item = YearMonth> {
        (self.ordinal()..=last.ordinal()).map(YearMonth::from_ordinal)
    }

    pub fn label(self, lang: Lang) -> String {
        Period::Month(self).label(lang)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        YearMonth::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A reporting period within one calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Month(YearMonth),
    /// January and February released together (1—2月).
    JanFeb(i32),
    Quarter {
        year: i32,
        quarter: u8,
    },
    Half {
        year: i32,
        half: u8,
    },
    Year(i32),
    /// Year to date: January through the given month (累计, "1—m月").
    Ytd(YearMonth),
}

const EN_MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const ZH_QUARTERS: [&str; 4] = ["一", "二", "三", "四"];

impl Period {
    pub fn year(self) -> i32 {
        match self {
            Period::Month(ym) | Period::Ytd(ym) => ym.year(),
            Period::JanFeb(y) | Period::Year(y) => y,
            Period::Quarter { year, .. } | Period::Half { year, .. } => year,
        }
    }

    /// The calendar months the period covers.
    pub fn months(self) -> RangeInclusive<u32> {
        match self {
            Period::Month(ym) => ym.month()..=ym.month(),
            Period::JanFeb(_) => 1..=2,
            Period::Quarter { quarter, .. } => {
                let q = u32::from(quarter);
                (q - 1) * 3 + 1..=q * 3
            }
            Period::Half { half, .. } => {
                let h = u32::from(half);
                (h - 1) * 6 + 1..=h * 6
            }
            Period::Year(_) => 1..=12,
            Period::Ytd(ym) => 1..=ym.month(),
        }
    }

    pub fn first_month(self) -> YearMonth {
        YearMonth { year: self.year(), month: *self.months().start() as u8 }
    }

    pub fn last_month(self) -> YearMonth {
        YearMonth { year: self.year(), month: *self.months().end() as u8 }
    }

    /// The same period one year earlier, the base of 同比.
    pub fn same_period_last_year(self) -> Self {
        match self {
            Period::Month(ym) => Period::Month(ym.same_month_last_year()),
            Period::Ytd(ym) => Period::Ytd(ym.same_month_last_year()),
            Period::JanFeb(y) => Period::JanFeb(y - 1),
            Period::Year(y) => Period::Year(y - 1),
            Period::Quarter { year, quarter } => Period::Quarter { year: year - 1, quarter },
            Period::Half { year, half } => Period::Half { year: year - 1, half },
        }
    }

    /// Parses the canonical codes: "2021-03", "2021-JF", "2021-Q1", "2021-H1", "2021", "2021-YTD03".
    pub fn parse(s: &str) -> Result<Self, PeriodError> {
        let t = s.trim().to_ascii_uppercase();
        let err = || PeriodError::Syntax(s.to_string());
        let Some((y, rest)) = t.split_once('-') else {
            let year: i32 = t.parse().map_err(|_| err())?;
            YearMonth::new(year, 1)?;
            return Ok(Period::Year(year));
        };
        let year: i32 = y.parse().map_err(|_| err())?;
        YearMonth::new(year, 1)?;
        let small = |r: &str, max: u8| r.parse::<u8>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(err);
        if rest == "JF" {
            Ok(Period::JanFeb(year))
        } else if let Some(q) = rest.strip_prefix('Q') {
            Ok(Period::Quarter { year, quarter: small(q, 4)? })
        } else if let Some(h) = rest.strip_prefix('H') {
            Ok(Period::Half { year, half: small(h, 2)? })
        } else if let Some(m) = rest.strip_prefix("YTD") {
            Ok(Period::Ytd(YearMonth::new(year, u32::from(small(m, 12)?))?))
        } else {
            Ok(Period::Month(YearMonth::parse(&t)?))
        }
    }

    /// How releases name the period: "2021年1—3月", "2021年一季度"; "Jan–Mar 2021", "Q1 2021".
    pub fn label(self, lang: Lang) -> String {
        let y = self.year();
        match (self, lang) {
            (Period::Month(ym), Lang::Zh) => format!("{y}年{}月", ym.month()),
            (Period::Month(ym), Lang::En) => format!("{} {y}", EN_MONTHS[ym.month() as usize - 1]),
            (Period::Quarter { quarter, .. }, Lang::Zh) => {
                format!("{y}年{}季度", ZH_QUARTERS[quarter as usize - 1])
            }
            (Period::Quarter { quarter, .. }, Lang::En) => format!("Q{quarter} {y}"),
            (Period::Half { half, .. }, Lang::Zh) => {
                format!("{y}年{}半年", if half == 1 { "上" } else { "下" })
            }
            (Period::Half { half, .. }, Lang::En) => format!("H{half} {y}"),
            (Period::Year(_), Lang::Zh) => format!("{y}年"),
            (Period::Year(_), Lang::En) => format!("{y}"),
            (Period::JanFeb(_) | Period::Ytd(_), _) => self.range_label(lang),
        }
    }

    /// The month range without the year, as sentences use it: "1—3月" / "Jan–Mar"; a single month is "3月".
    pub fn range_label(self, lang: Lang) -> String {
        let (a, b) = (*self.months().start(), *self.months().end());
        let y = self.year();
        match lang {
            Lang::Zh if a == b => format!("{y}年{a}月"),
            Lang::Zh => format!("{y}年{a}—{b}月"),
            Lang::En if a == b => format!("{} {y}", EN_MONTHS[a as usize - 1]),
            Lang::En => format!("{}–{} {y}", EN_MONTHS[a as usize - 1], EN_MONTHS[b as usize - 1]),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Month(ym) => write!(f, "{ym}"),
            Period::JanFeb(y) => write!(f, "{y:04}-JF"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Half { year, half } => write!(f, "{year:04}-H{half}"),
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Ytd(ym) => write!(f, "{:04}-YTD{:02}", ym.year(), ym.month()),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Period::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// China's offset from UTC: eight hours, no daylight saving since 1991.
pub const CHINA_UTC_OFFSET_SECS: i64 = 8 * 3600;

/// The time in China at a Unix time (seconds). The bureau's days and months are China's: a return for
/// July may be filed from 00:00 on 1 August in Baoji, which is 16:00 on 31 July in UTC. Every date the
/// platform decides on (the current month, days open, deadlines) comes from this one function, with
/// the instant passed in by the caller's clock.
pub fn china_time(unix_secs: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp(unix_secs.saturating_add(CHINA_UTC_OFFSET_SECS), 0)
        .map(|t| t.naive_utc())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn china_time_decides_the_day_and_the_month() {
        // (UTC instant, China's date-time): the month turns eight hours before it does in UTC.
        let cases = [
            ("2021-07-31T15:59:59Z", "2021-07-31 23:59:59", "2021-07"),
            ("2021-07-31T16:00:00Z", "2021-08-01 00:00:00", "2021-08"),
            ("2021-12-31T16:00:00Z", "2022-01-01 00:00:00", "2022-01"),
            ("2024-02-28T20:00:00Z", "2024-02-29 04:00:00", "2024-02"),
        ];
        for (utc, china, month) in cases {
            let secs = chrono::DateTime::parse_from_rfc3339(utc).unwrap().timestamp();
            let t = china_time(secs);
            assert_eq!(t.format("%Y-%m-%d %H:%M:%S").to_string(), china, "{utc}");
            assert_eq!(YearMonth::of_date(t.date()).to_string(), month, "{utc}");
        }
    }

    #[test]
    fn parses_and_prints_every_kind() {
        for code in ["2021-03", "2021-JF", "2021-Q1", "2021-H2", "2021", "2021-YTD03"] {
            let p = Period::parse(code).unwrap();
            assert_eq!(p.to_string(), code);
        }
        assert!(Period::parse("2021-13").is_err());
        assert!(Period::parse("2021-Q5").is_err());
        assert!(Period::parse("21-03x").is_err());
        for bad in ["m\u{892f4}\u{17}", "中文", "2021\u{e9}", "é2021"] {
            assert!(YearMonth::parse(bad).is_err(), "{bad:?}");
            assert!(Period::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn labels_follow_release_style() {
        let ym = YearMonth::new(2021, 3).unwrap();
        let cases = [
            (Period::Ytd(ym), "2021年1—3月", "Jan–Mar 2021"),
            (Period::JanFeb(2021), "2021年1—2月", "Jan–Feb 2021"),
            (Period::Month(ym), "2021年3月", "Mar 2021"),
            (Period::Quarter { year: 2021, quarter: 2 }, "2021年二季度", "Q2 2021"),
            (Period::Half { year: 2021, half: 1 }, "2021年上半年", "H1 2021"),
            (Period::Year(2021), "2021年", "2021"),
            (Period::Ytd(YearMonth::new(2021, 1).unwrap()), "2021年1月", "Jan 2021"),
        ];
        for (p, zh, en) in cases {
            assert_eq!(p.label(Lang::Zh), zh);
            assert_eq!(p.label(Lang::En), en);
        }
    }

    #[test]
    fn month_arithmetic_crosses_years() {
        let jan = YearMonth::new(2021, 1).unwrap();
        assert_eq!(jan.add_months(-1).to_string(), "2020-12");
        assert_eq!(jan.same_month_last_year().to_string(), "2020-01");
        assert_eq!(jan.through(YearMonth::new(2021, 3).unwrap()).count(), 3);
        assert_eq!(Period::Quarter { year: 2021, quarter: 3 }.months(), 7..=9);
    }
}
