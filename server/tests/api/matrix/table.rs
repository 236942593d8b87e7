//! The access table: every REST route and server function, one row each, with what each
//! principal observes ('A' allowed, 'D' denied: 401, 403 or 404).

mod admin_fns;
mod rest;
mod server_fns;

use reqwest::Method;
use serde_json::Value;

use crate::helpers::Citizen;

/// The principals, in the order of the table's columns.
pub const WHO: [&str; 11] = [
    "anonymous",
    "citizen",
    "other citizen",
    "intake clerk",
    "handler",
    "unit head",
    "sibling unit",
    "accused unit",
    "supervisor",
    "administrator",
    "auditor",
];

pub enum Body {
    Empty,
    Json(Value),
    Form(Vec<(&'static str, String)>),
    Pdf,
}

pub struct Row {
    pub method: Method,
    /// As in the OpenAPI document (REST, without `/api/v1`) or the server function path.
    pub path: &'static str,
    pub body: Body,
    pub expect: &'static str,
}

fn row(method: Method, path: &'static str, body: Body, expect: &'static str) -> Row {
    assert_eq!(expect.len(), WHO.len(), "{path}");
    Row {
        method,
        path,
        body,
        expect,
    }
}

/// The values the table needs from the test's set-up.
pub struct Fixture<'a> {
    pub number: &'a str,
    pub code: &'a str,
    pub filing_body: &'a Value,
    pub citizen: &'a Citizen,
    pub sibling_user: &'a str,
    pub sibling_password: &'a str,
    pub sibling_id: i64,
    pub sibling_unit: i64,
    /// An account nobody signs in with: its password may be reset.
    pub spare_id: i64,
}

/// Every REST route and server function, with what each principal may do; the rows that
/// end the caller's session come last.
pub fn rows(f: &Fixture<'_>) -> Vec<Row> {
    let mut rows = rest::rows(f);
    rows.extend(server_fns::rows(f));
    rows.extend(admin_fns::rows(f));
    rows.extend(server_fns::last());
    rows
}
