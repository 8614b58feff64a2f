//! A KPI card: one measure's 当月 and 累计 values with their 同比, coloured by direction.

use leptos::prelude::*;
use waimao_core::dashboard::Kpi;
use waimao_core::indicator::Growth;
use waimao_core::Lang;

use crate::app::{amount_text, unit_text};
use crate::components::sparkline::Sparkline;
use crate::i18n::{t, T};
use crate::ui::use_ui;

/// The class and arrow for a growth figure: colour is never the only cue.
pub fn growth_view(g: Growth, lang: Lang, testid: String) -> impl IntoView {
    let (class, arrow) = g.mark(1);
    view! {
        <span class=format!("growth {class}")>
            <span aria-hidden="true">{arrow}</span>
            <span data-testid=testid>{g.short(1, lang)}</span>
        </span>
    }
}

#[component]
pub fn KpiCard(kpi: Signal<Kpi>, spark: Signal<Vec<Option<i64>>>) -> impl IntoView {
    let ui = use_ui();
    let code = kpi.get_untracked().measure.code();
    let row = move |label: T, ytd: bool| {
        let suffix = if ytd { "ytd" } else { "month" };
        view! {
            <div class="kpi-row">
                <span class="kpi-label">{move || t(ui.lang.get(), label)}</span>
                <span class="kpi-value" data-testid=format!("kpi-{code}-{suffix}")>
                    {move || {
                        let k = kpi.get();
                        amount_text(if ytd { k.ytd } else { k.month }, ui.unit.get())
                    }}
                </span>
                <span class="kpi-unit">{move || unit_text(ui.unit.get(), ui.lang.get())}</span>
                <span class="kpi-yoy">
                    <span class="kpi-yoy-label">{move || t(ui.lang.get(), T::Yoy)}</span>
                    {move || {
                        let k = kpi.get();
                        growth_view(if ytd { k.ytd_yoy } else { k.month_yoy }, ui.lang.get(), format!("kpi-{code}-{suffix}-yoy"))
                    }}
                </span>
            </div>
        }
    };
    view! {
        <article class="kpi" data-testid=format!("kpi-{code}")>
            <div class="kpi-head">
                <h2 data-testid=format!("kpi-{code}-title")>{move || kpi.get().measure.label(ui.lang.get())}</h2>
                <Sparkline values=spark />
            </div>
            {row(T::MonthValue, false)}
            {row(T::Ytd, true)}
        </article>
    }
}
