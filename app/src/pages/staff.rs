//! The staff pages (工作台): login, the queue by due date, the case file with its actions,
//! the account (password, second factor), the administrators' pages and the auditors'.

mod account;
pub mod actions;
mod admin;
mod annual;
mod audit;
mod bulletin;
mod case;
mod login;
mod notices;
mod oversight;
mod publish;
mod queue;
pub mod register;

pub use account::StaffAccountPage;
pub use admin::AdminPage;
pub use annual::AnnualPage;
pub use audit::AuditPage;
pub use bulletin::BulletinPage;
pub use case::CasePage;
pub use login::StaffLoginPage;
pub use notices::NoticesPage;
pub use oversight::OversightPage;
pub use publish::PublishPage;
pub use queue::QueuePage;
pub use register::{RegisterPage as StaffRegisterPage, RegistrationReceiptPage};

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use shared::staff::{Role, StaffView};

use crate::api::{Logout, staff_me};
use crate::error::UiError;

/// A staff report (统计通报, 年度报告, 督查看板) titled `title`: the staff bar over `page` of
/// what `data` loads; the login prompt when nobody is signed in; when the report is
/// refused, the bar, the page's `heading` and the refusal as `refused` words it.
pub fn staff_report<T>(
    title: &'static str,
    heading: &'static str,
    data: Resource<Result<T, UiError>>,
    page: fn(T) -> AnyView,
    refused: fn(UiError) -> AnyView,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let me = Resource::new(|| (), |_| staff_me());
    view! {
        <Title text=format!("工作台 · {title}") />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match (me.await, data.await) {
                    (Ok(Some(me)), Ok(v)) => Either::Left(view! { <StaffBar me /> {page(v)} }),
                    (Ok(None), _) => Either::Right(view! { <StaffLoginPrompt /> }.into_any()),
                    (Ok(Some(me)), Err(e)) => Either::Right(view! {
                        <StaffBar me />
                        <h1>{heading}</h1>
                        {refused(e)}
                    }.into_any()),
                    (Err(e), _) => Either::Right(view! { <p class="notice error" role="alert">{e.0.message}</p> }.into_any()),
                }
            })}
        </Suspense>
    }
}

/// A refused report's message, as the server gave it.
pub fn refusal(e: UiError) -> AnyView {
    view! { <p class="notice error" role="alert">{e.0.message}</p> }.into_any()
}

/// Shown in place of a staff page when no staff member is signed in.
#[component]
pub fn StaffLoginPrompt() -> impl IntoView {
    view! {
        <div class="notice info">
            <p>"工作台仅供信访部门和承办单位的工作人员使用，请先登录。"</p>
            <p><A href="/staff/login" attr:class="button primary">"工作人员登录"</A></p>
        </div>
    }
}

/// Who is working, and the way out.
#[component]
pub fn StaffBar(me: StaffView) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let roles = me
        .roles
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join("、");
    view! {
        <div class="staff-bar">
            <span class="who">{format!("{}（{}，{}）", me.display_name, me.unit.clone().unwrap_or_default(), roles)}</span>
            <A href="/staff">"待办"</A>
            <A href="/staff?mine=1">"我的待办"</A>
            <A href="/staff/notices" attr:aria-label=format!("通知，{}条未读", me.unread_notices)>
                {if me.unread_notices > 0 { format!("通知（{}）", me.unread_notices) } else { "通知".to_owned() }}
            </A>
            {me.roles.contains(&shared::staff::Role::Intake).then(|| view! { <A href="/staff/register">"代为登记"</A> })}
            {me.roles.iter().any(|r| matches!(r, Role::UnitHead | Role::Supervisor | Role::Leader)).then(|| view! { <A href="/staff/bulletin">"统计通报"</A> <A href="/staff/oversight">"督查看板"</A> })}
            <A href="/staff/account">"我的账户"</A>
            {me.roles.contains(&shared::staff::Role::Administrator).then(|| view! { <A href="/admin">"系统管理"</A> })}
            {me.roles.contains(&shared::staff::Role::Auditor).then(|| view! { <A href="/staff/audit">"审计"</A> })}
            <ActionForm action=logout attr:class="inline">
                <button type="submit" class="link">"退出"</button>
            </ActionForm>
        </div>
        {me.must_change_password.then(|| view! {
            <p class="notice error" role="alert">"您正在使用管理员设置的初始密码，须先修改密码才能办理。" <A href="/staff/account">"现在修改"</A></p>
        })}
        {me.totp_required.then(|| view! {
            <p class="notice error" role="alert">"您的岗位须先绑定动态口令（TOTP）才能办理。" <A href="/staff/account">"现在绑定"</A></p>
        })}
    }
}
