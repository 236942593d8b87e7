//! A petitioner without an account (a letter writer) answers the reply themselves: the
//! reply SMS says where, and the look-up page, once a texted code proved the phone on
//! file, takes their rating and their request for 复查.

use serde_json::{Value, json};

use super::{browser, local, page, post_form};
use crate::helpers::{act_ok, phone, spawn_app, staff};
use crate::workflow::{DISTRICT_BUREAU, case, draft};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_writer_rates_the_reply_and_asks_for_review_from_the_look_up_page() {
    let app = spawn_app().await;
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    let tel = phone();
    let letter = json!({
        "channel": "letter",
        "petitioner": {
            "real_name": "周小溪",
            "phone": tel,
            "address": "示范市东城区新桥街道一号院3号楼"
        },
        "petition": app.filing().await
    });
    let receipt: Value = app
        .post_json("/api/v1/staff/registrations", Some(&head), &letter)
        .await
        .json()
        .await
        .unwrap();
    let number = receipt["number"].as_str().unwrap().to_owned();
    let code = receipt["query_code"].as_str().unwrap().to_owned();
    act_ok(&app, &head, &number, json!({ "action": "accept_here" })).await;
    act_ok(&app, &head, &number, draft()).await;
    act_ok(&app, &head, &number, json!({ "action": "approve_reply" })).await;
    let today = server::time::today().to_string();
    act_ok(
        &app,
        &head,
        &number,
        json!({ "action": "record_delivery", "delivered_on": today }),
    )
    .await;
    // The text says how to answer without an account: the look-up and a texted code.
    let text = app.texts_to(&tel, "已作出书面答复").await;
    assert!(
        text.contains("办理查询") && text.contains("验证码") && !text.contains("请登录"),
        "{text}"
    );

    let b = browser();
    let fields = [("number", number.as_str()), ("query_code", code.as_str())];
    post_form(&app, &b, "/ui/lookup", "/lookup", &fields).await;
    let track = format!("/track/{number}");
    let (_, html) = page(&app, &b, &track).await;
    assert!(
        !html.contains("提交评价"),
        "no forms before the texted code"
    );
    // The number and query code alone do not rate: the code must have been texted.
    let rating = [("number", number.as_str()), ("rating", "not_satisfied")];
    let refused = post_form(&app, &b, "/ui/rate", &track, &rating).await;
    assert!(refused.contains("__err="), "{refused}");

    app.a_minute_later().await;
    let mark = app.inbox_mark().await;
    post_form(
        &app,
        &b,
        "/ui/lookup-code",
        &track,
        &[("number", number.as_str()), ("back", "1")],
    )
    .await;
    let sms = app.texts_after(mark, &tel, "验证码").await;
    let sms: String = sms.chars().filter(char::is_ascii_digit).take(6).collect();
    post_form(
        &app,
        &b,
        "/ui/unlock-detail",
        &track,
        &[("number", number.as_str()), ("sms_code", sms.as_str())],
    )
    .await;
    let (_, html) = page(&app, &b, &track).await;
    assert!(
        html.contains("提交评价") && html.contains("申请复查"),
        "{html}"
    );

    // Each answer brings the page back, without an error.
    let back = post_form(&app, &b, "/ui/rate", &track, &rating).await;
    assert!(
        local(&app, &back).starts_with(&track) && !back.contains("__err"),
        "{back}"
    );
    let reason = "整改后室温仍低于十六度，请求复查";
    let review = [("number", number.as_str()), ("reason", reason)];
    let back = post_form(&app, &b, "/ui/request-review", &track, &review).await;
    assert!(
        local(&app, &back).starts_with(&track) && !back.contains("__err"),
        "{back}"
    );
    let (_, html) = page(&app, &b, &track).await;
    assert!(
        html.contains("信访人对答复的评价：不满意"),
        "the timeline shows the rating"
    );
    assert!(html.contains("整改后室温仍低于十六度"), "and the request");
    assert!(
        !html.contains("提交评价") && !html.contains("f-review"),
        "rated and asked once"
    );

    // An SMS confirms the request: who answers it, and by when.
    let confirmed = app.texts_to(&tel, "复查申请已收到").await;
    assert!(confirmed.contains("示范市信访局"), "{confirmed}");

    // The body above has the review, its clock running from today; the audit trail names
    // the petitioner at the look-up, not a citizen account or a clerk.
    let city = staff(&app, "示范市信访局", "intake,unit_head,handler").await;
    let file: Value = case(&app, &city, &number).await.json().await.unwrap();
    assert_eq!(file["round"], "review");
    assert_eq!(file["unit"], "示范市信访局");
    let deadlines = file["deadlines"].as_array().unwrap();
    let review_clock = deadlines.iter().find(|d| d["label"] == "复查期限").unwrap();
    assert_eq!(review_clock["start"], today);
    let actors: Vec<String> = sqlx::query_scalar(
        "SELECT actor FROM audit_log WHERE action IN ('rate', 'request_review') ORDER BY seq",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(actors, ["petitioner:lookup", "petitioner:lookup"]);
}
