//! The handling workflow as clerks, handlers, heads and petitioners observe it: routing,
//! forwarding, replies, extensions, rating and review, races, the firewall, the audit chain.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, act, act_ok, spawn_app, staff, unit_id};

const DISTRICT_BUREAU: &str = "东城区信访局";
const HOUSING: &str = "东城区住房和城乡建设局";

async fn message(res: reqwest::Response) -> String {
    res.json::<Value>().await.unwrap()["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn case(app: &TestApp, token: &str, number: &str) -> reqwest::Response {
    app.get(&format!("/api/v1/staff/petitions/{number}"), Some(token))
        .await
}

fn draft() -> Value {
    json!({
        "action": "submit_draft",
        "facts": "经现场核查，该小区供暖温度确实低于国家标准。",
        "reasons": "供热公司未按合同约定保障供暖质量，应当整改。",
        "decision": "support",
        "legal_basis": "《城镇供热管理条例》第二十条"
    })
}

async fn citizen_view(app: &TestApp, token: &str, number: &str) -> Value {
    app.get(&format!("/api/v1/petitions/{number}"), Some(token))
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_petition_is_routed_forwarded_answered_rated_and_reviewed_one_level_up() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok(&citizen.token).await["number"]
        .as_str()
        .unwrap()
        .to_owned();
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

    // Asking for review before rating 不满意 is refused; after it, the body above handles it.
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
    let res = review(json!({ "reason": "供暖仍未改善" })).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
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

#[tokio::test]
async fn one_extension_of_at_most_thirty_days_approved_by_the_head() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok(&citizen.token).await["number"]
        .as_str()
        .unwrap()
        .to_owned();
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

#[tokio::test]
async fn two_clerks_forwarding_at_once_exactly_one_wins() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok(&citizen.token).await["number"]
        .as_str()
        .unwrap()
        .to_owned();
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

#[tokio::test]
async fn a_designated_unit_cannot_object_again() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok(&citizen.token).await["number"]
        .as_str()
        .unwrap()
        .to_owned();
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

#[tokio::test]
async fn the_unit_complained_about_never_sees_an_accusation_and_unmasking_is_recorded() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let mut body = app.filing().await;
    body["kind"] = json!("accusation");
    body["respondent"] = json!("东城区住建局某科长");
    let res = app.file(&citizen.token, &body, None).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let number = res.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let accused_head = staff(&app, HOUSING, "unit_head,handler,intake").await;
    let housing = unit_id(&app, HOUSING).await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "set_accused", "unit_id": housing }),
    )
    .await;
    // Routing moves above the accused unit, and forwarding to it is refused.
    let file: Value = case(&app, &intake, &number).await.json().await.unwrap();
    assert_eq!(file["proposed_unit"][1], DISTRICT_BUREAU);
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

#[tokio::test]
async fn a_changed_or_deleted_audit_record_is_detected() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok(&citizen.token).await["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let intake = staff(&app, DISTRICT_BUREAU, "intake,handler").await;
    act_ok(&app, &intake, &number, json!({ "action": "mark_group" })).await;
    act_ok(&app, &intake, &number, json!({ "action": "accept_here" })).await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "add_note", "body": "第四条记录" }),
    )
    .await;
    let pool = &app.state.db.pool;
    let report = server::audit::verify(pool, &app.state.vault).await.unwrap();
    assert_eq!(report.problem, None);
    assert!(report.checked >= 3);

    sqlx::query("UPDATE audit_log SET actor = 'staff:999' WHERE seq = 2")
        .execute(pool)
        .await
        .unwrap();
    let report = server::audit::verify(pool, &app.state.vault).await.unwrap();
    assert!(report.problem.unwrap().contains("第2条记录的内容已被改动"));
}

#[tokio::test]
async fn a_deleted_last_audit_record_is_detected() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    app.file_ok(&citizen.token).await;
    let pool = &app.state.db.pool;
    sqlx::query("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)")
        .execute(pool)
        .await
        .unwrap();
    let report = server::audit::verify(pool, &app.state.vault).await.unwrap();
    assert!(report.problem.unwrap().contains("末尾"));
}

#[tokio::test]
async fn a_review_after_its_window_is_refused_with_the_rule() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok(&citizen.token).await["number"]
        .as_str()
        .unwrap()
        .to_owned();
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

