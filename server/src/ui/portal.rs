//! The server's implementation of the UI's port: each method calls a service and maps its errors.

use app::ports::{Caller, CookieNames, FileUpload, Outcome, Portal, SignedIn};
use shared::ApiError;
use shared::account::{LoginRequest, RegisterRequest};
use shared::petition::{
    LookupRequest, PetitionProgress, PetitionSummary, PetitionView, RateRequest, ReviewRequest,
    SubmitPetitionRequest, SubmittedView,
};
use shared::reference::ReferenceData;

use super::grants;
pub(super) use super::refusal::api;

mod kept_forms;
mod session;
mod track;

pub(super) use session::client_of;

use crate::auth::cookies::{self, Kind};
use crate::auth::sessions;
use crate::crypto::Field;
use crate::services::{accounts, petitions, reference};
use crate::state::AppState;
use track::DETAIL;

pub struct WebPortal {
    pub(super) state: AppState,
    pub(super) kept: super::kept::KeptForms,
}

#[async_trait::async_trait]
impl Portal for WebPortal {
    fn client_address(&self, req: &actix_web::HttpRequest) -> std::net::IpAddr {
        crate::doorkeeper::client(req)
    }

    fn cookie_names(&self) -> CookieNames {
        let s = self.secure();
        CookieNames {
            access: cookies::name(Kind::Access, s),
            refresh: cookies::name(Kind::Refresh, s),
            receipt: cookies::name(Kind::Receipt, s),
            track: cookies::name(Kind::Track, s),
            kept: cookies::name(Kind::Kept, s),
        }
    }

    async fn whoami(&self, caller: &Caller) -> Result<Outcome<Option<SignedIn>>, ApiError> {
        let (id, set_cookies) = match self.citizen(caller).await {
            Ok(found) => found,
            Err(_) => {
                return Ok(Outcome::plain(None));
            }
        };
        let me = accounts::me(&self.state, id).await.map_err(api)?;
        let display_name = shared::person::mask_name(&me.real_name);
        Ok(Outcome {
            value: Some(SignedIn {
                display_name,
                draft_key: self.draft_key(id),
            }),
            set_cookies,
        })
    }

    async fn register(&self, caller: &Caller, req: RegisterRequest) -> Result<(), ApiError> {
        accounts::register(&self.state, Self::ip(caller), &req)
            .await
            .map(|_| ())
            .map_err(api)
    }

    async fn reset_password(
        &self,
        caller: &Caller,
        req: shared::account::ResetPasswordRequest,
    ) -> Result<(), ApiError> {
        accounts::reset_password(&self.state, Self::ip(caller), &req)
            .await
            .map_err(api)
    }

    async fn login(&self, caller: &Caller, req: LoginRequest) -> Result<Outcome<()>, ApiError> {
        self.state
            .limiters
            .login(Self::ip(caller), &req.phone)
            .map_err(api)?;
        let issued = accounts::login(&self.state, &req).await.map_err(api)?;
        Ok(Outcome {
            value: (),
            set_cookies: self.session_cookies(issued),
        })
    }

    async fn logout(&self, caller: &Caller) -> Result<Outcome<()>, ApiError> {
        let resolved = self.resolve(caller).await?;
        if let Some(p) = resolved.principal {
            sessions::end(&self.state, p.session()).await.map_err(api)?;
        }
        if let Some(kept) = caller.kept.as_deref() {
            self.kept.forget(kept);
        }
        Ok(Outcome {
            value: (),
            set_cookies: self.cleared_cookies(),
        })
    }

    async fn reference_data(&self) -> Result<ReferenceData, ApiError> {
        reference::reference_data(&self.state).await.map_err(api)
    }

    async fn search_regions(
        &self,
        query: String,
    ) -> Result<Vec<shared::reference::RegionView>, ApiError> {
        reference::search_regions(&self.state, &query)
            .await
            .map_err(api)
    }

    async fn reception(&self) -> Result<Vec<shared::admin::ReceptionView>, ApiError> {
        crate::services::admin::units::reception(&self.state)
            .await
            .map_err(api)
    }

    fn keep_form(
        &self,
        caller: &Caller,
        form: &'static str,
        fields: Option<std::collections::HashMap<String, String>>,
    ) -> Outcome<()> {
        self.keep(caller, form, fields)
    }

    fn kept_form(
        &self,
        caller: &Caller,
        form: &'static str,
    ) -> Option<std::collections::HashMap<String, String>> {
        self.kept(caller, form)
    }

    fn form_key(&self) -> String {
        uuid::Uuid::new_v4().to_string()
    }

    async fn submit(
        &self,
        caller: &Caller,
        key: Option<String>,
        req: SubmitPetitionRequest,
        files: Vec<FileUpload>,
    ) -> Result<Outcome<()>, ApiError> {
        let (id, set_cookies) = self.citizen(caller).await?;
        let uploads = files
            .into_iter()
            .map(|f| petitions::Upload {
                file_name: f.file_name,
                bytes: f.bytes,
            })
            .collect();
        let submitted = petitions::submit(
            &self.state,
            petitions::Filer::Citizen(id),
            &client_of(caller),
            key.as_deref(),
            &req,
            uploads,
        )
        .await
        .map_err(api)?;
        Ok(Outcome {
            value: (),
            set_cookies: self.with_receipt(set_cookies, submitted.view),
        })
    }

    async fn receipt(&self, caller: &Caller) -> Result<Option<SubmittedView>, ApiError> {
        Ok(caller
            .receipt
            .as_deref()
            .and_then(|c| grants::open(&self.state.vault, Field::Receipt, c)))
    }

