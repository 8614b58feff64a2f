//! The bureau's import of spreadsheets (数据导入): choose a CSV or Excel file, watch it upload, map its
//! columns to fields (the last mapping comes back), see a preview, every finding by row and column
//! and what committing would change, commit it for review, and approve or reject the batches.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::import::{
    BatchReview, BatchState, CheckReply, CommitReply, CommitRequest, Field, ImportBatch, Mapping,
};
use waimao_core::{Currency, Lang, Unit};
use wasm_bindgen::JsCast;

use super::registry::not_ready;
use super::upload::{self, Progress};
use crate::api;
use crate::components::table_files::TableFiles;
use crate::ui::use_ui;
use waimao_core::chart::Table;

/// Where the page is with the current file.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    Idle,
    Uploading,
    Checking,
    Ready,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let ui = use_ui();
    let phase = RwSignal::new(Phase::Idle);
    let progress = RwSignal::new(None::<Progress>);
    let check = RwSignal::new(None::<CheckReply>);
    let source = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let refresh = RwSignal::new(0u32);
    let batches = LocalResource::new(move || {
        refresh.track();
        api::imports::batches()
    });

    let checked = move |status: u16, text: String| {
        phase.set(Phase::Ready);
        match serde_json::from_str::<CheckReply>(&text) {
            Ok(reply) if status == 200 => check.set(Some(reply)),
            _ => {
                let error = serde_json::from_str::<waimao_core::api::ErrorBody>(&text)
                    .map(|b| b.error)
                    .unwrap_or_else(|_| format!("HTTP {status}"));
                message.set(Some(error));
            }
        }
    };
    let choose = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        check.set(None);
        message.set(None);
        phase.set(Phase::Uploading);
        if let Err(e) = upload::post_file(&api::imports::upload_url(&file.name()), &file, progress, checked) {
            message.set(Some(format!("{e:?}")));
            phase.set(Phase::Idle);
        }
    };
    // Every change of the mapping is checked again at once, so the findings always match the choices.
    let remap = move |change: Box<dyn FnOnce(&mut Mapping)>| {
        let Some(current) = check.get_untracked() else { return };
        let mut mapping = current.mapping.clone();
        change(&mut mapping);
        phase.set(Phase::Checking);
        spawn_local(async move {
            match api::imports::check(current.file, &mapping).await {
                Ok(reply) => check.set(Some(reply)),
                Err(f) => message.set(Some(f.message)),
            }
            phase.set(Phase::Ready);
        });
    };
    let commit = move |_| {
        let Some(current) = check.get_untracked() else { return };
        let body = CommitRequest { mapping: current.mapping.clone(), source: source.get_untracked() };
        spawn_local(async move {
            let l = ui.lang.get_untracked();
            message.set(Some(match api::imports::commit(current.file, &body).await {
                Ok(CommitReply { batch: Some(b), .. }) => {
                    format!("{} #{} · {}", l.pick("已提交审核：批次", "Sent for review: batch"), b.id, b.state.label(l))
                }
                Ok(CommitReply { batch: None, .. }) => l
                    .pick("文件中的数据均已入库且数值相同，无需导入。", "Every figure of the file is stored already.")
                    .into(),
                Err(f) => f.message,
            }));
            refresh.update(|n| *n += 1);
        });
    };

    let status_view =
        move || {
            let l = ui.lang.get();
            let p = progress.get();
            match phase.get() {
            Phase::Idle => None,
            Phase::Uploading => Some(view! {
                <p class="note" data-testid="import-progress-text">
                    <progress data-testid="import-progress" max="100" value=p.map_or(0, |p| p.percent())></progress>
                    {format!(" {} {}%", l.pick("正在上传", "Uploading"), p.map_or(0, |p| p.percent()))}
                </p>
            }
            .into_any()),
            Phase::Checking => Some(view! {
                <p class="note" data-testid="import-progress-text">
                    <progress data-testid="import-progress" max="100" value="100"></progress>
                    {format!(" {}", l.pick("已上传，正在校验…", "Uploaded; checking…"))}
                </p>
            }
            .into_any()),
            Phase::Ready => p.map(|p| view! {
                <p class="note" data-testid="import-progress-text">
                    {format!("{} {:.1} KB · 100%", l.pick("已上传", "Uploaded"), p.total / 1024.0)}
                </p>
            }
            .into_any()),
        }
        };

    view! {
        <div class="form-page wide">
        <section class="panel import" data-testid="import-page">
            <h2>{move || ui.lang.get().pick("数据导入", "Import figures")}</h2>
            <p class="note">{move || ui.lang.get().pick(
                "上传海关或县区报来的月度数据（CSV或Excel）。每行一个数：期间、县区、进出口、（分类维度、项目）、金额。校验无误后提交审核，审核通过即发布。",
                "Upload monthly figures from customs or a county (CSV or Excel): one figure per row with period, county, flow, (breakdown, item) and amount. Checked figures go to review and are published when approved.")}</p>
            <label>
                <span>{move || ui.lang.get().pick("选择文件", "Choose a file")}</span>
                <input type="file" data-testid="import-file" accept=".csv,.txt,.xlsx,.xls,.ods" on:change=choose />
            </label>
            {status_view}
            {move || message.get().map(|m| view! { <p class="message" role="status" data-testid="import-message">{m}</p> })}
            {move || check.get().map(|c| view! { <Checked check=c remap=remap source=source commit=commit /> })}
        </section>
        <section class="panel">
            <h2>{move || ui.lang.get().pick("导入批次", "Import batches")}</h2>
            {move || match batches.get() {
                Some(Ok(list)) => view! { <Batches list=list refresh=refresh message=message /> }.into_any(),
                other => not_ready(other.as_ref().and_then(|r| r.as_ref().err()), ui.lang.get()),
            }}
        </section>
        </div>
    }
}

