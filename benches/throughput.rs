//! Where the time goes (`harness = false`): `cargo bench --bench throughput`.
//!
//! 1. **The corpus runs**: the release `polex` binary over a corpus of real policies
//!    (`../shared/mining` and `../shared/dev` copied under other names up to `POLEX_BENCH_MB`,
//!    default 100; without `../shared`, perturbed copies of `corpus/`), for three output sets —
//!    the default outputs, `--outputs lean`, and analysis alone (`--outputs errors`) — on 1 and 2
//!    threads, `POLEX_BENCH_REPS` interleaved runs each (default 3), medians: MB/s, CPU seconds,
//!    peak RSS (of the child process, `wait4`), bytes written per input byte, and the speed-up
//!    of 2 threads over 1. `POLEX_BENCH_BIG=1` adds a run ten times as large (1 GB by default) for
//!    the peak memory.
//! 2. **Per-stage shares**: read + decode, normalize, segment, language, extract, classify and
//!    rendering every default output, timed in process on one thread over the same corpus.
//! 3. **The scaling table**: single documents (one of 1, 10 and 50 MB; 10 000 and 100 000
//!    clauses; documents dense with organisations, identifiers, phones, e-mails, domains…),
//!    analysed and rendered on one thread, each as MB/s and as a ratio to the corpus's MB/s
//!    per thread: a case below 0.5 is marked `SLOW` (the linear-time bar is 2×).
//! 4. **ripgrep and cat** over the same files in the same run, when installed, and polex's ratio
//!    to each.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use polex::context::DocContext;
use polex::emit::{CsvProfile, Renderer};
use polex::Engine;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use synthetic::{dense_text, dir_bytes, generate_corpus, generate_document, DENSE_KINDS};

