//! Measuring an .ods or .xls workbook before calamine reads it. calamine has no streaming reader for
//! these: on opening it builds every sheet whole, as a rectangle from the first value to the last,
//! so a file of a few hundred bytes that names a far cell (or repeats one value across a whole
//! sheet) would ask for gigabytes. Here the same structure is walked without holding any cell, and
//! a workbook whose sheets would together exceed the [`limits`](super::sheet::limits) is refused.
//!
//! Each walk mirrors what calamine 0.38 builds, erring on the side of counting more: for .ods, a
//! cell counts when it has a value, a formula or any content, with its column and row repeats; for
//! .xls, every cell record of every sheet the workbook lists (a sheet listed twice counts twice), and
//! each sheet's declared dimensions, which calamine reserves room for.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::sheet::{
    broken, limits, should_stop, stopped, too_many_cells, too_many_columns, too_many_rows, too_unpacked, Stop,
};
use super::Finding;

/// The rectangle one sheet's values span, in zero-based rows and columns.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Extent {
    span: Option<(u64, u64, u64, u64)>,
}

impl Extent {
    /// Takes in the cells `first_col..=last_col` of rows `first_row..=last_row`.
    fn cover(&mut self, first_row: u64, last_row: u64, first_col: u64, last_col: u64) {
        self.span = Some(match self.span {
            None => (first_row, last_row, first_col, last_col),
            Some((r0, r1, c0, c1)) => (r0.min(first_row), r1.max(last_row), c0.min(first_col), c1.max(last_col)),
        });
    }
}

/// The cells the sheets measured so far hold together, against the limits.
#[derive(Debug, Default)]
struct Tally {
    cells: u64,
}

impl Tally {
    /// Adds one sheet's rectangle, refusing it when it is too wide, too long or too many cells.
    fn add(&mut self, extent: Extent) -> Result<(), Finding> {
        let Some((r0, r1, c0, c1)) = extent.span else { return Ok(()) };
        if c1 >= limits::COLUMNS as u64 {
            return Err(too_many_columns());
        }
        // The header may sit a few rows down, as in the .xlsx reader.
        if r1 > (limits::ROWS + 100) as u64 {
            return Err(too_many_rows());
        }
        self.cells = self.cells.saturating_add((r1 - r0 + 1).saturating_mul(c1 - c0 + 1));
        if self.cells > limits::CELLS as u64 {
            return Err(too_many_cells());
        }
        Ok(())
    }
}

/// Measures the sheets of an .ods file's `content.xml`, streaming it.
pub(super) fn ods(bytes: &[u8], stop: Stop<'_>) -> Result<(), Finding> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(e.to_string()))?;
    let Ok(content) = archive.by_name("content.xml") else {
        // Not an OpenDocument file (an .xlsx, say): calamine decides what it is.
        return Ok(());
    };
    ods_content(BufReader::new(content), stop)
}

