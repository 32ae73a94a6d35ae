//! Index build speed, index size and query latency of the embedded search index.
//!
//! `cargo run --release --example search_bench -- OUT_DIR INPUT_MB`: indexes
//! `OUT_DIR/records.jsonl` into a fresh `OUT_DIR/bench-index/` (INPUT_MB: the size of the corpus
//! the extract read, for MB/s of input), then runs 100 queries (words, phrases, an identifier,
//! an e-mail, filters) and prints p50 / p99 latency.

use std::path::Path;
use std::time::Instant;

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use polex::search::{index_records, read_records, SearchOptions, Searcher};
use synthetic::dir_bytes;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        anyhow::bail!("usage: search_bench OUT_DIR INPUT_MB");
    }
    let out = Path::new(&args[0]);
    let input_mb: f64 = args[1].parse()?;
    let index = out.join("bench-index");
    let _ = std::fs::remove_dir_all(&index);
    let t = Instant::now();
    let stats = index_records(&index, read_records(&out.join("records.jsonl"))?, true)?;
    let secs = t.elapsed().as_secs_f64();
    let size = dir_bytes(&index) as f64 / 1e6;
    println!(
        "indexed {} records of {} documents ({:.1} MB of record text, {input_mb:.1} MB input) in {secs:.2} s: {:.2} MB/s of input; index {size:.1} MB = {:.2} MB per input MB",
        stats.records,
        stats.documents,
        stats.text_bytes as f64 / 1e6,
        input_mb / secs,
        size / input_mb
    );
    let searcher = Searcher::open(&index)?;
    let words = [
        "\"третьим лицам\"",
        "персональных данных",
        "cookie",
        "ИНН",
        "\"передача третьим лицам\"",
        "согласие",
        "удаление данных",
        "support@flussonic.com",
        "615419608656",
        "\"свое согласие\"",
        "cookie OR куки",
        "персональных -третьим",
        "реквизиты",
        "Роскомнадзор",
        "\"ip адрес\"",
        "обработка",
        "банковской карты",
        "хранение",
        "маркетинг",
        "конфиденциальность",
    ];
    let mut lat = Vec::new();
    let mut hits_total = 0;
    for round in 0..5 {
        for w in &words {
            let mut o = SearchOptions {
                limit: 10,
                ..Default::default()
            };
            match round {
                1 => o.jurisdiction = Some("KZ".into()),
                2 => o.kind = Some("clause".into()),
                3 => o.category.push("email".into()),
                4 => o.limit = 100,
                _ => {}
            }
            let t = Instant::now();
            let hits = searcher.search(w, &o)?;
            lat.push(t.elapsed().as_secs_f64() * 1e3);
            hits_total += hits.len();
        }
    }
    lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let p = |q: f64| lat[((lat.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{} queries ({hits_total} hits): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        lat.len(),
        p(0.5),
        p(0.99),
        lat[lat.len() - 1]
    );
    Ok(())
}
