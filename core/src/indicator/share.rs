//! 占比: a part's share of a whole, and its change in percentage points (百分点).

use crate::indicator::Ratio;

/// 占比 = part ÷ whole; `None` when the whole is zero.
pub fn share(part: i64, whole: i64) -> Option<Ratio> {
    Ratio::new(i128::from(part), i128::from(whole))
}

/// Change of share in percentage points: share now − share in the base period (exact, rounded only
/// when shown with [`Ratio::percent`]).
pub fn share_change_pp(part: i64, whole: i64, base_part: i64, base_whole: i64) -> Option<Ratio> {
    Some(share(part, whole)?.minus(share(base_part, base_whole)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount::{Amount, Currency, Unit};

    /// Xi'an Customs' release for Shaanxi, January–February 2021: total 615.7 亿元; processing trade
    /// 312.0 (published share 50.7%), general trade 182.4 (29.6%), bonded logistics 84.4 (13.7%).
    #[test]
    fn matches_published_shaanxi_shares() {
        let yi = |s: &str| Amount::parse_in(s, Unit::Yi, Currency::Cny).unwrap().units;
        let total = yi("615.7");
        let cases = [("312.0", "50.7"), ("182.4", "29.6"), ("84.4", "13.7")];
        for (part, published) in cases {
            assert_eq!(share(yi(part), total).unwrap().percent(1).to_string(), published, "{part}");
        }
    }

    #[test]
    fn share_cases() {
        // (part, whole, share %, 2 decimals)
        let cases = [(1, 3, "33.33"), (2, 3, "66.67"), (0, 5, "0.00"), (5, 5, "100.00"), (1, 8, "12.50")];
        for (p, w, want) in cases {
            assert_eq!(share(p, w).unwrap().percent(2).to_string(), want);
        }
        assert_eq!(share(1, 0), None);
    }

    #[test]
    fn share_change_in_points() {
        // 30% → 35% is +5.0 points; 1/3 → 1/4 is −8.3 points.
        assert_eq!(share_change_pp(35, 100, 30, 100).unwrap().percent(1).to_string(), "5.0");
        assert_eq!(share_change_pp(1, 4, 1, 3).unwrap().percent(1).to_string(), "-8.3");
        assert_eq!(share_change_pp(1, 4, 1, 0), None);
    }
}
