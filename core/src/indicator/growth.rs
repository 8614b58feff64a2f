//! 同比 and 环比: growth of a value against a base period, with a zero or missing base as cases of their own.

use crate::fixed::Fixed;
use crate::indicator::Ratio;
use crate::lang::Lang;
use crate::period::{Period, YearMonth};
use crate::series::MonthlySeries;

/// Growth of a value against its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Growth {
    /// (current − base) ÷ base, for a positive base.
    Rate(Ratio),
    /// The base is zero and the current value positive: 新增, never "infinite growth".
    New,
    /// A value is missing, both are zero, or the base is negative (as a trade balance can be): "—".
    Unavailable,
}

impl Growth {
    pub fn between(current: Option<i64>, base: Option<i64>) -> Self {
        match (current, base) {
            (Some(c), Some(b)) if b > 0 => {
                Ratio::new(i128::from(c) - i128::from(b), i128::from(b)).map_or(Growth::Unavailable, Growth::Rate)
            }
            (Some(c), Some(0)) if c > 0 => Growth::New,
            _ => Growth::Unavailable,
        }
    }

    /// The growth rate in %, rounded half up; `None` for 新增 and "—".
    pub fn percent(self, decimals: u8) -> Option<Fixed> {
        match self {
            Growth::Rate(r) => Some(r.percent(decimals)),
            _ => None,
        }
    }

    /// A signed figure for tables and cards: "8.1%", "-3.2%", "新增", "—".
    pub fn short(self, decimals: u8, lang: Lang) -> String {
        match self {
            Growth::Rate(r) => format!("{}%", r.percent(decimals)),
            Growth::New => lang.pick("新增", "new").to_string(),
            Growth::Unavailable => "—".to_string(),
        }
    }

    /// Worded as releases word it: "增长8.1%", "下降3.2%", "持平"; "up 8.1%", "down 3.2%", "flat".
    /// "持平" is decided on the *rounded* figure, so a sentence never says 增长0.0%.
    pub fn worded(self, decimals: u8, lang: Lang) -> String {
        match self {
            Growth::Rate(r) => {
                let p = r.percent(decimals);
                if p.is_zero() {
                    lang.pick("持平", "flat").to_string()
                } else if p.is_negative() {
                    format!("{}{}%", lang.pick("下降", "down "), p.abs())
                } else {
                    format!("{}{}%", lang.pick("增长", "up "), p)
                }
            }
            Growth::New => lang.pick("新增", "new").to_string(),
            Growth::Unavailable => "—".to_string(),
        }
    }

    /// How a growth figure is marked wherever it is shown (cards, tables, charts): its colour class
    /// (`up`, `down`, `flat`; red for up, as Chinese statistics colour it) and arrow (▲, ▼ or none).
    pub fn mark(self, decimals: u8) -> (&'static str, &'static str) {
        match self.direction(decimals) {
            1 => ("up", "▲"),
            -1 => ("down", "▼"),
            _ => ("flat", ""),
        }
    }

    /// Direction for colouring: 1 up, −1 down, 0 flat or unknown (rounded at `decimals`).
    pub fn direction(self, decimals: u8) -> i8 {
        match self {
            Growth::Rate(r) => {
                let p = r.percent(decimals);
                if p.is_zero() {
                    0
                } else if p.is_negative() {
                    -1
                } else {
                    1
                }
            }
            Growth::New => 1,
            Growth::Unavailable => 0,
        }
    }
}

/// 同比: the period against the same period of the previous year.
pub fn yoy(series: &MonthlySeries, period: Period) -> Growth {
    Growth::between(series.value(period), series.value(period.same_period_last_year()))
}

/// 环比: a month against the month before it.
pub fn mom(series: &MonthlySeries, month: YearMonth) -> Growth {
    Growth::between(series.month(month), series.month(month.add_months(-1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_cases() {
        // (current, base, short, worded zh, worded en)
        let cases = [
            (Some(1081), Some(1000), "8.1%", "增长8.1%", "up 8.1%"),
            (Some(968), Some(1000), "-3.2%", "下降3.2%", "down 3.2%"),
            (Some(1000), Some(1000), "0.0%", "持平", "flat"),
            (Some(10_004), Some(10_000), "0.0%", "持平", "flat"),
            (Some(0), Some(1000), "-100.0%", "下降100.0%", "down 100.0%"),
            (Some(5), Some(0), "新增", "新增", "new"),
            (Some(0), Some(0), "—", "—", "—"),
            (None, Some(1000), "—", "—", "—"),
            (Some(1000), None, "—", "—", "—"),
            (Some(10), Some(-5), "—", "—", "—"),
            (Some(2000), Some(1000), "100.0%", "增长100.0%", "up 100.0%"),
            (Some(10_005), Some(10_000), "0.1%", "增长0.1%", "up 0.1%"),
        ];
        for (c, b, short, zh, en) in cases {
            let g = Growth::between(c, b);
            assert_eq!(g.short(1, Lang::Zh), short, "{c:?}/{b:?}");
            assert_eq!(g.worded(1, Lang::Zh), zh, "{c:?}/{b:?}");
            assert_eq!(g.worded(1, Lang::En), en, "{c:?}/{b:?}");
        }
    }

    #[test]
    fn yoy_and_mom_on_a_series() {
        let start = YearMonth::new(2020, 1).unwrap();
        let mut values: Vec<Option<i64>> = (1..=12).map(|m| Some(100 + m)).collect();
        values.extend((1..=3).map(|m| Some(2 * (100 + m))));
        let s = MonthlySeries::new(start, values);
        let mar = YearMonth::new(2021, 3).unwrap();
        assert_eq!(yoy(&s, Period::Month(mar)).percent(1).unwrap().to_string(), "100.0");
        assert_eq!(yoy(&s, Period::Ytd(mar)).percent(1).unwrap().to_string(), "100.0");
        // 206 against 204.
        assert_eq!(mom(&s, mar).percent(2).unwrap().to_string(), "0.98");
        // January 2021 (202) against December 2020 (112).
        assert_eq!(mom(&s, YearMonth::new(2021, 1).unwrap()).percent(1).unwrap().to_string(), "80.4");
        assert_eq!(yoy(&s, Period::Month(YearMonth::new(2020, 5).unwrap())), Growth::Unavailable);
    }
}
