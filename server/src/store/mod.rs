//! The write model: an embedded SQLite database behind a small interface, so that another database can
//! be added later without touching the handlers.
//!
//! SQLite runs in WAL mode with `synchronous=FULL`: a figure acknowledged to a user survives a power cut.
//! rusqlite is blocking, so every call runs on tokio's blocking pool.

pub mod accounts;
pub mod audit;
mod enterprises;
mod error;
pub mod imports;
mod observations;
pub mod records;
pub mod returns;
mod schema;
mod targets;
pub mod throttle;

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

pub use error::StoreError;

#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens (creating if needed) and migrates the database.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        schema::migrate(&mut conn)?;
        Ok(Self { conn: Arc::new(Mutex::new(conn)) })
    }

    /// Runs `f` with the connection on the blocking pool. `f` may fail with the store's error or with
    /// a caller's own (a handler's refusal inside a transaction), which the store's converts into.
    pub async fn call<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, E> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().map_err(|_| StoreError::Corrupt("store mutex poisoned".into()))?;
            f(&mut guard)
        })
        .await
        .map_err(|e| StoreError::Corrupt(format!("store task failed: {e}")))?
    }

    pub async fn ping(&self) -> Result<(), StoreError> {
        self.call(|c| Ok::<_, StoreError>(c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0)).map(|_| ())?)).await
    }
}

pub use enterprises::{
    create_enterprise, get_enterprise, insert_enterprises, load_enterprises, update_enterprise, uscc_taken,
};
pub use observations::{
    count_observations, has_demo_data, insert_choice, insert_in, insert_observations, key_columns,
    load_approved_observations, load_choices, load_sourced, next_version, parse_key, Which,
};
pub use targets::{insert_targets, load_targets, set_target};
