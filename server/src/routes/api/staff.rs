//! `/api/v1/staff`: staff log in, see their queue and case files, and act on petitions.

pub mod act;
pub mod annual;
pub mod bulletin;
pub mod case;
pub mod download;
pub mod identity;
pub mod login;
pub mod me;
pub mod oversight;
pub mod password;
pub mod publication;
pub mod queue;
pub mod register;
pub mod totp;

/// The media type of an Excel workbook.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// CSV in UTF-8 (the file starts with a byte-order mark, for Excel).
const CSV: &str = "text/csv; charset=utf-8";

/// A report as a file to save: its type and name.
fn attachment(content_type: &str, name: &str, body: Vec<u8>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body)
}
