//! The embed bench of `cargo xtask bench`: the bytes and the time to a painted chart of an embedded
//! widget (`/embed/trend`) against a plain page drawing the same chart from the same data with Chart.js,
//! both loaded cold in one headless Chromium by xtask/js/embed-bench.js. Ratios of at most 1 mean the
//! widget loads no more and paints no later than the Chart.js page.

use std::path::Path;
use std::time::Duration;

use crate::chart_bench::{duration, Figure, Unit};
use crate::cmd::{self, Error, Result};
use crate::graders::{self, CHROMIUM_FLAGS};
use crate::tools::CHROMIUM;

/// Sixteen cold page loads take seconds; the limit only stops a hung browser.
const LIMIT: Duration = Duration::from_secs(180);

pub(crate) fn run(tools_dir: &Path, url: &str, scratch: &Path) -> Result<Vec<Figure>> {
    let mut command = cmd::command("node");
    command.arg(graders::js("embed-bench.js")).arg(tools_dir).arg(url.trim_end_matches('/')).args(CHROMIUM_FLAGS);
    command.env("CHROME_PATH", CHROMIUM).env("TMPDIR", scratch);
    cmd::step(format!("embed bench ({})", cmd::display(&command)));
    let (status, output) = graders::run_limited_status(&mut command, LIMIT)?;
    let figures = parse(&output);
    if figures.is_empty() {
        return Err(Error::new(format!("`{}` measured nothing ({status})", cmd::display(&command))));
    }
    Ok(figures)
}

/// `embed_bytes WAIMAO CHARTJS` (bytes) and `embed_paint WAIMAO CHARTJS` (ms) into bench lines.
fn parse(text: &str) -> Vec<Figure> {
    let pair = |key: &str| {
        text.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .find(|w| w.first() == Some(&key) && w.len() == 3)
            .and_then(|w| Some((duration(w[1])?, duration(w[2])?)))
    };
    let mut out = Vec::new();
    if let Some((waimao, chartjs)) = pair("embed_bytes") {
        out.push(Figure { name: "embed_bytes_waimao", value: waimao / 1000.0, unit: Unit::Kb });
        out.push(Figure { name: "embed_bytes_chartjs", value: chartjs / 1000.0, unit: Unit::Kb });
        out.push(Figure { name: "embed_bytes_vs_chartjs", value: waimao / chartjs, unit: Unit::Ratio });
    }
    if let Some((waimao, chartjs)) = pair("embed_paint") {
        out.push(Figure { name: "embed_paint_waimao", value: waimao, unit: Unit::Ms });
        out.push(Figure { name: "embed_paint_chartjs", value: chartjs, unit: Unit::Ms });
        out.push(Figure { name: "embed_paint_vs_chartjs", value: waimao / chartjs, unit: Unit::Ratio });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_both_pairs_and_skips_what_failed() {
        let lines: Vec<String> =
            parse("noise\nembed_bytes 4261 62402\nembed_paint 120.5 241.0\n").iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "bench embed_bytes_waimao 4.3 KB",
                "bench embed_bytes_chartjs 62.4 KB",
                "bench embed_bytes_vs_chartjs 0.07 ratio",
                "bench embed_paint_waimao 120.5 ms",
                "bench embed_paint_chartjs 241.0 ms",
                "bench embed_paint_vs_chartjs 0.50 ratio",
            ]
        );
        assert!(parse("embed_bytes 0 100\nembed_paint null 3\n").is_empty());
    }
}
