//! The internal API (`/api/…`) as typed functions, one file per area: each function names one route,
//! takes typed arguments and returns the typed answer, so no page writes a URL. This file is the
//! transport they share. The browser sends the session cookie and the `Origin` header itself; failures
//! come back as the server's message, which is already in both languages.

pub mod admin;
pub mod enterprises;
pub mod export;
pub mod figures;
pub mod group;
pub mod imports;
pub mod reconcile;
pub mod registry;
pub mod returns;
pub mod session;

use serde::de::DeserializeOwned;
use serde::Serialize;
use waimao_core::account::Principal;
use waimao_core::api::ErrorBody;

/// A failed call: the HTTP status (0 when the network failed) and a message for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub status: u16,
    pub message: String,
}

fn network(e: impl ToString) -> Failure {
    Failure { status: 0, message: e.to_string() }
}

async fn answer<T: DeserializeOwned>(resp: Result<gloo_net::http::Response, gloo_net::Error>) -> Result<T, Failure> {
    let resp = resp.map_err(network)?;
    if resp.ok() {
        return resp.json::<T>().await.map_err(|e| Failure { status: resp.status(), message: e.to_string() });
    }
    let status = resp.status();
    let message = resp.json::<ErrorBody>().await.map(|b| b.error).unwrap_or_else(|_| format!("HTTP {status}"));
    Err(Failure { status, message })
}

/// For answers without a body (204).
async fn done(resp: Result<gloo_net::http::Response, gloo_net::Error>) -> Result<(), Failure> {
    let resp = resp.map_err(network)?;
    if resp.ok() {
        return Ok(());
    }
    let status = resp.status();
    let message = resp.json::<ErrorBody>().await.map(|b| b.error).unwrap_or_else(|_| format!("HTTP {status}"));
    Err(Failure { status, message })
}

fn request(method: &str, url: &str) -> gloo_net::http::RequestBuilder {
    match method {
        "PUT" => gloo_net::http::Request::put(url),
        "PATCH" => gloo_net::http::Request::patch(url),
        "DELETE" => gloo_net::http::Request::delete(url),
        _ => gloo_net::http::Request::post(url),
    }
}

pub async fn get<T: DeserializeOwned>(url: &str) -> Result<T, Failure> {
    answer(gloo_net::http::Request::get(url).send().await).await
}

pub async fn send<B: Serialize, T: DeserializeOwned>(method: &str, url: &str, body: &B) -> Result<T, Failure> {
    let req = request(method, url).json(body).map_err(network)?;
    answer(req.send().await).await
}

/// Like [`send`] for routes that answer without a body.
async fn send_empty<B: Serialize>(method: &str, url: &str, body: &B) -> Result<(), Failure> {
    let req = request(method, url).json(body).map_err(network)?;
    done(req.send().await).await
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

/// Like [`send`] for the registry forms (POST or PUT): a 422 answer comes back with its findings by
/// field.
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

/// Where a signed-in user starts: their county's or enterprise's page, or the bureau's.
pub fn home_of(p: &Principal) -> String {
    match (p.county, p.enterprise) {
        (Some(c), _) => format!("/county/{c}"),
        (_, Some(e)) => format!("/enterprise/{e}"),
        _ if p.can_manage_users() => "/admin".into(),
        _ => "/".into(),
    }
}

/// Goes to another page of the app with a full load, which is all these few pages need.
pub fn go(path: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(path);
    }
}
