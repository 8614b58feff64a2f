//! The key-enterprise registry: the list with each enterprise's standing, one enterprise's page,
//! adding and editing records (the bureau), and raising problems (the bureau or the enterprise).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use waimao_core::account::Principal;
use waimao_core::api::ErrorBody;
use waimao_core::briefing::enterprises::EnterpriseSeries;
use waimao_core::enterprise::{Enterprise, EnterpriseRow, Standing};
use waimao_core::form::FormErrors;
use waimao_core::problem::{Problem, ProblemStatus};
use waimao_core::registry::{EnterpriseDetail, Listing};
use waimao_core::returns::Owner;
use waimao_core::source::Precedence;

use super::context::{entry, hidden, known};
use super::require;
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{self, audit, records, returns};

/// Whether `p` may see enterprise `e` (its own record, its county's, or all for the bureau and viewers).
pub fn visible(p: &Principal, e: &Enterprise) -> bool {
    p.can_see_enterprise(e.id, e.county)
}

/// The rows the caller may see, each with its year-to-date standing at the latest approved month.
pub fn rows(
    conn: &rusqlite::Connection,
    p: &Principal,
    precedence: &Precedence,
    today: chrono::NaiveDate,
) -> Result<Vec<EnterpriseRow>, AppError> {
    let problems: Vec<Problem> = records::list(conn)?;
    let mut out = Vec::new();
    let mut histories = Vec::new();
    for e in store::load_enterprises(conn)?.into_iter().filter(|e| visible(p, e)) {
        let h = returns::history(conn, Owner::Enterprise(e.id), precedence)?;
        histories.push((e, h));
    }
    let latest = histories.iter().flat_map(|(_, h)| h.entries.iter().map(|x| x.period.last_month())).max();
    for (e, h) in histories {
        let mine = problems.iter().filter(|x| x.enterprise == e.id && !x.status.is_finished());
        let (open, overdue) = mine.fold((0, 0), |(o, d), x| (o + 1, d + u32::from(x.is_overdue(today))));
        let standing = latest.map(|m| Standing::at(&h, m)).unwrap_or_default();
        out.push(EnterpriseRow {
            enterprise: e,
            month: latest,
            standing,
            open_problems: open,
            overdue_problems: overdue,
        });
    }
    Ok(out)
}

