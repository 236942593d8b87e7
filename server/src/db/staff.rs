//! Queries on staff accounts.

use sqlx::{AnyPool, Row};

pub struct NewStaff<'a> {
    pub unit_id: Option<i64>,
    pub username: &'a str,
    pub display_name: &'a str,
    pub roles: &'a str,
    pub password_hash: &'a str,
    pub created_at: i64,
}

/// Inserts a staff account; `None` when the username is taken.
pub async fn insert(pool: &AnyPool, s: NewStaff<'_>) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO staff (unit_id, username, display_name, roles, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING id",
    )
    .bind(s.unit_id)
    .bind(s.username)
    .bind(s.display_name)
    .bind(s.roles)
    .bind(s.password_hash)
    .bind(s.created_at)
    .fetch_optional(pool)
    .await?;
    row.map(|r| r.try_get(0)).transpose()
}

pub async fn count(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) FROM staff")
        .fetch_one(pool)
        .await?
        .try_get(0)
}
