//! Password hashing with argon2id (OWASP parameters) and the common-password check.

use std::collections::HashSet;

use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use shared::person::{Password, PasswordError};

pub struct PasswordPolicy {
    common: HashSet<&'static str>,
    /// Verified against when the account does not exist, so that an unknown phone
    /// number costs the same argon2 work as a wrong password.
    dummy_hash: String,
    /// Hashes at once, process-wide: each takes 19 MiB and a core for tens of
    /// milliseconds, so a burst of logins or registrations waits its turn instead of
    /// taking gigabytes of memory on the blocking pool.
    permits: tokio::sync::Semaphore,
}

/// Hashes computed at the same time (4 × 19 MiB at most).
const CONCURRENT_HASHES: usize = 4;

/// argon2id, m = 19 MiB, t = 2, p = 1: the OWASP Password Storage Cheat Sheet minimum.
fn hasher() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(19_456, 2, 1, None).expect("valid argon2 params"),
    )
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::encode_b64(&crate::crypto::random_bytes::<16>())
        .expect("16 bytes is a valid salt");
    Ok(hasher()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .to_string())
}

impl PasswordPolicy {
    pub fn new() -> Self {
        let common = include_str!("../../data/common-passwords.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let dummy_hash =
            hash_now("dummy password that no account has").expect("hashing a constant works");
        Self {
            common,
            dummy_hash,
            permits: tokio::sync::Semaphore::new(CONCURRENT_HASHES),
        }
    }

    /// Refuses the 10 000 most common passwords, whatever their letter case.
    pub fn check(&self, password: &Password) -> Result<(), PasswordError> {
        if self
            .common
            .contains(password.expose().to_lowercase().as_str())
        {
            return Err(PasswordError::Common);
        }
        Ok(())
    }

    /// Hashes on the blocking pool: argon2 takes tens of milliseconds of CPU.
    pub async fn hash(&self, password: &Password) -> anyhow::Result<String> {
        let password = password.expose().to_owned();
        let _permit = self.permits.acquire().await.context("hashing closed")?;
        tokio::task::spawn_blocking(move || hash_now(&password))
            .await
            .context("hashing task failed")?
    }

    /// Verifies `candidate` against `stored`, or against a dummy hash when there is no account.
    pub async fn verify(&self, stored: Option<String>, candidate: &str) -> bool {
        let exists = stored.is_some();
        let hash = stored.unwrap_or_else(|| self.dummy_hash.clone());
        let candidate = candidate.to_owned();
        let Ok(_permit) = self.permits.acquire().await else {
            return false;
        };
        let ok = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash).is_ok_and(|parsed| {
                hasher()
                    .verify_password(candidate.as_bytes(), &parsed)
                    .is_ok()
            })
        })
        .await
        .unwrap_or(false);
        ok && exists
    }
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_common_passwords_in_any_case() {
        let policy = PasswordPolicy::new();
        assert_eq!(
            policy.check(&Password::parse("PASSWORD1").unwrap()),
            Err(PasswordError::Common)
        );
        assert!(
            policy
                .check(&Password::parse("信访平台-长且少见的口令").unwrap())
                .is_ok()
        );
    }

    #[tokio::test]
    async fn verifies_its_own_hashes_and_nothing_else() {
        let policy = PasswordPolicy::new();
        let pw = Password::parse("correct horse battery").unwrap();
        let hash = policy.hash(&pw).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            policy
                .verify(Some(hash.clone()), "correct horse battery")
                .await
        );
        assert!(
            !policy.verify(Some(hash), "correct horse battery ").await,
            "byte-exact: a trailing space differs"
        );
        assert!(
            !policy
                .verify(None, "dummy password that no account has")
                .await
        );
    }
}
