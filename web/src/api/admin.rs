//! The bureau's administration: accounts, the audit log and the counties' annual targets.

use waimao_core::account::Role;
use waimao_core::api::{NewUser, OneTimePassword, TargetValue, UserChange};
use waimao_core::RegionCode;

use super::{get, send, send_empty, Failure};

/// A user as the admin list shows it (the server's `User`).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub county: Option<RegionCode>,
    pub enterprise: Option<i64>,
    pub disabled: bool,
}

/// One entry of the audit log (the server's `AuditEntry`).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct AuditRow {
    /// Unix seconds.
    pub at: i64,
    pub user_name: String,
    pub action: String,
    pub object: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

pub async fn users() -> Result<Vec<UserRow>, Failure> {
    get("/api/users").await
}

/// Creates an account; answers its one-time password.
pub async fn add_user(body: &NewUser) -> Result<OneTimePassword, Failure> {
    send("POST", "/api/users", body).await
}

/// Re-binds, disables or enables the user `id`.
pub async fn change_user(id: i64, change: &UserChange) -> Result<(), Failure> {
    // The answer is the changed user, which no page reads; it is still parsed, as before.
    send::<_, serde_json::Value>("PATCH", &format!("/api/users/{id}"), change).await.map(|_| ())
}

/// Sets a new one-time password for the user `id`.
pub async fn reset_password(id: i64) -> Result<OneTimePassword, Failure> {
    send("POST", &format!("/api/users/{id}/password"), &()).await
}

/// The newest `limit` audit entries, filtered by user name and action when those are not empty.
pub async fn audit(user: &str, action: &str, limit: u32) -> Result<Vec<AuditRow>, Failure> {
    let mut q = vec![format!("limit={limit}")];
    if !user.is_empty() {
        q.push(format!("user={}", js_sys::encode_uri_component(user)));
    }
    if !action.is_empty() {
        q.push(format!("action={}", js_sys::encode_uri_component(action)));
    }
    get(&format!("/api/audit?{}", q.join("&"))).await
}

/// Sets a county's annual target for `year`, in whole 元.
pub async fn set_target(county: RegionCode, year: i32, total: i64) -> Result<(), Failure> {
    send_empty("PUT", &format!("/api/targets/{county}/{year}"), &TargetValue { total }).await
}
