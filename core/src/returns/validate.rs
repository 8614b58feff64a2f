//! Validation of a return: one implementation, run by the form as the user types (also offline) and by
//! the server before it stores anything. Errors block; warnings need a written explanation. Every
//! finding names its field and says what to do, in Chinese or English.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::content::ReturnContent;
use super::history::ReturnHistory;
use super::Owner;
use crate::amount::{Amount, AmountError, Currency, Unit};
use crate::dimension::Dimension;
use crate::flow::Flow;
use crate::indicator::Growth;
use crate::lang::Lang;
use crate::period::YearMonth;

/// 同比 beyond ±50% asks for an explanation unless the deployment configures another limit.
pub const DEFAULT_GROWTH_LIMIT_PCT: i64 = 50;

/// A value more than this many times the largest (or less than 1/this of the smallest) of the same month
/// in earlier years is "far outside" the filer's history.
const HISTORY_FACTOR: i64 = 3;

/// At least this many earlier years are needed before the history check speaks.
const HISTORY_MIN_YEARS: usize = 2;

/// What validation knows besides the return itself.
pub struct Context<'a> {
    pub owner: Owner,
    pub month: YearMonth,
    /// The month of today's date (the server's clock, or the browser's for the form).
    pub current_month: YearMonth,
    pub history: &'a ReturnHistory,
    /// Whether an approved version of this month exists and has not been reopened.
    pub locked: bool,
    pub growth_limit_pct: i64,
    /// Whether a member code exists in a dimension; `None` skips the check (the form offers only known
    /// members, the server checks against its registry).
    pub known_member: Option<MemberCheck<'a>>,
}

/// Whether a member code exists in a dimension's classification.
pub type MemberCheck<'a> = &'a dyn Fn(Dimension, &str) -> bool;

/// Which field a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum Field {
    Month,
    Currency,
    Exports,
    Imports,
    YtdExports,
    YtdImports,
    /// A breakdown part, by its position in the list.
    Part {
        index: usize,
    },
    OrdersOnHand,
    Outlook,
    Difficulty {
        index: usize,
    },
    Explanation,
    Comment,
}

impl Field {
    pub fn of_value(flow: Flow) -> Field {
        match flow {
            Flow::Export => Field::Exports,
            Flow::Import => Field::Imports,
        }
    }

    pub fn of_ytd(flow: Flow) -> Field {
        match flow {
            Flow::Export => Field::YtdExports,
            Flow::Import => Field::YtdImports,
        }
    }

    pub fn label(self, lang: Lang) -> String {
        match self {
            Field::Month => lang.pick("月份", "Month").into(),
            Field::Currency => lang.pick("币种", "Currency").into(),
            Field::Exports => lang.pick("当月出口额", "Exports this month").into(),
            Field::Imports => lang.pick("当月进口额", "Imports this month").into(),
            Field::YtdExports => lang.pick("本年累计出口额", "Exports year to date").into(),
            Field::YtdImports => lang.pick("本年累计进口额", "Imports year to date").into(),
            Field::Part { index } => match lang {
                Lang::Zh => format!("分项第{}行", index + 1),
                Lang::En => format!("Breakdown row {}", index + 1),
            },
            Field::OrdersOnHand => lang.pick("在手订单", "Orders on hand").into(),
            Field::Outlook => lang.pick("下季度预期", "Next-quarter outlook").into(),
            Field::Difficulty { index } => match lang {
                Lang::Zh => format!("困难诉求第{}条", index + 1),
                Lang::En => format!("Difficulty {}", index + 1),
            },
            Field::Explanation => lang.pick("情况说明", "Explanation").into(),
            Field::Comment => lang.pick("备注", "Comment").into(),
        }
    }
}

/// A hint that a figure was typed in the wrong unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitHint {
    /// About 10,000 times too large: typed in 元 into a 万元 field.
    TypedYuan,
    /// About 10,000 times too small: typed in 亿元.
    TypedYi,
}

