//! Where an accusation may go, as the clerk and the accused unit observe it: the accused
//! unit is known before anyone routes (picked, matched from the petitioner's words, or
//! settled by a clerk), the proposal names the discipline-inspection body, and every step
//! towards the accused is refused with the article.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{DISTRICT_DISCIPLINE, accuse};
use crate::helpers::{TestApp, act, act_ok, error_fields, spawn_app, staff, unit_id};
use crate::workflow::{DISTRICT_BUREAU, HOUSING, case, message};

const CITY_BUREAU: &str = "示范市信访局";

async fn file_of(app: &TestApp, token: &str, number: &str) -> Value {
    let res = case(app, token, number).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

fn allows(file: &Value, action: &str) -> bool {
    file["allowed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == action)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accusation_against_a_bureau_goes_to_the_discipline_body_and_never_reaches_the_bureau() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = accuse(&app, &citizen.token, "东城区住房和城乡建设局", None).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let accused = staff(&app, HOUSING, "intake,handler,unit_head,supervisor,leader").await;
    let housing = unit_id(&app, HOUSING).await;

    // The clerk is proposed the discipline body, not the bureau of the category.
    let file = file_of(&app, &intake, &number).await;
    assert_eq!(file["accused_unit"], HOUSING);
    assert_eq!(file["accused_pending"], false);
    assert_eq!(file["proposed_unit"][1], DISTRICT_DISCIPLINE);
    // Forwarding to the accused bureau is refused, citing the article.
    let res = act(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("第三十条"));
    let res = act(
        &app,
        &intake,
        &number,
        json!({ "action": "assign", "unit_id": housing, "due": "2099-01-01" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The clerk accepts the proposal.
    let proposed = file["proposed_unit"][0].as_i64().unwrap();
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": proposed }),
    )
    .await;

    // The accused bureau's staff find nothing at any step.
    assert_eq!(
        case(&app, &accused, &number).await.status(),
        StatusCode::NOT_FOUND
    );
    let queue = app
        .get(
            "/api/v1/staff/petitions?kind=accusation&counts=true",
            Some(&accused),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(!queue.contains(&number), "{queue}");
    // Not even as a number beside the filters.
    let queue: Value = serde_json::from_str(&queue).unwrap();
    assert_eq!(queue["counts"]["total"], 0, "{queue}");
    let res = app
        .post_json(
            &format!("/api/v1/staff/petitions/{number}/identity"),
            Some(&accused),
            &json!({ "reason": "核实情况" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = act(
        &app,
        &accused,
        &number,
        json!({ "action": "receive_accept" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // The discipline body receives it.
    let discipline = staff(&app, DISTRICT_DISCIPLINE, "handler").await;
    act_ok(
        &app,
        &discipline,
        &number,
        json!({ "action": "receive_accept" }),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accused_unit_is_picked_or_matched_from_short_names_and_the_top_cannot_be_picked() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let city = staff(&app, CITY_BUREAU, "intake").await;

    // Short names, with or without the place, resolve to the directory.
    for (words, unit) in [
        ("区住建局的王科长", HOUSING),
        ("东城住建局", HOUSING),
        ("市人社局", "示范市人力资源和社会保障局"),
        ("城管执法队员", "东城区城市管理局"),
    ] {
        let number = accuse(&app, &citizen.token, words, None).await;
        let file = file_of(&app, &intake, &number).await;
        assert_eq!(file["accused_unit"], unit, "{words}");
    }

    // Picking the district bureau itself: the matter lands at the city bureau, and the
    // district bureau never sees it.
    let district = unit_id(&app, DISTRICT_BUREAU).await;
    let number = accuse(&app, &citizen.token, "信访局工作人员", Some(district)).await;
    assert_eq!(
        case(&app, &intake, &number).await.status(),
        StatusCode::NOT_FOUND
    );
    let file = file_of(&app, &city, &number).await;
    assert_eq!(file["accused_unit"], DISTRICT_BUREAU);
    assert_eq!(file["unit"], CITY_BUREAU);
    assert_eq!(file["proposed_unit"][1], "示范市纪委监委");

    // The top of the tree cannot be accused here: nobody in the portal stands above it.
    let root = unit_id(&app, CITY_BUREAU).await;
    let mut body = app.filing().await;
    body["kind"] = json!("accusation");
    body["accused_unit_id"] = json!(root);
    let fields = error_fields(app.file(&citizen.token, &body, None).await).await;
    assert_eq!(fields, ["accused_unit_id"]);
    assert_eq!(app.my_petitions(&citizen.token).await.len(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accusation_against_no_listed_unit_waits_for_the_clerk_before_it_is_routed() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = accuse(&app, &citizen.token, "某物业公司的老板", None).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let housing = unit_id(&app, HOUSING).await;

    let file = file_of(&app, &intake, &number).await;
    assert_eq!(file["accused_pending"], true);
    assert!(file["proposed_unit"].is_null());
    for action in ["forward", "assign", "accept_here"] {
        assert!(!allows(&file, action), "{action} waits");
    }
    assert!(allows(&file, "set_accused") && allows(&file, "no_accused_unit"));
    for body in [
        json!({ "action": "forward", "unit_id": housing }),
        json!({ "action": "accept_here" }),
    ] {
        let res = act(&app, &intake, &number, body).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        assert!(message(res).await.contains("第三十条"));
    }

    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "no_accused_unit" }),
    )
    .await;
    let file = file_of(&app, &intake, &number).await;
    assert_eq!(file["accused_pending"], false);
    assert_eq!(file["accused_none"], true);
    assert_eq!(file["proposed_unit"][1], HOUSING);
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accused_unit_is_a_real_unit_outside_the_clerks_chain_and_only_a_head_corrects_it() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = accuse(&app, &citizen.token, "某公司", None).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let head = staff(&app, DISTRICT_BUREAU, "unit_head").await;
    let set = |unit: i64| json!({ "action": "set_accused", "unit_id": unit });

    for unit in [
        unit_id(&app, CITY_BUREAU).await,
        unit_id(&app, DISTRICT_BUREAU).await,
        999_999,
    ] {
        let res = act(&app, &intake, &number, set(unit)).await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unit {unit}"
        );
    }
    let housing = unit_id(&app, HOUSING).await;
    let labour = unit_id(&app, "东城区人力资源和社会保障局").await;
    act_ok(&app, &intake, &number, set(housing)).await;
    // Settled: a clerk may confirm it but not change it; the unit head may.
    act_ok(&app, &intake, &number, set(housing)).await;
    let res = act(&app, &intake, &number, set(labour)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = act(
        &app,
        &intake,
        &number,
        json!({ "action": "no_accused_unit" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    act_ok(&app, &head, &number, set(labour)).await;
    let file = file_of(&app, &intake, &number).await;
    assert_eq!(file["accused_unit"], "东城区人力资源和社会保障局");

    // Every recording is in the audit trail.
    let recorded: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'set_accused' AND petition_id = \
         (SELECT id FROM petitions WHERE number = $1)",
    )
    .bind(&number)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(recorded, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_correction_naming_the_unit_that_holds_the_matter_takes_it_back_from_that_unit() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = accuse(&app, &citizen.token, "某公司", None).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let head = staff(&app, DISTRICT_BUREAU, "unit_head").await;
    let handler = staff(&app, HOUSING, "handler").await;
    let housing = unit_id(&app, HOUSING).await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "no_accused_unit" }),
    )
    .await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    assert_eq!(case(&app, &handler, &number).await.status(), StatusCode::OK);

    act_ok(
        &app,
        &head,
        &number,
        json!({ "action": "set_accused", "unit_id": housing }),
    )
    .await;
    assert_eq!(
        case(&app, &handler, &number).await.status(),
        StatusCode::NOT_FOUND
    );
    let file = file_of(&app, &intake, &number).await;
    assert_eq!(file["status"], "submitted");
    assert_eq!(file["unit"], DISTRICT_BUREAU);
    assert_eq!(file["proposed_unit"][1], DISTRICT_DISCIPLINE);
}
