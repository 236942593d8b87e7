//! What administrators and auditors send and see: units with jurisdictions and
//! competences, staff accounts and roles, categories, the holiday calendar, and the audit
//! trail.

use serde::{Deserialize, Serialize};

use crate::ids::{CategoryId, RegionId, UnitId};
use crate::staff::Role;

/// What kind of body a unit is.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 信访局/信访办: receives, routes and supervises.
    Bureau,
    /// 职能部门: handles matters in its competence.
    Department,
    /// 村(居)民委员会
    Committee,
    /// 纪检监察机关: receives accusations against officials and public bodies (art. 22).
    Discipline,
}

impl UnitKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Bureau => "信访部门",
            Self::Department => "职能部门",
            Self::Committee => "村(居)民委员会",
            Self::Discipline => "纪检监察机关",
        }
    }
}

crate::codes!(UnitKind);

/// A unit with its place in the tree, its jurisdiction and its competences.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitView {
    pub id: UnitId,
    pub parent_id: Option<UnitId>,
    /// 辖区: the region the unit serves (and the regions below it).
    pub region_id: RegionId,
    pub name: String,
    pub kind: String,
    pub level: String,
    /// 职能: the categories it has power over.
    pub competences: Vec<CategoryId>,
    /// 对接系统: the partner system it handles its cases in, if any.
    #[serde(default)]
    pub partner_id: Option<i64>,
    /// 接待信息 (art. 18).
    #[serde(default)]
    pub reception: Reception,
    /// 已撤销: kept for the record; routes and receives nothing.
    #[serde(default)]
    pub closed: bool,
}

/// 接待信息: where and when a unit receives people, and its phone; public (art. 18).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reception {
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub phone: String,
}

impl Reception {
    /// Checks the lengths and the phone's characters; the field errors name `address`,
    /// `hours` and `phone`.
    pub fn validate(&self) -> Result<Self, crate::ApiError> {
        let mut p = crate::error::Problems::default();
        let trimmed = Self {
            address: self.address.trim().to_owned(),
            hours: self.hours.trim().to_owned(),
            phone: self.phone.trim().to_owned(),
        };
        for (field, value, max) in [
            ("address", &trimmed.address, 100),
            ("hours", &trimmed.hours, 100),
            ("phone", &trimmed.phone, 40),
        ] {
            if value.chars().count() > max || value.chars().any(char::is_control) {
                p.push(field, format!("不超过{max}个字，且不含控制字符"));
            }
        }
        if !trimmed
            .phone
            .chars()
            .all(|c| c.is_ascii_digit() || " -()（）、,，转".contains(c))
        {
            p.push("phone", "电话只能包含数字、空格和 -、（）、转");
        }
        p.finish()?;
        Ok(trimmed)
    }

    pub fn is_empty(&self) -> bool {
        self.address.is_empty() && self.hours.is_empty() && self.phone.is_empty()
    }
}

/// A unit's new name, place, kind and reception details (改名, 调整隶属, 接待信息).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitUpdateRequest {
    pub parent_id: Option<UnitId>,
    pub region_id: RegionId,
    pub name: String,
    pub kind: UnitKind,
    #[serde(default)]
    pub reception: Reception,
}

/// 合并: everything the unit holds moves to `into`, and the unit is closed.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MergeUnitRequest {
    pub into: UnitId,
}

