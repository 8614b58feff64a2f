//! The chart bench of `cargo xtask bench`: how long the app's line chart takes to paint and to follow
//! the pointer compared with uPlot on the same data, and how soon the dashboard's tooltip follows a
//! hover, all measured by xtask/js/chart-bench.js in one headless Chromium.
//!
//! Each comparison becomes three lines: the app's figure, uPlot's, and their ratio, where at most 1
//! means the app is at least as fast. A part of the script that fails costs only its own lines.

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::cmd::{self, Error, Result};
use crate::graders::{self, CHROMIUM_FLAGS};
use crate::tools::CHROMIUM;

/// The whole script (four pages, dozens of renders and hundreds of mouse moves) takes under a
/// minute on an idle two-core machine; the limit leaves room for a loaded one without letting a hung
/// browser hang the bench.
const CHART_BENCH_LIMIT: Duration = Duration::from_secs(300);

/// Without these, Chromium paints at 60 frames a second and every paint time is a whole number of
/// frames (33 or 50 ms), which hides the difference being measured; with them a frame is drawn as soon
/// as it is ready.
const UNTHROTTLED: [&str; 2] = ["--disable-gpu-vsync", "--disable-frame-rate-limit"];

/// A figure the script measures for both libraries: the word that starts its output line, and the
/// bench lines for the app's figure, uPlot's and the ratio of the two.
struct Comparison {
    key: &'static str,
    waimao: &'static str,
    uplot: &'static str,
    ratio: &'static str,
}

const COMPARISONS: [Comparison; 3] = [
    Comparison {
        key: "chart_paint_10k",
        waimao: "chart_paint_10k_waimao",
        uplot: "chart_paint_10k_uplot",
        ratio: "chart_paint_10k_vs_uplot",
    },
    Comparison {
        key: "chart_paint_166k",
        waimao: "chart_paint_166k_waimao",
        uplot: "chart_paint_166k_uplot",
        ratio: "chart_paint_166k_vs_uplot",
    },
    Comparison {
        key: "pointer_sweep",
        waimao: "pointer_sweep_waimao",
        uplot: "pointer_sweep_uplot",
        ratio: "pointer_sweep_vs_uplot",
    },
];

/// The figure the script measures for the app alone; its output line and bench line share the name.
const TOOLTIP_LATENCY: &str = "tooltip_latency";

/// What a decimal figure counts, which also decides how many decimals it is printed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Ms,
    Ratio,
    Kb,
}

/// One decimal bench line: milliseconds to a tenth, which is finer than the browser's timing noise,
/// and ratios to a hundredth.
#[derive(Debug, PartialEq)]
pub struct Figure {
    pub name: &'static str,
    pub value: f64,
    pub unit: Unit,
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.unit {
            Unit::Ms => write!(f, "bench {} {:.1} ms", self.name, self.value),
            Unit::Ratio => write!(f, "bench {} {:.2} ratio", self.name, self.value),
            Unit::Kb => write!(f, "bench {} {:.1} KB", self.name, self.value),
        }
    }
}

/// Runs the chart bench against the dashboard at `url` and returns the figures it measured. The
/// script exits unsuccessfully when any part failed, but still prints what the other parts measured,
/// so only a run that measured nothing is an error.
pub(crate) fn run(tools_dir: &Path, url: &str, scratch: &Path) -> Result<Vec<Figure>> {
    let mut command = cmd::command("node");
    command.arg(graders::js("chart-bench.js")).arg(tools_dir).arg(url).args(CHROMIUM_FLAGS).args(UNTHROTTLED);
    command.env("CHROME_PATH", CHROMIUM).env("TMPDIR", scratch);
    cmd::step(format!("chart bench ({})", cmd::display(&command)));
    let started = Instant::now();
    let (status, output) = graders::run_limited_status(&mut command, CHART_BENCH_LIMIT)?;
    cmd::note(format!("the chart bench took {}", cmd::secs(started.elapsed())));
    let figures = parse(&output);
    if figures.is_empty() {
        return Err(Error::new(format!("`{}` measured nothing ({status})", cmd::display(&command))));
    }
    if !status.success() {
        cmd::note("warning: parts of the chart bench failed (see above); leaving out their lines");
    }
    Ok(figures)
}

