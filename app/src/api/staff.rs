//! Server functions of the staff pages (工作台): login, queue, case file, actions.

// `staff_act` takes every field any action form may post; the server function macro
// copies the argument list into the client stub, where a local allow does not reach.
#![allow(
    clippy::too_many_arguments,
    reason = "a server function takes one argument per form field, in both builds"
)]

use leptos::prelude::*;
use shared::petition::{PetitionerView, QueuePage, StaffPetitionView, UnitOption};
use shared::staff::StaffView;

use crate::error::UiError;

#[cfg(feature = "ssr")]
fn desk() -> Result<std::sync::Arc<dyn crate::ports::Desk>, UiError> {
    use_context::<std::sync::Arc<dyn crate::ports::Desk>>()
        .ok_or_else(|| UiError(shared::ApiError::internal()))
}

#[cfg(feature = "ssr")]
fn caller() -> Result<crate::ports::Caller, UiError> {
    Ok(super::ssr::caller(&*super::ssr::portal()?))
}

#[server(prefix = "/ui", endpoint = "staff-login")]
pub async fn staff_login(
    username: String,
    password: String,
    totp: Option<String>,
) -> Result<(), UiError> {
    use super::ssr::apply;
    let req = shared::staff::StaffLoginRequest {
        username,
        password,
        totp,
    };
    apply(desk()?.staff_login(&caller()?, req).await?);
    leptos_actix::redirect("/staff");
    Ok(())
}

#[server(prefix = "/ui", endpoint = "staff-me")]
pub async fn staff_me() -> Result<Option<StaffView>, UiError> {
    Ok(super::ssr::apply(desk()?.staff_me(&caller()?).await?))
}

/// 修改密码: the staff member signs in again afterwards.
#[server(prefix = "/ui", endpoint = "staff-password")]
pub async fn staff_password(current_password: String, new_password: String) -> Result<(), UiError> {
    let req = shared::account::ChangePasswordRequest {
        current_password,
        new_password,
    };
    super::ssr::apply(desk()?.staff_change_password(&caller()?, req).await?);
    leptos_actix::redirect("/staff/login?password_changed=1");
    Ok(())
}

/// 待办: the queue, filtered and ordered by the codes of the filter form (empty means any),
/// with its counts.
#[server(prefix = "/ui", endpoint = "staff-queue")]
pub async fn staff_queue(
    status: Option<String>,
    kind: Option<String>,
    clock: Option<String>,
    after: Option<String>,
    mine: Option<String>,
    category_id: Option<String>,
    region_id: Option<String>,
    channel: Option<String>,
    sort: Option<String>,
    unit: Option<String>,
) -> Result<QueuePage, UiError> {
    use shared::petition::{ClockState, PetitionKind, PetitionStatus, QueueFilter, QueueSort};
    let pick = |s: &Option<String>| s.clone().filter(|v| !v.is_empty());
    let clock = pick(&clock).and_then(|c| ClockState::from_code(&c));
    let filter = QueueFilter {
        status: pick(&status).and_then(|s| PetitionStatus::from_code(&s)),
        kind: pick(&kind).and_then(|k| PetitionKind::from_code(&k)),
        clock,
        after: pick(&after),
        mine: pick(&mine).is_some(),
        category_id: pick(&category_id)
            .and_then(|c| c.parse().ok())
            .map(shared::ids::CategoryId),
        region_id: pick(&region_id)
            .and_then(|r| r.parse().ok())
            .map(shared::ids::RegionId),
        channel: pick(&channel).and_then(|c| shared::petition::Channel::from_code(&c)),
        unit: pick(&unit)
            .and_then(|u| u.parse().ok())
            .map(shared::ids::UnitId),
        sort: pick(&sort)
            .and_then(|s| QueueSort::from_code(&s))
            .unwrap_or_default(),
        // The page shows how many match, and how many of them are 超期 and 临期.
        counts: true,
    };
    Ok(super::ssr::apply(desk()?.queue(&caller()?, filter).await?))
}

/// A closed case's texts with what looks personal replaced, for the clerk to check.
#[server(prefix = "/ui", endpoint = "staff-publication")]
pub async fn staff_publication(number: String) -> Result<shared::cases::CaseDraft, UiError> {
    Ok(super::ssr::apply(
        super::ssr::sunshine()?
            .publication(&caller()?, number)
            .await?,
    ))
}

