//! Reference data for forms: the region tree, the category tree, the unit directory and
//! the petition kinds.

use serde::{Deserialize, Serialize};

use crate::ids::{CategoryId, RegionId};

/// Administrative level of a region (and of the units that serve it).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 市
    City,
    /// 县(区)
    County,
    /// 乡镇(街道)
    Township,
    /// 村(社区)
    Village,
}

impl Level {
    /// The start every division code under a division of this level shares: a city's
    /// first four digits (its counties are `110101`, … under `110100`), else the whole code.
    pub fn subtree_prefix(self, code: &str) -> &str {
        match self {
            Self::City => code.get(..4).unwrap_or(code),
            _ => code,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::City => "市级",
            Self::County => "县级",
            Self::Township => "乡镇级",
            Self::Village => "村级",
        }
    }
}

crate::codes!(Level);

/// A region, with its parent so that clients can build the tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionView {
    pub id: RegionId,
    pub parent_id: Option<RegionId>,
    pub code: String,
    pub name: String,
    /// The names from the city down, e.g. `江宁市 / 东城区 / 新桥街道`.
    pub path: String,
    pub level: Level,
}

/// A subject category; only leaves can be chosen for a petition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryView {
    pub id: CategoryId,
    pub parent_id: Option<CategoryId>,
    pub name: String,
    pub path: String,
    pub selectable: bool,
}

/// Everything the filing form needs, in one request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReferenceData {
    pub regions: Vec<RegionView>,
    pub categories: Vec<CategoryView>,
    /// The unit directory an accusation may name (被检举控告单位); the top of the tree
    /// is left out, because no unit of the portal stands above it to handle the matter.
    #[serde(default)]
    pub units: Vec<crate::petition::UnitOption>,
}

impl ReferenceData {
    /// What the filing form carries into the page: the categories and the unit
    /// directory, not the places (its picker searches them, a county has thousands).
    pub fn for_form(self) -> Self {
        Self {
            regions: Vec::new(),
            ..self
        }
    }
}
