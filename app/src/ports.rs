//! What the UI needs from the server, as traits the server implements (keeps `app` free of `server`).

use std::net::IpAddr;

use shared::ApiError;
use shared::account::{LoginRequest, RegisterRequest};
use shared::petition::{
    LookupRequest, PetitionProgress, PetitionSummary, PetitionView, QueueFilter, QueuePage,
    RateRequest, ReviewRequest, StaffActionRequest, StaffPetitionView, SubmitPetitionRequest,
    SubmittedView, UnitOption,
};
use shared::reference::ReferenceData;
use shared::staff::{StaffLoginRequest, StaffView, TotpSetupView};

/// The request as the UI's server functions see it: the cookies that matter and the client address.
#[derive(Clone, Debug, Default)]
pub struct Caller {
    pub access: Option<String>,
    pub refresh: Option<String>,
    pub receipt: Option<String>,
    pub track: Option<String>,
    /// Finds what this browser's last refused form held (posted without JavaScript).
    pub kept: Option<String>,
    pub ip: Option<IpAddr>,
}

/// The cookie names in use (they depend on whether cookies are `Secure`).
#[derive(Clone, Copy, Debug)]
pub struct CookieNames {
    pub access: &'static str,
    pub refresh: &'static str,
    pub receipt: &'static str,
    pub track: &'static str,
    pub kept: &'static str,
}

/// A result plus the `Set-Cookie` header values the response must carry.
pub struct Outcome<T> {
    pub value: T,
    pub set_cookies: Vec<String>,
}

impl<T> Outcome<T> {
    /// A value with no cookie to set.
    pub fn plain(value: T) -> Self {
        Self {
            value,
            set_cookies: Vec::new(),
        }
    }
}

/// A file posted with a filing.
pub struct FileUpload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

pub use crate::api::SignedIn;

mod admin_desk;
mod sunshine;
pub use admin_desk::AdminDesk;
pub use sunshine::Sunshine;

