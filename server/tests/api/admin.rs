//! What an administrator installing the portal for a county does: units with their
//! jurisdiction and competences, categories, staff and roles, the holiday calendar.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{spawn_app, staff, unit_id};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_department_with_a_new_category_receives_the_routing_proposal() {
    let app = spawn_app().await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let district = unit_id(&app, "东城区信访局").await;
    let region: i64 = sqlx::query_scalar("SELECT id FROM regions WHERE code = '990102'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();

    let res = app
        .post_json(
            "/api/v1/admin/categories",
            Some(&admin),
            &json!({ "name": "教育" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let category: i64 = res.json().await.unwrap();
    let dup = app
        .post_json(
            "/api/v1/admin/categories",
            Some(&admin),
            &json!({ "name": "教育" }),
        )
        .await;
    assert_eq!(dup.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let res = app
        .post_json(
            "/api/v1/admin/units",
            Some(&admin),
            &json!({ "parent_id": district, "region_id": region, "name": "东城区教育局", "kind": "department" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let unit: i64 = res.json().await.unwrap();
    let res = app
        .put_json(
            &format!("/api/v1/admin/units/{unit}/competences"),
            Some(&admin),
            &json!({ "category_ids": [category] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let units: Value = app
        .get("/api/v1/admin/units", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let created = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == unit)
        .unwrap();
    assert_eq!(created["competences"], json!([category]));

    // A staff account for it, handed its first password.
    let res = app
        .post_json(
            "/api/v1/admin/staff",
            Some(&admin),
            &json!({ "username": "edu_handler", "display_name": "教育局承办人", "unit_id": unit, "roles": ["handler"] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let new: Value = res.json().await.unwrap();
    let login = app
        .post_json(
            "/api/v1/staff/sessions",
            None,
            &json!({ "username": "edu_handler", "password": new["initial_password"] }),
        )
        .await;
    assert_eq!(login.status(), StatusCode::OK);

    // A school matter filed in the district is proposed to the new department.
    let citizen = app.citizen().await;
    let mut filing = app.filing().await;
    filing["category_id"] = json!(category);
    let number = app.file_number(&citizen.token, &filing).await;
    let intake = staff(&app, "东城区信访局", "intake").await;
    let file: Value = app
        .get(&format!("/api/v1/staff/petitions/{number}"), Some(&intake))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(file["proposed_unit"][1], "东城区教育局");

    // Someone who is not an administrator is refused, and every change is audited.
    assert_eq!(
        app.get("/api/v1/admin/units", Some(&intake)).await.status(),
        StatusCode::FORBIDDEN
    );
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action IN ('unit_create', 'unit_competences', 'staff_create', 'category_create')")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(audited, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_years_holidays_are_entered_checked_and_counted_with() {
    let app = spawn_app().await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let bad = app
        .put_json(
            "/api/v1/admin/calendar/2027",
            Some(&admin),
            &json!({ "text": "2027-02-06 holiday 春节" }),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("第1行"));
    let wrong_year = app
        .put_json(
            "/api/v1/admin/calendar/2027",
            Some(&admin),
            &json!({ "text": "2026-12-31 rest 元旦" }),
        )
        .await;
    assert_eq!(wrong_year.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!app.state.calendar.get().covers(2027));
    // All seven festivals: the year counts as loaded (a partial one is tested in clocks).
    let text = "2027-01-01 rest 元旦\n2027-02-06..2027-02-12 rest 春节\n2027-02-14 work 春节调休上班\n\
        2027-04-05 rest 清明节\n2027-05-01..2027-05-05 rest 劳动节\n2027-06-09 rest 端午节\n\
        2027-09-15 rest 中秋节\n2027-10-01..2027-10-07 rest 国庆节\n";
    let ok = app
        .put_json(
            "/api/v1/admin/calendar/2027",
            Some(&admin),
            &json!({ "text": text }),
        )
        .await;
    assert_eq!(ok.status(), StatusCode::NO_CONTENT);
    assert!(app.state.calendar.get().covers(2027));
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    assert!(
        app.state.calendar.get().is_rest_day(d(2, 8)),
        "a Monday in 春节 is a rest day"
    );
    assert!(
        !app.state.calendar.get().is_rest_day(d(2, 14)),
        "a 调休 Sunday is worked"
    );
    let years: Value = app
        .get("/api/v1/admin/calendar", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(years[0]["year"], 2027);
}
