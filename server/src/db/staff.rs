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

/// A staff account with the name of its unit.
pub struct StaffRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub roles: String,
    pub password_hash: String,
    pub unit_id: Option<i64>,
    pub unit: Option<String>,
}

const SELECT: &str = "SELECT s.id, s.username, s.display_name, s.roles, s.password_hash, s.unit_id, u.name AS unit \
     FROM staff s LEFT JOIN units u ON u.id = s.unit_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<StaffRow, sqlx::Error> {
    Ok(StaffRow {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        roles: r.try_get("roles")?,
        password_hash: r.try_get("password_hash")?,
        unit_id: r.try_get("unit_id")?,
        unit: r.try_get("unit")?,
    })
}

pub async fn by_username(pool: &AnyPool, username: &str) -> Result<Option<StaffRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE s.username = $1");
    sqlx::query(&sql)
        .bind(username)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<StaffRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE s.id = $1");
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}
