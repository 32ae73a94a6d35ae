//! The output-format seam: one [`Format`] per output family, one file each; the registry
//! that `--outputs` selects from is [`super::FORMATS`].
//!
//! A format names the files it writes, what each starts with (a CSV header), how one document
//! (and one failure) becomes bytes of each file, and an optional last step once every file is
//! written (an index commit, a workbook close). Rendering runs on the worker threads; the sink
//! appends the bytes in input order. To add a format: write `src/emit/NAME.rs` with a type
//! implementing [`Format`] and a constructor `fn(&Settings) -> Box<dyn Format>`, and add one
//! entry to `emit::FORMATS`.

use std::io;
use std::path::Path;

use crate::classify::Taxonomy;
use crate::model::Document;
use crate::pipeline::Failure;

use super::csv_out::{CsvOut, CsvProfile};

/// What formats are built from, once per run.
pub struct Settings<'a> {
    /// The CSV flavour of the run.
    pub profile: CsvProfile,
    /// The run's taxonomy (the matrix columns come from it).
    pub taxonomy: &'a Taxonomy,
    /// `--clause-text`: clauses.jsonl and clauses.csv carry each clause's body text.
    pub clause_text: bool,
}

/// One output family.
pub trait Format: Send + Sync {
    /// The files this format writes, in the order of the buffers handed to it.
    fn files(&self) -> &'static [&'static str];

    /// What each file starts with (once per run): a CSV header, or nothing.
    fn headers(&self) -> Vec<Vec<u8>> {
        vec![Vec::new(); self.files().len()]
    }

    /// Append one document's bytes to `out` (one buffer per file of [`Format::files`]).
    fn render(&self, doc: &Document, out: &mut [Vec<u8>]);

    /// Append one failure's bytes (only errors.jsonl records failures).
    fn failure(&self, _failure: &Failure, _out: &mut [Vec<u8>]) {}

    /// The last step, after every file is written and sealed in the staging directory `dir`,
    /// before the set is committed. It may replace this format's own files in `dir` (a
    /// workbook built from the rows staged in its file): list them in
    /// [`Format::finished_files`].
    fn finish(&self, _dir: &Path) -> io::Result<()> {
        Ok(())
    }

    /// Whether a document's output of this format can be copied from an earlier output set
    /// (`--since`, `polex merge`): false for a format whose file its last step builds from
    /// rows that are not kept (the workbook).
    fn copyable(&self) -> bool {
        true
    }

    /// The files [`Format::finish`] rewrites: their manifest entries (size, SHA-256) are taken
    /// from the disk after it.
    fn finished_files(&self) -> &'static [&'static str] {
        &[]
    }
}

/// Append one JSON line.
pub fn json_line<T: serde::Serialize>(w: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(&mut *w, value).expect("serializing to memory cannot fail");
    w.push(b'\n');
}

/// Append CSV rows (no BOM: they continue a file) in the run's profile.
pub fn csv_rows<I, R, S>(w: &mut Vec<u8>, profile: CsvProfile, rows: I)
where
    I: IntoIterator<Item = R>,
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let mut c = CsvOut::fragment(std::mem::take(w), profile);
    for r in rows {
        c.row(r.as_ref())
            .expect("writing CSV to memory cannot fail");
    }
    *w = c.into_inner().expect("writing CSV to memory cannot fail");
}

/// A whole-file CSV header (with the Excel profile's BOM).
pub fn csv_header<S: AsRef<str>>(profile: CsvProfile, header: &[S]) -> Vec<u8> {
    let mut c = CsvOut::new(Vec::new(), profile).expect("writing CSV to memory cannot fail");
    c.row(header).expect("writing CSV to memory cannot fail");
    c.into_inner().expect("writing CSV to memory cannot fail")
}
