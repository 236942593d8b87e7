//! 补充材料: the petitioner adds files to a petition that is still open.

use anyhow::Context;
use shared::ids::{CitizenId, PetitionId};
use shared::petition::Action;

use shared::petition::MAX_ATTACHMENTS;

use super::files::{self, Upload};
use super::view::owned;
use crate::db::{self, petitions::NewEvent};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::now_ms;

#[tracing::instrument(skip_all, fields(citizen = %citizen))]
pub async fn add_material(
    state: &AppState,
    citizen: CitizenId,
    client: &str,
    number: &str,
    uploads: Vec<Upload>,
) -> AppResult<()> {
    let row = owned(state, citizen, number).await?;
    row.workflow()
        .apply(Action::AddMaterial)
        .map_err(|e| AppError::Conflict(e.0.into()))?;
    if uploads.is_empty() {
        return Err(AppError::field("attachments", "请选择要上传的文件"));
    }
    let mut checked = Vec::with_capacity(uploads.len());
    let results = files::check_all(&state.images, uploads).await?;
    for (i, (_, result)) in results.into_iter().enumerate() {
        checked.push(
            result
                .map_err(|r| AppError::field("attachments", format!("第{}个附件：{r}", i + 1)))?,
        );
    }
    let now = now_ms();
    let stored = files::store(&state.attachments, checked).await?;
    let written = write(state, citizen, client, row.id, now, &stored).await;
    if written.is_err() {
        state.attachments.discard(&files::keys(&stored)).await;
    }
    written
}

/// The rows of the material, its timeline entry and audit record, in one transaction.
async fn write(
    state: &AppState,
    citizen: CitizenId,
    client: &str,
    petition_id: PetitionId,
    now: i64,
    stored: &[files::Stored],
) -> AppResult<()> {
    let count = stored.len();
    let mut tx = state.db.begin_write().await?;
    let existing = usize::try_from(db::petitions::attachment_count(&mut tx, petition_id).await?)
        .unwrap_or(MAX_ATTACHMENTS);
    if existing + count > MAX_ATTACHMENTS {
        return Err(AppError::field(
            "attachments",
            format!(
                "每件信访事项最多{MAX_ATTACHMENTS}个附件，还可以上传{}个",
                MAX_ATTACHMENTS.saturating_sub(existing)
            ),
        ));
    }
    files::record(&mut tx, petition_id, now, stored).await?;
    let actor = format!("citizen:{}", citizen.0);
    let detail = format!("信访人补充了{count}个附件。");
    let event = NewEvent {
        petition_id,
        at: now,
        kind: "material",
        actor: &actor,
        public: true,
        title: "补充材料",
        detail: Some(&detail),
    };
    db::petitions::insert_event(&mut tx, event).await?;
    let entry = crate::audit::Entry {
        at: now,
        actor: actor.clone(),
        role: None,
        unit_id: None,
        action: "add_material",
        petition_id: Some(petition_id.0),
        detail: Some(format!("files={count}")),
        client: Some(client),
    };
    crate::audit::record(&mut tx, &state.vault, entry).await?;
    tx.commit().await.context("failed to commit the material")?;
    Ok(())
}