/// What is wrong. Amounts are whole 元; growth is in tenths of a percent, rounded half up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "check", rename_all = "snake_case")]
pub enum Check {
    Required,
    NotANumber {
        text: String,
    },
    TooPrecise,
    TooLarge,
    Negative,
    PartsExceedTotal {
        parts: i64,
        total: i64,
    },
    DuplicatePart,
    UnknownMember {
        member: String,
    },
    NotForThisReturn,
    MonthNotOver {
        current: String,
    },
    AlreadyApproved,
    WrongCurrency {
        currency: String,
    },
    EmptyText,
    /// Longer than the field holds, in characters.
    TooLong {
        max: usize,
        chars: usize,
    },
    /// Holds control characters (NUL and the like) other than new lines and tabs.
    ControlCharacters,
    ExplanationRequired,
    GrowthBeyond {
        growth_tenths: i64,
        limit_pct: i64,
    },
    OutsideHistory {
        low: i64,
        high: i64,
        hint: Option<UnitHint>,
    },
    YtdBelowLastMonth {
        ytd: i64,
        previous: i64,
    },
    YtdInconsistent {
        ytd: i64,
        expected: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the submission.
    Error,
    /// Allowed with a written explanation.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    #[serde(flatten)]
    pub field: Field,
    #[serde(flatten)]
    pub check: Check,
}

/// The server's 422 body and the form's live list: every finding, errors first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    /// The first error in both languages, for clients that show one line.
    pub error: String,
    pub findings: Vec<Finding>,
}

impl Check {
    pub fn severity(&self) -> Severity {
        match self {
            Check::GrowthBeyond { .. }
            | Check::OutsideHistory { .. }
            | Check::YtdBelowLastMonth { .. }
            | Check::YtdInconsistent { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl Finding {
    pub fn new(field: Field, check: Check) -> Self {
        Self { field, check }
    }

    pub fn severity(&self) -> Severity {
        self.check.severity()
    }

    /// "当月出口额：不能为负数，请填写0或正数" / "Exports this month: cannot be negative; …".
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}：{}", self.field.label(lang), self.check.text(lang)),
            Lang::En => format!("{}: {}", self.field.label(lang), self.check.text(lang)),
        }
    }

    /// Reads an amount typed in 万元 ("1,234.5") into whole 元; an empty field is `Ok(None)`.
    pub fn parse_wan(field: Field, text: &str) -> Result<Option<i64>, Finding> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        Amount::parse_in(text, Unit::Wan, Currency::Cny).map(|a| Some(a.units)).map_err(|e| {
            let check = match e {
                AmountError::TooPrecise { .. } => Check::TooPrecise,
                AmountError::TooLarge => Check::TooLarge,
                _ => Check::NotANumber { text: text.trim().to_string() },
            };
            Finding::new(field, check)
        })
    }
}

impl Report {
    fn from_findings(mut findings: Vec<Finding>) -> Self {
        findings.sort_by_key(|f| f.severity() != Severity::Error);
        let error = findings
            .iter()
            .find(|f| f.severity() == Severity::Error)
            .map(|f| format!("{} / {}", f.message(Lang::Zh), f.message(Lang::En)))
            .unwrap_or_default();
        Self { error, findings }
    }

    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity() == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity() == Severity::Warning)
    }

    /// Whether the return may be submitted as it is.
    pub fn is_ok(&self) -> bool {
        self.errors().next().is_none()
    }
}

