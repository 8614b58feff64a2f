//! What the registry pages (enterprises, experts, leading group) share: county, HS section and partner
//! names from the published files, the findings of a refused form shown under each field, the 示例
//! badge, the CSV/XLSX links and the dates typed in date inputs.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::api::OverviewFile;
use waimao_core::dimension::Member;
use waimao_core::form::FieldError;
use waimao_core::{Dimension, Lang, Region, RegionCode};

use crate::api::Failure;
use crate::ui::use_ui;

/// Names the registry pages show for codes: counties (and the city's series) from `overview.json`, HS
/// sections and partners from their breakdown files. Empty until they arrive; codes stand in meanwhile.
#[derive(Debug, Clone, Default)]
pub struct Refs {
    pub overview: Option<Arc<OverviewFile>>,
    pub hs: Vec<Member>,
    pub partners: Vec<Member>,
}

impl Refs {
    pub fn counties(&self) -> Vec<Region> {
        self.overview.as_ref().map(|o| o.counties.clone()).unwrap_or_default()
    }

    pub fn county_name(&self, code: RegionCode, l: Lang) -> String {
        self.overview
            .as_ref()
            .and_then(|o| o.counties.iter().find(|c| c.code == code))
            .map_or_else(|| code.to_string(), |c| c.name(l).to_string())
    }

    pub fn hs_name(&self, code: &str, l: Lang) -> String {
        self.hs.iter().find(|m| m.code == code).map_or_else(|| code.to_string(), |m| m.name(l).to_string())
    }

    pub fn partner_name(&self, code: &str, l: Lang) -> String {
        self.partners.iter().find(|m| m.code == code).map_or_else(|| code.to_string(), |m| m.name(l).to_string())
    }
}

/// Fetches the names once; `partners` only where a form offers markets.
pub fn load_refs(hs: bool, partners: bool) -> RwSignal<Refs> {
    let refs = RwSignal::new(Refs::default());
    spawn_local(async move {
        if let Ok(o) = crate::load::overview().await {
            refs.update(|r| r.overview = Some(Arc::new(o)));
        }
        if hs {
            if let Ok(f) = crate::load::dimension(Dimension::HsSection).await {
                refs.update(|r| r.hs = f.members);
            }
        }
        if partners {
            if let Ok(f) = crate::load::dimension(Dimension::Partner).await {
                refs.update(|r| r.partners = f.members);
            }
        }
    });
    refs
}

/// A date typed in a date input ("2026-11-27") as the record's date type.
pub fn date<D: std::str::FromStr>(s: &str) -> Option<D> {
    s.trim().parse().ok()
}

/// The findings of a form, by field, as the server's 422 body (or the core check) named them.
pub type Errors = RwSignal<Vec<FieldError>>;

/// Whether a finding belongs to `field`: the field itself or one of its items (`markets.0`).
fn belongs(f: &FieldError, field: &str) -> bool {
    f.field == field || f.field.strip_prefix(field).is_some_and(|rest| rest.starts_with('.'))
}

/// `aria-invalid` for an input: "true" while a finding names its field.
pub fn invalid(errors: Errors, field: impl Into<String>) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    let field = field.into();
    move || errors.with(|e| e.iter().any(|f| belongs(f, &field))).then_some("true")
}

/// The id of the messages under a field, for `aria-describedby`.
pub fn error_id(form: &str, field: &str) -> String {
    format!("{form}-{}-error", field.replace('.', "-"))
}

/// The messages under one field, in the reader's language.
#[component]
pub fn FieldMessages(errors: Errors, #[prop(into)] form: String, #[prop(into)] field: String) -> impl IntoView {
    let lang = use_ui().lang;
    let id = error_id(&form, &field);
    let testid = format!("error-{field}");
    view! {
        <span class="field-error" id=id data-testid=testid role="alert">
            {move || {
                let l = lang.get();
                errors.with(|e| {
                    e.iter().filter(|f| belongs(f, &field)).map(|f| l.pick(&f.zh, &f.en).to_string()).collect::<Vec<_>>().join(" ")
                })
            }}
        </span>
    }
}

