//! Encoding detection and decoding.
//!
//! Order of decisions (first match wins):
//! 1. 0 bytes → [`DocError::Empty`].
//! 2. A byte-order mark: UTF-8 (`UTF-8-BOM`, BOM stripped), UTF-16LE / UTF-16BE (`UTF-16LE`,
//!    `UTF-16BE`). UTF-32 BOMs are refused as undecodable.
//! 3. Signatures of common binary formats (PDF, PNG, ZIP/DOCX, OLE2/DOC, ...) → [`DocError::Binary`].
//! 4. BOM-less UTF-16 (a regular NUL/0x04 pattern in every other byte) → `UTF-16LE` / `UTF-16BE`.
//! 5. NUL bytes or a high share of C0 control bytes → [`DocError::Binary`].
//! 6. Valid UTF-8 → `UTF-8` (fast path, no copy in [`decode_vec`], one copy in [`decode`]).
//! 7. Mostly valid UTF-8 (most non-ASCII sequences are well-formed UTF-8) with a few broken
//!    bytes → [`DocError::Undecodable`] with the offset of the first broken byte; never a fallback
//!    to a legacy code page. When the broken bytes include a legacy word (three bytes in a row
//!    outside any well-formed UTF-8 sequence, as every windows-1251/KOI8-R letter is) the reason
//!    is `mixed encodings: UTF-8 text with windows-1251 bytes at line L (offset O)`, with the code
//!    page detected on the lines that are not UTF-8 (also after a UTF-8 BOM).
//! 8. Otherwise a legacy single-byte encoding detected by `chardetng` (with the `.ru` TLD hint so
//!    that Cyrillic code pages are preferred), restricted to the code pages that occur in our
//!    corpus (Cyrillic: windows-1251, KOI8-R/KOI8-U, IBM866, ISO-8859-5, x-mac-cyrillic; Latin:
//!    windows-1252). KOI8-U is reported as `KOI8-R` unless a byte that differs between the two
//!    occurs. Any other guess (CJK, Arabic, ...) is a misdetection of a short Cyrillic text and is
//!    replaced by the most plausible of windows-1251 / KOI8-R / IBM866; so is a guess that a
//!    plausibility count (case switches inside words, pseudo-graphics) clearly rejects.
//! 9. A legacy file that contains a UTF-8 Cyrillic word (three well-formed two-byte sequences
//!    U+0400..U+04FF in a row, which real windows-1251/KOI8-R/IBM866 text never has) →
//!    [`DocError::Undecodable`] `mixed encodings: windows-1251 text with UTF-8 sequences at line
//!    L (offset O)`: never decoded into mojibake.
//! 10. Any byte the code page does not map (including a C1 control such as 0x98 in
//!     windows-1251) → [`DocError::Undecodable`] with its offset.
//!
//! Decoded text that is empty → [`DocError::Empty`]; whitespace only → [`DocError::Blank`]. Nothing is ever replaced
//! with U+FFFD.

use crate::error::DocError;
use encoding_rs::{
    DecoderResult, Encoding, IBM866, ISO_8859_5, KOI8_R, KOI8_U, UTF_16BE, UTF_16LE, WINDOWS_1251,
    WINDOWS_1252, X_MAC_CYRILLIC,
};

/// Decoded text and the name of the encoding it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text (BOM removed).
    pub text: String,
    /// `UTF-8`, `UTF-8-BOM`, `UTF-16LE`, `UTF-16BE`, or an `encoding_rs` name
    /// (`windows-1251`, `KOI8-R`, ...). For a DOCX, the encoding of its `word/document.xml`
    /// (`UTF-8`, or `UTF-16LE`/`UTF-16BE`); for a PDF, `UTF-8` (its text layer is Unicode).
    pub encoding: &'static str,
}

/// Decode raw file bytes (see the module docs for the rules).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DocError> {
    match classify(bytes)? {
        Plan::Utf8 { skip } => finish(
            // `classify` validated the bytes; the only copy is the String itself.
            String::from_utf8(bytes[skip..].to_vec()).expect("validated UTF-8"),
            if skip == 0 { "UTF-8" } else { "UTF-8-BOM" },
        ),
        Plan::Legacy {
            encoding,
            skip,
            name,
        } => finish(decode_strict(encoding, &bytes[skip..], skip)?, name),
    }
}

