use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{error_fields, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_files_a_petition_and_gets_a_number_a_query_code_and_a_due_date() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let receipt = app.file_ok(&citizen.token).await;

    let number = receipt["number"].as_str().unwrap();
    let parts: Vec<_> = number.split('-').collect();
    assert_eq!(parts.len(), 3, "{number}");
    assert_eq!(parts[0].len(), 4);
    assert_eq!(
        parts[1], "990102",
        "the county-level code of where it arose"
    );
    let code = receipt["query_code"].as_str().unwrap();
    assert_eq!(code.len(), 19, "four groups of four: {code}");
    assert!(!code.contains(['0', 'O', '1', 'I']));
    let due = &receipt["acceptance_due"];
    assert_eq!(due["days"], 15);
    assert!(
        due["explanation"]
            .as_str()
            .unwrap()
            .contains("次日起算15日")
    );
    assert!(due["basis"].as_str().unwrap().contains("第二十二条"));

    let mine = app.my_petitions(&citizen.token).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["number"], number);
    assert_eq!(mine[0]["status"], "submitted");
    assert_eq!(
        mine[0]["acceptance_due"], due["due"],
        "list and receipt agree on the due date"
    );

    let detail: Value = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["title"], "小区冬季供暖温度不达标");
    assert_eq!(detail["progress"]["timeline"][0]["title"], "提交信访事项");
    assert_eq!(detail["can_withdraw"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filing_needs_a_logged_in_citizen() {
    let app = spawn_app().await;
    let body = app.filing().await;
    assert_eq!(
        app.file("not-a-token", &body, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_filing_lists_every_problem_and_stores_nothing() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let mut body = app.filing().await;
    body["kind"] = json!("accusation");
    body["title"] = json!("短");
    body["facts"] = json!("太短了");
    body["request"] = json!("");
    body["people_count"] = json!(0);
    let fields = error_fields(app.file(&citizen.token, &body, None).await).await;
    assert_eq!(
        fields,
        ["title", "facts", "request", "people_count", "respondent"]
    );
    assert!(app.my_petitions(&citizen.token).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_or_too_general_category_and_an_unknown_region_are_field_errors() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let mut body = app.filing().await;
    body["category_id"] = json!(999_999);
    body["region_id"] = json!(999_999);
    assert_eq!(
        error_fields(app.file(&citizen.token, &body, None).await).await,
        ["category_id", "region_id"]
    );

    let data: Value = app
        .get("/api/v1/reference", None)
        .await
        .json()
        .await
        .unwrap();
    let parent = data["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["selectable"] == false)
        .unwrap()["id"]
        .clone();
    let mut body = app.filing().await;
    body["category_id"] = parent;
    assert_eq!(
        error_fields(app.file(&citizen.token, &body, None).await).await,
        ["category_id"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrongly_typed_field_is_a_422_not_a_500() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let mut body = app.filing().await;
    body["people_count"] = json!("many");
    assert_eq!(
        error_fields(app.file(&citizen.token, &body, None).await).await,
        ["body"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replaying_a_submission_with_the_same_key_gives_the_same_petition() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let body = app.filing().await;
    let first = app.file(&citizen.token, &body, Some("retry-key-1")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let again = app.file(&citizen.token, &body, Some("retry-key-1")).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(again, first, "same number and the same query code");
    assert_eq!(app.my_petitions(&citizen.token).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_retries_create_exactly_one_petition() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let body = app.filing().await;
    let attempts = (0..6).map(|_| app.file(&citizen.token, &body, Some("double-click")));
    let responses = futures::future::join_all(attempts).await;
    let mut numbers = Vec::new();
    for res in responses {
        assert!(res.status().is_success(), "{}", res.status());
        numbers.push(res.json::<Value>().await.unwrap()["number"].clone());
    }
    numbers.dedup();
    assert_eq!(numbers.len(), 1);
    assert_eq!(app.my_petitions(&citizen.token).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_reused_for_different_content_is_a_conflict() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let body = app.filing().await;
    assert_eq!(
        app.file(&citizen.token, &body, Some("k")).await.status(),
        StatusCode::CREATED
    );
    let mut other = body.clone();
    other["title"] = json!("另一件完全不同的事情");
    assert_eq!(
        app.file(&citizen.token, &other, Some("k")).await.status(),
        StatusCode::CONFLICT
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_citizens_petition_is_not_found() {
    let app = spawn_app().await;
    let owner = app.citizen().await;
    let other = app.citizen().await;
    let number = app.file_ok_number(&owner.token).await;
    let theirs = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&other.token))
        .await;
    let nonexistent = app
        .get("/api/v1/petitions/2026-990102-999999", Some(&other.token))
        .await;
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        theirs.text().await.unwrap(),
        nonexistent.text().await.unwrap()
    );
    let withdraw = app
        .post_json(
            &format!("/api/v1/petitions/{number}/withdraw"),
            Some(&other.token),
            &json!({}),
        )
        .await;
    assert_eq!(withdraw.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.my_petitions(&owner.token).await[0]["status"],
        "submitted"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_matter_before_a_court_is_recorded_with_guidance_to_the_right_channel() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let mut body = app.filing().await;
    body["other_procedure"] = json!("litigation");
    let res = app.file(&citizen.token, &body, None).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    assert!(
        receipt["other_procedure_guidance"]
            .as_str()
            .unwrap()
            .contains("人民法院")
    );
    let number = receipt["number"].as_str().unwrap();
    let detail: Value = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["other_procedure"], "litigation");
    assert_eq!(detail["progress"]["timeline"][1]["title"], "诉访分离提示");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_withdraws_before_acceptance_and_cannot_withdraw_twice() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let path = format!("/api/v1/petitions/{number}/withdraw");
    assert_eq!(
        app.post_json(&path, Some(&citizen.token), &json!({}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let again = app.post_json(&path, Some(&citizen.token), &json!({})).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(
        again.json::<Value>().await.unwrap()["message"]
            .as_str()
            .unwrap()
            .contains("已撤回")
    );
    let detail: Value = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["progress"]["status"], "withdrawn");
    assert_eq!(detail["can_withdraw"], false);
    assert_eq!(
        detail["progress"]["timeline"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()["title"],
        "撤回信访事项"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn petition_numbers_run_in_sequence_within_a_region_and_year() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let a = app.file_ok_number(&citizen.token).await;
    let b = app.file_ok_number(&citizen.token).await;
    let seq = |n: &str| n.rsplit('-').next().unwrap().parse::<u32>().unwrap();
    assert_eq!(seq(&b), seq(&a) + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_province_that_counts_working_days_gets_working_day_due_dates() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.clocks.acceptance = shared::clock::ClockRule {
            days: 5,
            kind: shared::clock::DayKind::Working,
        };
    })
    .await;
    let citizen = app.citizen().await;
    let due = app.file_ok(&citizen.token).await["acceptance_due"].clone();
    assert_eq!(due["days"], 5);
    assert_eq!(due["day_kind"], "working");
    assert!(due["explanation"].as_str().unwrap().contains("5个工作日"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unusable_idempotency_key_is_a_field_error_and_files_nothing() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let body = app.filing().await;
    let too_long = "k".repeat(101);
    let fields = error_fields(app.file(&citizen.token, &body, Some(&too_long)).await).await;
    assert_eq!(fields, ["idempotency_key"]);
    assert!(app.my_petitions(&citizen.token).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saved_receipts_of_retries_are_forgotten_after_a_day() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let body = app.filing().await;
    assert_eq!(
        app.file(&citizen.token, &body, Some("old-key"))
            .await
            .status(),
        StatusCode::CREATED
    );
    let pool = &app.state.db.pool;
    sqlx::query("UPDATE idempotency_keys SET created_at = created_at - 90000000")
        .execute(pool)
        .await
        .unwrap();
    let day_ago = server::time::now_ms() - 24 * 3600 * 1000;
    assert_eq!(
        server::db::idempotency::purge(pool, day_ago).await.unwrap(),
        1
    );
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM idempotency_keys")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "no saved query code outlives its day");
}
