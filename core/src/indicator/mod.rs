//! Trade indicators, each with its Chinese statistical term and formula. All take integer values and
//! return exact ratios; rounding happens once, when a ratio is shown ([`Ratio::percent`]).
//!
//! | term | meaning | formula |
//! |---|---|---|
//! | 当月 / 累计 | month value / year to date | [`crate::series::MonthlySeries`] |
//! | 同比 | year-on-year growth | (本期 − 上年同期) ÷ 上年同期 × 100% |
//! | 环比 | month-on-month growth | (本月 − 上月) ÷ 上月 × 100% |
//! | 占比 | share | 部分 ÷ 总体 × 100% |
//! | 占比变化 | change of share | 本期占比 − 上年同期占比, in 百分点 |
//! | 拉动 | pull on total growth | (部分本期 − 部分上年同期) ÷ 总体上年同期 × 100, in 百分点 |
//! | 贡献率 | contribution to growth | (部分本期 − 部分上年同期) ÷ (总体本期 − 总体上年同期) × 100% |
//! | 完成率 | target completion | 累计 ÷ 年度目标 × 100% |
//! | 序时进度 | time progress | 已过月数 ÷ 12 × 100% |
//! | 排名 | rank among counties | by value, descending; equal values share a rank |

mod contribution;
mod growth;
mod rank;
mod share;
mod target;

pub use contribution::{contribution, pull};
pub use growth::{mom, yoy, Growth};
pub use rank::rank_desc;
pub use share::{share, share_change_pp};
pub use target::{completion, time_progress, TargetProgress};

use crate::fixed::Fixed;

/// An exact ratio `num / den` with `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    num: i128,
    den: i128,
}

impl Ratio {
    /// `None` when the denominator is zero: a ratio to nothing is not a number.
    pub fn new(num: i128, den: i128) -> Option<Self> {
        match den {
            0 => None,
            d if d < 0 => Some(Self { num: -num, den: -d }),
            d => Some(Self { num, den: d }),
        }
    }

    pub fn num(self) -> i128 {
        self.num
    }

    pub fn den(self) -> i128 {
        self.den
    }

    /// The ratio × 100, rounded half up to `decimals` (a percentage, or percentage points).
    pub fn percent(self, decimals: u8) -> Fixed {
        Fixed::from_ratio(self.num * 100, self.den, decimals)
    }

    /// Exact difference of two ratios, e.g. a change of share in percentage points.
    pub fn minus(self, other: Ratio) -> Ratio {
        Ratio { num: self.num * other.den - other.num * self.den, den: self.den * other.den }
    }

    /// Compares the values (1/2 equals 2/4), exactly: the denominators are positive.
    pub fn cmp_value(self, other: Ratio) -> std::cmp::Ordering {
        (self.num * other.den).cmp(&(other.num * self.den))
    }

    pub fn is_negative(self) -> bool {
        self.num < 0
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }
}
