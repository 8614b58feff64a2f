//! The application shell: header with the view switches, the data's loading state, and the dashboard
//! once the published overview has arrived.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::api::OverviewFile;
use waimao_core::{Lang, Unit};

use crate::components::controls::{LangToggle, ThemeToggle, UnitToggle};
use crate::components::dashboard::Dashboard;
use crate::components::status::{Failed, Loading};
use crate::i18n::{t, T};
use crate::load::{self, Loaded};
use crate::ui::Ui;

#[component]
pub fn App() -> impl IntoView {
    let ui = Ui::install();
    crate::api::session::provide_me();
    let lang = ui.lang;
    crate::local::register_worker();
    // The briefing is public too: it is this bundle's second page, a fraction of the signed-in one.
    if crate::pages::Route::current() == crate::pages::Route::Briefing {
        return view! {
            <Header />
            <main id="main"><crate::pages::briefing::BriefingPage /></main>
        }
        .into_any();
    }
    let data: RwSignal<Loaded<OverviewFile>> = RwSignal::new(Loaded::Loading);

    Effect::new(move |_| {
        let l = lang.get();
        let title = match &*data.read() {
            Loaded::Ready(file) => waimao_core::first_view::page_title(&file.city, l),
            _ => t(l, T::AppTitle).to_string(),
        };
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title);
        }
    });
    // The dashboard replaces the server's first view once all its panels are in (see `Dashboard`). If
    // the data cannot come, the first view, complete in itself, stays.
    Effect::new(move |_| {
        if matches!(*data.read(), Loaded::Failed(_)) {
            crate::takeover::abandon();
        }
    });

    let fetch = move || {
        data.set(Loaded::Loading);
        spawn_local(async move {
            data.set(match load::overview().await {
                Ok(file) => {
                    ui.city.set(Some(file.city.clone()));
                    Loaded::Ready(Arc::new(file))
                }
                Err(e) => Loaded::Failed(e),
            });
        });
    };
    fetch();

    view! {
        <Header />
        <main id="main">
            {move || match data.get() {
                Loaded::Loading => view! { <Loading /> }.into_any(),
                Loaded::Failed(reason) => {
                    view! { <Failed reason=reason on_retry=Callback::new(move |_| fetch()) /> }.into_any()
                }
                Loaded::Ready(file) => view! { <Dashboard file=file /> }.into_any(),
            }}
        </main>
    }
    .into_any()
}

/// The page header both bundles share: the bureau and title, the account menu and the view switches.
#[component]
pub fn Header() -> impl IntoView {
    let ui = crate::ui::use_ui();
    let lang = ui.lang;
    let me = crate::api::session::use_me();
    view! {
        <header class="top">
            <div class="brand">
                <span class="bureau">
                    {move || ui.city.with(|c| c.as_ref().map(|c| waimao_core::first_view::bureau(c, lang.get())))}
                </span>
                <h1><a class="home" href="/">{move || t(lang.get(), T::AppTitle)}</a></h1>
            </div>
            <div class="switches">
                <AccountMenu me=me />
                <UnitToggle />
                <ThemeToggle />
                <LangToggle />
            </div>
        </header>
        <crate::update::UpdateNotice />
    }
}

/// Formats a value in the chosen unit with its default decimals ("12.35", "123,457").
pub fn amount_text(units: Option<i64>, unit: Unit) -> String {
    waimao_core::dashboard::amount_cell(units, unit)
}

pub fn unit_text(unit: Unit, lang: Lang) -> String {
    unit.label(waimao_core::Currency::Cny, lang)
}

/// The registries' pages a signed-in user may open: the bureau and viewers all three, a county its
/// tasks and enterprises, an enterprise its own page.
fn registry_links(p: &waimao_core::account::Principal) -> Vec<(String, &'static str, &'static str, &'static str)> {
    use waimao_core::account::Role;
    match p.role {
        Role::Admin | Role::Viewer => {
            let mut links = vec![
                ("/briefing".into(), "运行通报", "Briefing", "briefing-link"),
                ("/enterprises".into(), "重点企业", "Enterprises", "enterprises-link"),
                ("/experts".into(), "专家智库", "Experts", "experts-link"),
                ("/group".into(), "领导小组", "Leading group", "group-link"),
            ];
            if p.can_import() {
                links.push(("/import".into(), "数据导入", "Import", "import-link"));
            }
            links
        }
        Role::County => vec![
            ("/group".into(), "任务", "Tasks", "group-link"),
            ("/enterprises".into(), "重点企业", "Enterprises", "enterprises-link"),
        ],
        Role::Enterprise => p
            .enterprise
            .map(|e| (format!("/enterprises/{e}"), "企业主页", "Enterprise page", "enterprise-page-link"))
            .into_iter()
            .collect(),
    }
}

/// Sign-in link for the public; the user's name, their page, the password page and sign-out for a
/// signed-in user.
#[component]
fn AccountMenu(me: LocalResource<Option<waimao_core::account::Principal>>) -> impl IntoView {
    let lang = crate::ui::use_ui().lang;
    // Returns not yet on the server stay on this device; signing out with some asks first.
    let sign_out = move |_| {
        spawn_local(async move {
            let waiting = crate::local::all::<crate::outbox::StatusOnly>(crate::local::Store::Queue)
                .await
                .iter()
                .filter(|q| q.status.is_unsynced())
                .count();
            if waiting > 0 {
                let l = lang.get_untracked();
                let ask = format!(
                    "{waiting} {}",
                    l.pick(
                        "份月报尚未同步到服务器。退出后它们仍保存在本机，下次登录后继续同步。确定退出吗？",
                        "returns have not reached the server yet. They stay on this device and sync after the next sign-in. Sign out?"
                    )
                );
                let ok = web_sys::window().and_then(|w| w.confirm_with_message(&ask).ok()).unwrap_or(false);
                if !ok {
                    return;
                }
            }
            let _ = crate::api::session::sign_out().await;
            crate::api::go("/");
        });
    };
    move || {
        match me.get().flatten() {
        None => view! {
            <a class="button-link" href="/login" data-testid="sign-in-link">{move || lang.get().pick("登录", "Sign in")}</a>
        }
        .into_any(),
        Some(p) => {
            let home = crate::api::home_of(&p);
            view! {
                <span class="account" data-testid="account-menu">
                    <a href=home data-testid="my-page">{p.name.clone()}</a>
                    {p.can_review_returns().then(|| view! { <a href="/review" data-testid="review-link">{move || lang.get().pick("月报审核", "Review")}</a> })}
                    {registry_links(&p).into_iter().map(|(href, zh, en, testid)| view! {
                        <a href=href data-testid=testid>{move || lang.get().pick(zh, en)}</a>
                    }).collect_view()}
                    <a href="/account">{move || lang.get().pick("修改密码", "Password")}</a>
                    <button type="button" class="small" data-testid="sign-out" on:click=sign_out>
                        {move || lang.get().pick("退出登录", "Sign out")}
                    </button>
                </span>
            }
            .into_any()
        }
    }
    }
}
