//! The canary: a petitioner with marker values files an accusation, it goes through every
//! step of the chain, and after each step everything the unit complained about can reach
//! (API, pages, server functions, in-app notifications) and everything the portal logged
//! is searched for the markers. None may appear.

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{TestApp, act_ok, logs, spawn_app, staff, unit_id};

const NAME: &str = "金丝雀";
const ADDRESS: &str = "示范市东城区金丝雀巷九十九号";
const FACTS: &str = "金丝雀事实标记：执法队员在检查中索要财物，并威胁不给就罚款。";
const REQUEST: &str = "金丝雀诉求标记：请依法查处。";
const FILE: &str = "金丝雀证据";

struct Canary {
    markers: Vec<String>,
}

impl Canary {
    /// Fails if `seen` carries any marker.
    fn check(&self, step: &str, seen: &str) {
        for m in &self.markers {
            assert!(
                !seen.contains(m.as_str()),
                "after {step}: the accused unit could see {m:?}"
            );
        }
    }
}

/// Every surface the accused unit's staff can reach, concatenated.
async fn reach(app: &TestApp, token: &str, number: &str) -> String {
    let mut seen = String::new();
    for path in [
        "/api/v1/staff/me".to_owned(),
        "/api/v1/notifications".to_owned(),
        "/api/v1/admin/outbox".to_owned(),
        "/api/v1/staff/petitions".to_owned(),
        "/api/v1/staff/petitions?status=handling".to_owned(),
        "/api/v1/staff/petitions?status=replied".to_owned(),
        "/api/v1/staff/petitions?kind=accusation".to_owned(),
        "/api/v1/staff/petitions.csv".to_owned(),
        "/api/v1/staff/petitions.csv?kind=accusation".to_owned(),
        format!("/api/v1/staff/petitions/{number}"),
        "/api/v1/admin/staff".to_owned(),
        "/api/v1/audit/verify".to_owned(),
        format!("/api/v1/petitions/{number}"),
    ] {
        let res = app.get(&path, Some(token)).await;
        assert!(res.status().as_u16() < 500, "{path}");
        seen.push_str(&res.text().await.unwrap());
    }
    for (path, body) in [
        (
            format!("/api/v1/staff/petitions/{number}/identity"),
            json!({ "reason": "想知道是谁举报的" }),
        ),
        (
            format!("/api/v1/staff/petitions/{number}/actions"),
            json!({ "action": "add_note", "body": "打探" }),
        ),
    ] {
        let res = app.post_json(&path, Some(token), &body).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        seen.push_str(&res.text().await.unwrap());
    }
    // Each of its files, through the staff door.
    let files: Vec<i64> = sqlx::query_scalar(
        "SELECT a.id FROM attachments a JOIN petitions p ON p.id = a.petition_id WHERE p.number = $1",
    )
    .bind(number)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    for id in files {
        let path = format!("/api/v1/staff/petitions/{number}/attachments/{id}");
        let res = app.get(&path, Some(token)).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        seen.push_str(&res.text().await.unwrap());
    }
    for page in [
        "/",
        "/my/petitions",
        &format!("/my/petitions/{number}"),
        &format!("/track/{number}"),
    ] {
        let res = app
            .client
            .get(app.url(page))
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, format!("access={token}"))
            .send()
            .await
            .unwrap();
        seen.push_str(&res.text().await.unwrap());
    }
    for f in ["/ui/petition", "/ui/tracked"] {
        let res = app
            .client
            .post(app.url(f))
            .header(header::COOKIE, format!("access={token}"))
            .form(&[("number", number)])
            .send()
            .await
            .unwrap();
        seen.push_str(&res.text().await.unwrap());
    }
    seen
}

