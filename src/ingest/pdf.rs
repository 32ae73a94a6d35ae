//! PDF with a text layer: the text of its pages, put back into lines a reader would see.
//!
//! The text is taken by `pdf-extract` (on `lopdf`), page by page, with each font's `ToUnicode`
//! map (what LibreOffice and Word write for Cyrillic), then tidied:
//!
//! * a word hyphenated at a line end is joined (`обра-\nботка` → `обработка`) when a lower-case
//!   letter follows; the hyphen is kept (`интернет-\nмагазин` → `интернет-магазин`) when the
//!   document writes the same pair with a hyphen inside a line, when the second part is a particle
//!   (`-то`, `-либо`, `-нибудь`, `-таки`) or the first a common compound head (`интернет`,
//!   `онлайн`, `веб`, …) or not Cyrillic;
//! * every other line break stays, so each numbered clause still starts its own line;
//! * page-number lines (`5`, `- 5 -`, `стр. 5`, `5 из 12`, `Page 5 of 12`) at the top or bottom of
//!   a page are dropped, and so is a running header or footer: a line found at the top (or
//!   bottom) of at least half of the pages, when there are three or more (digits ignored);
//! * pages are separated by a line break; blank-line runs collapse later, in normalization.
//!
//! What goes wrong says so: a file `lopdf` cannot parse (truncated, corrupt) or a PDF encrypted
//! with a password is a [`DocError::Format`]; one whose pages give no text at all (a scan) is
//! [`DocError::NoTextLayer`], which says it needs OCR.
//!
//! Limits against hostile files (`pdf-extract` decodes what it is given in memory and recurses
//! into forms): images are never decoded (each image is replaced by an empty form before the
//! text is taken, so a scan costs no decompression); no Flate stream may unpack to more than
//! [`MAX_STREAM_BYTES`], nor all of them to more than [`MAX_UNPACKED_BYTES`]; page-tree parents
//! deeper than [`MAX_DEPTH`] (a loop) and forms drawing forms deeper than [`MAX_DEPTH`] or more
//! than [`MAX_FORM_DRAWS`] times per page are refused, as such files would make the extractor
//! overflow its stack or never end. A panic inside the crates is caught and reported as a
//! [`DocError::Format`] (silently: the panic message is not printed).

use super::decode::Decoded;
use super::reader::{has_extension, Reader};
use crate::error::DocError;
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// No single Flate stream (page content, font, form) may unpack to more than this.
pub const MAX_STREAM_BYTES: u64 = 64 << 20;
/// All Flate streams of a PDF together may unpack to at most this.
pub const MAX_UNPACKED_BYTES: u64 = 256 << 20;
/// The deepest page tree or nesting of forms accepted.
pub const MAX_DEPTH: usize = 32;
/// How many times the forms of one page may be drawn (a form drawn by a form drawn by …).
pub const MAX_FORM_DRAWS: usize = 10_000;

/// PDF files (`.pdf`, or `%PDF-` within the first bytes).
pub struct Pdf;

impl Reader for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn claims(&self, path: &str, head: &[u8]) -> bool {
        memchr::memmem::find(head, b"%PDF-").is_some()
            || (has_extension(path, &["pdf"]) && !head.is_empty())
    }

    fn read(&self, bytes: Vec<u8>) -> Result<Decoded, DocError> {
        let pages =
            super::reader::catch_quietly(|| page_texts(&bytes)).unwrap_or_else(|panic| {
                Err(bad(format!(
                    "the PDF could not be read (the extractor failed: {panic})"
                )))
            })?;
        let n = pages.len();
        if pages.iter().all(|p| p.trim().is_empty()) {
            return Err(DocError::NoTextLayer { pages: n });
        }
        Ok(Decoded {
            text: tidy(pages),
            encoding: "UTF-8",
        })
    }
}

fn bad(reason: impl Into<String>) -> DocError {
    DocError::Format {
        format: "PDF",
        reason: reason.into(),
    }
}

