//! Entry point of the browser app: mounts the dashboard into the page body, except on the bench page
//! (`?bench`), where `bench::bench_line` draws on request.

mod api;
mod app;
mod bench;
mod components;
mod download;
mod i18n;
mod load;
mod pages;
mod prefs;
mod ui;

fn main() {
    if !bench::is_bench_page() {
        leptos::mount::mount_to_body(app::App);
    }
}
