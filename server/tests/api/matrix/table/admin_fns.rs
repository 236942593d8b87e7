//! The access table's rows for the administrator's server functions (`/ui/admin-...`):
//! only the administrator is let in, and even they are refused on the merits where the
//! posted values name nothing.

use reqwest::Method;

use super::{Body, Fixture, Row, row};

pub fn rows(f: &Fixture<'_>) -> Vec<Row> {
    let Fixture {
        sibling_id,
        sibling_unit,
        ..
    } = *f;
    use Body::*;
    let post = Method::POST;
    // Columns: anon, citizen, other, intake, handler, head, sibling, accused, supervisor, admin, auditor
    vec![
        row(post.clone(), "/ui/admin-units", Form(vec![]), "DDDDDDDDDAD"),
        row(
            post.clone(),
            "/ui/admin-create-unit",
            Form(vec![
                ("parent_id", String::new()),
                ("region_id", "1".into()),
                ("name", String::new()),
                ("kind", "department".into()),
            ]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-competence",
            Form(vec![
                ("unit_id", sibling_unit.to_string()),
                ("category_id", "999999".into()),
                ("add", "false".into()),
            ]),
            "DDDDDDDDDAD",
        ),
        row(post.clone(), "/ui/admin-staff", Form(vec![]), "DDDDDDDDDAD"),
        row(
            post.clone(),
            "/ui/admin-create-staff",
            Form(vec![
                ("username", "x".into()),
                ("display_name", "某".into()),
                ("unit_id", sibling_unit.to_string()),
            ]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-update-staff",
            Form(vec![
                ("staff_id", sibling_id.to_string()),
                ("unit_id", sibling_unit.to_string()),
                ("role_handler", "on".into()),
            ]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-outbox",
            Form(vec![]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-integrations",
            Form(vec![]),
            "DDDDDDDDDAD",
        ),
        // Refused on their merits for the administrator: no address, no such unit.
        row(
            post.clone(),
            "/ui/admin-create-webhook",
            Form(vec![
                ("name", "订阅".into()),
                ("url", String::new()),
                ("events", "*".into()),
            ]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-create-partner",
            Form(vec![("name", "对接".into()), ("url", String::new())]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-unit-partner",
            Form(vec![
                ("unit_id", "999999".into()),
                ("partner_id", "999999".into()),
            ]),
            "DDDDDDDDDAD",
        ),
        // Not a dead message: refused on its merits (409) for the administrator.
        row(
            post.clone(),
            "/ui/admin-retry-message",
            Form(vec![("message_id", "1".into())]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-reset-password",
            Form(vec![("staff_id", f.spare_id.to_string())]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/reset-password",
            Form(vec![
                ("phone", "13900000000".into()),
                ("sms_code", "000000".into()),
                ("new_password", "湖边的柳树-2024".into()),
            ]),
            "AAAAAAAAAAA",
        ),
        row(
            post.clone(),
            "/ui/admin-reset-totp",
            Form(vec![("staff_id", sibling_id.to_string())]),
            "DDDDDDDDDAD",
        ),
        // Disabled and enabled again at once: the account is used by later rows.
        row(
            post.clone(),
            "/ui/admin-disable-staff",
            Form(vec![("staff_id", sibling_id.to_string())]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-enable-staff",
            Form(vec![("staff_id", sibling_id.to_string())]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-create-category",
            Form(vec![("parent_id", String::new()), ("name", String::new())]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-calendar",
            Form(vec![]),
            "DDDDDDDDDAD",
        ),
        row(post.clone(), "/ui/admin-import-regions", Pdf, "DDDDDDDDDAD"),
        row(
            post.clone(),
            "/ui/admin-index-weights",
            Form(vec![]),
            "DDDDDDDDDAD",
        ),
        // All weights 0: the administrator is told to weigh one figure at least.
        row(
            post.clone(),
            "/ui/admin-put-index-weights",
            Form(vec![("weights[satisfaction]", "0".into())]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-update-unit",
            Form(vec![
                ("unit_id", "1".into()),
                ("parent_id", String::new()),
                ("region_id", "1".into()),
                ("name", String::new()),
                ("kind", "bureau".into()),
            ]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-close-unit",
            Form(vec![("unit_id", "1".into()), ("into", "0".into())]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-categories",
            Form(vec![]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-update-category",
            Form(vec![
                ("category_id", "1".into()),
                ("name", String::new()),
                ("position", "0".into()),
            ]),
            "DDDDDDDDDAD",
        ),
        row(
            post.clone(),
            "/ui/admin-put-calendar",
            Form(vec![
                ("year", "2027".into()),
                ("text", "not a calendar".into()),
            ]),
            "DDDDDDDDDAD",
        ),
    ]
}
