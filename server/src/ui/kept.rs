//! 保留填写内容: what a form posted without JavaScript held, kept for the page a refusal
//! sends the browser back to, so that nothing typed is lost.
//!
//! Kept in this process's memory only (never in the database or a log), for ten minutes,
//! and only for the browser holding the cookie named after it, signed in as it was then
//! (another person signing in on that browser finds nothing). Passwords and files are
//! never kept: the form says so.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a refused form waits for its browser to come back.
pub const TTL: Duration = Duration::from_secs(10 * 60);
/// At most this many forms are kept at once; beyond it a refusal keeps nothing (the
/// browser still gets its error), so a flood cannot grow the memory.
const MAX_FORMS: usize = 512;
/// A kept form holds at most this many bytes (事实和理由, the longest field, is at most
/// 5000 characters, 15 KB): fields beyond it are not kept, so 512 forms stay under 16 MB.
const MAX_FORM_BYTES: usize = 32 * 1024;

/// Fields that are never kept, whatever the form.
const NEVER: [&str; 4] = ["password", "new_password", "idempotency_key", "sms_code"];

struct Kept {
    until: Instant,
    form: &'static str,
    /// The browser's sign-in (its access cookie) when the form was posted, if any.
    owner: Option<String>,
    fields: HashMap<String, String>,
}

#[derive(Default)]
pub struct KeptForms {
    forms: Mutex<HashMap<String, Kept>>,
}

impl KeptForms {
    /// Keeps `fields` of `form` and returns the cookie value that finds them again, or
    /// `None` when too many forms are kept already.
    pub fn keep(
        &self,
        form: &'static str,
        owner: Option<String>,
        fields: HashMap<String, String>,
    ) -> Option<String> {
        let mut room = MAX_FORM_BYTES;
        let fields: HashMap<String, String> = fields
            .into_iter()
            .filter(|(k, v)| {
                let size = k.len() + v.len();
                let keep = !NEVER.contains(&k.as_str()) && size <= room;
                if keep {
                    room -= size;
                }
                keep
            })
            .collect();
        let now = Instant::now();
        let mut forms = self.forms.lock().unwrap_or_else(|e| e.into_inner());
        forms.retain(|_, k| k.until > now);
        if forms.len() >= MAX_FORMS {
            return None;
        }
        let key = uuid::Uuid::new_v4().simple().to_string();
        forms.insert(
            key.clone(),
            Kept {
                until: now + TTL,
                form,
                owner,
                fields,
            },
        );
        Some(key)
    }

    /// What `form` held when the browser with `key` posted it last, if that was less than
    /// ten minutes ago. A reload shows it again; it is gone once it expires or is sent.
    pub fn get(
        &self,
        key: &str,
        form: &str,
        owner: Option<&str>,
    ) -> Option<HashMap<String, String>> {
        let forms = self.forms.lock().unwrap_or_else(|e| e.into_inner());
        forms
            .get(key)
            .filter(|k| k.form == form && k.owner.as_deref() == owner && k.until > Instant::now())
            .map(|k| k.fields.clone())
    }

    /// Forgets what the browser with `key` posted (its form went through).
    pub fn forget(&self, key: &str) {
        let mut forms = self.forms.lock().unwrap_or_else(|e| e.into_inner());
        forms.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_kept_form_comes_back_to_its_browser_without_its_password() {
        let kept = KeptForms::default();
        let key = kept
            .keep(
                "register",
                None,
                posted(&[("real_name", "刘晓燕"), ("password", "秘密-2024")]),
            )
            .unwrap();
        let back = kept.get(&key, "register", None).unwrap();
        assert_eq!(back.get("real_name").map(String::as_str), Some("刘晓燕"));
        assert!(!back.contains_key("password"));
        assert!(
            kept.get(&key, "file", None).is_none(),
            "another form's page gets nothing"
        );
        assert!(kept.get("guessed", "register", None).is_none());
        kept.forget(&key);
        assert!(kept.get(&key, "register", None).is_none());
    }

    #[test]
    fn someone_else_signed_in_on_the_same_browser_finds_nothing() {
        let kept = KeptForms::default();
        let key = kept
            .keep("file", Some("token-a".into()), posted(&[("facts", "事实")]))
            .unwrap();
        assert!(kept.get(&key, "file", Some("token-a")).is_some());
        assert!(kept.get(&key, "file", Some("token-b")).is_none());
        assert!(kept.get(&key, "file", None).is_none());
    }

    #[test]
    fn a_kept_form_never_holds_more_than_its_share_of_memory() {
        let kept = KeptForms::default();
        let big = "水".repeat(8 * 1024);
        let form: HashMap<String, String> =
            (0..20).map(|i| (format!("f{i}"), big.clone())).collect();
        let key = kept.keep("file", None, form).unwrap();
        let back = kept.get(&key, "file", None).unwrap();
        let bytes: usize = back.iter().map(|(k, v)| k.len() + v.len()).sum();
        assert!(bytes <= MAX_FORM_BYTES && !back.is_empty(), "{bytes}");
    }

    #[test]
    fn a_flood_of_refused_forms_stops_at_the_cap() {
        let kept = KeptForms::default();
        for _ in 0..MAX_FORMS {
            assert!(kept.keep("file", None, posted(&[("title", "x")])).is_some());
        }
        assert!(kept.keep("file", None, posted(&[("title", "x")])).is_none());
    }
}
