//! 撤回: the petitioner withdraws a petition that has not been accepted yet.

use anyhow::Context;
use shared::ids::CitizenId;
use shared::petition::CitizenAction;

use super::{present, view::owned};
use crate::db::{self, petitions::NewEvent};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::now_ms;

pub async fn withdraw(state: &AppState, citizen: CitizenId, number: &str) -> AppResult<()> {
    let row = owned(state, citizen, number).await?;
    let next = present::status(&row)
        .apply(CitizenAction::Withdraw)
        .map_err(|e| AppError::Conflict(e.0.into()))?;
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    if !db::petitions::set_status(&mut tx, row.id, row.version, next.code(), now).await? {
        return Err(AppError::Conflict(
            "该信访事项的状态刚刚发生了变化，请刷新后查看。".into(),
        ));
    }
    let actor = format!("citizen:{}", citizen.0);
    let event = NewEvent {
        petition_id: row.id,
        at: now,
        kind: "withdrawn",
        actor: &actor,
        public: true,
        title: "撤回信访事项",
        detail: Some("信访人撤回了该信访事项，办理程序终止。"),
    };
    db::petitions::insert_event(&mut tx, event).await?;
    tx.commit()
        .await
        .context("failed to commit the withdrawal")?;
    tracing::info!(petition.id = %row.id, "petition withdrawn");
    Ok(())
}
