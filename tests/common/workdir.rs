//! The shared harness for running the real `polex` binary in a temporary directory (after xsv's
//! `Workdir`): every integration test that runs the binary uses it.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_polex");
/// The repository root.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// No single run may take longer than this (a hang fails the test instead of stalling CI).
pub const RUN_LIMIT: Duration = Duration::from_secs(120);

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    /// Assert the exit code, showing stderr when it differs.
    pub fn expect(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "stderr:\n{}", self.stderr);
        self
    }
}

/// A temporary directory to run polex in; removed when dropped.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Default for Workdir {
    fn default() -> Self {
        Self::new()
    }
}

impl Workdir {
    pub fn new() -> Self {
        Workdir {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, p: impl AsRef<Path>) -> PathBuf {
        self.dir.path().join(p)
    }

    /// Run `polex extract INPUT --out OUT --quiet EXTRA…` (it must succeed) and return `OUT`
    /// (`out/` in this directory).
    pub fn extract_into_out(&self, input: &Path, extra: &[&str]) -> PathBuf {
        let out = self.join("out");
        let mut args = vec![
            "extract",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ];
        args.extend_from_slice(extra);
        self.run(&args).expect(0);
        out
    }

    /// Copy the bundled corpus (`corpus/`, five policies) into `name/`.
    pub fn seeds(&self, name: &str) -> PathBuf {
        let d = self.join(name);
        fs::create_dir_all(&d).unwrap();
        for e in fs::read_dir(Path::new(ROOT).join("corpus")).unwrap() {
            let p = e.unwrap().path();
            fs::copy(&p, d.join(p.file_name().unwrap())).unwrap();
        }
        d
    }

    /// The seeds plus the spreadsheet hand-off policy
    /// (`tests/fixtures/spreadsheet/romashka.txt`) in `name/`.
    pub fn seeds_and_handoff(&self, name: &str) -> PathBuf {
        let d = self.seeds(name);
        fs::copy(
            Path::new(ROOT).join("tests/fixtures/spreadsheet/romashka.txt"),
            d.join("romashka.txt"),
        )
        .unwrap();
        d
    }

    /// Extract the dev corpus (`../shared/dev/corpus`) into `name/` with `extra` arguments and
    /// return it; `None`, saying so, when `../shared` does not have it.
    pub fn extract_dev(&self, name: &str, extra: &[&str]) -> Option<PathBuf> {
        let dev = Path::new(ROOT).join("../shared/dev/corpus");
        if !dev.is_dir() {
            println!("skipped the dev corpus: {} absent", dev.display());
            return None;
        }
        let d = dev.to_str().unwrap();
        let args = [&["extract", d, "--out", name, "--quiet"][..], extra].concat();
        self.run(&args).expect(0);
        Some(self.join(name))
    }

    /// A command for the binary, run in this directory, stdin from nowhere.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .current_dir(self.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    /// Start the binary (stdout discarded, stderr piped).
    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command(args).stdout(Stdio::null()).spawn().unwrap()
    }

    /// Run the binary to its end (at most [`RUN_LIMIT`]); a panic in it fails the test.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None)
    }

    /// [`Workdir::run`] with `input` on stdin.
    pub fn run_with_stdin(&self, args: &[&str], input: Option<&[u8]>) -> Run {
        run_command(self.command(args), input, &args.join(" "))
    }
}

/// Run a command made by [`Workdir::command`] (an environment or stdout of its own) to its end
/// (at most [`RUN_LIMIT`]) with `input` on stdin; a panic in it fails the test.
pub fn run_command(mut c: Command, input: Option<&[u8]>, what: &str) -> Run {
    if input.is_some() {
        c.stdin(Stdio::piped());
    }
    let mut child = c.spawn().unwrap();
    if let Some(bytes) = input {
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(bytes).unwrap();
    }
    let r = wait_bounded(child, RUN_LIMIT, what);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    r
}

/// Wait for a child, killing it (and failing the test) after `limit`: no case may hang.
pub fn wait_bounded(mut child: Child, limit: Duration, what: &str) -> Run {
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let out = child.stdout.take().map(drain);
    let err = child.stderr.take().map(drain);
    let t = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if t.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {limit:?} (a hang)");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let join = |h: Option<std::thread::JoinHandle<Vec<u8>>>| {
        h.map(|h| h.join().unwrap()).unwrap_or_default()
    };
    Run {
        code: status.code(),
        stdout: join(out),
        stderr: String::from_utf8_lossy(&join(err)).into_owned(),
    }
}

/// Read a child's pipe to its end on a thread (a chatty child cannot block on a full pipe).
pub fn drain<R: Read + Send + 'static>(mut r: R) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = r.read_to_end(&mut v);
        v
    })
}

/// The lines of a JSONL file, parsed.
pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The lines of an extract's records.jsonl as a consumer reads them (README *records.jsonl*):
/// a field left out is null (a list: empty, `heading_path`: "").
pub fn read_records(path: &Path) -> Vec<serde_json::Value> {
    const LISTS: &[&str] = &[
        "inn",
        "data_categories",
        "purposes",
        "recipients",
        "rights",
        "identifiers",
        "emails",
        "phones",
        "hosts",
    ];
    let mut out = read_jsonl(path);
    for r in &mut out {
        let m = r.as_object_mut().unwrap();
        for k in LISTS {
            m.entry(*k).or_insert_with(|| serde_json::json!([]));
        }
        m.entry("heading_path")
            .or_insert_with(|| serde_json::json!(""));
        for k in [
            "number",
            "heading",
            "title",
            "operator_form",
            "operator",
            "jurisdiction",
            "language",
            "effective_date",
        ] {
            m.entry(k).or_insert(serde_json::Value::Null);
        }
    }
    out
}

/// Every output file but the manifest (`run.json` names the run, so it differs between runs),
/// sorted by name, with its bytes.
pub fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "run.json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}
