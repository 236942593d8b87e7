//! 评价: the petitioner rates a published reply 满意 / 基本满意 / 不满意.

use shared::ids::CitizenId;
use shared::petition::{Action, RateRequest, Rating, RatingComment};

use super::view::owned;
use crate::db::petitions::PetitionRow;
use crate::error::{AppError, AppResult};
use crate::services::workflow::record;
use crate::state::AppState;

#[tracing::instrument(skip_all, fields(citizen = %citizen))]
pub async fn rate(
    state: &AppState,
    citizen: CitizenId,
    client: &str,
    number: &str,
    req: &RateRequest,
) -> AppResult<()> {
    let comment = comment(req)?;
    let row = owned(state, citizen, number).await?;
    rate_as(
        state,
        &row,
        record::Who::citizen(citizen, client),
        req.rating,
        comment,
    )
    .await
}

/// 评价 by a petitioner without an account (or without logging in), who proved the query
/// code and a code texted to the phone on file: the same step, named as theirs.
pub async fn rate_as_petitioner(
    state: &AppState,
    row: &PetitionRow,
    client: &str,
    req: &RateRequest,
) -> AppResult<()> {
    let comment = comment(req)?;
    rate_as(
        state,
        row,
        record::Who::petitioner(client),
        req.rating,
        comment,
    )
    .await
}

fn comment(req: &RateRequest) -> AppResult<Option<RatingComment>> {
    match req.comment.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(c) => RatingComment::parse(c)
            .map(Some)
            .map_err(|e| AppError::field("comment", e.to_string())),
    }
}

async fn rate_as(
    state: &AppState,
    row: &PetitionRow,
    who: record::Who<'_>,
    rating: Rating,
    comment: Option<RatingComment>,
) -> AppResult<()> {
    record::apply(
        state,
        row,
        who,
        Action::Rate(rating),
        // The review window keeps running after any rating; the matter closes when it ends.
        |_, mut work| {
            work.rating = Some(rating);
            let mut detail = format!("信访人对答复的评价：{}。", rating.label());
            if let Some(c) = &comment {
                detail.push_str(&format!("{}{}", record::Event::COMMENT, c.as_str()));
            }
            Ok(record::Step {
                work,
                events: vec![record::Event::public("rated", "评价答复", detail)],
                writes: vec![record::Write::Rating(rating)],
                audit_detail: Some(format!("rating={}", rating.code())),
                notices: Vec::new(),
            })
        },
    )
    .await
}
