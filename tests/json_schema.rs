//! The JSON Schema shipped beside each JSONL file (`NAME.schema.json`, generated from the Rust
//! types by schemars: see `emit::schema`) checked against every line of it by two validators:
//! Python's `jsonschema` (the external consumer; skipped with a printed reason, or failing under
//! `CI=true`, when it is not installed) and the Rust `jsonschema` crate (a dev-dependency, so a
//! bare machine checks too). On the committed `outputs/`, on the seeds plus the hand-off policy
//! and two broken inputs (so errors.jsonl has lines), and on the dev corpus (`../shared/dev`,
//! skipped with a printed reason when absent). Mutated lines — a required field dropped, a field
//! of the wrong type, an unknown field, a value outside an enum or a pattern — are rejected by
//! both.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::consumer::available;
use common::workdir::{Workdir, ROOT};
use serde_json::{json, Value};

/// The JSONL files of a run and the schema of each.
const JSONL: &[&str] = &[
    "documents",
    "clauses",
    "records",
    "entities",
    "errors",
    "inputs",
];

/// The JSONL files `dir` has: all of [`JSONL`] but clauses.jsonl and entities.jsonl, which
/// the default set (`outputs/`) leaves out since 2026-12 (the runs here write `--outputs full`).
fn jsonl_in(dir: &Path) -> Vec<&'static str> {
    JSONL
        .iter()
        .copied()
        .filter(|n| {
            dir.join(format!("{n}.jsonl")).exists() || !matches!(*n, "clauses" | "entities")
        })
        .collect()
}

/// The output directories checked: `outputs/`, a run over the seeds, the hand-off policy and
/// two broken files (`bad/`), and the dev corpus (`dev/`) when `../shared` has it.
fn dirs() -> (Workdir, Vec<PathBuf>) {
    let w = Workdir::new();
    let input = w.seeds_and_handoff("in");
    fs::write(input.join("broken.txt"), b"\xff\xfe\x00\x00PDF\x00\x01\x02").unwrap();
    fs::write(input.join("empty.txt"), b"").unwrap();
    w.run(&[
        "extract",
        "in",
        "--out",
        "bad",
        "--quiet",
        "--outputs",
        "full",
    ])
    .expect(1);
    let mut dirs = vec![Path::new(ROOT).join("outputs"), w.join("bad")];
    dirs.extend(w.extract_dev("dev", &["--outputs", "full"]));
    (w, dirs)
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The lines of `NAME.jsonl` in `dir`, parsed.
fn lines(dir: &Path, name: &str) -> Vec<Value> {
    common::workdir::read_jsonl(&dir.join(format!("{name}.jsonl")))
}

/// The Rust validator of `NAME.schema.json` in `dir` (the schema itself checked against the
/// draft 2020-12 meta-schema first).
fn rust_validator(dir: &Path, name: &str) -> jsonschema::Validator {
    let path = dir.join(format!("{name}.schema.json"));
    let schema = read_json(&path);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema",
        "{}",
        path.display()
    );
    jsonschema::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("{}: not a valid schema: {e}", path.display()));
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every line of every JSONL file of `dir` against its schema, with the Rust validator: the
/// lines checked per file.
fn rust_check(dir: &Path) -> BTreeMap<String, usize> {
    let mut n = BTreeMap::new();
    for name in jsonl_in(dir) {
        let v = rust_validator(dir, name);
        let all = lines(dir, name);
        for (i, line) in all.iter().enumerate() {
            let errors: Vec<String> = v.iter_errors(line).map(|e| e.to_string()).collect();
            assert!(
                errors.is_empty(),
                "{}/{name}.jsonl line {}: {errors:?}",
                dir.display(),
                i + 1
            );
        }
        n.insert(format!("{name}.jsonl"), all.len());
    }
    n
}

