//! Server functions for accounts: who is signed in, register, log in, log out.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::UiError;

/// Who is logged in, for the page header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignedIn {
    /// The name with all but the first character masked (`王**`).
    pub display_name: String,
    /// Names this account's drafts in the browser's storage, so that someone else signed
    /// in on the same browser never finds them (a keyed hash: it says nothing of who).
    #[serde(default)]
    pub draft_key: String,
}

#[server(prefix = "/ui", endpoint = "whoami")]
pub async fn whoami() -> Result<Option<SignedIn>, UiError> {
    use super::ssr::*;
    let portal = portal()?;
    Ok(apply(portal.whoami(&caller(&*portal)).await?))
}

#[server(prefix = "/ui", endpoint = "register")]
pub async fn register(
    real_name: String,
    id_number: String,
    phone: String,
    password: String,
    email: Option<String>,
    address: Option<String>,
    sms_code: String,
) -> Result<(), UiError> {
    use super::ssr::*;
    use crate::components::kept::Form;
    let req = shared::account::RegisterRequest {
        real_name,
        id_number,
        phone,
        password,
        email,
        address,
        sms_code,
    };
    let portal = portal()?;
    if let Err(e) = portal.register(&caller(&*portal), req.clone()).await {
        keep_posted(Form::Register, &register_fields(&req));
        return Err(e.into());
    }
    forget_posted(Form::Register);
    leptos_actix::redirect("/login?registered=1");
    Ok(())
}

/// 找回密码 with the SMS code; the browser goes to the login page afterwards.
#[server(prefix = "/ui", endpoint = "reset-password")]
pub async fn reset_password(
    phone: String,
    sms_code: String,
    new_password: String,
) -> Result<(), UiError> {
    use super::ssr::*;
    let req = shared::account::ResetPasswordRequest {
        phone,
        sms_code,
        new_password,
    };
    let portal = portal()?;
    portal.reset_password(&caller(&*portal), req).await?;
    leptos_actix::redirect("/login?reset=1");
    Ok(())
}

#[server(prefix = "/ui", endpoint = "login")]
pub async fn login(phone: String, password: String) -> Result<(), UiError> {
    use super::ssr::*;
    let portal = portal()?;
    let outcome = portal
        .login(
            &caller(&*portal),
            shared::account::LoginRequest { phone, password },
        )
        .await?;
    apply(outcome);
    leptos_actix::redirect("/my/petitions");
    Ok(())
}

#[server(prefix = "/ui", endpoint = "logout")]
pub async fn logout() -> Result<(), UiError> {
    use super::ssr::*;
    let portal = portal()?;
    apply(portal.logout(&caller(&*portal)).await?);
    leptos_actix::redirect("/");
    Ok(())
}

/// 获取验证码. From a page with JavaScript it answers in place; a browser without it posts
/// the whole form here (the button's `formaction`) and is sent back to `back`, with what
/// the registration form held kept for it (never the password).
#[server(prefix = "/ui", endpoint = "send-code")]
#[allow(
    clippy::too_many_arguments,
    reason = "a server function's arguments are the form's fields"
)]
pub async fn send_code(
    phone: String,
    purpose: String,
    back: Option<String>,
    real_name: Option<String>,
    id_number: Option<String>,
    email: Option<String>,
    address: Option<String>,
) -> Result<shared::account::SendCodeView, UiError> {
    use super::ssr::*;
    use shared::account::{CodePurpose, SendCodeRequest};
    let purpose = CodePurpose::from_code(&purpose)
        .ok_or_else(|| refused("purpose", "验证码用途不正确，请刷新页面后重试"))?;
    // Only the pages that carry the button, so the parameter sends nobody elsewhere.
    let back =
        back.filter(|b| ["/register", "/reset-password", "/my/account"].contains(&b.as_str()));
    let held = [
        ("phone", Some(phone.clone())),
        ("real_name", real_name),
        ("id_number", id_number),
        ("email", email),
        ("address", address),
    ];
    let portal = portal()?;
    let sent = portal
        .send_code(&caller(&*portal), SendCodeRequest { phone, purpose })
        .await;
    // The registration goes back filled in, unless the limit refused the request: a
    // flood of requests keeps nothing.
    let limited = matches!(&sent, Err(e) if e.kind == shared::ErrorKind::RateLimited);
    if purpose == CodePurpose::Register && back.is_some() && !limited {
        let fields = held
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_owned(), v?)))
            .collect();
        keep_posted(crate::components::kept::Form::Register, &fields);
    }
    let sent = sent?;
    if let Some(back) = back {
        leptos_actix::redirect(&format!("{back}?code_sent=1"));
    }
    Ok(sent)
}

#[server(prefix = "/ui", endpoint = "my-notifications")]
pub async fn my_notifications() -> Result<Vec<shared::notice::NotificationView>, UiError> {
    use super::ssr::*;
    let portal = portal()?;
    Ok(apply(portal.my_notifications(&caller(&*portal)).await?))
}

#[server(prefix = "/ui", endpoint = "my-channels")]
pub async fn my_channels() -> Result<shared::notice::ChannelsView, UiError> {
    use super::ssr::*;
    let portal = portal()?;
    Ok(apply(portal.my_channels(&caller(&*portal)).await?))
}

/// 通知方式, from checkboxes (an unticked box is simply absent from the form).
#[server(prefix = "/ui", endpoint = "save-channels")]
pub async fn save_channels(sms: Option<String>, email: Option<String>) -> Result<(), UiError> {
    use super::ssr::*;
    let portal = portal()?;
    let req = shared::notice::ChannelsView {
        sms: sms.is_some(),
        email: email.is_some(),
        has_email: false,
    };
    apply(portal.set_channels(&caller(&*portal), req).await?);
    leptos_actix::redirect("/my/account?saved=channels");
    Ok(())
}

/// 更换手机号码; the hidden `purpose`/`back` of the code field come along and are ignored.
#[server(prefix = "/ui", endpoint = "change-phone")]
pub async fn change_phone(
    phone: String,
    sms_code: String,
    password: String,
) -> Result<(), UiError> {
    use super::ssr::*;
    let portal = portal()?;
    let req = shared::account::ChangePhoneRequest {
        phone,
        sms_code,
        password,
    };
    apply(portal.change_phone(&caller(&*portal), req).await?);
    leptos_actix::redirect("/my/account?saved=phone");
    Ok(())
}

/// The registration's fields as the form named them, for keeping (the password is not).
#[cfg(feature = "ssr")]
fn register_fields(
    req: &shared::account::RegisterRequest,
) -> std::collections::HashMap<String, String> {
    [
        ("real_name", Some(&req.real_name)),
        ("id_number", Some(&req.id_number)),
        ("phone", Some(&req.phone)),
        ("email", req.email.as_ref()),
        ("address", req.address.as_ref()),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k.to_owned(), v?.clone())))
    .collect()
}