/// Like [`decode`] but takes ownership of the buffer: valid UTF-8 without a BOM is turned into
/// the `String` without copying.
pub fn decode_vec(mut bytes: Vec<u8>) -> Result<Decoded, DocError> {
    let plan = match precheck(&bytes)? {
        Some(plan) => plan,
        // Plain bytes: validating them as UTF-8 is also the conversion (one pass, no copy).
        None => match String::from_utf8(bytes) {
            Ok(text) => return finish(text, "UTF-8"),
            Err(e) => {
                let err = e.utf8_error();
                bytes = e.into_bytes();
                legacy_plan(&bytes, err)?
            }
        },
    };
    match plan {
        Plan::Utf8 { skip } => {
            bytes.drain(..skip);
            let text = String::from_utf8(bytes).expect("validated UTF-8");
            finish(text, if skip == 0 { "UTF-8" } else { "UTF-8-BOM" })
        }
        Plan::Legacy {
            encoding,
            skip,
            name,
        } => finish(decode_strict(encoding, &bytes[skip..], skip)?, name),
    }
}

enum Plan {
    /// Valid UTF-8 after `skip` BOM bytes.
    Utf8 { skip: usize },
    /// Decode with `encoding` after `skip` BOM bytes; report `name`.
    Legacy {
        encoding: &'static Encoding,
        skip: usize,
        name: &'static str,
    },
}

fn finish(text: String, encoding: &'static str) -> Result<Decoded, DocError> {
    let body = text.trim_start_matches('\u{feff}');
    if body.is_empty() {
        return Err(DocError::Empty);
    }
    if body
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return Err(DocError::Blank);
    }
    Ok(Decoded { text, encoding })
}

/// Decide how the bytes are to be decoded, or why they cannot be.
fn classify(bytes: &[u8]) -> Result<Plan, DocError> {
    if let Some(plan) = precheck(bytes)? {
        return Ok(plan);
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => Ok(Plan::Utf8 { skip: 0 }),
        Err(e) => legacy_plan(bytes, e),
    }
}

/// Byte-order marks, binary content and BOM-less UTF-16: a plan or an error; `None` for plain
/// bytes (UTF-8 or a legacy code page, decided by the caller).
fn precheck(bytes: &[u8]) -> Result<Option<Plan>, DocError> {
    if bytes.is_empty() {
        return Err(DocError::Empty);
    }
    // Byte-order marks. UTF-32LE starts with the UTF-16LE BOM, so test it first.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(DocError::Undecodable(
            "UTF-32 byte-order mark at offset 0: UTF-32 is not supported".into(),
        ));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        let body = &bytes[3..];
        check_binary(body, 3)?;
        return match std::str::from_utf8(body) {
            Ok(_) => Ok(Some(Plan::Utf8 { skip: 3 })),
            Err(e) => Err(utf8_error(body, e, 3)),
        };
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok(Some(Plan::Legacy {
            encoding: UTF_16LE,
            skip: 2,
            name: "UTF-16LE",
        }));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(Some(Plan::Legacy {
            encoding: UTF_16BE,
            skip: 2,
            name: "UTF-16BE",
        }));
    }
    if let Some(what) = binary_signature(bytes) {
        return Err(DocError::Binary(format!("{what} signature at offset 0")));
    }
    if let Some(encoding) = bomless_utf16(bytes) {
        return Ok(Some(Plan::Legacy {
            encoding,
            skip: 0,
            name: encoding.name(),
        }));
    }
    check_binary(bytes, 0)?;
    Ok(None)
}

/// Bytes that are not valid UTF-8: UTF-8 with a few broken bytes (an error), or a legacy code page?
fn legacy_plan(bytes: &[u8], err: std::str::Utf8Error) -> Result<Plan, DocError> {
    let (valid_multibyte, invalid) = utf8_sequence_counts(bytes, err.valid_up_to());
    if valid_multibyte >= invalid {
        return Err(utf8_error(bytes, err, 0));
    }
    let (encoding, name) = detect_legacy(bytes);
    if let Some(at) = utf8_cyrillic_word(bytes) {
        return Err(DocError::Undecodable(format!(
            "mixed encodings: {} text with UTF-8 sequences at line {} (offset {at})",
            legacy_name(bytes).unwrap_or(name),
            line_of(bytes, at)
        )));
    }
    Ok(Plan::Legacy {
        encoding,
        skip: 0,
        name,
    })
}

