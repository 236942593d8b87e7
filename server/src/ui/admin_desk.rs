//! The server's implementation of the administration pages' port: each method resolves
//! the browser's staff session and calls an administration service.

use app::ports::{AdminDesk, Caller, Outcome};
use shared::ApiError;
use shared::admin::{
    CalendarYearRequest, CalendarYearView, CompetencesRequest, NewCategoryRequest, NewStaffRequest,
    NewStaffView, NewUnitRequest, StaffAccountView, StaffUpdateRequest, UnitView,
};
use shared::ids::{CategoryId, UnitId};
use shared::reference::ReferenceData;

use super::portal::{WebPortal, api, client_of};
use crate::services::{admin, reference, statistics};

/// Runs `f` as the signed-in staff member and wraps its value with the session cookies.
macro_rules! as_staff {
    ($self:ident, $caller:ident, |$id:ident| $body:expr) => {{
        let ($id, set_cookies) = $self.staff($caller).await?;
        let value = $body.await.map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }};
}

#[async_trait::async_trait]
impl AdminDesk for WebPortal {
    async fn audit_records(
        &self,
        caller: &Caller,
        before: Option<i64>,
        number: Option<String>,
    ) -> Result<Outcome<shared::admin::AuditRecordsPage>, ApiError> {
        as_staff!(self, caller, |id| crate::services::audit::records(
            &self.state,
            id,
            before,
            number.as_deref()
        ))
    }

