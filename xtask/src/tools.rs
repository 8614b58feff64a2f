//! Installs and checks the external tools: the wasm32 target, trunk, wasm-bindgen-cli, wasm-opt and
//! the Debian browser packages. Every check is cheap, so the commands can call this on every run.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cmd::{self, Context, Error, Result};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Trunk is pinned because newer releases need a newer rustc than this project's toolchain.
pub const TRUNK_VERSION: &str = "0.21.14";

/// binaryen from npm; Debian's binaryen 108 produces a wasm that fails in the browser, so it is
/// never used.
pub const BINARYEN_NPM_VERSION: &str = "132.0.0";
/// The number `wasm-opt --version` prints for that package, which Trunk.toml must name as
/// `version_132`.
pub const WASM_OPT_VERSION: &str = "132";

/// Where Debian's libnginx-mod-http-brotli-static puts the module nginx loads for `brotli_static`.
pub const NGINX_BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// The npm packages `cargo xtask bench` grades the page with. Lighthouse is pinned because 13.x needs
/// Node 22 and because scores are only comparable between commits when the grader stays the same;
/// the others are pinned for the same reason. playwright-core, unlike `playwright`, never downloads a
/// browser: it drives the Debian Chromium. uPlot is the reference chart library the chart bench
/// (chart_bench.rs) compares the app's own line chart with; Chart.js is the one the embed bench
/// (embed_bench.rs) compares the embeddable widget with.
pub const GRADER_PACKAGES: [(&str, &str); 5] = [
    ("lighthouse", "12.8.2"),
    ("axe-core", "4.14.1"),
    ("playwright-core", "1.65.1"),
    ("uplot", "1.6.32"),
    ("chart.js", "4.6.1"),
];

/// schemathesis, from the Python registry into its own virtual environment: `cargo xtask test` runs
/// it against the real server's OpenAPI document. Pinned so that a run is comparable between commits.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";

/// Debian packages the browser tests need: the browser, its WebDriver and fonts for the Chinese
/// labels.
const BROWSER_PACKAGES: [&str; 3] = ["chromium", "chromium-driver", "fonts-noto-cjk"];
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Installs what is missing and remembers what it did, so that it can report the time spent
/// installing and run `apt-get update` at most once.
pub struct Installer {
    started: Instant,
    installed: Vec<String>,
    apt_updated: bool,
}

/// Installs everything the web build needs and, with `browser`, the Debian browser packages.
pub fn ensure(browser: bool) -> Result<()> {
    let mut installer = Installer::new();
    installer.wasm_target()?;
    installer.web_tools()?;
    if browser {
        installer.browser()?;
    }
    installer.finish();
    Ok(())
}

/// Installs the static server and load generator the serving bench compares against.
pub fn ensure_serving_peers() -> Result<()> {
    let mut installer = Installer::new();
    installer.serving_peers()?;
    installer.finish();
    Ok(())
}

impl Installer {
    pub fn new() -> Self {
        Self { started: Instant::now(), installed: Vec::new(), apt_updated: false }
    }

    /// Prints how long installing took, but only when something was installed: a no-op check is not
    /// news.
    pub fn finish(self) {
        if !self.installed.is_empty() {
            cmd::step(format!("installed {} in {}", self.installed.join(", "), cmd::secs(self.started.elapsed())));
        }
    }

    /// Adds the wasm32 target to the active toolchain unless it is already there.
    pub fn wasm_target(&mut self) -> Result<()> {
        let Some(installed) = cmd::probe(cmd::command("rustup").args(["target", "list", "--installed"])) else {
            return check_target_without_rustup();
        };
        if installed.lines().any(|line| line.trim() == WASM_TARGET) {
            return Ok(());
        }
        cmd::step(format!("installing the {WASM_TARGET} target (rustup target add {WASM_TARGET})"));
        cmd::run(cmd::command("rustup").args(["target", "add", WASM_TARGET]))?;
        self.installed.push(WASM_TARGET.to_owned());
        Ok(())
    }

    /// Fetches the crates and installs trunk, wasm-bindgen-cli and wasm-opt at the versions the
    /// build needs.
    pub fn web_tools(&mut self) -> Result<()> {
        // Trunk.toml sets `offline = true`, which makes trunk pass `--offline` to cargo, so every
        // crate must already be downloaded; fetching also creates Cargo.lock, which names the
        // wasm-bindgen version.
        cmd::step("fetching crates (cargo fetch)");
        cmd::run(cmd::cargo().arg("fetch"))?;
        self.trunk()?;
        self.wasm_bindgen()?;
        self.wasm_opt()
    }

