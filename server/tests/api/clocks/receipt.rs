//! The clocks that run from receipt (条例 art. 35, 36): the review window from publication
//! online or from the recorded delivery on paper, a rating never closes, a re-review answer
//! does, and a follow-up (回访) records an offline petitioner's rating and request. A
//! registration's acceptance period is in `arrival.rs`.

use chrono::Days;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::rules::{d, deadline, replied_online, sql};
use crate::helpers::{act, act_ok, spawn_app, staff};
use crate::workflow::{DISTRICT_BUREAU, HOUSING, case, citizen_view, draft, message};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_satisfied_petitioner_may_still_ask_for_review_and_a_re_review_answer_is_final() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let bureau = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    let housing = staff(&app, HOUSING, "handler,unit_head").await;
    let city = staff(&app, "示范市信访局", "intake,unit_head,handler").await;
    act_ok(
        &app,
        &bureau,
        &number,
        json!({ "action": "forward", "unit_id": crate::helpers::unit_id(&app, HOUSING).await }),
    )
    .await;
    act_ok(
        &app,
        &housing,
        &number,
        json!({ "action": "receive_accept" }),
    )
    .await;
    act_ok(&app, &housing, &number, draft()).await;
    act_ok(
        &app,
        &housing,
        &number,
        json!({ "action": "approve_reply" }),
    )
    .await;

    let rate = |rating: &'static str| {
        let (app, token, number) = (&app, citizen.token.clone(), number.clone());
        async move {
            app.post_json(
                &format!("/api/v1/petitions/{number}/rating"),
                Some(&token),
                &json!({ "rating": rating }),
            )
            .await
        }
    };
    let review = || {
        let (app, token, number) = (&app, citizen.token.clone(), number.clone());
        async move {
            app.post_json(
                &format!("/api/v1/petitions/{number}/review"),
                Some(&token),
                &json!({ "reason": "经再三考虑，仍认为处理不当" }),
            )
            .await
        }
    };
    assert_eq!(rate("satisfied").await.status(), StatusCode::NO_CONTENT);
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert_eq!(
        view["progress"]["status"], "replied",
        "a rating does not close"
    );
    assert_eq!(view["can_request_review"], true);
    assert_eq!(review().await.status(), StatusCode::NO_CONTENT);

    // 复查 by the district bureau, then 复核 by the city bureau.
    act_ok(&app, &bureau, &number, draft()).await;
    act_ok(&app, &bureau, &number, json!({ "action": "approve_reply" })).await;
    assert_eq!(review().await.status(), StatusCode::NO_CONTENT);
    act_ok(&app, &city, &number, draft()).await;
    act_ok(&app, &city, &number, json!({ "action": "approve_reply" })).await;

    let view = citizen_view(&app, &citizen.token, &number).await;
    assert_eq!(
        view["progress"]["status"], "closed",
        "复核意见 closes the matter"
    );
    assert_eq!(view["can_rate"], false);
    assert_eq!(view["can_request_review"], false);
    assert!(
        view["progress"]["timeline"]
            .to_string()
            .contains("最终处理意见")
    );
    let res = review().await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(message(res).await.contains("第三十六条"));
    assert_eq!(rate("not_satisfied").await.status(), StatusCode::CONFLICT);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_writers_review_window_runs_from_the_recorded_delivery() {
    let app = spawn_app().await;
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    let letter = json!({
        "channel": "letter",
        "petitioner": {
            "real_name": "钱小河",
            "phone": crate::helpers::phone(),
            "address": "示范市东城区新桥街道一号院3号楼"
        },
        "petition": app.filing().await
    });
    let res = app
        .post_json("/api/v1/staff/registrations", Some(&head), &letter)
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let number = res.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    act_ok(&app, &head, &number, json!({ "action": "accept_here" })).await;
    act_ok(&app, &head, &number, draft()).await;
    act_ok(&app, &head, &number, json!({ "action": "approve_reply" })).await;

    // Published, but the letter writer has not received it: no window runs yet, and the
    // clock job does not close it however long it waits.
    let file: Value = case(&app, &head, &number).await.json().await.unwrap();
    assert!(deadline(&file["deadlines"], "复查申请期限").is_none());
    assert!(
        file["allowed"]
            .as_array()
            .unwrap()
            .contains(&json!("record_delivery"))
    );
    let later = server::jobs::clocks::run(&app.state, d(2030, 1, 1))
        .await
        .unwrap();
    assert_eq!(later.closed, 0);
    // It stays on the bureau's desk until the delivery is recorded.
    let desk = |head: String| {
        let app = &app;
        async move {
            app.get("/api/v1/staff/petitions", Some(&head))
                .await
                .json::<Value>()
                .await
                .unwrap()["items"]
                .clone()
        }
    };
    let items = desk(head.clone()).await;
    let row = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["number"] == number.as_str())
        .expect("on the desk");
    assert!(row["status_label"].as_str().unwrap().contains("待登记送达"));
    // And it is counted as a matter with no clock running.
    let counted: Value = app
        .get(
            "/api/v1/staff/petitions?counts=true&clock=stopped",
            Some(&head),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(counted["counts"]["stopped"], 1, "{counted}");
    assert_eq!(counted["items"][0]["number"], number.as_str());

    // The reply went out ten days ago and arrived three days ago.
    let today = server::time::today();
    let ago = |n: u64| today.checked_sub_days(Days::new(n)).unwrap();
    sql(
        &app,
        &format!(
            "UPDATE petitions SET replied_on = '{}' WHERE number = $1",
            ago(10)
        ),
        &number,
    )
    .await;
    for wrong in [ago(11), today.checked_add_days(Days::new(1)).unwrap()] {
        let res = act(
            &app,
            &head,
            &number,
            json!({ "action": "record_delivery", "delivered_on": wrong }),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{wrong}");
    }
    act_ok(
        &app,
        &head,
        &number,
        json!({ "action": "record_delivery", "delivered_on": ago(3) }),
    )
    .await;
    let file: Value = case(&app, &head, &number).await.json().await.unwrap();
    let window = deadline(&file["deadlines"], "复查申请期限").unwrap();
    assert_eq!(window["start"], ago(3).to_string(), "from the delivery");
    assert!(
        !file["allowed"]
            .as_array()
            .unwrap()
            .contains(&json!("record_delivery")),
        "recorded once"
    );
    let res = act(
        &app,
        &head,
        &number,
        json!({ "action": "record_delivery", "delivered_on": ago(2) }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(file["timeline"].to_string().contains("答复已送达"));
    assert!(
        !desk(head.clone()).await.to_string().contains(&number),
        "off the desk once delivered: the window runs"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_records_an_offline_petitioners_rating_and_review_request_and_the_review_clock_starts()
 {
    let app = spawn_app().await;
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    let tel = crate::helpers::phone();
    let letter = json!({
        "channel": "letter",
        "petitioner": {
            "real_name": "周小溪",
            "phone": tel,
            "address": "示范市东城区新桥街道一号院3号楼"
        },
        "petition": app.filing().await
    });
    let res = app
        .post_json("/api/v1/staff/registrations", Some(&head), &letter)
        .await;
    let number = res.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    act_ok(&app, &head, &number, json!({ "action": "accept_here" })).await;
    act_ok(&app, &head, &number, draft()).await;
    act_ok(&app, &head, &number, json!({ "action": "approve_reply" })).await;
    // The reply's text tells someone without an account what they can do, not "log in".
    let text = app.texts_to(&tel, "已作出书面答复").await;
    assert!(text.contains("回访") && !text.contains("请登录"), "{text}");
    act_ok(
        &app,
        &head,
        &number,
        json!({ "action": "record_delivery", "delivered_on": server::time::today() }),
    )
    .await;

    // Nothing to record, or someone outside the replying unit: refused.
    let res = act(
        &app,
        &head,
        &number,
        json!({ "action": "follow_up", "rating": null }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let outsider = staff(&app, HOUSING, "handler,unit_head").await;
    let res = act(
        &app,
        &outsider,
        &number,
        json!({ "action": "follow_up", "rating": "satisfied" }),
    )
    .await;
    assert!(
        matches!(res.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}",
        res.status()
    );

    act_ok(
        &app,
        &head,
        &number,
        json!({
            "action": "follow_up",
            "rating": "not_satisfied",
            "comment": "电话回访：认为供热公司整改不到位",
            "review_reason": "整改后室温仍低于十六度，请求复查"
        }),
    )
    .await;
    let city = staff(&app, "示范市信访局", "intake,unit_head,handler").await;
    let file: Value = case(&app, &city, &number).await.json().await.unwrap();
    assert_eq!(file["round"], "review");
    assert_eq!(file["status"], "handling");
    assert_eq!(
        file["unit"], "示范市信访局",
        "one level above the replying bureau"
    );
    let review = deadline(&file["deadlines"], "复查期限").unwrap();
    assert_eq!(review["start"], server::time::today().to_string());
    let timeline = file["timeline"].to_string();
    assert!(timeline.contains("回访评价") && timeline.contains("不满意（工作人员代为记录）"));
    assert!(timeline.contains("信访人在回访中提出申请（工作人员代为记录）"));
    assert_eq!(
        file["replies"][0]["rating"], "not_satisfied",
        "the rating stays with the letter it answers"
    );
    // An online petitioner rates and asks for themselves: nobody records it for them.
    let (_, online_head, online) = replied_online(&app).await;
    let res = act(
        &app,
        &online_head,
        &online,
        json!({ "action": "follow_up", "rating": "satisfied" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let audited: String = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'follow_up' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert!(audited.contains("rating=not_satisfied") && audited.contains("round=review"));
}
