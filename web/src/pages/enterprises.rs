//! The key enterprises (重点外贸企业): the list the caller may see, filtered by county, nature, main HS
//! section and status and sorted with `waimao_core::enterprise::select`, with each one's year-to-date
//! trade, 同比 and open problems; the exports; and the bureau's form to add one.

use leptos::prelude::*;
use waimao_core::enterprise::{nature_label, select, EnterpriseStatus, Filter, SortBy, NATURES};
use waimao_core::{RegionCode, Unit};

use super::enterprise_form::EnterpriseForm;
use super::registry::{load_refs, not_ready, Example, Exports};
use crate::api;
use crate::ui::use_ui;

fn sort_code(s: SortBy) -> &'static str {
    match s {
        SortBy::Ytd => "ytd",
        SortBy::Growth => "growth",
        SortBy::Name => "name",
    }
}

#[component]
pub fn Enterprises() -> impl IntoView {
    let ui = use_ui();
    let lang = ui.lang;
    let refs = load_refs(true, true);
    let refresh = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        refresh.track();
        async move { api::enterprises::list().await }
    });
    let me = api::session::use_me();
    let county = RwSignal::new(String::new());
    let nature = RwSignal::new(String::new());
    let hs = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let sort = RwSignal::new(SortBy::Ytd);
    let filter = move || {
        let some = |s: String| (!s.is_empty()).then_some(s);
        Filter {
            county: RegionCode::parse(&county.get()).ok(),
            nature: some(nature.get()),
            main_hs: some(hs.get()),
            status: EnterpriseStatus::ALL.into_iter().find(|s| s.code() == status.get()),
        }
    };
    let pick = move |zh: &'static str, en: &'static str| move || lang.get().pick(zh, en);
    let any = move || view! { <option value="">{pick("全部", "All")}</option> };

    let filters = view! {
        <div class="inline-form" data-testid="enterprise-filters">
            <label><span>{pick("所属区县", "County")}</span>
                <select id="filter-county" on:change=move |e| county.set(event_target_value(&e))>
                    {any}
                    {move || { let l = lang.get(); refs.get().counties().into_iter().map(|c| view! {
                        <option value=c.code.to_string()>{c.name(l).to_string()}</option>
                    }).collect_view() }}
                </select></label>
            <label><span>{pick("企业性质", "Nature")}</span>
                <select id="filter-nature" on:change=move |e| nature.set(event_target_value(&e))>
                    {any}
                    {NATURES.iter().map(|n| view! { <option value=n.0>{move || lang.get().pick(n.1, n.2)}</option> }).collect_view()}
                </select></label>
            <label><span>{pick("主要产品类别", "Main HS section")}</span>
                <select id="filter-hs" on:change=move |e| hs.set(event_target_value(&e))>
                    {any}
                    {move || { let l = lang.get(); refs.get().hs.iter().map(|m| view! {
                        <option value=m.code.clone()>{format!("{} {}", m.code, m.name(l))}</option>
                    }).collect_view() }}
                </select></label>
            <label><span>{pick("状态", "Status")}</span>
                <select id="filter-status" on:change=move |e| status.set(event_target_value(&e))>
                    {any}
                    {EnterpriseStatus::ALL.into_iter().map(|s| view! { <option value=s.code()>{move || s.label(lang.get())}</option> }).collect_view()}
                </select></label>
            <label><span>{pick("排序", "Sort by")}</span>
                <select id="sort-by" on:change=move |e| {
                    let v = event_target_value(&e);
                    if let Some(s) = [SortBy::Ytd, SortBy::Growth, SortBy::Name].into_iter().find(|s| sort_code(*s) == v) { sort.set(s) }
                }>
                    <option value="ytd">{pick("累计进出口", "YTD trade")}</option>
                    <option value="growth">{pick("累计同比", "YTD growth")}</option>
                    <option value="name">{pick("企业名称", "Name")}</option>
                </select></label>
        </div>
    };

    let table = move || {
        let l = lang.get();
        let listing = match list.get() {
            Some(Ok(listing)) => listing,
            Some(Err(f)) => return not_ready(Some(&f), l),
            None => return not_ready(None, l),
        };
        let rows = select(&listing.items, &filter(), sort.get());
        let r = refs.get();
        let count = format!("{} {}", rows.len(), l.pick("家企业", "enterprises"));
        view! {
            <p class="note" data-testid="enterprise-count">{count}</p>
            <div class="table-wrap" tabindex="0">
                <table class="data registry" data-testid="enterprise-table">
                    <thead><tr>
                        <th scope="col">{l.pick("企业名称", "Name")}</th>
                        <th scope="col">{l.pick("所属区县", "County")}</th>
                        <th scope="col">{l.pick("企业性质", "Nature")}</th>
                        <th scope="col">{l.pick("主要产品", "Main product")}</th>
                        <th scope="col" class="num">{l.pick("累计进出口（万元）", "YTD trade (10k yuan)")}</th>
                        <th scope="col" class="num">{l.pick("累计同比", "YTD growth")}</th>
                        <th scope="col" class="num">{l.pick("未办结诉求", "Open problems")}</th>
                        <th scope="col">{l.pick("状态", "Status")}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|row| {
                            let e = &row.enterprise;
                            let product = if e.products.is_empty() { r.hs_name(&e.main_hs, l) } else { e.products.clone() };
                            let overdue = row.overdue_problems;
                            let month = row.month.map(|m| m.label(l)).unwrap_or_default();
                            view! {
                                <tr data-testid="enterprise-row" data-id=e.id.to_string()>
                                    <th scope="row">
                                        <a href=format!("/enterprises/{}", e.id)>{e.name(l).to_string()}</a>
                                        " " <Example show=e.illustrative />
                                    </th>
                                    <td>{r.county_name(e.county, l)}</td>
                                    <td>{nature_label(&e.nature, l).to_string()}</td>
                                    <td title=r.hs_name(&e.main_hs, l)>{product}</td>
                                    <td class="num" title=month>{waimao_core::dashboard::amount_cell(row.standing.ytd, Unit::Wan)}</td>
                                    <td class="num">{row.standing.growth().short(1, l)}</td>
                                    <td class="num" data-testid="problems">
                                        {row.open_problems}
                                        {(overdue > 0).then(|| view! {
                                            " " <span class="overdue" data-testid="overdue-problems">
                                                {format!("{} {overdue}", l.pick("超期", "overdue"))}
                                            </span>
                                        })}
                                    </td>
                                    <td>{e.status.label(l)}</td>
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
        super::registry::admin_today(me, move || list.get().and_then(Result::ok).map(|l| l.today.to_string()));
    let add_form = move || {
        admin_today.get().map(|today| view! {
            <details class="add-box" open data-testid="add-enterprise">
                <summary>{pick("添加重点企业", "Add a key enterprise")}</summary>
                <EnterpriseForm refs=refs base=None today=today on_saved=Callback::new(move |_| refresh.update(|n| *n += 1)) />
            </details>
        })
    };

    view! {
        <section class="panel form-page wide" id="enterprise-list" data-testid="enterprise-list">
            <div class="panel-head">
                <h2>{pick("重点外贸企业", "Key foreign-trade enterprises")}</h2>
                <Exports name="enterprises" />
            </div>
            {filters}
            {table}
            {add_form}
        </section>
    }
}
