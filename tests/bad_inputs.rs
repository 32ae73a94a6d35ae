//! Bad and odd inputs (issue 7), run through the real binary in temporary directories.
//!
//! Every input must end in exactly one record: a line in `documents.jsonl` or a line in
//! `errors.jsonl` whose `path` names the file, whose `stage` and `reason` say what is wrong, and
//! which is also printed on stderr as `polex: <path>: <reason> (stage: <stage>)`. No run may
//! panic or hang (each is killed after a timeout), exit codes are the documented ones, and the
//! outputs are byte-identical (except `run.json`, which names the run) for 1, 2 and 5 threads.
//!
//! [`walked_directory_of_bad_inputs`] runs over one directory holding every per-file case
//! ([`cases`]); the cases that need their own command line (usage errors, a FIFO given directly,
//! `--files-from /dev/zero`, the same file twice, ...) have their own tests below it.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use encoding_rs::{Encoding, IBM866, ISO_8859_5, KOI8_R, KOI8_U, WINDOWS_1251, X_MAC_CYRILLIC};
use serde_json::Value;
use sha2::{Digest, Sha256};

mod common;
use common::stored_zip;
use common::workdir::{drain, BIN, ROOT};

/// Limit for a small run: a run that takes longer hangs.
const QUICK: Duration = Duration::from_secs(20);
/// Limit for a run over the whole directory of cases (a few MB, debug build, loaded machine).
const BIG: Duration = Duration::from_secs(120);

/// `--max-file-mb` of the directory run (the over-limit case is just above it).
const MAX_MB: u64 = 2;

// ---------------------------------------------------------------------------------------------
// Harness

/// What a run of polex did.
struct Run {
    code: i32,
    stderr: String,
}

fn os(s: impl AsRef<OsStr>) -> OsString {
    s.as_ref().to_os_string()
}

/// Memory a run may take (the largest case needs about 150 MB in debug): a reader that does not
/// stop at the size limit (`/dev/zero`) is killed before it takes the machine down.
const MAX_RSS: u64 = 1 << 30;

/// Resident memory of a process (0 when it cannot be read).
fn resident_bytes(pid: u32) -> u64 {
    fs::read_to_string(format!("/proc/{pid}/statm"))
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// Run polex in `cwd`; fail the test if it runs longer than `timeout` or takes more than
/// [`MAX_RSS`] (it is killed), dies of a signal or panics.
fn run(cwd: &Path, args: &[OsString], timeout: Duration) -> Run {
    try_run(cwd, args, timeout).unwrap_or_else(|e| panic!("{e}"))
}

/// [`run`], with the failure as an `Err` instead of a panic.
fn try_run(cwd: &Path, args: &[OsString], timeout: Duration) -> Result<Run, String> {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn polex");
    let out = drain(child.stdout.take().expect("piped stdout"));
    let err = drain(child.stderr.take().expect("piped stderr"));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for polex") {
            break status;
        }
        let rss = resident_bytes(child.id());
        if start.elapsed() > timeout || rss > MAX_RSS {
            let _ = child.kill();
            let _ = child.wait();
            let stderr = String::from_utf8_lossy(&err.join().unwrap()).into_owned();
            let why = if rss > MAX_RSS {
                format!("grows without bound: killed at {} MB resident", rss >> 20)
            } else {
                format!("hangs: killed after {timeout:?}")
            };
            return Err(format!("polex {args:?} {why}\nstderr:\n{stderr}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = out.join().unwrap();
    let stderr = String::from_utf8_lossy(&err.join().unwrap()).into_owned();
    if stderr.contains("panicked") {
        return Err(format!("polex {args:?} panicked:\n{stderr}"));
    }
    match status.code() {
        Some(code) => Ok(Run { code, stderr }),
        None => Err(format!(
            "polex {args:?} killed by a signal: {status:?}\n{stderr}"
        )),
    }
}

fn extract(cwd: &Path, out: &str, inputs: &[OsString], extra: &[&str]) -> Run {
    let mut args = vec![os("extract")];
    args.extend(inputs.iter().cloned());
    args.extend([os("--out"), os(out)]);
    args.extend(extra.iter().map(os));
    run(cwd, &args, QUICK)
}

fn lines(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

/// `documents.jsonl` and `errors.jsonl` of an output directory.
fn records(out: &Path) -> (Vec<Value>, Vec<Value>) {
    (
        lines(&out.join("documents.jsonl")),
        lines(&out.join("errors.jsonl")),
    )
}

fn text(v: &Value, field: &str) -> String {
    v[field].as_str().unwrap_or_default().to_string()
}

/// Every entry of a directory with its bytes (a missing directory: none), sorted by name.
fn snapshot(dir: &Path) -> BTreeMap<OsString, Vec<u8>> {
    let Ok(entries) = fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .map(|p| (os(p.file_name().unwrap()), fs::read(&p).unwrap_or_default()))
        .collect()
}

/// Nothing half-written left behind: no `*.tmp`, no `.polex-*`.
fn leftovers(out: &Path) -> Vec<String> {
    snapshot(out)
        .keys()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.starts_with(".polex-"))
        .collect()
}

fn escaped_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control())
}

/// Problems with the stderr line of a failure: `polex: <path>: <reason> (stage: <stage>)`, one
/// line, control characters of the path escaped.
fn stderr_line_problems(stderr: &str, err: &Value) -> Vec<String> {
    let (path, reason, stage) = (text(err, "path"), text(err, "reason"), text(err, "stage"));
    if !escaped_control(&path) && !escaped_control(&reason) {
        let want = format!("polex: {path}: {reason} (stage: {stage})");
        if stderr.lines().any(|l| l == want) {
            return vec![];
        }
        return vec![format!("stderr has no line {want:?}")];
    }
    // The path has control characters: its printable pieces in order on one line, no control
    // character left in that line, a newline shown as `\n`.
    let pieces: Vec<&str> = path
        .split(|c: char| c.is_control())
        .filter(|p| !p.is_empty())
        .collect();
    let found = stderr.lines().find(|l| {
        l.starts_with("polex: ") && l.ends_with(&format!("(stage: {stage})")) && {
            let mut rest = *l;
            pieces.iter().all(|p| match rest.find(p) {
                Some(i) => {
                    rest = &rest[i + p.len()..];
                    true
                }
                None => false,
            })
        }
    });
    let mut bad = Vec::new();
    match found {
        None => bad.push(format!(
            "no one-line stderr report for {path:?} (stage {stage}) in:\n{stderr}"
        )),
        Some(l) => {
            if l.chars().any(|c| c.is_control()) {
                bad.push(format!("stderr line has raw control characters: {l:?}"));
            }
            if path.contains('\n') && !l.contains(&path.replace('\n', "\\n")) {
                bad.push(format!("newline of {path:?} not shown as \\n: {l:?}"));
            }
        }
    }
    bad
}

/// What should become of one input.
#[derive(Clone, Copy, Debug)]
enum Want {
    /// A line in documents.jsonl (with this `encoding`, when given).
    Doc(Option<&'static str>),
    /// A line in errors.jsonl at one of `stages` (any when empty) with a reason containing one
    /// of `reasons` (case-insensitive; any non-empty reason when empty).
    Fail {
        stages: &'static [&'static str],
        reasons: &'static [&'static str],
    },
}

