//! Preferences remembered in the browser (language, unit, theme), so the dashboard opens as it was left.

use waimao_core::chart::Theme;
use waimao_core::{Lang, Unit};

const LANG_KEY: &str = "waimao.lang";
const UNIT_KEY: &str = "waimao.unit";
const THEME_KEY: &str = "waimao.theme";

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

pub fn theme() -> Theme {
    read(THEME_KEY).and_then(|s| Theme::parse(&s)).unwrap_or_default()
}

/// Remembers the theme and applies it to the page: `data-theme` on `<html>` overrides the system's
/// preference, and its absence follows it.
pub fn set_theme(theme: Theme) {
    write(THEME_KEY, theme.code());
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = match theme {
            Theme::Auto => el.remove_attribute("data-theme"),
            t => el.set_attribute("data-theme", t.code()),
        };
    }
}
