//! 保留填写内容: what a form posted without JavaScript held, kept for the page a refusal
//! sends the browser back to, so that nothing typed is lost.
//!
//! Kept in this process's memory only (never in the database or a log), for ten minutes,
//! and only for the browser holding the cookie named after it. Passwords and files are
//! never kept: the form says so.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a refused form waits for its browser to come back.
pub const TTL: Duration = Duration::from_secs(10 * 60);
/// At most this many forms are kept at once; beyond it a refusal keeps nothing (the
/// browser still gets its error), so a flood cannot grow the memory.
const MAX_FORMS: usize = 512;
/// A kept value is cut at this many bytes (事实和理由 is at most 5000 characters).
const MAX_VALUE_BYTES: usize = 16 * 1024;

/// Fields that are never kept, whatever the form.
const NEVER: [&str; 4] = ["password", "new_password", "idempotency_key", "sms_code"];

struct Kept {
    until: Instant,
    form: &'static str,
    fields: HashMap<String, String>,
}

#[derive(Default)]
pub struct KeptForms {
    forms: Mutex<HashMap<String, Kept>>,
}

impl KeptForms {
    /// Keeps `fields` of `form` and returns the cookie value that finds them again, or
    /// `None` when too many forms are kept already.
    pub fn keep(&self, form: &'static str, fields: HashMap<String, String>) -> Option<String> {
        let fields: HashMap<String, String> = fields
            .into_iter()
            .filter(|(k, v)| !NEVER.contains(&k.as_str()) && v.len() <= MAX_VALUE_BYTES)
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
                fields,
            },
        );
        Some(key)
    }

    /// What `form` held when the browser with `key` posted it last, if that was less than
    /// ten minutes ago. A reload shows it again; it is gone once it expires or is sent.
    pub fn get(&self, key: &str, form: &str) -> Option<HashMap<String, String>> {
        let forms = self.forms.lock().unwrap_or_else(|e| e.into_inner());
        forms
            .get(key)
            .filter(|k| k.form == form && k.until > Instant::now())
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
                posted(&[("real_name", "刘晓燕"), ("password", "秘密-2024")]),
            )
            .unwrap();
        let back = kept.get(&key, "register").unwrap();
        assert_eq!(back.get("real_name").map(String::as_str), Some("刘晓燕"));
        assert!(!back.contains_key("password"));
        assert!(
            kept.get(&key, "file").is_none(),
            "another form's page gets nothing"
        );
        assert!(kept.get("guessed", "register").is_none());
        kept.forget(&key);
        assert!(kept.get(&key, "register").is_none());
    }

    #[test]
    fn a_flood_of_refused_forms_stops_at_the_cap() {
        let kept = KeptForms::default();
        for _ in 0..MAX_FORMS {
            assert!(kept.keep("file", posted(&[("title", "x")])).is_some());
        }
        assert!(kept.keep("file", posted(&[("title", "x")])).is_none());
    }
}