/// The raw text of each page.
fn page_texts(bytes: &[u8]) -> Result<Vec<String>, DocError> {
    let mut doc = Document::load_mem(bytes)
        .map_err(|e| bad(format!("not a readable PDF (truncated or corrupt?): {e}")))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(bad("the PDF is encrypted with a password"));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(bad("the PDF has no pages"));
    }
    blank_images(&mut doc);
    check_streams(&doc)?;
    let mut draws = FormDraws::default();
    for &id in pages.values() {
        check_parents(&doc, id)?;
        draws.check_page(&doc, id)?;
    }
    let mut out = Vec::with_capacity(pages.len());
    for &n in pages.keys() {
        let mut s = String::new();
        let mut dev = pdf_extract::PlainTextOutput::new(&mut s);
        pdf_extract::output_doc_page(&doc, &mut dev, n)
            .map_err(|e| bad(format!("page {n}: the text cannot be taken: {e}")))?;
        out.push(s);
    }
    Ok(out)
}

/// The stream's `/Subtype` is `name`.
fn subtype_is(s: &Stream, name: &[u8]) -> bool {
    matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == name)
}

/// Replace every image by an empty form: the text does not need them, and decoding them costs
/// time and memory (and the extractor would parse their bytes as drawing operators).
fn blank_images(doc: &mut Document) {
    for obj in doc.objects.values_mut() {
        if let Object::Stream(s) = obj {
            if subtype_is(s, b"Image") {
                let mut dict = Dictionary::new();
                dict.set("Type", Object::Name(b"XObject".to_vec()));
                dict.set("Subtype", Object::Name(b"Form".to_vec()));
                dict.set(
                    "BBox",
                    Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
                );
                *s = Stream::new(dict, Vec::new());
            }
        }
    }
}

/// Refuse Flate streams that unpack to more than the limits (a decompression bomb).
fn check_streams(doc: &Document) -> Result<(), DocError> {
    let mut total = 0u64;
    for (id, obj) in &doc.objects {
        let Object::Stream(s) = obj else { continue };
        let flate = match s.dict.get(b"Filter") {
            Ok(Object::Name(n)) => n == b"FlateDecode",
            Ok(Object::Array(a)) => {
                matches!(a.first(), Some(Object::Name(n)) if n == b"FlateDecode")
            }
            _ => false,
        };
        if !flate {
            continue;
        }
        let mut z = flate2::read::ZlibDecoder::new(&s.content[..]).take(MAX_STREAM_BYTES + 1);
        // A stream that is not valid zlib is left to the extractor (it keeps it as it is).
        let n = std::io::copy(&mut z, &mut std::io::sink()).unwrap_or(0);
        if n > MAX_STREAM_BYTES {
            return Err(bad(format!(
                "stream {} {} unpacks to more than {} MB (a decompression bomb?)",
                id.0,
                id.1,
                MAX_STREAM_BYTES >> 20
            )));
        }
        total += n;
        if total > MAX_UNPACKED_BYTES {
            return Err(bad(format!(
                "its streams unpack to more than {} MB together",
                MAX_UNPACKED_BYTES >> 20
            )));
        }
    }
    Ok(())
}

/// Refuse a page whose `/Parent` chain is deeper than [`MAX_DEPTH`] (a loop).
fn check_parents(doc: &Document, page: ObjectId) -> Result<(), DocError> {
    let mut cur = page;
    for _ in 0..MAX_DEPTH {
        let Ok(dict) = doc.get_dictionary(cur) else {
            return Ok(());
        };
        match dict.get(b"Parent").and_then(Object::as_reference) {
            Ok(parent) => cur = parent,
            Err(_) => return Ok(()),
        }
    }
    Err(bad("the page tree loops (or is deeper than 32 levels)"))
}

/// Counts the forms a page draws, following forms into forms, as the extractor will.
#[derive(Default)]
struct FormDraws {
    /// The names each content stream draws with `Do` (decoded once).
    names: HashMap<ObjectId, Vec<Vec<u8>>>,
}

impl FormDraws {
    fn check_page(&mut self, doc: &Document, page: ObjectId) -> Result<(), DocError> {
        let Ok(content) = doc.get_page_content(page) else {
            return Ok(());
        };
        let resources = page_resources(doc, page);
        let mut count = 0usize;
        let mut seen = HashSet::new();
        for name in do_names(&content) {
            self.draw(doc, resources, &name, 1, &mut count, &mut seen)?;
        }
        Ok(())
    }

