//! Downsampling long series to the pixel width with M4 (first, min, max and last point of every pixel
//! column): the drawn line is identical to drawing every point, with at most four points per pixel.

/// Indices of the points to keep, in order, for `columns` pixel columns. `xs` must be sorted.
/// Series with at most `4 × columns` points are returned whole.
pub fn m4(xs: &[f64], ys: &[f64], columns: usize) -> Vec<usize> {
    let n = xs.len().min(ys.len());
    if n <= 4 * columns.max(1) || n < 2 {
        return (0..n).collect();
    }
    let (x0, x1) = (xs[0], xs[n - 1]);
    let span = x1 - x0;
    let column_of = |x: f64| {
        if span <= 0.0 {
            0
        } else {
            (((x - x0) / span) * columns as f64).floor().clamp(0.0, columns as f64 - 1.0) as usize
        }
    };
    let mut keep = Vec::with_capacity(4 * columns);
    let mut start = 0;
    while start < n {
        let col = column_of(xs[start]);
        let mut end = start;
        let (mut lo, mut hi) = (start, start);
        while end < n && column_of(xs[end]) == col {
            if ys[end] < ys[lo] {
                lo = end;
            }
            if ys[end] > ys[hi] {
                hi = end;
            }
            end += 1;
        }
        let mut group = [start, lo, hi, end - 1];
        group.sort_unstable();
        for i in group {
            if keep.last() != Some(&i) {
                keep.push(i);
            }
        }
        start = end;
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_series_are_kept_whole() {
        let xs: Vec<f64> = (0..10).map(f64::from).collect();
        assert_eq!(m4(&xs, &xs, 5), (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn keeps_extremes_of_every_column() {
        // 10,000 points of a saw wave with one spike, drawn in 100 columns.
        let xs: Vec<f64> = (0..10_000).map(f64::from).collect();
        let mut ys: Vec<f64> = (0..10_000).map(|i| f64::from(i % 37)).collect();
        ys[5_123] = 1_000.0;
        let keep = m4(&xs, &ys, 100);
        assert!(keep.len() <= 400, "{} points kept", keep.len());
        assert!(keep.contains(&5_123), "the spike was dropped");
        assert!(keep.windows(2).all(|w| w[0] < w[1]), "not in order");
        assert_eq!((keep[0], *keep.last().unwrap()), (0, 9_999));
        // Every column's minimum and maximum survive.
        for col in 0..100 {
            let range = col * 100..(col + 1) * 100;
            let max = range.clone().map(|i| ys[i]).fold(f64::MIN, f64::max);
            let min = range.clone().map(|i| ys[i]).fold(f64::MAX, f64::min);
            let kept: Vec<f64> = keep.iter().filter(|i| range.contains(i)).map(|&i| ys[i]).collect();
            assert!(kept.contains(&max) && kept.contains(&min), "column {col}");
        }
    }
}
