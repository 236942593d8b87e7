//! Queries on staff accounts.

use shared::staff::Role;
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
    /// Signed in with a password an administrator handed out: it must be changed first.
    pub must_change_password: bool,
    pub disabled: bool,
}

const SELECT: &str = "SELECT s.id, s.username, s.display_name, s.roles, s.password_hash, s.unit_id, u.name AS unit, \
     s.must_change_password, s.disabled_at \
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
        must_change_password: r.try_get::<i64, _>("must_change_password")? != 0,
        disabled: r.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
    })
}

/// Marks the account's password as one handed out by an administrator.
pub async fn require_password_change(pool: &AnyPool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff SET must_change_password = 1 WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// A handed-out password (an administrator's reset): it works only to choose a new one.
pub async fn set_handed_out_password(
    tx: &mut super::Tx,
    id: i64,
    hash: &str,
) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE staff SET password_hash = $1, must_change_password = 1 WHERE id = $2")
            .bind(hash)
            .bind(id)
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1,
    )
}

/// The account's own new password; the handed-out one is gone.
pub async fn set_password(tx: &mut super::Tx, id: i64, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff SET password_hash = $1, must_change_password = 0 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Disables the account (`Some(now)`) or enables it again (`None`); false if there is none.
pub async fn set_disabled(
    tx: &mut super::Tx,
    id: i64,
    at: Option<i64>,
) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE staff SET disabled_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1,
    )
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

/// A staff member's second factor as stored.
pub struct TotpRow {
    pub secret_enc: Option<Vec<u8>>,
    pub enabled: bool,
    pub last_step: i64,
}

pub async fn totp(pool: &AnyPool, id: i64) -> Result<Option<TotpRow>, sqlx::Error> {
    sqlx::query("SELECT totp_secret_enc, totp_enabled, totp_last_step FROM staff WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .map(|r| {
            Ok(TotpRow {
                secret_enc: r.try_get(0)?,
                enabled: r.try_get::<i64, _>(1)? != 0,
                last_step: r.try_get(2)?,
            })
        })
        .transpose()
}

/// Stores a new, not yet confirmed secret; a bound one stays in force until confirmed.
pub async fn set_totp_secret(
    pool: &AnyPool,
    id: i64,
    secret_enc: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff SET totp_secret_enc = $1, totp_enabled = 0, totp_last_step = 0 WHERE id = $2 AND totp_enabled = 0")
        .bind(secret_enc)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Marks `step` used (and the factor enabled); false if that step or a later one was
/// used already, so two requests with one code cannot both pass.
pub async fn use_totp_step(pool: &AnyPool, id: i64, step: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE staff SET totp_last_step = $1, totp_enabled = 1 WHERE id = $2 AND totp_last_step < $1",
    )
    .bind(step)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn all(pool: &AnyPool) -> Result<Vec<StaffRow>, sqlx::Error> {
    let sql = format!("{SELECT} ORDER BY s.id");
    sqlx::query(&sql)
        .fetch_all(pool)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

pub async fn update_unit_and_roles(
    tx: &mut super::Tx,
    id: i64,
    unit: i64,
    roles: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE staff SET unit_id = $1, roles = $2 WHERE id = $3")
        .bind(unit)
        .bind(roles)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Unbinds a lost second factor; the staff member binds a new one at the next login.
pub async fn reset_totp(tx: &mut super::Tx, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE staff SET totp_secret_enc = NULL, totp_enabled = 0, totp_last_step = 0 WHERE id = $1",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The staff of a unit, for in-app notices addressed to it.
/// Every enabled staff member with the administrator role.
pub async fn administrator_ids(pool: &AnyPool) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, roles FROM staff WHERE disabled_at IS NULL ORDER BY id")
        .fetch_all(pool)
        .await?;
    let mut ids = Vec::new();
    for r in &rows {
        let roles: String = r.try_get(1)?;
        if roles
            .split(',')
            .any(|c| c.trim() == Role::Administrator.code())
        {
            ids.push(r.try_get(0)?);
        }
    }
    Ok(ids)
}

/// The enabled handlers and unit heads of `unit` who have not stepped aside from
/// `petition` (回避), by name: whom the case may be given to.
pub async fn workers_of_unit(
    pool: &AnyPool,
    unit: i64,
    petition: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, display_name, roles FROM staff WHERE unit_id = $1 AND disabled_at IS NULL \
         AND id NOT IN (SELECT staff_id FROM recusals WHERE petition_id = $2) \
         ORDER BY display_name, id",
    )
    .bind(unit)
    .bind(petition)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let roles: String = r.try_get(2)?;
        if Role::parse_list(&roles)
            .iter()
            .any(|r| matches!(r, Role::Handler | Role::UnitHead))
        {
            out.push((r.try_get(0)?, r.try_get(1)?));
        }
    }
    Ok(out)
}

/// The staff of `unit`, read in the transaction that changes them.
pub async fn ids_of_unit_in(tx: &mut super::Tx, unit: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query("SELECT id FROM staff WHERE unit_id = $1 ORDER BY id")
        .bind(unit)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect()
}

pub async fn ids_of_unit(pool: &AnyPool, unit: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query("SELECT id FROM staff WHERE unit_id = $1 ORDER BY id")
        .bind(unit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect()
}
