//! End-to-end throughput on a synthetic corpus (`harness = false`).
//!
//! `POLEX_BENCH_MB=64 cargo bench --bench throughput`: generates the corpus from `corpus/` in a
//! temp dir, then reads, hashes, decodes and analyzes every file on a rayon pool of 1 thread
//! and of all threads, printing MB/s and the peak RSS of each run.

use polex::ingest::{decode, discover, read_source};
use polex::model::Document;
use polex::Engine;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
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
    let engine = Engine::new();
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut counts = vec![1];
    if all > 1 {
        counts.push(all);
    }
    for threads in counts {
        reset_peak_rss();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        let t = Instant::now();
        let st: Tally = pool.install(|| {
            found
                .sources
                .par_iter()
                .map(|src| {
                    let mut st = Tally::default();
                    let mut lap = Instant::now();
                    let mut split = |slot: &mut f64| {
                        let now = Instant::now();
                        *slot += (now - lap).as_secs_f64();
                        lap = now;
                    };
                    let raw = match read_source(src) {
                        Ok(b) => b,
                        Err(_) => {
                            st.failed = 1;
                            return st;
                        }
                    };
                    st.bytes = raw.len() as u64;
                    split(&mut st.read);
                    let sha = Sha256::digest(&raw);
                    let doc = Document {
                        id: src.id.clone(),
                        source: src.path.display().to_string(),
                        sha256: format!("{sha:x}"),
                        bytes: st.bytes,
                        ..Default::default()
                    };
                    split(&mut st.sha);
                    match decode::decode_vec(raw) {
                        Ok(d) => {
                            split(&mut st.decode);
                            let doc = Document {
                                encoding: d.encoding.to_string(),
                                ..doc
                            };
                            let doc = engine.analyze(&d.text, doc);
                            std::hint::black_box(&doc);
                            drop(doc);
                            split(&mut st.analyze);
                            st.ok = 1;
                        }
                        Err(_) => st.failed = 1,
                    }
                    st
                })
                .reduce(Tally::default, Tally::add)
        });
        let secs = t.elapsed().as_secs_f64();
        let mbs = st.bytes as f64 / 1e6;
        println!(
            "threads={threads}  files={}  failed={}  MB={mbs:.1}  secs={secs:.2}  MB/s={:.1}  peak_rss_MB={:.1}",
            st.ok,
            st.failed,
            mbs / secs,
            peak_rss_mb()
        );
        println!(
            "    cpu-seconds by stage: read={:.2} sha256={:.2} decode={:.2} analyze={:.2}  (decode alone: {:.0} MB/s)",
            st.read,
            st.sha,
            st.decode,
            st.analyze,
            mbs / st.decode.max(1e-9)
        );
    }
}

/// Per-file counts and per-stage seconds, summed over files.
#[derive(Default)]
struct Tally {
    ok: usize,
    failed: usize,
    bytes: u64,
    read: f64,
    sha: f64,
    decode: f64,
    analyze: f64,
}

impl Tally {
    fn add(self, o: Tally) -> Tally {
        Tally {
            ok: self.ok + o.ok,
            failed: self.failed + o.failed,
            bytes: self.bytes + o.bytes,
            read: self.read + o.read,
            sha: self.sha + o.sha,
            decode: self.decode + o.decode,
            analyze: self.analyze + o.analyze,
        }
    }
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
