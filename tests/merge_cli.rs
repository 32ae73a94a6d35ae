//! `polex extract --shard K/N` and `polex merge`: N independent runs over one listing cover it
//! exactly once, and their outputs merge into the single run's, byte for byte.

use std::collections::BTreeSet;
use std::fs;

mod common;
use common::workdir::{outputs, read_jsonl, Workdir};

/// A listing of the corpus under 15 ids (the seeds copied into three directories), with one
/// missing path and one empty file: failures belong to shards like documents.
fn listing(w: &Workdir) -> String {
    let seeds = w.seeds("seeds");
    let mut lines = Vec::new();
    for d in ["a", "b", "c"] {
        fs::create_dir_all(w.join(d)).unwrap();
        for e in fs::read_dir(&seeds).unwrap() {
            let p = e.unwrap().path();
            let to = format!("{d}/{}", p.file_name().unwrap().to_str().unwrap());
            fs::copy(&p, w.join(&to)).unwrap();
            lines.push(to);
        }
    }
    lines.sort();
    fs::write(w.join("a/empty.txt"), "").unwrap();
    lines.push("a/empty.txt".into());
    lines.push("gone/missing.txt".into());
    let list = lines.join("\n") + "\n";
    fs::write(w.join("list.txt"), &list).unwrap();
    list
}

fn ids(path: &std::path::Path) -> Vec<String> {
    read_jsonl(path)
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn shards_cover_the_listing_once_and_merge_to_the_single_run() {
    let w = Workdir::new();
    let list = listing(&w);
    let base = ["extract", "--files-from", "list.txt", "--quiet", "-j", "2"];
    let run = |out: &str, extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(&["--out", out]);
        args.extend_from_slice(extra);
        // A listing with failures is exit 1, the shards' as the single run's.
        w.run(&args)
    };
    assert_eq!(run("single", &[]).code, Some(1));
    let n = 3;
    let mut seen: Vec<String> = Vec::new();
    let mut dirs = Vec::new();
    for k in 1..=n {
        let dir = format!("shard{k}");
        let r = run(&dir, &["--shard", &format!("{k}/{n}")]);
        assert!(matches!(r.code, Some(0 | 1)), "{}", r.stderr);
        let toc = read_jsonl(&w.join(&dir).join("inputs.jsonl"));
        for e in &toc {
            let id = e["id"].as_str().unwrap();
            // The documented hash: the first 8 bytes of SHA-256(id), big-endian, mod N, + 1.
            assert_eq!(polex::ingest::shard_of(id, n), k, "{id}");
            seen.push(id.to_string());
        }
        let m: serde_json::Value =
            serde_json::from_slice(&fs::read(w.join(&dir).join("run.json")).unwrap()).unwrap();
        assert_eq!(m["shard"]["index"], k);
        assert_eq!(m["shard"]["listing"], 17);
        dirs.push(dir);
    }
    // Exactly once: every input of the listing in one shard.
    let listed: BTreeSet<String> = list.lines().map(str::to_string).collect();
    assert_eq!(seen.len(), listed.len(), "{seen:?}");
    assert_eq!(seen.iter().cloned().collect::<BTreeSet<_>>(), listed);
    // Concatenated, the shards' documents are the single run's (in another order).
    let mut cat: Vec<String> = dirs
        .iter()
        .flat_map(|d| ids(&w.join(d).join("documents.jsonl")))
        .collect();
    cat.sort();
    let mut single = ids(&w.join("single/documents.jsonl"));
    single.sort();
    assert_eq!(cat, single);
    // Merged (given in any order), byte for byte the single run's files.
    let r = w.run(&["merge", "shard3", "shard1", "shard2", "--out", "merged"]);
    r.expect(0);
    assert!(r.stderr.contains("merged 3 shards"), "{}", r.stderr);
    assert_eq!(outputs(&w.join("merged")), outputs(&w.join("single")));
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(w.join("merged/run.json")).unwrap()).unwrap();
    assert_eq!(
        (m["documents"].as_u64(), m["failures"].as_u64()),
        (Some(15), Some(2))
    );
    assert!(m.get("shard").is_none());

    // Not all shards, one twice, a single run: refused (exit 2), nothing written.
    for args in [
        &["merge", "shard1", "shard2", "--out", "bad"][..],
        &[
            "merge", "shard1", "shard1", "shard2", "shard3", "--out", "bad",
        ],
        &["merge", "single", "--out", "bad"],
        &["merge", "nowhere", "--out", "bad"],
    ] {
        let r = w.run(args);
        r.expect(2);
        assert!(!w.join("bad").exists(), "{args:?}");
    }
    let r = w.run(&["merge", "shard1", "shard2", "--out", "bad"]);
    assert!(r.stderr.contains("shard 3/3 is missing"), "{}", r.stderr);
}

#[test]
fn bad_shard_specs_are_usage_errors() {
    let w = Workdir::new();
    w.seeds("in");
    for spec in ["0/3", "4/3", "3", "a/b", "1/0"] {
        let r = w.run(&["extract", "in", "--out", "o", "--shard", spec]);
        r.expect(2);
        assert!(r.stderr.contains("--shard"), "{}", r.stderr);
        assert!(!w.join("o").exists());
    }
    let r = w.run_with_stdin(&["extract", "-", "--out", "-", "--shard", "1/2"], Some(b""));
    r.expect(2);
}
