//! Supervision notices answered in writing, and co-handling units with their own deadlines.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{act, act_ok, spawn_app, staff, unit_id};
use crate::workflow::{DISTRICT_BUREAU, HOUSING, case, citizen_view};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervision_notice_is_answered_in_writing_by_the_handling_unit_once() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let handler = staff(&app, HOUSING, "handler").await;
    let supervisor = staff(&app, "示范市信访局", "supervisor").await;
    let housing = unit_id(&app, HOUSING).await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    act_ok(
        &app,
        &handler,
        &number,
        json!({ "action": "receive_accept" }),
    )
    .await;
    // A handler cannot supervise; the city's supervisor can.
    let res = act(
        &app,
        &handler,
        &number,
        json!({ "action": "supervise", "body": "请加快" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    act_ok(
        &app,
        &supervisor,
        &number,
        json!({ "action": "supervise", "body": "群众反映强烈，请五日内书面答复" }),
    )
    .await;
    let file: Value = case(&app, &handler, &number).await.json().await.unwrap();
    assert!(
        file["allowed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "answer_supervision")
    );
    let notice = file["supervision"][0]["id"].as_i64().unwrap();
    let answer = json!({ "action": "answer_supervision", "notice_id": notice, "answer": "已约谈物业公司，本周内完成整改。" });
    let res = act(&app, &supervisor, &number, answer.clone()).await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "the supervisor does not answer their own notice"
    );
    act_ok(&app, &handler, &number, answer.clone()).await;
    assert_eq!(
        act(&app, &handler, &number, answer).await.status(),
        StatusCode::CONFLICT,
        "answered once"
    );
    let file: Value = case(&app, &supervisor, &number).await.json().await.unwrap();
    assert_eq!(
        file["supervision"][0]["answer"],
        "已约谈物业公司，本周内完成整改。"
    );
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert!(
        view["progress"]["timeline"]
            .to_string()
            .contains("上级机关已对您的信访事项进行督办")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_co_handling_unit_sees_the_case_gives_its_opinion_once_and_the_lead_reads_it() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let handler = staff(&app, HOUSING, "handler").await;
    let co = staff(&app, "东城区城市管理局", "handler").await;
    let other = staff(&app, "东城区民政局", "handler").await;
    let housing = unit_id(&app, HOUSING).await;
    let urban = unit_id(&app, "东城区城市管理局").await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    act_ok(
        &app,
        &handler,
        &number,
        json!({ "action": "receive_accept" }),
    )
    .await;
    assert_eq!(
        case(&app, &co, &number).await.status(),
        StatusCode::NOT_FOUND,
        "not theirs yet"
    );
    // A sub-deadline after the main one is refused.
    let late = act(
        &app,
        &handler,
        &number,
        json!({ "action": "add_co_handler", "unit_id": urban, "due": "2099-01-01" }),
    )
    .await;
    assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let due = (chrono::Utc::now() + chrono::Duration::days(10))
        .date_naive()
        .to_string();
    act_ok(
        &app,
        &handler,
        &number,
        json!({ "action": "add_co_handler", "unit_id": urban, "due": due }),
    )
    .await;
    // The co-handler finds it in its queue and case file, and answers once.
    let queue = app
        .get("/api/v1/staff/petitions", Some(&co))
        .await
        .text()
        .await
        .unwrap();
    assert!(queue.contains(&number));
    let file: Value = case(&app, &co, &number).await.json().await.unwrap();
    assert!(
        file["allowed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "co_opinion")
    );
    let opinion = json!({ "action": "co_opinion", "opinion": "该路段夜间施工已责令停止。" });
    assert_eq!(
        act(&app, &other, &number, opinion.clone()).await.status(),
        StatusCode::NOT_FOUND
    );
    act_ok(&app, &co, &number, opinion.clone()).await;
    assert_eq!(
        act(&app, &co, &number, opinion).await.status(),
        StatusCode::CONFLICT
    );
    let file: Value = case(&app, &handler, &number).await.json().await.unwrap();
    assert_eq!(
        file["co_handlers"][0]["opinion"],
        "该路段夜间施工已责令停止。"
    );
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert!(
        view["progress"]["timeline"]
            .to_string()
            .contains("商请东城区城市管理局协助办理")
    );
}
