//! The key enterprises (重点企业): the list with standing, one enterprise's page, adding and editing,
//! their problems (困难诉求) and the briefing's figures of them.

use waimao_core::briefing::enterprises::EnterpriseSeries;
use waimao_core::enterprise::{Enterprise, EnterpriseRow};
use waimao_core::problem::{Problem, Reply};
use waimao_core::registry::{EnterpriseDetail, Listing};

use super::{get, submit, Failure, Refused};

/// The enterprises the caller may see, each with its year-to-date standing.
pub async fn list() -> Result<Listing<EnterpriseRow>, Failure> {
    get("/api/enterprises").await
}

/// One enterprise's profile, figures, returns and problems.
pub async fn detail(id: i64) -> Result<EnterpriseDetail, Failure> {
    get(&format!("/api/enterprises/{id}")).await
}

/// Stores `e`: an edit (PUT, based on its version) when it has an id, a new enterprise otherwise.
pub async fn save(e: &Enterprise) -> Result<Enterprise, Refused> {
    match e.id {
        0 => submit("POST", "/api/enterprises", e).await,
        id => submit("PUT", &format!("/api/enterprises/{id}"), e).await,
    }
}

/// Raises a problem for the enterprise `enterprise`.
pub async fn raise_problem(enterprise: i64, p: &Problem) -> Result<Problem, Refused> {
    submit("POST", &format!("/api/enterprises/{enterprise}/problems"), p).await
}

/// Replies to (or follows up) the problem `problem`.
pub async fn reply(problem: i64, r: &Reply) -> Result<Problem, Refused> {
    submit("POST", &format!("/api/problems/{problem}/replies"), r).await
}

/// The key enterprises' monthly series for the briefing (the bureau and viewers only).
pub async fn briefing_series() -> Result<Vec<EnterpriseSeries>, Failure> {
    get("/api/briefing/enterprises").await
}
