//! Issue 7: nothing a user feeds in can hang polex, write outside `--out`, wipe earlier results
//! or be lost silently. Each test reproduces one defect with the real binary in a temp dir.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use polex::emit::Manifest;

mod common;
#[path = "support/synthetic.rs"]
mod synthetic;
use common::workdir::{wait_bounded, Workdir, BIN, ROOT};

/// A first, successful run of `input` into `cwd/out`; the snapshot of what it wrote.
fn first_run(input: &Path, t: &Workdir) -> Vec<(String, String)> {
    t.run(&["extract", input.to_str().unwrap(), "--out", "out"])
        .expect(0);
    snapshot(&t.join("out"))
}

/// Every entry of a directory with its bytes (links shown as links).
fn snapshot(dir: &Path) -> Vec<(String, String)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let m = p.symlink_metadata().unwrap();
            let body = if m.file_type().is_symlink() {
                format!("-> {}", fs::read_link(&p).unwrap().display())
            } else if m.is_dir() {
                "<dir>".to_string()
            } else {
                sha256(&fs::read(&p).unwrap())
            };
            (p.file_name().unwrap().to_string_lossy().into_owned(), body)
        })
        .collect();
    v.sort();
    v
}

fn sha256(b: &[u8]) -> String {
    use sha2::Digest;
    polex::emit::commit::hex(&sha2::Sha256::digest(b))
}

/// The set in `out` is complete: run.json lists every file with its size and SHA-256, and
/// nothing temporary is left. Returns the manifest.
fn assert_complete_set(out: &Path) -> Manifest {
    let m: Manifest = serde_json::from_slice(&fs::read(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(m.files.len(), polex::emit::FILES.len());
    for f in &m.files {
        let p = out.join(&f.name);
        assert!(
            p.symlink_metadata().unwrap().is_file(),
            "{} not a file",
            f.name
        );
        let bytes = fs::read(&p).unwrap();
        assert_eq!(bytes.len() as u64, f.bytes, "{} size", f.name);
        assert_eq!(sha256(&bytes), f.sha256, "{} sha256", f.name);
    }
    m
}

fn temporaries(out: &Path) -> Vec<String> {
    fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".polex-") || n.ends_with(".tmp"))
        .collect()
}

