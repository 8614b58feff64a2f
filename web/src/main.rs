//! Entry point of the browser app: mounts the dashboard into the page body.

mod app;
mod components;
mod download;
mod i18n;
mod load;
mod prefs;
mod ui;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
