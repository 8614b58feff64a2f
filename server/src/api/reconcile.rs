//! Reconciliation for the bureau: a month's figures with each source's value side by side (flagged
//! beyond the threshold), the bureau's choice of a source or its explanation (audited, republished),
//! and any figure's history of versions. The rules are `waimao_core::reconcile`'s.

use axum::extract::{Query, State};
use axum::Json;
use waimao_core::api::ErrorBody;
use waimao_core::reconcile::{self, ChoiceRequest, FigureHistory, Line, Reconciliation};
use waimao_core::YearMonth;

use crate::auth::Session;
use crate::error::AppError;
use crate::service;
use crate::state::AppState;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct MonthQuery {
    /// The month, `YYYY-MM`.
    #[param(value_type = String, example = "2021-05")]
    month: String,
}

/// A month's figures, every source's value side by side.
#[utoipa::path(
    get,
    path = "/api/reconcile",
    operation_id = "reconcile",
    tag = "reconcile",
    security(("session" = [])),
    params(MonthQuery),
    responses(
        (status = 200, description = "The month's lines.", body = Reconciliation),
        (status = 400, description = "Not a month.", body = ErrorBody),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau or a viewer.", body = ErrorBody),
    ),
)]
pub async fn month(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<MonthQuery>,
) -> Result<Json<Reconciliation>, AppError> {
    let month = YearMonth::parse(&q.month)
        .map_err(|_| AppError::BadRequest(format!("“{}”不是月份（YYYY-MM） / Not a month (YYYY-MM)", q.month)))?;
    Ok(Json(service::run(&state, session.principal, move |w| service::reconcile::month(w, month)).await?))
}

/// The bureau accepts a source for a figure, corrects it with a value of its own (局修正), or records
/// why the rule's choice stands; audited, and the figures are published again.
#[utoipa::path(
    post,
    path = "/api/reconcile",
    operation_id = "reconcile_choose",
    tag = "reconcile",
    security(("session" = [])),
    request_body = ChoiceRequest,
    responses(
        (status = 200, description = "The figure's line after the decision.", body = Line),
        (status = 400, description = "No reason, a source without a value for the figure, or a negative correction.", body = ErrorBody),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "No such figure.", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`.", body = String, content_type = "text/plain"),
        (status = 422, description = "The body is not a `ChoiceRequest`.", body = String, content_type = "text/plain"),
    ),
)]
pub async fn choose(
    State(state): State<AppState>,
    session: Session,
    Json(body): Json<ChoiceRequest>,
) -> Result<Json<Line>, AppError> {
    Ok(Json(service::run(&state, session.principal, move |w| service::reconcile::choose(w, body)).await?))
}

/// Which figure's history to show.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct FigureQuery {
    /// `region:610302` or `enterprise:3`.
    #[param(value_type = String, example = "region:610302")]
    entity: String,
    /// `YYYY-MM` or `YYYY-JF`.
    #[param(value_type = String, example = "2021-05")]
    period: String,
    /// `export` or `import`.
    #[param(value_type = String, example = "export")]
    flow: String,
    /// A breakdown (`trade_mode`, …) with `member`; both absent for the total.
    #[param(value_type = String, required = false)]
    dimension: Option<String>,
    #[param(value_type = String, required = false)]
    member: Option<String>,
}

/// Every version of one figure from every source, newest first, with who approved it and which is in
/// force: the bureau and viewers for any figure, a county or enterprise for its own.
#[utoipa::path(
    get,
    path = "/api/figures",
    operation_id = "figure_history",
    tag = "reconcile",
    security(("session" = [])),
    params(FigureQuery),
    responses(
        (status = 200, description = "The figure's versions.", body = FigureHistory),
        (status = 400, description = "A malformed entity, period, flow or breakdown.", body = ErrorBody),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the caller's figure.", body = ErrorBody),
    ),
)]
pub async fn figure(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<FigureQuery>,
) -> Result<Json<FigureHistory>, AppError> {
    let key = reconcile::parse_history_query(&q.entity, &q.period, &q.flow, q.dimension.as_deref(), q.member)
        .map_err(|what| AppError::BadRequest(format!("参数{what}有误 / Bad {what}")))?;
    Ok(Json(service::run(&state, session.principal, move |w| service::reconcile::figure(w, key)).await?))
}
