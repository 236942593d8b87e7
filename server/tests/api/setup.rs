//! What an administrator sees when installing: demo data only on request, and the first administrator.

use server::db::reference::{Table, count};

use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_production_start_creates_no_account_and_no_jurisdiction_but_the_category_tree() {
    let app = spawn_app_with(|s| s.demo = false).await;
    let pool = &app.state.db.pool;
    assert_eq!(server::db::staff::count(pool).await.unwrap(), 0);
    assert_eq!(count(pool, Table::Regions).await.unwrap(), 0);
    assert!(
        count(pool, Table::Categories).await.unwrap() > 20,
        "the default category tree is there"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_switch_fills_the_jurisdiction_and_staff_once() {
    let app = spawn_app().await;
    let pool = &app.state.db.pool;
    assert_eq!(server::db::staff::count(pool).await.unwrap(), 10);
    assert_eq!(count(pool, Table::Regions).await.unwrap(), 12);
    let again = server::seed::demo(&app.state).await.unwrap();
    assert!(
        again.is_empty(),
        "a second start creates nothing and prints no password"
    );
    assert_eq!(server::db::staff::count(pool).await.unwrap(), 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_makes_one_administrator_with_a_password_shown_once() {
    let app = spawn_app_with(|s| s.demo = false).await;
    let first =
        server::services::staff::create(&app.state, None, "chief", "系统管理员", "administrator")
            .await
            .unwrap();
    let password = first.expect("created");
    assert!(password.len() >= 16);
    let stored: String =
        sqlx::query_scalar("SELECT password_hash FROM staff WHERE username = 'chief'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains(&password));
    let second = server::services::staff::create(&app.state, None, "chief", "x", "administrator")
        .await
        .unwrap();
    assert_eq!(second, None, "the same username is not created twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_in_memory_sqlite_database_is_refused_with_a_reason() {
    // Reads and writes use two pools; two in-memory databases would silently differ.
    let settings = server::config::DatabaseSettings {
        url: "sqlite::memory:".to_owned().into(),
        max_connections: 2,
    };
    let err = server::db::Db::connect(&settings)
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("must name a SQLite file"), "{err}");
}
