//! The fields of the return form: amounts typed in 万元 with their value in 亿元 and 同比 shown as
//! people type, the county breakdowns, the enterprise's orders, outlook and difficulties, and the
//! comment and explanation. Each field shows its own findings under it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::dimension::Member;
use waimao_core::indicator::Growth;
use waimao_core::returns::{
    DifficultyCategory, DifficultyText, Draft, Field, Finding, Outlook, Owner, ReturnHistory, Severity, COMMENT_CHARS,
    DIFFICULTY_CHARS, EXPLANATION_CHARS,
};
use waimao_core::{Dimension, Flow, Lang, RegionCode, YearMonth};

use crate::load;
use crate::ui::use_ui;

/// The classifications the form offers and the counties' names, from the published files (kept by the
/// service worker for offline use).
#[derive(Clone, Copy)]
pub struct Members {
    /// `None` until loaded; empty when the file could not be had.
    pub trade_modes: RwSignal<Option<Vec<String>>>,
    lists: RwSignal<Vec<(Dimension, Vec<Member>)>>,
    counties: RwSignal<Vec<(RegionCode, String, String)>>,
}

impl Members {
    pub fn load() -> Members {
        let m = Members {
            trade_modes: RwSignal::new(None),
            lists: RwSignal::new(Vec::new()),
            counties: RwSignal::new(Vec::new()),
        };
        spawn_local(async move {
            if let Ok(o) = load::overview().await {
                m.counties.set(
                    o.counties
                        .iter()
                        .map(|c| (c.code, c.name(Lang::Zh).to_string(), c.name(Lang::En).to_string()))
                        .collect(),
                );
            }
            for d in [Dimension::TradeMode, Dimension::HsSection, Dimension::Partner] {
                let members = load::dimension(d).await.map(|f| f.members).unwrap_or_default();
                if d == Dimension::TradeMode {
                    m.trade_modes.set(Some(members.iter().map(|x| x.code.clone()).collect()));
                }
                m.lists.update(|l| l.push((d, members)));
            }
        });
        m
    }

    pub fn county_name(self, c: RegionCode, l: Lang) -> String {
        self.counties
            .get()
            .into_iter()
            .find(|(code, ..)| *code == c)
            .map(|(_, zh, en)| l.pick(&zh, &en).to_string())
            .unwrap_or_else(|| c.to_string())
    }

    fn list(self, d: Dimension) -> Vec<Member> {
        self.lists.get().into_iter().find(|(x, _)| *x == d).map(|(_, m)| m).unwrap_or_default()
    }

    fn label(self, d: Dimension, code: &str, l: Lang) -> String {
        self.list(d).iter().find(|m| m.code == code).map_or_else(|| code.to_string(), |m| m.name(l).to_string())
    }
}

fn flow_label(f: Flow, l: Lang) -> &'static str {
    match f {
        Flow::Export => l.pick("出口", "exports"),
        Flow::Import => l.pick("进口", "imports"),
    }
}

/// The findings about one field, as the lines under it.
fn field_findings(findings: Memo<Vec<Finding>>, field: Field) -> impl IntoView {
    let lang = use_ui().lang;
    move || {
        let l = lang.get();
        findings
            .get()
            .into_iter()
            .filter(|f| f.field == field)
            .map(|f| {
                let class = if f.severity() == Severity::Error { "field-error" } else { "field-warning" };
                view! { <span class=class>{f.message(l)}</span> }
            })
            .collect_view()
    }
}

type Read = fn(&Draft) -> String;
type Write = fn(&mut Draft, String);

/// An amount typed in 万元, with its 亿元 value and (for the month's flows) 同比 beside it.
#[allow(clippy::too_many_arguments)]
fn amount(
    draft: RwSignal<Draft>,
    findings: Memo<Vec<Finding>>,
    field: Field,
    label: (&'static str, &'static str),
    testid: &'static str,
    get: Read,
    set: Write,
    yoy: Option<(Flow, Memo<ReturnHistory>, RwSignal<Option<YearMonth>>)>,
    optional: bool,
) -> impl IntoView {
    let lang = use_ui().lang;
    let hint = move || {
        let l = lang.get();
        let text = draft.with(get);
        let mut parts = Vec::new();
        if let Some(v) = Draft::in_yi(&text, l) {
            parts.push(v);
        }
        if let (Some((flow, history, month)), Ok(Some(v))) = (yoy, Finding::parse_wan(field, &text)) {
            if let Some(m) = month.get() {
                let base = history.with(|h| h.month(m.same_month_last_year(), flow));
                parts.push(format!("{}{}", l.pick("同比", "YoY "), Growth::between(Some(v), base).worded(1, l)));
            }
        }
        parts.join(" · ")
    };
    let invalid = move || findings.with(|f| f.iter().any(|x| x.field == field && x.severity() == Severity::Error));
    view! {
        <label class="amount">
            <span>
                {move || {
                    let l = lang.get();
                    let unit = if optional { l.pick("万元，选填", "10k CNY, optional") } else { l.pick("万元", "10k CNY") };
                    format!("{}（{unit}）", l.pick(label.0, label.1))
                }}
            </span>
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                data-testid=testid
                aria-invalid=move || invalid().to_string()
                prop:value=move || draft.with(get)
                on:input=move |e| {
                    let v = event_target_value(&e);
                    draft.update(|d| set(d, v));
                }
            />
            <span class="hint" data-testid=format!("{testid}-hint")>{hint}</span>
            {field_findings(findings, field)}
        </label>
    }
}

