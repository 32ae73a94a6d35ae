//! `polex.xlsx`: one workbook with the sheets `summary`, `matrix`, `practices`, `entities`,
//! `clauses`, `findings`, `errors` and `legend`, typed cells (identifiers, phones, accounts and
//! clause numbers as text, codes and counts as numbers, dates as dates).
//!
//! The workers render each document's rows (the same rows as the CSV files, before any CSV
//! profile) as JSON lines `[sheet, [cells…]]` into the staged `polex.xlsx`; the last step
//! ([`Format::finish`]) streams those lines into a workbook whose worksheets are in
//! `rust_xlsxwriter`'s constant-memory mode (each row goes to a temporary file in the staging
//! directory as soon as the next starts), then replaces the staged rows with the workbook.
//! Memory stays bounded whatever the corpus size. A sheet that reaches Excel's 1 048 576 rows
//! continues on `NAME_2`, `NAME_3`, … (with the header again).

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use rust_xlsxwriter::{
    ConditionalFormatBlank, ConditionalFormatCell, ConditionalFormatCellRule, DocProperties,
    ExcelDateTime, Format as CellFormat, FormatBorder, Url, Workbook, XlsxError,
};

use super::csv_out::{EXCEL_CELL_LIMIT, TRUNCATION_MARK};
use super::format::{json_line, Format, Settings};
use super::rows::{self, ColType, MatrixColumns};
use crate::classify::Taxonomy;
use crate::model::Document;
use crate::pipeline::Failure;

/// The workbook's file name.
pub const FILE: &str = "polex.xlsx";
/// Excel's rows per worksheet.
pub const MAX_ROWS: u32 = 1_048_576;

const SUMMARY: usize = 0;
const MATRIX: usize = 1;
const PRACTICES: usize = 2;
const ENTITIES: usize = 3;
const CLAUSES: usize = 4;
const FINDINGS: usize = 5;
const ERRORS: usize = 6;

/// Columns of the errors sheet.
pub const ERROR_HEADER: &[&str] = &["path", "id", "stage", "reason"];

/// The data sheets in order (the legend comes last), named as the tables of
/// [`rows::column_type`].
pub const SHEETS: &[&str] = &[
    "summary",
    "matrix",
    "practices",
    "entities",
    "clauses",
    "findings",
    "errors",
];

/// Columns whose text is long: wrapped, in a wide column.
const WRAPPED: &[&str] = &["text", "evidence", "message", "reason", "heading"];

struct Xlsx {
    /// `--clause-text`: the clauses sheet shows the bodies (it repeats clauses.csv).
    clause_text: bool,
    columns: MatrixColumns,
    headers: Vec<Vec<String>>,
    labels: Vec<String>,
    legend: Vec<[String; 4]>,
}

/// The format's constructor for the registry.
pub fn new(s: &Settings) -> Box<dyn Format> {
    Box::new(Xlsx::new(s.taxonomy, s.clause_text))
}

impl Xlsx {
    fn new(tax: &Taxonomy, clause_text: bool) -> Self {
        let columns = MatrixColumns::new(tax);
        let own = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let headers = vec![
            own(&rows::SUMMARY_HEADER),
            columns.header(),
            own(rows::PRACTICE_HEADER),
            own(rows::ENTITY_HEADER),
            own(rows::CLAUSE_HEADER),
            own(rows::FINDING_HEADER),
            own(ERROR_HEADER),
        ];
        let fixed = crate::lexicon::rows::<2>(
            "matrix_labels.tsv",
            include_str!("../../data/lexicon/ru/matrix_labels.tsv"),
        );
        let labels = headers[MATRIX]
            .iter()
            .map(|c| matrix_label(tax, &fixed, c))
            .collect();
        let legend = tax
            .entries()
            .iter()
            .filter_map(|e| Some((kind_prefix(e.kind)?, e)))
            .map(|(k, e)| {
                [
                    format!("{k}:{}", e.id),
                    first_form(&e.forms),
                    e.name.clone().unwrap_or_default(),
                    e.dpv.clone().unwrap_or_default(),
                ]
            })
            .fold(Vec::<[String; 4]>::new(), |mut v, row| {
                // an id listed again (a named recipient, a merged user entry): its first row
                if !v.iter().any(|r| r[0] == row[0]) {
                    v.push(row);
                }
                v
            });
        Xlsx {
            clause_text,
            columns,
            headers,
            labels,
            legend,
        }
    }
}

