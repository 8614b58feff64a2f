//! Signing in in Chromium: a county user signs in, lands on their county's page, cannot open another
//! county's, and signs out; the public dashboard offers the sign-in link and logs no errors.

use waimao_core::account::Role;
use waimao_core::RegionCode;
use waimao_tests::browser::Browser;
use waimao_tests::server;

const PASSWORD: &str = "宝鸡外贸浏览器测试密码";

#[tokio::test(flavor = "multi_thread")]
async fn a_county_user_sees_only_their_own_county() {
    let srv = server::start(true).await;
    let weibin = RegionCode::parse("610302").unwrap();
    waimao_server::accounts_setup::add_user(
        &srv.state,
        "weibin",
        Role::County,
        Some(weibin),
        None,
        Some(PASSWORD.into()),
    )
    .await
    .expect("add user");
    let b = Browser::start(1280, 900).await;

    // The public dashboard offers sign-in.
    b.client.goto(&srv.url("/")).await.unwrap();
    b.wait_for("[data-testid=kpi-total-ytd]").await;
    b.wait_for("[data-testid=sign-in-link]").await.click().await.unwrap();
    b.wait_for("[data-testid=login-form]").await;
    b.screenshot("login").await;
    b.assert_accessible("/login").await;

    // A wrong password is refused with a message, and what was typed stays.
    b.wait_for("[data-testid=login-name]").await.send_keys("weibin").await.unwrap();
    b.wait_for("[data-testid=login-password]").await.send_keys("not the password").await.unwrap();
    b.wait_for("[data-testid=login-submit]").await.click().await.unwrap();
    b.wait_text("[data-testid=login-error]", |t| t.contains("用户名或密码错误")).await;
    let typed =
        b.client.execute("return document.querySelector('[data-testid=login-name]').value", vec![]).await.unwrap();
    assert_eq!(typed, "weibin");

    let password = b.wait_for("[data-testid=login-password]").await;
    password.clear().await.unwrap();
    password.send_keys(PASSWORD).await.unwrap();
    b.wait_for("[data-testid=login-submit]").await.click().await.unwrap();
    b.wait_text("[data-testid=return-title]", |t| t.starts_with("渭滨区")).await;
    assert_eq!(b.client.current_url().await.unwrap().path(), "/county/610302");
    b.wait_for("[data-testid=return-form]").await;
    assert_eq!(b.text("[data-testid=account-menu] [data-testid=my-page]").await, "weibin");
    b.screenshot("county-page").await;

    // Another county's page is refused by the server, whatever the URL says.
    b.client.goto(&srv.url("/county/610303")).await.unwrap();
    b.wait_text("[data-testid=page-error]", |t| t.contains("无权")).await;

    // Signing out ends the session: the county page now sends the visitor to sign in.
    b.wait_for("[data-testid=sign-out]").await.click().await.unwrap();
    b.wait_for("[data-testid=sign-in-link]").await;
    b.client.goto(&srv.url("/county/610302")).await.unwrap();
    b.wait_for("[data-testid=login-form]").await;
    assert_eq!(b.client.current_url().await.unwrap().path(), "/login");
    let errors: Vec<String> =
        b.console_errors().await.into_iter().filter(|e| !e.contains("401") && !e.contains("403")).collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bureau_creates_rebinds_and_disables_an_account() {
    let srv = server::start(true).await;
    waimao_server::accounts_setup::add_user(&srv.state, "boss", Role::Admin, None, None, Some(PASSWORD.into()))
        .await
        .expect("add admin");
    let b = Browser::start(1280, 1000).await;
    b.client.goto(&srv.url("/login")).await.unwrap();
    b.wait_for("[data-testid=login-name]").await.send_keys("boss").await.unwrap();
    b.wait_for("[data-testid=login-password]").await.send_keys(PASSWORD).await.unwrap();
    b.wait_for("[data-testid=login-submit]").await.click().await.unwrap();
    b.wait_for("[data-testid=admin-page] [data-testid=users]").await;
    assert_eq!(b.client.current_url().await.unwrap().path(), "/admin");

    // Create a county account: the one-time password is shown once.
    let form = "[data-testid=create-user]";
    b.wait_for(&format!("{form} input[type=text]")).await.send_keys("jintai").await.unwrap();
    b.wait_for(&format!("{form} input[inputmode=numeric]")).await.send_keys("610303").await.unwrap();
    b.wait_for(&format!("{form} button[type=submit]")).await.click().await.unwrap();
    let shown = b.wait_text("[data-testid=admin-message]", |t| t.starts_with("jintai")).await;
    let one_time = shown.rsplit('：').next().unwrap().trim().to_string();
    assert_eq!(one_time.chars().count(), 16, "{shown}");
    b.wait_text("[data-testid=user-jintai]", |t| t.contains("610303")).await;

    // Re-bind it to another county.
    let id = srv
        .state
        .store
        .call(|c| {
            Ok::<_, waimao_server::store::StoreError>(
                waimao_server::store::accounts::user_for_login(c, "jintai")?.unwrap().0.id,
            )
        })
        .await
        .unwrap();
    let rebind = "[data-testid=rebind-user]";
    b.wait_for(&format!("{rebind} select")).await.select_by_value(&id.to_string()).await.unwrap();
    b.wait_for(&format!("{rebind} input[inputmode=numeric]")).await.send_keys("610304").await.unwrap();
    b.wait_for(&format!("{rebind} button[type=submit]")).await.click().await.unwrap();
    b.wait_text("[data-testid=user-jintai]", |t| t.contains("610304")).await;

    // Disable it: it can no longer sign in, and the audit log shows all three changes.
    b.wait_for("[data-testid=user-jintai] button").await.click().await.unwrap();
    b.wait_text("[data-testid=user-jintai]", |t| t.contains("已停用")).await;
    let user = srv
        .state
        .store
        .call(move |c| {
            Ok::<_, waimao_server::store::StoreError>(waimao_server::store::accounts::user_by_id(c, id)?.unwrap())
        })
        .await
        .unwrap();
    assert!(user.disabled);
    assert_eq!(user.county.map(|c| c.to_string()).as_deref(), Some("610304"));
    b.client.refresh().await.unwrap();
    let log = b.wait_text("[data-testid=audit]", |t| t.contains("update_user")).await;
    assert!(log.contains("create_user") && log.contains("610303 → jintai"), "{log}");
    b.screenshot("admin").await;
    b.close().await;
}
