//! Server functions for petitions: reference data, filing, receipt, my petitions, look-up.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use shared::petition::{PetitionProgress, PetitionSummary, PetitionView, SubmittedView};
use shared::reference::ReferenceData;

use crate::error::UiError;

#[server(prefix = "/ui", endpoint = "reference")]
pub async fn load_reference() -> Result<ReferenceData, UiError> {
    Ok(super::ssr::portal()?.reference_data().await?)
}

/// 问题发生地 search for the filing form's picker. Place names are public; the query is
/// cut short, so a pasted essay costs nothing.
#[server(prefix = "/ui", endpoint = "regions")]
pub async fn search_regions(q: String) -> Result<Vec<shared::reference::RegionView>, UiError> {
    let q: String = q.chars().take(40).collect();
    Ok(super::ssr::portal()?.search_regions(q).await?)
}

/// 信访接待: the units' public reception details (art. 18).
#[server(prefix = "/ui", endpoint = "reception")]
pub async fn reception_units() -> Result<Vec<shared::admin::ReceptionView>, UiError> {
    Ok(super::ssr::portal()?.reception().await?)
}

/// 公开案例: a page of published cases, by category and county (ids as the form sends them).
#[server(prefix = "/ui", endpoint = "cases")]
pub async fn published_cases(
    category_id: Option<String>,
    region_id: Option<String>,
    adopted: Option<String>,
    after: Option<String>,
) -> Result<shared::cases::CaseList, UiError> {
    let id = |v: Option<String>| v.and_then(|v| v.trim().parse::<i64>().ok());
    let query = shared::cases::CaseQuery {
        category_id: id(category_id).map(shared::ids::CategoryId),
        region_id: id(region_id).map(shared::ids::RegionId),
        adopted: adopted.is_some_and(|a| !a.is_empty()),
        after: after.filter(|a| !a.is_empty()),
    };
    Ok(super::ssr::sunshine()?.cases(query).await?)
}

/// 公开案例: one published case.
#[server(prefix = "/ui", endpoint = "case")]
pub async fn published_case(id: i64) -> Result<shared::cases::PublishedCase, UiError> {
    Ok(super::ssr::sunshine()?.published_case(id).await?)
}

/// 公开统计: one month's public figures for the jurisdiction or a unit.
#[server(prefix = "/ui", endpoint = "statistics")]
pub async fn public_statistics(
    month: Option<String>,
    unit: Option<String>,
) -> Result<shared::statistics::StatisticsView, UiError> {
    // A unit that is not a number is no unit: the service says so (unit 0 does not exist).
    let unit = unit.map(|u| shared::ids::UnitId(u.trim().parse().unwrap_or(0)));
    let query = shared::statistics::StatisticsQuery { month, unit };
    Ok(super::ssr::sunshine()?.statistics(query).await?)
}

/// What this browser's refused form held (see `components::kept`); nothing for any
/// other browser, and nothing after ten minutes.
#[server(prefix = "/ui", endpoint = "kept-form")]
pub async fn kept_form(
    form: String,
) -> Result<Option<std::collections::HashMap<String, String>>, UiError> {
    use super::ssr::*;
    let Some(form) = crate::components::kept::Form::from_name(&form) else {
        return Ok(None);
    };
    let portal = portal()?;
    Ok(portal.kept_form(&caller(&*portal), form.name()))
}

/// A fresh idempotency key, rendered into the filing form so a double submit files once.
#[server(prefix = "/ui", endpoint = "form-key")]
pub async fn form_key() -> Result<String, UiError> {
    Ok(super::ssr::portal()?.form_key())
}

/// 提交信访事项 from the filing form (multipart, so attachments come along). On success
/// the browser goes to the receipt page; without JavaScript too.
#[server(prefix = "/ui", endpoint = "submit-petition", input = MultipartFormData)]
pub async fn submit_petition(data: MultipartData) -> Result<(), UiError> {
    use super::ssr::*;
    use crate::components::kept::Form;
    use crate::pages::citizen::file_form::request_from_form;
    use shared::{ApiError, ErrorKind};

    // Who is asking comes first: nobody streams megabytes into an anonymous request.
    let portal = portal()?;
    if apply(portal.whoami(&caller(&*portal)).await?).is_none() {
        leptos_actix::redirect("/login");
        return Err(UiError(ApiError::unauthenticated()));
    }
    let (mut fields, files) = read_multipart(data, "attachments", "附件").await?;
    let key = fields
        .get("idempotency_key")
        .cloned()
        .filter(|k| !k.is_empty());
    let place = settle_region(&mut fields).await?;
    let req = match request_from_form(&fields) {
        Ok(req) => req,
        Err(e) => {
            keep_posted(Form::Filing, &fields);
            return Err(with_place_problem(e, place));
        }
    };
    let outcome = portal.submit(&caller(&*portal), key, req, files).await;
    match outcome {
        Ok(outcome) => {
            apply(outcome);
            forget_posted(Form::Filing);
            leptos_actix::redirect("/receipt");
            Ok(())
        }
        Err(e) if e.kind == ErrorKind::Unauthenticated => {
            leptos_actix::redirect("/login");
            Err(e.into())
        }
        Err(e) => {
            keep_posted(Form::Filing, &fields);
            Err(e.into())
        }
    }
}

