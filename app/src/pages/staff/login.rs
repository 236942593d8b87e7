//! 工作人员登录: username, password and, once bound, the authenticator code.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::StaffLogin;
use crate::components::field::Field;
use crate::components::notice::{ErrorSummary, Info, action_error, posted_error};
use crate::error::UiError;

#[component]
pub fn StaffLoginPage() -> impl IntoView {
    let posted = posted_error::<StaffLogin>();
    let changed = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("password_changed")
        .is_some();
    view! {
        <Title text="工作人员登录" />
        <h1>"工作人员登录"</h1>
        {changed.then(|| view! { <Info><p>"密码已修改，所有登录已退出。请用新密码登录。"</p></Info> })}
        <StaffLoginForm posted />
    }
}

/// The form (an island): a refusal shows without a reload, and the username stays typed.
#[island]
fn StaffLoginForm(posted: Option<UiError>) -> impl IntoView {
    let action = ServerAction::<StaffLogin>::new();
    let error = action_error(action, posted);
    view! {
        <ErrorSummary error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field name="username" label="用户名" autocomplete="username" server_error=error />
            <Field name="password" label="密码" input_type="password" autocomplete="current-password" server_error=error />
            <Field name="totp" label="动态口令" hint="已绑定身份验证器的，请输入应用中显示的6位数字" inputmode="numeric" autocomplete="one-time-code" required=false server_error=error />
            <button type="submit" class="button primary">"登录"</button>
        </ActionForm>
    }
}
