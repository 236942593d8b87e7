//! Per-client rate limits for the endpoints that invite guessing or cost money: look-up,
//! login, registration and SMS verification codes. A client is its IPv4 address or its
//! IPv6 /64 (one subscriber line gets a whole /64, so single addresses are free to it), and
//! an account is the one the typed name means (`+86 139…` and `139-…` are one phone).

use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::LimitSettings;
use crate::error::AppError;

pub struct Limiters {
    lookup: DefaultKeyedRateLimiter<IpAddr>,
    login: DefaultKeyedRateLimiter<IpAddr>,
    register: DefaultKeyedRateLimiter<IpAddr>,
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
            register: per_minute(s.registrations_per_minute),
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
            .check_key(&client(ip))
            .map_err(|_| AppError::RateLimited)
    }

    /// A login try at `account` (the phone or username as typed) from `ip`.
    pub fn login(&self, ip: IpAddr, account: &str) -> Result<(), AppError> {
        let ip = client(ip);
        self.login
            .check_key(&ip)
            .map_err(|_| AppError::RateLimited)?;
        self.account
            .check_key(&(account_key(account), ip))
            .map_err(|_| AppError::RateLimited)
    }

    /// A registration attempt from `ip` (each costs a password hash).
    pub fn register(&self, ip: IpAddr) -> Result<(), AppError> {
        self.register
            .check_key(&client(ip))
            .map_err(|_| AppError::RateLimited)
    }

    pub fn sms(&self, ip: IpAddr) -> Result<(), AppError> {
        self.sms
            .check_key(&client(ip))
            .map_err(|_| AppError::Throttled("本网络获取验证码过于频繁，请一小时后再试。".into()))
    }

    /// Drops idle clients' state; called periodically so memory stays flat.
    pub fn shrink(&self) {
        self.lookup.retain_recent();
        self.login.retain_recent();
        self.register.retain_recent();
        self.account.retain_recent();
        self.sms.retain_recent();
    }
}

/// The client a limit counts: an IPv4 address (or one mapped into IPv6), or an IPv6 /64.
pub fn client(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let prefix = u128::from(v6) & !((1_u128 << 64) - 1);
                IpAddr::V6(Ipv6Addr::from(prefix))
            }
        },
    }
}

/// The account a login names: a phone number however it was written, else the username
/// as typed, without case.
fn account_key(account: &str) -> String {
    match shared::person::MobilePhone::parse(account) {
        Ok(phone) => phone.as_str().to_owned(),
        Err(_) => account
            .trim()
            .chars()
            .take(64)
            .collect::<String>()
            .to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_ipv6_64_is_one_client_and_a_mapped_ipv4_is_itself() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client(a), client(b));
        assert_ne!(client(a), client(other));
        let mapped: IpAddr = "::ffff:203.0.113.7".parse().unwrap();
        assert_eq!(client(mapped), "203.0.113.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn every_spelling_of_a_phone_is_one_account() {
        let key = account_key("13800000000");
        for spelling in [
            "+86 138 0000 0000",
            "138-0000-0000",
            "86 13800000000",
            " 13800000000 ",
        ] {
            assert_eq!(account_key(spelling), key, "{spelling}");
        }
        assert_eq!(account_key("Intake"), account_key("intake"));
    }
}
