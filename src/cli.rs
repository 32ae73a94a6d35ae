//! Command-line interface: a module of the binary only (`main.rs` calls [`run`]); the library
//! does the work and knows nothing of clap, anyhow, indicatif or signals.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use polex::classify::Taxonomy;
use polex::emit::{self, AbortGuard, CsvProfile, OutputSet};
use polex::ingest;
use polex::pipeline::{self, Failure, Observer, Sink};
use polex::Engine;

/// Exit code when every document was processed.
pub const EXIT_OK: u8 = 0;
/// Exit code when some documents failed (the others are still written).
pub const EXIT_SOME_FAILED: u8 = 1;
/// Exit code on usage or configuration errors (nothing processed).
pub const EXIT_USAGE: u8 = 2;
/// Exit code when the outputs could not be written.
pub const EXIT_IO: u8 = 3;

#[derive(Parser, Debug)]
#[command(
    name = "polex",
    version,
    about = "Turn raw privacy policies into structured data"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Segment, extract and classify a corpus of plain-text policies.
    Extract(ExtractArgs),
    /// Build or update the search index of an extract's output (OUT_DIR/records.jsonl into
    /// OUT_DIR/index/); documents indexed again replace their earlier records.
    Index(IndexArgs),
    /// Search an index made by `polex index` (BM25; "phrases", AND/OR/NOT, -word).
    Search(SearchArgs),
    /// Write files to load into a search server: es, opensearch, meili, typesense, postgres.
    Export(ExportArgs),
    /// Merge the outputs of `extract --shard K/N` runs (all N) into the output of one run.
    Merge(MergeArgs),
}

#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// The output directories of the N shards, in any order.
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    /// Where the merged output set goes.
    #[arg(long, short)]
    pub out: PathBuf,
    /// No summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(clap::Args, Debug)]