/// Checks a return; the report is empty when it is clean.
pub fn validate(content: &ReturnContent, explanation: &str, ctx: &Context<'_>) -> Report {
    let mut out = Vec::new();
    if ctx.month >= ctx.current_month {
        out.push(Finding::new(Field::Month, Check::MonthNotOver { current: ctx.current_month.to_string() }));
    }
    if ctx.locked {
        out.push(Finding::new(Field::Month, Check::AlreadyApproved));
    }
    if content.currency != Currency::Cny {
        out.push(Finding::new(Field::Currency, Check::WrongCurrency { currency: content.currency.code().into() }));
    }
    for flow in Flow::ALL {
        amount_checks(&mut out, Field::of_value(flow), Some(content.value(flow)));
        amount_checks(&mut out, Field::of_ytd(flow), content.ytd(flow));
    }
    check_owner_fields(&mut out, content, ctx.owner);
    check_parts(&mut out, content, ctx);
    for flow in Flow::ALL {
        let value = content.value(flow);
        if value >= 0 {
            check_growth(&mut out, flow, value, ctx);
            check_history(&mut out, flow, value, ctx);
            check_ytd(&mut out, flow, value, content.ytd(flow), ctx);
        }
    }
    text_checks(&mut out, Field::Explanation, explanation, EXPLANATION_CHARS);
    text_checks(&mut out, Field::Comment, &content.comment, COMMENT_CHARS);
    for (index, d) in content.difficulties.iter().enumerate() {
        text_checks(&mut out, Field::Difficulty { index }, &d.text, DIFFICULTY_CHARS);
    }
    let warned = out.iter().any(|f| f.severity() == Severity::Warning);
    if warned && explanation.trim().is_empty() {
        out.push(Finding::new(Field::Explanation, Check::ExplanationRequired));
    }
    Report::from_findings(out)
}

/// The longest 情况说明, 备注 and 困难诉求 a return holds, in characters (the forms show them).
pub const EXPLANATION_CHARS: usize = 2_000;
pub const COMMENT_CHARS: usize = 2_000;
pub const DIFFICULTY_CHARS: usize = 1_000;

/// A free text: at most `max` characters, and no control characters but new lines and tabs.
pub fn text_checks(out: &mut Vec<Finding>, field: Field, text: &str, max: usize) {
    let chars = text.chars().count();
    if chars > max {
        out.push(Finding::new(field, Check::TooLong { max, chars }));
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
        out.push(Finding::new(field, Check::ControlCharacters));
    }
}

fn amount_checks(out: &mut Vec<Finding>, field: Field, value: Option<i64>) {
    match value {
        Some(v) if v < 0 => out.push(Finding::new(field, Check::Negative)),
        Some(v) if v > crate::amount::MAX_ABS_UNITS => out.push(Finding::new(field, Check::TooLarge)),
        _ => {}
    }
}

fn check_owner_fields(out: &mut Vec<Finding>, c: &ReturnContent, owner: Owner) {
    match owner {
        Owner::County(_) => {
            if c.orders_on_hand.is_some() {
                out.push(Finding::new(Field::OrdersOnHand, Check::NotForThisReturn));
            }
            if c.outlook.is_some() {
                out.push(Finding::new(Field::Outlook, Check::NotForThisReturn));
            }
            for index in 0..c.difficulties.len() {
                out.push(Finding::new(Field::Difficulty { index }, Check::NotForThisReturn));
            }
        }
        Owner::Enterprise(_) => {
            match c.orders_on_hand {
                None => out.push(Finding::new(Field::OrdersOnHand, Check::Required)),
                v => amount_checks(out, Field::OrdersOnHand, v),
            }
            if c.outlook.is_none() {
                out.push(Finding::new(Field::Outlook, Check::Required));
            }
            for (index, d) in c.difficulties.iter().enumerate() {
                if d.text.trim().is_empty() {
                    out.push(Finding::new(Field::Difficulty { index }, Check::EmptyText));
                }
            }
            for index in 0..c.parts.len() {
                out.push(Finding::new(Field::Part { index }, Check::NotForThisReturn));
            }
        }
    }
}

