//! Units and categories as the administrator keeps them current: renamed, moved, given
//! public reception details, merged or closed (never with an open matter left behind, never
//! so that a unit handles an accusation against itself), categories renamed, reordered and
//! retired.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, act_ok, spawn_app, staff, unit_id};
use crate::workflow::{DISTRICT_BUREAU, HOUSING, case, message};

async fn unit_record(app: &TestApp, admin: &str, id: i64) -> Value {
    let units: Value = app
        .get("/api/v1/admin/units", Some(admin))
        .await
        .json()
        .await
        .unwrap();
    units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap()
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_is_renamed_moved_and_its_reception_details_are_published() {
    let app = spawn_app().await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let housing = unit_id(&app, HOUSING).await;
    let bureau = unit_id(&app, DISTRICT_BUREAU).await;
    let before = unit_record(&app, &admin, housing).await;
    let path = format!("/api/v1/admin/units/{housing}");
    let edit = json!({
        "parent_id": bureau,
        "region_id": before["region_id"],
        "name": "东城区住房和城市更新局",
        "kind": "department",
        "reception": {
            "address": "东城区新桥路8号一楼接待大厅",
            "hours": "工作日 9:00-12:00，13:30-17:00",
            "phone": "0999-12345678"
        }
    });
    assert_eq!(
        app.put_json(&path, Some(&admin), &edit).await.status(),
        StatusCode::NO_CONTENT
    );
    let after = unit_record(&app, &admin, housing).await;
    assert_eq!(after["name"], "东城区住房和城市更新局");
    assert_eq!(after["reception"]["phone"], "0999-12345678");
    let public: Value = app
        .get("/api/v1/reception", None)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        public.to_string().contains("东城区新桥路8号一楼接待大厅"),
        "art. 18: published for everyone: {public}"
    );
    // The unit's public statistics page has them beside its figures.
    let figures: Value = app
        .get(&format!("/api/v1/statistics?unit={housing}"), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        figures["reception"]["address"],
        "东城区新桥路8号一楼接待大厅"
    );

    // Wrong input is named and changes nothing.
    let mut bad = edit.clone();
    bad["reception"]["phone"] = json!("请拨打<script>");
    let res = app.put_json(&path, Some(&admin), &bad).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("phone"));
    let mut under_itself = edit.clone();
    under_itself["parent_id"] = json!(housing);
    assert_eq!(
        app.put_json(&path, Some(&admin), &under_itself)
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let clerk = staff(&app, DISTRICT_BUREAU, "intake").await;
    assert_eq!(
        app.put_json(&path, Some(&clerk), &edit).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_with_open_matters_is_merged_and_its_matters_move_with_a_note() {
    let app = spawn_app().await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let housing_staff = staff(&app, HOUSING, "handler").await;
    let housing = unit_id(&app, HOUSING).await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    act_ok(
        &app,
        &housing_staff,
        &number,
        json!({ "action": "receive_accept" }),
    )
    .await;

    let close = app
        .post_json(
            &format!("/api/v1/admin/units/{housing}/close"),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(close.status(), StatusCode::CONFLICT);
    assert!(message(close).await.contains("1件未办结"));

    let planning = unit_id(&app, "东城区自然资源和规划局").await;
    let res = app
        .post_json(
            &format!("/api/v1/admin/units/{housing}/merge"),
            Some(&admin),
            &json!({ "into": planning }),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::NO_CONTENT,
        "{}",
        res.text().await.unwrap()
    );
    let file: Value = case(&app, &intake, &number).await.json().await.unwrap();
    assert_eq!(file["unit"], "东城区自然资源和规划局");
    let view: Value = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        view["progress"]["timeline"]
            .to_string()
            .contains("东城区住房和城乡建设局已并入东城区自然资源和规划局"),
        "the petitioner is told who handles it now"
    );
    // The merged unit's staff now work for the receiving unit; the unit itself is closed
    // and receives nothing.
    let handler: Value = app
        .get("/api/v1/staff/me", Some(&housing_staff))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(handler["unit"], "东城区自然资源和规划局");
    assert_eq!(unit_record(&app, &admin, housing).await["closed"], true);
    let other = app.file_ok_number(&citizen.token).await;
    let res = crate::helpers::act(
        &app,
        &intake,
        &other,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_merge_makes_a_unit_handle_an_accusation_against_itself() {
    let app = spawn_app().await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let citizen = app.citizen().await;
    let mut filing = app.filing().await;
    filing["kind"] = json!("accusation");
    filing["respondent"] = json!("东城区城市管理局某执法队");
    let number = app
        .file(&citizen.token, &filing, None)
        .await
        .json::<Value>()
        .await
        .unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let accused = unit_id(&app, "东城区城市管理局").await;
    let housing = unit_id(&app, HOUSING).await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "set_accused", "unit_id": accused }),
    )
    .await;
    act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    for (from, into) in [(housing, accused), (accused, housing)] {
        let res = app
            .post_json(
                &format!("/api/v1/admin/units/{from}/merge"),
                Some(&admin),
                &json!({ "into": into }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{from} into {into}");
        assert!(message(res).await.contains("第三十条"));
    }
    // Nor a merge that puts its holder under the accused (the accused into the bureau, which
    // forwarded the matter and above the housing bureau that holds it), nor a move that does.
    let bureau = unit_id(&app, DISTRICT_BUREAU).await;
    let res = app
        .post_json(
            &format!("/api/v1/admin/units/{accused}/merge"),
            Some(&admin),
            &json!({ "into": bureau }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(message(res).await.contains("第三十条"));
    let record = unit_record(&app, &admin, housing).await;
    let mut moved = json!({
        "parent_id": accused,
        "region_id": record["region_id"],
        "name": record["name"],
        "kind": "department",
    });
    let res = app
        .put_json(
            &format!("/api/v1/admin/units/{housing}"),
            Some(&admin),
            &moved,
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(message(res).await.contains("第三十条"));
    moved["parent_id"] = json!(bureau);
    assert_eq!(
        app.put_json(
            &format!("/api/v1/admin/units/{housing}"),
            Some(&admin),
            &moved
        )
        .await
        .status(),
        StatusCode::NO_CONTENT,
        "the same record under its own parent is fine"
    );
    let file: Value = case(&app, &intake, &number).await.json().await.unwrap();
    assert_eq!(file["unit"], HOUSING, "nothing moved");
    // The bureau cannot be closed either: it has units below it and a matter it forwarded.
    let res = app
        .post_json(
            &format!("/api/v1/admin/units/{bureau}/close"),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let said = message(res).await;
    assert!(said.contains("转送") && said.contains("下级单位"), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_category_is_renamed_reordered_and_retired_and_old_petitions_keep_it() {
    let app = spawn_app().await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let citizen = app.citizen().await;
    let filing = app.filing().await;
    let category = filing["category_id"].as_i64().unwrap();
    let number = app.file_ok_number(&citizen.token).await;
    let path = format!("/api/v1/admin/categories/{category}");
    let body =
        |name: &str, retired: bool| json!({ "name": name, "position": 7, "retired": retired });
    assert_eq!(
        app.put_json(&path, Some(&admin), &body("供暖问题", false))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let all: Value = app
        .get("/api/v1/admin/categories", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let this = all
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == category)
        .unwrap();
    assert_eq!(
        (&this["name"], &this["position"]),
        (&json!("供暖问题"), &json!(7))
    );

    assert_eq!(
        app.put_json(&path, Some(&admin), &body("供暖问题", true))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let offered: Value = app
        .get("/api/v1/reference", None)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        !offered["categories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == category),
        "a retired category is offered to nobody"
    );
    let res = app.file(&citizen.token, &filing, None).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let view: Value = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        view["progress"]["category"], "供暖问题",
        "the petition keeps it"
    );
    assert_eq!(
        app.put_json(&path, Some(&admin), &body("", false))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