fn utf8_error(bytes: &[u8], e: std::str::Utf8Error, base: usize) -> DocError {
    let at = e.valid_up_to();
    if let Some(word) = legacy_word(bytes, at) {
        return DocError::Undecodable(format!(
            "mixed encodings: UTF-8 text with {} bytes at line {} (offset {})",
            legacy_name(bytes).unwrap_or("legacy code page"),
            line_of(bytes, word),
            base + word
        ));
    }
    let len = e.error_len().unwrap_or(bytes.len() - at);
    let shown: Vec<String> = bytes[at..at + len.min(4)]
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect();
    let (valid_multibyte, invalid) = utf8_sequence_counts(bytes, at);
    DocError::Undecodable(format!(
        "invalid UTF-8 at offset {} ({}); {} invalid vs {} valid multi-byte sequences",
        base + at,
        shown.join(" "),
        invalid,
        valid_multibyte
    ))
}

/// Count well-formed multi-byte UTF-8 sequences and malformed bytes, starting from the first
/// error (`first_error`); the prefix before it is valid. One pass, no per-error restarts (a
/// windows-1251 file has an error at nearly every Cyrillic byte). Overlong forms and surrogates
/// are not told apart here: this only decides which error to report.
fn utf8_sequence_counts(bytes: &[u8], first_error: usize) -> (usize, usize) {
    let mut valid = count_utf8_leads(&bytes[..first_error]);
    let mut invalid = 0usize;
    let mut i = first_error;
    let n = bytes.len();
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let len = utf8_len(b);
        if len > 0
            && i + len <= n
            && bytes[i + 1..i + len]
                .iter()
                .all(|&c| (0x80..=0xBF).contains(&c))
        {
            valid += 1;
            i += len;
        } else {
            invalid += 1;
            i += 1;
        }
    }
    (valid, invalid)
}

/// Consecutive well-formed UTF-8 Cyrillic letters (U+0400..U+04FF) that make a word in a file
/// otherwise decoded with a legacy code page.
///
/// Each such letter is a lead byte 0xD0..=0xD3 followed by a continuation byte 0x80..=0xBF. In
/// windows-1251 that pair is an uppercase «Р»/«С»/«Т»/«У» followed by punctuation or a rare letter
/// («Р»», «С…», «Ті»), in KOI8-R an uppercase «П»/«Я»/«Р»/«С» followed by pseudo-graphics or «Ё»,
/// in IBM866 a box-drawing character followed by a letter: one pair occurs in real text, three
/// in a row do not (none in the seeds, the dev corpus and the mining texts re-encoded in each of
/// these code pages), while almost every word of a UTF-8 Russian line is one.
const MIN_UTF8_WORD: usize = 3;

/// Offset of the first word of [`MIN_UTF8_WORD`] UTF-8 Cyrillic letters, if any.
fn utf8_cyrillic_word(bytes: &[u8]) -> Option<usize> {
    let mut run = 0usize;
    let mut i = 0usize;
    while i + 1 < bytes.len() {
        if (0xD0..=0xD3).contains(&bytes[i]) && (0x80..=0xBF).contains(&bytes[i + 1]) {
            run += 1;
            i += 2;
            if run == MIN_UTF8_WORD {
                return Some(i - 2 * MIN_UTF8_WORD);
            }
        } else {
            run = 0;
            i += 1;
        }
    }
    None
}

/// A word of a legacy code page in a file that is otherwise UTF-8: [`MIN_LEGACY_WORD`]
/// consecutive bytes that are not part of a well-formed UTF-8 sequence (every letter of a
/// windows-1251 / KOI8-R word is one; a broken UTF-8 file has one or two stray bytes in a row).
/// The offset of the first such run at or after `first_error`.
const MIN_LEGACY_WORD: usize = 3;

fn legacy_word(bytes: &[u8], first_error: usize) -> Option<usize> {
    let mut run = 0usize;
    let mut i = first_error;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            run = 0;
            i += 1;
            continue;
        }
        let len = utf8_len(b);
        if len > 0
            && i + len <= bytes.len()
            && bytes[i + 1..i + len]
                .iter()
                .all(|&c| (0x80..=0xBF).contains(&c))
        {
            run = 0;
            i += len;
        } else {
            run += 1;
            i += 1;
            if run == MIN_LEGACY_WORD {
                return Some(i - MIN_LEGACY_WORD);
            }
        }
    }
    None
}

