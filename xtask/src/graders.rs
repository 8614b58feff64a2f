//! Web-quality graders for `cargo xtask bench`: Lighthouse category scores, the number of axe-core
//! accessibility violations, the chart timings of chart_bench.rs and the embed comparison of
//! embed_bench.rs, measured in headless Chromium
//! against the dashboard as a real server serves it.
//!
//! A grader that cannot run (npm missing, Chromium crashing, a timeout) prints a warning and leaves
//! its lines out: the size lines of the bench must not depend on a browser behaving.

use std::ffi::OsString;
use std::fmt;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::chart_bench::{self, Figure};
use crate::cmd::{self, Context, Error, Result, TempDir};
use crate::embed_bench;
use crate::tools::{self, CHROMIUM};

/// The Chromium flags that work here as root with no network (TOOLCHAIN.md); Lighthouse, the axe
/// script and the chart bench all get them so that every grader sees the same browser.
pub(crate) const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Total blocking time varies from run to run on two cores, so each score is the median of this many
/// runs.
const LIGHTHOUSE_RUNS: usize = 3;
/// Lighthouse now and then fails a run for reasons of its own (`NO_NAVSTART`: a trace it could not
/// record), so a few extra attempts keep the median over three runs.
const LIGHTHOUSE_ATTEMPTS: usize = LIGHTHOUSE_RUNS + 2;

/// Lighthouse's category ids and the bench line each becomes.
const LIGHTHOUSE_CATEGORIES: [(&str, &str); 4] = [
    ("performance", "lighthouse_perf"),
    ("accessibility", "lighthouse_a11y"),
    ("best-practices", "lighthouse_bp"),
    ("seo", "lighthouse_seo"),
];

/// How long each child may take before it is stopped; generous, because a loaded two-core machine is
/// slow, but finite, because a hung browser must not hang the bench.
const SERVER_START_LIMIT: Duration = Duration::from_secs(60);
const LIGHTHOUSE_RUN_LIMIT: Duration = Duration::from_secs(180);
const AXE_LIMIT: Duration = Duration::from_secs(120);
const SCRIPT_LIMIT: Duration = Duration::from_secs(30);

/// One grader result, printed as a bench line; scores and counts are whole numbers.
#[derive(Debug, PartialEq, Eq)]
pub struct Grade {
    pub name: String,
    pub value: u32,
    pub unit: &'static str,
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bench {} {} {}", self.name, self.value, self.unit)
    }
}

/// A page metric from Lighthouse's reports (the median over its runs), with the decimals it is read in.
#[derive(Debug, PartialEq)]
pub struct Metric {
    pub name: &'static str,
    pub value: f64,
    pub decimals: usize,
    pub unit: &'static str,
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bench {} {:.*} {}", self.name, self.decimals, self.value, self.unit)
    }
}

/// One printed bench line of the graders: a whole-number grade, a Lighthouse metric, or a decimal
/// timing or ratio of the chart bench.
#[derive(Debug, PartialEq)]
pub enum Line {
    Grade(Grade),
    Metric(Metric),
    Figure(Figure),
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Grade(grade) => fmt::Display::fmt(grade, f),
            Self::Metric(metric) => fmt::Display::fmt(metric, f),
            Self::Figure(figure) => fmt::Display::fmt(figure, f),
        }
    }
}

/// Starts `server` on a free local port with the bench's database and published files, grades the
/// page it serves and stops it again.
pub fn grade_server(server: &Path, db: &Path, data_dir: &Path, dist: &Path) -> Vec<Line> {
    let Some(tools_dir) = install() else { return Vec::new() };
    let running = match Server::start(server, db, data_dir, dist) {
        Ok(running) => running,
        Err(error) => {
            warn("all graders", &error);
            return Vec::new();
        }
    };
    let lines = grade(&tools_dir, &running.url());
    drop(running);
    lines
}

/// Grades a page that is already being served; `cargo xtask bench-graders URL` uses this to check
/// the graders quickly against a server started by hand.
pub fn grade_url(url: &str) -> Vec<Line> {
    match install() {
        Some(tools_dir) => grade(&tools_dir, url),
        None => Vec::new(),
    }
}

/// Makes sure Chromium and the grader packages are installed and returns the packages' folder, or
/// `None` after a warning.
fn install() -> Option<PathBuf> {
    let mut installer = tools::Installer::new();
    let dir = installer.browser().and_then(|()| installer.graders());
    installer.finish();
    dir.map_err(|error| warn("all graders", &error)).ok()
}

