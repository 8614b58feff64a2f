//! Reconciliation for the bureau: a month's figures with each source's value side by side (flagged
//! beyond the threshold), the bureau's choice of a source or its explanation (audited, republished),
//! and any figure's history of versions. The rules are `waimao_core::reconcile`'s.

use axum::extract::{Query, State};
use axum::Json;
use waimao_core::api::ErrorBody;
use waimao_core::observation::{Breakdown, Entity};
use waimao_core::reconcile::{self, Choice, ChoiceRequest, FigureHistory, Line, Reconciliation};
use waimao_core::{Dimension, Flow, Period, YearMonth};

use super::require;
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{self, audit};

/// `WAIMAO_RECONCILE_PCT`: the difference in % beyond which a line is flagged (default 5).
pub fn threshold_pct() -> i64 {
    std::env::var("WAIMAO_RECONCILE_PCT")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|v| (0..=100).contains(v))
        .unwrap_or(reconcile::DEFAULT_THRESHOLD_PCT)
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct MonthQuery {
    /// The month, `YYYY-MM`.
    #[param(value_type = String, example = "2021-05")]
    month: String,
}

fn names(state: &AppState, firms: &[waimao_core::enterprise::Enterprise]) -> impl Fn(Entity) -> (String, String) {
    let regions = state.regions.clone();
    let firms: Vec<(i64, String, String)> =
        firms.iter().map(|e| (e.id, e.name_zh.clone(), e.name_en.clone())).collect();
    move |e| match e {
        Entity::Region(code) => regions
            .county(code)
            .map_or((code.to_string(), code.to_string()), |r| (r.name_zh.clone(), r.name_en.clone())),
        Entity::Enterprise(id) => firms
            .iter()
            .find(|f| f.0 == i64::from(id))
            .map_or((id.to_string(), id.to_string()), |f| (f.1.clone(), f.2.clone())),
    }
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
    require(session.principal.can_read_all_returns())?;
    let month = YearMonth::parse(&q.month)
        .map_err(|_| AppError::BadRequest(format!("“{}”不是月份（YYYY-MM） / Not a month (YYYY-MM)", q.month)))?;
    let (figures, choices, firms) = state
        .store
        .call(move |c| -> Result<_, AppError> {
            let which = store::Which { periods: periods_of(month), ..Default::default() };
            Ok((store::load_sourced(c, which)?, store::load_choices(c)?, store::load_enterprises(c)?))
        })
        .await?;
    let name = names(&state, &firms);
    let lines = reconcile::lines(&figures, month, &state.precedence, &choices, threshold_pct(), name);
    Ok(Json(Reconciliation {
        month,
        threshold_pct: threshold_pct(),
        precedence: state.precedence.order().to_vec(),
        lines,
    }))
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
    require(session.principal.is_admin())?;
    let key = body.key().ok_or(AppError::NotFound)?;
    let month = match key.period {
        Period::Month(m) => m,
        Period::JanFeb(y) => YearMonth::new(y, 2).map_err(|_| AppError::NotFound)?,
        _ => return Err(AppError::NotFound),
    };
    let who = session.principal;
    let at = state.clock.stamp();
    let wanted = key.clone();
    let now_secs = state.clock.now_secs();
    let (figures, choices, firms) = state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                let which = || store::Which { entity: Some(key.entity), totals_only: false, periods: vec![key.period] };
                let figures = store::load_sourced(tx, which())?;
                let candidates: Vec<_> = waimao_core::source::latest_by_source(&figures)
                    .get(&key)
                    .map(|v| v.iter().map(|f| f.source).collect())
                    .unwrap_or_default();
                if candidates.is_empty() {
                    return Err(AppError::NotFound);
                }
                body.check(&candidates).map_err(|(zh, en)| AppError::BadRequest(format!("{zh} / {en}")))?;
                let before = store::load_choices(tx)?.remove(&key);
                let choice = Choice {
                    source: body.accepted(),
                    explanation: body.explanation.trim().to_string(),
                    by: who.name.clone(),
                    at: at.clone(),
                };
                let id = store::insert_choice(tx, &key, &choice)?;
                // A correction is the bureau's own value: a new version from the source `correction`,
                // approved as it is stored, named after the decision that made it.
                let (version, _) = store::next_version(tx, &key, "correction:")?;
                if let Some(o) = body.corrected(&key, version) {
                    store::insert_in(tx, &[o], true, &format!("correction:{id}"), &at)?;
                }
                let corrected = body.correction.map(|v| format!(" {v} 元")).unwrap_or_default();
                let describe = |c: Option<&Choice>, value: &str| {
                    c.map(|c| format!("{}{value}: {}", c.source.map_or("rule", |s| s.code()), c.explanation))
                };
                let entry = audit::Entry {
                    user_id: Some(who.user_id),
                    user_name: who.name.clone(),
                    action: "reconcile_choose",
                    object: format!(
                        "figure/{}/{}/{}{}",
                        body.entity,
                        key.period,
                        key.flow.code(),
                        member_path(&key.breakdown)
                    ),
                    old_value: describe(before.as_ref(), ""),
                    new_value: describe(Some(&choice), &corrected),
                };
                Ok(((store::load_sourced(tx, which())?, store::load_choices(tx)?, store::load_enterprises(tx)?), entry))
            })
        })
        .await?;
    if let Err(e) = crate::publisher::publish_all(&state).await {
        tracing::error!(error = %e, "publishing after a reconciliation decision failed");
    }
    let name = names(&state, &firms);
    reconcile::lines(&figures, month, &state.precedence, &choices, threshold_pct(), name)
        .into_iter()
        .find(|l| l.key().as_ref() == Some(&wanted))
        .map(Json)
        .ok_or(AppError::NotFound)
}

