//! Normalization to one canonical text per document.

/// Produce the canonical text.
pub fn normalize(raw: &str) -> String {
    raw.to_string()
}
