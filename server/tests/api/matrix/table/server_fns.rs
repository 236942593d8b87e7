//! The access table's server-function rows (the web UI's door, `/ui/...`).

use reqwest::Method;

use super::{Body, Fixture, Row, row};

/// The server functions of citizens and staff (the administrator's are in `admin_fns`).
pub fn rows(f: &Fixture<'_>) -> Vec<Row> {
    let Fixture {
        number,
        code,
        citizen,
        sibling_user,
        sibling_password,
        ..
    } = *f;
    let (number, code) = (number.to_owned(), code.to_owned());
    use Body::*;
    let post = Method::POST;
    // Columns: anon, citizen, other, intake, handler, head, sibling, accused, supervisor, admin, auditor
    vec![
        // Server functions (the web UI's door): citizens' cookies open them; staff tokens do not.
        row(post.clone(), "/ui/whoami", Form(vec![]), "AAAAAAAAAAA"),
        row(
            post.clone(),
            "/ui/register",
            Form(vec![("real_name", "王五".into())]),
            "AAAAAAAAAAA",
        ),
        row(
            post.clone(),
            "/ui/login",
            Form(vec![
                ("phone", citizen.phone.clone()),
                ("password", citizen.password.clone()),
            ]),
            "AAAAAAAAAAA",
        ),
        row(post.clone(), "/ui/reference", Form(vec![]), "AAAAAAAAAAA"),
        row(post.clone(), "/ui/form-key", Form(vec![]), "AAAAAAAAAAA"),
        // Place names are public; a kept form is only ever this browser's own.
        row(
            post.clone(),
            "/ui/regions",
            Form(vec![("q", "新桥".into())]),
            "AAAAAAAAAAA",
        ),
        row(
            post.clone(),
            "/ui/kept-form",
            Form(vec![("form", "file".into())]),
            "AAAAAAAAAAA",
        ),
        // Only a bureau's intake clerk is told what the registration lacks.
        row(post.clone(), "/ui/staff-register", Pdf, "DDDADDDDDDD"),
        row(post.clone(), "/ui/reception", Form(vec![]), "AAAAAAAAAAA"),
        row(post.clone(), "/ui/statistics", Form(vec![]), "AAAAAAAAAAA"),
        row(post.clone(), "/ui/submit-petition", Pdf, "DAADDDDDDDD"),
        row(post.clone(), "/ui/receipt", Form(vec![]), "AAAAAAAAAAA"),
        row(
            post.clone(),
            "/ui/my-petitions",
            Form(vec![]),
            "DAADDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/my-notifications",
            Form(vec![]),
            "DAADDDDDDDD",
        ),
        row(post.clone(), "/ui/my-channels", Form(vec![]), "DAADDDDDDDD"),
        row(
            post.clone(),
            "/ui/save-channels",
            Form(vec![("sms", "on".into())]),
            "DAADDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/change-phone",
            Form(vec![
                ("phone", "1".into()),
                ("sms_code", "1".into()),
                ("password", "x".into()),
            ]),
            "DAADDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/petition",
            Form(vec![("number", number.clone())]),
            "DADDDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/lookup",
            Form(vec![
                ("number", number.clone()),
                ("query_code", code.clone()),
            ]),
            "AAAAAAAAAAA",
        ),
        // A demo portal's SMS inbox is open to anyone (a production portal has none).
        row(post.clone(), "/ui/dev-sms", Form(vec![]), "AAAAAAAAAAA"),
        row(
            post.clone(),
            "/ui/send-code",
            Form(vec![("phone", "1".into()), ("purpose", "register".into())]),
            "AAAAAAAAAAA",
        ),
        row(
            post.clone(),
            "/ui/tracked",
            Form(vec![("number", number.clone())]),
            "DDDDDDDDDDD",
        ),
        // Without this browser's look-up grant: nothing is sent or unlocked.
        row(
            post.clone(),
            "/ui/lookup-code",
            Form(vec![("number", number.clone())]),
            "DDDDDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/unlock-detail",
            Form(vec![
                ("number", number.clone()),
                ("sms_code", "000000".into()),
            ]),
            "DDDDDDDDDDD",
        ),
        // Answers "nothing unlocked" to every browser without the grant.
        row(
            post.clone(),
            "/ui/tracked-detail",
            Form(vec![("number", number.clone())]),
            "AAAAAAAAAAA",
        ),
        row(
            post.clone(),
            "/ui/rate",
            Form(vec![
                ("number", number.clone()),
                ("rating", "satisfied".into()),
            ]),
            "DADDDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/request-review",
            Form(vec![
                ("number", number.clone()),
                ("reason", "不服答复".into()),
            ]),
            "DADDDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/staff-login",
            Form(vec![
                ("username", sibling_user.to_owned()),
                ("password", sibling_password.to_owned()),
            ]),
            "AAAAAAAAAAA",
        ),
        row(post.clone(), "/ui/staff-me", Form(vec![]), "AAAAAAAAAAA"),
        row(
            post.clone(),
            "/ui/audit-records",
            Form(vec![]),
            "DDDDDDDDDDA",
        ),
        row(
            post.clone(),
            "/ui/audit-verify",
            Form(vec![]),
            "DDDDDDDDDDA",
        ),
        row(
            post.clone(),
            "/ui/staff-password",
            Form(vec![
                ("current_password", "不是这个".into()),
                ("new_password", "山谷里的回声-2026".into()),
            ]),
            "DDDAAAAAAAA",
        ),
        row(post.clone(), "/ui/staff-queue", Form(vec![]), "DDDAAAAAADD"),
        row(
            post.clone(),
            "/ui/staff-bulletin",
            Form(vec![]),
            "DDDDDAAAADD",
        ),
        row(
            post.clone(),
            "/ui/staff-annual",
            Form(vec![]),
            "DDDDDAAAADD",
        ),
        row(
            post.clone(),
            "/ui/staff-oversight",
            Form(vec![]),
            "DDDDDAAAADD",
        ),
        row(
            post.clone(),
            "/ui/staff-notices",
            Form(vec![]),
            "DDDAAAAAAAA",
        ),
        row(
            post.clone(),
            "/ui/staff-case",
            Form(vec![("number", number.clone())]),
            "DDDAAADDADD",
        ),
        row(post.clone(), "/ui/staff-units", Form(vec![]), "DDDAAAAADDD"),
        // 公开案例: a clerk or head who may see the case (this one is still open: refused
        // with its reason, which is an answer).
        row(
            post.clone(),
            "/ui/staff-publication",
            Form(vec![("number", number.clone())]),
            "DDDADADDDDD",
        ),
        row(
            post.clone(),
            "/ui/staff-publish",
            Form(vec![
                ("number", number.clone()),
                ("title", "小区供暖问题".into()),
                ("facts", "入冬以来室内温度一直偏低。".into()),
                ("request", "请督促整改".into()),
                ("answer", "经查，供热公司已整改。".into()),
            ]),
            "DDDADADDDDD",
        ),
        row(post.clone(), "/ui/cases", Form(vec![]), "AAAAAAAAAAA"),
        row(
            post.clone(),
            "/ui/case",
            Form(vec![("id", "999999".into())]),
            "DDDDDDDDDDD",
        ),
        row(
            post.clone(),
            "/ui/staff-identity",
            Form(vec![
                ("number", number.clone()),
                ("reason", "核实身份以便回访".into()),
            ]),
            "DDDAAADDDDD",
        ),
        row(
            post.clone(),
            "/ui/staff-act",
            Form(vec![
                ("number", number.clone()),
                ("action", "add_note".into()),
                ("text", "矩阵测试备注".into()),
            ]),
            "DDDDAADDDDD",
        ),
        row(post.clone(), "/ui/totp-setup", Form(vec![]), "DDDAAAAAAAA"),
        row(
            post.clone(),
            "/ui/totp-confirm",
            Form(vec![("code", "000000".into())]),
            "DDDAAAAAAAA",
        ),
    ]
}

/// Last of all: these end the caller's session.
pub fn last() -> Vec<Row> {
    use Body::*;
    vec![
        row(Method::DELETE, "/sessions/current", Empty, "DAAAAAAAAAA"),
        row(Method::POST, "/ui/logout", Form(vec![]), "AAAAAAAAAAA"),
    ]
}
