//! `polex extract -` / `--out -`: the streaming contract (NDJSON records on stdin, one JSON
//! line per record on stdout, exit codes), run as the real binary.

use std::fs;
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::workdir::{outputs, read_jsonl, run_command, wait_bounded, Workdir, ROOT, RUN_LIMIT};
use serde_json::{json, Value};

/// The bundled corpus as NDJSON records (`text`, with `source` the path a directory run
/// reports), in the directory run's order.
fn corpus_records(w: &Workdir, dir: &Path) -> Vec<u8> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut out = Vec::new();
    for n in names {
        let text = fs::read_to_string(dir.join(&n)).unwrap();
        let source = dir.join(&n).strip_prefix(w.path()).unwrap().to_owned();
        let rec = json!({"id": n, "text": text, "source": source.to_str().unwrap()});
        serde_json::to_writer(&mut out, &rec).unwrap();
        out.push(b'\n');
    }
    out
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    bytes
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect()
}

/// `cat records.ndjson | polex extract - --out -` gives the documents the directory mode
/// gives for the same texts, byte for byte, whatever the number of threads; `--records
/// clauses` gives clauses.jsonl's lines (of a `--clause-text` run).
#[test]
fn the_stream_gives_the_documents_of_the_directory_mode() {
    let w = Workdir::new();
    let seeds = w.seeds("in");
    let out = w.extract_into_out(Path::new("in"), &[]);
    let records = corpus_records(&w, &seeds);
    let want = fs::read(out.join("documents.jsonl")).unwrap();
    for threads in ["1", "2", "5"] {
        let r = w.run_with_stdin(
            &["extract", "-", "--out", "-", "--quiet", "-j", threads],
            Some(&records),
        );
        r.expect(0);
        assert!(r.stdout == want, "{threads} threads: not documents.jsonl");
    }
    let r = w.run_with_stdin(
        &["extract", "--stdin", "--out", "-", "--records", "clauses"],
        Some(&records),
    );
    r.expect(0);
    // a clause line on the stream carries its body text, as clauses.jsonl does with
    // --clause-text
    w.run(&[
        "extract",
        "in",
        "--out",
        "out-text",
        "--quiet",
        "--clause-text",
        "--outputs",
        "full",
    ])
    .expect(0);
    assert!(r.stdout == fs::read(w.join("out-text").join("clauses.jsonl")).unwrap());
    assert!(r.stderr.contains("5 documents, 0 failures"), "{}", r.stderr);
    assert!(!w.join("-").exists(), "--out - made a directory");

    // NDJSON into an output directory: the same set as from the files.
    let r = w.run_with_stdin(&["extract", "-", "--out", "o2", "--quiet"], Some(&records));
    r.expect(0);
    assert_eq!(outputs(&out), outputs(&w.join("o2")));
}

/// Files to stdout: the directory's documents as lines, without writing a directory.
#[test]
fn files_can_be_written_to_stdout() {
    let w = Workdir::new();
    w.seeds("in");
    let out = w.extract_into_out(Path::new("in"), &[]);
    let r = w.run(&["extract", "in", "--out", "-", "--quiet"]);
    r.expect(0);
    assert!(r.stdout == fs::read(out.join("documents.jsonl")).unwrap());
    assert!(!w.join("-").exists());
}

