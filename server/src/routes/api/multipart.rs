//! Reading `multipart/form-data`: text fields and files, each bounded while it streams in.

use std::collections::HashMap;

use actix_multipart::Multipart;
use futures_util::TryStreamExt;

use crate::error::{AppError, AppResult};
use shared::petition::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS};

use crate::services::petitions::Upload;

/// Text fields are short; anything longer is refused before it is read whole.
const MAX_TEXT_BYTES: usize = 64 * 1024;

pub struct Form {
    pub fields: HashMap<String, String>,
    pub files: Vec<Upload>,
}

/// Reads every part. A file over 10 MB, a tenth file or an overlong text field stops
/// the read at once, so an oversized body never sits in memory.
pub async fn read(mut payload: Multipart) -> AppResult<Form> {
    let bad = |_| AppError::field("body", "上传的内容不完整或格式不正确，请重新提交。");
    let mut form = Form {
        fields: HashMap::new(),
        files: Vec::new(),
    };
    while let Some(mut field) = payload.try_next().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_owned);
        let limit = if file_name.is_some() {
            MAX_ATTACHMENT_BYTES
        } else {
            MAX_TEXT_BYTES
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.try_next().await.map_err(bad)? {
            if bytes.len() + chunk.len() > limit {
                return Err(match file_name {
                    Some(_) => AppError::PayloadTooLarge("单个附件不能超过10MB。".into()),
                    None => AppError::field(&name, "内容过长"),
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        match file_name {
            // An empty file input in a browser form arrives as a nameless, empty part.
            Some(f) if f.is_empty() && bytes.is_empty() => {}
            Some(file_name) => {
                if form.files.len() == MAX_ATTACHMENTS {
                    return Err(AppError::field(
                        "attachments",
                        format!("附件最多{MAX_ATTACHMENTS}个"),
                    ));
                }
                form.files.push(Upload { file_name, bytes });
            }
            None => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| AppError::field(&name, "内容不是有效的UTF-8文本"))?;
                form.fields.insert(name, text);
            }
        }
    }
    Ok(form)
}
