//! The dashboard's building blocks, one module per thing on the screen.

pub mod axis;
pub mod columns;
pub mod composition;
pub mod controls;
pub mod county_map;
pub mod dashboard;
pub mod drawn;
pub mod embed_dialog;
pub mod flows;
pub mod keys;
pub mod kpi;
pub mod line;
pub mod panel;
pub mod pointer;
pub mod ranking;
pub mod sparkline;
pub mod status;
pub mod table_files;
pub mod targets;
pub mod trend;
