//! Output emitters: one module per output family behind the [`Format`] trait ([`FORMATS`] is the
//! registry; [`rows`] shapes the flat records, [`csv_out`] applies the CSV profile), fed by
//! [`OutputSet`], the sink that owns the output directory.
//!
//! Rendering a document into bytes happens on the worker threads ([`Renderer`]); the sink only
//! appends the rendered bytes, in input order. The files are written in a private staging
//! directory and moved into place as one set only when the run completes ([`commit`]), so a
//! reader never sees a half-written file under its final name, and a failed or killed run
//! leaves the previous set as it was.

mod clauses;
pub mod commit;
pub mod csv_out;
pub mod datapackage;
mod documents;
mod entities;
mod errors;
pub mod format;
pub mod inputs;
pub mod lines;
mod matrix;
mod practices;
pub mod records;
pub mod rows;
pub mod schema;
mod summary;
pub mod xlsx;

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use crate::classify::Taxonomy;
use crate::model::Document;
use crate::pipeline::{Failure, Render, Sink};
pub use commit::{AbortGuard, Manifest, RunSettings, ShardInfo, MANIFEST};
use commit::{Counts, StagedFile, Staging};
pub use csv_out::{CsvOut, CsvProfile};
pub use format::{Format, Settings};
use inputs::{Key, Status, INPUTS};

/// Names of the files written by default (every format), in the order they are documented.
pub const FILES: &[&str] = &[
    "documents.jsonl",
    "documents.schema.json",
    "clauses.csv",
    "records.jsonl",
    "records.schema.json",
    "entities.csv",
    "summary.csv",
    "practices.csv",
    "matrix.csv",
    "errors.jsonl",
    "errors.schema.json",
    "datapackage.json",
    "inputs.jsonl",
    "inputs.schema.json",
];

/// Builds a format for a run.
pub type Factory = fn(&Settings) -> Box<dyn Format>;

/// Every output format, by the name `--outputs` knows it by, in the order their files are
/// documented.
pub const FORMATS: &[(&str, Factory)] = &[
    ("documents", documents::new),
    ("clauses", clauses::new),
    ("clauses-csv", clauses::new_csv),
    ("records", records::new),
    ("entities", entities::new),
    ("entities-csv", entities::new_csv),
    ("summary", summary::new),
    ("practices", practices::new),
    ("matrix", matrix::new),
    ("errors", errors::new),
    ("datapackage", datapackage::new),
    ("xlsx", xlsx::new),
];

/// Formats written only when named (`--outputs default,xlsx`): the workbook repeats every
/// flat output and costs more than all of them together (see README, Spreadsheets).
pub const OPT_IN: &[&str] = &["xlsx"];

/// `--outputs lean`: the tables without text (one row per document, practice, entity), for
/// comparison in spreadsheets and quick corpus statistics.
pub const LEAN: &[&str] = &["entities", "summary", "practices", "matrix", "datapackage"];

/// The names of every format.
pub fn format_names() -> Vec<&'static str> {
    FORMATS.iter().map(|(n, _)| *n).collect()
}

/// The formats that write one file of another format alone (`clauses-csv` is clauses.csv of
/// `clauses`): left out when that one is chosen too.
pub const PARTS: &[(&str, &str)] = &[("clauses-csv", "clauses"), ("entities-csv", "entities")];

/// The formats written when `--outputs` is not given: all but [`OPT_IN`], with the CSV files
/// of `clauses` and `entities` alone (their JSONL twins repeat documents.jsonl and
/// entities.csv; `--outputs full` or `default,clauses,entities` writes them too).
pub fn default_format_names() -> Vec<&'static str> {
    format_names()
        .into_iter()
        .filter(|n| !OPT_IN.contains(n) && !PARTS.iter().any(|(_, whole)| whole == n))
        .collect()
}

/// `--outputs full`: the default set before 2026-12 (every format but [`OPT_IN`], with
/// clauses.jsonl and entities.jsonl).
pub fn full_format_names() -> Vec<&'static str> {
    format_names()
        .into_iter()
        .filter(|n| !OPT_IN.contains(n) && !PARTS.iter().any(|(part, _)| part == n))
        .collect()
}

