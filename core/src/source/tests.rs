//! The precedence rule on every combination of sources, the bureau's choice, and the release status.

use super::*;
use crate::amount::Amount;
use crate::flow::Flow;
use crate::period::{Period, YearMonth};
use crate::region::RegionCode;

fn figure(source: Source, value: i64, version: u32) -> Sourced {
    let tag = match source {
        Source::Customs => "import:1".to_string(),
        Source::CountyReturn | Source::EnterpriseReturn => format!("return:{version}"),
        Source::Correction => "correction:1".to_string(),
        Source::Demo => "demo".to_string(),
    };
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
        tag,
        at: "2021-06-10T00:00:00Z".into(),
        by: None,
    }
}

/// The value of each source; the test sets which are present.
fn value_of(source: Source) -> i64 {
    match source {
        Source::Correction => 1,
        Source::Customs => 2,
        Source::CountyReturn => 3,
        Source::EnterpriseReturn => 4,
        Source::Demo => 5,
    }
}

#[test]
fn the_first_source_in_the_precedence_with_a_value_is_published() {
    let precedence = Precedence::builtin();
    assert_eq!(precedence.order()[..3], [Source::Correction, Source::Customs, Source::CountyReturn]);
    // Every non-empty combination of sources: the winner is the present source ranked first.
    for mask in 1u32..(1 << Source::ALL.len()) {
        let present: Vec<Source> =
            Source::ALL.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, s)| s).collect();
        let figures: Vec<Sourced> =
            present.iter().enumerate().map(|(i, s)| figure(*s, value_of(*s), i as u32 + 1)).collect();
        let out = published(&figures, &precedence, &BTreeMap::new());
        let winner = precedence.order().iter().find(|s| present.contains(s)).unwrap();
        assert_eq!(out.len(), 1, "{present:?}");
        assert_eq!(out[0].value.units, value_of(*winner), "{present:?}");
    }
}

#[test]
fn the_precedence_is_a_setting() {
    let county_first =
        Precedence::parse_csv("source,note\ncounty_return,\ncorrection,\ncustoms,\nenterprise_return,\ndemo,\n")
            .unwrap();
    let figures = [figure(Source::Customs, 2, 2), figure(Source::CountyReturn, 3, 1)];
    assert_eq!(published(&figures, &county_first, &BTreeMap::new())[0].value.units, 3);
    assert_eq!(published(&figures, &Precedence::builtin(), &BTreeMap::new())[0].value.units, 2);
    let bad = [
        ("source\ncustoms\nweather\n", "unknown source"),
        ("source\ncustoms\ncustoms\n", "listed twice"),
        ("source\ncustoms\ncorrection\n", "does not list"),
    ];
    for (text, message) in bad {
        let e = Precedence::parse_csv(text).unwrap_err().to_string();
        assert!(e.contains(message), "{text:?}: {e}");
    }
}

#[test]
fn the_bureaus_choice_wins_while_its_source_has_a_value() {
    let precedence = Precedence::builtin();
    let figures = [figure(Source::Customs, 2, 2), figure(Source::CountyReturn, 3, 1)];
    let key = figures[0].observation.key();
    let cases = [
        (Some(Source::CountyReturn), 3),
        (Some(Source::Customs), 2),
        // A choice of a source that has no value for the figure falls back to the precedence.
        (Some(Source::Correction), 2),
        (None, 2),
    ];
    for (choice, expected) in cases {
        let choices: BTreeMap<_, _> = choice.map(|c| (key.clone(), c)).into_iter().collect();
        assert_eq!(published(&figures, &precedence, &choices)[0].value.units, expected, "{choice:?}");
    }
}

#[test]
fn each_source_keeps_its_own_latest_version() {
    // The county revised its return (versions 1 and 3) around a customs import (version 2).
    let figures =
        [figure(Source::CountyReturn, 30, 1), figure(Source::Customs, 20, 2), figure(Source::CountyReturn, 31, 3)];
    let latest = latest_by_source(&figures);
    let values: Vec<(Source, i64)> =
        latest.values().next().unwrap().iter().map(|f| (f.source, f.observation.value.units)).collect();
    assert_eq!(values, [(Source::Customs, 20), (Source::CountyReturn, 31)]);
}

#[test]
fn sources_are_read_from_their_tags() {
    let county = Entity::Region(RegionCode::parse("610302").unwrap());
    let firm = Entity::Enterprise(3);
    let cases = [
        ("import:12", county, Source::Customs),
        ("import:12", firm, Source::Customs),
        ("return:8f0c", county, Source::CountyReturn),
        ("return:8f0c", firm, Source::EnterpriseReturn),
        ("correction:4", county, Source::Correction),
        ("demo", county, Source::Demo),
    ];
    for (tag, entity, source) in cases {
        assert_eq!(Source::of_tag(tag, entity), source, "{tag}");
    }
}

#[test]
fn release_status_follows_the_source() {
    let cases = [
        (None, false, Status::Preliminary),
        (None, true, Status::Revised),
        (Some(Status::Revised), false, Status::Revised),
        (Some(Status::Preliminary), true, Status::Preliminary),
    ];
    for (stated, before, expected) in cases {
        assert_eq!(release_status(stated, before), expected, "{stated:?} {before}");
    }
}
