//! `cargo xtask bench`: builds everything and prints the sizes that decide how fast the first page
//! loads, then the web-quality grades (Lighthouse scores, axe-core violations, see graders.rs) and the
//! chart timings (chart_bench.rs), as lines `bench NAME VALUE UNIT` that scripts can compare between
//! commits.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::{self, Context, Result, TempDir};
use crate::web::{self, Dist};
use crate::{graders, run, tools};

/// What the first page may transfer, brotli-compressed, in KB; the ratio line makes a regression
/// obvious.
const FIRST_LOAD_BUDGET_KB: f64 = 150.0;

/// One printed result. Sizes use KB = 1000 bytes, as network tools do.
struct Measurement {
    name: &'static str,
    value: f64,
    unit: &'static str,
}

impl Measurement {
    fn kb(name: &'static str, bytes: u64) -> Self {
        // Precision loss only starts above 2^53 bytes, far beyond any file here.
        #[allow(clippy::cast_precision_loss)]
        let value = bytes as f64 / 1000.0;
        Self { name, value, unit: "KB" }
    }
}

/// What the measurements read: the built app and the files the demo database published.
struct Inputs {
    dist: Dist,
    data_dir: PathBuf,
}

pub fn bench() -> Result<()> {
    tools::ensure(true)?;
    let dist = web::build()?;
    let server = run::build_server()?;

    let tmp = TempDir::create("waimao-bench")?;
    let db = tmp.path().join("bench.db");
    let data_dir = tmp.path().join("data");
    let mut demo = cmd::command(&server);
    demo.arg("demo").arg("--db").arg(&db).arg("--data-dir").arg(&data_dir);
    cmd::step(format!("creating the demo database ({})", cmd::display(&demo)));
    cmd::run(&mut demo)?;

    cmd::step("measuring");
    let inputs = Inputs { dist, data_dir };
    let mut results = vec![wasm_raw(&inputs)?, wasm_br(&inputs)?, js_br(&inputs)?];
    results.extend(css_br(&inputs)?);
    let data = data_br(&inputs)?;
    let first_load = first_load_br(&inputs, data.value)?;
    let ratio = first_load_budget_ratio(first_load.value);
    results.extend([data, first_load, ratio, signed_in_max_page_br(&inputs)?]);

    // The sizes are printed before the graders start, so they are there even if a browser hangs.
    for Measurement { name, value, unit } in &results {
        println!("bench {name} {value:.1} {unit}");
    }

    // Serving before the graders, while the machine is otherwise idle.
    match crate::serve_bench::lines(&db, &inputs.data_dir, &inputs.dist.dir, tmp.path()) {
        Ok(lines) => lines.iter().for_each(|l| println!("{l}")),
        Err(e) => eprintln!("serving bench skipped: {e}"),
    }

    cmd::step("grading the served dashboard (Lighthouse, axe-core, chart bench)");
    for line in graders::grade_server(&server, &db, &inputs.data_dir, &inputs.dist.dir) {
        println!("{line}");
    }
    Ok(())
}

/// The uncompressed wasm, which is what the browser has to compile.
fn wasm_raw(inputs: &Inputs) -> Result<Measurement> {
    Ok(Measurement::kb("wasm_raw", size(&inputs.dist.wasm)?))
}

fn wasm_br(inputs: &Inputs) -> Result<Measurement> {
    Ok(Measurement::kb("wasm_br", size(&cmd::with_suffix(&inputs.dist.wasm, ".br"))?))
}

/// All JS in dist/, mostly wasm-bindgen's glue.
fn js_br(inputs: &Inputs) -> Result<Measurement> {
    Ok(Measurement::kb("js_br", br_sizes(&root_files_with_extension(&inputs.dist.dir, "js")?)?))
}

/// Style sheets, reported only when the app has any.
fn css_br(inputs: &Inputs) -> Result<Option<Measurement>> {
    let css = root_files_with_extension(&inputs.dist.dir, "css")?;
    if css.is_empty() {
        return Ok(None);
    }
    Ok(Some(Measurement::kb("css_br", br_sizes(&css)?)))
}

/// The overview data the first page fetches, compressed as the server would send it.
fn data_br(inputs: &Inputs) -> Result<Measurement> {
    // Published under its content's hash, as the manifest names it.
    let path = inputs.data_dir.join(crate::serve_bench::published_overview(&inputs.data_dir)?);
    let data = fs::read(&path).context(format!("reading {} (written by `waimao-server demo`)", path.display()))?;
    Ok(Measurement::kb("data_br", web::brotli(&data)?.len() as u64))
}

/// Everything the first visit downloads: each file in the dist root that has a brotli version
/// (index.html, JS, wasm, CSS, icons) plus the overview data. Source maps are left out because only
/// developer tools load them.
fn first_load_br(inputs: &Inputs, data_kb: f64) -> Result<Measurement> {
    let mut total = Measurement::kb("first_load_br", root_br_total(&inputs.dist.dir)?);
    total.value += data_kb;
    Ok(total)
}

/// What a signed-in page transfers on a first visit before its own API calls: the second bundle's
/// index, wasm, glue and styles (every signed-in page is that one bundle, so the heaviest is it).
fn signed_in_max_page_br(inputs: &Inputs) -> Result<Measurement> {
    Ok(Measurement::kb("signed_in_max_page_br", root_br_total(&inputs.dist.dir.join("app"))?))
}

/// The brotli sizes of the files directly in `dir` that have one (source maps and the compressed
/// forms themselves left out).
fn root_br_total(dir: &Path) -> Result<u64> {
    let mut bytes = 0;
    for path in root_files(dir)? {
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
        if [".br", ".gz", ".map"].iter().any(|ext| name.ends_with(ext)) {
            continue;
        }
        let br = cmd::with_suffix(&path, ".br");
        if br.is_file() {
            bytes += size(&br)?;
        }
    }
    Ok(bytes)
}

/// The first load relative to its budget; at most 1 is the goal.
fn first_load_budget_ratio(first_load_kb: f64) -> Measurement {
    Measurement { name: "first_load_budget_ratio", value: first_load_kb / FIRST_LOAD_BUDGET_KB, unit: "ratio" }
}

fn size(path: &Path) -> Result<u64> {
    Ok(fs::metadata(path).context(format!("reading the size of {}", path.display()))?.len())
}

/// The summed sizes of the `.br` versions of `files`; a missing one means precompression went
/// wrong.
fn br_sizes(files: &[PathBuf]) -> Result<u64> {
    files.iter().map(|path| size(&cmd::with_suffix(path, ".br"))).sum()
}

/// The files directly in `dir`; the app's own files sit in the dist root, subfolders hold assets
/// loaded later.
fn root_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).context(format!("listing {}", dir.display()))? {
        let path = entry.context(format!("listing {}", dir.display()))?.path();
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn root_files_with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    Ok(root_files(dir)?.into_iter().filter(|path| path.extension().is_some_and(|ext| ext == extension)).collect())
}
