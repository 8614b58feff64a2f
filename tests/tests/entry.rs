//! Filing returns in Chromium with the network taken away: the browser reaches the server through a
//! proxy the test cuts. A county fills its July return, loses the network, reloads and finds the draft,
//! submits offline, gets the network back; the return is stored exactly once, approved, and shown on the
//! public dashboard. Then 200 queued returns sync while the network flaps, and two editors meet a
//! conflict.

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};
use waimao_core::account::Role;
use waimao_core::api::OverviewFile;
use waimao_core::dashboard::kpis;
use waimao_core::indicator::Growth;
use waimao_core::{Amount, Lang, RegionCode, Unit, YearMonth};
use waimao_tests::browser::Browser;
use waimao_tests::proxy::Proxy;
use waimao_tests::server::{self, Server};

const PASSWORD: &str = "宝鸡外贸离线填报测试密码";
const WEIBIN: &str = "610302";

fn ym(s: &str) -> YearMonth {
    YearMonth::parse(s).unwrap()
}

async fn sign_in(b: &Browser, proxy: &Proxy, name: &str) {
    b.client.goto(&proxy.url("/login")).await.unwrap();
    b.wait_for("[data-testid=login-name]").await.send_keys(name).await.unwrap();
    b.wait_for("[data-testid=login-password]").await.send_keys(PASSWORD).await.unwrap();
    b.wait_for("[data-testid=login-submit]").await.click().await.unwrap();
}

/// Waits until the service worker controls the page and keeps the app and the data for offline use.
async fn wait_offline_ready(b: &Browser) {
    let script = "return (async () => {
        if (!navigator.serviceWorker.controller) return false;
        const c = await caches.open('waimao-v1');
        return !!(await c.match('/__app_shell')) && !!(await c.match('/data/overview.json'));
    })()";
    for _ in 0..200 {
        if b.client.execute(script, vec![]).await.ok() == Some(Value::Bool(true)) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the service worker never kept the app for offline use");
}

