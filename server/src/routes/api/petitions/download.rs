//! `GET /api/v1/petitions/{number}/attachments/{id}`: the owner downloads a file.

use actix_web::http::header::{
    Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::{HttpResponse, get, web};
use shared::ids::AttachmentId;

use crate::auth::CitizenAuth;
use crate::error::AppResult;
use crate::services::petitions;
use crate::state::AppState;

/// Served as a download, never rendered in the portal's origin: `nosniff` and a
/// sandboxing Content-Security-Policy keep a crafted PDF from running script.
#[utoipa::path(
    tag = "petitions",
    params(("number" = String, Path), ("id" = i64, Path)),
    responses((status = 200, description = "The file"), (status = 404, body = shared::ApiError)),
    security(("bearer" = []))
)]
#[get("/petitions/{number}/attachments/{id}")]
pub async fn download(
    state: web::Data<AppState>,
    who: CitizenAuth,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    let (number, id) = path.into_inner();
    let file = petitions::download(&state, who.id, &number, AttachmentId(id)).await?;
    Ok(served(file))
}

/// A stored file as a download: the headers every door serves files with.
pub fn served(file: petitions::Download) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            // An ASCII fallback for old clients, and the real (often Chinese) name per RFC 5987.
            parameters: vec![
                DispositionParam::Filename(ascii_fallback(&file.file_name)),
                DispositionParam::FilenameExt(ExtendedValue {
                    charset: Charset::Ext("UTF-8".into()),
                    language_tag: None,
                    value: file.file_name.into_bytes(),
                }),
            ],
        })
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Content-Security-Policy", "sandbox; default-src 'none'"))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(file.bytes)
}

/// `attachment.pdf` for `证明.pdf`: the extension kept, the rest replaced when not ASCII.
fn ascii_fallback(name: &str) -> String {
    if name
        .bytes()
        .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\')
    {
        return name.to_owned();
    }
    let ext = name.rsplit_once('.').map_or("bin", |(_, e)| e);
    format!("attachment.{ext}")
}
