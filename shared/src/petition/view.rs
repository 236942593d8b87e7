//! What petitioners and the public see of a petition: receipts, summaries, progress and timeline.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::kind::{OtherProcedure, PetitionKind};
use super::number::PetitionNumber;
use super::status::PetitionStatus;
use crate::clock::{DayKind, Deadline};
use crate::ids::AttachmentId;

/// 回执: returned once, at filing. The query code is never shown again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmittedView {
    pub number: PetitionNumber,
    /// Grouped for reading (`ABCD-EFGH-JKLM-NPQR`).
    pub query_code: String,
    pub submitted_at: DateTime<Utc>,
    pub acceptance_due: DeadlineView,
    /// Where to turn instead, when the matter is before a court, arbitration or reconsideration.
    pub other_procedure_guidance: Option<String>,
}

/// One statutory due date, with how it was computed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeadlineView {
    pub label: String,
    pub basis: String,
    pub start: NaiveDate,
    pub days: u32,
    pub day_kind: DayKind,
    pub plain_end: NaiveDate,
    pub due: NaiveDate,
    pub shifted_because: Option<String>,
    /// The computation in one Chinese sentence.
    pub explanation: String,
    /// Shown prominently when a year of the period has no holiday arrangement loaded yet.
    #[serde(default)]
    pub warning: Option<String>,
    /// The step this period timed has been taken (受理告知 once the matter was forwarded,
    /// accepted or refused): the date stays listed for the record, marked 已完成, and no
    /// longer runs.
    #[serde(default)]
    pub done: bool,
}

impl DeadlineView {
    pub fn new(label: &str, basis: &str, d: &Deadline) -> Self {
        Self {
            label: label.to_owned(),
            basis: basis.to_owned(),
            start: d.start,
            days: d.days,
            day_kind: d.kind,
            plain_end: d.plain_end,
            due: d.due,
            shifted_because: d.shifted_because.clone(),
            explanation: d.explain(),
            warning: d.warning(),
            done: false,
        }
    }

    /// The same period, its step taken.
    pub fn done(self) -> Self {
        Self {
            done: true,
            warning: None,
            ..self
        }
    }
}

/// One public step of the petition's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub title: String,
    pub detail: Option<String>,
}

/// A row of "我的信访".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PetitionSummary {
    pub number: PetitionNumber,
    pub title: String,
    pub kind: PetitionKind,
    pub status: PetitionStatus,
    pub status_label: String,
    pub submitted_at: DateTime<Utc>,
    pub acceptance_due: NaiveDate,
}

/// Progress as anyone holding the number and query code may see it: no personal data
/// and none of the petition's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PetitionProgress {
    pub number: PetitionNumber,
    pub kind: PetitionKind,
    pub kind_label: String,
    pub category: String,
    pub region: String,
    pub channel_label: String,
    pub status: PetitionStatus,
    pub status_label: String,
    pub submitted_at: DateTime<Utc>,
    pub deadlines: Vec<DeadlineView>,
    pub timeline: Vec<TimelineEntry>,
}

/// An uploaded file as listed to its owner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentView {
    pub id: AttachmentId,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub uploaded_at: DateTime<Utc>,
}

/// The whole petition, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PetitionView {
    pub progress: PetitionProgress,
    pub title: String,
    pub facts: String,
    pub request: String,
    pub respondent: Option<String>,
    pub other_procedure: OtherProcedure,
    pub other_procedure_guidance: Option<String>,
    pub people_count: u32,
    pub publish_consent: bool,
    pub attachments: Vec<AttachmentView>,
    pub can_withdraw: bool,
    pub can_add_material: bool,
    /// Published replies (信访处理意见书), one per round, oldest first.
    pub replies: Vec<super::ReplyView>,
    pub rating: Option<super::Rating>,
    pub can_rate: bool,
    /// 复查/复核 may be asked now; `review_due` is the last day to ask.
    pub can_request_review: bool,
    pub review_due: Option<DeadlineView>,
}

/// 查询: number and query code, as typed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LookupRequest {
    pub number: String,
    pub query_code: String,
}

/// 查看详情 after a look-up: the number and query code again, and the SMS code sent to the
/// petitioner's phone on file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LookupDetailRequest {
    pub number: String,
    pub query_code: String,
    pub sms_code: String,
}

/// Where the look-up's SMS code went (the number masked).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LookupCodeView {
    /// e.g. `138****0000`
    pub sent_to: String,
    pub expires_in: i64,
}
