//! 月度通报 and 信访指数 as a unit head reads and downloads them.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{act_ok, spawn_app, staff, unit_id};
use crate::workflow::{DISTRICT_BUREAU, HOUSING};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_reads_the_index_of_the_units_and_downloads_the_bulletin() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let n = app.file_many(&citizen.token, 3).await;
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head").await;
    let housing = unit_id(&app, HOUSING).await;
    act_ok(
        &app,
        &head,
        &n[0],
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    let refuse = json!({ "action": "not_accept", "reason": "litigation", "guidance": "请依法向人民法院提起诉讼。" });
    act_ok(&app, &head, &n[1], refuse).await;
    super::make_overdue(&app, &n[2]).await;
    act_ok(&app, &head, &n[2], json!({ "action": "accept_here" })).await;

    // Three decisions, two in time: 及时受理率 2/3 scores 66.7 (weight 20), 漏排率 1/3 scores
    // 100 − 33.3 (weight 10); nothing else is counted yet. The index is 67.
    let res = app.get("/api/v1/staff/bulletin", Some(&head)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["scope"]["name"], DISTRICT_BUREAU);
    assert_eq!(v["index"], 67);
    assert_eq!(v["previous"], Value::Null, "nothing counted last month");
    let rows = v["rows"].as_array().unwrap();
    let own = rows.iter().find(|r| r["own"] == true).unwrap();
    assert_eq!(
        (own["rank"].clone(), own["index"].clone()),
        (json!(1), json!(67))
    );
    let flags = own["flags"].to_string();
    assert!(flags.contains("漏排1件"), "{flags}");
    assert!(v["method"].as_str().unwrap().contains("及时受理率×20"));
    // The units below with nothing counted stand unranked.
    let housing_row = rows.iter().find(|r| r["unit"]["name"] == HOUSING).unwrap();
    assert_eq!(housing_row["rank"], Value::Null);

    // The workbook opens as a spreadsheet, with the same ranking.
    let res = app.get("/api/v1/staff/bulletin.xlsx", Some(&head)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.contains(".xlsx"), "{disposition}");
    let bytes = res.bytes().await.unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range("月度通报").unwrap();
    let cell = |r: u32, c: u32| {
        sheet
            .get_value((r, c))
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    assert!(cell(0, 0).starts_with(DISTRICT_BUREAU) && cell(0, 0).ends_with("信访工作通报"));
    assert_eq!(
        (cell(3, 0), cell(3, 2)),
        ("排名".to_owned(), "信访指数".to_owned())
    );
    assert_eq!(
        (cell(4, 0), cell(4, 1), cell(4, 2)),
        (
            "1".to_owned(),
            format!("{DISTRICT_BUREAU}（本级）"),
            "67".to_owned()
        )
    );

    let res = app.get("/api/v1/staff/bulletin.csv", Some(&head)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    assert!(
        text.contains(&format!("1,{DISTRICT_BUREAU}（本级）,67")),
        "{text}"
    );

    // A handler is not given the bulletin, a bad month is refused with its reason.
    let handler = staff(&app, HOUSING, "handler").await;
    for path in ["/api/v1/staff/bulletin", "/api/v1/staff/bulletin.xlsx"] {
        let res = app.get(path, Some(&handler)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let res = app
        .get("/api/v1/staff/bulletin?month=2026-00", Some(&head))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accusation_against_a_unit_is_not_counted_in_its_figures() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let bureau = unit_id(&app, DISTRICT_BUREAU).await;
    let accusation =
        crate::firewall::accuse(&app, &citizen.token, "东城区信访局某工作人员", Some(bureau)).await;
    super::make_overdue(&app, &accusation).await;
    // The accused bureau's head: nothing received, on the 通报 and on the public page, and
    // nothing overdue; the unit that did receive it counts it.
    let head = staff(&app, DISTRICT_BUREAU, "unit_head").await;
    let v: Value = app
        .get("/api/v1/staff/bulletin", Some(&head))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["tally"]["received"], 0, "{v}");
    assert_eq!(v["overdue"]["oldest"], json!([]), "{v}");
    let public = super::statistics(&app, &format!("?unit={bureau}")).await;
    assert_eq!(public["tally"]["received"], 0);
    assert_eq!(public["kinds"], json!([]));
    let all = super::statistics(&app, "").await;
    assert_eq!(all["tally"]["received"], 1, "counted where it was received");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_sets_the_index_weights_and_the_bulletin_ranks_by_them() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let n = app.file_many(&citizen.token, 2).await;
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head").await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    act_ok(&app, &head, &n[0], json!({ "action": "accept_here" })).await;
    super::make_overdue(&app, &n[1]).await;
    act_ok(&app, &head, &n[1], json!({ "action": "accept_here" })).await;
    let index = |v: &Value| v["index"].clone();
    let bulletin = || async {
        app.get("/api/v1/staff/bulletin", Some(&head))
            .await
            .json::<Value>()
            .await
            .unwrap()
    };
    // The configuration's weights: 及时受理率 1/2 scores 50 (×20), 漏排率 1/2 scores 50
    // (×10): 50.
    assert_eq!(index(&bulletin().await), json!(50));

    // Before anyone set them here, the page shows the configuration's, every figure listed.
    let weights = || async {
        app.get("/api/v1/admin/index-weights", Some(&admin))
            .await
            .json::<Value>()
            .await
            .unwrap()
    };
    let v = weights().await;
    assert_eq!(v["set_here"], false);
    assert_eq!(v["weights"].as_array().unwrap().len(), 11);
    let weight_of = |v: &Value, code: &str| {
        v["weights"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["figure"] == code)
            .unwrap()["weight"]
            .clone()
    };
    assert_eq!(weight_of(&v, "on_time_answer"), json!(25));
    assert_eq!(weight_of(&v, "repeat_share"), json!(0));

    // Only 漏排率 counts now: 100 − 50 = 50; then only 及时受理率 at 3: still 50, and a
    // matter decided in time more makes it 67.
    let put = |weights: Value| {
        let admin = admin.clone();
        let app = &app;
        async move {
            app.put_json(
                "/api/v1/admin/index-weights",
                Some(&admin),
                &json!({ "weights": weights }),
            )
            .await
        }
    };
    let res = put(json!([
        { "figure": "timely_acceptance", "weight": 3 },
        { "figure": "satisfaction", "weight": 0 }
    ]))
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let v = weights().await;
    assert_eq!(v["set_here"], true);
    assert_eq!(weight_of(&v, "timely_acceptance"), json!(3));
    assert_eq!(weight_of(&v, "on_time_answer"), json!(0), "left out now");
    assert!(v["method"].as_str().unwrap().contains("及时受理率×3"));
    let more = app.file_many(&citizen.token, 1).await;
    act_ok(&app, &head, &more[0], json!({ "action": "accept_here" })).await;
    let b = bulletin().await;
    assert_eq!(index(&b), json!(67), "2 of 3 in time");
    assert!(b["method"].as_str().unwrap().contains("及时受理率×3"));

    // Nonsense is refused with its reason and changes nothing; others may not set them.
    for bad in [
        json!([]),
        json!([{ "figure": "satisfaction", "weight": 0 }]),
        json!([{ "figure": "satisfaction", "weight": 101 }]),
        json!([{ "figure": "satisfaction", "weight": 5 }, { "figure": "satisfaction", "weight": 6 }]),
    ] {
        let res = put(bad.clone()).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let res = put(json!([{ "figure": "no_such_figure", "weight": 5 }])).await;
    assert!(res.status().is_client_error(), "{}", res.status());
    assert_eq!(index(&bulletin().await), json!(67), "unchanged");
    let res = app
        .put_json(
            "/api/v1/admin/index-weights",
            Some(&head),
            &json!({ "weights": [{ "figure": "satisfaction", "weight": 5 }] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'index_weights_put'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(audited, 1, "the one change made");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_sees_what_is_overdue_below_it_today_the_longest_first() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let n = app.file_many(&citizen.token, 8).await;
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head").await;
    let housing = unit_id(&app, HOUSING).await;
    act_ok(
        &app,
        &head,
        &n[0],
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    // Overdue: the forwarded one (the longest), and six still at the bureau; the last runs.
    let dues = [
        "2000-01-03",
        "2000-02-01",
        "2000-02-02",
        "2000-02-03",
        "2000-02-04",
    ];
    for (number, due) in n.iter().zip(dues.into_iter().chain(["2000-03-01"; 2])) {
        sqlx::query("UPDATE petitions SET due_on = $1 WHERE number = $2")
            .bind(due)
            .bind(number)
            .execute(&app.state.db.pool)
            .await
            .unwrap();
    }
    let overdue = |v: &Value| {
        let numbers: Vec<String> = v["overdue"]["oldest"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["number"].as_str().unwrap().to_owned())
            .collect();
        (v["overdue"]["more"].clone(), numbers)
    };
    let v: Value = app
        .get("/api/v1/staff/bulletin", Some(&head))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        overdue(&v),
        (json!(true), n[..5].to_vec()),
        "five shown, more in the queue"
    );
    // The housing bureau's head sees its own only; a past month's 通报 has no such list.
    let housing_head = staff(&app, HOUSING, "unit_head").await;
    let v: Value = app
        .get("/api/v1/staff/bulletin", Some(&housing_head))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(overdue(&v), (json!(false), vec![n[0].clone()]), "{v}");
    let last = chrono::Utc::now().date_naive() - chrono::Months::new(2);
    let v: Value = app
        .get(
            &format!("/api/v1/staff/bulletin?month={}", last.format("%Y-%m")),
            Some(&head),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["overdue"], Value::Null, "{v}");
}
