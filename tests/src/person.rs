//! What a person does in the tests: an account to sign in with, signing in, typing into a field and
//! choosing in a select the way a person's input would, and waiting for the page to catch up.

use std::time::Duration;

use serde_json::Value;
use waimao_core::account::Role;
use waimao_core::RegionCode;

use crate::browser::Browser;
use crate::server::Server;

pub const PASSWORD: &str = "宝鸡外贸登记簿测试密码";

pub async fn user(srv: &Server, name: &str, role: Role, county: Option<&str>, firm: Option<i64>) {
    let county = county.map(|c| RegionCode::parse(c).unwrap());
    waimao_server::accounts_setup::add_user(&srv.state, name, role, county, firm, Some(PASSWORD.into())).await.unwrap();
}

/// A fresh browser signed in as `name`, left on the page `path`.
pub async fn signed_in(srv: &Server, name: &str, path: &str) -> Browser {
    signed_in_with(srv, name, path, None).await
}

/// Like [`signed_in`], saving downloads into `downloads`.
pub async fn signed_in_with(srv: &Server, name: &str, path: &str, downloads: Option<&std::path::Path>) -> Browser {
    let b = Browser::start_with(1280, 1400, downloads).await;
    b.client.goto(&srv.url("/login")).await.unwrap();
    b.wait_for("[data-testid=login-name]").await.send_keys(name).await.unwrap();
    b.wait_for("[data-testid=login-password]").await.send_keys(PASSWORD).await.unwrap();
    b.wait_for("[data-testid=login-submit]").await.click().await.unwrap();
    // Signing in leaves the login page; then go where the test wants.
    for _ in 0..100 {
        if !b.client.current_url().await.unwrap().path().starts_with("/login") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    b.client.goto(&srv.url(path)).await.unwrap();
    b
}

/// Types into a field as a person would. The page may redraw a part while its data arrive, which makes
/// a found element stale; then the field is found again and the typing repeated, until it holds the text.
pub async fn type_into(b: &Browser, css: &str, text: &str) {
    let read = "return document.querySelector(arguments[0])?.value ?? null";
    for _ in 0..10 {
        let el = b.wait_for(css).await;
        if el.clear().await.is_ok() && el.send_keys(text).await.is_ok() {
            let value = b.client.execute(read, vec![Value::from(css)]).await.unwrap();
            if value.as_str() == Some(text) {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{css} never took the text {text:?}");
}

/// Sets an input's or select's value as a person's choice would (date inputs type differently by locale).
pub async fn choose(b: &Browser, css: &str, value: &str) {
    b.wait_for(css).await;
    let script = "const el = document.querySelector(arguments[0]); el.value = arguments[1];
        el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));";
    b.client.execute(script, vec![Value::from(css), Value::from(value)]).await.unwrap();
}

/// Waits (up to 15 s) until `check` holds.
pub async fn wait_until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    for _ in 0..150 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what} never happened");
}
