//! What a phone receives: verification codes and texts, read off the embedded SMS inbox
//! (or, for tests that drive the worker themselves, off the queue).

use reqwest::StatusCode;
use serde_json::json;

use super::TestApp;

impl TestApp {
    /// Lets the minute a phone waits between two verification codes pass.
    pub async fn a_minute_later(&self) {
        sqlx::query("UPDATE verification_codes SET created_at = created_at - 61000")
            .execute(&self.state.db.pool)
            .await
            .unwrap();
    }

    /// Asks for a verification code for `phone` and reads it as the phone would.
    pub async fn sms_code(&self, phone: &str, purpose: &str) -> String {
        let seen = self.inbox_mark().await;
        let res = self
            .post_json(
                "/api/v1/verification-codes",
                None,
                &json!({ "phone": phone, "purpose": purpose }),
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::ACCEPTED,
            "{}",
            res.text().await.unwrap()
        );
        let text = if self.state.settings.notify.worker {
            self.texts_after(seen, phone, "验证码").await
        } else {
            // Tests that drive the worker themselves: read the queued text and take it
            // off the queue, so they start with nothing pending.
            let pool = &self.state.db.pool;
            let (id, params): (i64, Vec<u8>) = sqlx::query_as(
                "SELECT id, params_enc FROM outbox WHERE template = 'verification_code' ORDER BY id DESC LIMIT 1",
            )
            .fetch_one(pool)
            .await
            .unwrap();
            sqlx::query("UPDATE outbox SET status = 'sent' WHERE id = $1")
                .bind(id)
                .execute(pool)
                .await
                .unwrap();
            self.state
                .vault
                .decrypt(server::crypto::Field::Outbox, &params)
                .unwrap()
        };
        text.chars()
            .collect::<Vec<_>>()
            .windows(6)
            .map(|w| w.iter().collect::<String>())
            .find(|w| w.bytes().all(|b| b.is_ascii_digit()))
            .expect("a six-digit code in the text")
    }

    /// The newest text the embedded SMS provider delivered to `phone` containing `needle`
    /// (waits up to 10 s for the worker).
    pub async fn texts_to(&self, phone: &str, needle: &str) -> String {
        self.texts_after(0, phone, needle).await
    }

    /// Where the SMS inbox stands now, for [`Self::texts_after`].
    pub async fn inbox_mark(&self) -> i64 {
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM sms_inbox")
            .fetch_one(&self.state.db.pool)
            .await
            .unwrap()
    }

    /// As [`Self::texts_to`], among the texts after inbox row `after`.
    pub async fn texts_after(&self, after: i64, phone: &str, needle: &str) -> String {
        for _ in 0..100 {
            let rows: Vec<(Vec<u8>, String)> = sqlx::query_as(
                "SELECT phone_enc, body FROM sms_inbox WHERE id > $1 ORDER BY id DESC",
            )
            .bind(after)
            .fetch_all(&self.state.db.pool)
            .await
            .unwrap();
            let found = rows.into_iter().find(|(p, body)| {
                body.contains(needle)
                    && self
                        .state
                        .vault
                        .decrypt(server::crypto::Field::Phone, p)
                        .is_ok_and(|p| p == phone)
            });
            if let Some((_, body)) = found {
                return body;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no text with {needle} reached the phone");
    }
}
