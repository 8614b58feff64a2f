//! Downloads of the registries' tables as CSV (UTF-8 with a byte-order mark, for Excel) or XLSX, with
//! exactly the rows the caller may see on the page.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use waimao_core::api::ErrorBody;
use waimao_core::lang::Lang;

use crate::auth::{ClientAddr, Session};
use crate::error::AppError;
use crate::service::{self, tables::TABLES};
use crate::state::AppState;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct ExportQuery {
    /// `zh` (default) or `en`: the headers' and labels' language.
    lang: Option<String>,
}

/// One registry table as a file.
#[utoipa::path(get, path = "/api/export/{file}", tag = "registries", security(("session" = [])),
    params(("file", description = "`<name>.csv` or `<name>.xlsx`; name in enterprises, problems, experts, activities, members, meetings, tasks.",
        example = "enterprises.xlsx"), ExportQuery),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "The file, as an attachment: CSV (UTF-8 with a byte-order mark) or XLSX, by the extension asked for.",
            content((String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 403, description = "The table is not the caller's to read.", body = ErrorBody),
        (status = 404, description = "No such table or format.", body = ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(file): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let (name, ext) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    let (_, zh, en) = *TABLES.iter().find(|f| f.0 == name).ok_or(AppError::NotFound)?;
    if ext != "csv" && ext != "xlsx" {
        return Err(AppError::NotFound);
    }
    let lang = q.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    let owned = name.to_string();
    let table = service::run(&state, session.principal, move |w| service::tables::table(w, &owned, lang)).await?;
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
/// the public dashboard's tables download too, and nothing is read or stored. One address may ask for
/// a burst of workbooks and then a steady rate (`rate_limit::XLSX_BURST`, `XLSX_PER_MINUTE`).
#[utoipa::path(post, path = "/api/xlsx", tag = "exports", request_body = waimao_core::api::TableDownload,
    responses((status = 200, description = "The workbook.",
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 400, description = "No headers, rows longer than the headers, or more columns, rows or characters in a cell than a workbook holds.", body = ErrorBody),
        (status = 403, description = "A cross-site request.", body = ErrorBody),
        (status = 429, description = "Too many workbooks from this address; `Retry-After` says when to ask again.", body = ErrorBody)))]
pub async fn table_xlsx(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    axum::Json(body): axum::Json<waimao_core::api::TableDownload>,
) -> Result<Response, AppError> {
    state.xlsx_limit.check(addr).map_err(|retry_after_secs| AppError::TooManyAttempts { retry_after_secs })?;
    body.check().map_err(|(zh, en)| AppError::BadRequest(waimao_core::Lang::both(&zh, &en)))?;
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
