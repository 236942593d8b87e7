//! 找回密码: the phone on file, the SMS code sent to it, and a new password.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use shared::person::{MobilePhone, Password};

use crate::api::ResetPassword;
use crate::components::field::Field;
use crate::components::notice::{ErrorSummary, action_error, posted_error};
use crate::components::sms_code::{SmsCodeField, code_sent};
use crate::error::UiError;

fn check_phone(v: &str) -> Result<(), String> {
    MobilePhone::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

fn check_password(v: &str) -> Result<(), String> {
    Password::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let posted = posted_error::<ResetPassword>();
    let code_sent = code_sent();
    view! {
        <Title text="找回密码" />
        <h1>"找回密码"</h1>
        <p>"验证码将发送到注册时使用的手机号码。设置新密码后，所有已登录的设备都需要重新登录。"</p>
        <ResetForm posted code_sent />
        <p><A href="/login">"返回登录"</A></p>
    }
}

#[island]
fn ResetForm(posted: Option<UiError>, code_sent: bool) -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action, posted);
    view! {
        <ErrorSummary error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field name="phone" label="手机号码" input_type="tel" autocomplete="tel" inputmode="tel"
                check=check_phone server_error=error />
            <SmsCodeField purpose="reset_password" phone_input="f-phone" back="/reset-password" code_sent server_error=error />
            <Field name="new_password" label="新密码" hint="8到128个字符；不能使用常见密码" input_type="password"
                autocomplete="new-password" check=check_password server_error=error />
            <button type="submit" class="button primary">"设置新密码"</button>
        </ActionForm>
    }
}
