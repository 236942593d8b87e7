//! The REST API, `/api/v1`: one file per use case, described by the OpenAPI document.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod cases;
pub mod multipart;
pub mod notifications;
pub mod openapi;
pub mod partners;
pub mod petitions;
pub mod reference;
pub mod sessions;
pub mod staff;
pub mod statistics;

use actix_web::{HttpRequest, HttpResponse, error::JsonPayloadError, web};

use crate::error::AppError;

/// Lists the routes of `/api/v1` once: actix registers them in this order (a literal path
/// before a pattern that would match it) and the OpenAPI document's paths are the same list,
/// so no route can go undocumented.
macro_rules! routes {
    ($($($segment:ident)::+),+ $(,)?) => {
        fn register(cfg: &mut web::ServiceConfig) {
            $(cfg.service($($segment)::+);)+
        }

        /// The operations of `/api/v1`, merged into [`openapi::ApiDoc`].
        #[derive(utoipa::OpenApi)]
        #[openapi(paths($($($segment)::+),+))]
        pub struct Paths;
    };
}

routes!(
    accounts::register::register,
    accounts::reset_password::reset_password,
    accounts::me::me,
    accounts::change_password::change_password,
    accounts::change_phone::change_phone,
    accounts::channels::get,
    accounts::channels::set,
    accounts::verification::send,
    sessions::login::login,
    sessions::refresh::refresh,
    sessions::logout::logout,
    staff::login::login,
    staff::me::me,
    staff::password::change_password,
    staff::totp::setup,
    staff::totp::confirm,
    staff::queue::queue,
    staff::queue::export,
    staff::bulletin::bulletin,
    staff::bulletin::xlsx,
    staff::bulletin::csv,
    staff::annual::annual,
    staff::annual::xlsx,
    staff::annual::csv,
    staff::oversight::oversight,
    staff::case::case,
    staff::publication::draft,
    staff::publication::publish_case,
    staff::download::download,
    staff::act::act,
    staff::identity::identity,
    staff::register::register,
    reference::reference,
    reference::reception,
    statistics::statistics,
    cases::list,
    cases::case,
    petitions::lookup::lookup,
    petitions::lookup_detail::code,
    petitions::lookup_detail::detail,
    petitions::submit::submit,
    petitions::list_mine::list_mine,
    petitions::detail::detail,
    petitions::withdraw::withdraw,
    petitions::add_material::add_material,
    petitions::download::download,
    petitions::rate::rate,
    petitions::review::review,
    admin::units::list,
    admin::units::create,
    admin::units::competences,
    admin::units::update,
    admin::units::close,
    admin::units::merge,
    admin::regions::import,
    admin::staff::list,
    admin::staff::create,
    admin::staff::update,
    admin::staff::reset_totp,
    admin::staff::reset_password,
    admin::staff::disable,
    admin::staff::enable,
    admin::categories::create,
    admin::categories::list,
    admin::categories::update,
    admin::calendar::list,
    admin::calendar::put_year,
    admin::index_weights::get,
    admin::index_weights::set,
    audit::verify,
    audit::records,
    admin::outbox::list,
    admin::outbox::retry,
    admin::webhooks::create,
    admin::webhooks::list,
    admin::webhooks::deliveries,
    admin::partners::create,
    admin::partners::list,
    admin::partners::set_unit_partner,
    partners::report,
    notifications::mine,
    notifications::mark_read,
);

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .app_data(
                web::JsonConfig::default()
                    .limit(256 * 1024)
                    .error_handler(json_error),
            )
            .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
            // A filter that is not one of the documented values is a refused field, like
            // a bad body field, not actix's plain-text 400.
            .app_data(web::QueryConfig::default().error_handler(|_, _| {
                AppError::field("query", "查询条件不正确，请检查筛选项。").into()
            }))
            .service(openapi::document)
            .configure(register)
            .default_service(web::to(|| async {
                Err::<HttpResponse, _>(AppError::NotFound)
            })),
    );
}

/// A body that is not the JSON the route expects is a 422 naming the problem, never a 500.
fn json_error(err: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let message = match &err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            return AppError::PayloadTooLarge("请求内容过大。".into()).into();
        }
        JsonPayloadError::ContentType => "请求须为 application/json。".to_owned(),
        JsonPayloadError::Deserialize(e) => format!("请求内容格式不正确：{e}"),
        _ => "无法读取请求内容。".to_owned(),
    };
    AppError::field("body", message).into()
}

/// 204 with cookies to set (logout, password change).
pub fn no_content_with(cookies: Vec<actix_web::cookie::Cookie<'static>>) -> HttpResponse {
    let mut res = HttpResponse::NoContent();
    for c in cookies {
        res.cookie(c);
    }
    res.finish()
}
