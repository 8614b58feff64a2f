//! Tables of returns and what validation must say about each, in both languages.

use chrono::NaiveDate;

use super::*;
use crate::amount::Currency;
use crate::dimension::Dimension;
use crate::flow::Flow;
use crate::lang::Lang;
use crate::period::Period;

const WAN: i64 = 10_000;

fn ym(s: &str) -> YearMonth {
    YearMonth::parse(s).unwrap()
}

fn county() -> Owner {
    Owner::County(RegionCode::parse("610302").unwrap())
}

/// Exports of 100, 110, 120 万元 and imports of 50 万元 in July 2018–2020; 2021: 1—2月 combined 200/100,
/// then March–June at 100/50 each.
fn history() -> ReturnHistory {
    let mut entries = Vec::new();
    for (y, e) in [(2018, 100), (2019, 110), (2020, 120)] {
        entries.push(HistoryEntry {
            period: Period::Month(ym(&format!("{y}-07"))),
            exports: Some(e * WAN),
            imports: Some(50 * WAN),
        });
    }
    entries.push(HistoryEntry { period: Period::JanFeb(2021), exports: Some(200 * WAN), imports: Some(100 * WAN) });
    for m in 3..=6 {
        entries.push(HistoryEntry {
            period: Period::Month(ym(&format!("2021-0{m}"))),
            exports: Some(100 * WAN),
            imports: Some(50 * WAN),
        });
    }
    ReturnHistory { entries, growth_limit_pct: None }
}

fn content(exports_wan: i64, imports_wan: i64) -> ReturnContent {
    ReturnContent { exports: exports_wan * WAN, imports: imports_wan * WAN, ..ReturnContent::empty() }
}

fn check_with(c: &ReturnContent, explanation: &str, owner: Owner, month: &str, locked: bool) -> Report {
    let h = history();
    let known = |d: Dimension, m: &str| d == Dimension::TradeMode && ["general", "processing", "other"].contains(&m);
    let ctx = Context {
        owner,
        month: ym(month),
        current_month: ym("2026-11"),
        history: &h,
        locked,
        growth_limit_pct: DEFAULT_GROWTH_LIMIT_PCT,
        known_member: Some(&known),
    };
    validate(c, explanation, &ctx)
}

/// A county's July 2021 return, with no registry check of member codes.
fn july(h: &ReturnHistory) -> Context<'_> {
    Context {
        owner: county(),
        month: ym("2021-07"),
        current_month: ym("2026-11"),
        history: h,
        locked: false,
        growth_limit_pct: DEFAULT_GROWTH_LIMIT_PCT,
        known_member: None,
    }
}

fn check(c: &ReturnContent, month: &str) -> Report {
    check_with(c, "", county(), month, false)
}

fn checks(r: &Report) -> Vec<(Field, &'static str)> {
    r.findings
        .iter()
        .map(|f| {
            let name = serde_json::to_value(&f.check).unwrap()["check"].as_str().unwrap().to_string();
            (f.field, Box::leak(name.into_boxed_str()) as &'static str)
        })
        .collect()
}

#[test]
fn a_plausible_return_is_clean() {
    // 2021-07: 120 万元 exports against 120 last July (0%), within the history; imports 50.
    let r = check(&content(120, 50), "2021-07");
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert!(r.is_ok());
    assert_eq!(r.error, "");
}

#[test]
fn blocking_errors() {
    let part = |member: &str, value_wan: i64| Part {
        dimension: Dimension::TradeMode,
        member: member.into(),
        flow: Flow::Export,
        value: value_wan * WAN,
    };
    // (return, month, locked, the findings expected)
    type Case = (ReturnContent, &'static str, bool, Vec<(Field, &'static str)>);
    let cases: Vec<Case> = vec![
        (content(-1, 50), "2021-07", false, vec![(Field::Exports, "negative")]),
        (content(120, 50), "2026-11", false, vec![(Field::Month, "month_not_over")]),
        (content(120, 50), "2027-01", false, vec![(Field::Month, "month_not_over")]),
        (content(120, 50), "2021-07", true, vec![(Field::Month, "already_approved")]),
        (
            ReturnContent { currency: Currency::Usd, ..content(120, 50) },
            "2021-07",
            false,
            vec![(Field::Currency, "wrong_currency")],
        ),
        (
            ReturnContent { parts: vec![part("general", 100), part("processing", 30)], ..content(120, 50) },
            "2021-07",
            false,
            vec![(Field::Part { index: 0 }, "parts_exceed_total")],
        ),
        (
            ReturnContent { parts: vec![part("general", 10), part("general", 10)], ..content(120, 50) },
            "2021-07",
            false,
            vec![(Field::Part { index: 1 }, "duplicate_part")],
        ),
        (
            ReturnContent { parts: vec![part("smuggling", 10)], ..content(120, 50) },
            "2021-07",
            false,
            vec![(Field::Part { index: 0 }, "unknown_member")],
        ),
        (
            ReturnContent { outlook: Some(Outlook::Up), ..content(120, 50) },
            "2021-07",
            false,
            vec![(Field::Outlook, "not_for_this_return")],
        ),
    ];
    for (c, month, locked, want) in cases {
        let r = check_with(&c, "", county(), month, locked);
        assert_eq!(checks(&r), want, "{c:?} {month}");
        assert!(!r.is_ok());
        assert!(r.error.contains(" / "), "{}", r.error);
    }
}