#[test]
fn planted_symlinks_are_never_followed() {
    let t = Workdir::new();
    let input = t.seeds("in");
    let out = t.path().join("out");
    fs::create_dir(&out).unwrap();
    let victim = t.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    symlink(&victim, out.join("documents.jsonl.tmp")).unwrap();
    symlink(&victim, out.join("errors.jsonl.tmp")).unwrap();
    symlink(t.path().join("created"), out.join("records.jsonl.tmp")).unwrap();
    symlink(&victim, out.join("summary.csv")).unwrap();
    let r = t.run(&["extract", input.to_str().unwrap(), "--out", "out"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        !t.path().join("created").exists(),
        "a dangling link's target was created"
    );
    assert!(
        r.stderr.contains("removed a stale temporary file"),
        "{}",
        r.stderr
    );
    assert_complete_set(&out);
    assert!(temporaries(&out).is_empty(), "{:?}", temporaries(&out));
}

#[test]
fn a_run_that_finds_nothing_is_a_usage_error_and_touches_nothing() {
    let t = Workdir::new();
    let input = t.seeds("in");
    fs::create_dir(t.path().join("empty")).unwrap();
    fs::write(t.path().join("empty.lst"), "# nothing here\n\n").unwrap();
    let out = t.path().join("out");
    let before = first_run(&input, &t);
    let cases: &[(&[&str], &str)] = &[
        (
            &["extract", "in-typo"],
            "in-typo: no such file or directory",
        ),
        (
            &["extract", "empty"],
            "empty: has no file matching *.{txt,html,htm,md,markdown,docx,pdf}",
        ),
        (
            &["extract", "in", "--glob", "*.md"],
            "in: has no file matching *.md",
        ),
        (&["extract", "typo1", "typo2"], "typo2"),
        (&["extract", "--files-from", "empty.lst"], "names no file"),
    ];
    for (args, says) in cases {
        for dir in ["out", "new-out"] {
            let mut a = args.to_vec();
            a.extend(["--out", dir]);
            let r = t.run(&a);
            assert_eq!(r.code, Some(2), "{a:?}: {}", r.stderr);
            assert!(r.stderr.contains(says), "{a:?}: {}", r.stderr);
        }
        assert_eq!(snapshot(&out), before, "{args:?} touched --out");
        assert!(!t.path().join("new-out").exists(), "{args:?} created --out");
    }
    // Some inputs found, some missing: a run (exit 1), the missing ones in errors.jsonl.
    let r = t.run(&["extract", "in", "typo", "--out", "out"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let errors = fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert!(
        errors.contains(
            r#""path":"typo","id":"typo","stage":"ingest","reason":"no such file or directory""#
        ),
        "{errors}"
    );
}

/// A corpus that takes the debug binary a few seconds, for interrupting it.
fn slow_corpus(dir: &Path, mb: f64) -> PathBuf {
    synthetic::generate_corpus(&Path::new(ROOT).join("corpus"), dir, (mb * 1e6) as u64, 7).unwrap();
    dir.to_path_buf()
}

#[test]
fn sigint_and_sigterm_remove_the_temporaries_and_keep_the_previous_set() {
    let t = Workdir::new();
    let small = t.seeds("small");
    let big = slow_corpus(&t.path().join("big"), 6.0);
    let out = t.path().join("out");
    let before = first_run(&small, &t);
    for (sig, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        let child = t.spawn(&["extract", big.to_str().unwrap(), "--out", "out"]);
        let pid = child.id() as i32;
        // Wait until the run is writing (its staging directory exists), then interrupt it.
        let t0 = Instant::now();
        while temporaries(&out).is_empty() && t0.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
        let r = wait_bounded(child, Duration::from_secs(30), "interrupted run");
        assert_eq!(r.code, Some(code), "signal {sig}: {}", r.stderr);
        assert!(r.stderr.contains("interrupted"), "{}", r.stderr);
        assert_eq!(
            snapshot(&out),
            before,
            "signal {sig} changed the previous set"
        );
        assert!(temporaries(&out).is_empty());
    }
}

#[test]
fn kill_9_at_any_moment_leaves_a_complete_set() {
    let t = Workdir::new();
    let a = t.seeds("a");
    let b = slow_corpus(&t.path().join("b"), 0.2);
    let out = t.path().join("out");
    let r = t.run(&["extract", a.to_str().unwrap(), "--out", "out"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let first = assert_complete_set(&out);
    // How long a whole run of b takes; kill at moments spread over it (and a little past).
    let t0 = Instant::now();
    let r = t.run(&["extract", b.to_str().unwrap(), "--out", "probe"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let full = t0.elapsed();
    let mut seen = std::collections::BTreeSet::new();
    let steps = 12;
    for i in 0..steps {
        let delay = full.mul_f64(1.6 * i as f64 / steps as f64);
        let mut child = t.spawn(&["extract", b.to_str().unwrap(), "--out", "out"]);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if out.join("run.json").exists() {
            let m = assert_complete_set(&out);
            seen.insert(if m.inputs == first.inputs {
                "old"
            } else {
                "new"
            });
        } else {
            // Killed inside the commit's renames: the committed staging directory is there
            // and the next run rolls it forward.
            let staged: Vec<String> = temporaries(&out);
            assert!(
                staged
                    .iter()
                    .any(|d| out.join(d).join("run.json").is_file()),
                "no manifest and no committed staging directory: {staged:?}"
            );
            seen.insert("committing");
        }
        // The next run cleans up whatever the kill left, and commits a complete set.
        let r = t.run(&["extract", a.to_str().unwrap(), "--out", "out"]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert_eq!(assert_complete_set(&out).inputs, first.inputs);
        assert!(temporaries(&out).is_empty(), "{:?}", temporaries(&out));
    }
    println!("states seen after kill -9: {seen:?}");
    assert!(seen.contains("old"), "{seen:?}");
}

#[test]
fn a_full_disk_fails_cleanly_and_keeps_the_previous_set() {
    let t = Workdir::new();
    let mnt = t.path().join("small-disk");
    fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        println!("skipped: cannot mount a 2 MB tmpfs here (needs root) to fill a disk");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    let small = t.seeds("small");
    let big = slow_corpus(&t.path().join("big"), 1.0);
    let out = mnt.join("out");
    let out_s = out.to_str().unwrap();
    let r = t.run(&["extract", small.to_str().unwrap(), "--out", out_s]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let before = snapshot(&out);
    let r = t.run(&["extract", big.to_str().unwrap(), "--out", out_s]);
    assert_eq!(r.code, Some(3), "{}", r.stderr);
    assert!(r.stderr.contains("No space left"), "{}", r.stderr);
    assert_eq!(
        snapshot(&out),
        before,
        "the full disk damaged the previous set"
    );
    assert!(temporaries(&out).is_empty(), "{:?}", temporaries(&out));
    assert_complete_set(&out);
}

#[test]
fn a_broken_stderr_does_not_stop_the_run() {
    let t = Workdir::new();
    let input = t.seeds("in");
    let args = ["extract", input.to_str().unwrap(), "missing.txt", "--out"];
    // stderr on a full device.
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let child = Command::new(BIN)
        .args(args)
        .arg("o1")
        .current_dir(t.path())
        .stderr(full)
        .spawn()
        .unwrap();
    let r = wait_bounded(child, Duration::from_secs(60), "stderr=/dev/full");
    assert_eq!(r.code, Some(1));
    assert_eq!(assert_complete_set(&t.path().join("o1")).documents, 5);
    // stderr a pipe whose reader has gone (`polex … 2>&1 | head -1`).
    let mut child = Command::new(BIN)
        .args(args)
        .arg("o2")
        .current_dir(t.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let r = wait_bounded(child, Duration::from_secs(60), "stderr closed");
    assert_eq!(r.code, Some(1));
    assert_eq!(assert_complete_set(&t.path().join("o2")).failures, 1);
}

fn mkfifo(p: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

fn errors(out: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(out.join("errors.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn special_files_are_errors_never_hangs() {
    let t = Workdir::new();
    let input = t.seeds("in");
    mkfifo(&input.join("pipe.txt"));
    symlink("/dev/zero", input.join("zero.txt")).unwrap();
    symlink("/dev/urandom", t.path().join("random.txt")).unwrap();
    mkfifo(&t.path().join("alone.fifo"));
    let r = t.run(&[
        "extract",
        "in",
        "alone.fifo",
        "random.txt",
        "--out",
        "out",
        "--max-file-mb",
        "1",
    ]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let got: Vec<(String, String)> = errors(&t.path().join("out"))
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("pipe.txt", "not a regular file (FIFO)"),
        ("zero.txt", "not a regular file (character device)"),
        ("alone.fifo", "not a regular file (FIFO)"),
        ("random.txt", "not a regular file (character device)"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    for (id, _) in &want {
        assert!(
            r.stderr.contains(&format!("{id}: not a regular file")),
            "{}",
            r.stderr
        );
    }
    // A file list that never ends or is binary fails at once.
    for list in ["/dev/zero", "/dev/urandom"] {
        let r = t.run(&["extract", "--files-from", list, "--out", "o2"]);
        assert_eq!(r.code, Some(2), "{}", r.stderr);
        assert!(r.stderr.contains("NUL byte"), "{}", r.stderr);
    }
    // Reading stops at the limit whatever the metadata says.
    fs::write(input.join("big.txt"), "а".repeat(600_000)).unwrap();
    let r = t.run(&["extract", "in", "--out", "o3", "--max-file-mb", "1"]);
    assert!(
        r.stderr.contains("big.txt: file too large: 1200000 bytes"),
        "{}",
        r.stderr
    );
}

#[test]
fn threads_are_capped_and_absurd_counts_refused() {
    let t = Workdir::new();
    let input = t.seeds("in");
    let t0 = Instant::now();
    let r = t.run(&["extract", "in", "--out", "o", "-j", "5000"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("--threads 5000 capped at"),
        "{}",
        r.stderr
    );
    assert!(t0.elapsed() < Duration::from_secs(30));
    for n in ["1000000", "0"] {
        let r = t.run(&["extract", "in", "--out", "o", "-j", n]);
        assert_eq!(r.code, Some(2), "{}", r.stderr);
    }
    drop(input);
}

#[test]
fn odd_names_ids_and_duplicates() {
    use std::os::unix::ffi::OsStrExt;
    let t = Workdir::new();
    let input = t.seeds("in");
    let seed = fs::read(input.join("000_73a257b880c7e22b.txt")).unwrap();
    // Two names that differ only in bytes that are not UTF-8.
    for name in [&b"x\xff.txt"[..], b"x\xfe.txt"] {
        fs::write(input.join(std::ffi::OsStr::from_bytes(name)), &seed).unwrap();
    }
    // A newline in a name, an empty file and a whitespace-only one.
    fs::write(input.join("two\nlines.txt"), "").unwrap();
    fs::write(input.join("blank.txt"), " \n\t\r\n ").unwrap();
    // A list with a missing entry: its id is the entry as listed.
    fs::write(
        t.path().join("list"),
        "in/001_cb24ce415d48bd3d.txt\n./gone/x.txt\n",
    )
    .unwrap();
    let r = t.run(&[
        "extract",
        "in",
        "in/000_73a257b880c7e22b.txt",
        "--files-from",
        "list",
        "--out",
        "out",
    ]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let out = t.path().join("out");
    let docs: Vec<serde_json::Value> = fs::read_to_string(out.join("documents.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert!(
        ids.contains(&"x\\xFE.txt") && ids.contains(&"x\\xFF.txt"),
        "{ids:?}"
    );
    // The same file named twice is processed once, with a note, and is no failure.
    assert_eq!(ids.iter().filter(|i| i.starts_with("000_")).count(), 1);
    assert_eq!(ids.iter().filter(|i| i.starts_with("001_")).count(), 1);
    assert!(r.stderr.contains("processed once"), "{}", r.stderr);
    let errs = errors(&out);
    let by_id = |id: &str| errs.iter().find(|e| e["id"] == id).cloned();
    let nl = by_id("two\nlines.txt").expect("the file with a newline is in errors.jsonl");
    assert_eq!(nl["reason"], "file is empty");
    assert_eq!(
        by_id("blank.txt").unwrap()["reason"],
        "file has only whitespace"
    );
    let gone = by_id("gone/x.txt").expect("the missing list entry has its id");
    assert_eq!(gone["path"], "./gone/x.txt");
    assert_eq!(errs.len(), 3, "{errs:?}");
    // Every diagnostic is one line: the newline in the name is escaped.
    assert!(
        r.stderr
            .contains("in/two\\nlines.txt: file is empty (stage: decode)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.lines().all(|l| l.starts_with("polex: ")),
        "{}",
        r.stderr
    );
}

/// A renderer that panics on one document, as a bug in the analysis would.
struct Fragile;
impl polex::pipeline::Render for Fragile {
    type Out = String;
    fn render(&self, doc: &polex::model::Document) -> String {
        if doc.source.id == "boom.txt" {
            panic!("simulated bug on {}", doc.source.id);
        }
        doc.source.id.clone()
    }
}

#[derive(Default)]
struct Collect {
    ok: Vec<String>,
    failed: Vec<polex::pipeline::Failure>,
}
impl polex::pipeline::Sink for Collect {
    type Renderer = Fragile;
    fn renderer(&self) -> Fragile {
        Fragile
    }
    fn write(&mut self, id: String) -> std::io::Result<()> {
        self.ok.push(id);
        Ok(())
    }
    fn failure(&mut self, f: &polex::pipeline::Failure) -> std::io::Result<()> {
        self.failed.push(f.clone());
        Ok(())
    }
}

#[test]
fn a_panic_in_one_document_becomes_its_error_line() {
    let t = Workdir::new();
    let input = t.seeds("in");
    fs::copy(
        input.join("000_73a257b880c7e22b.txt"),
        input.join("boom.txt"),
    )
    .unwrap();
    let found = polex::ingest::discover(&[input], "*.txt", None).unwrap();
    let mut sink = Collect::default();
    let opts = polex::pipeline::Options {
        threads: Some(2),
        ..Default::default()
    };
    let stats =
        polex::pipeline::run(&polex::Engine::new(), &found.sources, &opts, &mut sink).unwrap();
    assert_eq!((stats.documents, stats.failures), (5, 1));
    assert_eq!(sink.ok.len(), 5);
    let f = &sink.failed[0];
    assert_eq!((f.id.as_str(), f.stage.as_str()), ("boom.txt", "analyze"));
    assert_eq!(f.stage, polex::error::Stage::Analyze);
    assert!(
        f.reason.contains("simulated bug on boom.txt"),
        "{}",
        f.reason
    );
}
