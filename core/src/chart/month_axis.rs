//! The labels under a time axis of months, for every chart that has one (the dashboard's trend and
//! flows charts, the embed widgets): which months get a label and what it says, so that no two
//! labels overlap at the chart's width and every label is in the reader's language.
//!
//! Labels fall on calendar months (every month, every second, every quarter, …, every January), the
//! first label and every January carry the year ("2021年1月", "Jan 2021") and the others are short
//! ("4月", "Apr"). The widest spacing that still fits is not sought; the first step from the finest
//! at which every pair of neighbours clears is taken.

use crate::period::YearMonth;
use crate::Lang;

/// Steps in months between labels, finest first; each divides a year, so labels fall on the same
/// months every year.
const STEPS: [u32; 6] = [1, 2, 3, 4, 6, 12];

/// The room left between two neighbouring labels, in font sizes.
const GAP: f64 = 1.0;

/// A label's width in the chart's units, estimated from its characters at font size `font`: wide
/// for CJK, narrower for Latin letters and digits. It errs wide, so an estimate that fits is a label
/// that fits.
pub fn label_width(text: &str, font: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            ' ' => 0.3,
            '0'..='9' => 0.58,
            c if c.is_ascii() => 0.62,
            _ => 1.0,
        })
        .sum::<f64>()
        * font
}

fn text(month: YearMonth, with_year: bool, lang: Lang) -> String {
    match (lang, with_year) {
        (_, true) => month.label(lang),
        (Lang::Zh, false) => format!("{}月", month.month()),
        (Lang::En, false) => month.label(lang).split(' ').next().unwrap_or_default().to_string(),
    }
}

/// The labels of `months` (consecutive, oldest first) drawn `spacing` apart at font size `font`:
/// `(index, text)` for each month that gets one.
pub fn month_ticks(months: &[YearMonth], spacing: f64, font: f64, lang: Lang) -> Vec<(usize, String)> {
    let Some(first) = months.first() else { return Vec::new() };
    let labelled = |keep: &dyn Fn(YearMonth) -> bool| -> Vec<(usize, String)> {
        let mut out: Vec<(usize, String)> = Vec::new();
        for (i, m) in months.iter().enumerate().filter(|(_, m)| keep(**m)) {
            out.push((i, text(*m, out.is_empty() || m.month() == 1, lang)));
        }
        if out.is_empty() {
            out.push((0, text(*first, true, lang)));
        }
        out
    };
    let fits = |ticks: &[(usize, String)]| {
        ticks.windows(2).all(|w| {
            let room = (w[1].0 - w[0].0) as f64 * spacing;
            room >= (label_width(&w[0].1, font) + label_width(&w[1].1, font)) / 2.0 + GAP * font
        })
    };
    for step in STEPS {
        let ticks = labelled(&|m| (m.month() - 1) % step == 0);
        if fits(&ticks) {
            return ticks;
        }
    }
    // Januaries only, every second, fifth, tenth … year: a very long span on a narrow chart.
    let mut years = 2;
    loop {
        let ticks = labelled(&|m| m.month() == 1 && (m.year() - first.year()).rem_euclid(years) == 0);
        if fits(&ticks) || ticks.len() <= 1 {
            return ticks;
        }
        years = if years == 2 { 5 } else { years * 2 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(from: (i32, u32), n: usize) -> Vec<YearMonth> {
        let first = YearMonth::new(from.0, from.1).unwrap();
        (0..n as i64).map(|i| first.add_months(i)).collect()
    }

    fn texts(ticks: &[(usize, String)]) -> Vec<&str> {
        ticks.iter().map(|t| t.1.as_str()).collect()
    }

    #[test]
    fn labels_fall_on_calendar_months_with_the_year_where_it_changes() {
        // (first month, months, spacing, font, language, the labels).
        type Case = ((i32, u32), usize, f64, f64, Lang, Vec<&'static str>);
        let cases: Vec<Case> = vec![
            // Wide: every month; the first and January carry the year.
            ((2020, 11), 4, 200.0, 12.0, Lang::Zh, vec!["2020年11月", "12月", "2021年1月", "2月"]),
            ((2020, 11), 4, 200.0, 12.0, Lang::En, vec!["Nov 2020", "Dec", "Jan 2021", "Feb"]),
            // The dashboard's two years at desktop width: quarters in Chinese, whose year labels are
            // wider, every second month in English; never "2021年1月" beside "2月".
            (
                (2019, 7),
                24,
                26.0,
                12.0,
                Lang::Zh,
                vec!["2019年7月", "10月", "2020年1月", "4月", "7月", "10月", "2021年1月", "4月"],
            ),
            (
                (2019, 7),
                24,
                26.0,
                12.0,
                Lang::En,
                vec!["Jul 2019", "Sep", "Nov", "Jan 2020", "Mar", "May", "Jul", "Sep", "Nov", "Jan 2021", "Mar", "May"],
            ),
            // Narrow: half-years, then Januaries.
            ((2019, 7), 24, 13.0, 12.0, Lang::Zh, vec!["2019年7月", "2020年1月", "7月", "2021年1月"]),
            ((2019, 7), 24, 6.0, 12.0, Lang::Zh, vec!["2020年1月", "2021年1月"]),
            // Ten years on a phone: every second year.
            ((2012, 1), 120, 5.0, 19.0, Lang::En, vec!["Jan 2012", "Jan 2014", "Jan 2016", "Jan 2018", "Jan 2020"]),
        ];
        for (from, n, spacing, font, lang, want) in cases {
            let got = month_ticks(&months(from, n), spacing, font, lang);
            assert_eq!(texts(&got), want, "{from:?} {n} months at {spacing} apart, {lang:?}");
        }
    }

    #[test]
    fn no_two_labels_overlap_at_any_width() {
        for n in [1usize, 2, 7, 13, 24, 36, 61, 120] {
            for from in [(2019, 1), (2019, 2), (2020, 12)] {
                for spacing in [1.0, 3.0, 8.0, 15.0, 26.0, 40.0, 90.0] {
                    for lang in [Lang::Zh, Lang::En] {
                        let ticks = month_ticks(&months(from, n), spacing, 12.0, lang);
                        assert!(!ticks.is_empty());
                        assert!(ticks.windows(2).all(|w| w[0].0 < w[1].0));
                        let clear = ticks.windows(2).all(|w| {
                            let room = (w[1].0 - w[0].0) as f64 * spacing;
                            room >= (label_width(&w[0].1, 12.0) + label_width(&w[1].1, 12.0)) / 2.0
                        });
                        // One label alone always fits; more than one must clear each other.
                        assert!(ticks.len() == 1 || clear, "{n} from {from:?} at {spacing}: {ticks:?}");
                    }
                }
            }
        }
    }
}
