//! The month labels under the dashboard's time axes, from core's one rule (`chart::month_ticks`) at
//! the font size the page draws axis text in.

use waimao_core::chart::month_ticks;
use waimao_core::{Lang, YearMonth};

/// The axis text's size in the charts' own units, as `style.css` sets it: 12 on a wide screen, 19 on
/// a phone (where the 720-unit chart shrinks to the screen's width).
fn axis_font() -> f64 {
    let narrow =
        web_sys::window().and_then(|w| w.match_media("(max-width: 640px)").ok().flatten()).is_some_and(|q| q.matches());
    if narrow {
        19.0
    } else {
        12.0
    }
}

/// Which of `months` (drawn `spacing` apart) get a label, and what each says.
pub fn month_labels(months: &[YearMonth], spacing: f64, lang: Lang) -> Vec<Option<String>> {
    let mut out = vec![None; months.len()];
    for (i, text) in month_ticks(months, spacing, axis_font(), lang) {
        out[i] = Some(text);
    }
    out
}
