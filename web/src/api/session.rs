//! Signing in and out, the signed-in user, and the password change (`/api/session`, `/api/me/…`).

use waimao_core::account::Principal;
use waimao_core::api::{ChangePassword, SignIn};

use super::{done, get_cached, send, send_empty, Failure};

const SESSION: &str = "/api/session";

/// The signed-in user, or `None` for the public. Offline, the answer of the last visit stands in, so a
/// filer working without a network still sees who they are (and can be warned before signing out).
pub async fn me() -> Option<Principal> {
    get_cached::<Option<Principal>>(SESSION).await.ok().flatten()
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
