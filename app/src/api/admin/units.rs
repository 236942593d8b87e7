//! Server functions of 单位管理: units, their reception details and competences.

// A unit's form posts one argument per field; the server function macro copies the
// argument list into the client stub, where a local allow does not reach.
#![allow(
    clippy::too_many_arguments,
    reason = "a server function takes one argument per form field, in both builds"
)]

use leptos::prelude::*;
use shared::admin::UnitView;
use shared::reference::ReferenceData;

#[cfg(feature = "ssr")]
use super::{admin, caller, id};
use crate::error::UiError;

#[server(prefix = "/ui", endpoint = "admin-units")]
pub async fn admin_units() -> Result<(Vec<UnitView>, ReferenceData), UiError> {
    Ok(crate::api::ssr::apply(admin()?.units(&caller()?).await?))
}

#[server(prefix = "/ui", endpoint = "admin-create-unit")]
pub async fn admin_create_unit(
    parent_id: String,
    region_id: String,
    name: String,
    kind: String,
    address: Option<String>,
    hours: Option<String>,
    phone: Option<String>,
) -> Result<(), UiError> {
    let u = unit_fields(&parent_id, &region_id, &kind, address, hours, phone)?;
    let req = shared::admin::NewUnitRequest {
        parent_id: u.parent_id,
        region_id: u.region_id,
        name,
        kind: u.kind,
        reception: u.reception,
    };
    crate::api::ssr::apply(admin()?.create_unit(&caller()?, req).await?);
    Ok(())
}

/// The posted parts of a unit's record that need reading.
#[cfg(feature = "ssr")]
struct UnitFields {
    parent_id: Option<shared::ids::UnitId>,
    region_id: shared::ids::RegionId,
    kind: shared::admin::UnitKind,
    reception: shared::admin::Reception,
}

#[cfg(feature = "ssr")]
fn unit_fields(
    parent_id: &str,
    region_id: &str,
    kind: &str,
    address: Option<String>,
    hours: Option<String>,
    phone: Option<String>,
) -> Result<UnitFields, UiError> {
    use shared::admin::UnitKind;
    let kind = UnitKind::from_code(kind)
        .ok_or_else(|| crate::api::ssr::refused("kind", "请选择单位类型"))?;
    let parent_id = if parent_id.is_empty() {
        None
    } else {
        Some(shared::ids::UnitId(id("parent_id", parent_id)?))
    };
    Ok(UnitFields {
        parent_id,
        region_id: shared::ids::RegionId(id("region_id", region_id)?),
        kind,
        reception: shared::admin::Reception {
            address: address.unwrap_or_default(),
            hours: hours.unwrap_or_default(),
            phone: phone.unwrap_or_default(),
        },
    })
}

/// 改名, 调整隶属, 接待信息.
#[server(prefix = "/ui", endpoint = "admin-update-unit")]
pub async fn admin_update_unit(
    unit_id: String,
    parent_id: String,
    region_id: String,
    name: String,
    kind: String,
    address: Option<String>,
    hours: Option<String>,
    phone: Option<String>,
) -> Result<(), UiError> {
    let unit = shared::ids::UnitId(id("unit_id", &unit_id)?);
    let u = unit_fields(&parent_id, &region_id, &kind, address, hours, phone)?;
    let req = shared::admin::UnitUpdateRequest {
        parent_id: u.parent_id,
        region_id: u.region_id,
        name,
        kind: u.kind,
        reception: u.reception,
    };
    crate::api::ssr::apply(admin()?.update_unit(&caller()?, unit, req).await?);
    Ok(())
}

/// 合并 (with `into`) or 撤销 (without) a unit.
#[server(prefix = "/ui", endpoint = "admin-close-unit")]
pub async fn admin_close_unit(unit_id: String, into: Option<String>) -> Result<(), UiError> {
    let unit = shared::ids::UnitId(id("unit_id", &unit_id)?);
    let into = match into.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(i) => Some(shared::ids::UnitId(id("into", i)?)),
    };
    crate::api::ssr::apply(admin()?.close_unit(&caller()?, unit, into).await?);
    Ok(())
}

/// Adds or removes one competence of a unit.
#[server(prefix = "/ui", endpoint = "admin-competence")]
pub async fn admin_competence(
    unit_id: String,
    category_id: String,
    add: bool,
) -> Result<(), UiError> {
    use shared::admin::CompetencesRequest;
    use shared::ids::{CategoryId, UnitId};
    let (unit, category) = (id("unit_id", &unit_id)?, id("category_id", &category_id)?);
    let (units, _) = crate::api::ssr::apply(admin()?.units(&caller()?).await?);
    let mut current: Vec<CategoryId> = units
        .into_iter()
        .find(|u| u.id.0 == unit)
        .map(|u| u.competences)
        .unwrap_or_default();
    current.retain(|c| c.0 != category);
    if add {
        current.push(CategoryId(category));
    }
    let req = CompetencesRequest {
        category_ids: current,
    };
    crate::api::ssr::apply(
        admin()?
            .set_competences(&caller()?, UnitId(unit), req)
            .await?,
    );
    Ok(())
}
