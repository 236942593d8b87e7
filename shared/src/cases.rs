//! 公开案例: closed matters published with the petitioner's consent and every personal
//! detail taken out, as the public searches and reads them, and as a clerk prepares one.

use serde::{Deserialize, Serialize};

use crate::ids::{CategoryId, RegionId};
use crate::petition::{PetitionKind, PetitionStatus, Round};

/// Why a matter cannot be published as a case at all, whatever its texts: an accusation
/// never is (art. 30, 46), nor a matter whose petitioner did not consent, nor one not yet
/// at its end (closed, or answered on 复核, which is final).
pub fn refusal(
    kind: PetitionKind,
    consent: bool,
    status: PetitionStatus,
    round: Round,
) -> Option<&'static str> {
    if kind == PetitionKind::Accusation {
        return Some("检举控告事项一律不公开（《信访工作条例》第三十条、第四十六条）。");
    }
    if !consent {
        return Some("信访人没有同意公开，该事项不能作为案例公开。");
    }
    let ended = status == PetitionStatus::Closed
        || (status == PetitionStatus::Replied && round == Round::ReReview);
    (!ended).then_some("信访事项办结后才能作为案例公开。")
}

/// A published case in the public list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    pub id: i64,
    pub title: String,
    pub category: String,
    /// The county (or city) where it arose: a village could point at a person.
    pub region: String,
    pub answered_on: String,
    /// 人民建议 adopted in whole or in part: its decision (采纳, 部分采纳).
    pub adopted: Option<String>,
}

/// One page of the public list, newest first, with what it can be filtered by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseList {
    pub items: Vec<CaseSummary>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
    /// Categories (a category takes in those below it), by their full path.
    pub categories: Vec<Choice>,
    /// The counties.
    pub regions: Vec<Choice>,
}

/// An option of a filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

/// The public list's filters and page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct CaseQuery {
    pub category_id: Option<CategoryId>,
    pub region_id: Option<RegionId>,
    /// Only 人民建议 adopted in whole or in part (人民建议征集).
    #[serde(default)]
    pub adopted: bool,
    pub after: Option<String>,
}

/// A published case as the public reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedCase {
    pub id: i64,
    pub title: String,
    pub facts: String,
    pub request: String,
    /// The answer that closed it: the facts found, the reasons, the decision and its basis.
    pub answer: String,
    pub category: String,
    pub region: String,
    /// The unit that answered.
    pub unit: Option<String>,
    pub answered_on: String,
    pub published_on: String,
    /// 人民建议 adopted in whole or in part: its decision.
    pub adopted: Option<String>,
}

/// The texts a clerk publishes, redacted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseTexts {
    pub title: String,
    pub facts: String,
    pub request: String,
    pub answer: String,
}

/// A clerk's starting point: the case's texts with what looks personal already replaced
/// (suggestions, to check against the originals), and what was replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseDraft {
    pub number: String,
    pub original: CaseTexts,
    pub suggested: CaseTexts,
    /// What the suggestions took out, in words: "姓名2处", "电话号码1处".
    pub found: Vec<String>,
    /// Already published: its id.
    pub published: Option<i64>,
}
