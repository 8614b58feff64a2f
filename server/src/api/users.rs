//! The bureau's account administration: list, create (with a one-time password), change role,
//! binding or disabled flag, and reset a password.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use waimao_core::api::{ErrorBody, NewUser, OneTimePassword, UserChange};

use crate::auth::{password, Session};
use crate::error::AppError;
use crate::service;
use crate::state::AppState;
use crate::store::accounts::User;

/// Every account, in order of creation.
#[utoipa::path(
    get,
    path = "/api/users",
    operation_id = "list_users",
    tag = "users",
    security(("session" = [])),
    responses(
        (status = 200, description = "The accounts.", body = [User]),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin).", body = ErrorBody),
    ),
)]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<Vec<User>>, AppError> {
    Ok(Json(service::run(&state, session.principal, service::users::list).await?))
}

/// Creates an account and answers with its one-time password, shown once.
///
/// A county user is bound to a county of the registry, an enterprise user to an existing enterprise,
/// other roles to neither.
#[utoipa::path(
    post,
    path = "/api/users",
    operation_id = "create_user",
    tag = "users",
    security(("session" = [])),
    responses(
        (status = 201, description = "Created.", body = OneTimePassword),
        (status = 400, description = "The name is empty, too long or taken, or the binding does not fit the role \
            (`ErrorBody`); or the body is not JSON (plain text).",
            content((ErrorBody = "application/json"), (String = "text/plain"))),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`.", body = String, content_type = "text/plain"),
        (status = 422, description = "The body is not a `NewUser` (a missing, mistyped or unknown field).",
            body = String, content_type = "text/plain"),
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Json(body): Json<NewUser>,
) -> Result<(StatusCode, Json<OneTimePassword>), AppError> {
    // Refused before the (slow) hashing when the caller may not create accounts at all.
    service::require(session.principal.can_manage_users())?;
    let one_time = password::generate();
    let hash = password::hash_off_thread(&one_time).await?;
    let user = service::run(&state, session.principal, move |w| service::users::create(w, body, hash)).await?;
    Ok((StatusCode::CREATED, Json(OneTimePassword { user_id: user.id, name: user.name, password: one_time })))
}

/// Changes a user's role with its binding (always together), or the disabled flag.
///
/// Disabling ends the user's sessions, and nobody can disable their own account.
#[utoipa::path(
    patch,
    path = "/api/users/{id}",
    operation_id = "update_user",
    tag = "users",
    security(("session" = [])),
    params(("id", description = "The user's id.")),
    responses(
        (status = 200, description = "The user as saved.", body = User),
        (status = 400, description = "The binding does not fit the role, or an admin disables themself \
            (`ErrorBody`); or the id or body is malformed (plain text).",
            content((ErrorBody = "application/json"), (String = "text/plain"))),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "No such user.", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`.", body = String, content_type = "text/plain"),
        (status = 422, description = "The body is not a `UserChange`.", body = String, content_type = "text/plain"),
    ),
)]
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Json(body): Json<UserChange>,
) -> Result<Json<User>, AppError> {
    Ok(Json(service::run(&state, session.principal, move |w| service::users::update(w, id, body)).await?))
}

/// A new one-time password for a user; every session of theirs ends.
#[utoipa::path(
    post,
    path = "/api/users/{id}/password",
    tag = "users",
    security(("session" = [])),
    params(("id", description = "The user's id.")),
    responses(
        (status = 200, description = "The new one-time password, shown once.", body = OneTimePassword),
        (status = 400, description = "The id is not an integer.", body = String, content_type = "text/plain"),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "No such user.", body = ErrorBody),
    ),
)]
pub async fn reset_password(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Json<OneTimePassword>, AppError> {
    let who = session.principal;
    service::run(&state, who.clone(), move |w| service::users::get(w, id)).await?;
    let one_time = password::generate();
    let hash = password::hash_off_thread(&one_time).await?;
    let user = service::run(&state, who, move |w| service::users::reset_password(w, id, hash)).await?;
    Ok(Json(OneTimePassword { user_id: user.id, name: user.name, password: one_time }))
}
