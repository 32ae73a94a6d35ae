//! `polex export`, run as the real binary: the Elasticsearch/OpenSearch, Meilisearch and
//! Typesense files checked against their documented formats, and the PostgreSQL export loaded
//! into a real server started on a loopback port (skipped, saying why, when PostgreSQL is not
//! installed; a failure when `CI=true`).

use std::collections::BTreeSet;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::workdir::{read_jsonl, read_records, Workdir};
use serde_json::Value;

fn extracted(w: &Workdir) -> PathBuf {
    w.extract_into_out(&w.seeds("in"), &[])
}

fn export(w: &Workdir, out: &Path, to: &str) -> PathBuf {
    let r = w.run(&["export", out.to_str().unwrap(), "--to", to]);
    r.expect(0);
    assert!(r.stderr.contains("records exported"), "{}", r.stderr);
    out.join("export").join(to)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 511
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn json_file(p: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn bulk_files_follow_the_documented_formats() {
    let w = Workdir::new();
    let out = extracted(&w);
    let n = read_jsonl(&out.join("records.jsonl")).len();
    for to in ["es", "opensearch"] {
        let dir = export(&w, &out, to);
        let mapping = json_file(&dir.join("index.json"));
        let props = &mapping["mappings"]["properties"];
        assert_eq!(props["text"]["analyzer"], "polex_russian");
        assert_eq!(props["key"]["type"], "keyword");
        assert_eq!(props["category"]["type"], "keyword");
        let an = &mapping["settings"]["analysis"]["analyzer"]["polex_russian"];
        assert!(an["filter"]
            .as_array()
            .unwrap()
            .contains(&Value::from("russian_stemmer")));
        let bulk = fs::read_to_string(dir.join("records.bulk.ndjson")).unwrap();
        assert!(bulk.ends_with('\n'), "the _bulk body ends with a newline");
        let lines: Vec<&str> = bulk.lines().collect();
        assert_eq!(lines.len(), 2 * n);
        let mut ids = BTreeSet::new();
        for pair in lines.chunks(2) {
            let action: Value = serde_json::from_str(pair[0]).unwrap();
            let doc: Value = serde_json::from_str(pair[1]).unwrap();
            let meta = action["index"].as_object().expect("an index action line");
            let id = meta["_id"].as_str().unwrap();
            assert!(valid_id(id), "{id}");
            assert_eq!(meta["_index"], "polex-records");
            assert_eq!(doc["key"], id);
            assert!(doc.get("index").is_none(), "a document line, not an action");
            assert!(ids.insert(id.to_string()), "duplicate _id {id}");
        }
    }
    let dir = export(&w, &out, "meili");
    let settings = json_file(&dir.join("settings.json"));
    for k in [
        "searchableAttributes",
        "filterableAttributes",
        "localizedAttributes",
    ] {
        assert!(settings[k].is_array(), "{k}");
    }
    assert_eq!(settings["localizedAttributes"][0]["locales"][0], "rus");
    let docs = read_jsonl(&dir.join("records.ndjson"));
    assert_eq!(docs.len(), n);
    assert!(docs.iter().all(|d| valid_id(d["key"].as_str().unwrap())));
    let dir = export(&w, &out, "typesense");
    let schema = json_file(&dir.join("schema.json"));
    let fields = schema["fields"].as_array().unwrap();
    let text = fields.iter().find(|f| f["name"] == "text").unwrap();
    assert_eq!(text["locale"], "ru");
    let docs = read_jsonl(&dir.join("records.jsonl"));
    assert_eq!(docs.len(), n);
    for d in &docs {
        assert!(valid_id(d["id"].as_str().unwrap()));
        // every field of the document is declared, with its type
        for (k, v) in d.as_object().unwrap() {
            if k == "id" {
                continue;
            }
            let f = fields
                .iter()
                .find(|f| f["name"] == *k)
                .unwrap_or_else(|| panic!("field {k} not in the schema"));
            let ok = match f["type"].as_str().unwrap() {
                "string" => v.is_string(),
                "string[]" => v.as_array().unwrap().iter().all(Value::is_string),
                "int32" => v.is_u64(),
                t => panic!("type {t}"),
            };
            assert!(ok, "{k}: {v} is not a {}", f["type"]);
        }
        for f in fields.iter().filter(|f| f["optional"] != true) {
            assert!(
                d.get(f["name"].as_str().unwrap()).is_some(),
                "{}",
                f["name"]
            );
        }
    }
    // an unknown target is a usage error
    w.run(&["export", out.to_str().unwrap(), "--to", "solr"])
        .expect(2);
}

/// The PostgreSQL programs (initdb, pg_ctl), newest version first.
fn pg_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|d| d.join("initdb").is_file() && d.join("pg_ctl").is_file())
        .collect();
    dirs.sort();
    dirs.pop()
}

