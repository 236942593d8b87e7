//! The authorization matrix: every REST route and every server function, called as every
//! kind of principal, against an expected allow/deny table. A route without a row fails.
//!
//! "Deny" is what a refused caller observes: 401, 403 or 404 (a petition one may not see
//! is "not found"). "Allow" is anything past the door, including a 409 or 422 when the
//! request itself is refused on its merits. Nothing may answer 5xx.

use std::collections::BTreeSet;

use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{TestApp, act_ok, phone, spawn_app, staff, staff_account, unit_id};

/// The principals, in the order of the table's columns.
const WHO: [&str; 11] = [
    "anonymous",
    "citizen",
    "other citizen",
    "intake clerk",
    "handler",
    "unit head",
    "sibling unit",
    "accused unit",
    "supervisor",
    "administrator",
    "auditor",
];

enum Body {
    Empty,
    Json(Value),
    Form(Vec<(&'static str, String)>),
    Pdf,
}

struct Row {
    method: Method,
    /// As in the OpenAPI document (REST, without `/api/v1`) or the server function path.
    path: &'static str,
    body: Body,
    expect: &'static str,
}

fn row(method: Method, path: &'static str, body: Body, expect: &'static str) -> Row {
    assert_eq!(expect.len(), WHO.len(), "{path}");
    Row {
        method,
        path,
        body,
        expect,
    }
}

#[tokio::test]
async fn every_route_answers_every_principal_as_the_table_says() {
    let app = spawn_app().await;
    let pool = &app.state.db.pool;

    // A petition of `citizen`: an accusation against the district's urban management
    // bureau, forwarded by the district bureau to the housing bureau, which accepted it.
    let citizen = app.citizen().await;
    let other = app.citizen().await;
    let mut filing = app.filing().await;
    filing["kind"] = json!("accusation");
    filing["respondent"] = json!("东城区城市管理局某执法队");
    let res = app.file(&citizen.token, &filing, None).await;
    let receipt: Value = res.json().await.unwrap();
    let number = receipt["number"].as_str().unwrap().to_owned();
    let code = receipt["query_code"].as_str().unwrap().to_owned();
    let intake = staff(&app, "东城区信访局", "intake").await;
    let handler = staff(&app, "东城区住房和城乡建设局", "handler").await;
    let head = staff(&app, "东城区住房和城乡建设局", "unit_head").await;
    let sibling = staff(
        &app,
        "东城区人力资源和社会保障局",
        "intake,handler,unit_head",
    )
    .await;
    let accused = staff(&app, "东城区城市管理局", "intake,handler,unit_head").await;
    let supervisor = staff(&app, "示范市信访局", "supervisor").await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let auditor = staff(&app, "示范市信访局", "auditor").await;
    let accused_unit = unit_id(&app, "东城区城市管理局").await;
    let housing = unit_id(&app, "东城区住房和城乡建设局").await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "set_accused", "unit_id": accused_unit }),
    )
    .await;
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
    let res = app
        .client
        .post(app.url(&format!("/api/v1/petitions/{number}/attachments")))
        .bearer_auth(&citizen.token)
        .multipart(pdf())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let attachment: i64 = sqlx::query_scalar("SELECT MAX(id) FROM attachments")
        .fetch_one(pool)
        .await
        .unwrap();
    let (sibling_user, sibling_password) =
        staff_account(&app, "东城区人力资源和社会保障局", "handler").await;
    let sibling_id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE username = $1")
        .bind(&sibling_user)
        .fetch_one(pool)
        .await
        .unwrap();
    let sibling_unit = unit_id(&app, "东城区人力资源和社会保障局").await;
    // Subscription 1, so that its delivery log exists.
    let res = app
        .post_json(
            "/api/v1/admin/webhooks",
            Some(&admin),
            &json!({ "name": "测试订阅", "url": "http://127.0.0.1:9/", "events": ["*"] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    let tokens: [Option<&str>; 11] = [
        None,
        Some(&citizen.token),
        Some(&other.token),
        Some(&intake),
        Some(&handler),
        Some(&head),
        Some(&sibling),
        Some(&accused),
        Some(&supervisor),
        Some(&admin),
        Some(&auditor),
    ];
    let filing_body = app.filing().await;
    use Body::*;
    let get = Method::GET;
    let post = Method::POST;
    let put = Method::PUT;
    // Columns: anon, citizen, other, intake, handler, head, sibling, accused, supervisor, admin, auditor
    let rows = vec![
        row(
            post.clone(),
            "/accounts",
            Json(
                json!({ "real_name": "李四", "id_number": crate::helpers::id_number(), "phone": phone(), "password": "绿色台灯-窗外的雪" }),
            ),
            "AAAAAAAAAAA",
        ),
        row(get.clone(), "/accounts/me", Empty, "DAADDDDDDDD"),
        row(
            put.clone(),
            "/accounts/me/password",
            Json(
                json!({ "current_password": "不是这个密码-123", "new_password": "绿色台灯-窗外的雪" }),
            ),
            "DAADDDDDDDD",
        ),
        row(
            put.clone(),
            "/accounts/me/phone",
            Json(json!({ "phone": "1", "sms_code": "1", "password": "" })),
            "DAADDDDDDDD",
        ),
        row(get.clone(), "/accounts/me/channels", Empty, "DAADDDDDDDD"),
        row(
            put.clone(),
            "/accounts/me/channels",
            Json(json!({ "sms": true, "email": true })),
            "DAADDDDDDDD",
        ),
        // Anyone may ask for a code (for a malformed number: a 422 naming it).
        row(
            post.clone(),
            "/verification-codes",
            Json(json!({ "phone": "1", "purpose": "register" })),
            "AAAAAAAAAAA",
        ),
        row(get.clone(), "/admin/calendar", Empty, "DDDDDDDDDAD"),
        row(
            put.clone(),
            "/admin/calendar/{year}",
            Json(json!({ "text": "not a calendar" })),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/admin/categories",
            Json(json!({ "name": "" })),
            "DDDDDDDDDAD",
        ),
        row(get.clone(), "/admin/staff", Empty, "DDDDDDDDDAD"),
        row(
            post.clone(),
            "/admin/staff",
            Json(
                json!({ "username": "x", "display_name": "某", "unit_id": sibling_unit, "roles": [] }),
            ),
            "DDDDDDDDDAD",
        ),
        row(
            put.clone(),
            "/admin/staff/{id}",
            Json(json!({ "unit_id": sibling_unit, "roles": ["handler"] })),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/admin/staff/{id}/totp/reset",
            Empty,
            "DDDDDDDDDAD",
        ),
        row(get.clone(), "/admin/units", Empty, "DDDDDDDDDAD"),
        row(
            post.clone(),
            "/admin/units",
            Json(json!({ "region_id": 1, "name": "", "kind": "department" })),
            "DDDDDDDDDAD",
        ),
        row(
            put.clone(),
            "/admin/units/{id}/competences",
            Json(json!({ "category_ids": [999999] })),
            "DDDDDDDDDAD",
        ),
        row(get.clone(), "/audit/verify", Empty, "DDDDDDDDDDA"),
        row(get.clone(), "/petitions", Empty, "DAADDDDDDDD"),
        row(
            post.clone(),
            "/petitions",
            Json(filing_body.clone()),
            "DAADDDDDDDD",
        ),
        row(
            post.clone(),
            "/petitions/lookup",
            Json(json!({ "number": number, "query_code": code })),
            "AAAAAAAAAAA",
        ),
        // Number and query code open these to anyone (the code goes to the phone on file).
        row(
            post.clone(),
            "/petitions/lookup/code",
            Json(json!({ "number": number, "query_code": code })),
            "AAAAAAAAAAA",
        ),
        row(
            post.clone(),
            "/petitions/lookup/detail",
            Json(json!({ "number": number, "query_code": code, "sms_code": "000000" })),
            "AAAAAAAAAAA",
        ),
        row(get.clone(), "/petitions/{number}", Empty, "DADDDDDDDDD"),
        row(
            post.clone(),
            "/petitions/{number}/attachments",
            Pdf,
            "DADDDDDDDDD",
        ),
        row(
            get.clone(),
            "/petitions/{number}/attachments/{id}",
            Empty,
            "DADDDDDDDDD",
        ),
        row(
            post.clone(),
            "/petitions/{number}/rating",
            Json(json!({ "rating": "satisfied" })),
            "DADDDDDDDDD",
        ),
        row(
            post.clone(),
            "/petitions/{number}/review",
            Json(json!({ "reason": "不服" })),
            "DADDDDDDDDD",
        ),
        row(
            post.clone(),
            "/petitions/{number}/withdraw",
            Empty,
            "DADDDDDDDDD",
        ),
        row(get.clone(), "/reference", Empty, "AAAAAAAAAAA"),
        row(
            post.clone(),
            "/sessions",
            Json(json!({ "phone": citizen.phone, "password": citizen.password })),
            "AAAAAAAAAAA",
        ),
        // A bogus refresh token is refused whoever presents it.
        row(
            post.clone(),
            "/sessions/refresh",
            Json(json!({ "refresh_token": "bogus" })),
            "DDDDDDDDDDD",
        ),
        row(get.clone(), "/staff/me", Empty, "DDDAAAAAAAA"),
        row(post.clone(), "/staff/me/totp", Empty, "DDDAAAAAAAA"),
        row(
            post.clone(),
            "/staff/me/totp/confirm",
            Json(json!({ "code": "000000" })),
            "DDDAAAAAAAA",
        ),
        row(get.clone(), "/staff/petitions", Empty, "DDDAAAAAADD"),
        row(
            get.clone(),
            "/staff/petitions/{number}",
            Empty,
            "DDDAAADDADD",
        ),
        row(
            post.clone(),
            "/staff/petitions/{number}/actions",
            Json(json!({ "action": "add_note", "body": "矩阵测试的内部备注" })),
            "DDDDAADDDDD",
        ),
        row(
            post.clone(),
            "/staff/petitions/{number}/identity",
            Json(json!({ "reason": "核实身份以便电话回访" })),
            "DDDAAADDDDD",
        ),
        row(
            post.clone(),
            "/staff/registrations",
            Json(
                json!({ "channel": "visit", "petitioner": { "real_name": "周七", "phone": phone() }, "petition": filing_body }),
            ),
            "DDDADDDDDDD",
        ),
        row(
            post.clone(),
            "/staff/sessions",
            Json(json!({ "username": sibling_user, "password": sibling_password })),
            "AAAAAAAAAAA",
        ),
        row(get.clone(), "/notifications", Empty, "DAAAAAAAAAA"),
        row(get.clone(), "/admin/outbox", Empty, "DDDDDDDDDAD"),
        // Retrying a message that is not dead is refused on its merits (409).
        row(
            post.clone(),
            "/admin/outbox/{id}/retry",
            Empty,
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/admin/webhooks",
            Json(json!({ "name": "x", "url": "not a url", "events": [] })),
            "DDDDDDDDDAD",
        ),
        row(get.clone(), "/admin/webhooks", Empty, "DDDDDDDDDAD"),
        row(
            get.clone(),
            "/admin/webhooks/{id}/deliveries",
            Empty,
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/admin/partners",
            Json(json!({ "name": "x", "url": "not a url" })),
            "DDDDDDDDDAD",
        ),
        row(get.clone(), "/admin/partners", Empty, "DDDDDDDDDAD"),
        row(
            put.clone(),
            "/admin/units/{id}/partner",
            Json(json!({ "partner_id": 999_999 })),
            "DDDDDDDDDAD",
        ),
        // Partners sign their reports; a bearer token opens nothing here.
        row(
            post.clone(),
            "/partners/{id}/reports",
            Json(json!({ "type": "accepted", "number": "x" })),
            "DDDDDDDDDDD",
        ),
        // Server functions (the web UI's door): citizens' cookies open them; staff tokens do not.
        row(post.clone(), "/ui/whoami", Form(vec![]), "AAAAAAAAAAA"),
        row(
            post.clone(),
            "/ui/register",
            Form(vec![("real_name", "王五".into())]),
            "AAAAAAAAAAA",
        ),
        row(
            post.clone(),
            "/ui/login",
            Form(vec![
                ("phone", citizen.phone.clone()),
                ("password", citizen.password.clone()),
            ]),
            "AAAAAAAAAAA",
        ),
        row(post.clone(), "/ui/reference", Form(vec![]), "AAAAAAAAAAA"),
        row(post.clone(), "/ui/form-key", Form(vec![]), "AAAAAAAAAAA"),
        row(post.clone(), "/ui/submit-petition", Pdf, "DAADDDDDDDD"),
        row(post.clone(), "/ui/receipt", Form(vec![]), "AAAAAAAAAAA"),
        row(
            post.clone(),
            "/ui/my-petitions",
            Form(vec![]),
            "DAADDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/my-notifications",
            Form(vec![]),
            "DAADDDDDDDD",
        ),
        row(post.clone(), "/ui/my-channels", Form(vec![]), "DAADDDDDDDD"),
        row(
            post.clone(),
            "/ui/save-channels",
            Form(vec![("sms", "on".into())]),
            "DAADDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/change-phone",
            Form(vec![
                ("phone", "1".into()),
                ("sms_code", "1".into()),
                ("password", "x".into()),
            ]),
            "DAADDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/petition",
            Form(vec![("number", number.clone())]),
            "DADDDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/lookup",
            Form(vec![
                ("number", number.clone()),
                ("query_code", code.clone()),
            ]),
            "AAAAAAAAAAA",
        ),
        // A demo portal's SMS inbox is open to anyone (a production portal has none).
        row(post.clone(), "/ui/dev-sms", Form(vec![]), "AAAAAAAAAAA"),
        row(
            post.clone(),
            "/ui/send-code",
            Form(vec![("phone", "1".into()), ("purpose", "register".into())]),
            "AAAAAAAAAAA",
        ),
        row(
            post.clone(),
            "/ui/tracked",
            Form(vec![("number", number.clone())]),
            "DDDDDDDDDDD",
        ),
        // Without this browser's look-up grant: nothing is sent or unlocked.
        row(
            post.clone(),
            "/ui/lookup-code",
            Form(vec![("number", number.clone())]),
            "DDDDDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/unlock-detail",
            Form(vec![
                ("number", number.clone()),
                ("sms_code", "000000".into()),
            ]),
            "DDDDDDDDDDD",
        ),
        // Answers "nothing unlocked" to every browser without the grant.
        row(
            post.clone(),
            "/ui/tracked-detail",
            Form(vec![("number", number.clone())]),
            "AAAAAAAAAAA",
        ),
        row(
            post.clone(),
            "/ui/rate",
            Form(vec![
                ("number", number.clone()),
                ("rating", "satisfied".into()),
            ]),
            "DADDDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/request-review",
            Form(vec![
                ("number", number.clone()),
                ("reason", "不服答复".into()),
            ]),
            "DADDDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/staff-login",
            Form(vec![
                ("username", sibling_user.clone()),
                ("password", sibling_password.clone()),
            ]),
            "AAAAAAAAAAA",
        ),
        row(post.clone(), "/ui/staff-me", Form(vec![]), "AAAAAAAAAAA"),
        row(post.clone(), "/ui/staff-queue", Form(vec![]), "DDDAAAAAADD"),
        row(
            post.clone(),
            "/ui/staff-case",
            Form(vec![("number", number.clone())]),
            "DDDAAADDADD",
        ),
        row(post.clone(), "/ui/staff-units", Form(vec![]), "DDDAAAAADDD"),
        row(
            post.clone(),
            "/ui/staff-identity",
            Form(vec![
                ("number", number.clone()),
                ("reason", "核实身份以便回访".into()),
            ]),
            "DDDAAADDDDD",
        ),
        row(
            post.clone(),
            "/ui/staff-act",
            Form(vec![
                ("number", number.clone()),
                ("action", "add_note".into()),
                ("text", "矩阵测试备注".into()),
            ]),
            "DDDDAADDDDD",
        ),
        row(post.clone(), "/ui/totp-setup", Form(vec![]), "DDDAAAAAAAA"),
        row(
            post.clone(),
            "/ui/totp-confirm",
            Form(vec![("code", "000000".into())]),
            "DDDAAAAAAAA",
        ),
        row(post.clone(), "/ui/admin-units", Form(vec![]), "DDDDDDDDDAD"),
        row(
            post.clone(),
            "/ui/admin-create-unit",
            Form(vec![
                ("parent_id", String::new()),
                ("region_id", "1".into()),
                ("name", String::new()),
                ("kind", "department".into()),
            ]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-competence",
            Form(vec![
                ("unit_id", sibling_unit.to_string()),
                ("category_id", "999999".into()),
                ("add", "false".into()),
            ]),
            "DDDDDDDDDAD",
        ),
        row(post.clone(), "/ui/admin-staff", Form(vec![]), "DDDDDDDDDAD"),
        row(
            post.clone(),
            "/ui/admin-create-staff",
            Form(vec![
                ("username", "x".into()),
                ("display_name", "某".into()),
                ("unit_id", sibling_unit.to_string()),
            ]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-update-staff",
            Form(vec![
                ("staff_id", sibling_id.to_string()),
                ("unit_id", sibling_unit.to_string()),
                ("role_handler", "on".into()),
            ]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-reset-totp",
            Form(vec![("staff_id", sibling_id.to_string())]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-create-category",
            Form(vec![("parent_id", String::new()), ("name", String::new())]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-calendar",
            Form(vec![]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-put-calendar",
            Form(vec![
                ("year", "2027".into()),
                ("text", "not a calendar".into()),
            ]),
            "DDDDDDDDDAD",
        ),
        // Last: these end the caller's session.
        row(Method::DELETE, "/sessions/current", Empty, "DAAAAAAAAAA"),
        row(post.clone(), "/ui/logout", Form(vec![]), "AAAAAAAAAAA"),
    ];

    // Every route has exactly one row, and every row is a route.
    let doc: Value = app
        .get("/api/v1/openapi.json", None)
        .await
        .json()
        .await
        .unwrap();
    let mut routes = BTreeSet::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            routes.insert(format!("{} {path}", method.to_uppercase()));
        }
    }
    for (path, method) in leptos::server_fn::actix::server_fn_paths() {
        routes.insert(format!("{method} {path}"));
    }
    let covered: BTreeSet<String> = rows
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(covered.len(), rows.len(), "a route has two rows");
    assert_eq!(
        routes, covered,
        "routes (left) and the table's rows (right) differ"
    );

    let mut wrong = Vec::new();
    for r in &rows {
        let path = r
            .path
            .replace("{number}", &number)
            .replace("{year}", "2027")
            .replace(
                "{id}",
                &match r.path {
                    p if p.starts_with("/petitions/") => attachment.to_string(),
                    p if p.starts_with("/admin/staff/") => sibling_id.to_string(),
                    p if p.starts_with("/admin/outbox/") || p.starts_with("/admin/webhooks/") => {
                        "1".to_owned()
                    }
                    _ => sibling_unit.to_string(),
                },
            );
        let mut seen = String::new();
        for (i, token) in tokens.iter().enumerate() {
            let outcome = call(&app, r, &path, *token).await;
            seen.push(outcome);
            if outcome != r.expect.as_bytes()[i] as char {
                wrong.push(format!(
                    "{} {} as {}: expected {}",
                    r.method,
                    r.path,
                    WHO[i],
                    r.expect.as_bytes()[i] as char
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn pdf() -> reqwest::multipart::Form {
    let part = reqwest::multipart::Part::bytes(
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec(),
    )
    .file_name("材料.pdf")
    .mime_str("application/pdf")
    .unwrap();
    reqwest::multipart::Form::new().part("attachments", part)
}

/// 'A' or 'D' as `token`'s holder observes the call.
async fn call(app: &TestApp, r: &Row, path: &str, token: Option<&str>) -> char {
    let server_fn = path.starts_with("/ui/");
    let url = if server_fn {
        app.url(path)
    } else {
        app.url(&format!("/api/v1{path}"))
    };
    let mut req = app
        .client
        .request(r.method.clone(), url)
        .header(header::ACCEPT, "application/json");
    if let Some(t) = token {
        req = if server_fn {
            req.header(header::COOKIE, format!("access={t}"))
        } else {
            req.bearer_auth(t)
        };
    }
    req = match &r.body {
        Body::Empty => req,
        Body::Json(v) => req.json(v),
        Body::Form(f) => req.form(f),
        Body::Pdf => req.multipart(pdf()),
    };
    let res = req.send().await.unwrap();
    let status = res.status();
    let text = res.text().await.unwrap_or_default();
    if !server_fn {
        assert!(
            status.as_u16() < 500,
            "{} {path} answered {status}: {text}",
            r.method
        );
        return if matches!(status.as_u16(), 401 | 403 | 404) {
            'D'
        } else {
            'A'
        };
    }
    if status.is_success() || status.is_redirection() {
        return 'A';
    }
    let body: Value =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path} answered {status}: {text}"));
    match body["kind"].as_str() {
        Some("unauthenticated" | "forbidden" | "not_found") => 'D',
        _ => 'A',
    }
}
