//! Decoding of the fixtures in tests/fixtures/encodings (seed 000 re-encoded with iconv) and of
//! every seed / dev text re-encoded in the Cyrillic code pages, whole and paragraph by paragraph.

use encoding_rs::{Encoding, IBM866, KOI8_R, WINDOWS_1251};
use polex::error::DocError;
use polex::ingest::decode::decode;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/encodings")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// What `iconv -t KOI8-R//TRANSLIT` made of the chars KOI8-R lacks.
fn koi8_translit(s: &str) -> String {
    s.replace('«', "<<")
        .replace('»', ">>")
        .replace('—', "--")
        .replace('№', "No")
}

#[test]
fn fixtures_decode_to_the_original() {
    let original = String::from_utf8(fixture("utf8.txt")).unwrap();
    let cases: &[(&str, &str, String)] = &[
        ("utf8.txt", "UTF-8", original.clone()),
        ("utf8-bom.txt", "UTF-8-BOM", original.clone()),
        ("utf16le-bom.txt", "UTF-16LE", original.clone()),
        ("utf16be-bom.txt", "UTF-16BE", original.clone()),
        ("cp1251.txt", "windows-1251", original.clone()),
        ("koi8r.txt", "KOI8-R", koi8_translit(&original)),
    ];
    for (name, enc, want) in cases {
        let d = decode(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(d.encoding, *enc, "{name}");
        assert!(d.text == *want, "{name}: text differs from the original");
    }
}

#[test]
fn bad_fixtures_are_errors() {
    match decode(&fixture("broken-utf8.txt")) {
        Err(DocError::Undecodable(r)) => {
            assert!(r.starts_with("invalid UTF-8 at offset 460 (0xD0"), "{r}")
        }
        other => panic!("broken-utf8.txt: {other:?}"),
    }
    match decode(&fixture("binary.pdf.txt")) {
        Err(DocError::Binary(r)) => assert!(r.contains("PDF signature"), "{r}"),
        other => panic!("binary.pdf.txt: {other:?}"),
    }
}

/// Replace the chars a code page cannot hold by an ASCII quote, so the round trip is exact.
fn representable(text: &str, enc: &'static Encoding) -> String {
    let mut buf = [0u8; 4];
    text.chars()
        .map(|c| {
            let (_, _, unmappable) = enc.encode(c.encode_utf8(&mut buf));
            if unmappable {
                '"'
            } else {
                c
            }
        })
        .collect()
}

fn shared_texts() -> Option<Vec<PathBuf>> {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    if !shared.exists() {
        println!("skipped: ../shared not found");
        return None;
    }
    let mut files = Vec::new();
    for dir in ["seeds", "dev/corpus"] {
        if let Ok(rd) = std::fs::read_dir(shared.join(dir)) {
            files.extend(
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "txt")),
            );
        }
    }
    files.sort();
    Some(files)
}

/// `piece` encoded in `enc` decodes to itself and names `enc`; otherwise what went wrong.
fn round_trip(path: &Path, piece: &str, enc: &'static Encoding) -> Option<String> {
    let (bytes, _, _) = enc.encode(piece);
    match decode(&bytes) {
        Ok(d) if d.text == piece && d.encoding == enc.name() => None,
        Ok(d) => Some(format!(
            "{} as {}: got {} for {:?}",
            path.display(),
            enc.name(),
            d.encoding,
            piece.chars().take(60).collect::<String>()
        )),
        Err(e) => Some(format!("{} as {}: {e}", path.display(), enc.name())),
    }
}

