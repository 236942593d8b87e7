//! `GET /api/v1/staff/petitions/{number}/attachments/{id}`: staff download a file of a case
//! they may open (audited), served exactly as petitioners get theirs.

use actix_web::{HttpRequest, HttpResponse, get, web};
use shared::ids::AttachmentId;

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::api::petitions::download::served;
use crate::services::workflow;
use crate::state::AppState;

#[utoipa::path(
    tag = "workflow",
    params(("number" = String, Path), ("id" = i64, Path)),
    responses((status = 200, description = "The file"), (status = 404, body = shared::ApiError, description = "Unknown, or not this staff member's to see")),
    security(("bearer" = []))
)]
#[get("/staff/petitions/{number}/attachments/{id}")]
pub async fn download(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    let (number, id) = path.into_inner();
    let client = crate::routes::client::ip(&req).to_string();
    let file =
        workflow::download::download(&state, who.id, &client, &number, AttachmentId(id)).await?;
    Ok(served(file))
}
