//! Letters registered by a clerk, as the petitioner follows them: by number and query code,
//! and in the account they open later with the same ID number and phone.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::*;
use crate::helpers::{spawn_app, staff};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_registers_a_letter_and_the_petitioner_can_follow_it_by_number_and_code() {
    let app = spawn_app().await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let petition = app.filing().await;
    let letter = json!({
        "channel": "letter",
        "petitioner": { "real_name": "赵大山", "phone": crate::helpers::phone() },
        "petition": petition
    });
    // A letter without a postal address cannot be answered: refused, nothing created.
    let res = app
        .post_json("/api/v1/staff/registrations", Some(&intake), &letter)
        .await;
    assert_eq!(
        crate::helpers::error_fields(res).await,
        vec!["petitioner.address"]
    );
    let mut letter = letter;
    letter["petitioner"]["address"] = json!("示范市东城区新桥街道一号院3号楼");
    let res = app
        .post_json("/api/v1/staff/registrations", Some(&intake), &letter)
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    let number = receipt["number"].as_str().unwrap();
    let res = app
        .post_json(
            "/api/v1/petitions/lookup",
            None,
            &json!({ "number": number, "query_code": receipt["query_code"] }),
        )
        .await;
    assert!(res.status().is_success());
    let file: Value = case(&app, &intake, number).await.json().await.unwrap();
    assert_eq!(file["channel"], "letter");
    assert_eq!(file["petitioner"]["name"], "赵**");

    // A citizen cannot use the clerks' door.
    let citizen = app.citizen().await;
    let res = app
        .post_json("/api/v1/staff/registrations", Some(&citizen.token), &letter)
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_writer_who_opens_an_account_with_the_same_id_and_phone_sees_their_letters() {
    use crate::helpers::{id_number, phone};
    let app = spawn_app().await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let (id, tel) = (id_number(), phone());
    let letter = |id: &str, tel: &str| {
        let (app, id, tel) = (&app, id.to_owned(), tel.to_owned());
        async move {
            json!({
                "channel": "letter",
                "petitioner": {
                    "real_name": "郑小川", "phone": tel, "id_number": id,
                    "address": "示范市东城区新桥街道一号院3号楼"
                },
                "petition": app.filing().await
            })
        }
    };
    let res = app
        .post_json(
            "/api/v1/staff/registrations",
            Some(&intake),
            &letter(&id, &tel).await,
        )
        .await;
    let number = res.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    // Someone else's letter from the same phone (a shared family phone) stays theirs.
    let other = app
        .post_json(
            "/api/v1/staff/registrations",
            Some(&intake),
            &letter(&id_number(), &tel).await,
        )
        .await
        .json::<Value>()
        .await
        .unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();

    let code = app.sms_code(&tel, "register").await;
    let res = app
        .register(&json!({
            "real_name": "郑小川", "id_number": id, "phone": tel,
            "password": "蓝色台灯-窗外的雨", "sms_code": code
        }))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let token = app
        .login(&tel, "蓝色台灯-窗外的雨")
        .await
        .json::<Value>()
        .await
        .unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let mine: Vec<String> = app
        .my_petitions(&token)
        .await
        .iter()
        .map(|p| p["number"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        mine,
        vec![number.clone()],
        "their letter, and not the other person's"
    );
    assert!(!mine.contains(&other));
    let view = citizen_view(&app, &token, &number).await;
    assert_eq!(view["progress"]["channel_label"], "来信");
}
