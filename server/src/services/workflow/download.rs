//! 下载附件 for staff: a file of a case they may open in full (the unit complained about
//! reaches neither an accusation nor, for other matters, files that may name the
//! petitioner), recorded in the audit trail.

use shared::ids::{AttachmentId, StaffId};

use super::access::Sight;
use super::reach::reach;
use crate::audit;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::services::petitions::Download;
use crate::state::AppState;
use crate::time::now_ms;

pub async fn download(
    state: &AppState,
    staff: StaffId,
    client: &str,
    number: &str,
    id: AttachmentId,
) -> AppResult<Download> {
    let reached = reach(state, staff, number).await?;
    // The same rule as the case file's list of files: a scanned letter or a photo may name
    // its writer, so only those who may see the petitioner get them.
    let full = reached.sight == Sight::Full;
    let file = db::petitions::attachment(&state.db.pool, id)
        .await?
        .filter(|f| full && f.petition_id == reached.row.id)
        .ok_or(AppError::NotFound)?;
    let bytes = state.attachments.get(&file.storage_key).await?;
    let mut tx = state.db.begin_write().await?;
    let entry = audit::Entry {
        at: now_ms(),
        actor: reached.actor.audit_name(),
        role: Some(&reached.actor.role_codes()),
        unit_id: reached.actor.unit_id.map(|u| u.0),
        action: "attachment_download",
        petition_id: Some(reached.row.id.0),
        detail: Some(format!("attachment={id}")),
        client: Some(client),
    };
    audit::record(&mut tx, &state.vault, entry).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(Download {
        file_name: file.file_name,
        content_type: file.content_type,
        bytes,
    })
}