/// Length of the UTF-8 sequence a lead byte starts (0: not a lead byte).
fn utf8_len(b: u8) -> usize {
    match b {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// The legacy code page of the lines that are not valid UTF-8 (the first 64 KiB of them), for
/// the message about a mixed file; `None` when every line is valid UTF-8.
fn legacy_name(bytes: &[u8]) -> Option<&'static str> {
    let mut legacy = Vec::new();
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if std::str::from_utf8(line).is_err() {
            legacy.extend_from_slice(line);
            if legacy.len() >= 64 * 1024 {
                break;
            }
        }
    }
    (!legacy.is_empty()).then(|| detect_legacy(&legacy).1)
}

/// 1-based line number of a byte offset.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count()
}

fn count_utf8_leads(valid: &[u8]) -> usize {
    valid.iter().filter(|&&b| b >= 0xC0).count()
}

/// Magic numbers of binary formats that are sometimes saved with a `.txt` name.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"PK\x03\x04", "ZIP (zip/docx/odt/xlsx)"),
        (b"PK\x05\x06", "ZIP (empty archive)"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "OLE2 (doc/xls)"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"\x1F\x8B", "gzip"),
        (b"\x7FELF", "ELF"),
        (b"Rar!\x1A\x07", "RAR"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip"),
        (b"BZh", "bzip2"),
        (b"\xFD7zXZ\x00", "xz"),
        (b"\x28\xB5\x2F\xFD", "zstd"),
    ];
    SIGS.iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|&(_, what)| what)
}

/// NUL bytes or too many C0 control bytes mean binary content. `base` is added to offsets.
fn check_binary(bytes: &[u8], base: usize) -> Result<(), DocError> {
    // Controls other than TAB, LF, VT, FF, CR and SUB (DOS end-of-file marker); NUL included.
    const BAD: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = !matches!(b as u8, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1A) as u8;
            b += 1;
        }
        t
    };
    // One table-driven pass over the whole file; the details only when something was found.
    let count: usize = bytes
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + BAD[b as usize]) as usize)
        .sum();
    if count == 0 {
        return Ok(());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(DocError::Binary(format!(
            "NUL byte at offset {}",
            base + at
        )));
    }
    let len = bytes.len();
    if count * 10 > len || (count >= 4 && count * 50 > len) {
        let first = bytes
            .iter()
            .position(|&b| BAD[b as usize] != 0)
            .unwrap_or(0);
        return Err(DocError::Binary(format!(
            "{count} control bytes in {len} ({:.1}%), first 0x{:02X} at offset {}",
            count as f64 * 100.0 / len as f64,
            bytes[first],
            base + first
        )));
    }
    Ok(())
}

/// UTF-16 without a BOM: in Russian/Latin text every high byte is 0x00 (ASCII) or 0x04
/// (Cyrillic) or 0x20 (dashes, quotes), and NULs occur only at those positions.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let pairs = sample.len() / 2;
    let plausible_high = |b: u8| matches!(b, 0x00 | 0x04 | 0x20);
    for (high, low, enc) in [(1usize, 0usize, UTF_16LE), (0, 1, UTF_16BE)] {
        // Cheap rejection first: ordinary 8-bit text fails within the first few pairs.
        if !sample
            .chunks_exact(2)
            .take(32)
            .all(|p| plausible_high(p[high]))
        {
            continue;
        }
        let mut high_ok = 0usize;
        let mut high_nul = 0usize;
        let mut low_nul = 0usize;
        for p in sample.chunks_exact(2) {
            high_ok += plausible_high(p[high]) as usize;
            high_nul += (p[high] == 0) as usize;
            low_nul += (p[low] == 0) as usize;
        }
        if high_nul > 0 && low_nul == 0 && high_ok * 100 >= pairs * 95 {
            return Some(enc);
        }
    }
    None
}

/// Legacy code pages accepted from chardetng as they are.
const ALLOWED: [&Encoding; 7] = [
    WINDOWS_1251,
    KOI8_U,
    KOI8_R,
    IBM866,
    ISO_8859_5,
    X_MAC_CYRILLIC,
    WINDOWS_1252,
];

