//! The frame of every page: header with navigation and sign-in state (the citizen's, or on
//! the staff's side the workplace's), and the footer.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api::{Logout, SignedIn, whoami};
use crate::error::UiError;

/// Who is signed in: fetched once per page, shared by the header and the page, and
/// fetched again after each navigation so a login or logout shows at once.
#[derive(Clone, Copy)]
pub struct Session(pub Resource<Result<Option<SignedIn>, UiError>>);

#[component]
pub fn SessionProvider(children: Children) -> impl IntoView {
    let location = use_location();
    let me = Resource::new(move || location.pathname.get(), |_| whoami());
    provide_context(Session(me));
    children()
}

/// Whether `path` is the staff's side (工作平台), whose pages bring their own bar.
fn staff_side(path: &str) -> bool {
    ["/staff", "/admin"]
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    move || {
        if staff_side(&location.pathname.get()) {
            Either::Left(view! { <StaffHeader /> })
        } else {
            Either::Right(view! { <CitizenHeader /> })
        }
    }
}

/// The staff's header: the workplace's name only. Their navigation, who is signed in and
/// the way out are in the staff bar each staff page opens with, never the citizen's links.
#[component]
fn StaffHeader() -> impl IntoView {
    view! {
        <header class="site-header staff-side">
            <div class="bar">
                <A href="/staff" attr:class="brand">"阳光信访 · 工作平台"</A>
            </div>
        </header>
    }
}

#[component]
fn CitizenHeader() -> impl IntoView {
    let me = expect_context::<Session>().0;
    let logout = ServerAction::<Logout>::new();
    view! {
        <header class="site-header">
            <div class="bar">
                <A href="/" attr:class="brand">"阳光信访"</A>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match me.await.ok().flatten() {
                            Some(who) => Either::Left(view! {
                                <div class="account">
                                    <A href="/my/account" attr:class="who" attr:title="我的账户与消息">{who.display_name}</A>
                                    <ActionForm action=logout attr:class="inline">
                                        <button type="submit" class="link">"退出"</button>
                                    </ActionForm>
                                </div>
                            }),
                            None => Either::Right(view! {
                                <div class="account">
                                    <A href="/login">"登录"</A>
                                    <A href="/register">"注册"</A>
                                </div>
                            }),
                        }
                    })}
                </Suspense>
            </div>
            <nav aria-label="主要栏目">
                <A href="/file">"我要信访"</A>
                <A href="/my/petitions">"我的信访"</A>
                <A href="/lookup">"办理查询"</A>
            </nav>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"依据《信访工作条例》受理和办理信访事项。信访人的个人信息依法保密。"</p>
            <p>"紧急情况请拨打 110；政务服务便民热线 12345。"<a href="/reception">"信访接待场所和时间"</a>" · "<a href="/statistics">"公开统计"</a>" · "<a href="/cases">"公开案例"</a>" · "<a href="/statistics/method">"统计口径"</a></p>
        </footer>
    }
}
