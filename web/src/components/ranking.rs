//! The county ranking: year-to-date value as horizontal bars with rank and 同比, core's drawing (the
//! widget's and the first view's). Each row filters the whole dashboard to its county.

use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::api::OverviewFile;
use waimao_core::embed::{EmbedChart, Look};
use waimao_core::{RegionCode, YearMonth};

use crate::components::drawn::{drawing_of, pick_county, DrawnChart};

#[component]
pub fn Ranking(file: Arc<OverviewFile>, county: Signal<Option<RegionCode>>, month: Signal<YearMonth>) -> impl IntoView {
    let drawing = drawing_of(EmbedChart::Ranking, file, county, month, || Look { id: Some("ranking"), ..Look::WIDGET });
    view! { <DrawnChart drawing=drawing on_pick=pick_county(drawing) /> }
}
