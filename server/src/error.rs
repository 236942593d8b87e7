//! The server's error type and its one mapping to HTTP: causes are logged here, once, and never shown.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use shared::{ApiError, ErrorKind, FieldError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden(String),
    #[error("conflict")]
    Conflict(String),
    #[error("unauthenticated")]
    Unauthenticated,
    /// Login failed; one answer for every reason.
    #[error("bad credentials")]
    BadCredentials,
    /// Staff login failed; one answer for every reason.
    #[error("bad staff credentials")]
    BadStaffCredentials,
    /// A partner's request whose signature or timestamp does not hold; says which.
    #[error("bad signature")]
    BadSignature(&'static str),
    #[error("rate limited")]
    RateLimited,
    /// Too many requests, with what the caller may do about it.
    #[error("throttled")]
    Throttled(String),
    #[error("payload too large")]
    PayloadTooLarge(String),
    /// Anything unexpected; the cause is logged and the client gets a generic message.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl AppError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError::new(field, message)])
    }

    /// What the client sees.
    pub fn to_api(&self) -> ApiError {
        match self {
            AppError::Validation(fields) => ApiError::validation(fields.clone()),
            AppError::NotFound => ApiError::not_found(),
            AppError::Forbidden(m) => ApiError::new(ErrorKind::Forbidden, m.clone()),
            AppError::Conflict(m) => ApiError::new(ErrorKind::Conflict, m.clone()),
            AppError::Unauthenticated => ApiError::unauthenticated(),
            AppError::BadCredentials => {
                ApiError::new(ErrorKind::Unauthenticated, "手机号码或密码不正确。")
            }
            AppError::BadStaffCredentials => ApiError::new(
                ErrorKind::Unauthenticated,
                "用户名、密码或动态口令不正确（已绑定身份验证器的，请同时输入应用中显示的最新6位数字）。",
            ),
            AppError::BadSignature(m) => ApiError::new(ErrorKind::Unauthenticated, *m),
            AppError::RateLimited => {
                ApiError::new(ErrorKind::RateLimited, "操作过于频繁，请稍后再试。")
            }
            AppError::Throttled(m) => ApiError::new(ErrorKind::RateLimited, m.clone()),
            AppError::PayloadTooLarge(m) => ApiError::new(ErrorKind::PayloadTooLarge, m.clone()),
            AppError::Unexpected(_) => ApiError::internal(),
        }
    }

    /// Logs the cause of an unexpected error. Causes name queries and files, never values.
    pub fn log(&self) {
        if let AppError::Unexpected(cause) = self {
            tracing::error!(error = format!("{cause:#}"), "unexpected error");
        }
    }
}

impl From<ApiError> for AppError {
    fn from(e: ApiError) -> Self {
        match e.kind {
            ErrorKind::Validation => AppError::Validation(e.fields),
            ErrorKind::NotFound => AppError::NotFound,
            ErrorKind::Forbidden => AppError::Forbidden(e.message),
            ErrorKind::Conflict => AppError::Conflict(e.message),
            ErrorKind::Unauthenticated => AppError::Unauthenticated,
            ErrorKind::RateLimited => AppError::RateLimited,
            ErrorKind::PayloadTooLarge => AppError::PayloadTooLarge(e.message),
            ErrorKind::Internal => AppError::Unexpected(anyhow::anyhow!(e.message)),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Unexpected(anyhow::Error::new(e).context("database error"))
    }
}

pub fn status_of(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::Validation => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorKind::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        status_of(self.to_api().kind)
    }

    fn error_response(&self) -> HttpResponse {
        self.log();
        let body = self.to_api();
        let mut res = HttpResponse::build(status_of(body.kind));
        if matches!(self, AppError::RateLimited) {
            res.insert_header(("Retry-After", "60"));
        }
        res.json(body)
    }
}

pub type AppResult<T> = Result<T, AppError>;
