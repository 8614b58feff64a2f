//! The table behind every chart: what the table view shows and what the CSV download contains, so the
//! download holds exactly the numbers on screen.

use serde::{Deserialize, Serialize};

/// Column headers and rows of already formatted cells.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// RFC 4180 CSV with CRLF line ends and a UTF-8 byte-order mark, which Excel needs to read Chinese.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            let cells: Vec<String> = row.iter().map(|c| quote(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// Whether `cell` reads as a negative decimal number such as `-1.5`, `-3` or `-.5`: a minus, digits, and
/// at most one point. The cells are figures the app formatted itself, so exponents and `inf` never occur;
/// checking characters instead of parsing an `f64` keeps the float parser out of the browser bundle.
fn is_negative_number(cell: &str) -> bool {
    let Some(rest) = cell.strip_prefix('-') else { return false };
    let (int, frac) = rest.split_once('.').unwrap_or((rest, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(int.is_empty() && frac.is_empty()) && digits(int) && digits(frac)
}

fn quote(cell: &str) -> String {
    // A leading = + - @ would make a spreadsheet run the cell as a formula; negative numbers stay as they are.
    let risky = cell.starts_with(['=', '+', '@']) || (cell.starts_with('-') && !is_negative_number(cell));
    let cell = if risky { format!("'{cell}") } else { cell.to_string() };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_quoted_csv_with_bom() {
        let t = Table {
            headers: vec!["县区".into(), "累计（亿元）".into()],
            rows: vec![
                vec!["渭滨区".into(), "5.63".into()],
                vec!["A, \"B\"".into(), "-1.5".into()],
                vec!["=cmd()".into(), "-x".into()],
            ],
        };
        for n in ["-1.5", "-3", "-.5", "-0.25"] {
            assert!(is_negative_number(n), "{n}");
        }
        for n in ["-", "-.", "-x", "-1.2.3", "-1,5", "-1-2", "-=1"] {
            assert!(!is_negative_number(n), "{n}");
        }
        assert_eq!(t.to_csv(), "\u{feff}县区,累计（亿元）\r\n渭滨区,5.63\r\n\"A, \"\"B\"\"\",-1.5\r\n'=cmd(),'-x\r\n");
    }
}
