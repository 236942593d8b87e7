//! The browser-side keys of what a browser keeps for its citizen: the cookie that finds
//! a refused form again (see `ui::kept`), and the name of the account's draft.

use std::collections::HashMap;

use app::ports::{Caller, Outcome};
use shared::ids::CitizenId;

use super::WebPortal;
use crate::auth::cookies::{self, Kind};
use crate::ui::kept::TTL;

impl WebPortal {
    /// Keeps `fields` for this browser as it is signed in now (or forgets what it kept),
    /// and the cookie that finds them.
    pub(super) fn keep(
        &self,
        caller: &Caller,
        form: &'static str,
        fields: Option<HashMap<String, String>>,
    ) -> Outcome<()> {
        if let Some(old) = caller.kept.as_deref() {
            self.kept.forget(old);
        }
        let s = self.secure();
        let owner = caller.access.clone();
        let cookie = match fields.and_then(|f| self.kept.keep(form, owner, f)) {
            Some(key) => cookies::build(Kind::Kept, s, key, TTL.as_secs() as i64).to_string(),
            None => cookies::clear(Kind::Kept, s).to_string(),
        };
        Outcome {
            value: (),
            set_cookies: vec![cookie],
        }
    }

    /// What this browser, signed in as it is, kept of `form`.
    pub(super) fn kept(
        &self,
        caller: &Caller,
        form: &'static str,
    ) -> Option<HashMap<String, String>> {
        self.kept
            .get(caller.kept.as_deref()?, form, caller.access.as_deref())
    }

    /// Names the citizen's draft in the browser: a keyed hash of the account, which says
    /// nothing of who it is and differs for everyone.
    pub(super) fn draft_key(&self, id: CitizenId) -> String {
        let hash = self
            .state
            .vault
            .request_hash(&[b"draft", id.0.to_string().as_bytes()]);
        hex::encode(&hash[..8])
    }
}
