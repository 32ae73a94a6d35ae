//! The input-format seam: a [`Reader`] turns a file's raw bytes into text plus what it knows of
//! the source (the encoding); `ingest::READERS` is the registry consulted in order.
//!
//! The first reader that claims a file (by its name or by sniffing its first bytes) reads it;
//! the plain-text reader claims everything and comes last. To add a format (HTML, Markdown,
//! DOCX, …): write `src/ingest/NAME.rs` with a type implementing [`Reader`], and put it in
//! `ingest::READERS` before the plain-text reader.

use super::decode::Decoded;
use crate::error::DocError;

/// How many leading bytes [`Reader::claims`] is shown.
pub const SNIFF_BYTES: usize = 1024;

/// One input format.
pub trait Reader: Send + Sync {
    /// Short name of the format (`text`, `html`, …).
    fn name(&self) -> &'static str;

    /// Whether this reader reads the file at `path` (as given; its extension) starting with
    /// `head` (at most [`SNIFF_BYTES`] bytes).
    fn claims(&self, path: &str, head: &[u8]) -> bool;

    /// Decode the raw bytes into the text the core analyses.
    fn read(&self, bytes: Vec<u8>) -> Result<Decoded, DocError>;
}

#[cfg(test)]
mod tests {
    use crate::ingest::{reader_for, READERS};

    #[test]
    fn plain_text_is_the_last_resort() {
        assert_eq!(reader_for("a/b.txt", b"hello").name(), "text");
        assert_eq!(reader_for("noext", b"").name(), "text");
        assert_eq!(READERS.last().unwrap().name(), "text");
    }
}
