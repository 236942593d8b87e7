//! The other doors an accusation could leak through, as the accused unit and a partner
//! system observe them: in-app notices, webhook events, the repeat-link look-up and the
//! queue's counts.

use reqwest::StatusCode;
use serde_json::{Value, json};
use server::jobs::outbox::run_once;

use super::accuse;
use crate::helpers::{act, act_ok, spawn_app, staff, unit_id};
use crate::outbox::{portal, stand_ins::StandIn};
use crate::workflow::{DISTRICT_BUREAU, HOUSING, message};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accused_unit_gets_no_notice_of_it_and_no_webhook_carries_an_accusation() {
    let partner = StandIn::start().await;
    let sms = StandIn::start().await;
    let (app, channels) = portal(&sms, |_| {}).await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let res = app
        .post_json(
            "/api/v1/admin/webhooks",
            Some(&admin),
            &json!({ "name": "省信访信息系统", "url": partner.url, "events": ["*"] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let citizen = app.citizen().await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let head = staff(&app, DISTRICT_BUREAU, "unit_head").await;
    let handler = staff(&app, HOUSING, "handler").await;
    let housing = unit_id(&app, HOUSING).await;

    // Routed to housing while nobody knew it was accused; the arrival notice is queued.
    let number = accuse(&app, &citizen.token, "某公司", None).await;
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
    // The head corrects it before the notice goes out: housing is the accused.
    act_ok(
        &app,
        &head,
        &number,
        json!({ "action": "set_accused", "unit_id": housing }),
    )
    .await;
    // An ordinary matter, to show the hook and the notices work.
    let appeal = app.file_ok(&citizen.token).await;
    let appeal = appeal["number"].as_str().unwrap().to_owned();
    act_ok(
        &app,
        &intake,
        &appeal,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    while run_once(&app.state, &channels, "w1").await.unwrap().sent > 0 {}

    let notices = app
        .get("/api/v1/notifications", Some(&handler))
        .await
        .text()
        .await
        .unwrap();
    assert!(notices.contains(&appeal), "{notices}");
    assert!(!notices.contains(&number), "{notices}");
    let hooks = partner.hooks.lock().unwrap().clone();
    assert!(hooks.iter().any(|(_, _, _, body)| body.contains(&appeal)));
    assert!(
        hooks.iter().all(|(_, _, _, body)| !body.contains(&number)),
        "no webhook event names an accusation"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn linking_a_repeat_does_not_reveal_whether_a_hidden_accusation_exists() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let hidden = accuse(&app, &citizen.token, "东城区住房和城乡建设局", None).await;
    // A clerk who cannot see it (another county's bureau), with a petition of their own
    // to link from.
    let county_region: i64 = sqlx::query_scalar("SELECT id FROM regions WHERE name = '南湾村'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let mut body = app.filing().await;
    body["region_id"] = json!(county_region);
    let own = app.file_number(&citizen.token, &body).await;
    let county = staff(&app, "清河县信访局", "intake").await;
    let link = |earlier: &str| json!({ "action": "link_repeat", "earlier": earlier });

    let hidden_answer = act(&app, &county, &own, link(&hidden)).await;
    assert_eq!(hidden_answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let hidden_answer = hidden_answer.text().await.unwrap();
    let missing = act(&app, &county, &own, link("2026-990102-999999")).await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(hidden_answer, missing.text().await.unwrap());

    // One the clerk may see links as before.
    let visible = app.file(&citizen.token, &body, None).await;
    let visible = visible.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = act(&app, &county, &own, link(&visible)).await;
    assert_eq!(
        res.status(),
        StatusCode::NO_CONTENT,
        "{}",
        message(res).await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_counts_leave_out_exactly_what_its_rows_leave_out() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    // An accusation whose accused is not settled yet, and a plain matter, at the bureau.
    let pending = accuse(&app, &citizen.token, "某物业公司的老板", None).await;
    app.file_ok(&citizen.token).await;
    let alice = staff(&app, DISTRICT_BUREAU, "intake").await;
    let bob = staff(&app, DISTRICT_BUREAU, "intake").await;
    act_ok(
        &app,
        &alice,
        &pending,
        json!({ "action": "recuse", "reason": "与被检举人系同学" }),
    )
    .await;
    for filter in ["status=submitted", "status=submitted&kind=accusation", ""] {
        let seen = |token: String| {
            let app = &app;
            async move {
                let page: Value = app
                    .get(
                        &format!("/api/v1/staff/petitions?counts=true&{filter}"),
                        Some(&token),
                    )
                    .await
                    .json()
                    .await
                    .unwrap();
                let listed = page["items"].as_array().unwrap().len() as u64;
                (
                    page["counts"]["total"].as_u64().unwrap(),
                    listed,
                    page.to_string(),
                )
            }
        };
        let (alice_counts, alice_lists, page) = seen(alice.clone()).await;
        let (bob_counts, bob_lists, _) = seen(bob.clone()).await;
        assert_eq!(alice_counts, alice_lists, "{filter}: {page}");
        assert_eq!(bob_counts, bob_lists, "{filter}");
        assert!(!page.contains(&pending), "{filter}: stepped aside from it");
        assert_eq!(
            bob_counts,
            alice_counts + 1,
            "{filter}: only she stepped aside"
        );
    }
}
