//! The authorization matrix: every REST route and every server function, called as every
//! kind of principal, against an expected allow/deny table. A route without a row fails.
//!
//! "Deny" is what a refused caller observes: 401, 403 or 404 (a petition one may not see
//! is "not found"). "Allow" is anything past the door, including a 409 or 422 when the
//! request itself is refused on its merits. Nothing may answer 5xx.

use std::collections::BTreeSet;

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{TestApp, act_ok, spawn_app, staff, staff_account, unit_id};

mod table;

use table::{Body, Row, WHO};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
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
    let (spare_user, _) = staff_account(&app, "东城区人力资源和社会保障局", "handler").await;
    let spare_id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE username = $1")
        .bind(&spare_user)
        .fetch_one(pool)
        .await
        .unwrap();
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
    let rows = table::rows(&table::Fixture {
        number: &number,
        code: &code,
        filing_body: &filing_body,
        citizen: &citizen,
        sibling_user: &sibling_user,
        sibling_password: &sibling_password,
        sibling_id,
        sibling_unit,
        spare_id,
    });

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
                    p if p.starts_with("/petitions/") || p.contains("/attachments/") => {
                        attachment.to_string()
                    }
                    // The unit that holds the petition: closing it is refused on its merits.
                    p if p.ends_with("/close") => housing.to_string(),
                    p if p.ends_with("/password-reset") => spare_id.to_string(),
                    p if p.starts_with("/admin/staff/") => sibling_id.to_string(),
                    // No case is published in the fixture: not found, for everyone alike.
                    p if p.starts_with("/cases/") => "999999".to_owned(),
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
