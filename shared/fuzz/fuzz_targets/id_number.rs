//! Any text as an ID number: never a panic, and what is accepted reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::person::IdCardNumber;

fuzz_target!(|input: &str| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date");
    if let Ok(id) = IdCardNumber::parse(input, today) {
        assert_eq!(id.as_str().chars().count(), 18);
        let again = IdCardNumber::parse(id.as_str(), today).expect("accepted twice");
        assert_eq!(again.as_str(), id.as_str());
    }
});
