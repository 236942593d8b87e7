//! `POST /api/v1/partners/{id}/reports`: a partner handling system reports 受理, 办理进展
//! or 答复 on a case it was given. Requests are signed as Standard Webhooks are (the
//! partner's shared secret) and at most five minutes old; a message id already taken is
//! answered as a duplicate and changes nothing.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::partner::PartnerReport;

use crate::crypto::Field;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::notify::webhook;
use crate::routes::client;
use crate::services::workflow::partner::{self, Taken};
use crate::state::AppState;

/// How far a request's timestamp may be from the portal's clock.
const TOLERANCE_SECS: i64 = 300;

#[utoipa::path(
    tag = "partners",
    params(("id" = i64, Path, description = "The partner system's id")),
    request_body = PartnerReport,
    responses(
        (status = 200, description = "Taken, or a duplicate of one taken (`{\"status\": \"duplicate\"}`)"),
        (status = 401, description = "Missing, wrong or expired signature", body = shared::ApiError),
        (status = 404, description = "No such petition with this partner", body = shared::ApiError),
        (status = 409, description = "The step does not fit the petition's state", body = shared::ApiError),
        (status = 422, description = "Malformed report", body = shared::ApiError),
    )
)]
#[post("/partners/{id}/reports")]
pub async fn report(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let header = |name: &'static str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty())
            .ok_or(AppError::BadSignature(match name {
                "webhook-id" => "缺少 webhook-id 请求头",
                "webhook-timestamp" => "缺少 webhook-timestamp 请求头",
                _ => "缺少 webhook-signature 请求头",
            }))
    };
    let (id, timestamp, signature) = (
        header("webhook-id")?,
        header("webhook-timestamp")?,
        header("webhook-signature")?,
    );
    if id.len() > 100 {
        return Err(AppError::BadSignature("webhook-id 过长"));
    }
    let partner = db::partners::by_id(&state.db.pool, *path)
        .await?
        .filter(|p| p.active)
        .ok_or(AppError::BadSignature("未知的对接系统"))?;
    let secret = state
        .vault
        .decrypt(Field::Outbox, &partner.secret_enc)
        .map_err(|e| anyhow::anyhow!("cannot open a partner's secret: {e}"))?;
    let key = webhook::decode_secret(&secret)?;
    let now = chrono::Utc::now().timestamp();
    webhook::verify(&key, id, timestamp, signature, &body, now, TOLERANCE_SECS)
        .map_err(AppError::BadSignature)?;
    let report: PartnerReport = serde_json::from_slice(&body)
        .map_err(|e| AppError::field("body", format!("请求内容格式不正确：{e}")))?;
    let client = client::ip(&req).to_string();
    let taken = partner::report(&state, &partner, id, &client, report).await?;
    let status = match taken {
        Taken::Done => "taken",
        Taken::Duplicate => "duplicate",
    };
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": status })))
}
