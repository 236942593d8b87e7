//! Server functions: the UI's private door (`/ui/...`, POST). Each one is thin: it reads
//! the caller from the request, calls the server through a port, and maps the result.

mod account;
mod admin;
mod petitions;
mod staff;

pub use account::*;
pub use admin::*;
pub use petitions::*;
pub use staff::*;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use std::sync::Arc;

    use actix_web::http::header::{HeaderValue, SET_COOKIE};
    use leptos::prelude::*;
    use shared::ApiError;

    use crate::error::UiError;
    use crate::ports::{Caller, Outcome, Portal};

    /// The server's implementation of the ports, provided as context by the server.
    pub fn portal() -> Result<Arc<dyn Portal>, UiError> {
        use_context::<Arc<dyn Portal>>().ok_or_else(|| UiError(ApiError::internal()))
    }

    /// The cookies and address of the current request.
    pub fn caller(portal: &dyn Portal) -> Caller {
        let Some(req) = use_context::<leptos_actix::Request>() else {
            return Caller::default();
        };
        let names = portal.cookie_names();
        let get = |name: &str| {
            req.cookie(name)
                .map(|c| c.value().to_owned())
                .filter(|v| !v.is_empty())
        };
        Caller {
            access: get(names.access),
            refresh: get(names.refresh),
            receipt: get(names.receipt),
            track: get(names.track),
            // Named by the server's door-keeper, through its trusted proxies, exactly as
            // the REST door reads it.
            ip: Some(portal.client_address(&req)),
        }
    }

    /// Reads a multipart form: its text fields (64 KB each, at most 64 of them) and its
    /// files (10 MB each, at most nine), each bounded while it streams in; a file error
    /// names `file_field` and calls the files `noun` (附件, 文件).
    pub async fn read_multipart(
        data: leptos::server_fn::codec::MultipartData,
        file_field: &str,
        noun: &str,
    ) -> Result<
        (
            std::collections::HashMap<String, String>,
            Vec<crate::ports::FileUpload>,
        ),
        UiError,
    > {
        use shared::FieldError;
        use shared::petition::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS};
        const MAX_FIELDS: usize = 64;

        let mut stream = data
            .into_inner()
            .ok_or_else(|| UiError(ApiError::internal()))?;
        let mut fields = std::collections::HashMap::new();
        let mut files = Vec::new();
        let refuse = |field: &str, message: String| {
            UiError(ApiError::validation(vec![FieldError::new(field, message)]))
        };
        let broken = || refuse(file_field, "上传的内容不完整，请重新提交。".into());
        while let Some(mut field) = stream.next_field().await.map_err(|_| broken())? {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let limit = if file_name.is_some() {
                MAX_ATTACHMENT_BYTES
            } else {
                64 * 1024
            };
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(|_| broken())? {
                if bytes.len() + chunk.len() > limit {
                    return Err(match file_name {
                        Some(_) => refuse(file_field, format!("单个{noun}不能超过10MB")),
                        None => refuse(&name, "内容过长".into()),
                    });
                }
                bytes.extend_from_slice(&chunk);
            }
            match file_name {
                Some(f) if f.is_empty() && bytes.is_empty() => {}
                Some(file_name) => {
                    if files.len() == MAX_ATTACHMENTS {
                        return Err(refuse(file_field, format!("{noun}最多{MAX_ATTACHMENTS}个")));
                    }
                    files.push(crate::ports::FileUpload { file_name, bytes });
                }
                None => {
                    if fields.len() == MAX_FIELDS {
                        return Err(refuse(&name, "表单内容过多".into()));
                    }
                    fields.insert(name, String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
        Ok((fields, files))
    }

    /// A posted field that is none of the values it may take.
    pub fn refused(field: &str, message: &str) -> UiError {
        UiError(ApiError::validation(vec![shared::FieldError::new(
            field, message,
        )]))
    }

    /// Adds the outcome's cookies to the response and returns its value.
    pub fn apply<T>(outcome: Outcome<T>) -> T {
        if let Some(res) = use_context::<leptos_actix::ResponseOptions>() {
            for cookie in outcome.set_cookies {
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    res.append_header(SET_COOKIE, value);
                }
            }
        }
        outcome.value
    }
}
