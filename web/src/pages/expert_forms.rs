//! The bureau's forms of the think tank page: an expert, new or edited (a renewed term, a new decision
//! number, withdrawal; expertise as checkboxes, checked with `Expert::check` as it is sent) and a new activity (the experts who led it and the enterprises served
//! as checkboxes). Findings appear under each field; nothing typed is lost on an error.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::activity::{Activity, ActivityKind};
use waimao_core::expert::{Appointment, Expert, ExpertStatus, EXPERTISE};
use waimao_core::form::{Checker, FieldError};

use super::registry::{date, refused_text, Errors, FieldMessages, TextField};
use crate::api;
use crate::ui::use_ui;

/// Checkboxes for a set of ids or codes, with the messages of `field` under them.
fn checks<K>(
    form: &'static str,
    field: &'static str,
    legend: (&'static str, &'static str),
    options: impl Fn() -> Vec<(K, String)> + Send + Sync + 'static,
    chosen: RwSignal<Vec<K>>,
    errors: Errors,
) -> impl IntoView
where
    K: Clone + PartialEq + ToString + Send + Sync + 'static,
{
    let lang = use_ui().lang;
    view! {
        <fieldset class="checks" id=format!("{form}-{field}") aria-describedby=super::registry::error_id(form, field)>
            <legend>{move || lang.get().pick(legend.0, legend.1)}</legend>
            <div class="check-list">
                {move || options().into_iter().map(|(k, name)| {
                    let (a, b) = (k.clone(), k.clone());
                    view! {
                        <label class="check">
                            <input type="checkbox" name=field value=k.to_string() prop:checked=move || chosen.with(|c| c.contains(&a))
                                on:change=move |e| {
                                    let on = event_target_checked(&e);
                                    let k = b.clone();
                                    chosen.update(|c| { c.retain(|x| *x != k); if on { c.push(k) } });
                                } />
                            {name}
                        </label>
                    }
                }).collect_view()}
            </div>
            <FieldMessages errors=errors form=form field=field />
        </fieldset>
    }
}

