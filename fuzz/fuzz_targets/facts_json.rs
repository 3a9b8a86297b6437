#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aftercare_fuzz::facts_json(data));
