//! Filing monthly returns: reading a return and the filer's history, and submitting a version. A
//! submission is validated by `waimao_core::returns::validate` (the code the offline form runs), stored
//! in one transaction with its audit entry, and answered only after the commit.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use waimao_core::account::Principal;
use waimao_core::api::ErrorBody;
use waimao_core::returns::{self as core_returns, Ack, Context, Owner, ReturnHistory, ReturnRecord, Submission};
use waimao_core::YearMonth;

use super::require;
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::audit;
use crate::store::returns::{self, Filer};

/// The path of a filer: `county/610302` or `enterprise/7`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct OwnerPath {
    /// `county` or `enterprise`.
    #[param(pattern = "^(county|enterprise)$", example = "county")]
    kind: String,
    /// A county's GB/T 2260 code, or an enterprise's id.
    #[param(example = "610302")]
    id: String,
}

/// The path of one return: the filer and the month.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ReturnPath {
    /// `county` or `enterprise`.
    #[param(pattern = "^(county|enterprise)$", example = "county")]
    kind: String,
    /// A county's GB/T 2260 code, or an enterprise's id.
    #[param(example = "610302")]
    id: String,
    /// The month: `2021-07` (also `2021-7` or `202107`).
    #[param(pattern = "^[0-9]{4}(-[0-9]{1,2}|[0-9]{2})$", example = "2021-07")]
    month: String,
}

// Paths are parsed first and checked against the registry only after the caller's right to the owner:
// whether enterprise 9999 exists is not for a firm to learn.
impl OwnerPath {
    fn owner(&self) -> Result<Owner, AppError> {
        Owner::parse(&self.kind, &self.id).ok_or(AppError::NotFound)
    }
}

impl ReturnPath {
    pub fn owner_month(&self) -> Result<(Owner, YearMonth), AppError> {
        let owner = Owner::parse(&self.kind, &self.id).ok_or(AppError::NotFound)?;
        Ok((owner, YearMonth::parse(&self.month).map_err(|_| AppError::NotFound)?))
    }
}

/// The owner, if the registry has it.
pub async fn known(state: &AppState, owner: Owner) -> Result<Owner, AppError> {
    let exists = match owner {
        Owner::County(c) => state.regions.county(c).is_some(),
        Owner::Enterprise(e) => state.store.call(move |c| returns::enterprise_exists(c, e)).await?,
    };
    if exists {
        Ok(owner)
    } else {
        Err(AppError::NotFound)
    }
}

pub fn can_read(p: &Principal, owner: Owner) -> bool {
    match owner {
        Owner::County(c) => p.can_read_county(c),
        Owner::Enterprise(e) => p.can_read_enterprise(e),
    }
}

fn can_write(p: &Principal, owner: Owner) -> bool {
    match owner {
        Owner::County(c) => p.can_write_county(c),
        Owner::Enterprise(e) => p.can_write_enterprise(e),
    }
}

/// The 同比 limit (±%) beyond which a return needs an explanation: `WAIMAO_GROWTH_LIMIT_PCT`, else 50.
pub fn growth_limit_pct() -> i64 {
    static LIMIT: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        std::env::var("WAIMAO_GROWTH_LIMIT_PCT")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|v| *v > 0)
            .unwrap_or(core_returns::DEFAULT_GROWTH_LIMIT_PCT)
    })
}

/// The latest version of a return, or null when nothing was filed.
#[utoipa::path(
    get,
    path = "/api/returns/{kind}/{id}/{month}",
    tag = "returns",
    security(("session" = [])),
    params(ReturnPath),
    responses(
        (status = 200, description = "The latest version, or null.", body = Option<ReturnRecord>),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the caller's county or enterprise.", body = ErrorBody),
        (status = 404, description = "No such county or enterprise, or not a month.", body = ErrorBody),
    ),
)]
pub async fn read(
    State(state): State<AppState>,
    s: Session,
    Path(path): Path<ReturnPath>,
) -> Result<Json<Option<ReturnRecord>>, AppError> {
    let (owner, month) = path.owner_month()?;
    require(can_read(&s.principal, owner))?;
    let owner = known(&state, owner).await?;
    Ok(Json(state.store.call(move |c| returns::latest(c, owner, month)).await?))
}

