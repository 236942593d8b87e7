//! 办理查询: enter the petition number and query code, no login needed.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::ErrorKind;
use shared::petition::{PetitionNumber, QueryCode};

use crate::api::Lookup;
use crate::components::field::Field;
use crate::components::notice::{ErrorSummary, action_error, posted_error};
use crate::error::UiError;

fn check_number(v: &str) -> Result<(), String> {
    PetitionNumber::parse(v)
        .map(|_| ())
        .ok_or_else(|| "信访件编号形如 2026-990102-000001".to_owned())
}

fn check_code(v: &str) -> Result<(), String> {
    QueryCode::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

#[component]
pub fn LookupPage() -> impl IntoView {
    let posted = posted_error::<Lookup>();
    view! {
        <Title text="办理查询" />
        <h1>"办理查询"</h1>
        <p>"输入提交时获得的信访件编号和查询码，查看受理和办理进度。查询结果不显示个人信息。"</p>
        <LookupForm posted />
    }
}

/// The form (an island): both fields are checked as they are left.
#[island]
fn LookupForm(posted: Option<UiError>) -> impl IntoView {
    let action = ServerAction::<Lookup>::new();
    let submitted = action_error(action, posted);
    let error = Signal::derive(move || {
        submitted.get().map(|e| {
            // One answer whatever was wrong, so that guessing teaches nothing.
            if e.0.kind == ErrorKind::NotFound {
                UiError(shared::ApiError::new(
                    ErrorKind::NotFound,
                    "未找到该信访事项，请核对信访件编号和查询码。",
                ))
            } else {
                e
            }
        })
    });
    view! {
        <ErrorSummary error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field name="number" label="信访件编号" hint="例如：2026-990102-000001" inputmode="numeric"
                autocomplete="off" check=check_number server_error=error />
            <Field name="query_code" label="查询码" hint="16位字母和数字，不区分大小写" autocomplete="off"
                check=check_code server_error=error />
            <button type="submit" class="button primary">"查询"</button>
        </ActionForm>
    }
}
