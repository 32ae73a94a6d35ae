//! The spreadsheet hand-off, checked with the real consumers: `polex.xlsx` read back by a Rust
//! reader (calamine: cell types and values) and by LibreOffice headless (every sheet exported to
//! CSV), the CSV files read by DuckDB with the types of `datapackage.json` (and the JSONL files),
//! and `frictionless validate` on the package — on the dev corpus (`../shared/dev`, when present) and on
//! the seeds plus a policy made for the hand-off
//! (`tests/fixtures/spreadsheet/romashka.txt`: an ИНН with a leading zero, 20-digit accounts,
//! clauses 1.1 … 1.10 and 1.1.1, a `=SUM(A1)` clause, fullwidth `＝` and `＋`). Every value a
//! consumer reads back must equal polex's own (the CSV cell). A consumer that is not installed
//! skips its test with a printed reason, or fails it under `CI=true` (see `common::consumer`).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::consumer::available;
use common::workdir::Workdir;
use polex::emit::rows::{column_type, ColType};
use polex::emit::xlsx::fit_cell;

/// The CSV tables and their sheets.
const TABLES: &[&str] = &["summary", "matrix", "practices", "entities", "clauses"];

/// The seeds plus the hand-off policy, extracted with every output (`--outputs all`) and the
/// clause bodies (`--clause-text`) into `out/` of a fresh work directory, and the dev corpus
/// (`../shared/dev/corpus`, without the bodies) into `dev/` when it is there: the work directory
/// and the output directories (`out/` first).
fn extract() -> (Workdir, Vec<PathBuf>) {
    let w = Workdir::new();
    w.seeds_and_handoff("in");
    let all = ["--outputs", "all", "--clause-text", "--quiet"];
    w.run(&[&["extract", "in", "--out", "out"][..], &all].concat())
        .expect(0);
    let mut dirs = vec![w.join("out")];
    dirs.extend(w.extract_dev("dev", &["--outputs", "all"]));
    (w, dirs)
}

/// A CSV file of polex's: header and rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Header rows of a sheet (the matrix has a second one: the Russian labels).
fn header_rows(table: &str) -> usize {
    if table == "matrix" {
        2
    } else {
        1
    }
}

/// `YYYY-MM-DD` of an Excel serial date (days since 1899-12-30; 25 569 is 1970-01-01).
fn date_of_serial(serial: f64) -> String {
    let days = serial.floor() as u64 - 25_569;
    let t = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(days * 86_400);
    polex::emit::commit::rfc3339(t)[..10].to_string()
}

/// Every cell of the workbook in `out` against the CSV files beside it: the type its column
/// declares and polex's value. The cells checked.
fn calamine_cells(out: &Path) -> usize {
    let mut wb: Xlsx<_> = open_workbook(out.join("polex.xlsx")).unwrap();
    let names = wb.sheet_names();
    for s in polex::emit::xlsx::SHEETS.iter().chain(&["legend"]) {
        assert!(names.iter().any(|n| n == s), "sheet {s}: {names:?}");
    }
    let mut checked = 0;
    for table in TABLES {
        let (header, rows) = read_csv(&out.join(format!("{table}.csv")));
        let range = wb.worksheet_range(table).unwrap();
        for (c, h) in header.iter().enumerate() {
            let want = Data::String(h.clone());
            assert_eq!(range.get((0, c)), Some(&want), "{table}: header");
        }
        let height = rows.len() + header_rows(table);
        assert_eq!(range.height(), height, "{table}: rows");
        for (i, row) in rows.iter().enumerate() {
            for (c, want) in row.iter().enumerate() {
                let at = (i + header_rows(table), c);
                let got = range.get(at).unwrap_or(&Data::Empty);
                let ok = match (column_type(table, &header[c]), got) {
                    (_, Data::Empty) => want.is_empty(),
                    (ColType::Integer | ColType::Code, Data::Float(f)) => f.to_string() == *want,
                    (ColType::Boolean, Data::Bool(b)) => b.to_string() == *want,
                    (ColType::Date, Data::DateTime(d)) => date_of_serial(d.as_f64()) == *want,
                    (ColType::Text, Data::String(s)) => *s == fit_cell(want),
                    _ => false,
                };
                let col = &header[c];
                assert!(ok, "{table} row {i} {col}: polex {want:?}, read {got:?}");
                checked += 1;
            }
        }
    }
    checked
}

