//! 附件: what a petitioner may upload. The type is judged from the content, images are
//! re-encoded (which drops EXIF and GPS data), and nothing else is accepted.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use sha2::{Digest, Sha256};
use shared::ids::PetitionId;
use shared::petition::MAX_ATTACHMENT_BYTES;

use crate::db;
use crate::error::AppResult;
use crate::storage::AttachmentStore;

/// Images larger than this many pixels are refused from their header, before decoding
/// (a phone's photo is 12 to 16 million; a scan of a page far less).
const MAX_PIXELS: u64 = 24_000_000;

/// The most memory one decoded image may take (24 million pixels of 8-bit RGBA is
/// 96 MB; a 16-bit image of that size is refused rather than decoded).
const MAX_DECODED_BYTES: u64 = 100 * 1024 * 1024;

/// How many images are decoded at once, in the whole process. Decoding takes a core and up
/// to `MAX_DECODED_BYTES` for a second or more; the rest wait their turn off the async
/// workers, so a few hostile uploads cannot freeze the portal or exhaust its memory.
pub struct ImageGate(tokio::sync::Semaphore);

impl ImageGate {
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self(tokio::sync::Semaphore::new((cores / 2).max(1)))
    }
}

impl Default for ImageGate {
    fn default() -> Self {
        Self::new()
    }
}

/// Checks every upload on the blocking pool, one image decode at a time per gate permit;
/// each result keeps the upload's cleaned name for the message.
pub async fn check_all(
    gate: &ImageGate,
    uploads: Vec<Upload>,
) -> AppResult<Vec<(String, Result<Checked, String>)>> {
    let mut out = Vec::with_capacity(uploads.len());
    for upload in uploads {
        let name = clean_stem(&upload.file_name);
        let _permit = gate.0.acquire().await.map_err(anyhow::Error::from)?;
        let checked = tokio::task::spawn_blocking(move || check(upload))
            .await
            .map_err(anyhow::Error::from)?;
        out.push((name, checked));
    }
    Ok(out)
}

/// A file as received.
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A file ready to store.
pub struct Checked {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    pub sha256: Vec<u8>,
}

/// Checks one upload; the error is a sentence for the petitioner.
pub fn check(upload: Upload) -> Result<Checked, String> {
    if upload.bytes.is_empty() {
        return Err("文件是空的".into());
    }
    if upload.bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err("文件超过10MB".into());
    }
    let (content_type, ext, bytes) = if upload.bytes.starts_with(b"%PDF-") {
        ("application/pdf", "pdf", upload.bytes)
    } else if upload.bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        (
            "image/jpeg",
            "jpg",
            reencode(&upload.bytes, ImageFormat::Jpeg)?,
        )
    } else if upload.bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        (
            "image/png",
            "png",
            reencode(&upload.bytes, ImageFormat::Png)?,
        )
    } else {
        return Err("只能上传JPG、PNG图片或PDF文件".into());
    };
    let sha256 = Sha256::digest(&bytes).to_vec();
    Ok(Checked {
        file_name: clean_name(&upload.file_name, ext),
        content_type,
        bytes,
        sha256,
    })
}

/// A checked file already written to the attachment store under `key`. Files are
/// written before the write lock is taken, so that disk syncs of uploads never hold up
/// other filings; if the rows do not commit, the caller discards the keys.
pub struct Stored {
    pub key: String,
    pub file_name: String,
    pub content_type: &'static str,
    pub size: i64,
    pub sha256: Vec<u8>,
}

/// Writes each file to the store; on failure, removes the ones already written.
pub async fn store(store: &AttachmentStore, files: Vec<Checked>) -> AppResult<Vec<Stored>> {
    let mut stored = Vec::with_capacity(files.len());
    for f in files {
        let size = i64::try_from(f.bytes.len()).unwrap_or(i64::MAX);
        match store.put(f.bytes).await {
            Ok(key) => stored.push(Stored {
                key,
                file_name: f.file_name,
                content_type: f.content_type,
                size,
                sha256: f.sha256,
            }),
            Err(e) => {
                store.discard(&keys(&stored)).await;
                return Err(e.into());
            }
        }
    }
    Ok(stored)
}

/// The storage keys of `files`, for discarding them.
pub fn keys(files: &[Stored]) -> Vec<String> {
    files.iter().map(|f| f.key.clone()).collect()
}

/// Records stored files as attachments of a petition, inside the caller's transaction.
pub async fn record(
    tx: &mut db::Tx,
    petition_id: PetitionId,
    now: i64,
    files: &[Stored],
) -> Result<(), sqlx::Error> {
    for f in files {
        let row = db::petitions::NewAttachmentRow {
            petition_id,
            storage_key: &f.key,
            file_name: &f.file_name,
            content_type: f.content_type,
            size: f.size,
            sha256: &f.sha256,
            uploaded_at: now,
        };
        db::petitions::insert_attachment(tx, row).await?;
    }
    Ok(())
}

fn reencode(bytes: &[u8], format: ImageFormat) -> Result<Vec<u8>, String> {
    let unreadable = |_| "图片已损坏或无法识别".to_string();
    let reader = ImageReader::with_format(Cursor::new(bytes), format);
    let (w, h) = reader.into_dimensions().map_err(unreadable)?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err("图片像素过大（超过2400万像素）".into());
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(w);
    limits.max_image_height = Some(h);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    if decoder.total_bytes() > MAX_DECODED_BYTES {
        return Err("图片过大（色深或像素过高），请换一张图片".into());
    }
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    // Keep the picture upright once the EXIF orientation tag is gone.
    image.apply_orientation(orientation);
    let mut out = Cursor::new(Vec::new());
    let written = match format {
        ImageFormat::Jpeg => image.to_rgb8().write_to(&mut out, ImageFormat::Jpeg),
        _ => image.write_to(&mut out, ImageFormat::Png),
    };
    written.map_err(|_| "图片处理失败，请换一张图片".to_string())?;
    Ok(out.into_inner())
}

pub use shared::petition::{clean_name, clean_stem};

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        DynamicImage::new_rgb8(w, h)
            .write_to(&mut out, ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn accepts_a_png_and_judges_by_content_not_name() {
        let checked = check(Upload {
            file_name: "scan.pdf".into(),
            bytes: png(4, 3),
        })
        .unwrap();
        assert_eq!(checked.content_type, "image/png");
        assert_eq!(checked.file_name, "scan.png");
    }

    #[test]
    fn refuses_html_svg_and_empty_files() {
        for bytes in [
            b"<html><script>alert(1)</script>".to_vec(),
            b"<svg/onload=alert(1)>".to_vec(),
            vec![],
        ] {
            assert!(
                check(Upload {
                    file_name: "a.png".into(),
                    bytes
                })
                .is_err()
            );
        }
    }
}