pub struct IndexArgs {
    /// The output directory of `polex extract` (its records.jsonl is indexed).
    pub out_dir: PathBuf,
    /// Where the index is (default: OUT_DIR/index).
    #[arg(long, value_name = "DIR")]
    pub index_dir: Option<PathBuf>,
    /// Remove an existing index (of any polex version) and build it anew.
    #[arg(long)]
    pub rebuild: bool,
    /// No summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// The index directory (OUT_DIR/index), or an extract's output directory holding one.
    pub index: PathBuf,
    /// The query: words (all must match), "exact phrase", OR, NOT / -word, field:value.
    pub query: String,
    /// Only records stating this data category (taxonomy id, e.g. passport_data); repeatable.
    #[arg(long)]
    pub category: Vec<String>,
    /// Only records stating this purpose; repeatable.
    #[arg(long)]
    pub purpose: Vec<String>,
    /// Only records naming this recipient; repeatable.
    #[arg(long)]
    pub recipient: Vec<String>,
    /// Only records stating this right; repeatable.
    #[arg(long)]
    pub right: Vec<String>,
    /// Only documents of this jurisdiction (RU, KZ, BY, …).
    #[arg(long)]
    pub jurisdiction: Option<String>,
    /// Only documents of this language (ru, kk, …).
    #[arg(long)]
    pub language: Option<String>,
    /// Only documents of this operator (its name, as in records.jsonl `operator`).
    #[arg(long)]
    pub operator: Option<String>,
    /// Only records of this kind: preamble, clause, paragraph.
    #[arg(long)]
    pub kind: Option<String>,
    /// At most this many hits.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// One JSON object per hit.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The output directory of `polex extract`.
    pub out_dir: PathBuf,
    /// The target server: es, opensearch, meili, typesense, postgres.
    #[arg(long)]
    pub to: String,
    /// Where to write (default: OUT_DIR/export/TARGET).
    #[arg(long, value_name = "DIR")]
    pub dest: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Files and directories (walked recursively) to process; `-` alone reads NDJSON records
    /// from standard input (as --stdin).
    pub inputs: Vec<PathBuf>,
    /// Output directory; `-` writes one JSON line per input to standard output instead.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Read NDJSON records from standard input: {"id", "text" | "html" | "bytes_base64",
    /// "source"?, "meta"?} per line.
    #[arg(long)]
    pub stdin: bool,
    /// With --out -: what each document becomes on stdout: one `documents` line, or one line
    /// per clause (`clauses`).
    #[arg(long, value_enum, default_value_t = RecordKind::Documents)]
    pub records: RecordKind,
    /// Read the paths to process from FILE, one per line ('-' = standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<String>,
    /// Which files to take from directories (matched against the file name; '**/' patterns
    /// against the relative path).
    #[arg(long, default_value = polex::ingest::DEFAULT_GLOB)]
    pub glob: String,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// CSV flavour: plain RFC 4180, or excel (BOM, ';', formula-safe) for Russian-locale Excel.
    #[arg(long, value_enum, default_value_t = Profile::Plain)]
    pub csv_profile: Profile,
    /// Write each clause's body text into clauses.jsonl and clauses.csv too (by default they
    /// give its offsets in documents.jsonl's text, and records.jsonl has the text to search).
    #[arg(long)]
    pub clause_text: bool,
    /// A taxonomy TSV file that extends the built-in one (see data/taxonomy/README.md).
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
    /// Replace the built-in taxonomy with --taxonomy instead of extending it.
    #[arg(long, requires = "taxonomy")]
    pub replace_taxonomy: bool,
    /// Skip a stage: `entities` (operator, identifiers, contacts, dates, laws) or `practices`
    /// (data categories, purposes, ...). Their fields are then empty.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub skip: Vec<Stage>,
    /// Which outputs to write, comma-separated: documents, clauses, clauses-csv (clauses.csv
    /// alone), records, entities, entities-csv (entities.csv alone), summary, practices,
    /// matrix, errors, datapackage, xlsx (polex.xlsx); `default` is all but xlsx, with the CSV
    /// files of clauses and entities alone (the default), `full` the default with
    /// clauses.jsonl and entities.jsonl (the default before 2026-12), `lean` the tables without text (entities, summary, practices, matrix,
    /// datapackage), `all` everything, so `--outputs default,xlsx` adds the workbook
    /// (errors.jsonl is always written).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub outputs: Option<Vec<String>>,
    /// Refuse files larger than this many megabytes (reported as errors).
    #[arg(long, default_value_t = 64)]
    pub max_file_mb: u64,
    /// After the outputs are committed, index OUT/records.jsonl into OUT/index/ (as `polex index`).
    #[arg(long)]
    pub index: bool,
    /// Take only the inputs whose id falls in shard K of N (1 <= K <= N; the first 8 bytes of
    /// the SHA-256 of the id, big-endian, mod N, plus 1): N runs cover a listing exactly once.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Reuse the results of an earlier output set for every input whose id and SHA-256 are
    /// unchanged (same polex version and settings); analyse only the rest.
    #[arg(long, value_name = "PREV_OUT")]
    pub since: Option<PathBuf>,
    /// Documents analyzed per parallel chunk (bounds memory).
    #[arg(long, default_value_t = 512, hide = true)]
    pub chunk_size: usize,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum RecordKind {
    Documents,
    Clauses,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Stage {
    Entities,
    Practices,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Profile {
    Plain,
    Excel,
}

/// Exit code after SIGHUP, SIGINT or SIGTERM is 128 + the signal number.
const EXIT_SIGNAL_BASE: i32 = 128;
/// `--threads` above this is refused as a usage error; above 4× the cores it is capped.
pub const MAX_THREADS: usize = 65_536;
/// A taxonomy file larger than this is refused.
const MAX_TAXONOMY_BYTES: u64 = 64 << 20;

/// Parse the arguments and run; returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(&args),
        Command::Index(args) => index(&args),
        Command::Search(args) => search(&args),
        Command::Export(args) => export(&args),
        Command::Merge(args) => merge(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            diag(&format!("polex: error: {e:#}"));
            ExitCode::from(
                e.downcast_ref::<UsageError>()
                    .map_or(EXIT_IO, |_| EXIT_USAGE),
            )
        }
    }
}

/// A search-module error: a bad query or an index of another version is the user's to fix.
fn search_error(e: polex::search::SearchError) -> anyhow::Error {
    use polex::search::SearchError as E;
    match e {
        E::Query(_) | E::Version(_) => UsageError(e.to_string()).into(),
        other => anyhow::Error::new(other),
    }
}

fn index(args: &IndexArgs) -> Result<u8> {
    let t = std::time::Instant::now();
    let stats = polex::search::index_output(&args.out_dir, args.index_dir.as_deref(), args.rebuild)
        .map_err(search_error)?;
    if !args.quiet {
        let secs = t.elapsed().as_secs_f64();
        diag(&format!(
            "polex: indexed {} records of {} documents ({:.2} MB of text) in {secs:.2} s",
            stats.records,
            stats.documents,
            stats.text_bytes as f64 / 1e6
        ));
    }
    Ok(EXIT_OK)
}

fn search(args: &SearchArgs) -> Result<u8> {
    use std::io::Write;
    let dir = if args.index.join(polex::search::VERSION_FILE).exists()
        || !args.index.join("index").is_dir()
    {
        args.index.clone()
    } else {
        args.index.join("index")
    };
    let searcher = polex::search::Searcher::open(&dir).map_err(search_error)?;
    let opts = polex::search::SearchOptions {
        category: args.category.clone(),
        purpose: args.purpose.clone(),
        recipient: args.recipient.clone(),
        right: args.right.clone(),
        jurisdiction: args.jurisdiction.clone(),
        language: args.language.clone(),
        operator: args.operator.clone(),
        kind: args.kind.clone(),
        limit: args.limit,
    };
    let hits = searcher.search(&args.query, &opts).map_err(search_error)?;
    let mut out = std::io::stdout().lock();
    for h in &hits {
        if args.json {
            serde_json::to_writer(&mut out, h)?;
            writeln!(out)?;
        } else {
            let place = match (&h.number, h.heading_path.is_empty()) {
                (Some(_), false) => h.heading_path.clone(),
                (Some(n), true) => n.clone(),
                (None, _) => h.kind.clone(),
            };
            writeln!(
                out,
                "{:.3}\t{}\t{}\n    {}",
                h.score, h.doc_id, place, h.snippet
            )?;
        }
    }
    if hits.is_empty() && !args.json {
        diag("polex: no hits");
    }
    Ok(EXIT_OK)
}

fn export(args: &ExportArgs) -> Result<u8> {
    if !polex::export::TARGETS.contains(&args.to.as_str()) {
        return Err(UsageError(format!(
            "unknown --to {:?} (known: {})",
            args.to,
            polex::export::TARGETS.join(", ")
        ))
        .into());
    }
    let stats = polex::export::export(&args.out_dir, &args.to, args.dest.as_deref())
        .map_err(search_error)?;
    diag(&format!(
        "polex: {} records exported to {}: {}",
        stats.records,
        stats.dir.display(),
        stats.files.join(", ")
    ));
    Ok(EXIT_OK)
}

fn merge(args: &MergeArgs) -> Result<u8> {
    let t = std::time::Instant::now();
    let guard = AbortGuard::default();
    on_signals(guard.clone())?;
    let m = polex::reuse::merge(&args.shards, &args.out, guard).map_err(reuse_error)?;
    if !args.quiet {
        diag(&format!(
            "polex: merged {} shards into {}: {} documents, {} failures in {:.2} s",
            m.shards,
            args.out.display(),
            m.documents,
            m.failures,
            t.elapsed().as_secs_f64()
        ));
    }
    Ok(EXIT_OK)
}

/// An earlier output set that cannot be used is the user's to fix (exit 2); reading it failing
/// is an I/O error (exit 3).
fn reuse_error(e: polex::reuse::ReuseError) -> anyhow::Error {
    match e {
        polex::reuse::ReuseError::Unusable(m) => UsageError(m).into(),
        other => anyhow::Error::new(other),
    }
}

/// `--shard K/N`: (K, N) with 1 <= K <= N.
fn parse_shard(s: &str) -> Result<(u32, u32)> {
    let bad = || {
        UsageError(format!(
            "--shard {s:?}: expected K/N with 1 <= K <= N (e.g. 1/4)"
        ))
    };
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n): (u32, u32) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if k == 0 || k > n {
        return Err(bad().into());
    }
    Ok((k, n))
}

