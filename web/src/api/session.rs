//! Signing in and out, the signed-in user, and the password change (`/api/session`, `/api/me/…`).

use leptos::prelude::*;
use waimao_core::account::Principal;
use waimao_core::api::{ChangePassword, SignIn};

use super::{done, get_cached, send, send_empty, Failure};

const SESSION: &str = "/api/session";

/// The signed-in user, or `None` for the public. Offline, the answer of the last visit stands in, so a
/// filer working without a network still sees who they are (and can be warned before signing out).
pub async fn me() -> Option<Principal> {
    get_cached::<Option<Principal>>(SESSION).await.ok().flatten()
}

/// The signed-in user as one resource per app, asked once and shared by the header and the views that
/// show more to the bureau (the dashboard's links to a figure's versions).
#[derive(Clone, Copy)]
struct Me(LocalResource<Option<Principal>>);

/// Asks who is signed in, for every component of the app to share: call once at the app's root.
pub fn provide_me() {
    provide_context(Me(LocalResource::new(me)));
}

/// The shared answer of [`provide_me`] (or a new one where no app root provided it).
pub fn use_me() -> LocalResource<Option<Principal>> {
    use_context::<Me>().map_or_else(|| LocalResource::new(me), |m| m.0)
}

pub async fn sign_in(name: String, password: String) -> Result<Principal, Failure> {
    send("POST", SESSION, &SignIn { name, password }).await
}

pub async fn sign_out() -> Result<(), Failure> {
    let _ = crate::local::delete(crate::local::Store::Cache, SESSION).await;
    done(gloo_net::http::Request::delete(SESSION).send().await).await
}

pub async fn change_password(current: String, new: String) -> Result<(), Failure> {
    send_empty("POST", "/api/me/password", &ChangePassword { current, new }).await
}
