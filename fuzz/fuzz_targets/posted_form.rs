//! Arbitrary `name=value` lines posted as the first page of the demo kindergarten form.
#![no_main]

use std::sync::LazyLock;

use domain::forms::FormSchema;

static SCHEMA: LazyLock<FormSchema> = LazyLock::new(|| {
    serde_json::from_slice(include_bytes!("../../regions/demo/forms/kindergarten-enrolment.json")).expect("the demo form")
});

libfuzzer_sys::fuzz_target!(|data: &[u8]| domain::forms::fuzzing::posted_form(&SCHEMA, data));
