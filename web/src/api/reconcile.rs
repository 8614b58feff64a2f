//! 数据核对: a month's figures by source, and the bureau's choice or correction of one.

use waimao_core::reconcile::{ChoiceRequest, Line, Reconciliation};
use waimao_core::YearMonth;

use super::{get, send, Failure};

pub async fn month(m: YearMonth) -> Result<Reconciliation, Failure> {
    get(&format!("/api/reconcile?month={m}")).await
}

/// Records the bureau's decision on a figure; answers the figure's line after it.
pub async fn choose(body: &ChoiceRequest) -> Result<Line, Failure> {
    send("POST", "/api/reconcile", body).await
}
