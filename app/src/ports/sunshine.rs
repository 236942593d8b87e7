//! The port of 阳光信访's openness: the public figures and published cases anyone reads, and
//! what staff prepare for them (the 通报, a case to publish).

use shared::ApiError;
use shared::cases::{CaseDraft, CaseList, CaseQuery, CaseTexts, PublishedCase};
use shared::statistics::{
    AnnualView, BulletinView, OversightView, StatisticsQuery, StatisticsView,
};

use super::{Caller, Outcome};

#[async_trait::async_trait]
pub trait Sunshine: Send + Sync {
    /// 公开统计: one month's public figures.
    async fn statistics(&self, query: StatisticsQuery) -> Result<StatisticsView, ApiError>;
    /// 公开案例: a page of the published cases.
    async fn cases(&self, query: CaseQuery) -> Result<CaseList, ApiError>;
    /// 公开案例: one published case.
    async fn published_case(&self, id: i64) -> Result<PublishedCase, ApiError>;
    /// 月度通报 and 信访指数 of the staff member's unit.
    async fn bulletin(
        &self,
        caller: &Caller,
        month: Option<String>,
    ) -> Result<Outcome<BulletinView>, ApiError>;
    /// 年度工作情况报告 (art. 41) of the staff member's unit.
    async fn annual(
        &self,
        caller: &Caller,
        year: Option<String>,
    ) -> Result<Outcome<AnnualView>, ApiError>;
    /// 督查看板: the live picture of the staff member's unit, or of `unit` below it (its id
    /// as the address gives it).
    async fn oversight(
        &self,
        caller: &Caller,
        unit: Option<String>,
    ) -> Result<Outcome<OversightView>, ApiError>;
    /// A closed case's texts with what looks personal replaced, to publish.
    async fn publication(
        &self,
        caller: &Caller,
        number: String,
    ) -> Result<Outcome<CaseDraft>, ApiError>;
    /// Publishes a case as the clerk confirmed its texts; its id.
    async fn publish(
        &self,
        caller: &Caller,
        number: String,
        texts: CaseTexts,
    ) -> Result<Outcome<i64>, ApiError>;
}