/// The stored periods a month's lines read: the month, and the 1—2月 holding January or February.
fn periods_of(month: YearMonth) -> Vec<Period> {
    let mut out = vec![Period::Month(month)];
    if month.month() <= 2 {
        out.push(Period::JanFeb(month.year()));
    }
    out
}

fn member_path(b: &Option<Breakdown>) -> String {
    b.as_ref().map_or(String::new(), |b| format!("/{}/{}", b.dimension.code(), b.member))
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
    let bad = |what: &str| AppError::BadRequest(format!("参数{what}有误 / Bad {what}"));
    let entity = Entity::parse(&q.entity).ok_or_else(|| bad("entity"))?;
    let p = &session.principal;
    require(match entity {
        Entity::Region(code) => p.can_read_county(code),
        Entity::Enterprise(id) => p.can_read_enterprise(i64::from(id)),
    })?;
    let period = Period::parse(&q.period).ok().filter(|p| matches!(p, Period::Month(_) | Period::JanFeb(_)));
    let flow = Flow::parse(&q.flow).ok_or_else(|| bad("flow"))?;
    let breakdown = match (q.dimension.as_deref().filter(|d| !d.is_empty()), q.member) {
        (None, None) => None,
        (Some(d), Some(member)) => {
            Some(Breakdown { dimension: Dimension::parse(d).ok_or_else(|| bad("dimension"))?, member })
        }
        _ => return Err(bad("dimension/member")),
    };
    let period = period.ok_or_else(|| bad("period"))?;
    let key = waimao_core::observation::FigureKey { entity, period, flow, breakdown };
    let (figures, mut choices) = state
        .store
        .call(move |c| -> Result<_, AppError> {
            Ok((
                store::load_sourced(
                    c,
                    store::Which { entity: Some(entity), totals_only: false, periods: vec![period] },
                )?,
                store::load_choices(c)?,
            ))
        })
        .await?;
    let choice = choices.remove(&key);
    Ok(Json(reconcile::history(&figures, &key, &state.precedence, choice.as_ref())))
}
