//! Output emitters: one module per format family, all fed by [`OutputSet`], the sink that owns
//! the output directory.
//!
//! Every file is written to `NAME.tmp` and renamed into place only when the run completes, so a
//! reader never sees a half-written file under its final name.

pub mod csv_out;
pub mod rows;

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::classify::Taxonomy;
use crate::model::Document;
use crate::pipeline::{Failure, Sink};
pub use csv_out::{CsvOut, CsvProfile};

/// Names of the files written in the output directory, in the order they are documented.
pub const FILES: &[&str] = &[
    "documents.jsonl",
    "clauses.jsonl",
    "clauses.csv",
    "entities.jsonl",
    "entities.csv",
    "summary.csv",
    "practices.csv",
    "matrix.csv",
    "errors.jsonl",
];

type Out = BufWriter<File>;

/// The sink that writes every output file of a run.
pub struct OutputSet {
    dir: PathBuf,
    documents: Out,
    clauses: Out,
    clauses_csv: CsvOut<Out>,
    entities: Out,
    entities_csv: CsvOut<Out>,
    summary: CsvOut<Out>,
    practices: CsvOut<Out>,
    matrix: CsvOut<Out>,
    matrix_columns: rows::MatrixColumns,
    errors: Out,
}

fn tmp_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.tmp"))
}

fn create(dir: &Path, name: &str) -> io::Result<Out> {
    let path = tmp_path(dir, name);
    let f = File::create(&path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    Ok(BufWriter::with_capacity(1 << 16, f))
}

impl OutputSet {
    /// Create the output directory and the temporary files.
    pub fn create(dir: &Path, profile: CsvProfile, taxonomy: &Taxonomy) -> io::Result<Self> {
        fs::create_dir_all(dir)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
        let csv = |name: &str| CsvOut::new(create(dir, name)?, profile);
        let matrix_columns = rows::MatrixColumns::new(taxonomy);
        let mut set = OutputSet {
            dir: dir.to_path_buf(),
            documents: create(dir, "documents.jsonl")?,
            clauses: create(dir, "clauses.jsonl")?,
            clauses_csv: csv("clauses.csv")?,
            entities: create(dir, "entities.jsonl")?,
            entities_csv: csv("entities.csv")?,
            summary: csv("summary.csv")?,
            practices: csv("practices.csv")?,
            matrix: csv("matrix.csv")?,
            matrix_columns,
            errors: create(dir, "errors.jsonl")?,
        };
        set.clauses_csv.row(rows::CLAUSE_HEADER)?;
        set.entities_csv.row(rows::ENTITY_HEADER)?;
        set.summary.row(rows::SUMMARY_HEADER)?;
        set.practices.row(rows::PRACTICE_HEADER)?;
        let header = set.matrix_columns.header();
        set.matrix.row(&header)?;
        Ok(set)
    }

    /// Flush everything and rename the files into place.
    pub fn finish(mut self) -> io::Result<()> {
        for w in [
            &mut self.documents,
            &mut self.clauses,
            &mut self.entities,
            &mut self.errors,
        ] {
            w.flush()?;
        }
        for w in [
            &mut self.clauses_csv,
            &mut self.entities_csv,
            &mut self.summary,
            &mut self.practices,
            &mut self.matrix,
        ] {
            w.flush()?;
        }
        drop(self.documents);
        drop(self.clauses);
        drop(self.entities);
        drop(self.errors);
        for w in [
            self.clauses_csv,
            self.entities_csv,
            self.summary,
            self.practices,
            self.matrix,
        ] {
            w.into_inner()?.into_inner().map_err(|e| e.into_error())?;
        }
        for name in FILES {
            fs::rename(tmp_path(&self.dir, name), self.dir.join(name))?;
        }
        Ok(())
    }
}

fn json_line<T: serde::Serialize>(w: &mut Out, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *w, value).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

impl Sink for OutputSet {
    fn document(&mut self, doc: &Document) -> io::Result<()> {
        json_line(&mut self.documents, doc)?;
        let doc_key = rows::doc_key(&doc.id);
        for c in &doc.clauses {
            let rec = rows::ClauseRecord::new(doc, &doc_key, c);
            json_line(&mut self.clauses, &rec)?;
            self.clauses_csv.row(&rec.csv_row())?;
        }
        for m in &doc.mentions {
            let rec = rows::EntityRecord { doc_id: &doc.id, m };
            json_line(&mut self.entities, &rec)?;
            self.entities_csv.row(&rec.csv_row())?;
        }
        self.summary.row(&rows::summary_row(doc))?;
        for r in rows::practice_rows(doc) {
            self.practices.row(&r)?;
        }
        let row = self.matrix_columns.row(doc);
        self.matrix.row(&row)
    }

    fn failure(&mut self, f: &Failure) -> io::Result<()> {
        #[derive(serde::Serialize)]
        struct Rec<'a> {
            path: &'a str,
            id: &'a str,
            stage: &'a str,
            reason: &'a str,
        }
        json_line(
            &mut self.errors,
            &Rec {
                path: &f.path,
                id: &f.id,
                stage: &f.stage,
                reason: &f.reason,
            },
        )
    }
}
