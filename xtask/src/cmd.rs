//! Helpers shared by every command: the error type, step messages, paths and running child
//! processes.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// An error with a message meant for the person at the terminal; xtask only ever reports errors, so
/// a string is all it needs.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Adds a description of what was being done to low-level errors such as `io::Error`, so that a
/// failure says which file or tool was involved.
pub trait Context<T> {
    fn context(self, what: impl fmt::Display) -> Result<T>;
}

impl<T, E: fmt::Display> Context<T> for Result<T, E> {
    fn context(self, what: impl fmt::Display) -> Result<T> {
        self.map_err(|error| Error(format!("{what}: {error}")))
    }
}

/// Announces a step before it starts, so that a long or failing run shows where it is.
pub fn step(message: impl fmt::Display) {
    eprintln!("==> {message}");
}

/// Prints a detail under the current step.
pub fn note(message: impl fmt::Display) {
    eprintln!("    {message}");
}

/// Formats a duration the same way everywhere (seconds, one decimal).
pub fn secs(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

/// The workspace root: xtask lives in `<root>/xtask`, so the root is known when xtask is compiled
/// and commands work from any directory.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits inside the workspace")
}

/// Cargo's target directory, honouring `CARGO_TARGET_DIR` like cargo does.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root().join(dir),
        _ => root().join("target"),
    }
}

/// The home directory, where cargo's and xtask's own tool folders live.
pub fn home() -> Result<PathBuf> {
    std::env::var_os("HOME")
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| Error::new("HOME is not set; it is needed to find ~/.cargo and the tool cache"))
}

/// `$CARGO_HOME/bin` (default `~/.cargo/bin`), where `cargo install` puts trunk and wasm-bindgen.
pub fn cargo_bin_dir() -> Option<PathBuf> {
    match std::env::var_os("CARGO_HOME") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir).join("bin")),
        _ => home().ok().map(|home| home.join(".cargo").join("bin")),
    }
}

/// Where the npm package binaryen (which provides wasm-opt) is installed; a private folder keeps it
/// from clashing with Debian's older, broken binaryen.
pub fn binaryen_dir() -> Option<PathBuf> {
    home().ok().map(|home| home.join(".cache/waimao/tools/binaryen-132"))
}

/// Where the npm grader packages (Lighthouse, axe-core, playwright-core, uPlot) are installed, beside
/// binaryen so that all of xtask's npm tools live in one cache.
pub fn graders_dir() -> Result<PathBuf> {
    Ok(home()?.join(".cache/waimao/tools/graders"))
}

/// The PATH given to every child: the private wasm-opt and cargo's bin folder come first, so trunk
/// finds the exact tool versions xtask installed even when the user's PATH lacks them or has other
/// versions.
fn child_path() -> &'static OsStr {
    static PATH: OnceLock<OsString> = OnceLock::new();
    PATH.get_or_init(|| {
        let mut dirs: Vec<PathBuf> = Vec::new();
        dirs.extend(binaryen_dir().map(|dir| dir.join("node_modules/.bin")));
        dirs.extend(cargo_bin_dir());
        dirs.extend(std::env::var_os("PATH").iter().flat_map(std::env::split_paths));
        // Joining only fails for a folder containing ':', which cannot be on a Unix PATH anyway.
        std::env::join_paths(dirs).unwrap_or_else(|_| std::env::var_os("PATH").unwrap_or_default())
    })
}

/// A command that runs at the workspace root with the tool PATH; every child goes through here so
/// that they all see the same tools.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command.current_dir(root()).env("PATH", child_path());
    command
}

/// A cargo command using the same cargo that runs xtask (cargo sets `CARGO` for `cargo run`), so
/// that a toolchain override applies to the nested builds too.
pub fn cargo() -> Command {
    command(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The command line as the user would type it, for messages.
pub fn display(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs a command with the terminal attached and fails unless it exits successfully.
pub fn run(command: &mut Command) -> Result<()> {
    let status = spawn_wait(command)?;
    check(command, status)
}

/// Runs a command with the terminal attached and returns its exit status without judging it.
pub fn spawn_wait(command: &mut Command) -> Result<ExitStatus> {
    command.status().map_err(|error| spawn_error(command, &error))
}

/// Turns an unsuccessful exit status into an error naming the command.
pub fn check(command: &Command, status: ExitStatus) -> Result<()> {
    if status.success() {
        Ok(())
    } else {
        Err(Error(format!("`{}` failed ({status})", display(command))))
    }
}

/// Runs a command quietly to ask it something (a version, a list) and returns its stdout and stderr
/// together; `None` means the program is missing or failed, which callers treat as "not installed".
pub fn probe(command: &mut Command) -> Option<String> {
    let output = command.stdin(Stdio::null()).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    Some(text)
}

/// Whether a program can be found on the child PATH.
pub fn on_path(program: &str) -> bool {
    std::env::split_paths(child_path()).any(|dir| dir.join(program).is_file())
}

fn spawn_error(command: &Command, error: &std::io::Error) -> Error {
    if error.kind() == std::io::ErrorKind::NotFound {
        Error(format!("`{}` could not start: program not found on PATH", display(command)))
    } else {
        Error(format!("`{}` could not start: {error}", display(command)))
    }
}

/// Appends a suffix such as `.br` to a file name without assuming the path is UTF-8.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A scratch folder in the temp dir, removed when dropped, even after an error, so repeated runs do
/// not fill /tmp. The process id in its name keeps concurrent runs apart.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn create(prefix: &str) -> Result<Self> {
        let path = std::env::temp_dir().join(format!("{prefix}-{}", std::process::id()));
        if path.exists() {
            std::fs::remove_dir_all(&path).context(format!("removing {}", path.display()))?;
        }
        std::fs::create_dir_all(&path).context(format!("creating {}", path.display()))?;
        Ok(Self(path))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Nothing useful can be done if removal fails; the folder is in the temp dir and will be
        // cleaned eventually.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
