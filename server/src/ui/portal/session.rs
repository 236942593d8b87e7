//! The caller's session as the portal's methods need it: who the cookies name, the
//! signed-in citizen, and the cookies that end a session.

use app::ports::Caller;
use shared::ApiError;
use shared::ids::CitizenId;

use super::{WebPortal, api};
use crate::auth::cookies::{self, Kind};
use crate::auth::principal::{Principal, Resolved, resolve};
use crate::auth::sessions;
use crate::state::AppState;

impl WebPortal {
    /// Cookies that make the browser forget the session and any look-up grants.
    pub(in crate::ui) fn cleared_cookies(&self) -> Vec<String> {
        let s = self.secure();
        [
            Kind::Access,
            Kind::Refresh,
            Kind::Receipt,
            Kind::Track,
            Kind::Kept,
        ]
        .into_iter()
        .map(|k| cookies::clear(k, s).to_string())
        .collect()
    }

    pub fn new(state: AppState) -> Self {
        Self {
            state,
            kept: Default::default(),
        }
    }

    pub(in crate::ui) fn secure(&self) -> bool {
        self.state.settings.server.secure_cookies
    }

    /// `set_cookies` and the sealed receipt of a filing or registration just made, for
    /// the receipt page of this browser only and for a short while.
    pub(in crate::ui) fn with_receipt(
        &self,
        mut set_cookies: Vec<String>,
        view: shared::petition::SubmittedView,
    ) -> Vec<String> {
        let receipt =
            crate::ui::grants::seal(&self.state.vault, crate::crypto::Field::Receipt, view);
        set_cookies.push(
            cookies::build(
                Kind::Receipt,
                self.secure(),
                receipt,
                crate::ui::grants::TTL_SECS,
            )
            .to_string(),
        );
        set_cookies
    }

    /// Whoever the browser's session cookies name (UI calls never carry a bearer token).
    pub(in crate::ui) async fn resolve(&self, caller: &Caller) -> Result<Resolved, ApiError> {
        resolve(
            &self.state,
            None,
            caller.access.clone(),
            caller.refresh.clone(),
        )
        .await
        .map_err(api)
    }

    /// The logged-in citizen and the cookies a refresh produced, or "please log in".
    pub(super) async fn citizen(
        &self,
        caller: &Caller,
    ) -> Result<(CitizenId, Vec<String>), ApiError> {
        let resolved = self.resolve(caller).await?;
        let set = resolved
            .set_cookies
            .iter()
            .map(ToString::to_string)
            .collect();
        match resolved.principal {
            Some(Principal::Citizen { id, .. }) => Ok((id, set)),
            _ => Err(ApiError::unauthenticated()),
        }
    }

    /// The cookies that carry a new session to the browser.
    pub(in crate::ui) fn session_cookies(&self, issued: sessions::Issued) -> Vec<String> {
        let s = self.secure();
        let tokens = &self.state.tokens;
        let mut set = vec![
            cookies::build(Kind::Access, s, issued.access, tokens.access_ttl_secs).to_string(),
        ];
        if let Some(r) = issued.refresh {
            set.push(cookies::build(Kind::Refresh, s, r, tokens.refresh_ttl_secs).to_string());
        }
        set
    }

    pub(in crate::ui) fn ip(caller: &Caller) -> std::net::IpAddr {
        caller
            .ip
            .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
    }
}

/// The caller's address as the audit trail records it.
pub(in crate::ui) fn client_of(caller: &Caller) -> String {
    caller.ip.map(|ip| ip.to_string()).unwrap_or_default()
}