/// 公开: publishes the texts as confirmed; the browser goes to the published case.
#[server(prefix = "/ui", endpoint = "staff-publish")]
pub async fn publish_case(
    number: String,
    title: String,
    facts: String,
    request: String,
    answer: String,
    /// The box the clerk ticks once every sentence is checked; a form cannot publish without it.
    checked: Option<String>,
) -> Result<(), UiError> {
    use super::ssr::{apply, forget_posted, keep_posted};
    use crate::components::kept::Form;
    let fields = std::collections::HashMap::from([
        ("number".to_owned(), number.clone()),
        ("title".to_owned(), title.clone()),
        ("facts".to_owned(), facts.clone()),
        ("request".to_owned(), request.clone()),
        ("answer".to_owned(), answer.clone()),
    ]);
    let sunshine = super::ssr::sunshine()?;
    if checked.is_none() {
        // Who is asking comes first: someone who may not publish learns nothing more.
        apply(sunshine.publication(&caller()?, number.clone()).await?);
        keep_posted(Form::Publish, &fields);
        return Err(UiError(shared::ApiError::validation(vec![
            shared::FieldError::new("checked", "请逐句核对公开内容，然后勾选“我已逐句核对”。"),
        ])));
    }
    let texts = shared::cases::CaseTexts {
        title,
        facts,
        request,
        answer,
    };
    match sunshine.publish(&caller()?, number, texts).await {
        Ok(outcome) => {
            let id = apply(outcome);
            forget_posted(Form::Publish);
            leptos_actix::redirect(&format!("/cases/{id}"));
            Ok(())
        }
        Err(e) => {
            // Without JavaScript the page comes back with what the clerk typed, not the
            // suggestions it started from.
            keep_posted(Form::Publish, &fields);
            Err(e.into())
        }
    }
}

/// 月度通报 and 信访指数 of the staff member's unit, for a month (`YYYY-MM`) or this one.
#[server(prefix = "/ui", endpoint = "staff-bulletin")]
pub async fn staff_bulletin(
    month: Option<String>,
) -> Result<shared::statistics::BulletinView, UiError> {
    let month = month.filter(|m| !m.is_empty());
    Ok(super::ssr::apply(
        super::ssr::sunshine()?.bulletin(&caller()?, month).await?,
    ))
}

/// 年度工作情况报告 of the staff member's unit, for a year (`2026`) or this one.
#[server(prefix = "/ui", endpoint = "staff-annual")]
pub async fn staff_annual(year: Option<String>) -> Result<shared::statistics::AnnualView, UiError> {
    let year = year.filter(|y| !y.is_empty());
    Ok(super::ssr::apply(
        super::ssr::sunshine()?.annual(&caller()?, year).await?,
    ))
}

/// 督查看板: the live 漏排/超期/督办 picture of the staff member's unit, or of a unit below it.
#[server(prefix = "/ui", endpoint = "staff-oversight")]
pub async fn staff_oversight(
    unit: Option<String>,
) -> Result<shared::statistics::OversightView, UiError> {
    Ok(super::ssr::apply(
        super::ssr::sunshine()?.oversight(&caller()?, unit).await?,
    ))
}

#[server(prefix = "/ui", endpoint = "staff-case")]
pub async fn staff_case(number: String) -> Result<StaffPetitionView, UiError> {
    Ok(super::ssr::apply(desk()?.case(&caller()?, number).await?))
}

#[server(prefix = "/ui", endpoint = "staff-units")]
pub async fn staff_units() -> Result<Vec<UnitOption>, UiError> {
    Ok(super::ssr::apply(desk()?.units(&caller()?).await?))
}

/// 查看身份: the petitioner unmasked, for a reason that is recorded.
#[server(prefix = "/ui", endpoint = "staff-identity")]
pub async fn staff_identity(
    number: String,
    reason: String,
) -> Result<Option<PetitionerView>, UiError> {
    let case = super::ssr::apply(desk()?.unmask(&caller()?, number, reason).await?);
    Ok(case.petitioner)
}

