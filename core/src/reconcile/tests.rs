//! Reconciliation lines and flags on hand-made figures of two sources.

use super::*;
use crate::observation::Observation;
use crate::region::RegionCode;

fn figure(source: Source, value: i64, version: u32) -> Sourced {
    Sourced {
        observation: Observation {
            entity: Entity::Region(RegionCode::parse("610302").unwrap()),
            period: Period::Month(YearMonth::new(2021, 5).unwrap()),
            flow: Flow::Export,
            breakdown: None,
            value: Amount::cny(value),
            status: Status::Preliminary,
            version,
        },
        source,
        tag: "x".into(),
        at: "2021-06-10T00:00:00Z".into(),
        by: None,
    }
}

#[test]
fn differences_beyond_the_threshold_are_flagged() {
    // (published, other, threshold %, flagged)
    let cases = [
        (100, 105, 5, false),
        (100, 106, 5, true),
        (100, 95, 5, false),
        (100, 94, 5, true),
        (0, 0, 5, false),
        (0, 1, 5, true),
        (1_000_000, 1_070_000, 5, true),
        (1_000_000, 1_070_000, 10, false),
    ];
    for (p, o, t, flagged) in cases {
        assert_eq!(is_flagged(p, o, t), flagged, "{p} vs {o} at {t}%");
    }
}

#[test]
fn a_line_shows_both_sources_and_the_difference() {
    let month = YearMonth::new(2021, 5).unwrap();
    // Customs 1,000万元, the county's return 7% higher.
    let figures = [figure(Source::CountyReturn, 10_700_000_000 / 1000, 1), figure(Source::Customs, 10_000_000, 2)];
    let names = |_| ("渭滨区".to_string(), "Weibin".to_string());
    let lines = lines(&figures, month, &Precedence::builtin(), &BTreeMap::new(), DEFAULT_THRESHOLD_PCT, names);
    assert_eq!(lines.len(), 1);
    let l = &lines[0];
    assert_eq!(l.entity, "region:610302");
    assert_eq!(
        l.values.iter().map(|v| (v.source, v.value)).collect::<Vec<_>>(),
        [(Source::Customs, 10_000_000), (Source::CountyReturn, 10_700_000)]
    );
    assert_eq!((l.published, l.compared, l.difference), (Source::Customs, Some(Source::CountyReturn), Some(700_000)));
    assert_eq!(
        (l.difference_wan.as_deref(), l.difference_pct.as_deref(), l.flagged),
        (Some("+70.00"), Some("+7.0"), true)
    );
    // The bureau accepts the county's figure: it is published, and the customs figure is compared.
    let choice = Choice {
        source: Some(Source::CountyReturn),
        explanation: "海关数据含外地企业".into(),
        by: "admin".into(),
        at: "t".into(),
    };
    let choices = BTreeMap::from([(l.key().unwrap(), choice.clone())]);
    let after = super::lines(&figures, month, &Precedence::builtin(), &choices, DEFAULT_THRESHOLD_PCT, names);
    assert_eq!(
        (after[0].published, after[0].compared, after[0].difference_pct.as_deref()),
        (Source::CountyReturn, Some(Source::Customs), Some("-6.5"))
    );
    assert_eq!(after[0].choice, Some(choice));
    // Another month has no lines.
    assert!(super::lines(
        &figures,
        YearMonth::new(2021, 6).unwrap(),
        &Precedence::builtin(),
        &BTreeMap::new(),
        5,
        names
    )
    .is_empty());
}

#[test]
fn a_choice_needs_a_reason_and_a_source_with_a_value() {
    let request = |source: Option<Source>, explanation: &str| ChoiceRequest {
        entity: "region:610302".into(),
        period: Period::Month(YearMonth::new(2021, 5).unwrap()),
        flow: Flow::Export,
        dimension: None,
        member: None,
        source,
        explanation: explanation.into(),
        correction: None,
    };
    let corrected = |source: Option<Source>, value: i64| ChoiceRequest {
        correction: Some(value),
        ..request(source, "海关更正")
    };
    let candidates = [Source::Customs, Source::CountyReturn];
    let cases: [(ChoiceRequest, Option<&str>); 11] = [
        (corrected(None, 1_234_500), None),
        (corrected(Some(Source::Correction), 0), None),
        (corrected(Some(Source::Customs), 1), Some("来源只能是“局修正”")),
        (corrected(None, -1), Some("不小于0")),
        (ChoiceRequest { explanation: " ".into(), ..corrected(None, 1) }, Some("请写明理由")),
        (request(Some(Source::CountyReturn), "县区数含新设企业"), None),
        (request(None, "差异已核实，按规则"), None),
        (request(Some(Source::CountyReturn), "  "), Some("请写明理由")),
        (request(Some(Source::Correction), "x"), Some("没有该数据项的数值")),
        (request(None, &"长".repeat(MAX_EXPLANATION + 1)), Some("最多")),
        (request(None, "a\u{0}b"), Some("控制字符")),
    ];
    for (r, error) in cases {
        match (r.check(&candidates), error) {
            (Ok(()), None) => {}
            (Err((zh, _)), Some(e)) => assert!(zh.contains(e), "{zh}"),
            (got, want) => panic!("{:?}: got {got:?}, want {want:?}", r.explanation),
        }
    }
    let key = request(None, "x").key().unwrap();
    let o = corrected(None, 1_234_500).corrected(&key, 3).unwrap();
    assert_eq!((o.value.units, o.version, o.status, o.key()), (1_234_500, 3, Status::Revised, key.clone()));
    assert_eq!(corrected(None, 1).accepted(), Some(Source::Correction));
    assert_eq!(request(Some(Source::Customs), "x").accepted(), Some(Source::Customs));
    assert!(request(None, "x").corrected(&key, 1).is_none());
    for (text, want) in [
        ("1,234.5", Ok(12_345_000)),
        (" 0 ", Ok(0)),
        ("0.00001", Err(())),
        ("-3", Err(())),
        ("", Err(())),
        ("一百", Err(())),
    ] {
        assert_eq!(parse_correction(text).map_err(|_| ()), want, "{text:?}");
    }
    assert!(ChoiceRequest { entity: "city:1".into(), ..request(None, "x") }.key().is_none());
}

