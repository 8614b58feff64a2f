//! Entry point of the browser app: mounts the dashboard into the page body.

mod app;
mod components;
mod i18n;
mod load;
mod prefs;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
