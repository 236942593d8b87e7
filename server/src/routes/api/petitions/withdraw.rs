//! `POST /api/v1/petitions/{number}/withdraw`: 撤回, before acceptance only.

use actix_web::{HttpRequest, HttpResponse, post, web};

use crate::auth::CitizenAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::petitions;
use crate::state::AppState;

#[utoipa::path(
    tag = "petitions",
    params(("number" = String, Path)),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 404, body = shared::ApiError),
        (status = 409, body = shared::ApiError, description = "Not allowed in the petition's status"),
    ),
    security(("bearer" = []))
)]
#[post("/petitions/{number}/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    who: CitizenAuth,
    req: HttpRequest,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    petitions::withdraw(&state, who.id, &client::ip(&req).to_string(), &path).await?;
    if client::wants_html(&req) {
        return Ok(client::see_other(format!(
            "/my/petitions/{}",
            path.as_str()
        )));
    }
    Ok(HttpResponse::NoContent().finish())
}
