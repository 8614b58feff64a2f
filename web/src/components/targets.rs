//! Target progress as bullet bars: each region's 完成率 as a bar, 序时进度 as a tick, core's drawing
//! (the widget's and the first view's).

use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::api::OverviewFile;
use waimao_core::embed::{EmbedChart, Look};
use waimao_core::{RegionCode, YearMonth};

use crate::components::drawn::{drawing_of, DrawnChart};

#[component]
pub fn Targets(file: Arc<OverviewFile>, month: Signal<YearMonth>) -> impl IntoView {
    // Every region's row, whichever county is on show.
    let city = Signal::derive(|| None::<RegionCode>);
    let drawing = drawing_of(EmbedChart::Targets, file, city, month, || Look { id: Some("targets"), ..Look::WIDGET });
    view! { <DrawnChart drawing=drawing /> }
}
