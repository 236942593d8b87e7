//! The server's implementation of the staff pages' port (工作台): each method resolves the
//! browser's staff session, calls a workflow service and maps its errors.

use app::ports::{Caller, Desk, Outcome};
use shared::ApiError;
use shared::ids::StaffId;
use shared::petition::{QueueFilter, QueuePage, StaffActionRequest, StaffPetitionView, UnitOption};
use shared::staff::{StaffLoginRequest, StaffView, TotpSetupView};

use super::portal::{WebPortal, api, client_of};
use crate::auth::principal::Principal;
use crate::services::{staff, workflow};

impl WebPortal {
    /// The signed-in staff member and the cookies a refresh produced, or "please log in".
    pub(super) async fn staff(&self, caller: &Caller) -> Result<(StaffId, Vec<String>), ApiError> {
        let resolved = self.resolve(caller).await?;
        let set = resolved
            .set_cookies
            .iter()
            .map(ToString::to_string)
            .collect();
        match resolved.principal {
            Some(Principal::Staff { id, .. }) => Ok((id, set)),
            _ => Err(ApiError::unauthenticated()),
        }
    }
}

#[async_trait::async_trait]
impl Desk for WebPortal {
    async fn staff_login(
        &self,
        caller: &Caller,
        req: StaffLoginRequest,
    ) -> Result<Outcome<()>, ApiError> {
        self.state
            .limiters
            .login(Self::ip(caller), &req.username)
            .map_err(api)?;
        let issued = staff::login(&self.state, &client_of(caller), &req)
            .await
            .map_err(api)?;
        Ok(Outcome {
            value: (),
            set_cookies: self.session_cookies(issued),
        })
    }

    async fn staff_change_password(
        &self,
        caller: &Caller,
        req: shared::account::ChangePasswordRequest,
    ) -> Result<Outcome<()>, ApiError> {
        let (id, _) = self.staff(caller).await?;
        staff::change_password(&self.state, id, &client_of(caller), &req)
            .await
            .map_err(api)?;
        // Every session ended with the change, this one too: the browser forgets it.
        Ok(Outcome {
            value: (),
            set_cookies: self.cleared_cookies(),
        })
    }

    async fn staff_me(&self, caller: &Caller) -> Result<Outcome<Option<StaffView>>, ApiError> {
        let Ok((id, set_cookies)) = self.staff(caller).await else {
            return Ok(Outcome::plain(None));
        };
        let me = staff::me(&self.state, id).await.map_err(api)?;
        Ok(Outcome {
            value: Some(me),
            set_cookies,
        })
    }

    async fn queue(
        &self,
        caller: &Caller,
        filter: QueueFilter,
    ) -> Result<Outcome<QueuePage>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        let value = workflow::queue(&self.state, id, &filter)
            .await
            .map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn case(
        &self,
        caller: &Caller,
        number: String,
    ) -> Result<Outcome<StaffPetitionView>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        let value = workflow::detail(&self.state, id, &client_of(caller), &number)
            .await
            .map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn units(&self, caller: &Caller) -> Result<Outcome<Vec<UnitOption>>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        let value = workflow::units(&self.state, id).await.map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn act(
        &self,
        caller: &Caller,
        number: String,
        req: StaffActionRequest,
    ) -> Result<Outcome<()>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        workflow::act(&self.state, id, &client_of(caller), &number, req)
            .await
            .map_err(api)?;
        Ok(Outcome {
            value: (),
            set_cookies,
        })
    }

    async fn totp_setup(&self, caller: &Caller) -> Result<Outcome<TotpSetupView>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        let value = staff::totp::setup(&self.state, id).await.map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn totp_confirm(&self, caller: &Caller, code: String) -> Result<Outcome<()>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        staff::totp::confirm(&self.state, id, &client_of(caller), &code)
            .await
            .map_err(api)?;
        Ok(Outcome {
            value: (),
            set_cookies,
        })
    }

    async fn notices(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<Vec<shared::notice::NotificationView>>, ApiError> {
        use crate::services::notifications::{self, Owner};
        let (id, set_cookies) = self.staff(caller).await?;
        let value = notifications::of(&self.state, Owner::Staff(id))
            .await
            .map_err(api)?;
        if let Some(newest) = value.first() {
            notifications::mark_read(&self.state, Owner::Staff(id), newest.id)
                .await
                .map_err(api)?;
        }
        Ok(Outcome { value, set_cookies })
    }

    async fn register(
        &self,
        caller: &Caller,
        key: Option<String>,
        req: Result<shared::petition::OfflineFilingRequest, ApiError>,
        files: Vec<app::ports::FileUpload>,
    ) -> Result<Outcome<()>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        workflow::register::registrar(&self.state, id)
            .await
            .map_err(api)?;
        let req = req?;
        let uploads = files
            .into_iter()
            .map(|f| crate::services::petitions::Upload {
                file_name: f.file_name,
                bytes: f.bytes,
            })
            .collect();
        let (view, _) = workflow::register(
            &self.state,
            id,
            &client_of(caller),
            key.as_deref(),
            &req,
            uploads,
        )
        .await
        .map_err(api)?;
        Ok(Outcome {
            value: (),
            set_cookies: self.with_receipt(set_cookies, view),
        })
    }

    async fn unmask(
        &self,
        caller: &Caller,
        number: String,
        reason: String,
    ) -> Result<Outcome<StaffPetitionView>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        let value = workflow::unmask(&self.state, id, &client_of(caller), &number, &reason)
            .await
            .map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }
}
