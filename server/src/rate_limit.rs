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
    /// Tries at one account from one address. Keyed by both, so that someone guessing a
    /// password from elsewhere never locks the owner out of their own account.
    account: DefaultKeyedRateLimiter<(String, IpAddr)>,
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
            account: RateLimiter::keyed(
                Quota::with_period(std::time::Duration::from_millis(
                    (60_000 * u64::from(s.account_window_minutes.max(1))
                        / u64::from(s.logins_per_account.max(1)))
                    .max(1),
                ))
                .expect("a positive period")
                .allow_burst(NonZeroU32::new(s.logins_per_account.max(1)).expect("at least one")),
            ),
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

    /// A login try at `account` (the phone or username as typed) from `ip`.
    pub fn login(&self, ip: IpAddr, account: &str) -> Result<(), AppError> {
        self.login
            .check_key(&ip)
            .map_err(|_| AppError::RateLimited)?;
        let account: String = account.trim().chars().take(64).collect();
        self.account
            .check_key(&(account.to_lowercase(), ip))
            .map_err(|_| AppError::RateLimited)
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
        self.account.retain_recent();
        self.sms.retain_recent();
    }
}