/// Waits (up to `secs`) until the outbox item of the page shows `status`.
async fn wait_status(b: &Browser, status: &str, secs: u64) {
    let css = format!("[data-testid=outbox-item][data-status={status}]");
    for _ in 0..secs * 10 {
        if b.client.find(fantoccini::Locator::Css(&css)).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no outbox item became {status}: {}", b.text("[data-testid=outbox]").await);
}

/// 万元 text with thousands separators, as people type it.
fn wan_text(yuan: i64) -> String {
    let wan = yuan / 10_000;
    let digits = wan.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

async fn overview(srv: &Server) -> OverviewFile {
    reqwest::get(srv.url("/data/overview.json")).await.unwrap().json().await.unwrap()
}

/// The bureau's API session, straight to the server.
struct Bureau {
    client: reqwest::Client,
    base: String,
    cookie: String,
}

impl Bureau {
    async fn new(srv: &Server) -> Bureau {
        let _ =
            waimao_server::accounts_setup::add_user(&srv.state, "boss", Role::Admin, None, None, Some(PASSWORD.into()))
                .await;
        let client = reqwest::Client::new();
        let base = srv.url("");
        let r = client
            .post(format!("{base}/api/session"))
            .header("origin", &base)
            .json(&json!({ "name": "boss", "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        let cookie = r.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
        Bureau { client, base, cookie }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("origin", &self.base)
            .header("cookie", &self.cookie);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.unwrap();
        (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
    }

    /// Files (with an explanation: these figures are not comparable with the demo) and approves.
    async fn file_and_approve(&self, county: &str, month: &str, n: u64) {
        let body = json!({
            "id": format!("b0b0b0b0-0000-4000-8000-{n:012}"),
            "owner": { "kind": "county", "id": county },
            "month": month, "base_version": 0,
            "content": { "currency": "CNY", "exports": 5_000_000, "imports": 1_000_000 },
            "explanation": "测试：由市局代报",
        });
        let (status, ack) = self.call(Method::POST, "/api/returns", Some(body)).await;
        assert_eq!(status, 200, "{ack}");
        self.approve(county, month).await;
    }

    async fn approve(&self, county: &str, month: &str) {
        let (_, record) = self.call(Method::GET, &format!("/api/returns/county/{county}/{month}"), None).await;
        let version = record["version"].as_u64().expect("a filed return");
        let (status, r) = self
            .call(
                Method::POST,
                &format!("/api/returns/county/{county}/{month}/review"),
                Some(json!({ "version": version, "approve": true })),
            )
            .await;
        assert_eq!(status, 200, "{r}");
    }
}

/// A server with the demo data and a county user for 渭滨区.
async fn with_county_user() -> (Server, RegionCode) {
    let srv = server::start(true).await;
    let weibin = RegionCode::parse(WEIBIN).unwrap();
    let add = waimao_server::accounts_setup::add_user(
        &srv.state,
        "weibin",
        Role::County,
        Some(weibin),
        None,
        Some(PASSWORD.into()),
    );
    add.await.unwrap();
    (srv, weibin)
}

async fn stored_versions(srv: &Server, county: &'static str, month: &'static str) -> i64 {
    srv.state
        .store
        .call(move |c| -> Result<_, waimao_server::store::StoreError> {
            Ok(c.query_row(
                "SELECT count(*) FROM return_version WHERE owner_id = ?1 AND month = ?2",
                [county, month],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_county_files_offline_and_the_return_is_stored_once_and_published() {
    let (srv, weibin) = with_county_user().await;
    let proxy = Proxy::start(srv.addr).await;
    let b = Browser::start(1280, 1000).await;
    sign_in(&b, &proxy, "weibin").await;

    // The form opens on the month after the last approved one: July 2021.
    b.wait_text("[data-testid=return-title]", |t| t.starts_with("渭滨区")).await;
    b.wait_for("[data-testid=f-exports]").await;
    let month =
        b.client.execute("return document.querySelector('[data-testid=return-month]').value", vec![]).await.unwrap();
    assert_eq!(month, "2021-07");
    wait_offline_ready(&b).await;

    // Figures 5% above last July's, typed as people type them.
    let file = overview(&srv).await;
    let series = file.series_of(weibin).unwrap();
    let last_july = ym("2020-07");
    let (e0, i0) = (series.exports.month(last_july).unwrap(), series.imports.month(last_july).unwrap());
    let (exports, imports) = (e0 * 105 / 100 / 10_000 * 10_000, i0 * 105 / 100 / 10_000 * 10_000);
    b.wait_for("[data-testid=f-exports]").await.send_keys(&wan_text(exports)).await.unwrap();
    b.wait_for("[data-testid=f-imports]").await.send_keys(&wan_text(imports)).await.unwrap();
    let hint = b.text("[data-testid=f-exports-hint]").await;
    let growth = Growth::between(Some(exports), Some(e0)).worded(1, Lang::Zh);
    assert!(hint.contains("亿元") && hint.contains(&format!("同比{growth}")), "{hint} / {growth}");
    b.screenshot("entry-county-filled").await;
    b.assert_accessible("a county's return form").await;

    // The network goes; the page reloads from the service worker and the draft is there.
    proxy.down();
    b.client.refresh().await.unwrap();
    b.wait_for("[data-testid=draft-restored]").await;
    let typed =
        b.client.execute("return document.querySelector('[data-testid=f-exports]').value", vec![]).await.unwrap();
    assert_eq!(typed, wan_text(exports));
    b.screenshot("entry-offline-draft").await;

    // Submitted offline: queued, not lost.
    b.wait_for("[data-testid=submit-return]").await.click().await.unwrap();
    wait_status(&b, "queued", 15).await;
    assert_eq!(stored_versions(&srv, WEIBIN, "2021-07").await, 0);
    // Why it waits, in the interface's language only: no English, no status code.
    let note = b.wait_for("[data-testid=outbox-note]").await.text().await.unwrap();
    assert!(note.contains("将自动重试"), "{note}");
    assert!(!note.chars().any(|c| c.is_ascii_alphanumeric()), "a Chinese notice with no English or counter: {note}");
    b.screenshot("entry-offline-queued").await;

    // Reloaded while it waits, the form shows what was sent and that it is waiting, not an empty return
    // with errors that would invite a second entry.
    b.client.refresh().await.unwrap();
    b.wait_for("[data-testid=record-state][data-state=queued]").await;
    let shown =
        b.client.execute("return document.querySelector('[data-testid=f-exports]').value", vec![]).await.unwrap();
    // The same figure, written without the separators the person typed.
    assert_eq!(
        shown.as_str().unwrap().replace(',', ""),
        wan_text(exports).replace(',', ""),
        "the queued figures are on the form"
    );
    let findings = b.client.find(fantoccini::Locator::Css("[data-testid=form-findings] .error")).await;
    assert!(findings.is_err(), "no errors on the submitted return");
    assert!(b.client.find(fantoccini::Locator::Css("[data-testid=draft-restored]")).await.is_err(), "no draft");
    b.screenshot("entry-offline-queued-reloaded").await;

    // The network returns: synced once.
    proxy.up();
    wait_status(&b, "synced", 45).await;
    assert_eq!(stored_versions(&srv, WEIBIN, "2021-07").await, 1);
    b.client.refresh().await.unwrap();
    b.wait_text("[data-testid=record-state]", |t| t.contains("待审核")).await;
    assert!(
        b.client.find(fantoccini::Locator::Css("[data-testid=draft-restored]")).await.is_err(),
        "the draft is gone"
    );

    // The bureau approves it on its review page, where July's completeness shows who is still missing.
    let bureau = Bureau::new(&srv).await;
    b.wait_for("[data-testid=sign-out]").await.click().await.unwrap();
    b.wait_for("[data-testid=sign-in-link]").await;
    sign_in(&b, &proxy, "boss").await;
    b.wait_for("[data-testid=review-link]").await.click().await.unwrap();
    b.wait_text("[data-testid=pending-item]", |t| t.contains("610302") && t.contains("weibin")).await;
    b.wait_for("[data-testid=completeness-month]").await;
    let weibin_row = "[data-testid=filing-row][data-owner='610302']";
    b.wait_for(&format!("{weibin_row}[data-filing=late]")).await;
    let chase = b.text("[data-testid=chase]").await;
    assert!(chase.starts_with("需催报（") && chase.contains("金台区") && !chase.contains("渭滨区"), "{chase}");
    b.screenshot("review-pending").await;
    b.assert_accessible("/review").await;
    b.wait_for("[data-testid=pending-item] [data-testid=approve]").await.click().await.unwrap();
    // One county approved is not a published month: the message says how far the month is.
    let said = b.wait_text("[data-testid=review-message]", |t| t.contains("齐全后发布")).await;
    let n = srv.state.regions.counties.len();
    assert!(said.contains(&format!("已审核；全市{n}个县区中已审核1个，齐全后发布")), "{said}");
    b.wait_for("[data-testid=pending-empty]").await;
    b.wait_text(weibin_row, |t| t.contains("已审核")).await;
    b.wait_for(&format!("{weibin_row} [data-testid=reopen]")).await;
    b.screenshot("review-approved").await;

    // Annual targets are the bureau's too: a typo is refused with the field named, then the target is
    // set and published.
    b.client.goto(&proxy.url("/admin")).await.unwrap();
    b.wait_for("[data-testid=target-form]").await;
    b.wait_for("[data-testid=target-county]").await.select_by_value(WEIBIN).await.unwrap();
    let year = b.wait_for("[data-testid=target-year]").await;
    year.clear().await.unwrap();
    year.send_keys("2021").await.unwrap();
    b.wait_for("[data-testid=target-value]").await.send_keys("8O,000").await.unwrap();
    b.wait_for("[data-testid=target-form] button[type=submit]").await.click().await.unwrap();
    b.wait_text("[data-testid=target-message]", |t| t.starts_with("目标：") && t.contains("不是数字")).await;
    let value = b.wait_for("[data-testid=target-value]").await;
    value.clear().await.unwrap();
    value.send_keys("80,000").await.unwrap();
    b.wait_for("[data-testid=target-form] button[type=submit]").await.click().await.unwrap();
    b.wait_text("[data-testid=target-message]", |t| t.contains("已保存目标")).await;
    b.wait_text("[data-testid=targets] tr[data-code='610302']", |t| t.contains("8.00亿元")).await;
    assert_eq!(overview(&srv).await.target(weibin, 2021), Some(800_000_000));
    b.screenshot("admin-targets").await;
    assert_eq!(overview(&srv).await.meta.last_month, ym("2021-06"), "one county alone is not published");
    // The public dashboard says that July is on its way, and how far.
    b.client.goto(&proxy.url("/")).await.unwrap();
    let pending = b.wait_text("[data-testid=pending-month]", |t| !t.is_empty()).await;
    assert_eq!(pending, format!("2021年7月数据汇总中：全市{n}个县区已审核1个，齐全后发布。"));
    b.screenshot("dashboard-pending-month").await;
    for (n, c) in srv.state.regions.counties.iter().map(|c| c.code.to_string()).filter(|c| c != WEIBIN).enumerate() {
        bureau.file_and_approve(&c, "2021-07", n as u64).await;
    }
    let file = overview(&srv).await;
    let july = ym("2021-07");
    assert_eq!(overview(&srv).await.meta.last_month, july);
    assert_eq!(file.meta.last_month, july);
    let k = kpis(&file, weibin, july).into_iter().find(|k| k.measure == waimao_core::Measure::Export).unwrap();
    assert_eq!(k.month, Some(exports), "the published figure is the one typed");
    b.client.goto(&proxy.url("/?county=610302&month=2021-07&unit=wan")).await.unwrap();
    let want = Amount::cny(exports).in_unit(Unit::Wan, Unit::Wan.display_decimals()).grouped();
    b.wait_text("[data-testid=kpi-export-month]", |t| t == want).await;
    b.screenshot("entry-published").await;
    let errors: Vec<String> = b
        .console_errors()
        .await
        .into_iter()
        .filter(|e| !e.contains("Failed to fetch") && !e.contains("ERR_") && !e.contains("401"))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_enterprise_files_offline_with_its_difficulties() {
    let srv = server::start(true).await;
    waimao_server::accounts_setup::add_user(
        &srv.state,
        "firm-one",
        Role::Enterprise,
        None,
        Some(1),
        Some(PASSWORD.into()),
    )
    .await
    .unwrap();
    let bureau = Bureau::new(&srv).await;
    let (_, history) = bureau.call(Method::GET, "/api/returns/enterprise/1/history", None).await;
    let last_july = history["entries"].as_array().unwrap().iter().find(|e| e["period"] == "2020-07").cloned();
    let (e0, i0) =
        last_july.map_or((0, 0), |e| (e["exports"].as_i64().unwrap_or(0), e["imports"].as_i64().unwrap_or(0)));
    let proxy = Proxy::start(srv.addr).await;
    let b = Browser::start(1280, 1000).await;
    sign_in(&b, &proxy, "firm-one").await;
    b.wait_text("[data-testid=return-title]", |t| t.contains("重点企业月报")).await;
    wait_offline_ready(&b).await;

    // With the network gone, the dashboard still opens and says its figures are the saved copy.
    proxy.down();
    b.client.goto(&proxy.url("/")).await.unwrap();
    b.wait_text("[data-testid=freshness]", |t| t.starts_with("离线") && t.contains("数据更新于")).await;
    b.screenshot("dashboard-offline").await;
    b.client.goto(&proxy.url("/enterprise/1")).await.unwrap();
    b.wait_for("[data-testid=f-exports]").await.send_keys(&wan_text(e0.max(10_000))).await.unwrap();
    b.wait_for("[data-testid=f-imports]").await.send_keys(&wan_text(i0.max(10_000))).await.unwrap();
    b.wait_for("[data-testid=f-orders]").await.send_keys("2,500").await.unwrap();
    // Submitting without the outlook names the field.
    b.wait_for("[data-testid=submit-return]").await.click().await.unwrap();
    b.wait_text("[data-testid=form-findings]", |t| t.contains("下季度预期：必须填写")).await;
    b.wait_for("[data-testid=f-outlook]").await.select_by_value("down").await.unwrap();
    b.wait_for("[data-testid=add-difficulty]").await.click().await.unwrap();
    b.wait_for("[data-testid=difficulty-0-category]").await.select_by_value("logistics").await.unwrap();
    b.wait_for("[data-testid=difficulty-0-text]").await.send_keys("海运费上涨，订舱难").await.unwrap();
    b.screenshot("entry-enterprise-offline").await;
    b.wait_for("[data-testid=submit-return]").await.click().await.unwrap();
    wait_status(&b, "queued", 15).await;

    // Signing out now asks first, and staying keeps the queued return.
    b.wait_for("[data-testid=sign-out]").await.click().await.unwrap();
    let mut asked = String::new();
    for _ in 0..50 {
        if let Ok(t) = b.client.get_alert_text().await {
            asked = t;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(asked.contains("尚未同步"), "{asked}");
    b.client.dismiss_alert().await.unwrap();
    b.wait_for("[data-testid=outbox-item][data-status=queued]").await;

    proxy.up();
    wait_status(&b, "synced", 45).await;
    let (_, record) = bureau.call(Method::GET, "/api/returns/enterprise/1/2021-07", None).await;
    assert_eq!(record["content"]["orders_on_hand"], 25_000_000);
    assert_eq!(record["content"]["outlook"], "down");
    assert_eq!(record["content"]["difficulties"][0]["category"], "logistics");
    assert_eq!(record["content"]["difficulties"][0]["text"], "海运费上涨，订舱难");
    let (status, approved) = bureau
        .call(Method::POST, "/api/returns/enterprise/1/2021-07/review", Some(json!({ "version": 1, "approve": true })))
        .await;
    assert_eq!((status, approved["state"].as_str()), (200, Some("approved")));
    b.client.refresh().await.unwrap();
    b.wait_text("[data-testid=record-state]", |t| t.contains("已审核")).await;
    b.close().await;
}

/// 200 returns wait in the outbox (as if typed offline); they sync while the network is cut and
/// restored again and again, including in the middle of requests.
#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_queued_returns_sync_exactly_once_through_a_flapping_network() {
    const N: usize = 200;
    let (srv, _) = with_county_user().await;
    let proxy = Proxy::start(srv.addr).await;
    let b = Browser::start(1280, 900).await;
    sign_in(&b, &proxy, "weibin").await;
    b.wait_for("[data-testid=f-exports]").await;

    // Months from January 1990, long before any approved figure, so none needs an explanation.
    let items: Vec<String> = (0..N)
        .map(|i| {
            json!({
                "submission": {
                    "id": format!("f1a9f1a9-0000-4000-8000-{i:012}"),
                    "owner": { "kind": "county", "id": WEIBIN },
                    "month": format!("{:04}-{:02}", 1990 + i / 12, i % 12 + 1),
                    "base_version": 0,
                    "content": { "currency": "CNY", "exports": 1_000_000 + i as i64 * 10_000, "imports": 300_000 },
                    "explanation": "",
                },
                "status": "queued",
                "queued_at_ms": i as f64,
            })
            .to_string()
        })
        .collect();
    let put = "return (async (items) => {
        const db = await new Promise((ok, err) => { const r = indexedDB.open('waimao', 1); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
        await new Promise((ok, err) => {
            const tx = db.transaction('queue', 'readwrite', { durability: 'strict' });
            for (const t of items) tx.objectStore('queue').put(t, JSON.parse(t).submission.id);
            tx.oncomplete = ok; tx.onerror = () => err(tx.error);
        });
        db.close();
        return items.length;
    })(arguments[0])";
    assert_eq!(b.client.execute(put, vec![json!(items)]).await.unwrap(), json!(N));
    b.client.refresh().await.unwrap();

    // Flap: up 50–350 ms, down 50–250 ms, twenty times, from a fixed seed so the run can be repeated.
    let mut seed = 0x5eed_u64;
    let mut next = move |lo: u64, span: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        lo + seed % span
    };
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(next(50, 300))).await;
        proxy.down();
        tokio::time::sleep(Duration::from_millis(next(50, 200))).await;
        proxy.up();
    }
    let synced = "return (async () => {
        const db = await new Promise((ok, err) => { const r = indexedDB.open('waimao', 1); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
        const all = await new Promise((ok, err) => { const q = db.transaction('queue').objectStore('queue').getAll(); q.onsuccess = () => ok(q.result); q.onerror = () => err(q.error); });
        db.close();
        return all.map((t) => JSON.parse(t)).filter((q) => q.status === 'synced' && q.submission.id.startsWith('f1a9f1a9')).length;
    })()";
    let mut acknowledged = 0;
    for _ in 0..600 {
        acknowledged = b.client.execute(synced, vec![]).await.unwrap().as_u64().unwrap_or(0) as usize;
        if acknowledged == N {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (stored, distinct, months_twice): (i64, i64, i64) = srv
        .state
        .store
        .call(|c| -> Result<_, waimao_server::store::StoreError> {
            let q = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0));
            Ok((
                q("SELECT count(*) FROM return_version WHERE submission_id LIKE 'f1a9f1a9-%'")?,
                q("SELECT count(DISTINCT submission_id) FROM return_version WHERE submission_id LIKE 'f1a9f1a9-%'")?,
                q("SELECT count(*) FROM (SELECT month FROM return_version WHERE owner_id = '610302' AND month < '2000'
                   GROUP BY month HAVING count(*) > 1)")?,
            ))
        })
        .await
        .unwrap();
    let dropped = proxy.dropped.load(std::sync::atomic::Ordering::SeqCst);
    let lost = N as i64 - distinct;
    let duplicated = stored - distinct + months_twice;
    println!(
        "flapping sync: {N} queued, {acknowledged} acknowledged, {stored} stored, {duplicated} duplicated, {lost} lost \
         ({dropped} connections cut or refused)"
    );
    assert_eq!((acknowledged, stored, duplicated, lost), (N, N as i64, 0, 0));
    assert!(dropped > 0, "the network never actually failed");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_editors_see_a_conflict_and_choose() {
    let (srv, _) = with_county_user().await;
    let bureau = Bureau::new(&srv).await;
    let proxy = Proxy::start(srv.addr).await;
    let b = Browser::start(1280, 1000).await;
    sign_in(&b, &proxy, "weibin").await;
    b.wait_for("[data-testid=f-exports]").await.send_keys("100").await.unwrap();
    b.wait_for("[data-testid=f-imports]").await.send_keys("30").await.unwrap();
    b.wait_for("[data-testid=f-explanation]").await.send_keys("新设企业，往年不可比").await.unwrap();
    b.wait_for("[data-testid=submit-return]").await.click().await.unwrap();
    wait_status(&b, "synced", 20).await;

    // The bureau corrects version 1 while the county, on version 1 too, edits again.
    let body = json!({
        "id": "c0c0c0c0-0000-4000-8000-000000000001",
        "owner": { "kind": "county", "id": WEIBIN }, "month": "2021-07", "base_version": 1,
        "content": { "currency": "CNY", "exports": 1_200_000, "imports": 300_000 },
        "explanation": "市局更正",
    });
    assert_eq!(bureau.call(Method::POST, "/api/returns", Some(body)).await.0, 200);
    let exports = b.wait_for("[data-testid=f-exports]").await;
    exports.clear().await.unwrap();
    exports.send_keys("110").await.unwrap();
    b.wait_for("[data-testid=f-explanation]").await.send_keys("。再次核对").await.unwrap();
    b.wait_for("[data-testid=submit-return]").await.click().await.unwrap();
    wait_status(&b, "conflict", 20).await;
    assert!(b.text("[data-testid=conflict-mine]").await.contains("110.00万元"));
    let current = b.text("[data-testid=conflict-current]").await;
    assert!(current.contains("120.00万元") && current.contains("boss"), "{current}");
    b.screenshot("entry-conflict").await;

    // The county keeps its own figures, filed over the bureau's version.
    b.wait_for("[data-testid=conflict-keep-mine]").await.click().await.unwrap();
    for _ in 0..200 {
        if stored_versions(&srv, WEIBIN, "2021-07").await == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (_, record) = bureau.call(Method::GET, "/api/returns/county/610302/2021-07", None).await;
    assert_eq!((record["version"].as_u64(), record["content"]["exports"].as_i64()), (Some(3), Some(1_100_000)));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_return_form_fits_a_phone() {
    let (srv, _) = with_county_user().await;
    let proxy = Proxy::start(srv.addr).await;
    let b = Browser::start_phone(360, 740).await;
    sign_in(&b, &proxy, "weibin").await;
    b.wait_for("[data-testid=f-exports]").await.send_keys("12a").await.unwrap();
    b.wait_text("[data-testid=form-findings]", |t| t.contains("当月出口额：“12a”不是数字")).await;
    let fits =
        b.client.execute("return document.scrollingElement.scrollWidth <= window.innerWidth", vec![]).await.unwrap();
    assert_eq!(fits, Value::Bool(true), "the form scrolls sideways on a phone");
    b.screenshot("entry-phone").await;
    b.close().await;
}