/// The filer's approved figures, which the form compares a new return with (also offline).
#[utoipa::path(
    get,
    path = "/api/returns/{kind}/{id}/history",
    tag = "returns",
    security(("session" = [])),
    params(OwnerPath),
    responses(
        (status = 200, description = "Approved totals by period, oldest first.", body = ReturnHistory),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the caller's county or enterprise.", body = ErrorBody),
        (status = 404, description = "No such county or enterprise.", body = ErrorBody),
    ),
)]
pub async fn history(
    State(state): State<AppState>,
    s: Session,
    Path(path): Path<OwnerPath>,
) -> Result<Json<ReturnHistory>, AppError> {
    let owner = path.owner()?;
    require(can_read(&s.principal, owner))?;
    let owner = known(&state, owner).await?;
    let precedence = Arc::clone(&state.precedence);
    let mut h = state.store.call(move |c| returns::history(c, owner, &precedence)).await?;
    h.growth_limit_pct = Some(growth_limit_pct());
    Ok(Json(h))
}

/// Files a version of a return. Sending the same submission again (same id, same content) returns the
/// same answer and stores nothing new.
#[utoipa::path(
    post,
    path = "/api/returns",
    tag = "returns",
    security(("session" = [])),
    request_body = Submission,
    responses(
        (status = 200, description = "Stored (or stored before: `replayed`).", body = Ack),
        (status = 400, description = "The id is not a UUID.", body = ErrorBody),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the caller's county or enterprise, or a cross-site request.",
            body = ErrorBody),
        (status = 404, description = "No such county or enterprise.", body = ErrorBody),
        (status = 409, description = "The id was used for other content, or the edit was based on a version that \
            is no longer the latest: the body holds the current version.", body = waimao_core::returns::Conflict),
        (status = 422, description = "The return fails validation: every finding, by field.",
            body = waimao_core::returns::Report),
    ),
)]
pub async fn submit(
    State(state): State<AppState>,
    s: Session,
    Json(sub): Json<Submission>,
) -> Result<Json<Ack>, AppError> {
    if !sub.id_is_valid() {
        return Err(AppError::BadRequest("提交编号须为UUID / The submission id must be a UUID".into()));
    }
    require(can_write(&s.principal, sub.owner))?;
    let owner = known(&state, sub.owner).await?;
    let classes = state.classes.clone();
    let precedence = Arc::clone(&state.precedence);
    let who = s.principal;
    let today = state.clock.today();
    let stamp = state.clock.stamp();
    let now_secs = state.clock.now_secs();
    let ack = state
        .store
        .call(move |c| -> Result<_, AppError> {
            let tx = c.transaction()?;
            let filer = Filer { name: &who.name, now: &stamp };
            let ack = returns::submit(&tx, &sub, &filer, &precedence, |history, locked| {
                let known = |d, m: &str| classes.member(d, m).is_some();
                let ctx = Context {
                    owner,
                    month: sub.month,
                    current_month: YearMonth::of_date(today),
                    history,
                    locked,
                    growth_limit_pct: growth_limit_pct(),
                    known_member: Some(&known),
                };
                core_returns::validate(&sub.content, &sub.explanation, &ctx)
            })?;
            if !ack.replayed {
                let entry = audit::Entry {
                    user_id: Some(who.user_id),
                    user_name: who.name.clone(),
                    action: "submit_return",
                    object: format!("return/{}/{}/{}", owner.kind(), owner.id_text(), sub.month),
                    old_value: None,
                    new_value: Some(format!("v{} {}", ack.version, sub.id)),
                };
                audit::append(&tx, &entry, now_secs)?;
            }
            tx.commit()?;
            Ok(ack)
        })
        .await?;
    Ok(Json(ack))
}