fn check_parts(out: &mut Vec<Finding>, c: &ReturnContent, ctx: &Context<'_>) {
    if matches!(ctx.owner, Owner::Enterprise(_)) {
        return;
    }
    // Additive dimensions: the parts together may not exceed the flow's total. Overlapping product
    // categories are "of which" figures: each on its own may not.
    let mut sums: BTreeMap<(Dimension, Flow), (i64, usize)> = BTreeMap::new();
    for (index, p) in c.parts.iter().enumerate() {
        let field = Field::Part { index };
        if c.parts[..index].iter().any(|q| q.dimension == p.dimension && q.member == p.member && q.flow == p.flow) {
            out.push(Finding::new(field, Check::DuplicatePart));
        }
        if let Some(known) = ctx.known_member {
            if !known(p.dimension, &p.member) {
                out.push(Finding::new(field, Check::UnknownMember { member: p.member.clone() }));
            }
        }
        if p.value < 0 {
            out.push(Finding::new(field, Check::Negative));
            continue;
        }
        let total = c.value(p.flow);
        if p.dimension.is_additive() {
            let e = sums.entry((p.dimension, p.flow)).or_insert((0, index));
            e.0 = e.0.saturating_add(p.value);
        } else if p.value > total && total >= 0 {
            out.push(Finding::new(field, Check::PartsExceedTotal { parts: p.value, total }));
        }
    }
    for ((_, flow), (sum, first)) in sums {
        let total = c.value(flow);
        if sum > total && total >= 0 {
            out.push(Finding::new(Field::Part { index: first }, Check::PartsExceedTotal { parts: sum, total }));
        }
    }
}

/// The figure to compare across years and its value in `year`: the month itself, or for February
/// (when January is known) January and February together, as releases merge them.
fn comparable<'a>(ctx: &'a Context<'_>, flow: Flow, value: i64) -> (i64, Box<dyn Fn(i32) -> Option<i64> + 'a>) {
    let h = ctx.history;
    let m = ctx.month.month();
    if m == 2 {
        if let Some(jan) = YearMonth::new(ctx.month.year(), 1).ok().and_then(|j| h.month(j, flow)) {
            return (value + jan, Box::new(move |y| h.jan_feb(y, flow)));
        }
    }
    (value, Box::new(move |y| YearMonth::new(y, m).ok().and_then(|ym| h.month(ym, flow))))
}

fn check_growth(out: &mut Vec<Finding>, flow: Flow, value: i64, ctx: &Context<'_>) {
    let (this, base_in) = comparable(ctx, flow, value);
    if let Growth::Rate(r) = Growth::between(Some(this), base_in(ctx.month.year() - 1)) {
        // |r| > limit%, compared exactly on integers.
        if r.num().abs() * 100 > i128::from(ctx.growth_limit_pct) * r.den() {
            let growth_tenths = r.percent(1).mantissa() as i64;
            out.push(Finding::new(
                Field::of_value(flow),
                Check::GrowthBeyond { growth_tenths, limit_pct: ctx.growth_limit_pct },
            ));
        }
    }
}

fn check_history(out: &mut Vec<Finding>, flow: Flow, value: i64, ctx: &Context<'_>) {
    let (this, base_in) = comparable(ctx, flow, value);
    let year = ctx.month.year();
    let refs: Vec<i64> = (1..=3).filter_map(|k| base_in(year - k)).filter(|v| *v > 0).collect();
    if refs.len() < HISTORY_MIN_YEARS {
        return;
    }
    let (low, high) = (*refs.iter().min().unwrap_or(&0), *refs.iter().max().unwrap_or(&0));
    let (t, lo, hi) = (i128::from(this), i128::from(low), i128::from(high));
    if t > hi * i128::from(HISTORY_FACTOR) || t * i128::from(HISTORY_FACTOR) < lo {
        let hint = if t >= hi * 1000 {
            Some(UnitHint::TypedYuan)
        } else if t > 0 && t * 1000 <= lo {
            Some(UnitHint::TypedYi)
        } else {
            None
        };
        out.push(Finding::new(Field::of_value(flow), Check::OutsideHistory { low, high, hint }));
    }
}

fn check_ytd(out: &mut Vec<Finding>, flow: Flow, value: i64, ytd: Option<i64>, ctx: &Context<'_>) {
    let (Some(ytd), Some(previous)) = (ytd, ctx.history.ytd_before(ctx.month, flow)) else {
        return;
    };
    if ytd < 0 {
        return;
    }
    let field = Field::of_ytd(flow);
    if ytd < previous {
        out.push(Finding::new(field, Check::YtdBelowLastMonth { ytd, previous }));
    } else if ytd != previous + value {
        out.push(Finding::new(field, Check::YtdInconsistent { ytd, expected: previous + value }));
    }
}
