//! The petition (信访事项): its kinds, lifecycle, number and query code, and what clients send and see.

mod kind;
mod number;
mod query_code;
mod status;
mod submit;
mod view;

pub use kind::{Channel, OtherProcedure, PetitionKind};
pub use number::PetitionNumber;
pub use query_code::{QueryCode, QueryCodeError};
pub use status::{CitizenAction, IllegalTransition, PetitionStatus};
pub use submit::{
    Facts, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_PEOPLE, NewPetition, PetitionRequest,
    PetitionTitle, Respondent, SubmitPetitionRequest,
};
pub use view::{
    AttachmentView, DeadlineView, LookupRequest, PetitionProgress, PetitionSummary, PetitionView,
    SubmittedView, TimelineEntry,
};
