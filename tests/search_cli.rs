//! `polex index` / `polex search` (and `extract --index`), run as the real binary: the records'
//! coverage invariant, a list of queries whose expected records are defined beforehand by what
//! their text contains (recall is printed and checked), ИНН not matching «иные», filters,
//! re-indexing without duplicates, the version check; the same on `../shared/dev` when present.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

mod common;
use common::workdir::{read_jsonl, read_records, Workdir, ROOT};
use regex::Regex;
use serde_json::Value;

/// Extract `input` into `w/out` with `--index`.
fn extract_indexed(w: &Workdir, input: &Path) -> PathBuf {
    w.extract_into_out(input, &["--index"])
}

fn search(w: &Workdir, index: &Path, query: &str, flags: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "search",
        index.to_str().unwrap(),
        query,
        "--json",
        "--limit",
        "100000",
    ];
    args.extend_from_slice(flags);
    let r = w.run(&args);
    r.expect(0);
    String::from_utf8(r.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every record's text is the slice [start, end) of its document's text, the records of a
/// document tile it (every character in exactly one record), and each record carries its
/// document's fields itself (the same on every record of the document).
fn check_coverage(out: &Path) -> usize {
    const DOC: &[&str] = &[
        "title",
        "operator_form",
        "operator",
        "inn",
        "jurisdiction",
        "language",
        "effective_date",
    ];
    let docs = read_jsonl(&out.join("documents.jsonl"));
    let recs = read_records(&out.join("records.jsonl"));
    let mut by_doc: HashMap<&str, Vec<&Value>> = HashMap::new();
    for r in &recs {
        by_doc
            .entry(r["doc_id"].as_str().unwrap())
            .or_default()
            .push(r);
    }
    let mut keys = BTreeSet::new();
    let mut carried = 0;
    for d in &docs {
        let id = d["id"].as_str().unwrap();
        let text = d["text"].as_str().unwrap();
        let rs = by_doc.remove(id).unwrap_or_default();
        let mut at = 0;
        let mut joined = String::new();
        for r in &rs {
            for k in DOC {
                assert_eq!(r[*k], rs[0][*k], "{id}: {} has another {k}", r["key"]);
            }
            if r["ordinal"] != 0 && !r["operator"].is_null() {
                carried += 1;
            }
            assert_eq!(r["start"].as_u64().unwrap(), at, "{id}: {}", r["key"]);
            at = r["end"].as_u64().unwrap();
            joined.push_str(r["text"].as_str().unwrap());
            let key = r["key"].as_str().unwrap();
            assert!(keys.insert(key.to_string()), "duplicate key {key}");
            assert!(key.len() <= 511);
            assert!(key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            let kind = r["kind"].as_str().unwrap();
            assert!(
                ["preamble", "clause", "paragraph"].contains(&kind),
                "{kind}"
            );
            if kind == "clause" {
                assert!(!r["text"].as_str().unwrap().trim().is_empty(), "{key}");
            }
        }
        assert_eq!(at as usize, text.chars().count(), "{id}: records end early");
        assert_eq!(joined, text, "{id}: records do not tile the text");
    }
    assert!(by_doc.is_empty(), "records of unknown documents");
    assert!(
        carried > 0,
        "no record after a document's first names its operator"
    );
    recs.len()
}

/// A query and how to tell the records it must find: every regex in `all` matches the
/// record's text (case-insensitively), none in `none` does, and `cond` holds.
struct Q {
    query: &'static str,
    flags: &'static [&'static str],
    all: &'static [&'static str],
    none: &'static [&'static str],
    cond: fn(&Value) -> bool,
}

fn any(_: &Value) -> bool {
    true
}

fn has_label(r: &Value, field: &str, id: &str) -> bool {
    r[field]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["id"] == id && l["negated"] == false)
}

