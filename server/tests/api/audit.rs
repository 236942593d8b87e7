//! The audit trail as an auditor and an operator observe it: a changed or deleted record
//! is found, by the function and by `portal verify-audit`.

use serde_json::json;

use crate::helpers::{TestApp, act_ok, spawn_app, staff};
use crate::workflow::DISTRICT_BUREAU;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_or_deleted_audit_record_is_detected() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake,handler").await;
    act_ok(&app, &intake, &number, json!({ "action": "mark_group" })).await;
    act_ok(&app, &intake, &number, json!({ "action": "accept_here" })).await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "add_note", "body": "第四条记录" }),
    )
    .await;
    let pool = &app.state.db.pool;
    let report = server::audit::verify(pool, &app.state.vault).await.unwrap();
    assert_eq!(report.problem, None);
    assert!(report.checked >= 3);

    sqlx::query("UPDATE audit_log SET actor = 'staff:999' WHERE seq = 2")
        .execute(pool)
        .await
        .unwrap();
    let report = server::audit::verify(pool, &app.state.vault).await.unwrap();
    assert!(report.problem.unwrap().contains("第2条记录的内容已被改动"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_last_audit_record_is_detected() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    app.file_ok(&citizen.token).await;
    let pool = &app.state.db.pool;
    sqlx::query("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)")
        .execute(pool)
        .await
        .unwrap();
    let report = server::audit::verify(pool, &app.state.vault).await.unwrap();
    assert!(report.problem.unwrap().contains("末尾"));
}

/// `portal verify-audit`, run as an operator would against the test's database.
fn verify_command(app: &TestApp) -> std::process::Output {
    use secrecy::ExposeSecret;
    let settings = &app.state.settings;
    std::process::Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("verify-audit")
        .env("APP_DATA_DIR", &settings.data_dir)
        .env("APP_DATABASE__URL", settings.database.url.expose_secret())
        .env("APP_LOG__FILTER", "error")
        .output()
        .expect("run portal verify-audit")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_verify_command_reports_a_tampered_record_and_fails() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    act_ok(&app, &intake, &number, json!({ "action": "mark_group" })).await;
    let ok = verify_command(&app);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("审计链完整"));

    sqlx::query("UPDATE audit_log SET action = 'nothing' WHERE seq = 1")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let bad = verify_command(&app);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).contains("第1条记录的内容已被改动"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cutting_off_the_end_of_the_chain_or_emptying_it_is_found_by_the_checkpoint() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    for _ in 0..3 {
        app.file_ok(&citizen.token).await;
    }
    // Signing in and binding the second factor are in the trail too.
    let admin = staff(&app, "示范市信访局", "administrator").await;
    assert!(!admin.is_empty());
    let pool = &app.state.db.pool;
    for action in ["staff_login", "staff_totp_bound"] {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
            .bind(action)
            .fetch_one(pool)
            .await
            .unwrap();
        assert!(n >= 1, "{action}");
    }
    // The minute's housekeeping writes the checkpoint outside the database.
    server::audit::checkpoint::advance(&app.state)
        .await
        .unwrap();
    let checkpoint = app.state.settings.audit_checkpoint();
    let verify = || server::audit::verify_with_checkpoint(pool, &app.state.vault, &checkpoint);
    assert_eq!(verify().await.unwrap().problem, None);

    // An insider with the database (not the master key) cuts the last two records off and
    // points the head at the new last one: the chain alone still looks whole...
    let (last, _) = server::db::audit::head(pool).await.unwrap();
    let keep = last - 2;
    let mac: Vec<u8> = sqlx::query_scalar("SELECT mac FROM audit_log WHERE seq = $1")
        .bind(keep)
        .fetch_one(pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_log WHERE seq > $1")
        .bind(keep)
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("UPDATE audit_head SET last_seq = $1, last_mac = $2 WHERE id = 1")
        .bind(keep)
        .bind(&mac)
        .execute(pool)
        .await
        .unwrap();
    let chain_only = server::audit::verify(pool, &app.state.vault).await.unwrap();
    assert_eq!(chain_only.problem, None);
    // ...but not against the checkpoint, which the next minute does not move backwards.
    let report = verify().await.unwrap();
    assert!(report.problem.unwrap().contains("末尾的记录已被删除"));
    server::audit::checkpoint::advance(&app.state)
        .await
        .unwrap();
    assert!(verify().await.unwrap().problem.is_some());

    // Emptying the whole chain is found the same way.
    sqlx::query("DELETE FROM audit_log")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("UPDATE audit_head SET last_seq = 0, last_mac = $1 WHERE id = 1")
        .bind(Vec::<u8>::new())
        .execute(pool)
        .await
        .unwrap();
    assert!(verify().await.unwrap().problem.is_some());
    // And a forged checkpoint is refused: it is signed with a key the insider lacks.
    std::fs::write(&checkpoint, "0 00 00\n").unwrap();
    assert!(verify().await.unwrap().problem.unwrap().contains("检查点"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_auditor_reads_who_unmasked_whom_and_why_and_a_clerk_cannot() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let res = app
        .post_json(
            &format!("/api/v1/staff/petitions/{number}/identity"),
            Some(&intake),
            &json!({ "reason": "需电话核实信访人诉求" }),
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let auditor = staff(&app, "示范市信访局", "auditor").await;
    let page: serde_json::Value = app
        .get(
            &format!("/api/v1/audit/records?number={number}"),
            Some(&auditor),
        )
        .await
        .json()
        .await
        .unwrap();
    let records = page["records"].as_array().unwrap();
    let unmask = records
        .iter()
        .find(|r| r["action"] == "unmask_identity")
        .expect("the unmasking is listed");
    assert_eq!(unmask["detail"], "需电话核实信访人诉求");
    assert_eq!(unmask["unit"], DISTRICT_BUREAU);
    assert_eq!(unmask["number"], number.as_str());
    assert!(records.iter().any(|r| r["action"] == "submit"));
    // Newest first, and only this petition's.
    assert!(
        records
            .windows(2)
            .all(|w| w[0]["seq"].as_i64() > w[1]["seq"].as_i64())
    );
    assert!(records.iter().all(|r| r["number"] == number.as_str()));
    let res = app.get("/api/v1/audit/records", Some(&intake)).await;
    assert_eq!(res.status(), reqwest::StatusCode::FORBIDDEN);
    // The auditor's page shows the same.
    let html = app
        .client
        .get(app.url(&format!("/staff/audit?number={number}")))
        .header("cookie", format!("access={auditor}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("需电话核实信访人诉求") && html.contains("审计链完整"),
        "{html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_view_of_a_case_file_by_staff_is_recorded() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    // Many at once, so that groups of more than one (and of more than one statement) are
    // appended to the chain.
    let views = (0..45).map(|_| crate::workflow::case(&app, &intake, &number));
    for res in futures::future::join_all(views).await {
        assert_eq!(res.status(), reqwest::StatusCode::OK);
    }
    // Views are written in groups a moment later.
    let count = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'view_case' AND petition_id = \
             (SELECT id FROM petitions WHERE number = $1)",
        )
        .bind(&number)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
    };
    let mut seen = 0;
    for _ in 0..200 {
        seen = count().await;
        if seen == 45 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(seen, 45);
    let chain = server::audit::verify(&app.state.db.pool, &app.state.vault)
        .await
        .unwrap();
    assert_eq!(chain.problem, None);
}
