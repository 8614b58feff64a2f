//! Calls to the internal API (`/api/…`). The browser sends the session cookie and the `Origin`
//! header itself; failures come back as the server's message, which is already in both languages.

use serde::de::DeserializeOwned;
use serde::Serialize;
use waimao_core::account::Principal;
use waimao_core::api::{ChangePassword, ErrorBody, SignIn};

/// A failed call: the HTTP status (0 when the network failed) and a message for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub status: u16,
    pub message: String,
}

async fn answer<T: DeserializeOwned>(resp: Result<gloo_net::http::Response, gloo_net::Error>) -> Result<T, Failure> {
    let resp = resp.map_err(|e| Failure { status: 0, message: e.to_string() })?;
    if resp.ok() {
        return resp.json::<T>().await.map_err(|e| Failure { status: resp.status(), message: e.to_string() });
    }
    let status = resp.status();
    let message = resp.json::<ErrorBody>().await.map(|b| b.error).unwrap_or_else(|_| format!("HTTP {status}"));
    Err(Failure { status, message })
}

/// For answers without a body (204).
async fn done(resp: Result<gloo_net::http::Response, gloo_net::Error>) -> Result<(), Failure> {
    let resp = resp.map_err(|e| Failure { status: 0, message: e.to_string() })?;
    if resp.ok() {
        return Ok(());
    }
    let status = resp.status();
    let message = resp.json::<ErrorBody>().await.map(|b| b.error).unwrap_or_else(|_| format!("HTTP {status}"));
    Err(Failure { status, message })
}

pub async fn get<T: DeserializeOwned>(url: &str) -> Result<T, Failure> {
    answer(gloo_net::http::Request::get(url).send().await).await
}

pub async fn send<B: Serialize, T: DeserializeOwned>(method: &str, url: &str, body: &B) -> Result<T, Failure> {
    let builder = match method {
        "PUT" => gloo_net::http::Request::put(url),
        "PATCH" => gloo_net::http::Request::patch(url),
        _ => gloo_net::http::Request::post(url),
    };
    let req = builder.json(body).map_err(|e| Failure { status: 0, message: e.to_string() })?;
    answer(req.send().await).await
}

const SESSION: &str = "/api/session";

/// The signed-in user, or `None` for the public. Offline, the answer of the last visit stands in, so a
/// filer working without a network still sees who they are (and can be warned before signing out).
pub async fn me() -> Option<Principal> {
    get_cached::<Option<Principal>>(SESSION).await.ok().flatten()
}

pub async fn sign_in(name: String, password: String) -> Result<Principal, Failure> {
    send("POST", "/api/session", &SignIn { name, password }).await
}

pub async fn sign_out() -> Result<(), Failure> {
    let _ = crate::local::delete(crate::local::Store::Cache, SESSION).await;
    done(gloo_net::http::Request::delete(SESSION).send().await).await
}

pub async fn change_password(current: String, new: String) -> Result<(), Failure> {
    let req = gloo_net::http::Request::post("/api/me/password")
        .json(&ChangePassword { current, new })
        .map_err(|e| Failure { status: 0, message: e.to_string() })?;
    done(req.send().await).await
}

/// Where a signed-in user starts: their county's or enterprise's page, or the bureau's.
pub fn home_of(p: &Principal) -> String {
    match (p.county, p.enterprise) {
        (Some(c), _) => format!("/county/{c}"),
        (_, Some(e)) => format!("/enterprise/{e}"),
        _ if p.is_admin() => "/admin".into(),
        _ => "/".into(),
    }
}

/// Goes to another page of the app with a full load, which is all these few pages need.
pub fn go(path: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(path);
    }
}

/// Like [`get`], keeping a copy of the answer in the browser: when the server cannot be reached
/// (status 0 or 5xx), the copy from the last visit answers instead, so the forms work offline.
pub async fn get_cached<T: DeserializeOwned + Serialize>(url: &str) -> Result<T, Failure> {
    use crate::local::{self, Store};
    match get::<T>(url).await {
        Ok(v) => {
            let _ = local::put(Store::Cache, url, &v).await;
            Ok(v)
        }
        Err(f) if f.status == 0 || f.status >= 500 => local::get(Store::Cache, url).await.ok_or(f),
        Err(f) => Err(f),
    }
}

/// A refused form: the failure, and the findings by field when the server answered 422 with
/// [`waimao_core::form::FormErrors`].
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub failure: Failure,
    pub fields: Vec<waimao_core::form::FieldError>,
}

/// Like [`send`] for the registry forms: a 422 answer comes back with its findings by field.
pub async fn submit<B: Serialize, T: DeserializeOwned>(method: &str, url: &str, body: &B) -> Result<T, Refused> {
    let builder = match method {
        "PUT" => gloo_net::http::Request::put(url),
        _ => gloo_net::http::Request::post(url),
    };
    let refused = |status, message| Refused { failure: Failure { status, message }, fields: Vec::new() };
    let req = builder.json(body).map_err(|e| refused(0, e.to_string()))?;
    let resp = req.send().await.map_err(|e| refused(0, e.to_string()))?;
    let status = resp.status();
    if resp.ok() {
        return resp.json::<T>().await.map_err(|e| refused(status, e.to_string()));
    }
    let text = resp.text().await.unwrap_or_default();
    if let Ok(f) = serde_json::from_str::<waimao_core::form::FormErrors>(&text) {
        return Err(Refused { failure: Failure { status, message: f.error }, fields: f.fields });
    }
    let message =
        serde_json::from_str::<ErrorBody>(&text).map(|b| b.error).unwrap_or_else(|_| format!("HTTP {status}"));
    Err(refused(status, message))
}
