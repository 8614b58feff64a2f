//! Trade flows (exports, imports) and the measures built from them: total = exports + imports,
//! balance = exports − imports.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flow {
    Export,
    Import,
}

impl Flow {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Flow::Export => lang.pick("出口", "Exports"),
            Flow::Import => lang.pick("进口", "Imports"),
        }
    }

    pub const ALL: [Flow; 2] = [Flow::Export, Flow::Import];

    pub fn code(self) -> &'static str {
        match self {
            Flow::Export => "export",
            Flow::Import => "import",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "export" => Some(Flow::Export),
            "import" => Some(Flow::Import),
            _ => None,
        }
    }
}

/// What a figure measures. Totals and balances are never stored: they are derived from the two flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// 进出口总值.
    Total,
    /// 出口.
    Export,
    /// 进口.
    Import,
    /// 贸易顺差 (negative: 逆差).
    Balance,
}

impl Measure {
    pub const ALL: [Measure; 4] = [Measure::Total, Measure::Export, Measure::Import, Measure::Balance];

    /// Combines the two flows' values into this measure.
    pub fn combine(self, exports: i64, imports: i64) -> i64 {
        match self {
            Measure::Total => exports + imports,
            Measure::Export => exports,
            Measure::Import => imports,
            Measure::Balance => exports - imports,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Measure::Total => "total",
            Measure::Export => "export",
            Measure::Import => "import",
            Measure::Balance => "balance",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Measure::Total => lang.pick("进出口总值", "Total trade"),
            Measure::Export => lang.pick("出口", "Exports"),
            Measure::Import => lang.pick("进口", "Imports"),
            Measure::Balance => lang.pick("贸易差额", "Trade balance"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_combine_flows() {
        assert_eq!(Measure::Total.combine(7, 3), 10);
        assert_eq!(Measure::Balance.combine(7, 3), 4);
        assert_eq!(Measure::Balance.combine(3, 7), -4);
        assert_eq!(Measure::parse("import"), Some(Measure::Import));
    }
}
