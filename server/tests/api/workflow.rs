//! The handling workflow as clerks, handlers, heads and petitioners observe it: routing,
//! forwarding, replies, extensions, rating and review, races, the firewall, the audit chain.

mod letters;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, act, act_ok, spawn_app, staff, unit_id};

pub(crate) const DISTRICT_BUREAU: &str = "东城区信访局";
pub(crate) const HOUSING: &str = "东城区住房和城乡建设局";

pub(crate) async fn message(res: reqwest::Response) -> String {
    res.json::<Value>().await.unwrap()["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub(crate) async fn case(app: &TestApp, token: &str, number: &str) -> reqwest::Response {
    app.get(&format!("/api/v1/staff/petitions/{number}"), Some(token))
        .await
}

pub(crate) fn draft() -> Value {
    json!({
        "action": "submit_draft",
        "facts": "经现场核查，该小区供暖温度确实低于国家标准。",
        "reasons": "供热公司未按合同约定保障供暖质量，应当整改。",
        "decision": "support",
        "legal_basis": "《城镇供热管理条例》第二十条"
    })
}

pub(crate) async fn citizen_view(app: &TestApp, token: &str, number: &str) -> Value {
    app.get(&format!("/api/v1/petitions/{number}"), Some(token))
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_petition_is_routed_forwarded_answered_rated_and_reviewed_one_level_up() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let handler = staff(&app, HOUSING, "handler").await;
    let head = staff(&app, HOUSING, "unit_head").await;

    // The district bureau sees it in its queue, with the petitioner masked.
    let queue: Value = app
        .get("/api/v1/staff/petitions", Some(&intake))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["number"] == number.as_str())
    );
    let file: Value = case(&app, &intake, &number).await.json().await.unwrap();
    assert_eq!(
        file["proposed_unit"][1], HOUSING,
        "属地 + 主管: the district housing bureau"
    );
    assert_eq!(file["petitioner"]["name"], "王**");
    assert_ne!(file["petitioner"]["id_number"], citizen.id_number.as_str());

    // A rating before any reply is refused with its rule.
    let early = app
        .post_json(
            &format!("/api/v1/petitions/{number}/rating"),
            Some(&citizen.token),
            &json!({ "rating": "satisfied" }),
        )
        .await;
    assert_eq!(early.status(), StatusCode::CONFLICT);
    assert!(message(early).await.contains("答复发布后才能评价"));

    let housing = unit_id(&app, HOUSING).await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert_eq!(view["progress"]["status"], "forwarded");
    let timeline = view["progress"]["timeline"].to_string();
    assert!(
        timeline.contains(&format!("已转送{HOUSING}办理")),
        "{timeline}"
    );

    act_ok(
        &app,
        &handler,
        &number,
        json!({ "action": "receive_accept" }),
    )
    .await;
    act_ok(
        &app,
        &handler,
        &number,
        json!({ "action": "add_note", "body": "内部备注：已电话联系供热公司" }),
    )
    .await;
    act_ok(&app, &handler, &number, draft()).await;
    // The handler cannot approve their own draft; the head can.
    let res = act(
        &app,
        &handler,
        &number,
        json!({ "action": "approve_reply" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    act_ok(&app, &head, &number, json!({ "action": "approve_reply" })).await;

    let view = citizen_view(&app, &citizen.token, &number).await;
    assert_eq!(view["progress"]["status"], "replied");
    assert_eq!(view["replies"][0]["decision_label"], "支持");
    assert!(
        !view.to_string().contains("内部备注"),
        "internal notes never reach the petitioner"
    );
    assert_eq!(view["can_rate"], true);

    // The petitioner may ask for review whatever they rate; the body above handles it.
    assert_eq!(view["can_request_review"], true);
    let review = |body: Value| {
        let app = &app;
        let token = citizen.token.clone();
        let number = number.clone();
        async move {
            app.post_json(
                &format!("/api/v1/petitions/{number}/review"),
                Some(&token),
                &body,
            )
            .await
        }
    };
    let res = app
        .post_json(
            &format!("/api/v1/petitions/{number}/rating"),
            Some(&citizen.token),
            &json!({ "rating": "not_satisfied", "comment": "温度仍然不达标" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert_eq!(view["can_request_review"], true);
    assert_eq!(
        review(json!({ "reason": "供暖仍未改善，请求复查" }))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert_eq!(view["progress"]["status"], "handling");
    // The first answer keeps its rating on its letter; the 复查 round starts unrated.
    assert_eq!(view["replies"][0]["rating"], "not_satisfied");
    assert_eq!(view["rating"], Value::Null);
    assert!(
        view["progress"]["timeline"]
            .to_string()
            .contains(&format!("由{DISTRICT_BUREAU}"))
    );
    // The review is now the district's: the housing bureau no longer holds it.
    let file: Value = case(&app, &intake, &number).await.json().await.unwrap();
    assert_eq!(file["round"], "review");
    assert_eq!(file["unit"], DISTRICT_BUREAU);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_extension_of_at_most_thirty_days_approved_by_the_head() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head").await;
    act_ok(&app, &head, &number, json!({ "action": "accept_here" })).await;
    let due_before: Value = case(&app, &head, &number).await.json().await.unwrap();
    let res = act(
        &app,
        &head,
        &number,
        json!({ "action": "extend", "days": 31, "reason": "需要补充调查" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    act_ok(
        &app,
        &head,
        &number,
        json!({ "action": "extend", "days": 30, "reason": "需要现场补充调查" }),
    )
    .await;
    let res = act(
        &app,
        &head,
        &number,
        json!({ "action": "extend", "days": 5, "reason": "再延期" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(message(res).await.contains("第三十四条"));
    let after: Value = case(&app, &head, &number).await.json().await.unwrap();
    let due = |v: &Value| {
        v["deadlines"].as_array().unwrap().last().unwrap()["days"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(due(&after), due(&due_before) + 30);
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert!(
        view["progress"]["timeline"]
            .to_string()
            .contains("需要现场补充调查"),
        "the reason is shown"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clerks_forwarding_at_once_exactly_one_wins() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let a = staff(&app, DISTRICT_BUREAU, "intake").await;
    let b = staff(&app, DISTRICT_BUREAU, "intake").await;
    let housing = unit_id(&app, HOUSING).await;
    let body = json!({ "action": "forward", "unit_id": housing, "version": 1 });
    let (ra, rb) = tokio::join!(
        act(&app, &a, &number, body.clone()),
        act(&app, &b, &number, body.clone())
    );
    let mut statuses = [ra.status().as_u16(), rb.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [204, 409]);
    let view = citizen_view(&app, &citizen.token, &number).await;
    let forwarded = view["progress"]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["title"] == "已转送")
        .count();
    assert_eq!(forwarded, 1, "done once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_designated_unit_cannot_object_again() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let handler = staff(&app, HOUSING, "handler").await;
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
        json!({ "action": "object", "reason": "供暖属城市管理局职责" }),
    )
    .await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "dismiss_objection", "reason": "供热监管属住建部门" }),
    )
    .await;
    let res = act(
        &app,
        &handler,
        &number,
        json!({ "action": "object", "reason": "再次异议" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(message(res).await.contains("第二十三条"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_after_its_window_is_refused_with_the_rule() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    act_ok(&app, &head, &number, json!({ "action": "accept_here" })).await;
    act_ok(&app, &head, &number, draft()).await;
    act_ok(&app, &head, &number, json!({ "action": "approve_reply" })).await;
    let res = app
        .post_json(
            &format!("/api/v1/petitions/{number}/rating"),
            Some(&citizen.token),
            &json!({ "rating": "not_satisfied" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // The reply was received 40 days ago.
    let long_ago = (chrono::Utc::now() - chrono::Duration::days(40))
        .date_naive()
        .to_string();
    sqlx::query("UPDATE petitions SET clock_start = $1 WHERE number = $2")
        .bind(&long_ago)
        .bind(&number)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/petitions/{number}/review"),
            Some(&citizen.token),
            &json!({ "reason": "不服答复" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(message(res).await.contains("第三十五条"));
}
