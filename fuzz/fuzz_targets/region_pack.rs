//! Arbitrary bytes as the files of a region pack folder (split at `#--- <path>` lines), read and
//! checked as `portal import-region` reads them.
#![no_main]

use std::sync::LazyLock;

static RUNTIME: LazyLock<tokio::runtime::Runtime> =
    LazyLock::new(|| tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime"));

libfuzzer_sys::fuzz_target!(|data: &[u8]| RUNTIME.block_on(backend::testing::load_pack_bytes(data)));
