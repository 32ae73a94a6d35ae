//! Word documents (`.docx`): the text Word shows, with its automatic numbering written out.
//!
//! A `.docx` is a zip archive; only three of its parts are read, `word/document.xml` (required),
//! `word/numbering.xml` and `word/styles.xml` (when present), by `zip` and `quick-xml`.
//!
//! * Paragraphs are separated by a blank line (as the HTML reader separates `<p>` blocks);
//!   `w:tab` is a TAB, `w:br` / `w:cr` a line break, `w:noBreakHyphen` a `-`; deleted text
//!   (`w:del`, `w:moveFrom`) and hidden runs (`w:vanish`) are not shown, inserted text
//!   (`w:ins`, `w:moveTo`) is; field codes (`w:instrText`) are not text, field results are.
//!   Of the two versions of an `mc:AlternateContent` block only the first (`mc:Choice`) is read,
//!   so a text box is not shown twice; a text box's paragraphs come before the paragraph that
//!   anchors it.
//! * Tables are TSV rows: one row per line, cells joined by a TAB, the paragraphs of a cell
//!   joined by a space (a nested table's rows too); a blank line around the table.
//! * Automatic numbering: a paragraph's `w:numPr` (its own, else its style's through
//!   `w:basedOn`; a style linked from a level by `w:pStyle` gives that level) is resolved through
//!   `w:num` → `w:abstractNum` (with `w:lvlOverride`: `w:startOverride`, a replaced `w:lvl`) and
//!   the label Word draws is written before the text: `w:lvlText` (`%1.%2.`) with each level's
//!   counter in its `w:numFmt` (decimal, decimalZero, lower/upperLetter, lower/upperRoman,
//!   russianLower/Upper; `w:isLgl` forces decimal; `bullet` is drawn `•`, `none` nothing), then a
//!   space (for `w:suff` tab or space). Counters live per abstract list, as in Word (two `w:num`
//!   of one `w:abstractNum` continue each other; a `w:startOverride` restarts its level the first
//!   time its `w:num` is used); a level advancing resets the deeper ones (`w:lvlRestart`
//!   honoured). `numId` 0 means "no numbering".
//!
//! Bounded memory: the parts read may not unpack to more than [`MAX_XML_BYTES`] together,
//! whatever the archive declares (reading stops one byte past the limit), so a zip bomb is
//! refused with [`DocError::Format`] instead of filling memory. A truncated or corrupt archive,
//! an encrypted one, one without `word/document.xml`, or XML that is not well-formed is a
//! [`DocError::Format`] too, never a panic.

use super::decode::Decoded;
use super::reader::{has_extension, Reader};
use crate::error::DocError;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The XML parts of one document may unpack to at most this many bytes in all (a policy's
/// `document.xml` is well under a megabyte).
pub const MAX_XML_BYTES: u64 = 64 << 20;

/// Word documents (`.docx`, `.docm`, `.dotx`, or a zip whose first entries are Word's).
pub struct Docx;

impl Reader for Docx {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn claims(&self, path: &str, head: &[u8]) -> bool {
        head.starts_with(b"PK\x03\x04")
            && (has_extension(path, &["docx", "docm", "dotx", "dotm"])
                || memchr::memmem::find(head, b"word/").is_some())
    }

    fn read(&self, bytes: Vec<u8>) -> Result<Decoded, DocError> {
        super::reader::catch_quietly(|| read_docx(bytes))
            .unwrap_or_else(|panic| Err(bad(format!("the reader failed: {panic}"))))
    }
}

/// The reader's work, outside the panic guard.
fn read_docx(bytes: Vec<u8>) -> Result<Decoded, DocError> {
    let parts = Parts::unpack(bytes, MAX_XML_BYTES)?;
    let numbering = match &parts.numbering {
        Some(xml) => Numbering::parse(xml).map_err(|e| bad(format!("word/numbering.xml: {e}")))?,
        None => Numbering::default(),
    };
    let styles = match &parts.styles {
        Some(xml) => Styles::parse(xml).map_err(|e| bad(format!("word/styles.xml: {e}")))?,
        None => Styles::default(),
    };
    let text = document_text(&parts.document, &numbering, &styles)
        .map_err(|e| bad(format!("word/document.xml: {e}")))?;
    Ok(Decoded {
        text,
        encoding: parts.encoding,
    })
}

fn bad(reason: impl Into<String>) -> DocError {
    DocError::Format {
        format: "DOCX",
        reason: reason.into(),
    }
}

/// The XML parts read from the archive, as text.
struct Parts {
    document: String,
    numbering: Option<String>,
    styles: Option<String>,
    /// The encoding of `document.xml`.
    encoding: &'static str,
}

impl Parts {
    /// Read the parts, refusing an archive whose parts unpack to more than `limit` bytes.
    fn unpack(bytes: Vec<u8>, limit: u64) -> Result<Parts, DocError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            bad(format!(
                "not a readable zip archive (truncated or corrupt?): {e}"
            ))
        })?;
        let mut budget = limit;
        let mut part =
            |name: &str, required: bool| -> Result<Option<(String, &'static str)>, DocError> {
                let mut file = match zip.by_name(name) {
                    Ok(f) => f,
                    Err(zip::result::ZipError::FileNotFound) if !required => return Ok(None),
                    Err(zip::result::ZipError::FileNotFound) => {
                        return Err(bad(format!(
                            "no {name} in the archive (not a Word document?)"
                        )))
                    }
                    Err(e) => return Err(bad(format!("{name}: {e}"))),
                };
                let too_big = || {
                    bad(format!(
                        "{name} unpacks to more than the limit of {} MB for the XML parts \
                     (a zip bomb?)",
                        limit >> 20
                    ))
                };
                if file.size() > budget {
                    return Err(too_big());
                }
                let mut raw = Vec::with_capacity(file.size() as usize);
                (&mut file)
                    .take(budget + 1)
                    .read_to_end(&mut raw)
                    .map_err(|e| {
                        bad(format!(
                            "{name}: cannot unpack (truncated or corrupt?): {e}"
                        ))
                    })?;
                if raw.len() as u64 > budget {
                    return Err(too_big());
                }
                budget -= raw.len() as u64;
                xml_text(raw)
                    .map(Some)
                    .map_err(|e| bad(format!("{name}: {e}")))
            };
        let (document, encoding) = part("word/document.xml", true)?.expect("required part");
        let numbering = part("word/numbering.xml", false)?.map(|p| p.0);
        let styles = part("word/styles.xml", false)?.map(|p| p.0);
        Ok(Parts {
            document,
            numbering,
            styles,
            encoding,
        })
    }
}

