//! The key enterprises' part of the briefing (重点企业): their combined trade for the period with 同比,
//! share of the city and pull on the city's growth, how many grew and fell, the leading five by name,
//! and a table of the first ten. The figures are the enterprises' approved monthly returns, which stay
//! internal: only a signed-in reader's briefing has this part.

use serde::{Deserialize, Serialize};

use crate::api::RegionSeries;
use crate::chart::Table;
use crate::dashboard::amount_cell;
use crate::flow::Measure;
use crate::indicator::{pull as pull_of, share as share_of, Growth, Ratio};
use crate::lang::Lang;
use crate::period::Period;
use crate::region::RegionCode;
use crate::series::MonthlySeries;

use super::words::{growth, pull, share, yi, DECIMALS};
use super::Section;

/// One key enterprise's monthly exports and imports, as `GET /api/briefing/enterprises` sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnterpriseSeries {
    pub id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub county: RegionCode,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub exports: MonthlySeries,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub imports: MonthlySeries,
}

/// One enterprise in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirmLine {
    pub name: String,
    pub value: i64,
    /// The same period a year earlier, if the enterprise filed then.
    pub base: Option<i64>,
    pub yoy: Growth,
    pub share: Option<Ratio>,
    pub pull: Option<Ratio>,
}

/// How many leading enterprises the sentence names and the table lists.
const NAMED: usize = 5;
const LISTED: usize = 10;

/// The enterprises with a figure for `period`, largest first, measured against the city's trade.
pub fn lines(firms: &[EnterpriseSeries], city: &RegionSeries, period: Period, lang: Lang) -> Vec<FirmLine> {
    let base_period = period.same_period_last_year();
    let city_total = MonthlySeries::combine(Measure::Total, &city.exports, &city.imports);
    let (city_now, city_base) = (city_total.value(period), city_total.value(base_period));
    let mut out: Vec<FirmLine> = firms
        .iter()
        .filter_map(|f| {
            let s = MonthlySeries::combine(Measure::Total, &f.exports, &f.imports);
            let value = s.value(period)?;
            let base = s.value(base_period);
            Some(FirmLine {
                name: lang.pick(&f.name_zh, &f.name_en).to_string(),
                value,
                base,
                yoy: Growth::between(Some(value), base),
                share: city_now.and_then(|c| share_of(value, c)),
                pull: base.zip(city_base).and_then(|(b, cb)| pull_of(value, b, cb)),
            })
        })
        .collect();
    // Stable: enterprises with equal figures keep the registry's order.
    out.sort_by_key(|l| std::cmp::Reverse(l.value));
    out
}

/// The part, numbered after the counties' part; it says so plainly when no enterprise has filed yet.
pub fn section(firms: &[EnterpriseSeries], city: &RegionSeries, period: Period, lang: Lang) -> Section {
    let heading = lang.pick("六、重点企业", "6. Key enterprises").to_string();
    let lines = lines(firms, city, period, lang);
    if lines.is_empty() {
        let text = lang.pick(
            "本期重点企业数据尚未齐全，暂不分析。",
            "The key enterprises' figures for this period are not in yet.",
        );
        return Section { key: "enterprises", heading, paragraphs: vec![text.to_string()], table: None };
    }
    let base_period = period.same_period_last_year();
    let city_total = MonthlySeries::combine(Measure::Total, &city.exports, &city.imports);
    let now: i64 = lines.iter().map(|l| l.value).sum();
    // The group's base is the same enterprises a year earlier; one without a figure then counts as nil.
    let base: i64 = lines.iter().map(|l| l.base.unwrap_or(0)).sum();
    let g = Growth::between(Some(now), Some(base));
    let group_share = city_total.value(period).and_then(|c| share_of(now, c));
    let group_pull = city_total.value(base_period).and_then(|cb| pull_of(now, base, cb));
    let (up, down) = lines.iter().fold((0, 0), |(u, d), l| match l.yoy.direction(DECIMALS) {
        1 => (u + 1, d),
        -1 => (u, d + 1),
        _ => (u, d),
    });
    let n = lines.len();
    let mut parts = vec![match lang {
        Lang::Zh => format!("{n}家重点外贸企业合计进出口{}", yi(Some(now), lang)),
        Lang::En if n == 1 => format!("The 1 key enterprise with figures traded {}", yi(Some(now), lang)),
        Lang::En => format!("The {n} key enterprises traded {} in all", yi(Some(now), lang)),
    }];
    parts.push(growth(g, lang));
    parts.extend(share(group_share, lang));
    parts.extend(pull(group_pull, lang));
    let mut first = parts.join(lang.pick("，", ", "));
    first.push_str(&match (lang, up == n) {
        (Lang::Zh, true) => "。其中，各企业均实现同比增长。".to_string(),
        (Lang::Zh, false) => format!("。其中，{up}家企业同比增长，{down}家下降。"),
        (Lang::En, true) => ". Every one of them grew year on year.".to_string(),
        (Lang::En, false) => format!(". Of them, {up} grew year on year and {down} fell."),
    });
    let named: Vec<String> = lines
        .iter()
        .take(NAMED)
        .map(|l| match lang {
            Lang::Zh => format!("{}（{}，{}）", l.name, yi(Some(l.value), lang), growth(l.yoy, lang)),
            Lang::En => format!("{} ({}, {})", l.name, yi(Some(l.value), lang), growth(l.yoy, lang)),
        })
        .collect();
    let second = match lang {
        Lang::Zh => format!("进出口居前{}位的企业依次为：{}。", named.len(), named.join("、")),
        Lang::En => format!("The leading {} were {}.", named.len(), named.join("; ")),
    };
    Section { key: "enterprises", heading, paragraphs: vec![first, second], table: Some(table(&lines, lang)) }
}

fn table(lines: &[FirmLine], lang: Lang) -> Table {
    let h = [
        ("企业", "Enterprise"),
        ("进出口（亿元）", "Trade (100m yuan)"),
        ("同比", "YoY"),
        ("占全市比重", "Share of city"),
        ("拉动（百分点）", "Pull (pp)"),
    ];
    let pct = |r: Option<Ratio>| r.map_or_else(|| "—".to_string(), |r| format!("{}%", r.percent(DECIMALS)));
    Table {
        headers: h.iter().map(|x| lang.pick(x.0, x.1).to_string()).collect(),
        rows: lines
            .iter()
            .take(LISTED)
            .map(|l| {
                vec![
                    l.name.clone(),
                    amount_cell(Some(l.value), crate::Unit::Yi),
                    l.yoy.short(DECIMALS, lang),
                    pct(l.share),
                    l.pull.map_or_else(|| "—".to_string(), |r| r.percent(DECIMALS).to_string()),
                ]
            })
            .collect(),
    }
}
