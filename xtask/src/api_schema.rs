//! `cargo xtask test`'s API step: schemathesis generates requests from the real server's
//! `/api/openapi.json` (examples, boundary cases, fuzzing, stateful sequences) and fails the run on a
//! 5xx, a dropped connection, or any status, content type or body the document does not describe.
//! The server is the debug build on the demo data, signed in as the bureau so that every operation is
//! reached; the budget is fixed and the seed too, so a failure reproduces.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use crate::cmd::{self, Context, Error, Result, TempDir};
use crate::graders::{run_limited_status, Server};
use crate::tools::Installer;

/// The first admin's password on the throwaway server.
const ADMIN_PASSWORD: &str = "Schema-Check-2026";
/// How long schemathesis generates requests; it stops at this budget whatever it has left.
const BUDGET_SECS: u32 = 120;
/// The seed of the generated requests: fixed, so that CI runs what a developer can rerun.
const SEED: &str = "20261203";

/// Operations left out, because they end the very session the run signs in with: signing out, the
/// password changes (which end the user's sessions) and account changes (which may disable it).
const EXCLUDED_PATHS: &str = "^/api/session$|/password$";
const EXCLUDED_OPERATIONS: [&str; 1] = ["update_user"];

pub fn run(dist: &Path) -> Result<()> {
    let mut installer = Installer::new();
    let schemathesis = installer.schemathesis()?;
    installer.finish();
    // As `cargo test --workspace` builds it: after the workspace tests this is a no-op, where
    // `cargo build -p waimao-server` would resolve features anew and compile much of the tree again.
    let binary = crate::run::debug_server_by(&["test", "--workspace", "--no-run"])?;
    let tmp = TempDir::create("waimao-api-schema")?;
    let (db, data_dir) = (tmp.path().join("schema.db"), tmp.path().join("data"));
    let mut demo = cmd::command(&binary);
    demo.arg("demo").arg("--db").arg(&db).arg("--data-dir").arg(&data_dir);
    // The demo creates the first admin, with this password rather than a generated one.
    demo.env("WAIMAO_ADMIN_PASSWORD", ADMIN_PASSWORD);
    cmd::step(format!("creating the demo database ({})", cmd::display(&demo)));
    cmd::run(&mut demo)?;
    let server = Server::start(&binary, &db, &data_dir, dist)?;
    let cookie = sign_in(server.addr)?;
    let origin = format!("http://{}", server.addr);
    let mut check = cmd::command(&schemathesis);
    check
        .arg("run")
        .arg(format!("{origin}/api/openapi.json"))
        .args(["--header", &format!("Cookie: {cookie}"), "--header", &format!("Origin: {origin}")])
        .args([
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
        ])
        .args(["--exclude-path-regex", EXCLUDED_PATHS])
        .args(EXCLUDED_OPERATIONS.iter().flat_map(|o| ["--exclude-operation-id", o]))
        .args(["--max-time", &BUDGET_SECS.to_string(), "--seed", SEED, "--workers", "2", "--no-color"]);
    check.stdout(std::process::Stdio::piped());
    cmd::step(format!("checking the API against its OpenAPI document ({})", cmd::display(&check)));
    let (status, report) = run_limited_status(&mut check, Duration::from_secs(u64::from(BUDGET_SECS) + 180))?;
    // The summary (operations, cases, failures) is the last part of the report; all of it on failure.
    let shown: Vec<&str> = report.lines().collect();
    let problems = api_problems(&report);
    let from = if problems.is_empty() { shown.len().saturating_sub(30) } else { 0 };
    eprintln!("{}", shown[from..].join("\n"));
    if problems.is_empty() && !status.success() {
        // Only schemathesis' own errors (a "Runtime Error" inside its generator) are left: they say
        // nothing about the API, so they are shown but do not fail the run.
        cmd::note("schemathesis reported errors of its own (shown above), none about the API");
        return Ok(());
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::new(format!("the API breaks its OpenAPI document: {}", problems.join("; "))))
}

/// What the report's summary counts against the API: its failures (an undocumented status, content
/// type or body, a 5xx) and its errors other than schemathesis' own ("Runtime Error"), such as a
/// connection the server dropped.
fn api_problems(report: &str) -> Vec<String> {
    let summary = report.rsplit_once("SUMMARY").map_or(report, |(_, s)| s);
    let mut problems = Vec::new();
    let mut section = "";
    for line in summary.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            section = "";
        } else if trimmed == "Failures:" || trimmed == "Errors:" {
            section = trimmed;
        } else if section == "Failures:" || (section == "Errors:" && !trimmed.contains("Runtime Error")) {
            problems.push(trimmed.to_string());
        }
    }
    problems
}

/// Signs in as the first admin and returns the session cookie (`name=value`), over a hand-written
/// HTTP/1.1 request: one header is all that is needed, and xtask carries no HTTP client.
fn sign_in(addr: SocketAddr) -> Result<String> {
    let body = format!(r#"{{"name":"admin","password":"{ADMIN_PASSWORD}"}}"#);
    let request = format!(
        "POST /api/session HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(addr).context("connecting to the server")?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).context("setting a timeout")?;
    stream.write_all(request.as_bytes()).context("sending the sign-in")?;
    let mut response = String::new();
    let _ = stream.take(64 * 1024).read_to_string(&mut response);
    response
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.strip_prefix("set-cookie: ").or_else(|| l.strip_prefix("Set-Cookie: ")))
        .and_then(|c| c.split(';').next())
        .map(str::to_string)
        .ok_or_else(|| {
            Error::new(format!("signing in as admin gave no session: {}", response.lines().next().unwrap_or("")))
        })
}

#[cfg(test)]
mod tests {
    use super::api_problems;

    #[test]
    fn the_summary_counts_failures_and_the_apis_errors_but_not_the_tools_own() {
        let cases = [
            ("== SUMMARY ==\nFailures:\n  ❌ ST103 Undocumented status code: 30\n\nTest cases:\n", 1),
            ("== SUMMARY ==\nErrors:\n  🚫 Network Error: 1\n\nWarnings:\n  ⚠️ Missing test data\n", 1),
            ("== SUMMARY ==\nErrors:\n  🚫 Runtime Error: 1\n\nWarnings:\n  ⚠️ Missing test data\n", 0),
            ("Failures: in an operation's detail above\n== SUMMARY ==\nTest cases:\n  10 generated, 10 passed\n", 0),
        ];
        for (report, count) in cases {
            assert_eq!(api_problems(report).len(), count, "{report}");
        }
    }
}
