//! The domain's error: what a command refuses and why, in terms of the objects it touches. It knows
//! nothing of HTTP; `crate::error` maps it to a status and a body.

use waimao_core::form::FormErrors;
use waimao_core::import::CheckReply;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The principal may not do this to this object (a rule of `core::account`).
    #[error("forbidden")]
    Forbidden,
    /// No such object.
    #[error("not found")]
    NotFound,
    /// A command the rules refuse, with the message a person can act on, in both languages ("zh / en").
    #[error("{0}")]
    Refused(String),
    /// A registry form that fails core's check, with every finding by field.
    #[error("invalid form: {}", .0.error)]
    Form(Box<FormErrors>),
    /// An import that fails its check, with every finding by row and column.
    #[error("invalid import: {} findings", .0.report.total)]
    Import(Box<CheckReply>),
    /// What the store refused or failed at (stale, conflict, an invalid return, the database).
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Error {
    /// A refusal in both languages.
    pub fn refused(zh: &str, en: &str) -> Self {
        Error::Refused(waimao_core::Lang::both(zh, en))
    }
}

impl From<FormErrors> for Error {
    fn from(f: FormErrors) -> Self {
        Error::Form(Box::new(f))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Store(StoreError::from(e))
    }
}
