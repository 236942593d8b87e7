//! Mounts the web UI. The Leptos pages arrive in the next commit; until then only the API is served.
use actix_web::web;

use crate::state::AppState;

#[derive(Clone)]
pub struct Ui;

impl Ui {
    pub fn new(_: &web::Data<AppState>) -> anyhow::Result<Self> {
        Ok(Ui)
    }

    pub fn configure(&self, _: &mut web::ServiceConfig) {}
}
