//! Reading one cell as a field's value the way people write it: a county by code or name, 出口/进口,
//! a breakdown and its member by code or by name in either language, a month as "2021-03", "2021年3月",
//! "202103" or an Excel date. Each reader returns the value or the finding's text in both languages.

use std::collections::HashMap;

use crate::dimension::{Classifications, Dimension};
use crate::enterprise::Enterprise;
use crate::flow::Flow;
use crate::lang::Lang;
use crate::observation::Status;
use crate::period::{Period, YearMonth};
use crate::region::{RegionCode, RegionRegistry};
use crate::uscc::Uscc;

use super::cell::Cell;

/// A finding's text: (zh, en).
pub(super) type Problem = (String, String);

fn key(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// A key enterprise as a row names it: its registry id and county.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Firm {
    pub id: u32,
    pub county: RegionCode,
}

/// Names to codes, built once per file so that a file of a hundred thousand rows is read in one pass.
pub(super) struct Lookup<'a> {
    regions: &'a RegionRegistry,
    region_names: HashMap<String, RegionCode>,
    dimensions: HashMap<String, Dimension>,
    members: HashMap<(Dimension, String), String>,
    /// Key enterprises by 统一社会信用代码 and by registered name (Chinese or English).
    firms_by_uscc: HashMap<String, Firm>,
    firms_by_name: HashMap<String, Firm>,
}

impl<'a> Lookup<'a> {
    pub(super) fn new(regions: &'a RegionRegistry, classes: &Classifications, enterprises: &[Enterprise]) -> Self {
        let mut region_names = HashMap::new();
        for c in &regions.counties {
            for name in [c.name_zh.as_str(), c.name_en.as_str(), c.short_name(Lang::En)] {
                region_names.insert(key(name), c.code);
            }
            // "渭滨" for 渭滨区, "凤翔" for 凤翔区: the name without its 区/县/市.
            let zh = c.name_zh.trim_end_matches(['区', '县', '市']);
            if zh.chars().count() >= 2 {
                region_names.entry(key(zh)).or_insert(c.code);
            }
        }
        let mut dimensions = HashMap::new();
        let mut members = HashMap::new();
        for d in Dimension::ALL {
            for name in [d.code(), d.label(Lang::Zh), d.label(Lang::En)] {
                dimensions.insert(key(name), d);
            }
            for m in classes.members(d) {
                for name in [m.code.as_str(), m.name_zh.as_str(), m.name_en.as_str()] {
                    members.insert((d, key(name)), m.code.clone());
                }
            }
        }
        for (alias, d) in
            [("贸易方式", Dimension::TradeMode), ("国别", Dimension::Partner), ("国别地区", Dimension::Partner)]
        {
            dimensions.insert(key(alias), d);
        }
        let (mut firms_by_uscc, mut firms_by_name) = (HashMap::new(), HashMap::new());
        for e in enterprises {
            let Ok(id) = u32::try_from(e.id) else { continue };
            let firm = Firm { id, county: e.county };
            if let Ok(code) = Uscc::parse(&e.uscc) {
                firms_by_uscc.insert(code.as_str().to_owned(), firm);
            }
            for name in [e.name_zh.as_str(), e.name_en.as_str()] {
                if !key(name).is_empty() {
                    firms_by_name.insert(key(name), firm);
                }
            }
        }
        Self { regions, region_names, dimensions, members, firms_by_uscc, firms_by_name }
    }

    /// The key enterprise a cell names by 统一社会信用代码 (checked, so a mistyped code is reported as
    /// such) or by its registered name.
    pub(super) fn enterprise(&self, cell: &Cell) -> Result<Firm, Problem> {
        let text = cell.text();
        let looks_like_code = text.trim().len() == 18 && text.trim().chars().all(|c| c.is_ascii_alphanumeric());
        if looks_like_code {
            return match Uscc::parse(&text) {
                Ok(code) => self.firms_by_uscc.get(code.as_str()).copied().ok_or_else(|| {
                    (
                        format!("统一社会信用代码“{text}”不是已登记的重点企业：请先在企业名录中登记该企业，或删去此行"),
                        format!("{text:?} is not the credit code of a registered key enterprise: register it first, or remove the row"),
                    )
                }),
                Err(e) => Err((e.message_zh(), e.message_en())),
            };
        }
        self.firms_by_name.get(&key(&text)).copied().ok_or_else(|| {
            (
                format!("“{text}”不是已登记的重点企业（请填统一社会信用代码或企业名录中的名称）：请先登记该企业，或删去此行"),
                format!("{text:?} is not a registered key enterprise (give its credit code or registered name): register it first, or remove the row"),
            )
        })
    }

    /// The finding for a row whose county is not its enterprise's.
    pub(super) fn not_the_enterprises_county(&self, cell: &Cell, firm: Firm) -> Problem {
        let name = |c: RegionCode, lang| self.regions.county(c).map(|r| r.name(lang).to_owned()).unwrap_or_default();
        (
            format!("“{}”与该企业登记的县区（{}）不符", cell.text(), name(firm.county, Lang::Zh)),
            format!("{:?} is not the enterprise's registered county ({})", cell.text(), name(firm.county, Lang::En)),
        )
    }

    pub(super) fn region(&self, cell: &Cell) -> Result<RegionCode, Problem> {
        let text = cell.text();
        let by_code = RegionCode::parse(&text).ok();
        if let Some(code) = by_code {
            if code == self.regions.city.code {
                return Err((
                    format!("“{text}”是全市的代码：全市数由各县区相加得出，请按县区导入"),
                    format!("{text:?} is the city's code: city figures are the sum of the counties, import by county"),
                ));
            }
            if self.regions.county(code).is_some() {
                return Ok(code);
            }
        }
        if let Some(code) = self.region_names.get(&key(&text)) {
            return Ok(*code);
        }
        Err((
            format!("“{text}”不是本市的县区（请填县区代码或名称，如{}）", self.example_region(Lang::Zh)),
            format!(
                "{text:?} is not a county of this city (give its code or name, e.g. {})",
                self.example_region(Lang::En)
            ),
        ))
    }