const DOC: Want = Want::Doc(None);

const fn fail(stages: &'static [&'static str], reasons: &'static [&'static str]) -> Want {
    Want::Fail { stages, reasons }
}

const ANY: &[&str] = &[];
const DECODE: &[&str] = &["decode"];
const READ: &[&str] = &["read"];
/// Special files are refused at discovery (`ingest`), or when read if one was swapped in later.
const SPECIAL: &[&str] = &["ingest", "read"];
const EMPTY: &[&str] = &["file is empty"];
const EMPTYISH: &[&str] = &["empty", "whitespace"];
const WHITESPACE: &[&str] = &["whitespace"];
const BINARY: &[&str] = &["binary content"];
const UNDECODABLE: &[&str] = &["undecodable bytes"];
const NOT_REGULAR: &[&str] = &["not a regular file"];
const CANNOT_PDF: &[&str] = &["cannot read pdf"];
const CANNOT_DOCX: &[&str] = &["cannot read docx"];
const DEVICE: &[&str] = &["not a regular file", "file too large"];

/// Problems with the record of a failure (`err`) for the file `rel` (relative to the root).
fn failure_problems(
    err: &Value,
    rel: &str,
    stages: &[&str],
    reasons: &[&str],
    stderr: &str,
) -> Vec<String> {
    let mut bad = Vec::new();
    let (path, stage, reason) = (text(err, "path"), text(err, "stage"), text(err, "reason"));
    if !path.ends_with(rel) {
        bad.push(format!(
            "{rel:?}: errors.jsonl path {path:?} does not name it"
        ));
    }
    if text(err, "id") != rel {
        bad.push(format!(
            "{rel:?}: errors.jsonl id is {:?}, not the relative path",
            text(err, "id")
        ));
    }
    if !stages.is_empty() && !stages.contains(&stage.as_str()) {
        bad.push(format!("{rel:?}: stage {stage:?}, want one of {stages:?}"));
    }
    let lower = reason.to_lowercase();
    if reason.is_empty() || (!reasons.is_empty() && !reasons.iter().any(|r| lower.contains(r))) {
        bad.push(format!(
            "{rel:?}: reason {reason:?}, want one of {reasons:?}"
        ));
    }
    bad.extend(
        stderr_line_problems(stderr, err)
            .into_iter()
            .map(|p| format!("{rel:?}: {p}")),
    );
    bad
}

// ---------------------------------------------------------------------------------------------
// Fixture generators

/// The start of a real policy (the encoding fixtures' original text): long enough for the
/// encoding to be detected, short enough for the dozens of copies to cost little in debug.
fn policy() -> String {
    let full =
        fs::read_to_string(Path::new(ROOT).join("tests/fixtures/encodings/utf8.txt")).unwrap();
    let cut = full.char_indices().nth(1500).map_or(full.len(), |(i, _)| i);
    let end = full[..cut].rfind('\n').unwrap_or(cut);
    full[..end + 1].to_string()
}

/// A DOCX / PDF fixture (`tests/fixtures/formats/`).
fn format_fixture(name: &str) -> Vec<u8> {
    fs::read(Path::new(ROOT).join("tests/fixtures/formats").join(name)).unwrap()
}

/// `text` in a single-byte code page; characters it lacks become `"`.
fn encode(text: &str, enc: &'static Encoding) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let (bytes, _, unmappable) = enc.encode(c.encode_utf8(&mut buf));
        if unmappable {
            out.push(b'"');
        } else {
            out.extend_from_slice(&bytes);
        }
    }
    out
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    units
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// A clause number with `depth` levels: `1.1.….1.`.
fn number(depth: usize) -> String {
    format!("{}.", vec!["1"; depth].join("."))
}

/// 10 000-deep numbering: one clause numbered with 10 000 levels, and a staircase of clauses
/// one level deeper each.
fn deep_numbering() -> String {
    let mut s = format!("ПОЛИТИКА\n\n{} Глубокий пункт.\n", number(10_000));
    for d in 1..=200 {
        s.push_str(&format!("{} Пункт уровня {d}.\n", number(d)));
    }
    s
}

/// Clauses of the "100 000 clauses" case. A debug build segments about 7 000 clauses a second
/// (100 000 take ~15 s per run, and the directory is run three times), so it is 20 000 here.
const CLAUSES: usize = 20_000;

fn many_clauses() -> String {
    let mut s = String::from("ПОЛИТИКА\n");
    let mut n = 0;
    'all: for i in 1..=99 {
        s.push_str(&format!("{i}. Раздел {i}.\n"));
        n += 1;
        for j in 1..=50 {
            s.push_str(&format!("{i}.{j}. Пункт.\n"));
            n += 1;
            for k in 1..=18 {
                if n >= CLAUSES {
                    break 'all;
                }
                s.push_str(&format!("{i}.{j}.{k}. Да.\n"));
                n += 1;
            }
        }
    }
    s
}

fn thousand_digits(d: char) -> String {
    std::iter::repeat_n(d, 1000).collect()
}

fn huge_numbers() -> String {
    let (n9, n7, n1) = (
        thousand_digits('9'),
        thousand_digits('7'),
        thousand_digits('1'),
    );
    format!(
        "ПОЛИТИКА\n\n{n9}. Пункт с огромным номером.\n1.{n1}.1. Подпункт.\n\
         ИНН {n7}\nОГРН {n1}\nТелефон: +7 {n9}\nСрок хранения: {n9} дней.\n\
         Дата: {n1}.01.2020, {n7} года. См. п. {n9}.{n1}.\nСчёт {n7}\n"
    )
}

/// Strings that make backtracking or careless regexes explode, and overflow-prone numbers.
fn regex_hostile() -> String {
    let rep = |s: &str, n: usize| s.repeat(n);
    [
        "ПОЛИТИКА".to_string(),
        format!("1. {}", rep("(", 5000)),
        format!("2. {}!", rep("a", 20_000)),
        format!("3. {}", rep(".", 20_000)),
        format!("4. {}", rep("ООО «", 2000)),
        format!("5. {}", rep("a@", 5000)),
        format!("6. {}", rep("+7 (", 3000)),
        format!("7. {}", rep("ИНН ", 3000)),
        format!("8. {}", rep("https://", 3000)),
        format!("9. {}", rep("п. ", 5000)),
        format!("10. {}", rep("«", 3000) + &rep("»", 3000)),
        format!("11. {}", rep(r"$^*+?[](){}|\\", 1500)),
        format!("12. {}", rep("1.", 5000)),
        format!("13. {}", rep("- ", 5000)),
        format!("14. {}", rep("#", 10_000)),
        format!("15. {}", rep("| --- ", 3000)),
        format!("16. {}", rep("г. ул. д. ", 2000)),
        format!("17. {}", rep(" ", 20_000) + "конец"),
        format!("18. {}", rep("01.01.", 4000)),
        format!("19. {}", rep("Федеральный закон № ", 1000)),
        format!("20. {}", rep("\u{a0}\t", 5000)),
    ]
    .join("\n")
}

