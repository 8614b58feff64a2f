//! A figure's versions (`GET /api/figures`), asked for by its key; the query is core's
//! `reconcile::history_path`, so the server and the app agree on it.

use waimao_core::observation::FigureKey;
use waimao_core::reconcile::{history_path, FigureHistory};

use super::{get, Failure};

pub async fn history(key: &FigureKey) -> Result<FigureHistory, Failure> {
    get(&history_path(key)).await
}