#[test]
fn parts_of_overlapping_categories_are_each_of_which_figures() {
    let cat = |member: &str| Part {
        dimension: Dimension::ProductCategory,
        member: member.into(),
        flow: Flow::Export,
        value: 100 * WAN,
    };
    // Two overlapping categories of 100 each within a total of 120: fine (no registry check here).
    let h = history();
    let ctx = july(&h);
    let ok = ReturnContent { parts: vec![cat("mech"), cat("hitech")], ..content(120, 50) };
    assert!(validate(&ok, "", &ctx).findings.is_empty());
    let bad = ReturnContent { parts: vec![Part { value: 130 * WAN, ..cat("mech") }], ..content(120, 50) };
    assert_eq!(checks(&validate(&bad, "", &ctx)), vec![(Field::Part { index: 0 }, "parts_exceed_total")]);
}

#[test]
fn enterprise_returns_need_orders_and_outlook_and_written_difficulties() {
    let firm = Owner::Enterprise(7);
    let r = check_with(&content(120, 50), "", firm, "2021-07", false);
    assert_eq!(checks(&r), vec![(Field::OrdersOnHand, "required"), (Field::Outlook, "required")]);
    let filled = ReturnContent {
        orders_on_hand: Some(500 * WAN),
        outlook: Some(Outlook::Flat),
        difficulties: vec![
            Difficulty { category: DifficultyCategory::Logistics, text: "海运费上涨".into() },
            Difficulty { category: DifficultyCategory::Other, text: "  ".into() },
        ],
        ..content(120, 50)
    };
    let r = check_with(&filled, "", firm, "2021-07", false);
    assert_eq!(checks(&r), vec![(Field::Difficulty { index: 1 }, "empty_text")]);
}

#[test]
fn warnings_need_an_explanation() {
    // +66.7% on last July's 120: a warning, and without an explanation an error.
    let c = content(200, 50);
    let r = check(&c, "2021-07");
    assert_eq!(checks(&r), vec![(Field::Explanation, "explanation_required"), (Field::Exports, "growth_beyond")]);
    assert_eq!(r.findings[1].check, Check::GrowthBeyond { growth_tenths: 667, limit_pct: 50 });
    let explained = check_with(&c, "新签大额订单集中出运", county(), "2021-07", false);
    assert!(explained.is_ok());
    assert_eq!(checks(&explained), vec![(Field::Exports, "growth_beyond")]);
    // Exactly +50% is within the limit; -50% too; -50.1% is not.
    assert!(check(&content(180, 50), "2021-07").findings.is_empty());
    assert!(check(&content(60, 25), "2021-07").findings.is_empty());
    let just_over = ReturnContent { exports: 120 * WAN / 2 - 1200, ..content(0, 50) };
    assert_eq!(checks(&check(&just_over, "2021-07"))[1], (Field::Exports, "growth_beyond"));
}

