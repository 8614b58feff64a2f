//! 数据版本: the versions of a county's or an enterprise's figures for one period, exports and imports
//! (or the one flow the URL names), as the dashboard's table view links to them for a signed-in
//! official. The query is core's `reconcile::figures_page_path`, read by `parse_history_query`, the
//! function the server reads `GET /api/figures` with.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::observation::{Entity, FigureKey};
use waimao_core::reconcile::{parse_history_query, FigureHistory};
use waimao_core::{Flow, Lang};

use super::figure_history::HistoryPanel;
use super::registry::load_refs;
use crate::api;
use crate::ui::use_ui;

/// The query's value of `name`, decoded.
fn param(search: &str, name: &str) -> Option<String> {
    let raw = search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))?;
    js_sys::decode_uri_component(raw).ok().map(String::from)
}

/// The figures the URL names: its entity and period, and its flow or both.
fn keys_in_url() -> Result<Vec<FigureKey>, &'static str> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let (entity, period) = (param(&search, "entity").unwrap_or_default(), param(&search, "period").unwrap_or_default());
    let flows = match param(&search, "flow") {
        Some(f) => vec![f],
        None => vec![Flow::Export.code().to_string(), Flow::Import.code().to_string()],
    };
    flows.iter().map(|f| parse_history_query(&entity, &period, f, None, None)).collect()
}

#[component]
pub fn FiguresPage() -> impl IntoView {
    let ui = use_ui();
    let refs = load_refs(false, false);
    let keys = keys_in_url();
    let shown = RwSignal::new(Vec::<Result<FigureHistory, String>>::new());
    if let Ok(keys) = keys.clone() {
        spawn_local(async move {
            for key in keys {
                let h = api::figures::history(&key).await.map_err(|f| f.message);
                shown.update(|s| s.push(h));
            }
        });
    }
    let title = {
        let keys = keys.clone();
        move || {
            let l = ui.lang.get();
            let Some(k) = keys.as_ref().ok().and_then(|k| k.first()) else {
                return l.pick("数据版本", "Figure versions").to_string();
            };
            let name = match k.entity {
                Entity::Region(c) => refs.get().county_name(c, l),
                Entity::Enterprise(id) => format!("{} {id}", l.pick("企业", "Enterprise")),
            };
            format!("{} · {name} · {}", l.pick("数据版本", "Figure versions"), k.period.label(l))
        }
    };
    view! {
        <div class="form-page wide" data-testid="figures-page">
        <h2 data-testid="figures-title">{title}</h2>
        <p class="note">{move || ui.lang.get().pick(
            "每个来源的每个版本：数值、快报或修订、时间、审核人，以及现行采用的数值。",
            "Every version from every source: the value, preliminary or revised, when, who approved it, and the one in force.",
        )}</p>
        {match keys {
            Err(field) => view! {
                <p class="form-error" role="alert" data-testid="figures-error">
                    {move || format!("{}{field}", ui.lang.get().pick("链接参数有误：", "The link's parameter is wrong: "))}
                </p>
            }.into_any(),
            Ok(_) => view! {
                {move || shown.get().into_iter().map(|h| match h {
                    Ok(h) => view! { <HistoryPanel history=h /> }.into_any(),
                    Err(message) => view! { <p class="form-error" role="alert">{message}</p> }.into_any(),
                }).collect_view()}
            }.into_any(),
        }}
        <p><a href="/" data-testid="figures-back">{move || back(ui.lang.get())}</a></p>
        </div>
    }
}

fn back(l: Lang) -> &'static str {
    l.pick("返回数据看板", "Back to the dashboard")
}
