//! The store's own error: what went wrong in terms of stored records (none, stale, in conflict,
//! refused) or of the database itself. It knows nothing of HTTP; `crate::error` maps it to a response.

use waimao_core::returns::{Conflict, Report};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such record.
    #[error("not found")]
    NotFound,
    /// A registry record changed since the version an edit was based on.
    #[error("stale edit")]
    Stale,
    /// A stale return or a reused submission id, with what is stored now.
    #[error("conflict: {}", .0.error)]
    Conflict(Box<Conflict>),
    /// A return that fails validation, with every finding.
    #[error("invalid return: {}", .0.error)]
    Invalid(Box<Report>),
    /// A change the stored state refuses (a name taken, a batch already reviewed…), with the message a
    /// person can act on, in both languages ("zh / en").
    #[error("{0}")]
    Refused(String),
    /// A stored value that cannot be read back: a bug or a damaged database, never the user's fault.
    #[error("corrupt store: {0}")]
    Corrupt(String),
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
}
