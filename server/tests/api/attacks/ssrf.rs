//! Server-side request forgery through the addresses an administrator configures: webhook
//! and partner URLs cannot point at this machine, the internal network or a cloud metadata
//! service, and a partner that answers with a redirect does not get it followed.

use std::sync::{Arc, Mutex};

use actix_web::{App, HttpResponse, HttpServer, web};
use reqwest::StatusCode;
use serde_json::json;
use server::jobs::outbox::{Channels, run_once};

use crate::helpers::{error_fields, spawn_app_with, staff};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_and_partners_cannot_be_pointed_at_internal_addresses() {
    let app = spawn_app_with(|s| s.notify.outbound_allow = Vec::new()).await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    for url in [
        "https://127.0.0.1:8080/admin",
        "https://localhost/hook",
        "https://10.0.0.5/admin",
        "https://192.168.1.10/",
        "https://169.254.169.254/latest/meta-data/",
        "https://100.100.100.200/latest/meta-data/",
        "https://[::1]/hook",
        "https://[fe80::1]/hook",
        "ftp://partner.example.cn/hook",
    ] {
        for path in ["/api/v1/admin/webhooks", "/api/v1/admin/partners"] {
            let res = app
                .post_json(
                    path,
                    Some(&admin),
                    &json!({ "name": "某系统", "url": url, "events": ["*"] }),
                )
                .await;
            assert_eq!(error_fields(res).await, ["url"], "{path} {url}");
        }
    }
    let res = app
        .post_json(
            "/api/v1/admin/webhooks",
            Some(&admin),
            &json!({ "name": "省信访信息系统", "url": "https://xf.example.gov.cn/hooks", "events": ["*"] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_from_a_partner_is_not_followed() {
    // The "partner" answers every call with a redirect to a second server, which counts
    // what reaches it.
    let reached = Arc::new(Mutex::new(0_u32));
    let counter = reached.clone();
    let inside = HttpServer::new(move || {
        let counter = counter.clone();
        App::new().default_service(web::to(move || {
            let counter = counter.clone();
            async move {
                *counter.lock().unwrap() += 1;
                HttpResponse::Ok().finish()
            }
        }))
    })
    .bind(("127.0.0.1", 0))
    .unwrap();
    let inside_port = inside.addrs()[0].port();
    tokio::spawn(inside.run());
    let redirecting = HttpServer::new(move || {
        App::new().default_service(web::to(move || async move {
            HttpResponse::TemporaryRedirect()
                .insert_header(("Location", format!("http://127.0.0.1:{inside_port}/admin")))
                .finish()
        }))
    })
    .bind(("127.0.0.1", 0))
    .unwrap();
    let port = redirecting.addrs()[0].port();
    tokio::spawn(redirecting.run());

    let app = spawn_app_with(|s| s.notify.worker = false).await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let res = app
        .post_json(
            "/api/v1/admin/webhooks",
            Some(&admin),
            &json!({ "name": "某系统", "url": format!("http://127.0.0.1:{port}/hook"), "events": ["*"] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let citizen = app.citizen().await;
    app.file_ok(&citizen.token).await;
    let channels = Channels::from_settings(&app.state).unwrap();
    run_once(&app.state, &channels, "w1").await.unwrap();
    assert_eq!(*reached.lock().unwrap(), 0, "the redirect was followed");
    let status: String = sqlx::query_scalar(
        "SELECT status FROM outbox WHERE channel = 'webhook' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_ne!(status, "sent");
}
