//! Key foreign-trade enterprises (重点外贸企业): the registry entry the figures, returns and problems
//! refer to, its validation, and the figures its page and the list show (monthly values, 同比, share of
//! the city, year-to-date standing).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::api::RegionSeries;
use crate::chart::Table;
use crate::dashboard::amount_cell;
use crate::form::{Checker, FormErrors};
use crate::indicator::share;
use crate::indicator::Growth;
use crate::lang::Lang;
use crate::period::YearMonth;
use crate::region::RegionCode;
use crate::registry::Known;
use crate::returns::ReturnHistory;
use crate::series::MonthlySeries;
use crate::Unit;

/// Whether an enterprise is on the key list now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum EnterpriseStatus {
    #[default]
    Active,
    /// Left the key list (kept for its history).
    Left,
}

impl EnterpriseStatus {
    pub const ALL: [EnterpriseStatus; 2] = [EnterpriseStatus::Active, EnterpriseStatus::Left];

    pub fn code(self) -> &'static str {
        match self {
            EnterpriseStatus::Active => "active",
            EnterpriseStatus::Left => "left",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            EnterpriseStatus::Active => lang.pick("在册", "On the list"),
            EnterpriseStatus::Left => lang.pick("已退出", "Left the list"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enterprise {
    /// Assigned by the server; 0 in a new record.
    #[serde(default)]
    pub id: i64,
    /// The stored version an edit is based on; 0 in a new record.
    #[serde(default)]
    pub version: i64,
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    /// 统一社会信用代码 (GB 32100-2015), checked with [`crate::uscc::Uscc`].
    #[serde(default)]
    pub uscc: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "610302"))]
    pub county: RegionCode,
    /// Member code of the `nature` classification (state, private, foreign).
    pub nature: String,
    /// Main product's HS section (hs01…hs21).
    pub main_hs: String,
    /// Main products in words, e.g. "钛及钛合金板材".
    #[serde(default)]
    pub products: String,
    /// Main markets, as partner codes.
    #[serde(default)]
    pub markets: Vec<String>,
    /// 包联领导: the official who follows the enterprise.
    #[serde(default)]
    pub liaison: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub status: EnterpriseStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2024-01-15"))]
    #[serde(default = "default_date")]
    pub added_on: NaiveDate,
    /// True for the fictional enterprises of the demo data (示例).
    #[serde(default)]
    pub illustrative: bool,
}

pub(crate) fn default_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()
}

pub const NATURES: [(&str, &str, &str); 3] =
    [("state", "国有", "State-owned"), ("private", "民营", "Private"), ("foreign", "外商投资", "Foreign-invested")];

pub fn nature_label(code: &str, lang: Lang) -> &str {
    NATURES.iter().find(|n| n.0 == code).map_or(code, |n| lang.pick(n.1, n.2))
}

impl Enterprise {
    /// The name in the reader's language (the Chinese name when no English one is registered).
    pub fn name(&self, lang: Lang) -> &str {
        if lang == Lang::En && !self.name_en.is_empty() {
            &self.name_en
        } else {
            &self.name_zh
        }
    }

    /// Every problem with the record; the code's uniqueness is the store's to check.
    pub fn check(&self, known: &Known) -> Result<(), FormErrors> {
        let mut c = Checker::new();
        c.text("name_zh", ("企业名称", "Name"), &self.name_zh, 100);
        c.max_len("name_en", ("英文名称", "English name"), &self.name_en, 200);
        if let Err(e) = crate::uscc::Uscc::parse(&self.uscc) {
            if self.uscc.trim().is_empty() {
                c.push(
                    "uscc",
                    "请填写统一社会信用代码（18位）".into(),
                    "Enter the unified social credit code (18 characters)".into(),
                );
            } else {
                c.push("uscc", e.message_zh(), e.message_en());
            }
        }
        if !known.counties.contains(&self.county) {
            c.unknown("county", ("所属区县", "County"), &self.county.to_string());
        }
        if !NATURES.iter().any(|n| n.0 == self.nature) {
            c.unknown("nature", ("企业性质", "Nature"), &self.nature);
        }
        if !known.hs_sections.contains(&self.main_hs) {
            c.unknown("main_hs", ("主要产品类别", "Main product section"), &self.main_hs);
        }
        c.max_len("products", ("主要产品", "Main products"), &self.products, 200);
        for (i, m) in self.markets.iter().enumerate() {
            if !known.partners.contains(m) {
                c.unknown(&format!("markets.{i}"), ("主要市场", "Main market"), m);
            }
        }
        c.max_len("liaison", ("包联领导", "Liaison official"), &self.liaison, 50);
        c.max_len("contact", ("联系人", "Contact person"), &self.contact, 50);
        c.max_len("phone", ("联系电话", "Phone"), &self.phone, 30);
        if !self.phone.trim().is_empty() && !self.phone.chars().all(|ch| ch.is_ascii_digit() || "-+ ()".contains(ch)) {
            c.push(
                "phone",
                "联系电话只能包含数字、空格和“-+()”".into(),
                "A phone number may hold only digits, spaces and “-+()”".into(),
            );
        }
        c.not_future("added_on", ("列入日期", "Date added"), self.added_on, known.today);
        c.finish()
    }
}

