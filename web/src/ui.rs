//! The view's state as signals shared through context: language, unit, theme, month, county filter,
//! dimension, chart/table tab and chart styles. It starts from the URL (then remembered preferences) and is written
//! back to the URL on every change, so a reload or a shared link restores the same view.

use leptos::prelude::*;
use waimao_core::chart::Theme;
use waimao_core::view::{FlowChart, Tab, ViewState};
use waimao_core::{Dimension, Lang, RegionCode, Unit, YearMonth};

use crate::prefs;

#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub lang: RwSignal<Lang>,
    pub unit: RwSignal<Unit>,
    pub theme: RwSignal<Theme>,
    pub month: RwSignal<Option<YearMonth>>,
    pub county: RwSignal<Option<RegionCode>>,
    pub dimension: RwSignal<Dimension>,
    pub tab: RwSignal<Tab>,
    pub trend_months: RwSignal<u8>,
    pub flows: RwSignal<FlowChart>,
    /// The city of the published figures, once they are read: the header names its bureau from it, as
    /// the server's first view does, so no city is written in code.
    pub city: RwSignal<Option<waimao_core::region::Region>>,
}

fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

impl Ui {
    /// Reads the URL, falling back to the remembered preferences, and keeps both in step from then on.
    pub fn install() -> Ui {
        let base =
            ViewState { lang: prefs::lang(), unit: prefs::unit(), theme: prefs::theme(), ..ViewState::default() };
        let v = ViewState::from_query(&location_search(), base);
        let ui = Ui {
            lang: RwSignal::new(v.lang),
            unit: RwSignal::new(v.unit),
            theme: RwSignal::new(v.theme),
            month: RwSignal::new(v.month),
            county: RwSignal::new(v.county),
            dimension: RwSignal::new(v.dimension),
            tab: RwSignal::new(v.tab),
            trend_months: RwSignal::new(v.trend_months),
            flows: RwSignal::new(v.flows),
            city: RwSignal::new(None),
        };
        provide_context(ui);
        Effect::new(move |_| {
            let state = ui.state();
            prefs::set_lang(state.lang);
            prefs::set_unit(state.unit);
            prefs::set_theme(state.theme);
            replace_url(&state.to_query());
        });
        ui
    }

    pub fn state(&self) -> ViewState {
        ViewState {
            month: self.month.get(),
            county: self.county.get(),
            dimension: self.dimension.get(),
            unit: self.unit.get(),
            lang: self.lang.get(),
            theme: self.theme.get(),
            tab: self.tab.get(),
            trend_months: self.trend_months.get(),
            flows: self.flows.get(),
        }
    }
}

pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}

/// Replaces the address without a new history entry: switching units should not fill the back button.
fn replace_url(query: &str) {
    let Some(window) = web_sys::window() else { return };
    let path = window.location().pathname().unwrap_or_else(|_| "/".into());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{query}")));
    }
}
