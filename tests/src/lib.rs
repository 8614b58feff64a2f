//! Harness for waimao's end-to-end tests: the real server (with the real built web app) on port 0, and
//! a real headless Chromium driven through ChromeDriver.

pub mod browser;
pub mod person;
pub mod proxy;
pub mod server;