/// An enterprise's approved monthly exports and imports, from its history (a combined 1—2月 kept as such).
pub fn series(history: &ReturnHistory) -> Option<(MonthlySeries, MonthlySeries)> {
    let months: Vec<YearMonth> = history.entries.iter().map(|e| e.period.last_month()).collect();
    let (first, last) = (*months.iter().min()?, *months.iter().max()?);
    let first = YearMonth::new(first.year(), 1).unwrap_or(first);
    let mut exports = MonthlySeries::empty(first, last);
    let mut imports = MonthlySeries::empty(first, last);
    for e in &history.entries {
        let m = e.period.last_month();
        if matches!(e.period, crate::period::Period::JanFeb(_)) {
            exports.jan_feb_combined.push(m.year());
            imports.jan_feb_combined.push(m.year());
        }
        exports.set(m, e.exports);
        imports.set(m, e.imports);
    }
    Some((exports, imports))
}

/// The year-to-date total (exports + imports) at `month` and a year earlier, for the list's sorting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Standing {
    pub ytd: Option<i64>,
    pub ytd_base: Option<i64>,
}

impl Standing {
    pub fn at(history: &ReturnHistory, month: YearMonth) -> Self {
        let Some((x, m)) = series(history) else { return Self::default() };
        let total = |ym: YearMonth| Some(x.ytd(ym)? + m.ytd(ym)?);
        Standing { ytd: total(month), ytd_base: total(month.add_months(-12)) }
    }

    pub fn growth(self) -> Growth {
        Growth::between(self.ytd, self.ytd_base)
    }
}

/// One month of an enterprise's page: its values, 同比 of the total, and its share of the city's total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRow {
    pub month: YearMonth,
    pub exports: Option<i64>,
    pub imports: Option<i64>,
    pub total: Option<i64>,
    pub yoy: Growth,
    /// Share of the city's total trade in the same month, in %.
    pub share: Option<crate::indicator::Ratio>,
}

/// The enterprise's months, newest first, with 同比 and share of the city; months inside a combined
/// 1—2月 are shown as the combined figure in February.
pub fn months(history: &ReturnHistory, city: Option<&RegionSeries>) -> Vec<MonthRow> {
    let Some((x, m)) = series(history) else { return Vec::new() };
    let mut out = Vec::new();
    let mut ym = x.end();
    while ym >= x.start {
        let period = if x.is_combined(ym.year()) && ym.month() <= 2 {
            crate::period::Period::JanFeb(ym.year())
        } else {
            crate::period::Period::Month(ym)
        };
        if !(x.is_combined(ym.year()) && ym.month() == 1) {
            let (e, i) = (x.value(period), m.value(period));
            let total = e.zip(i).map(|(a, b)| a + b);
            let base_period = period.same_period_last_year();
            let base = x.value(base_period).zip(m.value(base_period)).map(|(a, b)| a + b);
            let city_total = city.and_then(|c| Some(c.exports.value(period)? + c.imports.value(period)?));
            out.push(MonthRow {
                month: ym,
                exports: e,
                imports: i,
                total,
                yoy: Growth::between(total, base),
                share: total.zip(city_total).and_then(|(t, c)| share(t, c)),
            });
        }
        ym = ym.add_months(-1);
    }
    out
}

/// The table under the enterprise's chart, in 万元.
pub fn months_table(rows: &[MonthRow], lang: Lang) -> Table {
    let headers = [
        ("月份", "Month"),
        ("出口（万元）", "Exports (10k yuan)"),
        ("进口（万元）", "Imports (10k yuan)"),
        ("进出口（万元）", "Total (10k yuan)"),
        ("同比", "YoY"),
        ("占全市比重", "Share of city"),
    ];
    Table {
        headers: headers.iter().map(|h| lang.pick(h.0, h.1).to_string()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.month.to_string(),
                    amount_cell(r.exports, Unit::Wan),
                    amount_cell(r.imports, Unit::Wan),
                    amount_cell(r.total, Unit::Wan),
                    r.yoy.short(1, lang),
                    r.share.map_or("—".into(), |s| format!("{}%", s.percent(2))),
                ]
            })
            .collect(),
    }
}

