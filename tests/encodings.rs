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
                let (bytes, _, _) = enc.encode(piece);
                match decode(&bytes) {
                    Ok(d) if d.text == piece && d.encoding == enc.name() => {}
                    Ok(d) => wrong.push(format!(
                        "{} as {}: got {} for {:?}",
                        path.display(),
                        enc.name(),
                        d.encoding,
                        piece.chars().take(60).collect::<String>()
                    )),
                    Err(e) => wrong.push(format!("{} as {}: {e}", path.display(), enc.name())),
                }
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