#[test]
fn far_outside_history_and_the_unit_hint() {
    // 1,200,000 万元 (typed in 元) against 100–120: growth and history warnings, with the unit hint.
    let r = check(&content(1_200_000, 50), "2021-07");
    let history_finding = r.findings.iter().find(|f| matches!(f.check, Check::OutsideHistory { .. })).unwrap();
    assert_eq!(
        history_finding.check,
        Check::OutsideHistory { low: 100 * WAN, high: 120 * WAN, hint: Some(super::validate::UnitHint::TypedYuan) }
    );
    assert!(history_finding.message(Lang::Zh).contains("是否误按“元”填写"), "{}", history_finding.message(Lang::Zh));
    assert!(history_finding.message(Lang::En).contains("typed in yuan"));
    // 30 万元 is less than a third of 100: outside, no unit hint.
    let low = check(&content(30, 50), "2021-07");
    assert!(low
        .findings
        .iter()
        .any(|f| f.check == Check::OutsideHistory { low: 100 * WAN, high: 120 * WAN, hint: None }));
}

#[test]
fn january_and_february_are_compared_together() {
    // The history holds 2021's 1—2月 combined; a 2022 February return with January 2022 known is
    // compared as 1—2月 against 1—2月.
    let mut h = history();
    h.entries.push(HistoryEntry {
        period: Period::Month(ym("2022-01")),
        exports: Some(150 * WAN),
        imports: Some(60 * WAN),
    });
    let ctx = |h: &'static ReturnHistory| Context {
        owner: county(),
        month: ym("2022-02"),
        current_month: ym("2026-11"),
        history: h,
        locked: false,
        growth_limit_pct: 50,
        known_member: None,
    };
    let h: &'static ReturnHistory = Box::leak(Box::new(h));
    // 150 + 60 = 210 against 200: +5%, no warning, though February alone (60) is far below any month.
    assert!(validate(&content(60, 40), "", &ctx(h)).findings.is_empty());
    // 150 + 200 = 350 against 200: +75%.
    let r = validate(&content(200, 40), "", &ctx(h));
    assert_eq!(r.findings[1].check, Check::GrowthBeyond { growth_tenths: 750, limit_pct: 50 });
    assert!(h.is_approved(ym("2021-02")), "a month inside an approved 1—2月 is locked");
}

#[test]
fn year_to_date_checks() {
    // January–June 2021 approved: exports 200 + 4×100 = 600 万元 before July.
    let ytd = |e: i64| ReturnContent { ytd_exports: Some(e * WAN), ..content(120, 50) };
    assert!(check(&ytd(720), "2021-07").findings.is_empty());
    let below = check(&ytd(590), "2021-07");
    assert!(below
        .findings
        .contains(&Finding::new(Field::YtdExports, Check::YtdBelowLastMonth { ytd: 590 * WAN, previous: 600 * WAN })));
    let off = check(&ytd(700), "2021-07");
    assert!(off
        .findings
        .contains(&Finding::new(Field::YtdExports, Check::YtdInconsistent { ytd: 700 * WAN, expected: 720 * WAN })));
    assert!(!off.is_ok(), "a warning without an explanation blocks");
}

#[test]
fn every_message_names_its_field_in_both_languages() {
    let all = [
        Check::Required,
        Check::NotANumber { text: "12a".into() },
        Check::TooPrecise,
        Check::TooLarge,
        Check::Negative,
        Check::PartsExceedTotal { parts: 2, total: 1 },
        Check::DuplicatePart,
        Check::UnknownMember { member: "x".into() },
        Check::NotForThisReturn,
        Check::MonthNotOver { current: "2026-11".into() },
        Check::AlreadyApproved,
        Check::WrongCurrency { currency: "USD".into() },
        Check::EmptyText,
        Check::TooLong { max: 2_000, chars: 2_001 },
        Check::ControlCharacters,
        Check::ExplanationRequired,
        Check::GrowthBeyond { growth_tenths: -512, limit_pct: 50 },
        Check::OutsideHistory { low: 1, high: 2, hint: None },
        Check::YtdBelowLastMonth { ytd: 1, previous: 2 },
        Check::YtdInconsistent { ytd: 1, expected: 2 },
    ];
    for check in all {
        let f = Finding::new(Field::Exports, check.clone());
        let zh = f.message(Lang::Zh);
        let en = f.message(Lang::En);
        assert!(zh.starts_with("当月出口额："), "{zh}");
        assert!(en.starts_with("Exports this month: "), "{en}");
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && zh.len() > 20, "{zh}");
        assert!(!en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "English has no Chinese: {en}");
    }
    assert!(Finding::new(Field::Exports, Check::GrowthBeyond { growth_tenths: -512, limit_pct: 50 })
        .message(Lang::Zh)
        .contains("同比-51.2%"));
}