/// The walk over `content.xml`: rows and cells with their repeats, counting only the cells that hold
/// something, as calamine drops empty trailing cells and rows.
fn ods_content<R: std::io::BufRead>(content: R, stop: Stop<'_>) -> Result<(), Finding> {
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut tally = Tally::default();
    let mut sheet = Extent::default();
    // Position in the current sheet, and the current row's repeat count and span of values.
    let (mut row, mut col, mut row_repeats) = (0u64, 0u64, 1u64);
    let mut row_cols: Option<(u64, u64)> = None;
    // Depth inside a cell: a cell's content (text, or even a nested table) is not the sheet's.
    let mut in_cell = 0usize;
    for events in 1usize.. {
        if should_stop(events, stop) {
            return Err(stopped());
        }
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(|e| broken(e.to_string()))?;
        let (e, opens) = match event {
            Event::Eof => break,
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) => {
                if in_cell > 0 {
                    in_cell -= 1;
                } else if e.name().into_inner() == "table:table-row" {
                    if let Some((first, last)) = row_cols.take() {
                        sheet.cover(row, row.saturating_add(row_repeats - 1), first, last);
                    }
                    row = row.saturating_add(row_repeats);
                } else if e.name().into_inner() == "table:table" {
                    tally.add(std::mem::take(&mut sheet))?;
                }
                continue;
            }
            _ => continue,
        };
        if in_cell > 0 {
            in_cell += usize::from(opens);
            continue;
        }
        match e.name().into_inner() {
            "table:table-cell" | "table:covered-table-cell" => {
                let repeats = repeat(&e, "table:number-columns-repeated")?;
                let valued = opens || has(&e, "office:value-type") || has(&e, "table:formula");
                if valued {
                    let last = col.saturating_add(repeats - 1);
                    row_cols = Some(row_cols.map_or((col, last), |(first, _)| (first.min(col), last)));
                }
                col = col.saturating_add(repeats);
                in_cell = usize::from(opens);
            }
            "table:table-row" => {
                row_repeats = repeat(&e, "table:number-rows-repeated")?;
                col = 0;
                row_cols = None;
                if !opens {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table:table" if opens => {
                sheet = Extent::default();
                row = 0;
            }
            _ => {}
        }
    }
    tally.add(sheet)
}

fn has(e: &BytesStart<'_>, name: &str) -> bool {
    e.attributes().flatten().any(|a| a.key.into_inner() == name)
}

/// A repeat count: absent is 1, a number of any size counts (saturating), anything else is broken.
fn repeat(e: &BytesStart<'_>, name: &str) -> Result<u64, Finding> {
    let Some(attr) = e.attributes().flatten().find(|a| a.key.into_inner() == name) else { return Ok(1) };
    let digits = attr.value.as_bytes();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        let shown: String = attr.value.chars().take(20).collect();
        return Err(broken(format!("repeat count {shown:?}")));
    }
    let n = digits.iter().fold(0u64, |n, d| n.saturating_mul(10).saturating_add(u64::from(d - b'0')));
    Ok(n.max(1))
}

/// Measures every sheet an .xls workbook lists, in every workbook stream of the compound file.
pub(super) fn xls(bytes: &[u8], stop: Stop<'_>) -> Result<(), Finding> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| broken(e.to_string()))?;
    // calamine takes the first entry called "Workbook" (BIFF8) or "Book" (BIFF5) wherever it is in
    // the file's tree; measuring all of them covers whichever it picks.
    let streams: Vec<std::path::PathBuf> = file
        .walk()
        .filter(|e| e.is_stream() && ["workbook", "book"].iter().any(|n| e.name().eq_ignore_ascii_case(n)))
        .map(|e| e.path().to_path_buf())
        .collect();
    let mut tally = Tally::default();
    for path in streams {
        let stream = file.open_stream(&path).map_err(|e| broken(e.to_string()))?;
        let mut data = Vec::new();
        // The stream's length comes from the file; a chain of sectors cannot make it longer than the
        // unpacked limit here.
        stream.take(limits::UNPACKED_BYTES + 1).read_to_end(&mut data).map_err(|e| broken(e.to_string()))?;
        if data.len() as u64 > limits::UNPACKED_BYTES {
            return Err(too_unpacked());
        }
        biff(&data, &mut tally, stop)?;
    }
    Ok(())
}

/// One BIFF record: its type and its data, as far as the stream holds it.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        if rest.len() < 4 {
            return None;
        }
        let typ = u16::from_le_bytes([rest[0], rest[1]]);
        let len = usize::from(u16::from_le_bytes([rest[2], rest[3]]));
        let end = (4 + len).min(rest.len());
        let data = &rest[4..end];
        rest = &rest[end..];
        Some((typ, data))
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes(data.get(at..at + 2)?.try_into().ok()?)))
}

fn u32_at(data: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?)))
}

