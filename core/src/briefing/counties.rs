//! The briefing's county part: each county's value for the period, 同比, share of the city and its
//! change, completion of the annual target against 序时进度, and rank; the sentence that sums them up;
//! and the city's own target sentence.

use crate::api::OverviewFile;
use crate::chart::Table;
use crate::dashboard::{amount_cell, measure_series};
use crate::flow::Measure;
use crate::indicator::{rank_desc, share, share_change_pp, Growth, Ratio, TargetProgress};
use crate::lang::Lang;
use crate::period::Period;
use crate::region::Region;

use super::words::{points, yi, DECIMALS};

/// One county's line of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyLine {
    pub region: Region,
    pub value: Option<i64>,
    pub yoy: Growth,
    pub share: Option<Ratio>,
    pub share_change: Option<Ratio>,
    pub target: Option<i64>,
    /// Year to date at the period's last month against the annual target, and 序时进度.
    pub progress: Option<TargetProgress>,
    pub rank: Option<u32>,
}

pub fn lines(file: &OverviewFile, period: Period) -> Vec<CountyLine> {
    let base = period.same_period_last_year();
    let city = file.series_of(file.city.code).map(|s| measure_series(s, Measure::Total));
    let (city_now, city_base) =
        (city.as_ref().and_then(|c| c.value(period)), city.as_ref().and_then(|c| c.value(base)));
    let mut out: Vec<CountyLine> = file
        .counties
        .iter()
        .map(|r| {
            let s = file.series_of(r.code).map(|s| measure_series(s, Measure::Total));
            let (now, then) = (s.as_ref().and_then(|s| s.value(period)), s.as_ref().and_then(|s| s.value(base)));
            let ytd = s.as_ref().and_then(|s| s.ytd(period.last_month()));
            let target = file.target(r.code, period.year());
            CountyLine {
                region: r.clone(),
                value: now,
                yoy: Growth::between(now, then),
                share: now.zip(city_now).and_then(|(v, c)| share(v, c)),
                share_change: match (now, city_now, then, city_base) {
                    (Some(a), Some(b), Some(c), Some(d)) => share_change_pp(a, b, c, d),
                    _ => None,
                },
                target,
                progress: ytd.zip(target).and_then(|(v, t)| TargetProgress::new(v, t, period.last_month())),
                rank: None,
            }
        })
        .collect();
    let ranks = rank_desc(&out.iter().map(|l| l.value).collect::<Vec<_>>());
    for (l, r) in out.iter_mut().zip(ranks) {
        l.rank = r;
    }
    out.sort_by_key(|l| (l.rank.unwrap_or(u32::MAX), l.region.code));
    out
}

/// "分区县看，12个区县中有9个实现同比增长。渭滨区进出口8.12亿元，居全市首位，占全市外贸总值的33.1%；
/// 凤县增速最快，增长35.2%。"
pub fn counties_paragraph(lines: &[CountyLine], _period: Period, lang: Lang) -> Option<String> {
    let first = lines.first().filter(|l| l.value.is_some())?;
    let rising = lines.iter().filter(|l| l.yoy.direction(DECIMALS) > 0).count();
    let fastest = lines
        .iter()
        .filter_map(|l| match l.yoy {
            Growth::Rate(r) => Some((l, r)),
            _ => None,
        })
        .max_by(|a, b| a.1.cmp_value(b.1));
    let share_text = first.share.map(|s| s.percent(DECIMALS).to_string()).unwrap_or_else(|| "—".into());
    let n = lines.len();
    let growing = match (rising, lang) {
        (r, Lang::Zh) if r == n => format!("{n}个区县均实现同比增长"),
        (0, Lang::Zh) => format!("{n}个区县均未实现同比增长"),
        (r, Lang::Zh) => format!("{n}个区县中有{r}个实现同比增长"),
        (_, Lang::En) => String::new(),
    };
    let mut text = match lang {
        Lang::Zh => format!(
            "分区县看，{growing}。{}进出口{}，居全市首位，占全市外贸总值的{share_text}%",
            first.region.name_zh,
            yi(first.value, lang)
        ),
        Lang::En => format!(
            "By county, {rising} of {} grew year on year. {} led with {}, {share_text}% of the city's trade",
            lines.len(),
            first.region.name_en,
            yi(first.value, lang)
        ),
    };
    if let Some((l, _)) = fastest {
        text.push_str(&match lang {
            Lang::Zh => format!("；{}增速最快，{}", l.region.name_zh, l.yoy.worded(DECIMALS, lang)),
            Lang::En => format!("; {} grew fastest, {}", l.region.name_en, l.yoy.worded(DECIMALS, lang)),
        });
    }
    text.push_str(lang.pick("。", "."));
    Some(text)
}

/// The city's target (the sum of the counties' when every county has one): "全市累计完成年度目标的
/// 26.3%，超序时进度1.3个百分点。"
pub fn target_sentence(file: &OverviewFile, period: Period, lang: Lang) -> Option<String> {
    let month = period.last_month();
    let targets: Option<Vec<i64>> = file.counties.iter().map(|r| file.target(r.code, month.year())).collect();
    let target: i64 = targets?.iter().sum();
    let ytd = file.series_of(file.city.code).and_then(|s| measure_series(s, Measure::Total).ytd(month))?;
    let p = TargetProgress::new(ytd, target, month)?;
    let gap = p.gap();
    let pct = p.completion.percent(DECIMALS);
    Some(match lang {
        Lang::Zh => {
            let ahead = if gap.percent(DECIMALS).is_zero() {
                "与序时进度持平".to_string()
            } else if gap.is_negative() {
                format!("落后序时进度{}个百分点", gap.percent(DECIMALS).abs())
            } else {
                format!("超序时进度{}个百分点", gap.percent(DECIMALS))
            };
            format!("全市累计完成年度目标{}的{pct}%，{ahead}。", yi(Some(target), lang))
        }
        Lang::En => format!(
            "The city has reached {pct}% of its annual target of {}, {} against the share of the year elapsed.",
            yi(Some(target), lang),
            points(gap, lang)
        ),
    })
}

pub fn counties_table(lines: &[CountyLine], lang: Lang) -> Table {
    let h = [
        ("区县", "County"),
        ("进出口（亿元）", "Trade (100m yuan)"),
        ("同比", "YoY"),
        ("占全市比重", "Share of city"),
        ("比重变化（百分点）", "Share change (pp)"),
        ("年度目标（亿元）", "Annual target (100m yuan)"),
        ("目标完成率", "Target reached"),
        ("序时进度", "Year elapsed"),
        ("排名", "Rank"),
    ];
    let pct = |r: Option<Ratio>| r.map_or_else(|| "—".to_string(), |r| format!("{}%", r.percent(DECIMALS)));
    Table {
        headers: h.iter().map(|x| lang.pick(x.0, x.1).to_string()).collect(),
        rows: lines
            .iter()
            .map(|l| {
                vec![
                    l.region.name(lang).to_string(),
                    amount_cell(l.value, crate::Unit::Yi),
                    l.yoy.short(DECIMALS, lang),
                    pct(l.share),
                    l.share_change.map_or_else(|| "—".to_string(), |r| r.percent(DECIMALS).to_string()),
                    amount_cell(l.target, crate::Unit::Yi),
                    pct(l.progress.map(|p| p.completion)),
                    pct(l.progress.map(|p| p.time_progress)),
                    l.rank.map_or_else(|| "—".to_string(), |r| r.to_string()),
                ]
            })
            .collect(),
    }
}