#[test]
fn typed_amounts_in_wan() {
    assert_eq!(Finding::parse_wan(Field::Exports, "1,234.5"), Ok(Some(12_345_000)));
    assert_eq!(Finding::parse_wan(Field::Exports, "  "), Ok(None));
    assert_eq!(Finding::parse_wan(Field::Exports, "12a").unwrap_err().check, Check::NotANumber { text: "12a".into() });
    assert_eq!(Finding::parse_wan(Field::Exports, "0.00001").unwrap_err().check, Check::TooPrecise);
    assert_eq!(
        Finding::parse_wan(Field::Imports, "abc").unwrap_err().message(Lang::En),
        "Imports this month: \"abc\" is not a number; type digits only (a decimal point and thousands commas are fine)"
    );
}

#[test]
fn submissions_are_the_same_when_all_but_the_id_is() {
    let s = Submission {
        id: "0b7e4a4e-6a4c-4d8e-9a57-2f6f7e3c1d2a".into(),
        owner: county(),
        month: ym("2021-07"),
        base_version: 0,
        content: content(120, 50),
        explanation: String::new(),
    };
    assert!(s.id_is_valid());
    let other_id = Submission { id: "1b7e4a4e-6a4c-4d8e-9a57-2f6f7e3c1d2a".into(), ..s.clone() };
    assert_eq!(s.fingerprint(), other_id.fingerprint());
    let changed = Submission { content: content(121, 50), ..s.clone() };
    assert_ne!(s.fingerprint(), changed.fingerprint());
    assert!(!Submission { id: "not-a-uuid".into(), ..s.clone() }.id_is_valid());
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<Submission>(&json).unwrap(), s);
    assert!(serde_json::from_str::<Submission>(
        &json.replace("\"base_version\"", "\"approved\":true,\"base_version\"")
    )
    .is_err());
}

#[test]
fn owners_parse_from_paths() {
    assert_eq!(Owner::parse("county", "610302"), Some(county()));
    assert_eq!(Owner::parse("enterprise", "7"), Some(Owner::Enterprise(7)));
    assert_eq!(Owner::parse("enterprise", "-7"), None);
    assert_eq!(Owner::parse("city", "610300"), None);
    assert_eq!(county().api_base(), "/api/returns/county/610302");
}

#[test]
fn filing_on_time_late_or_missing() {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let july = ym("2021-07");
    assert_eq!(due_date(july), d("2021-08-10"));
    assert_eq!(Filing::of(july, Some(d("2021-08-10")), d("2021-09-01")), Filing::OnTime);
    assert_eq!(Filing::of(july, Some(d("2021-08-11")), d("2021-09-01")), Filing::Late);
    assert_eq!(Filing::of(july, None, d("2021-08-11")), Filing::Missing);
    assert_eq!(Filing::of(july, None, d("2021-08-10")), Filing::NotYetDue);
    assert_eq!(due_date(ym("2021-12")), d("2022-01-10"));
}

#[test]
fn history_lookups() {
    let h = history();
    assert_eq!(h.jan_feb(2021, Flow::Export), Some(200 * WAN));
    assert_eq!(h.month(ym("2021-01"), Flow::Export), None, "only the combined figure is known");
    assert_eq!(h.ytd_before(ym("2021-07"), Flow::Export), Some(600 * WAN));
    assert_eq!(h.ytd_before(ym("2021-03"), Flow::Import), Some(100 * WAN));
    assert_eq!(h.ytd_before(ym("2020-09"), Flow::Export), None);
    assert_eq!(h.ytd_before(ym("2022-01"), Flow::Export), Some(0));
    assert!(h.is_approved(ym("2021-06")) && !h.is_approved(ym("2021-07")));
}

