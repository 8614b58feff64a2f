//! Durability: the real server binary is killed with SIGKILL in the middle of 1000 concurrent
//! submissions, several rounds over one database file. After each kill the database must pass
//! `PRAGMA integrity_check` and hold every submission the server acknowledged.

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;

use crate::helpers::PASSWORD;

const SUBMISSIONS: usize = 1000;
const ROUNDS: usize = 3;

/// The counties of the registry the server loads.
fn counties() -> Vec<String> {
    let registry = waimao_core::RegionRegistry::parse_csv(include_str!("../../../data/registry/regions-610300.csv"));
    registry.unwrap().counties.iter().map(|c| c.code.to_string()).collect()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start(dir: &std::path::Path, port: u16, demo: bool) -> Child {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>stand-in</title>").unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_waimao-server"));
    cmd.args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .arg("--db")
        .arg(dir.join("w.db"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("--dist")
        .arg(&dist)
        .env("WAIMAO_ADMIN_PASSWORD", PASSWORD)
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if demo {
        cmd.arg("--demo");
    }
    cmd.spawn().expect("start waimao-server")
}

async fn wait_healthy(client: &reqwest::Client, base: &str) {
    for _ in 0..600 {
        if client.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not start");
}

async fn sign_in(client: &reqwest::Client, base: &str) -> String {
    let r = client
        .post(format!("{base}/api/session"))
        .header("origin", base)
        .json(&json!({ "name": "admin", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    r.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string()
}

/// The `i`-th submission of round `round`: its own county and month (from 1990, before the demo data).
fn submission(counties: &[String], round: usize, i: usize) -> serde_json::Value {
    let n = round * SUBMISSIONS + i;
    let months = n / counties.len();
    json!({
        "id": format!("c0ffee00-0000-4000-8000-{n:012}"),
        "owner": { "kind": "county", "id": counties[n % counties.len()] },
        "month": format!("{:04}-{:02}", 1990 + months / 12, months % 12 + 1),
        "base_version": 0,
        "content": { "currency": "CNY", "exports": 1_000_000 + n as i64, "imports": 400_000 },
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_during_submissions_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
    let mut total_acked = 0;
    let counties = Arc::new(counties());
    for round in 0..ROUNDS {
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let mut server = start(dir.path(), port, round == 0);
        wait_healthy(&client, &base).await;
        let cookie = sign_in(&client, &base).await;

        let acked = Arc::new(Mutex::new(Vec::new()));
        let count = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for i in 0..SUBMISSIONS {
            let (client, base, cookie) = (client.clone(), base.clone(), cookie.clone());
            let (acked, count, counties) = (acked.clone(), count.clone(), counties.clone());
            tasks.push(tokio::spawn(async move {
                let body = submission(&counties, round, i);
                let sent = client
                    .post(format!("{base}/api/returns"))
                    .header("origin", &base)
                    .header("cookie", &cookie)
                    .json(&body)
                    .send()
                    .await;
                if let Ok(r) = sent {
                    let status = r.status();
                    // Before the kill, every answer must be a success: a refusal would mean the test
                    // measured nothing.
                    assert!(status.is_success() || status.is_server_error(), "{status}");
                    if status.is_success() && r.bytes().await.is_ok() {
                        acked.lock().unwrap().push(body["id"].as_str().unwrap().to_string());
                        count.fetch_add(1, Ordering::SeqCst);
                    }
                }
            }));
        }
        // Kill after a quarter, a half, three quarters have been acknowledged: the rest are in flight,
        // queued or half-written.
        let kill_at = SUBMISSIONS * (round + 1) / (ROUNDS + 1);
        while count.load(Ordering::SeqCst) < kill_at {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        server.kill().expect("SIGKILL");
        server.wait().unwrap();
        for t in tasks {
            t.await.unwrap();
        }

        let acked = acked.lock().unwrap().clone();
        let conn = rusqlite::Connection::open(dir.path().join("w.db")).unwrap();
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "round {round}");
        let mut lost = 0;
        for id in &acked {
            let n: i64 = conn
                .query_row("SELECT count(*) FROM return_version WHERE submission_id = ?1", [id], |r| r.get(0))
                .unwrap();
            lost += usize::from(n != 1);
        }
        let stored: i64 = conn
            .query_row(
                "SELECT count(*) FROM return_version WHERE submission_id LIKE 'c0ffee00-%' AND CAST(substr(submission_id, 25) AS INTEGER) / ?1 = ?2",
                rusqlite::params![SUBMISSIONS as i64, round as i64],
                |r| r.get(0),
            )
            .unwrap();
        println!(
            "crash round {round}: {} acknowledged, {stored} stored (acknowledged or committed before the kill), {lost} lost",
            acked.len()
        );
        assert_eq!(lost, 0, "round {round}: acknowledged submissions are missing");
        assert!(acked.len() >= kill_at && stored as usize >= acked.len());
        assert!(acked.len() < SUBMISSIONS, "round {round}: the kill came after everything was done");
        total_acked += acked.len();
    }
    assert!(total_acked > 0);
}
