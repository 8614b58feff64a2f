//! Money: exact integer amounts in whole units of a currency (元 for CNY, dollars for USD), with display
//! in 元/万元/亿元 (or "¥1.23 bn" in English) and parsing of figures as people type them ("1,234.5").

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::fixed::Fixed;
use crate::lang::Lang;

/// The largest magnitude a single stored amount may have: 10^15 units (一千万亿元). Every realistic
/// trade figure is far below it, and it guarantees that summing a million such amounts fits in `i64`.
pub const MAX_ABS_UNITS: i64 = 1_000_000_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Currency {
    #[serde(rename = "CNY")]
    Cny,
    #[serde(rename = "USD")]
    Usd,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
        }
    }

    pub fn parse(s: &str) -> Result<Self, AmountError> {
        match s.trim().to_ascii_uppercase().as_str() {
            "CNY" | "RMB" => Ok(Currency::Cny),
            "USD" => Ok(Currency::Usd),
            _ => Err(AmountError::UnknownCurrency(s.to_string())),
        }
    }
}

/// A display (and entry) unit: how many whole currency units one displayed unit stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// 元 / dollars.
    One,
    /// 万 = 10^4.
    Wan,
    /// 亿 = 10^8.
    Yi,
}

impl Unit {
    pub fn factor(self) -> i64 {
        match self {
            Unit::One => 1,
            Unit::Wan => 10_000,
            Unit::Yi => 100_000_000,
        }
    }

    /// Decimals needed so that one step of the last digit is exactly one currency unit.
    pub fn exact_decimals(self) -> u8 {
        match self {
            Unit::One => 0,
            Unit::Wan => 4,
            Unit::Yi => 8,
        }
    }

    /// Decimals shown by default: whole 元 and 万元 (the unit figures are reported in), 亿元 to two places.
    pub fn display_decimals(self) -> u8 {
        match self {
            Unit::One | Unit::Wan => 0,
            Unit::Yi => 2,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Unit::One => "one",
            Unit::Wan => "wan",
            Unit::Yi => "yi",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "one" | "yuan" | "元" => Some(Unit::One),
            "wan" | "万元" => Some(Unit::Wan),
            "yi" | "亿元" => Some(Unit::Yi),
            _ => None,
        }
    }

    /// The unit's name with the currency, e.g. "亿元", "万美元", "CNY 100 mn".
    pub fn label(self, currency: Currency, lang: Lang) -> String {
        match (lang, currency) {
            (Lang::Zh, Currency::Cny) => ["元", "万元", "亿元"][self as usize].to_string(),
            (Lang::Zh, Currency::Usd) => ["美元", "万美元", "亿美元"][self as usize].to_string(),
            (Lang::En, c) => match self {
                Unit::One => c.code().to_string(),
                Unit::Wan => format!("{} 10k", c.code()),
                Unit::Yi => format!("{} 100 mn", c.code()),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("not a number: {0:?}")]
    NotANumber(String),
    #[error("empty amount")]
    Empty,
    #[error("more decimals than the unit allows ({max})")]
    TooPrecise { max: u8 },
    #[error("amount too large")]
    TooLarge,
    #[error("unknown currency {0:?}")]
    UnknownCurrency(String),
    #[error("currencies differ: {0:?} and {1:?}")]
    CurrencyMismatch(Currency, Currency),
}

/// An exact amount of money in whole currency units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Amount {
    pub units: i64,
    pub currency: Currency,
}

impl Amount {
    pub fn new(units: i64, currency: Currency) -> Result<Self, AmountError> {
        if units.abs() > MAX_ABS_UNITS {
            return Err(AmountError::TooLarge);
        }
        Ok(Self { units, currency })
    }

    pub fn cny(units: i64) -> Self {
        Self { units, currency: Currency::Cny }
    }

