//! What the registries' handlers share: the registered choices a form is
//! checked against, and the audit entry of a change.

use rusqlite::Connection;
use waimao_core::account::Principal;
use waimao_core::registry::Known;

use crate::error::AppError;
use crate::state::AppState;
use crate::store::{self, audit, records};

/// The choices of the registry and the records a form may refer to.
pub fn known(state: &AppState, conn: &Connection) -> Result<Known, AppError> {
    let mut k = Known::new(&state.regions, &state.classes, state.clock.today());
    k.experts = records::list::<waimao_core::expert::Expert>(conn)?.into_iter().map(|e| e.id).collect();
    k.enterprises = store::load_enterprises(conn)?.into_iter().map(|e| e.id).collect();
    Ok(k)
}

/// The audit entry of a registry change, with the record's JSON before and after.
pub fn entry(
    who: &Principal,
    action: &'static str,
    object: String,
    old: Option<String>,
    new: &impl serde::Serialize,
) -> audit::Entry {
    audit::Entry {
        user_id: Some(who.user_id),
        user_name: who.name.clone(),
        action,
        object,
        old_value: old,
        new_value: serde_json::to_string(new).ok(),
    }
}

/// A record the caller may not see answers 403 whether or not it exists (so ids cannot be probed);
/// the bureau and viewers, who see everything, get 404 for what does not exist.
pub fn hidden(p: &Principal) -> AppError {
    if p.can_read_registries() {
        AppError::NotFound
    } else {
        AppError::Forbidden
    }
}