/// The matrix column prefix of an entry kind (`None`: no matrix column).
fn kind_prefix(k: crate::classify::Kind) -> Option<&'static str> {
    use crate::classify::Kind;
    match k {
        Kind::Category => Some("category"),
        Kind::Purpose => Some("purpose"),
        Kind::Recipient => Some("recipient"),
        Kind::Right => Some("right"),
        Kind::Special => Some("special"),
        _ => None,
    }
}

/// The first phrase of an entry, without the exact-word mark: its Russian label.
fn first_form(forms: &[String]) -> String {
    forms
        .first()
        .map(|f| f.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

/// The Russian label of a matrix column (the second header row): its row of `fixed`
/// (`matrix_labels.tsv`), else the first form of its taxonomy entry.
fn matrix_label(tax: &Taxonomy, fixed: &[[&str; 2]], column: &str) -> String {
    if let Some([_, label]) = fixed.iter().find(|r| r[0] == column) {
        return label.to_string();
    }
    let Some((kind, id)) = column.split_once(':') else {
        return String::new();
    };
    tax.entries()
        .iter()
        .find(|e| kind_prefix(e.kind) == Some(kind) && e.id == id)
        .map(|e| first_form(&e.forms))
        .unwrap_or_default()
}

fn push(out: &mut Vec<u8>, sheet: usize, cells: &[String]) {
    json_line(out, &(sheet, cells));
}

impl Format for Xlsx {
    fn files(&self) -> &'static [&'static str] {
        &[FILE]
    }

    fn render(&self, doc: &Document, out: &mut [Vec<u8>]) {
        let w = &mut out[0];
        push(w, SUMMARY, &rows::summary_row(doc));
        push(w, MATRIX, &self.columns.row(doc));
        for r in rows::practice_rows(doc) {
            push(w, PRACTICES, &r);
        }
        let key = rows::doc_key(&doc.source.id);
        for m in &doc.entities.mentions {
            let rec = rows::EntityRecord::new(&doc.source.id, &key, m);
            push(w, ENTITIES, &rec.csv_row());
        }
        for c in &doc.layout.clauses {
            let r = rows::ClauseRecord::new(doc, &key, c, self.clause_text).csv_row();
            push(w, CLAUSES, &r);
        }
        for r in rows::finding_rows(doc) {
            push(w, FINDINGS, &r);
        }
    }

    fn failure(&self, f: &Failure, out: &mut [Vec<u8>]) {
        push(
            &mut out[0],
            ERRORS,
            &[
                f.path.clone(),
                f.id.clone(),
                f.stage.as_str().to_string(),
                f.reason.clone(),
            ],
        );
    }

    fn finish(&self, dir: &Path) -> io::Result<()> {
        let staged = dir.join(FILE);
        let part = dir.join(format!("{FILE}.part"));
        let input = BufReader::new(File::open(&staged)?);
        self.build(input, dir, &part, MAX_ROWS)
            .map_err(|e| io::Error::other(format!("{FILE}: {e}")))?;
        fs::rename(&part, &staged)
    }

    fn finished_files(&self) -> &'static [&'static str] {
        &[FILE]
    }

    fn copyable(&self) -> bool {
        false // the workbook is built from rows staged in its file, which the build replaces
    }
}

/// One logical sheet, written over one or more worksheets.
struct Sheet {
    /// Also the table whose column types it has (`rows::column_type`).
    name: &'static str,
    header: Vec<String>,
    types: Vec<ColType>,
    wrapped: Vec<bool>,
    /// Characters of the widest cell of each column (capped).
    widths: Vec<usize>,
    /// The header rows (2 for the matrix: ids and Russian labels).
    header_rows: u32,
    /// Workbook indexes of its worksheets.
    parts: Vec<usize>,
    /// The next row of the last part.
    row: u32,
}

