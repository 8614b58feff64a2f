//! Signing in and out, the current user, and changing one's own password.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use waimao_core::account::{check_password, Principal};
use waimao_core::api::{ChangePassword, SignIn};

use crate::auth::{self, password, ClientAddr, Session};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{accounts, audit};

pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Json(body): Json<SignIn>,
) -> Result<Response, AppError> {
    if let Some(wait) = state.auth.throttle.wait(&body.name, addr) {
        return Err(AppError::TooManyAttempts { retry_after_secs: wait.as_secs().max(1) });
    }
    let name = body.name.clone();
    let found = state.store.call(move |c| accounts::user_for_login(c, &name)).await?;
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
        state.auth.throttle.failed(&body.name, addr);
        let name = body.name.clone();
        state
            .store
            .call(move |c| {
                let change = audit::Change {
                    user_id: None,
                    user_name: &name,
                    action: "sign_in_failed",
                    object: "session",
                    old_value: None,
                    new_value: None,
                };
                audit::append(c, &change, auth::now_secs())
            })
            .await?;
        return Err(AppError::BadCredentials);
    };
    state.auth.throttle.succeeded(&body.name);
    let token = auth::new_token();
    let hash = auth::token_hash(&token);
    let (id, name) = (user.id, user.name.clone());
    state
        .store
        .call(move |c| {
            let tx = c.transaction()?;
            accounts::create_session(&tx, &hash, id, auth::now_secs())?;
            let change = audit::Change {
                user_id: Some(id),
                user_name: &name,
                action: "sign_in",
                object: "session",
                old_value: None,
                new_value: None,
            };
            audit::append(&tx, &change, auth::now_secs())?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok(([(header::SET_COOKIE, state.auth.session_cookie(&token))], Json(user.principal())).into_response())
}

pub async fn sign_out(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let hash = session.token_hash.clone();
    state.store.call(move |c| accounts::delete_session(c, &hash)).await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, state.auth.cleared_cookie())]).into_response())
}

pub async fn me(session: Session) -> Json<Principal> {
    Json(session.principal)
}

/// Changing a password needs the current one, and ends every other session of the user.
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
    state
        .store
        .call(move |c| {
            let tx = c.transaction()?;
            accounts::set_password(&tx, id, &hash, Some(&keep))?;
            let change = audit::Change {
                user_id: Some(id),
                user_name: &name,
                action: "change_password",
                object: &format!("user/{id}"),
                old_value: None,
                new_value: None,
            };
            audit::append(&tx, &change, auth::now_secs())?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