/// The Rust reader: every cell of every sheet has the type of its column and polex's value;
/// identifiers, accounts, phones and clause numbers are text cells, codes and counts numbers,
/// the date a date.
#[test]
fn calamine_reads_back_every_cell_with_its_type() {
    let (_w, dirs) = extract();
    for out in &dirs {
        let n = calamine_cells(out);
        println!("calamine: {}: {n} cells as polex wrote them", out.display());
    }
    // The hand-off policy, cell by cell where it matters.
    let out = &dirs[0];
    let mut wb: Xlsx<_> = open_workbook(out.join("polex.xlsx")).unwrap();
    let summary = wb.worksheet_range("summary").unwrap();
    let (sh, srows) = read_csv(&out.join("summary.csv"));
    let r = srows.iter().position(|r| r[0] == "romashka.txt").unwrap() + 1;
    let col = |n: &str| sh.iter().position(|h| h == n).unwrap();
    let inn = summary.get((r, col("inn")));
    assert_eq!(inn, Some(&Data::String("0123456788".into())));
    let date = summary.get((r, col("effective_date")));
    assert!(matches!(date, Some(Data::DateTime(_))), "{date:?}");
    let days = summary.get((r, col("retention_days_max")));
    assert_eq!(days, Some(&Data::Float(1095.0)), "3 years, a number");
    let other = summary.get((r, col("other_ids"))).unwrap().to_string();
    assert!(
        other.contains("settlement_account:40802810520000549924"),
        "{other}"
    );
    let clauses = wb.worksheet_range("clauses").unwrap();
    let ours: Vec<&[Data]> = clauses
        .rows()
        .filter(|r| r[0] == Data::String("romashka.txt".into()))
        .collect();
    let numbers: Vec<String> = ours
        .iter()
        .map(|r| match &r[2] {
            Data::String(s) => s.clone(),
            other => panic!("clause number read as {other:?}"),
        })
        .collect();
    for n in ["1.1", "1.1.1", "1.10"] {
        assert!(numbers.iter().any(|x| x == n), "{n}: {numbers:?}");
    }
    let formula_like = |r: &&&[Data]| {
        r.iter()
            .any(|c| matches!(c, Data::String(s) if s.starts_with("=SUM(A1)")))
    };
    assert!(
        ours.iter().any(|r| formula_like(&r)),
        "=SUM(A1) is text as written"
    );
    // Each summary row's id links to the document's first clause on the clauses sheet.
    let mut zip = zip::ZipArchive::new(fs::File::open(out.join("polex.xlsx")).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    let re = regex::Regex::new(r#"location="'clauses'!A(\d+)" display="([^"]*)""#).unwrap();
    let links: Vec<_> = re.captures_iter(&xml).collect();
    assert_eq!(links.len(), srows.len(), "one link per policy with clauses");
    for l in links {
        let row: usize = l[1].parse().unwrap();
        let to = clauses.get((row - 1, 0));
        assert_eq!(
            to,
            Some(&Data::String(l[2].to_string())),
            "link to row {row}"
        );
        let first = (1..row - 1).all(|r| clauses.get((r, 0)) != to);
        assert!(first, "row {row} is the first clause of {}", &l[2]);
    }
    let matrix = wb.worksheet_range("matrix").unwrap();
    assert_eq!(matrix.get((1, 0)), Some(&Data::String("документ".into())));
    let (mh, _) = read_csv(&out.join("matrix.csv"));
    let mc = mh.iter().position(|h| h == "retention_days_max").unwrap();
    let ours = matrix
        .rows()
        .find(|r| r[0] == Data::String("romashka.txt".into()));
    assert_eq!(ours.unwrap()[mc], Data::Float(1095.0));
    let practices = wb.worksheet_range("practices").unwrap();
    let (ph, _) = read_csv(&out.join("practices.csv"));
    let pc = ph.iter().position(|h| h == "retention_days").unwrap();
    let days: Vec<&Data> = practices
        .rows()
        .filter(|r| r[0] == Data::String("romashka.txt".into()))
        .map(|r| &r[pc])
        .filter(|d| **d != Data::Empty)
        .collect();
    assert_eq!(days, [&Data::Float(1095.0), &Data::Float(30.0)]);
    assert!(matrix.rows().any(|r| r.contains(&Data::Float(-1.0))));
}

/// A private LibreOffice profile: a test never shares (or locks) the user's.
fn soffice(dir: &Path) -> Command {
    let mut c = Command::new("soffice");
    c.arg(format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    ));
    c
}

/// LibreOffice (its profile in `work`) exports every sheet of the workbook in `out` to CSV
/// files in `lo`, values as shown; each against polex's CSV file. The cells checked per sheet.
fn libreoffice_cells(work: &Path, out: &Path, lo: &Path) -> BTreeMap<&'static str, usize> {
    let o = soffice(work)
        .args([
            "--headless",
            "--convert-to",
            // every sheet to its own CSV file, UTF-8 (76), text cells quoted (so a number cell
            // is told from a text cell), values as shown
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(lo)
        .arg(out.join("polex.xlsx"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut checked = BTreeMap::new();
    for table in TABLES {
        let (header, rows) = read_csv(&out.join(format!("{table}.csv")));
        let exported = lo.join(format!("polex-{table}.csv"));
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&exported)
            .unwrap_or_else(|e| panic!("{}: {e}", exported.display()));
        let got: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(String::from).collect())
            .collect();
        let quoted = quoted_fields(&fs::read_to_string(&exported).unwrap());
        assert_eq!(quoted.len(), got.len(), "{table}: rows");
        assert_eq!(got[0], header, "{table}: header");
        let body = &got[header_rows(table)..];
        assert_eq!(body.len(), rows.len(), "{table}: rows");
        for (i, (want_row, got_row)) in rows.iter().zip(body).enumerate() {
            for (c, want) in want_row.iter().enumerate() {
                let got = got_row.get(c).map(String::as_str).unwrap_or("");
                let row = i + header_rows(table);
                let text_cell = quoted[row].get(c).copied().unwrap_or(false);
                let ty = column_type(table, &header[c]);
                assert!(
                    want.is_empty() || text_cell == (ty == ColType::Text),
                    "{table} row {i} {}: {want:?} is a {} cell for LibreOffice",
                    header[c],
                    if text_cell { "text" } else { "number" }
                );
                if !want.is_empty() && !text_cell {
                    *checked.entry("(number cells)").or_insert(0) += 1;
                }
                let ok = match ty {
                    ColType::Boolean => got.to_lowercase() == *want,
                    ColType::Text => got == fit_cell(want),
                    _ => got == want,
                };
                let col = &header[c];
                assert!(
                    ok,
                    "{table} row {i} {col}: polex {want:?}, LibreOffice {got:?}"
                );
                *checked.entry(*table).or_insert(0) += 1;
            }
        }
    }
    checked
}

/// For each row of a CSV file LibreOffice wrote with text cells quoted: whether each field was
/// quoted (a text cell) or not (a number, boolean or date cell, or empty).
fn quoted_fields(text: &str) -> Vec<Vec<bool>> {
    let mut rows = vec![Vec::new()];
    let (mut in_quotes, mut at_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                chars.next();
            }
            '"' if in_quotes => in_quotes = false,
            '"' if at_start => {
                in_quotes = true;
                rows.last_mut().unwrap().push(true);
            }
            ',' | '\n' | '\r' if !in_quotes => {
                if at_start && c == ',' {
                    rows.last_mut().unwrap().push(false);
                }
                if c == '\n' {
                    rows.push(Vec::new());
                }
                at_start = c != '\r';
                continue;
            }
            _ if !in_quotes && at_start => rows.last_mut().unwrap().push(false),
            _ => {}
        }
        at_start = false;
    }
    if rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    rows
}

