//! Sessions: start one at login, rotate its refresh token, end it at logout.

use anyhow::Context;

use crate::auth::identity::Principal;
use crate::auth::tokens::new_refresh_token;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::now_ms;

/// A rotation that arrives this soon after the previous one with the previous token is
/// a browser's parallel requests racing, not a stolen token being replayed.
const RACE_GRACE_MS: i64 = 30_000;

/// What a client receives at login or refresh.
pub struct Issued {
    pub access: String,
    /// `None` when a racing refresh only needed a new access token.
    pub refresh: Option<String>,
    pub principal: Principal,
}

pub async fn start(state: &AppState, principal: Principal) -> AppResult<Issued> {
    let sid = uuid::Uuid::new_v4().to_string();
    let refresh = new_refresh_token();
    let now = now_ms();
    db::sessions::insert(
        &state.db.writer,
        db::sessions::NewSession {
            id: &sid,
            principal: principal.kind(),
            principal_id: principal.raw_id(),
            refresh_hash: &state.vault.token_hash(&refresh),
            now,
            expires_at: now + state.tokens.refresh_ttl_secs * 1000,
        },
    )
    .await
    .context("failed to store the session")?;
    let principal = principal.with_session(sid);
    let access = state
        .tokens
        .issue(&principal.subject(), principal.session(), now / 1000);
    Ok(Issued {
        access,
        refresh: Some(refresh),
        principal,
    })
}

/// Exchanges a refresh token for a new access token and a new refresh token.
/// A token already rotated away, presented again later, revokes the session.
pub async fn refresh(state: &AppState, token: &str) -> AppResult<Issued> {
    let now = now_ms();
    let hash = state.vault.token_hash(token);
    let mut tx = state.db.begin_write().await?;
    let Some(session) = db::sessions::by_refresh_hash(&mut tx, &hash).await? else {
        return Err(AppError::Unauthenticated);
    };
    if session.revoked || session.expires_at <= now {
        return Err(AppError::Unauthenticated);
    }
    let principal =
        Principal::from_stored(&session.principal, session.principal_id, session.id.clone())
            .ok_or(AppError::Unauthenticated)?;
    let access = state
        .tokens
        .issue(&principal.subject(), principal.session(), now / 1000);
    if session.matched_previous {
        if now - session.refreshed_at <= RACE_GRACE_MS {
            tx.commit().await?;
            return Ok(Issued {
                access: access.clone(),
                refresh: None,
                principal,
            });
        }
        tx.rollback().await?;
        db::sessions::revoke(&state.db.writer, &session.id, now).await?;
        tracing::warn!(session.id = %session.id, "refresh token replayed; session revoked");
        return Err(AppError::Unauthenticated);
    }
    let next = new_refresh_token();
    db::sessions::rotate(&mut tx, &session.id, &state.vault.token_hash(&next), now).await?;
    tx.commit().await?;
    Ok(Issued {
        access,
        refresh: Some(next),
        principal,
    })
}

pub async fn end(state: &AppState, session: &str) -> AppResult<()> {
    db::sessions::revoke(&state.db.writer, session, now_ms()).await?;
    Ok(())
}