/// Detect a legacy code page with chardetng, restricted to the plausible ones.
fn detect_legacy(bytes: &[u8]) -> (&'static Encoding, &'static str) {
    let sample = sample_prefix(bytes, 64 * 1024);
    let mut profiles = CYRILLIC.map(|e| (profile(e, sample), e));
    profiles.sort_by_key(|(p, _)| p.anomalies);
    let [(best, best_enc), (second, _), _] = profiles;
    // Fast path: one Cyrillic code page gives a clean, Cyrillic-dominated text and the others are
    // clearly garbled (case switches inside words, pseudo-graphics). chardetng is ~10-30 MB/s;
    // this check is a table lookup per byte.
    if best.cyrillic >= 8
        && best.cyrillic >= 2 * best.latin
        && best.anomalies * 50 <= best.cyrillic
        && clearly_better(best.anomalies, second.anomalies)
    {
        return koi8_variant(best_enc, bytes);
    }

    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let (mut guess, _confident) = det.guess_assess(Some(b"ru"), false);
    if !ALLOWED.contains(&guess) {
        // A CJK/Arabic/Greek guess for a file in a Russian-language corpus is a misdetection of a
        // short Cyrillic text: take the most plausible Cyrillic code page (windows-1251 on ties).
        guess = best_enc;
    }
    // chardetng rules a code page out entirely when a byte it leaves undefined occurs (one stray
    // 0x98 in a windows-1251 file makes it pick KOI8-U and produce garbage). Cross-check with the
    // plausibility count and take a clearly better candidate; a stray byte then surfaces as
    // Undecodable instead of silently wrong text.
    let guess_bad = profile(guess, sample).anomalies;
    let latin = profile(WINDOWS_1252, sample).anomalies;
    if clearly_better(best.anomalies, guess_bad) && best.anomalies <= latin {
        guess = best_enc;
    } else if clearly_better(latin, guess_bad) && latin < best.anomalies {
        guess = WINDOWS_1252;
    }
    koi8_variant(guess, bytes)
}

/// `a` anomalies is clearly fewer than `b`.
fn clearly_better(a: usize, b: usize) -> bool {
    a * 4 < b && b - a >= 3
}

/// chardetng only knows KOI8-U (a superset of KOI8-R); the two differ in 8 byte values only.
fn koi8_variant(enc: &'static Encoding, bytes: &[u8]) -> (&'static Encoding, &'static str) {
    const KOI8_U_ONLY: [u8; 8] = [0xA4, 0xA6, 0xA7, 0xAD, 0xB4, 0xB6, 0xB7, 0xBD];
    let enc = if enc == KOI8_U || enc == KOI8_R {
        if bytes.iter().any(|b| KOI8_U_ONLY.contains(b)) {
            KOI8_U
        } else {
            KOI8_R
        }
    } else {
        enc
    };
    (enc, enc.name())
}

/// The first `max` bytes, cut at a line end when there is one.
fn sample_prefix(bytes: &[u8], max: usize) -> &[u8] {
    if bytes.len() <= max {
        return bytes;
    }
    let cut = bytes[..max]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(max, |i| i + 1);
    &bytes[..cut]
}

const CYRILLIC: [&Encoding; 3] = [WINDOWS_1251, KOI8_R, IBM866];

