//! Keyboard movement inside a chart, shared by every chart: arrows step between data points, Home and
//! End jump to the ends, Page Up and Down move a twentieth of the way, Escape leaves.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// Where a key press moves the active point of a chart with `n` points; `None` for keys charts leave
/// alone. Entering with a step key starts from the last point, the latest month.
fn next(key: &str, current: Option<usize>, n: usize) -> Option<Option<usize>> {
    let last = n.checked_sub(1)?;
    let page = n.div_ceil(20).max(1);
    let to = match key {
        "ArrowRight" | "ArrowUp" => current.map_or(last, |i| (i + 1).min(last)),
        "ArrowLeft" | "ArrowDown" => current.map_or(last, |i| i.saturating_sub(1)),
        "PageUp" => current.map_or(last, |i| (i + page).min(last)),
        "PageDown" => current.map_or(last, |i| i.saturating_sub(page)),
        "Home" => 0,
        "End" => last,
        "Escape" => return Some(None),
        _ => return None,
    };
    Some(Some(to))
}

/// Moves `active` for a key press on a chart of `n` points, keeping the page from scrolling when the
/// key was the chart's.
pub fn on_chart_key(e: &KeyboardEvent, active: RwSignal<Option<usize>>, n: usize) {
    if let Some(to) = chart_key(e, active.get_untracked(), n) {
        active.set(to);
    }
}

/// The point a key press moves to from `current` (`Some(None)`: leave the chart), for charts that
/// keep their active point outside the reactive graph; the page does not scroll for the chart's keys.
pub fn chart_key(e: &KeyboardEvent, current: Option<usize>, n: usize) -> Option<Option<usize>> {
    let to = next(&e.key(), current, n)?;
    e.prevent_default();
    Some(to)
}

#[cfg(test)]
mod tests {
    use super::next;

    #[test]
    fn keys_move_within_the_chart() {
        let cases = [
            ("ArrowRight", None, Some(Some(9))),
            ("ArrowRight", Some(3), Some(Some(4))),
            ("ArrowRight", Some(9), Some(Some(9))),
            ("ArrowLeft", Some(0), Some(Some(0))),
            ("ArrowDown", Some(5), Some(Some(4))),
            ("Home", Some(5), Some(Some(0))),
            ("End", None, Some(Some(9))),
            ("PageUp", Some(0), Some(Some(1))),
            ("Escape", Some(5), Some(None)),
            ("a", Some(5), None),
        ];
        for (key, current, want) in cases {
            assert_eq!(next(key, current, 10), want, "{key} from {current:?}");
        }
        assert_eq!(next("ArrowRight", None, 0), None);
    }
}