#[test]
fn real_texts_in_cyrillic_code_pages() {
    let Some(files) = shared_texts() else { return };
    let mut wrong = Vec::new();
    let mut paragraphs = 0usize;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for enc in [WINDOWS_1251, KOI8_R, IBM866] {
            let whole = representable(&text, enc);
            // Whole document, then every paragraph with at least 40 bytes of Cyrillic on its own.
            let mut pieces = vec![whole.as_str()];
            pieces.extend(
                whole
                    .split("\n\n")
                    .filter(|p| p.bytes().filter(|&b| b >= 0x80).count() >= 80),
            );
            for piece in pieces {
                paragraphs += 1;
                wrong.extend(round_trip(path, piece, enc));
            }
        }
    }
    println!(
        "{} texts/paragraphs checked, {} wrong",
        paragraphs,
        wrong.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every text under ../shared (seeds, dev corpus, mining).
fn all_shared_texts() -> Option<Vec<PathBuf>> {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    if !shared.exists() {
        println!("skipped: ../shared not found");
        return None;
    }
    let mut files: Vec<PathBuf> = ["seeds", "dev/corpus", "mining"]
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(shared.join(d)))
        .filter_map(|e| e.ok().map(|e| e.into_path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Some(files)
}

/// `text` with line `i` (0-based) encoded in `minority` when `pick(i)`, in `majority` otherwise;
/// also the 1-based number of the first picked line with a Cyrillic word of three letters or
/// more (where the decoder must see the other encoding).
fn mix(
    text: &str,
    majority: &'static Encoding,
    minority: &'static Encoding,
    pick: impl Fn(usize) -> bool,
) -> (Vec<u8>, Option<usize>) {
    let mut bytes = Vec::new();
    let mut first = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let enc = if pick(i) { minority } else { majority };
        let line = representable(line, enc);
        let (b, _, _) = enc.encode(&line);
        bytes.extend_from_slice(&b);
        let word = line
            .split(|c: char| !matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
            .any(|w| w.chars().count() >= 3);
        if pick(i) && word && first.is_none() {
            first = Some(i + 1);
        }
    }
    (bytes, first)
}

/// Which lines of a mixed file are in the other encoding.
type Pick = Box<dyn Fn(usize) -> bool>;

#[test]
fn real_texts_single_encoding_decode_and_mixed_are_rejected() {
    use encoding_rs::UTF_8;
    let Some(files) = all_shared_texts() else {
        return;
    };
    let (mut single, mut mixed) = (0usize, 0usize);
    let mut wrong = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for enc in [WINDOWS_1251, KOI8_R] {
            let piece = representable(&text, enc);
            single += 1;
            wrong.extend(round_trip(path, &piece, enc));
            let n = text.lines().count();
            let cases: [(&str, &'static Encoding, &'static Encoding, Pick); 4] = [
                (
                    "second half UTF-8",
                    enc,
                    UTF_8,
                    Box::new(move |i| i >= n / 2),
                ),
                (
                    "every 10th line UTF-8",
                    enc,
                    UTF_8,
                    Box::new(|i| i % 10 == 5),
                ),
                (
                    "every 10th line legacy",
                    UTF_8,
                    enc,
                    Box::new(|i| i % 10 == 5),
                ),
                (
                    "second half legacy",
                    UTF_8,
                    enc,
                    Box::new(move |i| i >= n / 2),
                ),
            ];
            for (what, majority, minority, pick) in cases {
                let (bytes, Some(line)) = mix(&text, majority, minority, pick) else {
                    continue;
                };
                mixed += 1;
                // Half and half: the decoder names where the smaller share starts, either one.
                let want = if what.contains("half") {
                    "mixed encodings".to_string()
                } else {
                    format!("at line {line} (offset")
                };
                match decode(&bytes) {
                    Err(DocError::Undecodable(r))
                        if r.starts_with("mixed encodings: ")
                            && r.contains(&want)
                            && r.contains(enc.name()) => {}
                    other => wrong.push(format!(
                        "{} {} {what}: want mixed encodings {want}, got {other:?}",
                        path.display(),
                        enc.name()
                    )),
                }
            }
        }
    }
    println!(
        "{single} single-encoding files decoded, {mixed} mixed files, {} wrong",
        wrong.len()
    );
    assert!(single > 0 && mixed > 0);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn mixed_encodings_are_an_error() {
    // Seed text: windows-1251 with one UTF-8 line, UTF-8 with one windows-1251 line, KOI8-R with
    // one UTF-8 line. Before the check the first and the third decoded as garbled legacy text.
    let text = String::from_utf8(fixture("utf8.txt")).unwrap();
    let cases = [
        (
            WINDOWS_1251,
            encoding_rs::UTF_8,
            "windows-1251 text with UTF-8 sequences",
        ),
        (
            encoding_rs::UTF_8,
            WINDOWS_1251,
            "UTF-8 text with windows-1251 bytes",
        ),
        (
            KOI8_R,
            encoding_rs::UTF_8,
            "KOI8-R text with UTF-8 sequences",
        ),
    ];
    let at = text
        .lines()
        .position(|l| l.starts_with("1.2. "))
        .expect("clause 1.2");
    let want_line = format!("at line {} (offset", at + 1);
    for (majority, minority, want) in cases {
        let (bytes, line) = mix(&text, majority, minority, |i| i == at);
        assert_eq!(line, Some(at + 1));
        match decode(&bytes) {
            Err(DocError::Undecodable(r)) => {
                assert!(r.starts_with("mixed encodings: "), "{r}");
                assert!(r.contains(want), "{r}");
                assert!(r.contains(&want_line), "{r}");
            }
            other => panic!("{want}: {other:?}"),
        }
    }
}
