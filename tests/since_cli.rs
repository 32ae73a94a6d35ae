//! `polex extract --since PREV_OUT`: an incremental re-run reuses exactly the unchanged
//! inputs and writes the same output set as a fresh run.

use std::fs;

mod common;
use common::workdir::{outputs, Workdir};

/// Six policies: the seeds and a second copy of one under another name.
fn corpus(w: &Workdir, dir: &str) {
    let d = w.seeds(dir);
    fs::copy(d.join("000_73a257b880c7e22b.txt"), d.join("zz_copy.txt")).unwrap();
}

fn extract(w: &Workdir, input: &str, out: &str, extra: &[&str]) -> String {
    let mut args = vec!["extract", input, "--out", out];
    args.extend_from_slice(extra);
    if !extra.contains(&"-j") {
        args.extend_from_slice(&["-j", "2"]);
    }
    let r = w.run(&args);
    r.expect(0);
    r.stderr
}

#[test]
fn an_incremental_run_reuses_exactly_the_unchanged_files() {
    let w = Workdir::new();
    corpus(&w, "m1");
    extract(&w, "m1", "out1", &[]);
    // Next month's scrape, in another directory: one policy changed, one new, one gone.
    corpus(&w, "m2");
    let changed = w.join("m2/002_0681662037774052.txt");
    let mut text = fs::read_to_string(&changed).unwrap();
    text.push_str("\n9. Оператор хранит данные 5 лет.\n");
    fs::write(&changed, text).unwrap();
    fs::copy(w.join("m2/001_cb24ce415d48bd3d.txt"), w.join("m2/new.txt")).unwrap();
    fs::remove_file(w.join("m2/004_70490eff7b97fe22.txt")).unwrap();
    let stderr = extract(&w, "m2", "out2", &["--since", "out1"]);
    // 6 documents: 4 unchanged reused, the changed and the new one analysed.
    assert!(
        stderr.contains("6 documents (4 reused, 2 analysed), 0 failures"),
        "{stderr}"
    );
    // The same set as a fresh analysis, for every file, for 1, 2 and 5 threads.
    extract(&w, "m2", "fresh", &[]);
    assert_eq!(outputs(&w.join("out2")), outputs(&w.join("fresh")));
    for j in ["1", "5"] {
        let out = format!("again{j}");
        let stderr = extract(&w, "m2", &out, &["--since", "out1", "-j", j]);
        assert!(stderr.contains("(4 reused, 2 analysed)"), "{stderr}");
        assert_eq!(
            outputs(&w.join(&out)),
            outputs(&w.join("fresh")),
            "{j} threads"
        );
    }
    // Into the directory it reads from: everything reused.
    let stderr = extract(&w, "m2", "out2", &["--since", "out2"]);
    assert!(stderr.contains("(6 reused, 0 analysed)"), "{stderr}");
    assert_eq!(outputs(&w.join("out2")), outputs(&w.join("fresh")));
}

#[test]
fn other_settings_reuse_nothing() {
    let w = Workdir::new();
    corpus(&w, "in");
    extract(&w, "in", "out1", &[]);
    let tax = w.join("extra.tsv");
    fs::write(
        &tax,
        "category\tpet_name\tКличка питомца\t-\tкличка питомца\n",
    )
    .unwrap();
    for extra in [
        &["--taxonomy", tax.to_str().unwrap()][..],
        &["--skip", "practices"],
        &["--csv-profile", "excel"],
        &["--outputs", "documents"],
    ] {
        let mut args = vec!["--since", "out1"];
        args.extend_from_slice(extra);
        let stderr = extract(&w, "in", "out2", &args);
        assert!(stderr.contains("nothing reused"), "{extra:?}: {stderr}");
        assert!(
            stderr.contains("(0 reused, 6 analysed)"),
            "{extra:?}: {stderr}"
        );
    }
    // Not an output set: a usage error.
    let r = w.run(&["extract", "in", "--out", "o3", "--since", "in"]);
    r.expect(2);
    assert!(r.stderr.contains("no polex output set"), "{}", r.stderr);
    let r = w.run_with_stdin(
        &["extract", "-", "--out", "o4", "--since", "out1"],
        Some(b""),
    );
    r.expect(2);
}
