//! One key enterprise's page: its profile (and the bureau's edit form), its monthly exports and imports
//! as columns and as the table of `waimao_core::enterprise::months` (同比, share of the city), its
//! returns with links to the return form, and its problems (see `problems`).

use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::chart::{series_colour, Stacking};
use waimao_core::enterprise::{months, months_table, nature_label, MonthRow};
use waimao_core::observation::Entity;
use waimao_core::registry::EnterpriseDetail;
use waimao_core::{Amount, Lang, Measure, Unit};

use super::enterprise_form::EnterpriseForm;
use super::figure_history::FigureVersions;
use super::problems::Problems;
use super::registry::{load_refs, not_ready, Example, Refs};
use crate::api;
use crate::components::columns::{ColumnChart, ColumnData, ColumnSeries};
use crate::components::composition::is_dark;
use crate::components::table_files::TableFiles;
use crate::i18n::{t, T};
use crate::ui::use_ui;

/// The months the chart draws: the latest two years, oldest first.
const CHART_MONTHS: usize = 24;

fn profile(d: &EnterpriseDetail, r: &Refs, l: Lang) -> impl IntoView {
    let e = &d.enterprise;
    let markets = e.markets.iter().map(|m| r.partner_name(m, l)).collect::<Vec<_>>().join(l.pick("、", ", "));
    let rows: Vec<(&str, String)> = vec![
        (l.pick("英文名称", "English name"), e.name_en.clone()),
        (l.pick("统一社会信用代码", "Unified social credit code"), e.uscc.clone()),
        (l.pick("所属区县", "County"), r.county_name(e.county, l)),
        (l.pick("企业性质", "Nature"), nature_label(&e.nature, l).to_string()),
        (l.pick("主要产品类别", "Main product section"), r.hs_name(&e.main_hs, l)),
        (l.pick("主要产品", "Main products"), e.products.clone()),
        (l.pick("主要市场", "Main markets"), markets),
        (l.pick("包联领导", "Liaison official"), e.liaison.clone()),
        (l.pick("联系人", "Contact person"), e.contact.clone()),
        (l.pick("联系电话", "Phone"), e.phone.clone()),
        (l.pick("状态", "Status"), e.status.label(l).to_string()),
        (l.pick("列入日期", "Date added"), e.added_on.to_string()),
    ];
    view! {
        <dl class="figures" data-testid="enterprise-profile">
            {rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{if v.is_empty() { "—".to_string() } else { v }}</dd> }).collect_view()}
        </dl>
    }
}

