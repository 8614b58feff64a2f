//! The bureau's administration: accounts (create with a one-time password, disable or enable,
//! re-bind, reset the password) and the audit log with filters.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::account::Role;
use waimao_core::api::{NewUser, OneTimePassword, UserChange};
use waimao_core::RegionCode;

use crate::api::admin::AuditRow;
use crate::api::{self, Failure};
use crate::components::table_files::TableFiles;
use crate::ui::use_ui;
use waimao_core::chart::Table;

/// Unix seconds as "2026-11-27 08:47" (UTC), through the browser's own date code.
/// The audit log as its download holds it: the table's columns, each entry a row.
fn audit_table(list: &[AuditRow], l: waimao_core::Lang) -> Table {
    let heads =
        [("时间", "When"), ("用户", "Who"), ("操作", "Action"), ("对象", "Object"), ("原值", "Old"), ("新值", "New")];
    Table {
        headers: heads.iter().map(|h| l.pick(h.0, h.1).to_string()).collect(),
        rows: list
            .iter()
            .map(|e| {
                vec![
                    when_text(e.at),
                    e.user_name.clone(),
                    e.action.clone(),
                    e.object.clone(),
                    e.old_value.clone().unwrap_or_default(),
                    e.new_value.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

fn when_text(at: i64) -> String {
    let iso: String = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64 * 1000.0)).to_iso_string().into();
    iso.get(..16).unwrap_or_default().replace('T', " ")
}

fn role_label(r: Role, l: waimao_core::Lang) -> &'static str {
    match r {
        Role::Admin => l.pick("管理员", "admin"),
        Role::Viewer => l.pick("查看", "viewer"),
        Role::County => l.pick("区县", "county"),
        Role::Enterprise => l.pick("企业", "enterprise"),
    }
}

#[component]
pub fn Admin() -> impl IntoView {
    let ui = use_ui();
    let refresh = RwSignal::new(0u32);
    let users = LocalResource::new(move || {
        refresh.track();
        async move { api::admin::users().await }
    });
    let filter_user = RwSignal::new(String::new());
    let filter_action = RwSignal::new(String::new());
    let audit = LocalResource::new(move || {
        refresh.track();
        let (u, a) = (filter_user.get(), filter_action.get());
        async move { api::admin::audit(&u, &a, 100).await }
    });
    let message = RwSignal::new(None::<String>);
    let report = move |r: Result<OneTimePassword, Failure>| {
        let l = ui.lang.get_untracked();
        match r {
            Ok(p) => message.set(Some(format!(
                "{} {}：{}",
                p.name,
                l.pick("的一次性密码（只显示这一次）", "one-time password (shown once)"),
                p.password
            ))),
            Err(f) => message.set(Some(f.message)),
        }
        refresh.update(|n| *n += 1);
    };

    // The create form.
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::County);
    let county = RwSignal::new(String::new());
    let enterprise = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = role.get_untracked();
        let body = NewUser {
            name: name.get_untracked(),
            role: r,
            county: (r == Role::County).then(|| RegionCode::parse(county.get_untracked().trim()).ok()).flatten(),
            enterprise: (r == Role::Enterprise).then(|| enterprise.get_untracked().trim().parse().ok()).flatten(),
        };
        spawn_local(async move { report(api::admin::add_user(&body).await) });
    };

    // The re-bind form: another role or binding for an existing user.
    let rebind_user = RwSignal::new(String::new());
    let rebind_role = RwSignal::new(Role::County);
    let rebind_county = RwSignal::new(String::new());
    let rebind_enterprise = RwSignal::new(String::new());
    let rebind = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(id) = rebind_user.get_untracked().parse::<i64>() else { return };
        let r = rebind_role.get_untracked();
        let change = UserChange {
            role: Some(r),
            county: (r == Role::County).then(|| RegionCode::parse(rebind_county.get_untracked().trim()).ok()).flatten(),
            enterprise: (r == Role::Enterprise)
                .then(|| rebind_enterprise.get_untracked().trim().parse().ok())
                .flatten(),
            disabled: None,
        };
        spawn_local(async move {
            let l = ui.lang.get_untracked();
            match api::admin::change_user(id, &change).await {
                Ok(_) => message.set(Some(l.pick("已改绑。", "Binding changed.").into())),
                Err(f) => message.set(Some(f.message)),
            }
            refresh.update(|n| *n += 1);
        });
    };
    let user_options = move || {
        users
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|u| view! { <option value=u.id.to_string()>{u.name}</option> })
            .collect_view()
    };

    let rows = move || {
        let l = ui.lang.get();
        match users.get() {
            None => view! { <p class="note">{l.pick("正在加载…", "Loading…")}</p> }.into_any(),
            Some(Err(f)) => view! { <p class="form-error" role="alert">{f.message}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <div class="table-wrap" tabindex="0">
                    <table class="data" data-testid="users">
                        <thead><tr>
                            <th scope="col">{l.pick("用户名", "Name")}</th>
                            <th scope="col">{l.pick("角色", "Role")}</th>
                            <th scope="col">{l.pick("绑定", "Bound to")}</th>
                            <th scope="col">{l.pick("状态", "Status")}</th>
                            <th scope="col">{l.pick("操作", "Actions")}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|u| {
                                let id = u.id;
                                let disabled = u.disabled;
                                let toggle = move |_| {
                                    let change = UserChange { role: None, county: None, enterprise: None, disabled: Some(!disabled) };
                                    spawn_local(async move {
                                        if let Err(f) = api::admin::change_user(id, &change).await {
                                            message.set(Some(f.message));
                                        }
                                        refresh.update(|n| *n += 1);
                                    });
                                };
                                let reset = move |_| {
                                    spawn_local(async move {
                                        report(api::admin::reset_password(id).await)
                                    });
                                };
                                let binding = u.county.map(|c| c.to_string()).or(u.enterprise.map(|e| format!("#{e}"))).unwrap_or_default();
                                view! {
                                    <tr data-testid=format!("user-{}", u.name)>
                                        <td>{u.name.clone()}</td>
                                        <td>{role_label(u.role, l)}</td>
                                        <td>{binding}</td>
                                        <td>{if disabled { l.pick("已停用", "disabled") } else { l.pick("正常", "active") }}</td>
                                        <td>
                                            <button type="button" class="small" on:click=toggle>
                                                {if disabled { l.pick("启用", "Enable") } else { l.pick("停用", "Disable") }}
                                            </button>
                                            " "
                                            <button type="button" class="small" on:click=reset>{l.pick("重置密码", "Reset password")}</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any(),
        }
    };

    let log = move || {
        let l = ui.lang.get();
        match audit.get() {
            None => view! { <p class="note">{l.pick("正在加载…", "Loading…")}</p> }.into_any(),
            Some(Err(f)) => view! { <p class="form-error" role="alert">{f.message}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <span class="downloads">
                    <TableFiles id="audit" file="waimao-audit" sheet=l.pick("审计日志", "Audit log").to_string()
                        table=audit_table(&list, l) />
                </span>
                <div class="table-wrap" tabindex="0">
                    <table class="data" data-testid="audit">
                        <thead><tr>
                            <th scope="col">{l.pick("时间", "When")}</th>
                            <th scope="col">{l.pick("用户", "Who")}</th>
                            <th scope="col">{l.pick("操作", "Action")}</th>
                            <th scope="col">{l.pick("对象", "Object")}</th>
                            <th scope="col">{l.pick("原值 → 新值", "Old → new")}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|e| {
                                let when = when_text(e.at);
                                let change = format!("{} → {}", e.old_value.unwrap_or_default(), e.new_value.unwrap_or_default());
                                view! { <tr><td>{when}</td><td>{e.user_name}</td><td>{e.action}</td><td>{e.object}</td><td>{change}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any(),
        }
    };

    view! {
        <section class="panel form-page" data-testid="admin-page">
            <h2>{move || ui.lang.get().pick("账号管理", "Accounts")}</h2>
            <p class="form-ok" role="status" data-testid="admin-message">{move || message.get()}</p>
            {rows}
            <h3>{move || ui.lang.get().pick("新建账号", "New account")}</h3>
            <form class="inline-form" on:submit=create data-testid="create-user">
                <label><span>{move || ui.lang.get().pick("用户名", "Name")}</span>
                    <input type="text" required prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e)) /></label>
                <label><span>{move || ui.lang.get().pick("角色", "Role")}</span>
                    <select on:change=move |e| if let Some(r) = Role::parse(&event_target_value(&e)) { role.set(r) }>
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.code() selected=move || role.get() == r>{move || role_label(r, ui.lang.get())}</option>
                        }).collect_view()}
                    </select></label>
                <label><span>{move || ui.lang.get().pick("县区代码", "County code")}</span>
                    <input type="text" inputmode="numeric" disabled=move || role.get() != Role::County
                        prop:value=move || county.get() on:input=move |e| county.set(event_target_value(&e)) /></label>
                <label><span>{move || ui.lang.get().pick("企业编号", "Enterprise id")}</span>
                    <input type="text" inputmode="numeric" disabled=move || role.get() != Role::Enterprise
                        prop:value=move || enterprise.get() on:input=move |e| enterprise.set(event_target_value(&e)) /></label>
                <button type="submit" class="primary">{move || ui.lang.get().pick("创建", "Create")}</button>
            </form>
            <h3>{move || ui.lang.get().pick("改变角色或绑定", "Change role or binding")}</h3>
            <form class="inline-form" on:submit=rebind data-testid="rebind-user">
                <label><span>{move || ui.lang.get().pick("用户", "User")}</span>
                    <select required on:change=move |e| rebind_user.set(event_target_value(&e))>
                        <option value="">"—"</option>
                        {user_options}
                    </select></label>
                <label><span>{move || ui.lang.get().pick("角色", "Role")}</span>
                    <select on:change=move |e| if let Some(r) = Role::parse(&event_target_value(&e)) { rebind_role.set(r) }>
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.code() selected=move || rebind_role.get() == r>{move || role_label(r, ui.lang.get())}</option>
                        }).collect_view()}
                    </select></label>
                <label><span>{move || ui.lang.get().pick("县区代码", "County code")}</span>
                    <input type="text" inputmode="numeric" disabled=move || rebind_role.get() != Role::County
                        prop:value=move || rebind_county.get() on:input=move |e| rebind_county.set(event_target_value(&e)) /></label>
                <label><span>{move || ui.lang.get().pick("企业编号", "Enterprise id")}</span>
                    <input type="text" inputmode="numeric" disabled=move || rebind_role.get() != Role::Enterprise
                        prop:value=move || rebind_enterprise.get() on:input=move |e| rebind_enterprise.set(event_target_value(&e)) /></label>
                <button type="submit" class="primary">{move || ui.lang.get().pick("保存", "Save")}</button>
            </form>
            <super::targets::Targets />
            <h3>{move || ui.lang.get().pick("审计日志", "Audit log")}</h3>
            <div class="inline-form">
                <label><span>{move || ui.lang.get().pick("用户", "User")}</span>
                    <input type="search" prop:value=move || filter_user.get() on:change=move |e| filter_user.set(event_target_value(&e)) /></label>
                <label><span>{move || ui.lang.get().pick("操作", "Action")}</span>
                    <input type="search" prop:value=move || filter_action.get() on:change=move |e| filter_action.set(event_target_value(&e)) /></label>
            </div>
            {log}
        </section>
    }
}
