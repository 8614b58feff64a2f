//! Switches in the header and toolbar: language, unit and month.

use leptos::prelude::*;
use waimao_core::{Lang, Unit, YearMonth};

use crate::app::unit_text;
use crate::i18n::{t, T};

#[component]
pub fn LangToggle(lang: RwSignal<Lang>) -> impl IntoView {
    // The button names the language it switches to, in that language.
    view! {
        <button
            type="button"
            class="toggle"
            data-testid="lang-toggle"
            aria-label=move || t(lang.get(), T::Language)
            on:click=move |_| lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })
        >
            {move || if lang.get() == Lang::Zh { "English" } else { "中文" }}
        </button>
    }
}

#[component]
pub fn UnitToggle(unit: RwSignal<Unit>, lang: RwSignal<Lang>) -> impl IntoView {
    let choice = move |u: Unit| {
        view! {
            <button
                type="button"
                role="radio"
                data-testid=format!("unit-{}", u.code())
                aria-checked=move || (unit.get() == u).to_string()
                class:active=move || unit.get() == u
                on:click=move |_| unit.set(u)
            >
                {move || unit_text(u, lang.get())}
            </button>
        }
    };
    view! {
        <div class="segmented" role="radiogroup" aria-label=move || t(lang.get(), T::Unit)>
            {choice(Unit::Wan)}
            {choice(Unit::Yi)}
        </div>
    }
}

#[component]
pub fn MonthSelect(months: Vec<YearMonth>, month: RwSignal<YearMonth>, lang: RwSignal<Lang>) -> impl IntoView {
    view! {
        <label class="month-select">
            <span>{move || t(lang.get(), T::Month)}</span>
            <select
                data-testid="month-select"
                on:change=move |ev| {
                    if let Ok(m) = YearMonth::parse(&event_target_value(&ev)) {
                        month.set(m);
                    }
                }
            >
                {months
                    .into_iter()
                    .map(|m| {
                        view! {
                            <option value=m.to_string() selected=move || month.get() == m>
                                {move || m.label(lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
