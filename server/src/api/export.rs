//! Downloads of the registries' tables as CSV (UTF-8 with a byte-order mark, for Excel) or XLSX, with
//! exactly the rows the caller may see on the page.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use waimao_core::api::ErrorBody;
use waimao_core::chart::Table;
use waimao_core::lang::Lang;
use waimao_core::{activity, enterprise, expert, group, problem, task};

use super::require;
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{self, records};

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct ExportQuery {
    /// `zh` (default) or `en`: the headers' and labels' language.
    lang: Option<String>,
}

/// The file's base name and its sheet title in each language.
const FILES: [(&str, &str, &str); 7] = [
    ("enterprises", "重点外贸企业", "Key enterprises"),
    ("problems", "困难诉求", "Problems"),
    ("experts", "专家智库", "Experts"),
    ("activities", "智库活动", "Activities"),
    ("members", "领导小组成员", "Members"),
    ("meetings", "领导小组会议", "Meetings"),
    ("tasks", "议定任务", "Tasks"),
];

/// One registry table as a file.
#[utoipa::path(get, path = "/api/export/{file}", tag = "registries", security(("session" = [])),
    params(("file", description = "`<name>.csv` or `<name>.xlsx`; name in enterprises, problems, experts, activities, members, meetings, tasks.",
        example = "enterprises.xlsx"), ExportQuery),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "The file, as an attachment.", content_type = "text/csv", body = String),
        (status = 403, description = "The table is not the caller's to read.", body = ErrorBody),
        (status = 404, description = "No such table or format.", body = ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(file): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let (name, ext) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    let (_, zh, en) = *FILES.iter().find(|f| f.0 == name).ok_or(AppError::NotFound)?;
    if ext != "csv" && ext != "xlsx" {
        return Err(AppError::NotFound);
    }
    let lang = q.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    let p = session.principal;
    if !matches!(name, "enterprises" | "problems" | "tasks") {
        require(p.can_read_registries())?;
    }
    let (s, name_owned) = (state.clone(), name.to_string());
    let table = state.store.call(move |c| build(&s, c, &p, &name_owned, lang)).await?;
    let title = lang.pick(zh, en);
    let disposition = format!("attachment; filename=\"{name}.{ext}\"; filename*=UTF-8''{}.{ext}", encode(title));
    let (mime, bytes) = if ext == "csv" {
        ("text/csv; charset=utf-8", table.to_csv().into_bytes())
    } else {
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", crate::xlsx::workbook(&table, title)?)
    };
    Ok(([(header::CONTENT_TYPE, mime.to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

/// Any table a page shows (a dashboard panel, a briefing table) as an Excel workbook. The page sends
/// the cells it shows, so the file holds exactly the numbers on screen; no session is needed because
/// the public dashboard's tables download too, and nothing is read or stored.
#[utoipa::path(post, path = "/api/xlsx", tag = "exports", request_body = waimao_core::api::TableDownload,
    responses((status = 200, description = "The workbook.",
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 400, description = "No headers, rows longer than the headers, or more columns, rows or characters in a cell than a workbook holds.", body = ErrorBody),
        (status = 403, description = "A cross-site request.", body = ErrorBody)))]
pub async fn table_xlsx(axum::Json(body): axum::Json<waimao_core::api::TableDownload>) -> Result<Response, AppError> {
    body.check().map_err(|(zh, en)| AppError::BadRequest(format!("{zh} / {en}")))?;
    let sheet = body.sheet_name();
    // The checks above are what a workbook needs; should the writer still refuse, the input is why.
    let bytes = tokio::task::spawn_blocking(move || crate::xlsx::workbook(&body.table, &sheet))
        .await
        .map_err(|e| AppError::Internal(format!("xlsx task: {e}")))?
        .map_err(|e| AppError::BadRequest(format!("无法写出该表格 / The table cannot be written: {e}")))?;
    Ok(([(header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")], bytes)
        .into_response())
}

/// RFC 5987 percent-encoding of a file name.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn build(
    state: &AppState,
    c: &rusqlite::Connection,
    p: &waimao_core::account::Principal,
    name: &str,
    lang: Lang,
) -> Result<Table, AppError> {
    let today = state.clock.today();
    let county_name = |code| state.regions.county(code).map_or(code.to_string(), |r| r.name(lang).to_string());
    let firms = store::load_enterprises(c)?;
    let firm_name = |id: i64| firms.iter().find(|e| e.id == id).map_or(id.to_string(), |e| e.name(lang).to_string());
    Ok(match name {
        "enterprises" => {
            let rows = super::enterprises::rows(c, p, &state.precedence, today)?;
            let hs = |code: &str| {
                state
                    .classes
                    .member(waimao_core::Dimension::HsSection, code)
                    .map_or(code.to_string(), |m| m.name(lang).to_string())
            };
            enterprise::list_table(&rows, county_name, hs, lang)
        }
        "problems" => {
            let seen = |id: i64| firms.iter().any(|e| e.id == id && super::enterprises::visible(p, e));
            let list: Vec<problem::Problem> =
                records::list::<problem::Problem>(c)?.into_iter().filter(|x| seen(x.enterprise)).collect();
            problem::table(&list, firm_name, today, lang)
        }
        "experts" => expert::table(&records::list(c)?, today, lang),
        "activities" => {
            let experts: Vec<expert::Expert> = records::list(c)?;
            let expert_name = |id: i64| experts.iter().find(|e| e.id == id).map_or(id.to_string(), |e| e.name.clone());
            activity::table(&records::list(c)?, expert_name, firm_name, lang)
        }
        "members" => group::members_table(&records::list(c)?, today, lang),
        "meetings" => group::meetings_table(&records::list(c)?, lang),
        _ => {
            let meetings: Vec<group::Meeting> = records::list(c)?;
            let title = |id: i64| meetings.iter().find(|m| m.id == id).map_or(String::new(), |m| m.title.clone());
            let list: Vec<task::Task> = records::list::<task::Task>(c)?
                .into_iter()
                .filter(|t| p.can_read_task(t.responsible.county()))
                .collect();
            task::table(&list, title, county_name, today, lang)
        }
    })
}
