//! The server's one error type. 4xx responses carry a JSON message a person can act on; 5xx responses
//! say only that something failed, and the cause goes to the log, never to the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use waimao_core::api::ErrorBody;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("wrong name or password")]
    BadCredentials,
    #[error("cross-site request")]
    CrossSite,
    #[error("too many attempts")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("{0}")]
    BadRequest(String),
    /// A stale edit or a reused submission id: 409 with what is stored now.
    #[error("conflict: {}", .0.error)]
    Conflict(Box<waimao_core::returns::Conflict>),
    /// A return that fails validation: 422 with every finding.
    #[error("invalid return: {}", .0.error)]
    Invalid(Box<waimao_core::returns::Report>),
    /// A registry record changed since the version an edit was based on.
    #[error("stale edit")]
    Stale,
    /// A registry form that fails validation: 422 with every finding by field.
    #[error("invalid form: {}", .0.error)]
    Form(Box<waimao_core::form::FormErrors>),
    /// An import that fails its check: 422 with the check (every finding by row and column).
    #[error("invalid import: {} findings", .0.report.total)]
    Import(Box<waimao_core::import::CheckReply>),
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Internal(String),
}

impl From<crate::store::StoreError> for AppError {
    fn from(e: crate::store::StoreError) -> Self {
        use crate::store::StoreError as S;
        match e {
            S::NotFound => AppError::NotFound,
            S::Stale => AppError::Stale,
            S::Conflict(c) => AppError::Conflict(c),
            S::Invalid(r) => AppError::Invalid(r),
            S::Refused(message) => AppError::BadRequest(message),
            S::Corrupt(message) => AppError::Internal(message),
            S::Database(e) => AppError::Database(e),
            S::Io(e) => AppError::Io(e),
        }
    }
}

impl From<crate::service::Error> for AppError {
    fn from(e: crate::service::Error) -> Self {
        use crate::service::Error as E;
        match e {
            E::Forbidden => AppError::Forbidden,
            E::NotFound => AppError::NotFound,
            E::Refused(message) => AppError::BadRequest(message),
            E::Form(f) => AppError::Form(f),
            E::Import(c) => AppError::Import(c),
            E::Store(s) => s.into(),
        }
    }
}

impl From<waimao_core::form::FormErrors> for AppError {
    fn from(f: waimao_core::form::FormErrors) -> Self {
        AppError::Form(Box::new(f))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::TooManyAttempts { retry_after_secs } = self {
            let body =
                ErrorBody { error: "尝试次数过多，请稍后再试 / Too many attempts; try again later".into() };
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [(axum::http::header::RETRY_AFTER, retry_after_secs.to_string())],
                Json(body),
            )
                .into_response();
        }
        match self {
            AppError::Conflict(c) => return (StatusCode::CONFLICT, Json(*c)).into_response(),
            AppError::Invalid(r) => return (StatusCode::UNPROCESSABLE_ENTITY, Json(*r)).into_response(),
            AppError::Form(f) => return (StatusCode::UNPROCESSABLE_ENTITY, Json(*f)).into_response(),
            AppError::Import(c) => return (StatusCode::UNPROCESSABLE_ENTITY, Json(*c)).into_response(),
            _ => {}
        }
        let (status, message) = match &self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "未找到 / Not found".to_string()),
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, "请先登录 / Please sign in".to_string()),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "无权进行此操作 / You may not do this".to_string()),
            AppError::BadCredentials => {
                (StatusCode::UNAUTHORIZED, "用户名或密码错误 / Wrong name or password".to_string())
            }
            AppError::CrossSite => {
                (StatusCode::FORBIDDEN, "请求须来自本站 / Requests must come from this site".to_string())
            }
            AppError::Stale => (
                StatusCode::CONFLICT,
                "记录已被他人修改，请刷新后再改 / Someone else changed this record; reload it and edit again"
                    .to_string(),
            ),
            AppError::TooManyAttempts { .. }
            | AppError::Conflict(_)
            | AppError::Invalid(_)
            | AppError::Form(_)
            | AppError::Import(_) => {
                unreachable!("answered above")
            }
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            AppError::Database(_) | AppError::Io(_) | AppError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "服务器内部错误 / Internal server error".to_string())
            }
        };
        (status, Json(ErrorBody { error: message })).into_response()
    }
}
