//! The grid a spreadsheet is read into: a header row and data rows of typed cells, remembering where
//! in the sheet they were so that every finding can name the row the user sees.

use chrono::NaiveDate;

/// One cell as the file holds it. Numbers from Excel are doubles; they are turned into exact amounts
/// through their shortest decimal form (what Excel shows), never summed as floats.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as the preview shows it and as text-based parsers read it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A sheet's header and data rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    /// The sheet's name (an XLSX sheet) or the file's kind ("CSV").
    pub sheet: String,
    pub headers: Vec<String>,
    /// The spreadsheet row number of the header (1-based); data row `i` is row `header_row + 1 + i`.
    pub header_row: u32,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// The spreadsheet row number of data row `index`.
    pub fn row_number(&self, index: usize) -> u32 {
        self.header_row + 1 + index as u32
    }

    /// Column `index` as a finding names it: its letter and header, "E（金额）".
    pub fn column_name(&self, index: usize) -> String {
        let header = self.headers.get(index).map(String::as_str).unwrap_or("");
        format!("{}（{header}）", column_letter(index))
    }

    /// The cell at `row`, `column`; a short row reads as empty cells.
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(column)).unwrap_or(&Cell::Empty)
    }
}

/// The spreadsheet's letter for a zero-based column: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}
