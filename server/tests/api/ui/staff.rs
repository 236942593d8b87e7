//! The staff's pages without JavaScript: who may open them, the workplace's header, and
//! what a case-page form does (the message after it, the confirmation it needs).

use reqwest::{StatusCode, header};

use super::{browser, local, page};
use crate::helpers::{TestApp, spawn_app};

/// A page as the browser of a signed-in staff member (`token`) gets it.
async fn staff_html(app: &TestApp, token: &str, path: &str) -> String {
    app.client
        .get(app.url(path))
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, format!("access={token}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// A case-page form posted without JavaScript by a staff member (`token`) from `from`:
/// where the server sends the browser next.
async fn staff_post(app: &TestApp, token: &str, from: &str, fields: &[(&str, &str)]) -> String {
    let res = app
        .client
        .post(app.url("/ui/staff-act"))
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, format!("access={token}"))
        .header(header::REFERER, app.url(from))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    local(app, res.headers()[header::LOCATION].to_str().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_staff_pages_render_for_staff_and_ask_others_to_log_in() {
    let app = spawn_app().await;
    let admin = crate::helpers::staff(&app, "示范市信访局", "administrator").await;
    let intake = crate::helpers::staff(&app, "东城区信访局", "intake").await;
    let html = staff_html(&app, &admin, "/admin").await;
    assert!(
        html.contains("新增单位") && html.contains("东城区住房和城乡建设局"),
        "{html}"
    );
    assert!(html.contains("节假日安排"));
    let html = staff_html(&app, &intake, "/staff").await;
    assert!(html.contains("待办信访事项"));
    // The staff's side has the workplace's header, never the citizen's links.
    assert!(html.contains("工作平台") && html.contains("我的待办"));
    for citizens in [
        "href=\"/register\"",
        "href=\"/file\"",
        "href=\"/my/petitions\"",
    ] {
        assert!(!html.contains(citizens), "a staff page links {citizens}");
    }
    let html = staff_html(&app, &intake, "/admin").await;
    assert!(
        html.contains("只有系统管理员"),
        "a clerk is told the page is not theirs"
    );
    let html = staff_html(&app, &intake, "/staff/account").await;
    // A clerk's role requires the second factor (bound by the helper), and the page offers
    // the password change.
    assert!(html.contains("修改密码") && html.contains("已绑定身份验证器"));
    let (_, html) = page(&app, &browser(), "/staff").await;
    assert!(html.contains("工作人员登录"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_staff_action_comes_back_to_the_case_saying_what_happened() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = crate::helpers::staff(&app, "东城区信访局", "intake,handler").await;
    let accept = serde_json::json!({ "action": "accept_here" });
    crate::helpers::act_ok(&app, &intake, &number, accept).await;
    let case = format!("/staff/petitions/{number}");
    let note = [
        ("number", number.as_str()),
        ("action", "add_note"),
        ("text", "已电话联系信访人核实地址"),
    ];
    let back = staff_post(&app, &intake, &case, &note).await;
    assert_eq!(back, format!("{case}?done=add_note"));
    let html = staff_html(&app, &intake, &back).await;
    assert!(
        html.contains("role=\"status\"") && html.contains("办理记录已保存"),
        "{html}"
    );
    assert!(html.contains("已电话联系信访人核实地址"));

    // A step that cannot be taken back is refused until the clerk ticks the confirmation.
    let other = app.file_ok_number(&citizen.token).await;
    let housing = crate::helpers::unit_id(&app, "东城区住房和城乡建设局")
        .await
        .to_string();
    let from = format!("/staff/petitions/{other}");
    let mut fields = vec![
        ("number", other.as_str()),
        ("action", "forward"),
        ("unit_id", housing.as_str()),
    ];
    let back = staff_post(&app, &intake, &from, &fields).await;
    assert!(back.contains("__err="), "{back}");
    let file: serde_json::Value = app
        .get(&format!("/api/v1/staff/petitions/{other}"), Some(&intake))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(file["status"], "submitted", "nothing was forwarded");
    fields.push(("confirmed", "1"));
    let back = staff_post(&app, &intake, &from, &fields).await;
    assert!(back.ends_with("?done=forward"), "{back}");
}
