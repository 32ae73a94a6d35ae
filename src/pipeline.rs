//! Parallel, ordered, bounded-memory processing of a corpus.
//!
//! Sources are taken one at a time by the workers of a rayon pool, each as soon as it is free,
//! and their results are handed to the [`Sink`] in input order. At most [`WINDOW`] documents are
//! in memory at a time, whatever the corpus size, and the output does not depend on the number
//! of threads.

use std::io;
use std::time::Instant;

use sha2::{Digest, Sha256};

use crate::error::{DocError, Stage};
use crate::ingest::stream::{Body, Item, Record, Records, STREAM_PATH};
use crate::ingest::{display_path, escape_controls, read_limited, Source};
use crate::model::Document;
use crate::Engine;

/// A document that could not be processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The path as given or found.
    pub path: String,
    /// The document id (path relative to the input root).
    pub id: String,
    /// Where it failed.
    pub stage: Stage,
    /// Why, in words.
    pub reason: String,
}

impl Failure {
    /// The failure of the document `id` at `path`.
    pub fn new(path: &str, id: &str, e: &DocError) -> Self {
        Failure {
            path: path.to_string(),
            id: id.to_string(),
            stage: e.stage(),
            reason: e.to_string(),
        }
    }

    /// The one-line diagnostic for stderr (control characters in the path escaped).
    pub fn line(&self) -> String {
        format!(
            "polex: {}: {} (stage: {})",
            escape_controls(&self.path),
            escape_controls(&self.reason),
            self.stage
        )
    }
}

/// Told what happens during a run, on the writer thread, in input order: the binary prints
/// failures and a progress bar; a library user may log, count or ignore them.
pub trait Observer: Sync {
    /// One document failed (it is also handed to the sink).
    fn failure(&self, _failure: &Failure) {}
    /// `done` of `total` sources have been handed to the sink.
    fn progress(&self, _done: u64, _total: u64) {}
}

/// An observer that ignores everything.
pub struct Silent;
impl Observer for Silent {}

/// Formats a document into what a [`Sink`] writes; runs on the worker threads.
pub trait Render: Sync {
    /// What one document becomes (handed to [`Sink::write`]).
    type Out: Send;
    /// Render one analysed document.
    fn render(&self, doc: &Document) -> Self::Out;
    /// Like [`Render::render`], given the document (a renderer may keep it).
    fn render_owned(&self, doc: Document) -> Self::Out {
        self.render(&doc)
    }
    /// Like [`Render::render_owned`] for a stream record with its `"meta"` (passed through by
    /// the line renderer of stdout; other renderers ignore it).
    fn render_meta(&self, doc: Document, _meta: Option<&serde_json::Value>) -> Self::Out {
        self.render_owned(doc)
    }
}

/// Where results go: `write` and `failure` are called on one writer thread, in input order,
/// while the workers analyze and render the next chunk.
pub trait Sink: Send {
    /// The renderer whose output this sink writes.
    type Renderer: Render;
    /// The renderer the workers use for this sink's output.
    fn renderer(&self) -> Self::Renderer;
    /// Write one document's rendered output.
    fn write(&mut self, rendered: <Self::Renderer as Render>::Out) -> io::Result<()>;
    /// Record one failed document.
    fn failure(&mut self, failure: &Failure) -> io::Result<()>;
    /// The last step, once every document was handed over (seal and commit files, close an
    /// index); the caller calls it after [`run`].
    fn finish(self) -> io::Result<()>
    where
        Self: Sized,
    {
        Ok(())
    }
}

/// What one source gave: its rendered output and raw size, or its failure and raw size.
pub type Outcome<R> = Result<(R, u64), (Failure, u64)>;

/// Run settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// Documents analyzed per chunk (bounds memory).
    pub chunk_size: usize,
    /// Files larger than this are refused (error, the batch goes on).
    pub max_file_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: None,
            chunk_size: 512,
            max_file_bytes: 64 << 20,
        }
    }
}