    /// Parses a figure as people type it in `unit`: digits with optional thousands separators
    /// (`,`, `，`, spaces), an optional sign and decimal point, full-width digits accepted.
    /// The result must be a whole number of currency units: "1,234.5" 万元 is 12,345,000 元, while
    /// "0.00001" 万元 (0.1 元) is refused rather than silently rounded.
    pub fn parse_in(text: &str, unit: Unit, currency: Currency) -> Result<Self, AmountError> {
        let normal: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '_'))
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' | '。' => '.',
                '－' | '−' => '-',
                other => other,
            })
            .collect();
        if normal.is_empty() {
            return Err(AmountError::Empty);
        }
        let (negative, body) = match normal.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, normal.strip_prefix('+').unwrap_or(&normal)),
        };
        let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
        let digits_ok = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (int_part.is_empty() && frac_part.is_empty()) || !digits_ok(int_part) || !digits_ok(frac_part) {
            return Err(AmountError::NotANumber(text.to_string()));
        }
        let max = unit.exact_decimals();
        let frac_trimmed = frac_part.trim_end_matches('0');
        if frac_trimmed.len() > usize::from(max) {
            return Err(AmountError::TooPrecise { max });
        }
        // Integer part limited in length before parsing so that overflow cannot happen.
        if int_part.trim_start_matches('0').len() > 16 {
            return Err(AmountError::TooLarge);
        }
        let int_value: i128 =
            if int_part.is_empty() { 0 } else { int_part.parse().map_err(|_| AmountError::TooLarge)? };
        let frac_value: i128 = if frac_trimmed.is_empty() {
            0
        } else {
            let scale = 10i128.pow(u32::from(max) - frac_trimmed.len() as u32);
            frac_trimmed.parse::<i128>().map_err(|_| AmountError::NotANumber(text.to_string()))? * scale
        };
        let units =
            int_value * i128::from(unit.factor()) + frac_value * i128::from(unit.factor()) / 10i128.pow(u32::from(max));
        let units = if negative { -units } else { units };
        if units.abs() > i128::from(MAX_ABS_UNITS) {
            return Err(AmountError::TooLarge);
        }
        Ok(Self { units: units as i64, currency })
    }

    pub fn checked_add(self, other: Self) -> Result<Self, AmountError> {
        if self.currency != other.currency {
            return Err(AmountError::CurrencyMismatch(self.currency, other.currency));
        }
        Ok(Self { units: self.units + other.units, currency: self.currency })
    }

    /// The amount in `unit`, rounded half up to `decimals`.
    pub fn in_unit(self, unit: Unit, decimals: u8) -> Fixed {
        Fixed::from_ratio(i128::from(self.units), i128::from(unit.factor()), decimals)
    }

    /// "12.35亿元" / "CNY 1.24 bn" style text for cards and sentences.
    pub fn display(self, unit: Unit, decimals: u8, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}{}", self.in_unit(unit, decimals).grouped(), unit.label(self.currency, lang)),
            Lang::En => english(self, decimals),
        }
    }
}

/// English readers count in thousands: "¥1.23 bn", "¥456.7 mn", "$12.3 k".
fn english(a: Amount, decimals: u8) -> String {
    let symbol = match a.currency {
        Currency::Cny => "¥",
        Currency::Usd => "$",
    };
    let abs = a.units.unsigned_abs();
    let (divisor, suffix) = if abs >= 1_000_000_000 {
        (1_000_000_000, " bn")
    } else if abs >= 1_000_000 {
        (1_000_000, " mn")
    } else if abs >= 1_000 {
        (1_000, " k")
    } else {
        (1, "")
    };
    let value = Fixed::from_ratio(i128::from(a.units), divisor, if divisor == 1 { 0 } else { decimals });
    format!("{symbol}{}{suffix}", value.grouped())
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.units, self.currency.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_typed_figures() {
        let ok = [
            ("1,234.5", Unit::Wan, 12_345_000),
            ("1234.5", Unit::Wan, 12_345_000),
            ("１２３４．５", Unit::Wan, 12_345_000),
            ("0.0001", Unit::Wan, 1),
            ("-3", Unit::Wan, -30_000),
            ("12.3", Unit::Yi, 1_230_000_000),
            ("615.7", Unit::Yi, 61_570_000_000),
            ("7", Unit::One, 7),
            ("7.000", Unit::One, 7),
            (".5", Unit::Wan, 5_000),
        ];
        for (text, unit, units) in ok {
            assert_eq!(Amount::parse_in(text, unit, Currency::Cny), Ok(Amount::cny(units)), "{text}");
        }
        let bad = [
            ("", AmountError::Empty),
            ("abc", AmountError::NotANumber("abc".into())),
            ("1.2.3", AmountError::NotANumber("1.2.3".into())),
            ("0.00001", AmountError::TooPrecise { max: 4 }),
            ("99999999999999999999", AmountError::TooLarge),
        ];
        for (text, err) in bad {
            assert_eq!(Amount::parse_in(text, Unit::Wan, Currency::Cny), Err(err), "{text:?}");
        }
    }

    #[test]
    fn displays_in_units() {
        let a = Amount::cny(1_234_567_890);
        assert_eq!(a.display(Unit::Yi, 2, Lang::Zh), "12.35亿元");
        assert_eq!(a.display(Unit::Wan, 1, Lang::Zh), "123,456.8万元");
        assert_eq!(a.display(Unit::Yi, 2, Lang::En), "¥1.23 bn");
        assert_eq!(Amount::cny(456_700_000).display(Unit::Yi, 1, Lang::En), "¥456.7 mn");
        assert_eq!(Amount::cny(-50_000_000).display(Unit::Yi, 1, Lang::Zh), "-0.5亿元");
    }

    #[test]
    fn refuses_mixed_currencies() {
        let usd = Amount { units: 1, currency: Currency::Usd };
        assert!(Amount::cny(1).checked_add(usd).is_err());
    }
}
