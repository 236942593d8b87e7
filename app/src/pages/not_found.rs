//! 404: a page that does not exist.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_actix::ResponseOptions>() {
        res.set_status(actix_web::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="页面不存在" />
        <h1>"页面不存在"</h1>
        <p>"您访问的页面不存在。"<A href="/">"返回首页"</A></p>
    }
}
