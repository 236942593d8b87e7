//! The portal's web UI: pages, components and the server functions they call (the UI's private door).

pub mod api;
pub mod components;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ports;

use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::layout::{Footer, Header, SessionProvider};
use crate::pages::citizen::{
    AccountPage, FilePage, LoginPage, MyPetitionsPage, PetitionPage, ReceiptPage, RegisterPage,
    ResetPasswordPage,
};
use crate::pages::public::{
    CasesPage, DevSmsPage, LookupPage, MethodPage, PublishedCasePage, ReceptionPage,
    StatisticsPage, TrackPage,
};
use crate::pages::staff::{
    AdminPage, AnnualPage, AuditPage, BulletinPage, CasePage, NoticesPage, OversightPage,
    PublishPage, QueuePage, RegistrationReceiptPage, StaffAccountPage, StaffLoginPage,
    StaffRegisterPage,
};
use crate::pages::{HomePage, NotFound};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="zh-CN">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The app: one route per page. Pages render completely on the server before they are
/// sent (`SsrMode::Async`) so that status codes and refreshed session cookies can be set.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="app" href="/pkg/app.css" />
        <Link rel="icon" href="data:," />
        <Meta name="description" content="阳光信访：网上提交信访事项，凭编号和查询码随时查询办理进度。" />
        <Title formatter=|t: String| if t.is_empty() { "阳光信访".to_owned() } else { format!("{t} - 阳光信访") } />
        <Router>
            <a class="skip" href="#main">"跳到正文"</a>
            <SessionProvider>
                <Header />
                <main id="main">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                        <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                        <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/file") view=FilePage ssr=SsrMode::Async />
                        <Route path=path!("/receipt") view=ReceiptPage ssr=SsrMode::Async />
                        <Route path=path!("/my/petitions") view=MyPetitionsPage ssr=SsrMode::Async />
                        <Route path=path!("/my/petitions/:number") view=PetitionPage ssr=SsrMode::Async />
                        <Route path=path!("/my/account") view=AccountPage ssr=SsrMode::Async />
                        <Route path=path!("/lookup") view=LookupPage ssr=SsrMode::Async />
                        <Route path=path!("/reception") view=ReceptionPage ssr=SsrMode::Async />
                        <Route path=path!("/statistics") view=StatisticsPage ssr=SsrMode::Async />
                        <Route path=path!("/cases") view=CasesPage ssr=SsrMode::Async />
                        <Route path=path!("/cases/:id") view=PublishedCasePage ssr=SsrMode::Async />
                        <Route path=path!("/statistics/method") view=MethodPage ssr=SsrMode::Async />
                        <Route path=path!("/track/:number") view=TrackPage ssr=SsrMode::Async />
                        <Route path=path!("/dev/sms") view=DevSmsPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/login") view=StaffLoginPage ssr=SsrMode::Async />
                        <Route path=path!("/staff") view=QueuePage ssr=SsrMode::Async />
                        <Route path=path!("/staff/petitions/:number") view=CasePage ssr=SsrMode::Async />
                        <Route path=path!("/staff/petitions/:number/publish") view=PublishPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/account") view=StaffAccountPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/register") view=StaffRegisterPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/notices") view=NoticesPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/bulletin") view=BulletinPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/annual") view=AnnualPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/oversight") view=OversightPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/register/receipt") view=RegistrationReceiptPage ssr=SsrMode::Async />
                        <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/audit") view=AuditPage ssr=SsrMode::Async />
                    </Routes>
                </main>
            </SessionProvider>
            <Footer />
        </Router>
    }
}

/// Entry point of the browser bundle. Pages are rendered on the server and their links
/// and forms work as plain HTML; only the islands (`#[island]`: the forms that check
/// fields as they are left, send without a reload or show an answer once) run here, so
/// the bundle holds only them.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // A server function that answers with a redirect (after login, filing, …) moves
    // the browser there; there is no client-side router to do it.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|to: &str| {
        let _ = window().location().set_href(to);
    });
    leptos::mount::hydrate_islands();
}
