use std::io::Cursor;

use image::{DynamicImage, ImageFormat};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::helpers::{TestApp, error_fields, spawn_app};

fn png() -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::new_rgb8(8, 6)
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// A JPEG carrying an EXIF segment with a GPS marker, as phones produce.
fn jpeg_with_exif() -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::new_rgb8(8, 6)
        .to_rgb8()
        .write_to(&mut out, ImageFormat::Jpeg)
        .unwrap();
    let plain = out.into_inner();
    let payload = b"Exif\0\0MM\0*\0\0\0\x08\0\0GPSLatitude=31.2304N";
    let mut with = plain[..2].to_vec();
    with.extend_from_slice(&[0xFF, 0xE1]);
    with.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
    with.extend_from_slice(payload);
    with.extend_from_slice(&plain[2..]);
    with
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

async fn file_with(app: &TestApp, token: &str, files: Vec<(&str, Vec<u8>)>) -> reqwest::Response {
    let mut form = Form::new().text("petition", app.filing().await.to_string());
    for (name, bytes) in files {
        form = form.part("attachments", Part::bytes(bytes).file_name(name.to_owned()));
    }
    app.client
        .post(app.url("/api/v1/petitions"))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_petition_is_filed_with_pictures_and_a_pdf_and_exif_is_gone() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let res = file_with(
        &app,
        &citizen.token,
        vec![
            ("现场.jpg", jpeg_with_exif()),
            ("证明.pdf", PDF.to_vec()),
            ("图.png", png()),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let number = res.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let detail: Value = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    let files = detail["attachments"].as_array().unwrap();
    let types: Vec<_> = files
        .iter()
        .map(|f| f["content_type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["image/jpeg", "application/pdf", "image/png"]);

    let id = files[0]["id"].as_i64().unwrap();
    let res = app
        .get(
            &format!("/api/v1/petitions/{number}/attachments/{id}"),
            Some(&citizen.token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert!(
        !bytes.windows(4).any(|w| w == b"Exif"),
        "EXIF must be stripped"
    );
    assert!(!bytes.windows(11).any(|w| w == b"GPSLatitude"));

    let other = app.citizen().await;
    let res = app
        .get(
            &format!("/api/v1/petitions/{number}/attachments/{id}"),
            Some(&other.token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_script_disguised_as_a_picture_is_refused_by_name_and_nothing_is_filed() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let res = file_with(
        &app,
        &citizen.token,
        vec![("photo.png", b"<svg onload=alert(1)>".to_vec())],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("photo")
    );
    assert!(app.my_petitions(&citizen.token).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_than_nine_files_are_refused() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let files = (0..10)
        .map(|i| (if i % 2 == 0 { "a.png" } else { "b.png" }, png()))
        .collect();
    assert_eq!(
        error_fields(file_with(&app, &citizen.token, files).await).await,
        ["attachments"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_over_ten_megabytes_is_refused_before_it_is_read_whole() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let res = file_with(&app, &citizen.token, vec![("big.pdf", big)]).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_adds_material_up_to_nine_files_in_all() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let res = file_with(
        &app,
        &citizen.token,
        (0..8).map(|_| ("p.png", png())).collect(),
    )
    .await;
    let number = res.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = app.url(&format!("/api/v1/petitions/{number}/attachments"));
    let form = || {
        Form::new().part(
            "attachments",
            Part::bytes(PDF.to_vec()).file_name("补充.pdf"),
        )
    };
    let res = app
        .client
        .post(&path)
        .bearer_auth(&citizen.token)
        .multipart(form())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = app
        .client
        .post(&path)
        .bearer_auth(&citizen.token)
        .multipart(form())
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(res).await, ["attachments"]);
    let detail: Value = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["attachments"].as_array().unwrap().len(), 9);
    assert_eq!(
        detail["progress"]["timeline"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()["title"],
        "补充材料"
    );
}

/// A PNG whose header claims `width` × `height` pixels of `depth`-bit RGBA, with a few
/// bytes of image data: a decompression bomb is refused from what it claims, before its
/// data is inflated.
fn claimed_png(width: u32, height: u32, depth: u8) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFF_u32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[depth, 6, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &[0x78, 0x9c, 0x03, 0x00]);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn image_bombs_sent_at_once_are_refused_before_decoding_and_the_portal_keeps_answering() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let other = app.citizen().await;
    let before = app.my_petitions(&citizen.token).await.len();
    // 16-bit colour within the pixel limit (3 800 × 3 800 × 8 bytes: 115 MB decoded), and
    // 8-bit beyond it; nine of each per filing, four filings at once.
    let bombs = || {
        (0..9)
            .map(|i| {
                let bytes = if i % 2 == 0 {
                    claimed_png(3_800, 3_800, 16)
                } else {
                    claimed_png(6_000, 6_000, 8)
                };
                ("照片.png", bytes)
            })
            .collect::<Vec<_>>()
    };
    let filings: Vec<_> = (0..4)
        .map(|_| file_with(&app, &citizen.token, bombs()))
        .collect();
    let (answers, lookup) = tokio::join!(
        futures::future::join_all(filings),
        app.get("/api/v1/petitions", Some(&other.token))
    );
    assert_eq!(lookup.status(), StatusCode::OK);
    for res in answers {
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = res.text().await.unwrap();
        assert!(
            body.contains("像素过大") && body.contains("色深或像素过高"),
            "{body}"
        );
    }
    assert_eq!(app.my_petitions(&citizen.token).await.len(), before);
}

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