/// Runs every grader against `url`, keeping whatever succeeds.
fn grade(tools_dir: &Path, url: &str) -> Vec<Line> {
    let started = Instant::now();
    // Chromium leaves profile folders in TMPDIR; giving the graders their own removes them with it.
    let scratch = match TempDir::create("waimao-graders") {
        Ok(scratch) => scratch,
        Err(error) => {
            warn("all graders", &error);
            return Vec::new();
        }
    };
    let mut lines = Vec::new();
    // The dashboard, a briefing and one widget, the three pages the public reaches; the dashboard's
    // lines keep their plain names, the others take the page's.
    let base = url.trim_end_matches('/');
    for (path, suffix) in LIGHTHOUSE_PAGES {
        match lighthouse(tools_dir, &format!("{base}{path}"), scratch.path(), suffix) {
            Ok(out) => lines.extend(out),
            Err(error) => warn("Lighthouse", &error),
        }
    }
    match axe(tools_dir, url, scratch.path()) {
        Ok(violations) => lines.push(Line::Grade(violations)),
        Err(error) => warn("axe-core", &error),
    }
    match chart_bench::run(tools_dir, url, scratch.path()) {
        Ok(figures) => lines.extend(figures.into_iter().map(Line::Figure)),
        Err(error) => warn("the chart bench", &error),
    }
    match embed_bench::run(tools_dir, url, scratch.path()) {
        Ok(figures) => lines.extend(figures.into_iter().map(Line::Figure)),
        Err(error) => warn("the embed bench", &error),
    }
    cmd::note(format!("graders took {}", cmd::secs(started.elapsed())));
    lines
}

fn warn(grader: &str, error: &Error) {
    cmd::step(format!("warning: skipping {grader}: {error}"));
}

/// Runs the Lighthouse CLI (mobile preset) until it has produced a few reports and returns the median
/// score of each category. Failed attempts are warnings as long as one report comes out.
fn lighthouse(tools_dir: &Path, url: &str, scratch: &Path, suffix: &str) -> Result<Vec<Line>> {
    // The binary in the private folder is what `npx --offline lighthouse` resolves to there; calling it
    // directly means npx can never reach for another version.
    let lighthouse = tools_dir.join("node_modules/.bin/lighthouse");
    let mut reports = Vec::new();
    for attempt in 1..=LIGHTHOUSE_ATTEMPTS {
        if reports.len() == LIGHTHOUSE_RUNS {
            break;
        }
        let report = scratch.join(format!("lighthouse{suffix}-{attempt}.json"));
        let mut output_path = OsString::from("--output-path=");
        output_path.push(&report);
        let mut command = cmd::command(&lighthouse);
        command
            .arg(url)
            .arg("--output=json")
            .arg(output_path)
            .arg("--only-categories=performance,accessibility,best-practices,seo")
            .arg(format!("--chrome-flags={}", CHROMIUM_FLAGS.join(" ")))
            .args(["--no-enable-error-reporting", "--quiet"])
            .env("CHROME_PATH", CHROMIUM)
            .env("TMPDIR", scratch);
        let run = reports.len() + 1;
        cmd::step(format!("Lighthouse run {run} of {LIGHTHOUSE_RUNS} ({})", cmd::display(&command)));
        let started = Instant::now();
        let outcome = run_limited(&mut command, LIGHTHOUSE_RUN_LIMIT);
        cmd::note(format!("{} for run {run}", cmd::secs(started.elapsed())));
        match outcome {
            Ok(_) if report.is_file() => reports.push(report),
            Ok(_) => cmd::note(format!("warning: attempt {attempt} of {LIGHTHOUSE_ATTEMPTS} wrote no report")),
            Err(error) => cmd::note(format!("warning: attempt {attempt} of {LIGHTHOUSE_ATTEMPTS} failed: {error}")),
        }
    }
    if reports.is_empty() {
        return Err(Error::new(format!("none of {LIGHTHOUSE_ATTEMPTS} Lighthouse attempts produced a report")));
    }
    if reports.len() < LIGHTHOUSE_RUNS {
        cmd::note(format!("warning: only {} of {LIGHTHOUSE_RUNS} Lighthouse runs succeeded", reports.len()));
    }
    let mut read = cmd::command("node");
    read.arg(js("lighthouse-scores.js")).args(&reports);
    let scores_text = run_limited(&mut read, SCRIPT_LIMIT)?;
    let scores = parse_scores(&scores_text);
    let mut lines = Vec::new();
    for (category, name) in LIGHTHOUSE_CATEGORIES {
        let values = scores.iter().find(|(id, _)| id == category).map(|(_, values)| values.clone());
        match values.as_deref().and_then(median) {
            Some(value) => lines.push(Line::Grade(Grade { name: format!("{name}{suffix}"), value, unit: "score" })),
            None => cmd::note(format!("warning: no Lighthouse run scored {category}; leaving out {name}{suffix}")),
        }
    }
    // The dashboard's load metrics, as the issue asks for them: LCP and TBT in ms, CLS unitless.
    if suffix.is_empty() {
        for (id, name, decimals, unit) in LIGHTHOUSE_METRICS {
            let values = parse_metric(&scores_text, id);
            match median_f64(&values) {
                Some(value) => lines.push(Line::Metric(Metric { name, value, decimals, unit })),
                None => cmd::note(format!("warning: no Lighthouse run measured {id}; leaving out {name}")),
            }
        }
    }
    Ok(lines)
}

