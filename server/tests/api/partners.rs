//! A department's own case system as the portal's partner: the case is pushed when it is
//! forwarded to the department, signed, without the petitioner; the partner reports
//! acceptance, progress and the reply back through the signed inbound API, and the
//! citizen sees them like any internal step. Bad, replayed and foreign reports change nothing.

use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use reqwest::StatusCode;
use serde_json::{Value, json};
use server::jobs::outbox::{Channels, run_once};
use server::notify::webhook;

use crate::helpers::{TestApp, act_ok, spawn_app_with, staff, unit_id};
use crate::workflow::{HOUSING, citizen_view, message};

/// (webhook-id, webhook-timestamp, webhook-signature, body) of every push received.
type Pushes = Arc<Mutex<Vec<(String, String, String, String)>>>;

/// The partner's case system: keeps every push and answers with its own case id.
async fn case_system() -> (String, Pushes) {
    let pushes: Pushes = Arc::default();
    let seen = pushes.clone();
    let server = HttpServer::new(move || {
        let seen = seen.clone();
        App::new().route(
            "/hz/cases",
            web::post().to(move |req: HttpRequest, body: web::Bytes| {
                let seen = seen.clone();
                async move {
                    let h = |n: &str| {
                        req.headers()
                            .get(n)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_owned()
                    };
                    let body = String::from_utf8_lossy(&body).into_owned();
                    let push = (
                        h("webhook-id"),
                        h("webhook-timestamp"),
                        h("webhook-signature"),
                        body,
                    );
                    seen.lock().unwrap().push(push);
                    HttpResponse::Ok().json(json!({ "external_id": "HZ-2026-0042" }))
                }
            }),
        )
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let url = format!("http://127.0.0.1:{}/hz", server.addrs()[0].port());
    tokio::spawn(server.run());
    (url, pushes)
}

struct Partner {
    id: i64,
    key: Vec<u8>,
}

impl Partner {
    /// Posts `body` signed with this partner's key (or as `sign` says), at `age` seconds ago.
    async fn post_raw(
        &self,
        app: &TestApp,
        id: &str,
        body: &str,
        age: i64,
        signature: Option<&str>,
    ) -> reqwest::Response {
        let ts = chrono::Utc::now().timestamp() - age;
        let sig = signature.map_or_else(|| webhook::sign(&self.key, id, ts, body), str::to_owned);
        app.client
            .post(app.url(&format!("/api/v1/partners/{}/reports", self.id)))
            .header("webhook-id", id)
            .header("webhook-timestamp", ts.to_string())
            .header("webhook-signature", sig)
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
            .await
            .unwrap()
    }

    async fn report(&self, app: &TestApp, id: &str, body: &Value) -> reqwest::Response {
        self.post_raw(app, id, &body.to_string(), 0, None).await
    }
}

async fn timeline(app: &TestApp, token: &str, number: &str) -> Vec<Value> {
    citizen_view(app, token, number).await["progress"]["timeline"]
        .as_array()
        .unwrap()
        .clone()
}

/// A partner system the administrator registers; the secret is in this answer only.
async fn register_partner(app: &TestApp, admin: &str, name: &str, url: &str) -> Partner {
    let res = app
        .post_json(
            "/api/v1/admin/partners",
            Some(admin),
            &json!({ "name": name, "url": url }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let view: Value = res.json().await.unwrap();
    Partner {
        id: view["id"].as_i64().unwrap(),
        key: webhook::decode_secret(view["secret"].as_str().unwrap()).unwrap(),
    }
}

/// A partner system as the administrator sets it up, with `HOUSING` handled in it.
async fn partner(app: &TestApp, url: &str) -> Partner {
    let admin = staff(app, "示范市信访局", "administrator").await;
    let partner = register_partner(app, &admin, "区住建局业务系统", url).await;
    let housing = unit_id(app, HOUSING).await;
    let res = app
        .client
        .put(app.url(&format!("/api/v1/admin/units/{housing}/partner")))
        .bearer_auth(&admin)
        .json(&json!({ "partner_id": partner.id }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let listed: Value = app
        .get("/api/v1/admin/partners", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert!(listed[0]["secret"].is_null(), "the secret is shown once");
    partner
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_forwarded_to_a_partner_system_is_pushed_and_its_reports_reach_the_citizen() {
    let (url, pushes) = case_system().await;
    let app = spawn_app_with(|s| s.notify.worker = false).await;
    let channels = Channels::from_settings(&app.state).unwrap();
    let partner = partner(&app, &url).await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = staff(&app, crate::workflow::DISTRICT_BUREAU, "intake").await;
    let housing = unit_id(&app, HOUSING).await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    run_once(&app.state, &channels, "w1").await.unwrap();

    // The partner got the matter, signed, and not the petitioner.
    let got = pushes.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    let (id, ts, sig, body) = &got[0];
    assert_eq!(
        sig,
        &webhook::sign(&partner.key, id, ts.parse().unwrap(), body)
    );
    let case: Value = serde_json::from_str(body).unwrap();
    assert_eq!(case["number"], number.as_str());
    assert_eq!(case["type"], "case.forwarded");
    assert!(
        case["facts"].as_str().unwrap().contains("供热公司反映未果"),
        "{case}"
    );
    assert!(
        case["callback_url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/api/v1/partners/{}/reports", partner.id))
    );
    assert!(!body.contains(&citizen.phone) && !body.contains(&citizen.id_number));
    assert!(!body.contains(&citizen.real_name));
    let external: Option<String> =
        sqlx::query_scalar("SELECT external_id FROM petitions WHERE number = $1")
            .bind(&number)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(external.as_deref(), Some("HZ-2026-0042"));

    // 受理: the handling clock starts, the citizen sees who accepted and until when.
    let accepted = json!({ "type": "accepted", "number": number });
    let res = partner.report(&app, "msg-1", &accepted).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "taken");
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert_eq!(view["progress"]["status"], "handling");
    assert!(
        view["progress"]["timeline"]
            .to_string()
            .contains(&format!("{HOUSING}已受理"))
    );
    assert!(
        view["progress"]["deadlines"]
            .to_string()
            .contains("办理期限"),
        "the clock runs: {view}"
    );

    // The same message again (a retry, or a replay inside the window) changes nothing.
    let before = timeline(&app, &citizen.token, &number).await.len();
    let res = partner.report(&app, "msg-1", &accepted).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "duplicate");
    assert_eq!(timeline(&app, &citizen.token, &number).await.len(), before);

    let progress =
        json!({ "type": "progress", "number": number, "text": "已约谈供热公司，正在整改" });
    assert_eq!(
        partner.report(&app, "msg-2", &progress).await.status(),
        StatusCode::OK
    );
    assert!(
        timeline(&app, &citizen.token, &number)
            .await
            .iter()
            .any(|e| e.to_string().contains("已约谈供热公司，正在整改"))
    );

    let replied = json!({ "type": "replied", "number": number, "reply": {
        "facts": "经现场核查，该小区供暖温度确实低于国家标准。",
        "reasons": "供热公司未按合同约定保障供暖质量，应当整改。",
        "decision": "support",
        "legal_basis": "《城镇供热管理条例》第二十条"
    }});
    assert_eq!(
        partner.report(&app, "msg-3", &replied).await.status(),
        StatusCode::OK
    );
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert_eq!(view["progress"]["status"], "replied");
    assert!(
        view["replies"]
            .to_string()
            .contains("供热公司未按合同约定保障供暖质量")
    );
    assert_eq!(view["can_rate"], true);
    // The petitioner is told, as for an internal reply.
    let queued: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE template = 'replied' AND channel = 'sms'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(queued, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsigned_wrongly_signed_expired_malformed_or_foreign_reports_change_nothing() {
    let (url, _pushes) = case_system().await;
    let app = spawn_app_with(|s| s.notify.worker = false).await;
    let partner = partner(&app, &url).await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let accepted = json!({ "type": "accepted", "number": number }).to_string();

    // Not forwarded to the partner's unit yet: to the partner the petition does not exist.
    let res = partner.post_raw(&app, "m0", &accepted, 0, None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let intake = staff(&app, crate::workflow::DISTRICT_BUREAU, "intake").await;
    let housing = unit_id(&app, HOUSING).await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    let before = timeline(&app, &citizen.token, &number).await;

    let unsigned = app
        .client
        .post(app.url(&format!("/api/v1/partners/{}/reports", partner.id)))
        .header("content-type", "application/json")
        .body(accepted.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), StatusCode::UNAUTHORIZED);
    assert!(message(unsigned).await.contains("webhook-id"));

    let wrong = partner
        .post_raw(
            &app,
            "m1",
            &accepted,
            0,
            Some("v1,c2lnbmVkIGJ5IHNvbWVib2R5IGVsc2U="),
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(message(wrong).await.contains("签名不正确"));

    let old = partner.post_raw(&app, "m2", &accepted, 600, None).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    assert!(message(old).await.contains("过期"));

    // Signed by the partner but for another body: the signature covers the body.
    let ts = chrono::Utc::now().timestamp();
    let sig = webhook::sign(&partner.key, "m3", ts, &accepted);
    let tampered = app
        .client
        .post(app.url(&format!("/api/v1/partners/{}/reports", partner.id)))
        .header("webhook-id", "m3")
        .header("webhook-timestamp", ts.to_string())
        .header("webhook-signature", sig)
        .body(
            json!({ "type": "progress", "number": number, "text": "伪造的进展说明文字" })
                .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(tampered.status(), StatusCode::UNAUTHORIZED);

    let malformed = partner
        .post_raw(&app, "m4", "{\"type\": \"accepted\"", 0, None)
        .await;
    assert_eq!(malformed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = partner
        .post_raw(
            &app,
            "m5",
            &json!({ "type": "closed", "number": number }).to_string(),
            0,
            None,
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // A reply before acceptance does not fit the state: refused, with the rule.
    let early = json!({ "type": "replied", "number": number, "reply": {
        "facts": "经现场核查情况属实。", "reasons": "理由充分应当支持。",
        "decision": "support", "legal_basis": "《城镇供热管理条例》第二十条"
    }});
    assert_eq!(
        partner.report(&app, "m6", &early).await.status(),
        StatusCode::CONFLICT
    );

    // Another partner, with a valid signature of its own, does not reach this case.
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let other = register_partner(&app, &admin, "别的系统", &url).await;
    assert_eq!(
        other
            .post_raw(&app, "m7", &accepted, 0, None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    assert_eq!(timeline(&app, &citizen.token, &number).await, before);
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert_eq!(view["progress"]["status"], "forwarded");
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM partner_inbound")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(taken, 0);
}
