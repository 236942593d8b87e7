//! `POST /api/v1/staff/registrations`: 代为登记 a letter, visit or phone call.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::petition::{OfflineFilingRequest, SubmittedView};

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::workflow;
use crate::state::AppState;

#[utoipa::path(
    tag = "workflow",
    request_body = OfflineFilingRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key return the first receipt")),
    responses(
        (status = 201, body = SubmittedView, description = "Registered; give the number and query code to the petitioner"),
        (status = 200, body = SubmittedView, description = "A retry of an earlier registration"),
        (status = 403, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[post("/staff/registrations")]
pub async fn register(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    body: web::Json<OfflineFilingRequest>,
) -> AppResult<HttpResponse> {
    let key = client::idempotency_key(&req)?;
    let client = client::ip(&req).to_string();
    let (view, replayed) =
        workflow::register(&state, who.id, &client, key.as_deref(), &body, Vec::new()).await?;
    let mut res = if replayed {
        HttpResponse::Ok()
    } else {
        HttpResponse::Created()
    };
    Ok(res.insert_header(("Cache-Control", "no-store")).json(view))
}
