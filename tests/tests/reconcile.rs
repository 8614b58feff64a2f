//! Reconciliation in Chromium, as the bureau does it: a county whose own return differs from customs'
//! figure by 7% is flagged with both values; the bureau accepts the county's figure with a reason, the
//! dashboard's published figure follows, and the figure's versions show which one is in force; then it
//! corrects the figure itself (局修正), and the county's page shows the correction in force.

use waimao_core::account::Role;
use waimao_core::observation::{Entity, Observation, Status};
use waimao_core::{Amount, Flow, Lang, Period, RegionCode, Unit, YearMonth};
use waimao_tests::person::{choose, signed_in, type_into, user, wait_until};
use waimao_tests::server;

const WAN: i64 = 10_000;

/// Every county's July totals from one source: exports `exports(code)` 万元, imports 30 万元.
fn july(regions: &[RegionCode], exports: impl Fn(RegionCode) -> i64, version: u32) -> Vec<Observation> {
    let month = Period::Month(YearMonth::new(2021, 7).unwrap());
    regions
        .iter()
        .flat_map(|&c| {
            let value = |flow| if flow == Flow::Export { exports(c) * WAN } else { 30 * WAN };
            Flow::ALL.map(|flow| Observation {
                entity: Entity::Region(c),
                period: month,
                flow,
                breakdown: None,
                value: Amount::cny(value(flow)),
                status: Status::Preliminary,
                version,
            })
        })
        .collect()
}

