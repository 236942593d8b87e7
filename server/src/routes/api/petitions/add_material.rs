//! `POST /api/v1/petitions/{number}/attachments`: 补充材料 (multipart `attachments` parts).

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, post, web};

use crate::auth::CitizenAuth;
use crate::error::{AppError, AppResult};
use crate::routes::{api::multipart, client};
use crate::services::petitions;
use crate::state::AppState;

/// Adds files. A plain browser form (no JavaScript) is redirected back to the petition
/// page, with the problem in the address when there is one.
#[utoipa::path(
    tag = "petitions",
    params(("number" = String, Path)),
    request_body(content_type = "multipart/form-data", description = "`attachments` parts"),
    responses(
        (status = 204, description = "Added"),
        (status = 404, body = shared::ApiError),
        (status = 409, body = shared::ApiError),
        (status = 413, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[post("/petitions/{number}/attachments")]
pub async fn add_material(
    state: web::Data<AppState>,
    who: CitizenAuth,
    req: HttpRequest,
    path: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let result = async {
        let form = multipart::read(payload).await?;
        petitions::add_material(
            &state,
            who.id,
            &client::ip(&req).to_string(),
            &path,
            form.files,
        )
        .await
    }
    .await;
    if client::wants_html(&req) {
        let page = format!("/my/petitions/{}", path.as_str());
        let location = match &result {
            Ok(()) => format!("{page}?uploaded=1"),
            Err(AppError::NotFound) => return result.map(|_| HttpResponse::NoContent().finish()),
            Err(e) => {
                let api = e.to_api();
                let message = api
                    .fields
                    .first()
                    .map_or(api.message.clone(), |f| f.message.clone());
                e.log();
                format!("{page}?upload_error={}", urlencode(&message))
            }
        };
        return Ok(client::see_other(location));
    }
    result.map(|()| HttpResponse::NoContent().finish())
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
