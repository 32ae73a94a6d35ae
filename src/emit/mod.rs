//! Output emitters: one module per format family ([`rows`] shapes the records, [`csv_out`]
//! applies the CSV profile), fed by [`OutputSet`], the sink that owns the output directory.
//!
//! Rendering a document into bytes happens on the worker threads ([`Renderer`]); the sink only
//! appends the rendered bytes, in input order. Every file is written to `NAME.tmp` and renamed
//! into place only when the run completes, so a reader never sees a half-written file under its
//! final name.

pub mod csv_out;
pub mod rows;

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::classify::Taxonomy;
use crate::context::CharIndex;
use crate::model::Document;
use crate::pipeline::{Failure, Render, Sink};
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

/// Index of each per-document output in [`Rendered::parts`] (errors.jsonl is written apart).
const DOCUMENTS: usize = 0;
const CLAUSES: usize = 1;
const CLAUSES_CSV: usize = 2;
const ENTITIES: usize = 3;
const ENTITIES_CSV: usize = 4;
const SUMMARY: usize = 5;
const PRACTICES: usize = 6;
const MATRIX: usize = 7;
const PARTS: usize = 8;
const ERRORS_FILE: &str = "errors.jsonl";

/// One document rendered into the bytes of each output file, or a very large document kept
/// whole, to be rendered straight into the files by the writer ([`Rendered::write_to`]): its
/// outputs are several times its size, too much to hold in memory as well.
pub struct Rendered(Parts);

enum Parts {
    Bytes([Vec<u8>; PARTS]),
    Deferred(Box<Document>),
}

/// Documents whose text is larger than this are rendered by the writer, straight into the
/// output files, instead of into memory on the worker.
pub const STREAM_TEXT_BYTES: usize = 8 << 20;

impl Rendered {
    /// Append the outputs to `files` (one writer per output, in [`FILES`] order).
    pub fn write_to<W: Write>(&self, renderer: &Renderer, files: &mut [W]) -> io::Result<()> {
        match &self.0 {
            Parts::Bytes(parts) => {
                for (f, part) in files.iter_mut().zip(parts.iter()) {
                    f.write_all(part)?;
                }
                Ok(())
            }
            Parts::Deferred(doc) => renderer.render_into(doc, files),
        }
    }
}

/// Turns documents into output bytes; shared read-only by the worker threads.
#[derive(Clone)]
pub struct Renderer {
    profile: CsvProfile,
    matrix_columns: rows::MatrixColumns,
}

fn json_line<W: Write, T: serde::Serialize>(mut w: W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut w, value).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

impl Renderer {
    pub fn new(profile: CsvProfile, taxonomy: &Taxonomy) -> Self {
        Renderer {
            profile,
            matrix_columns: rows::MatrixColumns::new(taxonomy),
        }
    }

    fn csv_rows<W, I, R, S>(&self, w: W, rows: I) -> io::Result<()>
    where
        W: Write,
        I: IntoIterator<Item = R>,
        R: AsRef<[S]>,
        S: AsRef<str>,
    {
        let mut w = CsvOut::fragment(w, self.profile);
        for r in rows {
            w.row(r.as_ref())?;
        }
        w.flush()
    }

    /// One JSON line in `outs[json]` and one CSV row in `outs[csv]` per item.
    fn records<'d, W, T, R>(
        &self,
        outs: &mut [W],
        (json, csv): (usize, usize),
        items: &'d [T],
        record: impl Fn(&'d T) -> R,
        row: impl Fn(&R) -> Vec<String>,
    ) -> io::Result<()>
    where
        W: Write,
        R: serde::Serialize,
    {
        for it in items {
            json_line(&mut outs[json], &record(it))?;
        }
        self.csv_rows(&mut outs[csv], items.iter().map(|it| row(&record(it))))
    }

    /// Render every per-document output of one document.
    pub fn render_doc(&self, doc: &Document) -> Rendered {
        let mut parts: [Vec<u8>; PARTS] = Default::default();
        parts[DOCUMENTS].reserve(doc.text.len() * 3);
        self.render_into(doc, &mut parts)
            .expect("writing to memory cannot fail");
        Rendered(Parts::Bytes(parts))
    }

    /// Render a document that the pipeline hands over: a very large one (over
    /// [`STREAM_TEXT_BYTES`] of text) is kept for the writer to render into the files.
    pub fn render_owned(&self, doc: Document) -> Rendered {
        if doc.text.len() > STREAM_TEXT_BYTES {
            Rendered(Parts::Deferred(Box::new(doc)))
        } else {
            self.render_doc(&doc)
        }
    }

