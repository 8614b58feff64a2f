//! The bodies the role matrix sends: a new enterprise, a return in a month of its own, a review and a
//! reopening, each unique to its attempt where it must be.

use serde_json::json;

use super::{Object, OWN_COUNTY};

/// A new enterprise with a valid, unique code for attempt `n`.
pub fn new_firm(n: usize) -> serde_json::Value {
    let mut code = format!("91610302MA{n:07}");
    code.push(waimao_core::uscc::check_character(code.as_bytes()).unwrap());
    json!({ "name_zh": format!("矩阵测试企业{n}"), "uscc": code, "county": OWN_COUNTY, "nature": "private",
        "main_hs": "hs16", "added_on": "2026-01-05" })
}

pub fn today() -> String {
    crate::helpers::today().to_string()
}

/// A submission for `owner` in a month of its own (`n` months after January 1960, long before the demo
/// data's locked months, however many attempts the matrix grows to), so that every allowed attempt
/// files a first version.
pub fn submission(owner: serde_json::Value, firm: bool, n: usize) -> Option<serde_json::Value> {
    let month = format!("{:04}-{:02}", 1960 + n / 12, n % 12 + 1);
    let mut content = json!({ "currency": "CNY", "exports": 1_000_000 + n as i64, "imports": 500_000 });
    if firm {
        content["orders_on_hand"] = json!(2_000_000);
        content["outlook"] = json!("flat");
    }
    Some(json!({
        "id": format!("00000000-0000-4000-8000-{n:012}"),
        "owner": owner,
        "month": month,
        "base_version": 0,
        "content": content,
    }))
}

pub fn review_body(_: Object, _: usize) -> Option<serde_json::Value> {
    Some(json!({ "version": 1, "approve": true }))
}

pub fn reopen_body(_: Object, _: usize) -> Option<serde_json::Value> {
    Some(json!({ "reason": "更正数据" }))
}
