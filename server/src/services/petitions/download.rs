//! 下载附件: the owner downloads a file of their own petition.

use shared::ids::{AttachmentId, CitizenId};

use super::view::owned;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub struct Download {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub async fn download(
    state: &AppState,
    citizen: CitizenId,
    number: &str,
    id: AttachmentId,
) -> AppResult<Download> {
    let petition = owned(state, citizen, number).await?;
    let row = db::petitions::attachment(&state.db.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.petition_id != petition.id {
        return Err(AppError::NotFound);
    }
    let bytes = state.attachments.get(&row.storage_key).await?;
    Ok(Download {
        file_name: row.file_name,
        content_type: row.content_type,
        bytes,
    })
}
