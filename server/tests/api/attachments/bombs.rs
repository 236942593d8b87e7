//! Image bombs: refused from what their headers claim, before anything is inflated.

use reqwest::StatusCode;

use super::file_with;
use crate::helpers::spawn_app;

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