/// Totals of one run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// Documents written.
    pub documents: usize,
    /// Documents that failed after discovery.
    pub failures: usize,
    /// Raw bytes read.
    pub bytes: u64,
    /// Wall-clock time of the run.
    pub seconds: f64,
    /// Worker threads the run had (`--threads`, else `RAYON_NUM_THREADS`, else one per core).
    pub threads: usize,
}

impl Stats {
    /// Raw megabytes read (10^6 bytes).
    pub fn megabytes(&self) -> f64 {
        self.bytes as f64 / 1_000_000.0
    }
    /// Throughput in MB/s.
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
    let path = display_path(&src.path);
    let fail = |e: DocError, n: u64| (Failure::new(&path, &src.id, &e), n);
    let bytes = read_limited(src, max_file_bytes).map_err(|e| fail(e, 0))?;
    let n = bytes.len() as u64;
    process_owned(engine, &src.id, &path, bytes).map_err(|e| fail(e, n))
}

/// Run `f`, catching a panic as its message: a bug met by one document must not end the batch
/// (the caller turns it into a [`DocError::Panic`] failure for that document).
pub fn catch_panic<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic with a non-string payload".to_string())
    })
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

/// Like [`process_bytes`], taking ownership so that valid UTF-8 is not copied. The input format
/// is chosen by [`crate::ingest::reader_for`] from `source` (the path) and the first bytes.
pub fn process_owned(
    engine: &Engine,
    id: &str,
    source: &str,
    bytes: Vec<u8>,
) -> Result<Document, DocError> {
    let reader = crate::ingest::reader_for(source, &bytes);
    process_read(engine, id, source, Input::Bytes(bytes), reader)
}

/// What a reader is given: raw bytes, or a text already decoded (a stream record's `"text"` or
/// `"html"`; its UTF-8 bytes are what `sha256` and `bytes` describe).
pub enum Input {
    /// Raw bytes, as a file's.
    Bytes(Vec<u8>),
    /// Decoded text.
    Text(String),
}

/// Read `input` with `reader` and analyze it (no I/O).
pub fn process_read(
    engine: &Engine,
    id: &str,
    source: &str,
    input: Input,
    reader: &dyn crate::ingest::reader::Reader,
) -> Result<Document, DocError> {
    let raw: &[u8] = match &input {
        Input::Bytes(b) => b,
        Input::Text(t) => t.as_bytes(),
    };
    let sha256 = crate::emit::commit::hex(&Sha256::digest(raw));
    let n = raw.len() as u64;
    let decoded = match input {
        Input::Bytes(b) => reader.read(b)?,
        Input::Text(t) => reader.read_text(t)?,
    };
    if decoded.text.trim().is_empty() {
        return Err(DocError::Blank);
    }
    let info = crate::model::SourceInfo {
        id: id.to_string(),
        source: source.to_string(),
        sha256,
        bytes: n,
        encoding: decoded.encoding.to_string(),
        source_format: reader.name().to_string(),
    };
    let doc = engine.analyze(&decoded.text, info);
    if doc.layout.text.is_empty() {
        return Err(DocError::NoText);
    }
    Ok(doc)
}

/// Read and analyze one stream record: `"text"` by the plain-text reader, `"html"` by the HTML
/// reader, `"bytes_base64"` by the reader a file of that name and content would get.
pub fn process_record(engine: &Engine, rec: Record) -> Result<Document, DocError> {
    let named = |n| crate::ingest::reader_named(n).expect("a registered reader");
    let (input, reader) = match rec.body {
        Body::Text(t) => (Input::Text(t), named("text")),
        Body::Html(h) => (Input::Text(h), named("html")),
        Body::Bytes(b) => {
            let r = crate::ingest::reader_for(&rec.source, &b);
            (Input::Bytes(b), r)
        }
    };
    process_read(engine, &rec.id, &rec.source, input, reader)
}

