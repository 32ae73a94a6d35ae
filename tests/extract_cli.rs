//! `polex extract`, run as the real binary in temporary directories.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;
use common::workdir::{outputs, read_jsonl, BIN, ROOT};

fn polex(args: &[&str], cwd: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run polex")
}

fn seed_dir(tmp: &Path) -> PathBuf {
    let d = tmp.join("in");
    fs::create_dir_all(&d).unwrap();
    for e in fs::read_dir(Path::new(ROOT).join("corpus")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, d.join(p.file_name().unwrap())).unwrap();
    }
    d
}

#[test]
fn writes_every_output_file_for_the_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = polex(
        &["extract", "corpus", "--out", out.to_str().unwrap()],
        Path::new(ROOT),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("5 documents, 0 failures"), "{stderr}");
    assert!(stderr.contains("MB/s"), "{stderr}");
    for name in polex::emit::FILES {
        assert!(out.join(name).is_file(), "{name} missing");
        assert!(!out.join(format!("{name}.tmp")).exists());
    }
    let docs = read_jsonl(&out.join("documents.jsonl"));
    assert_eq!(docs.len(), 5);
    assert_eq!(docs[0]["id"], "000_73a257b880c7e22b.txt");
    assert_eq!(docs[0]["encoding"], "UTF-8");
    assert_eq!(docs[0]["sha256"].as_str().unwrap().len(), 64);
    // clauses.jsonl and entities.jsonl are not in the default set since 2026-12; `full`
    // writes them as before.
    assert!(!out.join("clauses.jsonl").exists() && !out.join("entities.jsonl").exists());
    let full = tmp.path().join("full");
    let o = polex(
        &[
            "extract",
            "corpus",
            "--out",
            full.to_str().unwrap(),
            "-q",
            "--outputs",
            "full",
        ],
        Path::new(ROOT),
    );
    assert_eq!(o.status.code(), Some(0));
    for name in [
        "clauses.jsonl",
        "clauses.schema.json",
        "entities.jsonl",
        "entities.schema.json",
    ] {
        assert!(
            full.join(name).is_file(),
            "{name} missing with --outputs full"
        );
    }
    for name in polex::emit::FILES {
        let (a, b) = (
            fs::read(out.join(name)).unwrap(),
            fs::read(full.join(name)).unwrap(),
        );
        assert!(
            // inputs.jsonl lists each file's parts; the schemas and datapackage.json name the set
            a == b || name.ends_with(".json") || *name == "inputs.jsonl",
            "{name} differs with --outputs full"
        );
    }
    let clauses = read_jsonl(&full.join("clauses.jsonl"));
    let keys: std::collections::HashSet<&str> =
        clauses.iter().map(|c| c["key"].as_str().unwrap()).collect();
    assert_eq!(keys.len(), clauses.len(), "clause keys are unique");
    assert!(keys.iter().all(|k| k
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')));
    assert!(fs::read_to_string(out.join("errors.jsonl"))
        .unwrap()
        .is_empty());
}

#[test]
fn output_is_identical_for_one_and_four_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let input = seed_dir(tmp.path());
    // more documents than one chunk, in nested folders
    for i in 0..3 {
        let sub = input.join(format!("sub{i}"));
        fs::create_dir_all(&sub).unwrap();
        for e in fs::read_dir(Path::new(ROOT).join("corpus")).unwrap() {
            let p = e.unwrap().path();
            fs::copy(&p, sub.join(p.file_name().unwrap())).unwrap();
        }
    }
    let run = |threads: &str, name: &str| {
        let out = tmp.path().join(name);
        let o = polex(
            &[
                "extract",
                "in",
                "--out",
                out.to_str().unwrap(),
                "--threads",
                threads,
                "--chunk-size",
                "3",
                "--quiet",
            ],
            tmp.path(),
        );
        assert_eq!(o.status.code(), Some(0));
        outputs(&out)
    };
    let one = run("1", "out1");
    let four = run("4", "out4");
    assert_eq!(one.len(), polex::emit::FILES.len());
    for ((n1, b1), (n4, b4)) in one.iter().zip(&four) {
        assert_eq!(n1, n4);
        assert!(b1 == b4, "{n1} differs between 1 and 4 threads");
    }
}

