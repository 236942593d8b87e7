//! Field encryption (XChaCha20-Poly1305), keyed blind indexes and keyed hashes (HMAC-SHA256).

use anyhow::anyhow;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Which personal field a value belongs to. It is bound into every ciphertext and
/// index, so a value cannot be moved from one column to another unnoticed.
#[derive(Clone, Copy, Debug)]
pub enum Field {
    RealName,
    IdNumber,
    Phone,
    Email,
    Address,
    /// A saved idempotent response (it holds a query code).
    SavedResponse,
    /// The short-lived receipt cookie shown once after filing.
    Receipt,
    /// The cookie that lets a browser see a petition's progress after a look-up.
    TrackGrant,
    /// A staff member's TOTP secret.
    TotpSecret,
    /// An outbox message's recipient and parameters (phones, query codes).
    Outbox,
    /// An SMS verification code, bound to its phone and purpose (keyed hash only).
    VerificationCode,
    /// An attachment's content (ID scans, evidence), bound to its storage key.
    Attachment,
}

impl Field {
    fn label(self) -> &'static [u8] {
        match self {
            Field::RealName => b"real_name",
            Field::IdNumber => b"id_number",
            Field::Phone => b"phone",
            Field::Email => b"email",
            Field::Address => b"address",
            Field::SavedResponse => b"saved_response",
            Field::Receipt => b"receipt",
            Field::TrackGrant => b"track_grant",
            Field::TotpSecret => b"totp_secret",
            Field::Outbox => b"outbox",
            Field::VerificationCode => b"verification_code",
            Field::Attachment => b"attachment",
        }
    }
}

/// Holds the keys derived from the master key; cheap to clone behind an `Arc`.
pub struct Vault {
    cipher: XChaCha20Poly1305,
    index_key: [u8; 32],
    code_key: [u8; 32],
    token_key: [u8; 32],
    jwt_key: [u8; 32],
    audit_key: [u8; 32],
}

impl Vault {
    /// Derives one independent key per purpose (HKDF-SHA256), so that no key serves two uses.
    pub fn new(master: &[u8; 32]) -> Self {
        let hk = Hkdf::<Sha256>::new(Some(b"petition-portal/v1"), master);
        let derive = |info: &[u8]| {
            let mut k = [0u8; 32];
            hk.expand(info, &mut k)
                .expect("32 bytes is a valid HKDF length");
            k
        };
        Self {
            cipher: XChaCha20Poly1305::new(&derive(b"field-encryption").into()),
            index_key: derive(b"blind-index"),
            code_key: derive(b"query-code"),
            token_key: derive(b"refresh-token"),
            jwt_key: derive(b"jwt-hs256"),
            audit_key: derive(b"audit-chain"),
        }
    }

    /// `nonce || ciphertext`, with a fresh random 192-bit nonce.
    pub fn encrypt(&self, field: Field, plaintext: &str) -> Vec<u8> {
        let nonce = super::random_bytes::<24>();
        let ct = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: field.label(),
                },
            )
            .expect("encryption of an in-memory buffer cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        out
    }

    /// Encrypts bytes of `field` bound to `context` (e.g. a file's storage key, so that a
    /// file moved under another name no longer opens).
    pub fn seal(&self, field: Field, context: &[u8], bytes: &[u8]) -> Vec<u8> {
        let nonce = super::random_bytes::<24>();
        let aad = [field.label(), b"\0", context].concat();
        let ct = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: bytes,
                    aad: &aad,
                },
            )
            .expect("encryption of an in-memory buffer cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        out
    }

    /// Opens what [`Vault::seal`] sealed for the same field and context.
    pub fn open(&self, field: Field, context: &[u8], data: &[u8]) -> anyhow::Result<Vec<u8>> {
        if data.len() < 24 {
            return Err(anyhow!("ciphertext too short"));
        }
        let (nonce, ct) = data.split_at(24);
        let aad = [field.label(), b"\0", context].concat();
        self.cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: &aad })
            .map_err(|_| anyhow!("ciphertext does not authenticate"))
    }

    pub fn decrypt(&self, field: Field, data: &[u8]) -> anyhow::Result<String> {
        if data.len() < 24 {
            return Err(anyhow!("ciphertext too short"));
        }
        let (nonce, ct) = data.split_at(24);
        let pt = self
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: field.label(),
                },
            )
            .map_err(|_| anyhow!("ciphertext does not authenticate"))?;
        Ok(String::from_utf8(pt)?)
    }

    /// A deterministic keyed index of a normalised value, for equality look-ups.
    pub fn blind_index(&self, field: Field, normalised: &str) -> Vec<u8> {
        mac(
            &self.index_key,
            &[field.label(), b"\0", normalised.as_bytes()],
        )
    }

    /// The stored form of a query code, bound to its petition number.
    pub fn query_code_hash(&self, number: &str, code: &str) -> Vec<u8> {
        mac(&self.code_key, &[number.as_bytes(), b"\0", code.as_bytes()])
    }

    /// The stored form of a refresh token.
    pub fn token_hash(&self, token: &str) -> Vec<u8> {
        mac(&self.token_key, &[token.as_bytes()])
    }

    /// A fingerprint of a request body, to tell a retry from a different request under the same key.
    pub fn request_hash(&self, parts: &[&[u8]]) -> Vec<u8> {
        mac(&self.index_key, parts)
    }

    /// One link of the audit chain: a MAC over the previous link and this record's
    /// length-prefixed fields, so that nobody without the key can re-forge the chain.
    pub fn audit_mac(&self, prev: &[u8], fields: &[&[u8]]) -> Vec<u8> {
        let mut parts: Vec<&[u8]> = vec![prev];
        let lens: Vec<[u8; 8]> = fields
            .iter()
            .map(|f| (f.len() as u64).to_be_bytes())
            .collect();
        for (f, len) in fields.iter().zip(&lens) {
            parts.push(len);
            parts.push(f);
        }
        mac(&self.audit_key, &parts)
    }

    pub fn jwt_key(&self) -> &[u8; 32] {
        &self.jwt_key
    }
}

fn mac(key: &[u8; 32], parts: &[&[u8]]) -> Vec<u8> {
    let mut m = <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().to_vec()
}

/// Compares two hashes in constant time.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_binds_the_field() {
        let v = Vault::new(&[7; 32]);
        let ct = v.encrypt(Field::Phone, "13800000000");
        assert_eq!(v.decrypt(Field::Phone, &ct).unwrap(), "13800000000");
        assert!(
            v.decrypt(Field::IdNumber, &ct).is_err(),
            "a phone ciphertext must not open as an ID number"
        );
        assert_ne!(
            v.encrypt(Field::Phone, "13800000000"),
            ct,
            "nonces are fresh"
        );
    }

    #[test]
    fn indexes_are_deterministic_and_keyed() {
        let (a, b) = (Vault::new(&[1; 32]), Vault::new(&[2; 32]));
        assert_eq!(
            a.blind_index(Field::Phone, "138"),
            a.blind_index(Field::Phone, "138")
        );
        assert_ne!(
            a.blind_index(Field::Phone, "138"),
            b.blind_index(Field::Phone, "138")
        );
        assert_ne!(
            a.blind_index(Field::Phone, "138"),
            a.blind_index(Field::IdNumber, "138")
        );
    }
}