struct Formats {
    bold: CellFormat,
    wrap: CellFormat,
    date: CellFormat,
    yes: CellFormat,
    no: CellFormat,
    none: CellFormat,
}

/// Cut `s` to Excel's cell limit (UTF-16 units), with [`TRUNCATION_MARK`] at the end.
pub fn fit_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= EXCEL_CELL_LIMIT || s.encode_utf16().count() <= EXCEL_CELL_LIMIT {
        return s.into();
    }
    let mut budget = EXCEL_CELL_LIMIT - TRUNCATION_MARK.encode_utf16().count();
    let mut out = String::with_capacity(EXCEL_CELL_LIMIT * 2);
    for c in s.chars() {
        if c.len_utf16() > budget {
            break;
        }
        budget -= c.len_utf16();
        out.push(c);
    }
    out.push_str(TRUNCATION_MARK);
    out.into()
}

/// Excel's limit on the hyperlinks of one worksheet: past it the id is plain text.
const MAX_LINKS: u32 = 65_530;

/// The internal link to the row the next clause of `clauses` takes.
fn clause_link(clauses: &Sheet, max_rows: u32) -> String {
    let (part, row) = if clauses.row >= max_rows {
        (clauses.parts.len() + 1, clauses.header_rows)
    } else {
        (clauses.parts.len(), clauses.row)
    };
    let name = match part {
        1 => clauses.name.to_string(),
        n => format!("{}_{n}", clauses.name),
    };
    format!("internal:'{name}'!A{}", row + 1)
}

fn date_of(s: &str) -> Option<ExcelDateTime> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = s[..4].parse().ok()?;
    let m = s[5..7].parse().ok()?;
    let d = s[8..].parse().ok()?;
    ExcelDateTime::from_ymd(y, m, d).ok()
}