/// A unit's reception details as the public reads them (信访接待).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceptionView {
    pub unit: String,
    pub kind: UnitKind,
    /// The region's full path.
    pub region: String,
    pub reception: Reception,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewUnitRequest {
    pub parent_id: Option<UnitId>,
    pub region_id: RegionId,
    pub name: String,
    pub kind: UnitKind,
    #[serde(default)]
    pub reception: Reception,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompetencesRequest {
    pub category_ids: Vec<CategoryId>,
}

/// A staff account as the administrator sees it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccountView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub unit_id: Option<UnitId>,
    pub unit: Option<String>,
    pub roles: Vec<Role>,
    pub totp_enabled: bool,
    /// 已停用: cannot sign in; the account stays for the audit trail.
    #[serde(default)]
    pub disabled: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStaffRequest {
    pub username: String,
    pub display_name: String,
    pub unit_id: UnitId,
    pub roles: Vec<Role>,
}

/// The new account's first password, shown once to hand over.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStaffView {
    pub id: i64,
    pub username: String,
    pub initial_password: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffUpdateRequest {
    pub unit_id: UnitId,
    pub roles: Vec<Role>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCategoryRequest {
    pub parent_id: Option<CategoryId>,
    pub name: String,
}

/// A category as the administrator manages it, retired ones included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryAdminView {
    pub id: CategoryId,
    pub parent_id: Option<CategoryId>,
    pub name: String,
    /// Order among its siblings, smallest first.
    pub position: i64,
    /// 已停用: offered to nobody; petitions filed under it keep it.
    pub retired: bool,
}

/// 改名, 调整顺序, 停用 (or 恢复) a category.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryUpdateRequest {
    pub name: String,
    pub position: i64,
    pub retired: bool,
}

/// One year's holiday arrangement, in the calendar-file format
/// (`2027-01-01 rest 元旦`, `2027-02-06..2027-02-12 rest 春节`, `2027-02-14 work 春节调休上班`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarYearRequest {
    pub text: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarYearView {
    pub year: i32,
    /// As entered; empty for a year nobody entered yet.
    pub text: String,
    /// The festivals whose rest days are not loaded: the year counts as loaded only
    /// when this is empty.
    #[serde(default)]
    pub missing: Vec<String>,
}

/// What an import of division codes changed (行政区划导入).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionImportView {
    pub added: u32,
    pub renamed: u32,
    /// Placed under another parent.
    pub moved: u32,
    /// 已撤销: no longer in the official list, kept for the petitions that name them.
    pub retired: u32,
    /// Retired before and listed again.
    pub restored: u32,
    pub unchanged: u32,
}

impl RegionImportView {
    /// The result in one Chinese sentence for the administrator.
    pub fn summary(&self) -> String {
        format!(
            "导入完成：新增{}个，更名{}个，调整隶属{}个，撤销{}个，恢复{}个，未变{}个。",
            self.added, self.renamed, self.moved, self.retired, self.restored, self.unchanged
        )
    }
}

/// The audit chain's check, as an auditor sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditReport {
    pub checked: i64,
    pub intact: bool,
    pub problem: Option<String>,
}

/// One record of the audit trail as an auditor reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditRecordView {
    pub seq: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    /// `staff:<id>`, `citizen:<id>`, `partner:<id>` or `system`.
    pub actor: String,
    pub role: Option<String>,
    pub unit: Option<String>,
    pub action: String,
    /// 信访件编号 of the petition concerned.
    pub number: Option<String>,
    /// What the action recorded: an unmasking's reason, a changed unit, a role list.
    pub detail: Option<String>,
    /// The client address the request came from.
    pub client: Option<String>,
}

/// A page of the trail, newest first; `next` (a record number) fetches older ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditRecordsPage {
    pub records: Vec<AuditRecordView>,
    pub next: Option<i64>,
}

/// 信访指数权重 as the administration page shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndexWeightsView {
    /// Every figure in the order of 统计口径, with its weight (0: left out of the index).
    pub weights: Vec<crate::figures::index::Weight>,
    /// Set by an administrator on this page; otherwise the configuration's apply.
    pub set_here: bool,
    /// How the index is computed with these weights, as the 通报 prints it.
    pub method: String,
}

/// New 信访指数 weights: the figures that count, each with a weight from 1 to 100; a figure
/// not listed, or of weight 0, is left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndexWeightsRequest {
    pub weights: Vec<crate::figures::index::Weight>,
}