fn wan_exact(yuan: i64) -> String {
    Amount::cny(yuan).display(Unit::Wan, 2, Lang::Zh)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bureau_settles_a_flagged_difference_and_the_dashboard_follows() {
    let srv = server::start(true).await;
    user(&srv, "checker", Role::Admin, None, None).await;
    let weibin = RegionCode::parse("610302").unwrap();
    let counties: Vec<RegionCode> = srv.state.regions.counties.iter().map(|c| c.code).collect();
    // The counties' approved returns (version 1), then customs' approved import (version 2).
    let returns = july(&counties, |_| 100, 1);
    let customs = july(&counties, |c| if c == weibin { 107 } else { 100 }, 2);
    srv.state
        .store
        .call(move |c| -> Result<_, waimao_server::store::StoreError> {
            waimao_server::store::insert_observations(c, &returns, true, "return:test", "2021-08-05T00:00:00Z")?;
            waimao_server::store::insert_observations(c, &customs, true, "import:1", "2021-08-20T00:00:00Z")
        })
        .await
        .unwrap();
    waimao_server::publisher::publish_all(&srv.state).await.unwrap();
    let july_month = YearMonth::new(2021, 7).unwrap();
    let published = async || srv.published().await.0.series_of(weibin).unwrap().exports.month(july_month);
    assert_eq!(published().await, Some(107 * WAN), "customs win by the precedence rule");

    let b = signed_in(&srv, "checker", "/review").await;
    b.wait_for("[data-testid=to-reconcile]").await.click().await.unwrap();
    choose(&b, "[data-testid=reconcile-month]", "2021-07").await;
    let row = "[data-testid=reconcile-row][data-entity='region:610302'][data-flow=export]";
    let values = b.wait_text(&format!("{row} [data-testid=reconcile-values]"), |t| t.contains("海关数据")).await;
    let wan = |v: i64| Amount::cny(v * WAN).display(Unit::Wan, 2, Lang::Zh);
    assert!(values.contains(&format!("海关数据 {}", wan(107))), "{values}");
    assert!(values.contains(&format!("县区月报 {}", wan(100))), "{values}");
    assert_eq!(b.wait_for(row).await.attr("data-flagged").await.unwrap().as_deref(), Some("true"));
    let summary = b.text("[data-testid=reconcile-summary]").await;
    assert!(summary.contains("1项差异超过±5%"), "{summary}");
    assert!(b.text(row).await.contains("-6.5%"), "the difference against the published customs figure");
    b.screenshot("reconcile-flagged").await;

    // Confirming without a reason is refused with the reason why; nothing changes.
    choose(&b, &format!("{row} [data-testid=choose-source]"), "county_return").await;
    b.wait_for(&format!("{row} [data-testid=choose]")).await.click().await.unwrap();
    b.wait_text("[data-testid=reconcile-message]", |t| t.contains("请写明理由")).await;
    assert_eq!(published().await, Some(107 * WAN));

    type_into(&b, &format!("{row} [data-testid=choose-reason]"), "海关数据含区外企业在本区报关的出口").await;
    choose(&b, &format!("{row} [data-testid=choose-source]"), "county_return").await;
    b.wait_for(&format!("{row} [data-testid=choose]")).await.click().await.unwrap();
    b.wait_text("[data-testid=reconcile-message]", |t| t.contains("发布值来源：县区月报")).await;
    b.wait_text(&format!("{row} [data-testid=published-source]"), |t| t.contains("海关数据含区外企业")).await;
    wait_until("the published figure follows the choice", async || published().await == Some(100 * WAN)).await;

    // The figure's versions: customs' and the county's, the county's in force.
    b.wait_for(&format!("{row} [data-testid=history]")).await.click().await.unwrap();
    b.wait_for("[data-testid=figure-history]").await;
    let history = b.text("[data-testid=figure-history]").await;
    assert!(history.contains("v2") && history.contains("v1（现行）"), "{history}");
    b.screenshot("reconcile-history").await;

    // The bureau corrects the figure itself (局修正): a value in 万元 and a reason; it is published.
    choose(&b, &format!("{row} [data-testid=choose-source]"), "correction").await;
    type_into(&b, &format!("{row} [data-testid=correction-value]"), "104.5").await;
    type_into(&b, &format!("{row} [data-testid=choose-reason]"), "海关更正函（2021年8月）").await;
    b.wait_for(&format!("{row} [data-testid=choose]")).await.click().await.unwrap();
    b.wait_text("[data-testid=reconcile-message]", |t| t.contains("发布值来源：局修正")).await;
    wait_until("the correction is published", async || published().await == Some(1_045_000)).await;

    // The county's page shows the same figure's versions, the correction in force.
    b.client.goto(&srv.url("/county/610302?month=2021-07")).await.unwrap();
    b.wait_for("[data-testid=figure-versions] summary").await.click().await.unwrap();
    b.wait_for("[data-testid=versions-open]").await.click().await.unwrap();
    let first = b.wait_text("[data-testid=history-row]", |t| t.contains("局修正")).await;
    assert!(first.contains("v3（现行）") && first.contains(&wan_exact(1_045_000)), "{first}");
    assert_eq!(
        b.wait_for("[data-testid=history-row]").await.attr("data-in-force").await.unwrap().as_deref(),
        Some("true")
    );
    b.client.execute("document.querySelector('[data-testid=figure-versions]').scrollIntoView()", vec![]).await.unwrap();
    b.screenshot("county-figure-versions").await;

    // From the dashboard's table view, a signed-in official opens the county's versions for the month:
    // both flows, the correction in force for exports.
    b.client.goto(&srv.url("/?month=2021-07&tab=table")).await.unwrap();
    let link = "[data-testid=ranking-table] a[href='/figures?entity=region:610302&period=2021-07']";
    // The panels appear in stages: wait for the link before scrolling to its table.
    b.wait_for(link).await;
    b.client.execute("document.querySelector('[data-testid=ranking-table]').scrollIntoView()", vec![]).await.unwrap();
    b.screenshot("dashboard-table-versions").await;
    b.wait_for(link).await.click().await.unwrap();
    b.wait_text("[data-testid=figures-title]", |t| t.contains("渭滨区") && t.contains("2021年7月")).await;
    let panels =
        async || b.client.find_all(fantoccini::Locator::Css("[data-testid=figure-history]")).await.unwrap().len();
    wait_until("both flows' versions are shown", async || panels().await == 2).await;
    let first = b.text("[data-testid=figure-history]").await;
    assert!(first.contains("出口") && first.contains("v3（现行）") && first.contains(&wan_exact(1_045_000)), "{first}");
    b.screenshot("dashboard-figure-versions").await;
    // The public sees the same table without the column: the versions are for officials only.
    let public = waimao_tests::browser::Browser::start(1280, 900).await;
    public.client.goto(&srv.url("/?month=2021-07&tab=table")).await.unwrap();
    public.wait_for("[data-testid=sign-in-link]").await;
    public.wait_for("[data-testid=ranking-table] tbody tr").await;
    let headers = public.client.find_all(fantoccini::Locator::Css("[data-testid=ranking-table] th")).await.unwrap();
    assert_eq!(headers.len(), 7, "no versions column for the public");
    assert!(public.client.find_all(fantoccini::Locator::Css("[data-testid=versions-link]")).await.unwrap().is_empty());
    public.close().await;

    // On a phone, dark and in English, the reconciliation with the correction field open still fits.
    b.client.set_window_size(375, 812).await.unwrap();
    b.client.goto(&srv.url("/reconcile")).await.unwrap();
    choose(&b, "[data-testid=reconcile-month]", "2021-07").await;
    b.wait_for("[data-testid=lang-toggle]").await.click().await.unwrap();
    for _ in 0..2 {
        b.wait_for("[data-testid=theme-toggle]").await.click().await.unwrap();
    }
    b.wait_text("[data-testid=theme-toggle]", |t| t.contains("dark")).await;
    choose(&b, &format!("{row} [data-testid=choose-source]"), "correction").await;
    b.wait_for(&format!("{row} [data-testid=correction-value]")).await;
    let published =
        b.wait_text(&format!("{row} [data-testid=published-source]"), |t| t.contains("Bureau correction")).await;
    assert!(published.contains("海关更正函"), "{published}");
    b.screenshot("reconcile-phone-dark-en").await;
    // The figure's versions fit a phone too, dark and in English.
    b.client.goto(&srv.url("/figures?entity=region:610302&period=2021-07")).await.unwrap();
    b.wait_text("[data-testid=figures-title]", |t| t.contains("Figure versions") && t.contains("Jul 2021")).await;
    wait_until("both flows' versions are shown", async || panels().await == 2).await;
    b.screenshot("figures-phone-dark-en").await;
    // The one refusal above (no reason) is a 400 the page shows as a message; nothing else may fail.
    let errors: Vec<String> =
        b.console_errors().await.into_iter().filter(|e| !(e.contains("/api/reconcile") && e.contains("400"))).collect();
    assert!(errors.is_empty(), "{errors:?}");
    b.close().await;
}
