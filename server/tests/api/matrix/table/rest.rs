//! The access table's REST rows (paths as in the OpenAPI document, without `/api/v1`).

use reqwest::Method;
use serde_json::json;

use super::{Body, Fixture, Row, row};
use crate::helpers::phone;

/// Every REST route, with what each principal may do.
pub fn rows(f: &Fixture<'_>) -> Vec<Row> {
    let Fixture {
        number,
        code,
        filing_body,
        citizen,
        sibling_user,
        sibling_password,
        sibling_unit,
        ..
    } = *f;
    let (number, code) = (number.to_owned(), code.to_owned());
    use Body::*;
    let get = Method::GET;
    let post = Method::POST;
    let put = Method::PUT;
    // Columns: anon, citizen, other, intake, handler, head, sibling, accused, supervisor, admin, auditor
    vec![
        row(
            post.clone(),
            "/accounts",
            Json(
                json!({ "real_name": "李四", "id_number": crate::helpers::id_number(), "phone": phone(), "password": "绿色台灯-窗外的雪" }),
            ),
            "AAAAAAAAAAA",
        ),
        row(get.clone(), "/accounts/me", Empty, "DAADDDDDDDD"),
        row(
            put.clone(),
            "/accounts/me/password",
            Json(
                json!({ "current_password": "不是这个密码-123", "new_password": "绿色台灯-窗外的雪" }),
            ),
            "DAADDDDDDDD",
        ),
        row(
            put.clone(),
            "/accounts/me/phone",
            Json(json!({ "phone": "1", "sms_code": "1", "password": "" })),
            "DAADDDDDDDD",
        ),
        row(get.clone(), "/accounts/me/channels", Empty, "DAADDDDDDDD"),
        row(
            put.clone(),
            "/accounts/me/channels",
            Json(json!({ "sms": true, "email": true })),
            "DAADDDDDDDD",
        ),
        // Anyone may ask for a code (for a malformed number: a 422 naming it).
        row(
            post.clone(),
            "/verification-codes",
            Json(json!({ "phone": "1", "purpose": "register" })),
            "AAAAAAAAAAA",
        ),
        row(get.clone(), "/admin/calendar", Empty, "DDDDDDDDDAD"),
        row(get.clone(), "/admin/index-weights", Empty, "DDDDDDDDDAD"),
        row(
            put.clone(),
            "/admin/index-weights",
            Json(json!({ "weights": [] })),
            "DDDDDDDDDAD",
        ),
        // A PDF is no division-code file: the administrator is told so, others refused.
        row(post.clone(), "/admin/regions/import", Pdf, "DDDDDDDDDAD"),
        row(
            put.clone(),
            "/admin/calendar/{year}",
            Json(json!({ "text": "not a calendar" })),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/admin/categories",
            Json(json!({ "name": "" })),
            "DDDDDDDDDAD",
        ),
        row(get.clone(), "/admin/staff", Empty, "DDDDDDDDDAD"),
        row(
            post.clone(),
            "/admin/staff",
            Json(
                json!({ "username": "x", "display_name": "某", "unit_id": sibling_unit, "roles": [] }),
            ),
            "DDDDDDDDDAD",
        ),
        row(
            put.clone(),
            "/admin/staff/{id}",
            Json(json!({ "unit_id": sibling_unit, "roles": ["handler"] })),
            "DDDDDDDDDAD",
        ),
        // Disabled and enabled again at once: the account is used by later rows.
        row(
            post.clone(),
            "/admin/staff/{id}/disable",
            Empty,
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/admin/staff/{id}/enable",
            Empty,
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/admin/staff/{id}/totp/reset",
            Empty,
            "DDDDDDDDDAD",
        ),
        // An account nobody signs in with (the fixture's spare).
        row(
            post.clone(),
            "/admin/staff/{id}/password-reset",
            Empty,
            "DDDDDDDDDAD",
        ),
        // A wrong code: refused on its merits, for anyone.
        row(
            post.clone(),
            "/accounts/password-reset",
            Json(
                json!({ "phone": "13900000000", "sms_code": "000000", "new_password": "湖边的柳树-2024" }),
            ),
            "AAAAAAAAAAA",
        ),
        row(get.clone(), "/admin/units", Empty, "DDDDDDDDDAD"),
        row(
            post.clone(),
            "/admin/units",
            Json(json!({ "region_id": 1, "name": "", "kind": "department" })),
            "DDDDDDDDDAD",
        ),
        row(
            put.clone(),
            "/admin/units/{id}",
            Json(json!({ "parent_id": null, "region_id": 1, "name": "", "kind": "department" })),
            "DDDDDDDDDAD",
        ),
        // The unit holding the petition: 409 for the administrator, refused for others.
        row(
            post.clone(),
            "/admin/units/{id}/close",
            Empty,
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/admin/units/{id}/merge",
            Json(json!({ "into": 0 })),
            "DDDDDDDDDAD",
        ),
        row(get.clone(), "/admin/categories", Empty, "DDDDDDDDDAD"),
        row(
            put.clone(),
            "/admin/categories/{id}",
            Json(json!({ "name": "", "position": 0, "retired": false })),
            "DDDDDDDDDAD",
        ),
        row(get.clone(), "/reception", Empty, "AAAAAAAAAAA"),
        row(get.clone(), "/statistics", Empty, "AAAAAAAAAAA"),
        row(get.clone(), "/cases", Empty, "AAAAAAAAAAA"),
        row(get.clone(), "/cases/{id}", Empty, "DDDDDDDDDDD"),
        row(
            put.clone(),
            "/admin/units/{id}/competences",
            Json(json!({ "category_ids": [999999] })),
            "DDDDDDDDDAD",
        ),
        row(get.clone(), "/audit/verify", Empty, "DDDDDDDDDDA"),
        row(get.clone(), "/petitions", Empty, "DAADDDDDDDD"),
        row(
            post.clone(),
            "/petitions",
            Json(filing_body.clone()),
            "DAADDDDDDDD",
        ),
        row(
            post.clone(),
            "/petitions/lookup",
            Json(json!({ "number": number, "query_code": code })),
            "AAAAAAAAAAA",
        ),
        // Number and query code open these to anyone (the code goes to the phone on file).
        row(
            post.clone(),
            "/petitions/lookup/code",
            Json(json!({ "number": number, "query_code": code })),
            "AAAAAAAAAAA",
        ),
        row(
            post.clone(),
            "/petitions/lookup/detail",
            Json(json!({ "number": number, "query_code": code, "sms_code": "000000" })),
            "AAAAAAAAAAA",
        ),
        row(get.clone(), "/petitions/{number}", Empty, "DADDDDDDDDD"),
        row(
            post.clone(),
            "/petitions/{number}/attachments",
            Pdf,
            "DADDDDDDDDD",
        ),
        row(
            get.clone(),
            "/petitions/{number}/attachments/{id}",
            Empty,
            "DADDDDDDDDD",
        ),
        // The case's holder and the bureau that forwarded it; never the accused unit.
        row(
            get.clone(),
            "/staff/petitions/{number}/attachments/{id}",
            Empty,
            "DDDAAADDADD",
        ),
        row(
            post.clone(),
            "/petitions/{number}/rating",
            Json(json!({ "rating": "satisfied" })),
            "DADDDDDDDDD",
        ),
        row(
            post.clone(),
            "/petitions/{number}/review",
            Json(json!({ "reason": "不服" })),
            "DADDDDDDDDD",
        ),
        row(
            post.clone(),
            "/petitions/{number}/withdraw",
            Empty,
            "DADDDDDDDDD",
        ),
        row(get.clone(), "/reference", Empty, "AAAAAAAAAAA"),
        row(
            post.clone(),
            "/sessions",
            Json(json!({ "phone": citizen.phone, "password": citizen.password })),
            "AAAAAAAAAAA",
        ),
        // A bogus refresh token is refused whoever presents it.
        row(
            post.clone(),
            "/sessions/refresh",
            Json(json!({ "refresh_token": "bogus" })),
            "DDDDDDDDDDD",
        ),
        row(get.clone(), "/audit/records", Empty, "DDDDDDDDDDA"),
        row(get.clone(), "/staff/me", Empty, "DDDAAAAAAAA"),
        row(
            put.clone(),
            "/staff/me/password",
            Json(json!({ "current_password": "不是这个", "new_password": "山谷里的回声-2026" })),
            "DDDAAAAAAAA",
        ),
        row(post.clone(), "/staff/me/totp", Empty, "DDDAAAAAAAA"),
        row(
            post.clone(),
            "/staff/me/totp/confirm",
            Json(json!({ "code": "000000" })),
            "DDDAAAAAAAA",
        ),
        row(get.clone(), "/staff/petitions", Empty, "DDDAAAAAADD"),
        row(get.clone(), "/staff/petitions.csv", Empty, "DDDAAAAAADD"),
        // 月度通报: heads, supervisors and leaders of a unit.
        row(get.clone(), "/staff/bulletin", Empty, "DDDDDAAAADD"),
        row(get.clone(), "/staff/bulletin.xlsx", Empty, "DDDDDAAAADD"),
        row(get.clone(), "/staff/bulletin.csv", Empty, "DDDDDAAAADD"),
        // 年度工作情况报告 (art. 41): the same readers.
        row(get.clone(), "/staff/annual", Empty, "DDDDDAAAADD"),
        row(get.clone(), "/staff/annual.xlsx", Empty, "DDDDDAAAADD"),
        row(get.clone(), "/staff/annual.csv", Empty, "DDDDDAAAADD"),
        // 督查看板: the same readers.
        row(get.clone(), "/staff/oversight", Empty, "DDDDDAAAADD"),
        row(
            get.clone(),
            "/staff/petitions/{number}",
            Empty,
            "DDDAAADDADD",
        ),
        // 公开案例: a clerk or head who may see the case; this one is still open, so they
        // are told why it cannot be published (an answer, not a refusal of access).
        row(
            get.clone(),
            "/staff/petitions/{number}/publication",
            Empty,
            "DDDADADDDDD",
        ),
        row(
            post.clone(),
            "/staff/petitions/{number}/publication",
            Json(
                json!({ "title": "小区供暖问题", "facts": "入冬以来室内温度一直偏低。", "request": "请督促整改", "answer": "经查，供热公司已整改。" }),
            ),
            "DDDADADDDDD",
        ),
        row(
            post.clone(),
            "/staff/petitions/{number}/actions",
            Json(json!({ "action": "add_note", "body": "矩阵测试的内部备注" })),
            "DDDDAADDDDD",
        ),
        row(
            post.clone(),
            "/staff/petitions/{number}/identity",
            Json(json!({ "reason": "核实身份以便电话回访" })),
            "DDDAAADDDDD",
        ),
        row(
            post.clone(),
            "/staff/registrations",
            Json(
                json!({ "channel": "visit", "petitioner": { "real_name": "周七", "phone": phone() }, "petition": filing_body }),
            ),
            "DDDADDDDDDD",
        ),
        row(
            post.clone(),
            "/staff/sessions",
            Json(json!({ "username": sibling_user, "password": sibling_password })),
            "AAAAAAAAAAA",
        ),
        row(get.clone(), "/notifications", Empty, "DAAAAAAAAAA"),
        row(
            post.clone(),
            "/notifications/read",
            Json(json!({ "up_to": 0 })),
            "DAAAAAAAAAA",
        ),
        row(get.clone(), "/admin/outbox", Empty, "DDDDDDDDDAD"),
        // Retrying a message that is not dead is refused on its merits (409).
        row(
            post.clone(),
            "/admin/outbox/{id}/retry",
            Empty,
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/admin/webhooks",
            Json(json!({ "name": "x", "url": "not a url", "events": [] })),
            "DDDDDDDDDAD",
        ),
        row(get.clone(), "/admin/webhooks", Empty, "DDDDDDDDDAD"),
        row(
            get.clone(),
            "/admin/webhooks/{id}/deliveries",
            Empty,
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/admin/partners",
            Json(json!({ "name": "x", "url": "not a url" })),
            "DDDDDDDDDAD",
        ),
        row(get.clone(), "/admin/partners", Empty, "DDDDDDDDDAD"),
        row(
            put.clone(),
            "/admin/units/{id}/partner",
            Json(json!({ "partner_id": 999_999 })),
            "DDDDDDDDDAD",
        ),
        // Partners sign their reports; a bearer token opens nothing here.
        row(
            post.clone(),
            "/partners/{id}/reports",
            Json(json!({ "type": "accepted", "number": "x" })),
            "DDDDDDDDDDD",
        ),
    ]
}