#[test]
fn a_draft_round_trips_through_content_and_reports_typing() {
    let modes = vec!["general".to_string(), "processing".to_string()];
    let blank = Draft::blank(county(), &modes);
    assert_eq!(blank.parts.len(), 2 * 2 + 3 + 3, "trade modes × flows, three products, three partners");
    let mut d = blank.clone();
    d.exports = "1,234.5".into();
    d.imports = "３０".into();
    d.parts[0].value = "1000".into();
    d.parts[4].member = "XVI".into();
    d.parts[4].value = "200.25".into();
    let (c, findings) = d.to_content(county());
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!((c.exports, c.imports), (12_345_000, 300_000));
    assert_eq!(c.parts.len(), 2);
    assert_eq!(
        c.parts[1],
        Part { dimension: Dimension::HsSection, member: "XVI".into(), flow: Flow::Export, value: 2_002_500 }
    );
    let again = Draft::from_content(&c, 3, blank.clone());
    assert_eq!(again.exports, "1234.5");
    assert_eq!(again.base_version, 3);
    assert_eq!(again.to_content(county()).0, c);
    let sent = Submission {
        id: "5e1f0c3a-0000-4000-8000-000000000001".into(),
        owner: county(),
        month: YearMonth::new(2021, 7).unwrap(),
        base_version: 2,
        content: c.clone(),
        explanation: "新订单集中交付".into(),
    };
    let resumed = Draft::from_submission(&sent, 3, blank.clone());
    assert_eq!((resumed.explanation.as_str(), resumed.base_version), ("新订单集中交付", 3));
    assert_eq!(resumed.to_content(county()).0, c);

    let mut typo = blank;
    typo.exports = "12o".into();
    typo.parts[5].value = "5".into();
    let (_, findings) = typo.to_content(county());
    assert_eq!(
        findings,
        vec![
            Finding::new(Field::Exports, Check::NotANumber { text: "12o".into() }),
            Finding::new(Field::Imports, Check::Required),
            Finding::new(Field::Part { index: 5 }, Check::Required),
        ]
    );
    assert_eq!(Draft::in_yi("1,234.5", Lang::Zh).as_deref(), Some("= 0.1235亿元"));
}

#[test]
fn findings_travel_as_flat_json_and_back() {
    let r = check(&content(200, 50), "2021-07");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["findings"][1]["field"], "exports");
    assert_eq!(json["findings"][1]["check"], "growth_beyond");
    assert_eq!(json["findings"][1]["growth_tenths"], 667);
    assert_eq!(serde_json::from_value::<Report>(json).unwrap(), r);
    let part = Finding::new(Field::Part { index: 2 }, Check::DuplicatePart);
    let back: Finding = serde_json::from_str(&serde_json::to_string(&part).unwrap()).unwrap();
    assert_eq!(back, part);
}

#[test]
fn the_form_shows_only_the_typing_finding_of_a_field_typed_wrong() {
    let h = history();
    let ctx = july(&h);
    let mut d = Draft::blank(county(), &[]);
    d.exports = "12a".into();
    let shown = d.check(county(), &ctx);
    assert_eq!(
        shown,
        vec![
            Finding::new(Field::Exports, Check::NotANumber { text: "12a".into() }),
            Finding::new(Field::Imports, Check::Required),
        ],
        "no 同比 of -100% for figures not typed yet, and so no call for an explanation"
    );
    d.exports = "200".into();
    d.imports = "50".into();
    let shown = d.check(county(), &ctx);
    assert_eq!(shown[0], Finding::new(Field::Explanation, Check::ExplanationRequired));
    assert_eq!(shown[1].field, Field::Exports);
}