fn long_url() -> String {
    let path: String = "abcdefghij".repeat((1 << 20) / 10); // 1 MB
    format!(
        "ПОЛИТИКА\n\n1. Сайт оператора: https://example.ru/{path} — адрес.\n\
         2. Почта: info@{}.ru.\n",
        "a".repeat(64 << 10)
    )
}

fn long_line() -> String {
    "Оператор обрабатывает персональные данные пользователя сайта. ".repeat(4500)
}

fn combining_and_rtl() -> String {
    let zalgo: String = "Политика"
        .chars()
        .flat_map(|c| std::iter::once(c).chain((0x300..0x340).filter_map(char::from_u32)))
        .collect();
    format!(
        "\u{301}\u{302}{zalgo}\n\n\
         1. \u{202E}Оператор\u{202C} обрабатывает \u{2067}данные\u{2069} пользователей.\n\
         2. מדיניות פרטיות — سياسة الخصوصية \u{200F}ООО «Ромашка»\u{200E}.\n\
         3. Пере\u{200B}даче\u{200D} данных\u{FEFF} третьим лицам: и\u{306}, е\u{308}, 👨\u{200D}👩\u{200D}👧.\n\
         4. Варианты\u{FE0F} знаков \u{1F1F7}\u{1F1FA}, \u{E0041}\u{E0042}.\n"
    )
}

/// Mostly windows-1251 with a few lines in UTF-8: not one encoding.
fn mixed_encodings() -> Vec<u8> {
    let text = policy();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if i % 10 == 5 {
            out.extend_from_slice("Адрес: г. Москва, ул. Ленина, д. 1".as_bytes());
        } else {
            out.extend(encode(line, WINDOWS_1251));
        }
        out.push(b'\n');
    }
    out
}

/// UTF-8 text with `bad` spliced in after the first few hundred bytes.
fn broken_utf8(bad: &[u8]) -> Vec<u8> {
    let text = policy();
    let cut = text.char_indices().nth(300).unwrap().0;
    let b = text.as_bytes();
    cat(&[&b[..cut], bad, &b[cut..]])
}

/// One input of a case: its path relative to the walked root and what should become of it.
#[derive(Clone)]
struct Input {
    rel: PathBuf,
    want: Want,
}

fn put(root: &Path, rel: impl AsRef<OsStr>, bytes: impl AsRef<[u8]>, want: Want) -> Vec<Input> {
    let rel = PathBuf::from(rel.as_ref());
    let path = root.join(&rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    vec![Input { rel, want }]
}

fn link(root: &Path, rel: &str, target: impl AsRef<Path>, want: Want) -> Vec<Input> {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    symlink(target, &path).unwrap();
    vec![Input {
        rel: rel.into(),
        want,
    }]
}

fn mkfifo(path: &Path) {
    let st = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(st.success(), "mkfifo {}", path.display());
}

fn fifo(root: &Path, rel: &str) -> Vec<Input> {
    mkfifo(&root.join(rel));
    vec![Input {
        rel: rel.into(),
        want: fail(SPECIAL, NOT_REGULAR),
    }]
}

/// A file (or a directory holding one) that cannot be read: only when we are not a user for
/// whom permissions do not count (root).
fn unreadable(root: &Path, rel: &str, dir: bool) -> Vec<Input> {
    let path = root.join(rel);
    let file = if dir {
        path.join("inside.txt")
    } else {
        path.clone()
    };
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, policy()).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = if dir {
        fs::read_dir(&path).is_ok()
    } else {
        fs::File::open(&path).is_ok()
    };
    if readable {
        println!("note: {rel}: chmod 000 does not deny reading here (root?); case skipped");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        if dir {
            fs::remove_dir_all(&path).unwrap();
        } else {
            fs::remove_file(&path).unwrap();
        }
        return vec![];
    }
    vec![Input {
        rel: rel.into(),
        want: fail(SPECIAL, &["permission denied"]),
    }]
}

/// A kind of bad or odd input: what it is and how to make it under the walked root.
struct Case {
    kind: &'static str,
    make: fn(&Path) -> Vec<Input>,
}

fn enc_doc(name: &'static str) -> Want {
    Want::Doc(Some(name))
}

