//! 公开案例 as a clerk publishes one and the public reads it: personal details taken out
//! (and refused while left), never an accusation, never without consent or before the end.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Citizen, TestApp, act_ok, spawn_app, staff};
use crate::workflow::{DISTRICT_BUREAU, HOUSING, draft, message};

/// Files `body` for `citizen`, and has the district bureau accept, answer with `reply` and
/// (after the petitioner's window for a review ran out) close it. Returns its number.
async fn closed_matter(
    app: &TestApp,
    citizen: &Citizen,
    body: &Value,
    clerk: &str,
    reply: Value,
) -> String {
    let number = app.file_number(&citizen.token, body).await;
    act_ok(app, clerk, &number, json!({ "action": "accept_here" })).await;
    act_ok(app, clerk, &number, reply).await;
    act_ok(app, clerk, &number, json!({ "action": "approve_reply" })).await;
    let later = server::time::today() + chrono::Days::new(45);
    server::jobs::clocks::run(&app.state, later).await.unwrap();
    number
}

fn publication(number: &str) -> String {
    format!("/api/v1/staff/petitions/{number}/publication")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_publishes_a_consented_case_without_personal_details_and_anyone_reads_it() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let clerk = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    let mut body = app.filing().await;
    body["publish_consent"] = json!(true);
    body["facts"] = json!(format!(
        "我是{}，电话{}，住幸福小区3号楼2单元501室。入冬以来室内温度一直低于十六度，物业李经理说没办法。",
        citizen.real_name, citizen.phone
    ));
    let number = closed_matter(&app, &citizen, &body, &clerk, draft()).await;

    // The clerk's starting point: the details replaced, and said so.
    let res = app.get(&publication(&number), Some(&clerk)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let d: Value = res.json().await.unwrap();
    let facts = d["suggested"]["facts"].as_str().unwrap();
    assert!(
        facts.starts_with("我是王某，电话[电话]，住幸福小区[门牌]。"),
        "{facts}"
    );
    assert!(!facts.contains(&citizen.phone) && !facts.contains(&citizen.real_name));
    assert!(
        d["original"]["facts"]
            .as_str()
            .unwrap()
            .contains(&citizen.phone)
    );
    assert!(
        d["found"].to_string().contains("电话号码"),
        "{}",
        d["found"]
    );
    assert_eq!(d["published"], Value::Null);

    // Texts that still hold a phone number or the petitioner's name are refused, by field.
    let mut texts = d["suggested"].clone();
    texts["facts"] = d["original"]["facts"].clone();
    texts["answer"] = json!(format!(
        "{}的诉求已解决。经查，供热公司已整改。",
        citizen.real_name
    ));
    let res = app
        .post_json(&publication(&number), Some(&clerk), &texts)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: Value = res.json().await.unwrap();
    let text = refused.to_string();
    assert!(
        text.contains("facts") && text.contains("电话号码"),
        "{text}"
    );
    assert!(text.contains("answer") && text.contains("姓名"), "{text}");

    let res = app
        .post_json(&publication(&number), Some(&clerk), &d["suggested"])
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let again = app
        .post_json(&publication(&number), Some(&clerk), &d["suggested"])
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    // Anyone reads it: no name, phone or ID number, and the place only to the county.
    let list: Value = app.get("/api/v1/cases", None).await.json().await.unwrap();
    assert_eq!(list["items"][0]["id"], id);
    let case: Value = app
        .get(&format!("/api/v1/cases/{id}"), None)
        .await
        .json()
        .await
        .unwrap();
    let page = case.to_string();
    for secret in [&citizen.real_name, &citizen.phone, &citizen.id_number] {
        assert!(!page.contains(secret.as_str()), "{page}");
    }
    assert!(page.contains("处理意见：支持"), "{page}");
    assert_eq!(case["unit"], DISTRICT_BUREAU);
    assert!(
        case["region"].as_str().unwrap().ends_with('区'),
        "{}",
        case["region"]
    );
    // Its category's list has it, another category's (not one above it) does not.
    let choices = list["categories"].as_array().unwrap();
    let name = |c: &Value| c["name"].as_str().unwrap().to_owned();
    let own = choices
        .iter()
        .find(|c| name(c).ends_with(case["category"].as_str().unwrap()))
        .unwrap();
    let other = choices
        .iter()
        .find(|c| !name(own).starts_with(&name(c)))
        .unwrap()["id"]
        .clone();
    let same: Value = app
        .get(&format!("/api/v1/cases?category_id={}", own["id"]), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(same["items"][0]["id"], id);
    let filtered: Value = app
        .get(&format!("/api/v1/cases?category_id={other}"), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(filtered["items"], json!([]));
    // The petitioner's timeline says it was published.
    let view = crate::workflow::citizen_view(&app, &citizen.token, &number).await;
    assert!(
        view["progress"]["timeline"]
            .to_string()
            .contains("作为案例公开")
    );
    let res = app.get("/api/v1/cases/999999", None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accusation_a_case_without_consent_or_an_open_one_is_never_published() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let clerk = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    // Without consent (the filing's default).
    let body = app.filing().await;
    let number = closed_matter(&app, &citizen, &body, &clerk, draft()).await;
    let res = app.get(&publication(&number), Some(&clerk)).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(message(res).await.contains("没有同意公开"));
    // Still open.
    let mut body = app.filing().await;
    body["publish_consent"] = json!(true);
    let open = app
        .file(&citizen.token, &body, None)
        .await
        .json::<Value>()
        .await
        .unwrap();
    let res = app
        .get(&publication(open["number"].as_str().unwrap()), Some(&clerk))
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(message(res).await.contains("办结后"));
    // An accusation, consent or not: the clerk of the body handling it is refused.
    let mut body = app.filing().await;
    body["kind"] = json!("accusation");
    body["respondent"] = json!("某街道办事处工作人员");
    body["publish_consent"] = json!(true);
    let accusation = app.file_number(&citizen.token, &body).await;
    let discipline = staff(
        &app,
        crate::firewall::DISTRICT_DISCIPLINE,
        "intake,unit_head,handler",
    )
    .await;
    let res = app.get(&publication(&accusation), Some(&discipline)).await;
    assert!(
        matches!(res.status(), StatusCode::CONFLICT | StatusCode::NOT_FOUND),
        "{}",
        res.status()
    );
    // A handler does not publish; the texts are not even shown to them.
    let mut body = app.filing().await;
    body["publish_consent"] = json!(true);
    let number = closed_matter(&app, &citizen, &body, &clerk, draft()).await;
    let handler = staff(&app, HOUSING, "handler").await;
    let res = app.get(&publication(&number), Some(&handler)).await;
    assert!(matches!(
        res.status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    let list: Value = app.get("/api/v1/cases", None).await.json().await.unwrap();
    assert_eq!(list["items"], json!([]), "nothing was published");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_adopted_suggestion_is_listed_among_the_peoples_suggestions() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let clerk = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    let mut body = app.filing().await;
    body["publish_consent"] = json!(true);
    let appeal = closed_matter(&app, &citizen, &body, &clerk, draft()).await;
    body["kind"] = json!("suggestion");
    body["title"] = json!("建议在小区增设电动车充电桩");
    let mut adopted = draft();
    adopted["decision"] = json!("partly_adopted");
    let suggestion = closed_matter(&app, &citizen, &body, &clerk, adopted).await;
    for number in [&appeal, &suggestion] {
        let d: Value = app
            .get(&publication(number), Some(&clerk))
            .await
            .json()
            .await
            .unwrap();
        let res = app
            .post_json(&publication(number), Some(&clerk), &d["suggested"])
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let all: Value = app.get("/api/v1/cases", None).await.json().await.unwrap();
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let adopted: Value = app
        .get("/api/v1/cases?adopted=true", None)
        .await
        .json()
        .await
        .unwrap();
    let items = adopted["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["title"], "建议在小区增设电动车充电桩");
    assert_eq!(items[0]["adopted"], "部分采纳");
}