/// `html` and `bytes_base64` records are read by the reader a file of those bytes gets: the
/// same document (source_format, encoding, sha256) as the file; `meta` passes through.
#[test]
fn html_and_raw_bytes_read_like_files() {
    use base64::Engine as _;
    let w = Workdir::new();
    let page = "<!doctype html><html><head><title>t</title></head><body><h1>ПОЛИТИКА</h1>\
        <p>1. Оператор — ООО «Ромашка», ИНН 7707083893.</p><p>2. Мы собираем имя.</p></body></html>";
    fs::create_dir(w.join("in")).unwrap();
    fs::write(w.join("in/p.html"), page).unwrap();
    let cp1251: Vec<u8> = encoding_rs::WINDOWS_1251
        .encode("1. Оператор обрабатывает имя и телефон.\n2. Срок хранения — 3 года.\n")
        .0
        .into_owned();
    fs::write(w.join("in/q.txt"), &cp1251).unwrap();
    let docx = fs::read(Path::new(ROOT).join("tests/fixtures/formats/000.docx")).unwrap();
    fs::write(w.join("in/r.docx"), &docx).unwrap();
    let out = w.extract_into_out(Path::new("in"), &[]);
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let input = [
        json!({"id": "p.html", "html": page, "source": "in/p.html", "meta": {"crawl": 7}}),
        json!({"id": "q.txt", "bytes_base64": b64(&cp1251), "source": "in/q.txt"}),
        json!({"id": "r.docx", "bytes_base64": b64(&docx), "source": "in/r.docx"}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect::<String>();
    let r = w.run_with_stdin(&["extract", "-", "--out", "-"], Some(input.as_bytes()));
    r.expect(0);
    let mut got = lines(&r.stdout);
    assert_eq!(got[0]["meta"], json!({"crawl": 7}));
    got[0].as_object_mut().unwrap().remove("meta");
    let want = read_jsonl(&out.join("documents.jsonl"));
    assert_eq!(got, want);
    assert_eq!(got[1]["encoding"], "windows-1251");
    assert_eq!(got[2]["source_format"], "docx");
}

/// A malformed line, a record that fails and one over --max-file-mb are error lines naming
/// the record (its line or id) in their place; the stream goes on and the exit code is 0.
#[test]
fn bad_lines_and_failing_records_are_error_lines_in_place() {
    let w = Workdir::new();
    let good = |id: &str| {
        json!({"id": id, "text": "1. Оператор обрабатывает имя.\n2. Мы храним данные 3 года.\n"})
            .to_string()
    };
    // A line over 4 x --max-file-mb is skipped unread; content over --max-file-mb refused.
    let huge = json!({"id": "huge", "text": "а".repeat(2_200_000)}).to_string();
    let big = json!({"id": "big", "text": "а".repeat(600_000)}).to_string();
    let input = [
        good("a"),
        "{not json".into(),
        json!({"id": "blank", "text": "  \n "}).to_string(),
        json!({"text": "no id"}).to_string(),
        huge,
        big,
        json!({"id": "bin", "bytes_base64": "AAEC"}).to_string(),
        String::new(),
        good("z"),
    ]
    .join("\n");
    let r = w.run_with_stdin(
        &["extract", "-", "--out", "-", "--max-file-mb", "1"],
        Some(input.as_bytes()),
    );
    r.expect(0);
    let got = lines(&r.stdout);
    let ids: Vec<&Value> = got.iter().map(|l| &l["id"]).collect();
    assert_eq!(
        ids,
        [
            &json!("a"),
            &Value::Null,
            &json!("blank"),
            &Value::Null,
            &json!("huge"),
            &json!("big"),
            &json!("bin"),
            &json!("z")
        ]
    );
    let reason = |i: usize| got[i]["error"]["reason"].as_str().unwrap().to_string();
    let stage = |i: usize| got[i]["error"]["stage"].as_str().unwrap().to_string();
    assert!(
        reason(1).starts_with("line 2: not a JSON record"),
        "{}",
        reason(1)
    );
    assert_eq!(stage(1), "ingest");
    assert_eq!(stage(2), "decode");
    assert_eq!(reason(3), "line 4: the record has no \"id\"");
    assert!(
        reason(4)
            .starts_with("line 5: record of 4400023 bytes is over the line limit (4194304 bytes"),
        "{}",
        reason(4)
    );
    assert_eq!(stage(4), "read");
    assert_eq!(
        reason(5),
        "line 6: file too large: 1200000 bytes (limit 1048576; raise it with --max-file-mb)"
    );
    assert_eq!(stage(5), "read");
    assert_eq!(stage(6), "decode");
    assert!(got[7]["clauses"].as_array().is_some_and(|c| c.len() == 2));
    // stderr names each failure, by id or line.
    assert!(
        r.stderr.contains("polex: stdin: line 2: not a JSON record"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("polex: blank: "), "{}", r.stderr);
    assert!(r.stderr.contains("2 documents, 6 failures"), "{}", r.stderr);
}

/// No input at all: nothing written, exit 0.
#[test]
fn an_empty_stream_writes_nothing() {
    let w = Workdir::new();
    for input in [&b""[..], b"\n\n"] {
        let r = w.run_with_stdin(&["extract", "-", "--out", "-"], Some(input));
        r.expect(0);
        assert!(r.stdout.is_empty());
        assert!(r.stderr.contains("0 documents, 0 failures"), "{}", r.stderr);
    }
}

/// `| head -1`: once stdout is closed the run ends quietly with exit 0, without reading the
/// rest of the stream.
#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let w = Workdir::new();
    let rec = json!({"id": "x", "text": "1. Оператор обрабатывает имя и телефон.\n"}).to_string();
    let mut child = w
        .command(&["extract", "-", "--out", "-", "-j", "2"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // An endless producer: only polex's exit stops it.
    let feeder = std::thread::spawn(move || {
        let mut n = 0u64;
        while writeln!(stdin, "{rec}").is_ok() {
            n += 1;
        }
        n
    });
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"id\":\"x\""), "{first}");
    drop(stdout);
    let r = wait_bounded(child, RUN_LIMIT, "polex extract - --out - | head -1");
    r.expect(0);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
    assert!(feeder.join().unwrap() > 0);
}

/// Files to a closed stdout (`polex extract in --out - | head -1`): exit 0, quietly.
#[test]
fn files_to_a_closed_stdout_end_quietly() {
    let w = Workdir::new();
    w.seeds("in");
    let mut child = w.command(&["extract", "in", "--out", "-"]).spawn().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    drop(stdout); // 230 KB of lines do not fit in the pipe: polex meets the closed end
    let r = wait_bounded(child, RUN_LIMIT, "polex extract in --out - | head -1");
    r.expect(0);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
}

/// A stdout that cannot be written (a full disk) is exit 3.
#[test]
fn an_unwritable_stdout_is_exit_3() {
    let w = Workdir::new();
    let rec = json!({"id": "x", "text": "1. Оператор обрабатывает имя.\n"}).to_string();
    let mut c = w.command(&["extract", "-", "--out", "-"]);
    c.stdout(
        fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap(),
    );
    let r = run_command(c, Some(rec.as_bytes()), "polex > /dev/full");
    r.expect(3);
    assert!(
        r.stderr.contains("writing to standard output"),
        "{}",
        r.stderr
    );
}

/// Usage errors are exit 2 and write nothing; `--out -` never makes a directory.
#[test]
fn usage_errors_are_exit_2() {
    let w = Workdir::new();
    w.seeds("in");
    for args in [
        &["extract", "-", "in", "--out", "-"][..],
        &["extract", "--stdin", "--files-from", "-", "--out", "-"],
        &["extract", "-", "--out", "-", "--outputs", "documents"],
        &["extract", "-", "--out", "-", "--index"],
        &["extract", "in", "--out", "o", "--records", "clauses"],
        &["extract", "--out", "-"],
    ] {
        let r = w.run_with_stdin(args, Some(b""));
        r.expect(2);
        assert!(r.stdout.is_empty(), "{args:?}");
        assert!(!w.join("-").exists() && !w.join("o").exists(), "{args:?}");
    }
}

/// `RAYON_NUM_THREADS` sets the workers when `--threads` is not given.
#[test]
fn rayon_num_threads_is_honoured() {
    let w = Workdir::new();
    let rec = format!("{}\n", json!({"id": "x", "text": "1. Текст.\n"}));
    for (env, args, want) in [
        ("3", &["extract", "-", "--out", "-"][..], "3 threads"),
        ("3", &["extract", "-", "--out", "-", "-j", "1"], "1 threads"),
    ] {
        let mut c = w.command(args);
        c.env("RAYON_NUM_THREADS", env);
        let r = run_command(c, Some(rec.as_bytes()), "RAYON_NUM_THREADS");
        r.expect(0);
        assert!(r.stderr.contains(want), "{}", r.stderr);
    }
}

/// A record line of 256 MB with `--max-file-mb 1` is skipped without being buffered: the run's
/// peak memory stays far below the line's size (`/usr/bin/time -f %M`).
#[test]
fn a_huge_line_is_never_buffered() {
    if !common::consumer::available("/usr/bin/time", Command::new("/usr/bin/time").arg("true")) {
        return;
    }
    let w = Workdir::new();
    let mut c = Command::new("/usr/bin/time");
    c.args([
        "-f",
        "%M",
        common::workdir::BIN,
        "extract",
        "-",
        "--out",
        "-",
    ])
    .args(["--max-file-mb", "1"])
    .current_dir(w.path())
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        stdin.write_all(b"{\"id\": \"huge\", \"text\": \"").unwrap();
        let block = vec![b'x'; 1 << 20];
        for _ in 0..256 {
            stdin.write_all(&block).unwrap();
        }
        stdin
            .write_all("\"}\n{\"id\": \"next\", \"text\": \"1. Текст политики.\"}\n".as_bytes())
            .unwrap();
    });
    let r = wait_bounded(child, RUN_LIMIT, "a 256 MB line");
    feeder.join().unwrap();
    r.expect(0);
    let got = lines(&r.stdout);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["id"], "huge");
    assert!(got[0]["error"]["reason"]
        .as_str()
        .unwrap()
        .contains("over the line limit"));
    assert_eq!(got[1]["id"], "next");
    let kb: u64 = r
        .stderr
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap();
    assert!(
        kb < 200 << 10,
        "peak {kb} KB for a 256 MB line\n{}",
        r.stderr
    );
}