/// The name of the format that records failures; it is always written.
pub const ERRORS_FORMAT: &str = "errors";

/// An unknown name given to [`Renderer::select`].
#[derive(Debug, thiserror::Error)]
#[error("unknown output {0:?} (known: {known})", known = format_names().join(", "))]
pub struct UnknownFormat(pub String);

/// Documents whose text is larger than this are rendered by the writer, format by format,
/// straight into the output files, instead of into memory on the worker: their outputs are
/// several times their size, too much to hold in memory as well.
pub const STREAM_TEXT_BYTES: usize = 8 << 20;

/// One document rendered into the bytes of each output file, or a very large document kept
/// whole for the writer to render ([`STREAM_TEXT_BYTES`]).
pub struct Rendered {
    body: Body,
    names: Arc<[&'static str]>,
    /// The document's line of `inputs.jsonl` (none for a failure).
    key: Option<Key>,
}

enum Body {
    Bytes(Vec<Vec<u8>>),
    Deferred(Box<Document>),
}

impl Rendered {
    /// Each file name with the bytes this document adds to it (nothing for a deferred
    /// document: it is rendered when written).
    pub fn parts(&self) -> impl Iterator<Item = (&'static str, &[u8])> {
        let parts: &[Vec<u8>] = match &self.body {
            Body::Bytes(p) => p,
            Body::Deferred(_) => &[],
        };
        self.names
            .iter()
            .copied()
            .zip(parts.iter().map(Vec::as_slice))
    }

    /// The rendered bytes of one output file by its name, taken out of the document's parts.
    pub fn into_part(self, name: &str) -> Option<Vec<u8>> {
        let Body::Bytes(mut parts) = self.body else {
            return None;
        };
        let i = self.names.iter().position(|f| *f == name)?;
        Some(std::mem::take(&mut parts[i]))
    }

