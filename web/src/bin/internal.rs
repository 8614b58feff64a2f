//! The signed-in pages' entry point (`/login`, `/account`, `/admin`, `/county/…`, `/enterprise/…`,
//! `/briefing`…): mounts beside the server's first view where there is one (the briefing), which the
//! page then replaces (see `takeover`).

fn main() {
    match waimao_web::takeover::mount_point() {
        Some(host) => leptos::mount::mount_to(host, waimao_web::pages::InternalApp).forget(),
        None => leptos::mount::mount_to_body(waimao_web::pages::InternalApp),
    }
}