    async fn my_petitions(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<Vec<PetitionSummary>>, ApiError> {
        let (id, set_cookies) = self.citizen(caller).await?;
        let value = petitions::list_mine(&self.state, id).await.map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn petition(
        &self,
        caller: &Caller,
        number: String,
    ) -> Result<Outcome<PetitionView>, ApiError> {
        let (id, set_cookies) = self.citizen(caller).await?;
        let value = petitions::view(&self.state, id, &number)
            .await
            .map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn lookup(
        &self,
        caller: &Caller,
        req: LookupRequest,
    ) -> Result<Outcome<String>, ApiError> {
        self.state.limiters.lookup(Self::ip(caller)).map_err(api)?;
        let progress = petitions::lookup(&self.state, &req).await.map_err(api)?;
        let number = progress.number.to_string();
        let grant = grants::seal(&self.state.vault, Field::TrackGrant, &number);
        let set_cookies =
            vec![cookies::build(Kind::Track, self.secure(), grant, grants::TTL_SECS).to_string()];
        Ok(Outcome {
            value: number,
            set_cookies,
        })
    }

    async fn tracked(&self, caller: &Caller, number: String) -> Result<PetitionProgress, ApiError> {
        match self.granted(caller, &number) {
            Some(unlocked) => petitions::progress(&self.state, &number, unlocked)
                .await
                .map_err(api),
            None => Err(ApiError::not_found()),
        }
    }

    async fn lookup_code(
        &self,
        caller: &Caller,
        number: String,
    ) -> Result<shared::petition::LookupCodeView, ApiError> {
        let row = self.granted_row(caller, &number).await?;
        petitions::lookup_detail::send_code_for(&self.state, Self::ip(caller), &row)
            .await
            .map_err(api)
    }

    async fn unlock_detail(
        &self,
        caller: &Caller,
        number: String,
        sms_code: String,
    ) -> Result<Outcome<()>, ApiError> {
        let row = self.granted_row(caller, &number).await?;
        petitions::lookup_detail::unlock(&self.state, &row, &sms_code)
            .await
            .map_err(api)?;
        let grant = grants::seal(
            &self.state.vault,
            Field::TrackGrant,
            format!("{number}{DETAIL}"),
        );
        let cookie = cookies::build(Kind::Track, self.secure(), grant, grants::TTL_SECS);
        Ok(Outcome {
            value: (),
            set_cookies: vec![cookie.to_string()],
        })
    }

    async fn tracked_detail(
        &self,
        caller: &Caller,
        number: String,
    ) -> Result<Option<PetitionView>, ApiError> {
        let Some(row) = self.unlocked_row(caller, &number).await? else {
            return Ok(None);
        };
        petitions::lookup_detail::read(&self.state, row, true)
            .await
            .map(Some)
            .map_err(api)
    }

    async fn rate(
        &self,
        caller: &Caller,
        number: String,
        req: RateRequest,
    ) -> Result<Outcome<()>, ApiError> {
        // From the look-up page, once a texted code unlocked it: no account needed.
        if let Some(row) = self.unlocked_row(caller, &number).await? {
            petitions::rate_as_petitioner(&self.state, &row, &client_of(caller), &req)
                .await
                .map_err(api)?;
            return Ok(Outcome::plain(()));
        }
        let (id, set_cookies) = self.citizen(caller).await?;
        petitions::rate(&self.state, id, &client_of(caller), &number, &req)
            .await
            .map_err(api)?;
        Ok(Outcome {
            value: (),
            set_cookies,
        })
    }

    async fn request_review(
        &self,
        caller: &Caller,
        number: String,
        req: ReviewRequest,
    ) -> Result<Outcome<()>, ApiError> {
        if let Some(row) = self.unlocked_row(caller, &number).await? {
            petitions::request_review_as_petitioner(&self.state, &row, &client_of(caller), &req)
                .await
                .map_err(api)?;
            return Ok(Outcome::plain(()));
        }
        let (id, set_cookies) = self.citizen(caller).await?;
        petitions::request_review(&self.state, id, &client_of(caller), &number, &req)
            .await
            .map_err(api)?;
        Ok(Outcome {
            value: (),
            set_cookies,
        })
    }

    async fn send_code(
        &self,
        caller: &Caller,
        req: shared::account::SendCodeRequest,
    ) -> Result<shared::account::SendCodeView, ApiError> {
        crate::services::verification::send(&self.state, Self::ip(caller), &req)
            .await
            .map_err(api)
    }

    async fn my_notifications(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<Vec<shared::notice::NotificationView>>, ApiError> {
        let (id, set_cookies) = self.citizen(caller).await?;
        let value = crate::services::notifications::of(
            &self.state,
            crate::services::notifications::Owner::Citizen(id),
        )
        .await
        .map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn my_channels(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<shared::notice::ChannelsView>, ApiError> {
        let (id, set_cookies) = self.citizen(caller).await?;
        let value = accounts::channels(&self.state, id).await.map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn set_channels(
        &self,
        caller: &Caller,
        req: shared::notice::ChannelsView,
    ) -> Result<Outcome<()>, ApiError> {
        let (id, set_cookies) = self.citizen(caller).await?;
        accounts::set_channels(&self.state, id, &req)
            .await
            .map_err(api)?;
        Ok(Outcome {
            value: (),
            set_cookies,
        })
    }

    async fn change_phone(
        &self,
        caller: &Caller,
        req: shared::account::ChangePhoneRequest,
    ) -> Result<Outcome<()>, ApiError> {
        let (id, set_cookies) = self.citizen(caller).await?;
        accounts::change_phone(&self.state, id, &req)
            .await
            .map_err(api)?;
        Ok(Outcome {
            value: (),
            set_cookies,
        })
    }

    async fn dev_sms(&self) -> Result<Vec<shared::notice::DevSmsView>, ApiError> {
        crate::services::notifications::dev_sms(&self.state)
            .await
            .map_err(api)
    }
}
