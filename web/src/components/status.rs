//! Loading and failure states: the page always says what is happening, never goes blank.

use leptos::prelude::*;

use crate::i18n::{t, T};
use crate::ui::use_ui;

#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_ui().lang;
    view! {
        <div class="status" role="status" aria-live="polite" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            {move || t(lang.get(), T::Loading)}
        </div>
    }
}

#[component]
pub fn Failed(reason: String, on_retry: Callback<()>) -> impl IntoView {
    let lang = use_ui().lang;
    view! {
        <div class="status failed" role="alert" data-testid="load-error">
            <p>{move || t(lang.get(), T::LoadFailed)}</p>
            <p class="reason">{reason}</p>
            <button type="button" data-testid="retry" on:click=move |_| on_retry.run(())>
                {move || t(lang.get(), T::Retry)}
            </button>
        </div>
    }
}
