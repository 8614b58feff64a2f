//! Signing in and out, the current user, and changing one's own password.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use waimao_core::account::{check_password, Principal};
use waimao_core::api::{ChangePassword, ErrorBody, SignIn};

use crate::auth::{self, password, ClientAddr, Session};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{self, accounts, audit};
use waimao_core::throttle;

/// The name failures are counted under when no account has the typed name: one row per address,
/// however many names a guesser invents.
const UNKNOWN_NAME: &str = "?";

/// Signs in with a name and password and starts a session in a cookie.
///
/// Failed attempts are throttled per name and address and per address (`waimao_core::throttle`).
#[utoipa::path(
    post,
    path = "/api/session",
    tag = "session",
    responses(
        (status = 200, description = "Signed in: the principal the session acts for.", body = Principal,
            headers(("Set-Cookie" = String, description = "The session cookie."))),
        (status = 400, description = "The body is not JSON.", body = String, content_type = "text/plain"),
        (status = 401, description = "Wrong name or password, or a disabled account.", body = ErrorBody),
        (status = 403, description = "A cross-site request.", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`.", body = String, content_type = "text/plain"),
        (status = 422, description = "The body is not a `SignIn` (a missing or unknown field).", body = String,
            content_type = "text/plain"),
        (status = 429, description = "Too many failed attempts for this name from this address, or from this address.", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is accepted."))),
    ),
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Json(body): Json<SignIn>,
) -> Result<Response, AppError> {
    // Counted per (name, address) and per address (`core::throttle`): a stranger's wrong passwords
    // slow the stranger's address, never the owner's. Names no account has share one row per address.
    let typed_name = throttle::normalise(&body.name);
    let address = addr.map(|a| a.to_string()).unwrap_or_default();
    let now_secs = state.clock.now_secs();
    let name = body.name.clone();
    let (found, key, wait) = {
        let (typed_name, address) = (typed_name.clone(), address.clone());
        state
            .store
            .call(move |c| -> Result<_, AppError> {
                let found = accounts::user_for_login(c, &name)?;
                let key = if found.is_some() { typed_name } else { UNKNOWN_NAME.to_string() };
                let (pair, by_address, by_account) = store::throttle::failures(c, &key, &address, now_secs)?;
                Ok((found, key, throttle::wait_secs(pair, by_address, by_account, now_secs)))
            })
            .await?
    };
    if let Some(secs) = wait {
        return Err(AppError::TooManyAttempts { retry_after_secs: secs.max(1) as u64 });
    }
    // argon2 takes tens of milliseconds of CPU, so it runs off the async workers.
    let typed = body.password.clone();
    let user = tokio::task::spawn_blocking(move || match found {
        Some((user, hash)) => (password::verify(&typed, &hash) && !user.disabled).then_some(user),
        None => {
            password::dummy_verify(&typed);
            None
        }
    })
    .await
    .map_err(|e| AppError::Internal(format!("password check: {e}")))?;
    let Some(user) = user else {
        // One audit entry when a pair starts failing and one when it starts waiting, with the name as
        // counted (at most 64 characters): a flood of sign-ins adds a counter, not a row each.
        let (key, address) = (key.clone(), address.clone());
        state
            .store
            .call(move |c| -> Result<_, AppError> {
                let count = store::throttle::record_failure(c, &key, &address, now_secs)?;
                if count == 1 || count == throttle::PAIR_FAILURES {
                    let entry = audit::Entry {
                        user_id: None,
                        user_name: typed_name,
                        action: if count == 1 { "sign_in_failed" } else { "sign_in_throttled" },
                        object: "session".into(),
                        old_value: None,
                        new_value: Some(format!("{count} × {}", if address.is_empty() { "?" } else { &address })),
                    };
                    audit::append(c, &entry, now_secs)?;
                }
                Ok(())
            })
            .await?;
        return Err(AppError::BadCredentials);
    };
    {
        let (key, address) = (key.clone(), address.clone());
        state.store.call(move |c| store::throttle::clear(c, &key, &address)).await?;
    }
    let token = auth::new_token();
    let hash = auth::token_hash(&token);
    let (id, name) = (user.id, user.name.clone());
    let now_secs = state.clock.now_secs();
    state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                accounts::create_session(tx, &hash, id, now_secs)?;
                let entry = audit::Entry {
                    user_id: Some(id),
                    user_name: name.to_string(),
                    action: "sign_in",
                    object: "session".into(),
                    old_value: None,
                    new_value: None,
                };
                Ok(((), entry))
            })
        })
        .await?;
    Ok(([(header::SET_COOKIE, state.auth.session_cookie(&token))], Json(user.principal())).into_response())
}

/// Ends the current session and clears its cookie.
#[utoipa::path(
    delete,
    path = "/api/session",
    tag = "session",
    security(("session" = [])),
    responses(
        (status = 204, description = "Signed out.",
            headers(("Set-Cookie" = String, description = "The session cookie, cleared."))),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "A cross-site request.", body = ErrorBody),
    ),
)]
pub async fn sign_out(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let hash = session.token_hash.clone();
    state.store.call(move |c| accounts::delete_session(c, &hash)).await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, state.auth.cleared_cookie())]).into_response())
}

/// The signed-in user: name, role and binding.
#[utoipa::path(
    get,
    path = "/api/me",
    tag = "session",
    security(("session" = [])),
    responses(
        (status = 200, description = "The principal the session acts for.", body = Principal),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
    ),
)]
pub async fn me(session: Session) -> Json<Principal> {
    Json(session.principal)
}

/// Who the page is for: the signed-in user, or `null` for the public. Unlike `/api/me` this is not an
/// error when nobody is signed in, so a public page load logs no failed request.
#[utoipa::path(
    get,
    path = "/api/session",
    operation_id = "current_session",
    summary = "The signed-in user, or null for the public.",
    description = "Unlike `GET /api/me`, nobody being signed in is not an error here.",
    tag = "session",
    security((), ("session" = [])),
    responses(
        (status = 200, description = "The principal the session acts for, or null without a (live) session.",
            body = Option<Principal>),
    ),
)]
pub async fn current(State(state): State<AppState>, parts: axum::http::request::Parts) -> Json<Option<Principal>> {
    let mut parts = parts;
    let session = <Session as axum::extract::FromRequestParts<AppState>>::from_request_parts(&mut parts, &state).await;
    Json(session.ok().map(|s| s.principal))
}

/// Changing a password needs the current one, and ends every other session of the user.
#[utoipa::path(
    post,
    path = "/api/me/password",
    tag = "session",
    security(("session" = [])),
    responses(
        (status = 204, description = "Changed; every other session of the user has ended."),
        (status = 400, description = "The new password breaks the policy (`ErrorBody`), or the body is not JSON \
            (plain text).", content((ErrorBody = "application/json"), (String = "text/plain"))),
        (status = 401, description = "No session, or the current password is wrong.", body = ErrorBody),
        (status = 403, description = "A cross-site request.", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`.", body = String, content_type = "text/plain"),
        (status = 422, description = "The body is not a `ChangePassword`.", body = String, content_type = "text/plain"),
    ),
)]
pub async fn change_password(
    State(state): State<AppState>,
    session: Session,
    Json(body): Json<ChangePassword>,
) -> Result<StatusCode, AppError> {
    check_password(&body.new, &session.principal.name).map_err(|p| AppError::BadRequest(p.message()))?;
    let id = session.principal.user_id;
    let stored = state.store.call(move |c| accounts::password_hash(c, id)).await?.ok_or(AppError::Unauthorized)?;
    let (current, new) = (body.current.clone(), body.new.clone());
    let hash = tokio::task::spawn_blocking(move || {
        if password::verify(&current, &stored) {
            password::hash(&new).map(Some)
        } else {
            Ok(None)
        }
    })
    .await
    .map_err(|e| AppError::Internal(format!("password change: {e}")))??
    .ok_or(AppError::BadCredentials)?;
    let (keep, name) = (session.token_hash.clone(), session.principal.name.clone());
    let now_secs = state.clock.now_secs();
    state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                accounts::set_password(tx, id, &hash, Some(&keep))?;
                let entry = audit::Entry {
                    user_id: Some(id),
                    user_name: name.to_string(),
                    action: "change_password",
                    object: format!("user/{id}"),
                    old_value: None,
                    new_value: None,
                };
                Ok(((), entry))
            })
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
