//! Monthly returns: filing (the outbox's), a filer's history and stored version, and the bureau's
//! review, reopening and completeness table. A filer's routes hang off `Owner::api_base`.

use waimao_core::returns::{FilingRow, Owner, Reopen, ReturnHistory, ReturnRecord, Review, Submission};
use waimao_core::YearMonth;

use super::{get, get_cached, send, Failure};

/// Files a return: `POST /api/returns`. Answers the status (0 when the network failed) and the body
/// as text, since the outbox reads a 2xx, 401, 409 and 422 each its own way.
pub async fn file(s: &Submission) -> (u16, String) {
    let req = match gloo_net::http::Request::post("/api/returns").json(s) {
        Ok(r) => r,
        Err(e) => return (0, e.to_string()),
    };
    match req.send().await {
        Ok(resp) => (resp.status(), resp.text().await.unwrap_or_default()),
        Err(e) => (0, e.to_string()),
    }
}

fn of(owner: Owner, month: YearMonth) -> String {
    format!("{}/{month}", owner.api_base())
}

/// A filer's approved totals. Cached, so the form works offline after one visit.
pub async fn history(owner: Owner) -> Result<ReturnHistory, Failure> {
    get_cached(&format!("{}/history", owner.api_base())).await
}

/// The stored version of a filer's month, if any. Cached like [`history`].
pub async fn record(owner: Owner, month: YearMonth) -> Result<Option<ReturnRecord>, Failure> {
    get_cached(&of(owner, month)).await
}

/// Returns awaiting the bureau's review.
pub async fn pending() -> Result<Vec<ReturnRecord>, Failure> {
    get("/api/returns/pending").await
}

/// Every filer's standing for a month: on time, late or missing.
pub async fn completeness(month: YearMonth) -> Result<Vec<FilingRow>, Failure> {
    get(&format!("/api/completeness/{month}")).await
}

/// Approves (and publishes) or returns a version with a comment.
pub async fn review(owner: Owner, month: YearMonth, body: &Review) -> Result<ReturnRecord, Failure> {
    send("POST", &format!("{}/review", of(owner, month)), body).await
}

/// Opens an approved return again for the filer.
pub async fn reopen(owner: Owner, month: YearMonth, body: &Reopen) -> Result<ReturnRecord, Failure> {
    send("POST", &format!("{}/reopen", of(owner, month)), body).await
}