/// Two petitions accepted by the district bureau: one still being handled, one replied.
/// Returns the citizen, the bureau's head and the two numbers (late, replied).
async fn late_and_replied(app: &TestApp) -> (crate::helpers::Citizen, String, String, String) {
    let citizen = app.citizen().await;
    let mut numbers = Vec::new();
    for _ in 0..2 {
        numbers.push(
            app.file_ok(&citizen.token).await["number"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let head = staff(app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    for n in &numbers {
        act_ok(app, &head, n, json!({ "action": "accept_here" })).await;
    }
    let replied = numbers.pop().unwrap();
    act_ok(app, &head, &replied, draft()).await;
    act_ok(app, &head, &replied, json!({ "action": "approve_reply" })).await;
    (citizen, head, numbers.pop().unwrap(), replied)
}

#[tokio::test]
async fn the_clock_job_flags_overdue_once_even_on_two_instances_and_closes_lapsed_replies() {
    let app = spawn_app().await;
    let (citizen, head, late, replied) = late_and_replied(&app).await;
    let pool = &app.state.db.pool;
    sqlx::query("UPDATE petitions SET due_on = '2026-01-05' WHERE number = $1 OR number = $2")
        .bind(&late)
        .bind(&replied)
        .execute(pool)
        .await
        .unwrap();

    // Two instances run the job at the same moment.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let (a, b) = tokio::join!(
        server::jobs::clocks::run(&app.state, today),
        server::jobs::clocks::run(&app.state, today)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.overdue + b.overdue, 1);
    assert_eq!(a.closed + b.closed, 1);
    let again = server::jobs::clocks::run(&app.state, today).await.unwrap();
    assert_eq!(
        again,
        server::jobs::clocks::Run::default(),
        "nothing is raised twice"
    );

    let file: Value = case(&app, &head, &late).await.json().await.unwrap();
    assert_eq!(file["clock"], "overdue");
    let overdue = file["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["title"] == "超期")
        .count();
    assert_eq!(overdue, 1);
    assert!(
        file["timeline"]
            .to_string()
            .contains("已提请示范市信访局督办"),
        "escalated to the unit above"
    );
    let view = citizen_view(&app, &citizen.token, &replied).await;
    assert_eq!(view["progress"]["status"], "closed");
    assert!(
        !view["progress"]["timeline"].to_string().contains("超期"),
        "internal flags stay internal"
    );
}

#[tokio::test]
async fn a_clerk_registers_a_letter_and_the_petitioner_can_follow_it_by_number_and_code() {
    let app = spawn_app().await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let petition = app.filing().await;
    let letter = json!({
        "channel": "letter",
        "petitioner": { "real_name": "赵大山", "phone": crate::helpers::phone() },
        "petition": petition
    });
    // A letter without a postal address cannot be answered: refused, nothing created.
    let res = app
        .post_json("/api/v1/staff/registrations", Some(&intake), &letter)
        .await;
    assert_eq!(
        crate::helpers::error_fields(res).await,
        vec!["petitioner.address"]
    );
    let mut letter = letter;
    letter["petitioner"]["address"] = json!("示范市东城区新桥街道一号院3号楼");
    let res = app
        .post_json("/api/v1/staff/registrations", Some(&intake), &letter)
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    let number = receipt["number"].as_str().unwrap();
    let res = app
        .post_json(
            "/api/v1/petitions/lookup",
            None,
            &json!({ "number": number, "query_code": receipt["query_code"] }),
        )
        .await;
    assert!(res.status().is_success());
    let file: Value = case(&app, &intake, number).await.json().await.unwrap();
    assert_eq!(file["channel"], "letter");
    assert_eq!(file["petitioner"]["name"], "赵**");

    // A citizen cannot use the clerks' door.
    let citizen = app.citizen().await;
    let res = app
        .post_json("/api/v1/staff/registrations", Some(&citizen.token), &letter)
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_supervision_notice_is_answered_in_writing_by_the_handling_unit_once() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok(&citizen.token).await["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let handler = staff(&app, HOUSING, "handler").await;
    let supervisor = staff(&app, "示范市信访局", "supervisor").await;
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
        json!({ "action": "receive_accept" }),
    )
    .await;
    // A handler cannot supervise; the city's supervisor can.
    let res = act(
        &app,
        &handler,
        &number,
        json!({ "action": "supervise", "body": "请加快" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    act_ok(
        &app,
        &supervisor,
        &number,
        json!({ "action": "supervise", "body": "群众反映强烈，请五日内书面答复" }),
    )
    .await;
    let file: Value = case(&app, &handler, &number).await.json().await.unwrap();
    assert!(
        file["allowed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "answer_supervision")
    );
    let notice = file["supervision"][0]["id"].as_i64().unwrap();
    let answer = json!({ "action": "answer_supervision", "notice_id": notice, "answer": "已约谈物业公司，本周内完成整改。" });
    let res = act(&app, &supervisor, &number, answer.clone()).await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "the supervisor does not answer their own notice"
    );
    act_ok(&app, &handler, &number, answer.clone()).await;
    assert_eq!(
        act(&app, &handler, &number, answer).await.status(),
        StatusCode::CONFLICT,
        "answered once"
    );
    let file: Value = case(&app, &supervisor, &number).await.json().await.unwrap();
    assert_eq!(
        file["supervision"][0]["answer"],
        "已约谈物业公司，本周内完成整改。"
    );
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert!(
        view["progress"]["timeline"]
            .to_string()
            .contains("上级机关已对您的信访事项进行督办")
    );
}

#[tokio::test]
async fn a_co_handling_unit_sees_the_case_gives_its_opinion_once_and_the_lead_reads_it() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok(&citizen.token).await["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let handler = staff(&app, HOUSING, "handler").await;
    let co = staff(&app, "东城区城市管理局", "handler").await;
    let other = staff(&app, "东城区民政局", "handler").await;
    let housing = unit_id(&app, HOUSING).await;
    let urban = unit_id(&app, "东城区城市管理局").await;
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
        json!({ "action": "receive_accept" }),
    )
    .await;
    assert_eq!(
        case(&app, &co, &number).await.status(),
        StatusCode::NOT_FOUND,
        "not theirs yet"
    );
    // A sub-deadline after the main one is refused.
    let late = act(
        &app,
        &handler,
        &number,
        json!({ "action": "add_co_handler", "unit_id": urban, "due": "2099-01-01" }),
    )
    .await;
    assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let due = (chrono::Utc::now() + chrono::Duration::days(10))
        .date_naive()
        .to_string();
    act_ok(
        &app,
        &handler,
        &number,
        json!({ "action": "add_co_handler", "unit_id": urban, "due": due }),
    )
    .await;
    // The co-handler finds it in its queue and case file, and answers once.
    let queue = app
        .get("/api/v1/staff/petitions", Some(&co))
        .await
        .text()
        .await
        .unwrap();
    assert!(queue.contains(&number));
    let file: Value = case(&app, &co, &number).await.json().await.unwrap();
    assert!(
        file["allowed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "co_opinion")
    );
    let opinion = json!({ "action": "co_opinion", "opinion": "该路段夜间施工已责令停止。" });
    assert_eq!(
        act(&app, &other, &number, opinion.clone()).await.status(),
        StatusCode::NOT_FOUND
    );
    act_ok(&app, &co, &number, opinion.clone()).await;
    assert_eq!(
        act(&app, &co, &number, opinion).await.status(),
        StatusCode::CONFLICT
    );
    let file: Value = case(&app, &handler, &number).await.json().await.unwrap();
    assert_eq!(
        file["co_handlers"][0]["opinion"],
        "该路段夜间施工已责令停止。"
    );
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert!(
        view["progress"]["timeline"]
            .to_string()
            .contains("商请东城区城市管理局协助办理")
    );
}

/// `portal verify-audit`, run as an operator would against the test's database.
fn verify_command(app: &TestApp) -> std::process::Output {
    use secrecy::ExposeSecret;
    let settings = &app.state.settings;
    std::process::Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("verify-audit")
        .env("APP_DATA_DIR", &settings.data_dir)
        .env("APP_DATABASE__URL", settings.database.url.expose_secret())
        .env("APP_LOG__FILTER", "error")
        .output()
        .expect("run portal verify-audit")
}

#[tokio::test]
async fn the_verify_command_reports_a_tampered_record_and_fails() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok(&citizen.token).await["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    act_ok(&app, &intake, &number, json!({ "action": "mark_group" })).await;
    let ok = verify_command(&app);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("审计链完整"));

    sqlx::query("UPDATE audit_log SET action = 'nothing' WHERE seq = 1")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let bad = verify_command(&app);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).contains("第1条记录的内容已被改动"));
}

#[tokio::test]
async fn the_petitioner_is_reminded_before_the_review_window_closes_and_units_hear_of_overdue() {
    let app = spawn_app().await;
    let (_, _, late, replied) = late_and_replied(&app).await;
    let pool = &app.state.db.pool;
    for (number, due) in [(&replied, "2026-03-03"), (&late, "2026-02-01")] {
        sqlx::query("UPDATE petitions SET due_on = $1 WHERE number = $2")
            .bind(due)
            .bind(number)
            .execute(pool)
            .await
            .unwrap();
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let run = server::jobs::clocks::run(&app.state, today).await.unwrap();
    assert_eq!((run.reminded, run.overdue), (1, 1));
    let again = server::jobs::clocks::run(&app.state, today).await.unwrap();
    assert_eq!(
        again,
        server::jobs::clocks::Run::default(),
        "each is said once"
    );
    let count = |template: &'static str, channel: &'static str| async move {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM outbox WHERE template = $1 AND channel = $2",
        )
        .bind(template)
        .bind(channel)
        .fetch_one(pool)
        .await
        .unwrap()
    };
    assert_eq!(
        count("review_closing", "sms").await,
        1,
        "the petitioner gets an SMS"
    );
    assert_eq!(
        count("overdue", "inapp").await,
        2,
        "the holding unit and the one above"
    );
}