/// One row of the enterprise list: the record, its standing, and its open problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnterpriseRow {
    pub enterprise: Enterprise,
    /// The month the standing is at (the latest month with approved figures).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "2021-06"))]
    pub month: Option<YearMonth>,
    pub standing: Standing,
    pub open_problems: u32,
    pub overdue_problems: u32,
}

/// The list's filters, as in the page's URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub county: Option<RegionCode>,
    pub nature: Option<String>,
    pub main_hs: Option<String>,
    pub status: Option<EnterpriseStatus>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Ytd,
    Growth,
    Name,
}

/// The rows that pass the filter, sorted (largest first for YTD and growth; missing values last).
pub fn select(rows: &[EnterpriseRow], filter: &Filter, sort: SortBy) -> Vec<EnterpriseRow> {
    let mut out: Vec<EnterpriseRow> = rows
        .iter()
        .filter(|r| {
            let e = &r.enterprise;
            filter.county.is_none_or(|c| e.county == c)
                && filter.nature.as_ref().is_none_or(|n| &e.nature == n)
                && filter.main_hs.as_ref().is_none_or(|h| &e.main_hs == h)
                && filter.status.is_none_or(|s| e.status == s)
        })
        .cloned()
        .collect();
    match sort {
        SortBy::Ytd => out.sort_by_key(|r| (std::cmp::Reverse(r.standing.ytd), r.enterprise.id)),
        SortBy::Name => out.sort_by(|a, b| a.enterprise.name_zh.cmp(&b.enterprise.name_zh)),
        SortBy::Growth => out.sort_by(|a, b| {
            // Exact comparison of the ratios; 新增 ranks above every rate, "—" below.
            let key = |r: &EnterpriseRow| match r.standing.growth() {
                Growth::New => (2, None),
                Growth::Rate(x) => (1, Some(x)),
                Growth::Unavailable => (0, None),
            };
            let (ka, kb) = (key(a), key(b));
            kb.0.cmp(&ka.0).then_with(|| match (ka.1, kb.1) {
                (Some(x), Some(y)) => y.cmp_value(x),
                _ => std::cmp::Ordering::Equal,
            })
        }),
    }
    out
}

/// The list as a table (what CSV and XLSX exports contain), amounts in 万元.
pub fn list_table(
    rows: &[EnterpriseRow],
    county_name: impl Fn(RegionCode) -> String,
    hs_name: impl Fn(&str) -> String,
    lang: Lang,
) -> Table {
    let h = [
        ("企业名称", "Name"),
        ("统一社会信用代码", "USCC"),
        ("所属区县", "County"),
        ("企业性质", "Nature"),
        ("主要产品类别", "Main product section"),
        ("主要产品", "Main products"),
        ("主要市场", "Main markets"),
        ("包联领导", "Liaison official"),
        ("联系人", "Contact"),
        ("联系电话", "Phone"),
        ("状态", "Status"),
        ("列入日期", "Date added"),
        ("统计月份", "Month"),
        ("累计进出口（万元）", "YTD trade (10k yuan)"),
        ("累计同比", "YTD growth"),
        ("未办结诉求", "Open problems"),
        ("其中超期", "Overdue"),
        ("示例数据", "Example data"),
    ];
    Table {
        headers: h.iter().map(|x| lang.pick(x.0, x.1).to_string()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                let e = &r.enterprise;
                vec![
                    e.name(lang).to_string(),
                    e.uscc.clone(),
                    county_name(e.county),
                    nature_label(&e.nature, lang).to_string(),
                    hs_name(&e.main_hs),
                    e.products.clone(),
                    e.markets.join(" "),
                    e.liaison.clone(),
                    e.contact.clone(),
                    e.phone.clone(),
                    e.status.label(lang).to_string(),
                    e.added_on.to_string(),
                    r.month.map_or(String::new(), |m| m.to_string()),
                    amount_cell(r.standing.ytd, Unit::Wan),
                    r.standing.growth().short(1, lang),
                    r.open_problems.to_string(),
                    r.overdue_problems.to_string(),
                    lang.pick(if e.illustrative { "是" } else { "否" }, if e.illustrative { "yes" } else { "no" })
                        .to_string(),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
