//! The browser bundle under `/pkg`: the copy compressed once at build time (`.br`, `.gz`
//! beside each file) to a browser that accepts it, the plain file otherwise.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::mime::Mime;
use actix_web::{HttpRequest, HttpResponse, Responder, web};

/// Where the bundle lies; shared by the handler.
#[derive(Clone)]
pub struct Pkg(pub PathBuf);

/// The precompressed copies, best first: brotli at its highest level is about a quarter
/// smaller than what the response compressor manages on the fly.
const COPIES: [(&str, &str, ContentEncoding); 2] = [
    ("br", ".br", ContentEncoding::Brotli),
    ("gzip", ".gz", ContentEncoding::Gzip),
];

pub async fn serve(req: HttpRequest, pkg: web::Data<Pkg>, name: web::Path<String>) -> HttpResponse {
    let name = name.into_inner();
    // One flat folder of build outputs: a plain file name, never a path or a hidden file;
    // the compressed copies are reached only through content negotiation.
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        && !COPIES.iter().any(|(_, suffix, _)| name.ends_with(suffix));
    if !plain {
        return HttpResponse::NotFound().finish();
    }
    let path = pkg.0.join(&name);
    let accepted = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mime = actix_files::file_extension_to_mime(
        Path::new(&name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default(),
    );
    for (coding, suffix, encoding) in COPIES {
        if !accepts(accepted, coding) {
            continue;
        }
        let mut copy = path.clone().into_os_string();
        copy.push(suffix);
        // A missing copy (a bundle built by hand) falls back to the next, then the plain file.
        if let Ok(file) = NamedFile::open_async(&copy).await {
            return respond(file.set_content_encoding(encoding), mime.clone(), &req);
        }
    }
    match NamedFile::open_async(&path).await {
        Ok(file) => respond(file, mime, &req),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

/// The file with the type of the name asked for (not of the copy's suffix), inline, and
/// `Vary` so that caches keep the representations apart.
fn respond(file: NamedFile, mime: Mime, req: &HttpRequest) -> HttpResponse {
    let mut res = file
        .set_content_type(mime)
        .disable_content_disposition()
        .respond_to(req)
        .map_into_boxed_body();
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    res
}

/// Whether an `Accept-Encoding` value accepts `coding` (by name or `*`, with q above 0).
fn accepts(header: &str, coding: &str) -> bool {
    let mut named = None;
    let mut any = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let token = parts.next().unwrap_or_default().trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if token.eq_ignore_ascii_case(coding) {
            named = Some(q > 0.0);
        } else if token == "*" {
            any = Some(q > 0.0);
        }
    }
    named.or(any).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::accepts;

    #[test]
    fn a_coding_is_accepted_by_name_or_star_unless_its_quality_is_zero() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("br;q=0.5, gzip", "br"));
        assert!(accepts("*", "gzip"));
        assert!(!accepts("gzip, deflate", "br"));
        assert!(!accepts("br;q=0, gzip", "br"));
        assert!(!accepts("*, br;q=0", "br"));
        assert!(!accepts("", "gzip"));
        assert!(!accepts("identity", "gzip"));
    }
}
