//! The public dashboard's entry point: mounts the dashboard into the page body, except on the bench
//! page (`?bench`), where `bench::bench_line` draws on request.

mod bench;

fn main() {
    if !bench::is_bench_page() {
        leptos::mount::mount_to_body(waimao_web::app::App);
    }
}
