//! The caller of a request: resolved from a bearer token or the session cookies.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::Cookie;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use shared::ids::{CitizenId, StaffId};

use super::cookies::{self, Kind};
pub use super::identity::Principal;
use super::sessions;
use crate::error::AppError;
use crate::state::AppState;
use crate::time::now_ms;

/// The caller, and cookies the response must set (a browser session was refreshed).
pub struct Resolved {
    pub principal: Option<Principal>,
    pub set_cookies: Vec<Cookie<'static>>,
}

/// Resolves the caller from its credentials. A bearer token is checked alone; a browser
/// whose access cookie has expired but whose refresh cookie is good gets new cookies.
pub async fn resolve(
    state: &AppState,
    bearer: Option<String>,
    access_cookie: Option<String>,
    refresh_cookie: Option<String>,
) -> Result<Resolved, AppError> {
    let secure = state.settings.server.secure_cookies;
    let none = || Resolved {
        principal: None,
        set_cookies: Vec::new(),
    };
    let from_cookie = bearer.is_none();
    if let Some(token) = bearer.or(access_cookie) {
        if let Some(claims) = state.tokens.verify(&token) {
            if crate::db::sessions::is_active(&state.db.pool, &claims.sid, now_ms()).await? {
                return Ok(Resolved {
                    principal: Principal::from_subject(&claims.sub, claims.sid),
                    set_cookies: Vec::new(),
                });
            }
            return Ok(none());
        }
        if !from_cookie {
            return Ok(none());
        }
    }
    let Some(refresh) = refresh_cookie else {
        return Ok(none());
    };
    match sessions::refresh(state, &refresh).await {
        Ok(issued) => {
            let mut set = vec![cookies::build(
                Kind::Access,
                secure,
                issued.access,
                state.tokens.access_ttl_secs,
            )];
            if let Some(r) = issued.refresh {
                set.push(cookies::build(
                    Kind::Refresh,
                    secure,
                    r,
                    state.tokens.refresh_ttl_secs,
                ));
            }
            Ok(Resolved {
                principal: Some(issued.principal),
                set_cookies: set,
            })
        }
        Err(AppError::Unauthenticated) => Ok(Resolved {
            principal: None,
            set_cookies: vec![
                cookies::clear(Kind::Access, secure),
                cookies::clear(Kind::Refresh, secure),
            ],
        }),
        Err(e) => Err(e),
    }
}

/// [`resolve`] for an actix request: queues the cookies for its response.
pub async fn authenticate(
    state: &AppState,
    req: &HttpRequest,
) -> Result<Option<Principal>, AppError> {
    let secure = state.settings.server.secure_cookies;
    let bearer = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::to_owned);
    let resolved = resolve(
        state,
        bearer,
        cookies::read(req, Kind::Access, secure),
        cookies::read(req, Kind::Refresh, secure),
    )
    .await?;
    if !resolved.set_cookies.is_empty() {
        cookies::queue(req, resolved.set_cookies);
    }
    Ok(resolved.principal)
}

/// The caller of an actix request, for extractors.
fn caller(req: &HttpRequest) -> Pin<Box<dyn Future<Output = Result<Option<Principal>, AppError>>>> {
    let req = req.clone();
    Box::pin(async move {
        let state = req
            .app_data::<web::Data<AppState>>()
            .expect("AppState is registered")
            .clone();
        authenticate(&state, &req).await
    })
}

/// Declares an extractor that admits one kind of principal and refuses every other caller.
macro_rules! principal_extractor {
    ($(#[$doc:meta])* $name:ident, $variant:ident, $id:ty) => {
        $(#[$doc])*
        pub struct $name {
            pub id: $id,
            pub session: String,
        }

        impl FromRequest for $name {
            type Error = AppError;
            type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                let found = caller(req);
                Box::pin(async move {
                    match found.await? {
                        Some(Principal::$variant { id, session }) => Ok($name { id, session }),
                        _ => Err(AppError::Unauthenticated),
                    }
                })
            }
        }
    };
}

principal_extractor!(
    /// Extractor for routes only a logged-in citizen may call.
    CitizenAuth, Citizen, CitizenId
);
principal_extractor!(
    /// Extractor for routes only a logged-in staff member may call.
    StaffAuth, Staff, StaffId
);
