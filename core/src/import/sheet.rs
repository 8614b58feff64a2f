//! Reading an uploaded file into a [`Grid`]: Excel workbooks (.xlsx, .xls, .ods, by calamine, the first
//! sheet that has data) and CSV or tab-separated text in UTF-8, UTF-16 (Excel's "Unicode text") or
//! GB18030 (what Excel on a Chinese Windows saves as "CSV"). Bytes in, grid out: no file system.
//!
//! Every file is measured before it is held whole: a workbook's entries by the bytes they really
//! inflate to, an .xlsx sheet cell by cell as it streams, an .ods or .xls by walking its structure
//! first ([`super::measure`]), a CSV line by line, against the [`limits`];
//! a file over any of them is refused with the limit in the message, before any large allocation.

use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader, Sheets};
use chrono::{Days, NaiveDate};

use super::cell::{Cell, Grid};
use super::Finding;

/// What one uploaded file may hold. Customs' monthly files have a few hundred rows and a dozen
/// columns; twenty years of every breakdown of every county is some 300,000 rows (10 MB). The README
/// lists these.
pub mod limits {
    /// Data rows (the header's row and those above it not counted).
    pub const ROWS: usize = 500_000;
    /// Columns, counting to the last one that has a value in any row.
    pub const COLUMNS: usize = 100;
    /// Cells held, empty ones between values included (about 32 bytes each).
    pub const CELLS: usize = 4_000_000;
    /// Bytes a workbook's entries inflate to, all together.
    pub const UNPACKED_BYTES: u64 = 64 << 20;
    /// Characters of one line of a CSV file.
    pub const LINE_CHARS: usize = 64 << 10;
}

fn grouped(n: usize) -> String {
    crate::fixed::Fixed::from_int(n as i128).grouped()
}

pub(super) fn too_large(zh: String, en: String) -> Finding {
    Finding::file(format!("文件过大：{zh}"), format!("The file is too large: {en}"))
}

pub(super) fn too_many_rows() -> Finding {
    let n = grouped(limits::ROWS);
    too_large(format!("最多{n}行，请分成几个文件导入"), format!("at most {n} rows; import it in several files"))
}

pub(super) fn too_many_columns() -> Finding {
    let n = limits::COLUMNS;
    too_large(format!("最多{n}列，请删去不需要的列"), format!("at most {n} columns; remove the columns not needed"))
}

pub(super) fn too_many_cells() -> Finding {
    let n = grouped(limits::CELLS);
    too_large(format!("最多{n}个单元格，请分成几个文件导入"), format!("at most {n} cells; import it in several files"))
}

/// Asked every few thousand cells while a file is read: true once nobody waits for the answer (the
/// request timed out or its client went away), and the read stops with [`stopped`].
pub type Stop<'a> = &'a dyn Fn() -> bool;

/// How many cells, lines, records or XML events go by between two questions to the [`Stop`].
const ASK_EVERY: usize = 4096;

pub(super) fn stopped() -> Finding {
    Finding::file("检查已取消：请求已超时或已断开", "The check was stopped: the request timed out or was closed")
}

/// Whether the `i`-th step of a read should stop now.
pub(super) fn should_stop(i: usize, stop: Stop<'_>) -> bool {
    i % ASK_EVERY == 0 && stop()
}

/// Reads `bytes` of a file called `name`.
pub fn read(name: &str, bytes: &[u8]) -> Result<Grid, Finding> {
    read_until(name, bytes, &|| false)
}

/// Reads `bytes` of a file called `name`, stopping early once `stop` says so.
pub fn read_until(name: &str, bytes: &[u8], stop: Stop<'_>) -> Result<Grid, Finding> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Finding::file("文件是空的", "The file is empty"));
    }
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let grid = if zip || ole { unpanicked(|| workbook(bytes, stop))? } else { text_grid(name, bytes, stop)? };
    if grid.rows.len() > limits::ROWS {
        return Err(too_many_rows());
    }
    Ok(grid)
}

fn text_grid(name: &str, bytes: &[u8], stop: Stop<'_>) -> Result<Grid, Finding> {
    let lower = name.to_lowercase();
    if [".xlsx", ".xls", ".xlsm", ".ods"].iter().any(|ext| lower.ends_with(ext)) {
        return Err(Finding::file(
            format!("“{name}”不是有效的Excel文件（文件可能已损坏），请重新导出后上传"),
            format!("{name:?} is not a valid Excel file (it may be damaged); export it again"),
        ));
    }
    csv_text(&decode(bytes), stop)
}

pub(super) fn broken(e: String) -> Finding {
    Finding::file(format!("无法读取Excel文件：{e}"), format!("The Excel file cannot be read: {e}"))
}

/// Runs calamine's part of the work, turning a panic into a finding: calamine 0.38 reads fixed-size
/// fields of .xls records without checking their length, so a damaged file would otherwise panic
/// (found by `damaged_workbooks_never_panic_the_reader`). Everything the closure touches is its own,
/// so nothing is left half-changed by the unwinding.
fn unpanicked(read: impl FnOnce() -> Result<Grid, Finding>) -> Result<Grid, Finding> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(Finding::file(
            "无法读取Excel文件：文件已损坏，请用Excel重新保存后上传",
            "The Excel file cannot be read: it is damaged; save it again in Excel and upload it",
        ))
    })
}

pub(super) fn too_unpacked() -> Finding {
    let mb = limits::UNPACKED_BYTES >> 20;
    too_large(
        format!("解压后超过{mb} MB，请删去不需要的工作表或分成几个文件导入"),
        format!("it unpacks to more than {mb} MB; remove sheets not needed or import it in several files"),
    )
}

