//! Annual targets per county (the bureau's): the published targets of a year, and a form that sets one
//! (typed in 万元, sent in whole 元; the dashboard's completion rates follow on the next publication).

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::returns::{Field, Finding};
use waimao_core::{Amount, RegionCode, Unit};

use crate::components::table_files::TableFiles;
use crate::load;
use crate::ui::use_ui;
use waimao_core::chart::Table;

#[component]
pub fn Targets() -> impl IntoView {
    let ui = use_ui();
    let refresh = RwSignal::new(0u32);
    let file = LocalResource::new(move || {
        refresh.track();
        load::overview()
    });
    let county = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if year.get_untracked().is_empty() {
            if let Some(Ok(f)) = file.get() {
                year.set(f.meta.last_month.year().to_string());
            }
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = ui.lang.get_untracked();
        let total = match Finding::parse_wan(Field::Exports, &value.get_untracked()) {
            Ok(Some(v)) if v > 0 => v,
            Ok(_) => {
                message.set(Some(
                    l.pick("目标：请填写大于0的金额（万元）", "Target: enter an amount above 0 (10k CNY)").into(),
                ));
                return;
            }
            Err(f) => {
                message.set(Some(f.message(l).replacen(&Field::Exports.label(l), l.pick("目标", "Target"), 1)));
                return;
            }
        };
        let (Ok(code), Ok(y)) =
            (RegionCode::parse(&county.get_untracked()), year.get_untracked().trim().parse::<i32>())
        else {
            message.set(Some(l.pick("请选择县区并填写年份", "Choose a county and a year").into()));
            return;
        };
        spawn_local(async move {
            message.set(Some(match crate::api::admin::set_target(code, y, total).await {
                Ok(()) => {
                    refresh.update(|n| *n += 1);
                    format!(
                        "{} {y} · {}",
                        l.pick("已保存目标", "Target saved"),
                        Amount::cny(total).display(Unit::Yi, 2, l)
                    )
                }
                Err(f) => f.message,
            }));
        });
    };
    let table = move || {
        let l = ui.lang.get();
        let Some(Ok(f)) = file.get() else { return None };
        let y: i32 = year.get().trim().parse().unwrap_or(f.meta.last_month.year());
        let target_text = |c: RegionCode| {
            f.target(c, y).map(|v| Amount::cny(v).display(Unit::Yi, 2, l)).unwrap_or_else(|| "—".into())
        };
        let table = Table {
            headers: vec![
                l.pick("县区", "County").to_string(),
                format!("{y}{}", l.pick("年进出口目标", " total-trade target")),
            ],
            rows: f.counties.iter().map(|c| vec![c.name(l).to_string(), target_text(c.code)]).collect(),
        };
        let sheet = format!("{y}{}", l.pick("年度目标", " targets"));
        Some(view! {
            <span class="downloads">
                <TableFiles id="targets" file=format!("waimao-targets-{y}") sheet=sheet table=table />
            </span>
            <table class="data" data-testid="targets">
                <thead><tr>
                    <th scope="col">{l.pick("县区", "County")}</th>
                    <th scope="col">{format!("{y}{}", l.pick("年进出口目标", " total-trade target"))}</th>
                </tr></thead>
                <tbody>
                    {f.counties.iter().map(|c| {
                        let t = target_text(c.code);
                        view! { <tr data-code=c.code.to_string()><td>{c.name(l).to_string()}</td><td>{t}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        })
    };
    let options = move || {
        let l = ui.lang.get();
        file.get().and_then(|r| r.ok()).map(|f| {
            f.counties
                .iter()
                .map(|c| view! { <option value=c.code.to_string()>{c.name(l).to_string()}</option> })
                .collect_view()
        })
    };
    view! {
        <h3>{move || ui.lang.get().pick("年度目标", "Annual targets")}</h3>
        <form class="inline-form" on:submit=save data-testid="target-form">
            <label><span>{move || ui.lang.get().pick("县区", "County")}</span>
                <select required data-testid="target-county" on:change=move |e| county.set(event_target_value(&e))>
                    <option value="">"—"</option>
                    {options}
                </select></label>
            <label><span>{move || ui.lang.get().pick("年份", "Year")}</span>
                <input type="text" inputmode="numeric" data-testid="target-year" prop:value=move || year.get()
                    on:input=move |e| year.set(event_target_value(&e)) /></label>
            <label><span>{move || ui.lang.get().pick("目标（万元）", "Target (10k CNY)")}</span>
                <input type="text" inputmode="decimal" data-testid="target-value" prop:value=move || value.get()
                    on:input=move |e| value.set(event_target_value(&e)) /></label>
            <button type="submit" class="primary">{move || ui.lang.get().pick("保存", "Save")}</button>
        </form>
        <p class="note" role="status" data-testid="target-message">{move || message.get()}</p>
        {table}
    }
}