#[component]
pub fn Fields(
    owner: Owner,
    draft: RwSignal<Draft>,
    findings: Memo<Vec<Finding>>,
    history: Memo<ReturnHistory>,
    month: RwSignal<Option<YearMonth>>,
    members: Members,
) -> impl IntoView {
    let lang = use_ui().lang;
    let flows = view! {
        <fieldset>
            <legend>{move || lang.get().pick("当月进出口", "This month")}</legend>
            {amount(draft, findings, Field::Exports, ("当月出口额", "Exports this month"), "f-exports",
                |d| d.exports.clone(), |d, v| d.exports = v, Some((Flow::Export, history, month)), false)}
            {amount(draft, findings, Field::Imports, ("当月进口额", "Imports this month"), "f-imports",
                |d| d.imports.clone(), |d, v| d.imports = v, Some((Flow::Import, history, month)), false)}
            {amount(draft, findings, Field::YtdExports, ("本年累计出口额", "Exports year to date"),
                "f-ytd-exports", |d| d.ytd_exports.clone(), |d, v| d.ytd_exports = v, None, true)}
            {amount(draft, findings, Field::YtdImports, ("本年累计进口额", "Imports year to date"),
                "f-ytd-imports", |d| d.ytd_imports.clone(), |d, v| d.ytd_imports = v, None, true)}
        </fieldset>
    };
    let specific = match owner {
        Owner::County(_) => view! { <Parts draft=draft findings=findings members=members /> }.into_any(),
        Owner::Enterprise(_) => view! { <FirmFields draft=draft findings=findings /> }.into_any(),
    };
    let warned = move || findings.with(|f| f.iter().any(|x| x.severity() == Severity::Warning));
    view! {
        {flows}
        {specific}
        <label>
            <span>{move || match lang.get() {
                Lang::Zh => format!("备注（最多{COMMENT_CHARS}字）"),
                Lang::En => format!("Comment (at most {COMMENT_CHARS} characters)"),
            }}</span>
            <textarea
                data-testid="f-comment"
                maxlength=COMMENT_CHARS
                prop:value=move || draft.with(|d| d.comment.clone())
                on:input=move |e| { let v = event_target_value(&e); draft.update(|d| d.comment = v) }
            ></textarea>
            {field_findings(findings, Field::Comment)}
        </label>
        <Show when=move || warned() || draft.with(|d| !d.explanation.is_empty())>
            <label>
                <span>{move || lang.get().pick("情况说明（有提示时必填）", "Explanation (required with warnings)")}</span>
                <textarea
                    data-testid="f-explanation"
                    maxlength=EXPLANATION_CHARS
                    prop:value=move || draft.with(|d| d.explanation.clone())
                    on:input=move |e| { let v = event_target_value(&e); draft.update(|d| d.explanation = v) }
                ></textarea>
                {field_findings(findings, Field::Explanation)}
            </label>
        </Show>
    }
}

