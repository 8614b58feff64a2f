//! Property tests of every parser that reads what people and files send: the spreadsheet reader, the
//! CSV path, the import's row check, amounts, periods, credit codes and typed sign-in names. Whatever
//! the input, nothing panics, and what is read back means what was written. They run in the ordinary
//! suite for a bounded number of cases; a long session (see the README):
//! `PROPTEST_CASES=100000 cargo test -p waimao-core --lib -- fuzz damaged`.

use proptest::prelude::*;

use crate::amount::{Amount, Currency, Unit};
use crate::import::{read_figures, sheet, Mapping};
use crate::period::Period;

/// 256 cases a test in the suite; `PROPTEST_CASES` sets another number for a long run. (Setting
/// `cases` here would override the variable, which proptest reads into its default.)
pub(crate) fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_some() {
        default
    } else {
        ProptestConfig { cases: 256, ..default }
    }
}

/// Text that looks like a customs CSV: known headers, then rows of cells drawn from plausible and
/// hostile pieces.
fn csv_like() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        Just(String::new()),
        Just("2021-07".to_string()),
        Just("2021年1—2月".to_string()),
        Just("610302".to_string()),
        Just("渭滨区".to_string()),
        Just("出口".to_string()),
        Just("贸易方式".to_string()),
        Just("一般贸易".to_string()),
        Just("\"1,234.5\"".to_string()),
        "[0-9]{1,20}(\\.[0-9]{0,8})?",
        "\\PC{0,12}",
        Just("\"unterminated".to_string()),
    ];
    let row = prop::collection::vec(cell, 0..10).prop_map(|cells| cells.join(","));
    prop::collection::vec(row, 0..30)
        .prop_map(|rows| format!("期间,县区,进出口,分类维度,项目,金额（万元）,数据状态\n{}", rows.join("\n")))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_sheet_reader_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2_000), ext in prop::sample::select(vec!["csv", "xlsx", "xls", "ods", "txt"])) {
        let _ = sheet::read(&format!("f.{ext}"), &bytes);
        // The same bytes behind a zip's or an OLE file's signature take the workbook path.
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&bytes);
        let _ = sheet::read("f.xlsx", &zip);
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0];
        ole.extend_from_slice(&bytes);
        let _ = sheet::read("f.xls", &ole);
    }

    #[test]
    fn the_row_check_never_panics_and_names_rows_that_exist(text in csv_like()) {
        let (regions, classes) = crate::demo::tests::baoji();
        let Ok(grid) = sheet::read("f.csv", text.as_bytes()) else { return Ok(()) };
        let mapping = Mapping::suggest(&grid.headers, None);
        let last_row = grid.row_number(grid.rows.len().saturating_sub(1)).max(grid.header_row);
        match read_figures(&grid, &mapping, &regions, &classes, &[]) {
            Ok(figures) => prop_assert!(figures.iter().all(|f| f.row > grid.header_row && f.row <= last_row)),
            Err(report) => {
                prop_assert!(report.total >= report.findings.len() && !report.findings.is_empty());
                prop_assert!(report.findings.iter().all(|f| f.row.is_none_or(|r| r <= last_row)));
            }
        }
    }

    #[test]
    fn amounts_parse_or_refuse_and_read_back_exactly(text in "\\PC{0,30}", units in -1_000_000_000_000i64..1_000_000_000_000) {
        for unit in [Unit::One, Unit::Wan, Unit::Yi] {
            let _ = Amount::parse_in(&text, unit, Currency::Cny);
            // A value written with all the decimals its unit needs reads back to the same whole 元.
            let written = Amount::cny(units).in_unit(unit, unit.exact_decimals()).to_string();
            prop_assert_eq!(Amount::parse_in(&written, unit, Currency::Cny).map(|a| a.units), Ok(units), "{}", written);
        }
    }

    #[test]
    fn periods_and_credit_codes_never_panic(text in "\\PC{0,24}") {
        if let Ok(p) = Period::parse(&text) {
            prop_assert_eq!(Period::parse(&p.to_string()), Ok(p));
        }
        if let Ok(code) = crate::uscc::Uscc::parse(&text) {
            prop_assert_eq!(code.as_str().len(), 18);
        }
        let name = crate::throttle::normalise(&text);
        prop_assert!(name.chars().count() <= crate::throttle::NAME_CHARS && !name.chars().any(char::is_control));
    }

    // Short texts of any characters reach the byte-length branches (`202103`), where a multi-byte
    // character once split a string off its character boundaries (schemathesis found it in the month
    // of `GET /api/reconcile`).
    #[test]
    fn short_texts_never_panic_the_period_parsers(text in "\\PC{1,6}") {
        if let Ok(m) = crate::period::YearMonth::parse(&text) {
            prop_assert_eq!(crate::period::YearMonth::parse(&m.to_string()), Ok(m));
        }
        let _ = Period::parse(&text);
        let _ = crate::reconcile::parse_history_query(&text, &text, &text, Some(&text), Some(text.clone()));
    }
}
