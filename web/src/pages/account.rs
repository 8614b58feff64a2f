//! The signed-in user's own account: changing the password (which ends their other sessions).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::ui::use_ui;

#[component]
pub fn Account() -> impl IntoView {
    let ui = use_ui();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let l = ui.lang.get_untracked();
            match api::session::change_password(current.get_untracked(), new.get_untracked()).await {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    message.set(Some((
                        true,
                        l.pick(
                            "密码已修改，其他设备上的登录已退出。",
                            "Password changed; other sessions were signed out.",
                        )
                        .into(),
                    )));
                }
                Err(f) if f.status == 401 && f.message.contains("sign in") => api::go("/login"),
                Err(f) => message.set(Some((false, f.message))),
            }
        });
    };
    view! {
        <section class="panel form-page">
            <h2>{move || ui.lang.get().pick("修改密码", "Change password")}</h2>
            <form on:submit=submit data-testid="password-form">
                <label>
                    <span>{move || ui.lang.get().pick("当前密码", "Current password")}</span>
                    <input type="password" autocomplete="current-password" required
                        prop:value=move || current.get() on:input=move |e| current.set(event_target_value(&e)) />
                </label>
                <label>
                    <span>{move || ui.lang.get().pick("新密码（至少10个字符）", "New password (at least 10 characters)")}</span>
                    <input type="password" autocomplete="new-password" required minlength="10"
                        prop:value=move || new.get() on:input=move |e| new.set(event_target_value(&e)) />
                </label>
                <p class=move || if message.get().is_some_and(|m| m.0) { "form-ok" } else { "form-error" } role="status">
                    {move || message.get().map(|m| m.1)}
                </p>
                <button type="submit" class="primary">{move || ui.lang.get().pick("保存", "Save")}</button>
            </form>
        </section>
    }
}
