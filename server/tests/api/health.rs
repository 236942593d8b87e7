use crate::helpers::spawn_app;
use server::db::Backend;
use sqlx::Row;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn liveness_and_readiness_answer_ok() {
    let app = spawn_app().await;
    for path in ["/health/live", "/health/ready"] {
        let res = app.get(path, None).await;
        assert_eq!(res.status(), 200, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys_on() {
    let app = spawn_app().await;
    if app.state.db.backend != Backend::Sqlite {
        return;
    }
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let journal: String = sqlx::query("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .unwrap()
        .get(0);
    let sync: i64 = sqlx::query("PRAGMA synchronous")
        .fetch_one(&mut *conn)
        .await
        .unwrap()
        .get(0);
    let fks: i64 = sqlx::query("PRAGMA foreign_keys")
        .fetch_one(&mut *conn)
        .await
        .unwrap()
        .get(0);
    assert_eq!((journal.as_str(), sync, fks), ("wal", 2, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_api_route_is_a_json_404() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/nothing-here", None).await;
    assert_eq!(res.status(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["kind"], "not_found");
}
