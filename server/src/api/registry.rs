//! The think tank's experts and activities and the leading group's members: read by the bureau and
//! viewers, added and edited by the bureau. One handler per verb serves the three kinds.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::Value;
use waimao_core::activity::Activity;
use waimao_core::api::ErrorBody;
use waimao_core::expert::Expert;
use waimao_core::form::FormErrors;
use waimao_core::group::Member;

use super::context::{entry, known};
use super::require;
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{audit, records, records::Doc};

/// The kinds served here, as named in the URL.
#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Experts,
    Activities,
    Members,
}

fn bad_body(e: serde_json::Error) -> AppError {
    AppError::BadRequest(format!("记录格式不正确 / The record is malformed: {e}"))
}

/// Reads the body as the kind's record and checks it.
fn checked<T: Doc>(body: Value, check: impl FnOnce(&T) -> Result<(), FormErrors>) -> Result<T, AppError> {
    let item: T = serde_json::from_value(body).map_err(bad_body)?;
    check(&item)?;
    Ok(item)
}

fn to_value<T: serde::Serialize>(v: T) -> Result<Value, AppError> {
    serde_json::to_value(v).map_err(|e| AppError::Internal(e.to_string()))
}

/// The records of a kind: experts (with appointment terms), activities, or leading-group members.
#[utoipa::path(get, path = "/api/registry/{kind}", tag = "registries", security(("session" = [])),
    params(("kind" = inline(Kind), Path, description = "experts, activities or members")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "`Listing` of `Expert`, `Activity` or `Member`.", body = Object),
        (status = 403, description = "Not the bureau or a viewer.", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    Path(kind): Path<Kind>,
) -> Result<Json<Value>, AppError> {
    require(session.principal.can_read_registries())?;
    let items = state
        .store
        .call(move |c| match kind {
            Kind::Experts => to_value(records::list::<Expert>(c)?),
            Kind::Activities => to_value(records::list::<Activity>(c)?),
            Kind::Members => to_value(records::list::<Member>(c)?),
        })
        .await?;
    Ok(Json(serde_json::json!({ "today": state.clock.today(), "items": items })))
}

/// Adds a record (the bureau).
#[utoipa::path(post, path = "/api/registry/{kind}", tag = "registries", security(("session" = [])), request_body = Object,
    params(("kind" = inline(Kind), Path, description = "experts, activities or members")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 201, description = "Added, with its id and version 1.", body = Object),
        (status = 400, description = "Not a record of this kind.", body = ErrorBody),
        (status = 403, description = "Not the bureau.", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Path(kind): Path<Kind>,
    Json(body): Json<Value>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    require(session.principal.is_admin())?;
    let p = session.principal;
    let saved = check_and_save(&state, p, kind, body, None).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// Edits a record (the bureau); the body names the version it was based on.
#[utoipa::path(put, path = "/api/registry/{kind}/{id}", tag = "registries", security(("session" = [])), request_body = Object,
    params(("kind" = inline(Kind), Path, description = "experts, activities or members"), ("id", description = "The record.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "Saved as the next version.", body = Object),
        (status = 403, description = "Not the bureau.", body = ErrorBody),
        (status = 404, description = "No such record.", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`.", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path((kind, id)): Path<(Kind, i64)>,
    Json(body): Json<Value>,
) -> Result<Json<Value>, AppError> {
    require(session.principal.is_admin())?;
    let p = session.principal;
    let saved = check_and_save(&state, p, kind, body, Some(id)).await?;
    Ok(Json(saved))
}

/// Reads the body as the kind's record, checks it (activities against the registered experts and
/// enterprises) and saves it: a new record without `id`, else record `id`.
async fn check_and_save(
    state: &AppState,
    p: waimao_core::account::Principal,
    kind: Kind,
    body: Value,
    id: Option<i64>,
) -> Result<Value, AppError> {
    let s = state.clone();
    let now_secs = state.clock.now_secs();
    state
        .store
        .call(move |c| -> Result<_, AppError> {
            let k = known(&s, c)?;
            match kind {
                Kind::Experts => save(c, &p, checked::<Expert>(body, Expert::check)?, id, now_secs),
                Kind::Activities => save(c, &p, checked::<Activity>(body, |a| a.check(&k))?, id, now_secs),
                Kind::Members => save(c, &p, checked::<Member>(body, Member::check)?, id, now_secs),
            }
        })
        .await
}

/// Inserts (no id) or updates record `id` with its audit entry, in one transaction.
fn save<T: Doc>(
    c: &mut rusqlite::Connection,
    p: &waimao_core::account::Principal,
    mut item: T,
    id: Option<i64>,
    now: i64,
) -> Result<Value, AppError> {
    audit::record(c, now, |tx| {
        let (action, old) = match id {
            None => {
                records::insert(tx, &mut item, now)?;
                ("create_record", None)
            }
            Some(id) => {
                let base = *item.ids().1;
                *item.ids().0 = id;
                ("update_record", Some(records::update(tx, &mut item, base, now)?))
            }
        };
        let object = format!("{}/{}", T::KIND, *item.ids().0);
        Ok((to_value(&item)?, entry(p, action, object, old, &item)))
    })
}