    fn trunk(&mut self) -> Result<()> {
        let version = cmd::probe(cmd::command("trunk").arg("--version"));
        if version.as_deref().and_then(second_word) == Some(TRUNK_VERSION) {
            cmd::note(format!("trunk {TRUNK_VERSION}: ok"));
            return Ok(());
        }
        // `--locked` works for trunk and keeps it from picking up dependency releases it was not
        // tested with.
        let mut install = cmd::cargo();
        install.args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]);
        cmd::step(format!("installing trunk {TRUNK_VERSION}, about 10 minutes ({})", cmd::display(&install)));
        cmd::run(&mut install)?;
        self.installed.push(format!("trunk {TRUNK_VERSION}"));
        Ok(())
    }

    fn wasm_bindgen(&mut self) -> Result<()> {
        let wanted = wasm_bindgen_version()?;
        let version = cmd::probe(cmd::command("wasm-bindgen").arg("--version"));
        if version.as_deref().and_then(second_word) == Some(wanted.as_str()) {
            cmd::note(format!("wasm-bindgen {wanted}: ok"));
            return Ok(());
        }
        // No `--locked`: wasm-bindgen-cli's lock file names crate versions the registry here does
        // not serve.
        let mut install = cmd::cargo();
        install.args(["install", "wasm-bindgen-cli", "--version", &wanted]);
        cmd::step(format!("installing wasm-bindgen-cli {wanted} ({})", cmd::display(&install)));
        cmd::run(&mut install)?;
        self.installed.push(format!("wasm-bindgen-cli {wanted}"));
        Ok(())
    }

    fn wasm_opt(&mut self) -> Result<()> {
        let dir = cmd::binaryen_dir().ok_or_else(|| Error::new("HOME is not set; cannot place wasm-opt"))?;
        let wasm_opt = dir.join("node_modules/.bin/wasm-opt");
        let version = cmd::probe(cmd::command(&wasm_opt).arg("--version"));
        if version.as_deref().is_some_and(is_wasm_opt_version) {
            cmd::note(format!("wasm-opt version {WASM_OPT_VERSION}: ok"));
            return Ok(());
        }
        if !cmd::on_path("npm") {
            self.apt_install(&["nodejs", "npm"])?;
        }
        std::fs::create_dir_all(&dir).context(format!("creating {}", dir.display()))?;
        let mut install = cmd::command("npm");
        install
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(format!("binaryen@{BINARYEN_NPM_VERSION}"));
        cmd::step(format!("installing wasm-opt ({})", cmd::display(&install)));
        cmd::run(&mut install)?;
        let version = cmd::probe(cmd::command(&wasm_opt).arg("--version")).unwrap_or_default();
        if !is_wasm_opt_version(&version) {
            return Err(Error::new(format!(
                "{} reports {:?} after installing, expected version {WASM_OPT_VERSION}",
                wasm_opt.display(),
                version.trim()
            )));
        }
        self.installed.push(format!("wasm-opt {WASM_OPT_VERSION}"));
        Ok(())
    }

    /// Installs the grader packages (Lighthouse, axe-core, playwright-core, uPlot) into their own
    /// folder unless the exact versions are already there, and returns that folder.
    pub fn graders(&mut self) -> Result<PathBuf> {
        let dir = cmd::graders_dir()?;
        let missing: Vec<String> = GRADER_PACKAGES
            .iter()
            .filter(|(name, version)| npm_package_version(&dir, name).as_deref() != Some(*version))
            .map(|(name, version)| format!("{name}@{version}"))
            .collect();
        if missing.is_empty() {
            cmd::note(format!("graders {}: ok", grader_list()));
            return Ok(dir);
        }
        self.npm_install(&dir, &missing, "the graders")?;
        for (name, version) in GRADER_PACKAGES {
            let found = npm_package_version(&dir, name);
            if found.as_deref() != Some(version) {
                return Err(Error::new(format!(
                    "{name} in {} is {found:?} after installing, expected {version}",
                    dir.display()
                )));
            }
        }
        self.installed.push(grader_list());
        Ok(dir)
    }

    /// Installs the npm `packages` (`name@version`) into their own folder `dir`, adding Debian's npm
    /// when it is missing.
    fn npm_install(&mut self, dir: &Path, packages: &[String], what: &str) -> Result<()> {
        if !cmd::on_path("npm") {
            self.apt_install(&["nodejs", "npm"])?;
        }
        std::fs::create_dir_all(dir).context(format!("creating {}", dir.display()))?;
        let mut install = cmd::command("npm");
        install.args(["install", "--no-audit", "--no-fund", "--prefix"]).arg(dir).args(packages);
        // Belt and braces: none of these packages should fetch a browser, and nothing may be
        // downloaded from outside the registry here.
        install.env("PUPPETEER_SKIP_DOWNLOAD", "1").env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // npm reports on stdout, which `cargo xtask bench` keeps for its result lines.
        install.stdout(std::io::stderr());
        cmd::step(format!("installing {what} ({})", cmd::display(&install)));
        cmd::run(&mut install)
    }

    /// Installs axe-core alone (the browser tests inject it into the pages they open) unless that
    /// version is there, and returns its script. Its version is the graders'.
    pub fn axe(&mut self) -> Result<PathBuf> {
        let version = GRADER_PACKAGES.iter().find(|(n, _)| *n == "axe-core").map_or("", |(_, v)| v);
        let dir = cmd::home()?.join(format!(".cache/waimao/tools/axe-core-{version}"));
        let script = dir.join("node_modules/axe-core/axe.min.js");
        if npm_package_version(&dir, "axe-core").as_deref() == Some(version) && script.is_file() {
            cmd::note(format!("axe-core {version}: ok"));
            return Ok(script);
        }
        self.npm_install(&dir, &[format!("axe-core@{version}")], "axe-core")?;
        if !script.is_file() {
            return Err(Error::new(format!("no {} after installing axe-core", script.display())));
        }
        self.installed.push(format!("axe-core@{version}"));
        Ok(script)
    }

    /// Installs schemathesis into a virtual environment of its own unless that version is there, and
    /// returns its program. A fresh Debian has `python3` but may lack `venv`, which `python3-venv` adds.
    pub fn schemathesis(&mut self) -> Result<PathBuf> {
        let dir = cmd::home()?.join(format!(".cache/waimao/tools/schemathesis-{SCHEMATHESIS_VERSION}"));
        let program = dir.join("bin/schemathesis");
        let reports =
            |p: &Path| cmd::probe(cmd::command(p).arg("--version")).is_some_and(|v| v.contains(SCHEMATHESIS_VERSION));
        if reports(&program) {
            cmd::note(format!("schemathesis {SCHEMATHESIS_VERSION}: ok"));
            return Ok(program);
        }
        let has_venv = cmd::probe(cmd::command("python3").args(["-c", "import venv, ensurepip; print('ok')"]))
            .is_some_and(|v| v.contains("ok"));
        if !has_venv {
            self.apt_install(&["python3", "python3-venv"])?;
        }
        let mut venv = cmd::command("python3");
        venv.args(["-m", "venv", "--clear"]).arg(&dir);
        cmd::step(format!("creating schemathesis' environment ({})", cmd::display(&venv)));
        cmd::run(&mut venv)?;
        let mut install = cmd::command(dir.join("bin/pip"));
        install
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("schemathesis=={SCHEMATHESIS_VERSION}"));
        cmd::step(format!("installing schemathesis ({})", cmd::display(&install)));
        cmd::run(&mut install)?;
        if !reports(&program) {
            return Err(Error::new(format!("{} does not report version {SCHEMATHESIS_VERSION}", program.display())));
        }
        self.installed.push(format!("schemathesis {SCHEMATHESIS_VERSION}"));
        Ok(program)
    }

    /// Installs Chromium, its WebDriver and CJK fonts unless all three are present.
    pub fn browser(&mut self) -> Result<()> {
        let fonts = cmd::probe(cmd::command("dpkg").args(["-s", "fonts-noto-cjk"]))
            .is_some_and(|status| status.contains("Status: install ok installed"));
        if fonts && Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
            cmd::note("chromium, chromedriver, fonts-noto-cjk: ok");
            return Ok(());
        }
        self.apt_install(&BROWSER_PACKAGES)?;
        for program in [CHROMIUM, CHROMEDRIVER] {
            if !Path::new(program).is_file() {
                return Err(Error::new(format!("{program} is still missing after installing {BROWSER_PACKAGES:?}")));
            }
        }
        Ok(())
    }

    /// Debian's nginx with its brotli_static module and wrk: the static server the bench measures the
    /// server's serving against, and the load generator.
    pub fn serving_peers(&mut self) -> Result<()> {
        let module = Path::new(NGINX_BROTLI_MODULE).is_file();
        if module && cmd::on_path("nginx") && cmd::on_path("wrk") {
            cmd::note("nginx, its brotli_static module, wrk: ok");
            return Ok(());
        }
        self.apt_install(&["nginx", "libnginx-mod-http-brotli-static", "wrk"])
    }

    /// Installs Debian packages, as root directly or else through sudo, running `apt-get update`
    /// once first because a fresh container has no package lists.
    fn apt_install(&mut self, packages: &[&str]) -> Result<()> {
        let sudo = if is_root() {
            false
        } else if cmd::on_path("sudo") {
            true
        } else {
            return Err(Error::new(format!(
                "need the Debian packages {} but not running as root and sudo is missing; install them as root",
                packages.join(" ")
            )));
        };
        let apt = |args: &[&str]| {
            let mut command = cmd::command(if sudo { "sudo" } else { "apt-get" });
            if sudo {
                // sudo drops most of the environment, so the variable is passed through `env`.
                command.args(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            } else {
                command.env("DEBIAN_FRONTEND", "noninteractive");
            }
            command.args(args);
            command
        };
        if !self.apt_updated {
            let mut update = apt(&["update"]);
            cmd::step(format!("updating Debian package lists ({})", cmd::display(&update)));
            cmd::run(&mut update)?;
            self.apt_updated = true;
        }
        let mut install = apt(&[&["install", "-y"][..], packages].concat());
        cmd::step(format!("installing Debian packages ({})", cmd::display(&install)));
        cmd::run(&mut install)?;
        self.installed.extend(packages.iter().map(|package| (*package).to_owned()));
        Ok(())
    }
}

