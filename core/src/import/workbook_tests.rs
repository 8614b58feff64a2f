//! Tests of .ods and .xls workbooks, good and hostile, each built here byte by byte (no binary is
//! committed): the hostile ones are refused by `measure` before calamine would build their sheets.

use std::io::{Cursor, Write};

use proptest::prelude::*;

use super::sheet::{self, limits};

/// An .ods file whose only sheet holds `rows` (the XML of its `table:table-row` elements).
fn ods(rows: &str) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", deflate).unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#,
    )
    .unwrap();
    zip.start_file("content.xml", deflate).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Sheet1">
<table:table-column table:number-columns-repeated="2"/>
{rows}
</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

fn text_cell(s: &str) -> String {
    format!(r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#)
}

fn number_cell(n: i64, columns: u64) -> String {
    format!(
        r#"<table:table-cell table:number-columns-repeated="{columns}" office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
    )
}

/// The header and one row of figures, as every good file here begins.
fn ods_header() -> String {
    format!("<table:table-row>{}{}</table:table-row>", text_cell("期间"), text_cell("金额"))
}

/// The records of an .xls workbook (BIFF8) in a compound file, as Excel 97–2003 saves it: the
/// globals list `listings` sheets, all at the one sheet written after them.
fn xls(sheet_records: &[(u16, Vec<u8>)], listings: usize, offset_shift: u32) -> Vec<u8> {
    compound(&biff_stream(sheet_records, listings, offset_shift))
}

/// A compound file holding `stream` as its workbook.
fn compound(stream: &[u8]) -> Vec<u8> {
    // Version 3 (512-byte sectors), as Excel writes it.
    let mut file = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    file.create_stream("/Workbook").unwrap().write_all(stream).unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

fn biff_stream(sheet_records: &[(u16, Vec<u8>)], listings: usize, offset_shift: u32) -> Vec<u8> {
    fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
        out.extend(typ.to_le_bytes());
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
    }
    let bof = |dt: u16| [&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0u8; 12]].concat();
    let bound_sheet = |pos: u32, i: usize| {
        let name = format!("S{i}");
        [&pos.to_le_bytes()[..], &[0, 0, name.len() as u8, 0], name.as_bytes()].concat()
    };
    // The globals' length does not depend on the offsets, so measure it once with a placeholder.
    let globals = |pos: u32| {
        let mut out = Vec::new();
        record(&mut out, 0x0809, &bof(0x0005));
        for i in 0..listings {
            record(&mut out, 0x0085, &bound_sheet(pos, i));
        }
        record(&mut out, 0x000A, &[]);
        out
    };
    let pos = globals(0).len() as u32 + offset_shift;
    let mut stream = globals(pos);
    record(&mut stream, 0x0809, &bof(0x0010));
    for (typ, data) in sheet_records {
        record(&mut stream, *typ, data);
    }
    record(&mut stream, 0x000A, &[]);
    stream
}

fn label(row: u16, col: u16, s: &str) -> (u16, Vec<u8>) {
    let chars: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let head =
        [row.to_le_bytes(), col.to_le_bytes(), 0u16.to_le_bytes(), (s.encode_utf16().count() as u16).to_le_bytes()];
    (0x0204, [&head.concat()[..], &[1u8], &chars].concat())
}

fn number(row: u16, col: u16, n: f64) -> (u16, Vec<u8>) {
    (0x0203, [&row.to_le_bytes()[..], &col.to_le_bytes(), &0u16.to_le_bytes(), &n.to_le_bytes()].concat())
}

fn dimensions(first_row: u32, last_row_plus_1: u32, first_col: u16, last_col_plus_1: u16) -> (u16, Vec<u8>) {
    let data = [
        &first_row.to_le_bytes()[..],
        &last_row_plus_1.to_le_bytes(),
        &first_col.to_le_bytes(),
        &last_col_plus_1.to_le_bytes(),
        &[0, 0],
    ]
    .concat();
    (0x0200, data)
}

fn xls_header() -> Vec<(u16, Vec<u8>)> {
    vec![label(0, 0, "期间"), label(0, 1, "金额")]
}

