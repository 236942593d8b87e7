//! The petition (信访事项): its kinds, lifecycle, number and query code, and what clients send and see.

mod file_name;
mod kind;
mod number;
mod offline;
mod query_code;
mod queue;
mod refusal;
mod reply;
mod status;
mod submit;
mod view;
mod work;
mod workflow;

pub use file_name::{clean_name, clean_stem};
pub use kind::{Channel, OtherProcedure, PetitionKind};
pub use number::PetitionNumber;
pub use offline::{OfflineFilingRequest, OfflinePetitioner, ValidPetitioner};
pub use query_code::{QueryCode, QueryCodeError};
pub use queue::{QueueCounts, QueueFilter, QueueItem, QueuePage, QueueSort};
pub use refusal::NotAcceptReason;
pub use reply::{
    Decision, LegalBasis, RateRequest, Rating, RatingComment, Reason, ReplyDraft, ReplyFacts,
    ReplyReasons, ReviewRequest,
};
pub use status::{PetitionStatus, Round};
pub use submit::{
    Facts, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_PEOPLE, NewPetition, PetitionRequest,
    PetitionTitle, Respondent, SubmitPetitionRequest,
};
pub use view::{
    AttachmentView, DeadlineView, LookupCodeView, LookupDetailRequest, LookupRequest,
    PetitionProgress, PetitionSummary, PetitionView, SubmittedView, TimelineEntry,
};
pub use work::{
    ClockState, CoHandlerView, CommandKind, MAX_EXTENSION_DAYS, NoteView, PetitionerView,
    ReplyView, StaffActionRequest, StaffCommand, StaffOption, StaffPetitionView, SupervisionView,
    UnitOption, UnmaskRequest,
};
pub use workflow::{Action, IllegalTransition, Performer, Workflow};