/// Without rustup (a distribution's Rust, say) the target cannot be added automatically, but it may
/// still be present in the sysroot.
fn check_target_without_rustup() -> Result<()> {
    let sysroot = cmd::probe(cmd::command("rustc").args(["--print", "sysroot"])).unwrap_or_default();
    if Path::new(sysroot.trim()).join("lib/rustlib").join(WASM_TARGET).is_dir() {
        return Ok(());
    }
    Err(Error::new(format!(
        "rustup not found and the {WASM_TARGET} target is not installed; install Rust with rustup (https://rustup.rs)"
    )))
}

fn is_root() -> bool {
    cmd::probe(cmd::command("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// The version of an npm package installed under `dir`, read from its package.json by Node itself,
/// which avoids a JSON dependency; `None` when it is missing or Node is.
fn npm_package_version(dir: &Path, package: &str) -> Option<String> {
    let manifest = dir.join("node_modules").join(package).join("package.json");
    let output = cmd::probe(cmd::command("node").arg("-p").arg("require(process.argv[1]).version").arg(manifest))?;
    Some(output.trim().to_owned())
}

/// The grader packages as `name@version`, for messages.
fn grader_list() -> String {
    GRADER_PACKAGES.iter().map(|(name, version)| format!("{name}@{version}")).collect::<Vec<_>>().join(", ")
}

/// The version in outputs such as `trunk 0.21.14` or `wasm-bindgen 0.2.130`.
fn second_word(output: &str) -> Option<&str> {
    output.split_whitespace().nth(1)
}

/// Whether `wasm-opt --version` output (`wasm-opt version 132 (version_132)`) names the wanted
/// release.
fn is_wasm_opt_version(output: &str) -> bool {
    let mut words = output.split_whitespace();
    words.any(|word| word == "version") && words.next() == Some(WASM_OPT_VERSION)
}

/// The wasm-bindgen version in the workspace's Cargo.lock: the CLI must match the crate exactly, or
/// the generated JS glue does not fit the wasm.
pub fn wasm_bindgen_version() -> Result<String> {
    let path = cmd::root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&path).context(format!("reading {}", path.display()))?;
    lock_version(&lock, "wasm-bindgen")
}

/// Finds the single version of a package in a Cargo.lock file. A lock file is TOML, but its
/// `[[package]]` entries are simple enough to read line by line without a TOML parser.
fn lock_version(lock: &str, package: &str) -> Result<String> {
    let mut versions = Vec::new();
    for entry in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            entry.lines().find_map(|line| {
                let (name, value) = line.split_once('=')?;
                (name.trim() == key).then(|| value.trim().trim_matches('"').to_owned())
            })
        };
        if field("name").as_deref() == Some(package) {
            versions.extend(field("version"));
        }
    }
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => Err(Error::new(format!("Cargo.lock has no `{package}` package; does the web crate depend on it?"))),
        _ => Err(Error::new(format!(
            "Cargo.lock has several `{package}` versions ({}); the build needs exactly one",
            versions.join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.131"
"#;

    #[test]
    fn reads_lock_versions() {
        assert_eq!(lock_version(LOCK, "wasm-bindgen").unwrap(), "0.2.130");
        assert_eq!(lock_version(LOCK, "wasm-bindgen-macro").unwrap(), "0.2.131");
        assert!(lock_version(LOCK, "leptos").is_err());
        let twice = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        assert!(lock_version(&twice, "wasm-bindgen").is_err());
    }

    #[test]
    fn reads_tool_versions() {
        assert_eq!(second_word("trunk 0.21.14\n"), Some("0.21.14"));
        assert_eq!(second_word("wasm-bindgen 0.2.130"), Some("0.2.130"));
        assert!(is_wasm_opt_version("wasm-opt version 132 (version_132)\n"));
        assert!(!is_wasm_opt_version("wasm-opt version 108\n"));
        assert!(!is_wasm_opt_version(""));
    }
}