/// The queries, with their expected records, written before they were first run.
const QUERIES: &[Q] = &[
    Q {
        query: "\"третьим лицам\"",
        flags: &[],
        all: &[r"третьим\s+лицам"],
        none: &[],
        cond: any,
    },
    // a phrase in another grammatical case than the text's («передачи третьим лицам»)
    Q {
        query: "\"передача третьим лицам\"",
        flags: &[],
        all: &[r"передач\w*\s+третьим\s+лицам"],
        none: &[],
        cond: any,
    },
    Q {
        query: "персональных данных",
        flags: &[],
        all: &[r"персональн", r"данн"],
        none: &[],
        cond: any,
    },
    Q {
        query: "cookie",
        flags: &[],
        all: &[r"\bcookies?\b"],
        none: &[],
        cond: any,
    },
    Q {
        query: "cookie OR куки",
        flags: &[],
        all: &[r"\bcookies?\b|\bкуки\b"],
        none: &[],
        cond: any,
    },
    Q {
        query: "615419608656",
        flags: &[],
        all: &[r"615419608656"],
        none: &[],
        cond: any,
    },
    Q {
        query: "ИНН",
        flags: &[],
        all: &[r"\bИНН\b"],
        none: &[],
        cond: any,
    },
    Q {
        query: "support@flussonic.com",
        flags: &[],
        all: &[r"support@flussonic\.com"],
        none: &[],
        cond: any,
    },
    Q {
        query: "dokaclub@ya.ru",
        flags: &[],
        all: &[r"dokaclub@ya\.ru"],
        none: &[],
        cond: any,
    },
    Q {
        query: "cactus24team@gmail.com",
        flags: &[],
        all: &[r"cactus24team@gmail\.com"],
        none: &[],
        cond: any,
    },
    // ё written е in the query
    Q {
        query: "\"свое согласие\"",
        flags: &[],
        all: &[r"сво[её]\s+согласие"],
        none: &[],
        cond: any,
    },
    Q {
        query: "\"согласие на обработку\"",
        flags: &[],
        all: &[r"согласи\w*\s+на\s+обработк"],
        none: &[],
        cond: any,
    },
    Q {
        query: "\"ip адрес\"",
        flags: &[],
        all: &[r"\bip-адрес"],
        none: &[],
        cond: any,
    },
    Q {
        query: "конфиденциальность",
        flags: &[],
        all: &[r"конфиденциальн"],
        none: &[],
        cond: any,
    },
    Q {
        query: "\"152 ФЗ\"",
        flags: &[],
        all: &[r"152-ФЗ"],
        none: &[],
        cond: any,
    },
    Q {
        query: "baloons.pro",
        flags: &[],
        all: &[r"baloons\.pro"],
        none: &[],
        cond: any,
    },
    Q {
        query: "удаление",
        flags: &[],
        all: &[r"удалени"],
        none: &[],
        cond: any,
    },
    Q {
        query: "персональных -третьим",
        flags: &[],
        all: &[r"персональн"],
        none: &[r"\bтреть"],
        cond: any,
    },
    Q {
        query: "данные",
        flags: &["--jurisdiction", "KZ"],
        all: &[r"\bданн(ые|ых|ым|ыми|ой|ая|ое|ую)\b"],
        none: &[],
        cond: |r| r["jurisdiction"] == "KZ",
    },
    Q {
        query: "политика",
        flags: &["--kind", "preamble"],
        all: &[r"политик"],
        none: &[],
        cond: |r| r["kind"] == "preamble",
    },
    Q {
        query: "адрес",
        flags: &["--category", "email"],
        all: &[r"адрес"],
        none: &[],
        cond: |r| has_label(r, "data_categories", "email"),
    },
    Q {
        query: "обработка",
        flags: &["--operator", "Видеорешения"],
        all: &[r"обработк"],
        none: &[],
        cond: |r| r["operator"] == "Видеорешения",
    },
    // ё folded in the text («Расчётный счёт»), the query written with е
    Q {
        query: "\"расчетный счет\"",
        flags: &[],
        all: &[r"расч[её]тн\w*\s+сч[её]т"],
        none: &[],
        cond: any,
    },
];

