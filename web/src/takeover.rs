//! The server-rendered first view handed over to the app: the app mounts beside it, out of the flow and
//! unseen, and replaces it in one step once its own view of the data is on screen, so the reader never
//! sees a blank page, a loading line or the two views together.

use waimao_core::first_view::ROOT_ID;
use wasm_bindgen::JsCast;

/// The class that keeps the app unseen and out of the page's flow while the first view shows.
const PENDING: &str = "taking-over";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Where the app mounts: beside the first view when the server rendered one, else the body itself.
pub fn mount_point() -> Option<web_sys::HtmlElement> {
    let doc = document()?;
    let body = doc.body()?;
    if doc.get_element_by_id(ROOT_ID).is_none() {
        return Some(body);
    }
    let host: web_sys::HtmlElement = doc.create_element("div").ok()?.dyn_into().ok()?;
    host.set_class_name(PENDING);
    body.append_child(&host).ok()?;
    Some(host)
}

/// Says on the page that the takeover is over (`<html data-takeover="done|kept">`), for whatever waits
/// for the page to settle, such as the browser tests.
fn mark(doc: &web_sys::Document, how: &str) {
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("data-takeover", how);
    }
}

/// Removes the first view and shows the app in its place (nothing happens without a first view).
pub fn finish() {
    let Some(doc) = document() else { return };
    mark(&doc, "done");
    if let Some(first) = doc.get_element_by_id(ROOT_ID) {
        first.remove();
    }
    if let Ok(Some(host)) = doc.query_selector(&format!(".{PENDING}")) {
        host.set_class_name("");
    }
}

/// Keeps the first view and drops the app beside it (the data could not be loaded; the first view
/// holds the same figures). Without a first view the app stays, with its message and retry.
pub fn abandon() {
    let Some(doc) = document() else { return };
    mark(&doc, "kept");
    if doc.get_element_by_id(ROOT_ID).is_none() {
        return;
    }
    if let Ok(Some(host)) = doc.query_selector(&format!(".{PENDING}")) {
        host.remove();
    }
}