/// An XML part's bytes as text: UTF-8 (a BOM dropped), or UTF-16 with its BOM.
fn xml_text(raw: Vec<u8>) -> Result<(String, &'static str), String> {
    use encoding_rs::{UTF_16BE, UTF_16LE};
    for (bom, enc, name) in [
        (&b"\xFF\xFE"[..], UTF_16LE, "UTF-16LE"),
        (b"\xFE\xFF", UTF_16BE, "UTF-16BE"),
    ] {
        if raw.starts_with(bom) {
            return enc
                .decode_without_bom_handling_and_without_replacement(&raw[2..])
                .map(|s| (s.into_owned(), name))
                .ok_or_else(|| format!("invalid {name}"));
        }
    }
    let skip = if raw.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    match String::from_utf8(raw) {
        Ok(mut s) => {
            s.drain(..skip);
            Ok((s, "UTF-8"))
        }
        Err(e) => Err(format!(
            "invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        )),
    }
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.into_owned())
        })
    })
}

/// `w:val` as a number.
fn val_num(e: &BytesStart<'_>) -> Option<i64> {
    attr(e, "val").and_then(|v| v.trim().parse().ok())
}

/// An on/off property (`<w:vanish/>`, `<w:isLgl w:val="0"/>`): on unless `val` says off.
fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// The local name of an element as a string.
fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

// ---------------------------------------------------------------------------------------------
// numbering.xml

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumFmt {
    /// `1, 2, 3` (also the fallback for the formats not listed).
    #[default]
    Decimal,
    /// `01, 02, … 10`.
    DecimalZero,
    /// `a … z, aa … zz`.
    LowerLetter,
    /// `A … Z, AA … ZZ`.
    UpperLetter,
    /// `i, ii, iii`.
    LowerRoman,
    /// `I, II, III`.
    UpperRoman,
    /// `а, б, в` (Word's 28 letters: no ё, й, ъ, ы, ь).
    RussianLower,
    /// `А, Б, В`.
    RussianUpper,
    /// A bullet: drawn `•` whatever the glyph.
    Bullet,
    /// No number.
    None,
}

impl NumFmt {
    fn parse(s: &str) -> NumFmt {
        match s {
            "decimalZero" => NumFmt::DecimalZero,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperRoman" => NumFmt::UpperRoman,
            "russianLower" => NumFmt::RussianLower,
            "russianUpper" => NumFmt::RussianUpper,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            _ => NumFmt::Decimal,
        }
    }

    /// `n` written in this format.
    pub fn format(self, n: i64) -> String {
        const RU: &[char] = &[
            'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с',
            'т', 'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'э', 'ю', 'я',
        ];
        const LATIN: &[char] = &[
            'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q',
            'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
        ];
        // Word repeats the letter: a … z, aa … zz, aaa …
        let letters = |alphabet: &[char], upper: bool| {
            if n < 1 {
                return n.to_string();
            }
            let len = alphabet.len() as i64;
            let c = alphabet[((n - 1) % len) as usize];
            let c: String = if upper {
                c.to_uppercase().collect()
            } else {
                c.to_string()
            };
            c.repeat(((n - 1) / len + 1).min(64) as usize)
        };
        match self {
            NumFmt::Decimal => n.to_string(),
            NumFmt::DecimalZero if (0..10).contains(&n) => format!("0{n}"),
            NumFmt::DecimalZero => n.to_string(),
            NumFmt::LowerLetter => letters(LATIN, false),
            NumFmt::UpperLetter => letters(LATIN, true),
            NumFmt::RussianLower => letters(RU, false),
            NumFmt::RussianUpper => letters(RU, true),
            NumFmt::LowerRoman => roman(n).to_lowercase(),
            NumFmt::UpperRoman => roman(n),
            NumFmt::Bullet => "•".into(),
            NumFmt::None => String::new(),
        }
    }
}