impl Xlsx {
    /// Stream the staged rows `input` into a workbook at `out` (temporary files in `tmp`),
    /// at most `max_rows` rows per worksheet.
    fn build(
        &self,
        input: impl BufRead,
        tmp: &Path,
        out: &Path,
        max_rows: u32,
    ) -> Result<(), XlsxError> {
        let mut wb = Workbook::new();
        wb.set_tempdir(tmp)?;
        // A fixed creation time: the same corpus gives the same bytes.
        wb.set_properties(
            &DocProperties::new()
                .set_title("polex")
                .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
        );
        let f = Formats {
            bold: CellFormat::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            wrap: CellFormat::new().set_text_wrap(),
            date: CellFormat::new().set_num_format("yyyy-mm-dd"),
            yes: CellFormat::new().set_background_color(0xC6EFCE),
            no: CellFormat::new().set_background_color(0xFFC7CE),
            none: CellFormat::new().set_background_color(0xEDEDED),
        };
        let mut sheets: Vec<Sheet> = SHEETS
            .iter()
            .zip(&self.headers)
            .map(|(name, header)| Sheet {
                name,
                types: header.iter().map(|c| rows::column_type(name, c)).collect(),
                wrapped: header
                    .iter()
                    .map(|c| WRAPPED.contains(&c.as_str()))
                    .collect(),
                widths: header.iter().map(|c| c.chars().count() + 2).collect(),
                header: header.clone(),
                header_rows: if *name == "matrix" { 2 } else { 1 },
                parts: Vec::new(),
                row: 0,
            })
            .collect();
        for s in &mut sheets {
            self.new_part(&mut wb, s, &f)?;
        }
        // Where the current document's first clause goes (its summary and matrix rows link
        // there): the clause rows of a document follow its summary row in the stream.
        let mut link: Option<String> = None;
        for line in input.lines() {
            let line = line.map_err(XlsxError::IoError)?;
            let (i, cells): (usize, Vec<String>) = serde_json::from_str(&line)
                .map_err(|e| XlsxError::ParameterError(format!("staged row: {e}")))?;
            if i == SUMMARY {
                let count = rows::SUMMARY_HEADER
                    .iter()
                    .position(|h| *h == "clause_count")
                    .and_then(|c| cells.get(c));
                link = (count.is_some_and(|n| n != "0"))
                    .then(|| clause_link(&sheets[CLAUSES], max_rows));
            }
            let s = &mut sheets[i];
            if s.row >= max_rows {
                self.close_part(&mut wb, s, &f)?;
                self.new_part(&mut wb, s, &f)?;
            }
            let ws = wb.worksheet_from_index(*s.parts.last().expect("a part"))?;
            for (c, v) in cells.iter().enumerate() {
                if v.is_empty() {
                    continue;
                }
                if let Some(w) = s.widths.get_mut(c) {
                    *w = (*w).max(v.chars().count().min(60) + 1);
                }
                if c == 0 && (i == SUMMARY || i == MATRIX) && s.row < MAX_LINKS {
                    if let Some(to) = &link {
                        ws.write_url(s.row, 0, Url::new(to.as_str()).set_text(v.as_str()))?;
                        continue;
                    }
                }
                let col = c as u16;
                let ty = s.types.get(c).copied().unwrap_or(ColType::Text);
                let wrap = s.wrapped.get(c).copied().unwrap_or(false);
                match ty {
                    ColType::Integer | ColType::Code if v.parse::<i64>().is_ok() => {
                        ws.write_number(s.row, col, v.parse::<i64>().unwrap_or(0) as f64)?;
                    }
                    ColType::Boolean if v == "true" || v == "false" => {
                        ws.write_boolean(s.row, col, v == "true")?;
                    }
                    ColType::Date if date_of(v).is_some() => {
                        ws.write_datetime_with_format(
                            s.row,
                            col,
                            date_of(v).expect("checked"),
                            &f.date,
                        )?;
                    }
                    _ if wrap => {
                        ws.write_string_with_format(s.row, col, fit_cell(v), &f.wrap)?;
                    }
                    _ => {
                        ws.write_string(s.row, col, fit_cell(v))?;
                    }
                }
            }
            s.row += 1;
        }
        for s in &mut sheets {
            self.close_part(&mut wb, s, &f)?;
        }
        self.legend(&mut wb, &f)?;
        wb.save(out)
    }

