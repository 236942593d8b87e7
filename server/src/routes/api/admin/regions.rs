//! `/api/v1/admin/regions/import`: loading the jurisdiction from division-code files.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, post, web};
use shared::admin::RegionImportView;

use crate::auth::StaffAuth;
use crate::error::{AppError, AppResult};
use crate::routes::api::multipart;
use crate::routes::client;
use crate::services::admin::regions;
use crate::state::AppState;

/// A multipart form: `within` (the division code to import, with everything under it;
/// empty for all) and one or more files in the documented CSV or JSON format.
#[utoipa::path(
    tag = "admin",
    request_body(content_type = "multipart/form-data", description = "`within`: a division code (a city, county or township); `file`: one or more CSV (`code,name,…`) or JSON (`[{code, name, children?}]`) files, UTF-8"),
    responses((status = 200, body = RegionImportView), (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)),
    security(("bearer" = []))
)]
#[post("/admin/regions/import")]
pub async fn import(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    payload: Multipart,
) -> AppResult<web::Json<RegionImportView>> {
    // Only an administrator's upload is read at all.
    crate::services::admin::administrator(&state, who.id).await?;
    let form = multipart::read(payload).await?;
    let files = form
        .files
        .into_iter()
        .map(|f| {
            String::from_utf8(f.bytes).map_err(|_| AppError::field("file", "文件须为UTF-8编码"))
        })
        .collect::<AppResult<Vec<_>>>()?;
    if files.is_empty() {
        return Err(AppError::field("file", "请选择区划代码文件"));
    }
    let within = form.fields.get("within").map(String::as_str);
    let client = client::ip(&req).to_string();
    Ok(web::Json(
        regions::import(&state, who.id, &client, &files, within).await?,
    ))
}
