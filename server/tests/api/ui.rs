//! The web UI as a browser without JavaScript sees it: server-rendered pages and plain form posts.

use reqwest::multipart::Form;
use reqwest::{Client, StatusCode, header};

use crate::helpers::{TestApp, id_number, phone, spawn_app};

mod assets;
mod kept;
mod notices;
mod offline;
mod second_portal;
mod staff;

/// A browser: keeps cookies, asks for HTML, does not follow redirects (so tests see them).
fn browser() -> Client {
    Client::builder()
        .timeout(crate::helpers::REQUEST_TIMEOUT)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn page(app: &TestApp, client: &Client, path: &str) -> (StatusCode, String) {
    let res = client
        .get(app.url(path))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

/// Posts a form as a browser does and returns the redirect target.
async fn post_form(
    app: &TestApp,
    client: &Client,
    path: &str,
    from: &str,
    fields: &[(&str, &str)],
) -> String {
    let res = client
        .post(app.url(path))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url(from))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::FOUND,
        "{path}: {}",
        res.text().await.unwrap_or_default()
    );
    res.headers()[header::LOCATION].to_str().unwrap().to_owned()
}

fn local(app: &TestApp, location: &str) -> String {
    location
        .strip_prefix(&app.address)
        .unwrap_or(location)
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_is_rendered_in_chinese_with_the_hydration_script() {
    let app = spawn_app().await;
    let (status, html) = page(&app, &browser(), "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<html lang="zh-CN""#));
    assert!(html.contains("网上信访"));
    assert!(
        html.contains("/pkg/app.js"),
        "the page loads the browser bundle"
    );
    assert!(html.contains("第二十二条"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anyone_reads_how_each_figure_is_counted_from_the_definitions() {
    let app = spawn_app().await;
    let (status, html) = page(&app, &browser(), "/statistics/method").await;
    assert_eq!(status, StatusCode::OK);
    for f in shared::figures::Figure::ALL {
        assert!(html.contains(f.name()), "{}", f.name());
        assert!(html.contains(f.formula()), "{}", f.name());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_page_is_a_404() {
    let app = spawn_app().await;
    let (status, html) = page(&app, &browser(), "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("页面不存在"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_bad_registration_comes_back_with_every_message() {
    let app = spawn_app().await;
    let b = browser();
    let fields = [
        ("real_name", ""),
        ("id_number", "123"),
        ("phone", "1"),
        ("password", "x"),
        ("email", ""),
        ("sms_code", ""),
    ];
    let back = post_form(&app, &b, "/ui/register", "/register", &fields).await;
    assert!(
        back.contains("/register?") && back.contains("__err="),
        "{back}"
    );
    let (_, html) = page(&app, &b, &local(&app, &back)).await;
    for message in [
        "请填写真实姓名",
        "身份证号码应为18位",
        "请填写11位中国大陆手机号码",
        "密码至少需要8个字符",
        "请填写短信验证码",
    ] {
        assert!(html.contains(message), "missing {message}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_citizen_registers_logs_in_files_and_finds_the_petition_again() {
    let app = spawn_app().await;
    let b = browser();
    let (phone, id) = (phone(), id_number());
    let mut fields = vec![
        ("real_name", "赵小兰"),
        ("id_number", id.as_str()),
        ("phone", phone.as_str()),
        ("password", "梧桐树下的长椅-7"),
        ("email", ""),
        ("purpose", "register"),
        ("back", "/register"),
        ("sms_code", ""),
    ];
    // 获取验证码 posts the whole form to the code's server function and comes back.
    assert_eq!(
        post_form(&app, &b, "/ui/send-code", "/register", &fields).await,
        "/register?code_sent=1"
    );
    let (_, html) = page(&app, &b, "/register?code_sent=1").await;
    assert!(html.contains("验证码已发送"), "{html}");
    let text = app.texts_to(&phone, "验证码").await;
    let code: String = text.chars().filter(char::is_ascii_digit).take(6).collect();
    fields.pop();
    fields.push(("sms_code", code.as_str()));
    assert_eq!(
        post_form(&app, &b, "/ui/register", "/register", &fields).await,
        "/login?registered=1"
    );
    let fields = [("phone", phone.as_str()), ("password", "梧桐树下的长椅-7")];
    assert_eq!(
        post_form(&app, &b, "/ui/login", "/login", &fields).await,
        "/my/petitions"
    );
    let (_, html) = page(&app, &b, "/file").await;
    assert!(
        html.contains("问题发生地") && html.contains("category_id"),
        "the filing form is shown"
    );
    assert!(
        !html.contains("新桥街道 / 新桥社区"),
        "the page carries no list of places: its picker searches them"
    );
    let key = html
        .split(r#"name="idempotency_key" value=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();

    let (category, region) = app.leaf_ids().await;
    let form = Form::new()
        .text("idempotency_key", key)
        .text("kind", "appeal")
        .text("category_id", category.to_string())
        .text("region_id", region.to_string())
        .text("title", "楼道照明损坏三个月无人修理")
        .text(
            "facts",
            "单元楼道灯自八月起损坏，老人夜间上下楼多次摔倒，多次联系物业未处理。",
        )
        .text("request", "请尽快修复楼道照明")
        .text("respondent", "")
        .text("other_procedure", "none")
        .text("people_count", "12");
    let res = b
        .post(app.url("/ui/submit-petition"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url("/file"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/receipt");

    let (_, receipt) = page(&app, &b, "/receipt").await;
    let grab = |id: &str| {
        let after = receipt.split(&format!(r#"id="{id}""#)).nth(1).unwrap();
        after
            .split_once('>')
            .unwrap()
            .1
            .split('<')
            .next()
            .unwrap()
            .to_owned()
    };
    let (number, code) = (grab("receipt-number"), grab("receipt-code"));
    assert_eq!(code.len(), 19);
    let (_, mine) = page(&app, &b, "/my/petitions").await;
    assert!(mine.contains(&number) && mine.contains("楼道照明损坏"));

    // Anyone with the number and code, in another browser, without logging in.
    let other = browser();
    let to = post_form(
        &app,
        &other,
        "/ui/lookup",
        "/lookup",
        &[("number", &number), ("query_code", &code)],
    )
    .await;
    assert_eq!(to, format!("/track/{number}"));
    let (_, progress) = page(&app, &other, &to).await;
    assert!(progress.contains("待受理") && progress.contains("受理告知期限"));
    assert!(
        !progress.contains("赵小兰") && !progress.contains("楼道照明"),
        "no personal data or text"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_wrong_code_shows_one_not_found_message() {
    let app = spawn_app().await;
    let b = browser();
    let fields = [
        ("number", "2026-990102-000001"),
        ("query_code", "ABCD-EFGH-JKLM-NPQR"),
    ];
    let back = post_form(&app, &b, "/ui/lookup", "/lookup", &fields).await;
    let (_, html) = page(&app, &b, &local(&app, &back)).await;
    assert!(html.contains("未找到该信访事项，请核对信访件编号和查询码"));
    let (status, _) = page(&app, &b, "/track/2026-990102-000001").await;
    assert_eq!(status, StatusCode::OK);
}

/// Registers and logs in a citizen in `b` through the forms; returns the API token too.
async fn signed_in_browser(app: &TestApp) -> (Client, String) {
    let citizen = app.citizen().await;
    let b = browser();
    let fields = [
        ("phone", citizen.phone.as_str()),
        ("password", citizen.password.as_str()),
    ];
    assert_eq!(
        post_form(app, &b, "/ui/login", "/login", &fields).await,
        "/my/petitions"
    );
    (b, citizen.token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_the_petition_page_adds_material_and_withdraws() {
    let app = spawn_app().await;
    let (b, token) = signed_in_browser(&app).await;
    let number = app.file_ok_number(&token).await;
    let page_path = format!("/my/petitions/{number}");
    let (_, html) = page(&app, &b, &page_path).await;
    assert!(html.contains("补充材料") && html.contains("确认撤回"));

    let pdf =
        reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("补充说明.pdf");
    let res = b
        .post(app.url(&format!("/api/v1/petitions/{number}/attachments")))
        .header(header::ACCEPT, "text/html")
        .multipart(Form::new().part("attachments", pdf))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()[header::LOCATION].to_str().unwrap(),
        format!("{page_path}?uploaded=1")
    );
    let (_, html) = page(&app, &b, &format!("{page_path}?uploaded=1")).await;
    assert!(html.contains("材料已上传") && html.contains("补充说明.pdf"));

    let fake = reqwest::multipart::Part::bytes(b"<html>".to_vec()).file_name("x.png");
    let res = b
        .post(app.url(&format!("/api/v1/petitions/{number}/attachments")))
        .header(header::ACCEPT, "text/html")
        .multipart(Form::new().part("attachments", fake))
        .send()
        .await
        .unwrap();
    let back = res.headers()[header::LOCATION].to_str().unwrap().to_owned();
    let (_, html) = page(&app, &b, &back).await;
    assert!(
        html.contains("只能上传JPG、PNG图片或PDF文件"),
        "the reason is shown on the page"
    );

    let res = b
        .post(app.url(&format!("/api/v1/petitions/{number}/withdraw")))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = page(&app, &b, &page_path).await;
    assert!(html.contains("已撤回") && !html.contains("确认撤回"));
}
