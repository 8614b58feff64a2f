//! waimao-core: the one place where the meaning of waimao's numbers lives.
//!
//! Everything here is pure: no I/O, no clock, no randomness from the environment. The same code runs
//! natively in the server (validation, publishing) and as WebAssembly in the browser (dashboard, forms),
//! so a figure shown on screen and a figure in a published file come from one implementation.

pub mod account;
pub mod activity;
pub mod amount;
pub mod api;
pub mod briefing;
pub mod chart;
pub mod composition;
pub mod dashboard;
pub mod dataset;
pub mod demo;
pub mod dimension;
pub mod embed;
pub mod enterprise;
pub mod expert;
pub mod first_view;
pub mod fixed;
pub mod flow;
pub mod flows;
pub mod form;
#[cfg(test)]
mod fuzz;
pub mod geo;
pub mod group;
pub mod import;
pub mod indicator;
pub mod lang;
pub mod observation;
pub mod period;
pub mod problem;
pub mod publish;
pub mod reconcile;
pub mod region;
pub mod registry;
pub mod returns;
pub mod series;
pub mod source;
pub mod summary;
pub mod task;
pub mod throttle;
pub mod uscc;
pub mod view;
pub mod words;

pub use amount::{Amount, Currency, Unit};
pub use dimension::Dimension;
pub use fixed::Fixed;
pub use flow::{Flow, Measure};
pub use lang::Lang;
pub use period::{Period, YearMonth};
pub use region::{Region, RegionCode, RegionRegistry};
