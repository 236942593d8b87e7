//! Texts and notices in the web UI without JavaScript: the demo SMS inbox, the account page
//! (notices, channels, phone change) and the look-up's 查看详情.

use reqwest::StatusCode;

use super::{browser, page, post_form};
use crate::helpers::{phone, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demo_portal_shows_its_texts_on_the_sms_inbox_page_and_a_real_one_has_none() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let receipt = app.file_ok(&citizen.token).await;
    let code = receipt["query_code"].as_str().unwrap();
    let b = browser();
    // The worker sends within a second or two.
    let mut html = String::new();
    for _ in 0..100 {
        html = page(&app, &b, "/dev/sms").await.1;
        if html.contains(code) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(html.contains(code), "{html}");
    assert!(html.contains(&citizen.phone));
    assert!(html.contains(receipt["number"].as_str().unwrap()));

    let real = crate::helpers::spawn_app_with(|s| s.demo = false).await;
    let (status, html) = page(&real, &b, "/dev/sms").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("没有开发用收件箱"), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_citizen_reads_notices_turns_sms_off_and_moves_to_a_new_phone() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let b = browser();
    let fields = [
        ("phone", citizen.phone.as_str()),
        ("password", citizen.password.as_str()),
    ];
    post_form(&app, &b, "/ui/login", "/login", &fields).await;
    let receipt = app.file_ok(&citizen.token).await;
    // The filing's notice reaches the in-app centre within a second or two.
    let mut html = String::new();
    for _ in 0..50 {
        html = page(&app, &b, "/my/account").await.1;
        if html.contains("信访事项已提交") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(html.contains(receipt["number"].as_str().unwrap()), "{html}");

    let back = post_form(&app, &b, "/ui/save-channels", "/my/account", &[]).await;
    assert_eq!(back, "/my/account?saved=channels");
    let (_, html) = page(&app, &b, &back).await;
    assert!(html.contains("通知方式已保存"));
    let prefs: serde_json::Value = app
        .get("/api/v1/accounts/me/channels", Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(prefs["sms"], false, "an unticked box turns SMS off");

    let new = phone();
    let code = app.sms_code(&new, "change_phone").await;
    let fields = [
        ("phone", new.as_str()),
        ("sms_code", code.as_str()),
        ("purpose", "change_phone"),
        ("back", "/my/account"),
        ("password", citizen.password.as_str()),
    ];
    let back = post_form(&app, &b, "/ui/change-phone", "/my/account", &fields).await;
    assert_eq!(back, "/my/account?saved=phone");
    assert_eq!(
        app.login(&new, &citizen.password).await.status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_look_up_unlocks_the_petition_with_a_texted_code() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let receipt = app.file_ok(&citizen.token).await;
    let number = receipt["number"].as_str().unwrap();
    let b = browser();
    let fields = [
        ("number", number),
        ("query_code", receipt["query_code"].as_str().unwrap()),
    ];
    post_form(&app, &b, "/ui/lookup", "/lookup", &fields).await;
    let track = format!("/track/{number}");
    let (_, html) = page(&app, &b, &track).await;
    assert!(html.contains("发送验证码到登记的手机") && !html.contains("十六度"));

    app.a_minute_later().await;
    let mark = app.inbox_mark().await;
    let fields = [("number", number), ("back", "1")];
    let back = post_form(&app, &b, "/ui/lookup-code", &track, &fields).await;
    assert!(back.starts_with(&format!("{track}?code_sent=")), "{back}");
    let text = app.texts_after(mark, &citizen.phone, "验证码").await;
    let sms: String = text.chars().filter(char::is_ascii_digit).take(6).collect();
    let fields = [("number", number), ("sms_code", sms.as_str())];
    assert_eq!(
        post_form(&app, &b, "/ui/unlock-detail", &track, &fields).await,
        track
    );
    let (_, html) = page(&app, &b, &track).await;
    assert!(html.contains("十六度"), "the facts are shown now");
}