    fn new_part(&self, wb: &mut Workbook, s: &mut Sheet, f: &Formats) -> Result<(), XlsxError> {
        let name = match s.parts.len() {
            0 => s.name.to_string(),
            n => format!("{}_{}", s.name, n + 1),
        };
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(&name)?;
        for (c, h) in s.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &f.bold)?;
        }
        if s.header_rows == 2 {
            for (c, l) in self.labels.iter().enumerate() {
                ws.write_string_with_format(1, c as u16, l, &f.bold)?;
            }
        }
        ws.set_freeze_panes(s.header_rows, 0)?;
        s.parts.push(wb.worksheets().len() - 1);
        s.row = s.header_rows;
        Ok(())
    }

    fn close_part(&self, wb: &mut Workbook, s: &mut Sheet, f: &Formats) -> Result<(), XlsxError> {
        let ws = wb.worksheet_from_index(*s.parts.last().expect("a part"))?;
        let cols = s.header.len() as u16;
        let last = s.row.max(s.header_rows) - 1;
        ws.autofilter(s.header_rows - 1, 0, last, cols.saturating_sub(1))?;
        for (c, w) in s.widths.iter().enumerate() {
            let w = if s.wrapped[c] { 80 } else { *w };
            ws.set_column_width(c as u16, w as f64)?;
        }
        if s.name == "matrix" && s.row > s.header_rows {
            let first = s.header_rows;
            for (c, ty) in s.types.iter().enumerate() {
                if *ty != ColType::Code {
                    continue;
                }
                let c = c as u16;
                ws.add_conditional_format(
                    first,
                    c,
                    last,
                    c,
                    &ConditionalFormatCell::new()
                        .set_rule(ConditionalFormatCellRule::EqualTo(1))
                        .set_format(&f.yes),
                )?;
                ws.add_conditional_format(
                    first,
                    c,
                    last,
                    c,
                    &ConditionalFormatCell::new()
                        .set_rule(ConditionalFormatCellRule::EqualTo(-1))
                        .set_format(&f.no),
                )?;
                ws.add_conditional_format(
                    first,
                    c,
                    last,
                    c,
                    &ConditionalFormatBlank::new().set_format(&f.none),
                )?;
            }
        }
        Ok(())
    }

    fn legend(&self, wb: &mut Workbook, f: &Formats) -> Result<(), XlsxError> {
        let ws = wb.add_worksheet();
        ws.set_name("legend")?;
        let mut r = 0;
        let mut line = |ws: &mut rust_xlsxwriter::Worksheet,
                        cells: &[&str],
                        bold: bool|
         -> Result<(), XlsxError> {
            for (c, v) in cells.iter().enumerate() {
                if bold {
                    ws.write_string_with_format(r, c as u16, *v, &f.bold)?;
                } else {
                    ws.write_string(r, c as u16, *v)?;
                }
            }
            r += 1;
            Ok(())
        };
        line(ws, &["matrix code", "meaning"], true)?;
        line(
            ws,
            &["1", "stated (collected, used, shared, granted)"],
            false,
        )?;
        line(
            ws,
            &["-1", "explicitly denied (\"we do not collect …\")"],
            false,
        )?;
        line(ws, &["(empty)", "not mentioned"], false)?;
        line(ws, &[], false)?;
        line(ws, &["sheet", "one row per"], true)?;
        for (s, what) in [
            ("summary", "policy: operator, identifiers, contacts, date"),
            (
                "matrix",
                "policy: one column per taxonomy entry, code as above",
            ),
            ("practices", "piece of evidence of a practice"),
            ("entities", "mention of an entity in the text"),
            ("clauses", "numbered clause"),
            ("findings", "problem found in a policy"),
            ("errors", "input that could not be read"),
        ] {
            line(ws, &[s, what], false)?;
        }
        line(ws, &[], false)?;
        line(ws, &["matrix column", "Russian label", "name", "DPV"], true)?;
        for row in &self.legend {
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            line(ws, &cells, false)?;
        }
        ws.set_column_width(0, 34)?;
        ws.set_column_width(1, 50)?;
        ws.set_column_width(2, 24)?;
        ws.set_column_width(3, 50)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook, Data, Reader, Xlsx as XlsxReader};

    /// Past the row limit a sheet continues on a numbered sheet, with the header again.
    #[test]
    fn full_sheets_continue_on_numbered_sheets() {
        let tax = Taxonomy::builtin();
        let x = Xlsx::new(&tax, false);
        let dir = tempfile::tempdir().unwrap();
        let mut rows = Vec::new();
        for i in 0..5 {
            push(
                &mut rows,
                FINDINGS,
                &[format!("d{i}"), "code".into(), "m".into(), "1.10".into()],
            );
        }
        let out = dir.path().join("t.xlsx");
        x.build(rows.as_slice(), dir.path(), &out, 3).unwrap();
        let mut wb: XlsxReader<_> = open_workbook(&out).unwrap();
        let names = wb.sheet_names();
        assert!(names.contains(&"findings_2".to_string()), "{names:?}");
        assert!(names.contains(&"findings_3".to_string()), "{names:?}");
        let r = wb.worksheet_range("findings_3").unwrap();
        assert_eq!(r.get((0, 0)), Some(&Data::String("doc_id".into())));
        assert_eq!(r.get((1, 0)), Some(&Data::String("d4".into())));
        assert_eq!(r.get((1, 3)), Some(&Data::String("1.10".into())));
    }

    #[test]
    fn long_cells_are_cut_in_utf16_units() {
        let long = "😀".repeat(20_000);
        let c = fit_cell(&long);
        assert!(c.encode_utf16().count() <= EXCEL_CELL_LIMIT);
        assert!(c.ends_with(TRUNCATION_MARK));
        assert_eq!(fit_cell("1.1.1"), "1.1.1");
    }
}
