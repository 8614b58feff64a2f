//! Builds the web app with trunk and precompresses dist/ so the server can send brotli or gzip
//! files as they are.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cmd::{self, Context, Error, Result};
use crate::tools;

/// Text and wasm files worth compressing; images such as PNG are already compressed.
const COMPRESSIBLE: [&str; 6] = ["wasm", "js", "html", "css", "svg", "json"];

/// The built app: the dist folder and the app's wasm file in it.
pub struct Dist {
    pub dir: PathBuf,
    pub wasm: PathBuf,
}

/// Runs `trunk build --release` at the workspace root, precompresses the output and checks it looks
/// complete. The tools must have been installed first (see `tools::ensure`).
pub fn build() -> Result<Dist> {
    check_trunk_toml()?;
    let mut trunk = cmd::command("trunk");
    trunk.args(["build", "--release"]);
    cmd::step(format!("building web app ({})", cmd::display(&trunk)));
    cmd::run(&mut trunk)?;
    // The signed-in pages are a second bundle in dist/app/, built after the first because each trunk
    // build empties its own output folder.
    let mut internal = cmd::command("trunk");
    internal.args(["build", "web/internal.html", "--release", "--dist", "dist/app", "--public-url", "/app/"]);
    cmd::step(format!("building the signed-in pages ({})", cmd::display(&internal)));
    cmd::run(&mut internal)?;
    let dir = cmd::root().join("dist");
    cmd::step("precompressing dist/ (brotli quality 11, gzip best)");
    let started = Instant::now();
    let count = precompress(&dir)?;
    cmd::note(format!("{count} files compressed in {}", cmd::secs(started.elapsed())));
    let wasm = check_dist(&dir)?;
    Ok(Dist { dir, wasm })
}

/// Trunk with `offline = true` stops on a tool version mismatch; checking Trunk.toml against the
/// versions xtask installs first turns that into a message that says which line to change.
fn check_trunk_toml() -> Result<()> {
    let path = cmd::root().join("Trunk.toml");
    let text = fs::read_to_string(&path)
        .context(format!("reading {} (it sets the web target and dist folder)", path.display()))?;
    let wanted_bindgen = tools::wasm_bindgen_version()?;
    let wanted_opt = format!("version_{}", tools::WASM_OPT_VERSION);
    for (key, wanted) in [("wasm_bindgen", wanted_bindgen.as_str()), ("wasm_opt", wanted_opt.as_str())] {
        if let Some(value) = tools_setting(&text, key) {
            if value != wanted {
                return Err(Error::new(format!(
                    "Trunk.toml sets [tools] {key} = \"{value}\" but the installed tool is \"{wanted}\"; make them equal"
                )));
            }
        }
    }
    Ok(())
}

/// Reads `key = "value"` from the `[tools]` table of Trunk.toml; the file is small and flat enough
/// that a line scan is reliable.
fn tools_setting(trunk_toml: &str, key: &str) -> Option<String> {
    let mut in_tools = false;
    for line in trunk_toml.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.starts_with('[') {
            in_tools = line == "[tools]";
        } else if let Some((name, value)) = line.split_once('=') {
            if in_tools && name.trim() == key {
                return Some(value.trim().trim_matches('"').to_owned());
            }
        }
    }
    None
}

/// Writes `<file>.br` and `<file>.gz` next to every compressible file under `dir` and returns how
/// many files it compressed. Existing `.br` and `.gz` files are not in the list of extensions, so a
/// second run never compresses its own output.
pub fn precompress(dir: &Path) -> Result<usize> {
    let mut count = 0;
    for path in files(dir)? {
        let compressible = path.extension().and_then(|ext| ext.to_str()).is_some_and(|ext| COMPRESSIBLE.contains(&ext));
        if !compressible {
            continue;
        }
        let data = fs::read(&path).context(format!("reading {}", path.display()))?;
        for (suffix, compressed) in [(".br", brotli(&data)?), (".gz", gzip(&data)?)] {
            let out = cmd::with_suffix(&path, suffix);
            fs::write(&out, compressed).context(format!("writing {}", out.display()))?;
        }
        count += 1;
    }
    Ok(count)
}

