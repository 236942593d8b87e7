//! The one error shape every client sees: a kind, a message in Chinese and per-field errors.

use serde::{Deserialize, Serialize};

/// What went wrong, in terms a client can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    Unauthenticated,
    RateLimited,
    PayloadTooLarge,
    Internal,
}

/// One field's problem, worded for the person who typed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The request field's name, as in the request body (`id_number`, `title`).
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// The body of every error response of `/api/v1` and every failed server function.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

impl ApiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// A validation failure listing every field that is wrong.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        Self {
            kind: ErrorKind::Validation,
            message: "提交的内容有误，请按提示修改。".into(),
            fields,
        }
    }

    pub fn not_found() -> Self {
        Self::new(ErrorKind::NotFound, "未找到相应的记录。")
    }

    pub fn unauthenticated() -> Self {
        Self::new(ErrorKind::Unauthenticated, "请先登录。")
    }

    pub fn internal() -> Self {
        Self::new(
            ErrorKind::Internal,
            "系统繁忙，请稍后再试。您提交的内容未丢失，可以重新提交。",
        )
    }

    /// The message for `field`, if that field is wrong.
    pub fn field(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.as_str())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

/// Collects field errors while a request is converted into domain values, so that
/// every problem is reported at once rather than one per round trip.
#[derive(Clone, Default, Debug)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    /// Keeps the value, or records the error against `field` and returns `None`.
    pub fn check<T, E: std::fmt::Display>(&mut self, field: &str, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(FieldError::new(field, e.to_string()));
                None
            }
        }
    }

    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was recorded, otherwise the validation error with every field.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(self.0))
        }
    }
}
