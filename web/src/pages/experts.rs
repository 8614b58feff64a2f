//! The expert think tank (外经贸专家智库): terms ending within 60 days (`expert::reminders`), the experts
//! found by expertise and text (`expert::search`) with their terms, the activities (trainings and
//! consultations), their exports, and the bureau's forms to add an expert or an activity.

use leptos::prelude::*;
use waimao_core::expert::{expertise_label, reminders, search, Expert, Term, EXPERTISE};

use super::expert_forms::{ActivityForm, ExpertForm};
use super::registry::{not_ready, Example, Exports};
use crate::api;
use crate::ui::use_ui;

#[component]
pub fn Experts() -> impl IntoView {
    let ui = use_ui();
    let lang = ui.lang;
    let refresh = RwSignal::new(0u32);
    let experts = LocalResource::new(move || {
        refresh.track();
        async move { api::registry::experts().await }
    });
    let activities = LocalResource::new(move || {
        refresh.track();
        async move { api::registry::activities().await }
    });
    let enterprises = LocalResource::new(api::enterprises::list);
    let me = api::session::use_me();
    let saved = Callback::new(move |_: ()| refresh.update(|n| *n += 1));
    let tag = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let pick = move |zh: &'static str, en: &'static str| move || lang.get().pick(zh, en);

    let expert_names = Signal::derive(move || -> Vec<(i64, String)> {
        experts
            .get()
            .and_then(Result::ok)
            .map(|l| l.items.iter().map(|e| (e.id, e.name.clone())).collect())
            .unwrap_or_default()
    });
    let enterprise_names = Signal::derive(move || -> Vec<(i64, String)> {
        let l = lang.get();
        enterprises
            .get()
            .and_then(Result::ok)
            .map(|list| list.items.iter().map(|r| (r.enterprise.id, r.enterprise.name(l).to_string())).collect())
            .unwrap_or_default()
    });

    let reminder_box = move || {
        let l = lang.get();
        let listing = experts.get().and_then(Result::ok)?;
        let soon = reminders(&listing.items, listing.today);
        let lines: Vec<String> = soon
            .iter()
            .map(|e| {
                format!(
                    "{}（{}）{} · {}",
                    e.name,
                    e.organisation,
                    e.appointment.term_end,
                    e.term_label(listing.today, l)
                )
            })
            .collect();
        (!lines.is_empty()).then(|| {
            view! {
                <div class="banner" role="status" data-testid="term-reminders">
                    <strong>{l.pick("聘期即将届满（60天内）：", "Terms ending within 60 days:")}</strong>
                    <ul>{lines.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };

    let editing = RwSignal::new(None::<Expert>);
    let expert_table = move || {
        let l = lang.get();
        let listing = match experts.get() {
            Some(Ok(listing)) => listing,
            Some(Err(f)) => return not_ready(Some(&f), l),
            None => return not_ready(None, l),
        };
        let t = tag.get();
        let admin = me.get().flatten().is_some_and(|p| p.can_edit_registries());
        let found = search(&listing.items, (!t.is_empty()).then_some(t.as_str()), &text.get());
        let today = listing.today;
        view! {
            <p class="note" data-testid="expert-count">{format!("{} {}", found.len(), l.pick("位专家", "experts"))}</p>
            <div class="table-wrap" tabindex="0">
                <table class="data registry" data-testid="experts-table">
                    <thead><tr>
                        <th scope="col">{l.pick("姓名", "Name")}</th>
                        <th scope="col">{l.pick("职称职务", "Title")}</th>
                        <th scope="col">{l.pick("工作单位", "Organisation")}</th>
                        <th scope="col">{l.pick("专业领域", "Expertise")}</th>
                        <th scope="col">{l.pick("聘期截止", "Term ends")}</th>
                        <th scope="col">{l.pick("聘任状态", "Term")}</th>
                        {admin.then(|| view! { <th scope="col"><span class="sr-only">{l.pick("操作", "Actions")}</span></th> })}
                    </tr></thead>
                    <tbody>
                        {found.into_iter().map(|e| {
                            let tags = e.expertise.iter().map(|t| expertise_label(t, l)).collect::<Vec<_>>().join(l.pick("、", ", "));
                            let soon = matches!(e.term(today), Term::EndingSoon { .. });
                            view! {
                                <tr data-testid="expert-row" data-id=e.id.to_string()>
                                    <th scope="row">{e.name.clone()} " " <Example show=e.illustrative /></th>
                                    <td>{e.title.clone()}</td>
                                    <td>{e.organisation.clone()}</td>
                                    <td>{tags}</td>
                                    <td class="nowrap">{e.appointment.term_end.to_string()}</td>
                                    <td class:ending-soon=soon>{e.term_label(today, l)}</td>
                                    {admin.then(|| {
                                        let chosen = e.clone();
                                        view! { <td><button type="button" class="small" id=format!("edit-expert-{}", e.id)
                                            on:click=move |_| {
                                                editing.set(Some(chosen.clone()));
                                                if let Some(f) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("expert-name")) {
                                                    f.scroll_into_view();
                                                }
                                            }>{l.pick("编辑/续聘", "Edit / renew")}</button></td> }
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };

    let activity_table = move || {
        let l = lang.get();
        let listing = match activities.get() {
            Some(Ok(listing)) => listing,
            Some(Err(f)) => return not_ready(Some(&f), l),
            None => return not_ready(None, l),
        };
        let (en, ex) = (enterprise_names.get(), expert_names.get());
        let name_of =
            |list: &[(i64, String)], id: i64| list.iter().find(|x| x.0 == id).map_or(format!("#{id}"), |x| x.1.clone());
        let sep = l.pick("、", ", ");
        let mut items = listing.items;
        items.sort_by_key(|a| std::cmp::Reverse(a.on));
        view! {
            <div class="table-wrap" tabindex="0">
                <table class="data registry" data-testid="activities-table">
                    <thead><tr>
                        <th scope="col">{l.pick("日期", "Date")}</th>
                        <th scope="col">{l.pick("类型", "Kind")}</th>
                        <th scope="col">{l.pick("主题", "Topic")}</th>
                        <th scope="col">{l.pick("专家", "Experts")}</th>
                        <th scope="col">{l.pick("对象", "Audience")}</th>
                        <th scope="col" class="num">{l.pick("参加人数", "Participants")}</th>
                        <th scope="col">{l.pick("服务企业", "Enterprises served")}</th>
                    </tr></thead>
                    <tbody>
                        {items.into_iter().map(|a| {
                            let names = a.experts.iter().map(|&i| name_of(&ex, i)).collect::<Vec<_>>().join(sep);
                            let served = a.enterprises.iter().map(|&i| name_of(&en, i)).collect::<Vec<_>>().join(sep);
                            view! {
                                <tr data-testid="activity-row">
                                    <th scope="row" class="nowrap">{a.on.to_string()}</th>
                                    <td>{a.kind.label(l)}</td>
                                    <td>{a.topic.clone()} " " <Example show=a.illustrative /></td>
                                    <td>{names}</td>
                                    <td>{a.audience.clone()}</td>
                                    <td class="num">{a.participants}</td>
                                    <td>{served}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };

    let admin_today =
        super::registry::admin_today(me, move || experts.get().and_then(Result::ok).map(|l| l.today.to_string()));
    let expert_form = move || {
        admin_today.get().map(|today| {
            view! {
                <details class="add-box" open data-testid="add-expert">
                    <summary>{pick("添加或编辑专家", "Add or edit an expert")}</summary>
                    <ExpertForm today=today editing=editing on_saved=saved />
                </details>
            }
        })
    };
    let activity_form = move || {
        admin_today.get().map(|today| {
            view! {
                <details class="add-box" open data-testid="add-activity">
                    <summary>{pick("记录培训或咨询活动", "Record a training or consultation")}</summary>
                    <ActivityForm today=today experts=expert_names enterprises=enterprise_names on_saved=saved />
                </details>
            }
        })
    };

    view! {
        <section class="panel form-page wide" id="experts-page" data-testid="experts-page">
            <div class="panel-head">
                <h2>{pick("外经贸专家智库", "Foreign-trade expert think tank")}</h2>
                <Exports name="experts" />
            </div>
            {reminder_box}
            <div class="inline-form" data-testid="expert-search">
                <label for="expert-tag"><span>{pick("专业领域", "Expertise")}</span>
                    <select id="expert-tag" on:change=move |e| tag.set(event_target_value(&e))>
                        <option value="">{pick("全部", "All")}</option>
                        {EXPERTISE.iter().map(|e| view! { <option value=e.0>{move || lang.get().pick(e.1, e.2)}</option> }).collect_view()}
                    </select></label>
                <label for="expert-search-text"><span>{pick("姓名、单位或职称", "Name, organisation or title")}</span>
                    <input type="search" id="expert-search-text" prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e)) /></label>
            </div>
            {expert_table}
            {expert_form}
            <div class="panel-head">
                <h3>{pick("培训与咨询活动", "Trainings and consultations")}</h3>
                <Exports name="activities" />
            </div>
            {activity_table}
            {activity_form}
        </section>
    }
}
