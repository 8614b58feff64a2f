//! The bureau's side of returns: the queue awaiting review, approving (which publishes) or returning
//! with a comment, reopening an approved return (an audited action), and the completeness table of a
//! month with the filers to chase.

use axum::extract::{Path, State};
use axum::Json;
use waimao_core::api::ErrorBody;
use waimao_core::returns::{Filing, FilingRow, Owner, Reopen, ReturnRecord, Review};
use waimao_core::{Lang, YearMonth};

use super::require;
use super::returns::ReturnPath;
use crate::auth::Session;
use crate::error::AppError;
use crate::publisher;
use crate::state::AppState;
use crate::store::audit;
use crate::store::returns::{self, Filer};

/// Returns awaiting review (latest versions only), oldest first: the bureau and viewers.
#[utoipa::path(
    get,
    path = "/api/returns/pending",
    tag = "returns",
    security(("session" = [])),
    responses(
        (status = 200, description = "Returns awaiting review.", body = Vec<ReturnRecord>),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau or a viewer.", body = ErrorBody),
    ),
)]
pub async fn pending(State(state): State<AppState>, s: Session) -> Result<Json<Vec<ReturnRecord>>, AppError> {
    require(s.principal.can_read_all_returns())?;
    Ok(Json(state.store.call(|c| returns::pending(c)).await?))
}

/// Approves the latest version (which publishes its totals) or returns it with a comment: the bureau.
#[utoipa::path(
    post,
    path = "/api/returns/{kind}/{id}/{month}/review",
    tag = "returns",
    security(("session" = [])),
    params(ReturnPath),
    request_body = Review,
    responses(
        (status = 200, description = "The return as reviewed.", body = ReturnRecord),
        (status = 400, description = "Not awaiting review, or returned without a comment.", body = ErrorBody),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "Nothing filed for that month.", body = ErrorBody),
        (status = 409, description = "A newer version was filed: review that one.",
            body = waimao_core::returns::Conflict),
    ),
)]
pub async fn review(
    State(state): State<AppState>,
    s: Session,
    Path(path): Path<ReturnPath>,
    Json(body): Json<Review>,
) -> Result<Json<ReturnRecord>, AppError> {
    require(s.principal.is_admin())?;
    let (owner, month) = path.owner_month()?;
    let owner = super::returns::known(&state, owner).await?;
    let who = s.principal;
    let approve = body.approve;
    let (now_secs, stamp_now) = (state.clock.now_secs(), state.clock.stamp());
    let record = state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                let stamp = stamp_now.clone();
                let r = returns::review(tx, owner, month, &body, &Filer { name: &who.name, now: &stamp })?;
                let entry = audit::Entry {
                    user_id: Some(who.user_id),
                    user_name: who.name.clone(),
                    action: if approve { "approve_return" } else { "return_return" },
                    object: object(owner, month),
                    old_value: Some(format!("v{} submitted", r.version)),
                    new_value: Some(match &r.review_comment {
                        Some(c) => format!("{} {c}", r.state.code()),
                        None => r.state.code().to_string(),
                    }),
                };
                Ok((r, entry))
            })
        })
        .await?;
    if approve {
        // The approval is committed whatever happens here; a failed publication is logged and the next
        // approval (or a restart) publishes again.
        if let Err(e) = publisher::publish_all(&state).await {
            tracing::error!(error = %e, "publishing after an approval failed");
        }
    }
    Ok(Json(record))
}

fn object(owner: Owner, month: YearMonth) -> String {
    format!("return/{}/{}/{month}", owner.kind(), owner.id_text())
}

/// Reopens an approved return so that a correction can be filed: the bureau, with a reason.
#[utoipa::path(
    post,
    path = "/api/returns/{kind}/{id}/{month}/reopen",
    tag = "returns",
    security(("session" = [])),
    params(ReturnPath),
    request_body = Reopen,
    responses(
        (status = 200, description = "The return, reopened.", body = ReturnRecord),
        (status = 400, description = "Not approved, or no reason given.", body = ErrorBody),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "Nothing filed for that month.", body = ErrorBody),
    ),
)]
pub async fn reopen(
    State(state): State<AppState>,
    s: Session,
    Path(path): Path<ReturnPath>,
    Json(body): Json<Reopen>,
) -> Result<Json<ReturnRecord>, AppError> {
    require(s.principal.is_admin())?;
    let (owner, month) = path.owner_month()?;
    let owner = super::returns::known(&state, owner).await?;
    let who = s.principal;
    let (now_secs, stamp_now) = (state.clock.now_secs(), state.clock.stamp());
    let record = state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                let stamp = stamp_now.clone();
                let r = returns::reopen(tx, owner, month, &body.reason, &Filer { name: &who.name, now: &stamp })?;
                let entry = audit::Entry {
                    user_id: Some(who.user_id),
                    user_name: who.name.clone(),
                    action: "reopen_return",
                    object: object(owner, month),
                    old_value: Some(format!("v{} approved", r.version)),
                    new_value: Some(format!("reopened: {}", body.reason.trim())),
                };
                Ok((r, entry))
            })
        })
        .await?;
    Ok(Json(record))
}

/// Who filed a month's return on time, late or not at all: every county, then every key enterprise.
#[utoipa::path(
    get,
    path = "/api/completeness/{month}",
    tag = "returns",
    security(("session" = [])),
    params(("month", description = "The month: `2021-07`.", example = "2021-07")),
    responses(
        (status = 200, description = "One row per county and enterprise.", body = Vec<FilingRow>),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau or a viewer.", body = ErrorBody),
        (status = 404, description = "Not a month.", body = ErrorBody),
    ),
)]
pub async fn completeness(
    State(state): State<AppState>,
    s: Session,
    Path(month): Path<String>,
) -> Result<Json<Vec<FilingRow>>, AppError> {
    require(s.principal.can_read_all_returns())?;
    let month = YearMonth::parse(&month).map_err(|_| AppError::NotFound)?;
    let (filed, firms) = state
        .store
        .call(move |c| Ok::<_, AppError>((returns::filings(c, month)?, returns::enterprise_names(c)?)))
        .await?;
    let today = state.clock.today();
    let mut owners: Vec<(Owner, String)> =
        state.regions.counties.iter().map(|r| (Owner::County(r.code), r.name(Lang::Zh).to_string())).collect();
    owners.extend(firms.into_iter().map(|(id, zh, _)| (Owner::Enterprise(id), zh)));
    let rows = owners
        .into_iter()
        .map(|(owner, name)| {
            let latest = filed.get(&owner);
            // Submission times are UTC; the due date is a date in China.
            let first = latest
                .and_then(|(first, _)| chrono::DateTime::parse_from_rfc3339(first).ok())
                .map(|t| (t.with_timezone(&chrono::Utc) + chrono::Duration::hours(8)).date_naive());
            FilingRow {
                owner,
                name,
                filing: Filing::of(month, first, today),
                first_submitted_at: latest.map(|(first, _)| first.clone()),
                state: latest.map(|(_, r)| r.state),
                version: latest.map(|(_, r)| r.version),
            }
        })
        .collect();
    Ok(Json(rows))
}