/// Inflates every entry of a zip-based workbook (.xlsx, .ods) into nothing, counting the bytes, so a
/// small file that unpacks to gigabytes is refused before calamine reads any of it. The sizes the
/// archive declares are not trusted: only the bytes that come out count.
fn check_unpacked(bytes: &[u8]) -> Result<(), Finding> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(e.to_string()))?;
    let mut left = limits::UNPACKED_BYTES;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| broken(e.to_string()))?;
        let n = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink()).map_err(|e| broken(e.to_string()))?;
        if n > left {
            return Err(too_unpacked());
        }
        left -= n;
    }
    Ok(())
}

fn workbook(bytes: &[u8], stop: Stop<'_>) -> Result<Grid, Finding> {
    if bytes.starts_with(b"PK\x03\x04") {
        check_unpacked(bytes)?;
        super::measure::ods(bytes, stop)?;
    } else {
        super::measure::xls(bytes, stop)?;
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| broken(e.to_string()))?;
    if let Sheets::Xlsx(xlsx) = &mut book {
        return xlsx_grid(xlsx, stop);
    }
    // .xls and .ods have no streaming reader: calamine builds every sheet whole, so `measure` has
    // walked their structure first, and only a workbook within the limits gets here.
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).map_err(|e| broken(e.to_string()))?;
        let Some((start_row, start_col)) = range.start() else { continue };
        let (height, width) = range.get_size();
        if width + start_col as usize > limits::COLUMNS {
            return Err(too_many_columns());
        }
        if height > limits::ROWS + 1 {
            return Err(too_many_rows());
        }
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

/// The first sheet of an .xlsx with data, read cell by cell: each value's position is checked against
/// the limits as it streams, and the grid is allocated only once its size is known to fit.
fn xlsx_grid<R: Read + std::io::Seek>(book: &mut calamine::Xlsx<R>, stop: Stop<'_>) -> Result<Grid, Finding> {
    for sheet in book.sheet_names() {
        let mut reader = book.worksheet_cells_reader(&sheet).map_err(|e| broken(e.to_string()))?;
        let mut values: Vec<(u32, u32, Cell)> = Vec::new();
        let mut seen = 0usize;
        while let Some(c) = reader.next_cell().map_err(|e| broken(e.to_string()))? {
            seen += 1;
            if should_stop(seen, stop) {
                return Err(stopped());
            }
            let value = cell_ref(c.get_value());
            if value.is_empty() {
                continue;
            }
            let (row, col) = c.get_position();
            if col as usize >= limits::COLUMNS {
                return Err(too_many_columns());
            }
            // The header may sit a few rows down; the rows above it are few in any real file.
            if row as usize > limits::ROWS + 100 {
                return Err(too_many_rows());
            }
            if values.len() >= limits::CELLS {
                return Err(too_many_cells());
            }
            values.push((row, col, value));
        }
        drop(reader);
        let Some(first) = values.iter().map(|v| v.0).min() else { continue };
        values.sort_by_key(|v| (v.0, v.1));
        // Each row is as wide as its last value: that is what the grid holds.
        let mut widths: Vec<(u32, u32)> = Vec::new();
        for &(row, col, _) in &values {
            match widths.last_mut() {
                Some((r, w)) if *r == row => *w = (*w).max(col + 1),
                _ => widths.push((row, col + 1)),
            }
        }
        let last = values.iter().map(|v| v.0).max().unwrap_or(first);
        let held: usize = widths.iter().map(|w| w.1 as usize).sum::<usize>() + (last - first) as usize;
        if held > limits::CELLS {
            return Err(too_many_cells());
        }
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); (last - first + 1) as usize];
        for (row, width) in widths {
            rows[(row - first) as usize] = vec![Cell::Empty; width as usize];
        }
        for (row, col, value) in values {
            rows[(row - first) as usize][col as usize] = value;
        }
        if rows.len() > limits::ROWS + 1 {
            return Err(too_many_rows());
        }
        if let Some(grid) = grid(sheet, first + 1, rows) {
            return Ok(grid);
        }
    }
    Err(Finding::file("Excel文件中没有任何数据", "The workbook has no data in any sheet"))
}

fn cell_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::SharedString(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text((*s).to_string())
            }
        }
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.clone())
            }
        }
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            excel_date(dt.as_f64()).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
        DataRef::Error(e) => Cell::Text(format!("#{e}")),
    }
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

fn csv_text(text: &str, stop: Stop<'_>) -> Result<Grid, Finding> {
    // A line longer than any real row (19 MB of commas, say) is refused before the CSV reader would
    // hold a field boundary for each of its cells.
    if text.lines().any(|l| l.len() > limits::LINE_CHARS * 4 || l.chars().count() > limits::LINE_CHARS) {
        let n = grouped(limits::LINE_CHARS);
        return Err(too_large(format!("一行最多{n}个字符"), format!("a line may have at most {n} characters")));
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter =
        [b',', b'\t', b';'].into_iter().max_by_key(|d| first.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut held = 0;
    for (i, record) in reader.records().enumerate() {
        if should_stop(i + 1, stop) {
            return Err(stopped());
        }
        let record = record.map_err(|e| {
            Finding::file(format!("第{}行无法读取：{e}", i + 1), format!("Line {} cannot be read: {e}", i + 1))
        })?;
        // Trailing empty cells are not kept: a row is as wide as its last value.
        let width = (0..record.len()).rev().find(|&i| !record[i].trim().is_empty()).map_or(0, |p| p + 1);
        if width > limits::COLUMNS {
            return Err(too_many_columns());
        }
        if rows.len() > limits::ROWS + 100 {
            return Err(too_many_rows());
        }
        held += width.max(1);
        if held > limits::CELLS {
            return Err(too_many_cells());
        }
        rows.push(
            record
                .iter()
                .take(width)
                .map(|s| if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) })
                .collect(),
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
