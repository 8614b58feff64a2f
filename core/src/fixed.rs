//! Exact fixed-point decimals for display: integer division rounded half away from zero, done once.
//!
//! Every figure a person reads (an amount in 亿元, a growth rate in %) is an exact rational number
//! rounded a single time to a chosen number of decimals. Doing that rounding here, on integers, means
//! that 50.65% is always shown as 50.7% and never as 50.6% because of a binary floating-point error.

use std::fmt;

/// A decimal number `mantissa × 10^-scale`, already rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fixed {
    mantissa: i128,
    scale: u8,
}

/// Divides `n` by `d`, rounding half away from zero (the rounding Chinese statistical releases use:
/// 四舍五入). `d` must not be zero.
pub fn div_round_half_up(n: i128, d: i128) -> i128 {
    assert!(d != 0, "division by zero in div_round_half_up");
    let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
    let q = n / d;
    let r = n % d;
    // Compare 2|r| with d rather than r with d/2 so odd divisors round correctly.
    if 2 * r.abs() >= d {
        q + n.signum()
    } else {
        q
    }
}

impl Fixed {
    /// The rational `num / den` rounded half away from zero to `scale` decimals.
    pub fn from_ratio(num: i128, den: i128, scale: u8) -> Self {
        let mantissa = div_round_half_up(num * 10i128.pow(u32::from(scale)), den);
        Self { mantissa, scale }
    }

    pub fn from_int(value: i128) -> Self {
        Self { mantissa: value, scale: 0 }
    }

    pub fn mantissa(self) -> i128 {
        self.mantissa
    }

    pub fn scale(self) -> u8 {
        self.scale
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    pub fn abs(self) -> Self {
        Self { mantissa: self.mantissa.abs(), scale: self.scale }
    }

    /// An approximation for drawing only (pixel positions); never use it for a figure people read.
    pub fn to_f64_for_drawing(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(i32::from(self.scale))
    }

    /// Formats with thousands separators in the integer part ("12,345.6"), as tables usually print.
    pub fn grouped(self) -> String {
        let plain = self.to_string();
        let (sign, rest) = plain.strip_prefix('-').map_or(("", plain.as_str()), |r| ("-", r));
        let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
        let mut out = String::with_capacity(plain.len() + int.len() / 3);
        out.push_str(sign);
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if let Some(f) = frac {
            out.push('.');
            out.push_str(f);
        }
        out
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let abs = self.mantissa.unsigned_abs();
        if self.scale == 0 {
            return write!(f, "{sign}{abs}");
        }
        let p = 10u128.pow(u32::from(self.scale));
        write!(f, "{sign}{}.{:0width$}", abs / p, abs % p, width = usize::from(self.scale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero() {
        // (numerator, denominator, scale, expected text)
        let cases = [
            (5, 10, 0, "1"),
            (4, 10, 0, "0"),
            (-5, 10, 0, "-1"),
            (-4, 10, 0, "0"),
            (1, 3, 2, "0.33"),
            (2, 3, 2, "0.67"),
            (5065, 100, 1, "50.7"),
            (5064, 100, 1, "50.6"),
            (-1, 200, 2, "-0.01"),
            (7, -2, 0, "-4"),
            (123_456, 1, 0, "123456"),
            (1, 100, 2, "0.01"),
        ];
        for (n, d, s, want) in cases {
            assert_eq!(Fixed::from_ratio(n, d, s).to_string(), want, "{n}/{d} at {s} decimals");
        }
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(Fixed::from_ratio(12_345_678, 10, 1).grouped(), "1,234,567.8");
        assert_eq!(Fixed::from_int(-1_000).grouped(), "-1,000");
        assert_eq!(Fixed::from_int(999).grouped(), "999");
    }
}
