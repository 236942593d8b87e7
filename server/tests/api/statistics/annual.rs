//! 年度工作情况报告 (条例 art. 41) as a unit head reads and downloads it: 转送, 交办 and
//! 督办 counted, the units given the most matters ranked, 人民建议 adopted.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, act_ok, spawn_app, staff, unit_id};
use crate::workflow::{DISTRICT_BUREAU, HOUSING, draft};

async fn file(app: &TestApp, token: &str, kind: &str) -> String {
    let mut body = app.filing().await;
    body["kind"] = json!(kind);
    app.file_number(token, &body).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_reads_the_year_and_downloads_the_annual_report() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let n = app.file_many(&citizen.token, 5).await;
    let suggestion = file(&app, &citizen.token, "suggestion").await;
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    let supervisor = staff(&app, "示范市信访局", "supervisor").await;
    let housing = unit_id(&app, HOUSING).await;
    let forward = json!({ "action": "forward", "unit_id": housing });
    let due = (server::time::today() + chrono::Days::new(20)).to_string();

    // Three matters go to the housing bureau (two 转送, one 交办), two stay with the
    // district bureau (a complaint and the suggestion, which it adopts in part), one is
    // not accepted. The city supervises one of the forwarded matters.
    act_ok(&app, &head, &n[0], forward.clone()).await;
    act_ok(&app, &head, &n[1], forward).await;
    let assign = json!({ "action": "assign", "unit_id": housing, "due": due });
    act_ok(&app, &head, &n[2], assign).await;
    act_ok(&app, &head, &n[3], json!({ "action": "accept_here" })).await;
    let refuse = json!({ "action": "not_accept", "reason": "litigation", "guidance": "请依法向人民法院提起诉讼。" });
    act_ok(&app, &head, &n[4], refuse).await;
    act_ok(&app, &head, &suggestion, json!({ "action": "accept_here" })).await;
    let mut adopted = draft();
    adopted["decision"] = json!("partly_adopted");
    act_ok(&app, &head, &suggestion, adopted).await;
    act_ok(
        &app,
        &head,
        &suggestion,
        json!({ "action": "approve_reply" }),
    )
    .await;
    let handler = staff(&app, HOUSING, "handler").await;
    act_ok(&app, &handler, &n[0], json!({ "action": "receive_accept" })).await;
    let supervise = json!({ "action": "supervise", "body": "请五日内书面答复" });
    act_ok(&app, &supervisor, &n[0], supervise).await;

    let res = app.get("/api/v1/staff/annual", Some(&head)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["scope"]["name"], DISTRICT_BUREAU);
    let this_year = chrono::Datelike::year(&server::time::today());
    assert_eq!(v["year"], this_year);
    let t = &v["tally"];
    let of = |t: &Value, f: &str| t[f].as_i64().unwrap();
    assert_eq!(
        [
            "received",
            "decided",
            "forwarded",
            "assigned",
            "routed",
            "answered",
            "adopted",
            "supervised"
        ]
        .map(|f| of(t, f)),
        [6, 6, 2, 1, 5, 1, 1, 1]
    );
    let summary = v["summary"].as_str().unwrap();
    for part in [
        "共收到信访事项6件",
        "转送2件、交办1件",
        "发出督办单1件",
        "采纳或部分采纳人民建议1件",
        &format!("交由办理事项最多的单位是{HOUSING}（3件）"),
    ] {
        assert!(summary.contains(part), "{part} in {summary}");
    }
    let most: Vec<(String, i64)> = v["most_routed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["unit"]["name"].as_str().unwrap().to_owned(),
                of(&u["tally"], "routed"),
            )
        })
        .collect();
    assert_eq!(
        most,
        [(HOUSING.to_owned(), 3), (DISTRICT_BUREAU.to_owned(), 2)]
    );
    let months = v["months"].as_array().unwrap();
    assert_eq!(
        months.len(),
        v["through"].as_str().unwrap()[5..]
            .parse::<usize>()
            .unwrap()
    );
    assert!(v["chart"].as_str().unwrap().starts_with("<svg"));

    // The city bureau's head sees the district's year inside their own.
    let city = staff(&app, "示范市信访局", "unit_head").await;
    let at_city: Value = app
        .get("/api/v1/staff/annual", Some(&city))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(of(&at_city["tally"], "forwarded"), 2);
    assert_eq!(at_city["most_routed"][0]["unit"]["name"], HOUSING);

    // The workbook opens as a spreadsheet, a sheet per table.
    let res = app.get("/api/v1/staff/annual.xlsx", Some(&head)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.contains(&format!("annual-{this_year}.xlsx")),
        "{disposition}"
    );
    let bytes = res.bytes().await.unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["概况", "各月", "各单位", "反映集中的单位", "分类"]
    );
    let overview = book.worksheet_range("概况").unwrap();
    let cell = |r: u32, c: u32| {
        overview
            .get_value((r, c))
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    assert_eq!(
        cell(0, 0),
        format!("{DISTRICT_BUREAU}{this_year}年信访工作情况报告")
    );
    let rows: Vec<(String, String)> = (5..14).map(|r| (cell(r, 0), cell(r, 1))).collect();
    assert!(rows.contains(&("交办".into(), "1".into())), "{rows:?}");
    assert!(rows.contains(&("采纳建议".into(), "1".into())), "{rows:?}");
    let ranked = book.worksheet_range("反映集中的单位").unwrap();
    assert_eq!(
        ranked.get_value((3, 1)).map(ToString::to_string),
        Some(HOUSING.to_owned())
    );

    let res = app.get("/api/v1/staff/annual.csv", Some(&head)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    assert!(text.lines().any(|l| l == "转送,2"), "{text}");
    let first = format!("1,{HOUSING},");
    assert!(text.lines().any(|l| l.starts_with(&first)), "{text}");

    // A handler is not given the report; a year to come, or no year, is refused with its
    // reason, never a 500.
    for path in ["/api/v1/staff/annual", "/api/v1/staff/annual.csv"] {
        let res = app.get(path, Some(&handler)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
    for bad in ["2999", "1999", "abc", "2026-01"] {
        let res = app
            .get(&format!("/api/v1/staff/annual?year={bad}"), Some(&head))
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let e: Value = res.json().await.unwrap();
        assert!(e.to_string().contains("年份"), "{e}");
    }
    let last = app
        .get(
            &format!("/api/v1/staff/annual?year={}", this_year - 1),
            Some(&head),
        )
        .await;
    let last: Value = last.json().await.unwrap();
    assert_eq!(of(&last["tally"], "received"), 0, "nothing last year");
    assert_eq!(last["months"].as_array().unwrap().len(), 12);
    super::rebuild::live_equals_rebuild(&app).await;
}
