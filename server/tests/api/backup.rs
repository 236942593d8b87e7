//! The restore drill: a backup taken while citizens are filing is a consistent copy (every
//! filing acknowledged before it started, no torn transaction, rows identical to the
//! live database's), restores into an empty database and starts a portal that answers.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use server::config::Settings;
use server::startup::Application;
use sqlx::Row;

use crate::helpers::{TestApp, spawn_app};

/// (number, query code) of every filing acknowledged so far.
type Acknowledged = Arc<std::sync::Mutex<Vec<(String, String)>>>;

fn start_filing(
    app: &Arc<TestApp>,
    token: &str,
    stop: &Arc<AtomicBool>,
    acked: &Acknowledged,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..3)
        .map(|w| {
            let (app, token, stop, acked) =
                (app.clone(), token.to_owned(), stop.clone(), acked.clone());
            tokio::spawn(async move {
                let body = app.filing().await;
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let res = app
                        .file(&token, &body, Some(&format!("drill-{w}-{n}")))
                        .await;
                    assert_eq!(res.status(), StatusCode::CREATED);
                    let r: Value = res.json().await.unwrap();
                    acked.lock().unwrap().push((
                        r["number"].as_str().unwrap().to_owned(),
                        r["query_code"].as_str().unwrap().to_owned(),
                    ));
                }
            })
        })
        .collect()
}

async fn rows(pool: &sqlx::AnyPool, sql: &str) -> HashMap<i64, String> {
    sqlx::query(sql)
        .fetch_all(pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get::<i64, _>(0), r.get::<String, _>(1)))
        .collect()
}

const PETITIONS: &str =
    "SELECT id, number || '|' || title || '|' || status || '|' || acceptance_due FROM petitions";
const AUDIT: &str =
    "SELECT seq, action || '|' || actor || '|' || COALESCE(petition_id, 0) FROM audit_log";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_under_write_load_restores_to_the_same_rows_and_starts() {
    let app = Arc::new(spawn_app().await);
    let citizen = app.citizen().await;
    let before = app.file_ok(&citizen.token).await;
    // One with a file: the backup carries the attachments too.
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let form = reqwest::multipart::Form::new()
        .text("petition", app.filing().await.to_string())
        .part(
            "attachments",
            reqwest::multipart::Part::bytes(pdf.clone()).file_name("证明.pdf"),
        );
    let res = app
        .client
        .post(app.url("/api/v1/petitions"))
        .bearer_auth(&citizen.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let with_file = res.json::<serde_json::Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let stop = Arc::new(AtomicBool::new(false));
    let acked: Acknowledged = Arc::default();
    let filers = start_filing(&app, &citizen.token, &stop, &acked);
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let acked_before = acked.lock().unwrap().clone();
    assert!(
        !acked_before.is_empty(),
        "filings go on while the backup runs"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("portal.backup");
    let settings = &app.state.settings;
    let attachments = settings.data_dir.join("attachments");
    server::backup::backup(&app.state.db, &settings.database, &attachments, &file)
        .await
        .expect("an online backup");
    // Writers kept going during the copy and go on after it.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    for f in filers {
        f.await.unwrap();
    }

    // Restore into a new, empty database beside the live one, with the same master key.
    let mut restored = Settings::clone(settings);
    restored.data_dir = dir.path().join("restored");
    std::fs::create_dir_all(&restored.data_dir).unwrap();
    std::fs::copy(
        settings.data_dir.join("master.key"),
        restored.data_dir.join("master.key"),
    )
    .unwrap();
    restored.database.url =
        SecretString::from(crate::helpers::database_url(&restored.data_dir).await);
    let summary = server::backup::restore(
        &restored.database,
        &restored.data_dir.join("attachments"),
        &file,
    )
    .await
    .expect("the backup restores");
    assert!(
        summary.petitions >= 2,
        "the copy holds the filings made before it"
    );

    let portal = Application::build(restored.clone())
        .await
        .expect("a portal on the copy");
    let copy = portal.state.clone();
    let address = format!("http://127.0.0.1:{}", portal.port());
    tokio::spawn(portal.run_until_stopped());

    // Same rows: every row of the copy is the live database's row, unchanged.
    let live_petitions = rows(&app.state.db.pool, PETITIONS).await;
    let copy_petitions = rows(&copy.db.pool, PETITIONS).await;
    assert_eq!(copy_petitions.len() as i64, summary.petitions);
    let copied: std::collections::HashSet<&str> = copy_petitions
        .values()
        .map(|r| r.split('|').next().unwrap())
        .collect();
    for (number, _) in &acked_before {
        assert!(
            copied.contains(number.as_str()),
            "{number}, acknowledged before the backup, is missing"
        );
    }
    for (id, row) in &copy_petitions {
        assert_eq!(live_petitions.get(id), Some(row), "petition {id} differs");
    }
    let live_audit = rows(&app.state.db.pool, AUDIT).await;
    for (seq, row) in rows(&copy.db.pool, AUDIT).await {
        assert_eq!(
            live_audit.get(&seq),
            Some(&row),
            "audit record {seq} differs"
        );
    }
    // No torn transaction: each filing in the copy has its audit entry and its notice,
    // and the audit chain of the copy verifies.
    let torn: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM petitions p WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.petition_id = p.id) \
         OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.petition_id = p.id)",
    )
    .fetch_one(&copy.db.pool)
    .await
    .unwrap();
    assert_eq!(torn, 0);
    let chain = server::audit::verify(&copy.db.pool, &copy.vault)
        .await
        .unwrap();
    assert!(chain.problem.is_none(), "{:?}", chain.problem);

    // The restored portal answers a look-up of a filing made before the backup.
    let res = app
        .client
        .post(format!("{address}/api/v1/petitions/lookup"))
        .json(&json!({ "number": before["number"], "query_code": before["query_code"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    // The restored portal serves the attachment filed before the backup, as filed.
    let detail: serde_json::Value = app
        .client
        .get(format!("{address}/api/v1/petitions/{with_file}"))
        .bearer_auth(&citizen.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = detail["attachments"][0]["id"].as_i64().unwrap();
    let res = app
        .client
        .get(format!(
            "{address}/api/v1/petitions/{with_file}/attachments/{id}"
        ))
        .bearer_auth(&citizen.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().as_ref(), pdf.as_slice());

    // A backup never overwrites, and a restore never writes over a database.
    assert!(
        server::backup::backup(&app.state.db, &settings.database, &attachments, &file)
            .await
            .is_err()
    );
    if restored.database.url.expose_secret().starts_with("sqlite") {
        assert!(
            server::backup::restore(
                &restored.database,
                &restored.data_dir.join("attachments"),
                &file
            )
            .await
            .is_err()
        );
    }
}
