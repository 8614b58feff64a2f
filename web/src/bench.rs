//! The entry point `cargo xtask bench` times the line chart through: `bench_line(xs, ys)`, exported
//! from the wasm module (Trunk puts it at `window.wasmBindings`), draws one series with the
//! dashboard's own `LineChart` in `<div id="bench">`, replacing any earlier one. Pages opened with
//! `?bench` do not mount the dashboard, so nothing else competes for the main thread.

use std::any::Any;
use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::chart::{fixed, series_colour, tick_text, ticks};
use wasm_bindgen::prelude::*;

use waimao_web::components::line::{Line, LineChart, LineData};

thread_local! {
    /// The mounted chart; dropping the handle unmounts it.
    static MOUNTED: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

/// Whether the page was opened as the bench page.
pub fn is_bench_page() -> bool {
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    query.trim_start_matches('?').split('&').any(|pair| pair == "bench" || pair.starts_with("bench="))
}

#[wasm_bindgen]
pub fn bench_line(xs: Vec<f64>, ys: Vec<f64>) -> Result<(), JsValue> {
    MOUNTED.with(|m| m.borrow_mut().take());
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let host = match doc.get_element_by_id("bench") {
        Some(host) => host,
        None => {
            let host = doc.create_element("div")?;
            host.set_id("bench");
            // The chart is drawn at its own size, 720 × 300 CSS pixels, as uPlot's is in the bench.
            host.unchecked_ref::<web_sys::HtmlElement>().style().set_property("width", "720px")?;
            doc.body().ok_or("no body")?.append_child(&host)?;
            host
        }
    };
    let (x0, x1) = (xs.first().copied().unwrap_or(0.0), xs.last().copied().unwrap_or(1.0));
    let x_ticks = ticks(x0, x1, 6, false);
    let decimals = x_ticks.decimals();
    let data = Arc::new(LineData {
        x_ticks: x_ticks
            .values
            .iter()
            .filter(|x| (x0..=x1).contains(*x))
            .map(|x| (*x, tick_text(*x, decimals)))
            .collect(),
        lines: vec![Line { name: "y".into(), ys, colour: series_colour(0, false) }],
        xs,
    });
    let for_tip = Arc::clone(&data);
    let tooltip = Callback::new(move |i: usize| {
        vec![format!("x {}", fixed(for_tip.xs[i], 0)), format!("y {}", fixed(for_tip.lines[0].ys[i], 2))]
    });
    let handle = leptos::mount::mount_to(host.unchecked_into(), move || {
        view! {
            <LineChart
                data=data
                area=false
                tooltip=tooltip
                title="bench"
                summary=""
                keys_hint=""
                y_unit=""
                testid="bench-line"
            />
        }
    });
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
    Ok(())
}