/// The globals' list of sheets (BoundSheet8 records, each the offset of its sheet's records), then
/// each listed sheet as calamine reads it: from its offset to its end, nested substreams (embedded
/// charts) included, which only counts more.
fn biff(stream: &[u8], tally: &mut Tally, stop: Stop<'_>) -> Result<(), Finding> {
    let mut offsets = Vec::new();
    for (typ, data) in records(stream) {
        match typ {
            0x0085 => offsets.extend(u32_at(data, 0)),
            0x000A => break,
            _ => {}
        }
    }
    // Each listed sheet is walked from its offset: a file listing one long sheet many times would
    // make this walk long, so the bytes walked are held to the unpacked limit too.
    let mut walked = 0u64;
    for offset in offsets {
        let Some(sheet) = stream.get(offset as usize..) else {
            return Err(broken(format!("sheet offset {offset} is past the end of the workbook")));
        };
        let (mut cells, mut formulas) = (Extent::default(), Extent::default());
        let mut depth = 0usize;
        let mut seen_bof = false;
        for (i, (typ, data)) in records(sheet).enumerate() {
            if should_stop(i + 1, stop) {
                return Err(stopped());
            }
            walked += 4 + data.len() as u64;
            if walked > limits::UNPACKED_BYTES {
                return Err(too_unpacked());
            }
            let at = |data: &[u8]| Some((u16_at(data, 0)?, u16_at(data, 2)?));
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A if depth == 0 => break,
                0x000A => depth -= 1,
                // Dimensions: calamine reserves room for the declared range before reading a cell.
                // Formatted blank cells may widen it beyond the values, so only its size counts.
                0x0200 => {
                    if let Some((r0, r1, c0, c1)) = dimensions(data)? {
                        if (r1 - r0 + 1).saturating_mul(c1 - c0 + 1) > limits::CELLS as u64 {
                            return Err(too_many_cells());
                        }
                    }
                }
                // Number, Label, RString, BoolErr, Rk, LabelSst: a row and a column first.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                    if let Some((row, col)) = at(data) {
                        cells.cover(row, row, col, col);
                    }
                }
                // Formula: a value in the cells and a formula in calamine's second range.
                0x0006 => {
                    if let Some((row, col)) = at(data) {
                        cells.cover(row, row, col, col);
                        formulas.cover(row, row, col, col);
                    }
                }
                // MulRk: a row, the first column and, in the last two bytes, the last.
                0x00BD => {
                    if let (Some((row, first)), Some(last)) =
                        (at(data), data.len().checked_sub(2).and_then(|at| u16_at(data, at)))
                    {
                        if last < first {
                            return Err(broken(format!("row {row} has its last column before its first")));
                        }
                        cells.cover(row, row, first, last);
                    }
                }
                _ => {}
            }
        }
        tally.add(cells)?;
        tally.add(formulas)?;
    }
    Ok(())
}

/// A Dimensions record as calamine reads it: (first row, last row, first column, last column), or
/// none when it declares nothing; one whose last row comes before its first is refused (calamine
/// would count it round to four billion rows).
fn dimensions(data: &[u8]) -> Result<Option<(u64, u64, u64, u64)>, Finding> {
    let read = match data.len() {
        10 => (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4), u16_at(data, 6)),
        14 | 16 => (u32_at(data, 0), u32_at(data, 4), u16_at(data, 8), u16_at(data, 10)),
        // calamine refuses the file.
        _ => return Ok(None),
    };
    let (Some(r0), Some(rl), Some(mut c0), Some(cl)) = read else { return Ok(None) };
    if c0 > 0xFF || cl < c0 {
        c0 = 0;
    }
    if rl == 0 || cl == 0 {
        return Ok(None);
    }
    if rl - 1 < r0 {
        return Err(broken(format!("the sheet's dimensions end at row {rl} before they begin at row {r0}")));
    }
    Ok(Some((r0, rl - 1, c0, cl - 1)))
}
