//! The input-format seam: a [`Reader`] turns a file's raw bytes into text plus what it knows of
//! the source (the encoding); `ingest::READERS` is the registry consulted in order.
//!
//! The first reader that claims a file (by its name or by sniffing its first bytes) reads it;
//! the plain-text reader claims everything and comes last. To add a format (ODT, EPUB,
//! …): write `src/ingest/NAME.rs` with a type implementing [`Reader`], and put it in
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

/// Whether the file name at the end of `path` ends in `.EXT` for one of `exts` (lower case),
/// whatever the case of the name.
pub fn has_extension(path: &str, exts: &[&str]) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && exts.iter().any(|e| ext.eq_ignore_ascii_case(e))
    })
}

/// Run `f`, catching a panic as its message, without the panic hook printing it: for readers
/// that call crates which may panic on malformed files (the reader turns the message into a
/// [`crate::error::DocError::Format`]). The process's hook is wrapped once;
/// panics on other threads, or outside such a call, are printed as before.
pub fn catch_quietly<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    use std::cell::Cell;
    use std::sync::Once;
    thread_local!(static QUIET: Cell<bool> = const { Cell::new(false) });
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic".into())
    });
    QUIET.with(|q| q.set(was));
    r
}

#[cfg(test)]
mod tests {
    use crate::ingest::{reader_for, READERS};

    #[test]
    fn panics_are_caught_quietly() {
        let r: Result<(), String> = super::catch_quietly(|| panic!("boom {}", 1));
        assert_eq!(r.unwrap_err(), "boom 1");
        assert_eq!(super::catch_quietly(|| 5), Ok(5));
    }

    #[test]
    fn plain_text_is_the_last_resort() {
        assert_eq!(reader_for("a/b.txt", b"hello").name(), "text");
        assert_eq!(reader_for("noext", b"").name(), "text");
        assert_eq!(READERS.last().unwrap().name(), "text");
    }

    #[test]
    fn readers_by_extension_and_content() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("p.html", b"hello", "html"),
            ("P.HTM", b"hello", "html"),
            ("dir/p.Html", b"", "html"),
            ("p.txt", b"<!DOCTYPE html><p>x", "html"),
            ("p", b"\xEF\xBB\xBF  \n<html lang=ru>", "html"),
            ("p.txt", b"<!-- saved from url -->\n<HTML>", "html"),
            ("p.txt", b"  <body>", "html"),
            ("p.txt", b"\xFF\xFE<\0h\0t\0m\0l\0>\0", "html"),
            ("p.txt", b"<b>not a page</b>", "text"),
            ("p.txt", b"1. <html> is a tag", "text"),
            ("p.txt", b"<htmlx>", "text"),
            ("p.md", b"# Title", "markdown"),
            ("p.MARKDOWN", b"# Title", "markdown"),
            ("p.md", b"<!doctype html>", "html"),
            ("html", b"plain", "text"),
            (".md", b"plain", "text"),
            ("a.html/p.txt", b"plain", "text"),
            ("p.docx", b"PK\x03\x04\x14\0", "docx"),
            ("p.DOCX", b"PK\x03\x04\x14\0", "docx"),
            ("p.zip", b"PK\x03\x04\x14\0\x06\0word/document.xml", "docx"),
            ("p.docx", b"not a zip", "text"),
            ("p.zip", b"PK\x03\x04xl/workbook.xml", "text"),
            ("p.pdf", b"%PDF-1.7\n", "pdf"),
            ("p.PDF", b"garbage", "pdf"),
            ("p.txt", b"%PDF-1.4\n%\xE2\xE3", "pdf"),
            ("p.pdf", b"", "text"),
            ("p.txt", b"a PDF-1.4 file", "text"),
        ];
        for (path, head, want) in cases {
            assert_eq!(reader_for(path, head).name(), *want, "{path} {head:?}");
        }
    }
}