/// The pages Lighthouse grades, by path under the served URL, and the suffix of their lines.
const LIGHTHOUSE_PAGES: [(&str, &str); 3] =
    [("/", ""), ("/briefing?period=2021-Q1", "_briefing"), ("/embed/trend", "_embed")];

/// The metrics `lighthouse-scores.js` prints as `metric ID VALUE...`: Lighthouse's audit id, the
/// bench line's name, its decimals and unit.
const LIGHTHOUSE_METRICS: [(&str, &str, usize, &str); 3] = [
    ("largest-contentful-paint", "lcp_ms", 0, "ms"),
    ("total-blocking-time", "tbt_ms", 0, "ms"),
    ("cumulative-layout-shift", "cls", 3, "score"),
];

/// The values of the line `metric ID VALUE...` (`null` for a run without it is skipped).
fn parse_metric(text: &str, id: &str) -> Vec<f64> {
    text.lines()
        .filter_map(|line| line.strip_prefix("metric "))
        .filter_map(|rest| rest.strip_prefix(id)?.strip_prefix(' '))
        .flat_map(|values| values.split_whitespace().filter_map(|v| v.parse().ok()).collect::<Vec<f64>>())
        .collect()
}

/// The median of decimal values, the mean of the middle pair for an even count.
fn median_f64(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        len if len % 2 == 1 => Some(sorted[middle]),
        _ => Some((sorted[middle - 1] + sorted[middle]) / 2.0),
    }
}

/// Reads the lines `lighthouse-scores.js` prints, `CATEGORY SCORE...` with `null` for a run that has
/// no score, into each category's numeric scores.
fn parse_scores(text: &str) -> Vec<(String, Vec<u32>)> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let category = words.next()?.to_owned();
            Some((category, words.filter_map(|word| word.parse().ok()).collect()))
        })
        .collect()
}

/// The median, rounding the mean of the middle pair up when the count is even (a failed run leaves
/// two); `None` for no values.
fn median(values: &[u32]) -> Option<u32> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        len if len % 2 == 1 => Some(sorted[middle]),
        _ => Some((sorted[middle - 1] + sorted[middle]).div_ceil(2)),
    }
}

/// Counts axe-core's violations on the mounted dashboard; the script prints the details to stderr.
fn axe(tools_dir: &Path, url: &str, scratch: &Path) -> Result<Grade> {
    let mut command = cmd::command("node");
    command.arg(js("axe.js")).arg(tools_dir).arg(url).args(CHROMIUM_FLAGS);
    command.env("CHROME_PATH", CHROMIUM).env("TMPDIR", scratch);
    cmd::step(format!("axe-core ({})", cmd::display(&command)));
    let started = Instant::now();
    let output = run_limited(&mut command, AXE_LIMIT)?;
    cmd::note(format!("axe-core took {}", cmd::secs(started.elapsed())));
    let count = output.trim().parse().map_err(|_| Error::new(format!("axe.js printed {output:?}, not a count")))?;
    Ok(Grade { name: "axe_violations".into(), value: count, unit: "count" })
}

/// A helper script in xtask/js/.
pub(crate) fn js(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("js").join(name)
}