/// Good workbooks in both formats read through calamine, the LibreOffice habit of repeating empty
/// cells and rows to the sheet's edge included: the walk counts only cells that hold something.
#[test]
fn good_ods_and_xls_files_are_read() {
    let edge = r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#;
    let rows = format!(
        r#"{}<table:table-row>{}{}<table:table-cell table:number-columns-repeated="16382"/></table:table-row>{edge}"#,
        ods_header(),
        text_cell("2021-07"),
        number_cell(12, 1)
    );
    let grid = sheet::read("good.ods", &ods(&rows)).unwrap();
    assert_eq!(grid.headers, ["期间", "金额"]);
    assert_eq!(grid.rows.len(), 1);

    let mut records = xls_header();
    records.extend([label(1, 0, "2021-07"), number(1, 1, 12.0)]);
    records.insert(0, dimensions(0, 2, 0, 2));
    let grid = sheet::read("good.xls", &xls(&records, 1, 0)).unwrap();
    assert_eq!(grid.headers, ["期间", "金额"]);
    assert_eq!(grid.rows.len(), 1);
}

/// Files of a few kilobytes that would make calamine build sheets of billions of cells, or read
/// past its stream, are refused with the limit they break (or as broken) before calamine runs.
#[test]
fn hostile_ods_and_xls_files_are_refused_before_calamine_builds_them() {
    let repeated = |rows: u64, columns: u64| {
        format!(
            r#"{}<table:table-row table:number-rows-repeated="{rows}">{}</table:table-row>"#,
            ods_header(),
            number_cell(7, columns)
        )
    };
    let with_header = |mut records: Vec<(u16, Vec<u8>)>| {
        records.splice(0..0, xls_header());
        records
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        // One value repeated over the whole sheet: calamine would expand it to 100 million cells.
        ("whole.ods", ods(&repeated(1_048_576, 16_384)), "最多100列"),
        ("tall.ods", ods(&repeated(1_000_000, 2)), "最多500,000行"),
        ("many.ods", ods(&repeated(100_000, 90)), "最多4,000,000个单元格"),
        // A2 and IV65536: calamine would hold the 16.7 million cells between them.
        ("corner.xls", xls(&with_header(vec![number(65_535, 255, 1.0)]), 1, 0), "最多100列"),
        // One sheet of 65,536 × 61 cells fits; listed twice, calamine builds it twice.
        ("twice.xls", xls(&with_header(vec![number(65_535, 60, 1.0)]), 2, 0), "最多4,000,000个单元格"),
        // A declared range calamine reserves room for before it reads a cell.
        ("declared.xls", xls(&with_header(vec![dimensions(0, 1_048_576, 0, 256)]), 1, 0), "最多4,000,000个单元格"),
    ];
    for (name, bytes, says) in cases {
        assert!(bytes.len() < 64 << 10, "{name} is small: {} bytes", bytes.len());
        let f = sheet::read(name, &bytes).err().unwrap_or_else(|| panic!("{name} was read"));
        assert!(f.zh.starts_with("文件过大：") && f.zh.contains(says), "{name}: {}", f.zh);
        assert!(f.en.starts_with("The file is too large"), "{name}: {}", f.en);
    }
    let broken: Vec<(&str, Vec<u8>)> = vec![
        // Dimensions ending before they begin: calamine would count round to four billion rows.
        ("inverted.xls", xls(&with_header(vec![dimensions(10, 5, 0, 2)]), 1, 0)),
        // A sheet listed past the end of the stream: calamine would slice out of bounds.
        ("offset.xls", xls(&xls_header(), 1, 1 << 20)),
        (
            "repeat.ods",
            ods(r#"<table:table-row table:number-rows-repeated="-1"><table:table-cell/></table:table-row>"#),
        ),
    ];
    for (name, bytes) in broken {
        let f = sheet::read(name, &bytes).err().unwrap_or_else(|| panic!("{name} was read"));
        assert!(f.zh.starts_with("无法读取Excel文件"), "{name}: {}", f.zh);
    }
    // The limits named are the ones in force.
    assert_eq!((limits::COLUMNS, limits::ROWS, limits::CELLS), (100, 500_000, 4_000_000));
}

proptest! {
    #![proptest_config(crate::fuzz::config())]

    /// A good workbook with a few of its bytes overwritten, where calamine's own parsers work (the
    /// BIFF records of an .xls, the XML of an .ods): whatever comes of it, nothing panics.
    #[test]
    fn damaged_workbooks_never_panic_the_reader(
        hits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        rows in 1u16..40,
    ) {
        let mut records = xls_header();
        records.insert(0, dimensions(0, u32::from(rows) + 1, 0, 2));
        for r in 1..=rows {
            records.push(label(r, 0, "2021-07"));
            records.push(number(r, 1, f64::from(r)));
        }
        let mut stream = biff_stream(&records, 2, 0);
        for (at, byte) in &hits {
            let i = at.index(stream.len());
            stream[i] = *byte;
        }
        let _ = sheet::read("f.xls", &compound(&stream));

        let body = (0..rows).map(|r| format!("<table:table-row>{}{}</table:table-row>", text_cell("2021-07"), number_cell(i64::from(r), 1))).collect::<String>();
        let mut xml = format!("{}{body}", ods_header()).into_bytes();
        for (at, byte) in &hits {
            let i = at.index(xml.len());
            xml[i] = *byte;
        }
        let _ = sheet::read("f.ods", &ods(&String::from_utf8_lossy(&xml)));
    }
}

/// A read asked to stop (its request timed out or was closed) stops within the file, in each
/// format's own loop, and says why.
#[test]
fn a_read_stops_within_the_file_once_nobody_waits() {
    let rows = 5_000u16;
    let csv = format!("期间,金额\n{}", "2021-07,1\n".repeat(usize::from(rows)));
    let body: String = (0..rows)
        .map(|r| format!("<table:table-row>{}{}</table:table-row>", text_cell("2021-07"), number_cell(i64::from(r), 1)))
        .collect();
    let mut records = xls_header();
    records.extend((1..=rows).map(|r| number(r, 1, 1.0)));
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for r in 0..u32::from(rows) {
        ws.write_number(r, 0, 1.0).unwrap();
    }
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("f.csv", csv.into_bytes()),
        ("f.ods", ods(&format!("{}{body}", ods_header()))),
        ("f.xls", xls(&records, 1, 0)),
        ("f.xlsx", book.save_to_buffer().unwrap()),
    ];
    for (name, bytes) in files {
        let read = sheet::read(name, &bytes);
        assert!(read.is_ok(), "{name} reads when nobody stops it: {:?}", read.err());
        let asked = std::cell::Cell::new(0);
        let stop = || {
            asked.set(asked.get() + 1);
            true
        };
        let f = sheet::read_until(name, &bytes, &stop).err().unwrap_or_else(|| panic!("{name} was read"));
        assert!(f.zh.starts_with("检查已取消"), "{name}: {}", f.zh);
        assert_eq!(asked.get(), 1, "{name}: stopped at the first question");
    }
}

