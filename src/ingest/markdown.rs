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

#[cfg(test)]
mod tests {
    use super::*;

    /// `(what, markdown, text)`.
    const PAGES: &[(&str, &str, &str)] = &[
        (
            "headings, emphasis and links lose their marks",
            "# Политика конфиденциальности\n\n## 1. Общие положения\n\n\
             1.1. **Оператор** — _ООО «Ромашка»_, сайт [romashka.ru](https://romashka.ru/about).\n",
            "Политика конфиденциальности\n\n1. Общие положения\n\n\
             1.1. Оператор — ООО «Ромашка», сайт romashka.ru.\n",
        ),
        (
            "bullets and numbered lists keep their markers",
            "Мы собираем:\n\n* имя;\n- телефон;\n\n3. третий\n1. четвёртый\n",
            "Мы собираем:\n\n• имя;\n• телефон;\n3. третий\n4. четвёртый\n",
        ),
        (
            "tables are TSV rows",
            "| Данные | Цель |\n| --- | --- |\n| Имя | Связь |\n",
            "Данные\tЦель\nИмя\tСвязь\n",
        ),
        (
            "the lines of a paragraph are joined, a hard break is kept",
            "первая строка\nвторая строка  \nтретья\n",
            "первая строка вторая строка\nтретья\n",
        ),
        (
            "code keeps its text, inline HTML is rendered",
            "`ИНН 7707083893`<br>строка\n\n```\n1. код\n```\n",
            "ИНН 7707083893\nстрока\n\n1. код\n",
        ),
    ];

    #[test]
    fn rendering_rules() {
        let mut bad = Vec::new();
        for (what, md, want) in PAGES {
            let got = Markdown.read(md.as_bytes().to_vec()).unwrap().text;
            if got != *want {
                bad.push(format!("{what}:\n  got  {got:?}\n  want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn encoding_is_detected_as_for_text() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1251.encode("# Политика\n\nТекст политики о данных.\n");
        let d = Markdown.read(bytes.into_owned()).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert_eq!(d.text, "Политика\n\nТекст политики о данных.\n");
    }
}
