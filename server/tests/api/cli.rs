//! Accounts made outside the web pages: the first admin on first start, and the `waimao-server user`
//! commands run as the real binary against a real database file.

use std::process::Command;

use reqwest::StatusCode;
use waimao_server::accounts_setup::ensure_admin;

use crate::helpers::{spawn_app, PASSWORD};

#[tokio::test]
async fn the_first_start_creates_one_admin_and_only_once() {
    let app = spawn_app().await;
    let generated = ensure_admin(&app.state, None).await.unwrap().expect("an admin is created");
    assert_eq!(generated.chars().count(), 16);
    assert!(app.sign_in("admin", &generated).await.is_ok());
    assert_eq!(ensure_admin(&app.state, Some(PASSWORD.into())).await.unwrap(), None, "a second admin was made");
}

#[tokio::test]
async fn a_weak_admin_password_from_the_environment_is_refused() {
    let app = spawn_app().await;
    assert!(ensure_admin(&app.state, Some("password123".into())).await.is_err());
    assert_eq!(app.sign_in("admin", "password123").await, Err(StatusCode::UNAUTHORIZED));
}

/// Runs `waimao-server user …` against `db` and returns its standard output.
fn user_command(db: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_waimao-server"))
        .arg("user")
        .arg("--db")
        .arg(db)
        .arg("--data-dir")
        .arg(db.with_extension("data"))
        .args(args)
        .output()
        .expect("run waimao-server");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn hash_of(db: &std::path::Path, name: &str) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT password_hash FROM user WHERE name = ?1", [name], |r| r.get(0)).unwrap()
}

#[test]
fn user_add_and_reset_password_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let (ok, out, err) = user_command(&db, &["add", "--name", "weibin", "--role", "county", "--county", "610302"]);
    assert!(ok, "{err}");
    let first = out.trim().rsplit(' ').next().unwrap().to_string();
    assert!(waimao_server::auth::password::verify(&first, &hash_of(&db, "weibin")), "{out}");

    let (ok, out, err) = user_command(&db, &["reset-password", "--name", "weibin"]);
    assert!(ok, "{err}");
    let second = out.trim().rsplit(' ').next().unwrap().to_string();
    assert_ne!(first, second);
    let hash = hash_of(&db, "weibin");
    assert!(
        waimao_server::auth::password::verify(&second, &hash) && !waimao_server::auth::password::verify(&first, &hash)
    );

    // A county user without a county, or an unknown role, is refused with a message.
    let (ok, _, err) = user_command(&db, &["add", "--name", "x", "--role", "county"]);
    assert!(!ok && err.contains("county"), "{err}");
    let (ok, _, err) = user_command(&db, &["add", "--name", "x", "--role", "boss"]);
    assert!(!ok && err.contains("unknown role"), "{err}");
}

#[test]
fn user_unlock_forgets_an_accounts_failed_sign_ins() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let (ok, _, err) = user_command(&db, &["add", "--name", "Boss", "--role", "admin"]);
    assert!(ok, "{err}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO sign_in_failure (account, address, failures, first_at, last_at) VALUES
         ('boss', '203.0.113.5', 9, 0, 0), ('boss', '198.51.100.7', 5, 0, 0), ('other', '203.0.113.5', 5, 0, 0)",
        [],
    )
    .unwrap();
    let (ok, out, err) = user_command(&db, &["unlock", "--name", "BOSS"]);
    assert!(ok, "{err}");
    assert!(out.contains("2 address"), "{out}");
    let left: Vec<String> = conn
        .prepare("SELECT account FROM sign_in_failure")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(left, ["other"]);
}
