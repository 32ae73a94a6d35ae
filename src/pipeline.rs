//! Parallel, ordered, bounded-memory processing of a corpus.
//!
//! Sources are processed in chunks: each chunk is analyzed in parallel on a rayon pool, then its
//! results are handed to the [`Sink`] in input order. At most one chunk of raw texts and
//! documents is in memory at a time, whatever the corpus size, and the output does not depend on
//! the number of threads.

use std::io;
use std::time::Instant;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::error::DocError;
use crate::ingest::{decode, read_limited, Source};
use crate::model::Document;
use crate::Engine;

/// A document that could not be processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub path: String,
    pub id: String,
    pub stage: String,
    pub reason: String,
}

/// Formats a document into what a [`Sink`] writes; runs on the worker threads.
pub trait Render: Sync {
    type Out: Send;
    fn render(&self, doc: &Document) -> Self::Out;
    /// Like [`Render::render`], given the document (a renderer may keep it).
    fn render_owned(&self, doc: Document) -> Self::Out {
        self.render(&doc)
    }
}

/// Where results go: `write` and `failure` are called on one writer thread, in input order,
/// while the workers analyze and render the next chunk.
pub trait Sink: Send {
    type Renderer: Render;
    /// The renderer the workers use for this sink's output.
    fn renderer(&self) -> Self::Renderer;
    fn write(&mut self, rendered: <Self::Renderer as Render>::Out) -> io::Result<()>;
    fn failure(&mut self, failure: &Failure) -> io::Result<()>;
}

/// What one source gave: its rendered output and raw size, or its failure and raw size.
type Outcome<R> = Result<(R, u64), (Failure, u64)>;

/// Run settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// Documents analyzed per chunk (bounds memory).
    pub chunk_size: usize,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Files larger than this are refused (error, the batch goes on).
    pub max_file_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: None,
            chunk_size: 512,
            progress: false,
            max_file_bytes: 64 << 20,
        }
    }
}

/// Totals of one run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub documents: usize,
    pub failures: usize,
    pub bytes: u64,
    pub seconds: f64,
}

impl Stats {
    pub fn megabytes(&self) -> f64 {
        self.bytes as f64 / 1_000_000.0
    }
    pub fn mb_per_sec(&self) -> f64 {
        if self.seconds > 0.0 {
            self.megabytes() / self.seconds
        } else {
            0.0
        }
    }
}

/// Read, decode and analyze one source.
pub fn process_source(
    engine: &Engine,
    src: &Source,
    max_file_bytes: u64,
) -> Result<Document, (Failure, u64)> {
    let fail = |e: DocError, n: u64| {
        (
            Failure {
                path: src.path.to_string_lossy().into_owned(),
                id: src.id.clone(),
                stage: e.stage().to_string(),
                reason: e.to_string(),
            },
            n,
        )
    };
    let bytes = read_limited(src, max_file_bytes).map_err(|e| fail(e, 0))?;
    let n = bytes.len() as u64;
    process_owned(engine, &src.id, &src.path.to_string_lossy(), bytes).map_err(|e| fail(e, n))
}

/// Decode and analyze raw bytes (no I/O).
pub fn process_bytes(
    engine: &Engine,
    id: &str,
    source: &str,
    bytes: &[u8],
) -> Result<Document, DocError> {
    process_owned(engine, id, source, bytes.to_vec())
}

/// Like [`process_bytes`], taking ownership so that valid UTF-8 is not copied.
pub fn process_owned(
    engine: &Engine,
    id: &str,
    source: &str,
    bytes: Vec<u8>,
) -> Result<Document, DocError> {
    let sha256 = hex(&Sha256::digest(&bytes));
    let n = bytes.len() as u64;
    let decoded = decode::decode_vec(bytes)?;
    if decoded.text.trim().is_empty() {
        return Err(DocError::Empty);
    }
    let doc = Document {
        id: id.to_string(),
        source: source.to_string(),
        sha256,
        bytes: n,
        encoding: decoded.encoding.to_string(),
        ..Default::default()
    };
    let doc = engine.analyze(&decoded.text, doc);
    if doc.text.is_empty() {
        return Err(DocError::NoText);
    }
    Ok(doc)
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Process every source and feed the sink in input order.
pub fn run<S: Sink>(
    engine: &Engine,
    sources: &[Source],
    opts: &Options,
    sink: &mut S,
) -> io::Result<Stats> {
    let started = Instant::now();
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = opts.threads {
        builder = builder.num_threads(n.max(1));
    }
    let pool = builder
        .build()
        .map_err(|e| io::Error::other(e.to_string()))?;
    let bar = opts.progress.then(|| progress_bar(sources.len() as u64));
    let renderer = sink.renderer();
    let renderer = &renderer;
    // The workers analyze chunk k+1 while the writer thread writes chunk k; at most two chunks
    // wait in the channel, so memory stays bounded.
    let mut stats = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Outcome<_>>>(1);
        let bar = bar.as_ref();
        let writer = scope.spawn(move || -> io::Result<Stats> {
            let mut stats = Stats::default();
            for batch in rx {
                let n_docs = batch.len() as u64;
                for r in batch {
                    match r {
                        Ok((rendered, n)) => {
                            stats.documents += 1;
                            stats.bytes += n;
                            sink.write(rendered)?;
                        }
                        Err((f, n)) => {
                            stats.failures += 1;
                            stats.bytes += n;
                            let line =
                                format!("polex: {}: {} (stage: {})", f.path, f.reason, f.stage);
                            match bar {
                                Some(b) => b.println(line),
                                None => eprintln!("{line}"),
                            }
                            sink.failure(&f)?;
                        }
                    }
                }
                if let Some(b) = bar {
                    b.inc(n_docs);
                }
            }
            Ok(stats)
        });
        for chunk in sources.chunks(opts.chunk_size.max(1)) {
            let results: Vec<Outcome<_>> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|s| {
                        process_source(engine, s, opts.max_file_bytes).map(|doc| {
                            let n = doc.bytes;
                            (renderer.render_owned(doc), n)
                        })
                    })
                    .collect()
            });
            if tx.send(results).is_err() {
                break; // the writer stopped on an error: it is returned below
            }
        }
        drop(tx);
        writer.join().expect("writer thread panicked")
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    stats.seconds = started.elapsed().as_secs_f64();
    Ok(stats)
}

fn progress_bar(len: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} docs ({per_sec}, eta {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}
