//! Line geometry for long time series: the SVG path of a downsampled line (broken at gaps), the area
//! under it, and the data point nearest to a pointer.

use super::downsample::m4;
use super::number::push_fixed;
use super::scale::LinearScale;

/// The path of `ys` over `xs` in at most about `4 × columns` points (M4), with `NaN` values leaving
/// a gap. Coordinates carry one decimal, finer than any screen shows.
pub fn line_path(xs: &[f64], ys: &[f64], columns: usize, sx: LinearScale, sy: LinearScale) -> String {
    let keep = m4(xs, ys, columns);
    let mut d = String::with_capacity(keep.len() * 14);
    let mut pen_down = false;
    for i in keep {
        let y = ys[i];
        if y.is_nan() {
            pen_down = false;
            continue;
        }
        d.push(if pen_down { 'L' } else { 'M' });
        push_fixed(&mut d, sx.map(xs[i]), 1);
        d.push(',');
        push_fixed(&mut d, sy.map(y), 1);
        pen_down = true;
    }
    d
}

/// The area between the line and the baseline `base_y` (a pixel position), one closed shape per run of
/// values without gaps.
pub fn area_path(xs: &[f64], ys: &[f64], columns: usize, sx: LinearScale, sy: LinearScale, base_y: f64) -> String {
    let keep = m4(xs, ys, columns);
    let mut d = String::with_capacity(keep.len() * 14);
    let mut run_start: Option<f64> = None;
    let mut last_x = 0.0;
    let close = |d: &mut String, start: f64, end: f64| {
        d.push('L');
        push_fixed(d, end, 1);
        d.push(',');
        push_fixed(d, base_y, 1);
        d.push('L');
        push_fixed(d, start, 1);
        d.push(',');
        push_fixed(d, base_y, 1);
        d.push('Z');
    };
    for i in keep {
        let y = ys[i];
        if y.is_nan() {
            if let Some(start) = run_start.take() {
                close(&mut d, start, last_x);
            }
            continue;
        }
        let x = sx.map(xs[i]);
        d.push(if run_start.is_some() { 'L' } else { 'M' });
        run_start.get_or_insert(x);
        push_fixed(&mut d, x, 1);
        d.push(',');
        push_fixed(&mut d, sy.map(y), 1);
        last_x = x;
    }
    if let Some(start) = run_start {
        close(&mut d, start, last_x);
    }
    d
}

/// The index of the point of `xs` (sorted ascending) nearest to `x`; `None` for an empty series.
pub fn nearest(xs: &[f64], x: f64) -> Option<usize> {
    if xs.is_empty() {
        return None;
    }
    let i = xs.partition_point(|v| *v < x);
    if i == 0 {
        return Some(0);
    }
    if i == xs.len() {
        return Some(xs.len() - 1);
    }
    Some(if x - xs[i - 1] <= xs[i] - x { i - 1 } else { i })
}

/// The lowest and highest value of `ys`, ignoring gaps; `None` when there is none.
pub fn y_extent(ys: &[f64]) -> Option<(f64, f64)> {
    ys.iter().filter(|y| !y.is_nan()).fold(None, |acc, &y| match acc {
        None => Some((y, y)),
        Some((lo, hi)) => Some((f64::min(lo, y), f64::max(hi, y))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_scales() -> (LinearScale, LinearScale) {
        (LinearScale::new((0.0, 10.0), (0.0, 100.0)), LinearScale::new((0.0, 10.0), (100.0, 0.0)))
    }

    #[test]
    fn paths_break_at_gaps() {
        let (sx, sy) = unit_scales();
        let xs = [0.0, 1.0, 2.0, 3.0, 4.0];
        let ys = [0.0, 5.0, f64::NAN, 10.0, 2.5];
        assert_eq!(line_path(&xs, &ys, 100, sx, sy), "M0.0,100.0L10.0,50.0M30.0,0.0L40.0,75.0");
        assert_eq!(
            area_path(&xs, &ys, 100, sx, sy, 100.0),
            "M0.0,100.0L10.0,50.0L10.0,100.0L0.0,100.0ZM30.0,0.0L40.0,75.0L40.0,100.0L30.0,100.0Z"
        );
        assert_eq!(line_path(&[], &[], 100, sx, sy), "");
    }

    #[test]
    fn long_lines_are_downsampled_to_the_width() {
        let xs: Vec<f64> = (0..166_650).map(f64::from).collect();
        let ys: Vec<f64> = xs.iter().map(|x| (x / 500.0).sin()).collect();
        let sx = LinearScale::new((0.0, 166_649.0), (0.0, 640.0));
        let sy = LinearScale::new((-1.0, 1.0), (300.0, 0.0));
        let d = line_path(&xs, &ys, 640, sx, sy);
        let points = d.matches(['M', 'L']).count();
        assert!(points <= 4 * 640 && points > 640, "{points} points");
    }

    #[test]
    fn nearest_point_to_the_pointer() {
        let xs = [0.0, 10.0, 20.0, 30.0];
        let cases = [(-5.0, 0), (0.0, 0), (4.9, 0), (5.0, 0), (5.1, 1), (26.0, 3), (99.0, 3)];
        for (x, want) in cases {
            assert_eq!(nearest(&xs, x), Some(want), "x = {x}");
        }
        assert_eq!(nearest(&[], 1.0), None);
    }

    #[test]
    fn extent_skips_gaps() {
        assert_eq!(y_extent(&[f64::NAN, 3.0, -1.0, 2.0]), Some((-1.0, 3.0)));
        assert_eq!(y_extent(&[f64::NAN]), None);
    }
}