/// Print one diagnostic line on stderr. A stderr that cannot be written (closed, a full disk)
/// is ignored: diagnostics must never stop the run.
fn diag(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Failures as stderr lines, and a progress bar when stderr is a terminal.
struct Terminal {
    bar: Option<indicatif::ProgressBar>,
}

impl Terminal {
    /// A bar over `total` inputs, or a counter when the total is not known (a stream).
    fn new(show_bar: bool, total: Option<usize>) -> Self {
        let bar = show_bar.then(|| {
            let (bar, template) = match total {
                Some(n) => (
                    indicatif::ProgressBar::new(n as u64),
                    "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} docs ({per_sec}, eta {eta})",
                ),
                None => (
                    indicatif::ProgressBar::new_spinner(),
                    "{spinner} [{elapsed_precise}] {pos} records ({per_sec})",
                ),
            };
            bar.set_style(
                indicatif::ProgressStyle::with_template(template)
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
        Terminal { bar }
    }
}

impl Observer for Terminal {
    fn failure(&self, f: &Failure) {
        match &self.bar {
            Some(b) => b.println(f.line()),
            None => diag(&f.line()),
        }
    }
    fn progress(&self, done: u64, _total: u64) {
        if let Some(b) = &self.bar {
            b.set_position(done);
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// An error in what the user asked for (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(String);

fn load_taxonomy(args: &ExtractArgs) -> Result<Taxonomy> {
    let Some(path) = &args.taxonomy else {
        return Ok(Taxonomy::builtin());
    };
    let text = read_small_text(path, MAX_TAXONOMY_BYTES)
        .map_err(|e| UsageError(format!("cannot read taxonomy {}: {e}", path.display())))?;
    let user = Taxonomy::parse(&text, &path.display().to_string())
        .map_err(|e| UsageError(e.to_string()))?;
    if args.replace_taxonomy {
        return Ok(user);
    }
    let mut tax = Taxonomy::builtin();
    tax.merge(user);
    Ok(tax)
}

/// Read a configuration file of at most `limit` bytes as UTF-8 (a device or FIFO given by
/// mistake cannot fill the memory).
fn read_small_text(path: &std::path::Path, limit: u64) -> std::io::Result<String> {
    use std::io::Read;
    let f = std::fs::File::open(path)?;
    if f.metadata()?.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    let mut bytes = Vec::new();
    f.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other(format!(
            "larger than {} MB",
            limit >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        )
    })
}

/// The worker threads to use: `--threads` checked and capped at 4× the cores.
fn thread_count(requested: Option<usize>) -> Result<Option<usize>> {
    let Some(n) = requested else {
        return Ok(None);
    };
    if n == 0 {
        return Err(UsageError("--threads must be at least 1".into()).into());
    }
    if n > MAX_THREADS {
        return Err(UsageError(format!(
            "--threads {n} is absurd: at most {MAX_THREADS} (4x the cores is plenty)"
        ))
        .into());
    }
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let cap = cores * 4;
    if n > cap {
        diag(&format!(
            "polex: --threads {n} capped at {cap} (4x the {cores} cores); more threads only add overhead"
        ));
        return Ok(Some(cap));
    }
    Ok(Some(n))
}

/// On SIGHUP, SIGINT or SIGTERM: remove the run's staging directory (a commit in progress is
/// finished first) and exit with 128 + the signal number.
fn on_signals(guard: AbortGuard) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGINT, SIGTERM])
        .context("installing signal handlers")?;
    std::thread::Builder::new()
        .name("polex-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                if guard.abort() {
                    diag("polex: interrupted; temporary files removed, previous outputs kept");
                } else {
                    diag("polex: interrupted");
                }
                std::process::exit(EXIT_SIGNAL_BASE + sig);
            }
        })
        .context("starting the signal thread")?;
    Ok(())
}

