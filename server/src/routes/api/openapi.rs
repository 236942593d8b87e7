//! The OpenAPI document of `/api/v1`, served at `/api/v1/openapi.json`: the description
//! here, the operations from the route list ([`super::Paths`]).

use actix_web::{HttpResponse, get};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::Paths;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "阳光信访 Petition Portal API",
        version = "1",
        description = "Public API of the online petition portal: accounts, filing, tracking, look-up, the staff workflow and administration. \
                       Errors share one body (`ApiError`); validation errors list every field at once (422)."
    ),
    servers((url = "/api/v1")),
    components(schemas(
        shared::ApiError,
        shared::FieldError,
        shared::ErrorKind,
        crate::notify::webhook::WebhookPayload,
        crate::notify::webhook::WebhookData,
        shared::partner::PartnerCase,
        shared::partner::PartnerReceipt,
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "accounts", description = "实名注册与账户"),
        (name = "sessions", description = "登录、续期与退出"),
        (name = "petitions", description = "信访事项的提交、查询与办理进度"),
        (name = "reference", description = "地区与类别"),
        (name = "staff", description = "工作人员登录与账户"),
        (name = "workflow", description = "登记、转送、办理、答复与督办"),
        (name = "admin", description = "单位、人员、类别、节假日、审计与消息发送"),
        (name = "notifications", description = "站内消息"),
        (name = "statistics", description = "公开统计、月度通报与信访指数"),
        (name = "partners", description = "对接系统：推送案件（PartnerCase）与回报办理结果"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The refusals every operation of a kind can give, documented once instead of on each
/// route: 401 where a login is required, 422 where a body or query is read (one that is
/// not what it should be is refused with the same problem document as a bad field), 404
/// where the path names something (an id that cannot exist is simply not found).
struct CommonRefusals;

impl Modify for CommonRefusals {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let refusal = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ApiError")))
                        .build(),
                )
                .build()
        };
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in operations.into_iter().flatten() {
                let responses = &mut op.responses.responses;
                if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
                    responses
                        .entry("401".into())
                        .or_insert_with(|| refusal("Not logged in, or the session ended").into());
                }
                let params = op.parameters.as_deref().unwrap_or_default();
                if params
                    .iter()
                    .any(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Path))
                {
                    responses
                        .entry("404".into())
                        .or_insert_with(|| refusal("Nothing with this id or number").into());
                }
                let query = params
                    .iter()
                    .any(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Query));
                if op.request_body.is_some() || query {
                    responses.entry("422".into()).or_insert_with(|| {
                        refusal("The body is not what this operation reads").into()
                    });
                }
            }
        }
    }
}

#[get("/openapi.json")]
pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(described())
}

/// The whole document: the description, every route's operation, and the refusals they
/// share (added last, once the operations are there).
pub fn described() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(Paths::openapi());
    CommonRefusals.modify(&mut doc);
    doc
}
