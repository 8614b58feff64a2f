//! The public dashboard's entry point: mounts the dashboard (beside the server's first view, which it
//! then replaces, see `takeover`), except on the bench page (`?bench`), where `bench::bench_line` draws
//! on request.

mod bench;

fn main() {
    if bench::is_bench_page() {
        // The bench draws its own charts on an empty page.
        waimao_web::takeover::finish();
        return;
    }
    match waimao_web::takeover::mount_point() {
        Some(host) => leptos::mount::mount_to(host, waimao_web::app::App).forget(),
        None => leptos::mount::mount_to_body(waimao_web::app::App),
    }
}
