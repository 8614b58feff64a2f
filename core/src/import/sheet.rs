//! Reading an uploaded file into a [`Grid`]: Excel workbooks (.xlsx, .xls, .ods, by calamine, the first
//! sheet that has data) and CSV or tab-separated text in UTF-8, UTF-16 (Excel's "Unicode text") or
//! GB18030 (what Excel on a Chinese Windows saves as "CSV"). Bytes in, grid out: no file system.

use std::io::Cursor;

use calamine::{Data, Reader};
use chrono::{Days, NaiveDate};

use super::cell::{Cell, Grid};
use super::Finding;

/// Reads `bytes` of a file called `name`.
pub fn read(name: &str, bytes: &[u8]) -> Result<Grid, Finding> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Finding::file("文件是空的", "The file is empty"));
    }
    let lower = name.to_lowercase();
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if zip || ole {
        return workbook(bytes);
    }
    if [".xlsx", ".xls", ".xlsm", ".ods"].iter().any(|ext| lower.ends_with(ext)) {
        return Err(Finding::file(
            format!("“{name}”不是有效的Excel文件（文件可能已损坏），请重新导出后上传"),
            format!("{name:?} is not a valid Excel file (it may be damaged); export it again"),
        ));
    }
    csv_text(&decode(bytes))
}

fn workbook(bytes: &[u8]) -> Result<Grid, Finding> {
    let broken =
        |e: String| Finding::file(format!("无法读取Excel文件：{e}"), format!("The Excel file cannot be read: {e}"));
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| broken(e.to_string()))?;
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).map_err(|e| broken(e.to_string()))?;
        let Some((start_row, start_col)) = range.start() else { continue };
        let rows: Vec<Vec<Cell>> = range
            .rows()
            .map(|r| {
                let mut cells = vec![Cell::Empty; start_col as usize];
                cells.extend(r.iter().map(cell));
                cells
            })
            .collect();
        if let Some(grid) = grid(sheet, start_row + 1, rows) {
            return Ok(grid);
        }
    }
    Err(Finding::file("Excel文件中没有任何数据", "The workbook has no data in any sheet"))
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => excel_date(dt.as_f64()).map_or(Cell::Number(dt.as_f64()), Cell::Date),
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
    }
}

/// An Excel serial date (days since 1899-12-30 in the 1900 date system) as a calendar date.
fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..3_000_000.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial.floor() as u64))
}

/// The text of a CSV file whatever its encoding: a BOM decides, else UTF-8 if valid, else GB18030.
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

fn csv_text(text: &str) -> Result<Grid, Finding> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter =
        [b',', b'\t', b';'].into_iter().max_by_key(|d| first.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Finding::file(format!("第{}行无法读取：{e}", i + 1), format!("Line {} cannot be read: {e}", i + 1))
        })?;
        rows.push(
            record.iter().map(|s| if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }).collect(),
        );
    }
    grid("CSV".into(), 1, rows).ok_or_else(|| Finding::file("文件是空的", "The file is empty"))
}

/// The grid of `rows` that start at spreadsheet row `first_row`: the first non-empty row is the header.
fn grid(sheet: String, first_row: u32, mut rows: Vec<Vec<Cell>>) -> Option<Grid> {
    let header_index = rows.iter().position(|r| r.iter().any(|c| !c.is_empty()))?;
    let data = rows.split_off(header_index + 1);
    let headers = rows.pop()?.iter().map(|c| c.text()).collect();
    Some(Grid { sheet, headers, header_row: first_row + header_index as u32, rows: data })
}