#[test]
fn a_bad_file_is_reported_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let input = seed_dir(tmp.path());
    fs::write(input.join("broken.txt"), b"\xff\xfe\x00\x00PDF\x00\x01\x02").unwrap();
    fs::write(input.join("empty.txt"), b"").unwrap();
    let out = tmp.path().join("out");
    let o = polex(&["extract", "in", "--out", "out"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("broken.txt"), "{stderr}");
    assert!(stderr.contains("empty.txt"), "{stderr}");
    assert!(stderr.contains("5 documents, 2 failures"), "{stderr}");
    assert_eq!(read_jsonl(&out.join("documents.jsonl")).len(), 5);
    let errors = read_jsonl(&out.join("errors.jsonl"));
    assert_eq!(errors.len(), 2);
    let broken = errors.iter().find(|e| e["id"] == "broken.txt").unwrap();
    assert_eq!(broken["stage"], "decode");
    assert!(broken["path"].as_str().unwrap().ends_with("broken.txt"));
    assert!(!broken["reason"].as_str().unwrap().is_empty());
    let empty = errors.iter().find(|e| e["id"] == "empty.txt").unwrap();
    assert!(empty["reason"].as_str().unwrap().contains("empty"));
}

#[test]
fn files_from_stdin_and_missing_paths() {
    let tmp = tempfile::tempdir().unwrap();
    seed_dir(tmp.path());
    let mut child = Command::new(BIN)
        .args(["extract", "--files-from", "-", "--out", "out", "--quiet"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"in/000_73a257b880c7e22b.txt\n\n# a comment\nin/missing.txt\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let docs = read_jsonl(&tmp.path().join("out/documents.jsonl"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["id"], "in/000_73a257b880c7e22b.txt");
    let errors = read_jsonl(&tmp.path().join("out/errors.jsonl"));
    assert_eq!(errors.len(), 1);
    assert!(errors[0]["path"].as_str().unwrap().contains("missing.txt"));
}

#[test]
fn usage_errors_exit_with_2() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["extract", "--out", "out"],
        vec!["extract", "corpus"],
        vec!["extract", "corpus", "--out", "out", "--threads", "0"],
        vec!["nonsense"],
    ] {
        let o = polex(&args, tmp.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn excel_profile_reads_back() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = polex(
        &[
            "extract",
            "corpus",
            "--out",
            out.to_str().unwrap(),
            "--csv-profile",
            "excel",
            "--quiet",
        ],
        Path::new(ROOT),
    );
    assert_eq!(o.status.code(), Some(0));
    for name in [
        "clauses.csv",
        "summary.csv",
        "matrix.csv",
        "entities.csv",
        "practices.csv",
    ] {
        let bytes = fs::read(out.join(name)).unwrap();
        assert!(bytes.starts_with("\u{FEFF}".as_bytes()), "{name}: BOM");
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let width = rdr.headers().unwrap().len();
        for rec in rdr.records() {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), width, "{name}");
            for cell in rec.iter() {
                // a negative integer (the matrix's -1) is a number, not a formula
                assert!(
                    polex::emit::csv_out::is_negative_integer(cell)
                        || !cell.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']),
                    "{name}: unsafe cell {cell:?}"
                );
            }
        }
        assert!(text.contains("\r\n"), "{name}: CRLF");
    }
    let summary = fs::read_to_string(out.join("summary.csv")).unwrap();
    assert!(summary.contains("000_73a257b880c7e22b.txt"));
}

/// outputs/ is exactly what `polex extract corpus --out outputs` writes.
#[test]
fn committed_outputs_are_fresh() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("outputs");
    let o = polex(
        &[
            "extract",
            "corpus",
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ],
        Path::new(ROOT),
    );
    assert_eq!(o.status.code(), Some(0));
    let fresh = outputs(&out);
    let committed = outputs(&Path::new(ROOT).join("outputs"));
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&committed), names(&fresh), "outputs/ has other files");
    for ((name, a), (_, b)) in committed.iter().zip(&fresh) {
        assert!(
            a == b,
            "outputs/{name} is stale: run `cargo run --release -- extract corpus --out outputs`"
        );
    }
}

