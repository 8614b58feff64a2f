//! The think tank's experts and activities and the leading group's members: read by the bureau and
//! viewers, added and edited by the bureau. The three kinds share one path through here.

use serde_json::Value;
use waimao_core::activity::Activity;
use waimao_core::expert::Expert;
use waimao_core::form::FormErrors;
use waimao_core::group::Member;

use super::{require, Error, Work};
use crate::store::records::{self, Doc};

/// The kinds served here, as named in the URL.
#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Experts,
    Activities,
    Members,
}

fn to_value<T: serde::Serialize>(v: T) -> Result<Value, Error> {
    serde_json::to_value(v).map_err(|e| Error::Store(crate::store::StoreError::Corrupt(e.to_string())))
}

/// The records of a kind: experts (with appointment terms), activities, or leading-group members.
pub fn list(w: &mut Work, kind: Kind) -> Result<Value, Error> {
    require(w.who.can_read_registries())?;
    match kind {
        Kind::Experts => to_value(records::list::<Expert>(&w.tx)?),
        Kind::Activities => to_value(records::list::<Activity>(&w.tx)?),
        Kind::Members => to_value(records::list::<Member>(&w.tx)?),
    }
}

/// Reads `body` as the kind's record, checks it (activities against the registered experts and
/// enterprises) and saves it: a new record without `id`, else record `id` at the version the body
/// names.
pub fn save(w: &mut Work, kind: Kind, body: Value, id: Option<i64>) -> Result<Value, Error> {
    require(w.who.can_edit_registries())?;
    match kind {
        Kind::Experts => store(w, checked::<Expert>(body, Expert::check)?, id),
        Kind::Activities => {
            let k = w.known()?;
            store(w, checked::<Activity>(body, |a| a.check(&k))?, id)
        }
        Kind::Members => store(w, checked::<Member>(body, Member::check)?, id),
    }
}

fn checked<T: Doc>(body: Value, check: impl FnOnce(&T) -> Result<(), FormErrors>) -> Result<T, Error> {
    let item: T = serde_json::from_value(body)
        .map_err(|e| Error::Refused(format!("记录格式不正确 / The record is malformed: {e}")))?;
    check(&item)?;
    Ok(item)
}

/// Inserts (no id) or updates record `id`, with its audit entry.
fn store<T: Doc>(w: &mut Work, mut item: T, id: Option<i64>) -> Result<Value, Error> {
    let (action, old) = match id {
        None => {
            records::insert(&w.tx, &mut item, w.at.secs)?;
            ("create_record", None)
        }
        Some(id) => {
            let base = *item.ids().1;
            *item.ids().0 = id;
            ("update_record", Some(records::update(&w.tx, &mut item, base, w.at.secs)?))
        }
    };
    let object = format!("{}/{}", T::KIND, *item.ids().0);
    w.audit_record(action, object, old, &item)?;
    to_value(&item)
}
