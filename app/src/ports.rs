//! What the UI needs from the server, as traits the server implements (keeps `app` free of `server`).

use std::net::IpAddr;

use shared::ApiError;
use shared::account::{LoginRequest, RegisterRequest};
use shared::petition::{
    LookupRequest, PetitionProgress, PetitionSummary, PetitionView, SubmitPetitionRequest,
    SubmittedView,
};
use shared::reference::ReferenceData;

/// The request as the UI's server functions see it: the cookies that matter and the client address.
#[derive(Clone, Debug, Default)]
pub struct Caller {
    pub access: Option<String>,
    pub refresh: Option<String>,
    pub receipt: Option<String>,
    pub track: Option<String>,
    pub ip: Option<IpAddr>,
}

/// The cookie names in use (they depend on whether cookies are `Secure`).
#[derive(Clone, Copy, Debug)]
pub struct CookieNames {
    pub access: &'static str,
    pub refresh: &'static str,
    pub receipt: &'static str,
    pub track: &'static str,
}

/// A result plus the `Set-Cookie` header values the response must carry.
pub struct Outcome<T> {
    pub value: T,
    pub set_cookies: Vec<String>,
}

/// A file posted with a filing.
pub struct FileUpload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

pub use crate::api::SignedIn;

#[async_trait::async_trait]
pub trait Portal: Send + Sync {
    fn cookie_names(&self) -> CookieNames;
    async fn whoami(&self, caller: &Caller) -> Result<Outcome<Option<SignedIn>>, ApiError>;
    async fn register(&self, req: RegisterRequest) -> Result<(), ApiError>;
    async fn login(&self, caller: &Caller, req: LoginRequest) -> Result<Outcome<()>, ApiError>;
    async fn logout(&self, caller: &Caller) -> Result<Outcome<()>, ApiError>;
    async fn reference_data(&self) -> Result<ReferenceData, ApiError>;
    /// A fresh idempotency key for a form about to be shown.
    fn form_key(&self) -> String;
    /// Files a petition and puts its receipt in a short-lived cookie for the receipt page.
    async fn submit(
        &self,
        caller: &Caller,
        key: Option<String>,
        req: SubmitPetitionRequest,
        files: Vec<FileUpload>,
    ) -> Result<Outcome<()>, ApiError>;
    async fn receipt(&self, caller: &Caller) -> Result<Option<SubmittedView>, ApiError>;
    async fn my_petitions(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<Vec<PetitionSummary>>, ApiError>;
    async fn petition(
        &self,
        caller: &Caller,
        number: String,
    ) -> Result<Outcome<PetitionView>, ApiError>;
    /// Checks number and code and grants this browser a short look at the progress.
    async fn lookup(
        &self,
        caller: &Caller,
        req: LookupRequest,
    ) -> Result<Outcome<String>, ApiError>;
    async fn tracked(&self, caller: &Caller, number: String) -> Result<PetitionProgress, ApiError>;
}
