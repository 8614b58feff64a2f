//! Loading and failure states: the page always says what is happening, never goes blank.

use leptos::prelude::*;
use waimao_core::Lang;

use crate::i18n::{t, T};

#[component]
pub fn Loading(lang: RwSignal<Lang>) -> impl IntoView {
    view! {
        <div class="status" role="status" aria-live="polite" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            {move || t(lang.get(), T::Loading)}
        </div>
    }
}

#[component]
pub fn Failed(lang: RwSignal<Lang>, reason: String, on_retry: Callback<()>) -> impl IntoView {
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