/// LibreOffice headless opens the workbook and exports every sheet to CSV (values as shown):
/// every text cell (identifiers, accounts, phones, clause numbers, Cyrillic) equals polex's,
/// numbers, booleans and dates too.
#[test]
fn libreoffice_reads_back_the_workbook() {
    let (w, dirs) = extract();
    if !available("LibreOffice (soffice)", soffice(w.path()).arg("--version")) {
        return;
    }
    for (k, out) in dirs.iter().enumerate() {
        let n = libreoffice_cells(w.path(), out, &w.join(format!("lo{k}")));
        println!(
            "LibreOffice: {}: cells as polex wrote them: {n:?}",
            out.display()
        );
    }
    let lo = w.join("lo0");
    let clauses = fs::read_to_string(lo.join("polex-clauses.csv")).unwrap();
    assert!(
        clauses.contains(r#","1.1.1","#),
        "1.1.1 is a text cell, not a date"
    );
    assert!(clauses.contains(r#","1.10","#), "1.10 is text, not 1.1");
    let summary = fs::read_to_string(lo.join("polex-summary.csv")).unwrap();
    assert!(
        summary.contains(r#","0123456788","#),
        "the leading zero stays"
    );
    assert!(
        summary.contains("40802810520000549924"),
        "20 digits, no exponent"
    );
    assert!(summary.contains("Ромашка"));
    let ours = summary
        .lines()
        .find(|l| l.contains("romashka.txt"))
        .unwrap();
    assert!(
        ours.ends_with(",1095"),
        "retention_days_max a number cell: {ours}"
    );
    let practices = fs::read_to_string(lo.join("polex-practices.csv")).unwrap();
    let days: Vec<&str> = practices
        .lines()
        .filter(|l| l.starts_with(r#""romashka.txt","retention","period""#))
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(days, ["1095", "30"], "retention_days number cells");
}

/// The Python one-liners the DuckDB test runs.
fn python(code: &str, dir: &Path) -> std::process::Output {
    Command::new("python3")
        .arg("-c")
        .arg(code)
        .current_dir(dir)
        .output()
        .unwrap()
}

const DUCKDB_CHECK: &str = r#"
import csv, json, duckdb, sys
pkg = json.load(open("datapackage.json"))
sql = {"string": "VARCHAR", "integer": "BIGINT", "boolean": "BOOLEAN", "date": "DATE"}
con = duckdb.connect()
cells = 0
for res in pkg["resources"]:
    fields = res["schema"]["fields"]
    cols = {f["name"]: sql[f["type"]] for f in fields}
    con.execute(f"CREATE TABLE \"{res['name']}\" AS SELECT * FROM read_csv(?, header=true, delim=?, quote='\"', columns=?)",
                [res["path"], res["dialect"]["delimiter"], cols])
    typed = con.execute(f"SELECT * FROM \"{res['name']}\"").fetchall()
    raw = list(csv.reader(open(res["path"], newline="", encoding="utf-8")))[1:]
    assert len(typed) == len(raw), (res["name"], len(typed), len(raw))
    for t, r in zip(typed, raw):
        for f, v, w in zip(fields, t, r):
            if w == "":
                assert v is None, (res["name"], f["name"], v)
            elif f["type"] == "boolean":
                assert str(v).lower() == w, (res["name"], f["name"], v, w)
            else:
                assert str(v) == w, (res["name"], f["name"], v, w)
            cells += 1
for name in ["documents", "clauses", "entities"]:
    n = con.execute(f"SELECT count(*) FROM read_json_auto('{name}.jsonl')").fetchone()[0]
    lines = sum(1 for _ in open(f"{name}.jsonl", encoding="utf-8"))
    assert n == lines, (name, n, lines)
t = con.execute("SELECT typeof(number) FROM read_json_auto('clauses.jsonl') LIMIT 1").fetchone()[0]
assert t == "VARCHAR", t
rows = con.execute('''SELECT s.jurisdiction, count(*) FROM summary s JOIN matrix m ON m.id = s.id
                      WHERE m."category:passport_data" = 1 GROUP BY 1 ORDER BY 1''').fetchall()
days = {}
for table, col in [("summary", "retention_days_max"), ("matrix", "retention_days_max"), ("practices", "retention_days")]:
    t, n, top = con.execute(f'SELECT any_value(typeof("{col}")), count("{col}"), max("{col}") FROM "{table}"').fetchone()
    assert t == "BIGINT", (table, col, t)
    days[f"{table}.{col}"] = [n, top]
# practices -> clauses -> documents on the keys of datapackage.json
joined = con.execute('''SELECT p.doc_id, d.id, p.clause, c.number, p.kind, p.id
    FROM practices p JOIN clauses c ON c.key = p.clause_key
    JOIN (SELECT id FROM read_json_auto('documents.jsonl')) d ON d.id = c.doc_id''').fetchall()
entities = con.execute('''SELECT count(*) FROM entities e JOIN clauses c ON c.key = e.clause_key
    WHERE c.doc_id = e.doc_id AND c.number = e.clause''').fetchone()[0]
print(json.dumps({"cells": cells, "passport": [[j or "", n] for j, n in rows], "days": days,
                  "joined": [list(r) for r in joined], "entities_joined": entities}))
"#;

/// The example query's answer from polex's own CSV files in `out`: `[jurisdiction, policies]`
/// for the policies with `category:passport_data` = 1.
fn passport_rows(out: &Path) -> serde_json::Value {
    let (mh, mrows) = read_csv(&out.join("matrix.csv"));
    let (sh, srows) = read_csv(&out.join("summary.csv"));
    let pc = mh.iter().position(|h| h == "category:passport_data");
    let jc = sh.iter().position(|h| h == "jurisdiction").unwrap();
    let mut want: BTreeMap<String, u64> = BTreeMap::new();
    for m in mrows.iter().filter(|r| r[pc.unwrap()] == "1") {
        let s = srows.iter().find(|s| s[0] == m[0]).unwrap();
        *want.entry(s[jc].clone()).or_default() += 1;
    }
    want.into_iter()
        .map(|(j, n)| serde_json::json!([j, n]))
        .collect()
}

/// What the join practices → clauses → documents must give, from polex's own CSV files: for
/// each practice row in a clause, `[doc_id, doc_id, clause, clause, kind, id]`, sorted.
fn joined_rows(out: &Path) -> Vec<Vec<String>> {
    let (h, rows) = read_csv(&out.join("practices.csv"));
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (doc, clause, kind, id, key) = (
        col("doc_id"),
        col("clause"),
        col("kind"),
        col("id"),
        col("clause_key"),
    );
    let mut want: Vec<Vec<String>> = rows
        .iter()
        .filter(|r| !r[key].is_empty())
        .map(|r| {
            let v = [doc, doc, clause, clause, kind, id];
            v.iter().map(|&c| r[c].clone()).collect()
        })
        .collect();
    want.sort();
    want
}

/// The rows of a CSV file of `out` with a non-empty `column`.
fn filled(out: &Path, table: &str, column: &str) -> usize {
    let (h, rows) = read_csv(&out.join(format!("{table}.csv")));
    let c = h.iter().position(|x| x == column).unwrap();
    rows.iter().filter(|r| !r[c].is_empty()).count()
}

/// DuckDB reads every CSV with the types of datapackage.json (an ИНН stays `0123456788`,
/// clause «1.10» stays «1.10», `-1` is a number) and every value equals polex's; it reads the
/// JSONL files; the example query (policies collecting passport data, per jurisdiction) gives
/// the rows counted from the CSV files.
#[test]
fn duckdb_reads_the_csvs_with_the_package_types() {
    let (_w, dirs) = extract();
    let mut probe = Command::new("python3");
    probe.args(["-c", "import duckdb"]);
    if !available("DuckDB for Python (pip install duckdb)", &mut probe) {
        return;
    }
    for out in &dirs {
        let o = python(DUCKDB_CHECK, out);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let got: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(got["passport"], passport_rows(out), "{}", out.display());
        let mut joined: Vec<Vec<String>> = serde_json::from_value(got["joined"].clone()).unwrap();
        joined.sort();
        let want = joined_rows(out);
        assert!(!want.is_empty());
        assert_eq!(
            joined,
            want,
            "{}: practices → clauses → documents",
            out.display()
        );
        let entities = filled(out, "entities", "clause_key");
        assert_eq!(got["entities_joined"], entities, "entities → clauses");
        let days = &got["days"];
        for (table, col) in [
            ("summary", "retention_days_max"),
            ("matrix", "retention_days_max"),
            ("practices", "retention_days"),
        ] {
            let n = &days[format!("{table}.{col}")][0];
            assert_eq!(*n, filled(out, table, col), "{table}.{col} numbers");
        }
        println!(
            "DuckDB: {}: retention days as BIGINT [count, max] {days}; practices → clauses → \
             documents {} rows, entities → clauses {entities} rows, as polex wrote them",
            out.display(),
            joined.len()
        );
        let (cells, rows) = (&got["cells"], &got["passport"]);
        println!(
            "DuckDB: {}: {cells} cells as polex wrote them; passport query {rows}",
            out.display()
        );
    }
    assert_eq!(filled(&dirs[0], "practices", "retention_days"), 2);
    let ours = passport_rows(&dirs[0]);
    let ru = ours.as_array().unwrap().iter().any(|r| r[0] == "RU");
    assert!(ru, "the hand-off policy collects passport data: {ours}");
}

/// `frictionless validate` passes on the package of the seeds (plain and Excel profiles) and
/// of the dev corpus.
#[test]
fn frictionless_validates_the_package() {
    let (w, mut dirs) = extract();
    if !available(
        "frictionless (pip install frictionless)",
        Command::new("frictionless").arg("--version"),
    ) {
        return;
    }
    w.run(&[
        "extract",
        "in",
        "--out",
        "excel",
        "--csv-profile",
        "excel",
        "--quiet",
    ])
    .expect(0);
    dirs.push(w.join("excel"));
    for dir in dirs {
        let o = Command::new("frictionless")
            .args(["validate", "--json", "datapackage.json"])
            .current_dir(&dir)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
        assert_eq!(report["valid"], true, "{}: {report:#}", dir.display());
        let rows: Vec<String> = report["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| format!("{} {}", t["name"], t["stats"]["rows"]))
            .collect();
        println!("frictionless: {} valid: rows {rows:?}", dir.display());
    }
    // The foreign keys are checked: a practice and a mention in a clause that is not there.
    // (practices: the data of clause 1.1.1; entities: the operator's phone in 1.6)
    for (table, clause) in [("practices", "1_1_1"), ("entities", "1_6")] {
        let broken = w.join(format!("broken-{table}"));
        fs::create_dir(&broken).unwrap();
        for e in fs::read_dir(w.join("out")).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                fs::copy(&p, broken.join(p.file_name().unwrap())).unwrap();
            }
        }
        let path = broken.join(format!("{table}.csv"));
        let text = fs::read_to_string(&path).unwrap();
        let key = format!("romashka_txt-5b468b7a33-c{clause}");
        assert!(text.contains(&key), "{table}: a row in clause {clause}");
        fs::write(
            &path,
            text.replacen(&key, "romashka_txt-5b468b7a33-c9_9", 1),
        )
        .unwrap();
        let o = Command::new("frictionless")
            .args(["validate", "--json", "datapackage.json"])
            .current_dir(&broken)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(report["valid"], false, "{table}: {report:#}");
        let errors: Vec<&str> = report["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["errors"].as_array().unwrap())
            .map(|e| e["type"].as_str().unwrap())
            .collect();
        assert_eq!(errors, ["foreign-key"], "{table}");
        println!("frictionless: a {table} row in clause 9.9 (absent): {errors:?}");
    }
}