/// One step on a petition, from one of the case page's forms; `action` names the step and
/// the other fields are those its form carries.
#[server(prefix = "/ui", endpoint = "staff-act")]
pub async fn staff_act(
    number: String,
    action: String,
    version: Option<i64>,
    unit_id: Option<String>,
    due: Option<String>,
    reason: Option<String>,
    days: Option<String>,
    text: Option<String>,
    facts: Option<String>,
    reasons: Option<String>,
    decision: Option<String>,
    legal_basis: Option<String>,
    notice_id: Option<String>,
    staff_id: Option<String>,
    rating: Option<String>,
    review: Option<String>,
    confirmed: Option<String>,
) -> Result<(), UiError> {
    use crate::pages::staff::actions::confirm;
    let form = crate::pages::staff::actions::ActionFields {
        action,
        unit_id,
        due,
        reason,
        days,
        text,
        facts,
        reasons,
        decision,
        legal_basis,
        notice_id,
        staff_id,
        rating,
        review,
    };
    let command = form.command().map_err(UiError)?;
    let kind = shared::petition::CommandKind::from(&command);
    if confirm::preview(kind).is_some() && confirmed.is_none() {
        return Err(super::ssr::refused("confirmed", confirm::UNCONFIRMED));
    }
    let req = shared::petition::StaffActionRequest { version, command };
    super::ssr::apply(desk()?.act(&caller()?, number.clone(), req).await?);
    // Back to the case, saying what happened (`done`); the number was just found valid.
    let number = shared::petition::PetitionNumber::parse(&number)
        .map_or_else(String::new, |n| n.to_string());
    leptos_actix::redirect(&format!("/staff/petitions/{number}?done={}", kind.code()));
    Ok(())
}

/// 绑定动态口令, step 1.
#[server(prefix = "/ui", endpoint = "totp-setup")]
pub async fn totp_setup() -> Result<shared::staff::TotpSetupView, UiError> {
    Ok(super::ssr::apply(desk()?.totp_setup(&caller()?).await?))
}

/// 绑定动态口令, step 2.
#[server(prefix = "/ui", endpoint = "totp-confirm")]
pub async fn totp_confirm(code: String) -> Result<(), UiError> {
    super::ssr::apply(desk()?.totp_confirm(&caller()?, code).await?);
    // The queue says it worked (`bound`), then the work begins.
    leptos_actix::redirect("/staff?bound=1");
    Ok(())
}

/// 代为登记 from the registration page (multipart, so the scanned pages come along). On
/// success the browser goes to the printable 登记回执.
#[server(prefix = "/ui", endpoint = "staff-register", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn staff_register(data: leptos::server_fn::codec::MultipartData) -> Result<(), UiError> {
    use super::ssr::{
        apply, forget_posted, keep_posted, read_multipart, settle_region, with_place_problem,
    };
    use crate::components::kept::Form;
    use crate::pages::staff::register::offline_from_form;
    let desk = desk()?;
    let caller = caller()?;
    // Who is asking comes first: nobody streams scans into an anonymous request.
    if apply(desk.staff_me(&caller).await?).is_none() {
        leptos_actix::redirect("/staff/login");
        return Err(UiError(shared::ApiError::unauthenticated()));
    }
    let (mut fields, files) = read_multipart(data, "attachments", "附件").await?;
    let key = fields
        .get("idempotency_key")
        .cloned()
        .filter(|k| !k.is_empty());
    let place = settle_region(&mut fields).await?;
    // The desk checks who may register before it looks at the form.
    let req = offline_from_form(&fields).map_err(|e| with_place_problem(e, place).0);
    match desk.register(&caller, key, req, files).await {
        Ok(outcome) => {
            apply(outcome);
            forget_posted(Form::Registration);
            leptos_actix::redirect("/staff/register/receipt");
            Ok(())
        }
        Err(e) => {
            keep_posted(Form::Registration, &fields);
            Err(e.into())
        }
    }
}

/// 通知: the staff member's notices; opening them marks them read.
#[server(prefix = "/ui", endpoint = "staff-notices")]
pub async fn staff_notices() -> Result<Vec<shared::notice::NotificationView>, UiError> {
    Ok(super::ssr::apply(desk()?.notices(&caller()?).await?))
}
