//! "A new version is available": the page compares the build it runs with the build the server now
//! serves (each index page names its content-hashed script), when the reader comes back to the tab and
//! every quarter of an hour, and offers a reload. Nothing reloads by itself: a half-filled form stays.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

/// How often an open page looks for a new build, besides whenever it becomes visible again.
const EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// The content-hashed script an index page preloads: its build's name.
pub fn build_of(html: &str) -> Option<&str> {
    let at = html.find("rel=\"modulepreload\" href=\"")? + "rel=\"modulepreload\" href=\"".len();
    html[at..].split('"').next()
}

/// The build this page runs, read from its own preload link.
fn running() -> Option<String> {
    let link = web_sys::window()?.document()?.query_selector("link[rel=modulepreload]").ok()??;
    link.get_attribute("href")
}

/// Whether the server's index page for this bundle names another build.
async fn newer(own: &str) -> bool {
    let index = if own.starts_with("/app/") { "/app/index.html" } else { "/index.html" };
    let Ok(resp) = gloo_net::http::Request::get(index).send().await else { return false };
    // Offline, the service worker's kept copy is the running build; an error page names none.
    if !resp.ok() || resp.headers().get("x-waimao-offline").is_some() {
        return false;
    }
    let Ok(html) = resp.text().await else { return false };
    build_of(&html).is_some_and(|b| b != own)
}

#[component]
pub fn UpdateNotice() -> impl IntoView {
    let lang = crate::ui::use_ui().lang;
    let available = RwSignal::new(false);
    if let Some(own) = running() {
        let check = move || {
            let own = own.clone();
            if available.get_untracked() {
                return;
            }
            spawn_local(async move {
                if newer(&own).await {
                    available.set(true);
                }
            });
        };
        let on_visible = check.clone();
        let listener = Closure::<dyn Fn()>::new(move || {
            let visible = document().visibility_state() == web_sys::VisibilityState::Visible;
            if visible {
                on_visible();
            }
        });
        let _ = document().add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
        // The page lives as long as the listener does.
        listener.forget();
        let _ = set_interval_with_handle(check, EVERY);
    }
    let reload = move |_| {
        let _ = window().location().reload();
    };
    view! {
        <Show when=move || available.get()>
            <p class="update-notice" role="status" data-testid="update-notice">
                {move || lang.get().pick("有新版本可用。", "A new version is available.")}
                " "
                <button type="button" class="small" data-testid="update-reload" on:click=reload>
                    {move || lang.get().pick("刷新页面", "Reload")}
                </button>
            </p>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::build_of;

    #[test]
    fn an_index_page_names_its_build() {
        let page = "<script type=\"module\">import init from '/waimao-web-8b8b.js';</script>\
                    <link rel=\"modulepreload\" href=\"/waimao-web-8b8b67a48e130788.js\" crossorigin=\"anonymous\">";
        assert_eq!(build_of(page), Some("/waimao-web-8b8b67a48e130788.js"));
        assert_eq!(build_of("<html></html>"), None);
    }
}
