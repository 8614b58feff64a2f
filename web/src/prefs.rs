//! Preferences remembered in the browser (language, unit), so the dashboard opens as it was left.

use waimao_core::{Lang, Unit};

const LANG_KEY: &str = "waimao.lang";
const UNIT_KEY: &str = "waimao.unit";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn write(key: &str, value: &str) {
    // Private browsing may refuse storage; the preference then lasts for this visit only.
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn lang() -> Lang {
    read(LANG_KEY).and_then(|s| Lang::parse(&s)).unwrap_or_default()
}

pub fn set_lang(lang: Lang) {
    write(LANG_KEY, lang.code());
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", lang.html_tag());
    }
}

pub fn unit() -> Unit {
    read(UNIT_KEY).and_then(|s| Unit::parse(&s)).unwrap_or(Unit::Yi)
}

pub fn set_unit(unit: Unit) {
    write(UNIT_KEY, unit.code());
}
