//! Who may read a petition's files: encrypted at rest, downloaded by the petitioner and by
//! staff who may open the case (audited), by nobody else.

use reqwest::StatusCode;
use serde_json::Value;

use super::{PDF, file_with};
use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attachments_are_encrypted_at_rest_and_readable_by_the_portal_alone() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let res = file_with(&app, &citizen.token, vec![("身份证.pdf", PDF.to_vec())]).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let number = res.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    // On disk: neither the content nor anything readable, and only the portal's user may open it.
    let dir = app.state.settings.data_dir.join("attachments");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let stored = std::fs::read(&files[0]).unwrap();
    assert!(
        !stored.windows(8).any(|w| w == &PDF[..8]),
        "the PDF is stored in the clear"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    // The owner downloads exactly what was filed.
    let detail: Value = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    let id = detail["attachments"][0]["id"].as_i64().unwrap();
    let res = app
        .get(
            &format!("/api/v1/petitions/{number}/attachments/{id}"),
            Some(&citizen.token),
        )
        .await;
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
    // A file moved under another attachment's name no longer opens.
    let other = dir.join("0123456789abcdef0123456789abcdef");
    std::fs::copy(&files[0], &other).unwrap();
    assert!(
        app.state
            .attachments
            .get("0123456789abcdef0123456789abcdef")
            .await
            .is_err()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_who_may_open_the_case_download_its_files_as_the_petitioner_does_and_it_is_audited() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let res = file_with(&app, &citizen.token, vec![("证明.pdf", PDF.to_vec())]).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let number = res.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let intake = crate::helpers::staff(&app, "东城区信访局", "intake").await;
    let file: Value = app
        .get(&format!("/api/v1/staff/petitions/{number}"), Some(&intake))
        .await
        .json()
        .await
        .unwrap();
    let id = file["attachments"][0]["id"].as_i64().unwrap();
    let staff_path = format!("/api/v1/staff/petitions/{number}/attachments/{id}");
    let citizen_path = format!("/api/v1/petitions/{number}/attachments/{id}");

    let by_staff = app.get(&staff_path, Some(&intake)).await;
    assert_eq!(by_staff.status(), StatusCode::OK);
    let by_citizen = app.get(&citizen_path, Some(&citizen.token)).await;
    for header in [
        "content-type",
        "content-disposition",
        "x-content-type-options",
        "content-security-policy",
        "cache-control",
    ] {
        assert_eq!(
            by_staff.headers().get(header),
            by_citizen.headers().get(header),
            "{header}"
        );
    }
    assert!(
        by_staff.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(
        by_staff.bytes().await.unwrap(),
        by_citizen.bytes().await.unwrap()
    );
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'attachment_download'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);

    // Staff of a unit the case has nothing to do with: not found, as for the case itself.
    let sibling = crate::helpers::staff(&app, "东城区人力资源和社会保障局", "handler").await;
    assert_eq!(
        app.get(&staff_path, Some(&sibling)).await.status(),
        StatusCode::NOT_FOUND
    );
    // A file of another petition through this one's number: not found.
    let other = file_with(&app, &citizen.token, vec![("另一份.pdf", PDF.to_vec())])
        .await
        .json::<Value>()
        .await
        .unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .get(
            &format!("/api/v1/staff/petitions/{other}/attachments/{id}"),
            Some(&intake),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