/// Brotli at the strongest setting (quality 11, 4 MiB window): the files are compressed once and
/// sent many times.
pub fn brotli(data: &[u8]) -> Result<Vec<u8>> {
    let mut writer = brotli::CompressorWriter::new(Vec::new(), 64 * 1024, 11, 22);
    writer.write_all(data).context("brotli compression")?;
    // `into_inner` finishes the stream; an explicit flush first would only add an empty block.
    Ok(writer.into_inner())
}

/// Gzip at the best level, for clients that do not accept brotli.
fn gzip(data: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).context("gzip compression")?;
    encoder.finish().context("gzip compression")
}

/// Every file under `dir`, recursively, in a stable order.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).context(format!("listing {}", dir.display()))? {
            let path = entry.context(format!("listing {}", dir.display()))?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// A quick check that the build produced both bundles: a missing index.html or a second wasm file in
/// one folder (say, a stale one) would make the server and the size measurements wrong. Returns the
/// public bundle's wasm.
fn check_dist(dir: &Path) -> Result<PathBuf> {
    cmd::step("checking dist/");
    one_app(&dir.join("app"))?;
    one_app(dir)
}

/// The one `*_bg.wasm` directly in `dir`, beside an `index.html`.
fn one_app(dir: &Path) -> Result<PathBuf> {
    if !dir.join("index.html").is_file() {
        return Err(Error::new(format!("{} is missing after trunk build", dir.join("index.html").display())));
    }
    let wasm: Vec<PathBuf> = files(dir)?
        .into_iter()
        .filter(|path| path.parent() == Some(dir))
        .filter(|path| path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.ends_with("_bg.wasm")))
        .collect();
    match wasm.as_slice() {
        [wasm] => {
            cmd::note(format!("index.html and {} present", wasm.strip_prefix(dir).unwrap_or(wasm).display()));
            Ok(wasm.clone())
        }
        _ => Err(Error::new(format!(
            "expected exactly one *_bg.wasm in {}, found {}: {wasm:?}",
            dir.display(),
            wasm.len()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_trunk_tools() {
        let toml = "[build]\nwasm_opt = \"nope\"\n\n[tools]\nwasm_bindgen = \"0.2.130\" # = Cargo.lock\nwasm_opt = \"version_132\"\n";
        assert_eq!(tools_setting(toml, "wasm_bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(tools_setting(toml, "wasm_opt").as_deref(), Some("version_132"));
        assert_eq!(tools_setting("[build]\nwasm_opt = \"x\"\n", "wasm_opt"), None);
    }

    #[test]
    fn compression_round_trips() {
        let data = "海关统计 trade statistics ".repeat(200).into_bytes();
        let br = brotli(&data).unwrap();
        assert!(br.len() < data.len() / 10);
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut br.as_slice(), &mut decoded).unwrap();
        assert_eq!(decoded, data);

        let gz = gzip(&data).unwrap();
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gz.as_slice()), &mut decoded).unwrap();
        assert_eq!(decoded, data);
    }

    #[test]
    fn precompresses_and_checks_dist() {
        let dir = std::env::temp_dir().join(format!("xtask-web-test-{}", std::process::id()));
        fs::create_dir_all(dir.join("snippets")).unwrap();
        fs::write(dir.join("index.html"), "<!doctype html>".repeat(10)).unwrap();
        fs::write(dir.join("app-1f2e_bg.wasm"), [0u8; 512]).unwrap();
        fs::write(dir.join("snippets/a.js"), "export const a = 1;").unwrap();
        fs::write(dir.join("photo.png"), [1u8; 64]).unwrap();

        assert_eq!(precompress(&dir).unwrap(), 3);
        // A second run must not compress the .br and .gz files it wrote.
        assert_eq!(precompress(&dir).unwrap(), 3);
        assert!(dir.join("snippets/a.js.br").is_file());
        assert!(dir.join("index.html.gz").is_file());
        assert!(!dir.join("photo.png.br").exists());
        // Without the signed-in pages' bundle the build is incomplete.
        assert!(check_dist(&dir).is_err());
        fs::create_dir_all(dir.join("app")).unwrap();
        fs::write(dir.join("app/index.html"), "<!doctype html>").unwrap();
        fs::write(dir.join("app/internal-9a8b_bg.wasm"), [0u8; 16]).unwrap();
        assert_eq!(check_dist(&dir).unwrap(), dir.join("app-1f2e_bg.wasm"));

        fs::write(dir.join("old_bg.wasm"), [0u8; 8]).unwrap();
        assert!(check_dist(&dir).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
