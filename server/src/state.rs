//! The application state every handler and service receives: no globals, so tests build isolated apps.

use std::sync::Arc;

use crate::auth::passwords::PasswordPolicy;
use crate::auth::tokens::TokenKeys;
use crate::config::Settings;
use crate::crypto::Vault;
use crate::db::Db;
use crate::rate_limit::Limiters;
use crate::services::org::OrgCache;
use crate::storage::AttachmentStore;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub vault: Arc<Vault>,
    pub tokens: Arc<TokenKeys>,
    pub passwords: Arc<PasswordPolicy>,
    pub calendar: Arc<crate::calendar::CalendarCell>,
    pub limiters: Arc<Limiters>,
    pub attachments: AttachmentStore,
    pub settings: Arc<Settings>,
    pub org: Arc<OrgCache>,
    /// Filings waiting for the write lock, written in groups (group commit).
    pub filings: crate::services::petitions::FilingQueue,
    /// Staff views of case files, waiting to be recorded in the audit trail.
    pub views: crate::audit::views::ViewLog,
    /// Image decoding, a few at a time on the blocking pool (uploads).
    pub images: Arc<crate::services::petitions::files::ImageGate>,
    /// Wakes the outbox worker at once (a verification code should not wait for its tick).
    pub outbox_wake: Arc<tokio::sync::Notify>,
}
