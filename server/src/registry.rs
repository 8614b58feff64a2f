//! Loads the registries (regions, HS sections, partners) from a directory, or the built-in Baoji ones.

use std::path::Path;

use waimao_core::dimension::Classifications;
use waimao_core::region::RegionRegistry;
use waimao_core::source::Precedence;

const BAOJI_REGIONS: &str = include_str!("../../data/registry/regions-610300.csv");
const HS_SECTIONS: &str = include_str!("../../data/registry/hs-sections.csv");
const PARTNERS: &str = include_str!("../../data/registry/partners.csv");

/// Reads `regions-*.csv` (exactly one), `hs-sections.csv` and `partners.csv` from `dir`, falling back to
/// the built-in files for the latter two when absent.
pub fn load(dir: Option<&Path>) -> Result<(RegionRegistry, Classifications), String> {
    let Some(dir) = dir else {
        return Ok((
            RegionRegistry::parse_csv(BAOJI_REGIONS).map_err(|e| e.to_string())?,
            Classifications::new(HS_SECTIONS, PARTNERS).map_err(|e| e.to_string())?,
        ));
    };
    let read = |name: &str, fallback: &str| -> Result<String, String> {
        let p = dir.join(name);
        if p.exists() {
            std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))
        } else {
            Ok(fallback.to_string())
        }
    };
    let mut region_files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("regions-") && n.ends_with(".csv"))
        })
        .collect();
    if region_files.len() != 1 {
        return Err(format!(
            "{} must hold exactly one regions-*.csv file, found {}",
            dir.display(),
            region_files.len()
        ));
    }
    let region_file = region_files.remove(0);
    let text = std::fs::read_to_string(&region_file).map_err(|e| format!("{}: {e}", region_file.display()))?;
    let regions = RegionRegistry::parse_csv(&text).map_err(|e| format!("{}: {e}", region_file.display()))?;
    let classes = Classifications::new(&read("hs-sections.csv", HS_SECTIONS)?, &read("partners.csv", PARTNERS)?)
        .map_err(|e| e.to_string())?;
    Ok((regions, classes))
}

/// Reads `precedence.csv` (which source's value is published) from `dir`, or the built-in order.
pub fn load_precedence(dir: Option<&Path>) -> Result<Precedence, String> {
    match dir.map(|d| d.join("precedence.csv")).filter(|p| p.exists()) {
        Some(p) => {
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            Precedence::parse_csv(&text).map_err(|e| format!("{}: {e}", p.display()))
        }
        None => Ok(Precedence::builtin()),
    }
}
