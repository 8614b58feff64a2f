//! A sparkline: the shape of the last months in a KPI card, drawn small and without axes.

use leptos::prelude::*;
use waimao_core::chart::{push_fixed, LinearScale};

const W: f64 = 120.0;
const H: f64 = 28.0;

#[component]
pub fn Sparkline(values: Signal<Vec<Option<i64>>>) -> impl IntoView {
    let path = move || {
        let v = values.get();
        let max = v.iter().flatten().copied().max().unwrap_or(1).max(1) as f64;
        let sx = LinearScale::new((0.0, v.len().saturating_sub(1).max(1) as f64), (2.0, W - 2.0));
        let sy = LinearScale::new((0.0, max), (H - 2.0, 2.0));
        let mut d = String::new();
        let mut pen = false;
        for (i, value) in v.iter().enumerate() {
            match value {
                Some(x) => {
                    d.push(if pen { 'L' } else { 'M' });
                    push_fixed(&mut d, sx.map(i as f64), 1);
                    d.push(',');
                    push_fixed(&mut d, sy.map(*x as f64), 1);
                    d.push(' ');
                    pen = true;
                }
                None => pen = false,
            }
        }
        d
    };
    view! {
        <svg class="spark" viewBox=format!("0 0 {W} {H}") aria-hidden="true">
            <path d=path fill="none" />
        </svg>
    }
}
