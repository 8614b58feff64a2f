//! Sine and cosine for chart geometry without the `libm` routines, whose argument reduction for huge
//! angles alone is several kilobytes of the browser bundle; charts only ever pass a few turns.

use std::f64::consts::FRAC_PI_2;

/// `(x.sin(), x.cos())` to within about 1e-15 for |x| up to a few turns: the angle is reduced to a
/// quarter turn around zero and the Taylor series summed to the 15th and 16th powers.
pub fn sin_cos(x: f64) -> (f64, f64) {
    let q = (x / FRAC_PI_2).round();
    let r = x - q * FRAC_PI_2;
    let r2 = r * r;
    let s = r
        * (1.0
            - r2 / 6.0
                * (1.0
                    - r2 / 20.0
                        * (1.0
                            - r2 / 42.0
                                * (1.0 - r2 / 72.0 * (1.0 - r2 / 110.0 * (1.0 - r2 / 156.0 * (1.0 - r2 / 210.0)))))));
    let c = 1.0
        - r2 / 2.0
            * (1.0
                - r2 / 12.0
                    * (1.0
                        - r2 / 30.0
                            * (1.0
                                - r2 / 56.0
                                    * (1.0
                                        - r2 / 90.0 * (1.0 - r2 / 132.0 * (1.0 - r2 / 182.0 * (1.0 - r2 / 240.0)))))));
    match (q as i64).rem_euclid(4) {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std() {
        for i in -2000..=2000 {
            let x = f64::from(i) * 0.00731;
            let (s, c) = sin_cos(x);
            assert!((s - x.sin()).abs() < 1e-14 && (c - x.cos()).abs() < 1e-14, "{x}");
        }
    }
}