/// Python's jsonschema, run in an output directory. `validate`: every line of every
/// `NAME.jsonl` against `NAME.schema.json` (each schema checked against its meta-schema first),
/// prints the lines checked per file. `reject FILE`: each line of FILE is `[schema file,
/// instance]`; prints the indexes of the instances the validator accepts.
const PY_CHECK: &str = r#"
import json, sys
from jsonschema import Draft202012Validator
def validator(name):
    schema = json.load(open(name, encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)
if sys.argv[1] == "validate":
    counts = {}
    for name in sys.argv[2:]:
        v = validator(name + ".schema.json")
        n = 0
        for i, line in enumerate(open(name + ".jsonl", encoding="utf-8")):
            errors = [e.message for e in v.iter_errors(json.loads(line))]
            assert not errors, (name, i + 1, errors[:3])
            n += 1
        counts[name + ".jsonl"] = n
    print(json.dumps(counts))
else:
    vs = {}
    accepted = []
    for i, line in enumerate(open(sys.argv[2], encoding="utf-8")):
        schema, instance = json.loads(line)
        if schema not in vs:
            vs[schema] = validator(schema)
        if vs[schema].is_valid(instance):
            accepted.append(i)
    print(json.dumps(accepted))
"#;

fn python(dir: &Path, args: &[&str]) -> Value {
    let o = Command::new("python3")
        .arg("-c")
        .arg(PY_CHECK)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}: {}",
        dir.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn python_jsonschema() -> bool {
    let mut probe = Command::new("python3");
    probe.args(["-c", "import jsonschema"]);
    available("Python jsonschema (pip install jsonschema)", &mut probe)
}

/// Every JSONL file has its schema beside it, listed in run.json with it; every line of every
/// file validates, read by the Rust validator and by Python's (the same counts, the file's
/// line count).
#[test]
fn every_line_validates_against_the_schema_beside_its_file() {
    let (_w, dirs) = dirs();
    let py = python_jsonschema();
    for dir in &dirs {
        let jsonl = jsonl_in(dir);
        for name in &jsonl {
            let schema = format!("{name}.schema.json");
            assert!(dir.join(&schema).is_file(), "{}: {schema}", dir.display());
        }
        if dir.join("run.json").is_file() {
            let m = read_json(&dir.join("run.json"));
            let listed: Vec<&str> = m["files"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap())
                .collect();
            for name in &jsonl {
                assert!(listed.contains(&format!("{name}.schema.json").as_str()));
            }
        }
        let rust = rust_check(dir);
        println!("jsonschema (Rust): {}: lines valid {rust:?}", dir.display());
        assert!(rust.values().sum::<usize>() > 0);
        if py {
            let got = python(dir, &[&["validate"][..], &jsonl].concat());
            let want = serde_json::to_value(&rust).unwrap();
            assert_eq!(got, want, "{}", dir.display());
            println!("jsonschema (Python): {}: lines valid {got}", dir.display());
        }
    }
    let bad = &dirs[1];
    assert_eq!(lines(bad, "errors").len(), 2, "the two broken inputs");
}

/// Set the value at a JSON pointer (its parent must exist); `None` removes it.
fn set(v: &mut Value, pointer: &str, to: Option<Value>) -> bool {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let Some(p) = v.pointer_mut(parent) else {
        return false;
    };
    match (p, to) {
        (Value::Object(o), None) => o.remove(key).is_some(),
        (Value::Object(o), Some(x)) => {
            o.insert(key.to_string(), x);
            true
        }
        (Value::Array(a), Some(x)) => match key.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
            Some(slot) => {
                *slot = x;
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// A value of another JSON type than `v` (and not null, which an optional field takes).
fn other_type(v: &Value) -> Value {
    match v {
        Value::String(_) => json!(7),
        Value::Number(_) | Value::Bool(_) | Value::Null => json!({"x": 1}),
        Value::Array(_) => json!("a list"),
        Value::Object(_) => json!([1]),
    }
}

/// The fields of a records.jsonl line that are always written (the others are left out when
/// null or empty, README *records.jsonl*).
const RECORD_REQUIRED: &[&str] = &[
    "key", "doc_id", "doc_key", "kind", "ordinal", "text", "start", "end",
];

/// The mutants of `line` of `NAME.jsonl`: every top-level field dropped (each is required,
/// but for `Practice.name`, which is nested, and the fields records.jsonl leaves out when null
/// or empty) and given another type, an unknown field at the top and in a nested object, and
/// values outside an enum or a pattern.
fn mutants(name: &str, line: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (k, v) in line.as_object().unwrap() {
        let mut m = line.clone();
        m.as_object_mut().unwrap().remove(k);
        if name != "records" || RECORD_REQUIRED.contains(&k.as_str()) {
            out.push((format!("{name}: without {k}"), m));
        }
        let mut m = line.clone();
        m[k] = other_type(v);
        out.push((format!("{name}: {k} of another type"), m));
    }
    let mut m = line.clone();
    m["unexpected"] = json!(1);
    out.push((format!("{name}: an unknown field"), m));
    let specific: &[(&str, &str, Value)] = match name {
        "documents" => &[
            (
                "/clauses/0/unexpected",
                "unknown field in a clause",
                json!(1),
            ),
            ("/clauses/0/number", "clause number 1.a", json!("1.a")),
            ("/findings/0/code", "unknown finding code", json!("typo")),
            ("/operator/kind", "unknown operator kind", json!("company")),
            (
                "/identifiers/0/type",
                "unknown identifier type",
                json!("vat"),
            ),
            ("/sha256", "sha256 not hex", json!("XYZ")),
            ("/effective_date", "date not YYYY-MM-DD", json!("1 марта")),
            ("/cross_border/status", "unknown status", json!("maybe")),
            ("/languages/0/share", "share above 1", json!(1.5)),
            ("/bytes", "negative size", json!(-1)),
        ],
        "entities" => &[("/type", "unknown mention type", json!("passport"))],
        "errors" => &[("/stage", "unknown stage", json!("parse"))],
        "records" => &[
            ("/kind", "unknown record kind", json!("chapter")),
            ("/start", "a fractional offset", json!(1.5)),
        ],
        "clauses" => &[("/depth", "negative depth", json!(-2))],
        _ => &[],
    };
    for (pointer, what, to) in specific {
        let mut m = line.clone();
        if set(&mut m, pointer, Some(to.clone())) {
            out.push((format!("{name}: {what}"), m));
        }
    }
    out
}

/// Mutated lines are rejected by both validators (and the lines they were made from accepted):
/// the schemas are strict, not an `{}` that takes anything.
#[test]
fn mutated_lines_are_rejected() {
    let (w, dirs) = dirs();
    let py = python_jsonschema();
    let mut cases: Vec<(String, String, Value)> = Vec::new();
    for dir in &dirs[1..] {
        for name in JSONL {
            let schema = format!("{name}.schema.json");
            let v = rust_validator(dir, name);
            // The line with the most to mutate: the longest.
            let Some(line) = lines(dir, name)
                .into_iter()
                .max_by_key(|l| l.to_string().len())
            else {
                continue;
            };
            assert!(v.is_valid(&line), "{name}: the original line");
            for (what, m) in mutants(name, &line) {
                assert!(!v.is_valid(&m), "jsonschema (Rust) accepts {what}");
                cases.push((schema.clone(), what, m));
            }
        }
    }
    let kinds: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.1.as_str()).collect();
    for must in [
        "documents: clause number 1.a",
        "documents: unknown finding code",
        "documents: unknown operator kind",
        "entities: unknown mention type",
        "errors: unknown stage",
        "documents: without text",
    ] {
        assert!(kinds.contains(must), "no line to make {must:?} of");
    }
    println!(
        "jsonschema (Rust): {} mutated lines rejected ({} kinds)",
        cases.len(),
        kinds.len()
    );
    if !py {
        return;
    }
    // Python reads the schemas of the `bad/` run (the same bytes in every directory).
    let file = w.join("mutants.jsonl");
    let mut text = String::new();
    for (schema, _, m) in &cases {
        text.push_str(&json!([schema, m]).to_string());
        text.push('\n');
    }
    fs::write(&file, text).unwrap();
    let accepted = python(&dirs[1], &["reject", file.to_str().unwrap()]);
    let accepted: Vec<&str> = accepted
        .as_array()
        .unwrap()
        .iter()
        .map(|i| cases[i.as_u64().unwrap() as usize].1.as_str())
        .collect();
    assert!(
        accepted.is_empty(),
        "Python jsonschema accepts {accepted:?}"
    );
    println!(
        "jsonschema (Python): {} mutated lines rejected",
        cases.len()
    );
}
