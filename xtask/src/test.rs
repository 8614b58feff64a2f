//! `cargo xtask test`: every check the project must pass, in order from fastest to slowest,
//! stopping at the first failure.

use std::time::{Duration, Instant};

use crate::cmd::{self, Result};
use crate::tools::{self, CHROMEDRIVER, CHROMIUM, WASM_TARGET};
use crate::{api_schema, web};

/// The steps run so far with their durations, printed at the end (or at the first failure) to show
/// where the time goes.
#[derive(Default)]
struct Summary {
    steps: Vec<(&'static str, Duration, bool)>,
}

impl Summary {
    /// Runs one step, recording its duration and whether it passed.
    fn step<T>(&mut self, name: &'static str, body: impl FnOnce() -> Result<T>) -> Result<T> {
        let started = Instant::now();
        let result = body();
        self.steps.push((name, started.elapsed(), result.is_ok()));
        if result.is_err() {
            self.print();
        }
        result
    }

    fn print(&self) {
        eprintln!();
        eprintln!("==> summary");
        for (name, duration, ok) in &self.steps {
            let status = if *ok { "ok" } else { "FAILED" };
            eprintln!("    {status:<6} {:>8}  {name}", cmd::secs(*duration));
        }
        let total: Duration = self.steps.iter().map(|(_, duration, _)| *duration).sum();
        eprintln!("    total  {:>8}", cmd::secs(total));
    }
}

pub fn test() -> Result<()> {
    let mut summary = Summary::default();

    summary.step("format", || {
        let mut fmt = cmd::cargo();
        fmt.args(["fmt", "--all", "--", "--check"]);
        cmd::step(format!("checking formatting ({})", cmd::display(&fmt)));
        cmd::run(&mut fmt)
    })?;

    summary.step("clippy", || {
        let mut clippy = cmd::cargo();
        clippy.args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]);
        cmd::step(format!("linting ({})", cmd::display(&clippy)));
        cmd::run(&mut clippy)
    })?;

    summary.step("core for wasm32", || {
        // The web app compiles core to wasm, so a dependency or API that only works natively must
        // fail here, not later inside trunk.
        let mut installer = tools::Installer::new();
        installer.wasm_target()?;
        installer.finish();
        // `check` proves it compiles (with the default `sheets` feature the web app leaves out) at
        // half the cost of a build; the web build compiles and links it for real.
        let mut build = cmd::cargo();
        build.args(["check", "-p", "waimao-core", "--target", WASM_TARGET]);
        cmd::step(format!("checking core for wasm32 ({})", cmd::display(&build)));
        cmd::run(&mut build)
    })?;

    summary.step("install tools", || tools::ensure(true))?;
    let axe = summary.step("install axe-core", || {
        let mut installer = tools::Installer::new();
        let script = installer.axe()?;
        installer.finish();
        Ok(script)
    })?;
    let dist = summary.step("web build", web::build)?;

    summary.step("workspace tests", || {
        let mut test = cmd::cargo();
        test.args(["test", "--workspace"]);
        // The browser e2e tests in tests/ serve this dist folder and drive Chromium through
        // chromedriver.
        test.env("WAIMAO_DIST", &dist.dir).env("CHROMEDRIVER", CHROMEDRIVER).env("CHROMIUM", CHROMIUM);
        // The browser tests run axe-core on the pages they open.
        test.env("WAIMAO_AXE", &axe);
        cmd::step(format!("running tests ({})", cmd::display(&test)));
        cmd::run(&mut test)
    })?;

    summary.step("API against its OpenAPI document (schemathesis)", || api_schema::run(&dist.dir))?;

    if cmd::root().join("web/tests/web.rs").is_file() {
        summary.step("web browser unit tests", web_browser_tests)?;
    } else {
        cmd::step("skipping web browser unit tests: web/tests/web.rs does not exist");
    }

    summary.print();
    Ok(())
}

/// Runs the web crate's wasm-bindgen tests in headless Chromium. Only the web package is tested
/// this way: the other crates do not build for wasm32.
fn web_browser_tests() -> Result<()> {
    let mut test = cmd::cargo();
    test.args(["test", "-p", "waimao-web", "--target", WASM_TARGET]);
    test.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner");
    test.env("CHROMEDRIVER", CHROMEDRIVER);
    cmd::step(format!("running web browser unit tests ({})", cmd::display(&test)));
    cmd::run(&mut test)
}
