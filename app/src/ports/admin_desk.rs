//! The port of 系统管理: what the administration pages need from the server.

use shared::ApiError;
use shared::admin::{
    CalendarYearRequest, CalendarYearView, CompetencesRequest, NewCategoryRequest, NewStaffRequest,
    NewStaffView, NewUnitRequest, StaffAccountView, StaffUpdateRequest, UnitView,
};
use shared::ids::{CategoryId, UnitId};
use shared::reference::ReferenceData as Reference;

use super::{Caller, Outcome};

/// 系统管理: what the administration pages need from the server.
#[async_trait::async_trait]
pub trait AdminDesk: Send + Sync {
    /// 审计记录, newest first (auditors).
    async fn audit_records(
        &self,
        caller: &Caller,
        before: Option<i64>,
        number: Option<String>,
    ) -> Result<Outcome<shared::admin::AuditRecordsPage>, ApiError>;
    /// 校验审计链 (auditors).
    async fn audit_verify(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<shared::admin::AuditReport>, ApiError>;
    async fn units(&self, caller: &Caller)
    -> Result<Outcome<(Vec<UnitView>, Reference)>, ApiError>;
    async fn create_unit(
        &self,
        caller: &Caller,
        req: NewUnitRequest,
    ) -> Result<Outcome<UnitId>, ApiError>;
    async fn update_unit(
        &self,
        caller: &Caller,
        unit: UnitId,
        req: shared::admin::UnitUpdateRequest,
    ) -> Result<Outcome<()>, ApiError>;
    /// 合并 into another unit, or 撤销 (`into` none).
    async fn close_unit(
        &self,
        caller: &Caller,
        unit: UnitId,
        into: Option<UnitId>,
    ) -> Result<Outcome<()>, ApiError>;
    async fn set_competences(
        &self,
        caller: &Caller,
        unit: UnitId,
        req: CompetencesRequest,
    ) -> Result<Outcome<()>, ApiError>;
    async fn staff(&self, caller: &Caller) -> Result<Outcome<Vec<StaffAccountView>>, ApiError>;
    async fn create_staff(
        &self,
        caller: &Caller,
        req: NewStaffRequest,
    ) -> Result<Outcome<NewStaffView>, ApiError>;
    async fn update_staff(
        &self,
        caller: &Caller,
        id: i64,
        req: StaffUpdateRequest,
    ) -> Result<Outcome<()>, ApiError>;
    async fn reset_totp(&self, caller: &Caller, id: i64) -> Result<Outcome<()>, ApiError>;
    /// 重设密码: a one-time password, shown once; the account's sessions end.
    async fn reset_staff_password(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<Outcome<NewStaffView>, ApiError>;
    /// 停用 (`disable`) or 启用 a staff account.
    async fn set_staff_disabled(
        &self,
        caller: &Caller,
        id: i64,
        disable: bool,
    ) -> Result<Outcome<()>, ApiError>;
    async fn create_category(
        &self,
        caller: &Caller,
        req: NewCategoryRequest,
    ) -> Result<Outcome<CategoryId>, ApiError>;
    /// Every category, retired ones included.
    async fn categories(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<Vec<shared::admin::CategoryAdminView>>, ApiError>;
    async fn update_category(
        &self,
        caller: &Caller,
        id: CategoryId,
        req: shared::admin::CategoryUpdateRequest,
    ) -> Result<Outcome<()>, ApiError>;
    /// 对接系统: webhook subscriptions and partner handling systems (secrets withheld).
    async fn integrations(
        &self,
        caller: &Caller,
    ) -> Result<
        Outcome<(
            Vec<shared::notice::SubscriptionView>,
            Vec<shared::partner::PartnerView>,
        )>,
        ApiError,
    >;
    /// A new webhook subscription; its secret is in this answer only.
    async fn create_webhook(
        &self,
        caller: &Caller,
        req: shared::notice::NewSubscriptionRequest,
    ) -> Result<Outcome<shared::notice::SubscriptionView>, ApiError>;
    /// A new partner system; its secret is in this answer only.
    async fn create_partner(
        &self,
        caller: &Caller,
        req: shared::partner::NewPartnerRequest,
    ) -> Result<Outcome<shared::partner::PartnerView>, ApiError>;
    /// Marks a unit as handled in a partner system (none: in the portal again).
    async fn set_unit_partner(
        &self,
        caller: &Caller,
        unit: UnitId,
        req: shared::partner::UnitPartnerRequest,
    ) -> Result<Outcome<()>, ApiError>;
    /// 消息投递: the outbox's messages in `status` (dead letters first of all), content withheld.
    async fn outbox(
        &self,
        caller: &Caller,
        status: String,
    ) -> Result<Outcome<Vec<shared::notice::OutboxMessageView>>, ApiError>;
    /// Puts a dead message back in the queue.
    async fn retry_message(&self, caller: &Caller, id: i64) -> Result<Outcome<()>, ApiError>;
    async fn calendar(&self, caller: &Caller) -> Result<Outcome<Vec<CalendarYearView>>, ApiError>;
    async fn put_calendar(
        &self,
        caller: &Caller,
        year: i32,
        req: CalendarYearRequest,
    ) -> Result<Outcome<()>, ApiError>;
    /// 信访指数权重: the weights in force, every figure listed.
    async fn index_weights(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<shared::admin::IndexWeightsView>, ApiError>;
    async fn put_index_weights(
        &self,
        caller: &Caller,
        req: shared::admin::IndexWeightsRequest,
    ) -> Result<Outcome<()>, ApiError>;
    /// 导入行政区划: division-code files (UTF-8 text), all of them or `within` one division.
    async fn import_regions(
        &self,
        caller: &Caller,
        files: Vec<String>,
        within: Option<String>,
    ) -> Result<Outcome<shared::admin::RegionImportView>, ApiError>;
}
