use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_number_and_code_show_progress_and_no_personal_data() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let receipt = app.file_ok(&citizen.token).await;
    let res = app
        .post_json(
            "/api/v1/petitions/lookup",
            None,
            &json!({ "number": receipt["number"], "query_code": receipt["query_code"] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    let progress: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(progress["status_label"], "待受理");
    assert_eq!(progress["deadlines"][0]["label"], "受理告知期限");
    for private in [
        citizen.real_name.as_str(),
        &citizen.phone,
        &citizen.id_number,
        "供暖温度",
        "十六度",
    ] {
        assert!(!text.contains(private), "look-up leaks {private}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_code_may_be_typed_in_lower_case_without_hyphens() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let receipt = app.file_ok(&citizen.token).await;
    let typed = receipt["query_code"]
        .as_str()
        .unwrap()
        .replace('-', "")
        .to_lowercase();
    let number = receipt["number"].as_str().unwrap().replace('-', "");
    let res = app
        .post_json(
            "/api/v1/petitions/lookup",
            None,
            &json!({ "number": number, "query_code": typed }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_and_a_wrong_number_give_the_same_answer() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let receipt = app.file_ok(&citizen.token).await;
    let number = receipt["number"].as_str().unwrap();
    let code = receipt["query_code"].as_str().unwrap();
    let wrong_code = app
        .post_json(
            "/api/v1/petitions/lookup",
            None,
            &json!({ "number": number, "query_code": "ABCD-EFGH-JKLM-NPQR" }),
        )
        .await;
    let wrong_number = app
        .post_json(
            "/api/v1/petitions/lookup",
            None,
            &json!({ "number": "2026-990102-999999", "query_code": code }),
        )
        .await;
    let malformed = app
        .post_json(
            "/api/v1/petitions/lookup",
            None,
            &json!({ "number": "x", "query_code": "y" }),
        )
        .await;
    assert_eq!(wrong_code.status(), StatusCode::NOT_FOUND);
    assert_eq!(wrong_number.status(), StatusCode::NOT_FOUND);
    assert_eq!(malformed.status(), StatusCode::NOT_FOUND);
    let bodies = [
        wrong_code.text().await.unwrap(),
        wrong_number.text().await.unwrap(),
        malformed.text().await.unwrap(),
    ];
    assert_eq!(bodies[0], bodies[1]);
    assert_eq!(bodies[0], bodies[2]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn look_ups_from_one_address_are_rate_limited() {
    let app = spawn_app_with(|s| s.limits.lookups_per_minute = 5).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let body = json!({ "number": "2026-990102-000001", "query_code": "ABCD-EFGH-JKLM-NPQR" });
        statuses.push(
            app.post_json("/api/v1/petitions/lookup", None, &body)
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(statuses, [404, 404, 404, 404, 404, 429]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_petition_itself_is_shown_after_a_code_texted_to_the_phone_on_file() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let receipt = app.file_ok(&citizen.token).await;
    let (number, code) = (receipt["number"].clone(), receipt["query_code"].clone());
    let wrong = app
        .post_json(
            "/api/v1/petitions/lookup/code",
            None,
            &json!({ "number": number, "query_code": "ABCD-EFGH-JKLM-NPQR" }),
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);

    app.a_minute_later().await;
    let mark = app.inbox_mark().await;
    let res = app
        .post_json(
            "/api/v1/petitions/lookup/code",
            None,
            &json!({ "number": number, "query_code": code }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let sent: Value = res.json().await.unwrap();
    let masked = sent["sent_to"].as_str().unwrap();
    assert!(masked.contains("****") && !masked.contains(&citizen.phone[3..7]));
    let text = app.texts_after(mark, &citizen.phone, "验证码").await;
    let sms: String = text.chars().filter(char::is_ascii_digit).take(6).collect();

    let detail = |sms_code: &str| {
        let body = json!({ "number": number, "query_code": code, "sms_code": sms_code });
        let req = app
            .client
            .post(app.url("/api/v1/petitions/lookup/detail"))
            .json(&body);
        async move { req.send().await.unwrap() }
    };
    let bad = if sms == "000000" { "111111" } else { "000000" };
    assert_eq!(detail(bad).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = detail(&sms).await;
    assert_eq!(res.status(), StatusCode::OK);
    let view: Value = res.json().await.unwrap();
    assert!(view["facts"].as_str().unwrap().contains("十六度"));
    assert_eq!(view["can_withdraw"], false, "a look-up only reads");
    assert_eq!(
        detail(&sms).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the code works once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_look_up_shows_a_rating_and_a_review_request_but_not_the_petitioners_words() {
    use crate::helpers::{act_ok, staff};
    use crate::workflow::{DISTRICT_BUREAU, citizen_view, draft};
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let receipt = app.file_ok(&citizen.token).await;
    let number = receipt["number"].as_str().unwrap();
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    act_ok(&app, &head, number, json!({ "action": "accept_here" })).await;
    act_ok(&app, &head, number, draft()).await;
    act_ok(&app, &head, number, json!({ "action": "approve_reply" })).await;
    let comment = "邻居王某家里也一样冷";
    let reason = "我家住三楼，室温只有十二度";
    for (path, body) in [
        (
            "rating",
            json!({ "rating": "not_satisfied", "comment": comment }),
        ),
        ("review", json!({ "reason": reason })),
    ] {
        let res = app
            .post_json(
                &format!("/api/v1/petitions/{number}/{path}"),
                Some(&citizen.token),
                &body,
            )
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{path}");
    }
    let own = citizen_view(&app, &citizen.token, number).await.to_string();
    assert!(
        own.contains(comment) && own.contains(reason),
        "their page keeps them"
    );

    let text = app
        .post_json(
            "/api/v1/petitions/lookup",
            None,
            &json!({ "number": number, "query_code": receipt["query_code"] }),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        text.contains("评价答复") && text.contains("申请复查"),
        "the steps show: {text}"
    );
    assert!(text.contains("不满意"), "and the rating itself");
    for words in [comment, reason, "评价意见", "您的理由"] {
        assert!(!text.contains(words), "the look-up shows {words}: {text}");
    }
}