#[test]
fn a_figures_history_lists_every_version_and_the_one_in_force() {
    let figures =
        [figure(Source::CountyReturn, 100, 1), figure(Source::Customs, 90, 2), figure(Source::CountyReturn, 110, 3)];
    let key = figures[0].observation.key();
    let h = history(&figures, &key, &Precedence::builtin(), None);
    let got: Vec<(u32, Source, i64, Option<u32>, bool)> =
        h.versions.iter().map(|v| (v.version, v.source, v.value, v.replaces, v.in_force)).collect();
    assert_eq!(
        got,
        [
            (3, Source::CountyReturn, 110, Some(1), false),
            (2, Source::Customs, 90, None, true),
            (1, Source::CountyReturn, 100, None, false)
        ]
    );
    let choice = Choice { source: Some(Source::CountyReturn), explanation: "x".into(), by: "a".into(), at: "t".into() };
    let h = history(&figures, &key, &Precedence::builtin(), Some(&choice));
    assert!(h.versions[0].in_force && !h.versions[1].in_force);
}

#[test]
fn a_figures_query_is_read_back_as_the_key_it_was_written_from() {
    let key = |entity: &str, period: &str, flow: Flow, b: Option<(Dimension, &str)>| FigureKey {
        entity: Entity::parse(entity).unwrap(),
        period: Period::parse(period).unwrap(),
        flow,
        breakdown: b.map(|(dimension, m)| Breakdown { dimension, member: m.into() }),
    };
    let round_trips = [
        key("region:610302", "2021-05", Flow::Export, None),
        key("enterprise:3", "2021-JF", Flow::Import, None),
        key("region:610302", "2021-05", Flow::Export, Some((Dimension::Partner, "US"))),
        key("region:610302", "2021-05", Flow::Export, Some((Dimension::HsSection, "机电 & 高新"))),
    ];
    for k in round_trips {
        let path = history_path(&k);
        let query: std::collections::HashMap<String, String> = path
            .split_once('?')
            .unwrap()
            .1
            .split('&')
            .map(|kv| {
                let (a, b) = kv.split_once('=').unwrap();
                (a.to_string(), percent_decode(b))
            })
            .collect();
        let got = parse_history_query(
            &query["entity"],
            &query["period"],
            &query["flow"],
            query.get("dimension").map(String::as_str),
            query.get("member").cloned(),
        );
        assert_eq!(got, Ok(k), "{path}");
    }
    // entity, period, flow, dimension, member, and the field named as wrong.
    type Refused<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>, &'a str);
    let refused: [Refused; 7] = [
        ("county:610302", "2021-05", "export", None, None, "entity"),
        ("region:610302", "2021-Q1", "export", None, None, "period"),
        ("region:610302", "2021", "export", None, None, "period"),
        ("region:610302", "2021-05", "both", None, None, "flow"),
        ("region:610302", "2021-05", "export", Some("colour"), Some("red"), "dimension"),
        ("region:610302", "2021-05", "export", Some("partner"), None, "dimension/member"),
        ("region:610302", "2021-05", "export", None, Some("US"), "dimension/member"),
    ];
    for (e, p, f, d, m, field) in refused {
        assert_eq!(parse_history_query(e, p, f, d, m.map(String::from)), Err(field), "{e} {p} {f} {d:?} {m:?}");
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_figures_page_names_the_entity_and_period_as_the_api_reads_them() {
    let cases = [
        (Entity::Region(RegionCode::parse("610302").unwrap()), Period::Month(YearMonth::new(2021, 5).unwrap())),
        (Entity::Region(RegionCode::parse("610303").unwrap()), Period::JanFeb(2022)),
    ];
    for (entity, period) in cases {
        let path = figures_page_path(entity, period);
        let query = path.strip_prefix("/figures?").unwrap();
        let field = |name: &str| {
            query.split('&').find_map(|kv| kv.strip_prefix(name).and_then(|v| v.strip_prefix('='))).unwrap().to_string()
        };
        let key = parse_history_query(&field("entity"), &field("period"), "export", None, None).unwrap();
        assert_eq!((key.entity, key.period), (entity, period), "{path}");
    }
}
