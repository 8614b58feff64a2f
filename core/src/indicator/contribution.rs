//! 拉动 and 贡献率: how much of the total's growth a component accounts for.

use crate::indicator::Ratio;

/// 拉动: (component now − component base) ÷ total base; shown × 100 as percentage points.
/// The pulls of an additive breakdown sum exactly to the total's growth rate.
pub fn pull(part: i64, base_part: i64, base_total: i64) -> Option<Ratio> {
    if base_total <= 0 {
        return None;
    }
    Ratio::new(i128::from(part) - i128::from(base_part), i128::from(base_total))
}

/// 贡献率: (component now − component base) ÷ (total now − total base); shown × 100 as %.
/// `None` when the total did not change. Contributions of an additive breakdown sum to 100%.
pub fn contribution(part: i64, base_part: i64, total: i64, base_total: i64) -> Option<Ratio> {
    Ratio::new(i128::from(part) - i128::from(base_part), i128::from(total) - i128::from(base_total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example() {
        // Total 1000 → 1100 (+10%). Exports 600 → 680, imports 400 → 420.
        // (part, base part, pull pp, contribution %)
        let cases = [(680, 600, "8.0", "80.0"), (420, 400, "2.0", "20.0")];
        for (p, b, pull_pp, contrib) in cases {
            assert_eq!(pull(p, b, 1000).unwrap().percent(1).to_string(), pull_pp);
            assert_eq!(contribution(p, b, 1100, 1000).unwrap().percent(1).to_string(), contrib);
        }
        // A falling component in a rising total has a negative contribution.
        assert_eq!(contribution(90, 100, 1100, 1000).unwrap().percent(1).to_string(), "-10.0");
        assert_eq!(pull(10, 0, 0), None);
        assert_eq!(contribution(10, 5, 100, 100), None);
    }
}