/// Where `polex extract` reads and writes: files or an NDJSON stream; a directory or stdout.
struct Plan {
    stdin: bool,
    stdout: bool,
}

/// Check the combination of arguments (usage errors, exit 2) before anything is read.
fn plan(args: &ExtractArgs) -> Result<Plan> {
    let usage = |m: &str| -> Result<Plan> { Err(UsageError(m.to_string()).into()) };
    let dash = args.inputs.iter().any(|p| p.as_os_str() == "-");
    let stdin = args.stdin || dash;
    let stdout = args.out.as_os_str() == "-";
    if stdin && (args.inputs.len() > usize::from(dash) || args.files_from.is_some()) {
        return usage(
            "`-` (--stdin) reads NDJSON records from standard input and takes no other input",
        );
    }
    if !stdin && args.inputs.is_empty() && args.files_from.is_none() {
        return usage(
            "no input: give files or directories, --files-from, or `-` for NDJSON on stdin",
        );
    }
    if stdout && (args.outputs.is_some() || args.index) {
        return usage("--out - writes JSON lines to stdout: --outputs and --index need an output directory (--records chooses the lines)");
    }
    if stdin && args.shard.is_some() {
        return usage("--shard selects files of a listing; a stream is split by its engine");
    }
    if args.since.is_some() && (stdin || stdout) {
        return usage(
            "--since reuses the files of an output directory: it needs file inputs and --out DIR",
        );
    }
    if let Some(s) = &args.shard {
        parse_shard(s)?;
    }
    if !stdout && args.records != RecordKind::Documents {
        return usage("--records is for --out - (an output directory has every file)");
    }
    Ok(Plan { stdin, stdout })
}

