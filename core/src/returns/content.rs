//! What a return holds: the month's exports and imports in whole 元, optional year-to-date figures as the
//! filer has them, breakdown parts, and for enterprises orders on hand, the outlook and 困难诉求.

use serde::{Deserialize, Serialize};

use crate::amount::Currency;
use crate::dimension::Dimension;
use crate::flow::Flow;
use crate::lang::Lang;
use crate::observation::Breakdown;

/// One part of a breakdown: for example 一般贸易 exports, or exports to 美国.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Part {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "trade_mode"))]
    pub dimension: Dimension,
    /// The member's code in the classification (a trade mode, an HS section, a partner).
    pub member: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "export"))]
    pub flow: Flow,
    /// Whole 元.
    pub value: i64,
}

/// An enterprise's expectation for the next quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Outlook {
    Up,
    Flat,
    Down,
}

impl Outlook {
    pub const ALL: [Outlook; 3] = [Outlook::Up, Outlook::Flat, Outlook::Down];

    pub fn code(self) -> &'static str {
        match self {
            Outlook::Up => "up",
            Outlook::Flat => "flat",
            Outlook::Down => "down",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Outlook::Up => lang.pick("增长", "Rising"),
            Outlook::Flat => lang.pick("持平", "Flat"),
            Outlook::Down => lang.pick("下降", "Falling"),
        }
    }
}

/// What a difficulty is about (困难诉求的类别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DifficultyCategory {
    Orders,
    Logistics,
    Financing,
    ExchangeRate,
    Policy,
    Certificates,
    Labour,
    Other,
}

impl DifficultyCategory {
    pub const ALL: [DifficultyCategory; 8] = [
        DifficultyCategory::Orders,
        DifficultyCategory::Logistics,
        DifficultyCategory::Financing,
        DifficultyCategory::ExchangeRate,
        DifficultyCategory::Policy,
        DifficultyCategory::Certificates,
        DifficultyCategory::Labour,
        DifficultyCategory::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DifficultyCategory::Orders => "orders",
            DifficultyCategory::Logistics => "logistics",
            DifficultyCategory::Financing => "financing",
            DifficultyCategory::ExchangeRate => "exchange_rate",
            DifficultyCategory::Policy => "policy",
            DifficultyCategory::Certificates => "certificates",
            DifficultyCategory::Labour => "labour",
            DifficultyCategory::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DifficultyCategory::Orders => lang.pick("订单", "Orders"),
            DifficultyCategory::Logistics => lang.pick("物流", "Logistics"),
            DifficultyCategory::Financing => lang.pick("融资", "Financing"),
            DifficultyCategory::ExchangeRate => lang.pick("汇率", "Exchange rate"),
            DifficultyCategory::Policy => lang.pick("政策", "Policy"),
            DifficultyCategory::Certificates => lang.pick("认证与标准", "Certificates and standards"),
            DifficultyCategory::Labour => lang.pick("用工", "Labour"),
            DifficultyCategory::Other => lang.pick("其他", "Other"),
        }
    }
}

/// One difficulty or demand an enterprise raises (困难诉求).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Difficulty {
    pub category: DifficultyCategory,
    pub text: String,
}

/// The figures and words of one return. Amounts are whole 元 in `currency` (returns are filed in CNY;
/// the form takes 万元 and converts exactly).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReturnContent {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "CNY"))]
    pub currency: Currency,
    pub exports: i64,
    pub imports: i64,
    /// Year-to-date exports as the filer's own records have them, when given: checked against the months.
    #[serde(default)]
    pub ytd_exports: Option<i64>,
    #[serde(default)]
    pub ytd_imports: Option<i64>,
    /// Breakdowns (counties): trade mode, main products, main partners.
    #[serde(default)]
    pub parts: Vec<Part>,
    /// 在手订单 (enterprises), whole 元.
    #[serde(default)]
    pub orders_on_hand: Option<i64>,
    /// Next quarter's expected trend (enterprises).
    #[serde(default)]
    pub outlook: Option<Outlook>,
    /// 困难诉求 (enterprises).
    #[serde(default)]
    pub difficulties: Vec<Difficulty>,
    #[serde(default)]
    pub comment: String,
}

impl ReturnContent {
    /// An empty CNY return, the form's starting point.
    pub fn empty() -> Self {
        Self {
            currency: Currency::Cny,
            exports: 0,
            imports: 0,
            ytd_exports: None,
            ytd_imports: None,
            parts: Vec::new(),
            orders_on_hand: None,
            outlook: None,
            difficulties: Vec::new(),
            comment: String::new(),
        }
    }

    pub fn value(&self, flow: Flow) -> i64 {
        match flow {
            Flow::Export => self.exports,
            Flow::Import => self.imports,
        }
    }

    /// The figures approving this return stores: the two totals and every breakdown part it carries
    /// (a county's breakdowns reach the dashboard like its totals). A part an earlier approved version
    /// carried (`earlier`) and this one no longer does is stored as 0, so what stands is always this
    /// version's breakdown, not a mix of two.
    pub fn figures(&self, earlier: &[(Breakdown, Flow)]) -> Vec<(Option<Breakdown>, Flow, i64)> {
        let mut out: Vec<(Option<Breakdown>, Flow, i64)> =
            Flow::ALL.iter().map(|&f| (None, f, self.value(f))).collect();
        let mut parts: std::collections::BTreeMap<(Breakdown, Flow), i64> = std::collections::BTreeMap::new();
        for p in &self.parts {
            let key = (Breakdown { dimension: p.dimension, member: p.member.clone() }, p.flow);
            *parts.entry(key).or_default() += p.value;
        }
        for key in earlier {
            parts.entry(key.clone()).or_insert(0);
        }
        out.extend(parts.into_iter().map(|((b, f), v)| (Some(b), f, v)));
        out
    }

    pub fn ytd(&self, flow: Flow) -> Option<i64> {
        match flow {
            Flow::Export => self.ytd_exports,
            Flow::Import => self.ytd_imports,
        }
    }
}