/// `n` in Roman numerals (decimal outside 1..=3999, as Word does past its range).
fn roman(n: i64) -> String {
    if (1..4000).contains(&n) {
        super::html::roman(n)
    } else {
        n.to_string()
    }
}

/// One level of a list (`w:lvl`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Level {
    /// `w:start` (1 when absent).
    pub start: i64,
    /// `w:numFmt`.
    pub fmt: NumFmt,
    /// `w:lvlText` (`%1.%2.`); `None` when absent.
    pub text: Option<String>,
    /// `w:isLgl`: every level's number in decimal.
    pub legal: bool,
    /// `w:lvlRestart`: restart after this (1-based) level or a shallower one advances; 0: never.
    pub restart: Option<i64>,
    /// `w:suff` is `nothing`: no space after the label.
    pub no_suffix: bool,
    /// `w:pStyle`: the paragraph style tied to this level.
    pub style: Option<String>,
}

/// An abstract list: its levels (0..=8).
#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: HashMap<u8, Level>,
}

/// One `w:num`: the abstract list it instantiates and its overrides.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: i64,
    /// ilvl → `w:startOverride`.
    start_overrides: HashMap<u8, i64>,
    /// ilvl → a replaced level.
    levels: HashMap<u8, Level>,
}

/// The lists of `word/numbering.xml`.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<i64, Abstract>,
    nums: HashMap<i64, Num>,
}

/// The deepest list level Word has (levels are 0..=8).
const MAX_LEVEL: u8 = 8;

fn level_index(e: &BytesStart<'_>) -> u8 {
    attr(e, "ilvl")
        .and_then(|v| v.trim().parse::<i64>().ok())
        .map_or(0, |l| l.clamp(0, MAX_LEVEL as i64) as u8)
}