/// High half (0x80..=0xFF) of each single-byte code page we score, built once.
static HIGH_HALVES: std::sync::LazyLock<Vec<(&'static Encoding, [char; 128])>> =
    std::sync::LazyLock::new(|| {
        [
            WINDOWS_1251,
            KOI8_R,
            KOI8_U,
            IBM866,
            WINDOWS_1252,
            ISO_8859_5,
            X_MAC_CYRILLIC,
        ]
        .into_iter()
        .map(|e| {
            let mut t = ['\u{fffd}'; 128];
            for (i, slot) in t.iter_mut().enumerate() {
                let byte = [0x80 + i as u8];
                let (s, _) = e.decode_without_bom_handling(&byte);
                *slot = s.chars().next().unwrap_or('\u{fffd}');
            }
            (e, t)
        })
        .collect()
    });

/// How a sample reads in one code page.
#[derive(Debug, Clone, Copy, Default)]
struct Profile {
    /// Signs of a wrong code page: a lowercase→uppercase switch inside a Cyrillic word
    /// («оНКЭГНБЮРЕКЭ»), pseudo-graphics and math signs (KOI8/IBM866 of windows-1251
    /// punctuation), C1 controls and unmapped bytes, Serbian/Macedonian letters (windows-1251 of
    /// KOI8 punctuation), and runs of accented Latin-1 letters («Ïîëèòèêà»).
    anomalies: usize,
    cyrillic: usize,
    latin: usize,
}

fn profile(enc: &'static Encoding, bytes: &[u8]) -> Profile {
    let Some((_, high)) = HIGH_HALVES.iter().find(|(e, _)| *e == enc) else {
        // Not a scored code page (cannot happen for the encodings we pick): maximal penalty.
        return Profile {
            anomalies: usize::MAX / 8,
            ..Profile::default()
        };
    };
    let mut p = Profile::default();
    let mut prev = ' ';
    for &b in bytes {
        let c = if b < 0x80 {
            b as char
        } else {
            high[(b - 0x80) as usize]
        };
        let cyr = ('\u{400}'..='\u{4ff}').contains(&c);
        if cyr {
            p.cyrillic += 1;
            let prev_lower = matches!(prev, 'а'..='я' | 'ѐ'..='џ');
            let upper = matches!(c, 'А'..='Я' | 'Ѐ'..='Џ');
            p.anomalies += (prev_lower && upper) as usize;
        } else if c.is_ascii_alphabetic() {
            p.latin += 1;
        } else if b >= 0x80 {
            let latin1 = |c: char| ('\u{c0}'..='\u{ff}').contains(&c) && c != '×' && c != '÷';
            let odd = matches!(c, '\u{80}'..='\u{9f}' | '\u{fffd}' | '\u{2500}'..='\u{25ff}'
                | '≤' | '≥' | '⌠' | '⌡' | '√' | '≈' | '²' | '÷');
            p.anomalies += (odd || (latin1(c) && latin1(prev))) as usize;
            p.latin += latin1(c) as usize;
        }
        if matches!(
            c,
            'Ђ' | 'Ѓ'
                | 'Ј'
                | 'Љ'
                | 'Њ'
                | 'Ћ'
                | 'Џ'
                | 'Ѕ'
                | 'Ќ'
                | 'ђ'
                | 'ѓ'
                | 'ј'
                | 'љ'
                | 'њ'
                | 'ћ'
                | 'џ'
                | 'ѕ'
                | 'ќ'
        ) {
            p.anomalies += 1;
        }
        prev = c;
    }
    p
}

/// Decode without replacement; `base` is the number of bytes before `bytes` in the file.
pub(crate) fn decode_strict(
    enc: &'static Encoding,
    bytes: &[u8],
    base: usize,
) -> Result<String, DocError> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(cap);
    let mut read = 0usize;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                text.reserve(bytes.len() - read + 16);
            }
            DecoderResult::Malformed(bad, after) => {
                // The malformed sequence ends `after` bytes before the current read position.
                let end = read - after as usize;
                let start = end.saturating_sub(bad as usize);
                let shown: Vec<String> = bytes[start..end]
                    .iter()
                    .map(|b| format!("0x{b:02X}"))
                    .collect();
                return Err(DocError::Undecodable(format!(
                    "malformed {} at offset {} ({})",
                    enc.name(),
                    base + start,
                    shown.join(" ")
                )));
            }
        }
    }
    if enc.is_single_byte() {
        // A single-byte code page maps every byte to one char: a C1 control means a byte the
        // code page leaves undefined (0x98 in windows-1251, 0x80..0x9F in ISO-8859-5).
        if let Some((i, c)) = text
            .chars()
            .enumerate()
            .find(|(_, c)| ('\u{80}'..='\u{9f}').contains(c))
        {
            return Err(DocError::Undecodable(format!(
                "byte 0x{:02X} at offset {} is not a character in {}",
                c as u32,
                base + i,
                enc.name()
            )));
        }
    } else if let Some(ci) = text.find('\0') {
        // UTF-16: NUL characters mean binary data, not text.
        let units = text[..ci].encode_utf16().count();
        return Err(DocError::Binary(format!(
            "NUL character at offset {}",
            base + 2 * units
        )));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(text: &str, e: &'static Encoding) -> Vec<u8> {
        let (b, _, unmappable) = e.encode(text);
        assert!(!unmappable, "test text not representable in {}", e.name());
        b.into_owned()
    }

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut v = Vec::new();
        if bom {
            v.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in text.encode_utf16() {
            v.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        v
    }

    const RU: &str = "ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ\n\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n\n1.1. Используя Сервис Baloons.pro, Пользователь подтверждает своё согласие с условиями настоящей Политики.\n";
    /// A few lines only: short texts are where KOI8-R and windows-1251 are easily confused.
    const RU_SHORT: &str = "Сервис может собирать и обрабатывать следующие данные пользователей:\n- Имя, телефон, адрес электронной почты;\n";

    #[test]
    fn decodes_each_encoding() {
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("utf8", RU.as_bytes().to_vec(), "UTF-8"),
            (
                "utf8 bom",
                [&[0xEF, 0xBB, 0xBF][..], RU.as_bytes()].concat(),
                "UTF-8-BOM",
            ),
            ("utf16le bom", utf16(RU, true, true), "UTF-16LE"),
            ("utf16be bom", utf16(RU, false, true), "UTF-16BE"),
            ("utf16le no bom", utf16(RU, true, false), "UTF-16LE"),
            ("utf16be no bom", utf16(RU, false, false), "UTF-16BE"),
            ("cp1251", enc(RU, WINDOWS_1251), "windows-1251"),
            ("koi8r", enc(RU, KOI8_R), "KOI8-R"),
            ("cp1251 short", enc(RU_SHORT, WINDOWS_1251), "windows-1251"),
            ("koi8r short", enc(RU_SHORT, KOI8_R), "KOI8-R"),
            ("ibm866", enc(RU, IBM866), "IBM866"),
        ];
        for (name, bytes, want_enc) in cases {
            let d = decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(d.encoding, want_enc, "{name}");
            let want_text = if name.contains("short") { RU_SHORT } else { RU };
            assert_eq!(d.text, want_text, "{name}");
            // decode_vec agrees with decode.
            assert_eq!(decode_vec(bytes).unwrap(), d, "{name}");
        }
    }

    #[test]
    fn short_lines_koi8_vs_cp1251() {
        // One line each, lowercase and uppercase text.
        for line in [
            "Оператор обрабатывает персональные данные.",
            "Политика конфиденциальности",
            "ОБЩИЕ ПОЛОЖЕНИЯ",
            "Права субъекта персональных данных",
        ] {
            assert_eq!(
                decode(&enc(line, WINDOWS_1251)).unwrap().encoding,
                "windows-1251",
                "{line}"
            );
            let k = decode(&enc(line, KOI8_R)).unwrap();
            assert_eq!((k.encoding, k.text.as_str()), ("KOI8-R", line), "{line}");
        }
    }

    #[test]
    fn empty_inputs() {
        let empty: &[&[u8]] = &[b"", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"];
        for &c in empty {
            assert_eq!(decode(c), Err(DocError::Empty), "{c:?}");
        }
        let blank: &[&[u8]] = &[
            b"   \n\r\n\t  ",
            b"\xEF\xBB\xBF \n",
            b"\xFF\xFE\x20\x00\x0A\x00",
            "\u{a0}\n".as_bytes(),
        ];
        for &c in blank {
            assert_eq!(decode(c), Err(DocError::Blank), "{c:?}");
        }
    }

    #[test]
    fn binary_inputs() {
        let mut nul = RU.as_bytes().to_vec();
        nul[123] = 0;
        let ctrl: Vec<u8> = RU
            .bytes()
            .enumerate()
            .map(|(i, b)| if i % 20 == 7 { 0x01 } else { b })
            .collect();
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (nul, "NUL byte at offset 123"),
            (b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec(), "PDF signature"),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), "PNG signature"),
            (b"PK\x03\x04\x14\0\0\0".to_vec(), "ZIP"),
            (ctrl, "control bytes"),
            (b"abc\x02\x03".to_vec(), "control bytes"),
            // UTF-16 text with NUL characters in it.
            (
                [
                    utf16("abc", true, true),
                    vec![0, 0],
                    utf16("def", true, false),
                ]
                .concat(),
                "NUL character at offset 8",
            ),
        ];
        for (bytes, want) in cases {
            match decode(&bytes) {
                Err(DocError::Binary(r)) => assert!(r.contains(want), "{r:?} vs {want:?}"),
                other => panic!("{want}: {other:?}"),
            }
        }
    }

    #[test]
    fn undecodable_inputs() {
        // Mostly valid UTF-8 with one stray byte: not a cp1251 fallback.
        let mut broken = RU.as_bytes().to_vec();
        broken.insert(16, 0xFF);
        // UTF-8 with a BOM and a truncated sequence at the end.
        let mut bom_trunc = [&[0xEF, 0xBB, 0xBF][..], RU.as_bytes()].concat();
        bom_trunc.push(0xD0);
        // Unpaired surrogate in UTF-16LE: U+D800 followed by 'a'.
        let mut surrogate = utf16("Текст ", true, true);
        surrogate.extend_from_slice(&[0x00, 0xD8, b'a', 0x00]);
        // windows-1251 with the undefined byte 0x98.
        let mut cp = enc(RU, WINDOWS_1251);
        cp.insert(50, 0x98);
        let trunc_msg = format!("invalid UTF-8 at offset {}", RU.len() + 3);
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (broken, "invalid UTF-8 at offset 16 (0xFF); 1 invalid vs"),
            (bom_trunc, &trunc_msg),
            (surrogate, "malformed UTF-16LE at offset 14"),
            (
                cp,
                "byte 0x98 at offset 50 is not a character in windows-1251",
            ),
            (b"\xFF\xFE\0\0a\0\0\0".to_vec(), "UTF-32"),
        ];
        for (bytes, want) in cases {
            match decode(&bytes) {
                Err(DocError::Undecodable(r)) => assert!(r.contains(want), "{r:?} vs {want:?}"),
                other => panic!("{want}: {other:?}"),
            }
        }
    }

    #[test]
    fn mixed_encodings() {
        // windows-1251, then one line of UTF-8 at offset `at`.
        let head = enc(RU, WINDOWS_1251);
        let at = head.len();
        let cp_line = RU.lines().count() + 1;
        let cp_utf8 = [head, "Оператор\n".as_bytes().to_vec()].concat();
        // UTF-8 first, one line of windows-1251 (a clear majority of UTF-8 letters).
        let utf8_cp = [
            RU.as_bytes().to_vec(),
            enc("Оператор обрабатывает данные\n", WINDOWS_1251),
        ]
        .concat();
        let utf8_cp_line = RU.lines().count() + 1;
        // KOI8-R with a UTF-8 line, and the same after a UTF-8 BOM the other way round.
        let koi_utf8 = [enc(RU, KOI8_R), "Текст\n".as_bytes().to_vec()].concat();
        let bom_cp = [&[0xEF, 0xBB, 0xBF][..], &utf8_cp].concat();
        let cases: Vec<(Vec<u8>, String)> = vec![
            (
                cp_utf8.clone(),
                format!("mixed encodings: windows-1251 text with UTF-8 sequences at line {cp_line} (offset {at})"),
            ),
            (
                utf8_cp,
                format!(
                    "mixed encodings: UTF-8 text with windows-1251 bytes at line {utf8_cp_line} (offset {})",
                    RU.len()
                ),
            ),
            (
                koi_utf8,
                format!(
                    "mixed encodings: KOI8-R text with UTF-8 sequences at line {} (offset {})",
                    RU.lines().count() + 1,
                    enc(RU, KOI8_R).len()
                ),
            ),
            (
                bom_cp,
                format!("UTF-8 text with windows-1251 bytes at line {utf8_cp_line} (offset {})", RU.len() + 3),
            ),
        ];
        for (bytes, want) in cases {
            match decode(&bytes) {
                Err(DocError::Undecodable(r)) => assert!(r.contains(&want), "{r:?} vs {want:?}"),
                other => panic!("{want}: {other:?}"),
            }
            assert_eq!(decode_vec(bytes.clone()), decode(&bytes));
        }
    }

    #[test]
    fn single_utf8_pairs_in_legacy_text_are_not_mixed() {
        // «ХР»: «Р» then «»» is 0xD0 0xBB in windows-1251, a well-formed UTF-8 «л»; one pair (or
        // two) is ordinary legacy text.
        let text = "Оператор ООО «ХР» и ООО «СР»: ПЁТР и РЁ.\n";
        let d = decode(&enc(text, WINDOWS_1251)).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("windows-1251", text));
        assert_eq!(utf8_cyrillic_word(&enc(text, WINDOWS_1251)), None);
        assert_eq!(utf8_cyrillic_word("ab Дом".as_bytes()), Some(3));
        assert_eq!(utf8_cyrillic_word("ab Да".as_bytes()), None);
        // A truncated or stray UTF-8 byte pair is broken UTF-8, not a legacy word.
        assert_eq!(legacy_word(b"ab \xD0 \xFF\xFE c", 3), None);
        assert_eq!(legacy_word(b"ab \xCF\xEE\xEB c", 3), Some(3));
        assert_eq!(legacy_word("ab д \u{444}".as_bytes(), 0), None);
    }

    #[test]
    fn decode_vec_no_copy_for_utf8() {
        let v = RU.as_bytes().to_vec();
        let ptr = v.as_ptr();
        let d = decode_vec(v).unwrap();
        assert_eq!(d.text.as_ptr(), ptr);
    }

    #[test]
    fn latin_legacy_is_windows_1252() {
        let d =
            decode(b"Privacy policy \xAB\xE9t\xE9\xBB, caf\xE9 na\xEFve r\xE9sum\xE9 fran\xE7ais.")
                .unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("«été»"));
    }
}
