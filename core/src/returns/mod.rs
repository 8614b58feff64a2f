//! Monthly returns (月报): what a county bureau or a key enterprise files for one month, the submission
//! that carries it to the server (with the client's UUID, so that a retried send is stored once), and
//! the review workflow it goes through (submitted → approved, or returned with a comment).

mod content;
mod draft;
mod history;
mod messages;
mod timeliness;
mod validate;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::period::YearMonth;
use crate::region::RegionCode;

pub use content::{Difficulty, DifficultyCategory, Outlook, Part, ReturnContent};
pub use draft::{DifficultyText, Draft, PartText};
pub use history::{HistoryEntry, ReturnHistory};
pub use timeliness::{due_date, Filing, FilingRow};
pub use validate::{
    validate, Check, Context, Field, Finding, MemberCheck, Report, Severity, UnitHint, COMMENT_CHARS,
    DEFAULT_GROWTH_LIMIT_PCT, DIFFICULTY_CHARS, EXPLANATION_CHARS,
};

/// Whose return it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Owner {
    County(RegionCode),
    Enterprise(i64),
}

impl Owner {
    /// The path segment of the API (`county` or `enterprise`).
    pub fn kind(self) -> &'static str {
        match self {
            Owner::County(_) => "county",
            Owner::Enterprise(_) => "enterprise",
        }
    }

    /// The owner's id as text, as stored.
    pub fn id_text(self) -> String {
        match self {
            Owner::County(c) => c.to_string(),
            Owner::Enterprise(e) => e.to_string(),
        }
    }

    /// Whose figures the owner's approved returns become; `None` for an enterprise id out of range.
    pub fn entity(self) -> Option<crate::observation::Entity> {
        use crate::observation::Entity;
        match self {
            Owner::County(c) => Some(Entity::Region(c)),
            Owner::Enterprise(e) => u32::try_from(e).ok().map(Entity::Enterprise),
        }
    }

    /// Parses the API's path segments (`county`/`610302`, `enterprise`/`7`).
    pub fn parse(kind: &str, id: &str) -> Option<Owner> {
        match kind {
            "county" => RegionCode::parse(id).ok().map(Owner::County),
            "enterprise" => id.parse().ok().filter(|n| *n > 0).map(Owner::Enterprise),
            _ => None,
        }
    }

    /// `/api/returns/{kind}/{id}`: the base of this owner's API paths.
    pub fn api_base(self) -> String {
        format!("/api/returns/{}/{}", self.kind(), self.id_text())
    }
}

/// Where a version of a return stands in the bureau's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ReturnState {
    /// Filed and waiting for the bureau.
    Submitted,
    /// Approved and published; locked until the bureau reopens it.
    Approved,
    /// Sent back with a comment; the filer corrects it and submits a new version.
    Returned,
    /// Was approved; the bureau reopened it (an audited action) so that a new version can be filed.
    Reopened,
}

impl ReturnState {
    pub fn code(self) -> &'static str {
        match self {
            ReturnState::Submitted => "submitted",
            ReturnState::Approved => "approved",
            ReturnState::Returned => "returned",
            ReturnState::Reopened => "reopened",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [ReturnState::Submitted, ReturnState::Approved, ReturnState::Returned, ReturnState::Reopened]
            .into_iter()
            .find(|st| st.code() == s)
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            ReturnState::Submitted => lang.pick("待审核", "awaiting review"),
            // Approved is not yet published: a month is published once every county's is approved.
            ReturnState::Approved => lang.pick("已审核", "approved"),
            ReturnState::Returned => lang.pick("已退回修改", "returned for correction"),
            ReturnState::Reopened => lang.pick("已重新开放", "reopened"),
        }
    }
}

/// `POST /api/returns`: one filing of a return, as the client's queue sends it (and may send again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// A UUID the client generated when the user pressed submit; the server stores each id once.
    pub id: String,
    pub owner: Owner,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2021-07"))]
    pub month: YearMonth,
    /// The version this edit was based on: 0 for a first filing. A stale base is a conflict (409).
    pub base_version: u32,
    pub content: ReturnContent,
    /// Required when validation warns (for example 同比 beyond ±50%).
    #[serde(default)]
    pub explanation: String,
}

impl Submission {
    /// The submission without its id, serialised: what must be equal for a resend to be "the same".
    pub fn fingerprint(&self) -> String {
        serde_json::to_string(&(&self.owner, self.month, self.base_version, &self.content, &self.explanation))
            .unwrap_or_default()
    }

    /// Whether `id` is a UUID as browsers' `crypto.randomUUID()` writes it.
    pub fn id_is_valid(&self) -> bool {
        let b = self.id.as_bytes();
        b.len() == 36
            && b.iter().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => *c == b'-',
                _ => c.is_ascii_hexdigit(),
            })
    }
}

/// One stored version of a return, as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRecord {
    pub owner: Owner,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2021-07"))]
    pub month: YearMonth,
    pub version: u32,
    pub submission_id: String,
    pub state: ReturnState,
    pub content: ReturnContent,
    pub explanation: String,
    pub submitted_by: String,
    /// RFC 3339, UTC.
    pub submitted_at: String,
    pub review_comment: Option<String>,
}

/// The answer to a submission (the same answer each time the same submission is sent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ack {
    pub id: String,
    pub version: u32,
    /// Whether this answer is for a resend of a submission already stored.
    pub replayed: bool,
}

/// The body of a 409 for a stale edit: the version now stored, so the form can show both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Conflict {
    pub error: String,
    pub current: Option<ReturnRecord>,
}

/// `POST /api/returns/{kind}/{id}/{month}/review` (admin): approve or return a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub version: u32,
    pub approve: bool,
    /// Required when returning.
    #[serde(default)]
    pub comment: String,
}

/// `POST /api/returns/{kind}/{id}/{month}/reopen` (admin): unlock an approved return, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Reopen {
    pub reason: String,
}

/// What approving a county's return means for publication, by the rule `publish::complete_periods_only`
/// applies: "全市12个县区中已审核3个，齐全后发布", or that the month is published.
pub fn publication_note(approved: usize, counties: usize, lang: Lang) -> String {
    match (lang, approved >= counties) {
        (Lang::Zh, true) => format!("全市{counties}个县区均已审核，本月数据已发布"),
        (Lang::Zh, false) => format!("全市{counties}个县区中已审核{approved}个，齐全后发布"),
        (Lang::En, true) => format!("all {counties} counties are approved: the month is published"),
        (Lang::En, false) => format!("{approved} of {counties} counties approved; published once all are"),
    }
}

#[cfg(test)]
mod tests;
