//! A dashboard panel: title, note, the chart or its table (by the view's tab), and CSV and XLSX
//! downloads of exactly the numbers the table shows.

use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::api::OverviewFile;
use waimao_core::chart::Table;
use waimao_core::embed::EmbedChart;
use waimao_core::view::Tab;

use super::embed_dialog::EmbedButton;
use super::table_files::TableFiles;
use crate::download;
use crate::i18n::{t, T};
use crate::ui::use_ui;

#[component]
pub fn Panel(
    /// Used for element ids, test ids and the download's file name.
    id: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] note: Signal<String>,
    #[prop(into)] table: Signal<Table>,
    /// Whether the panel draws an SVG chart that can be saved as an image.
    #[prop(default = true)]
    image: bool,
    /// A one-sentence summary for screen readers (`{id}-summary`), for charts that do not carry their
    /// own.
    #[prop(optional, into)]
    summary: Option<Signal<String>>,
    /// The widget other sites can embed for this chart, if there is one.
    #[prop(optional)]
    embed: Option<(EmbedChart, Arc<OverviewFile>)>,
    /// Per table row, the page of that row's figure versions; empty for the public, who cannot read
    /// them (the table then has no such column).
    #[prop(optional, into)]
    row_links: Option<Signal<Vec<String>>>,
    children: ChildrenFn,
) -> impl IntoView {
    let ui = use_ui();
    let heading = format!("{id}-title");
    let labelled_by = heading.clone();
    let file_name = move |ext: &str| format!("waimao-{id}-{}.{ext}", ui.lang.get_untracked().code());
    // The chart of this panel, for the image downloads (only while the chart, not the table, shows).
    let chart = format!("[data-testid=panel-{id}] svg.chart, [data-testid=panel-{id}] svg[data-embed-chart]");
    let chart_for_png = chart.clone();
    let save_svg = move |_| {
        if let Err(e) = download::save_svg(&chart, &file_name("svg")) {
            leptos::logging::warn!("download failed: {e:?}");
        }
    };
    let save_png = move |_| {
        if let Err(e) = download::save_png(&chart_for_png, &file_name("png")) {
            leptos::logging::warn!("download failed: {e:?}");
        }
    };
    view! {
        <section class="panel" aria-labelledby=labelled_by data-testid=format!("panel-{id}")>
            <div class="panel-head">
                <h2 id=heading>{move || title.get()}</h2>
                <span class="downloads">
                    {embed.map(|(chart, file)| view! { <EmbedButton chart=chart file=file /> })}
                    <TableFiles
                        id=id
                        file=Signal::derive(move || format!("waimao-{id}-{}", ui.lang.get().code()))
                        sheet=title
                        table=table
                        csv_label=Signal::derive(move || t(ui.lang.get(), T::DownloadCsv).to_string())
                    />
                    <Show when=move || image && ui.tab.get() == Tab::Chart>
                        <button type="button" class="small" data-testid=format!("{id}-svg") on:click=save_svg.clone()>
                            "SVG"
                        </button>
                        <button type="button" class="small" data-testid=format!("{id}-png") on:click=save_png.clone()>
                            "PNG"
                        </button>
                    </Show>
                </span>
            </div>
            <p class="note">{move || note.get()}</p>
            {summary.map(|s| {
                view! {
                    <p class="sr-only" id=format!("{id}-summary") data-testid=format!("{id}-summary")>
                        {move || s.get()}
                    </p>
                }
            })}
            {move || match ui.tab.get() {
                Tab::Chart => children().into_any(),
                Tab::Table => {
                    let links = row_links.unwrap_or_else(|| Signal::derive(Vec::new));
                    view! { <DataTable table=table links=links testid=format!("{id}-table") /> }.into_any()
                }
            }}
        </section>
    }
}

/// A table's cells, and when `links` holds one page per row, a last column linking each row to it.
#[component]
pub fn DataTable(table: Signal<Table>, links: Signal<Vec<String>>, testid: String) -> impl IntoView {
    let lang = use_ui().lang;
    let linked = move || {
        let (t, l) = (table.get(), links.get());
        (!l.is_empty() && l.len() == t.rows.len()).then_some(l)
    };
    view! {
        // Focusable: on a phone the table scrolls sideways, and a keyboard must be able to scroll it.
        <div class="table-wrap" tabindex="0">
            <table class="data" data-testid=testid>
                <thead>
                    <tr>
                        {move || table.get().headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                        {move || linked().map(|_| view! { <th scope="col">{lang.get().pick("版本", "Versions")}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let links = linked();
                        table
                            .get()
                            .rows
                            .into_iter()
                            .enumerate()
                            .map(|(i, row)| {
                                // The link names its row for a screen reader, which hears the links alone.
                                let name = row.get(1).cloned().unwrap_or_default();
                                let link = links.as_ref().map(|l| {
                                    let label = format!("{name} {}", lang.get_untracked().pick("数据版本", "figure versions"));
                                    view! { <td><a href=l[i].clone() aria-label=label data-testid="versions-link">{lang.get_untracked().pick("查看", "View")}</a></td> }
                                });
                                view! { <tr>{row.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}{link}</tr> }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}
