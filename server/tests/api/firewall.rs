//! The confidentiality firewall as the unit complained about observes it: an accusation
//! against it does not exist for its staff, and every unmasking of the petitioner is recorded.

mod doors;
mod routing;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, act, spawn_app, staff, unit_id};
use crate::workflow::{DISTRICT_BUREAU, HOUSING, case};

pub(crate) const DISTRICT_DISCIPLINE: &str = "东城区纪委监委";

/// Files an accusation of `citizen` with `respondent` (and the accused unit picked, if
/// any); returns its number.
pub(crate) async fn accuse(
    app: &TestApp,
    token: &str,
    respondent: &str,
    picked: Option<i64>,
) -> String {
    let mut body = app.filing().await;
    body["kind"] = json!("accusation");
    body["respondent"] = json!(respondent);
    if let Some(unit) = picked {
        body["accused_unit_id"] = json!(unit);
    }
    app.file_number(token, &body).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_unit_complained_about_never_sees_an_accusation_and_unmasking_is_recorded() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let mut body = app.filing().await;
    body["kind"] = json!("accusation");
    body["respondent"] = json!("东城区住建局某科长");
    let number = app.file_number(&citizen.token, &body).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let accused_head = staff(&app, HOUSING, "unit_head,handler,intake").await;
    let housing = unit_id(&app, HOUSING).await;
    // What the petitioner wrote names the housing bureau; routing goes to the discipline
    // body (art. 22), and forwarding to the accused is refused.
    let file: Value = case(&app, &intake, &number).await.json().await.unwrap();
    assert_eq!(file["accused_unit"], HOUSING);
    assert_eq!(file["proposed_unit"][1], DISTRICT_DISCIPLINE);
    let res = act(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The accused unit finds nothing: not in its queue, "not found" for the case.
    assert_eq!(
        case(&app, &accused_head, &number).await.status(),
        StatusCode::NOT_FOUND
    );
    let queue = app
        .get("/api/v1/staff/petitions", Some(&accused_head))
        .await
        .text()
        .await
        .unwrap();
    assert!(!queue.contains(&number));
    let id_res = app
        .post_json(
            &format!("/api/v1/staff/petitions/{number}/identity"),
            Some(&accused_head),
            &json!({ "reason": "核实" }),
        )
        .await;
    assert_eq!(id_res.status(), StatusCode::NOT_FOUND);

    // The bureau's clerk unmasks with a reason, and the access is in the audit trail.
    let res = app
        .post_json(
            &format!("/api/v1/staff/petitions/{number}/identity"),
            Some(&intake),
            &json!({ "reason": "需电话联系信访人核实情况" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let file: Value = res.json().await.unwrap();
    assert_eq!(file["petitioner"]["id_number"], citizen.id_number.as_str());
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'unmask_identity' AND detail = $1",
    )
    .bind("需电话联系信访人核实情况")
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(logged, 1);
}
