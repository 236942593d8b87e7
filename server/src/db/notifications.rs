//! Where delivered messages land inside the portal: the in-app notices (站内消息) with
//! their read marks, and the embedded SMS provider's inbox of a demo portal.

use sqlx::{AnyPool, Row};

/// Delivers an in-app message; a redelivery of the same outbox row is ignored.
#[expect(
    clippy::too_many_arguments,
    reason = "one column per argument, as the notification centre stores it"
)]
pub async fn insert_notification(
    pool: &AnyPool,
    principal: &str,
    principal_id: i64,
    petition_id: Option<i64>,
    title: &str,
    body: &str,
    outbox_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notifications (principal, principal_id, petition_id, title, body, created_at, outbox_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (outbox_id, principal, principal_id) DO NOTHING",
    )
    .bind(principal)
    .bind(principal_id)
    .bind(petition_id)
    .bind(title)
    .bind(body)
    .bind(now)
    .bind(outbox_id)
    .execute(pool)
    .await?;
    Ok(())
}

pub struct NotificationRow {
    pub id: i64,
    pub petition_id: Option<i64>,
    pub title: String,
    pub body: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

pub async fn notifications(
    pool: &AnyPool,
    principal: &str,
    id: i64,
    limit: i64,
) -> Result<Vec<NotificationRow>, sqlx::Error> {
    sqlx::query(
        "SELECT id, petition_id, title, body, created_at, read_at FROM notifications \
         WHERE principal = $1 AND principal_id = $2 ORDER BY id DESC LIMIT $3",
    )
    .bind(principal)
    .bind(id)
    .bind(limit)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        Ok(NotificationRow {
            id: r.try_get("id")?,
            petition_id: r.try_get("petition_id")?,
            title: r.try_get("title")?,
            body: r.try_get("body")?,
            created_at: r.try_get("created_at")?,
            read_at: r.try_get("read_at")?,
        })
    })
    .collect()
}

/// How many in-app notices of a principal are unread.
pub async fn unread_notifications(
    pool: &AnyPool,
    principal: &str,
    id: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "SELECT COUNT(*) FROM notifications WHERE principal = $1 AND principal_id = $2 \
         AND read_at IS NULL",
    )
    .bind(principal)
    .bind(id)
    .fetch_one(pool)
    .await?
    .try_get(0)
}

/// Marks a principal's notices up to `up_to` (their newest seen) as read.
pub async fn mark_read(
    pool: &AnyPool,
    principal: &str,
    id: i64,
    up_to: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE notifications SET read_at = $1 WHERE principal = $2 AND principal_id = $3 \
         AND id <= $4 AND read_at IS NULL",
    )
    .bind(now)
    .bind(principal)
    .bind(id)
    .bind(up_to)
    .execute(pool)
    .await?;
    Ok(())
}

/// Keeps a text of the embedded SMS provider; a resend with the same key is ignored.
pub async fn insert_sms(
    pool: &AnyPool,
    phone_enc: &[u8],
    template: &str,
    body: &str,
    idem_key: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sms_inbox (phone_enc, template, body, idem_key, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (idem_key) DO NOTHING",
    )
    .bind(phone_enc)
    .bind(template)
    .bind(body)
    .bind(idem_key)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn sms_inbox(
    pool: &AnyPool,
    limit: i64,
) -> Result<Vec<(Vec<u8>, String, i64)>, sqlx::Error> {
    sqlx::query("SELECT phone_enc, body, created_at FROM sms_inbox ORDER BY id DESC LIMIT $1")
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
        .collect()
}
