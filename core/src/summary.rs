//! One-sentence chart summaries for screen readers, in the words a statistical release would use:
//! what a reader should take from the chart without seeing it.

use crate::amount::{Amount, Unit};
use crate::composition::CompositionRow;
use crate::dashboard::{CountyRow, TargetRow};
use crate::lang::Lang;

fn amount(units: Option<i64>, unit: Unit, lang: Lang) -> String {
    units.map_or_else(|| "—".to_string(), |v| Amount::cny(v).display(unit, 2, lang))
}

/// "累计进出口额居前三位的是：渭滨区5.98亿元、金台区5.53亿元、陈仓区3.66亿元。"
pub fn ranking_summary(rows: &[CountyRow], unit: Unit, lang: Lang) -> String {
    let top: Vec<String> = rows
        .iter()
        .filter(|r| r.ytd.is_some())
        .take(3)
        .map(|r| match lang {
            Lang::Zh => format!("{}{}", r.region.name_zh, amount(r.ytd, unit, lang)),
            Lang::En => format!("{} ({})", r.region.name_en, amount(r.ytd, unit, lang)),
        })
        .collect();
    if top.is_empty() {
        return String::new();
    }
    match lang {
        Lang::Zh => format!("累计进出口额居前{}位的是：{}。", top.len(), top.join("、")),
        Lang::En => format!("The top {} counties by year-to-date trade: {}.", top.len(), top.join(", ")),
    }
}

/// "全市完成年度目标的51.3%，快于序时进度1.3个百分点；12个县区中7个快于序时进度。"
pub fn targets_summary(rows: &[TargetRow], lang: Lang) -> String {
    let Some((city, counties)) = rows.split_first() else { return String::new() };
    let Some(p) = city.progress else { return String::new() };
    let ahead = counties.iter().filter(|r| r.progress.is_some_and(|p| p.is_ahead())).count();
    let gap = p.gap().percent(1).abs();
    let done = p.completion.percent(1);
    match lang {
        Lang::Zh => format!(
            "全市完成年度目标的{done}%，{}序时进度{gap}个百分点；{}个县区中{ahead}个快于序时进度。",
            if p.is_ahead() { "快于" } else { "慢于" },
            counties.len()
        ),
        Lang::En => format!(
            "The city has reached {done}% of its annual target, {gap} points {} the share of the year elapsed; {ahead} of {} counties are ahead.",
            if p.is_ahead() { "ahead of" } else { "behind" },
            counties.len()
        ),
    }
}

/// "按贸易方式分，一般贸易占60.7%，其次是加工贸易（23.3%）。" about the two largest members.
pub fn composition_summary(rows: &[CompositionRow], dimension: &str, lang: Lang) -> String {
    let mut members: Vec<&CompositionRow> = rows.iter().filter(|r| !r.is_group && r.share.is_some()).collect();
    members.sort_by_key(|r| std::cmp::Reverse(r.ytd));
    let share = |r: &CompositionRow| r.share.map(|s| s.percent(1).to_string()).unwrap_or_default();
    match (members.first(), members.get(1), lang) {
        (None, _, _) => String::new(),
        (Some(a), None, Lang::Zh) => format!("按{dimension}分，{}占{}%。", a.name_zh, share(a)),
        (Some(a), Some(b), Lang::Zh) => {
            format!("按{dimension}分，{}占{}%，其次是{}（{}%）。", a.name_zh, share(a), b.name_zh, share(b))
        }
        (Some(a), None, Lang::En) => format!("By {dimension}, {} has {}%.", a.name_en, share(a)),
        (Some(a), Some(b), Lang::En) => {
            format!("By {dimension}, {} has {}% of the total, then {} ({}%).", a.name_en, share(a), b.name_en, share(b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::composition::composition;
    use crate::dashboard::{county_ranking, measure_series, target_progress};
    use crate::demo::tests::overview as demo_overview;
    use crate::flow::Measure;
    use crate::period::YearMonth;

    #[test]
    fn summaries_name_what_the_charts_show() {
        let file = demo_overview();
        let month = YearMonth::new(2021, 6).unwrap();
        let rows = county_ranking(&file, Measure::Total, month);
        let zh = ranking_summary(&rows, Unit::Yi, Lang::Zh);
        let first =
            format!("{}{}", rows[0].region.name_zh, Amount::cny(rows[0].ytd.unwrap()).display(Unit::Yi, 2, Lang::Zh));
        assert!(zh.starts_with(&format!("累计进出口额居前3位的是：{first}、")), "{zh}");
        assert!(ranking_summary(&rows, Unit::Yi, Lang::En).starts_with("The top 3 counties"));
        assert_eq!(ranking_summary(&[], Unit::Yi, Lang::Zh), "");

        let targets = target_progress(&file, month);
        let ahead = targets[1..].iter().filter(|r| r.progress.unwrap().is_ahead()).count();
        let text = targets_summary(&targets, Lang::Zh);
        let done = targets[0].progress.unwrap().completion.percent(1);
        assert!(text.starts_with(&format!("全市完成年度目标的{done}%，")), "{text}");
        assert!(text.ends_with(&format!("12个县区中{ahead}个快于序时进度。")), "{text}");
    }

    #[test]
    fn composition_summary_names_the_two_largest() {
        let file = demo_overview();
        let month = YearMonth::new(2021, 6).unwrap();
        let df = crate::demo::tests::dimension_file(crate::Dimension::TradeMode);
        let total = measure_series(file.series_of(file.city.code).unwrap(), Measure::Total);
        let rows = composition(&df, file.city.code, Measure::Total, month, &total);
        let text = composition_summary(&rows, "贸易方式", Lang::Zh);
        assert!(text.starts_with("按贸易方式分，一般贸易占"), "{text}");
        assert!(text.contains("其次是"), "{text}");
    }
}