/// Writes the hostile files of these tests into `$WAIMAO_HOSTILE_DIR`, for measuring the server's
/// peak memory on them by hand (README, "Hostile files"): `cargo test -p waimao-core --lib
/// hostile_files_to_disk -- --ignored`.
#[test]
#[ignore = "writes files for a manual measurement"]
fn hostile_files_to_disk() {
    let dir = std::path::PathBuf::from(std::env::var("WAIMAO_HOSTILE_DIR").expect("WAIMAO_HOSTILE_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let repeated = |rows: u64, columns: u64| {
        format!(
            r#"{}<table:table-row table:number-rows-repeated="{rows}">{}</table:table-row>"#,
            ods_header(),
            number_cell(7, columns)
        )
    };
    let mut corner = xls_header();
    corner.push(number(65_535, 255, 1.0));
    let mut twice = xls_header();
    twice.push(number(65_535, 60, 1.0));
    let mut declared = xls_header();
    declared.push(dimensions(0, 1_048_576, 0, 256));
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "期间").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("whole.ods", ods(&repeated(1_048_576, 16_384))),
        ("many.ods", ods(&repeated(100_000, 90))),
        ("corner.xls", xls(&corner, 1, 0)),
        ("twice.xls", xls(&twice, 2, 0)),
        ("declared.xls", xls(&declared, 1, 0)),
        ("bomb.xlsx", book.save_to_buffer().unwrap()),
        ("commas.csv", vec![b','; 19 << 20]),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}
