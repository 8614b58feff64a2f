//! The publisher: reads approved figures from the store, has `waimao-core` build the published files,
//! and writes them atomically (temporary file, fsync, rename) with a manifest written last.

use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};
use waimao_core::api::{dimension_file, Manifest, ManifestEntry, BOUNDARIES_FILE, OVERVIEW_FILE};
use waimao_core::publish::{publish, Input};

use crate::error::AppError;
use crate::state::AppState;
use crate::store;

pub const MANIFEST_FILE: &str = "manifest.json";

/// Publishes the current approved data into `state.config.data_dir`.
pub async fn publish_all(state: &AppState) -> Result<Manifest, AppError> {
    let (observations, targets, illustrative) = state
        .store
        .call(|c| Ok((store::load_approved_observations(c)?, store::load_targets(c)?, store::has_demo_data(c)?)))
        .await?;
    let observations = waimao_core::publish::complete_periods_only(observations, &state.regions);
    let generated_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let input = Input {
        regions: &state.regions,
        classes: &state.classes,
        observations: &observations,
        targets: &targets,
        generated_at: generated_at.clone(),
        illustrative,
        boundaries: state.config.data_dir.join(BOUNDARIES_FILE).exists().then(|| BOUNDARIES_FILE.to_string()),
    };
    let published = publish(&input).map_err(|e| AppError::Internal(e.to_string()))?;
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

fn write_all(dir: &Path, files: Vec<(String, Vec<u8>)>, generated_at: String) -> Result<Manifest, AppError> {
    std::fs::create_dir_all(dir)?;
    let mut entries = Vec::new();
    for (name, bytes) in files {
        entries.push(ManifestEntry { file: name.clone(), sha256: sha256_hex(&bytes), bytes: bytes.len() as u64 });
        write_atomic(&dir.join(&name), &bytes)?;
    }
    let manifest = Manifest { generated_at, files: entries };
    write_atomic(&dir.join(MANIFEST_FILE), &to_json(&manifest)?)?;
    Ok(manifest)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Readers see either the old file or the new one, never half of one.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}