fn extract(args: &ExtractArgs) -> Result<u8> {
    let plan = plan(args)?;
    let threads = thread_count(args.threads)?;
    let guard = AbortGuard::default();
    on_signals(guard.clone())?;
    let taxonomy = load_taxonomy(args)?;
    let mut engine = Engine::with_taxonomy(taxonomy);
    engine.entities = !args.skip.contains(&Stage::Entities);
    engine.practices = !args.skip.contains(&Stage::Practices);
    let opts = pipeline::Options {
        threads,
        chunk_size: args.chunk_size,
        max_file_bytes: args.max_file_mb.saturating_mul(1 << 20),
    };
    if plan.stdout {
        let records = match args.records {
            RecordKind::Documents => emit::lines::Records::Documents,
            RecordKind::Clauses => emit::lines::Records::Clauses,
        };
        let mut sink = emit::lines::LineSink::new(std::io::stdout(), records, &engine.taxonomy);
        let run: Result<_> = if plan.stdin {
            stream_into(&engine, &opts, &mut sink, args.quiet).map_err(Into::into)
        } else {
            let mut discovery = discover(args)?;
            if let Some(s) = &args.shard {
                let (k, n) = parse_shard(s)?;
                discovery.take_shard(k, n);
            }
            files_into(&engine, &discovery, &opts, &mut sink, args.quiet).map(|stats| {
                let failures = stats.failures + discovery.errors.len();
                (stats, failures, None)
            })
        };
        let run = run.and_then(|r| Ok(pipeline::Sink::finish(sink).map(|()| r)?));
        return match run {
            Ok((stats, failures, read_error)) => {
                summary(args, &stats, failures, None);
                stream_end(read_error)
            }
            // `| head`: the reader has what it wanted.
            Err(e)
                if e.root_cause()
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
            {
                Ok(EXIT_OK)
            }
            Err(e) => Err(e.context("writing to standard output")),
        };
    }
    let profile = match args.csv_profile {
        Profile::Plain => CsvProfile::Plain,
        Profile::Excel => CsvProfile::Excel,
    };
    let outputs: Vec<&str> = match &args.outputs {
        Some(list) => list
            .iter()
            .flat_map(|n| match n.as_str() {
                "default" => emit::default_format_names(),
                "lean" => emit::LEAN.to_vec(),
                "all" => emit::format_names(),
                "full" => emit::full_format_names(),
                n => vec![n],
            })
            .collect(),
        None => emit::default_format_names(),
    };
    if args.index && !outputs.contains(&"records") {
        return Err(UsageError(
            "--index needs the records output (add records to --outputs)".into(),
        )
        .into());
    }
    let renderer = emit::Renderer::select(profile, &engine.taxonomy, &outputs, args.clause_text)
        .map_err(|e| UsageError(e.to_string()))?;
    let mut discovery = if plan.stdin {
        None
    } else {
        Some(discover(args)?)
    };
    let settings = emit::RunSettings::of(&engine, profile, &renderer);
    let prev = match &args.since {
        Some(dir) => {
            let p = polex::reuse::Previous::open(dir, &settings, &renderer).map_err(reuse_error)?;
            if let Some(note) = &p.note {
                diag(&format!("polex: {}", ingest::escape_controls(note)));
            }
            Some(p)
        }
        None => None,
    };
    let mut out = OutputSet::with_renderer(&args.out, renderer, guard)
        .with_context(|| format!("cannot create outputs in {}", args.out.display()))?;
    for notice in out.notices() {
        diag(&format!("polex: {}", ingest::escape_controls(notice)));
    }
    out.set_settings(settings);
    if let (Some(s), Some(d)) = (&args.shard, discovery.as_mut()) {
        let (index, count) = parse_shard(s)?;
        let (places, listing) = d.take_shard(index, count);
        let info = emit::ShardInfo {
            index,
            count,
            listing,
        };
        out.set_shard(info, places);
    }
    let mut reused = None;
    let (stats, failures, read_error) = match &discovery {
        None => stream_into(&engine, &opts, &mut out, args.quiet).context("writing outputs")?,
        Some(d) => {
            let stats = match &prev {
                Some(p) => {
                    let terminal = discovery_failures(d, &mut out, args.quiet)?;
                    let (stats, n) =
                        polex::reuse::run_since(&engine, &d.sources, p, &opts, &mut out, &terminal)
                            .context("writing outputs")?;
                    reused = Some(n);
                    stats
                }
                None => files_into(&engine, d, &opts, &mut out, args.quiet)?,
            };
            let failures = stats.failures + d.errors.len();
            (stats, failures, None)
        }
    };
    out.commit().context("finishing outputs")?;
    summary(args, &stats, failures, reused);
    if args.index {
        let s = polex::search::index_output(&args.out, None, false).map_err(search_error)?;
        if !args.quiet {
            diag(&format!(
                "polex: indexed {} records into {}",
                s.records,
                args.out.join("index").display()
            ));
        }
    }
    if plan.stdin {
        return stream_end(read_error);
    }
    Ok(if failures > 0 {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    })
}

