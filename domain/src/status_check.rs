//! Status by number: anyone holding an application's registration number and the code printed on
//! its receipt sees where it stands without logging in (a relative who files for someone, a
//! citizen at a friend's phone), and nothing else: no name, no answers, no files.

use serde::{Deserialize, Serialize};

use crate::application::Status;

/// Letters and digits of a code: no 0/O, 1/I/L, so that it reads back from paper without doubt.
pub const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Characters in a code: 31^8 ≈ 2^39.6, beyond guessing under the rate limits.
pub const CODE_LEN: usize = 8;

/// The code as typed (any case, spaces or dashes between groups) in its stored form, or `None`
/// when it cannot be one.
pub fn normalize_code(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// The code as printed: two groups of four, `ABCD-EFGH`.
pub fn display_code(code: &str) -> String {
    match code.split_at_checked(CODE_LEN / 2) {
        Some((a, b)) => format!("{a}-{b}"),
        None => code.to_owned(),
    }
}

/// What the public check shows: where the application stands, and nothing about who filed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicStatus {
    /// Registration number.
    pub number: String,
    /// The service's title.
    pub service_title: String,
    /// Status.
    pub status: Status,
    /// Registered (local time).
    pub registered_at: String,
    /// Last change (local time).
    pub updated_at: String,
    /// The regulatory deadline, `YYYY-MM-DD`.
    pub deadline: Option<String>,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_code_reads_back_however_it_was_typed() {
        assert_eq!(normalize_code("abcd-efgh").as_deref(), Some("ABCDEFGH"));
        assert_eq!(normalize_code(" ABCD EFGH ").as_deref(), Some("ABCDEFGH"));
        assert_eq!(display_code("ABCDEFGH"), "ABCD-EFGH");
        for bad in ["", "ABCDEFG", "ABCDEFGHJ", "ABCD-EFG0", "ABCDEFGI", "АБВГДЕЖЗ"] {
            assert_eq!(normalize_code(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn every_printed_code_reads_back(picks in proptest::collection::vec(0..ALPHABET.len(), CODE_LEN)) {
            let code: String = picks.iter().map(|&i| ALPHABET[i] as char).collect();
            prop_assert_eq!(normalize_code(&display_code(&code)), Some(code.clone()));
            prop_assert_eq!(normalize_code(&display_code(&code).to_lowercase()), Some(code));
        }
    }
}
