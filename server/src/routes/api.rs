//! The REST API, `/api/v1`: one file per use case, described by the OpenAPI document.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod multipart;
pub mod notifications;
pub mod partners;
pub mod petitions;
pub mod reference;
pub mod sessions;
pub mod staff;

use actix_web::{HttpRequest, HttpResponse, error::JsonPayloadError, web};

use crate::error::AppError;

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
            .service(crate::openapi::document)
            .service(accounts::register::register)
            .service(accounts::me::me)
            .service(accounts::change_password::change_password)
            .service(accounts::change_phone::change_phone)
            .service(accounts::channels::get)
            .service(accounts::channels::set)
            .service(accounts::verification::send)
            .service(sessions::login::login)
            .service(sessions::refresh::refresh)
            .service(sessions::logout::logout)
            .service(staff::login::login)
            .service(staff::me::me)
            .service(staff::password::change_password)
            .service(staff::totp::setup)
            .service(staff::totp::confirm)
            .service(staff::queue::queue)
            .service(staff::case::case)
            .service(staff::act::act)
            .service(staff::identity::identity)
            .service(staff::register::register)
            .service(reference::reference)
            .service(petitions::lookup::lookup)
            .service(petitions::lookup_detail::code)
            .service(petitions::lookup_detail::detail)
            .service(petitions::submit::submit)
            .service(petitions::list_mine::list_mine)
            .service(petitions::detail::detail)
            .service(petitions::withdraw::withdraw)
            .service(petitions::add_material::add_material)
            .service(petitions::download::download)
            .service(petitions::rate::rate)
            .service(petitions::review::review)
            .service(admin::units::list)
            .service(admin::units::create)
            .service(admin::units::competences)
            .service(admin::staff::list)
            .service(admin::staff::create)
            .service(admin::staff::update)
            .service(admin::staff::reset_totp)
            .service(admin::staff::disable)
            .service(admin::staff::enable)
            .service(admin::categories::create)
            .service(admin::calendar::list)
            .service(admin::calendar::put_year)
            .service(audit::verify)
            .service(audit::records)
            .service(admin::outbox::list)
            .service(admin::outbox::retry)
            .service(admin::webhooks::create)
            .service(admin::webhooks::list)
            .service(admin::webhooks::deliveries)
            .service(admin::partners::create)
            .service(admin::partners::list)
            .service(admin::partners::set_unit_partner)
            .service(partners::report)
            .service(notifications::mine)
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
