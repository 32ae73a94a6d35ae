//! DOCX and PDF input (issue 9): bundled policies converted to Word and PDF by LibreOffice
//! (`tests/fixtures/formats/`, made as its README says) give the clause numbers, operator,
//! identifiers and e-mails of the plain text; a document with Word's automatic multi-level
//! numbering gives `1.`, `1.1.`, `1.1.1.` clauses; broken, hostile and text-less files are
//! refused with a reason that says what is wrong.

mod common;

use common::stored_zip;
use common::workdir::{read_jsonl, Workdir, ROOT};
use polex::error::DocError;
use polex::model::Document;
use polex::pipeline::process_bytes;
use polex::Engine;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> PathBuf {
    Path::new(ROOT).join("tests/fixtures/formats").join(name)
}

fn seed(prefix: &str) -> (String, Vec<u8>) {
    let corpus = Path::new(ROOT).join("corpus");
    let mut names: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        .collect();
    names.sort();
    let name = names.remove(0);
    let bytes = std::fs::read(corpus.join(&name)).unwrap();
    (name, bytes)
}

fn process(engine: &Engine, name: &str, bytes: &[u8]) -> Result<Document, DocError> {
    process_bytes(engine, name, name, bytes)
}

fn numbers(d: &Document) -> Vec<&str> {
    d.layout.clauses.iter().map(|c| c.number.as_str()).collect()
}

/// What must not change with the format: clause numbers, operator, identifiers, e-mails.
fn facts(d: &Document) -> serde_json::Value {
    serde_json::json!({
        "clauses": numbers(d),
        "operator": d.entities.operator.as_ref().map(|o| (&o.legal_form, &o.name, o.kind.as_str())),
        "identifiers": d.entities.identifiers.iter().map(|i| (i.kind.as_str(), &i.value, i.valid)).collect::<Vec<_>>(),
        "emails": d.entities.emails,
    })
}