/// Runs a command with stdout captured and stderr on the terminal, stopping it after `limit`, and
/// returns its stdout. Capturing keeps the children's chatter off xtask's stdout, which carries only
/// bench lines.
pub(crate) fn run_limited(command: &mut Command, limit: Duration) -> Result<String> {
    let (status, text) = run_limited_status(command, limit)?;
    cmd::check(command, status)?;
    Ok(text)
}

/// Like [`run_limited`], but returns the exit status with the output instead of judging it, for a
/// child that prints what it measured before reporting that some of it failed.
pub(crate) fn run_limited_status(command: &mut Command, limit: Duration) -> Result<(ExitStatus, String)> {
    command.stdin(Stdio::null()).stdout(Stdio::piped());
    let mut child = ChildGuard(command.spawn().context(format!("starting `{}`", cmd::display(command)))?);
    let mut stdout = child.0.stdout.take().expect("stdout is piped");
    // A thread drains stdout so that a chatty child cannot block on a full pipe while it is polled.
    let reader = thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.0.try_wait().context(format!("waiting for `{}`", cmd::display(command)))? {
            break status;
        }
        if Instant::now() > deadline {
            // Dropping the guard stops the child, which closes the pipe and ends the reader.
            drop(child);
            let _ = reader.join();
            return Err(Error::new(format!("`{}` took longer than {}", cmd::display(command), cmd::secs(limit))));
        }
        thread::sleep(Duration::from_millis(100));
    };
    let text = reader.join().map_err(|_| Error::new("the stdout reader panicked"))?;
    let text = text.context(format!("reading the output of `{}`", cmd::display(command)))?;
    Ok((status, text))
}

/// A child process that is stopped when dropped, so that an error or a timeout never leaves a
/// server or a browser running.
pub(crate) struct ChildGuard(pub(crate) Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if !matches!(self.0.try_wait(), Ok(None)) {
            return;
        }
        // SIGINT first: the server shuts down gracefully on it, and Lighthouse and playwright close
        // the Chromium they started, which a plain kill of the Node process would orphan.
        let interrupted = Command::new("kill").args(["-INT", &self.0.id().to_string()]).status();
        if interrupted.is_ok_and(|status| status.success()) {
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if !matches!(self.0.try_wait(), Ok(None)) {
                    return;
                }
                thread::sleep(Duration::from_millis(50));
            }
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The server process, stopped when dropped.
pub(crate) struct Server {
    _child: ChildGuard,
    pub(crate) addr: SocketAddr,
}

impl Server {
    /// Starts the server on a free port and waits until `/healthz` answers. The database and data
    /// folder must already hold the demo (the bench's `waimao-server demo` step fills them).
    pub(crate) fn start(binary: &Path, db: &Path, data_dir: &Path, dist: &Path) -> Result<Self> {
        let addr = free_local_addr()?;
        let mut serve = cmd::command(binary);
        serve.arg("serve").arg("--addr").arg(addr.to_string());
        serve.arg("--db").arg(db).arg("--data-dir").arg(data_dir).arg("--dist").arg(dist);
        // Request logs would bury the grader output; warnings still show. Its stdout (the "running"
        // banner) goes to stderr, away from the bench lines.
        serve.env("RUST_LOG", "warn").stdin(Stdio::null()).stdout(std::io::stderr());
        cmd::step(format!("starting the server for the graders ({})", cmd::display(&serve)));
        let mut child = ChildGuard(serve.spawn().context(format!("starting `{}`", cmd::display(&serve)))?);
        let deadline = Instant::now() + SERVER_START_LIMIT;
        while !healthy(addr) {
            if let Some(status) = child.0.try_wait().context("waiting for the server")? {
                return Err(Error::new(format!("the server exited ({status}) before answering /healthz")));
            }
            if Instant::now() > deadline {
                return Err(Error::new(format!(
                    "the server did not answer http://{addr}/healthz within {}",
                    cmd::secs(SERVER_START_LIMIT)
                )));
            }
            thread::sleep(Duration::from_millis(100));
        }
        Ok(Self { _child: child, addr })
    }

    fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }
}

/// A local address with a port nobody listens on: the OS picks one for a throwaway listener. Another
/// process could take it before the server binds it, but then the server fails to start and says so.
pub(crate) fn free_local_addr() -> Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    listener.local_addr().context("finding a free port")
}