/// The key enterprises the caller may see, with their standing and open problems.
#[utoipa::path(get, path = "/api/enterprises", tag = "registries", security(("session" = [])),
    responses((status = 200, description = "Visible enterprises: all for the bureau and viewers, a county's own, an enterprise itself.", body = Listing<EnterpriseRow>),
        (status = 401, description = "No session.", body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<Listing<EnterpriseRow>>, AppError> {
    let p = session.principal;
    let precedence = Arc::clone(&state.precedence);
    let today = state.clock.today();
    let items = state.store.call(move |c| rows(c, &p, &precedence, today)).await?;
    Ok(Json(Listing { today, items }))
}

/// The checks of a record, and that no other enterprise holds its code.
fn check(state: &AppState, c: &rusqlite::Connection, e: &Enterprise) -> Result<(), AppError> {
    let mut fields = match e.check(&known(state, c)?) {
        Ok(()) => Vec::new(),
        Err(f) => f.fields,
    };
    if !e.uscc.is_empty() && store::uscc_taken(c, e.uscc.trim(), e.id)? {
        fields.push(waimao_core::form::FieldError {
            field: "uscc".into(),
            zh: "该统一社会信用代码已登记为另一家企业".into(),
            en: "Another enterprise is registered with this code".into(),
        });
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(FormErrors::new(fields).into())
    }
}

fn normalise(e: &mut Enterprise) {
    e.uscc = e.uscc.trim().to_ascii_uppercase();
    e.name_zh = e.name_zh.trim().to_string();
}

/// Adds a key enterprise (the bureau).
#[utoipa::path(post, path = "/api/enterprises", tag = "registries", security(("session" = [])), request_body = Enterprise,
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 201, description = "Added, with its id.", body = Enterprise),
        (status = 403, description = "Not the bureau.", body = ErrorBody),
        (status = 422, description = "Findings by field, in both languages.", body = FormErrors)))]
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Json(mut e): Json<Enterprise>,
) -> Result<(StatusCode, Json<Enterprise>), AppError> {
    require(session.principal.is_admin())?;
    let p = session.principal;
    let s = state.clone();
    normalise(&mut e);
    let now_secs = state.clock.now_secs();
    let e = state
        .store
        .call(move |c| -> Result<_, AppError> {
            check(&s, c, &e)?;
            audit::record(c, now_secs, |tx| {
                store::create_enterprise(tx, &mut e)?;
                let log = entry(&p, "create_enterprise", format!("enterprise/{}", e.id), None, &e);
                Ok((e, log))
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(e)))
}

/// Edits a key enterprise (the bureau); the body names the version it was based on.
#[utoipa::path(put, path = "/api/enterprises/{id}", tag = "registries", security(("session" = [])), request_body = Enterprise,
    params(("id", description = "The enterprise.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "Saved as the next version.", body = Enterprise),
        (status = 403, description = "Not the bureau.", body = ErrorBody),
        (status = 404, description = "No such enterprise.", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`.", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Json(mut e): Json<Enterprise>,
) -> Result<Json<Enterprise>, AppError> {
    require(session.principal.is_admin())?;
    let p = session.principal;
    let s = state.clone();
    e.id = id;
    normalise(&mut e);
    let now_secs = state.clock.now_secs();
    let e = state
        .store
        .call(move |c| -> Result<_, AppError> {
            store::get_enterprise(c, id)?.ok_or(AppError::NotFound)?;
            check(&s, c, &e)?;
            audit::record(c, now_secs, |tx| {
                let base = e.version;
                let old = store::update_enterprise(tx, &mut e, base)?;
                let log =
                    entry(&p, "update_enterprise", format!("enterprise/{id}"), serde_json::to_string(&old).ok(), &e);
                Ok((e, log))
            })
        })
        .await?;
    Ok(Json(e))
}

/// One enterprise's page: the record, its approved months, its returns and its problems.
#[utoipa::path(get, path = "/api/enterprises/{id}", tag = "registries", security(("session" = [])),
    params(("id", description = "The enterprise.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "The enterprise's page.", body = EnterpriseDetail),
        (status = 403, description = "Not the caller's (asked of any id the caller may not see).", body = ErrorBody),
        (status = 404, description = "No such enterprise (for the bureau and viewers).", body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Json<EnterpriseDetail>, AppError> {
    let p = session.principal;
    // An enterprise user's binding decides before anything is looked up.
    require(p.may_ask_for_enterprise(id))?;
    let precedence = Arc::clone(&state.precedence);
    let today = state.clock.today();
    let d = state
        .store
        .call(move |c| -> Result<_, AppError> {
            let e = store::get_enterprise(c, id)?.filter(|e| visible(&p, e)).ok_or_else(|| hidden(&p))?;
            let history = returns::history(c, Owner::Enterprise(id), &precedence)?;
            let returns = returns::briefs(c, Owner::Enterprise(id))?;
            let problems = records::list::<Problem>(c)?.into_iter().filter(|x| x.enterprise == id).collect();
            Ok(EnterpriseDetail {
                can_raise: p.can_raise_problem(id),
                enterprise: e,
                history,
                returns,
                problems,
                today,
            })
        })
        .await?;
    Ok(Json(d))
}

/// Raises a problem or demand (困难诉求) for an enterprise: the bureau, or the enterprise itself.
#[utoipa::path(post, path = "/api/enterprises/{id}/problems", tag = "registries", security(("session" = [])), request_body = Problem,
    params(("id", description = "The enterprise.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 201, description = "Raised; open.", body = Problem),
        (status = 403, description = "Neither the bureau nor this enterprise.", body = ErrorBody),
        (status = 404, description = "No such enterprise.", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn raise(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Json(mut problem): Json<Problem>,
) -> Result<(StatusCode, Json<Problem>), AppError> {
    let p = session.principal;
    require(p.can_raise_problem(id))?;
    problem.enterprise = id;
    problem.status = ProblemStatus::Open;
    problem.replies.clear();
    problem.finished_on = None;
    problem.illustrative = false;
    problem.description = problem.description.trim().to_string();
    if !p.is_admin() {
        // Only the bureau assigns a department.
        problem.department.clear();
    }
    problem.check(state.clock.today())?;
    let now_secs = state.clock.now_secs();
    let problem = state
        .store
        .call(move |c| -> Result<_, AppError> {
            store::get_enterprise(c, id)?.ok_or(AppError::NotFound)?;
            audit::record(c, now_secs, |tx| {
                let pid = records::insert(tx, &mut problem, now_secs)?;
                let log = entry(&p, "raise_problem", format!("problem/{pid}"), None, &problem);
                Ok((problem, log))
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(problem)))
}

/// Every key enterprise's monthly exports and imports (approved figures), for the briefing's part on
/// the key enterprises: the bureau and viewers only, since enterprise figures are never published.
#[utoipa::path(get, path = "/api/briefing/enterprises", tag = "registries", security(("session" = [])),
    responses((status = 200, description = "Each enterprise with at least one approved month.", body = Vec<EnterpriseSeries>),
        (status = 401, description = "No session.", body = ErrorBody),
        (status = 403, description = "Not the bureau or a viewer.", body = ErrorBody)))]
pub async fn briefing_series(
    State(state): State<AppState>,
    session: Session,
) -> Result<Json<Vec<EnterpriseSeries>>, AppError> {
    require(session.principal.can_read_registries())?;
    let precedence = Arc::clone(&state.precedence);
    let out = state
        .store
        .call(move |c| -> Result<_, AppError> {
            let mut out = Vec::new();
            for e in store::load_enterprises(c)? {
                let h = returns::history(c, Owner::Enterprise(e.id), &precedence)?;
                if let Some((exports, imports)) = waimao_core::enterprise::series(&h) {
                    out.push(EnterpriseSeries {
                        id: e.id,
                        name_zh: e.name_zh.clone(),
                        name_en: e.name_en.clone(),
                        county: e.county,
                        exports,
                        imports,
                    });
                }
            }
            Ok(out)
        })
        .await?;
    Ok(Json(out))
}