/// A county's breakdowns: each trade mode's exports and imports, and its main products and partners.
#[component]
fn Parts(draft: RwSignal<Draft>, findings: Memo<Vec<Finding>>, members: Members) -> impl IntoView {
    let lang = use_ui().lang;
    let rows = move || draft.with(|d| d.parts.iter().map(|p| (p.dimension, p.flow)).enumerate().collect::<Vec<_>>());
    let row = move |(index, (dimension, flow)): (usize, (Dimension, Flow))| {
        let field = Field::Part { index };
        let member = move || draft.with(|d| d.parts.get(index).map(|p| p.member.clone()).unwrap_or_default());
        let picker = if dimension == Dimension::TradeMode {
            view! {
                <span class="part-name">
                    {move || format!("{} · {}", members.label(dimension, &member(), lang.get()), flow_label(flow, lang.get()))}
                </span>
            }
            .into_any()
        } else {
            view! {
                <select
                    data-testid=format!("part-{index}-member")
                    aria-label=move || format!("{} {}", dimension.label(lang.get()), index + 1)
                    prop:value=member
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        draft.update(|d| if let Some(p) = d.parts.get_mut(index) { p.member = v });
                    }
                >
                    <option value="">{move || format!("{}…", dimension.label(lang.get()))}</option>
                    {move || {
                        let l = lang.get();
                        members
                            .list(dimension)
                            .into_iter()
                            .map(|m| view! { <option value=m.code.clone()>{m.name(l).to_string()}</option> })
                            .collect_view()
                    }}
                </select>
            }
            .into_any()
        };
        view! {
            <div class="part-row">
                {picker}
                <input
                    type="text"
                    inputmode="decimal"
                    data-testid=format!("part-{index}-value")
                    aria-label=move || format!("{} {}（{}）", lang.get().pick("分项", "Part"), index + 1, lang.get().pick("万元", "10k CNY"))
                    prop:value=move || draft.with(|d| d.parts.get(index).map(|p| p.value.clone()).unwrap_or_default())
                    on:input=move |e| {
                        let v = event_target_value(&e);
                        draft.update(|d| if let Some(p) = d.parts.get_mut(index) { p.value = v });
                    }
                />
                {field_findings(findings, field)}
            </div>
        }
    };
    view! {
        <fieldset class="parts">
            <legend>{move || lang.get().pick("分项（万元；主要商品与市场填出口额）", "Breakdown (10k CNY; main products and markets: exports)")}</legend>
            <For each=rows key=|r| *r children=row />
        </fieldset>
    }
}

/// An enterprise's orders on hand, next-quarter outlook and difficulties (困难诉求).
#[component]
fn FirmFields(draft: RwSignal<Draft>, findings: Memo<Vec<Finding>>) -> impl IntoView {
    let lang = use_ui().lang;
    // Only a change in the number of rows redraws them, so typing in one keeps its focus.
    let count = Memo::new(move |_| draft.with(|d| d.difficulties.len()));
    let difficulty = move |index: usize| {
        view! {
            <div class="difficulty">
                <select
                    data-testid=format!("difficulty-{index}-category")
                    aria-label=move || format!("{} {}", lang.get().pick("困难类别", "Category"), index + 1)
                    prop:value=move || draft.with(|d| d.difficulties.get(index).map(|x| x.category.code().to_string()).unwrap_or_default())
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        if let Some(c) = DifficultyCategory::parse(&v) {
                            draft.update(|d| if let Some(x) = d.difficulties.get_mut(index) { x.category = c });
                        }
                    }
                >
                    {move || DifficultyCategory::ALL.iter().map(|c| view! { <option value=c.code()>{c.label(lang.get())}</option> }).collect_view()}
                </select>
                <textarea
                    data-testid=format!("difficulty-{index}-text")
                    maxlength=DIFFICULTY_CHARS
                    aria-label=move || format!("{} {}", lang.get().pick("困难诉求", "Difficulty"), index + 1)
                    prop:value=move || draft.with(|d| d.difficulties.get(index).map(|x| x.text.clone()).unwrap_or_default())
                    on:input=move |e| {
                        let v = event_target_value(&e);
                        draft.update(|d| if let Some(x) = d.difficulties.get_mut(index) { x.text = v });
                    }
                ></textarea>
                <button type="button" class="small" on:click=move |_| draft.update(|d| { if index < d.difficulties.len() { d.difficulties.remove(index); } })>
                    {move || lang.get().pick("删除", "Remove")}
                </button>
                {field_findings(findings, Field::Difficulty { index })}
            </div>
        }
    };
    view! {
        <fieldset>
            <legend>{move || lang.get().pick("企业情况", "The enterprise")}</legend>
            {amount(draft, findings, Field::OrdersOnHand, ("在手订单", "Orders on hand"), "f-orders",
                |d| d.orders_on_hand.clone(), |d, v| d.orders_on_hand = v, None, false)}
            <label>
                <span>{move || lang.get().pick("下季度预期", "Next-quarter outlook")}</span>
                <select
                    data-testid="f-outlook"
                    prop:value=move || draft.with(|d| d.outlook.clone())
                    on:change=move |e| { let v = event_target_value(&e); draft.update(|d| d.outlook = v) }
                >
                    <option value="">{move || lang.get().pick("请选择…", "Choose…")}</option>
                    {move || Outlook::ALL.iter().map(|o| view! { <option value=o.code()>{o.label(lang.get())}</option> }).collect_view()}
                </select>
                {field_findings(findings, Field::Outlook)}
            </label>
            <p class="legend">{move || lang.get().pick("困难诉求", "Difficulties and demands")}</p>
            {move || (0..count.get()).map(difficulty).collect_view()}
            <button
                type="button"
                data-testid="add-difficulty"
                on:click=move |_| draft.update(|d| d.difficulties.push(DifficultyText { category: DifficultyCategory::Orders, text: String::new() }))
            >
                {move || lang.get().pick("添加一条困难诉求", "Add a difficulty")}
            </button>
        </fieldset>
    }
}
