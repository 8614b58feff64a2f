//! Switches in the header and toolbar: language, unit, theme, month and chart/table view.

use leptos::prelude::*;
use waimao_core::chart::Theme;
use waimao_core::view::Tab;
use waimao_core::{Lang, Period, Unit, YearMonth};

use crate::app::unit_text;
use crate::i18n::{t, T};
use crate::ui::use_ui;

#[component]
pub fn LangToggle() -> impl IntoView {
    let lang = use_ui().lang;
    // The button names the language it switches to, in that language.
    view! {
        <button
            type="button"
            class="toggle"
            data-testid="lang-toggle"
            lang=move || if lang.get() == Lang::Zh { "en" } else { "zh-CN" }
            title=move || t(lang.get(), T::Language)
            on:click=move |_| lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })
        >
            {move || if lang.get() == Lang::Zh { "English" } else { "中文" }}
        </button>
    }
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let ui = use_ui();
    let next = |t: Theme| match t {
        Theme::Auto => Theme::Light,
        Theme::Light => Theme::Dark,
        Theme::Dark => Theme::Auto,
    };
    let name = move || {
        let l = ui.lang.get();
        match ui.theme.get() {
            Theme::Auto => t(l, T::ThemeAuto),
            Theme::Light => t(l, T::ThemeLight),
            Theme::Dark => t(l, T::ThemeDark),
        }
    };
    // On a phone the "主题：" prefix is read out but not shown (`.sw-prefix`), so the header's switches
    // fit one row.
    view! {
        <button type="button" class="toggle" data-testid="theme-toggle" on:click=move |_| ui.theme.update(|t| *t = next(*t))>
            <span class="sw-prefix">{move || t(ui.lang.get(), T::Theme)}</span>
            {name}
        </button>
    }
}

#[component]
pub fn UnitToggle() -> impl IntoView {
    let ui = use_ui();
    let choice = move |u: Unit| {
        view! {
            <button
                type="button"
                role="radio"
                data-testid=format!("unit-{}", u.code())
                aria-checked=move || (ui.unit.get() == u).to_string()
                class:active=move || ui.unit.get() == u
                on:click=move |_| ui.unit.set(u)
            >
                {move || unit_text(u, ui.lang.get())}
            </button>
        }
    };
    view! {
        <div class="segmented" role="radiogroup" aria-label=move || t(ui.lang.get(), T::Unit)>
            {choice(Unit::Wan)}
            {choice(Unit::Yi)}
        </div>
    }
}

/// Chart or table for every panel at once: the table view is also the accessible view of the figures.
#[component]
pub fn TabToggle() -> impl IntoView {
    let ui = use_ui();
    let choice = move |tab: Tab, label: T, id: &'static str| {
        view! {
            <button
                type="button"
                role="radio"
                data-testid=id
                aria-checked=move || (ui.tab.get() == tab).to_string()
                class:active=move || ui.tab.get() == tab
                on:click=move |_| ui.tab.set(tab)
            >
                {move || t(ui.lang.get(), label)}
            </button>
        }
    };
    view! {
        <div class="segmented" role="radiogroup" aria-label=move || t(ui.lang.get(), T::ViewAs)>
            {choice(Tab::Chart, T::ChartView, "tab-chart")}
            {choice(Tab::Table, T::TableView, "tab-table")}
        </div>
    }
}

#[component]
pub fn MonthSelect(months: Vec<(YearMonth, Period)>, current: Signal<YearMonth>) -> impl IntoView {
    let ui = use_ui();
    let latest = months.first().map(|m| m.0);
    view! {
        <label class="month-select">
            <span>{move || t(ui.lang.get(), T::Month)}</span>
            <select
                data-testid="month-select"
                on:change=move |ev| {
                    if let Ok(m) = YearMonth::parse(&event_target_value(&ev)) {
                        // The latest month is the default and stays out of the URL, so a shared link
                        // without a month always opens on the newest data.
                        ui.month.set(if Some(m) == latest { None } else { Some(m) });
                    }
                }
            >
                {months
                    .into_iter()
                    .map(|(m, period)| {
                        view! {
                            <option value=m.to_string() selected=move || current.get() == m>
                                {move || period.label(ui.lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
