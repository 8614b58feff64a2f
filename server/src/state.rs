//! Shared state of the running server.

use std::sync::Arc;

use waimao_core::dimension::Classifications;
use waimao_core::region::RegionRegistry;

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
}
