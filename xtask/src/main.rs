//! `cargo xtask`: the project's run, test and benchmark commands (see `cargo xtask help`).

mod api_schema;
mod bench;
mod chart_bench;
mod cmd;
mod embed_bench;
mod graders;
mod run;
mod serve_bench;
mod test;
mod tools;
mod web;

use std::process::ExitCode;

use cmd::{Error, Result};

const HELP: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  run [--addr HOST:PORT]  Install the tools, build the web app (release) and the server, then serve a
                          fresh demo database from .waimao/ (default address 127.0.0.1:8080).
  test                    cargo fmt check, clippy, core for wasm32, web build, workspace tests
                          (including browser e2e tests), schemathesis against the server's OpenAPI
                          document, and the web crate's browser unit tests.
  bench                   Build everything and print sizes, Lighthouse scores (median of 3 mobile runs),
                          the axe-core violation count and chart timings (the line chart's paint and
                          pointer-sweep times against uPlot's, the trend tooltip's latency) and the
                          release server's requests per second for /data/overview.json and / against
                          Debian's nginx serving the same precompressed files, as lines
                          `bench NAME VALUE UNIT`.
  help                    Print this help.

Tools are installed on first use: the wasm32 target, trunk, wasm-bindgen-cli (the version in
Cargo.lock), wasm-opt (npm binaryen), for test and bench Debian's chromium, chromium-driver and
fonts-noto-cjk, for test schemathesis (Python registry, in its own virtual environment), and for bench the npm graders lighthouse, axe-core, playwright-core and uplot and
Debian's nginx, libnginx-mod-http-brotli-static and wrk.
";

/// The address `cargo xtask run` serves on when `--addr` is not given.
const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
enum Task {
    Run { addr: String },
    Test,
    Bench,
    BenchGraders { url: String },
    BenchServe,
    ApiSchema,
    Help,
}

/// Parses the arguments after `cargo xtask`; there are few enough that a hand-written parser is
/// clearer than a dependency.
fn parse_args(args: &[String]) -> Result<Task> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Task::Help);
    };
    let no_options = |task: Task| match rest.first() {
        None => Ok(task),
        Some(arg) => Err(Error::new(format!("`{command}` takes no arguments, got `{arg}`"))),
    };
    match command.as_str() {
        "run" => parse_run(rest),
        "test" => no_options(Task::Test),
        "bench" => no_options(Task::Bench),
        // Left out of the help on purpose: a developer's shortcut that runs only the graders, against
        // a server started by hand, without rebuilding dist/.
        "bench-graders" => match rest {
            [url] => Ok(Task::BenchGraders { url: url.clone() }),
            _ => Err(Error::new(
                "usage: cargo xtask bench-graders URL (a running dashboard, e.g. http://127.0.0.1:8080/)",
            )),
        },
        // Also a developer's shortcut left out of the help: only the serving bench, on the dist/ built already.
        "bench-serve" => no_options(Task::BenchServe),
        // A shortcut out of the help too: only `test`'s schemathesis step, on the dist/ built already.
        "api-schema" => no_options(Task::ApiSchema),
        "help" | "-h" | "--help" => Ok(Task::Help),
        other => Err(Error::new(format!("unknown command `{other}` (try `cargo xtask help`)"))),
    }
}

/// Parses the options of `run`, accepting both `--addr X` and `--addr=X`.
fn parse_run(args: &[String]) -> Result<Task> {
    let mut addr = DEFAULT_ADDR.to_owned();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--addr" {
            addr = args.next().ok_or_else(|| Error::new("`--addr` needs a value such as 127.0.0.1:8080"))?.clone();
        } else if let Some(value) = arg.strip_prefix("--addr=") {
            addr = value.to_owned();
        } else {
            return Err(Error::new(format!("unknown option `{arg}` for `run` (try `cargo xtask help`)")));
        }
    }
    if addr.is_empty() {
        return Err(Error::new("`--addr` must not be empty"));
    }
    Ok(Task::Run { addr })
}

fn main() -> ExitCode {
    let result = std::env::args_os()
        .skip(1)
        .map(|arg| arg.into_string().map_err(|arg| Error::new(format!("argument {arg:?} is not UTF-8"))))
        .collect::<Result<Vec<String>>>()
        .and_then(|args| parse_args(&args))
        .and_then(|task| match task {
            Task::Run { addr } => run::run(&addr),
            Task::Test => test::test(),
            Task::Bench => bench::bench(),
            Task::BenchGraders { url } => {
                for line in graders::grade_url(&url) {
                    println!("{line}");
                }
                Ok(())
            }
            Task::BenchServe => serve_bench::standalone(),
            Task::ApiSchema => api_schema::run(&cmd::root().join("dist")),
            Task::Help => {
                print!("{HELP}");
                Ok(())
            }
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Task> {
        parse_args(&args.iter().map(|arg| (*arg).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_commands() {
        assert_eq!(parse(&[]).unwrap(), Task::Help);
        assert_eq!(parse(&["help"]).unwrap(), Task::Help);
        assert_eq!(parse(&["--help"]).unwrap(), Task::Help);
        assert_eq!(parse(&["test"]).unwrap(), Task::Test);
        assert_eq!(parse(&["bench"]).unwrap(), Task::Bench);
        assert_eq!(
            parse(&["bench-graders", "http://127.0.0.1:8111/"]).unwrap(),
            Task::BenchGraders { url: "http://127.0.0.1:8111/".into() }
        );
        assert!(parse(&["bench-graders"]).is_err());
        assert!(parse(&["test", "--fast"]).is_err());
        assert!(parse(&["deploy"]).is_err());
    }

    #[test]
    fn parses_run_address() {
        assert_eq!(parse(&["run"]).unwrap(), Task::Run { addr: DEFAULT_ADDR.into() });
        assert_eq!(parse(&["run", "--addr", "0.0.0.0:3000"]).unwrap(), Task::Run { addr: "0.0.0.0:3000".into() });
        assert_eq!(parse(&["run", "--addr=[::1]:80"]).unwrap(), Task::Run { addr: "[::1]:80".into() });
        assert!(parse(&["run", "--addr"]).is_err());
        assert!(parse(&["run", "--port", "1"]).is_err());
    }
}
