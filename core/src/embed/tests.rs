//! Widgets drawn from the demo's published overview: the numbers in the SVG are the dashboard's.

use super::*;
use crate::dashboard::{amount_cell, county_ranking, headline, kpis, trend};
use crate::demo::tests::overview;
use crate::flow::Measure;
use crate::Unit;

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn specs_round_trip_through_the_url() {
    let spec = EmbedSpec {
        chart: EmbedChart::Flows,
        county: Some(RegionCode::parse("610302").unwrap()),
        month: Some(YearMonth::new(2021, 3).unwrap()),
        lang: Lang::En,
        theme: Theme::Dark,
        height: 420,
        dimension: crate::Dimension::TradeMode,
    };
    assert_eq!(spec.path(), "/embed/flows?county=610302&month=2021-03&lang=en&theme=dark&height=420");
    assert_eq!(EmbedSpec::from_query(EmbedChart::Flows, &spec.to_query()), spec);
    let odd = EmbedSpec::from_query(EmbedChart::Trend, "county=x&month=latest&height=99999&theme=neon&lang=fr");
    assert_eq!(odd, EmbedSpec::new(EmbedChart::Trend), "anything unreadable keeps its default");
    assert_eq!(odd.svg_path(), "/embed/trend.svg?month=latest&lang=zh&theme=auto&height=360");
    assert_eq!(
        odd.snippet("https://waimao.example/", "宝鸡市 · 月度进出口走势"),
        "<iframe src=\"https://waimao.example/embed/trend?month=latest&amp;lang=zh&amp;theme=auto&amp;height=360\" \
         data-waimao title=\"宝鸡市 · 月度进出口走势\" style=\"width:100%;height:360px;border:0\" loading=\"lazy\"></iframe>\n\
         <script src=\"https://waimao.example/embed/host.js\" async></script>"
    );
    // The frame is as tall as the widget: the chosen height, or the least a chart and its text take.
    for (asked, frame) in [(200, 280), (240, 280), (280, 280), (360, 360), (900, 900)] {
        let spec = EmbedSpec { height: asked, ..EmbedSpec::new(EmbedChart::Ranking) };
        assert_eq!(spec.frame_height(), frame, "{asked}");
        assert!(spec.snippet("https://w.example", "t").contains(&format!("height:{frame}px")), "{asked}");
    }
}

#[test]
fn the_trend_widget_shows_the_dashboards_numbers() {
    let file = overview();
    let spec = EmbedSpec::new(EmbedChart::Trend);
    let w = render(&spec, &file, None).unwrap();
    let last = file.meta.last_month;
    let kpi = kpis(&file, file.city.code, last).into_iter().find(|k| k.measure == Measure::Total).unwrap();
    assert_eq!(w.summary, headline(&file.city, &kpi, last, Unit::Yi, Lang::Zh));
    assert_eq!(w.title, "宝鸡市 · 月度进出口走势");
    assert_eq!(w.source, "数据来源：宝鸡市商务局");
    assert!(w.date.starts_with("数据截至2021年6月"), "{}", w.date);
    for p in trend(&file, file.city.code, Measure::Total, last, 13) {
        let tip = format!("{}：{}亿元", p.month.label(Lang::Zh), amount_cell(p.value, Unit::Yi));
        assert!(w.svg.contains(&tip), "{tip} missing");
    }
    assert!(w.svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && w.svg.ends_with("</svg>"));
    assert_eq!(w.svg.matches("class=\"hit\"").count(), 13);
    assert!(w.dashboard_path.starts_with("/?month=2021-06"));
}

#[test]
fn english_widgets_speak_english() {
    let file = overview();
    let partners = crate::demo::tests::dimension_file(crate::Dimension::Partner);
    for chart in EmbedChart::ALL {
        let spec = EmbedSpec { lang: Lang::En, dimension: crate::Dimension::Partner, ..EmbedSpec::new(chart) };
        let w = render(&spec, &file, Some(&partners)).unwrap();
        for text in [&w.title, &w.summary, &w.source, &w.date, &w.svg] {
            assert!(!has_chinese(text), "{chart:?}: {text}");
        }
    }
}

