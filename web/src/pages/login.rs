//! Sign-in: name and password; on success the user goes to their own page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::ui::use_ui;

#[component]
pub fn Login() -> impl IntoView {
    let ui = use_ui();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::session::sign_in(name.get_untracked(), password.get_untracked()).await {
                Ok(me) => api::go(&api::home_of(&me)),
                Err(f) => {
                    error.set(Some(f.message));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <section class="panel form-page">
            <h2>{move || ui.lang.get().pick("登录", "Sign in")}</h2>
            <form on:submit=submit data-testid="login-form">
                <label>
                    <span>{move || ui.lang.get().pick("用户名", "Name")}</span>
                    <input type="text" name="username" autocomplete="username" required data-testid="login-name"
                        prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e)) />
                </label>
                <label>
                    <span>{move || ui.lang.get().pick("密码", "Password")}</span>
                    <input type="password" name="password" autocomplete="current-password" required data-testid="login-password"
                        prop:value=move || password.get() on:input=move |e| password.set(event_target_value(&e)) />
                </label>
                <p class="form-error" role="alert" data-testid="login-error">{move || error.get()}</p>
                <button type="submit" class="primary" disabled=move || busy.get() data-testid="login-submit">
                    {move || ui.lang.get().pick("登录", "Sign in")}
                </button>
            </form>
        </section>
    }
}
