//! Files filed with a petition: what is kept, what is refused, and who may read them.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::helpers::{TestApp, error_fields, spawn_app};

mod access;
mod bombs;

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
