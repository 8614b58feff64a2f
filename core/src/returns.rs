//! A monthly return (月报) as the internal API shows it: the latest version of a county's or an
//! enterprise's exports and imports for one month, and whether the bureau has approved it.

use serde::{Deserialize, Serialize};

/// The latest version of one flow of a return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figure {
    /// Whole 元.
    pub value: i64,
    /// 1 for the first save of the flow, one more for each later save.
    pub version: u32,
    /// Whether the bureau has approved this version.
    pub approved: bool,
}

/// A county's or an enterprise's return for one month: the latest version of each flow, or null for a
/// flow never entered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Return {
    pub exports: Option<Figure>,
    pub imports: Option<Figure>,
}

impl Return {
    /// Approved only when every flow entered is approved.
    pub fn is_approved(&self) -> bool {
        let flows = [&self.exports, &self.imports];
        flows.iter().any(|f| f.is_some()) && flows.iter().all(|f| f.as_ref().is_none_or(|f| f.approved))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approval_needs_every_entered_flow() {
        let f = |approved| Some(Figure { value: 1, version: 1, approved });
        assert!(!Return::default().is_approved());
        assert!(Return { exports: f(true), imports: f(true) }.is_approved());
        assert!(!Return { exports: f(true), imports: f(false) }.is_approved());
        assert!(Return { exports: f(true), imports: None }.is_approved());
    }
}