#[test]
fn converted_seeds_give_the_facts_of_the_text() {
    let engine = Engine::new();
    let mut bad = Vec::new();
    for (prefix, files) in [
        ("000_", ["000.docx", "000.pdf"]),
        ("004_", ["004.docx", "004.pdf"]),
    ] {
        let (name, text) = seed(prefix);
        let plain = process(&engine, &name, &text).unwrap();
        assert!(plain.layout.clauses.len() > 10, "{name}");
        for file in files {
            let bytes = std::fs::read(fixture(file)).unwrap();
            let d = process(&engine, file, &bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(d.source.source_format, &file[4..], "{file}");
            assert_eq!(d.source.encoding, "UTF-8", "{file}");
            let (got, want) = (facts(&d), facts(&plain));
            if got != want {
                bad.push(format!("{file}:\n  got  {got}\n  want {want}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The clause numbers of seed 003 as its text writes them, with the trailing dot Word's
/// `%1.%2.` labels draw.
fn seed_003_numbers() -> Vec<String> {
    let (_, text) = seed("003_");
    String::from_utf8(text)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let n: String = l
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let rest = &l[n.len()..];
            (!n.is_empty() && rest.starts_with(' ') && n.starts_with(|c: char| c.is_ascii_digit()))
                .then(|| format!("{}.", n.trim_end_matches('.')))
        })
        .collect()
}

#[test]
fn automatic_multi_level_numbering_is_written_out() {
    let bytes = std::fs::read(fixture("003-autonumbered.docx")).unwrap();
    // The numbers are Word's: no paragraph carries them as text.
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("<w:numPr>"));
    assert!(!xml.contains(">1.1.1."), "literal numbers in the document");
    assert!(zip.by_name("word/numbering.xml").is_ok());

    let want = seed_003_numbers();
    assert!(
        want.len() > 60 && want.contains(&"4.1.10.".to_string()),
        "{want:?}"
    );
    let engine = Engine::new();
    for file in ["003-autonumbered.docx", "003-autonumbered.pdf"] {
        let bytes = std::fs::read(fixture(file)).unwrap();
        let d = process(&engine, file, &bytes).unwrap();
        let got: Vec<String> = d
            .layout
            .clauses
            .iter()
            .map(|c| format!("{}.", c.number.trim_end_matches('.')))
            .collect();
        assert_eq!(got, want, "{file}");
        assert!(
            d.layout.text.contains("\n1.1.1. «Администрация сайта»"),
            "{file}"
        );
    }
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn document(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>{body}</w:body></w:document>")
}

#[test]
fn tables_become_tsv_rows() {
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let row = |a: &str, b: &str, c: &str| format!("<w:tr>{}{}{}</w:tr>", cell(a), cell(b), cell(c));
    let body = format!(
        "<w:p><w:r><w:t>Политика конфиденциальности</w:t></w:r></w:p>\
         <w:p><w:r><w:t>1. Оператор обрабатывает следующие данные:</w:t></w:r></w:p>\
         <w:tbl>{}{}{}</w:tbl>\
         <w:p><w:r><w:t>2. Оператор — ООО «Ромашка», e-mail: info@romashka.ru.</w:t></w:r></w:p>",
        row("Данные", "Цель", "Срок"),
        row("Имя", "Связь с клиентом", "1 год"),
        row("Телефон", "Доставка", "3 года")
    );
    let bytes = stored_zip(&[("word/document.xml", &document(&body))]);
    let d = process(&Engine::new(), "t.docx", &bytes).unwrap();
    assert_eq!(d.source.source_format, "docx");
    for line in [
        "Данные\tЦель\tСрок",
        "Имя\tСвязь с клиентом\t1 год",
        "Телефон\tДоставка\t3 года",
    ] {
        assert!(
            d.layout.text.lines().any(|l| l == line),
            "{line:?} in {:?}",
            d.layout.text
        );
    }
    assert_eq!(numbers(&d), ["1", "2"]);
    assert_eq!(d.entities.emails, ["info@romashka.ru"]);
}

#[test]
fn pdf_words_hyphenated_at_line_ends_are_joined() {
    // The reader's tidying on what the extractor gives for a wrapped paragraph.
    let text = polex::ingest::tidy_pdf_text(vec![
        "1. Общие положения\n1.1. Оператор осуществляет обра-\nботку персональных данных на интернет-\nсайте.\n2. Цели\n".into(),
    ]);
    assert!(text.contains("обработку персональных"), "{text}");
    assert!(text.contains("интернет-сайте."), "{text}");
    assert!(text.contains("\n2. Цели"), "{text}");
}

#[test]
fn pdfs_without_text_need_ocr() {
    let engine = Engine::new();
    for file in ["scan.pdf", "blank.pdf"] {
        let bytes = std::fs::read(fixture(file)).unwrap();
        let e = process(&engine, file, &bytes).unwrap_err();
        assert!(
            matches!(e, DocError::NoTextLayer { pages: 1 }),
            "{file}: {e:?}"
        );
        let msg = e.to_string();
        assert!(
            msg.contains("no text layer") && msg.contains("OCR"),
            "{msg}"
        );
        assert_eq!(e.stage().as_str(), "decode");
    }
}

#[test]
fn broken_files_are_clear_errors() {
    let engine = Engine::new();
    let good = std::fs::read(fixture("000.docx")).unwrap();
    let pdf = std::fs::read(fixture("000.pdf")).unwrap();
    let no_document = stored_zip(&[("word/styles.xml", "<w:styles/>"), ("x.txt", "x")]);
    let bad_xml = stored_zip(&[("word/document.xml", "<w:document><w:body><w:p>")]);
    for (name, bytes, want) in [
        (
            "truncated.docx",
            &good[..good.len() / 2],
            "not a readable zip archive",
        ),
        ("no-document.docx", &no_document[..], "no word/document.xml"),
        ("bad-xml.docx", &bad_xml[..], "word/document.xml"),
        ("truncated.pdf", &pdf[..pdf.len() / 3], "cannot read PDF"),
        ("garbage.pdf", b"%PDF-1.7\n garbage", "cannot read PDF"),
    ] {
        let e = process(&engine, name, bytes).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains(want), "{name}: {msg}");
        assert_eq!(e.stage().as_str(), "decode", "{name}");
    }
}

/// A docx whose `word/document.xml` unpacks to `mb` megabytes of one repeated paragraph; with
/// `lie`, the archive's headers claim it is 1 000 bytes.
pub fn zip_bomb(mb: usize, lie: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("word/document.xml", opts).unwrap();
    w.write_all(format!("<w:document {W}><w:body>").as_bytes())
        .unwrap();
    let para = "<w:p><w:r><w:t>1. Оператор обрабатывает данные.</w:t></w:r></w:p>".repeat(1000);
    let mut written = 0;
    while written < mb << 20 {
        w.write_all(para.as_bytes()).unwrap();
        written += para.len();
    }
    w.write_all(b"</w:body></w:document>").unwrap();
    let mut bytes = w.finish().unwrap().into_inner();
    if lie {
        // The uncompressed size in the local header (offset 22) and the central directory
        // entry (offset 24).
        let central = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        bytes[22..26].copy_from_slice(&1000u32.to_le_bytes());
        bytes[central + 24..central + 28].copy_from_slice(&1000u32.to_le_bytes());
    }
    bytes
}

#[test]
fn zip_bombs_are_refused_quickly() {
    let engine = Engine::new();
    for lie in [false, true] {
        let bomb = zip_bomb(80, lie);
        assert!(bomb.len() < 2 << 20, "{}", bomb.len());
        let t = Instant::now();
        let e = process(&engine, "bomb.docx", &bomb).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("more than the limit of 64 MB")
                || (lie && msg.contains("word/document.xml")),
            "lie={lie}: {msg}"
        );
        assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    }
}

#[test]
fn zip_bomb_memory_is_bounded() {
    // Through the binary, so that its peak resident size can be read: an 80 MB bomb must not
    // take much more than the 64 MB limit.
    let w = Workdir::new();
    std::fs::create_dir(w.join("in")).unwrap();
    std::fs::write(w.join("in/bomb.docx"), zip_bomb(200, true)).unwrap();
    let out = std::process::Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg(common::workdir::BIN)
        .args(["extract", "in", "--out", "out"])
        .current_dir(w.path())
        .output();
    let Ok(out) = out else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true: /usr/bin/time (Debian package time) is not installed"
        );
        println!("skipped: /usr/bin/time absent");
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kb: u64 = stderr
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(kb < 300 << 10, "peak {kb} KB\n{stderr}");
    let errors = read_jsonl(&w.join("out/errors.jsonl"));
    assert_eq!(errors.len(), 1);
    assert!(errors[0]["reason"]
        .as_str()
        .unwrap()
        .contains("cannot read DOCX"));
}

#[test]
fn the_binary_reads_docx_and_pdf_from_a_directory() {
    let w = Workdir::new();
    let dir = w.join("in");
    std::fs::create_dir(&dir).unwrap();
    for (from, to) in [
        ("000.docx", "a/Policy.DOCX"),
        ("004.pdf", "b/policy.pdf"),
        ("scan.pdf", "c/scan.pdf"),
        ("no-mediabox.pdf", "d/panics.pdf"),
    ] {
        let to = dir.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture(from), to).unwrap();
    }
    // One run with the default glob: both formats are found, the scan and the PDF that makes
    // the extractor panic are errors (and no panic is printed: `run` checks stderr).
    let r = w.run(&["extract", "in", "--out", "out"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let docs = read_jsonl(&w.join("out/documents.jsonl"));
    let formats: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap(),
                d["source_format"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        formats,
        [("a/Policy.DOCX", "docx"), ("b/policy.pdf", "pdf")]
    );
    let errors = read_jsonl(&w.join("out/errors.jsonl"));
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["id"], "c/scan.pdf");
    assert_eq!(errors[0]["stage"], "decode");
    assert!(errors[0]["reason"].as_str().unwrap().contains("OCR"));
    assert!(r.stderr.contains("OCR"), "{}", r.stderr);
    assert_eq!(errors[1]["id"], "d/panics.pdf");
    let reason = errors[1]["reason"].as_str().unwrap();
    assert!(reason.contains("the extractor failed"), "{reason}");
}
