//! The city's annual targets by county: the bureau sets them, and the dashboard's completion rates
//! (computed at publication) follow.

use waimao_core::RegionCode;

use super::{require, Error, Work};
use crate::store;

/// The years a target may be set for.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Sets county `code`'s export-and-import target for `year` (whole 元), audited, then republishes.
pub fn set(w: &mut Work, code: RegionCode, year: i32, total: i64) -> Result<(), Error> {
    require(w.who.can_set_targets())?;
    if w.env.regions.county(code).is_none() || !YEARS.contains(&year) {
        return Err(Error::NotFound);
    }
    if total <= 0 {
        return Err(Error::refused("目标须为正数", "A target must be positive"));
    }
    let old = store::set_target(&w.tx, &code.to_string(), year, total)?;
    w.audit("set_target", format!("target/{code}/{year}"), old.map(|v| v.to_string()), Some(total.to_string()))?;
    w.publish_after();
    Ok(())
}
