//! Shared state of the running server.

use std::sync::Arc;

use waimao_core::dimension::Classifications;
use waimao_core::region::RegionRegistry;
use waimao_core::source::Precedence;

use crate::auth::Auth;
use crate::config::Config;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Store,
    pub regions: Arc<RegionRegistry>,
    pub classes: Arc<Classifications>,
    pub auth: Arc<Auth>,
    /// Which source's value of a figure is published (`precedence.csv` of the registry directory).
    pub precedence: Arc<Precedence>,
    /// The one publisher: publications run one at a time.
    pub publisher: Arc<crate::publisher::Publisher>,
    /// The one clock: the system's when running, set by tests.
    pub clock: crate::clock::Clock,
    /// Spreadsheet checks running now: at most [`CHECKS_AT_ONCE`], each holding its permit until its
    /// work on the blocking pool really ends (even after its request has timed out or gone away).
    pub checks: Arc<tokio::sync::Semaphore>,
    /// The publication `/data/` serves from memory, replaced by the publisher.
    pub served: Arc<crate::served::Served>,
    /// The per-address limit of the open `POST /api/xlsx`.
    pub xlsx_limit: Arc<crate::rate_limit::PerAddress>,
}

/// How many spreadsheet checks may run at once: parsing is CPU- and memory-heavy, and the machine has
/// few cores.
pub const CHECKS_AT_ONCE: usize = 2;
