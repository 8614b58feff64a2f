//! `/` with the dashboard already in it, and `/briefing` with the briefing: the build's index page with
//! `waimao_core::first_view` of the URL's view written into its body, title, language and theme. Rendered from the publication being
//! served (never from the database), once per publication, build and view; the app takes the page over
//! when its WASM has started.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::http::HeaderMap;
use axum::response::Response;
use waimao_core::api::{dimension_file, DimensionFile, OverviewFile, OVERVIEW_FILE};
use waimao_core::chart::Theme;
use waimao_core::first_view::{render_briefing, render_view, FirstView};
use waimao_core::view::ViewState;
use waimao_core::Dimension;

use crate::served::{File, Snapshot};
use crate::static_files::Deployed;

/// Pages rendered for the current publication and build, at most this many: the views a stranger may
/// invent in query strings cannot grow it without bound (beyond it, pages are rendered per request).
const RENDERED_MAX: usize = 512;

/// What the pages were rendered from, and the pages by view.
struct Rendered {
    snapshot: Arc<Snapshot>,
    deployed: Arc<Deployed>,
    overview: Arc<OverviewFile>,
    pages: HashMap<String, Arc<File>>,
}

static RENDERED: Mutex<Option<Rendered>> = Mutex::new(None);

/// A page the server sends with its first view in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `/`, the dashboard, in the public build's `index.html`.
    Dashboard,
    /// `/briefing`, the situation briefing, the public build's second page.
    Briefing,
}

/// The answer to `GET /?query` or `GET /briefing?query`, or `None` when nothing is published yet (the
/// plain page is served). `today` is the briefing's issue date, China's date by the server's clock.
pub fn answer(
    deployed: &Arc<Deployed>,
    snapshot: Option<Arc<Snapshot>>,
    page: Page,
    query: &str,
    today: &str,
    headers: &HeaderMap,
) -> Option<Response> {
    let snapshot = snapshot?;
    let index = deployed.files.get("/index.html")?;
    let view = ViewState::from_query(query, ViewState::default());
    // One key per view as the app writes it, so `?lang=zh` and `` share a page; a briefing by its
    // query and date (its title block carries the date).
    let key = match page {
        Page::Dashboard => view.to_query(),
        Page::Briefing => format!("briefing {today} {query}"),
    };
    let overview = {
        let mut cache = RENDERED.lock().ok()?;
        let fresh =
            cache.as_ref().is_some_and(|r| Arc::ptr_eq(&r.snapshot, &snapshot) && Arc::ptr_eq(&r.deployed, deployed));
        if !fresh {
            let overview = Arc::new(serde_json::from_slice::<OverviewFile>(snapshot.get(OVERVIEW_FILE)?.raw()).ok()?);
            *cache = Some(Rendered {
                snapshot: snapshot.clone(),
                deployed: deployed.clone(),
                overview,
                pages: HashMap::new(),
            });
        }
        let r = cache.as_ref()?;
        if let Some(page) = r.pages.get(&key) {
            return Some(page.respond(headers, false, &[]));
        }
        r.overview.clone()
    };
    let dimension = |d: Dimension| {
        snapshot.get(&dimension_file(d)).and_then(|f| serde_json::from_slice::<DimensionFile>(f.raw()).ok())
    };
    let first = match page {
        Page::Dashboard => render_view(&overview, dimension(view.dimension).as_ref(), &view),
        Page::Briefing => {
            let dims: Vec<DimensionFile> = [Dimension::TradeMode, Dimension::ProductCategory, Dimension::Partner]
                .into_iter()
                .filter_map(dimension)
                .collect();
            render_briefing(&overview, &dims, query, today)
        }
    };
    let html = fill(&String::from_utf8_lossy(index.raw()), &first);
    let page = Arc::new(File::new(html.into_bytes(), "text/html; charset=utf-8", true).ok()?);
    if let Ok(mut cache) = RENDERED.lock() {
        if let Some(r) = cache.as_mut().filter(|r| Arc::ptr_eq(&r.snapshot, &snapshot) && r.pages.len() < RENDERED_MAX)
        {
            r.pages.insert(key, page.clone());
        }
    }
    Some(page.respond(headers, false, &[]))
}

/// The build's index page with the first view in it: `<html lang data-theme>`, the title and
/// description, and the body's placeholder replaced by the view.
pub fn fill(index: &str, view: &FirstView) -> String {
    let mut html = index.to_string();
    let theme = match view.theme {
        Theme::Auto => String::new(),
        t => format!(" data-theme=\"{}\"", t.code()),
    };
    replace_between(&mut html, "<html", ">", &format!(" lang=\"{}\"{theme}", view.lang.html_tag()));
    replace_between(&mut html, "<title>", "</title>", &waimao_core::embed::escape(&view.title));
    replace_between(
        &mut html,
        "<meta name=\"description\" content=\"",
        "\"",
        &waimao_core::embed::escape(&view.description),
    );
    match (html.find("<noscript>"), html.find("</noscript>")) {
        (Some(a), Some(b)) if a < b => html.replace_range(a..b + "</noscript>".len(), &view.body),
        _ => {
            if let Some(at) = html.find("</body>") {
                html.insert_str(at, &view.body);
            }
        }
    }
    html
}

/// Replaces what lies between the first `open` and the next `close` after it, if both are there.
fn replace_between(html: &mut String, open: &str, close: &str, with: &str) {
    let Some(a) = html.find(open).map(|a| a + open.len()) else { return };
    let Some(b) = html[a..].find(close).map(|b| a + b) else { return };
    html.replace_range(a..b, with);
}

#[cfg(test)]
mod tests {
    use super::*;
    use waimao_core::Lang;

    #[test]
    fn the_view_fills_the_index_page() {
        let index = "<!doctype html>\n<html lang=\"zh-CN\">\n<head><meta name=\"description\" content=\"宝鸡\" />\
                     <title>外贸运行监测 · 宝鸡市商务局</title></head>\n<body>\n<noscript>需要 JavaScript</noscript>\n</body>\n</html>";
        let view = FirstView {
            lang: Lang::En,
            theme: Theme::Dark,
            title: "Foreign Trade Monitor · Hanzhong <Bureau>".into(),
            description: "Hanzhong's trade".into(),
            body: "<div id=\"first-view\">…</div>".into(),
        };
        assert_eq!(
            fill(index, &view),
            "<!doctype html>\n<html lang=\"en\" data-theme=\"dark\">\n<head><meta name=\"description\" \
             content=\"Hanzhong&#39;s trade\" /><title>Foreign Trade Monitor · Hanzhong &lt;Bureau&gt;</title></head>\n\
             <body>\n<div id=\"first-view\">…</div>\n</body>\n</html>"
        );
        // A page without the placeholder still gets the view, before the body's end.
        let bare = fill("<html><body></body></html>", &FirstView { theme: Theme::Auto, ..view });
        assert_eq!(bare, "<html lang=\"en\"><body><div id=\"first-view\">…</div></body></html>");
    }
}
