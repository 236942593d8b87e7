//! The server's side of the Sunshine port: public figures and cases, the staff's 通报 and
//! a case to publish, each a service call with its errors mapped.

use app::ports::{Caller, Outcome, Sunshine};
use shared::ApiError;
use shared::cases::{CaseDraft, CaseList, CaseQuery, CaseTexts, PublishedCase};
use shared::statistics::{
    AnnualView, BulletinView, OversightView, StatisticsQuery, StatisticsView,
};

use super::portal::{WebPortal, api, client_of};
use crate::services::{cases, statistics};

#[async_trait::async_trait]
impl Sunshine for WebPortal {
    async fn statistics(&self, query: StatisticsQuery) -> Result<StatisticsView, ApiError> {
        statistics::report::public(&self.state, &query)
            .await
            .map_err(api)
    }

    async fn cases(&self, query: CaseQuery) -> Result<CaseList, ApiError> {
        cases::list(&self.state, &query).await.map_err(api)
    }

    async fn published_case(&self, id: i64) -> Result<PublishedCase, ApiError> {
        cases::case(&self.state, id).await.map_err(api)
    }

    async fn bulletin(
        &self,
        caller: &Caller,
        month: Option<String>,
    ) -> Result<Outcome<BulletinView>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        let value = statistics::bulletin::bulletin(&self.state, id, month.as_deref())
            .await
            .map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn annual(
        &self,
        caller: &Caller,
        year: Option<String>,
    ) -> Result<Outcome<AnnualView>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        let value = statistics::annual::annual(&self.state, id, year.as_deref())
            .await
            .map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn oversight(
        &self,
        caller: &Caller,
        unit: Option<String>,
    ) -> Result<Outcome<OversightView>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        // Read after the caller is known: a stranger learns nothing from the address.
        let unit = match unit.filter(|u| !u.is_empty()) {
            None => None,
            Some(u) => Some(u.parse().map(shared::ids::UnitId).map_err(|_| {
                ApiError::validation(vec![shared::FieldError::new("unit", "单位参数无效。")])
            })?),
        };
        let value = statistics::oversight::oversight(&self.state, id, unit)
            .await
            .map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn publication(
        &self,
        caller: &Caller,
        number: String,
    ) -> Result<Outcome<CaseDraft>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        let value = cases::publish::draft(&self.state, id, &number)
            .await
            .map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }

    async fn publish(
        &self,
        caller: &Caller,
        number: String,
        texts: CaseTexts,
    ) -> Result<Outcome<i64>, ApiError> {
        let (id, set_cookies) = self.staff(caller).await?;
        let value = cases::publish::publish(&self.state, id, &client_of(caller), &number, &texts)
            .await
            .map_err(api)?;
        Ok(Outcome { value, set_cookies })
    }
}