impl Numbering {
    /// Parse `word/numbering.xml`.
    pub fn parse(xml: &str) -> Result<Numbering, String> {
        let mut n = Numbering::default();
        let mut r = quick_xml::Reader::from_str(xml);
        // Where we are: the abstract list or num being read, the level, inside lvlOverride.
        let mut cur_abstract: Option<(i64, Abstract)> = None;
        let mut cur_num: Option<(i64, Num)> = None;
        let mut cur_level: Option<(u8, Level)> = None;
        let mut override_level: Option<u8> = None;
        let mut depth_in_ppr = 0usize;
        loop {
            let ev = r.read_event().map_err(|e| xml_error(&r, e))?;
            let (e, empty) = match &ev {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => {
                            if let Some((id, a)) = cur_abstract.take() {
                                n.abstracts.entry(id).or_insert(a);
                            }
                        }
                        "num" => {
                            if let Some((id, num)) = cur_num.take() {
                                n.nums.entry(id).or_insert(num);
                            }
                        }
                        "lvl" => {
                            if let Some((ilvl, lvl)) = cur_level.take() {
                                if let Some((_, num)) = cur_num.as_mut() {
                                    num.levels.insert(ilvl, lvl);
                                } else if let Some((_, a)) = cur_abstract.as_mut() {
                                    a.levels.insert(ilvl, lvl);
                                }
                            }
                        }
                        "lvlOverride" => override_level = None,
                        "pPr" | "rPr" => depth_in_ppr = depth_in_ppr.saturating_sub(1),
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let name = local(e);
            if depth_in_ppr > 0 {
                if !empty && matches!(name.as_str(), "pPr" | "rPr") {
                    depth_in_ppr += 1;
                }
                continue;
            }
            match name.as_str() {
                "abstractNum" if !empty => {
                    let id = attr(e, "abstractNumId").and_then(|v| v.parse().ok());
                    cur_abstract = id.map(|id| (id, Abstract::default()));
                }
                "num" if !empty => {
                    let id = attr(e, "numId").and_then(|v| v.parse().ok());
                    cur_num = id.map(|id| (id, Num::default()));
                }
                "abstractNumId" => {
                    if let (Some((_, num)), Some(v)) = (cur_num.as_mut(), val_num(e)) {
                        num.abstract_id = v;
                    }
                }
                "lvlOverride" if !empty => override_level = Some(level_index(e)),
                "startOverride" => {
                    if let (Some((_, num)), Some(l), Some(v)) =
                        (cur_num.as_mut(), override_level, val_num(e))
                    {
                        num.start_overrides.insert(l, v);
                    }
                }
                "lvl" if !empty => {
                    let ilvl = override_level.unwrap_or_else(|| level_index(e));
                    cur_level = Some((
                        ilvl,
                        Level {
                            start: 1,
                            ..Level::default()
                        },
                    ));
                }
                "pPr" | "rPr" if !empty => depth_in_ppr = 1,
                _ => {
                    let Some((_, lvl)) = cur_level.as_mut() else {
                        continue;
                    };
                    match name.as_str() {
                        "start" => lvl.start = val_num(e).unwrap_or(1),
                        "numFmt" => lvl.fmt = NumFmt::parse(&attr(e, "val").unwrap_or_default()),
                        "lvlText" => lvl.text = attr(e, "val"),
                        "isLgl" => lvl.legal = on_off(e),
                        "lvlRestart" => lvl.restart = val_num(e),
                        "suff" => lvl.no_suffix = attr(e, "val").as_deref() == Some("nothing"),
                        "pStyle" => lvl.style = attr(e, "val"),
                        _ => {}
                    }
                }
            }
        }
        Ok(n)
    }

    /// The abstract list of `num_id` and the level definition `ilvl` in effect there.
    fn level(&self, num_id: i64, ilvl: u8) -> Option<(i64, &Level)> {
        let num = self.nums.get(&num_id)?;
        if let Some(l) = num.levels.get(&ilvl) {
            return Some((num.abstract_id, l));
        }
        let a = self.abstracts.get(&num.abstract_id)?;
        a.levels.get(&ilvl).map(|l| (num.abstract_id, l))
    }

    /// The level of `num_id` tied to paragraph style `style` by its `w:pStyle`.
    fn level_of_style(&self, num_id: i64, style: &str) -> Option<u8> {
        let num = self.nums.get(&num_id)?;
        let a = self.abstracts.get(&num.abstract_id)?;
        (0..=MAX_LEVEL).find(|l| {
            num.levels
                .get(l)
                .or_else(|| a.levels.get(l))
                .is_some_and(|lv| lv.style.as_deref() == Some(style))
        })
    }
}

/// The numbering state while the document is read: one set of counters per abstract list.
#[derive(Default)]
pub struct Counters {
    /// abstract id → the counter of each level (`None`: not started).
    values: HashMap<i64, [Option<i64>; 9]>,
    /// The `w:num`s whose start overrides have been applied.
    used: std::collections::HashSet<i64>,
}

impl Counters {
    /// The label of the next paragraph of list `num_id` at level `ilvl` (advancing the
    /// counters), `None` when that list or level does not exist or `num_id` is 0.
    pub fn next(&mut self, numbering: &Numbering, num_id: i64, ilvl: u8) -> Option<String> {
        if num_id == 0 {
            return None;
        }
        let ilvl = ilvl.min(MAX_LEVEL);
        let (abs, lvl) = numbering.level(num_id, ilvl)?;
        let num = numbering.nums.get(&num_id)?;
        let counters = self.values.entry(abs).or_insert([None; 9]);
        if self.used.insert(num_id) {
            for (&l, &start) in &num.start_overrides {
                // The level starts again at the override: the next paragraph shows `start`.
                counters[l as usize] = Some(start - 1);
            }
        }
        let start = |l: u8| {
            num.start_overrides
                .get(&l)
                .copied()
                .or_else(|| numbering.level(num_id, l).map(|(_, lv)| lv.start))
                .unwrap_or(1)
        };
        let value = match counters[ilvl as usize] {
            Some(v) => v.saturating_add(1),
            None => start(ilvl),
        };
        counters[ilvl as usize] = Some(value);
        for deeper in ilvl + 1..=MAX_LEVEL {
            let restart = numbering
                .level(num_id, deeper)
                .and_then(|(_, lv)| lv.restart);
            // lvlRestart n: restart when level n (1-based) or a shallower one advances.
            if restart.is_none_or(|n| n != 0 && i64::from(ilvl) < n) {
                counters[deeper as usize] = None;
            }
        }
        let text = lvl.text.as_deref()?;
        let mut label = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                ('%', Some(d @ '1'..='9')) => {
                    let l = *d as u8 - b'1';
                    chars.next();
                    let n = counters[l as usize].unwrap_or_else(|| start(l));
                    let fmt = numbering
                        .level(num_id, l)
                        .map_or(NumFmt::Decimal, |(_, lv)| lv.fmt);
                    let fmt = if lvl.legal && fmt != NumFmt::Bullet {
                        NumFmt::Decimal
                    } else {
                        fmt
                    };
                    label.push_str(&fmt.format(n));
                }
                _ if lvl.fmt == NumFmt::Bullet => {}
                _ => label.push(c),
            }
        }
        if lvl.fmt == NumFmt::Bullet {
            label = "•".into();
        }
        if label.is_empty() {
            return None;
        }
        if !lvl.no_suffix {
            label.push(' ');
        }
        Some(label)
    }
}

// ---------------------------------------------------------------------------------------------
// styles.xml

/// What a paragraph style says that matters here.
#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    num_id: Option<i64>,
    ilvl: Option<u8>,
    hidden: bool,
}

/// The paragraph styles of `word/styles.xml`.
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
}

