//! The interface's words: the table lives in `waimao_core::words`, where the server's first view reads
//! it too, so the page before and after the app takes over says the same thing.

pub use waimao_core::words::{t, T};
