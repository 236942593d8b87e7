//! 登录: by mobile phone and password.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::Login;
use crate::components::field::Field;
use crate::components::notice::{ErrorSummary, Info, action_error, posted_error};
use crate::error::UiError;

#[component]
pub fn LoginPage() -> impl IntoView {
    let posted = posted_error::<Login>();
    let query = use_query_map();
    let registered = query.read_untracked().get("registered").is_some();
    let reset = query.read_untracked().get("reset").is_some();
    view! {
        <Title text="登录" />
        <h1>"登录"</h1>
        {registered.then(|| view! { <Info><p>"注册成功，请登录。"</p></Info> })}
        {reset.then(|| view! { <Info><p>"新密码已设置，请用新密码登录。"</p></Info> })}
        <LoginForm posted />
        <p><A href="/reset-password">"忘记密码？"</A></p>
        <p>"还没有账户？" <A href="/register">"实名注册"</A></p>
    }
}

/// The form (an island): a refusal shows without a reload, and the phone stays typed.
#[island]
fn LoginForm(posted: Option<UiError>) -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let error = action_error(action, posted);
    view! {
        <ErrorSummary error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field name="phone" label="手机号码" input_type="tel" autocomplete="tel" inputmode="tel" server_error=error />
            <Field name="password" label="密码" input_type="password" autocomplete="current-password" server_error=error />
            <button type="submit" class="button primary">"登录"</button>
        </ActionForm>
    }
}
