//! The signed-in pages' entry point (`/login`, `/account`, `/admin`, `/county/…`, `/enterprise/…`).

fn main() {
    leptos::mount::mount_to_body(waimao_web::pages::InternalApp);
}
