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

    /// The Sunshine port: public figures and cases, the 通报, publishing a case.
    pub fn sunshine() -> Result<Arc<dyn crate::ports::Sunshine>, UiError> {
        use_context::<Arc<dyn crate::ports::Sunshine>>()
            .ok_or_else(|| UiError(ApiError::internal()))
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
            kept: get(names.kept),
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

    /// Whether this request is a plain form post, from a browser without JavaScript: it
    /// is sent back to the page and reads the outcome there.
    pub fn plain_post() -> bool {
        use_context::<leptos_actix::Request>().is_some_and(|req| {
            req.headers()
                .get(actix_web::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
        })
    }

    /// Keeps what a form posted without JavaScript held, for the page its browser goes
    /// back to (a refusal, or 获取验证码); with JavaScript the page never left.
    pub fn keep_posted(
        form: crate::components::kept::Form,
        fields: &std::collections::HashMap<String, String>,
    ) {
        if plain_post()
            && let Ok(portal) = portal()
        {
            apply(portal.keep_form(&caller(&*portal), form.name(), Some(fields.clone())));
        }
    }

    /// Forgets what this browser's refused forms held once one went through.
    pub fn forget_posted(form: crate::components::kept::Form) {
        if let Ok(portal) = portal()
            && caller(&*portal).kept.is_some()
        {
            apply(portal.keep_form(&caller(&*portal), form.name(), None));
        }
    }

    /// 问题发生地 posted without JavaScript is the words typed into the picker
    /// (`region_q`), not a chosen place: a full path, or one place by its own name,
    /// settles it. One place found from part of its name is put in the field to be
    /// confirmed; otherwise the message says what to type instead.
    pub async fn settle_region(
        fields: &mut std::collections::HashMap<String, String>,
    ) -> Result<Option<String>, UiError> {
        if fields
            .get("region_id")
            .is_some_and(|v| !v.trim().is_empty())
        {
            return Ok(None);
        }
        let typed = fields
            .get("region_q")
            .map(|q| q.trim().to_owned())
            .unwrap_or_default();
        if typed.is_empty() {
            return Ok(None);
        }
        let found = portal()?.search_regions(typed.clone()).await?;
        let typed: String = typed.chars().take(40).collect();
        let named = |p: &&shared::reference::RegionView| {
            p.path == typed || typed.split_whitespace().last() == Some(p.name.as_str())
        };
        let exact = found.iter().find(|p| p.path == typed);
        Ok(match (exact, found.as_slice()) {
            // The full path, or the one place whose own name was typed: settled.
            (Some(place), _) | (None, [place]) if named(&place) => {
                fields.insert("region_id".into(), place.id.0.to_string());
                None
            }
            // One place, from part of its name: the petitioner confirms it by sending
            // again, its full path now in the field (no place is chosen unseen).
            (None, [place]) => {
                fields.insert("region_q".into(), place.path.clone());
                Some(format!(
                    "请确认问题发生地是否为“{}”，无误请再次提交",
                    place.path
                ))
            }
            (None, []) => Some(format!(
                "没有找到“{typed}”，请只写乡镇（街道）或村（社区）名称中的几个字"
            )),
            _ => Some(format!(
                "“{typed}”对应多个地点（如{}），请加上乡镇（街道）名称，用空格隔开",
                found
                    .iter()
                    .take(2)
                    .map(|p| p.path.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            )),
        })
    }

    /// The refusal of a form, with the picker's own words for 问题发生地 when the typed
    /// place was not settled.
    pub fn with_place_problem(mut e: ApiError, problem: Option<String>) -> UiError {
        if let Some(message) = problem
            && let Some(f) = e.fields.iter_mut().find(|f| f.field == "region_id")
        {
            f.message = message;
        }
        UiError(e)
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
