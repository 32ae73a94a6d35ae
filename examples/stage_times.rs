//! Time each stage of the core over a directory of UTF-8/legacy texts:
//! `cargo run --release --example stage_times -- DIR`.
use std::time::Instant;

use polex::context::DocContext;

fn main() {
    let dir = std::env::args().nth(1).expect("DIR");
    let mut texts = Vec::new();
    for e in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let bytes = std::fs::read(e.path()).unwrap();
            if let Ok(d) = polex::ingest::decode::decode(&bytes) {
                texts.push(d.text);
            }
        }
    }
    let mb: f64 = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    let engine = polex::Engine::new();
    let t = Instant::now();
    let normalizer = polex::normalize::Normalizer::new();
    let segmenter = polex::segment::Segmenter::new();
    let norm: Vec<String> = texts.iter().map(|t| normalizer.normalize(t)).collect();
    let report = |name: &str, t: Instant| {
        let s = t.elapsed().as_secs_f64();
        println!("{name:10} {s:8.3} s  {:8.1} MB/s", mb / s);
    };
    report("normalize", t);
    let t = Instant::now();
    let segs: Vec<_> = norm.iter().map(|t| segmenter.segment(t)).collect();
    report("segment", t);
    let detector = polex::language::Detector::new();
    detector.warm_up();
    let t = Instant::now();
    for text in &norm {
        std::hint::black_box(detector.detect(text));
    }
    report("language", t);
    let extractors = polex::extract::Extractors::new();
    let t = Instant::now();
    for (text, s) in norm.iter().zip(&segs) {
        let ctx = DocContext::new(text, &s.clauses, &s.units);
        std::hint::black_box(extractors.extract(&ctx));
    }
    report("extract", t);
    let t = Instant::now();
    for (text, s) in norm.iter().zip(&segs) {
        let ctx = DocContext::new(text, &s.clauses, &s.units);
        std::hint::black_box(polex::classify::classify(&engine.taxonomy, &ctx));
    }
    report("classify", t);
    let t = Instant::now();
    for text in &texts {
        std::hint::black_box(engine.analyze(text, Default::default()));
    }
    report("analyze", t);
}
