//! Integration tests of the real server: each test starts it on port 0 with its own SQLite file.

mod accounts;
mod authz;
mod cli;
mod crash;
mod data;
mod embed;
mod helpers;
mod imports;
mod openapi;
mod registries;
mod returns;
mod sources;
mod static_app;
