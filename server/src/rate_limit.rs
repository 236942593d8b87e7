//! Per-client rate limits for the endpoints that invite guessing or cost money: look-up,
//! login, and SMS verification codes.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::LimitSettings;
use crate::error::AppError;

pub struct Limiters {
    lookup: DefaultKeyedRateLimiter<IpAddr>,
    login: DefaultKeyedRateLimiter<IpAddr>,
    sms: DefaultKeyedRateLimiter<IpAddr>,
}

fn per_minute(n: u32) -> DefaultKeyedRateLimiter<IpAddr> {
    RateLimiter::keyed(Quota::per_minute(
        NonZeroU32::new(n.max(1)).expect("at least one"),
    ))
}

impl Limiters {
    pub fn new(s: &LimitSettings) -> Self {
        Self {
            lookup: per_minute(s.lookups_per_minute),
            login: per_minute(s.logins_per_minute),
            sms: RateLimiter::keyed(Quota::per_hour(
                NonZeroU32::new(s.sms_codes_per_hour.max(1)).expect("at least one"),
            )),
        }
    }

    pub fn lookup(&self, ip: IpAddr) -> Result<(), AppError> {
        self.lookup
            .check_key(&ip)
            .map_err(|_| AppError::RateLimited)
    }

    pub fn login(&self, ip: IpAddr) -> Result<(), AppError> {
        self.login.check_key(&ip).map_err(|_| AppError::RateLimited)
    }

    pub fn sms(&self, ip: IpAddr) -> Result<(), AppError> {
        self.sms
            .check_key(&ip)
            .map_err(|_| AppError::Throttled("本网络获取验证码过于频繁，请一小时后再试。".into()))
    }

    /// Drops idle clients' state; called periodically so memory stays flat.
    pub fn shrink(&self) {
        self.lookup.retain_recent();
        self.login.retain_recent();
        self.sms.retain_recent();
    }
}
