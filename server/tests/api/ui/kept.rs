//! Forms posted without JavaScript and refused come back with what was typed, to that
//! browser only; the place is typed, and the server settles it.

use reqwest::multipart::Form;
use reqwest::{Client, StatusCode, header};

use super::{browser, local, page, post_form, signed_in_browser};
use crate::helpers::{TestApp, id_number, phone, spawn_app};

/// Posts the filing form as a browser without JavaScript does; the redirect target.
async fn file(app: &TestApp, b: &Client, fields: &[(&str, &str)]) -> String {
    file_from(app, b, &app.url("/file"), fields).await
}

/// Posts the filing form from the page at `from` (its address, refusal and all).
async fn file_from(app: &TestApp, b: &Client, from: &str, fields: &[(&str, &str)]) -> String {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    let res = b
        .post(app.url("/ui/submit-petition"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, from)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    res.headers()[header::LOCATION].to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_filing_comes_back_with_everything_typed_to_that_browser_only() {
    let app = spawn_app().await;
    let (b, _) = signed_in_browser(&app).await;
    let facts =
        "水渠去年冬天塌了一段，春耕前一直没有人修，<b>下游三个村</b>的田浇不上水。".repeat(30);
    let back = file(
        &app,
        &b,
        &[
            ("kind", "suggestion"),
            ("category_id", ""),
            ("region_q", "柳林"),
            ("title", "灌溉水渠塌方无人修"),
            ("facts", &facts),
            ("request", "请尽快修复水渠"),
            ("people_count", "40"),
        ],
    )
    .await;
    assert!(back.contains("/file?") && back.contains("__err="), "{back}");
    let (_, html) = page(&app, &b, &local(&app, &back)).await;
    // The summary names each field and links to it.
    assert!(html.contains(r##"href="#f-category_id""##), "{html}");
    assert!(
        html.contains(">请选择类别</a>"),
        "the message links to its field"
    );
    assert!(
        html.contains("“柳林”对应多个地点"),
        "the typed place names two"
    );
    // Everything typed is there again, escaped as text.
    assert!(html.contains("灌溉水渠塌方无人修"));
    let shown = html.split("下游三个村").next().unwrap_or_default();
    assert!(
        shown.ends_with("&lt;b&gt;") || shown.ends_with("&lt;b>"),
        "as text: {}",
        shown.chars().rev().take(20).collect::<String>()
    );
    assert!(html.contains(r#"value="40""#), "涉及人数 as typed");
    assert!(html.contains(r#"value="柳林""#), "the typed place");
    assert!(html.contains("您填写的内容已保留"));

    // Another browser on the same address gets nothing, even signed in.
    let (other, _) = signed_in_browser(&app).await;
    let (_, theirs) = page(&app, &other, &local(&app, &back)).await;
    assert!(!theirs.contains("灌溉水渠") && !theirs.contains("您填写的内容已保留"));

    // A fresh visit starts empty.
    let (_, fresh) = page(&app, &b, "/file").await;
    assert!(!fresh.contains("灌溉水渠"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_place_that_names_one_village_is_filed_there() {
    let app = spawn_app().await;
    let (b, token) = signed_in_browser(&app).await;
    let (category, _) = app.leaf_ids().await;
    let category = category.to_string();
    let to = file(
        &app,
        &b,
        &[
            ("kind", "inquiry"),
            ("category_id", &category),
            ("region_q", "柳林乡 柳林村"),
            ("title", "灵活就业人员如何缴纳医保"),
            (
                "facts",
                "本人为灵活就业人员，想了解城镇职工医疗保险的缴费渠道和标准。",
            ),
            ("request", "请告知办理流程"),
            ("people_count", "1"),
        ],
    )
    .await;
    assert_eq!(to, "/receipt");
    let mine = app.get("/api/v1/petitions", Some(&token)).await;
    let body: serde_json::Value = mine.json().await.unwrap();
    let number = body[0]["number"].as_str().unwrap().to_owned();
    let one: serde_json::Value = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        one["progress"]["region"]
            .as_str()
            .unwrap()
            .ends_with("柳林村"),
        "{one}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn getting_a_code_without_javascript_keeps_the_registration_but_never_the_password() {
    let app = spawn_app().await;
    let b = browser();
    let (phone, id) = (phone(), id_number());
    let fields = [
        ("real_name", "赵小兰"),
        ("id_number", id.as_str()),
        ("phone", phone.as_str()),
        ("password", "梧桐树下的长椅-7"),
        ("email", ""),
        ("address", "示范市东城区新桥街道一号院"),
        ("purpose", "register"),
        ("back", "/register"),
        ("sms_code", ""),
    ];
    assert_eq!(
        post_form(&app, &b, "/ui/send-code", "/register", &fields).await,
        "/register?code_sent=1"
    );
    let (_, html) = page(&app, &b, "/register?code_sent=1").await;
    for kept in [
        "赵小兰",
        id.as_str(),
        phone.as_str(),
        "示范市东城区新桥街道一号院",
    ] {
        assert!(html.contains(&format!(r#"value="{kept}""#)), "{kept} kept");
    }
    assert!(
        !html.contains("梧桐树下的长椅"),
        "the password never comes back"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_place_search_answers_with_full_paths() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(app.url("/ui/regions"))
        .header(header::ACCEPT, "application/json")
        .form(&[("q", "柳林")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let found: serde_json::Value = res.json().await.unwrap();
    let paths: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "示范市 / 清河县 / 柳林乡",
            "示范市 / 清河县 / 柳林乡 / 柳林村"
        ]
    );
}

/// The filing form of an inquiry about medical insurance in `category`, its place typed as
/// `region`.
fn inquiry<'a>(category: &'a str, region: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("kind", "inquiry"),
        ("category_id", category),
        ("region_q", region),
        ("title", "灵活就业人员如何缴纳医保"),
        (
            "facts",
            "本人为灵活就业人员，想了解城镇职工医疗保险的缴费渠道和标准。",
        ),
        ("request", "请告知办理流程"),
        ("people_count", "1"),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_place_found_from_part_of_its_name_is_confirmed_before_it_is_filed() {
    let app = spawn_app().await;
    let (b, _) = signed_in_browser(&app).await;
    let (category, _) = app.leaf_ids().await;
    let category = category.to_string();
    let mut fields = inquiry(&category, "林村");
    let back = file(&app, &b, &fields).await;
    assert!(back.contains("__err="), "not filed unseen: {back}");
    let (_, html) = page(&app, &b, &local(&app, &back)).await;
    assert!(html.contains("请确认问题发生地是否为“示范市 / 清河县 / 柳林乡 / 柳林村”"));
    // The field now holds the full path; sending it again files it there.
    assert!(html.contains(r#"value="示范市 / 清河县 / 柳林乡 / 柳林村""#));
    fields[2] = ("region_q", "示范市 / 清河县 / 柳林乡 / 柳林村");
    assert_eq!(file(&app, &b, &fields).await, "/receipt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_refusal_replaces_the_first_in_the_address_and_on_the_page() {
    let app = spawn_app().await;
    let (b, _) = signed_in_browser(&app).await;
    let (category, _) = app.leaf_ids().await;
    let category = category.to_string();
    let mut fields = inquiry(&category, "示范市 / 清河县 / 柳林乡 / 柳林村");
    fields[3] = ("title", "");
    let first = file(&app, &b, &fields).await;
    let (_, html) = page(&app, &b, &local(&app, &first)).await;
    assert!(html.contains("请填写此项"), "the title's refusal: {html}");
    assert!(!html.contains("涉及人数应在"), "{html}");
    // Sent again from that page, refused for another reason.
    fields[3] = ("title", "灵活就业人员如何缴纳医保");
    fields[6] = ("people_count", "0");
    let second = file_from(&app, &b, &app.url(&local(&app, &first)), &fields).await;
    assert_eq!(second.matches("__err=").count(), 1, "{second}");
    assert_eq!(second.matches("__path=").count(), 1, "{second}");
    assert_ne!(second, first, "the new refusal, not the old one");
    let (_, html) = page(&app, &b, &local(&app, &second)).await;
    assert!(
        html.contains("涉及人数应在"),
        "the new refusal is shown: {html}"
    );
    assert!(!html.contains("请填写此项"), "not the old one: {html}");
}
