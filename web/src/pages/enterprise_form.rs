//! The bureau's form for a key enterprise: every field of the record, new (POST) or an edit of a stored
//! version (PUT, where someone else's change in between is a 409). The server checks it
//! (`Enterprise::check`); its findings appear under each field and nothing typed is lost.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::enterprise::{Enterprise, EnterpriseStatus, NATURES};
use waimao_core::form::{Checker, FieldError};

use super::registry::{refused_text, Errors, FieldMessages, Refs, TextField};
use crate::api;
use crate::ui::use_ui;

const FORM: &str = "enterprise";

/// The form's typed text.
#[derive(Clone, Copy)]
struct Draft {
    name_zh: RwSignal<String>,
    name_en: RwSignal<String>,
    uscc: RwSignal<String>,
    county: RwSignal<String>,
    nature: RwSignal<String>,
    main_hs: RwSignal<String>,
    products: RwSignal<String>,
    markets: RwSignal<Vec<String>>,
    liaison: RwSignal<String>,
    contact: RwSignal<String>,
    phone: RwSignal<String>,
    status: RwSignal<EnterpriseStatus>,
    added_on: RwSignal<String>,
}

impl Draft {
    fn new(base: Option<&Enterprise>, today: String) -> Self {
        let s = |f: fn(&Enterprise) -> String| RwSignal::new(base.map(f).unwrap_or_default());
        Draft {
            name_zh: s(|e| e.name_zh.clone()),
            name_en: s(|e| e.name_en.clone()),
            uscc: s(|e| e.uscc.clone()),
            county: s(|e| e.county.to_string()),
            nature: s(|e| e.nature.clone()),
            main_hs: s(|e| e.main_hs.clone()),
            products: s(|e| e.products.clone()),
            markets: RwSignal::new(base.map(|e| e.markets.clone()).unwrap_or_default()),
            liaison: s(|e| e.liaison.clone()),
            contact: s(|e| e.contact.clone()),
            phone: s(|e| e.phone.clone()),
            status: RwSignal::new(base.map(|e| e.status).unwrap_or_default()),
            added_on: RwSignal::new(base.map_or(today, |e| e.added_on.to_string())),
        }
    }

    /// The record to send, or the findings of choices left empty.
    fn record(&self, base: Option<&Enterprise>) -> Result<Enterprise, Vec<FieldError>> {
        // The choices a record cannot be built without; the rest is `Enterprise::check`'s.
        let mut c = Checker::new();
        let county = c.county("county", ("所属区县", "County"), &self.county.get_untracked());
        c.choice("nature", ("企业性质", "Nature"), &self.nature.get_untracked());
        c.choice("main_hs", ("主要产品类别", "Main product section"), &self.main_hs.get_untracked());
        let added_on = c.date("added_on", ("列入日期", "Date added"), &self.added_on.get_untracked());
        let (Some(county), Some(added_on), true) = (county, added_on, c.is_empty()) else { return Err(c.into_vec()) };
        Ok(Enterprise {
            id: base.map_or(0, |e| e.id),
            version: base.map_or(0, |e| e.version),
            name_zh: self.name_zh.get_untracked(),
            name_en: self.name_en.get_untracked(),
            uscc: self.uscc.get_untracked().trim().to_uppercase(),
            county,
            nature: self.nature.get_untracked(),
            main_hs: self.main_hs.get_untracked(),
            products: self.products.get_untracked(),
            markets: self.markets.get_untracked(),
            liaison: self.liaison.get_untracked(),
            contact: self.contact.get_untracked(),
            phone: self.phone.get_untracked(),
            status: self.status.get_untracked(),
            added_on,
            illustrative: base.is_some_and(|e| e.illustrative),
        })
    }
}

