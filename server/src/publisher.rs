//! The one publisher: reads one consistent snapshot of the store (one read under the store's lock),
//! has `waimao-core` choose each figure's source and build the read model, and writes it as immutable,
//! content-addressed files (`overview.<hash>.json`); `manifest.json`, which names them, is the one file
//! replaced in place (unique temporary file, fsync, rename, fsync of the directory). Publications run
//! one at a time, and a burst of requests is coalesced: a request is served by the first publication
//! that starts after it, so a reader never sees a partial or an older snapshot over a newer one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};
use waimao_core::api::{dimension_file, Manifest, ManifestEntry, BOUNDARIES_FILE, OVERVIEW_FILE};
use waimao_core::publish::{publish, Input};
use waimao_core::reconcile;

use crate::error::AppError;
use crate::state::AppState;
use crate::store;

pub const MANIFEST_FILE: &str = "manifest.json";

/// Serialises publications and counts requests, so that concurrent requests share one run.
#[derive(Default)]
pub struct Publisher {
    /// Requests made so far; each request takes the next number.
    requested: AtomicU64,
    /// Held while publishing; holds the number of the last request the files on disk include.
    done: tokio::sync::Mutex<u64>,
}

/// Publishes the current approved data into `state.config.data_dir` (or waits for a publication that
/// started after this call, which includes everything committed before it).
pub async fn publish_all(state: &AppState) -> Result<(), AppError> {
    let publisher = &state.publisher;
    let ticket = publisher.requested.fetch_add(1, Ordering::SeqCst) + 1;
    let mut done = publisher.done.lock().await;
    if *done >= ticket {
        return Ok(());
    }
    // Everything requested up to now is committed: this run's snapshot includes it.
    let covers = publisher.requested.load(Ordering::SeqCst);
    publish_now(state).await?;
    *done = covers;
    Ok(())
}

async fn publish_now(state: &AppState) -> Result<Manifest, AppError> {
    let (figures, choices, targets, illustrative) = state
        .store
        .call(|c| -> Result<_, AppError> {
            // One transaction: figures, choices and targets from the same snapshot.
            let tx = c.transaction()?;
            let out = (
                store::load_sourced(&tx, store::Which::default())?,
                store::load_choices(&tx)?,
                store::load_targets(&tx)?,
                store::has_demo_data(&tx)?,
            );
            tx.commit()?;
            Ok(out)
        })
        .await?;
    let chosen = reconcile::published(&figures, &state.precedence, &choices);
    let pending = waimao_core::publish::pending_month(&chosen, &state.regions);
    let observations = waimao_core::publish::complete_periods_only(chosen, &state.regions);
    let generated_at = state.clock.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let input = Input {
        regions: &state.regions,
        classes: &state.classes,
        observations: &observations,
        targets: &targets,
        generated_at: generated_at.clone(),
        illustrative,
        boundaries: state.config.data_dir.join(BOUNDARIES_FILE).exists().then(|| BOUNDARIES_FILE.to_string()),
    };
    let mut published = publish(&input).map_err(|e| AppError::Internal(e.to_string()))?;
    published.overview.meta.pending = pending;
    let dir = state.config.data_dir.clone();
    let mut files: Vec<(String, Vec<u8>)> = vec![(OVERVIEW_FILE.to_string(), to_json(&published.overview)?)];
    for d in &published.dimensions {
        files.push((dimension_file(d.dimension), to_json(d)?));
    }
    tokio::task::spawn_blocking(move || write_all(&dir, files, generated_at))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, AppError> {
    serde_json::to_vec(value).map_err(|e| AppError::Internal(e.to_string()))
}

/// The content-addressed name of a published file: `overview.json` → `overview.<16 hex>.json`.
pub fn addressed_name(file: &str, sha256: &str) -> String {
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, "json"));
    format!("{stem}.{}.{ext}", &sha256[..16])
}

fn write_all(dir: &Path, files: Vec<(String, Vec<u8>)>, generated_at: String) -> Result<Manifest, AppError> {
    std::fs::create_dir_all(dir)?;
    let previous = read_manifest(dir);
    let mut entries = Vec::new();
    for (name, bytes) in files {
        let sha256 = sha256_hex(&bytes);
        let path = addressed_name(&name, &sha256);
        // Immutable: a file of that name already holds exactly these bytes.
        if !dir.join(&path).exists() {
            write_atomic(dir, &path, &bytes)?;
        }
        entries.push(ManifestEntry { file: name, path, sha256, bytes: bytes.len() as u64 });
    }
    let manifest = Manifest { generated_at, files: entries };
    write_atomic(dir, MANIFEST_FILE, &to_json(&manifest)?)?;
    prune(dir, &manifest, previous.as_ref());
    Ok(manifest)
}

/// Removes content-addressed files that neither this nor the previous manifest names: a reader that
/// fetched the previous manifest can still read its files, and the directory does not grow without bound.
fn prune(dir: &Path, current: &Manifest, previous: Option<&Manifest>) {
    let keep: Vec<&str> =
        current.files.iter().chain(previous.into_iter().flat_map(|m| &m.files)).map(|e| e.path.as_str()).collect();
    let Ok(listing) = std::fs::read_dir(dir) else { return };
    for entry in listing.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_addressed(&name) && !keep.contains(&name.as_str()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether `name` is a content-addressed published file (`<stem>.<16 hex>.json`).
pub fn is_addressed(name: &str) -> bool {
    let mut parts = name.rsplitn(3, '.');
    let (Some("json"), Some(hash), Some(_)) = (parts.next(), parts.next(), parts.next()) else { return false };
    hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// The manifest in force, if one was published.
pub fn read_manifest(dir: &Path) -> Option<Manifest> {
    serde_json::from_slice(&std::fs::read(dir.join(MANIFEST_FILE)).ok()?).ok()
}

/// Where the current publication keeps the logical file `name` (`overview.json`): its content-addressed
/// path, or `name` itself for files outside the manifest (the operator's boundaries file).
pub fn published_path(dir: &Path, name: &str) -> PathBuf {
    resolve(dir, read_manifest(dir).as_ref(), name)
}

/// [`published_path`] under a manifest already read, so that several files come from one publication.
pub fn resolve(dir: &Path, manifest: Option<&Manifest>, name: &str) -> PathBuf {
    let path = manifest.and_then(|m| m.files.iter().find(|e| e.file == name)).map(|e| e.path.as_str());
    dir.join(path.filter(|p| !p.is_empty()).unwrap_or(name))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Readers see either the old file or the new one, never half of one: the bytes go to a temporary file
/// of a name no other writer uses, are synced, renamed over `name`, and the directory is synced so the
/// rename itself survives a crash.
fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let tmp = dir.join(format!(".{name}.{}.{}.tmp", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, dir.join(name))?;
    std::fs::File::open(dir)?.sync_all()
}
