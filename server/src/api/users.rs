//! The bureau's account administration: list, create (with a one-time password), change role,
//! binding or disabled flag, and reset a password.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use waimao_core::account::Role;
use waimao_core::api::{ErrorBody, NewUser, OneTimePassword, UserChange};

use super::require;
use crate::auth::{password, Session};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::accounts::{self, User};
use crate::store::audit;

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
    require(session.principal.is_admin())?;
    Ok(Json(state.store.call(|c| accounts::list_users(c)).await?))
}

/// Checks that a role's binding is present and real: a county from the registry, an existing enterprise.
pub(crate) fn check_binding(
    state: &AppState,
    role: Role,
    county: Option<waimao_core::RegionCode>,
    enterprise: Option<i64>,
) -> Result<(), AppError> {
    let county_ok = match (role, county) {
        (Role::County, Some(c)) => state.regions.county(c).is_some(),
        (Role::County, None) => false,
        (_, Some(_)) => false,
        (_, None) => true,
    };
    let enterprise_ok = (role == Role::Enterprise) == enterprise.is_some();
    if county_ok && enterprise_ok {
        Ok(())
    } else {
        Err(AppError::BadRequest(
            "区县用户须绑定一个县区，企业用户须绑定一家企业，其他角色不绑定 / A county user needs a county, an enterprise user an enterprise, and other roles neither".into(),
        ))
    }
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
    require(session.principal.is_admin())?;
    check_binding(&state, body.role, body.county, body.enterprise)?;
    let name = body.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(AppError::BadRequest("用户名须为1至64个字符 / A name has 1 to 64 characters".into()));
    }
    let one_time = password::generate();
    let hash = password::hash_off_thread(&one_time).await?;
    let admin = session.principal.clone();
    let now_secs = state.clock.now_secs();
    let user = state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                let new = accounts::NewUser {
                    name: &name,
                    role: body.role,
                    county: body.county,
                    enterprise: body.enterprise,
                    password_hash: &hash,
                };
                let user = accounts::create_user(tx, &new, now_secs)?;
                let entry = audit::Entry {
                    user_id: Some(admin.user_id),
                    user_name: admin.name.to_string(),
                    action: "create_user",
                    object: format!("user/{}", user.id),
                    old_value: None,
                    new_value: Some(describe(&user)),
                };
                Ok((user, entry))
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(OneTimePassword { user_id: user.id, name: user.name, password: one_time })))
}

fn describe(u: &User) -> String {
    format!(
        "{} {}{}{}",
        u.name,
        u.role.code(),
        u.county.map(|c| format!(" county={c}")).unwrap_or_default(),
        u.enterprise.map(|e| format!(" enterprise={e}")).unwrap_or_default()
    ) + if u.disabled { " disabled" } else { "" }
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
    require(session.principal.is_admin())?;
    let before = state.store.call(move |c| accounts::user_by_id(c, id)).await?.ok_or(AppError::NotFound)?;
    let mut after = before.clone();
    if let Some(role) = body.role {
        after.role = role;
        after.county = body.county;
        after.enterprise = body.enterprise;
        check_binding(&state, after.role, after.county, after.enterprise)?;
    }
    if let Some(disabled) = body.disabled {
        if disabled && id == session.principal.user_id {
            return Err(AppError::BadRequest("不能停用自己的账号 / You cannot disable your own account".into()));
        }
        after.disabled = disabled;
    }
    let admin = session.principal.clone();
    let saved = after.clone();
    let now_secs = state.clock.now_secs();
    state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                accounts::update_user(tx, &saved)?;
                let entry = audit::Entry {
                    user_id: Some(admin.user_id),
                    user_name: admin.name.to_string(),
                    action: "update_user",
                    object: format!("user/{id}"),
                    old_value: Some(describe(&before)),
                    new_value: Some(describe(&saved)),
                };
                Ok(((), entry))
            })
        })
        .await?;
    Ok(Json(after))
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
    require(session.principal.is_admin())?;
    let user = state.store.call(move |c| accounts::user_by_id(c, id)).await?.ok_or(AppError::NotFound)?;
    let one_time = password::generate();
    let hash = password::hash_off_thread(&one_time).await?;
    let admin = session.principal.clone();
    let now_secs = state.clock.now_secs();
    state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                accounts::set_password(tx, id, &hash, None)?;
                let entry = audit::Entry {
                    user_id: Some(admin.user_id),
                    user_name: admin.name.to_string(),
                    action: "reset_password",
                    object: format!("user/{id}"),
                    old_value: None,
                    new_value: None,
                };
                Ok(((), entry))
            })
        })
        .await?;
    Ok(Json(OneTimePassword { user_id: user.id, name: user.name, password: one_time }))
}
