//! 完成率 and 序时进度: progress toward an annual target compared with the share of the year elapsed.

use crate::indicator::Ratio;
use crate::period::YearMonth;

/// 完成率 = year-to-date value ÷ annual target; `None` without a positive target.
pub fn completion(ytd: i64, annual_target: i64) -> Option<Ratio> {
    if annual_target <= 0 {
        return None;
    }
    Ratio::new(i128::from(ytd), i128::from(annual_target))
}

/// 序时进度 after a month: months elapsed ÷ 12 (25% after March).
pub fn time_progress(month: YearMonth) -> Ratio {
    Ratio::new(i128::from(month.month()), 12).expect("12 is not zero")
}

/// Completion compared with time progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetProgress {
    pub completion: Ratio,
    pub time_progress: Ratio,
}

impl TargetProgress {
    pub fn new(ytd: i64, annual_target: i64, month: YearMonth) -> Option<Self> {
        Some(Self { completion: completion(ytd, annual_target)?, time_progress: time_progress(month) })
    }

    /// Completion minus time progress, in percentage points: ahead (≥ 0) or behind (超/落后序时进度).
    pub fn gap(self) -> Ratio {
        self.completion.minus(self.time_progress)
    }

    pub fn is_ahead(self) -> bool {
        !self.gap().is_negative()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_against_time_progress() {
        let mar = YearMonth::new(2021, 3).unwrap();
        assert_eq!(time_progress(mar).percent(1).to_string(), "25.0");
        assert_eq!(time_progress(YearMonth::new(2021, 8).unwrap()).percent(1).to_string(), "66.7");
        // (ytd, target, completion %, gap pp, ahead)
        let cases = [(30, 100, "30.0", "5.0", true), (20, 100, "20.0", "-5.0", false), (25, 100, "25.0", "0.0", true)];
        for (ytd, target, c, gap, ahead) in cases {
            let p = TargetProgress::new(ytd, target, mar).unwrap();
            assert_eq!(p.completion.percent(1).to_string(), c);
            assert_eq!(p.gap().percent(1).to_string(), gap);
            assert_eq!(p.is_ahead(), ahead);
        }
        assert_eq!(completion(5, 0), None);
    }
}
