//! End-to-end throughput on a synthetic corpus (`harness = false`).
//!
//! `POLEX_BENCH_MB=64 cargo bench --bench throughput`: generates the corpus from `corpus/` in a
//! temp dir, then runs the whole pipeline (`polex::pipeline::run`: read, hash, decode, analyze,
//! write every output file into a temp out dir) with 1 thread and with all threads, printing
//! MB/s and the peak RSS of each run; then the read+decode share alone on 1 thread, and the
//! language detection alone (on the canonical texts) on 1 thread.

use polex::bench_support::dir_bytes;
use polex::emit::{CsvProfile, OutputSet};
use polex::ingest::{decode, discover, read_source};
use polex::pipeline::Sink;
use polex::pipeline::{self, Options};
use polex::Engine;
use std::path::Path;
use std::time::Instant;

fn main() {
    let mb: f64 = std::env::var("POLEX_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64.0);
    let seeds = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let corpus = tmp.path().join("corpus");
    let t = Instant::now();
    let (files, bytes) =
        polex::bench_support::generate_corpus(seeds, &corpus, (mb * 1e6) as u64, 42)
            .expect("generate corpus");
    println!(
        "corpus: {files} files, {:.1} MB, generated in {:.2}s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let found = discover(std::slice::from_ref(&corpus), "*.txt", None).expect("discover");
    assert!(found.errors.is_empty(), "{:?}", found.errors);
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut counts = vec![1];
    if all > 1 {
        counts.push(all);
    }
    // The pipeline without the later stages, then with entities, then everything: the cost of
    // each stage is the difference.
    let stages = [
        ("clauses", false, false),
        ("clauses+entities", true, false),
        ("full", true, true),
    ];
    for (stage, entities, practices) in stages {
        let mut engine = Engine::new();
        engine.entities = entities;
        engine.practices = practices;
        for &threads in &counts {
            let out = tmp.path().join(format!("out-{stage}-{threads}"));
            reset_peak_rss();
            let t = Instant::now();
            let mut sink =
                OutputSet::create(&out, CsvProfile::Plain, &engine.taxonomy).expect("out dir");
            let opts = Options {
                threads: Some(threads),
                ..Options::default()
            };
            let stats = pipeline::run(&engine, &found.sources, &opts, &mut sink).expect("run");
            sink.finish().expect("finish outputs");
            let secs = t.elapsed().as_secs_f64();
            let out_mb = dir_bytes(&out) as f64 / 1e6;
            println!(
            "stages={stage:16}  threads={threads}  files={}  failed={}  MB={:.1}  secs={secs:.2}  MB/s={:.1}  peak_rss_MB={:.1}  out_MB={out_mb:.1}",
            stats.documents,
            stats.failures,
            stats.megabytes(),
            stats.megabytes() / secs,
            peak_rss_mb()
        );
            let _ = std::fs::remove_dir_all(&out);
        }
    }

    // The ingest share: read + decode only, one thread.
    let t = Instant::now();
    let mut total = 0u64;
    let mut texts = Vec::with_capacity(found.sources.len());
    for src in &found.sources {
        let raw = read_source(src).expect("read");
        total += raw.len() as u64;
        texts.push(std::hint::black_box(decode::decode_vec(raw).expect("decode")).text);
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "read+decode only: threads=1  MB={:.1}  secs={secs:.2}  MB/s={:.1}",
        total as f64 / 1e6,
        total as f64 / 1e6 / secs
    );

    // The language share: detection alone on the canonical texts, one thread.
    let normalizer = polex::normalize::Normalizer::new();
    let canon: Vec<String> = texts.iter().map(|t| normalizer.normalize(t)).collect();
    polex::language::warm_up();
    let t = Instant::now();
    for text in &canon {
        std::hint::black_box(polex::language::detect(text));
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "language only: threads=1  MB={:.1}  secs={secs:.3}  MB/s={:.1}",
        total as f64 / 1e6,
        total as f64 / 1e6 / secs
    );
}

/// Reset the kernel's peak-RSS counter (VmHWM) so each run reports its own peak.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// VmHWM from /proc/self/status, in MB (0 where unavailable).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
