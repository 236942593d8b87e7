//! 我的账户 (staff): changing one's password (at once, the first time: the initial one was
//! handed out by an administrator) and binding an authenticator app (动态口令).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{StaffBar, StaffLoginPrompt};
use crate::api::{StaffPassword, TotpConfirm, TotpSetup, staff_me};
use crate::components::field::Field;
use crate::components::notice::{ErrorSummary, Info, action_error, posted_error};
use crate::error::UiError;

#[component]
pub fn StaffAccountPage() -> impl IntoView {
    let me = Resource::new(|| (), |_| staff_me());
    let posted = (posted_error::<TotpSetup>(), posted_error::<TotpConfirm>());
    let password_error = posted_error::<StaffPassword>();
    view! {
        <Title text="工作台 · 我的账户" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || {
                let posted = posted.clone();
                let password_error = password_error.clone();
                Suspend::new(async move {
                    match me.await {
                        Ok(Some(me)) => Either::Left(view! {
                            <StaffBar me=me.clone() />
                            <ChangePassword must=me.must_change_password error=password_error />
                            <h1>"动态口令"</h1>
                            {if me.totp_enabled {
                                Either::Left(view! { <Info><p>"已绑定身份验证器。每次登录时请输入应用中显示的6位数字；如手机丢失，请联系系统管理员重置。"</p></Info> })
                            } else {
                                Either::Right(view! {
                                    <p>"用手机上的身份验证器（如 FreeOTP、Google Authenticator、Microsoft Authenticator）绑定账户，登录时除密码外还需输入6位动态口令。"</p>
                                    <BindTotp setup_posted=posted.0 confirm_posted=posted.1 />
                                })
                            }}
                        }),
                        _ => Either::Right(view! { <StaffLoginPrompt /> }),
                    }
                })
            }}
        </Suspense>
    }
}

/// 生成密钥 and 确认绑定 (an island): the secret is shown once, from the answer to the
/// first form, and never travels in an address.
#[island]
fn BindTotp(setup_posted: Option<UiError>, confirm_posted: Option<UiError>) -> impl IntoView {
    let setup = ServerAction::<TotpSetup>::new();
    let confirm = ServerAction::<TotpConfirm>::new();
    let setup_error = action_error(setup, setup_posted);
    let error = action_error(confirm, confirm_posted);
    view! {
        <ErrorSummary error=setup_error />
        <ActionForm action=setup attr:class="form">
            <button type="submit" class="button">"生成密钥"</button>
        </ActionForm>
        {move || setup.value().get().and_then(Result::ok).map(|s| view! {
            <div class="receipt">
                <p>"用身份验证器扫描二维码："</p>
                // Markup the server made from the enrolment URL (no user text in it).
                <div class="qr" inner_html=s.qr_svg></div>
                <p>"无法扫描的，在应用中手动输入以下密钥："</p>
                <p class="mono big" id="totp-secret">{s.secret}</p>
            </div>
        })}
        <ErrorSummary error />
        <ActionForm action=confirm attr:class="form" attr:novalidate=true>
            <Field name="code" label="应用中显示的6位数字" inputmode="numeric" autocomplete="one-time-code" server_error=error />
            <button type="submit" class="button primary">"确认绑定"</button>
        </ActionForm>
    }
}

/// 修改密码: a plain form; the server answers with the sign-in page, since every session of
/// the account (this one too) ends with the change.
#[component]
fn ChangePassword(must: bool, error: Option<UiError>) -> impl IntoView {
    let action = ServerAction::<StaffPassword>::new();
    let error = action_error(action, error);
    view! {
        <h1>"修改密码"</h1>
        {must.then(|| view! {
            <p class="notice error" role="alert">"您正在使用管理员设置的初始密码。请先设置只有您自己知道的新密码，然后才能办理信访事项。"</p>
        })}
        <ErrorSummary error />
        <ActionForm action attr:class="form">
            <Field name="current_password" label="当前密码" input_type="password" autocomplete="current-password" server_error=error />
            <Field name="new_password" label="新密码" hint="至少8位，不能使用常见密码" input_type="password" autocomplete="new-password" server_error=error />
            <button type="submit" class="button primary">"修改密码"</button>
        </ActionForm>
    }
}
