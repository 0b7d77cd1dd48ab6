//! Arbitrary bytes as an online form schema: read, checked, and a filled form validated.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| domain::forms::fuzzing::form_schema(data));
