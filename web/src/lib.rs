//! waimao's browser app as a library with two entry points: the public dashboard (`src/main.rs`,
//! served at `/`) and the signed-in pages (`src/bin/internal.rs`, served under `/app/` for `/login`,
//! `/admin`, `/county/…`). Each bundle links only what its pages use, so the public first load does
//! not carry the account pages.

pub mod api;
pub mod app;
pub mod components;
pub mod download;
pub mod i18n;
pub mod load;
pub mod local;
pub mod outbox;
pub mod pages;
pub mod prefs;
pub mod takeover;
pub mod ui;
pub mod update;