#[test]
fn an_approved_return_stores_its_totals_and_every_part() {
    use crate::observation::Breakdown;
    let part = |dimension, member: &str, flow, value| Part { dimension, member: member.into(), flow, value };
    let b = |dimension, member: &str| Breakdown { dimension, member: member.into() };
    let mut c = content(100, 50);
    c.parts = vec![
        part(Dimension::TradeMode, "general", Flow::Export, 80 * WAN),
        part(Dimension::TradeMode, "processing", Flow::Export, 20 * WAN),
        part(Dimension::Partner, "US", Flow::Import, 10 * WAN),
    ];
    let got = c.figures(&[]);
    assert_eq!(
        got,
        vec![
            (None, Flow::Export, 100 * WAN),
            (None, Flow::Import, 50 * WAN),
            (Some(b(Dimension::TradeMode, "general")), Flow::Export, 80 * WAN),
            (Some(b(Dimension::TradeMode, "processing")), Flow::Export, 20 * WAN),
            (Some(b(Dimension::Partner, "US")), Flow::Import, 10 * WAN),
        ]
    );
    // A corrected version drops the partner: the earlier part is stored as 0, not left standing.
    c.parts.pop();
    let again =
        c.figures(&[(b(Dimension::Partner, "US"), Flow::Import), (b(Dimension::TradeMode, "general"), Flow::Export)]);
    assert_eq!(again.len(), 5);
    assert!(again.contains(&(Some(b(Dimension::Partner, "US")), Flow::Import, 0)));
    assert!(again.contains(&(Some(b(Dimension::TradeMode, "general")), Flow::Export, 80 * WAN)));
}

#[test]
fn approval_says_when_the_month_is_published() {
    let cases = [
        (1, 12, Lang::Zh, "全市12个县区中已审核1个，齐全后发布"),
        (12, 12, Lang::Zh, "全市12个县区均已审核，本月数据已发布"),
        (11, 12, Lang::En, "11 of 12 counties approved; published once all are"),
    ];
    for (n, of, l, want) in cases {
        assert_eq!(publication_note(n, of, l), want);
    }
}

#[test]
fn the_lock_rule() {
    let entry = |p: &str| HistoryEntry { period: Period::parse(p).unwrap(), exports: Some(1), imports: Some(1) };
    let h = ReturnHistory::from_entries(vec![entry("2021-06"), entry("2022-JF")]);
    let m = |s: &str| YearMonth::parse(s).unwrap();
    use ReturnState::*;
    // (month, latest version's state if filed through waimao, locked)
    let cases = [
        ("2021-06", None, true),             // approved by an import: nothing filed, still locked
        ("2021-06", Some(Reopened), false),  // the bureau reopened it
        ("2021-07", None, false),            // nothing approved yet
        ("2021-07", Some(Submitted), false), // awaiting review: a new version may follow
        ("2021-07", Some(Returned), false),  // sent back for correction
        ("2021-07", Some(Approved), true),   // approved
        ("2022-01", None, true),             // inside an approved 1—2月
        ("2022-02", None, true),
        ("2022-03", None, false),
    ];
    for (month, latest, locked) in cases {
        assert_eq!(h.is_locked(latest, m(month)), locked, "{month} {latest:?}");
    }
}

/// Free texts have a length limit and refuse control characters (NUL from a pasted file, say), each as
/// a blocking finding at its field; new lines and tabs are text.
#[test]
fn free_texts_are_bounded_and_printable() {
    let firm = Owner::Enterprise(3);
    let long = "字".repeat(1_000_000);
    // (comment, explanation, a difficulty's text, the text findings expected)
    type Case<'a> = (&'a str, &'a str, &'a str, Vec<(Field, &'a str)>);
    let cases: [Case; 5] = [
        ("第一行\n第二行\t完", "", "", vec![]),
        (&long, "", "", vec![(Field::Comment, "too_long")]),
        ("", "a\u{0}b", "", vec![(Field::Explanation, "control_characters")]),
        ("", "", "运费\u{7}上涨", vec![(Field::Difficulty { index: 0 }, "control_characters")]),
        ("", &"说".repeat(EXPLANATION_CHARS + 1), "", vec![(Field::Explanation, "too_long")]),
    ];
    for (comment, explanation, difficulty, want) in cases {
        let mut c = ReturnContent {
            comment: comment.into(),
            orders_on_hand: Some(WAN),
            outlook: Some(Outlook::Flat),
            ..content(120, 50)
        };
        if !difficulty.is_empty() {
            c.difficulties = vec![Difficulty { category: DifficultyCategory::Logistics, text: difficulty.into() }];
        }
        let r = check_with(&c, explanation, firm, "2021-07", false);
        let found: Vec<(Field, &str)> =
            checks(&r).into_iter().filter(|(_, n)| ["too_long", "control_characters"].contains(n)).collect();
        assert_eq!(found, want, "{:?}", r.findings);
        assert_eq!(r.is_ok(), want.is_empty() && r.findings.iter().all(|f| f.severity() == Severity::Warning));
    }
}