/// The per-file cases of the walked directory (run with `--glob '*'`).
fn cases() -> Vec<Case> {
    let c = |kind, make| Case { kind, make };
    vec![
        c("a normal policy (control)", |r| {
            put(r, "normal.txt", policy(), enc_doc("UTF-8"))
        }),
        c("empty file", |r| put(r, "empty.txt", b"", fail(ANY, EMPTY))),
        c("UTF-8 BOM only", |r| {
            put(r, "bom-utf8.txt", b"\xEF\xBB\xBF", fail(ANY, EMPTYISH))
        }),
        c("UTF-16LE BOM only", |r| {
            put(r, "bom-utf16le.txt", b"\xFF\xFE", fail(ANY, EMPTYISH))
        }),
        c("UTF-16BE BOM only", |r| {
            put(r, "bom-utf16be.txt", b"\xFE\xFF", fail(ANY, EMPTYISH))
        }),
        c("whitespace only", |r| {
            put(r, "blank.txt", " \n\t \r\n  \n\n", fail(ANY, WHITESPACE))
        }),
        c("Unicode whitespace only", |r| {
            let s = "\u{a0}\u{3000}\u{2028}\n\u{2003}\u{2029}\u{202F}";
            put(r, "blank-unicode.txt", s, fail(ANY, WHITESPACE))
        }),
        c("BOM then whitespace", |r| {
            put(
                r,
                "bom-blank.txt",
                b"\xEF\xBB\xBF \r\n\t\n",
                fail(ANY, WHITESPACE),
            )
        }),
        c("UTF-16 whitespace only", |r| {
            let b = utf16(" \n\t\u{3000}\n", false, true);
            put(r, "blank-utf16.txt", b, fail(ANY, WHITESPACE))
        }),
        c("NUL bytes in text", |r| {
            let b = cat(&[policy().as_bytes(), b"\0\0\0\0", b"hidden"]);
            put(r, "nul.txt", b, fail(DECODE, BINARY))
        }),
        c("C0 control bytes", |r| {
            let b: Vec<u8> = (0..400u32).map(|i| (i % 8 + 1) as u8).collect();
            put(r, "control.txt", b, fail(DECODE, BINARY))
        }),
        c("binary signatures", |r| {
            // A PDF or Word signature is read by those readers, which say it is broken.
            let pdf = put(
                r,
                "sig-pdf.txt",
                b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj",
                fail(DECODE, CANNOT_PDF),
            );
            let docx = put(
                r,
                "sig-zip.docx.txt",
                b"PK\x03\x04\x14\0\x06\0word/document.xml",
                fail(DECODE, CANNOT_DOCX),
            );
            let sigs: [(&str, &[u8]); 8] = [
                ("sig-png.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
                ("sig-zip.txt", b"PK\x03\x04\x14\0\x06\0xl/workbook.xml"),
                (
                    "sig-ole2.doc.txt",
                    b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0",
                ),
                ("sig-jpeg.txt", b"\xFF\xD8\xFF\xE0\0\x10JFIF\0"),
                ("sig-gzip.txt", b"\x1F\x8B\x08\0\0\0\0\0\0\x03"),
                ("sig-elf.txt", b"\x7FELF\x02\x01\x01\0\0\0\0\0"),
                ("sig-gif.txt", b"GIF89a\x01\0\x01\0\x80\0\0"),
                ("sig-7z.txt", b"7z\xBC\xAF\x27\x1C\0\x04"),
            ];
            sigs.iter()
                .flat_map(|(n, b)| put(r, n, b, fail(DECODE, BINARY)))
                .chain(pdf)
                .chain(docx)
                .collect()
        }),
        c("DOCX and PDF (controls)", |r| {
            [
                put(
                    r,
                    "fmt/policy.docx",
                    format_fixture("000.docx"),
                    enc_doc("UTF-8"),
                ),
                put(
                    r,
                    "fmt/policy.pdf",
                    format_fixture("004.pdf"),
                    enc_doc("UTF-8"),
                ),
            ]
            .concat()
        }),
        c("truncated DOCX", |r| {
            let b = format_fixture("000.docx");
            let reasons = &["cannot read docx: not a readable zip archive"];
            put(
                r,
                "fmt/truncated.docx",
                &b[..b.len() / 2],
                fail(DECODE, reasons),
            )
        }),
        c("DOCX without word/document.xml", |r| {
            let b = stored_zip(&[("word/styles.xml", "<w:styles/>")]);
            let reasons = &["no word/document.xml"];
            put(r, "fmt/no-document.docx", b, fail(DECODE, reasons))
        }),
        c("DOCX zip bomb (declares 3 GB)", |r| {
            let mut b = stored_zip(&[("word/document.xml", "<w:document/>")]);
            // The uncompressed size of the entry, in its local header and central directory.
            let central = b.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
            let big = (3u32 << 30).to_le_bytes();
            b[22..26].copy_from_slice(&big);
            b[central + 24..central + 28].copy_from_slice(&big);
            let reasons = &["more than the limit", "cannot read docx"];
            put(r, "fmt/bomb.docx", b, fail(DECODE, reasons))
        }),
        c("truncated PDF", |r| {
            let b = format_fixture("000.pdf");
            put(
                r,
                "fmt/truncated.pdf",
                &b[..b.len() / 3],
                fail(DECODE, CANNOT_PDF),
            )
        }),
        c("PDF without a text layer (a scan)", |r| {
            let reasons = &["no text layer"];
            put(
                r,
                "fmt/scan.pdf",
                format_fixture("scan.pdf"),
                fail(DECODE, reasons),
            )
        }),
        c("UTF-32 with BOM", |r| {
            let mut b = vec![0xFF, 0xFE, 0, 0];
            for ch in "Политика".chars() {
                b.extend((ch as u32).to_le_bytes());
            }
            put(
                r,
                "utf32le.txt",
                b,
                fail(DECODE, &["undecodable", "binary"]),
            )
        }),
        c("every encoding with and without BOM", |r| {
            let t = policy();
            let u = t.as_bytes();
            [
                ("enc/utf8.txt", u.to_vec(), "UTF-8"),
                ("enc/utf8-bom.txt", cat(&[b"\xEF\xBB\xBF", u]), "UTF-8-BOM"),
                ("enc/utf16le-bom.txt", utf16(&t, false, true), "UTF-16LE"),
                ("enc/utf16be-bom.txt", utf16(&t, true, true), "UTF-16BE"),
                ("enc/utf16le.txt", utf16(&t, false, false), "UTF-16LE"),
                ("enc/utf16be.txt", utf16(&t, true, false), "UTF-16BE"),
                ("enc/cp1251.txt", encode(&t, WINDOWS_1251), "windows-1251"),
                ("enc/koi8r.txt", encode(&t, KOI8_R), "KOI8-R"),
                ("enc/ibm866.txt", encode(&t, IBM866), "IBM866"),
                ("enc/iso8859-5.txt", encode(&t, ISO_8859_5), "ISO-8859-5"),
            ]
            .into_iter()
            .flat_map(|(n, b, e)| put(r, n, b, enc_doc(e)))
            .collect()
        }),
        c("cp1251 / KOI8 / UTF-16 variants", |r| {
            let t = policy();
            let crlf = t.replace('\n', "\r\n");
            let cr = t.replace('\n', "\r");
            let uk = format!("{t}\nУкраїна: ґанок, їжак, єдність, Іван.\n");
            let short = "Политика конфиденциальности ООО «Ромашка»\n";
            [
                ("var/cp1251-crlf.txt", encode(&crlf, WINDOWS_1251), DOC),
                ("var/cp1251-cr.txt", encode(&cr, WINDOWS_1251), DOC),
                ("var/cp1251-short.txt", encode(short, WINDOWS_1251), DOC),
                ("var/koi8r-crlf.txt", encode(&crlf, KOI8_R), DOC),
                ("var/koi8u.txt", encode(&uk, KOI8_U), enc_doc("KOI8-U")),
                ("var/koi8r-short.txt", encode(short, KOI8_R), DOC),
                ("var/utf16le-crlf.txt", utf16(&crlf, false, true), DOC),
                ("var/utf16be-short.txt", utf16(short, true, false), DOC),
                ("var/utf8-crlf.txt", crlf.clone().into_bytes(), DOC),
                ("var/utf8-cr.txt", cr.clone().into_bytes(), DOC),
                // Detected as windows-1251 (it shares the lower-case letters); only no failure.
                ("var/mac-cyrillic.txt", encode(&t, X_MAC_CYRILLIC), DOC),
            ]
            .into_iter()
            .flat_map(|(n, b, w)| put(r, n, b, w))
            .collect()
        }),
        c("invalid UTF-8", |r| {
            let u = fail(DECODE, UNDECODABLE);
            [
                ("utf8/stray-ff.txt", broken_utf8(b"\xFF")),
                ("utf8/overlong.txt", broken_utf8(b"\xC0\xAF")),
                ("utf8/surrogate.txt", broken_utf8(b"\xED\xA0\x80")),
                ("utf8/truncated-seq.txt", broken_utf8(b"\xD0")),
                (
                    "utf8/truncated-end.txt",
                    cat(&[policy().as_bytes(), b"\xD0"]),
                ),
                (
                    "utf8/bom-then-cp1251.txt",
                    cat(&[b"\xEF\xBB\xBF", &encode(&policy(), WINDOWS_1251)]),
                ),
            ]
            .into_iter()
            .flat_map(|(n, b)| put(r, n, b, u))
            .collect()
        }),
        c("invalid UTF-16", |r| {
            let mut lone = utf16("Политика", false, true);
            lone.extend([0x00, 0xD8]); // a high surrogate with nothing after it
            lone.extend(utf16(" конфиденциальности", false, false));
            let mut odd = utf16(&policy(), true, true);
            odd.push(0x41);
            let u = fail(DECODE, UNDECODABLE);
            [
                put(r, "utf16/lone-surrogate.txt", lone, u),
                put(r, "utf16/odd-length.txt", odd, u),
            ]
            .concat()
        }),
        c("windows-1251 with an unmapped byte (0x98)", |r| {
            let mut b = encode(&policy(), WINDOWS_1251);
            b.insert(200, 0x98);
            put(r, "cp1251-0x98.txt", b, fail(DECODE, UNDECODABLE))
        }),
        c("mixed encodings (windows-1251 with UTF-8 lines)", |r| {
            put(r, "mixed.txt", mixed_encodings(), fail(DECODE, ANY))
        }),
        c("10 000-deep numbering", |r| {
            put(r, "deep.txt", deep_numbering(), DOC)
        }),
        c("100 000 clauses (20 000 in debug)", |r| {
            put(r, "clauses.txt", many_clauses(), DOC)
        }),
        c("1 000-digit numbers", |r| {
            put(r, "digits.txt", huge_numbers(), DOC)
        }),
        c("regex-hostile strings", |r| {
            put(r, "hostile.txt", regex_hostile(), DOC)
        }),
        c("a 1 MB URL", |r| put(r, "url.txt", long_url(), DOC)),
        c("a very long line", |r| {
            put(r, "long-line.txt", long_line(), DOC)
        }),
        c("combining marks and RTL", |r| {
            put(r, "combining-rtl.txt", combining_and_rtl(), DOC)
        }),
        c("100 000 blank lines before the text", |r| {
            let s = format!("{}1. Оператор обрабатывает данные.\n", "\n".repeat(100_000));
            put(r, "blank-lines.txt", s, DOC)
        }),
        c("a file over --max-file-mb", |r| {
            let body = "а".repeat(((MAX_MB << 20) / 2 + 1) as usize);
            put(r, "too-big.txt", body, fail(READ, &["file too large"]))
        }),
        c("a sparse file claiming 3 GB", |r| {
            let p = r.join("sparse.txt");
            fs::File::create(&p).unwrap().set_len(3 << 30).unwrap();
            vec![Input {
                rel: "sparse.txt".into(),
                want: fail(READ, &["file too large"]),
            }]
        }),
        c("directory named x.txt", |r| {
            put(r, "x.txt/inner.txt", policy(), DOC)
        }),
        c("duplicate names in different folders", |r| {
            [
                put(r, "dup-a/policy.txt", policy(), DOC),
                put(
                    r,
                    "dup-b/policy.txt",
                    policy().replace("Краснодар", "Москва"),
                    DOC,
                ),
            ]
            .concat()
        }),
        c("odd file names", |r| {
            let names = [
                "odd/Политика конфиденциальности.txt",
                "odd/🔒 политика 🇷🇺.txt",
                "odd/-n.txt",
                "odd/.hidden.txt",
                "odd/.txt",
                "odd/[a]*?{b,c}.txt",
                "odd/q\"'\\`$HOME%s.txt",
                "odd/   .txt",
                "odd/#comment.txt",
                "odd/CON.txt",
                "odd/no-extension",
                "odd/й-nfc.txt",
                "odd/и\u{306}-nfd.txt",
            ];
            let long = format!("odd/{}.txt", "д".repeat(125)); // 254 bytes
            names
                .iter()
                .map(|n| n.to_string())
                .chain([long])
                .flat_map(|n| put(r, n, policy(), DOC))
                .collect()
        }),
        c("control characters in file names", |r| {
            let bin = fail(DECODE, CANNOT_PDF);
            [
                "ctl/bad\nname.txt",
                "ctl/tab\tname.txt",
                "ctl/esc\x1b[31mred.txt",
                "ctl/cr\rname.txt",
            ]
            .iter()
            .flat_map(|n| put(r, n, b"%PDF-1.4\n", bin))
            .collect()
        }),
        c("non-UTF-8 file names", |r| {
            [
                put(r, OsStr::from_bytes(b"nonutf8/a\xff.txt"), policy(), DOC),
                put(r, OsStr::from_bytes(b"nonutf8/a\xfe.txt"), policy(), DOC),
            ]
            .concat()
        }),
        c("permission denied (file)", |r| {
            unreadable(r, "noperm.txt", false)
        }),
        c("permission denied (directory)", |r| {
            unreadable(r, "noperm-dir", true)
        }),
        c("symlink loop", |r| {
            fs::create_dir_all(r.join("loopdir")).unwrap();
            [
                link(
                    r,
                    "loopdir/loop",
                    ".",
                    fail(ANY, &["loop", "too many levels"]),
                ),
                link(
                    r,
                    "self.txt",
                    "self.txt",
                    fail(ANY, &["loop", "too many levels"]),
                ),
            ]
            .concat()
        }),
        c("dangling symlink", |r| {
            let reasons = &[
                "no such file",
                "dangling",
                "broken",
                "does not exist",
                "not found",
            ];
            link(r, "dangling.txt", "does-not-exist.txt", fail(ANY, reasons))
        }),
        // Link targets live outside the root: a target inside it would be the same file twice.
        c("symlink to a regular file", |r| {
            let target = r.parent().unwrap().join("outside-policy.dat");
            fs::write(&target, policy()).unwrap();
            link(r, "link.txt", target, DOC)
        }),
        c("FIFO in the directory", |r| fifo(r, "fifo.txt")),
        c("symlink to a FIFO", |r| {
            let target = r.parent().unwrap().join("outside-fifo");
            mkfifo(&target);
            link(r, "fifo-link.txt", target, fail(SPECIAL, NOT_REGULAR))
        }),
        c("socket", |r| {
            let l = std::os::unix::net::UnixListener::bind(r.join("sock.txt")).unwrap();
            drop(l);
            vec![Input {
                rel: "sock.txt".into(),
                want: fail(SPECIAL, NOT_REGULAR),
            }]
        }),
        c("symlink to /dev/zero", |r| {
            link(r, "zero.txt", "/dev/zero", fail(SPECIAL, DEVICE))
        }),
        c("symlink to /dev/urandom", |r| {
            link(r, "urandom.txt", "/dev/urandom", fail(SPECIAL, DEVICE))
        }),
        c("symlink to /dev/null", |r| {
            link(r, "null.txt", "/dev/null", fail(SPECIAL, NOT_REGULAR))
        }),
    ]
}

// ---------------------------------------------------------------------------------------------
// The walked directory

/// Problems with `run.json`: the manifest names the outputs and counts what is in them.
fn manifest_problems(out: &Path, docs: usize, errors: usize) -> Vec<String> {
    let Ok(raw) = fs::read_to_string(out.join("run.json")) else {
        return vec!["run.json missing".into()];
    };
    let Ok(m) = serde_json::from_str::<Value>(&raw) else {
        return vec![format!("run.json is not JSON: {raw}")];
    };
    let mut bad = Vec::new();
    for field in ["polex_version", "run_id", "inputs"] {
        if m.get(field).is_none_or(Value::is_null) {
            bad.push(format!("run.json has no {field}"));
        }
    }
    if m["documents"].as_u64() != Some(docs as u64) {
        bad.push(format!(
            "run.json documents {}, want {docs}",
            m["documents"]
        ));
    }
    if m["failures"].as_u64() != Some(errors as u64) {
        bad.push(format!(
            "run.json failures {}, want {errors}",
            m["failures"]
        ));
    }
    let files = m["files"].as_array().cloned().unwrap_or_default();
    for want in ["documents.jsonl", "errors.jsonl"] {
        if !files.iter().any(|f| f["name"] == want) {
            bad.push(format!("run.json files do not list {want}"));
        }
    }
    for f in &files {
        let name = text(f, "name");
        let Ok(bytes) = fs::read(out.join(&name)) else {
            bad.push(format!(
                "run.json lists {name:?}, which is not in the output"
            ));
            continue;
        };
        let sha = format!("{:x}", Sha256::digest(&bytes));
        if f["bytes"].as_u64() != Some(bytes.len() as u64) || text(f, "sha256") != sha {
            bad.push(format!(
                "run.json entry {f} does not match {name} ({} bytes, {sha})",
                bytes.len()
            ));
        }
    }
    bad
}

/// The records of a run, and which of them an input has claimed.
struct Outcome {
    docs: Vec<Value>,
    errors: Vec<Value>,
    used_docs: Vec<bool>,
    used_errors: Vec<bool>,
}

impl Outcome {
    fn read(out: &Path) -> Outcome {
        let (docs, errors) = records(out);
        Outcome {
            used_docs: vec![false; docs.len()],
            used_errors: vec![false; errors.len()],
            docs,
            errors,
        }
    }

    /// Problems with the record of the input `rel` (its id; for a failure also the end of its
    /// path): exactly one, as `want` says.
    fn check(&mut self, label: &str, rel: &str, want: Want, stderr: &str) -> Vec<String> {
        let (docs, errors) = (&self.docs, &self.errors);
        let d: Vec<usize> = (0..docs.len()).filter(|&i| docs[i]["id"] == rel).collect();
        let mut e: Vec<usize> = (0..errors.len())
            .filter(|&i| errors[i]["id"] == rel)
            .collect();
        if d.is_empty() && e.is_empty() {
            // Found by its path (the id is then checked by failure_problems).
            e = (0..errors.len())
                .filter(|&i| !self.used_errors[i] && text(&errors[i], "path").ends_with(rel))
                .take(1)
                .collect();
        }
        d.iter().for_each(|&i| self.used_docs[i] = true);
        e.iter().for_each(|&i| self.used_errors[i] = true);
        let what = format!("[{label}] {rel:?}");
        let mut bad = Vec::new();
        match (want, d.as_slice(), e.as_slice()) {
            (Want::Doc(enc), [i], []) => {
                let doc = &docs[*i];
                if !text(doc, "source").ends_with(rel) {
                    bad.push(format!("{what}: source {}", doc["source"]));
                }
                if let Some(enc) = enc {
                    if doc["encoding"] != enc {
                        bad.push(format!("{what}: encoding {}, want {enc}", doc["encoding"]));
                    }
                }
            }
            (Want::Fail { stages, reasons }, [], [i]) => bad.extend(
                failure_problems(&errors[*i], rel, stages, reasons, stderr)
                    .into_iter()
                    .map(|p| format!("[{label}] {p}")),
            ),
            (want, d, e) => bad.push(format!(
                "{what}: want {want:?}; documents {:?}; errors {:?}",
                d.iter().map(|&i| &docs[i]["id"]).collect::<Vec<_>>(),
                e.iter().map(|&i| &errors[i]).collect::<Vec<_>>()
            )),
        }
        bad
    }

    /// Records no input has claimed.
    fn unused(&self) -> Vec<String> {
        let docs = (self.docs.iter().zip(&self.used_docs))
            .filter(|(_, u)| !**u)
            .map(|(d, _)| format!("documents.jsonl: {} is no input's", d["id"]));
        let errors = (self.errors.iter().zip(&self.used_errors))
            .filter(|(_, u)| !**u)
            .map(|(e, _)| format!("errors.jsonl: {e} is no input's"));
        docs.chain(errors).collect()
    }
}

#[test]
fn walked_directory_of_bad_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("in");
    fs::create_dir_all(&root).unwrap();
    let cases = cases();
    let mut inputs: Vec<(&str, Input)> = Vec::new();
    for case in &cases {
        for input in (case.make)(&root) {
            inputs.push((case.kind, input));
        }
    }
    println!("{} kinds, {} inputs", cases.len(), inputs.len());

    // The three runs at once: the machine has few cores and one big file bounds each run.
    let max_mb = MAX_MB.to_string();
    let runs: Vec<(&str, Run)> = std::thread::scope(|scope| {
        let handles: Vec<_> = ["1", "2", "5"]
            .map(|threads| {
                let (cwd, max_mb) = (tmp.path(), &max_mb);
                scope.spawn(move || {
                    let out = format!("out{threads}");
                    let args = [
                        "extract",
                        "in",
                        "--out",
                        &out,
                        "--glob",
                        "*",
                        "--threads",
                        threads,
                        "--max-file-mb",
                        max_mb,
                    ]
                    .map(os);
                    let started = Instant::now();
                    let r = run(cwd, &args, BIG);
                    println!(
                        "--threads {threads}: {:.1} s",
                        started.elapsed().as_secs_f64()
                    );
                    (threads, r)
                })
            })
            .into();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut bad: Vec<String> = Vec::new();
    let mut outputs = Vec::new();
    for (threads, r) in runs {
        let out = tmp.path().join(format!("out{threads}"));
        if r.code != 1 {
            bad.push(format!("--threads {threads}: exit {}, want 1", r.code));
        }
        for f in leftovers(&out) {
            bad.push(format!("--threads {threads}: {f} left in the output"));
        }
        outputs.push((threads, out, r.stderr));
    }

    // Every input ends in exactly one record, as its case says.
    let (_, out1, stderr) = &outputs[0];
    let mut got = Outcome::read(out1);
    let mut opaque = Vec::new();
    for (kind, input) in &inputs {
        match input.rel.to_str() {
            Some(rel) => bad.extend(got.check(kind, rel, input.want, stderr)),
            None => opaque.push((kind, input)),
        }
    }
    // Names that are not UTF-8: whatever their ids look like, each is a document with its own.
    let rest: Vec<usize> = (0..got.docs.len())
        .filter(|&i| !got.used_docs[i] && text(&got.docs[i], "source").contains("nonutf8/"))
        .collect();
    let ids: std::collections::HashSet<String> =
        rest.iter().map(|&i| text(&got.docs[i], "id")).collect();
    if rest.len() != opaque.len() || ids.len() != opaque.len() {
        let wanted: Vec<_> = opaque.iter().map(|(_, i)| &i.rel).collect();
        let errors: Vec<_> = (got.errors.iter())
            .filter(|e| text(e, "path").contains("nonutf8/"))
            .collect();
        bad.push(format!(
            "non-UTF-8 names {wanted:?}: want {} documents with distinct ids, got ids {ids:?} \
             (errors: {errors:?})",
            opaque.len()
        ));
    }
    rest.iter().for_each(|&i| got.used_docs[i] = true);
    bad.extend(got.unused());
    if stderr.chars().any(|c| c.is_control() && c != '\n') {
        bad.push("stderr has raw control characters (file names not escaped)".into());
    }
    bad.extend(manifest_problems(out1, got.docs.len(), got.errors.len()));

    // The same bytes whatever the number of threads (run.json names the run).
    let strip = |dir: &Path| {
        let mut s = snapshot(dir);
        s.remove(OsStr::new("run.json"));
        s
    };
    let one = strip(out1);
    for (threads, out, _) in &outputs[1..] {
        let other = strip(out);
        if one.keys().ne(other.keys()) {
            bad.push(format!(
                "--threads {threads}: files {:?} vs {:?}",
                other.keys(),
                one.keys()
            ));
        }
        for (name, bytes) in &one {
            if other.get(name) != Some(bytes) {
                bad.push(format!(
                    "--threads {threads}: {name:?} differs from --threads 1"
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Cases with their own command line

/// A temporary directory with `good.txt` (a policy) in it.
fn workdir() -> tempfile::TempDir {
    workdir_with(&["good.txt"])
}

/// A temporary directory with a policy at each of `rels`.
fn workdir_with(rels: &[&str]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for rel in rels {
        let path = tmp.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, policy()).unwrap();
    }
    tmp
}

/// Run `extract INPUTS --out out EXTRA` in `t` and check the exit code and that each of `want`
/// (id, what should become of it) ends in exactly one record and nothing else is there.
fn expect(t: &Path, inputs: &[OsString], extra: &[&str], code: i32, want: &[(&str, Want)]) -> Run {
    let r = extract(t, "out", inputs, extra);
    let mut bad = Vec::new();
    if r.code != code {
        bad.push(format!("exit {}, want {code}", r.code));
    }
    bad.extend(leftovers(&t.join("out")));
    let mut got = Outcome::read(&t.join("out"));
    for (id, w) in want {
        bad.extend(got.check("", id, *w, &r.stderr));
    }
    bad.extend(got.unused());
    assert!(
        bad.is_empty(),
        "polex extract {inputs:?} {extra:?}:\n{}\nstderr:\n{}",
        bad.join("\n"),
        r.stderr
    );
    r
}

#[test]
fn usage_errors_exit_2_and_touch_nothing() {
    let tmp = workdir();
    let t = tmp.path();
    fs::create_dir(t.join("empty-dir")).unwrap();
    fs::create_dir(t.join("rtf-only")).unwrap();
    fs::write(t.join("rtf-only/a.rtf"), policy()).unwrap();
    fs::write(t.join("empty.lst"), "# nothing here\n\n   \n").unwrap();
    // A previous output set in `prev`: a usage error must leave it as it is.
    assert_eq!(extract(t, "prev", &[os("good.txt")], &[]).code, 0);
    let mut before = snapshot(&t.join("prev"));
    assert!(before.contains_key(OsStr::new("documents.jsonl")));

    let cases: &[(&str, &[&str])] = &[
        ("no input at all", &[]),
        ("every path missing", &["missing.txt", "missing-dir/x.txt"]),
        ("an empty directory", &["empty-dir"]),
        (
            "a directory without a file matching the glob",
            &["rtf-only"],
        ),
        ("an empty --files-from list", &["--files-from", "empty.lst"]),
        (
            "a missing --files-from list",
            &["--files-from", "missing.lst"],
        ),
        ("--threads 0", &["good.txt", "--threads", "0"]),
        ("--threads 1000000", &["good.txt", "--threads", "1000000"]),
        ("--threads -1", &["good.txt", "--threads", "-1"]),
        ("--threads abc", &["good.txt", "--threads", "abc"]),
        ("--max-file-mb abc", &["good.txt", "--max-file-mb", "abc"]),
        ("an invalid glob", &["good.txt", "--glob", "a["]),
        ("an unknown option", &["good.txt", "--frobnicate"]),
        (
            "an unknown CSV profile",
            &["good.txt", "--csv-profile", "nope"],
        ),
        (
            "a missing taxonomy",
            &["good.txt", "--taxonomy", "missing.tsv"],
        ),
    ];
    let mut bad = Vec::new();
    for (what, args) in cases {
        for out in ["fresh", "prev"] {
            let mut a = vec![os("extract")];
            a.extend(args.iter().map(os));
            a.extend([os("--out"), os(out)]);
            let r = match try_run(t, &a, QUICK) {
                Ok(r) => r,
                Err(e) => {
                    bad.push(format!("{what}: {e}"));
                    break; // one hang is enough
                }
            };
            if r.code != 2 {
                bad.push(format!("{what} (--out {out}): exit {}, want 2", r.code));
            }
            if out == "fresh" && t.join(out).exists() {
                bad.push(format!("{what}: --out {out} was created"));
                fs::remove_dir_all(t.join(out)).unwrap();
            }
            let now = snapshot(&t.join("prev"));
            if out == "prev" && now != before {
                bad.push(format!("{what}: the previous output set in --out changed"));
                before = now;
            }
        }
    }
    let r = run(t, &[os("extract"), os("good.txt")], QUICK);
    if r.code != 2 {
        bad.push(format!("no --out: exit {}, want 2", r.code));
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn fifo_given_on_the_command_line() {
    let tmp = workdir();
    let t = tmp.path();
    mkfifo(&t.join("pipe.txt"));
    let want = [("good.txt", DOC), ("pipe.txt", fail(SPECIAL, NOT_REGULAR))];
    expect(t, &[os("good.txt"), os("pipe.txt")], &[], 1, &want);
}

#[test]
fn devices_through_symlinks_given_directly() {
    let tmp = workdir();
    let t = tmp.path();
    symlink("/dev/zero", t.join("zero.txt")).unwrap();
    symlink("/dev/urandom", t.join("urandom.txt")).unwrap();
    let want = [
        ("good.txt", DOC),
        ("zero.txt", fail(SPECIAL, DEVICE)),
        ("urandom.txt", fail(SPECIAL, DEVICE)),
        ("null", fail(SPECIAL, NOT_REGULAR)),
    ];
    let inputs = ["good.txt", "zero.txt", "urandom.txt", "/dev/null"].map(os);
    expect(t, &inputs, &[], 1, &want);
}

#[test]
fn files_from_a_device_does_not_hang() {
    let tmp = workdir();
    let t = tmp.path();
    for list in ["/dev/zero", "/dev/urandom"] {
        let r = run(
            t,
            &["extract", "--files-from", list, "--out", "out"].map(os),
            QUICK,
        );
        assert_eq!(r.code, 2, "--files-from {list}: {}", r.stderr);
        assert!(!t.join("out").exists(), "--files-from {list} created --out");
    }
}

#[test]
fn files_from_list_with_bad_entries() {
    let tmp = workdir();
    let t = tmp.path();
    mkfifo(&t.join("pipe"));
    fs::create_dir(t.join("sub")).unwrap();
    fs::write(t.join("sub/p.txt"), policy()).unwrap();
    fs::write(t.join("empty.txt"), b"").unwrap();
    let list =
        "\u{feff}# a list saved on Windows\r\ngood.txt\r\n\r\npipe\n/dev/zero\nmissing.txt\n\
                ./sub/p.txt\n  \nempty.txt\n";
    fs::write(t.join("list.txt"), list).unwrap();
    let want = [
        ("good.txt", DOC),
        // Listed, not found while walking: refused when read.
        ("pipe", fail(SPECIAL, NOT_REGULAR)),
        ("/dev/zero", fail(SPECIAL, DEVICE)),
        ("missing.txt", fail(ANY, &["no such file or directory"])),
        ("sub/p.txt", DOC),
        ("empty.txt", fail(ANY, EMPTY)),
    ];
    expect(t, &[], &["--files-from", "list.txt"], 1, &want);
}

#[test]
fn same_file_given_twice_is_processed_once() {
    let tmp = workdir_with(&["in/p.txt"]);
    let t = tmp.path();
    let twice: [&[&str]; 3] = [
        &["in/p.txt", "in/p.txt"],
        &["in/p.txt", "in/./p.txt"],
        &["in", "in/p.txt"],
    ];
    for inputs in twice {
        let _ = fs::remove_dir_all(t.join("out"));
        let inputs: Vec<OsString> = inputs.iter().map(os).collect();
        let r = expect(t, &inputs, &[], 0, &[("p.txt", DOC)]);
        let note = r
            .stderr
            .lines()
            .any(|l| l.contains("p.txt") && !l.contains("(stage:"));
        assert!(note, "{inputs:?}: no note on stderr:\n{}", r.stderr);
    }
}

#[test]
fn same_names_under_two_roots_keep_distinct_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    for (rel, city) in [
        ("r1/p.txt", "Москва"),
        ("r2/p.txt", "Казань"),
        ("a/q.txt", "Омск"),
        ("b/q.txt", "Тула"),
        ("p.txt", "Самара"),
    ] {
        fs::create_dir_all(t.join(rel).parent().unwrap()).unwrap();
        fs::write(t.join(rel), policy().replace("Краснодар", city)).unwrap();
    }
    // Two directories keep their names as prefixes; two files of one name keep their parents.
    let r = extract(t, "out", &["r1", "r2", "a/q.txt", "b/q.txt"].map(os), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (docs, errors) = records(&t.join("out"));
    let sources: Vec<(String, String)> = docs
        .iter()
        .map(|d| (text(d, "id"), text(d, "source")))
        .collect();
    let want = [
        ("r1/p.txt", "r1/p.txt"),
        ("r2/p.txt", "r2/p.txt"),
        ("a/q.txt", "a/q.txt"),
        ("b/q.txt", "b/q.txt"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(sources, want);
    assert!(errors.is_empty(), "{errors:?}");
    // A real clash (the only directory's p.txt and a file p.txt given directly) is a
    // duplicate id: the first is the document, the second an ingest error.
    let r = extract(t, "out2", &["r1", "p.txt"].map(os), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let (docs, errors) = records(&t.join("out2"));
    assert_eq!(docs.len(), 1);
    assert_eq!(text(&docs[0], "source"), "r1/p.txt");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(text(&errors[0], "path"), "p.txt");
    let bad = failure_problems(
        &errors[0],
        "p.txt",
        &["ingest"],
        &["duplicate id"],
        &r.stderr,
    );
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn newline_in_a_name_given_directly_stays_one_stderr_line() {
    let tmp = workdir();
    let t = tmp.path();
    let name = "bad\nname.txt";
    fs::write(t.join(name), b"%PDF-1.7\n").unwrap();
    let r = expect(
        t,
        &[os("good.txt"), os(name)],
        &[],
        1,
        &[("good.txt", DOC), (name, fail(DECODE, CANNOT_PDF))],
    );
    for l in r.stderr.lines() {
        assert!(
            l.starts_with("polex: "),
            "a broken stderr line {l:?} in:\n{}",
            r.stderr
        );
    }
    assert!(r.stderr.contains("bad\\nname.txt"), "{}", r.stderr);
}

#[test]
fn missing_dangling_and_looping_inputs_next_to_a_good_one() {
    let tmp = workdir();
    let t = tmp.path();
    symlink("nowhere.txt", t.join("dangling.txt")).unwrap();
    symlink("self.txt", t.join("self.txt")).unwrap();
    let want = [
        ("good.txt", DOC),
        ("missing.txt", fail(ANY, &["no such file or directory"])),
        ("dangling.txt", fail(ANY, &["no such file", "dangling"])),
        ("self.txt", fail(ANY, &["loop", "too many levels"])),
    ];
    let inputs = ["good.txt", "missing.txt", "dangling.txt", "self.txt"].map(os);
    expect(t, &inputs, &[], 1, &want);
}

#[test]
fn non_utf8_names_given_directly_keep_distinct_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let names = [&b"a\xff.txt"[..], &b"a\xfe.txt"[..]].map(|n| os(OsStr::from_bytes(n)));
    for n in &names {
        fs::write(t.join(n), policy()).unwrap();
    }
    let r = extract(t, "out", &names, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (docs, errors) = records(&t.join("out"));
    let ids: std::collections::HashSet<String> = docs.iter().map(|d| text(d, "id")).collect();
    assert!(
        docs.len() == 2 && ids.len() == 2 && errors.is_empty(),
        "want two documents with distinct ids: {ids:?}, errors {errors:?}"
    );
}

#[test]
fn directory_named_like_a_file_given_directly() {
    let tmp = workdir_with(&["x.txt/p.txt"]);
    expect(tmp.path(), &[os("x.txt")], &[], 0, &[("p.txt", DOC)]);
}

#[test]
fn over_the_size_limit_given_directly() {
    let tmp = workdir();
    let t = tmp.path();
    fs::write(t.join("big.txt"), "a".repeat((1 << 20) + 1)).unwrap();
    let want = [
        ("good.txt", DOC),
        ("big.txt", fail(READ, &["file too large"])),
    ];
    expect(
        t,
        &["good.txt", "big.txt"].map(os),
        &["--max-file-mb", "1"],
        1,
        &want,
    );
}

#[test]
fn too_many_threads_are_capped_with_a_message() {
    let tmp = workdir();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = (4 * cores + 1).to_string();
    let r = expect(
        tmp.path(),
        &[os("good.txt")],
        &["--threads", &threads],
        0,
        &[("good.txt", DOC)],
    );
    assert!(
        r.stderr
            .lines()
            .any(|l| l.to_lowercase().contains("thread")),
        "--threads {threads} on {cores} cores: no message on stderr:\n{}",
        r.stderr
    );
}

#[test]
fn out_that_is_a_regular_file_exits_3() {
    let tmp = workdir();
    let t = tmp.path();
    fs::write(t.join("out"), "keep me").unwrap();
    let r = extract(t, "out", &[os("good.txt")], &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_eq!(fs::read_to_string(t.join("out")).unwrap(), "keep me");
}