/// Run over an NDJSON stream ([`crate::ingest::stream`]): records are read `chunk_size` at a
/// time (never the whole stream), analysed in parallel and handed to the sink in input order;
/// a line that is no record is a failure naming its line. `meta` is handed to the renderer
/// ([`Render::render_meta`]).
pub fn run_stream<S: Sink, R: std::io::BufRead>(
    engine: &Engine,
    records: &mut Records<R>,
    opts: &Options,
    sink: &mut S,
    observer: &dyn Observer,
) -> io::Result<Stats> {
    let size = opts.chunk_size.max(1);
    let chunks = std::iter::from_fn(|| Some(records.chunk(size)).filter(|c| !c.is_empty()));
    run_jobs(
        chunks,
        None,
        opts,
        sink,
        observer,
        |item, renderer| match item {
            Item::Bad(b) => Err((
                Failure {
                    path: STREAM_PATH.to_string(),
                    id: b.id,
                    stage: b.stage,
                    reason: b.reason,
                },
                0,
            )),
            Item::Record(mut r) => {
                let (path, id, meta) = (r.source.clone(), r.id.clone(), r.meta.take());
                let doc =
                    process_record(engine, r).map_err(|e| (Failure::new(&path, &id, &e), 0))?;
                let n = doc.source.bytes;
                Ok((renderer.render_meta(doc, meta.as_ref()), n))
            }
        },
    )
}

/// Process every source and feed the sink in input order.
pub fn run<S: Sink>(
    engine: &Engine,
    sources: &[Source],
    opts: &Options,
    sink: &mut S,
) -> io::Result<Stats> {
    run_observed(engine, sources, opts, sink, &Silent)
}

/// [`run`], telling `observer` about failures and progress.
pub fn run_observed<S: Sink>(
    engine: &Engine,
    sources: &[Source],
    opts: &Options,
    sink: &mut S,
    observer: &dyn Observer,
) -> io::Result<Stats> {
    let chunks = sources
        .chunks(opts.chunk_size.max(1))
        .map(<[Source]>::to_vec);
    run_jobs(
        chunks,
        Some(sources.len() as u64),
        opts,
        sink,
        observer,
        |s: Source, renderer: &S::Renderer| {
            let doc = process_source(engine, &s, opts.max_file_bytes)?;
            let n = doc.source.bytes;
            Ok((renderer.render_owned(doc), n))
        },
    )
}

/// One unit of work of [`run_jobs`]: what names it in a failure (a panic while processing it).
pub trait Job: Send {
    /// The path (or the place in a stream) and the id to name in its failure.
    fn names(&self) -> (String, String);
}

impl Job for Item {
    fn names(&self) -> (String, String) {
        match self {
            Item::Record(r) => (r.source.clone(), r.id.clone()),
            Item::Bad(b) => (STREAM_PATH.to_string(), b.id.clone()),
        }
    }
}

impl Job for Source {
    fn names(&self) -> (String, String) {
        (display_path(&self.path), self.id.clone())
    }
}

/// How many jobs may be taken ahead of the next one to write: the bound on the outcomes alive
/// at once (each a rendered document), whatever the corpus size.
pub const WINDOW: u64 = 1024;