/// The exit code of a stream run: 0 once the stream was read to its end (failed records are in
/// the output), 1 when reading it failed.
fn stream_end(read_error: Option<std::io::Error>) -> Result<u8> {
    match read_error {
        None => Ok(EXIT_OK),
        Some(e) => {
            diag(&format!(
                "polex: error: reading standard input failed: {e}; the records before it are written"
            ));
            Ok(EXIT_SOME_FAILED)
        }
    }
}

fn summary(args: &ExtractArgs, stats: &pipeline::Stats, failures: usize, reused: Option<usize>) {
    if !args.quiet {
        let reused = reused.map_or(String::new(), |r| {
            format!(" ({r} reused, {} analysed)", stats.documents - r)
        });
        diag(&format!(
            "polex: {} documents{reused}, {} failures, {:.2} MB in {:.2} s ({:.1} MB/s, {} threads)",
            stats.documents,
            failures,
            stats.megabytes(),
            stats.seconds,
            stats.mb_per_sec(),
            stats.threads
        ));
    }
}

/// Find the input files (usage errors when there are none); notes and warnings on stderr.
fn discover(args: &ExtractArgs) -> Result<ingest::Discovery> {
    let discovery = ingest::discover(&args.inputs, &args.glob, args.files_from.as_deref())
        .map_err(|e| UsageError(e.to_string()))?;
    if let Some((list, _)) = discovery
        .empty_inputs
        .iter()
        .find(|(what, _)| what.starts_with("--files-from"))
    {
        return Err(UsageError(format!("{list} names no file: nothing to do")).into());
    }
    if discovery.sources.is_empty() && discovery.errors.iter().all(|e| e.missing) {
        // Nothing found at all: a usage error, and --out is left as it is.
        let what: Vec<String> = discovery
            .empty_inputs
            .iter()
            .map(|(p, why)| format!("{}: {why}", ingest::escape_controls(p)))
            .collect();
        return Err(UsageError(format!(
            "no input file found ({}); nothing written to {}",
            what.join("; "),
            args.out.display()
        ))
        .into());
    }
    for note in &discovery.notes {
        diag(&format!("polex: {}", ingest::escape_controls(note)));
    }
    for dir in &discovery.empty_dirs {
        diag(&format!(
            "polex: warning: {}: no file matching {}",
            ingest::escape_controls(dir),
            ingest::escape_controls(&discovery.glob)
        ));
    }
    Ok(discovery)
}

