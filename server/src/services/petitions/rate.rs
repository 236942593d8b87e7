//! 评价: the petitioner rates a published reply 满意 / 基本满意 / 不满意.

use shared::ids::CitizenId;
use shared::petition::{Action, RateRequest, RatingComment};

use super::view::owned;
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
    let comment = match req.comment.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(c) => {
            Some(RatingComment::parse(c).map_err(|e| AppError::field("comment", e.to_string()))?)
        }
    };
    let row = owned(state, citizen, number).await?;
    let who = record::Who::citizen(citizen, client);
    record::apply(
        state,
        &row,
        who,
        Action::Rate(req.rating),
        // The review window keeps running after any rating; the matter closes when it ends.
        |_, mut work| {
            work.rating = Some(req.rating);
            let mut detail = format!("信访人对答复的评价：{}。", req.rating.label());
            if let Some(c) = &comment {
                detail.push_str(&format!("评价意见：{}", c.as_str()));
            }
            Ok(record::Step {
                work,
                events: vec![record::Event::public("rated", "评价答复", detail)],
                writes: Vec::new(),
                audit_detail: Some(format!("rating={}", req.rating.code())),
                notices: Vec::new(),
            })
        },
    )
    .await
}
