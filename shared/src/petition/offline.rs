//! 代为登记: staff register a letter, visit or phone call on the petitioner's behalf (art. 17).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::kind::Channel;
use super::submit::SubmitPetitionRequest;
use crate::account::Address;
use crate::error::{ApiError, Problems};
use crate::person::{IdCardNumber, MobilePhone, RealName};

/// The petitioner as the clerk wrote them down.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfflinePetitioner {
    pub real_name: String,
    pub phone: String,
    #[serde(default)]
    pub id_number: Option<String>,
    /// Required for letters: the reply goes back by post.
    #[serde(default)]
    pub address: Option<String>,
}

/// A letter, visit or call registered by an intake clerk.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfflineFilingRequest {
    pub channel: Channel,
    pub petitioner: OfflinePetitioner,
    pub petition: SubmitPetitionRequest,
    /// The day the letter (e-mail, transfer) arrived or the visit or call took place: the
    /// clocks start then, not when it is typed in. Today when left out.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
}

/// How many days back a registration may date its arrival.
pub const MAX_RECEIVED_DAYS_AGO: i64 = 30;

/// A petitioner whose every field is valid.
pub struct ValidPetitioner {
    pub real_name: RealName,
    pub phone: MobilePhone,
    pub id_number: Option<IdCardNumber>,
    pub address: Option<Address>,
}

impl OfflineFilingRequest {
    /// Checks the channel and the petitioner; the petition is checked like an online one.
    pub fn validate_petitioner(&self, today: NaiveDate) -> Result<ValidPetitioner, ApiError> {
        let mut p = Problems::default();
        if self.channel == Channel::Online {
            p.push(
                "channel",
                "网上信访由信访人自行提交，请选择来信、来访、电话等渠道",
            );
        }
        if let Some(day) = self.received_on
            && (day > today || (today - day).num_days() > MAX_RECEIVED_DAYS_AGO)
        {
            p.push(
                "received_on",
                format!("收到日期应在今天及此前{MAX_RECEIVED_DAYS_AGO}日内"),
            );
        }
        let who = &self.petitioner;
        let real_name = p.check("petitioner.real_name", RealName::parse(&who.real_name));
        let phone = p.check("petitioner.phone", MobilePhone::parse(&who.phone));
        let id_number = match who.id_number.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(n) => p
                .check("petitioner.id_number", IdCardNumber::parse(n, today))
                .map(Some),
        };
        let address = match who.address.as_deref().map(str::trim) {
            None | Some("") if self.channel == Channel::Letter => {
                p.push("petitioner.address", "来信登记须填写通信地址，以便书面答复");
                None
            }
            None | Some("") => Some(None),
            Some(a) => p.check("petitioner.address", Address::parse(a)).map(Some),
        };
        p.finish()?;
        Ok(ValidPetitioner {
            real_name: real_name.expect("checked"),
            phone: phone.expect("checked"),
            id_number: id_number.expect("checked"),
            address: address.expect("checked"),
        })
    }
}
