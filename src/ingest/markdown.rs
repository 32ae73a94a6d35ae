//! Markdown (`.md`, `.markdown`): the text of the page as GitHub renders it.
//!
//! The bytes are decoded as plain text is ([`super::decode`]); the Markdown is rendered to HTML
//! by `pulldown-cmark` with GitHub's extensions (tables, strikethrough, task lists, footnotes),
//! and that HTML goes through the HTML reader's text rules ([`super::html::page_text`]): links
//! become their text, emphasis and heading marks go, headings and paragraphs are blocks of their
//! own, `•` marks bullet items and ordered items show their number (from the list's start, as
//! rendered: `1.` `1.` `1.` is shown 1, 2, 3), table rows are TSV, a soft line break is a space
//! (GitHub joins the lines of a paragraph), inline HTML is rendered like a page's.

use super::decode::{decode_vec, Decoded};
use super::html::page_text;
use super::reader::{has_extension, Reader};
use crate::error::DocError;
use pulldown_cmark::{html, Options, Parser};

/// Markdown files.
pub struct Markdown;

impl Reader for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn claims(&self, path: &str, _head: &[u8]) -> bool {
        has_extension(path, &["md", "markdown"])
    }

    fn read(&self, bytes: Vec<u8>) -> Result<Decoded, DocError> {
        let decoded = decode_vec(bytes)?;
        Ok(Decoded {
            text: page_text(&to_html(&decoded.text)),
            encoding: decoded.encoding,
        })
    }
}

/// The HTML GitHub would make of `md` (before its own styling).
pub fn to_html(md: &str) -> String {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM;
    let mut out = String::with_capacity(md.len() + md.len() / 4);
    html::push_html(&mut out, Parser::new_ext(md, opts));
    out
}