    /// The rendered bytes of one output file by its name (`clauses.csv`, …); `None` for a file
    /// this renderer does not write, or for a deferred document.
    pub fn part(&self, name: &str) -> Option<&[u8]> {
        let Body::Bytes(parts) = &self.body else {
            return None;
        };
        self.names
            .iter()
            .position(|f| *f == name)
            .map(|i| parts[i].as_slice())
    }
}

/// Turns documents into output bytes; shared read-only by the worker threads.
#[derive(Clone)]
pub struct Renderer {
    formats: Arc<[Box<dyn Format>]>,
    /// The formats' registry names, in order.
    format_names: Arc<[&'static str]>,
    /// The file names of all formats, in order.
    names: Arc<[&'static str]>,
    /// Where each format's files start in `names`.
    offsets: Arc<[usize]>,
    /// `--clause-text` (recorded in `run.json`).
    clause_text: bool,
}

impl Renderer {
    /// Every format of the registry.
    pub fn new(profile: CsvProfile, taxonomy: &Taxonomy) -> Self {
        Self::select(profile, taxonomy, &format_names(), false).expect("the registry's own names")
    }

    /// The formats named (by their [`FORMATS`] names, in registry order whatever the order
    /// given); errors.jsonl is always included. With `clause_text` (`--clause-text`) the clause
    /// tables carry each clause's body text.
    pub fn select(
        profile: CsvProfile,
        taxonomy: &Taxonomy,
        names: &[&str],
        clause_text: bool,
    ) -> Result<Self, UnknownFormat> {
        if let Some(bad) = names.iter().find(|n| !format_names().contains(n)) {
            return Err(UnknownFormat(bad.to_string()));
        }
        let settings = Settings {
            profile,
            taxonomy,
            clause_text,
        };
        let chosen: Vec<&(&'static str, Factory)> = FORMATS
            .iter()
            .filter(|(n, _)| names.contains(n) || *n == ERRORS_FORMAT)
            .filter(|(n, _)| {
                !PARTS
                    .iter()
                    .any(|(part, whole)| part == n && names.contains(whole))
            })
            .collect();
        let formats: Vec<Box<dyn Format>> =
            chosen.iter().map(|(_, make)| make(&settings)).collect();
        let mut offsets = Vec::with_capacity(formats.len());
        let mut files = Vec::new();
        for f in &formats {
            offsets.push(files.len());
            files.extend_from_slice(f.files());
        }
        Ok(Renderer {
            format_names: chosen.iter().map(|(n, _)| *n).collect(),
            formats: formats.into(),
            names: files.into(),
            offsets: offsets.into(),
            clause_text,
        })
    }

    /// Whether the clause tables carry the body texts (`--clause-text`).
    pub fn clause_text(&self) -> bool {
        self.clause_text
    }

    /// The registry names of the formats this renderer writes, in order.
    pub fn format_names(&self) -> &[&'static str] {
        &self.format_names
    }

    /// The files this renderer writes, in order.
    pub fn files(&self) -> &[&'static str] {
        &self.names
    }

    /// Fresh buffers for every file, filled by `f` format by format.
    fn fill(&self, mut f: impl FnMut(&dyn Format, &mut [Vec<u8>])) -> Rendered {
        let mut parts = vec![Vec::new(); self.names.len()];
        for (i, fmt) in self.formats.iter().enumerate() {
            let at = self.offsets[i];
            f(fmt.as_ref(), &mut parts[at..at + fmt.files().len()]);
        }
        Rendered {
            body: Body::Bytes(parts),
            names: self.names.clone(),
            key: None,
        }
    }

    /// A document's output copied from an earlier output set (`--since`, `polex merge`):
    /// `parts` are its bytes of each file, in [`Renderer::files`] order.
    pub fn copied(&self, key: Key, parts: Vec<Vec<u8>>) -> Rendered {
        debug_assert_eq!(parts.len(), self.names.len());
        Rendered {
            body: Body::Bytes(parts),
            names: self.names.clone(),
            key: Some(key),
        }
    }

    /// The files whose bytes a later run can copy (not those a format rewrites in its last
    /// step), in [`Renderer::files`] order.
    pub fn copyable(&self) -> Vec<bool> {
        let finished: Vec<&str> = self
            .formats
            .iter()
            .flat_map(|f| f.finished_files().iter().copied())
            .collect();
        self.names.iter().map(|n| !finished.contains(n)).collect()
    }

    /// Whether every document's output can be copied from an earlier set: no format builds
    /// its file from the rows in its last step (the workbook).
    pub fn can_copy(&self) -> bool {
        self.formats.iter().all(|f| f.copyable())
    }

    /// Render a document the pipeline hands over: a very large one (over
    /// [`STREAM_TEXT_BYTES`] of text) is kept for the writer ([`Renderer::stream`]).
    pub fn render_owned(&self, doc: Document) -> Rendered {
        if doc.layout.text.len() > STREAM_TEXT_BYTES {
            Rendered {
                key: Some(Key::of(&doc)),
                body: Body::Deferred(Box::new(doc)),
                names: self.names.clone(),
            }
        } else {
            self.render_doc(&doc)
        }
    }

    /// Render `doc` format by format, appending each format's bytes to `files` (in
    /// [`Renderer::files`] order) before the next is rendered: at most one format's output of
    /// the document is in memory.
    pub fn stream<W: Write>(&self, doc: &Document, files: &mut [W]) -> io::Result<()> {
        for (i, fmt) in self.formats.iter().enumerate() {
            let at = self.offsets[i];
            let mut bufs = vec![Vec::new(); fmt.files().len()];
            fmt.render(doc, &mut bufs);
            for (f, b) in files[at..].iter_mut().zip(&bufs) {
                f.write_all(b)?;
            }
        }
        Ok(())
    }

    /// Render every output of one document.
    pub fn render_doc(&self, doc: &Document) -> Rendered {
        let mut r = self.fill(|f, out| f.render(doc, out));
        r.key = Some(Key::of(doc));
        r
    }

    /// Render one failure (into errors.jsonl).
    pub fn render_failure(&self, failure: &Failure) -> Rendered {
        self.fill(|f, out| f.failure(failure, out))
    }

    /// The start of every file (CSV headers), in order.
    pub fn headers(&self) -> Vec<Vec<u8>> {
        self.formats.iter().flat_map(|f| f.headers()).collect()
    }
}

/// The sink that writes every output file of a run, as one set (see [`commit`]).
pub struct OutputSet {
    staging: Staging,
    renderer: Renderer,
    files: Vec<StagedFile>,
    counts: Counts,
    /// `inputs.jsonl`.
    toc: StagedFile,
    /// `inputs.schema.json`, the JSON Schema of `inputs.jsonl`'s lines.
    toc_schema: StagedFile,
    /// Which of `files` `inputs.jsonl` records parts of.
    copyable: Vec<bool>,
    /// The places in the listing of the inputs to come (a shard's), else 0, 1, 2, …
    ordinals: Option<std::vec::IntoIter<u64>>,
    next: u64,
    settings: Option<RunSettings>,
    shard: Option<ShardInfo>,
}

impl OutputSet {
    /// Prepare the output directory (see [`commit::Staging::begin`]) and create every format's
    /// files in the run's staging directory, with their CSV headers.
    pub fn create(dir: &Path, profile: CsvProfile, taxonomy: &Taxonomy) -> io::Result<Self> {
        Self::with_renderer(dir, Renderer::new(profile, taxonomy), AbortGuard::default())
    }

    /// Like [`OutputSet::create`] for the formats of `renderer`, with a guard a signal handler
    /// can use to remove the staging directory.
    pub fn with_renderer(dir: &Path, renderer: Renderer, guard: AbortGuard) -> io::Result<Self> {
        let headers = renderer.headers();
        Self::with_headers(dir, renderer, guard, headers)
    }

    /// Like [`OutputSet::with_renderer`], each file starting with the given header (`polex
    /// merge`: the shards' own, which carry their taxonomy's matrix columns).
    pub fn with_headers(
        dir: &Path,
        renderer: Renderer,
        guard: AbortGuard,
        headers: Vec<Vec<u8>>,
    ) -> io::Result<Self> {
        let mut names = renderer.files().to_vec();
        names.push(INPUTS);
        names.push(inputs::SCHEMA);
        let staging = Staging::begin(dir, &names, guard)?;
        let mut files = Vec::with_capacity(renderer.files().len());
        for (name, header) in renderer.files().iter().zip(headers) {
            let mut f = staging.create(name)?;
            f.write_all(&header)?;
            files.push(f);
        }
        let toc = staging.create(INPUTS)?;
        let mut toc_schema = staging.create(inputs::SCHEMA)?;
        toc_schema.write_all(&inputs::schema())?;
        Ok(OutputSet {
            toc_schema,
            staging,
            copyable: renderer.copyable(),
            renderer,
            files,
            counts: Counts::default(),
            toc,
            ordinals: None,
            next: 0,
            settings: None,
            shard: None,
        })
    }

    /// Record the run's settings in `run.json`.
    pub fn set_settings(&mut self, settings: RunSettings) {
        self.settings = Some(settings);
    }

    /// A `--shard` run: the inputs to come have these places in the whole listing.
    pub fn set_shard(&mut self, shard: ShardInfo, ordinals: Vec<u64>) {
        self.shard = Some(shard);
        self.ordinals = Some(ordinals.into_iter());
    }

    /// The files of the set (without `inputs.jsonl` and `run.json`), in order.
    pub fn files(&self) -> &[&'static str] {
        self.renderer.files()
    }

    /// Append an input's bytes copied from an earlier set with their `inputs.jsonl` entry
    /// (`polex merge`); `parts` in [`OutputSet::files`] order.
    pub fn write_copied(&mut self, entry: &inputs::Entry, parts: Vec<Vec<u8>>) -> io::Result<()> {
        let r = Rendered {
            body: Body::Bytes(parts),
            names: self.renderer.names.clone(),
            key: None,
        };
        let starts = self.append(&r)?;
        self.record(
            &entry.id,
            &entry.source,
            entry.sha256.clone(),
            entry.format.clone(),
            entry.status,
            &starts,
        )?;
        match entry.status {
            Status::Ok => self.counts.documents += 1,
            Status::Error => self.counts.failures += 1,
        }
        Ok(())
    }

    /// What preparing the directory cleaned up or finished from earlier runs.
    pub fn notices(&self) -> &[String] {
        self.staging.notices()
    }

    /// Seal the files, run each format's last step and commit the set: every file and
    /// `run.json` are moved into place.
    pub fn commit(self) -> io::Result<Manifest> {
        let mut entries = Vec::with_capacity(self.files.len() + 1);
        for f in self.files {
            entries.push(f.seal()?);
        }
        entries.push(self.toc.seal()?);
        entries.push(self.toc_schema.seal()?);
        for f in self.renderer.formats.iter() {
            f.finish(self.staging.dir())?;
            for name in f.finished_files() {
                if let Some(e) = entries.iter_mut().find(|e| e.name == *name) {
                    *e = commit::entry_of(self.staging.dir(), name)?;
                }
            }
        }
        self.staging
            .commit(entries, self.counts, self.settings, self.shard)
    }

    /// Append one input's bytes to every file; where each file stood before.
    fn append(&mut self, r: &Rendered) -> io::Result<Vec<u64>> {
        let starts: Vec<u64> = self.files.iter().map(StagedFile::len).collect();
        match &r.body {
            Body::Bytes(parts) => {
                for (f, part) in self.files.iter_mut().zip(parts) {
                    f.write_all(part)?;
                }
            }
            Body::Deferred(doc) => self.renderer.stream(doc, &mut self.files)?,
        }
        Ok(starts)
    }

    /// The `inputs.jsonl` line of the input just appended (the files stood at `starts`).
    fn record(
        &mut self,
        id: &str,
        source: &str,
        sha256: Option<String>,
        format: Option<String>,
        status: Status,
        starts: &[u64],
    ) -> io::Result<()> {
        let n = match &mut self.ordinals {
            Some(it) => it.next().unwrap_or(self.next),
            None => self.next,
        };
        self.next += 1;
        let parts = self
            .renderer
            .names
            .iter()
            .zip(&self.files)
            .zip(starts)
            .zip(&self.copyable)
            .filter(|(((_, f), &at), &copy)| copy && f.len() > at)
            .map(|(((name, f), &at), _)| (name.to_string(), [at, f.len() - at]))
            .collect();
        let entry = inputs::Entry {
            n,
            id: id.to_string(),
            source: source.to_string(),
            sha256,
            format,
            status,
            parts,
        };
        let mut line = Vec::new();
        format::json_line(&mut line, &entry);
        self.toc.write_all(&line)
    }
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
        let starts = self.append(&r)?;
        let key = r.key.unwrap_or_default();
        self.record(
            &key.id,
            &key.source,
            Some(key.sha256),
            Some(key.format),
            Status::Ok,
            &starts,
        )?;
        self.counts.documents += 1;
        Ok(())
    }

    fn failure(&mut self, f: &Failure) -> io::Result<()> {
        let r = self.renderer.render_failure(f);
        let starts = self.append(&r)?;
        self.record(&f.id, &f.path, None, None, Status::Error, &starts)?;
        self.counts.failures += 1;
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        self.commit().map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A very large document, rendered by the writer format by format, gives the same bytes as
    /// one rendered in memory.
    #[test]
    fn streamed_rendering_equals_rendering_in_memory() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/000_73a257b880c7e22b.txt"
        ))
        .unwrap();
        let engine = crate::Engine::new();
        let doc = engine.analyze(&text, crate::model::SourceInfo::default());
        for profile in [CsvProfile::Plain, CsvProfile::Excel] {
            let r = Renderer::new(profile, &engine.taxonomy);
            let mem = r.render_doc(&doc);
            let mut files = vec![Vec::new(); r.files().len()];
            r.stream(&doc, &mut files).unwrap();
            for ((name, bytes), streamed) in mem.parts().zip(&files) {
                assert_eq!(bytes, streamed.as_slice(), "{name}");
            }
            assert!(r
                .render_owned(doc.clone())
                .part("documents.jsonl")
                .is_some());
        }
    }
}