/// Whether `GET /healthz` answers 200; a hand-written HTTP/1.1 request is enough for one status line
/// and needs no HTTP client crate.
fn healthy(addr: SocketAddr) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else { return false };
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    if stream.set_read_timeout(Some(Duration::from_secs(2))).is_err() || stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = Vec::new();
    // A read error after some bytes still leaves the status line to judge.
    let _ = stream.take(1024).read_to_end(&mut response);
    status_code(&String::from_utf8_lossy(&response)) == Some(200)
}

/// The status code in an HTTP/1.x response's status line.
fn status_code(response: &str) -> Option<u16> {
    let mut words = response.lines().next()?.split_whitespace();
    words.next()?.starts_with("HTTP/1.").then_some(())?;
    words.next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[70]), Some(70));
        assert_eq!(median(&[91, 64, 88]), Some(88));
        assert_eq!(median(&[90, 93]), Some(92));
    }

    #[test]
    fn parses_scores() {
        let scores = parse_scores("performance 91 null 88\nseo 100 100 100\n\n");
        assert_eq!(scores, vec![("performance".to_owned(), vec![91, 88]), ("seo".to_owned(), vec![100, 100, 100])]);
    }

    #[test]
    fn parses_metrics_and_their_median() {
        let text = "performance 91 88 90\nmetric largest-contentful-paint 1200.5 null 980 1500\n\
                    metric cumulative-layout-shift 0.01 0 0.02\n";
        assert_eq!(parse_metric(text, "largest-contentful-paint"), vec![1200.5, 980.0, 1500.0]);
        assert_eq!(median_f64(&parse_metric(text, "largest-contentful-paint")), Some(1200.5));
        assert_eq!(median_f64(&parse_metric(text, "cumulative-layout-shift")), Some(0.01));
        assert_eq!(median_f64(&parse_metric(text, "total-blocking-time")), None);
        assert_eq!(median_f64(&[10.0, 30.0]), Some(20.0));
        let line = Line::Metric(Metric { name: "cls", value: 0.0104, decimals: 3, unit: "score" });
        assert_eq!(line.to_string(), "bench cls 0.010 score");
    }

    #[test]
    fn reads_status_lines() {
        assert_eq!(status_code("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"), Some(200));
        assert_eq!(status_code("HTTP/1.1 503 Service Unavailable\r\n"), Some(503));
        assert_eq!(status_code(""), None);
        assert_eq!(status_code("SSH-2.0-OpenSSH\r\n"), None);
    }

    #[test]
    fn formats_bench_lines() {
        assert_eq!(
            Grade { name: "axe_violations".into(), value: 2, unit: "count" }.to_string(),
            "bench axe_violations 2 count"
        );
        assert_eq!(
            Line::Grade(Grade { name: "lighthouse_seo".into(), value: 100, unit: "score" }).to_string(),
            "bench lighthouse_seo 100 score"
        );
        let figure = Figure { name: "tooltip_latency", value: 3.21, unit: chart_bench::Unit::Ms };
        assert_eq!(Line::Figure(figure).to_string(), "bench tooltip_latency 3.2 ms");
    }

    #[test]
    fn keeps_the_output_of_a_failed_child() {
        let mut partial = Command::new("sh");
        partial.args(["-c", "echo measured; exit 1"]);
        let (status, output) = run_limited_status(&mut partial, Duration::from_secs(10)).unwrap();
        assert!(!status.success());
        assert_eq!(output, "measured\n");
        assert!(run_limited(&mut partial, Duration::from_secs(10)).is_err());
    }

    #[test]
    fn stops_a_child_that_takes_too_long() {
        let started = Instant::now();
        let mut sleep = Command::new("sleep");
        sleep.arg("30");
        let error = run_limited(&mut sleep, Duration::from_millis(300)).unwrap_err();
        assert!(error.to_string().contains("took longer than"), "{error}");
        assert!(started.elapsed() < Duration::from_secs(10));

        let mut echo = Command::new("echo");
        echo.arg("12");
        assert_eq!(run_limited(&mut echo, Duration::from_secs(10)).unwrap(), "12\n");
    }

    #[test]
    fn health_check_needs_a_200() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = thread::spawn(move || {
            for body in ["HTTP/1.1 500 Internal Server Error\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\nok"] {
                let (mut stream, _) = listener.accept().unwrap();
                let mut request = [0; 512];
                let _ = stream.read(&mut request).unwrap();
                stream.write_all(body.as_bytes()).unwrap();
            }
        });
        assert!(!healthy(addr));
        assert!(healthy(addr));
        server.join().unwrap();
        assert!(!healthy(addr));
    }
}