/// The core of every run: the jobs of `chunks` (files, stream records, reused results) are
/// processed in parallel by `process` on a pool of workers, each taking the next job as soon as
/// it is free (no barrier at the end of a chunk), and the outcomes are handed to the sink in
/// input order on one writer thread. A job is taken only when fewer than [`WINDOW`] jobs are
/// ahead of the next one to write, so memory does not grow with the input; the chunks are
/// pulled one at a time, when the workers reach them (a stream is never read further ahead).
/// `total` is the number of jobs when known (progress).
pub fn run_jobs<S: Sink, J: Job>(
    chunks: impl Iterator<Item = Vec<J>>,
    total: Option<u64>,
    opts: &Options,
    sink: &mut S,
    observer: &dyn Observer,
    process: impl Fn(J, &S::Renderer) -> Outcome<<S::Renderer as Render>::Out> + Sync,
) -> io::Result<Stats> {
    use std::collections::BTreeMap;
    use std::sync::mpsc::channel;
    use std::sync::{Condvar, Mutex};

    let started = Instant::now();
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = opts.threads {
        builder = builder.num_threads(n.max(1));
    }
    let pool = builder
        .thread_name(|i| format!("polex-worker-{i}"))
        .build()
        .map_err(|e| io::Error::other(e.to_string()))?;
    let workers = pool.current_num_threads();
    let total = total.unwrap_or(0);
    let renderer = sink.renderer();
    let renderer = &renderer;
    let process = &process;
    // How far the writer is (jobs written), and whether it stopped (on an error): the feeder
    // waits on it before handing out a job WINDOW ahead.
    let written = Mutex::new((0u64, false));
    let progressed = Condvar::new();
    let (written, progressed) = (&written, &progressed);
    // Unbounded, yet never more than WINDOW jobs: the feeder waits for the writer.
    let (job_tx, job_rx) = channel::<(u64, J)>();
    let job_rx = Mutex::new(job_rx);
    let job_rx = &job_rx;
    let mut stats = std::thread::scope(|scope| {
        let (out_tx, out_rx) = channel::<(u64, Outcome<_>)>();
        let writer = scope.spawn(move || -> io::Result<Stats> {
            let mut stats = Stats::default();
            let mut next = 0u64;
            let mut waiting = BTreeMap::new();
            let mut result = Ok(());
            'recv: for (i, r) in out_rx {
                waiting.insert(i, r);
                while let Some(r) = waiting.remove(&next) {
                    let wrote = match r {
                        Ok((rendered, n)) => {
                            stats.documents += 1;
                            stats.bytes += n;
                            sink.write(rendered)
                        }
                        Err((f, n)) => {
                            stats.failures += 1;
                            stats.bytes += n;
                            observer.failure(&f);
                            sink.failure(&f)
                        }
                    };
                    next += 1;
                    if let Err(e) = wrote {
                        result = Err(e);
                        break 'recv;
                    }
                    if next.is_multiple_of(64) {
                        observer.progress(next, total);
                    }
                }
                let mut w = written.lock().unwrap_or_else(|e| e.into_inner());
                w.0 = next;
                progressed.notify_all();
            }
            observer.progress(next, total);
            let mut w = written.lock().unwrap_or_else(|e| e.into_inner());
            w.1 = true;
            progressed.notify_all();
            drop(w);
            result.map(|()| stats)
        });
        let pool = &pool;
        let feeders = scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..workers {
                    let out_tx = out_tx.clone();
                    s.spawn(move |_| loop {
                        let next = job_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok((i, job)) = next else { break };
                        let (path, id) = job.names();
                        let r = catch_panic(|| process(job, renderer)).unwrap_or_else(|msg| {
                            let e = DocError::Panic(msg);
                            Err((Failure::new(&path, &id, &e), 0))
                        });
                        if out_tx.send((i, r)).is_err() {
                            break; // the writer stopped on an error
                        }
                    });
                }
            });
        });
        // This thread hands out the jobs in input order.
        let mut i = 0u64;
        'feed: for chunk in chunks {
            for job in chunk {
                let mut w = written.lock().unwrap_or_else(|e| e.into_inner());
                while !w.1 && i >= w.0 + WINDOW {
                    w = progressed.wait(w).unwrap_or_else(|e| e.into_inner());
                }
                let stopped = w.1;
                drop(w);
                if stopped || job_tx.send((i, job)).is_err() {
                    break 'feed; // the writer stopped on an error: it is returned below
                }
                i += 1;
            }
        }
        drop(job_tx);
        feeders.join().expect("worker pool panicked");
        writer.join().expect("writer thread panicked")
    })?;
    stats.seconds = started.elapsed().as_secs_f64();
    stats.threads = workers;
    Ok(stats)
}
