//! A handler that panics answers a plain 500 and the worker serves on; the panic is
//! logged without its message, which could hold a value from the request.
//!
//! The 500 is returned as an error, not a response: a response needs the request, and a
//! request cloned before routing cannot be routed (actix needs it unshared).

use std::panic::AssertUnwindSafe;

use actix_web::Error;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use futures_util::FutureExt;

use crate::error::AppError;

pub async fn contain(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let path = req.path().to_owned();
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(res) => res.map(ServiceResponse::map_into_boxed_body),
        Err(_) => {
            // The path only: a query string could carry personal data.
            tracing::error!(%path, "a request handler panicked");
            Err(AppError::Unexpected(anyhow::anyhow!("a request handler panicked")).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use actix_web::middleware::from_fn;
    use actix_web::{App, HttpResponse, test, web};

    #[actix_web::test]
    async fn a_panicking_handler_answers_500_and_the_next_request_is_served() {
        let app = test::init_service(
            App::new()
                .wrap(from_fn(super::contain))
                .route(
                    "/boom",
                    web::get().to(|| async {
                        let secret: Option<&str> = std::hint::black_box(None);
                        HttpResponse::Ok()
                            .body(secret.expect("a value from the request").to_owned())
                    }),
                )
                .route(
                    "/fine",
                    web::get().to(|| async { HttpResponse::Ok().body("ok") }),
                ),
        )
        .await;
        // The server turns the error into its response, as here.
        let boom = test::TestRequest::get().uri("/boom").to_request();
        let Err(err) = test::try_call_service(&app, boom).await else {
            panic!("the panic becomes an error");
        };
        let res = err.error_response();
        assert_eq!(res.status(), 500);
        let body = actix_web::body::to_bytes(res.into_body()).await.unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert!(
            !body.contains("a value from the request") && !body.contains("panicked"),
            "{body}"
        );
        let fine = test::TestRequest::get().uri("/fine").to_request();
        assert_eq!(test::call_service(&app, fine).await.status(), 200);
    }
}
