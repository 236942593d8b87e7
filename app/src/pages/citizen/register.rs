//! 实名注册: the registration form, checked field by field as the citizen types.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use shared::account::Address;
use shared::person::{Email, IdCardNumber, MobilePhone, Password, RealName};

use crate::api::Register;
use crate::components::field::Field;
use crate::components::kept::{Form, Kept, KeptNote, kept_resource};
use crate::components::notice::{ErrorSummary, action_error, posted_error};
use crate::components::sms_code::{SmsCodeField, code_sent};
use crate::error::UiError;

fn check_name(v: &str) -> Result<(), String> {
    RealName::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

/// The future-birth-date check needs today's date, which only the server decides; the
/// browser checks format, birth date validity and the check digit.
fn check_id(v: &str) -> Result<(), String> {
    let far = chrono::NaiveDate::from_ymd_opt(2999, 12, 31).expect("valid date");
    IdCardNumber::parse(v, far)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn check_phone(v: &str) -> Result<(), String> {
    MobilePhone::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

fn check_password(v: &str) -> Result<(), String> {
    Password::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

fn check_address(v: &str) -> Result<(), String> {
    Address::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

fn check_email(v: &str) -> Result<(), String> {
    Email::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let posted = posted_error::<Register>();
    let code_sent = code_sent();
    // Back from a post without JavaScript (a refusal or 获取验证码): what was typed.
    let kept = kept_resource(Form::Register, posted.is_some() || code_sent);
    view! {
        <Title text="实名注册" />
        <h1>"实名注册"</h1>
        <p>"依照《信访工作条例》，网上信访实行实名制。您的身份证号码、手机号码等个人信息加密保存，只向依法需要的工作人员显示。"</p>
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || {
                let posted = posted.clone();
                Suspend::new(async move {
                    let kept = kept.await;
                    view! { <RegisterForm posted code_sent kept /> }
                })
            }}
        </Suspense>
        <p>"已经注册？" <A href="/login">"直接登录"</A></p>
    }
}

/// The form itself, checked in the browser field by field (an island).
#[island]
fn RegisterForm(posted: Option<UiError>, code_sent: bool, kept: Kept) -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let error = action_error(action, posted);
    let text = {
        let kept = kept.clone();
        move |name: &str| kept.text(name)
    };
    view! {
        <ErrorSummary error />
        {(!code_sent).then(|| view! { <KeptNote kept=kept.clone() redo="密码出于安全原因不会保留，请重新填写。" /> })}
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field name="real_name" label="姓名" autocomplete="name" value=text("real_name") check=check_name server_error=error />
            <Field name="id_number" label="身份证号码" hint="18位，最后一位可以是X" autocomplete="off"
                maxlength=18 value=text("id_number") check=check_id server_error=error />
            <Field name="phone" label="手机号码" hint="用于登录和接收办理进度短信" input_type="tel" autocomplete="tel"
                inputmode="tel" value=text("phone") check=check_phone server_error=error />
            <SmsCodeField purpose="register" phone_input="f-phone" back="/register" code_sent server_error=error />
            <Field name="password" label="密码" hint="8到128个字符；不能使用常见密码" input_type="password"
                autocomplete="new-password" check=check_password server_error=error />
            <Field name="email" label="电子邮箱" input_type="email" autocomplete="email" required=false
                value=text("email") check=check_email server_error=error />
            <Field name="address" label="联系地址" hint="需要书面答复时邮寄使用" autocomplete="street-address"
                required=false maxlength=200 value=text("address") check=check_address server_error=error />
            <button type="submit" class="button primary">"注册"</button>
        </ActionForm>
    }
}
