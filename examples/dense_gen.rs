//! Write an entity-dense policy or one big ordinary document, for time and memory tests.
//!
//! `cargo run --release --example dense_gen -- KIND SIZE_MB OUT_FILE` where KIND is one of
//! `DENSE_KINDS` of `tests/support/synthetic.rs` or `big` (perturbed seed policies from `corpus/`).

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 3 {
        anyhow::bail!(
            "usage: dense_gen KIND SIZE_MB OUT_FILE (KIND: big or one of {:?})",
            synthetic::DENSE_KINDS
        );
    }
    let bytes = (args[1].parse::<f64>()? * 1_000_000.0) as usize;
    let text = if args[0] == "big" {
        let seeds = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"));
        synthetic::generate_document(seeds, bytes, 42)?
    } else {
        synthetic::dense_text(&args[0], bytes)
            .ok_or_else(|| anyhow::anyhow!("unknown kind {}", args[0]))?
    };
    std::fs::write(&args[2], text)?;
    Ok(())
}
