//! Where the server keeps its files.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub data_dir: PathBuf,
    pub registry_dir: Option<PathBuf>,
    pub dist: PathBuf,
}
