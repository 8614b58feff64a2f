//! Donut layout: slice angles from integer values, and the SVG path of an annular sector.

use std::f64::consts::TAU;

use super::{fixed, sin_cos};

/// One slice, angles in radians clockwise from 12 o'clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slice {
    pub start: f64,
    pub end: f64,
}

/// Slices proportional to `values` (negatives count as zero); all zero gives empty slices.
pub fn slices(values: &[i64]) -> Vec<Slice> {
    let total: i128 = values.iter().map(|v| i128::from((*v).max(0))).sum();
    let mut acc: i128 = 0;
    values
        .iter()
        .map(|v| {
            let start = if total == 0 { 0.0 } else { acc as f64 / total as f64 * TAU };
            acc += i128::from((*v).max(0));
            let end = if total == 0 { 0.0 } else { acc as f64 / total as f64 * TAU };
            Slice { start, end }
        })
        .collect()
}

fn point(cx: f64, cy: f64, r: f64, angle: f64) -> (f64, f64) {
    let (sin, cos) = sin_cos(angle);
    (cx + r * sin, cy - r * cos)
}

/// The path of the ring sector between `inner` and `outer` radii. A full circle is drawn as two halves,
/// since one SVG arc cannot start and end at the same point.
pub fn sector_path(cx: f64, cy: f64, outer: f64, inner: f64, s: Slice) -> String {
    let sweep = s.end - s.start;
    if sweep <= 0.0 {
        return String::new();
    }
    if sweep >= TAU - 1e-9 {
        let mid = Slice { start: s.start, end: s.start + TAU / 2.0 };
        let rest = Slice { start: s.start + TAU / 2.0, end: s.start + TAU };
        return format!("{} {}", sector_path(cx, cy, outer, inner, mid), sector_path(cx, cy, outer, inner, rest));
    }
    let large = i32::from(sweep > TAU / 2.0);
    let (x0, y0) = point(cx, cy, outer, s.start);
    let (x1, y1) = point(cx, cy, outer, s.end);
    let (x2, y2) = point(cx, cy, inner, s.end);
    let (x3, y3) = point(cx, cy, inner, s.start);
    let f = |v: f64| fixed(v, 2);
    format!(
        "M{},{} A{outer},{outer} 0 {large} 1 {},{} L{},{} A{inner},{inner} 0 {large} 0 {},{} Z",
        f(x0),
        f(y0),
        f(x1),
        f(y1),
        f(x2),
        f(y2),
        f(x3),
        f(y3)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_cover_the_circle_in_proportion() {
        let s = slices(&[1, 1, 2, 0]);
        assert_eq!(s[0].start, 0.0);
        assert!((s[1].end - TAU / 2.0).abs() < 1e-12);
        assert!((s[2].end - TAU).abs() < 1e-12);
        assert_eq!(s[3].start, s[3].end);
        assert!(slices(&[0, 0]).iter().all(|s| s.start == s.end));
    }

    #[test]
    fn paths_for_sectors() {
        let quarter = Slice { start: 0.0, end: TAU / 4.0 };
        assert_eq!(
            sector_path(50.0, 50.0, 40.0, 20.0, quarter),
            "M50.00,10.00 A40,40 0 0 1 90.00,50.00 L70.00,50.00 A20,20 0 0 0 50.00,30.00 Z"
        );
        let full = sector_path(50.0, 50.0, 40.0, 20.0, Slice { start: 0.0, end: TAU });
        assert_eq!(full.matches('M').count(), 2);
        assert_eq!(sector_path(0.0, 0.0, 1.0, 0.5, Slice { start: 1.0, end: 1.0 }), "");
    }
}
