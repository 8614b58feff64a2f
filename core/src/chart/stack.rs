//! Column layouts for several series over the same categories: side by side (grouped), on top of each
//! other (stacked) or as shares of each category's total (100%-stacked). Values are exact integers;
//! the segments are drawing positions only.

/// How several series share a category's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stacking {
    Grouped,
    Stacked,
    Percent,
}

/// One drawn segment in domain units: from `lo` to `hi` (`lo ≤ hi`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub lo: f64,
    pub hi: f64,
}

/// The segment of every series (outer) in every category (inner); `None` where a value is missing.
///
/// Stacking puts positive values above zero and negative values below it, each in series order, as
/// statistical offices draw balances. In percent mode a category's positive values fill 0–100 and its
/// negative values 0–−100, each part's share of the absolute sum of its side; a category with no
/// values has no segments.
pub fn stack(values: &[Vec<Option<i64>>], mode: Stacking) -> Vec<Vec<Option<Segment>>> {
    let categories = values.iter().map(Vec::len).max().unwrap_or(0);
    let mut out: Vec<Vec<Option<Segment>>> = values.iter().map(|_| vec![None; categories]).collect();
    for c in 0..categories {
        let at = |s: usize| values[s].get(c).copied().flatten();
        // Sums in i128 so that no sum of i64 values can overflow.
        let (pos_total, neg_total): (i128, i128) = (0..values.len()).filter_map(at).fold((0, 0), |(p, n), v| {
            if v >= 0 {
                (p + i128::from(v), n)
            } else {
                (p, n - i128::from(v))
            }
        });
        let (mut up, mut down) = (0i128, 0i128);
        for (s, series) in out.iter_mut().enumerate() {
            let Some(v) = at(s) else { continue };
            series[c] = Some(match mode {
                Stacking::Grouped => Segment { lo: (v.min(0)) as f64, hi: (v.max(0)) as f64 },
                Stacking::Stacked | Stacking::Percent => {
                    let (lo, hi, total) = if v >= 0 {
                        let lo = up;
                        up += i128::from(v);
                        (lo, up, pos_total)
                    } else {
                        let hi = down;
                        down += i128::from(v);
                        (down, hi, neg_total)
                    };
                    if mode == Stacking::Stacked {
                        Segment { lo: lo as f64, hi: hi as f64 }
                    } else {
                        Segment { lo: percent_of(lo, total), hi: percent_of(hi, total) }
                    }
                }
            });
        }
    }
    out
}

/// `part / total × 100` for drawing; the last segment of a side ends at exactly 100 because
/// `part == total` divides to exactly 1.
fn percent_of(part: i128, total: i128) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 / total as f64 * 100.0
    }
}

/// The lowest and highest value any segment reaches, zero included, for the axis.
pub fn extent(segments: &[Vec<Option<Segment>>]) -> (f64, f64) {
    segments.iter().flatten().flatten().fold((0.0, 0.0), |(lo, hi), s| (f64::min(lo, s.lo), f64::max(hi, s.hi)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(lo: f64, hi: f64) -> Option<Segment> {
        Some(Segment { lo, hi })
    }

    #[test]
    fn grouped_columns_start_at_zero() {
        let out = stack(&[vec![Some(3), Some(-2)], vec![Some(5), None]], Stacking::Grouped);
        assert_eq!(out, vec![vec![seg(0.0, 3.0), seg(-2.0, 0.0)], vec![seg(0.0, 5.0), None]]);
        assert_eq!(extent(&out), (-2.0, 5.0));
    }

    #[test]
    fn stacked_columns_pile_up_in_series_order() {
        let out = stack(&[vec![Some(3), Some(1)], vec![Some(5), Some(-4)], vec![Some(2), Some(-1)]], Stacking::Stacked);
        assert_eq!(out[0], vec![seg(0.0, 3.0), seg(0.0, 1.0)]);
        assert_eq!(out[1], vec![seg(3.0, 8.0), seg(-4.0, 0.0)]);
        assert_eq!(out[2], vec![seg(8.0, 10.0), seg(-5.0, -4.0)]);
        assert_eq!(extent(&out), (-5.0, 10.0));
    }

    #[test]
    fn percent_columns_end_at_exactly_one_hundred() {
        // 1/3 is not exact in binary; the top of the last part must still be exactly 100.
        let out = stack(&[vec![Some(1), Some(0)], vec![Some(1), Some(0)], vec![Some(1), None]], Stacking::Percent);
        assert_eq!(out[2][0].unwrap().hi, 100.0);
        assert!((out[0][0].unwrap().hi - 100.0 / 3.0).abs() < 1e-12);
        assert_eq!(out[0][0].unwrap().lo, 0.0);
        // An all-zero category has zero-height parts, never NaN.
        assert_eq!(out[0][1], seg(0.0, 0.0));
        assert_eq!(out[2][1], None);
    }

    #[test]
    fn huge_values_do_not_overflow() {
        let out = stack(&[vec![Some(i64::MAX)], vec![Some(i64::MAX)]], Stacking::Stacked);
        assert!(out[1][0].unwrap().hi > 1.8e19);
        let out = stack(&[vec![Some(i64::MAX)], vec![Some(i64::MAX)]], Stacking::Percent);
        assert_eq!(out[1][0].unwrap().hi, 100.0);
        assert_eq!(out[0][0].unwrap().hi, 50.0);
    }
}
