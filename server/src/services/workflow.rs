//! The handling workflow: staff triage, forward, handle, reply and supervise; citizens
//! rate and ask for review. Every step goes through `act`'s checks and `record::commit`.

pub mod access;
pub mod act;
pub mod actor;
pub mod clocks;
pub mod detail;
pub mod download;
pub mod firewall;
pub mod partner;
pub mod queue;
pub mod reach;
pub mod record;
pub mod register;
mod steps;

pub use act::act;
pub use actor::StaffActor;
pub use detail::{detail, unmask};
pub use queue::{queue, units};
pub use register::register;