/// Run over the discovered files into `sink`: the discovery errors first, then every source;
/// with `since` (`--since`), reusing the earlier set's results where possible (the count of
/// those is the second value).
fn files_into<S: Sink>(
    engine: &Engine,
    discovery: &ingest::Discovery,
    opts: &pipeline::Options,
    sink: &mut S,
    quiet: bool,
) -> Result<pipeline::Stats> {
    let terminal = discovery_failures(discovery, sink, quiet)?;
    Ok(pipeline::run_observed(
        engine,
        &discovery.sources,
        opts,
        sink,
        &terminal,
    )?)
}

/// Write (and print) the discovery errors into `sink`; the progress display for the sources.
fn discovery_failures<S: Sink>(
    discovery: &ingest::Discovery,
    sink: &mut S,
    quiet: bool,
) -> Result<Terminal> {
    for e in &discovery.errors {
        let f = Failure {
            path: e.path.clone(),
            id: e.id.clone(),
            stage: polex::error::Stage::Ingest,
            reason: e.reason.clone(),
        };
        diag(&f.line());
        sink.failure(&f)?;
    }
    Ok(Terminal::new(
        !quiet && std::io::stderr().is_terminal(),
        Some(discovery.sources.len()),
    ))
}

/// Run over the NDJSON records of stdin into `sink`: the stats, the failures (counted in the
/// stats) and the error that ended reading early, if any.
fn stream_into<S: Sink>(
    engine: &Engine,
    opts: &pipeline::Options,
    sink: &mut S,
    quiet: bool,
) -> std::io::Result<(pipeline::Stats, usize, Option<std::io::Error>)> {
    let input = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
    let mut records = ingest::stream::Records::new(
        input,
        ingest::stream::line_limit(opts.max_file_bytes),
        opts.max_file_bytes,
    );
    let terminal = Terminal::new(!quiet && std::io::stderr().is_terminal(), None);
    let stats = pipeline::run_stream(engine, &mut records, opts, sink, &terminal)?;
    Ok((stats.clone(), stats.failures, records.error.take()))
}