/// Stops the server when the test ends, however it ends.
struct Server {
    pg_ctl: PathBuf,
    data: PathBuf,
    as_user: Option<&'static str>,
}

fn cmd(as_user: Option<&str>, prog: &Path) -> Command {
    match as_user {
        Some(u) => {
            let mut c = Command::new("runuser");
            c.args(["-u", u, "--"]).arg(prog);
            c
        }
        None => Command::new(prog),
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = cmd(self.as_user, &self.pg_ctl)
            .args(["-D"])
            .arg(&self.data)
            .args(["-m", "immediate", "-w", "stop"])
            .output();
    }
}

fn psql(port: u16, cwd: &Path, sql: &str) -> String {
    let o = Command::new("psql")
        .args(["-h", "127.0.0.1", "-p", &port.to_string(), "-U", "postgres"])
        .args([
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-X",
            "-q",
            "-A",
            "-t",
        ])
        .args(["-c", sql])
        .current_dir(cwd)
        .output()
        .expect("psql");
    assert!(
        o.status.success(),
        "{sql}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn keys(s: &str) -> BTreeSet<String> {
    s.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn postgres_export_loads_into_a_real_server() {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let Some(bin) = pg_bin() else {
        assert!(
            !ci,
            "CI=true: PostgreSQL (/usr/lib/postgresql/*/bin) must be installed"
        );
        println!("skipped: PostgreSQL not installed (/usr/lib/postgresql/*/bin/initdb)");
        return;
    };
    let psql_ok = Command::new("psql").arg("--version").output().is_ok();
    if !psql_ok {
        assert!(!ci, "CI=true: psql must be installed");
        println!("skipped: psql not installed");
        return;
    }
    let w = Workdir::new();
    let out = extracted(&w);
    let dir = export(&w, &out, "postgres");
    for f in [
        "schema.sql",
        "load.sql",
        "documents.tsv",
        "records.tsv",
        "entities.tsv",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    // initdb refuses to run as root: the server runs as the postgres (or nobody) user in a
    // directory it owns; psql runs as us and reads the export.
    let root = unsafe { libc::geteuid() } == 0;
    let pgdir = tempfile::Builder::new()
        .prefix("polex-pg")
        .tempdir()
        .unwrap();
    let data = pgdir.path().join("data");
    fs::create_dir(&data).unwrap();
    let as_user = if root {
        let user = if Command::new("id")
            .arg("postgres")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            "postgres"
        } else {
            "nobody"
        };
        let o = Command::new("chown")
            .args(["-R", user])
            .arg(pgdir.path())
            .output()
            .unwrap();
        assert!(o.status.success());
        Some(user)
    } else {
        None
    };
    let o = cmd(as_user, &bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "initdb: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = Server {
        pg_ctl: bin.join("pg_ctl"),
        data: data.clone(),
        as_user,
    };
    let o = cmd(as_user, &server.pg_ctl)
        .arg("-D")
        .arg(&data)
        .arg("-l")
        .arg(data.join("log"))
        .arg("-o")
        .arg(format!(
            "-p {port} -c listen_addresses=127.0.0.1 -k {}",
            data.display()
        ))
        .args(["-w", "-t", "60", "start"])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "pg_ctl start: {} {}",
        String::from_utf8_lossy(&o.stdout),
        fs::read_to_string(data.join("log")).unwrap_or_default()
    );

    // The README's load command.
    let o = Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "-U",
            "postgres",
            "-d",
            "postgres",
        ])
        .args(["-v", "ON_ERROR_STOP=1", "-X", "-q", "-f", "load.sql"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "load: {}",
        String::from_utf8_lossy(&o.stderr)
    );

    let recs = read_records(&out.join("records.jsonl"));
    assert_eq!(
        psql(port, &dir, "SELECT count(*) FROM records").trim(),
        recs.len().to_string()
    );
    assert_eq!(
        psql(port, &dir, "SELECT count(*) FROM documents").trim(),
        "5"
    );
    assert!(
        psql(port, &dir, "SELECT count(*) FROM entities")
            .trim()
            .parse::<u32>()
            .unwrap()
            > 10
    );
    // the text round-trips exactly (tabs, newlines, backslashes)
    let k = recs[1]["key"].as_str().unwrap();
    let t = psql(
        port,
        &dir,
        &format!(
            "SELECT encode(convert_to(text, 'UTF8'), 'base64') FROM records WHERE key = '{k}'"
        ),
    );
    let t: String = t.split_whitespace().collect();
    let want = recs[1]["text"].as_str().unwrap();
    let o = Command::new("base64")
        .arg("-d")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        o.stdin.as_ref().unwrap().write_all(t.as_bytes()).unwrap();
    }
    let decoded = o.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(decoded.stdout).unwrap(), want);

    // The same kinds of queries as the tantivy test, with the expected records found by what
    // their text contains.
    let expect = |pat: &str| -> BTreeSet<String> {
        let re = regex::Regex::new(&format!("(?i){pat}")).unwrap();
        recs.iter()
            .filter(|r| re.is_match(r["text"].as_str().unwrap()))
            .map(|r| r["key"].as_str().unwrap().to_string())
            .collect()
    };
    let cases = [
        ("\"третьим лицам\"", r"третьим\s+лицам"),
        (
            "\"передача третьим лицам\"",
            r"передач\w*\s+третьим\s+лицам",
        ),
        (
            "персональных данных",
            r"персональн\w*[\s\S]*данн|данн\w*[\s\S]*персональн",
        ),
        ("cookie", r"\bcookies?\b"),
        ("615419608656", r"615419608656"),
        ("\"свое согласие\"", r"сво[её]\s+согласие"),
    ];
    let (mut found, mut want_n) = (0, 0);
    for (q, pat) in cases {
        let exp = expect(pat);
        let got = keys(&psql(
            port,
            &dir,
            &format!("SELECT key FROM records WHERE tsv @@ websearch_to_tsquery('russian', translate('{q}', 'ёЁ', 'еЕ'))"),
        ));
        let f = exp.intersection(&got).count();
        println!(
            "postgres {q:<28} recall {f}/{} hits {}",
            exp.len(),
            got.len()
        );
        found += f;
        want_n += exp.len();
    }
    println!("postgres: recall {found}/{want_n}");
    assert!(
        found as f64 >= 0.9 * want_n as f64,
        "postgres recall {found}/{want_n}"
    );
    // raw identifiers, e-mails and the label filters
    let by_id = keys(&psql(
        port,
        &dir,
        "SELECT key FROM records WHERE '615419608656' = ANY (identifiers)",
    ));
    assert_eq!(by_id, expect("615419608656"));
    let by_mail = keys(&psql(
        port,
        &dir,
        "SELECT key FROM records WHERE 'support@flussonic.com' = ANY (emails)",
    ));
    assert!(!by_mail.is_empty() && by_mail.is_subset(&expect(r"support@flussonic\.com")));
    let kz = psql(port, &dir, "SELECT count(*) FROM records r JOIN documents d USING (doc_key) WHERE d.jurisdiction = 'KZ' AND 'email' = ANY (r.category)");
    let want_kz = recs
        .iter()
        .filter(|r| {
            r["jurisdiction"] == "KZ"
                && r["data_categories"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|l| l["id"] == "email" && l["negated"] == false)
        })
        .count();
    assert_eq!(kz.trim(), want_kz.to_string());
    let inye = psql(
        port,
        &dir,
        "SELECT count(*) FROM records WHERE tsv @@ to_tsquery('russian', 'ИНН')",
    );
    println!(
        "postgres: ИНН in the russian configuration matches {} records (its stemmer: {})",
        inye.trim(),
        psql(port, &dir, "SELECT to_tsvector('russian', 'ИНН иные')").trim()
    );
    let exact = keys(&psql(
        port,
        &dir,
        "SELECT key FROM records WHERE tsv_exact @@ to_tsquery('simple', 'ИНН')",
    ));
    println!("postgres: ИНН in tsv_exact matches {} records", exact.len());
    assert_eq!(exact, expect(r"\bинн\b"));
    drop(server);
}