fn unit_name(u: Unit, l: Lang) -> String {
    u.label(Currency::Cny, l)
}

/// The checked file: mapping, findings, preview and plan, and the commit.
#[component]
fn Checked(
    check: CheckReply,
    remap: impl Fn(Box<dyn FnOnce(&mut Mapping)>) + Copy + Send + Sync + 'static,
    source: RwSignal<String>,
    commit: impl Fn(leptos::ev::MouseEvent) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let l = use_ui().lang.get_untracked();
    let headers = check.headers.clone();
    let mapping = check.mapping.clone();
    let selects = Field::ALL
        .into_iter()
        .map(|field| {
            let chosen = mapping.columns.get(&field).cloned().unwrap_or_default();
            let options = headers.clone();
            let required = if field.is_required() { " *" } else { "" };
            view! {
                <label>
                    <span>{format!("{}{required}", field.label(l))}</span>
                    <select data-testid=format!("map-{}", serde_json::to_value(field).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default())
                        on:change=move |e| {
                            let value = event_target_value(&e);
                            remap(Box::new(move |m: &mut Mapping| {
                                if value.is_empty() { m.columns.remove(&field); } else { m.columns.insert(field, value); }
                            }));
                        }>
                        <option value="" selected=chosen.is_empty()>{l.pick("（不导入）", "(not imported)")}</option>
                        {options.into_iter().map(|h| {
                            let selected = h == chosen;
                            view! { <option value=h.clone() selected=selected>{h.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            }
        })
        .collect_view();
    let unit = mapping.unit;
    let unit_select = view! {
        <label>
            <span>{l.pick("金额单位", "Amounts in")}</span>
            <select data-testid="map-unit" on:change=move |e| {
                let u = Unit::parse(&event_target_value(&e)).unwrap_or(Unit::Wan);
                remap(Box::new(move |m: &mut Mapping| m.unit = u));
            }>
                {[Unit::One, Unit::Wan, Unit::Yi].into_iter().map(|u| view! {
                    <option value=u.code() selected=u == unit>{unit_name(u, l)}</option>
                }).collect_view()}
            </select>
        </label>
    };
    let report = check.report.clone();
    let findings = (!report.is_empty()).then(|| {
        let head = format!(
            "{}{}{}",
            l.pick("发现", "Found "),
            report.total,
            l.pick("处问题，未导入任何数据。请调整列的对应或修改文件后重新上传。", " problems; nothing was imported. Adjust the columns or correct the file and upload it again.")
        );
        let more = (report.total > report.findings.len()).then(|| {
            format!("{} {} {}", l.pick("仅列出前", "Only the first"), report.findings.len(), l.pick("处。", "are listed."))
        });
        view! {
            <div class="form-error" role="alert" data-testid="import-findings">
                <p>{head}</p>
                <table class="data">
                    <thead><tr>
                        <th>{l.pick("行", "Row")}</th><th>{l.pick("列", "Column")}</th><th>{l.pick("问题", "Problem")}</th>
                    </tr></thead>
                    <tbody>
                        {report.findings.iter().map(|f| view! {
                            <tr data-testid="finding">
                                <td>{f.row.map(|r| r.to_string()).unwrap_or_else(|| "—".into())}</td>
                                <td>{f.column.clone().unwrap_or_else(|| "—".into())}</td>
                                <td>{f.message(l).to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {more.map(|m| view! { <p>{m}</p> })}
            </div>
        }
    });
    let field_of = |h: &str| mapping.columns.iter().find(|(_, v)| v.as_str() == h).map(|(f, _)| f.label(l));
    let preview = view! {
        <table class="data" data-testid="import-preview">
            <thead><tr>
                <th>{l.pick("行", "Row")}</th>
                {headers.iter().map(|h| view! {
                    <th>{h.clone()}{field_of(h).map(|f| view! { <br /><span class="note">{format!("→ {f}")}</span> })}</th>
                }).collect_view()}
            </tr></thead>
            <tbody>
                {check.sample.iter().map(|r| view! {
                    <tr><td>{r.row}</td>{r.cells.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr>
                }).collect_view()}
            </tbody>
        </table>
    };
    let plan = check.plan.clone().map(|p| {
        let text = p.sentence(l);
        let nothing = p.changes() == 0;
        view! {
            <p class="note" data-testid="import-plan">{text}</p>
            <label>
                <span>{l.pick("数据来源", "Source")}</span>
                <input type="text" data-testid="import-source" placeholder=l.pick("如：西安海关2021年7月快报", "e.g. Xi'an Customs, July 2021 preliminary")
                    prop:value=move || source.get() on:input=move |e| source.set(event_target_value(&e)) />
            </label>
            <button type="button" class="primary" data-testid="import-commit" disabled=nothing on:click=commit>
                {l.pick("提交审核", "Send for review")}
            </button>
        }
    });
    view! {
        <div data-testid="import-check">
            <p class="note" data-testid="import-file-info">{format!(
                "{} {} · {} {} · {} {}",
                l.pick("文件", "File"), check.name, l.pick("工作表", "Sheet"), check.sheet, check.rows, l.pick("行数据", "data rows")
            )}</p>
            <div class="field-grid" data-testid="import-mapping">{selects}{unit_select}</div>
            {findings}
            {plan}
            <h3>{l.pick("预览（前20行）", "Preview (first 20 rows)")}</h3>
            <div class="table-scroll">{preview}</div>
        </div>
    }
}

/// The batches with their state, and approve/reject for those awaiting review.
#[component]
fn Batches(list: Vec<ImportBatch>, refresh: RwSignal<u32>, message: RwSignal<Option<String>>) -> impl IntoView {
    let l = use_ui().lang.get_untracked();
    if list.is_empty() {
        return view! { <p class="note" data-testid="batches-empty">{l.pick("还没有导入批次。", "No batches yet.")}</p> }
            .into_any();
    }
    let review = move |id: i64, approve: bool, comment: String| {
        spawn_local(async move {
            match api::imports::review(id, &BatchReview { approve, comment }).await {
                Ok(b) => message.set(Some(format!("#{} {}", b.id, b.state.label(l)))),
                Err(f) => message.set(Some(f.message)),
            }
            refresh.update(|n| *n += 1);
        });
    };
    let heads = [
        ("编号", "No."),
        ("文件", "File"),
        ("来源", "Source"),
        ("期间", "Periods"),
        ("新增", "New"),
        ("修订", "Revised"),
        ("未变", "Unchanged"),
        ("提交人", "Committed by"),
        ("提交时间", "Committed at"),
        ("状态", "State"),
    ];
    let table = Table {
        headers: heads.iter().map(|h| l.pick(h.0, h.1).to_string()).collect(),
        rows: list
            .iter()
            .map(|b| {
                let s = &b.summary;
                vec![
                    b.id.to_string(),
                    b.file_name.clone(),
                    b.source.clone(),
                    s.periods.join(" "),
                    s.new.to_string(),
                    s.revised.to_string(),
                    s.unchanged.to_string(),
                    b.committed_by.clone(),
                    local_time(&b.committed_at),
                    b.state.label(l).to_string(),
                ]
            })
            .collect(),
    };
    view! {
        <span class="downloads">
            <TableFiles id="batches" file="waimao-import-batches" sheet=l.pick("导入批次", "Import batches").to_string()
                table=table />
        </span>
        <div class="table-scroll">
        <table class="data" data-testid="batches">
            <thead><tr>
                <th>"#"</th><th>{l.pick("文件", "File")}</th><th>{l.pick("来源", "Source")}</th>
                <th>{l.pick("期间", "Periods")}</th><th>{l.pick("新增/修订/未变", "New/revised/same")}</th>
                <th>{l.pick("提交", "Committed")}</th><th>{l.pick("状态", "State")}</th><th></th>
            </tr></thead>
            <tbody>
                {list.into_iter().map(|b| {
                    let comment = RwSignal::new(String::new());
                    let id = b.id;
                    let actions = (b.state == BatchState::Pending).then(|| view! {
                        <button type="button" class="small" data-testid="batch-approve" on:click=move |_| review(id, true, String::new())>
                            {l.pick("审核通过并发布", "Approve and publish")}
                        </button>
                        <input type="text" data-testid="batch-comment" aria-label=l.pick("退回原因", "Why it is rejected")
                            placeholder=l.pick("退回原因", "Why it is rejected") on:input=move |e| comment.set(event_target_value(&e)) />
                        <button type="button" class="small" data-testid="batch-reject" on:click=move |_| review(id, false, comment.get_untracked())>
                            {l.pick("退回", "Reject")}
                        </button>
                    });
                    let s = &b.summary;
                    view! {
                        <tr data-testid="batch" data-state=b.state.code()>
                            <td>{b.id}</td>
                            <td>{b.file_name.clone()}</td>
                            <td>{b.source.clone()}</td>
                            <td>{s.periods.join(" ")}</td>
                            <td>{format!("{}/{}/{}", s.new, s.revised, s.unchanged)}</td>
                            <td>{format!("{} {}", b.committed_by, local_time(&b.committed_at))}</td>
                            <td>{b.state.label(l)}{b.comment.clone().map(|c| format!("（{c}）"))}</td>
                            <td>{actions}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

/// A stored UTC time as the reader's clock shows it, to the minute.
fn local_time(iso: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

fn event_target<T: JsCast>(e: &leptos::ev::Event) -> T {
    e.target().expect("an event has a target").unchecked_into()
}
