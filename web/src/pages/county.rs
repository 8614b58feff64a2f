//! A county's internal page (also an enterprise's): its return for a chosen month, as the server
//! allows the signed-in user to see it. Entering figures comes with the data-entry forms.

use leptos::prelude::*;
use waimao_core::returns::{Figure, Return};
use waimao_core::{Amount, Lang, Unit, YearMonth};

use crate::api;
use crate::load;
use crate::ui::use_ui;

/// Whose page it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    County(waimao_core::RegionCode),
    Enterprise(i64),
}

impl Owner {
    fn api(self, month: YearMonth) -> String {
        match self {
            Owner::County(c) => format!("/api/returns/county/{c}/{month}"),
            Owner::Enterprise(e) => format!("/api/returns/enterprise/{e}/{month}"),
        }
    }
}

fn figure_text(f: &Option<Figure>, l: Lang) -> String {
    f.as_ref().map_or_else(
        || l.pick("未填报", "not entered").to_string(),
        |f| {
            let status =
                if f.approved { l.pick("已审核", "approved") } else { l.pick("待审核", "awaiting approval") };
            format!("{} · {} · v{}", Amount::cny(f.value).display(Unit::Wan, 0, l), status, f.version)
        },
    )
}

#[component]
pub fn ReturnPage(owner: Owner) -> impl IntoView {
    let ui = use_ui();
    let overview = LocalResource::new(load::overview);
    let month = RwSignal::new(None::<YearMonth>);
    // The latest published month is where a county starts.
    Effect::new(move |_| {
        if month.get_untracked().is_none() {
            if let Some(Ok(f)) = overview.get() {
                month.set(Some(f.meta.last_month));
            }
        }
    });
    let figures = LocalResource::new(move || {
        let m = month.get();
        async move {
            match m {
                Some(m) => Some(api::get::<Return>(&owner.api(m)).await),
                None => None,
            }
        }
    });
    let title = move || {
        let l = ui.lang.get();
        let name = match owner {
            Owner::County(c) => overview
                .get()
                .and_then(|r| r.ok())
                .and_then(|f| f.counties.iter().find(|r| r.code == c).map(|r| r.name(l).to_string()))
                .unwrap_or_else(|| c.to_string()),
            Owner::Enterprise(e) => format!("{} {e}", l.pick("企业", "Enterprise")),
        };
        format!("{name} · {}", l.pick("月报", "Monthly return"))
    };
    let body = move || {
        let l = ui.lang.get();
        match figures.get().flatten() {
            None => view! { <p class="note">{l.pick("正在加载…", "Loading…")}</p> }.into_any(),
            Some(Err(f)) if f.status == 401 => {
                api::go("/login");
                view! { <p class="note">{l.pick("请先登录", "Please sign in")}</p> }.into_any()
            }
            Some(Err(f)) => {
                view! { <p class="form-error" role="alert" data-testid="page-error">{f.message}</p> }.into_any()
            }
            Some(Ok(r)) => view! {
                <dl class="figures" data-testid="return-figures">
                    <dt>{l.pick("出口", "Exports")}</dt>
                    <dd data-testid="return-exports">{figure_text(&r.exports, l)}</dd>
                    <dt>{l.pick("进口", "Imports")}</dt>
                    <dd data-testid="return-imports">{figure_text(&r.imports, l)}</dd>
                </dl>
            }
            .into_any(),
        }
    };
    view! {
        <section class="panel form-page" data-testid="return-page">
            <h2 data-testid="return-title">{title}</h2>
            <label class="month-select">
                <span>{move || ui.lang.get().pick("月份", "Month")}</span>
                <input
                    type="month"
                    data-testid="return-month"
                    prop:value=move || month.get().map(|m| m.to_string()).unwrap_or_default()
                    on:change=move |e| {
                        if let Ok(m) = YearMonth::parse(&event_target_value(&e)) {
                            month.set(Some(m));
                        }
                    }
                />
            </label>
            {body}
        </section>
    }
}