#[async_trait::async_trait]
pub trait Portal: Send + Sync {
    fn cookie_names(&self) -> CookieNames;
    /// The client's address as the server's door-keeper names it (through the trusted
    /// proxies), the same for this door as for the REST one.
    fn client_address(&self, req: &actix_web::HttpRequest) -> IpAddr;
    async fn whoami(&self, caller: &Caller) -> Result<Outcome<Option<SignedIn>>, ApiError>;
    /// 实名注册 (limited per client address).
    async fn register(&self, caller: &Caller, req: RegisterRequest) -> Result<(), ApiError>;
    /// 找回密码 with an SMS code to the account's phone.
    async fn reset_password(
        &self,
        caller: &Caller,
        req: shared::account::ResetPasswordRequest,
    ) -> Result<(), ApiError>;
    /// 获取短信验证码 (limited per phone and per client address).
    async fn send_code(
        &self,
        caller: &Caller,
        req: shared::account::SendCodeRequest,
    ) -> Result<shared::account::SendCodeView, ApiError>;
    async fn login(&self, caller: &Caller, req: LoginRequest) -> Result<Outcome<()>, ApiError>;
    async fn logout(&self, caller: &Caller) -> Result<Outcome<()>, ApiError>;
    async fn reference_data(&self) -> Result<ReferenceData, ApiError>;
    /// 问题发生地 search: the places a petition can name that match what was typed.
    async fn search_regions(
        &self,
        query: String,
    ) -> Result<Vec<shared::reference::RegionView>, ApiError>;
    /// 信访接待: the units' public reception details.
    async fn reception(&self) -> Result<Vec<shared::admin::ReceptionView>, ApiError>;
    /// Keeps what `form` held when it was posted without JavaScript and refused, for the
    /// page the browser goes back to (ten minutes, in memory, this browser only); `None`
    /// forgets it once the form went through.
    fn keep_form(
        &self,
        caller: &Caller,
        form: &'static str,
        fields: Option<std::collections::HashMap<String, String>>,
    ) -> Outcome<()>;
    /// What this browser's refused `form` held, if it was refused a moment ago.
    fn kept_form(
        &self,
        caller: &Caller,
        form: &'static str,
    ) -> Option<std::collections::HashMap<String, String>>;
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
    /// 查看详情: texts a code to the petitioner's phone on file (the look-up grant proves
    /// the query code).
    async fn lookup_code(
        &self,
        caller: &Caller,
        number: String,
    ) -> Result<shared::petition::LookupCodeView, ApiError>;
    /// Checks the texted code and lets this browser read the petition for a while.
    async fn unlock_detail(
        &self,
        caller: &Caller,
        number: String,
        sms_code: String,
    ) -> Result<Outcome<()>, ApiError>;
    /// The petition in full, if this browser unlocked it.
    async fn tracked_detail(
        &self,
        caller: &Caller,
        number: String,
    ) -> Result<Option<PetitionView>, ApiError>;
    /// 评价 a published reply.
    async fn rate(
        &self,
        caller: &Caller,
        number: String,
        req: RateRequest,
    ) -> Result<Outcome<()>, ApiError>;
    /// 申请复查/复核.
    async fn request_review(
        &self,
        caller: &Caller,
        number: String,
        req: ReviewRequest,
    ) -> Result<Outcome<()>, ApiError>;
    /// 我的账户: the in-app notices, newest first.
    async fn my_notifications(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<Vec<shared::notice::NotificationView>>, ApiError>;
    /// 通知方式
    async fn my_channels(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<shared::notice::ChannelsView>, ApiError>;
    async fn set_channels(
        &self,
        caller: &Caller,
        req: shared::notice::ChannelsView,
    ) -> Result<Outcome<()>, ApiError>;
    /// 更换手机号码
    async fn change_phone(
        &self,
        caller: &Caller,
        req: shared::account::ChangePhoneRequest,
    ) -> Result<Outcome<()>, ApiError>;
    /// The development SMS inbox: the newest texts the embedded provider kept. Only a demo
    /// portal with the embedded provider has one; elsewhere it does not exist.
    async fn dev_sms(&self) -> Result<Vec<shared::notice::DevSmsView>, ApiError>;
}

/// 工作台: what the staff pages need from the server.
#[async_trait::async_trait]
pub trait Desk: Send + Sync {
    async fn staff_login(
        &self,
        caller: &Caller,
        req: StaffLoginRequest,
    ) -> Result<Outcome<()>, ApiError>;
    /// The signed-in staff member, if the browser's session is a staff one.
    async fn staff_me(&self, caller: &Caller) -> Result<Outcome<Option<StaffView>>, ApiError>;
    /// 修改密码: every session of the account ends, this one too.
    async fn staff_change_password(
        &self,
        caller: &Caller,
        req: shared::account::ChangePasswordRequest,
    ) -> Result<Outcome<()>, ApiError>;
    async fn queue(
        &self,
        caller: &Caller,
        filter: QueueFilter,
    ) -> Result<Outcome<QueuePage>, ApiError>;
    async fn case(
        &self,
        caller: &Caller,
        number: String,
    ) -> Result<Outcome<StaffPetitionView>, ApiError>;
    async fn units(&self, caller: &Caller) -> Result<Outcome<Vec<UnitOption>>, ApiError>;
    async fn act(
        &self,
        caller: &Caller,
        number: String,
        req: StaffActionRequest,
    ) -> Result<Outcome<()>, ApiError>;
    /// 绑定动态口令, step 1: a new secret for the authenticator app.
    async fn totp_setup(&self, caller: &Caller) -> Result<Outcome<TotpSetupView>, ApiError>;
    /// 绑定动态口令, step 2: a code proves the app was set up.
    async fn totp_confirm(&self, caller: &Caller, code: String) -> Result<Outcome<()>, ApiError>;
    /// 通知: the staff member's in-app notices, newest first; those shown become read.
    async fn notices(
        &self,
        caller: &Caller,
    ) -> Result<Outcome<Vec<shared::notice::NotificationView>>, ApiError>;
    /// 代为登记 a letter, visit or call with its scanned pages; the receipt goes into the
    /// short-lived receipt cookie for the printable 登记回执. `req` is the form as read,
    /// or what was wrong with it: told only to a caller who may register at all.
    async fn register(
        &self,
        caller: &Caller,
        key: Option<String>,
        req: Result<shared::petition::OfflineFilingRequest, ApiError>,
        files: Vec<FileUpload>,
    ) -> Result<Outcome<()>, ApiError>;
    /// 查看身份, with the reason recorded.
    async fn unmask(
        &self,
        caller: &Caller,
        number: String,
        reason: String,
    ) -> Result<Outcome<StaffPetitionView>, ApiError>;
}