#[test]
fn user_taxonomy_extends_or_replaces_and_errors_name_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    let input = seed_dir(tmp.path());
    let _ = input;
    let tax = tmp.path().join("user.tsv");
    fs::write(
        &tax,
        "kind\tid\tname\tdpv\tforms\ncategory\tballoon_design\t-\t-\tизображения композиций\n",
    )
    .unwrap();
    let header_of = |dir: &str| -> Vec<String> {
        let text = fs::read_to_string(tmp.path().join(dir).join("matrix.csv")).unwrap();
        text.lines()
            .next()
            .unwrap()
            .split(',')
            .map(String::from)
            .collect()
    };
    // extend: the built-in columns plus the new one, and seed 000 mentions it
    let o = polex(
        &[
            "extract",
            "in",
            "--out",
            "ext",
            "--taxonomy",
            "user.tsv",
            "-q",
        ],
        tmp.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let h = header_of("ext");
    assert!(h.contains(&"category:email".to_string()));
    assert!(h.contains(&"category:balloon_design".to_string()));
    let docs = read_jsonl(&tmp.path().join("ext/documents.jsonl"));
    let seed0 = docs
        .iter()
        .find(|d| d["id"] == "000_73a257b880c7e22b.txt")
        .unwrap();
    assert!(seed0["data_categories"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "balloon_design"));
    // replace: only the user's category is left
    let o = polex(
        &[
            "extract",
            "in",
            "--out",
            "rep",
            "--taxonomy",
            "user.tsv",
            "--replace-taxonomy",
            "-q",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let h = header_of("rep");
    assert!(h.contains(&"category:balloon_design".to_string()));
    assert!(!h.contains(&"category:email".to_string()));
    // malformed: exit 2, the message names the file and the line
    fs::write(&tax, "kind\tid\tname\tdpv\tforms\ncategory\tbroken\n").unwrap();
    let o = polex(
        &["extract", "in", "--out", "bad", "--taxonomy", "user.tsv"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("user.tsv") && stderr.contains("line 2"),
        "{stderr}"
    );
}

#[test]
fn files_over_the_size_limit_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let input = seed_dir(tmp.path());
    fs::write(input.join("huge.txt"), "Политика. ".repeat(120_000)).unwrap(); // ~2.2 MB
    let o = polex(
        &["extract", "in", "--out", "out", "--max-file-mb", "1", "-q"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let errors = read_jsonl(&tmp.path().join("out/errors.jsonl"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["id"], "huge.txt");
    assert_eq!(errors[0]["stage"], "read");
    assert!(errors[0]["reason"].as_str().unwrap().contains("too large"));
    assert_eq!(read_jsonl(&tmp.path().join("out/documents.jsonl")).len(), 5);
}

#[test]
fn outputs_selects_the_formats_written() {
    let tmp = tempfile::tempdir().unwrap();
    let input = seed_dir(tmp.path());
    let out = tmp.path().join("sel");
    let o = polex(
        &[
            "extract",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--outputs",
            "matrix,summary",
        ],
        tmp.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let names: Vec<String> = outputs(&out).into_iter().map(|(n, _)| n).collect();
    // inputs.jsonl, the table of contents, is always written (its byte ranges are this set's)
    // with its schema, and errors.jsonl's schema with errors.jsonl.
    assert_eq!(
        names,
        [
            "errors.jsonl",
            "errors.schema.json",
            "inputs.jsonl",
            "inputs.schema.json",
            "matrix.csv",
            "summary.csv"
        ]
    );
    // The selected files are the same bytes as in a full run.
    let full = tmp.path().join("full");
    let o = polex(
        &[
            "extract",
            input.to_str().unwrap(),
            "--out",
            full.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    for n in names.iter().filter(|n| !n.starts_with("inputs.")) {
        assert_eq!(
            fs::read(out.join(n)).unwrap(),
            fs::read(full.join(n)).unwrap(),
            "{n}"
        );
    }
    let o = polex(
        &[
            "extract",
            input.to_str().unwrap(),
            "--out",
            "x",
            "--outputs",
            "matrix,parquet",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown output \"parquet\""), "{err}");
    assert!(!tmp.path().join("x").exists());
}

#[test]
fn a_directory_that_gives_no_file_is_named_on_stderr() {
    let t = common::workdir::Workdir::new();
    t.seeds("in");
    fs::create_dir(t.join("empty")).unwrap();
    fs::write(t.join("empty/notes.odt"), b"%PDF").unwrap();
    let r = t.run(&["extract", "in", "empty", "--out", "out", "--quiet"]);
    r.expect(0);
    assert!(
        r.stderr.contains(
            "polex: warning: empty: no file matching *.{txt,html,htm,md,markdown,docx,pdf}"
        ),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("warning: in:"), "{}", r.stderr);
    assert_eq!(read_jsonl(&t.join("out/documents.jsonl")).len(), 5);
    // With a glob given, the warning names it; a directory that gives files is not named.
    let r = t.run(&["extract", "in", "empty", "--glob", "0*.txt", "--out", "o2"]);
    r.expect(0);
    assert!(
        r.stderr
            .contains("polex: warning: empty: no file matching 0*.txt"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.matches("warning:").count(), 1, "{}", r.stderr);
}

/// Each clause body is written once in documents.jsonl (its `text`, located by `body`) and once
/// in records.jsonl; clauses.jsonl and clauses.csv give offsets, and the body text itself only
/// with `--clause-text`, equal to the text at `body`.
#[test]
fn clause_bodies_are_offsets_unless_clause_text_is_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let lean = tmp.path().join("lean");
    let full = tmp.path().join("full");
    for (out, extra) in [(&lean, None), (&full, Some("--clause-text"))] {
        let mut args = vec![
            "extract",
            "corpus",
            "--out",
            out.to_str().unwrap(),
            "-q",
            "--outputs",
            "full",
        ];
        args.extend(extra);
        let o = polex(&args, Path::new(ROOT));
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let docs = read_jsonl(&lean.join("documents.jsonl"));
    let text_of = |doc: &serde_json::Value, r: &serde_json::Value| -> String {
        let (s, e) = (
            r[0].as_u64().unwrap() as usize,
            r[1].as_u64().unwrap() as usize,
        );
        doc["text"]
            .as_str()
            .unwrap()
            .chars()
            .skip(s)
            .take(e - s)
            .collect()
    };
    let by_id: std::collections::HashMap<&str, &serde_json::Value> = docs
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d))
        .collect();
    let (mut bodies, mut sentences) = (0, 0);
    let lean_rows = read_jsonl(&lean.join("clauses.jsonl"));
    let full_rows = read_jsonl(&full.join("clauses.jsonl"));
    assert_eq!(lean_rows.len(), full_rows.len());
    for (l, f) in lean_rows.iter().zip(&full_rows) {
        let doc = by_id[l["doc_id"].as_str().unwrap()];
        assert!(l["text"].is_null(), "{l}");
        let body = text_of(doc, &l["body"]);
        assert_eq!(f["text"].as_str().unwrap(), body, "{}", l["key"]);
        assert_eq!(body, body.trim(), "{}", l["key"]);
        bodies += usize::from(!body.is_empty());
        for s in l["sentences"].as_array().unwrap() {
            let t = text_of(doc, s);
            assert!(
                !t.trim().is_empty() && body.contains(t.trim()),
                "{}: {t:?}",
                l["key"]
            );
            sentences += 1;
        }
        let mut l = l.clone();
        l["text"] = f["text"].clone();
        assert_eq!(&l, f, "only the text differs");
    }
    assert!(
        bodies >= 140 && sentences >= 190,
        "{bodies} bodies, {sentences} sentences"
    );
    // documents.jsonl: clauses without copies of their body or items
    for d in &docs {
        for c in d["clauses"].as_array().unwrap() {
            assert!(c.get("text").is_none() && c["body"].is_array(), "{c}");
            for it in c["items"].as_array().unwrap() {
                assert!(it.get("text").is_none(), "{it}");
            }
        }
    }
    let csv_texts = |dir: &Path| -> Vec<String> {
        let mut rd = csv::Reader::from_path(dir.join("clauses.csv")).unwrap();
        let col = rd
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "text")
            .unwrap();
        rd.records().map(|r| r.unwrap()[col].to_string()).collect()
    };
    assert!(csv_texts(&lean).iter().all(String::is_empty));
    let full_texts = csv_texts(&full);
    let want: Vec<&str> = full_rows
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(full_texts, want);
    let run: serde_json::Value =
        serde_json::from_slice(&fs::read(full.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["settings"]["clause_text"], true);
}
