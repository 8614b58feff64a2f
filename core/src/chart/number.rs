//! Fixed-point text for drawing numbers: SVG coordinates and CSS percentages.
//!
//! Formatting an `f64` with a precision (`{:.1}`) links the standard library's float-to-decimal code into
//! the browser bundle; rounding to an integer and printing that with integer formatting is far smaller and
//! is exact enough for pixels.

/// `v` rounded to `decimals` places (0 to 6), half away from zero, like `format!("{v:.2}")` up to
/// ties; a negative zero prints as zero and a value that is not finite as `0`.
pub fn fixed(v: f64, decimals: u32) -> String {
    let mut out = String::new();
    push_fixed(&mut out, v, decimals);
    out
}

/// [`fixed`] appended to `out`, so a path is built without one allocation per point.
pub fn push_fixed(out: &mut String, v: f64, decimals: u32) {
    use std::fmt::Write;
    let scale = 10u64.pow(decimals.min(6));
    let n = if v.is_finite() { (v * scale as f64).round() as i64 } else { 0 };
    if n < 0 {
        out.push('-');
    }
    let n = n.unsigned_abs();
    // Writing into a String cannot fail.
    let _ = write!(out, "{}", n / scale);
    if decimals > 0 {
        let _ = write!(out, ".{:0width$}", n % scale, width = decimals.min(6) as usize);
    }
}

/// An SVG coordinate with one decimal, a tenth of a pixel being finer than any screen shows.
pub fn coord(v: f64) -> String {
    fixed(v, 1)
}

/// An axis tick value with thousands separators and exactly `decimals` places ("60,000", "2.5").
pub fn tick_text(v: f64, decimals: u8) -> String {
    let scale = 10i128.pow(u32::from(decimals.min(6)));
    crate::Fixed::from_ratio((v * scale as f64).round() as i128, scale, decimals.min(6)).grouped()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_std_formatting() {
        for v in [0.0, 1.0, 12.26, 99.94, 99.96, 100.0, 1234.5678, 0.05, 2.71, 57.1, 0.004] {
            assert_eq!(fixed(v, 1), format!("{v:.1}"), "{v}");
            assert_eq!(fixed(v, 2), format!("{v:.2}"), "{v}");
            assert_eq!(fixed(-v, 2).trim_start_matches('-'), format!("{v:.2}"), "{v}");
        }
        assert_eq!(fixed(-12.34, 1), "-12.3");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(7.6, 0), "8");
        assert_eq!(coord(f64::NAN), "0.0");
        let mut path = String::from("M");
        push_fixed(&mut path, 1.26, 1);
        assert_eq!(path, "M1.3");
    }

    #[test]
    fn tick_texts_are_grouped() {
        let cases =
            [(60_000.0, 0, "60,000"), (2.5, 1, "2.5"), (-1_250.0, 0, "-1,250"), (0.0, 2, "0.00"), (12.5, 0, "13")];
        for (v, d, want) in cases {
            assert_eq!(tick_text(v, d), want, "{v}");
        }
    }
}