    fn example_region(&self, lang: Lang) -> String {
        self.regions.counties.first().map(|c| format!("{} {}", c.code, c.name(lang))).unwrap_or_default()
    }

    pub(super) fn flow(&self, cell: &Cell) -> Result<Flow, Problem> {
        let text = cell.text();
        match key(&text).as_str() {
            "出口" | "出口额" | "export" | "exports" | "e" | "x" => Ok(Flow::Export),
            "进口" | "进口额" | "import" | "imports" | "i" | "m" => Ok(Flow::Import),
            _ => Err((format!("“{text}”不是“出口”或“进口”"), format!("{text:?} is not \"export\" or \"import\""))),
        }
    }

    /// The breakdown named by `dimension` and `member`; `None` for the flow's total (both empty, or
    /// the member saying 合计/总值/total).
    pub(super) fn breakdown(&self, dimension: &Cell, member: &Cell) -> Result<Option<(Dimension, String)>, Problem> {
        let (d_text, m_text) = (dimension.text(), member.text());
        let total = ["", "合计", "总值", "总计", "total"].contains(&key(&m_text).as_str());
        if key(&d_text).is_empty() || ["合计", "总值", "总计", "total"].contains(&key(&d_text).as_str()) {
            if total {
                return Ok(None);
            }
            return Err((
                format!("项目“{m_text}”没有分类维度：请填写维度（如贸易方式、国别（地区）），合计行的项目请留空"),
                format!("item {m_text:?} has no breakdown: name one (e.g. trade mode, partner), or leave the item empty for a total"),
            ));
        }
        let Some(&d) = self.dimensions.get(&key(&d_text)) else {
            let known: Vec<&str> = Dimension::ALL.iter().map(|d| d.label(Lang::Zh)).collect();
            return Err((
                format!("“{d_text}”不是已知的分类维度（可用：{}）", known.join("、")),
                format!("{d_text:?} is not a known breakdown ({})", Dimension::ALL.map(|d| d.code()).join(", ")),
            ));
        };
        if total {
            return Err((
                format!("{}的项目为空：请填写项目名称或代码", d.label(Lang::Zh)),
                format!("the {} item is empty: give its name or code", d.label(Lang::En).to_lowercase()),
            ));
        }
        match self.members.get(&(d, key(&m_text))) {
            Some(code) => Ok(Some((d, code.clone()))),
            None => Err((
                format!("“{m_text}”不是{}的项目", d.label(Lang::Zh)),
                format!("{m_text:?} is not a {} item", d.label(Lang::En).to_lowercase()),
            )),
        }
    }
}

/// A month or the combined 1—2月; quarters and year-to-date figures are derived, never imported.
pub(super) fn period(cell: &Cell) -> Result<Period, Problem> {
    let text = cell.text();
    let bad = || {
        (
            format!("“{text}”不是月份（请写成2021-03、2021年3月或202103；1—2月合并数写成2021年1—2月）"),
            format!("{text:?} is not a month (write 2021-03, 2021年3月 or 202103; a combined Jan–Feb as 2021-JF)"),
        )
    };
    let parsed = match cell {
        Cell::Date(d) => Some(Period::Month(YearMonth::of_date(*d))),
        Cell::Empty => None,
        _ => parse_period_text(&text),
    };
    match parsed {
        Some(p @ (Period::Month(_) | Period::JanFeb(_))) => Ok(p),
        Some(_) => Err((
            format!("“{text}”是季度或累计期间：只能导入当月数（或1—2月合并数），季度和累计数由月度数计算"),
            format!("{text:?} is a quarter or a year to date: import monthly figures (or Jan–Feb combined); totals are derived"),
        )),
        None => Err(bad()),
    }
}

fn parse_period_text(text: &str) -> Option<Period> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if let Ok(p) = Period::parse(&t) {
        return Some(p);
    }
    // 2021年3月, 2021年1—2月, 2021年1-2月, 2021年03月
    if let Some((y, rest)) = t.split_once('年') {
        let year: i32 = y.parse().ok()?;
        let m = rest.strip_suffix('月').unwrap_or(rest);
        if let Some((a, b)) = m.split_once(['—', '-', '–', '~', '至']) {
            return (a.parse::<u32>().ok()? == 1 && b.parse::<u32>().ok()? == 2).then_some(Period::JanFeb(year));
        }
        return YearMonth::new(year, m.parse().ok()?).ok().map(Period::Month);
    }
    // 202103, 2021/3, 2021.03, 2021-3
    if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
        return YearMonth::new(t[..4].parse().ok()?, t[4..].parse().ok()?).ok().map(Period::Month);
    }
    let (y, m) = t.split_once(['/', '.', '-'])?;
    YearMonth::new(y.parse().ok()?, m.parse().ok()?).ok().map(Period::Month)
}

/// 快报 or 修订; empty means "decide from what is stored".
pub(super) fn status(cell: &Cell) -> Result<Option<Status>, Problem> {
    let text = cell.text();
    match key(&text).as_str() {
        "" => Ok(None),
        "快报" | "初值" | "preliminary" | "p" => Ok(Some(Status::Preliminary)),
        "修订" | "修正" | "终值" | "revised" | "r" => Ok(Some(Status::Revised)),
        _ => Err((format!("“{text}”不是“快报”或“修订”"), format!("{text:?} is not \"preliminary\" or \"revised\""))),
    }
}
