//! The acceptance clock of a registered letter or visit (条例 art. 22): it runs from the
//! day the matter arrived, as the clerk records it, not from the day it is typed.

use chrono::{Days, NaiveDate};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::rules::deadline;
use crate::helpers::{spawn_app, staff};
use crate::workflow::{DISTRICT_BUREAU, case};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registered_letters_clock_starts_the_day_it_arrived_not_the_day_it_is_typed() {
    let app = spawn_app().await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let today = server::time::today();
    let ago = |n: u64| today.checked_sub_days(Days::new(n)).unwrap();
    let letter = |channel: &str, received: NaiveDate| {
        let (app, channel) = (&app, channel.to_owned());
        async move {
            json!({
                "channel": channel,
                "petitioner": {
                    "real_name": "孙大海",
                    "phone": crate::helpers::phone(),
                    "address": "示范市东城区新桥街道一号院3号楼"
                },
                "petition": app.filing().await,
                "received_on": received
            })
        }
    };
    let res = app
        .post_json(
            "/api/v1/staff/registrations",
            Some(&intake),
            &letter("letter", ago(4)).await,
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    assert_eq!(
        receipt["acceptance_due"]["start"],
        ago(4).to_string(),
        "the receipt counts from the arrival"
    );
    let number = receipt["number"].as_str().unwrap();
    let file: Value = case(&app, &intake, number).await.json().await.unwrap();
    assert_eq!(
        deadline(&file["deadlines"], "受理告知期限").unwrap()["start"],
        ago(4).to_string()
    );

    for wrong in [ago(31), today.checked_add_days(Days::new(1)).unwrap()] {
        let res = app
            .post_json(
                "/api/v1/staff/registrations",
                Some(&intake),
                &letter("letter", wrong).await,
            )
            .await;
        assert_eq!(
            crate::helpers::error_fields(res).await,
            vec!["received_on"],
            "{wrong}"
        );
    }
    // A 12345 transfer, registered the day it came.
    let res = app
        .post_json(
            "/api/v1/staff/registrations",
            Some(&intake),
            &letter("hotline", today).await,
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let number = res.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let file: Value = case(&app, &intake, &number).await.json().await.unwrap();
    assert_eq!(file["channel"], "hotline");
}
