//! Server functions of the reference data an administrator keeps: categories, the
//! division codes (行政区划), the holiday calendar and the 信访指数 weights.

use leptos::prelude::*;
use shared::admin::CalendarYearView;

#[cfg(feature = "ssr")]
use super::{admin, caller, id};
use crate::error::UiError;

#[server(prefix = "/ui", endpoint = "admin-create-category")]
pub async fn admin_create_category(parent_id: String, name: String) -> Result<(), UiError> {
    let parent_id = if parent_id.is_empty() {
        None
    } else {
        Some(shared::ids::CategoryId(id("parent_id", &parent_id)?))
    };
    let req = shared::admin::NewCategoryRequest { parent_id, name };
    crate::api::ssr::apply(admin()?.create_category(&caller()?, req).await?);
    Ok(())
}

/// 导入行政区划 from the administration page (multipart: `within` and the files). Without
/// JavaScript the browser comes back to the page, which shows what the import changed.
#[server(prefix = "/ui", endpoint = "admin-import-regions", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn admin_import_regions(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<(), UiError> {
    use crate::api::ssr::{apply, read_multipart};
    let admin = admin()?;
    let caller = caller()?;
    // Who is asking comes first: only an administrator's upload is read at all.
    apply(admin.calendar(&caller).await?);
    let (fields, uploads) = read_multipart(data, "file", "文件").await?;
    let mut files = Vec::new();
    for f in uploads {
        files.push(String::from_utf8(f.bytes).map_err(|_| {
            crate::api::ssr::refused("file", &format!("{}不是UTF-8编码的文本", f.file_name))
        })?);
    }
    if files.is_empty() {
        return Err(crate::api::ssr::refused("file", "请选择区划代码文件"));
    }
    let within = fields.get("within").cloned();
    let done = apply(admin.import_regions(&caller, files, within).await?);
    leptos_actix::redirect(&format!(
        "/admin?imported={},{},{},{},{},{}#regions-h",
        done.added, done.renamed, done.moved, done.retired, done.restored, done.unchanged
    ));
    Ok(())
}

#[server(prefix = "/ui", endpoint = "admin-categories")]
pub async fn admin_categories() -> Result<Vec<shared::admin::CategoryAdminView>, UiError> {
    Ok(crate::api::ssr::apply(
        admin()?.categories(&caller()?).await?,
    ))
}

/// 改名, 调整顺序, 停用 or 恢复 a category (the checkbox `retired`).
#[server(prefix = "/ui", endpoint = "admin-update-category")]
pub async fn admin_update_category(
    category_id: String,
    name: String,
    position: String,
    retired: Option<String>,
) -> Result<(), UiError> {
    let category = shared::ids::CategoryId(id("category_id", &category_id)?);
    let position = position
        .trim()
        .parse()
        .map_err(|_| crate::api::ssr::refused("position", "顺序应为整数"))?;
    let req = shared::admin::CategoryUpdateRequest {
        name,
        position,
        retired: retired.is_some(),
    };
    crate::api::ssr::apply(admin()?.update_category(&caller()?, category, req).await?);
    Ok(())
}

#[server(prefix = "/ui", endpoint = "admin-calendar")]
pub async fn admin_calendar() -> Result<Vec<CalendarYearView>, UiError> {
    Ok(crate::api::ssr::apply(admin()?.calendar(&caller()?).await?))
}

#[server(prefix = "/ui", endpoint = "admin-put-calendar")]
pub async fn admin_put_calendar(year: String, text: String) -> Result<(), UiError> {
    let year = i32::try_from(id("year", &year)?).unwrap_or_default();
    let req = shared::admin::CalendarYearRequest { text };
    crate::api::ssr::apply(admin()?.put_calendar(&caller()?, year, req).await?);
    Ok(())
}

/// 信访指数权重 in force, every figure listed.
#[server(prefix = "/ui", endpoint = "admin-index-weights")]
pub async fn admin_index_weights() -> Result<shared::admin::IndexWeightsView, UiError> {
    Ok(crate::api::ssr::apply(
        admin()?.index_weights(&caller()?).await?,
    ))
}

/// Sets the 信访指数 weights from the form: a field per figure (`weights[timely_acceptance]`),
/// blank meaning 0.
#[server(prefix = "/ui", endpoint = "admin-put-index-weights")]
pub async fn admin_put_index_weights(
    weights: std::collections::BTreeMap<String, String>,
) -> Result<(), UiError> {
    use shared::figures::{Figure, index::Weight};
    let (admin, caller) = (admin()?, caller()?);
    // Who is asking comes first: anyone else is refused before the form is read.
    crate::api::ssr::apply(admin.index_weights(&caller).await?);
    let mut list = Vec::new();
    for (code, value) in &weights {
        let figure = Figure::from_code(code)
            .ok_or_else(|| crate::api::ssr::refused("weights", "没有这项指标"))?;
        let value = value.trim();
        let weight = if value.is_empty() {
            0
        } else {
            value.parse().map_err(|_| {
                crate::api::ssr::refused(
                    "weights",
                    &format!("“{}”的权重应为0至100的整数", figure.name()),
                )
            })?
        };
        list.push(Weight { figure, weight });
    }
    let req = shared::admin::IndexWeightsRequest { weights: list };
    crate::api::ssr::apply(admin.put_index_weights(&caller, req).await?);
    Ok(())
}
