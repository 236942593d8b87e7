//! 提交信访事项: what a petitioner sends to file a petition, and its validation.

use serde::{Deserialize, Serialize};

use super::kind::{OtherProcedure, PetitionKind};
use crate::error::{ApiError, Problems};
use crate::ids::{CategoryId, RegionId, UnitId};
use crate::text_type;

text_type!(
    /// 标题: a one-line summary of the matter.
    PetitionTitle, 4, 60, multiline = false
);
text_type!(
    /// 事实和理由: what happened and why the petitioner objects.
    Facts, 10, 5000, multiline = true
);
text_type!(
    /// 诉求: what the petitioner asks for.
    PetitionRequest, 2, 1000, multiline = true
);
text_type!(
    /// 被反映人或单位: the person or unit complained about, if any.
    Respondent, 2, 100, multiline = false
);

/// At most this many attachments per petition, at filing and in all.
pub const MAX_ATTACHMENTS: usize = 9;
/// At most this many bytes per attachment.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// The most people one petition may be filed for; beyond it, staff register a group matter.
pub const MAX_PEOPLE: u32 = 10_000;

/// A filing as sent by the web form or `POST /api/v1/petitions`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitPetitionRequest {
    pub kind: PetitionKind,
    pub category_id: CategoryId,
    /// Where the matter arose: the most precise region known, down to a village.
    pub region_id: RegionId,
    /// 被检举控告单位: for an accusation, the unit of the directory it is against, if the
    /// petitioner picked one. Otherwise the server matches `respondent` against the
    /// directory, and a clerk settles it before anyone routes the matter (art. 30).
    #[serde(default)]
    pub accused_unit_id: Option<UnitId>,
    #[serde(default)]
    pub respondent: Option<String>,
    pub title: String,
    pub facts: String,
    pub request: String,
    #[serde(default)]
    pub other_procedure: OtherProcedure,
    #[serde(default = "one")]
    pub people_count: u32,
    /// 同意办结后公开 (personal data removed); no unless the petitioner says yes.
    #[serde(default)]
    pub publish_consent: bool,
}

fn one() -> u32 {
    1
}

/// A filing whose every field is valid in itself; the server still checks that the
/// category and region exist.
#[derive(Clone, Debug)]
pub struct NewPetition {
    pub kind: PetitionKind,
    pub category_id: CategoryId,
    pub region_id: RegionId,
    /// Only for an accusation; ignored for other kinds.
    pub accused_unit_id: Option<UnitId>,
    pub respondent: Option<Respondent>,
    pub title: PetitionTitle,
    pub facts: Facts,
    pub request: PetitionRequest,
    pub other_procedure: OtherProcedure,
    pub people_count: u32,
    pub publish_consent: bool,
}

impl SubmitPetitionRequest {
    pub fn validate(&self) -> Result<NewPetition, ApiError> {
        let mut p = Problems::default();
        let title = p.check("title", PetitionTitle::parse(&self.title));
        let facts = p.check("facts", Facts::parse(&self.facts));
        let request = p.check("request", PetitionRequest::parse(&self.request));
        let respondent = match self.respondent.as_deref().filter(|r| !r.trim().is_empty()) {
            Some(r) => p.check("respondent", Respondent::parse(r)).map(Some),
            None => Some(None),
        };
        if self.people_count == 0 || self.people_count > MAX_PEOPLE {
            p.push("people_count", format!("涉及人数应在1到{MAX_PEOPLE}之间"));
        }
        if self.kind == PetitionKind::Accusation
            && self.accused_unit_id.is_none()
            && respondent.as_ref().is_some_and(Option::is_none)
        {
            p.push(
                "respondent",
                "检举控告请选择被检举控告的单位，或填写被反映人",
            );
        }
        p.finish()?;
        Ok(NewPetition {
            kind: self.kind,
            category_id: self.category_id,
            region_id: self.region_id,
            accused_unit_id: self
                .accused_unit_id
                .filter(|_| self.kind == PetitionKind::Accusation),
            respondent: respondent.expect("checked"),
            title: title.expect("checked"),
            facts: facts.expect("checked"),
            request: request.expect("checked"),
            other_procedure: self.other_procedure,
            people_count: self.people_count,
            publish_consent: self.publish_consent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> SubmitPetitionRequest {
        SubmitPetitionRequest {
            kind: PetitionKind::Appeal,
            category_id: CategoryId(1),
            region_id: RegionId(1),
            accused_unit_id: None,
            respondent: None,
            title: "小区供暖不达标".into(),
            facts: "今年入冬以来室内温度一直低于十六度，多次反映未果。".into(),
            request: "请督促供热公司整改".into(),
            other_procedure: OtherProcedure::None,
            people_count: 1,
            publish_consent: false,
        }
    }

    #[test]
    fn a_complete_filing_is_valid_and_kept_byte_exact() {
        let mut req = valid();
        req.facts = "  前后有空格的事实和理由，保持原样。  ".into();
        assert_eq!(req.validate().unwrap().facts.as_str(), req.facts);
    }

    #[test]
    fn an_accusation_needs_someone_accused_and_all_errors_come_together() {
        let req = SubmitPetitionRequest {
            kind: PetitionKind::Accusation,
            title: "短".into(),
            people_count: 0,
            ..valid()
        };
        let err = req.validate().unwrap_err();
        assert!(err.field("title").is_some());
        assert!(err.field("people_count").is_some());
        assert_eq!(
            err.field("respondent"),
            Some("检举控告请选择被检举控告的单位，或填写被反映人")
        );
    }
}
