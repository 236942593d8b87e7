//! The browser's look-up grant: which petition it may follow, and whether a texted code
//! unlocked the petition's details too (and with them the petitioner's 评价 and 申请复查).

use app::ports::Caller;
use shared::ApiError;

use super::super::grants;
use super::{WebPortal, api};
use crate::crypto::Field;

/// A look-up grant that also unlocked the petition's details ends with this.
pub(super) const DETAIL: &str = "#detail";

impl WebPortal {
    /// Whether this browser looked `number` up (and whether it unlocked the details).
    pub(super) fn granted(&self, caller: &Caller, number: &str) -> Option<bool> {
        let n: String = caller
            .track
            .as_deref()
            .and_then(|c| grants::open(&self.state.vault, Field::TrackGrant, c))?;
        match n.strip_suffix(DETAIL) {
            Some(n) if n == number => Some(true),
            None if n == number => Some(false),
            _ => None,
        }
    }

    pub(super) async fn granted_row(
        &self,
        caller: &Caller,
        number: &str,
    ) -> Result<crate::db::petitions::PetitionRow, ApiError> {
        if self.granted(caller, number).is_none() {
            return Err(ApiError::not_found());
        }
        crate::db::petitions::by_number(&self.state.db.pool, number)
            .await
            .map_err(|e| api(e.into()))?
            .ok_or_else(ApiError::not_found)
    }

    /// The petition, when this browser unlocked its details with a texted code: its
    /// petitioner may then read it, rate the reply and ask for 复查 without an account.
    pub(super) async fn unlocked_row(
        &self,
        caller: &Caller,
        number: &str,
    ) -> Result<Option<crate::db::petitions::PetitionRow>, ApiError> {
        if self.granted(caller, number) != Some(true) {
            return Ok(None);
        }
        self.granted_row(caller, number).await.map(Some)
    }
}
