//! `cargo xtask run`: builds the app and serves a fresh demo database locally.

use std::fs;
use std::path::PathBuf;

use crate::cmd::{self, Context, Error, Result};
use crate::{tools, web};

/// Where the demo database and published files live; it is gitignored and recreated on every run so
/// the demo always starts from the same state.
const STATE_DIR: &str = ".waimao";

pub fn run(addr: &str) -> Result<()> {
    tools::ensure(false)?;
    web::build()?;
    let server = build_server()?;

    let state = cmd::root().join(STATE_DIR);
    cmd::step(format!("creating a fresh demo database in {STATE_DIR}/"));
    if state.exists() {
        fs::remove_dir_all(&state).context(format!("removing {}", state.display()))?;
    }
    fs::create_dir_all(&state).context(format!("creating {}", state.display()))?;

    let mut serve = cmd::command(&server);
    serve.args(["serve", "--addr", addr]);
    serve.args(["--db", ".waimao/waimao.db", "--data-dir", ".waimao/data", "--dist", "dist", "--demo"]);
    cmd::step(format!("starting server ({}); Ctrl-C stops it", cmd::display(&serve)));
    // Ctrl-C reaches the whole foreground process group, so the server gets it directly and xtask
    // only has to wait for it to exit.
    let status = cmd::spawn_wait(&mut serve)?;
    cmd::check(&serve, status)
}

/// Builds the server in the dev profile (quick to compile, fast enough for a demo) and returns its
/// binary.
pub fn build_server() -> Result<PathBuf> {
    debug_server_by(&["build", "-p", "waimao-server"])
}

/// The debug server binary after `cargo <args>` has run (a build of it, or of the tests, which build
/// the binaries of packages with integration tests too).
pub fn debug_server_by(args: &[&str]) -> Result<PathBuf> {
    let mut build = cmd::cargo();
    build.args(args);
    cmd::step(format!("building server ({})", cmd::display(&build)));
    cmd::run(&mut build)?;
    let binary = cmd::target_dir().join("debug").join("waimao-server");
    if !binary.is_file() {
        return Err(Error::new(format!("{} is missing after the build", binary.display())));
    }
    Ok(binary)
}
