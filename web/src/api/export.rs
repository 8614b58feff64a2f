//! Files the server writes: every registry table as CSV or XLSX (plain links, so the browser saves
//! them), and any table a page shows as a workbook (`POST /api/xlsx`).

use waimao_core::api::TableDownload;
use waimao_core::Lang;

/// The download of the registry export `name` (`enterprises`, `experts`, …) as `ext` (`csv`, `xlsx`).
pub fn href(name: &str, ext: &str, lang: Lang) -> String {
    format!("/api/export/{name}.{ext}?lang={}", lang.code())
}

/// The workbook of `body`'s table, as bytes; the error is for the log.
pub async fn xlsx(body: &TableDownload) -> Result<Vec<u8>, String> {
    let request = gloo_net::http::Request::post("/api/xlsx").json(body).map_err(|e| e.to_string())?;
    let response = request.send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.binary().await.map_err(|e| e.to_string())
}