fn draft(decision: &str) -> Value {
    json!({
        "action": "submit_draft",
        "facts": "经调查，反映的执法队员索要财物问题部分属实。",
        "reasons": "相关人员违反了执法纪律，已移交纪检监察机关处理。",
        "decision": decision,
        "legal_basis": "《中华人民共和国公职人员政务处分法》第三十三条"
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_of_the_petitioner_reaches_the_unit_complained_about_at_any_step() {
    let app = spawn_app().await;
    let id_number = crate::helpers::id_number();
    let phone = crate::helpers::phone();
    let code = app.sms_code(&phone, "register").await;
    let res = app
        .register(&json!({
            "real_name": NAME, "id_number": id_number, "phone": phone,
            "password": "金丝雀的密码-窗外的雨", "address": ADDRESS, "sms_code": code
        }))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let login: Value = app
        .login(&phone, "金丝雀的密码-窗外的雨")
        .await
        .json()
        .await
        .unwrap();
    let citizen = login["access_token"].as_str().unwrap().to_owned();
    let mut filing = app.filing().await;
    filing["kind"] = json!("accusation");
    filing["respondent"] = json!("东城区城市管理局执法队");
    filing["facts"] = json!(FACTS);
    filing["request"] = json!(REQUEST);
    let receipt: Value = app
        .file(&citizen, &filing, None)
        .await
        .json()
        .await
        .unwrap();
    let number = receipt["number"].as_str().unwrap().to_owned();
    let code = receipt["query_code"].as_str().unwrap().to_owned();
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec())
        .file_name(format!("{FILE}.pdf"))
        .mime_str("application/pdf")
        .unwrap();
    let res = app
        .client
        .post(app.url(&format!("/api/v1/petitions/{number}/attachments")))
        .bearer_auth(&citizen)
        .multipart(reqwest::multipart::Form::new().part("attachments", part))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    let canary = Canary {
        markers: vec![
            NAME.to_owned(),
            id_number.clone(),
            shared::person::mask_id_number(&id_number),
            phone.clone(),
            shared::person::mask_phone(&phone),
            shared::person::mask_name(NAME),
            ADDRESS.to_owned(),
            "金丝雀事实标记".to_owned(),
            "金丝雀诉求标记".to_owned(),
            FILE.to_owned(),
            code.clone(),
            code.replace('-', ""),
        ],
    };
    let accused = staff(
        &app,
        "东城区城市管理局",
        "intake,handler,unit_head,supervisor,leader",
    )
    .await;
    let intake = staff(&app, "东城区信访局", "intake,handler,unit_head").await;
    let handler = staff(&app, "东城区住房和城乡建设局", "handler").await;
    let head = staff(&app, "东城区住房和城乡建设局", "unit_head").await;
    let city = staff(&app, "示范市信访局", "intake,handler,unit_head,supervisor").await;
    let probe = |step: &'static str| {
        let (app, accused, number, canary) = (&app, &accused, &number, &canary);
        async move { canary.check(step, &reach(app, accused, number).await) }
    };
    probe("filing").await;

    let accused_unit = unit_id(&app, "东城区城市管理局").await;
    let housing = unit_id(&app, "东城区住房和城乡建设局").await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "set_accused", "unit_id": accused_unit }),
    )
    .await;
    act_ok(&app, &intake, &number, json!({ "action": "mark_group" })).await;
    probe("marking the accused unit").await;
    let res = app
        .post_json(
            &format!("/api/v1/staff/petitions/{number}/identity"),
            Some(&intake),
            &json!({ "reason": "核实信访人身份" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // The markers are real: those entitled do see them, so their absence below means something.
    let unmasked = res.text().await.unwrap();
    for m in [
        NAME,
        ADDRESS,
        "金丝雀事实标记",
        FILE,
        id_number.as_str(),
        phone.as_str(),
    ] {
        assert!(unmasked.contains(m), "the bureau's clerk sees {m}");
    }
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    probe("forwarding").await;
    act_ok(
        &app,
        &handler,
        &number,
        json!({ "action": "object", "reason": "不属于本单位职责" }),
    )
    .await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "dismiss_objection", "reason": "属于住建部门监管范围" }),
    )
    .await;
    probe("the objection").await;
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
        json!({ "action": "add_note", "body": "已约谈举报人金丝雀" }),
    )
    .await;
    act_ok(
        &app,
        &handler,
        &number,
        json!({ "action": "record_hearing", "days": 3, "note": "听证三日" }),
    )
    .await;
    act_ok(
        &app,
        &head,
        &number,
        json!({ "action": "extend", "days": 10, "reason": "需调取执法记录" }),
    )
    .await;
    act_ok(&app, &handler, &number, draft("support")).await;
    act_ok(
        &app,
        &head,
        &number,
        json!({ "action": "return_draft", "comment": "补充证据" }),
    )
    .await;
    act_ok(&app, &handler, &number, draft("support")).await;
    probe("handling").await;
    act_ok(
        &app,
        &city,
        &number,
        json!({ "action": "supervise", "body": "请加快办理" }),
    )
    .await;
    act_ok(&app, &head, &number, json!({ "action": "approve_reply" })).await;
    probe("the reply").await;

    for round in ["review", "re-review"] {
        let res = app
            .post_json(
                &format!("/api/v1/petitions/{number}/rating"),
                Some(&citizen),
                &json!({ "rating": "not_satisfied", "comment": "金丝雀不满意" }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{round}");
        let res = app
            .post_json(
                &format!("/api/v1/petitions/{number}/review"),
                Some(&citizen),
                &json!({ "reason": "金丝雀申请复查" }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{round}");
        let reviewer = if round == "review" { &intake } else { &city };
        act_ok(&app, reviewer, &number, draft("explain")).await;
        act_ok(
            &app,
            reviewer,
            &number,
            json!({ "action": "approve_reply" }),
        )
        .await;
        probe(round).await;
    }
    let res = app
        .post_json(
            &format!("/api/v1/petitions/{number}/rating"),
            Some(&citizen),
            &json!({ "rating": "basically_satisfied" }),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::CONFLICT,
        "the re-review answer closed the matter: it is final"
    );
    probe("closing").await;

    // The same petitioner on the same matter after the re-review: flagged and linked.
    let again: Value = app
        .file(&citizen, &filing, None)
        .await
        .json()
        .await
        .unwrap();
    let again = again["number"].as_str().unwrap().to_owned();
    let file: Value = app
        .get(&format!("/api/v1/staff/petitions/{again}"), Some(&intake))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(file["repeat_of"], number.as_str());
    assert!(file["timeline"].to_string().contains("第三十六条第三款"));
    probe("a repeat after the re-review").await;

    // The petitioner's data never went into a log line either (from any test so far).
    let logged = logs();
    assert!(logged.contains("workflow step"), "the log capture works");
    canary.check("the whole run, in the logs", &logged);
}
