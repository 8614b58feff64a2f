//! The signed-in pages beside the dashboard, one module per page (the return form in three: the page,
//! its fields, and the outbox; the registries' pages with their forms beside them and what they share
//! in `registry`). Their words sit with them
//! (`Lang::pick`), since no other screen uses them.

pub mod account;
pub mod admin;
pub mod briefing;
pub mod enterprise_form;
pub mod enterprise_page;
pub mod enterprises;
pub mod entry;
mod entry_fields;
mod expert_forms;
pub mod experts;
mod figure_history;
pub mod figures;
pub mod group;
pub mod import;
pub mod login;
mod meeting_form;
mod outbox_view;
mod problems;
pub mod reconcile;
pub mod registry;
pub mod review;
mod targets;
mod task_board;
mod upload;

use leptos::prelude::*;

use waimao_core::returns::Owner;

use crate::app::Header;
use crate::ui::Ui;

/// The signed-in pages' app: the shared header and the page the path names.
#[component]
pub fn InternalApp() -> impl IntoView {
    let ui = Ui::install();
    crate::api::session::provide_me();
    let lang = ui.lang;
    crate::local::register_worker();
    crate::outbox::Outbox::install();
    // The bureau's name comes with the published figures (a small, cached file).
    leptos::task::spawn_local(async move {
        if let Ok(file) = crate::load::overview().await {
            ui.city.set(Some(file.city));
        }
    });
    Effect::new(move |_| {
        let l = lang.get();
        let title = ui.city.with(|c| match c {
            Some(city) => waimao_core::first_view::page_title(city, l),
            None => crate::i18n::t(l, crate::i18n::T::AppTitle).to_string(),
        });
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title);
        }
    });
    let page = match Route::current() {
        Route::Login => view! { <login::Login /> }.into_any(),
        Route::Account => view! { <account::Account /> }.into_any(),
        Route::Admin => view! { <admin::Admin /> }.into_any(),
        Route::County(c) => view! { <entry::ReturnPage owner=Owner::County(c) /> }.into_any(),
        Route::Enterprise(e) => view! { <entry::ReturnPage owner=Owner::Enterprise(e) /> }.into_any(),
        Route::Review => view! { <review::Review /> }.into_any(),
        Route::Enterprises => view! { <enterprises::Enterprises /> }.into_any(),
        Route::EnterprisePage(id) => view! { <enterprise_page::EnterprisePage id=id /> }.into_any(),
        Route::Experts => view! { <experts::Experts /> }.into_any(),
        Route::Group => view! { <group::Group /> }.into_any(),
        Route::Import => view! { <import::ImportPage /> }.into_any(),
        Route::Reconcile => view! { <reconcile::ReconcilePage /> }.into_any(),
        Route::Figures => view! { <figures::FiguresPage /> }.into_any(),
        // The dashboard and the briefing are the other bundle's; anything else here is an unknown page.
        Route::Dashboard | Route::Briefing | Route::NotFound => view! {
            <p class="form-error" role="alert">{move || lang.get().pick("页面不存在", "No such page")}</p>
        }
        .into_any(),
    };
    view! {
        <Header />
        <main id="main">{page}</main>
    }
}

/// The page a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Dashboard,
    Login,
    Account,
    Admin,
    /// The bureau's review of returns and the completeness of a month.
    Review,
    County(waimao_core::RegionCode),
    Enterprise(i64),
    /// The key enterprises' list (重点企业).
    Enterprises,
    /// One key enterprise's page: profile, figures, returns and problems.
    EnterprisePage(i64),
    /// The expert think tank and its activities (专家智库).
    Experts,
    /// The leading group: members, meetings and the task board (领导小组).
    Group,
    /// The situation briefing (外贸运行情况通报), to read and print.
    Briefing,
    /// The bureau's import of spreadsheets (数据导入).
    Import,
    /// Figures of every source side by side, settled by the bureau (数据核对).
    Reconcile,
    /// A figure's versions, both flows, for a county or enterprise and a period (数据版本).
    Figures,
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Route {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        match parts.as_slice() {
            [""] => Route::Dashboard,
            ["login"] => Route::Login,
            ["account"] => Route::Account,
            ["admin"] => Route::Admin,
            ["review"] => Route::Review,
            ["county", code] => waimao_core::RegionCode::parse(code).map_or(Route::NotFound, Route::County),
            ["enterprise", id] => id.parse().map_or(Route::NotFound, Route::Enterprise),
            ["enterprises"] => Route::Enterprises,
            ["enterprises", id] => id.parse().map_or(Route::NotFound, Route::EnterprisePage),
            ["experts"] => Route::Experts,
            ["briefing"] => Route::Briefing,
            ["group"] => Route::Group,
            ["import"] => Route::Import,
            ["reconcile"] => Route::Reconcile,
            ["figures"] => Route::Figures,
            _ => Route::NotFound,
        }
    }

    pub fn current() -> Route {
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        Route::parse(&path)
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn paths_name_pages() {
        assert_eq!(Route::parse("/"), Route::Dashboard);
        assert_eq!(Route::parse("/login"), Route::Login);
        assert_eq!(Route::parse("/review"), Route::Review);
        assert_eq!(Route::parse("/county/610302"), Route::County(waimao_core::RegionCode::parse("610302").unwrap()));
        assert_eq!(Route::parse("/county/x"), Route::NotFound);
        assert_eq!(Route::parse("/enterprise/7"), Route::Enterprise(7));
        assert_eq!(Route::parse("/enterprises"), Route::Enterprises);
        assert_eq!(Route::parse("/enterprises/"), Route::Enterprises);
        assert_eq!(Route::parse("/enterprises/12"), Route::EnterprisePage(12));
        assert_eq!(Route::parse("/enterprises/x"), Route::NotFound);
        assert_eq!(Route::parse("/experts"), Route::Experts);
        assert_eq!(Route::parse("/group"), Route::Group);
        assert_eq!(Route::parse("/briefing"), Route::Briefing);
        assert_eq!(Route::parse("/import"), Route::Import);
        assert_eq!(Route::parse("/reconcile"), Route::Reconcile);
        assert_eq!(Route::parse("/figures"), Route::Figures);
        assert_eq!(Route::parse("/nope"), Route::NotFound);
    }
}