impl Styles {
    /// Parse `word/styles.xml`.
    pub fn parse(xml: &str) -> Result<Styles, String> {
        let mut s = Styles::default();
        let mut r = quick_xml::Reader::from_str(xml);
        let mut cur: Option<(String, Style)> = None;
        let mut in_ppr = false;
        let mut in_rpr = false;
        loop {
            match r.read_event().map_err(|e| xml_error(&r, e))? {
                Event::Start(e) | Event::Empty(e) if cur.is_some() || local(&e) == "style" => {
                    let name = local(&e);
                    if name == "style" {
                        cur = attr(&e, "styleId").map(|id| (id, Style::default()));
                        continue;
                    }
                    let Some((_, st)) = cur.as_mut() else {
                        continue;
                    };
                    match name.as_str() {
                        "basedOn" => st.based_on = attr(&e, "val"),
                        "pPr" => in_ppr = true,
                        "rPr" => in_rpr = true,
                        "numId" if in_ppr => st.num_id = val_num(&e),
                        "ilvl" if in_ppr => {
                            st.ilvl = val_num(&e).map(|l| l.clamp(0, MAX_LEVEL as i64) as u8)
                        }
                        "vanish" if in_rpr => st.hidden = on_off(&e),
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "style" => {
                        if let Some((id, st)) = cur.take() {
                            s.styles.entry(id).or_insert(st);
                        }
                    }
                    "pPr" => in_ppr = false,
                    "rPr" => in_rpr = false,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(s)
    }

    /// `(numId, ilvl)` of style `id`, following `w:basedOn` (at most 16 steps: a loop ends).
    fn numbering(&self, id: &str) -> (Option<i64>, Option<u8>) {
        let (mut num, mut lvl) = (None, None);
        let mut cur = Some(id);
        for _ in 0..16 {
            let Some(st) = cur.and_then(|c| self.styles.get(c)) else {
                break;
            };
            num = num.or(st.num_id);
            lvl = lvl.or(st.ilvl);
            cur = st.based_on.as_deref();
        }
        (num, lvl)
    }

    /// Whether runs of style `id` are hidden (`w:vanish` in its run properties).
    fn hidden(&self, id: &str) -> bool {
        let mut cur = Some(id);
        for _ in 0..16 {
            let Some(st) = cur.and_then(|c| self.styles.get(c)) else {
                break;
            };
            if st.hidden {
                return true;
            }
            cur = st.based_on.as_deref();
        }
        false
    }
}

// ---------------------------------------------------------------------------------------------
// document.xml

fn xml_error(r: &quick_xml::Reader<&[u8]>, e: quick_xml::Error) -> String {
    format!("not well-formed XML at byte {}: {e}", r.error_position())
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<i64>,
    ilvl: Option<u8>,
}

/// One table being read: the row so far and the cell so far.
#[derive(Default)]
struct Table {
    row: Vec<String>,
    cell: String,
}

/// The document's text (see the module docs).
pub fn document_text(xml: &str, numbering: &Numbering, styles: &Styles) -> Result<String, String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = String::with_capacity(xml.len() / 4);
    let mut counters = Counters::default();
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    // Depth inside elements whose content is not shown (w:del, mc:Fallback, …): 0 = shown.
    let mut skip = 0usize;
    // Inside a run's w:t (text shown), its properties, a paragraph's properties.
    let mut in_t = false;
    let mut in_rpr = false;
    let mut in_ppr = 0usize;
    let mut run_hidden = false;
    // Inside `w:numPr` of the current paragraph's `w:pPr`.
    let mut in_numpr = false;
    // Elements open: a part that ends inside one is truncated.
    let mut open = 0usize;

    loop {
        let ev = r.read_event().map_err(|e| xml_error(&r, e))?;
        match &ev {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            Event::Eof if open > 0 => {
                return Err(format!(
                    "not well-formed XML: it ends inside {open} open element(s) (truncated?)"
                ))
            }
            _ => {}
        }
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 {
                    if !empty {
                        skip += 1;
                    }
                    continue;
                }
                if in_ppr > 0 {
                    // Paragraph properties: style and numbering; a tracked change of them
                    // (`w:pPrChange`) holds the old ones and is skipped.
                    match name {
                        "pPrChange" | "rPr" | "sectPr" | "tabs" if !empty => skip = 1,
                        "pStyle" => {
                            if let Some(p) = paras.last_mut() {
                                p.style = attr(e, "val");
                            }
                        }
                        "numPr" if !empty => in_numpr = true,
                        "numId" if in_numpr => {
                            if let Some(p) = paras.last_mut() {
                                p.num_id = val_num(e);
                            }
                        }
                        "ilvl" if in_numpr => {
                            if let Some(p) = paras.last_mut() {
                                p.ilvl = Some(level_index_val(e));
                            }
                        }
                        _ => {}
                    }
                    if !empty && name != "numPr" && skip == 0 {
                        in_ppr += 1;
                    }
                    continue;
                }
                if in_rpr {
                    match name {
                        "vanish" => run_hidden = on_off(e),
                        "rStyle" if attr(e, "val").is_some_and(|s| styles.hidden(&s)) => {
                            run_hidden = true
                        }
                        "rPrChange" if !empty => skip = 1,
                        _ => {}
                    }
                    continue;
                }
                match name {
                    "del" | "moveFrom" | "Fallback" | "instrText" | "delText" | "delInstrText"
                    | "footnoteReference" | "endnoteReference" | "commentReference" | "sectPr"
                        if !empty =>
                    {
                        skip = 1
                    }
                    "p" if !empty => paras.push(Para::default()),
                    "pPr" if !empty => in_ppr = 1,
                    "r" => run_hidden = false,
                    "rPr" if !empty => in_rpr = true,
                    "t" if !empty => in_t = true,
                    "tab" => push(&mut paras, "\t", run_hidden),
                    "br" | "cr" => push(&mut paras, "\n", run_hidden),
                    "noBreakHyphen" => push(&mut paras, "-", run_hidden),
                    "tbl" if !empty => {
                        if tables.is_empty() {
                            end_block(&mut out);
                        }
                        tables.push(Table::default());
                    }
                    "tc" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.cell.clear();
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if in_ppr > 0 {
                    if name == "numPr" && in_numpr {
                        in_numpr = false;
                    } else {
                        in_ppr -= 1;
                    }
                    continue;
                }
                match name {
                    "rPr" => in_rpr = false,
                    "t" => in_t = false,
                    "r" => run_hidden = false,
                    "p" => {
                        let Some(p) = paras.pop() else { continue };
                        let line = paragraph_line(p, numbering, styles, &mut counters);
                        if let Some(t) = tables.last_mut() {
                            append_spaced(&mut t.cell, &line);
                        } else if !line.trim().is_empty() {
                            end_block(&mut out);
                            out.push_str(line.trim_end());
                            out.push('\n');
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            let cell = std::mem::take(&mut t.cell);
                            t.row
                                .push(cell.replace(['\t', '\n'], " ").trim().to_string());
                        }
                    }
                    "tr" => {
                        let Some(t) = tables.last_mut() else { continue };
                        let row = std::mem::take(&mut t.row);
                        if row.iter().all(|c| c.is_empty()) {
                            continue;
                        }
                        let n = tables.len();
                        if n > 1 {
                            append_spaced(&mut tables[n - 2].cell, &row.join(" "));
                        } else {
                            out.push_str(&row.join("\t"));
                            out.push('\n');
                        }
                    }
                    "tbl" => {
                        tables.pop();
                        if tables.is_empty() {
                            end_block(&mut out);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) if in_t && skip == 0 => {
                push(&mut paras, &t.xml10_content(), run_hidden)
            }
            Event::CData(ref t) if in_t && skip == 0 => {
                push(&mut paras, &t.xml10_content(), run_hidden)
            }
            Event::GeneralRef(ref g) if in_t && skip == 0 => {
                let s = match g.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(g)
                        .ok_or_else(|| format!("unknown entity &{};", &**g))?
                        .to_string(),
                    Err(e) => return Err(format!("bad character reference: {e}")),
                };
                push(&mut paras, &s, run_hidden)
            }
            Event::Eof => break,
            _ => {}
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    Ok(out)
}

/// `w:ilvl`'s `w:val` as a level 0..=8.
fn level_index_val(e: &BytesStart<'_>) -> u8 {
    val_num(e).map_or(0, |l| l.clamp(0, MAX_LEVEL as i64) as u8)
}

/// Add shown text to the innermost paragraph.
fn push(paras: &mut [Para], s: &str, hidden: bool) {
    if hidden {
        return;
    }
    if let Some(p) = paras.last_mut() {
        p.text.push_str(s);
    }
}

/// Start a new block: a blank line after what is there.
fn end_block(out: &mut String) {
    if !out.is_empty() && !out.ends_with("\n\n") {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
}

/// `s` after `cell`, a space between.
fn append_spaced(cell: &mut String, s: &str) {
    let s = s.trim();
    if s.is_empty() {
        return;
    }
    if !cell.is_empty() {
        cell.push(' ');
    }
    cell.push_str(s);
}

/// A paragraph's text with its list label before it.
fn paragraph_line(
    p: Para,
    numbering: &Numbering,
    styles: &Styles,
    counters: &mut Counters,
) -> String {
    let (style_num, style_lvl) = p
        .style
        .as_deref()
        .map_or((None, None), |s| styles.numbering(s));
    let num_id = p.num_id.or(style_num);
    let label = num_id.and_then(|num_id| {
        let ilvl = p.ilvl.or(style_lvl).or_else(|| {
            p.style
                .as_deref()
                .and_then(|s| numbering.level_of_style(num_id, s))
        });
        counters.next(numbering, num_id, ilvl.unwrap_or(0))
    });
    // A numbered paragraph with no text shows its number in Word, but it is no clause.
    if p.text.trim().is_empty() {
        return String::new();
    }
    match label {
        Some(l) => l + p.text.trim_start(),
        None => p.text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn numbering(body: &str) -> Numbering {
        Numbering::parse(&format!("<w:numbering {W}>{body}</w:numbering>")).unwrap()
    }

    fn lvl(ilvl: u8, fmt: &str, text: &str, extra: &str) -> String {
        format!(
            "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/>\
             <w:lvlText w:val=\"{text}\"/>{extra}<w:pPr><w:ind w:left=\"720\"/></w:pPr>\
             <w:rPr><w:rFonts w:ascii=\"Symbol\"/></w:rPr></w:lvl>"
        )
    }

    /// A three-level decimal list `%1.` / `%1.%2.` / `%1.%2.%3.` as abstract 0, num 1.
    fn legal_list() -> String {
        format!(
            "<w:abstractNum w:abstractNumId=\"0\">{}{}{}</w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
            lvl(0, "decimal", "%1.", ""),
            lvl(1, "decimal", "%1.%2.", ""),
            lvl(2, "decimal", "%1.%2.%3.", "")
        )
    }

    fn labels(n: &Numbering, seq: &[(i64, u8)]) -> Vec<String> {
        let mut c = Counters::default();
        seq.iter()
            .map(|&(id, l)| c.next(n, id, l).unwrap_or_default())
            .collect()
    }

    #[test]
    fn multi_level_counters_reset_deeper_levels() {
        let n = numbering(&legal_list());
        let got = labels(
            &n,
            &[
                (1, 0),
                (1, 1),
                (1, 2),
                (1, 2),
                (1, 1),
                (1, 0),
                (1, 1),
                (1, 2),
                (0, 0),
                (9, 0),
            ],
        );
        assert_eq!(
            got,
            ["1. ", "1.1. ", "1.1.1. ", "1.1.2. ", "1.2. ", "2. ", "2.1. ", "2.1.1. ", "", ""]
        );
        // Starting deep: the shallower levels show their start.
        assert_eq!(labels(&n, &[(1, 2), (1, 2)]), ["1.1.1. ", "1.1.2. "]);
    }

    #[test]
    fn formats() {
        let cases: &[(NumFmt, &[(i64, &str)])] = &[
            (NumFmt::Decimal, &[(1, "1"), (12, "12")]),
            (NumFmt::DecimalZero, &[(3, "03"), (12, "12")]),
            (
                NumFmt::LowerLetter,
                &[(1, "a"), (26, "z"), (27, "aa"), (53, "aaa")],
            ),
            (NumFmt::UpperLetter, &[(2, "B"), (28, "BB")]),
            (NumFmt::LowerRoman, &[(4, "iv"), (1994, "mcmxciv")]),
            (NumFmt::UpperRoman, &[(9, "IX"), (0, "0")]),
            (
                NumFmt::RussianLower,
                &[(1, "а"), (9, "и"), (10, "к"), (28, "я"), (29, "аа")],
            ),
            (NumFmt::RussianUpper, &[(3, "В")]),
            (NumFmt::Bullet, &[(5, "•")]),
            (NumFmt::None, &[(5, "")]),
        ];
        for (fmt, pairs) in cases {
            for (n, want) in *pairs {
                assert_eq!(fmt.format(*n), *want, "{fmt:?} {n}");
            }
        }
        assert_eq!(NumFmt::parse("ordinal"), NumFmt::Decimal);
    }

    #[test]
    fn lvl_text_start_suffix_and_legal() {
        let n = numbering(
            &format!(
                "<w:abstractNum w:abstractNumId=\"3\">{}{}</w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"4\">{}{}</w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"5\">{}</w:abstractNum>\
             <w:num w:numId=\"7\"><w:abstractNumId w:val=\"3\"/></w:num>\
             <w:num w:numId=\"8\"><w:abstractNumId w:val=\"4\"/></w:num>\
             <w:num w:numId=\"9\"><w:abstractNumId w:val=\"5\"/></w:num>",
                lvl(0, "upperRoman", "Раздел %1", "<w:suff w:val=\"nothing\"/>"),
                lvl(1, "lowerLetter", "%2)", ""),
                lvl(0, "upperRoman", "%1.", ""),
                lvl(1, "lowerLetter", "%1.%2.", "<w:isLgl/>"),
                lvl(0, "bullet", "\u{f0b7}", "")
            )
            .replace(
                "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/>\
             <w:lvlText w:val=\"%2)\"/>",
                "<w:lvl w:ilvl=\"1\"><w:start w:val=\"3\"/><w:numFmt w:val=\"lowerLetter\"/>\
             <w:lvlText w:val=\"%2)\"/>",
            ),
        );
        assert_eq!(
            labels(
                &n,
                &[(7, 0), (7, 1), (7, 1), (7, 0), (8, 0), (8, 1), (9, 0)]
            ),
            ["Раздел I", "c) ", "d) ", "Раздел II", "I. ", "1.1. ", "• "]
        );
    }

    #[test]
    fn overrides_restart_and_replace_levels() {
        let n = numbering(&format!(
            "{}<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/>\
             <w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>\
             <w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/>\
             <w:lvlOverride w:ilvl=\"1\">{}</w:lvlOverride></w:num>",
            legal_list(),
            lvl(1, "russianLower", "%2)", "")
        ));
        // num 2 shares abstract 0 with num 1: it restarts level 0 at 5 on first use, then both
        // continue the same counters; num 3 replaces level 1.
        assert_eq!(
            labels(
                &n,
                &[(1, 0), (1, 1), (2, 0), (2, 1), (1, 0), (3, 1), (3, 1)]
            ),
            ["1. ", "1.1. ", "5. ", "5.1. ", "6. ", "а) ", "б) "]
        );
    }

    /// Abstract list 0 of the two levels, instantiated as `num_id`.
    fn two_levels(num_id: i64, lvl0: String, lvl1: String) -> Numbering {
        numbering(&format!(
            "<w:abstractNum w:abstractNumId=\"0\">{lvl0}{lvl1}</w:abstractNum>\
             <w:num w:numId=\"{num_id}\"><w:abstractNumId w:val=\"0\"/></w:num>"
        ))
    }

    #[test]
    fn lvl_restart() {
        let n = two_levels(
            1,
            lvl(0, "decimal", "%1.", ""),
            lvl(1, "decimal", "(%2)", "<w:lvlRestart w:val=\"0\"/>"),
        );
        assert_eq!(
            labels(&n, &[(1, 0), (1, 1), (1, 0), (1, 1)]),
            ["1. ", "(1) ", "2. ", "(2) "]
        );
    }

    fn doc(body: &str) -> String {
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>")
    }

    fn p(ppr: &str, text: &str) -> String {
        format!(
            "<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
        )
    }

    fn numpr(id: i64, l: u8) -> String {
        format!("<w:numPr><w:ilvl w:val=\"{l}\"/><w:numId w:val=\"{id}\"/></w:numPr>")
    }

    #[test]
    fn document_rendering() {
        let n = numbering(&legal_list());
        let styles = Styles::parse(&format!(
            "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:pPr>{}</w:pPr></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"H1x\"><w:basedOn w:val=\"H1\"/></w:style>\
             <w:style w:type=\"character\" w:styleId=\"Hid\"><w:rPr><w:vanish/></w:rPr></w:style>\
             </w:styles>",
            numpr(1, 0)
        ))
        .unwrap();
        let body = [
            p("<w:pStyle w:val=\"Title\"/>", "Политика"),
            p("<w:pStyle w:val=\"H1x\"/>", "Общие положения"),
            p(&numpr(1, 1), "Оператор &amp; &#1044;&#x430;нные"),
            "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>\
             <w:del><w:r><w:delText>удалено</w:delText></w:r></w:del>\
             <w:ins><w:r><w:t>+вставка</w:t></w:r></w:ins>\
             <w:r><w:rPr><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r>\
             <w:r><w:rPr><w:rStyle w:val=\"Hid\"/></w:rPr><w:t>скрыто2</w:t></w:r>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>HYPERLINK x</w:instrText></w:r>\
             <w:r><w:t>ссылка</w:t></w:r></w:p>"
                .to_string(),
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Данные</w:t></w:r></w:p></w:tc>\
             <w:tc><w:p><w:r><w:t>Цель</w:t></w:r></w:p><w:p><w:r><w:t>вторая</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:r><w:t>Имя</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
                .to_string(),
            p(&numpr(1, 1), "Второй"),
            p(&numpr(0, 0), "Без номера"),
            p(&numpr(1, 2), ""),
            "<w:p><mc:AlternateContent xmlns:mc=\"m\"><mc:Choice><w:r><w:t>один</w:t></w:r></mc:Choice>\
             <mc:Fallback><w:r><w:t>два</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"
                .to_string(),
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"1\"/></w:tabs>\
             <w:pPrChange><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:pPrChange>\
             </w:pPr><w:r><w:t>конец</w:t></w:r></w:p>"
                .to_string(),
        ]
        .concat();
        let got = document_text(&doc(&body), &n, &styles).unwrap();
        assert_eq!(
            got,
            "Политика\n\n1. Общие положения\n\n1.1. Оператор & Данные\n\n\
             a\tb\nc+вставкассылка\n\nДанные\tЦель вторая\nИмя\t\n\n1.2. Второй\n\n\
             Без номера\n\nодин\n\nконец\n"
        );
    }

    #[test]
    fn heading_styles_numbered_through_their_list_levels() {
        // Word's multi-level headings: Heading1/Heading2 carry only the numId; each list level
        // names its style with w:pStyle, which gives the level.
        let n = two_levels(
            4,
            lvl(0, "decimal", "%1.", "<w:pStyle w:val=\"Heading1\"/>"),
            lvl(1, "decimal", "%1.%2.", "<w:pStyle w:val=\"Heading2\"/>"),
        );
        let style = |id: &str| {
            format!(
                "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:pPr><w:numPr>\
                 <w:numId w:val=\"4\"/></w:numPr></w:pPr></w:style>"
            )
        };
        let styles = Styles::parse(&format!(
            "<w:styles {W}>{}{}</w:styles>",
            style("Heading1"),
            style("Heading2")
        ))
        .unwrap();
        let h = |id: &str, t: &str| p(&format!("<w:pStyle w:val=\"{id}\"/>"), t);
        let body = [
            h("Heading1", "А"),
            h("Heading2", "Б"),
            h("Heading2", "В"),
            h("Heading1", "Г"),
        ]
        .concat();
        let got = document_text(&doc(&body), &n, &styles).unwrap();
        assert_eq!(got, "1. А\n\n1.1. Б\n\n1.2. В\n\n2. Г\n");
    }

    #[test]
    fn bad_xml_is_an_error() {
        let e = document_text(
            &doc("<w:p><w:r><w:t>x</w:r></w:p>"),
            &Numbering::default(),
            &Styles::default(),
        );
        assert!(e.unwrap_err().contains("not well-formed XML"));
        let e = document_text(
            &doc("<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>"),
            &Numbering::default(),
            &Styles::default(),
        );
        assert!(e.unwrap_err().contains("unknown entity"));
        let e = document_text(
            "<w:document><w:body><w:p>",
            &Numbering::default(),
            &Styles::default(),
        );
        assert!(e.unwrap_err().contains("truncated"));
    }

    #[test]
    fn claims() {
        assert!(Docx.claims("a.DOCX", b"PK\x03\x04rest"));
        assert!(Docx.claims("a.bin", b"PK\x03\x04\x14\0\x06\0word/document.xml"));
        assert!(!Docx.claims("a.docx", b"plain text"));
        assert!(!Docx.claims("a.zip", b"PK\x03\x04xl/workbook.xml"));
    }

    #[test]
    fn archive_errors_are_clear() {
        for (bytes, want) in [
            (&b"PK\x03\x04 truncated"[..], "not a readable zip archive"),
            (b"", "not a readable zip archive"),
        ] {
            let e = Docx.read(bytes.to_vec()).unwrap_err().to_string();
            assert!(e.contains(want), "{e}");
        }
    }
}