fn expected(recs: &[Value], q: &Q) -> BTreeSet<String> {
    let all: Vec<Regex> = q
        .all
        .iter()
        .map(|p| Regex::new(&format!("(?i){p}")).unwrap())
        .collect();
    let none: Vec<Regex> = q
        .none
        .iter()
        .map(|p| Regex::new(&format!("(?i){p}")).unwrap())
        .collect();
    recs.iter()
        .filter(|r| {
            let t = r["text"].as_str().unwrap();
            all.iter().all(|re| re.is_match(t))
                && !none.iter().any(|re| re.is_match(t))
                && (q.cond)(r)
        })
        .map(|r| r["key"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn seeds_queries_find_the_expected_records() {
    let w = Workdir::new();
    let input = w.seeds("in");
    let out = extract_indexed(&w, &input);
    assert!(check_coverage(&out) > 100);
    let recs = read_records(&out.join("records.jsonl"));
    let (mut found, mut want) = (0usize, 0usize);
    for q in QUERIES {
        let exp = expected(&recs, q);
        assert!(
            !exp.is_empty(),
            "{}: no record expected (a bad query list)",
            q.query
        );
        let hits = search(&w, &out, q.query, q.flags);
        let got: BTreeSet<String> = hits
            .iter()
            .map(|h| h["key"].as_str().unwrap().to_string())
            .collect();
        let f = exp.intersection(&got).count();
        println!(
            "{:<40} {:?}: recall {f}/{} hits {}",
            q.query,
            q.flags,
            exp.len(),
            got.len()
        );
        for missed in exp.difference(&got) {
            println!("    missed {missed}");
        }
        // Filters are exact: every hit satisfies the filter.
        let by_key: HashMap<&str, &Value> = recs
            .iter()
            .map(|r| (r["key"].as_str().unwrap(), r))
            .collect();
        for k in &got {
            assert!(
                (q.cond)(by_key[k.as_str()]),
                "{}: hit {k} outside the filter",
                q.query
            );
        }
        found += f;
        want += exp.len();
    }
    let recall = found as f64 / want as f64;
    println!(
        "seeds: {} queries, recall {found}/{want} = {recall:.3}",
        QUERIES.len()
    );
    assert!(recall >= 0.95, "recall {recall:.3}");
}

#[test]
fn inn_does_not_match_inye() {
    let w = Workdir::new();
    let input = w.seeds("in");
    let out = extract_indexed(&w, &input);
    let re = Regex::new(r"(?i)\bинн\b").unwrap();
    let recs = read_records(&out.join("records.jsonl"));
    let by_key: HashMap<&str, &Value> = recs
        .iter()
        .map(|r| (r["key"].as_str().unwrap(), r))
        .collect();
    for q in ["ИНН", "инн"] {
        let hits = search(&w, &out, q, &[]);
        assert!(!hits.is_empty());
        for h in &hits {
            let t = by_key[h["key"].as_str().unwrap()]["text"].as_str().unwrap();
            assert!(
                re.is_match(t),
                "{q} matched a record without ИНН: {}",
                h["key"]
            );
        }
    }
    // and «иные» finds its own word, not ИНН
    let hits = search(&w, &out, "иные", &[]);
    assert!(hits.iter().all(|h| {
        let t = by_key[h["key"].as_str().unwrap()]["text"].as_str().unwrap();
        t.to_lowercase().contains("иные")
    }));
}

#[test]
fn reindexing_replaces_and_text_output_has_snippets() {
    let w = Workdir::new();
    let input = w.seeds("in");
    let out = extract_indexed(&w, &input);
    let before = search(&w, &out, "персональных", &[]).len();
    // index the same documents twice more
    w.run(&["index", out.to_str().unwrap()]).expect(0);
    w.run(&["index", out.to_str().unwrap(), "--quiet"])
        .expect(0);
    assert_eq!(search(&w, &out, "персональных", &[]).len(), before);
    // the index dir given directly, and the plain output
    let r = w.run(&[
        "search",
        out.join("index").to_str().unwrap(),
        "\"третьим лицам\"",
        "-n",
        "2",
    ]);
    r.expect(0);
    let s = String::from_utf8(r.stdout.clone()).unwrap();
    assert!(s.to_lowercase().contains("**третьим** **лицам**"), "{s}");
    assert_eq!(s.lines().filter(|l| !l.starts_with(' ')).count(), 2, "{s}");
    // a bad query is a usage error
    w.run(&["search", out.to_str().unwrap(), "nofield:x"])
        .expect(2);
}

#[test]
fn an_index_of_another_version_is_refused() {
    let w = Workdir::new();
    let input = w.seeds("in");
    let out = extract_indexed(&w, &input);
    let vf = out.join("index").join(polex::search::VERSION_FILE);
    std::fs::write(&vf, r#"{"polex":"0.0.1","schema":0}"#).unwrap();
    let r = w.run(&["search", out.to_str().unwrap(), "данные"]);
    r.expect(2);
    assert!(r.stderr.contains("written by polex 0.0.1"), "{}", r.stderr);
    assert!(r.stderr.contains("--rebuild"), "{}", r.stderr);
    w.run(&["index", out.to_str().unwrap()]).expect(2);
    w.run(&["index", out.to_str().unwrap(), "--rebuild", "--quiet"])
        .expect(0);
    assert!(!search(&w, &out, "данные", &[]).is_empty());
    // not an index at all
    let r = w.run(&["search", input.to_str().unwrap(), "данные"]);
    r.expect(2);
    assert!(r.stderr.contains("not a polex index"), "{}", r.stderr);
}

/// The dev corpus: coverage, and «третьим лицам», «персональных данных», «cookie», an ИНН and
/// an e-mail each find the records that contain them.
#[test]
fn dev_corpus_queries() {
    let dev = Path::new(ROOT).join("../shared/dev/corpus");
    if !dev.is_dir() {
        println!("skipped: {} absent", dev.display());
        return;
    }
    let w = Workdir::new();
    let out = extract_indexed(&w, &dev);
    let n = check_coverage(&out);
    let recs = read_records(&out.join("records.jsonl"));
    let docs = read_jsonl(&out.join("documents.jsonl"));
    let inn = docs
        .iter()
        .flat_map(|d| d["identifiers"].as_array().unwrap().iter())
        .find(|i| i["type"] == "inn" && i["valid"] == true)
        .map(|i| i["value"].as_str().unwrap().to_string())
        .expect("an INN in the dev corpus");
    let email = docs
        .iter()
        .flat_map(|d| d["emails"].as_array().unwrap().iter())
        .map(|e| e.as_str().unwrap().to_string())
        .next()
        .expect("an e-mail in the dev corpus");
    let cases: Vec<(String, String)> = vec![
        ("\"третьим лицам\"".into(), r"третьим\s+лицам".into()),
        (
            "\"персональных данных\"".into(),
            r"персональных\s+данных".into(),
        ),
        ("cookie".into(), r"\bcookies?\b".into()),
        (inn.clone(), regex::escape(&inn)),
        (email.clone(), regex::escape(&email)),
    ];
    let (mut found, mut want) = (0, 0);
    for (q, pat) in &cases {
        let re = Regex::new(&format!("(?i){pat}")).unwrap();
        let exp: BTreeSet<&str> = recs
            .iter()
            .filter(|r| re.is_match(r["text"].as_str().unwrap()))
            .map(|r| r["key"].as_str().unwrap())
            .collect();
        let hits = search(&w, &out, q, &[]);
        let got: BTreeSet<&str> = hits.iter().map(|h| h["key"].as_str().unwrap()).collect();
        let f = exp.intersection(&got).count();
        println!("dev {q:<30} recall {f}/{} hits {}", exp.len(), got.len());
        assert!(!exp.is_empty(), "{q}");
        found += f;
        want += exp.len();
    }
    println!("dev: {n} records, recall {found}/{want}");
    assert_eq!(found, want, "dev recall");
}