/// The form-level line above the submit button: the first finding or the failure, for everyone.
pub fn refused_text(r: &crate::api::Refused, l: Lang) -> String {
    match r.fields.first() {
        Some(f) => format!("{}{}", l.pick("请更正标出的项目：", "Correct the marked fields: "), l.pick(&f.zh, &f.en)),
        None => r.failure.message.clone(),
    }
}

/// The small "示例" badge on the demo data's fictional records.
#[component]
pub fn Example(show: bool) -> impl IntoView {
    let lang = use_ui().lang;
    show.then(|| {
        view! {
            <span class="badge example" data-testid="example-badge" title=move || lang.get().pick("示例数据，非真实记录", "Example data, not a real record")>
                {move || lang.get().pick("示例", "Example")}
            </span>
        }
    })
}

/// The CSV and XLSX downloads of one export, in the reader's language.
#[component]
pub fn Exports(name: &'static str) -> impl IntoView {
    let lang = use_ui().lang;
    let href = move |ext: &str| crate::api::export::href(name, ext, lang.get());
    view! {
        <span class="downloads" data-testid=format!("export-{name}")>
            <a class="button-link" href=move || href("csv") download="" data-testid=format!("export-{name}-csv")>"CSV"</a>
            <a class="button-link" href=move || href("xlsx") download="" data-testid=format!("export-{name}-xlsx")>"XLSX"</a>
        </span>
    }
}

/// The loading line, or the failure (a 401 goes to the sign-in page).
pub fn not_ready(failure: Option<&Failure>, l: Lang) -> AnyView {
    match failure {
        None => view! { <p class="note">{l.pick("正在加载…", "Loading…")}</p> }.into_any(),
        Some(f) => {
            if f.status == 401 {
                crate::api::go("/login");
            }
            let text = if f.status == 403 {
                l.pick("没有查看权限。", "You may not see this.").to_string()
            } else {
                f.message.clone()
            };
            view! { <p class="form-error" role="alert" data-testid="page-error">{text}</p> }.into_any()
        }
    }
}

/// A labelled text input (or textarea) with its messages under it. The input's id is `{form}-{name}`
/// unless `id` names another.
#[component]
pub fn TextField(
    #[prop(into)] form: String,
    #[prop(into)] name: String,
    label: (&'static str, &'static str),
    value: RwSignal<String>,
    errors: Errors,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let lang = use_ui().lang;
    let id = id.unwrap_or_else(|| format!("{form}-{}", name.replace('.', "-")));
    let described = error_id(&form, &name);
    let bad = invalid(errors, name.clone());
    let input = if multiline {
        view! {
            <textarea id=id.clone() name=name.clone() required=required aria-invalid=bad aria-describedby=described
                prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input type=kind id=id.clone() name=name.clone() required=required aria-invalid=bad aria-describedby=described
                prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) />
        }
        .into_any()
    };
    view! {
        <label for=id>
            <span>{move || lang.get().pick(label.0, label.1)}</span>
            {input}
            <FieldMessages errors=errors form=form field=name />
        </label>
    }
}

/// Today's date (the forms' default), once the signed-in user is known to be the bureau and the page's
/// list has answered with the server's date. Kept from then on, so the bureau's forms are drawn once and
/// what is typed in them stays when the lists reload.
pub fn admin_today(
    me: LocalResource<Option<waimao_core::account::Principal>>,
    today: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> Memo<Option<String>> {
    Memo::new(move |prev: Option<&Option<String>>| {
        if let Some(Some(t)) = prev {
            return Some(t.clone());
        }
        let admin = me.get().flatten().is_some_and(|p| p.can_edit_registries());
        admin.then(&today).flatten()
    })
}
