//! Squarified treemap layout (Bruls, Huizing and van Wijk): rectangles with areas proportional to the
//! values and sides as close to square as the values allow, for the structure of trade by product.

/// A laid-out rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The worst aspect ratio of a row of areas laid along a side of length `side`.
fn worst(row: &[f64], side: f64) -> f64 {
    let sum: f64 = row.iter().sum();
    let (max, min) = row.iter().fold((f64::MIN, f64::MAX), |(a, b), v| (a.max(*v), b.min(*v)));
    let s2 = sum * sum;
    let side2 = side * side;
    (side2 * max / s2).max(s2 / (side2 * min))
}

/// Cells for `values` (largest first gives the best layout) in the box `w` × `h`; zero or negative
/// values get empty cells. Cells come back in the order of `values`.
pub fn squarify(values: &[i64], w: f64, h: f64) -> Vec<Cell> {
    let total: f64 = values.iter().map(|v| (*v).max(0) as f64).sum();
    let mut out = vec![Cell { x: 0.0, y: 0.0, w: 0.0, h: 0.0 }; values.len()];
    if total <= 0.0 || w <= 0.0 || h <= 0.0 {
        return out;
    }
    let scale = w * h / total;
    let items: Vec<(usize, f64)> =
        values.iter().enumerate().filter(|(_, v)| **v > 0).map(|(i, v)| (i, *v as f64 * scale)).collect();
    let (mut x, mut y, mut rw, mut rh) = (0.0, 0.0, w, h);
    let mut row: Vec<(usize, f64)> = Vec::new();
    let mut rest = items.as_slice();
    while let Some((&next, tail)) = rest.split_first() {
        let side = rw.min(rh);
        let areas: Vec<f64> = row.iter().map(|r| r.1).collect();
        let mut with_next = areas.clone();
        with_next.push(next.1);
        if row.is_empty() || worst(&with_next, side) <= worst(&areas, side) {
            row.push(next);
            rest = tail;
            continue;
        }
        (x, y, rw, rh) = place(&row, x, y, rw, rh, &mut out);
        row.clear();
    }
    if !row.is_empty() {
        place(&row, x, y, rw, rh, &mut out);
    }
    out
}

/// Lays a row along the shorter side of the free box and returns the box that is left.
fn place(row: &[(usize, f64)], x: f64, y: f64, w: f64, h: f64, out: &mut [Cell]) -> (f64, f64, f64, f64) {
    let sum: f64 = row.iter().map(|r| r.1).sum();
    if w >= h {
        // A column at the left.
        let cw = sum / h;
        let mut cy = y;
        for &(i, a) in row {
            let ch = a / cw;
            out[i] = Cell { x, y: cy, w: cw, h: ch };
            cy += ch;
        }
        (x + cw, y, w - cw, h)
    } else {
        // A row at the top.
        let ch = sum / w;
        let mut cx = x;
        for &(i, a) in row {
            let cw = a / ch;
            out[i] = Cell { x: cx, y, w: cw, h: ch };
            cx += cw;
        }
        (x, y + ch, w, h - ch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_proportional_and_tile_the_box() {
        // The example of the paper: 6, 6, 4, 3, 2, 2, 1 in a 6 × 4 box.
        let values = [6, 6, 4, 3, 2, 2, 1, 0];
        let cells = squarify(&values, 6.0, 4.0);
        for (c, v) in cells.iter().zip(values) {
            assert!((c.w * c.h - v as f64).abs() < 1e-9, "{c:?} for {v}");
            assert!(c.x >= -1e-9 && c.y >= -1e-9 && c.x + c.w <= 6.0 + 1e-9 && c.y + c.h <= 4.0 + 1e-9);
        }
        // The first two share the left column of the paper's figure: 3 wide, 2 high each.
        assert!((cells[0].w - 3.0).abs() < 1e-9 && (cells[0].h - 2.0).abs() < 1e-9);
        assert_eq!(cells[7], Cell { x: 0.0, y: 0.0, w: 0.0, h: 0.0 });
        // No two cells overlap.
        for (i, a) in cells.iter().enumerate() {
            for b in &cells[i + 1..] {
                let overlap_w = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
                let overlap_h = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
                assert!(overlap_w <= 1e-9 || overlap_h <= 1e-9, "{a:?} overlaps {b:?}");
            }
        }
        assert!(squarify(&[0, 0], 1.0, 1.0).iter().all(|c| c.w == 0.0));
    }
}
