//! The first view drawn from the demo's published files: its figures are the dashboard's, its controls
//! keep the view, and its markup is balanced whatever the view.

use super::*;
use crate::dashboard::amount_cell;
use crate::demo::tests::{dimension_file, overview};
use crate::Unit;

/// The text of the element whose `data-testid` is `id` (the first one).
fn text_of<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html.find(&format!("data-testid=\"{id}\"")).unwrap_or_else(|| panic!("{id} missing"));
    let start = at + html[at..].find('>').unwrap() + 1;
    &html[start..start + html[start..].find('<').unwrap()]
}

/// Every element closed in order: `<x …>` … `</x>`, `<x …/>`, and HTML's void `input`, `br` and `meta`.
fn assert_balanced(html: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("tag ends");
        let tag = &rest[..end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "closing {name} in {}", &html[..html.len().min(200)]);
        } else if !tag.ends_with('/') {
            let name = tag.split([' ', '>']).next().unwrap();
            if !["input", "br", "meta"].contains(&name) {
                stack.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
}

#[test]
fn the_first_view_shows_the_dashboards_figures_for_each_view() {
    let file = overview();
    let trade = dimension_file(crate::Dimension::TradeMode);
    let county = file.counties[1].code;
    let march = YearMonth::new(file.meta.last_month.year(), 3).unwrap();
    // (query, region shown, month shown, language, unit)
    let cases = [
        ("", file.city.code, file.meta.last_month, Lang::Zh, Unit::Yi),
        ("?lang=en", file.city.code, file.meta.last_month, Lang::En, Unit::Yi),
        (&format!("?county={county}&month={march}&unit=wan"), county, march, Lang::Zh, Unit::Wan),
        ("?month=1999-01", file.city.code, file.meta.last_month, Lang::Zh, Unit::Yi),
        ("?county=999999&tab=table", file.city.code, file.meta.last_month, Lang::Zh, Unit::Yi),
    ];
    for (query, region, month, lang, unit) in cases {
        let view = ViewState::from_query(query, ViewState::default());
        let page = render_view(&file, Some(&trade), &view);
        assert_balanced(&page.body);
        assert_eq!(page.lang, lang, "{query}");
        for k in kpis(&file, region, month) {
            let code = k.measure.code();
            assert_eq!(text_of(&page.body, &format!("fv-kpi-{code}-month")), amount_cell(k.month, unit), "{query}");
            assert_eq!(text_of(&page.body, &format!("fv-kpi-{code}-ytd")), amount_cell(k.ytd, unit), "{query}");
            assert_eq!(
                text_of(&page.body, &format!("fv-kpi-{code}-ytd-yoy")),
                escape(&k.ytd_yoy.short(1, lang)),
                "{query}"
            );
        }
        let r = if region == file.city.code {
            &file.city
        } else {
            file.counties.iter().find(|c| c.code == region).unwrap()
        };
        let k = &kpis(&file, region, month)[0];
        assert_eq!(text_of(&page.body, "fv-headline"), escape(&headline(r, k, month, unit, lang)));
        // The month chosen is the one selected; every published month is offered.
        assert!(page.body.contains(&format!("<option value=\"{month}\" selected=\"\">")), "{query}");
        assert_eq!(
            page.body.matches("<option value=\"").count(),
            months_latest_first(&file).len() + 1 + file.counties.len()
        );
        // Each chart once, as its widget draws it; the tables open when the view asks for tables.
        let charts = page.body.matches("data-embed-chart=\"\"").count();
        if view.tab == Tab::Table {
            assert_eq!(charts, 0);
            assert_eq!(page.body.matches("<details class=\"fv-table\" open=\"\">").count(), 6);
        } else {
            assert_eq!(charts, 6, "{query}");
        }
        assert_eq!(page.body.contains("fv-illustrative"), file.meta.illustrative);
    }
}

#[test]
fn the_controls_keep_the_rest_of_the_view() {
    let file = overview();
    let view = ViewState::from_query("?lang=en&unit=wan&theme=dark&dim=partner", ViewState::default());
    let page = render_view(&file, None, &view);
    for (k, v) in [("unit", "wan"), ("lang", "en"), ("theme", "dark"), ("dim", "partner")] {
        assert!(page.body.contains(&format!("<input type=\"hidden\" name=\"{k}\" value=\"{v}\"/>")), "{k}");
    }
    assert!(!page.body.contains("name=\"month\" value="), "month and county are the form's own fields");
    // The language link switches the language only.
    assert!(
        page.body.contains("href=\"/?dim=partner&amp;unit=wan&amp;theme=dark\" hreflang=\"zh-CN\""),
        "{}",
        page.body
    );
    assert_eq!(page.title, "Foreign Trade Monitor · Baoji Bureau of Commerce");
    // A county's view links back to the city with everything else kept.
    let county = file.counties[0].code;
    let page =
        render_view(&file, None, &ViewState::from_query(&format!("?county={county}&unit=wan"), ViewState::default()));
    assert!(page.body.contains("<a href=\"/?unit=wan\">返回全市</a>"), "{}", page.body);
    assert!(page.body.contains(&format!("<option value=\"{county}\" selected=\"\">")));
}

#[test]
fn the_bureau_is_the_citys() {
    let file = overview();
    assert_eq!(bureau(&file.city, Lang::Zh), "宝鸡市商务局");
    assert_eq!(page_title(&file.city, Lang::Zh), "外贸运行监测 · 宝鸡市商务局");
}

#[test]
fn the_briefing_page_holds_the_whole_briefing_of_its_period() {
    let file = overview();
    let dims: Vec<_> = [crate::Dimension::TradeMode, crate::Dimension::ProductCategory, crate::Dimension::Partner]
        .into_iter()
        .map(dimension_file)
        .collect();
    let cases = [
        ("?period=2021-Q1", Lang::Zh, Period::parse("2021-Q1").unwrap()),
        ("?period=2021-03&lang=en", Lang::En, Period::parse("2021-03").unwrap()),
        ("", Lang::Zh, Period::Ytd(file.meta.last_month)),
        ("?period=not-a-period", Lang::Zh, Period::Ytd(file.meta.last_month)),
    ];
    for (query, lang, period) in cases {
        let page = render_briefing(&file, &dims, query, "2026-12-04");
        let b = crate::briefing::write(&file, &dims, period, lang);
        assert_eq!(page.lang, lang, "{query}");
        assert!(page.title.starts_with(&b.title), "{query}: {}", page.title);
        assert_eq!(page.body.matches(&format!("<option value=\"{}\" selected=\"\">", b.period)).count(), 1, "{query}");
        // The article is the one the app shows, every sentence of every part in it.
        let article = article(&b, &bureau(&file.city, lang), "2026-12-04", lang);
        assert!(page.body.contains(&article), "{query}");
        assert!(b.sections.len() >= 4, "{query}: {} parts", b.sections.len());
        for s in &b.sections {
            assert!(article.contains(&format!("data-testid=\"briefing-{}\"", s.key)), "{query}: {}", s.key);
            for p in &s.paragraphs {
                assert!(article.contains(&escape(p)), "{query}: {p}");
            }
        }
        assert!(!page.body.contains("briefing-enterprises"), "the key enterprises stay internal");
        assert_balanced(&page.body);
    }
}