#[test]
fn the_ranking_widget_lists_every_county_in_rank_order() {
    let file = overview();
    let w = render(&EmbedSpec::new(EmbedChart::Ranking), &file, None).unwrap();
    let rows = county_ranking(&file, Measure::Total, file.meta.last_month);
    let mut at = 0;
    for r in &rows {
        let name = format!(">{}<", r.region.name_zh);
        let found = w.svg[at..].find(&name).unwrap_or_else(|| panic!("{} out of order", r.region.name_zh));
        at += found + name.len();
    }
}

#[test]
fn themes_and_errors() {
    let file = overview();
    let dark = render(&EmbedSpec { theme: Theme::Dark, ..EmbedSpec::new(EmbedChart::Flows) }, &file, None).unwrap();
    assert!(dark.svg.contains("class=\"dark\"") && dark.svg.contains(".dark .bg{fill:#1d232c}"));
    let auto = render(&EmbedSpec::new(EmbedChart::Flows), &file, None).unwrap();
    assert!(auto.svg.contains("@media (prefers-color-scheme: dark)"));
    let county = |c: &str| EmbedSpec { county: RegionCode::parse(c).ok(), ..EmbedSpec::new(EmbedChart::Trend) };
    assert_eq!(render(&county("610399"), &file, None), Err(EmbedError::UnknownCounty));
    let weibin = render(&county("610302"), &file, None).unwrap();
    assert!(weibin.title.starts_with("渭滨区") && weibin.dashboard_path.ends_with("&county=610302"));
    let future = EmbedSpec { month: YearMonth::new(2030, 1).ok(), ..EmbedSpec::new(EmbedChart::Trend) };
    assert_eq!(render(&future, &file, None), Err(EmbedError::NoData));
    let text = render(&EmbedSpec::new(EmbedChart::Trend), &file, None).unwrap().svg;
    assert!(!text.contains("<script"), "the image carries no script");
}

#[test]
fn the_targets_widget_shows_completion_against_time_progress() {
    let file = overview();
    let w = render(&EmbedSpec::new(EmbedChart::Targets), &file, None).unwrap();
    let rows = crate::dashboard::target_progress(&file, file.meta.last_month);
    assert_eq!(w.summary, crate::summary::targets_summary(&rows, Lang::Zh));
    for r in rows.iter().filter_map(|r| r.progress.map(|p| (r, p))) {
        let (row, p) = r;
        let tip = format!(
            "{}：完成率{}% · 序时进度{}%",
            row.region.name_zh,
            crate::dashboard::percent_cell(Some(p.completion)),
            crate::dashboard::percent_cell(Some(p.time_progress))
        );
        assert!(w.svg.contains(&tip), "{tip}");
    }
}

#[test]
fn the_composition_widget_is_the_dashboards_composition() {
    let file = overview();
    let modes = crate::demo::tests::dimension_file(crate::Dimension::TradeMode);
    let spec = EmbedSpec::new(EmbedChart::Composition);
    assert!(spec.path().ends_with("&dim=trade_mode"));
    assert_eq!(render(&spec, &file, None), Err(EmbedError::NoData), "the breakdown file is needed");
    let w = render(&spec, &file, Some(&modes)).unwrap();
    let last = file.meta.last_month;
    let total = crate::dashboard::measure_series(file.series_of(file.city.code).unwrap(), Measure::Total);
    let rows = crate::composition::composition(&modes, file.city.code, Measure::Total, last, &total);
    assert_eq!(w.summary, crate::summary::composition_summary(&rows, "贸易方式", Lang::Zh));
    for r in &rows {
        let legend = format!(">{} {}%<", r.name_zh, crate::dashboard::percent_cell(r.share));
        assert!(w.svg.contains(&legend), "{legend}");
    }
    assert_eq!(w.svg.matches("<path class=\"c").count(), rows.len());
}
