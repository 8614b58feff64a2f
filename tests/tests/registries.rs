//! The registries in Chromium, as people use them: the bureau records a meeting with two tasks on the
//! group page, the county the first task is assigned to reports progress on its board, and the bureau's
//! board shows it; an enterprise raises a problem on its page, the bureau answers and moves it on, and
//! the enterprise sees the new status.

use std::time::Duration;

use fantoccini::Locator;
use waimao_core::account::Role;
use waimao_tests::browser::Browser;
use waimao_tests::person::{choose, signed_in, type_into, user, wait_until};
use waimao_tests::server::{self, Server};

/// The stored tasks of the meeting titled `title`: (id, county or department, status, progress texts).
async fn tasks_of(srv: &Server, title: &'static str) -> Vec<(i64, String, String, String)> {
    srv.state
        .store
        .call(move |c| -> Result<_, waimao_server::store::StoreError> {
            let mut s = c.prepare(
                "SELECT t.id, coalesce(t.county, json_extract(t.body, '$.responsible.department')),
                        json_extract(t.body, '$.status'), coalesce((SELECT group_concat(json_extract(p.value, '$.text'), '|')
                            FROM json_each(t.body, '$.progress') p), '')
                 FROM record t JOIN record m ON m.id = t.parent AND m.kind = 'meeting'
                 WHERE t.kind = 'task' AND json_extract(m.body, '$.title') = ?1 ORDER BY t.id",
            )?;
            let rows = s.query_map([title], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bureau_records_a_meeting_and_a_county_reports_progress_on_its_task() {
    const TITLE: &str = "测试：四季度外贸冲刺推进会";
    let srv = server::start(true).await;
    user(&srv, "boss", Role::Admin, None, None).await;
    user(&srv, "weibin", Role::County, Some("610302"), None).await;
    let admin = signed_in(&srv, "boss", "/group").await;
    admin.wait_for("#meeting-form").await;

    // The meeting, then two tasks: one for 渭滨区, one for a department.
    type_into(&admin, "#meeting-title", TITLE).await;
    type_into(&admin, "#meeting-presided_by", "测试组长").await;
    type_into(&admin, "#meeting-attendance", "16").await;
    type_into(&admin, "#meeting-agenda", "部署四季度稳外贸重点工作").await;
    admin.wait_for("#add-task").await.click().await.unwrap();
    admin.wait_for("#add-task").await.click().await.unwrap();
    type_into(&admin, "#task-0-description", "逐户走访重点外贸企业").await;
    choose(&admin, "#task-0-responsible", "county").await;
    choose(&admin, "#task-0-county", "610302").await;
    choose(&admin, "#task-0-deadline", "2099-12-31").await;
    type_into(&admin, "#task-1-description", "落实外贸发展专项资金").await;
    choose(&admin, "#task-1-responsible", "department").await;
    type_into(&admin, "#task-1-department", "市财政局").await;
    // A deadline before the meeting is refused under its field, and nothing is stored.
    choose(&admin, "#task-1-deadline", "2000-01-01").await;
    admin.wait_for("#save-meeting").await.click().await.unwrap();
    admin.wait_text("#meeting-form", |t| t.contains("早于会议日期")).await;
    assert!(tasks_of(&srv, TITLE).await.is_empty());
    choose(&admin, "#task-1-deadline", "2099-06-30").await;
    admin.wait_for("#save-meeting").await.click().await.unwrap();
    admin.wait_text("[data-testid=meeting-form-ok]", |t| !t.is_empty()).await;
    let tasks = tasks_of(&srv, TITLE).await;
    assert_eq!(tasks.len(), 2, "{tasks:?}");
    assert_eq!((tasks[0].1.as_str(), tasks[1].1.as_str()), ("610302", "市财政局"));
    let tid = tasks[0].0;
    admin.screenshot("registries-meeting-recorded").await;

    // The county's board holds its task (and no department's); it reports progress there.
    let county = signed_in(&srv, "weibin", "/group").await;
    let row = format!("[data-testid=task-row][data-id='{tid}']");
    county.wait_for(&row).await;
    let others = county
        .client
        .find_all(Locator::Css(&format!("[data-testid=task-row][data-id='{}']", tasks[1].0)))
        .await
        .unwrap();
    assert!(others.is_empty(), "a county sees only its own tasks");
    county.wait_for(&format!("#progress-{tid}-toggle")).await.click().await.unwrap();
    type_into(&county, &format!("#progress-{tid}-text"), "已走访重点企业9家，协调解决物流问题2项").await;
    choose(&county, &format!("#progress-{tid}-status"), "in_progress").await;
    county.wait_for(&format!("#progress-{tid}-submit")).await.click().await.unwrap();
    county.wait_text(&row, |t| t.contains("已走访重点企业9家")).await;
    wait_until("the report to be stored", async || tasks_of(&srv, TITLE).await[0].2 == "in_progress").await;
    county.screenshot("registries-county-board").await;

    // The bureau's board shows the report and the new status.
    admin.client.goto(&srv.url("/group")).await.unwrap();
    let text = admin.wait_text(&row, |t| t.contains("已走访重点企业9家")).await;
    assert!(text.contains("推进中"), "{text}");
    let status = admin.wait_for(&row).await.attr("data-status").await.unwrap();
    assert_eq!(status.as_deref(), Some("in_progress"));
    admin.wait_for("[data-testid=completion-chart]").await;
    admin.screenshot("registries-bureau-board").await;
    let errors = [admin.console_errors().await, county.console_errors().await];
    assert!(errors.iter().all(Vec::is_empty), "{errors:?}");
    admin.close().await;
    county.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_enterprise_raises_a_problem_and_sees_the_bureau_move_it_on() {
    let srv = server::start(true).await;
    user(&srv, "boss", Role::Admin, None, None).await;
    user(&srv, "firm-one", Role::Enterprise, None, Some(1)).await;
    let firm = signed_in(&srv, "firm-one", "/enterprises/1").await;
    firm.wait_for("#problem-form").await;
    let text = "美国客户要求原产地证书，办理周期过长";
    type_into(&firm, "#problem-description", text).await;
    choose(&firm, "#problem-category", "certificates").await;
    firm.wait_for("#raise-problem").await.click().await.unwrap();
    let pid: i64 = loop {
        let found = srv
            .state
            .store
            .call(move |c| -> Result<_, waimao_server::store::StoreError> {
                Ok(c.query_row(
                    "SELECT max(id) FROM record WHERE kind = 'problem' AND json_extract(body, '$.description') = ?1",
                    [text],
                    |r| r.get::<_, Option<i64>>(0),
                )?)
            })
            .await
            .unwrap();
        if let Some(id) = found {
            break id;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let item = format!("[data-testid=problem][data-id='{pid}']");
    firm.wait_text(&item, |t| t.contains(text) && t.contains("待办")).await;

    // The bureau answers on the same page: in progress, with the department responsible.
    let admin = signed_in(&srv, "boss", "/enterprises/1").await;
    admin.wait_for(&item).await;
    type_into(&admin, &format!("#reply-{pid}-text"), "已联系海关开辟原产地证绿色通道").await;
    choose(&admin, &format!("#reply-{pid}-status"), "in_progress").await;
    type_into(&admin, &format!("#reply-{pid}-department"), "宝鸡海关").await;
    admin.wait_for(&format!("#reply-{pid}-submit")).await.click().await.unwrap();
    admin.wait_text(&item, |t| t.contains("办理中")).await;

    // The enterprise sees the new status, the department and the reply after a reload.
    firm.client.refresh().await.unwrap();
    let shown = firm.wait_text(&item, |t| t.contains("办理中")).await;
    assert!(shown.contains("宝鸡海关") && shown.contains("绿色通道"), "{shown}");
    let status = firm.wait_for(&item).await.attr("data-status").await.unwrap();
    assert_eq!(status.as_deref(), Some("in_progress"));
    // Its own page offers no status change: only a follow-up.
    let selects = firm.client.find_all(Locator::Css(&format!("#reply-{pid}-status"))).await.unwrap();
    assert!(selects.is_empty(), "an enterprise cannot change the status");
    firm.screenshot("registries-enterprise-problem").await;

    // The bureau's list: every enterprise, the two that left the list by their status, the order by
    // year-to-date value as core's `select` gives it from the same rows.
    admin.client.goto(&srv.url("/enterprises")).await.unwrap();
    admin.wait_for("[data-testid=enterprise-row]").await;
    let ids = |b: &Browser| {
        let script =
            "return [...document.querySelectorAll('[data-testid=enterprise-row]')].map(r => Number(r.dataset.id))";
        let c = b.client.clone();
        async move { serde_json::from_value::<Vec<i64>>(c.execute(script, vec![]).await.unwrap()).unwrap() }
    };
    let rows: Vec<waimao_core::enterprise::EnterpriseRow> = srv
        .state
        .store
        .call(|c| -> Result<_, waimao_server::store::StoreError> {
            let precedence = waimao_core::source::Precedence::builtin();
            let list = waimao_server::store::load_enterprises(c)?;
            let latest = waimao_core::YearMonth::new(2021, 6).unwrap();
            list.into_iter()
                .map(|e| {
                    let h = waimao_server::store::returns::history(
                        c,
                        waimao_core::returns::Owner::Enterprise(e.id),
                        &precedence,
                    )?;
                    let standing = waimao_core::enterprise::Standing::at(&h, latest);
                    Ok(waimao_core::enterprise::EnterpriseRow {
                        enterprise: e,
                        month: Some(latest),
                        standing,
                        open_problems: 0,
                        overdue_problems: 0,
                    })
                })
                .collect()
        })
        .await
        .unwrap();
    let by_ytd = waimao_core::enterprise::select(&rows, &Default::default(), waimao_core::enterprise::SortBy::Ytd);
    assert_eq!(ids(&admin).await, by_ytd.iter().map(|r| r.enterprise.id).collect::<Vec<_>>());
    choose(&admin, "#filter-status", "left").await;
    wait_until("the status filter", async || ids(&admin).await.len() == 2).await;
    admin.screenshot("registries-enterprise-list").await;
    admin.assert_accessible("/enterprises").await;
    admin.client.goto(&srv.url("/experts")).await.unwrap();
    let reminders = admin.text("[data-testid=term-reminders]").await;
    assert_eq!(reminders.lines().count(), 3, "a heading and the two demo terms ending within 60 days: {reminders}");
    admin.screenshot("registries-experts").await;
    // Renewing one of them (a new decision, three more years) takes it off the reminder list.
    let id: i64 = srv
        .state
        .store
        .call(|c| -> Result<_, waimao_server::store::StoreError> {
            Ok(c.query_row(
                "SELECT id FROM record WHERE kind = 'expert' AND json_extract(body, '$.name') = '王晓华'",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    admin.wait_for(&format!("#edit-expert-{id}")).await.click().await.unwrap();
    admin.wait_text("[data-testid=expert-editing]", |t| t.contains("王晓华")).await;
    type_into(&admin, "#expert-appointment-document", "宝商发〔2026〕99号").await;
    choose(&admin, "#expert-appointment-appointed_on", "2026-11-01").await;
    choose(&admin, "#expert-appointment-term_end", "2029-10-31").await;
    admin.wait_for("#save-expert").await.click().await.unwrap();
    let reminders = admin.wait_text("[data-testid=term-reminders]", |t| !t.contains("王晓华")).await;
    assert_eq!(reminders.lines().count(), 2, "{reminders}");
    let stored: (i64, String) = srv
        .state
        .store
        .call(move |c| -> Result<_, waimao_server::store::StoreError> {
            Ok(c.query_row(
                "SELECT version, json_extract(body, '$.appointment.term_end') FROM record WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(stored, (2, "2029-10-31".to_string()));
    let errors = [firm.console_errors().await, admin.console_errors().await];
    assert!(errors.iter().all(Vec::is_empty), "{errors:?}");
    firm.close().await;
    admin.close().await;
}