/// The receipt of the filing just made in this browser (shown for a short while only).
#[server(prefix = "/ui", endpoint = "receipt")]
pub async fn receipt() -> Result<Option<SubmittedView>, UiError> {
    use super::ssr::*;
    let portal = portal()?;
    Ok(portal.receipt(&caller(&*portal)).await?)
}

#[server(prefix = "/ui", endpoint = "my-petitions")]
pub async fn my_petitions() -> Result<Vec<PetitionSummary>, UiError> {
    use super::ssr::*;
    let portal = portal()?;
    Ok(apply(portal.my_petitions(&caller(&*portal)).await?))
}

#[server(prefix = "/ui", endpoint = "petition")]
pub async fn petition(number: String) -> Result<PetitionView, UiError> {
    use super::ssr::*;
    let portal = portal()?;
    Ok(apply(portal.petition(&caller(&*portal), number).await?))
}

/// 查询: checks number and code, then shows the progress page.
#[server(prefix = "/ui", endpoint = "lookup")]
pub async fn lookup(number: String, query_code: String) -> Result<(), UiError> {
    use super::ssr::*;
    let portal = portal()?;
    let req = shared::petition::LookupRequest { number, query_code };
    let number = apply(portal.lookup(&caller(&*portal), req).await?);
    leptos_actix::redirect(&format!("/track/{number}"));
    Ok(())
}

#[server(prefix = "/ui", endpoint = "tracked")]
pub async fn tracked(number: String) -> Result<PetitionProgress, UiError> {
    use super::ssr::*;
    let portal = portal()?;
    Ok(portal.tracked(&caller(&*portal), number).await?)
}

/// 查看详情, step 1: a code to the petitioner's phone on file. Without JavaScript the
/// browser comes back to the progress page.
#[server(prefix = "/ui", endpoint = "lookup-code")]
pub async fn lookup_code(
    number: String,
    back: Option<String>,
) -> Result<shared::petition::LookupCodeView, UiError> {
    use super::ssr::*;
    let portal = portal()?;
    let sent = portal
        .lookup_code(&caller(&*portal), number.clone())
        .await?;
    if back.is_some() {
        leptos_actix::redirect(&format!("/track/{number}?code_sent={}", sent.sent_to));
    }
    Ok(sent)
}

/// 查看详情, step 2: the texted code unlocks the petition for this browser.
#[server(prefix = "/ui", endpoint = "unlock-detail")]
pub async fn unlock_detail(number: String, sms_code: String) -> Result<(), UiError> {
    use super::ssr::*;
    let portal = portal()?;
    apply(
        portal
            .unlock_detail(&caller(&*portal), number.clone(), sms_code)
            .await?,
    );
    leptos_actix::redirect(&format!("/track/{number}"));
    Ok(())
}

/// The petition in full, when this browser unlocked it.
#[server(prefix = "/ui", endpoint = "tracked-detail")]
pub async fn tracked_detail(number: String) -> Result<Option<PetitionView>, UiError> {
    use super::ssr::*;
    let portal = portal()?;
    Ok(portal.tracked_detail(&caller(&*portal), number).await?)
}

/// 评价 a published reply; the page refreshes to show it.
#[server(prefix = "/ui", endpoint = "rate")]
pub async fn rate(number: String, rating: String, comment: Option<String>) -> Result<(), UiError> {
    use super::ssr::*;
    use shared::petition::{RateRequest, Rating};
    let rating = Rating::from_code(&rating).ok_or_else(|| {
        UiError(shared::ApiError::validation(vec![shared::FieldError::new(
            "rating",
            "请选择满意、基本满意或不满意",
        )]))
    })?;
    let portal = portal()?;
    let req = RateRequest { rating, comment };
    apply(portal.rate(&caller(&*portal), number, req).await?);
    Ok(())
}

/// 申请复查/复核.
#[server(prefix = "/ui", endpoint = "request-review")]
pub async fn request_review(number: String, reason: String) -> Result<(), UiError> {
    use super::ssr::*;
    let portal = portal()?;
    let req = shared::petition::ReviewRequest { reason };
    apply(
        portal
            .request_review(&caller(&*portal), number, req)
            .await?,
    );
    Ok(())
}

/// The development SMS inbox (demo portals with the embedded provider only).
#[server(prefix = "/ui", endpoint = "dev-sms")]
pub async fn dev_sms() -> Result<Vec<shared::notice::DevSmsView>, UiError> {
    Ok(super::ssr::portal()?.dev_sms().await?)
}