    fn draw<'a>(
        &mut self,
        doc: &'a Document,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        depth: usize,
        count: &mut usize,
        path: &mut HashSet<ObjectId>,
    ) -> Result<(), DocError> {
        *count += 1;
        if depth > MAX_DEPTH || *count > MAX_FORM_DRAWS {
            return Err(bad(format!(
                "its forms are nested deeper than {MAX_DEPTH} or drawn more than \
                 {MAX_FORM_DRAWS} times on a page (a loop?)"
            )));
        }
        let Some(xobjects) = resources.and_then(|r| deref_dict(doc, r.get(b"XObject").ok())) else {
            return Ok(());
        };
        let Ok(Object::Reference(id)) = xobjects.get(name) else {
            return Ok(());
        };
        let Ok(Object::Stream(s)) = doc.get_object(*id) else {
            return Ok(());
        };
        if !subtype_is(s, b"Form") {
            return Ok(());
        }
        if !path.insert(*id) {
            return Err(bad("a form draws itself (a loop)"));
        }
        let names = self
            .names
            .entry(*id)
            .or_insert_with(|| {
                let content = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                do_names(&content)
            })
            .clone();
        let inner = deref_dict(doc, s.dict.get(b"Resources").ok()).or(resources);
        for n in names {
            self.draw(doc, inner, &n, depth + 1, count, path)?;
        }
        path.remove(id);
        Ok(())
    }
}

/// The resources of a page (its own or inherited).
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut cur = page;
    for _ in 0..MAX_DEPTH {
        let dict = doc.get_dictionary(cur).ok()?;
        if let Some(r) = deref_dict(doc, dict.get(b"Resources").ok()) {
            return Some(r);
        }
        cur = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
    }
    None
}

/// A dictionary object, following one reference.
fn deref_dict<'a>(doc: &'a Document, obj: Option<&'a Object>) -> Option<&'a Dictionary> {
    match obj? {
        Object::Dictionary(d) => Some(d),
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        _ => None,
    }
}

/// The names drawn with `Do` in a content stream (empty when it does not parse).
fn do_names(content: &[u8]) -> Vec<Vec<u8>> {
    let Ok(c) = pdf_extract::content::Content::decode(content) else {
        return Vec::new();
    };
    c.operations
        .into_iter()
        .filter(|op| op.operator == "Do")
        .filter_map(|op| match op.operands.first() {
            Some(Object::Name(n)) => Some(n.clone()),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Tidying the text

/// A line that is only a page number.
fn is_page_number(line: &str) -> bool {
    use std::sync::LazyLock;
    static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^[-–—\s]*(?:(?:стр\.?|страница|page|с\.)\s*)?\d{1,3}(?:\s*(?:из|of|/)\s*\d{1,3})?[-–—\s]*$",
        )
        .unwrap()
    });
    RE.is_match(line.trim())
}

