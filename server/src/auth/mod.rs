//! Accounts on the server: password hashing, sessions in an HttpOnly cookie, sign-in throttling, and
//! the extractors that give a handler the signed-in [`Principal`] or the client's address.
//!
//! A session token is 32 random bytes; only its SHA-256 is stored. The cookie is `HttpOnly`,
//! `SameSite=Strict`, and `Secure` with the `__Host-` prefix unless the server runs on plain-HTTP
//! localhost.

pub mod password;

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use base64::Engine;
use sha2::{Digest, Sha256};
use waimao_core::account::Principal;

use crate::error::AppError;
use crate::state::AppState;
use crate::store::accounts;

/// How the server's sessions and sign-in behave.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// Behind HTTPS: cookies get `Secure` and the `__Host-` prefix.
    pub secure_cookies: bool,
    /// The reverse proxy whose `X-Forwarded-For` is believed; nobody else's is.
    pub trusted_proxy: Option<IpAddr>,
    /// A session unused for this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, used or not.
    pub absolute: Duration,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            trusted_proxy: None,
            idle: Duration::from_secs(30 * 60),
            absolute: Duration::from_secs(12 * 60 * 60),
        }
    }
}

#[derive(Default)]
pub struct Auth {
    pub settings: AuthSettings,
}

impl Auth {
    pub fn cookie_name(&self) -> &'static str {
        if self.settings.secure_cookies {
            "__Host-waimao_session"
        } else {
            "waimao_session"
        }
    }

    /// The `Set-Cookie` value that starts a session.
    pub fn session_cookie(&self, token: &str) -> HeaderValue {
        self.cookie(token, self.settings.absolute.as_secs())
    }

    /// The `Set-Cookie` value that removes the session cookie.
    pub fn cleared_cookie(&self) -> HeaderValue {
        self.cookie("", 0)
    }

    fn cookie(&self, value: &str, max_age: u64) -> HeaderValue {
        let secure = if self.settings.secure_cookies { "; Secure" } else { "" };
        let text =
            format!("{}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}", self.cookie_name());
        HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// The session token in a request's cookies, if any.
    pub fn token_in(&self, headers: &HeaderMap) -> Option<String> {
        let name = self.cookie_name();
        headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(
            |pair| {
                let (k, v) = pair.trim().split_once('=')?;
                (k == name && !v.is_empty()).then(|| v.to_string())
            },
        )
    }
}

/// A new random session token, URL-safe base64 of 32 bytes from the OS generator.
pub fn new_token() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The signed-in user of a request, with the hash of its session token; 401 when there is none.
pub struct Session {
    pub principal: Principal,
    pub token_hash: Vec<u8>,
}

impl FromRequestParts<AppState> for Session {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = state.auth.token_in(&parts.headers).ok_or(AppError::Unauthorized)?;
        let hash = token_hash(&token);
        let (idle, absolute) =
            (state.auth.settings.idle.as_secs() as i64, state.auth.settings.absolute.as_secs() as i64);
        let lookup = hash.clone();
        let now = state.clock.now_secs();
        let user = state
            .store
            .call(move |c| accounts::session_user(c, &lookup, now, idle, absolute))
            .await?
            .ok_or(AppError::Unauthorized)?;
        Ok(Session { principal: user.principal(), token_hash: hash })
    }
}

/// The client's address for throttling: the TCP peer, or the last `X-Forwarded-For` entry when the
/// peer is the trusted proxy.
pub struct ClientAddr(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let forwarded = || {
            let v = parts.headers.get_all("x-forwarded-for").iter().next_back()?.to_str().ok()?;
            v.rsplit(',').next()?.trim().parse::<IpAddr>().ok()
        };
        let addr = match (peer, state.auth.settings.trusted_proxy) {
            (Some(p), Some(proxy)) if p == proxy => forwarded().or(Some(p)),
            _ => peer,
        };
        Ok(ClientAddr(addr))
    }
}
