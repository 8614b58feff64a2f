//! Tables as Excel workbooks: Chinese headers in bold, frozen, and cells that read as numbers written
//! as numbers with a matching format (thousands separators, the decimals shown, percentages), so a
//! spreadsheet user can sum and sort them.

use rust_xlsxwriter::{Format, Workbook};
use waimao_core::chart::Table;

use crate::error::AppError;

/// The number a formatted cell shows, with its Excel format: "1,234.5" → 1234.5 "#,##0.0";
/// "8.1%" → 0.081 "0.0%". Anything else (names, dates, "—", "新增") stays text.
fn number(cell: &str) -> Option<(f64, String)> {
    let (text, percent) = match cell.strip_suffix('%') {
        Some(t) => (t, true),
        None => (cell, false),
    };
    let plain: String = text.chars().filter(|&c| c != ',').collect();
    let body = plain.strip_prefix('-').unwrap_or(&plain);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Codes such as a USCC or a phone number are digits but not amounts: a leading zero or 12+ digits.
    if !percent && (int.len() >= 12 || (int.len() > 1 && int.starts_with('0'))) {
        return None;
    }
    let value: f64 = plain.parse().ok()?;
    let decimals = if frac.is_empty() { String::new() } else { format!(".{}", "0".repeat(frac.len())) };
    if percent {
        Some((value / 100.0, format!("0{decimals}%")))
    } else {
        let grouped = if text.contains(',') || int.len() > 3 { "#,##0" } else { "0" };
        Some((value, format!("{grouped}{decimals}")))
    }
}

/// The workbook's bytes: one sheet named `sheet`.
pub fn workbook(table: &Table, sheet: &str) -> Result<Vec<u8>, AppError> {
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).map_err(fail)?;
    let bold = Format::new().set_bold();
    for (c, h) in table.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold).map_err(fail)?;
        ws.set_column_width(c as u16, (h.chars().count() as f64 * 2.2).max(10.0)).map_err(fail)?;
    }
    ws.set_freeze_panes(1, 0).map_err(fail)?;
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match number(cell) {
                Some((v, f)) => {
                    ws.write_number_with_format(r, c, v, &Format::new().set_num_format(&f)).map_err(fail)?
                }
                None => ws.write_string(r, c, cell).map_err(fail)?,
            };
        }
    }
    book.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_keep_their_shown_precision_and_codes_stay_text() {
        assert_eq!(number("1,234.5"), Some((1234.5, "#,##0.0".into())));
        assert_eq!(number("40"), Some((40.0, "0".into())));
        assert_eq!(number("-3.25%"), Some((-0.0325, "0.00%".into())));
        for text in ["—", "新增", "2026-11-27", "91350100M000100Y43", "0917", "123456789012", "", "1.2.3"] {
            assert_eq!(number(text), None, "{text}");
        }
    }
}
