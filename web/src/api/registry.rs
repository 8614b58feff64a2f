//! The registries kept by kind under `/api/registry/`: experts (智库专家), activities (trainings and
//! consultations) and the leading group's members.

use waimao_core::activity::Activity;
use waimao_core::expert::Expert;
use waimao_core::group::Member;
use waimao_core::registry::Listing;

use super::{get, submit, Failure, Refused};

pub async fn experts() -> Result<Listing<Expert>, Failure> {
    get("/api/registry/experts").await
}

/// Stores `e`: an edit (PUT) when it has an id, a new expert otherwise.
pub async fn save_expert(e: &Expert) -> Result<Expert, Refused> {
    match e.id {
        0 => submit("POST", "/api/registry/experts", e).await,
        id => submit("PUT", &format!("/api/registry/experts/{id}"), e).await,
    }
}

pub async fn activities() -> Result<Listing<Activity>, Failure> {
    get("/api/registry/activities").await
}

pub async fn add_activity(a: &Activity) -> Result<Activity, Refused> {
    submit("POST", "/api/registry/activities", a).await
}

pub async fn members() -> Result<Listing<Member>, Failure> {
    get("/api/registry/members").await
}

pub async fn add_member(m: &Member) -> Result<Member, Refused> {
    submit("POST", "/api/registry/members", m).await
}
