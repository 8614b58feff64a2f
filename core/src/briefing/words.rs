//! The phrases a situation briefing is built from, worded as the bureau's releases word them: amounts
//! in 亿元, growth as 增长/下降/持平 (decided on the rounded figure), a zero base as 上年同期为零, share
//! changes and pulls in 百分点.

use crate::amount::Amount;
use crate::indicator::{Growth, Ratio};
use crate::lang::Lang;
use crate::Unit;

/// Decimals of the percentages in sentences (8.1%, 1.2个百分点).
pub const DECIMALS: u8 = 1;

/// "12.35亿元" / "¥1.2 bn"; "—" when missing.
pub fn yi(value: Option<i64>, lang: Lang) -> String {
    let decimals = lang.pick("2", "1").parse().unwrap_or(2);
    value.map_or_else(|| "—".to_string(), |v| Amount::cny(v).display(Unit::Yi, decimals, lang))
}

/// The growth of a part after its value: "增长12.4%", "下降3.2%", "持平", "上年同期为零", "上年同期无数据".
pub fn growth(g: Growth, lang: Lang) -> String {
    match g {
        Growth::Rate(_) => g.worded(DECIMALS, lang),
        Growth::New => lang.pick("为新增（上年同期为零）", "new (nil a year earlier)").to_string(),
        Growth::Unavailable => lang.pick("上年同期无可比数据", "no comparable figure a year earlier").to_string(),
    }
}

/// The growth of a headline total: "同比增长8.1%" / "up 8.1% year on year"; the zero and missing bases as
/// in [`growth`].
pub fn yoy(g: Growth, lang: Lang) -> String {
    match (g, lang) {
        (Growth::Rate(_), Lang::Zh) => format!("同比{}", g.worded(DECIMALS, lang)),
        (Growth::Rate(_), Lang::En) => format!("{} year on year", g.worded(DECIMALS, lang)),
        _ => growth(g, lang),
    }
}

/// A change in percentage points, rounded once: "提高1.2个百分点", "下降0.4个百分点", "持平";
/// "up 1.2 points", "down 0.4 points", "unchanged".
pub fn points(change: Ratio, lang: Lang) -> String {
    let p = change.percent(DECIMALS);
    if p.is_zero() {
        lang.pick("持平", "unchanged").to_string()
    } else if p.is_negative() {
        format!("{}{}{}", lang.pick("下降", "down "), p.abs(), lang.pick("个百分点", " points"))
    } else {
        format!("{}{}{}", lang.pick("提高", "up "), p, lang.pick("个百分点", " points"))
    }
}

/// A part's pull on the total's growth: "拉动全市外贸增长8.0个百分点" / "下拉全市外贸增速0.5个百分点";
/// nothing when it rounds to zero or is unknown.
pub fn pull(pull: Option<Ratio>, lang: Lang) -> Option<String> {
    let p = pull?.percent(DECIMALS);
    if p.is_zero() {
        return None;
    }
    Some(match (p.is_negative(), lang) {
        (false, Lang::Zh) => format!("拉动全市外贸增长{p}个百分点"),
        (true, Lang::Zh) => format!("下拉全市外贸增速{}个百分点", p.abs()),
        (false, Lang::En) => format!("adding {p} points to the city's growth"),
        (true, Lang::En) => format!("taking {} points off the city's growth", p.abs()),
    })
}

/// A share: "占全市外贸总值的79.7%" / "79.7% of the city's trade".
pub fn share(share: Option<Ratio>, lang: Lang) -> Option<String> {
    let s = share?.percent(DECIMALS);
    Some(match lang {
        Lang::Zh => format!("占全市外贸总值的{s}%"),
        Lang::En => format!("{s}% of the city's trade"),
    })
}

/// The trade balance: "贸易顺差2.90亿元" / "逆差" / "进出口平衡".
pub fn balance(exports: i64, imports: i64, lang: Lang) -> String {
    let b = exports - imports;
    match (b.signum(), lang) {
        (0, _) => lang.pick("进出口平衡", "trade balanced").to_string(),
        (1, Lang::Zh) => format!("贸易顺差{}", yi(Some(b), lang)),
        (_, Lang::Zh) => format!("贸易逆差{}", yi(Some(-b), lang)),
        (1, Lang::En) => format!("a surplus of {}", yi(Some(b), lang)),
        (_, Lang::En) => format!("a deficit of {}", yi(Some(-b), lang)),
    }
}
