//! The briefing's horizontal bars, drawn once here as SVG text: the web briefing puts it in the page,
//! and any other place that shows a briefing (a server page, a document) can use the same drawing.
//! The bars are the table's first figure column as shown (亿元 text), so a bar never says more than
//! the number written beside it.

use std::fmt::Write;

use super::{coord, Table};
use crate::embed::escape;

/// Bars drawn at most: the top of a ranking, as the table beside it has them all.
pub const MAX_BARS: usize = 12;
const ROW: f64 = 22.0;
const WIDTH: f64 = 640.0;
/// Room right of the longest bar for its value.
const VALUE_ROOM: f64 = 70.0;

/// The bars of `table`'s second column (its first figure) for the rows where it is a number, under
/// the accessible name `title`; `None` when no row has one.
pub fn bars_svg(table: &Table, title: &str) -> Option<String> {
    let rows: Vec<(&str, f64, &str)> = table
        .rows
        .iter()
        .filter_map(|r| {
            let text = r.get(1)?;
            let v: f64 = text.replace(',', "").parse().ok()?;
            Some((r.first()?.as_str(), v, text.as_str()))
        })
        .take(MAX_BARS)
        .collect();
    if rows.is_empty() {
        return None;
    }
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE);
    // Room for the longest label: about 12 units a Chinese character, 6.5 a Latin one, 150 to 320.
    let widest = rows
        .iter()
        .map(|r| r.0.chars().map(|c| if c.is_ascii() { 6.5 } else { 12.0 }).sum::<f64>())
        .fold(0.0_f64, f64::max);
    let label_w = (widest + 12.0).clamp(150.0, 320.0);
    let height = rows.len() as f64 * ROW + 8.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"briefing-chart\" viewBox=\"0 0 {} {}\" role=\"img\" \
         aria-label=\"{t}\" data-testid=\"briefing-chart\"><title>{t}</title>",
        coord(WIDTH),
        coord(height),
        t = escape(title)
    );
    for (i, (name, v, text)) in rows.into_iter().enumerate() {
        let y = i as f64 * ROW + 4.0;
        // A negative figure (a balance) draws no bar, only its value.
        let w = ((WIDTH - label_w - VALUE_ROOM) * v / max).max(0.5);
        let _ = write!(
            out,
            "<g><text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"bar-label\">{}</text>\
             <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"bar\"/>\
             <text x=\"{}\" y=\"{}\" class=\"bar-value\">{}</text></g>",
            coord(label_w - 6.0),
            coord(y + 14.0),
            escape(name),
            coord(label_w),
            coord(y + 3.0),
            coord(w),
            coord(ROW - 8.0),
            coord(label_w + w + 4.0),
            coord(y + 14.0),
            escape(text),
        );
    }
    out.push_str("</svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[(&str, &str)]) -> Table {
        Table {
            headers: vec!["县区".into(), "累计（亿元）".into()],
            rows: rows.iter().map(|(a, b)| vec![a.to_string(), b.to_string()]).collect(),
        }
    }

    /// The `width` attributes of the bars, in order.
    fn widths(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .map(|r| r.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap())
            .collect()
    }

    #[test]
    fn bars_are_the_tables_figures_to_scale() {
        // (rows, bar widths): the longest bar is the largest figure; the plot is 640 − label − 70 wide.
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a [f64]);
        let cases: [Case; 4] = [
            (&[("渭滨区", "5.98"), ("金台区", "2.99")], &[420.0, 210.0]),
            (&[("A", "1,000"), ("B", "250")], &[420.0, 105.0]),
            // Text that is not a figure has no bar; a zero keeps a hairline so its row still shows.
            (&[("合计", "—"), ("A", "0"), ("B", "2")], &[0.5, 420.0]),
            (&[("差额", "-1.5"), ("A", "3")], &[0.5, 420.0]),
        ];
        for (rows, want) in cases {
            let svg = bars_svg(&table(rows), "各县区").unwrap();
            assert_eq!(widths(&svg), want, "{rows:?}");
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        }
        assert_eq!(bars_svg(&table(&[("合计", "—")]), "t"), None);
    }

    #[test]
    fn long_tables_and_names_are_bounded_and_escaped() {
        let rows: Vec<(String, String)> = (0..20).map(|i| (format!("County <{i}>"), format!("{}", 20 - i))).collect();
        let refs: Vec<(&str, &str)> = rows.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let svg = bars_svg(&table(&refs), "A & B").unwrap();
        assert_eq!(svg.matches("class=\"bar\"").count(), MAX_BARS);
        assert!(svg.contains("County &lt;0&gt;") && svg.contains("aria-label=\"A &amp; B\""));
        // The label column grows with the longest name, within its bounds.
        let wide = bars_svg(&table(&[(&"长".repeat(40), "1")]), "t").unwrap();
        assert!(wide.contains("<rect x=\"320.0\""), "{wide}");
    }
}
