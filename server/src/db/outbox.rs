//! Queries on the outbox: writing a message in the caller's transaction, claiming due
//! messages (row locks that skip locked rows on PostgreSQL), and recording the outcome.

use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

use super::{Backend, Db, Tx, decode};

/// The channel a message goes out on, as stored in the `channel` column.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Channel {
    /// 站内消息
    #[strum(serialize = "inapp")]
    InApp,
    /// 短信
    Sms,
    Email,
    /// A partner system's subscription to events.
    Webhook,
    /// A partner handling system, given the case itself.
    Partner,
}

shared::codes!(Channel);

impl Channel {
    /// The channel's name on the administration pages.
    pub fn label(self) -> &'static str {
        match self {
            Self::InApp => "站内消息",
            Self::Sms => "短信",
            Self::Email => "电子邮件",
            Self::Webhook => "事件订阅",
            Self::Partner => "对接系统",
        }
    }
}

pub struct NewMessage<'a> {
    pub channel: Channel,
    pub template: &'a str,
    pub recipient_enc: Vec<u8>,
    pub params_enc: Vec<u8>,
    pub idem_key: String,
    pub petition_id: Option<i64>,
    pub subscription_id: Option<i64>,
    pub now: i64,
}

/// Writes messages due now, all in one statement; a message whose idempotency key was
/// written before is skipped.
pub async fn insert(tx: &mut Tx, messages: &[NewMessage<'_>]) -> Result<(), sqlx::Error> {
    if messages.is_empty() {
        return Ok(());
    }
    const WIDTH: usize = 8;
    let rows: Vec<String> = (0..messages.len())
        .map(|i| {
            let p = |c: usize| format!("${}", i * WIDTH + c);
            format!(
                "({}, {}, {}, {}, {}, 'pending', 0, {}, {}, {}, {})",
                p(1),
                p(2),
                p(3),
                p(4),
                p(5),
                p(6),
                p(7),
                p(8),
                p(6)
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO outbox (channel, template, recipient_enc, params_enc, idem_key, status, attempts, \
         next_attempt_at, petition_id, subscription_id, created_at) VALUES {} \
         ON CONFLICT (idem_key) DO NOTHING",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for m in messages {
        query = query
            .bind(m.channel.code())
            .bind(m.template)
            .bind(m.recipient_enc.as_slice())
            .bind(m.params_enc.as_slice())
            .bind(m.idem_key.as_str())
            .bind(m.now)
            .bind(m.petition_id)
            .bind(m.subscription_id);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

#[derive(Clone, Debug)]
pub struct MessageRow {
    pub id: i64,
    pub channel: Channel,
    pub template: String,
    pub recipient_enc: Vec<u8>,
    pub params_enc: Vec<u8>,
    pub idem_key: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub petition_id: Option<i64>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

const COLUMNS: &str = "id, channel, template, recipient_enc, params_enc, idem_key, status, attempts, \
     next_attempt_at, last_error, petition_id, created_at, sent_at";

fn from_row(r: &AnyRow) -> Result<MessageRow, sqlx::Error> {
    Ok(MessageRow {
        id: r.try_get("id")?,
        channel: decode::code(r, "channel")?,
        template: r.try_get("template")?,
        recipient_enc: r.try_get("recipient_enc")?,
        params_enc: r.try_get("params_enc")?,
        idem_key: r.try_get("idem_key")?,
        status: r.try_get("status")?,
        attempts: r.try_get("attempts")?,
        next_attempt_at: r.try_get("next_attempt_at")?,
        last_error: r.try_get("last_error")?,
        petition_id: r.try_get("petition_id")?,
        created_at: r.try_get("created_at")?,
        sent_at: r.try_get("sent_at")?,
    })
}

/// Claims up to `limit` due messages of `channels` (every channel when empty) for `worker`
/// until `until`: pending ones whose time has come, and ones whose previous claimant died
/// (lease expired). On PostgreSQL the candidate rows are locked with SKIP LOCKED so
/// concurrent workers take disjoint sets; SQLite runs one writer at a time, so the single
/// UPDATE is already exclusive. Channel names are constants of the worker's lanes.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: i64,
    until: i64,
    limit: i64,
    channels: &[Channel],
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let lock = match db.backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let lane = if channels.is_empty() {
        String::new()
    } else {
        // Fixed codes of the enum, never input: quoting them inline keeps the query simple.
        let quoted: Vec<String> = channels.iter().map(|c| format!("'{}'", c.code())).collect();
        format!(" AND channel IN ({})", quoted.join(", "))
    };
    let sql = format!(
        "UPDATE outbox SET status = 'sending', claimed_by = $1, claimed_until = $2 WHERE id IN \
         (SELECT id FROM outbox WHERE ((status = 'pending' AND next_attempt_at <= $3) \
         OR (status = 'sending' AND claimed_until < $3)){lane} ORDER BY next_attempt_at, id \
         LIMIT $4{lock}) RETURNING {COLUMNS}"
    );
    sqlx::query(&sql)
        .bind(worker)
        .bind(until)
        .bind(now)
        .bind(limit)
        .fetch_all(&db.writer)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

/// One attempt's outcome, for [`settle`].
pub struct Settle<'a> {
    pub id: i64,
    pub worker: &'a str,
    /// sent, pending (retry at `next_at`) or dead.
    pub status: &'a str,
    pub next_at: i64,
    pub error: Option<&'a str>,
    /// New (encrypted) parameters, when the row keeps fewer than it was sent with.
    pub params_enc: Option<&'a [u8]>,
    pub now: i64,
}

/// Records one attempt and the message's new state, only while `worker` holds it.
pub async fn settle(pool: &AnyPool, s: Settle<'_>) -> Result<bool, sqlx::Error> {
    let Settle {
        id,
        worker,
        status,
        next_at,
        error,
        params_enc,
        now,
    } = s;
    let mut tx = pool.begin().await?;
    let done = sqlx::query(
        "UPDATE outbox SET status = $1, attempts = attempts + 1, next_attempt_at = $2, last_error = $3, \
         claimed_by = NULL, claimed_until = NULL, sent_at = CASE WHEN $1 = 'sent' THEN $4 ELSE sent_at END, \
         params_enc = COALESCE($7, params_enc) \
         WHERE id = $5 AND claimed_by = $6 AND status = 'sending'",
    )
    .bind(status)
    .bind(next_at)
    .bind(error)
    .bind(now)
    .bind(id)
    .bind(worker)
    .bind(params_enc)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        sqlx::query(
            "INSERT INTO outbox_attempts (outbox_id, at, outcome, detail) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(now)
        .bind(status)
        .bind(error)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Messages in `status` (any when `None`), of one webhook subscription when given, newest first.
pub async fn list(
    pool: &AnyPool,
    status: Option<&str>,
    subscription: Option<i64>,
    limit: i64,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM outbox WHERE ($1 = '' OR status = $1) AND ($2 = 0 OR subscription_id = $2) \
         ORDER BY id DESC LIMIT $3"
    );
    sqlx::query(&sql)
        .bind(status.unwrap_or(""))
        .bind(subscription.unwrap_or(0))
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

/// Puts a dead (or failed) message back in the queue; false if it was not dead.
pub async fn retry(pool: &AnyPool, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET status = 'pending', next_attempt_at = $1, attempts = 0 WHERE id = $2 AND status = 'dead'",
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn attempts(
    pool: &AnyPool,
    id: i64,
) -> Result<Vec<(i64, String, Option<String>)>, sqlx::Error> {
    sqlx::query("SELECT at, outcome, detail FROM outbox_attempts WHERE outbox_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
        .collect()
}
