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
mod documents;
mod entities;
mod errors;
pub mod format;
mod matrix;
mod practices;
pub mod rows;
mod summary;

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use crate::classify::Taxonomy;
use crate::model::Document;
use crate::pipeline::{Failure, Render, Sink};
pub use commit::{AbortGuard, Manifest, MANIFEST};
use commit::{Counts, StagedFile, Staging};
pub use csv_out::{CsvOut, CsvProfile};
pub use format::{Format, Settings, FORMATS};

/// Names of the files written by default (every format), in the order they are documented.
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

/// The name of the format that records failures; it is always written.
pub const ERRORS_FORMAT: &str = "errors";

/// An unknown name given to [`Renderer::select`].
#[derive(Debug, thiserror::Error)]
#[error("unknown output {0:?} (known: {known})", known = format::names().join(", "))]
pub struct UnknownFormat(pub String);

/// One document rendered into the bytes of each output file.
pub struct Rendered {
    parts: Vec<Vec<u8>>,
    names: Arc<[&'static str]>,
}

impl Rendered {
    /// Each file name with the bytes this document adds to it.
    pub fn parts(&self) -> impl Iterator<Item = (&'static str, &[u8])> {
        self.names
            .iter()
            .copied()
            .zip(self.parts.iter().map(Vec::as_slice))
    }

    /// The rendered bytes of one output file by its name (`clauses.csv`, …); `None` for a file
    /// this renderer does not write.
    pub fn part(&self, name: &str) -> Option<&[u8]> {
        self.names
            .iter()
            .position(|f| *f == name)
            .map(|i| self.parts[i].as_slice())
    }
}

/// Turns documents into output bytes; shared read-only by the worker threads.
#[derive(Clone)]
pub struct Renderer {
    formats: Arc<[Box<dyn Format>]>,
    /// The file names of all formats, in order.
    names: Arc<[&'static str]>,
    /// Where each format's files start in `names`.
    offsets: Arc<[usize]>,
}

impl Renderer {
    /// Every format of the registry.
    pub fn new(profile: CsvProfile, taxonomy: &Taxonomy) -> Self {
        Self::select(profile, taxonomy, &format::names()).expect("the registry's own names")
    }

    /// The formats named (by their [`FORMATS`] names, in registry order whatever the order
    /// given); errors.jsonl is always included.
    pub fn select(
        profile: CsvProfile,
        taxonomy: &Taxonomy,
        names: &[&str],
    ) -> Result<Self, UnknownFormat> {
        if let Some(bad) = names.iter().find(|n| !format::names().contains(n)) {
            return Err(UnknownFormat(bad.to_string()));
        }
        let settings = Settings { profile, taxonomy };
        let formats: Vec<Box<dyn Format>> = FORMATS
            .iter()
            .filter(|(n, _)| names.contains(n) || *n == ERRORS_FORMAT)
            .map(|(_, make)| make(&settings))
            .collect();
        let mut offsets = Vec::with_capacity(formats.len());
        let mut files = Vec::new();
        for f in &formats {
            offsets.push(files.len());
            files.extend_from_slice(f.files());
        }
        Ok(Renderer {
            formats: formats.into(),
            names: files.into(),
            offsets: offsets.into(),
        })
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
            parts,
            names: self.names.clone(),
        }
    }

    /// Render every output of one document.
    pub fn render_doc(&self, doc: &Document) -> Rendered {
        self.fill(|f, out| f.render(doc, out))
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
        let staging = Staging::begin(dir, renderer.files(), guard)?;
        let mut files = Vec::with_capacity(renderer.files().len());
        for (name, header) in renderer.files().iter().zip(renderer.headers()) {
            let mut f = staging.create(name)?;
            f.write_all(&header)?;
            files.push(f);
        }
        Ok(OutputSet {
            staging,
            renderer,
            files,
            counts: Counts::default(),
        })
    }

    /// What preparing the directory cleaned up or finished from earlier runs.
    pub fn notices(&self) -> &[String] {
        self.staging.notices()
    }

    /// Seal the files, run each format's last step and commit the set: every file and
    /// `run.json` are moved into place.
    pub fn commit(self) -> io::Result<Manifest> {
        for f in self.renderer.formats.iter() {
            f.finish(self.staging.dir())?;
        }
        self.staging.commit(self.files, self.counts)
    }

    fn append(&mut self, r: &Rendered) -> io::Result<()> {
        for (f, part) in self.files.iter_mut().zip(r.parts.iter()) {
            f.write_all(part)?;
        }
        Ok(())
    }
}

impl Render for Renderer {
    type Out = Rendered;
    fn render(&self, doc: &Document) -> Rendered {
        self.render_doc(doc)
    }
}

impl Sink for OutputSet {
    type Renderer = Renderer;

    fn renderer(&self) -> Renderer {
        self.renderer.clone()
    }

    fn write(&mut self, r: Rendered) -> io::Result<()> {
        self.append(&r)?;
        self.counts.documents += 1;
        Ok(())
    }

    fn failure(&mut self, f: &Failure) -> io::Result<()> {
        let r = self.renderer.render_failure(f);
        self.append(&r)?;
        self.counts.failures += 1;
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        self.commit().map(|_| ())
    }
}