    async fn audit_verify(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<shared::admin::AuditReport>, ApiError> {
        as_staff!(self, caller, |id| crate::services::audit::verify(
            &self.state,
            id
        ))
    }

    async fn units(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<(Vec<UnitView>, ReferenceData)>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        let units = admin::units::list(&self.state, id).await.map_err(api)?;
        let reference = reference::reference_data(&self.state).await.map_err(api)?;
        Ok(Outcome {
            value: (units, reference),
            set_cookies,
        })
    }

    async fn create_unit(
        &self,
        caller: &Caller,
        req: NewUnitRequest,
    ) -> Result<Outcome<UnitId>, ApiError> {
        as_staff!(self, caller, |id| admin::units::create(
            &self.state,
            id,
            &client_of(caller),
            &req
        ))
    }

    async fn set_competences(
        &self,
        caller: &Caller,
        unit: UnitId,
        req: CompetencesRequest,
    ) -> Result<Outcome<()>, ApiError> {
        as_staff!(self, caller, |id| admin::units::set_competences(
            &self.state,
            id,
            &client_of(caller),
            unit,
            &req
        ))
    }

    async fn staff(&self, caller: &Caller) -> Result<Outcome<Vec<StaffAccountView>>, ApiError> {
        as_staff!(self, caller, |id| admin::staff::list(&self.state, id))
    }

    async fn create_staff(
        &self,
        caller: &Caller,
        req: NewStaffRequest,
    ) -> Result<Outcome<NewStaffView>, ApiError> {
        as_staff!(self, caller, |id| admin::staff::create(
            &self.state,
            id,
            &client_of(caller),
            &req
        ))
    }

    async fn update_staff(
        &self,
        caller: &Caller,
        target: i64,
        req: StaffUpdateRequest,
    ) -> Result<Outcome<()>, ApiError> {
        as_staff!(self, caller, |id| admin::staff::update(
            &self.state,
            id,
            &client_of(caller),
            shared::ids::StaffId(target),
            &req
        ))
    }

    async fn reset_totp(&self, caller: &Caller, target: i64) -> Result<Outcome<()>, ApiError> {
        as_staff!(self, caller, |id| admin::staff::reset_totp(
            &self.state,
            id,
            &client_of(caller),
            shared::ids::StaffId(target)
        ))
    }

    async fn reset_staff_password(
        &self,
        caller: &Caller,
        target: i64,
    ) -> Result<Outcome<NewStaffView>, ApiError> {
        as_staff!(self, caller, |id| admin::staff::reset_password(
            &self.state,
            id,
            &client_of(caller),
            shared::ids::StaffId(target)
        ))
    }

    async fn set_staff_disabled(
        &self,
        caller: &Caller,
        target: i64,
        disable: bool,
    ) -> Result<Outcome<()>, ApiError> {
        as_staff!(self, caller, |id| admin::staff::set_disabled(
            &self.state,
            id,
            &client_of(caller),
            shared::ids::StaffId(target),
            disable
        ))
    }

    async fn create_category(
        &self,
        caller: &Caller,
        req: NewCategoryRequest,
    ) -> Result<Outcome<CategoryId>, ApiError> {
        as_staff!(self, caller, |id| admin::categories::create(
            &self.state,
            id,
            &client_of(caller),
            &req
        ))
    }

    async fn categories(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<Vec<shared::admin::CategoryAdminView>>, ApiError> {
        as_staff!(self, caller, |id| admin::categories::list(&self.state, id))
    }

    async fn update_category(
        &self,
        caller: &Caller,
        category: CategoryId,
        req: shared::admin::CategoryUpdateRequest,
    ) -> Result<Outcome<()>, ApiError> {
        as_staff!(self, caller, |id| admin::categories::update(
            &self.state,
            id,
            &client_of(caller),
            category,
            &req
        ))
    }

    async fn integrations(
        &self,
        caller: &Caller,
    ) -> Result<
        Outcome<(
            Vec<shared::notice::SubscriptionView>,
            Vec<shared::partner::PartnerView>,
        )>,
        ApiError,
    > {
        let (id, set_cookies) = self.staff(caller).await?;
        let hooks = admin::webhooks::list(&self.state, id).await.map_err(api)?;
        let partners = admin::partners::list(&self.state, id).await.map_err(api)?;
        Ok(Outcome {
            value: (hooks, partners),
            set_cookies,
        })
    }

    async fn create_webhook(
        &self,
        caller: &Caller,
        req: shared::notice::NewSubscriptionRequest,
    ) -> Result<Outcome<shared::notice::SubscriptionView>, ApiError> {
        as_staff!(self, caller, |id| admin::webhooks::create(
            &self.state,
            id,
            &client_of(caller),
            &req
        ))
    }

    async fn create_partner(
        &self,
        caller: &Caller,
        req: shared::partner::NewPartnerRequest,
    ) -> Result<Outcome<shared::partner::PartnerView>, ApiError> {
        as_staff!(self, caller, |id| admin::partners::create(
            &self.state,
            id,
            &client_of(caller),
            &req
        ))
    }

    async fn set_unit_partner(
        &self,
        caller: &Caller,
        unit: UnitId,
        req: shared::partner::UnitPartnerRequest,
    ) -> Result<Outcome<()>, ApiError> {
        as_staff!(self, caller, |id| admin::partners::set_unit_partner(
            &self.state,
            id,
            &client_of(caller),
            unit,
            &req
        ))
    }

    async fn outbox(
        &self,
        caller: &Caller,
        status: String,
    ) -> Result<Outcome<Vec<shared::notice::OutboxMessageView>>, ApiError> {
        as_staff!(self, caller, |id| crate::services::notifications::outbox(
            &self.state,
            id,
            Some(status.as_str())
        ))
    }

    async fn retry_message(&self, caller: &Caller, message: i64) -> Result<Outcome<()>, ApiError> {
        as_staff!(self, caller, |id| crate::services::notifications::retry(
            &self.state,
            id,
            &client_of(caller),
            shared::ids::MessageId(message)
        ))
    }

    async fn calendar(&self, caller: &Caller) -> Result<Outcome<Vec<CalendarYearView>>, ApiError> {
        as_staff!(self, caller, |id| admin::calendar::list(&self.state, id))
    }

    async fn index_weights(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<shared::admin::IndexWeightsView>, ApiError> {
        as_staff!(self, caller, |id| statistics::weights::get(&self.state, id))
    }

    async fn put_index_weights(
        &self,
        caller: &Caller,
        req: shared::admin::IndexWeightsRequest,
    ) -> Result<Outcome<()>, ApiError> {
        as_staff!(self, caller, |id| statistics::weights::put(
            &self.state,
            id,
            &client_of(caller),
            &req
        ))
    }

    async fn put_calendar(
        &self,
        caller: &Caller,
        year: i32,
        req: CalendarYearRequest,
    ) -> Result<Outcome<()>, ApiError> {
        as_staff!(self, caller, |id| admin::calendar::put(
            &self.state,
            id,
            &client_of(caller),
            year,
            &req
        ))
    }

    async fn update_unit(
        &self,
        caller: &Caller,
        unit: UnitId,
        req: shared::admin::UnitUpdateRequest,
    ) -> Result<Outcome<()>, ApiError> {
        as_staff!(self, caller, |id| admin::units::update(
            &self.state,
            id,
            &client_of(caller),
            unit,
            &req
        ))
    }

    async fn close_unit(
        &self,
        caller: &Caller,
        unit: UnitId,
        into: Option<UnitId>,
    ) -> Result<Outcome<()>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        let client = client_of(caller);
        let done = match into {
            Some(into) => {
                let req = shared::admin::MergeUnitRequest { into };
                admin::units::merge(&self.state, id, &client, unit, &req).await
            }
            None => admin::units::close(&self.state, id, &client, unit).await,
        };
        done.map_err(api)?;
        Ok(Outcome {
            value: (),
            set_cookies,
        })
    }

    async fn import_regions(
        &self,
        caller: &Caller,
        files: Vec<String>,
        within: Option<String>,
    ) -> Result<Outcome<shared::admin::RegionImportView>, ApiError> {
        as_staff!(self, caller, |id| admin::regions::import(
            &self.state,
            id,
            &client_of(caller),
            &files,
            within.as_deref()
        ))
    }
}
