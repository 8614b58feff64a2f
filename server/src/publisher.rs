//! The one publisher: reads one consistent snapshot of the store (one read under the store's lock),
//! has `waimao-core` choose each figure's source and build the read model, and writes it as immutable,
//! content-addressed files (`overview.<hash>.json`); `manifest.json`, which names them, is the one file
//! replaced in place (unique temporary file, fsync, rename, fsync of the directory). Publications run
//! one at a time, and a burst of requests is coalesced: a request is served by the first publication
//! that starts after it, so a reader never sees a partial or an older snapshot over a newer one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use std::sync::Arc;

use sha2::{Digest, Sha256};
use waimao_core::api::{dimension_file, Manifest, ManifestEntry, BOUNDARIES_FILE, OVERVIEW_FILE};
use waimao_core::publish::{publish, Input};
use waimao_core::reconcile;

use crate::error::AppError;
use crate::served::{File, Snapshot};
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
    let served = state.served.clone();
    tokio::task::spawn_blocking(move || {
        let mut files: Vec<(String, Vec<u8>)> = vec![(OVERVIEW_FILE.to_string(), to_json(&published.overview)?)];
        for d in &published.dimensions {
            files.push((dimension_file(d.dimension), to_json(d)?));
        }
        let zip = crate::dataset_zip::build(&published.overview, &published.dimensions)?;
        let previous = served.current();
        let (manifest, snapshot) = write_all(&dir, files, generated_at, previous.as_deref())?;
        let mut snapshot = snapshot;
        snapshot.files.insert(DATASET_ZIP.into(), Arc::new(File::new(zip, "application/zip", false)?));
        served.replace(snapshot);
        Ok(manifest)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// The name the dataset zip is served under (`/data/dataset.zip`).
pub const DATASET_ZIP: &str = "dataset.zip";
const JSON: &str = "application/json; charset=utf-8";

fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, AppError> {
    serde_json::to_vec(value).map_err(|e| AppError::Internal(e.to_string()))
}

/// The content-addressed name of a published file: `overview.json` → `overview.<16 hex>.json`.
pub fn addressed_name(file: &str, sha256: &str) -> String {
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, "json"));
    format!("{stem}.{}.{ext}", &sha256[..16])
}

/// Writes the files (with their `.br` and `.gz` forms) and then the manifest, and returns the
/// publication as served: these files, the manifest, and the previous publication's files (a reader
/// holding the previous manifest can still fetch them).
fn write_all(
    dir: &Path,
    files: Vec<(String, Vec<u8>)>,
    generated_at: String,
    served_before: Option<&Snapshot>,
) -> Result<(Manifest, Snapshot), AppError> {
    std::fs::create_dir_all(dir)?;
    let previous = read_manifest(dir);
    let mut entries = Vec::new();
    let mut snapshot = Snapshot::default();
    for (name, bytes) in files {
        let sha256 = sha256_hex(&bytes);
        let path = addressed_name(&name, &sha256);
        let len = bytes.len() as u64;
        let file = match served_before.and_then(|s| s.files.get(&path)) {
            Some(f) => f.clone(),
            None => Arc::new(File::new(bytes, JSON, true)?),
        };
        // Immutable: a file of that name already holds exactly these bytes.
        if !dir.join(&path).exists() {
            write_atomic(dir, &format!("{path}.br"), file.br())?;
            write_atomic(dir, &format!("{path}.gz"), file.gzip())?;
            write_atomic(dir, &path, file.raw())?;
        }
        snapshot.logical.insert(name.clone(), path.clone());
        snapshot.files.insert(path.clone(), file);
        entries.push(ManifestEntry { file: name, path, sha256, bytes: len });
    }
    let manifest = Manifest { generated_at, files: entries };
    let manifest_bytes = to_json(&manifest)?;
    write_atomic(dir, MANIFEST_FILE, &manifest_bytes)?;
    prune(dir, &manifest, previous.as_ref());
    if let (Some(before), Some(previous)) = (served_before, previous.as_ref()) {
        for e in &previous.files {
            if let Some(f) = before.files.get(&e.path) {
                snapshot.files.entry(e.path.clone()).or_insert_with(|| f.clone());
            }
        }
    }
    snapshot.files.insert(MANIFEST_FILE.into(), Arc::new(File::new(manifest_bytes, JSON, true)?));
    Ok((manifest, snapshot))
}

/// Removes content-addressed files that neither this nor the previous manifest names: a reader that
/// fetched the previous manifest can still read its files, and the directory does not grow without bound.
fn prune(dir: &Path, current: &Manifest, previous: Option<&Manifest>) {
    let keep: Vec<&str> =
        current.files.iter().chain(previous.into_iter().flat_map(|m| &m.files)).map(|e| e.path.as_str()).collect();
    let Ok(listing) = std::fs::read_dir(dir) else { return };
    for entry in listing.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // A file's compressed forms go with it.
        let base = name.strip_suffix(".br").or_else(|| name.strip_suffix(".gz")).unwrap_or(&name);
        if is_addressed(base) && !keep.contains(&base) {
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
