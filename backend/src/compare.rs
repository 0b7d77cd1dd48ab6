//! Comparing secrets (API key hashes, status codes) in time that does not depend on where they
//! first differ.

/// `a == b`, in constant time for inputs of the same length.
pub(crate) fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