#[component]
pub fn ExpertForm(today: String, editing: RwSignal<Option<Expert>>, on_saved: Callback<()>) -> impl IntoView {
    const FORM: &str = "expert";
    let lang = use_ui().lang;
    let name = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let expertise = RwSignal::new(Vec::<String>::new());
    let contact = RwSignal::new(String::new());
    let document = RwSignal::new(String::new());
    let appointed_on = RwSignal::new(today.clone());
    let term_end = RwSignal::new(String::new());
    let withdrawn = RwSignal::new(false);
    let errors: Errors = RwSignal::new(Vec::new());
    let message = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    // Choosing an expert to edit fills the form with the stored record; its version goes with the edit.
    Effect::new(move |_| {
        if let Some(e) = editing.get() {
            name.set(e.name.clone());
            title.set(e.title.clone());
            organisation.set(e.organisation.clone());
            expertise.set(e.expertise.clone());
            contact.set(e.contact.clone());
            document.set(e.appointment.document.clone());
            appointed_on.set(e.appointment.appointed_on.to_string());
            term_end.set(e.appointment.term_end.to_string());
            withdrawn.set(e.status == ExpertStatus::Withdrawn);
            errors.set(Vec::new());
            message.set(None);
            ok.set(None);
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        ok.set(None);
        let fail = |found: Vec<FieldError>| {
            message.set(found.first().map(|f| l.pick(&f.zh, &f.en).to_string()));
            errors.set(found);
        };
        // Both dates are needed to build the record; a missing one is reported with the other findings.
        let mut c = Checker::new();
        let from = c.date("appointment.appointed_on", ("聘任日期", "Appointment date"), &appointed_on.get_untracked());
        let to = c.date("appointment.term_end", ("聘期截止日", "End of the term"), &term_end.get_untracked());
        let mut found = c.into_vec();
        let fallback = date(&today);
        let (Some(start), Some(end)) = (from.or(fallback), to.or(from).or(fallback)) else {
            return fail(found);
        };
        let base = editing.get_untracked();
        let expert = Expert {
            id: base.as_ref().map_or(0, |b| b.id),
            version: base.as_ref().map_or(0, |b| b.version),
            name: name.get_untracked(),
            title: title.get_untracked(),
            organisation: organisation.get_untracked(),
            expertise: expertise.get_untracked(),
            contact: contact.get_untracked(),
            appointment: Appointment { document: document.get_untracked(), appointed_on: start, term_end: end },
            status: if withdrawn.get_untracked() { ExpertStatus::Withdrawn } else { ExpertStatus::Active },
            illustrative: base.as_ref().is_some_and(|b| b.illustrative),
        };
        if let Err(e) = expert.check() {
            for f in e.fields {
                if !found.iter().any(|x| x.field == f.field) {
                    found.push(f);
                }
            }
        }
        if !found.is_empty() {
            return fail(found);
        }
        spawn_local(async move {
            let l = lang.get_untracked();
            match api::registry::save_expert(&expert).await {
                Ok(saved) => {
                    errors.set(Vec::new());
                    message.set(None);
                    let done = if expert.id == 0 { l.pick("已添加", "Added") } else { l.pick("已保存", "Saved") };
                    ok.set(Some(format!("{done}：{}", saved.name)));
                    editing.set(None);
                    withdrawn.set(false);
                    for s in [name, title, organisation, contact, document, term_end] {
                        s.set(String::new());
                    }
                    expertise.set(Vec::new());
                    on_saved.run(());
                }
                Err(r) => {
                    message.set(Some(refused_text(&r, l)));
                    errors.set(r.fields);
                }
            }
        });
    };
    let tags = move || {
        let l = lang.get();
        EXPERTISE.iter().map(|e| (e.0.to_string(), l.pick(e.1, e.2).to_string())).collect()
    };
    view! {
        <form id="expert-form" data-testid="expert-form" class="registry-form" novalidate on:submit=save>
            <div class="field-grid">
                <TextField form=FORM name="name" label=("姓名", "Name") value=name errors=errors required=true />
                <TextField form=FORM name="title" label=("职称职务", "Title") value=title errors=errors />
                <TextField form=FORM name="organisation" label=("工作单位", "Organisation") value=organisation errors=errors required=true />
                <TextField form=FORM name="contact" label=("联系方式", "Contact") value=contact errors=errors />
                <TextField form=FORM name="appointment.document" label=("聘任文号", "Decision number") value=document errors=errors required=true />
                <TextField form=FORM name="appointment.appointed_on" label=("聘任日期", "Appointed on") value=appointed_on errors=errors kind="date" />
                <TextField form=FORM name="appointment.term_end" label=("聘期截止", "Term ends") value=term_end errors=errors kind="date" />
            </div>
            {checks(FORM, "expertise", ("专业领域", "Expertise"), tags, expertise, errors)}
            {move || editing.get().map(|e| view! {
                <p class="note" data-testid="expert-editing">
                    {move || lang.get().pick("正在编辑：", "Editing: ")} {e.name.clone()} " "
                    <label class="check"><input type="checkbox" id="expert-withdrawn" prop:checked=move || withdrawn.get()
                        on:change=move |ev| withdrawn.set(event_target_checked(&ev)) />
                        {move || lang.get().pick("已解聘", "Withdrawn")}</label> " "
                    <button type="button" class="small" id="cancel-expert-edit" on:click=move |_| {
                        editing.set(None);
                        for s in [name, title, organisation, contact, document, term_end] {
                            s.set(String::new());
                        }
                        expertise.set(Vec::new());
                    }>{move || lang.get().pick("取消编辑", "Cancel")}</button>
                </p>
            })}
            <p class="form-error" role="alert" data-testid="expert-form-error">{move || message.get()}</p>
            <p class="form-ok" role="status">{move || ok.get()}</p>
            <button type="submit" class="primary" id="save-expert">{move || lang.get().pick("添加专家", "Add expert")}</button>
        </form>
    }
}

#[component]
pub fn ActivityForm(
    today: String,
    /// The experts and the enterprises to choose from: id and name.
    experts: Signal<Vec<(i64, String)>>,
    enterprises: Signal<Vec<(i64, String)>>,
    on_saved: Callback<()>,
) -> impl IntoView {
    const FORM: &str = "activity";
    let lang = use_ui().lang;
    let kind = RwSignal::new(ActivityKind::Training);
    let on = RwSignal::new(today);
    let topic = RwSignal::new(String::new());
    let chosen_experts = RwSignal::new(Vec::<i64>::new());
    let audience = RwSignal::new(String::new());
    let participants = RwSignal::new(String::new());
    let materials = RwSignal::new(String::new());
    let chosen_enterprises = RwSignal::new(Vec::<i64>::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let message = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        ok.set(None);
        let fail = |found: Vec<FieldError>| {
            message.set(found.first().map(|f| l.pick(&f.zh, &f.en).to_string()));
            errors.set(found);
        };
        let mut c = Checker::new();
        let day = c.date("on", ("活动日期", "Date"), &on.get_untracked());
        let count = c.whole("participants", ("参加人数", "Number of participants"), &participants.get_untracked());
        let (Some(day), Some(count)) = (day, count) else { return fail(c.into_vec()) };
        let activity = Activity {
            id: 0,
            version: 0,
            kind: kind.get_untracked(),
            on: day,
            topic: topic.get_untracked(),
            experts: chosen_experts.get_untracked(),
            audience: audience.get_untracked(),
            participants: count,
            materials: materials.get_untracked(),
            enterprises: chosen_enterprises.get_untracked(),
            illustrative: false,
        };
        spawn_local(async move {
            let l = lang.get_untracked();
            match api::registry::add_activity(&activity).await {
                Ok(saved) => {
                    errors.set(Vec::new());
                    message.set(None);
                    ok.set(Some(format!("{}：{}", l.pick("已记录", "Recorded"), saved.topic)));
                    for s in [topic, audience, participants, materials] {
                        s.set(String::new());
                    }
                    chosen_experts.set(Vec::new());
                    chosen_enterprises.set(Vec::new());
                    on_saved.run(());
                }
                Err(r) => {
                    message.set(Some(refused_text(&r, l)));
                    errors.set(r.fields);
                }
            }
        });
    };
    view! {
        <form id="activity-form" data-testid="activity-form" class="registry-form" novalidate on:submit=save>
            <div class="field-grid">
                <label for="activity-kind"><span>{move || lang.get().pick("类型", "Kind")}</span>
                    <select id="activity-kind" on:change=move |e| {
                        kind.set(if event_target_value(&e) == "consultation" { ActivityKind::Consultation } else { ActivityKind::Training })
                    }>
                        <option value="training">{move || ActivityKind::Training.label(lang.get())}</option>
                        <option value="consultation">{move || ActivityKind::Consultation.label(lang.get())}</option>
                    </select>
                </label>
                <TextField form=FORM name="on" label=("日期", "Date") value=on errors=errors kind="date" />
                <TextField form=FORM name="topic" label=("主题", "Topic") value=topic errors=errors required=true />
                <TextField form=FORM name="audience" label=("对象", "Audience") value=audience errors=errors />
                <TextField form=FORM name="participants" label=("参加人数", "Participants") value=participants errors=errors kind="number" required=true />
                <TextField form=FORM name="materials" label=("材料", "Materials") value=materials errors=errors multiline=true />
            </div>
            {checks(FORM, "experts", ("专家", "Experts"), move || experts.get(), chosen_experts, errors)}
            {checks(FORM, "enterprises", ("服务企业", "Enterprises served"), move || enterprises.get(), chosen_enterprises, errors)}
            <p class="form-error" role="alert" data-testid="activity-form-error">{move || message.get()}</p>
            <p class="form-ok" role="status">{move || ok.get()}</p>
            <button type="submit" class="primary" id="save-activity">{move || lang.get().pick("记录活动", "Record activity")}</button>
        </form>
    }
}