    /// Write every per-document output of `doc` to `outs` (one writer per output, in
    /// [`FILES`] order).
    pub fn render_into<W: Write>(&self, doc: &Document, outs: &mut [W]) -> io::Result<()> {
        assert!(outs.len() >= PARTS, "render_into needs {PARTS} outputs");
        json_line(&mut outs[DOCUMENTS], doc)?;
        let doc_key = rows::doc_key(&doc.id);
        let built;
        let chars = if doc.chars.byte_of(usize::MAX) == doc.text.len() && !doc.text.is_empty() {
            &doc.chars
        } else {
            built = CharIndex::new(&doc.text);
            &built
        };
        // Records are made one at a time: a list of them per document holds every clause
        // text again.
        self.records(
            outs,
            (CLAUSES, CLAUSES_CSV),
            &doc.clauses,
            |c| rows::ClauseRecord::new(doc, &doc_key, c, chars),
            rows::ClauseRecord::csv_row,
        )?;
        self.records(
            outs,
            (ENTITIES, ENTITIES_CSV),
            &doc.mentions,
            |m| rows::EntityRecord { doc_id: &doc.id, m },
            rows::EntityRecord::csv_row,
        )?;
        self.csv_rows(&mut outs[SUMMARY], [rows::summary_row(doc)])?;
        self.csv_rows(&mut outs[PRACTICES], rows::practice_rows(doc))?;
        self.csv_rows(&mut outs[MATRIX], [self.matrix_columns.row(doc)])
    }
}

type Out = BufWriter<File>;

/// The sink that writes every output file of a run.
pub struct OutputSet {
    dir: PathBuf,
    renderer: Renderer,
    files: Vec<Out>,
    errors: Out,
}

fn tmp_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.tmp"))
}

fn create(dir: &Path, name: &str) -> io::Result<Out> {
    let path = tmp_path(dir, name);
    let f = File::create(&path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    Ok(BufWriter::with_capacity(1 << 17, f))
}

impl OutputSet {
    /// Create the output directory and the temporary files, with their CSV headers.
    pub fn create(dir: &Path, profile: CsvProfile, taxonomy: &Taxonomy) -> io::Result<Self> {
        fs::create_dir_all(dir)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
        let renderer = Renderer::new(profile, taxonomy);
        let matrix_header = renderer.matrix_columns.header();
        let mut files = Vec::with_capacity(PARTS);
        for (i, name) in FILES.iter().take(PARTS).enumerate() {
            let mut f = create(dir, name)?;
            let header: Option<Vec<String>> = match i {
                CLAUSES_CSV => Some(own(rows::CLAUSE_HEADER)),
                ENTITIES_CSV => Some(own(rows::ENTITY_HEADER)),
                SUMMARY => Some(own(rows::SUMMARY_HEADER)),
                PRACTICES => Some(own(rows::PRACTICE_HEADER)),
                MATRIX => Some(matrix_header.clone()),
                _ => None,
            };
            if let Some(h) = header {
                let mut w = CsvOut::new(&mut f, profile)?;
                w.row(&h)?;
                w.flush()?;
            }
            files.push(f);
        }
        debug_assert_eq!(FILES[PARTS], ERRORS_FILE);
        Ok(OutputSet {
            dir: dir.to_path_buf(),
            renderer,
            files,
            errors: create(dir, ERRORS_FILE)?,
        })
    }

    /// Flush everything and rename the files into place.
    pub fn finish(mut self) -> io::Result<()> {
        for f in self
            .files
            .iter_mut()
            .chain(std::iter::once(&mut self.errors))
        {
            f.flush()?;
        }
        drop(self.files);
        drop(self.errors);
        for name in FILES {
            fs::rename(tmp_path(&self.dir, name), self.dir.join(name))?;
        }
        Ok(())
    }
}

fn own(header: &[&str]) -> Vec<String> {
    header.iter().map(|s| s.to_string()).collect()
}

impl Render for Renderer {
    type Out = Rendered;
    fn render(&self, doc: &Document) -> Rendered {
        self.render_doc(doc)
    }
    fn render_owned(&self, doc: Document) -> Rendered {
        Renderer::render_owned(self, doc)
    }
}

impl Sink for OutputSet {
    type Renderer = Renderer;

    fn renderer(&self) -> Renderer {
        self.renderer.clone()
    }

    fn write(&mut self, r: Rendered) -> io::Result<()> {
        r.write_to(&self.renderer, &mut self.files)
    }

    fn failure(&mut self, f: &Failure) -> io::Result<()> {
        #[derive(serde::Serialize)]
        struct Rec<'a> {
            path: &'a str,
            id: &'a str,
            stage: &'a str,
            reason: &'a str,
        }
        let mut line = Vec::new();
        json_line(
            &mut line,
            &Rec {
                path: &f.path,
                id: &f.id,
                stage: &f.stage,
                reason: &f.reason,
            },
        )?;
        self.errors.write_all(&line)
    }
}
