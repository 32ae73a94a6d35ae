//! Write a synthetic corpus made from the seed policies.
//!
//! `cargo run --release --example gen_corpus -- OUT_DIR SIZE_MB [SEED_DIR] [SEED]`
//! (SEED_DIR defaults to the repository's `corpus/`, SEED to 42).

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        anyhow::bail!("usage: gen_corpus OUT_DIR SIZE_MB [SEED_DIR] [SEED]");
    }
    let out = PathBuf::from(&args[0]);
    let mb: f64 = args[1].parse()?;
    let seed_dir = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")));
    let seed: u64 = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(42);
    let t = Instant::now();
    let (files, bytes) =
        synthetic::generate_corpus(&seed_dir, &out, (mb * 1_000_000.0) as u64, seed)?;
    println!(
        "wrote {files} files, {:.1} MB to {} in {:.2}s",
        bytes as f64 / 1e6,
        out.display(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
