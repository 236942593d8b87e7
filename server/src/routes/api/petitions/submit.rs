//! `POST /api/v1/petitions`: 提交信访事项, as JSON or as multipart with attachments.

use actix_multipart::Multipart;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{FromRequest, HttpRequest, HttpResponse, post, web};
use shared::petition::{SubmitPetitionRequest, SubmittedView};

use crate::auth::CitizenAuth;
use crate::error::{AppError, AppResult};
use crate::routes::{api::multipart, client};
use crate::services::petitions::{self, Upload};
use crate::state::AppState;

/// Files a petition. Send `application/json`, or `multipart/form-data` with a
/// `petition` part (the same JSON) and up to 9 `attachments` parts (JPEG, PNG, PDF,
/// 10 MB each). With the same `Idempotency-Key`, a retry returns the first receipt.
#[utoipa::path(
    tag = "petitions",
    request_body = SubmitPetitionRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses(
        (status = 201, body = SubmittedView, description = "Filed; the query code is shown this once"),
        (status = 200, body = SubmittedView, description = "A retry: the first receipt again"),
        (status = 401, body = shared::ApiError),
        (status = 409, body = shared::ApiError, description = "Key reused for a different request"),
        (status = 413, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[post("/petitions")]
pub async fn submit(
    state: web::Data<AppState>,
    who: CitizenAuth,
    req: HttpRequest,
    payload: web::Payload,
) -> AppResult<HttpResponse> {
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let (body, files): (SubmitPetitionRequest, Vec<Upload>) =
        if content_type.starts_with("multipart/form-data") {
            let form = multipart::read(Multipart::new(req.headers(), payload.into_inner())).await?;
            let json = form
                .fields
                .get("petition")
                .ok_or_else(|| AppError::field("petition", "缺少 petition 部分"))?;
            let body = serde_json::from_str(json)
                .map_err(|e| AppError::field("petition", format!("内容格式不正确：{e}")))?;
            (body, form.files)
        } else {
            match web::Json::<SubmitPetitionRequest>::from_request(&req, &mut payload.into_inner())
                .await
            {
                Ok(json) => (json.into_inner(), Vec::new()),
                // Already shaped by the scope's JSON error handler (422 with the reason).
                Err(e) => return Ok(e.error_response()),
            }
        };
    let key = client::idempotency_key(&req)?;
    let submitted = petitions::submit(
        &state,
        petitions::Filer::Citizen(who.id),
        &client::ip(&req).to_string(),
        key.as_deref(),
        &body,
        files,
    )
    .await?;
    let mut res = if submitted.replayed {
        HttpResponse::Ok()
    } else {
        HttpResponse::Created()
    };
    if submitted.replayed {
        res.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(res
        .insert_header(("Cache-Control", "no-store"))
        .json(submitted.view))
}
