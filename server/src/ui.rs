//! Mounts the web UI: the built browser bundle under `/pkg`, the server-rendered pages,
//! and the UI's server functions, which reach the services through [`portal::WebPortal`]
//! (the citizen's port) and its staff side in [`desk`].

mod admin_desk;
mod assets;
mod desk;
mod grants;
mod kept;
mod portal;
pub mod posted;
mod refusal;
mod sunshine;

use std::sync::{Arc, OnceLock};

use actix_web::web;
use app::ports::{AdminDesk, Desk, Portal, Sunshine};
use leptos::prelude::*;
use leptos_actix::{ActixRouteListing, LeptosRoutes, generate_route_list};

use crate::state::AppState;

/// The app's routes, generated once per process. While leptos generates them it sets a
/// process-wide flag that leaves any resource first polled meanwhile pending for ever
/// (leptos-rs/leptos#4773): a portal started while another in the same process serves
/// pages (the test suites run dozens side by side) hung that one's page for a minute.
fn routes() -> Vec<ActixRouteListing> {
    static ROUTES: OnceLock<Vec<ActixRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

#[derive(Clone)]
pub struct Ui {
    options: LeptosOptions,
    routes: Vec<ActixRouteListing>,
    portal: Arc<dyn Portal>,
    desk: Arc<dyn Desk>,
    admin: Arc<dyn AdminDesk>,
    sunshine: Arc<dyn Sunshine>,
}

impl Ui {
    pub fn new(state: &web::Data<AppState>) -> anyhow::Result<Self> {
        let site_root = state.settings.site_root.to_string_lossy().into_owned();
        let options = LeptosOptions::builder()
            .output_name("app")
            .site_root(site_root)
            .site_pkg_dir("pkg")
            .env(leptos::config::Env::PROD)
            .build();
        let routes = routes();
        let web = Arc::new(portal::WebPortal::new(state.get_ref().clone()));
        let portal: Arc<dyn Portal> = web.clone();
        let desk: Arc<dyn Desk> = web.clone();
        let admin: Arc<dyn AdminDesk> = web.clone();
        let sunshine: Arc<dyn Sunshine> = web;
        Ok(Self {
            options,
            routes,
            portal,
            desk,
            admin,
            sunshine,
        })
    }

    pub fn configure(&self, cfg: &mut web::ServiceConfig) {
        let pkg = std::path::Path::new(self.options.site_root.as_ref()).join("pkg");
        cfg.app_data(web::Data::new(self.options.clone()));
        cfg.app_data(web::Data::new(assets::Pkg(pkg)));
        cfg.route("/pkg/{name}", web::get().to(assets::serve));
        cfg.route("/pkg/{name}", web::head().to(assets::serve));
        let (portal, desk, admin) = (self.portal.clone(), self.desk.clone(), self.admin.clone());
        let sunshine = self.sunshine.clone();
        let ports = move || {
            provide_context(portal.clone());
            provide_context(desk.clone());
            provide_context(admin.clone());
            provide_context(sunshine.clone());
            crate::headers::apply_page_policy();
        };
        let options = self.options.clone();
        let shell = move || app::shell(options.clone());
        cfg.leptos_routes_with_context(self.routes.clone(), ports.clone(), shell.clone());
        // Any other address renders the app too, whose router answers with its 404 page.
        cfg.default_service(leptos_actix::render_app_async_with_context(
            ports,
            shell,
            leptos_router::Method::Get,
        ));
    }
}
