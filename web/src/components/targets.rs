//! Target progress as bullet bars: each region's 完成率 as a bar, 序时进度 as a marker, ahead or behind
//! said in words and colour.

use leptos::prelude::*;
use waimao_core::chart::fixed;
use waimao_core::dashboard::TargetRow;

use crate::i18n::{t, T};
use crate::ui::use_ui;

#[component]
pub fn Targets(rows: Signal<Vec<TargetRow>>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <ul class="bullets" data-testid="targets">
            {move || {
                let l = ui.lang.get();
                let list = rows.get();
                // The scale reaches at least 100% and the largest completion; bars are drawing only.
                let scale = list
                    .iter()
                    .filter_map(|r| r.progress.map(|p| p.completion.percent(1).to_f64_for_drawing()))
                    .fold(100.0f64, f64::max);
                list.into_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let Some(p) = r.progress else {
                            return view! {
                                <li class="bullet">
                                    <span class="bullet-name">{r.region.name(l).to_string()}</span>
                                    <span class="bullet-text">{t(l, T::NoTarget)}</span>
                                </li>
                            }
                            .into_any();
                        };
                        let done = p.completion.percent(1);
                        let time = p.time_progress.percent(1);
                        let gap = p.gap().percent(1);
                        let ahead = p.is_ahead();
                        let width = done.to_f64_for_drawing() / scale * 100.0;
                        let marker = time.to_f64_for_drawing() / scale * 100.0;
                        let words = if ahead {
                            format!("{} {}", t(l, T::Ahead), gap.abs())
                        } else {
                            format!("{} {}", t(l, T::Behind), gap.abs())
                        };
                        view! {
                            <li class="bullet" class:city=i == 0 data-testid=format!("target-{}", r.region.code)>
                                <span class="bullet-name">{r.region.name(l).to_string()}</span>
                                <span class="bullet-track" aria-hidden="true">
                                    <span class="bullet-fill" class:behind=!ahead style:width=format!("{}%", fixed(width, 2))></span>
                                    <span class="bullet-mark" style:left=format!("{}%", fixed(marker, 2))></span>
                                </span>
                                <span class="bullet-text">
                                    <strong data-testid=format!("target-{}-done", r.region.code)>{format!("{done}%")}</strong>
                                    <span class=if ahead { "growth up" } else { "growth down" }>{words}</span>
                                </span>
                            </li>
                        }
                        .into_any()
                    })
                    .collect_view()
            }}
        </ul>
    }
}