fn months_view(rows: &[MonthRow], name: &str, l: Lang) -> impl IntoView {
    let table = months_table(rows, l);
    let sheet = format!("{name}{}", l.pick("逐月进出口", " by month"));
    let files = view! {
        <span class="downloads">
            <TableFiles id="enterprise-months" file=format!("waimao-enterprise-months-{}", l.code()) sheet=sheet
                table=table.clone() />
        </span>
    };
    view! {
        {files}
        <div class="table-wrap" tabindex="0">
            <table class="data" data-testid="enterprise-months">
                <caption class="sr-only">{l.pick("逐月进出口", "Exports and imports by month")}</caption>
                <thead><tr>{table.headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {table.rows.into_iter().map(|row| {
                        let mut cells = row.into_iter();
                        let first = cells.next().unwrap_or_default();
                        view! { <tr><th scope="row">{first}</th>{cells.map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The grouped columns of the latest months, in 万元.
#[component]
fn MonthsChart(rows: Memo<Vec<MonthRow>>) -> impl IntoView {
    let ui = use_ui();
    let shown = Memo::new(move |_| {
        let mut r: Vec<MonthRow> = rows.get().into_iter().take(CHART_MONTHS).collect();
        r.reverse();
        r
    });
    let data = Signal::derive(move || {
        let l = ui.lang.get();
        let dark = is_dark(ui.theme.get());
        let ms = shown.get();
        Arc::new(ColumnData {
            categories: ms.iter().map(|m| m.month.label(l)).collect(),
            labelled: ms.iter().enumerate().map(|(i, m)| i == 0 || m.month.month() == 1 || i % 3 == 0).collect(),
            series: vec![
                ColumnSeries {
                    name: Measure::Export.label(l).to_string(),
                    values: ms.iter().map(|m| m.exports).collect(),
                    colour: series_colour(0, dark),
                },
                ColumnSeries {
                    name: Measure::Import.label(l).to_string(),
                    values: ms.iter().map(|m| m.imports).collect(),
                    colour: series_colour(1, dark),
                },
            ],
        })
    });
    let tooltip = Callback::new(move |i: usize| {
        let l = ui.lang.get_untracked();
        let Some(m) = shown.with_untracked(|ms| ms.get(i).cloned()) else { return Vec::new() };
        let amount = |v: Option<i64>| v.map_or_else(|| "—".to_string(), |v| Amount::cny(v).display(Unit::Wan, 2, l));
        vec![
            m.month.label(l),
            format!("{} {}", Measure::Export.label(l), amount(m.exports)),
            format!("{} {}", Measure::Import.label(l), amount(m.imports)),
            format!("{} {}", l.pick("同比", "YoY"), m.yoy.short(1, l)),
        ]
    });
    let summary = Signal::derive(move || {
        let l = ui.lang.get();
        shown.with(|ms| match ms.last() {
            None => l.pick("尚无已审核的数据。", "No approved figures yet.").to_string(),
            Some(m) => {
                let amount =
                    |v: Option<i64>| v.map_or_else(|| "—".to_string(), |v| Amount::cny(v).display(Unit::Wan, 2, l));
                format!(
                    "{}：{} {}，{} {}，{} {}。",
                    m.month.label(l),
                    Measure::Export.label(l),
                    amount(m.exports),
                    Measure::Import.label(l),
                    amount(m.imports),
                    l.pick("进出口同比", "total YoY"),
                    m.yoy.short(1, l)
                )
            }
        })
    });
    // The same key as the dashboard's exports-and-imports panel.
    let legend = move || {
        let names = [Measure::Export, Measure::Import].map(|m| m.label(ui.lang.get()).to_string()).to_vec();
        crate::components::flows::legend_keys(names, is_dark(ui.theme.get()))
    };
    view! {
        <div class="chart-legend">{legend}</div>
        <ColumnChart
            data=data
            mode=Stacking::Grouped
            divisor=Unit::Wan.factor() as f64
            tooltip=tooltip
            title=Signal::derive(move || ui.lang.get().pick("逐月出口与进口", "Exports and imports by month").to_string())
            summary=summary
            keys_hint=Signal::derive(move || t(ui.lang.get(), T::ChartKeys).to_string())
            y_unit=Signal::derive(move || crate::app::unit_text(Unit::Wan, ui.lang.get()))
            testid="enterprise-chart"
        />
    }
}

#[component]
pub fn EnterprisePage(id: i64) -> impl IntoView {
    let ui = use_ui();
    let lang = ui.lang;
    let refs = load_refs(true, true);
    let refresh = RwSignal::new(0u32);
    let detail = LocalResource::new(move || {
        refresh.track();
        async move { api::enterprises::detail(id).await }
    });
    let reload = Callback::new(move |_: ()| refresh.update(|n| *n += 1));
    let me = api::session::use_me();
    let month_rows = Memo::new(move |_| {
        let r = refs.get();
        let city = r.overview.as_ref().and_then(|o| o.series_of(o.city.code).cloned());
        detail.get().and_then(Result::ok).map(|d| months(&d.history, city.as_ref())).unwrap_or_default()
    });

    let body = move || {
        let l = lang.get();
        let d = match detail.get() {
            Some(Ok(d)) => d,
            Some(Err(f)) => return not_ready(Some(&f), l),
            None => return not_ready(None, l),
        };
        let r = refs.get();
        let e = d.enterprise.clone();
        let admin = me.get().flatten().is_some_and(|p| p.can_edit_registries());
        let returns = d.returns.clone();
        view! {
            <div class="panel-head">
                <h2 data-testid="enterprise-name">{e.name(l).to_string()} " " <Example show=e.illustrative /></h2>
                <a class="button-link" href="/enterprises">{l.pick("返回企业列表", "All enterprises")}</a>
            </div>
            {profile(&d, &r, l)}
            {admin.then(|| {
                let base = e.clone();
                let today = d.today.to_string();
                view! {
                    <details class="add-box" data-testid="edit-enterprise">
                        <summary id="edit-enterprise-toggle">{l.pick("编辑企业信息", "Edit the record")}</summary>
                        <EnterpriseForm refs=refs base=Some(base) today=today on_saved=Callback::new(move |_| reload.run(())) />
                    </details>
                }
            })}
            <h3>{l.pick("逐月进出口", "Exports and imports by month")}</h3>
            {move || (!month_rows.with(Vec::is_empty)).then(|| view! { <MonthsChart rows=month_rows /> })}
            {
                let firm = e.clone();
                move || months_view(&month_rows.get(), firm.name(lang.get()), lang.get())
            }
            {u32::try_from(e.id).ok().map(|id| {
                // The latest month of the table: the one a reader most likely asks about.
                let latest = Signal::derive(move || month_rows.with(|r| r.first().map(|m| m.month)));
                view! { <FigureVersions entity=Entity::Enterprise(id) month=latest /> }
            })}
            <h3>{l.pick("月报", "Returns")}</h3>
            {if returns.is_empty() {
                view! { <p class="note">{l.pick("尚无月报。", "No returns yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="return-list" data-testid="enterprise-returns">
                        {returns.into_iter().map(|b| view! {
                            <li>
                                <a href=format!("/enterprise/{id}?month={}", b.month)>{b.month.label(l)}</a>
                                {format!(" · v{} · {}", b.version, b.state.label(l))}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <Problems detail=d admin=admin on_change=reload />
        }
        .into_any()
    };

    view! {
        <section class="panel form-page wide" id="enterprise-page" data-testid="enterprise-page">
            {body}
        </section>
    }
}