/// The add form (`base` None) or the edit form of a stored record; `on_saved` gets the stored record.
#[component]
pub fn EnterpriseForm(
    refs: RwSignal<Refs>,
    base: Option<Enterprise>,
    /// Today's date on the server ("2026-11-27"), the default date added.
    today: String,
    on_saved: Callback<Enterprise>,
) -> impl IntoView {
    let ui = use_ui();
    let draft = Draft::new(base.as_ref(), today.clone());
    let errors: Errors = RwSignal::new(Vec::new());
    let message = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let editing = base.is_some();
    let base = StoredValue::new(base);
    let busy = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = ui.lang.get_untracked();
        ok.set(None);
        let record = match draft.record(base.get_value().as_ref()) {
            Ok(r) => r,
            Err(found) => {
                message.set(found.first().map(|f| l.pick(&f.zh, &f.en).to_string()));
                errors.set(found);
                return;
            }
        };
        busy.set(true);
        let today = today.clone();
        spawn_local(async move {
            let l = ui.lang.get_untracked();
            match api::enterprises::save(&record).await {
                Ok(saved) => {
                    errors.set(Vec::new());
                    message.set(None);
                    ok.set(Some(format!("{}：{}", l.pick("已保存", "Saved"), saved.name(l))));
                    if !editing {
                        // A new form for the next enterprise.
                        let fresh = Draft::new(None, today);
                        for (s, v) in [
                            (draft.name_zh, fresh.name_zh),
                            (draft.name_en, fresh.name_en),
                            (draft.uscc, fresh.uscc),
                            (draft.products, fresh.products),
                            (draft.liaison, fresh.liaison),
                            (draft.contact, fresh.contact),
                            (draft.phone, fresh.phone),
                            (draft.added_on, fresh.added_on),
                        ] {
                            s.set(v.get_untracked());
                        }
                        draft.markets.set(Vec::new());
                    } else {
                        base.set_value(Some(saved.clone()));
                    }
                    on_saved.run(saved);
                }
                Err(r) => {
                    message.set(Some(if r.failure.status == 409 {
                        format!(
                            "{} {}",
                            r.failure.message,
                            l.pick(
                                "（他人已修改此企业，请刷新页面后再改）",
                                "(someone else changed it; reload the page and edit again)"
                            )
                        )
                    } else {
                        refused_text(&r, l)
                    }));
                    errors.set(r.fields);
                }
            }
            busy.set(false);
        });
    };
    let lang = ui.lang;
    let pick = move |zh: &'static str, en: &'static str| move || lang.get().pick(zh, en);
    let select = move |field: &'static str,
                       value: RwSignal<String>,
                       options: Box<dyn Fn() -> Vec<(String, String)> + Send + Sync>| {
        let id = format!("{FORM}-{field}");
        view! {
            <select id=id name=field aria-invalid=super::registry::invalid(errors, field)
                aria-describedby=super::registry::error_id(FORM, field)
                on:change=move |e| value.set(event_target_value(&e))>
                <option value="" selected=move || value.get().is_empty()>{pick("请选择", "Choose")}</option>
                {move || options().into_iter().map(|(code, name)| {
                    let c = code.clone();
                    view! { <option value=code selected=move || value.get() == c>{name}</option> }
                }).collect_view()}
            </select>
            <FieldMessages errors=errors form=FORM field=field />
        }
    };
    let counties = Box::new(move || {
        let l = lang.get();
        refs.get().counties().into_iter().map(|c| (c.code.to_string(), c.name(l).to_string())).collect()
    });
    let natures = Box::new(move || {
        let l = lang.get();
        NATURES.iter().map(|n| (n.0.to_string(), l.pick(n.1, n.2).to_string())).collect()
    });
    let sections = Box::new(move || {
        let l = lang.get();
        refs.get().hs.iter().map(|m| (m.code.clone(), format!("{} {}", m.code, m.name(l)))).collect()
    });
    let markets = move || {
        let l = lang.get();
        refs.get()
            .partners
            .into_iter()
            .map(|m| {
                let code = m.code.clone();
                let c = code.clone();
                view! {
                    <label class="check">
                        <input type="checkbox" value=code.clone() prop:checked=move || draft.markets.with(|ms| ms.contains(&c))
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                let code = code.clone();
                                draft.markets.update(|ms| { ms.retain(|x| *x != code); if on { ms.push(code) } });
                            } />
                        {m.name(l).to_string()}
                    </label>
                }
            })
            .collect_view()
    };
    let form_id = if editing { "enterprise-edit-form" } else { "enterprise-form" };
    view! {
        <form id=form_id data-testid=form_id class="registry-form" novalidate on:submit=save>
            <div class="field-grid">
                <TextField form=FORM name="name_zh" label=("企业名称", "Name (Chinese)") value=draft.name_zh errors=errors required=true />
                <TextField form=FORM name="name_en" label=("英文名称", "English name") value=draft.name_en errors=errors />
                <TextField form=FORM name="uscc" label=("统一社会信用代码（18位）", "Unified social credit code (18 characters)") value=draft.uscc errors=errors required=true />
                <label for="enterprise-county"><span>{pick("所属区县", "County")}</span>{select("county", draft.county, counties)}</label>
                <label for="enterprise-nature"><span>{pick("企业性质", "Nature")}</span>{select("nature", draft.nature, natures)}</label>
                <label for="enterprise-main_hs"><span>{pick("主要产品类别", "Main product section")}</span>{select("main_hs", draft.main_hs, sections)}</label>
                <TextField form=FORM name="products" label=("主要产品", "Main products") value=draft.products errors=errors />
                <TextField form=FORM name="liaison" label=("包联领导", "Liaison official") value=draft.liaison errors=errors />
                <TextField form=FORM name="contact" label=("联系人", "Contact person") value=draft.contact errors=errors />
                <TextField form=FORM name="phone" label=("联系电话", "Phone") value=draft.phone errors=errors kind="tel" />
                <label for="enterprise-status"><span>{pick("状态", "Status")}</span>
                    <select id="enterprise-status" on:change=move |e| {
                        if let Some(s) = EnterpriseStatus::ALL.into_iter().find(|s| s.code() == event_target_value(&e)) { draft.status.set(s) }
                    }>
                        {EnterpriseStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=move || draft.status.get() == s>{move || s.label(lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <TextField form=FORM name="added_on" label=("列入日期", "Date added") value=draft.added_on errors=errors kind="date" />
            </div>
            <fieldset class="checks" aria-describedby=super::registry::error_id(FORM, "markets")>
                <legend>{pick("主要市场", "Main markets")}</legend>
                <div class="check-list">{markets}</div>
                <FieldMessages errors=errors form=FORM field="markets" />
            </fieldset>
            <p class="form-error" role="alert" data-testid="enterprise-form-error">{move || message.get()}</p>
            <p class="form-ok" role="status" data-testid="enterprise-form-ok">{move || ok.get()}</p>
            <button type="submit" class="primary" id=if editing { "update-enterprise" } else { "save-enterprise" } disabled=move || busy.get()>
                {move || if editing { lang.get().pick("保存修改", "Save changes") } else { lang.get().pick("添加企业", "Add enterprise") }}
            </button>
        </form>
    }
}
