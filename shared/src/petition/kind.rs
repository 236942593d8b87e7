//! Classifications of a petition: by content (条例 art. 31), by channel, and other legal procedures.

use serde::{Deserialize, Serialize};

/// The kind of a petition by its content.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PetitionKind {
    /// 建议意见
    Suggestion,
    /// 检举控告
    Accusation,
    /// 申诉求决
    Appeal,
    /// 咨询
    Inquiry,
}

impl PetitionKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Suggestion => "建议意见",
            Self::Accusation => "检举控告",
            Self::Appeal => "申诉求决",
            Self::Inquiry => "咨询",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Self::Suggestion => "对政府工作、公共事务提出建议和意见",
            Self::Accusation => "检举、控告违法违纪行为，对被反映人严格保密",
            Self::Appeal => "对涉及自身权益的事项提出申诉或请求解决",
            Self::Inquiry => "咨询政策、办事流程等问题",
        }
    }
}

crate::codes!(PetitionKind);

/// How a petition reached the bureau; every channel shares one record and one clock.
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
pub enum Channel {
    /// 网上信访
    Online,
    /// 来信
    Letter,
    /// 来访
    Visit,
    /// 电话
    Phone,
    /// 电子邮件
    Email,
    /// 市长信箱 (and other leaders' mailboxes)
    MayorMailbox,
    /// 12345转办: transferred from the 12345 government service hotline.
    Hotline,
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Self::Online => "网上信访",
            Self::Letter => "来信",
            Self::Visit => "来访",
            Self::Phone => "电话",
            Self::Email => "电子邮件",
            Self::MayorMailbox => "市长信箱",
            Self::Hotline => "12345转办",
        }
    }
}

crate::codes!(Channel);

/// 诉访分离: whether the matter is already before a court, arbitration or administrative
/// reconsideration; such matters belong to those procedures (条例 art. 31 items 1-5).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
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
pub enum OtherProcedure {
    #[default]
    None,
    /// 诉讼
    Litigation,
    /// 仲裁
    Arbitration,
    /// 行政复议
    Reconsideration,
}

impl OtherProcedure {
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "否",
            Self::Litigation => "已进入诉讼程序",
            Self::Arbitration => "已进入仲裁程序",
            Self::Reconsideration => "已申请行政复议",
        }
    }

    /// Where the petitioner should turn instead, shown as soon as they answer yes.
    pub fn guidance(self) -> Option<&'static str> {
        match self {
            Self::None => None,
            Self::Litigation => Some(
                "该事项已进入诉讼程序，应当依照诉讼程序办理，请向受理案件的人民法院反映。信访部门将依照《信访工作条例》第三十一条告知您相应途径。",
            ),
            Self::Arbitration => Some(
                "该事项已进入仲裁程序，应当依照仲裁程序办理，请向受理案件的仲裁机构反映。信访部门将依照《信访工作条例》第三十一条告知您相应途径。",
            ),
            Self::Reconsideration => Some(
                "该事项已申请行政复议，应当依照行政复议程序办理，请向行政复议机关反映。信访部门将依照《信访工作条例》第三十一条告知您相应途径。",
            ),
        }
    }
}

crate::codes!(OtherProcedure);