/// Reads the script's lines, `KEY WAIMAO UPLOT` for the comparisons and `tooltip_latency MS`, into
/// bench lines. A `null` or unreadable figure is left out, and so is every ratio it would be part of.
fn parse(text: &str) -> Vec<Figure> {
    let values = |key: &str| -> Vec<Option<f64>> {
        text.lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>())
            .find(|words| words.first() == Some(&key))
            .map(|words| words[1..].iter().map(|word| duration(word)).collect())
            .unwrap_or_default()
    };
    let mut figures = Vec::new();
    for comparison in &COMPARISONS {
        let found = values(comparison.key);
        let waimao = found.first().copied().flatten();
        let uplot = found.get(1).copied().flatten();
        figures.extend(waimao.map(|value| Figure { name: comparison.waimao, value, unit: Unit::Ms }));
        figures.extend(uplot.map(|value| Figure { name: comparison.uplot, value, unit: Unit::Ms }));
        if let (Some(waimao), Some(uplot)) = (waimao, uplot) {
            figures.push(Figure { name: comparison.ratio, value: waimao / uplot, unit: Unit::Ratio });
        }
    }
    let latency = values(TOOLTIP_LATENCY).first().copied().flatten();
    figures.extend(latency.map(|value| Figure { name: TOOLTIP_LATENCY, value, unit: Unit::Ms }));
    figures
}

/// A time in milliseconds as the script prints it. `null` marks a failed part; zero, negative or
/// non-finite values cannot be measured times (each includes at least a frame or an event), and
/// excluding zero also keeps every ratio finite.
pub(crate) fn duration(word: &str) -> Option<f64> {
    word.parse::<f64>().ok().filter(|value| value.is_finite() && *value > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        parse(text).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn parses_script_output() {
        let cases: [(&str, &[&str]); 5] = [
            (
                "chart_paint_10k 12.345 10.1\nchart_paint_166k 50.000 33.333\npointer_sweep 40.2 35.0\ntooltip_latency 3.24\n",
                &[
                    "bench chart_paint_10k_waimao 12.3 ms",
                    "bench chart_paint_10k_uplot 10.1 ms",
                    "bench chart_paint_10k_vs_uplot 1.22 ratio",
                    "bench chart_paint_166k_waimao 50.0 ms",
                    "bench chart_paint_166k_uplot 33.3 ms",
                    "bench chart_paint_166k_vs_uplot 1.50 ratio",
                    "bench pointer_sweep_waimao 40.2 ms",
                    "bench pointer_sweep_uplot 35.0 ms",
                    "bench pointer_sweep_vs_uplot 1.15 ratio",
                    "bench tooltip_latency 3.2 ms",
                ],
            ),
            // The app's part failed: uPlot's figures and the tooltip stay, the ratios go.
            (
                "chart_paint_10k null 33.0\nchart_paint_166k null 33.2\npointer_sweep null 123.267\ntooltip_latency 6.4\n",
                &[
                    "bench chart_paint_10k_uplot 33.0 ms",
                    "bench chart_paint_166k_uplot 33.2 ms",
                    "bench pointer_sweep_uplot 123.3 ms",
                    "bench tooltip_latency 6.4 ms",
                ],
            ),
            // A zero, negative or non-finite time is no measurement; a missing line costs only itself.
            (
                "chart_paint_10k 9.5 0\npointer_sweep -1 NaN\ntooltip_latency inf\n",
                &["bench chart_paint_10k_waimao 9.5 ms"],
            ),
            ("pointer_sweep 8.0 16.0\nnoise from a browser\n", &[
                "bench pointer_sweep_waimao 8.0 ms",
                "bench pointer_sweep_uplot 16.0 ms",
                "bench pointer_sweep_vs_uplot 0.50 ratio",
            ]),
            ("", &[]),
        ];
        for (output, expected) in cases {
            assert_eq!(lines(output), expected, "output {output:?}");
        }
    }
}
