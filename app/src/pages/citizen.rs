//! The citizen's own pages: register, log in, file, receipt, my petitions, one petition,
//! and the account (notices, channels, phone).

mod account;
mod file;
pub mod file_form;
mod file_offline;
mod file_review;
mod login;
mod my_petitions;
mod petition;
mod receipt;
mod register;
mod reset_password;

pub use account::AccountPage;
pub use file::{FileForm, FilePage, FormFor};
pub use login::LoginPage;
pub use my_petitions::MyPetitionsPage;
pub use petition::PetitionPage;
pub use receipt::{ReceiptPage, ReceiptTools, WhatHappensNext};
pub use register::RegisterPage;
pub use reset_password::ResetPasswordPage;

use leptos::prelude::*;
use leptos_router::components::A;

/// Shown in place of a page that needs a logged-in citizen.
#[component]
pub fn LoginPrompt() -> impl IntoView {
    view! {
        <div class="notice info">
            <p>"请先登录。还没有账户？实名注册只需一分钟。"</p>
            <p><A href="/login" attr:class="button primary">"登录"</A> " " <A href="/register" attr:class="button">"注册"</A></p>
        </div>
    }
}
