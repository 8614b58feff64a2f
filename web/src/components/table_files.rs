//! The CSV and XLSX buttons every table of the app carries: the CSV is written in the browser, the
//! XLSX by the server from the same cells (`POST /api/xlsx`), so both files hold what the table shows.

use leptos::prelude::*;
use waimao_core::chart::Table;

use crate::download;

#[component]
pub fn TableFiles(
    /// Test ids `{id}-csv` and `{id}-xlsx`.
    #[prop(into)]
    id: String,
    /// The files' name without extension, e.g. `waimao-trend-zh`.
    #[prop(into)]
    file: Signal<String>,
    /// The workbook's sheet title.
    #[prop(into)]
    sheet: Signal<String>,
    #[prop(into)] table: Signal<Table>,
    /// The CSV button's label ("下载CSV"), or "CSV" when not given.
    #[prop(optional, into)]
    csv_label: Option<Signal<String>>,
) -> impl IntoView {
    let csv = move |_| {
        let name = format!("{}.csv", file.get_untracked());
        if let Err(e) = download::save(&name, "text/csv;charset=utf-8", &table.get_untracked().to_csv()) {
            leptos::logging::warn!("download failed: {e:?}");
        }
    };
    let xlsx = move |_| {
        let (name, sheet, t) = (format!("{}.xlsx", file.get_untracked()), sheet.get_untracked(), table.get_untracked());
        leptos::task::spawn_local(async move {
            if let Err(e) = download::save_xlsx(&name, &sheet, &t).await {
                leptos::logging::warn!("download failed: {e}");
            }
        });
    };
    view! {
        <button type="button" class="small" data-testid=format!("{id}-csv") on:click=csv>
            {move || csv_label.map_or_else(|| "CSV".to_string(), |l| l.get())}
        </button>
        <button type="button" class="small" data-testid=format!("{id}-xlsx") on:click=xlsx>"XLSX"</button>
    }
}