const BIN: &str = env!("CARGO_BIN_EXE_polex");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn env_f64(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let mb = env_f64("POLEX_BENCH_MB", 100.0);
    let reps = env_f64("POLEX_BENCH_REPS", 3.0).max(1.0) as usize;
    let tmp = tempfile::tempdir().expect("temp dir");
    let corpus = tmp.path().join("corpus");
    let t = Instant::now();
    let (files, bytes, what) = make_corpus(&corpus, (mb * 1e6) as u64);
    println!(
        "corpus: {files} files, {:.1} MB ({what}), made in {:.1} s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let input_mb = bytes as f64 / 1e6;

    // 1. The corpus runs, interleaved.
    let sets: [(&str, &[&str]); 3] = [
        ("default", &[]),
        ("lean", &["--outputs", "lean"]),
        ("analysis", &["--outputs", "errors"]),
    ];
    let mut runs: Vec<((usize, usize), Vec<Run>)> = Vec::new();
    for rep in 0..reps {
        for (s, (_, extra)) in sets.iter().enumerate() {
            for threads in [1usize, 2] {
                let out = tmp.path().join("out");
                let r = run_polex(&corpus, &out, threads, extra);
                let _ = std::fs::remove_dir_all(&out);
                match runs.iter_mut().find(|(k, _)| *k == (s, threads)) {
                    Some((_, v)) => v.push(r),
                    None => runs.push(((s, threads), vec![r])),
                }
            }
        }
        eprintln!("round {} of {reps} done", rep + 1);
    }
    println!(
        "\n| outputs | threads | MB/s | wall s | CPU s | peak RSS MB | out bytes / input byte |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let mut per_thread_mbs = 0.0;
    for (s, (name, _)) in sets.iter().enumerate() {
        let mut one = 0.0;
        for threads in [1usize, 2] {
            let v = &runs.iter().find(|(k, _)| *k == (s, threads)).unwrap().1;
            let wall = median(v.iter().map(|r| r.wall));
            let cpu = median(v.iter().map(|r| r.cpu));
            let rss = median(v.iter().map(|r| r.rss_mb));
            let out = median(v.iter().map(|r| r.out_bytes as f64));
            let mbs = input_mb / wall;
            println!(
                "| {name} | {threads} | {mbs:.1} | {wall:.2} | {cpu:.2} | {rss:.0} | {:.2} |",
                out / bytes as f64
            );
            if threads == 1 {
                one = mbs;
                if s == 0 {
                    per_thread_mbs = mbs;
                }
            } else {
                println!("| {name} | 2 vs 1 | {:.2}× | | | | |", mbs / one);
            }
        }
    }
    if std::env::var_os("POLEX_BENCH_BIG").is_some() {
        let big = tmp.path().join("big");
        let (files, big_bytes, _) = make_corpus(&big, bytes * 10);
        let out = tmp.path().join("out-big");
        let r = run_polex(&big, &out, 2, &[]);
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_dir_all(&big);
        let small = median(
            runs.iter()
                .find(|(k, _)| *k == (0, 2))
                .unwrap()
                .1
                .iter()
                .map(|r| r.rss_mb),
        );
        println!(
            "\nbig corpus: {files} files, {:.0} MB, 2 threads: {:.1} MB/s, peak RSS {:.0} MB = {:.2}× the {:.0} MB run's",
            big_bytes as f64 / 1e6,
            big_bytes as f64 / 1e6 / r.wall,
            r.rss_mb,
            r.rss_mb / small,
            input_mb
        );
    }

    // 2. Per-stage shares, in process, one thread.
    stage_shares(&corpus);

    // 3. The scaling table.
    scaling(per_thread_mbs);

    // 4. ripgrep and cat over the same files.
    println!();
    let polex_2 = input_mb
        / median(
            runs.iter()
                .find(|(k, _)| *k == (0, 2))
                .unwrap()
                .1
                .iter()
                .map(|r| r.wall),
        );
    for (name, script) in [
        (
            "rg",
            format!("rg -c -j 2 'ИНН' {} > /dev/null", corpus.display()),
        ),
        (
            "cat",
            format!(
                "find {} -type f -exec cat {{}} + > /dev/null",
                corpus.display()
            ),
        ),
    ] {
        let tool = if name == "rg" { "rg" } else { "cat" };
        if Command::new(tool).arg("--version").output().is_err() {
            println!("{name}: not installed, skipped");
            continue;
        }
        let walls: Vec<f64> = (0..reps)
            .map(|_| {
                let t = Instant::now();
                Command::new("sh")
                    .args(["-c", &script])
                    .status()
                    .expect("sh");
                t.elapsed().as_secs_f64()
            })
            .collect();
        let mbs = input_mb / median(walls.into_iter());
        println!(
            "{name} over the corpus: {mbs:.0} MB/s; polex (default outputs, 2 threads) is 1/{:.0} of it",
            mbs / polex_2
        );
    }
}

/// One run of the binary.
struct Run {
    wall: f64,
    cpu: f64,
    rss_mb: f64,
    out_bytes: u64,
}

/// Run `polex extract corpus --out out -j threads extra…` and measure it.
#[allow(clippy::zombie_processes)] // reaped by wait4, which also gives its own peak RSS
fn run_polex(corpus: &Path, out: &Path, threads: usize, extra: &[&str]) -> Run {
    let t = Instant::now();
    let child = Command::new(BIN)
        .arg("extract")
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .args(["-q", "-j", &threads.to_string()])
        .args(extra)
        .spawn()
        .expect("run polex");
    let (status, usage) = wait4(child.id() as libc::pid_t);
    let wall = t.elapsed().as_secs_f64();
    assert!(status == 0, "polex exited with status {status}");
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Run {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        rss_mb: usage.ru_maxrss as f64 / 1024.0,
        out_bytes: dir_bytes(out),
    }
}

/// Wait for the child `pid`: its exit status and resource usage (its own peak RSS).
fn wait4(pid: libc::pid_t) -> (i32, libc::rusage) {
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is a child of this process that nobody else waits for.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4");
    (status, usage)
}

fn median(v: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = v.collect();
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Real policies (`../shared/mining`, `../shared/dev`) copied under other names up to
/// `target` bytes, else a perturbed corpus generated from `corpus/`: (files, bytes, what).
fn make_corpus(dir: &Path, target: u64) -> (usize, u64, &'static str) {
    let shared = Path::new(ROOT).join("../shared");
    let mut real: Vec<PathBuf> = Vec::new();
    for sub in ["mining/corpus", "dev/corpus"] {
        if let Ok(rd) = std::fs::read_dir(shared.join(sub)) {
            let mut v: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            v.sort();
            real.extend(v);
        }
    }
    if real.is_empty() {
        let (files, bytes) =
            generate_corpus(&Path::new(ROOT).join("corpus"), dir, target, 42).expect("generate");
        return (files, bytes, "generated from corpus/: ../shared is absent");
    }
    let (mut files, mut bytes) = (0usize, 0u64);
    let mut round = 0;
    while bytes < target {
        let sub = dir.join(format!("r{round:03}"));
        std::fs::create_dir_all(&sub).expect("mkdir");
        for (i, p) in real.iter().enumerate() {
            if bytes >= target {
                break;
            }
            let to = sub.join(format!("p{i:04}.txt"));
            bytes += std::fs::copy(p, &to).expect("copy");
            files += 1;
        }
        round += 1;
    }
    (
        files,
        bytes,
        "real policies of ../shared/mining and ../shared/dev",
    )
}

/// The time of each stage over the corpus on one thread, and its share.
fn stage_shares(corpus: &Path) {
    let mut paths = Vec::new();
    for e in walkdir::WalkDir::new(corpus).sort_by_file_name() {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            paths.push(e.into_path());
        }
    }
    let engine = Engine::new();
    let normalizer = polex::normalize::Normalizer::new();
    let segmenter = polex::segment::Segmenter::new();
    let extractors = polex::extract::Extractors::new();
    let renderer = Renderer::new(CsvProfile::Plain, &engine.taxonomy);
    let detector = polex::language::Detector::new();
    detector.warm_up();
    let mut secs = [0f64; 7];
    let mut mb = 0f64;
    for p in &paths {
        let t = Instant::now();
        let raw = std::fs::read(p).expect("read");
        mb += raw.len() as f64 / 1e6;
        let text = polex::ingest::decode::decode(&raw).expect("decode").text;
        secs[0] += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let norm = normalizer.normalize(&text);
        secs[1] += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let seg = segmenter.segment(&norm);
        secs[2] += t.elapsed().as_secs_f64();
        let t = Instant::now();
        std::hint::black_box(detector.detect(&norm));
        secs[3] += t.elapsed().as_secs_f64();
        let ctx = DocContext::new(&norm, &seg.clauses, &seg.units);
        let t = Instant::now();
        std::hint::black_box(extractors.extract(&ctx));
        secs[4] += t.elapsed().as_secs_f64();
        let t = Instant::now();
        std::hint::black_box(polex::classify::classify(&engine.taxonomy, &ctx));
        secs[5] += t.elapsed().as_secs_f64();
        let doc = engine.analyze(&text, Default::default());
        let t = Instant::now();
        std::hint::black_box(renderer.render_doc(&doc));
        secs[6] += t.elapsed().as_secs_f64();
    }
    let total: f64 = secs.iter().sum();
    println!("\nper-stage shares, one thread, {mb:.1} MB (writing to disk and hashing excluded):");
    println!("| stage | seconds | share | MB/s |");
    println!("| --- | --- | --- | --- |");
    let names = [
        "read + decode",
        "normalize",
        "segment",
        "language",
        "extract",
        "classify",
        "render (default outputs)",
    ];
    for (name, s) in names.iter().zip(secs) {
        println!(
            "| {name} | {s:.2} | {:.0} % | {:.1} |",
            100.0 * s / total,
            mb / s
        );
    }
    println!("| all | {total:.2} | 100 % | {:.1} |", mb / total);
}

/// Single documents that once took super-linear time, as MB/s against the corpus's.
fn scaling(corpus_mbs: f64) {
    let seeds = Path::new(ROOT).join("corpus");
    let mut cases: Vec<(String, String)> = Vec::new();
    for mb in [1usize, 10, 50] {
        let doc = generate_document(&seeds, mb * 1_000_000, 7).expect("seed document");
        cases.push((format!("one document of {mb} MB"), doc));
    }
    for n in [10_000usize, 100_000] {
        cases.push((format!("{n} clauses"), numbered_clauses(n)));
    }
    for kind in DENSE_KINDS.iter().filter(|k| **k != "clauses") {
        let doc = dense_text(kind, 1_000_000).expect("dense kind");
        cases.push((format!("1 MB dense with {kind}"), doc));
    }
    let engine = Engine::new();
    let renderer = Renderer::new(CsvProfile::Plain, &engine.taxonomy);
    println!(
        "\nscaling, one thread, analysis + rendering (the corpus: {corpus_mbs:.1} MB/s per thread, whole run):"
    );
    println!("| case | MB | clauses | MB/s | ratio to the corpus |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, text) in cases {
        let t = Instant::now();
        let doc = engine.analyze(&text, Default::default());
        std::hint::black_box(renderer.render_doc(&doc));
        let secs = t.elapsed().as_secs_f64();
        let mb = text.len() as f64 / 1e6;
        let ratio = mb / secs / corpus_mbs;
        println!(
            "| {name} | {mb:.1} | {} | {:.1} | {ratio:.2}{} |",
            doc.layout.clauses.len(),
            mb / secs,
            if ratio < 0.5 { " SLOW" } else { "" }
        );
    }
}

/// A policy of `n` numbered clauses: sections «N. Раздел N» (N < 100: a larger top number is
/// not read as a clause) of subsections «N.M. Подраздел M», each of up to 99 clauses «N.M.K. …».
fn numbered_clauses(n: usize) -> String {
    let mut out = String::from("ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ\n\n");
    let mut made = 0;
    'all: for section in 1..100 {
        for m in 0..100 {
            for k in 0..100 {
                if made >= n {
                    break 'all;
                }
                let line = match (m, k) {
                    (0, 0) => format!("{section}. Раздел {section}"),
                    (_, 0) => format!("{section}.{m}. Подраздел {m}"),
                    (0, _) => continue,
                    _ => format!(
                        "{section}.{m}.{k}. Оператор обрабатывает имя, телефон и адрес электронной почты в целях {k}."
                    ),
                };
                out.push_str(&line);
                out.push('\n');
                made += 1;
            }
        }
    }
    out
}
