//! Partner handling systems (对接系统): what the portal pushes to them when a case is
//! forwarded to a unit that works in one, and what they report back.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::petition::ReplyDraft;

/// What a partner system reports about a case it was given (inbound, signed).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerReport {
    /// 信访件编号, as pushed.
    pub number: String,
    #[serde(flatten)]
    pub step: PartnerStep,
}

/// One step the partner took.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PartnerStep {
    /// 受理: the partner's unit accepted the case; the handling clock starts.
    Accepted {
        /// The case's id in the partner system, if it was not given with the push.
        #[serde(default)]
        external_id: Option<String>,
    },
    /// 办理进展: a progress note shown on the petitioner's timeline.
    Progress { text: String },
    /// 答复: the final reply, approved in the partner system, published to the petitioner.
    Replied { reply: ReplyDraft },
}

impl PartnerStep {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Accepted { .. } => "accepted",
            Self::Progress { .. } => "progress",
            Self::Replied { .. } => "replied",
        }
    }
}

/// The case as pushed to a partner (`POST <url>/cases`, version 1). It carries the matter,
/// not the petitioner: contact goes through the portal, which tells the petitioner.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerCase {
    #[serde(rename = "type")]
    pub kind: String,
    pub version: u32,
    pub timestamp: DateTime<Utc>,
    pub number: String,
    /// 建议/意见/求决/申诉/检举控告
    pub petition_kind: String,
    pub category: String,
    pub place: String,
    pub facts: String,
    pub requests: String,
    /// 交办期限, when given.
    pub due_on: Option<String>,
    /// Where the partner reports back (signed as the push is).
    pub callback_url: String,
}

/// What a partner answers to a push: its own id for the case.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerReceipt {
    #[serde(default)]
    pub external_id: Option<String>,
}

/// 接入对接系统
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPartnerRequest {
    pub name: String,
    /// The partner's base address; cases are posted to `<url>/cases`.
    pub url: String,
}

/// A partner system; the secret is shown once, when it is created.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerView {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub active: bool,
    /// Where the partner posts its reports.
    pub inbound_path: String,
    /// `whsec_…`, only in the answer that created it.
    pub secret: Option<String>,
}

/// Marks a unit as handled in a partner system (`null`: handled in the portal again).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitPartnerRequest {
    pub partner_id: Option<i64>,
}
