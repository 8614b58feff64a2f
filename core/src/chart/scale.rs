//! Linear scales and "nice" tick values (1, 2, 2.5, 5 × 10^n).

/// Maps a domain interval onto a pixel range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl LinearScale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        Self { d0: domain.0, d1: domain.1, r0: range.0, r1: range.1 }
    }

    pub fn map(&self, v: f64) -> f64 {
        if self.d1 == self.d0 {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }

    /// The domain value at a pixel position: where the pointer is in data terms.
    pub fn invert(&self, r: f64) -> f64 {
        if self.r1 == self.r0 {
            return (self.d0 + self.d1) / 2.0;
        }
        self.d0 + (r - self.r0) / (self.r1 - self.r0) * (self.d1 - self.d0)
    }
}

/// Tick values covering `[min, max]` with about `target` intervals, on a nice step.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub values: Vec<f64>,
}

impl Ticks {
    /// Decimals needed to print every tick exactly (0 for a step of 5, 1 for 2.5 or 0.5, …).
    pub fn decimals(&self) -> u8 {
        let mut d = 0u8;
        while d < 6
            && ((self.step * 10f64.powi(i32::from(d))).round() - self.step * 10f64.powi(i32::from(d))).abs() > 1e-9
        {
            d += 1;
        }
        d
    }
}

/// The smallest nice step (1, 2, 2.5, 5 × 10^n) not below `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().find(|n| *n >= norm - 1e-12).unwrap_or(10.0);
    nice * mag
}

/// Nice ticks for a domain; the domain always includes zero for bar charts' sake when `include_zero`.
pub fn ticks(min: f64, max: f64, target: usize, include_zero: bool) -> Ticks {
    let (mut lo, mut hi) = if min <= max { (min, max) } else { (max, min) };
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if (hi - lo).abs() < f64::EPSILON {
        hi = lo + 1.0;
    }
    let step = nice_step((hi - lo) / target.max(1) as f64);
    let start = (lo / step).floor() * step;
    let end = (hi / step).ceil() * step;
    let n = ((end - start) / step).round() as usize;
    let values = (0..=n).map(|i| clean(start + i as f64 * step)).collect();
    Ticks { min: clean(start), max: clean(end), step, values }
}

/// Removes floating-point dust such as 0.30000000000000004.
fn clean(v: f64) -> f64 {
    let r = (v * 1e9).round() / 1e9;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        let cases = [(0.7, 1.0), (1.3, 2.0), (2.2, 2.5), (3.0, 5.0), (7.0, 10.0), (13.0, 20.0), (0.023, 0.025)];
        for (raw, want) in cases {
            assert!((nice_step(raw) - want).abs() < 1e-12, "{raw} → {}", nice_step(raw));
        }
    }

    #[test]
    fn ticks_cover_the_domain() {
        let t = ticks(0.0, 4.37, 5, true);
        assert_eq!(t.values, vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        // 43 over 4 intervals is 10.75, so the step rounds up to 20.
        let t = ticks(-12.0, 31.0, 4, true);
        assert_eq!(t.values, vec![-20.0, 0.0, 20.0, 40.0]);
        let t = ticks(-12.0, 31.0, 6, true);
        assert_eq!(t.values, vec![-20.0, -10.0, 0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(ticks(0.0, 0.7, 3, true).decimals(), 2);
        let t = ticks(5.0, 5.0, 4, false);
        assert!(t.min <= 5.0 && t.max >= 5.0);
    }

    #[test]
    fn scale_maps_linearly() {
        let s = LinearScale::new((0.0, 10.0), (200.0, 0.0));
        assert_eq!(s.map(0.0), 200.0);
        assert_eq!(s.map(10.0), 0.0);
        assert_eq!(s.map(2.5), 150.0);
        assert_eq!(s.invert(150.0), 2.5);
        assert_eq!(s.invert(s.map(7.0)), 7.0);
    }
}
