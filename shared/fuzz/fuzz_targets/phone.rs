//! Any text as a mobile number: never a panic; accepted means eleven digits starting with 1.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::person::MobilePhone;

fuzz_target!(|input: &str| {
    if let Ok(phone) = MobilePhone::parse(input) {
        let s = phone.as_str();
        assert!(s.len() == 11 && s.starts_with('1') && s.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(MobilePhone::parse(s).expect("accepted twice").as_str(), s);
    }
});