/// A line with its digits ignored (a running header that carries the page number).
fn shape(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// The pages' text as one text (see the module docs).
pub fn tidy(pages: Vec<String>) -> String {
    let mut pages: Vec<Vec<String>> = pages
        .iter()
        .map(|p| p.lines().map(|l| l.trim_end().to_string()).collect())
        .collect();
    // Blank lines at either end of a page go: a word hyphenated across pages is joined too.
    let trim = |lines: &mut Vec<String>| {
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        let lead = lines.iter().take_while(|l| l.trim().is_empty()).count();
        lines.drain(..lead);
    };
    // Page numbers at the top or bottom of a page.
    for lines in &mut pages {
        trim(lines);
        if lines.last().is_some_and(|l| is_page_number(l)) {
            lines.pop();
        }
        if lines.first().is_some_and(|l| is_page_number(l)) {
            lines.remove(0);
        }
        trim(lines);
    }
    // Running headers and footers: the first / last line of at least half of the pages.
    if pages.len() >= 3 {
        let half = pages.len().div_ceil(2).max(3);
        for from_end in [false, true] {
            let edge = |lines: &Vec<String>| {
                let i = if from_end {
                    lines.len().checked_sub(1)?
                } else {
                    0
                };
                lines.get(i).map(|l| (i, shape(l)))
            };
            let mut counts: HashMap<String, usize> = HashMap::new();
            for lines in &pages {
                if let Some((_, s)) = edge(lines) {
                    *counts.entry(s).or_default() += 1;
                }
            }
            for lines in &mut pages {
                if let Some((i, s)) = edge(lines) {
                    if counts[&s] >= half {
                        lines.remove(i);
                        trim(lines);
                    }
                }
            }
        }
    }
    let mut text = String::new();
    for l in pages.iter().flatten() {
        text.push_str(l);
        text.push('\n');
    }
    join_hyphenated(&text)
}

/// The words whose hyphen is kept at a line end (`data/lexicon/ru/pdf_hyphen_keep.tsv`):
/// particles as second parts, and first parts of compounds.
struct HyphenKeep {
    particles: Vec<&'static str>,
    heads: Vec<&'static str>,
}

static HYPHEN_KEEP: std::sync::LazyLock<HyphenKeep> = std::sync::LazyLock::new(|| {
    let mut k = HyphenKeep {
        particles: Vec::new(),
        heads: Vec::new(),
    };
    for [class, word] in crate::lexicon::rows::<2>(
        "pdf_hyphen_keep.tsv",
        include_str!("../../data/lexicon/ru/pdf_hyphen_keep.tsv"),
    ) {
        match class {
            "particle" => k.particles.push(word),
            "head" => k.heads.push(word),
            c => panic!("pdf_hyphen_keep.tsv: unknown CLASS {c:?}"),
        }
    }
    k
});

/// Join words hyphenated at a line end (see the module docs).
pub fn join_hyphenated(text: &str) -> String {
    if !text.contains("-\n") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("-\n") {
        let (before, after) = (&rest[..i], &rest[i + 2..]);
        let head: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after_trim = after.trim_start_matches([' ', '\t']);
        let tail: String = after_trim
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let starts_lower = tail.chars().next().is_some_and(char::is_lowercase);
        out.push_str(before);
        if head.is_empty() || !starts_lower {
            out.push_str("-\n");
        } else {
            let lower = head.to_lowercase();
            let cyrillic = head.chars().all(|c| ('\u{400}'..='\u{4ff}').contains(&c));
            let keep = &*HYPHEN_KEEP;
            let compound = keep.particles.contains(&tail.as_str())
                || keep
                    .heads
                    .iter()
                    .any(|h| lower == *h || (h.chars().count() >= 5 && lower.starts_with(h)))
                || !cyrillic
                || text.contains(&format!("{head}-{tail}"));
            if compound {
                out.push('-');
            }
            // The rest of the word (and of its line) continues this line.
            rest = after_trim;
            continue;
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hyphen words read from data/lexicon/ru/pdf_hyphen_keep.tsv are the old literals.
    #[test]
    fn hyphen_words_are_the_old_literals() {
        const PARTICLES: &[&str] = &["то", "либо", "нибудь", "таки", "ка", "де"];
        const COMPOUND_HEADS: &[&str] = &[
            "интернет",
            "онлайн",
            "офлайн",
            "веб",
            "бизнес",
            "медиа",
            "пресс",
            "вице",
            "экс",
            "мини",
            "смс",
            "сайт",
            "кто",
            "что",
            "как",
            "какой",
            "какая",
            "какие",
            "где",
            "когда",
            "куда",
            "из",
            "по",
            "северо",
            "юго",
            "генерал",
            "главный",
            "мобильн",
        ];
        assert_eq!(HYPHEN_KEEP.particles, PARTICLES);
        assert_eq!(HYPHEN_KEEP.heads, COMPOUND_HEADS);
    }

    #[test]
    fn hyphenation() {
        let cases = [
            ("обра-\nботка данных\n", "обработка данных\n"),
            ("обра-\n  ботка\n", "обработка\n"),
            ("интернет-\nмагазин\n", "интернет-магазин\n"),
            ("веб-\nсайт\n", "веб-сайт\n"),
            ("кто-\nто\n", "кто-то\n"),
            ("e-\nmail\n", "e-mail\n"),
            (
                "пере-\nдача, и снова пере-\nдача\n",
                "передача, и снова передача\n",
            ),
            // The document writes it with a hyphen elsewhere: kept.
            (
                "сервис-\nпровайдер и сервис-провайдер\n",
                "сервис-провайдер и сервис-провайдер\n",
            ),
            // An upper-case or digit start, a dash after a space: not a hyphenated word.
            ("Москва -\nстолица\n", "Москва -\nстолица\n"),
            ("ООО «Ромашка»-\nЗАО\n", "ООО «Ромашка»-\nЗАО\n"),
            ("пункт 1-\n2. Текст\n", "пункт 1-\n2. Текст\n"),
            ("данные-\n\nновый абзац\n", "данные-\n\nновый абзац\n"),
        ];
        for (input, want) in cases {
            assert_eq!(join_hyphenated(input), want, "{input:?}");
        }
    }

    #[test]
    fn page_numbers_and_running_heads() {
        for l in [
            "5",
            " - 12 - ",
            "стр. 3",
            "Страница 2 из 10",
            "Page 4 of 9",
            "3/7",
        ] {
            assert!(is_page_number(l), "{l}");
        }
        for l in ["1.", "5. Права", "2025", "12345", "152-ФЗ"] {
            assert!(!is_page_number(l), "{l}");
        }
        let page = |n: usize, body: &str| {
            format!("ООО «Ромашка». Политика конфиденциальности\n{body}\nстр. {n} из 3\n")
        };
        let got = tidy(vec![
            page(1, "1. Общие положения\n1.1. Текст."),
            page(2, "2. Цели\n2.1. Текст."),
            page(3, "3. Права\n3.1. Текст обра-"),
            "ботки.\n".into(),
        ]);
        let lines: Vec<&str> = got.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "1. Общие положения",
                "1.1. Текст.",
                "2. Цели",
                "2.1. Текст.",
                "3. Права",
                "3.1. Текст обработки."
            ]
        );
        // Two pages: a repeated first line is not taken for a running header.
        let got = tidy(vec!["Политика\n1. А\n".into(), "Политика\n2. Б\n".into()]);
        assert_eq!(got.matches("Политика").count(), 2);
    }

    #[test]
    fn claims() {
        assert!(Pdf.claims("x.txt", b"%PDF-1.7\n"));
        assert!(Pdf.claims("x", b"\xEF\xBB\xBF junk %PDF-1.4"));
        assert!(Pdf.claims("x.PDF", b"garbage"));
        assert!(!Pdf.claims("x.pdf", b""));
        assert!(!Pdf.claims("x.txt", b"PDF is a format"));
    }

    /// A one-page PDF: `page` is added to the page dictionary, `content` is its content stream,
    /// `extra` more objects from number 6 on.
    fn minimal_pdf(page: &str, content: &str, extra: &[&str]) -> Vec<u8> {
        let content_obj = format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len() + 1
        );
        let page_obj = format!(
            "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> \
             /Contents 5 0 R {page} >>"
        );
        let mut objs = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            page_obj,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
            content_obj,
        ];
        objs.extend(extra.iter().map(|s| s.to_string()));
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
        for off in offsets {
            out.extend(format!("{off:010} 00000 n \n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objs.len() + 1
            )
            .bytes(),
        );
        out
    }

    const BOX: &str = "/MediaBox [0 0 595 842]";
    const HELLO: &str = "BT /F1 12 Tf 72 700 Td (1. Hello) Tj 0 -20 Td (2. World) Tj ET";

    #[test]
    fn text_of_a_minimal_pdf() {
        let d = Pdf.read(minimal_pdf(BOX, HELLO, &[])).unwrap();
        assert_eq!(
            d.text.split_whitespace().collect::<Vec<_>>(),
            ["1.", "Hello", "2.", "World"]
        );
        assert!(d.text.contains("Hello\n"), "{:?}", d.text);
        let e = Pdf
            .read(minimal_pdf(BOX, "0 0 m 10 10 l S", &[]))
            .unwrap_err();
        assert_eq!(e, DocError::NoTextLayer { pages: 1 });
    }

    #[test]
    fn panics_and_loops_are_errors() {
        // No MediaBox: the extractor panics; the reader says it failed.
        let e = Pdf
            .read(minimal_pdf("", HELLO, &[]))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("cannot read PDF") && e.contains("extractor failed"),
            "{e}"
        );
        // A form that draws itself would recurse for ever.
        let form = "<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] \
                    /Resources << /XObject << /X 6 0 R >> >> /Length 6 >>\nstream\n/X Do\nendstream";
        let page = format!("{BOX} /Resources << /XObject << /X 6 0 R >> >>");
        let e = Pdf
            .read(minimal_pdf(&page, "/X Do", &[form]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("draws itself"), "{e}");
        // A page whose parent is itself.
        let page = format!("{BOX} /Parent 3 0 R");
        let bytes = minimal_pdf(&page, HELLO, &[]);
        let e = Pdf.read(bytes).unwrap_err().to_string();
        assert!(e.contains("cannot read PDF"), "{e}");
    }

    #[test]
    fn corrupt_and_truncated() {
        for bytes in [&b"%PDF-1.4\n"[..], b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"] {
            match Pdf.read(bytes.to_vec()) {
                Err(DocError::Format {
                    format: "PDF",
                    reason,
                }) => {
                    assert!(reason.contains("PDF"), "{reason}")
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
