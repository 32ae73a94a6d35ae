//! Results taken from earlier output sets instead of analysing again: incremental re-runs
//! (`--since PREV_OUT`) and `polex merge` of `--shard K/N` runs. Both copy an input's byte
//! ranges from the earlier set's files, as its `inputs.jsonl` ([`crate::emit::inputs`]) lists
//! them, into the new set through the ordinary sink: the output is byte for byte what a fresh
//! analysis writes, since the analysis is deterministic and the bytes are its.
//!
//! `--since` reuses a document when its id and the SHA-256 of its bytes are unchanged, the same
//! reader reads it, and the earlier run had the same polex version and settings (`run.json`
//! `settings`: the taxonomy's fingerprint, the stages skipped, the CSV profile, the formats);
//! otherwise the input is analysed. Only `documents.jsonl` holds the `source` (the path as
//! given), which is rewritten when the path changed (a new month's scrape in a new directory).

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use crate::emit::commit::{hex, Manifest, MANIFEST};
use crate::emit::inputs::{Entry, Key, Status, INPUTS};
use crate::emit::{OutputSet, Renderer, RunSettings};
use crate::error::DocError;
use crate::ingest::{display_path, read_limited, Source};
use crate::pipeline::{self, Failure, Input, Observer, Options, Stats};
use crate::Engine;

/// An earlier output set that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ReuseError {
    /// Not an output set of polex, or one without what is needed (a usage error).
    #[error("{0}")]
    Unusable(String),
    /// Reading it failed.
    #[error("{0}")]
    Io(#[from] io::Error),
}

fn unusable(dir: &Path, why: impl std::fmt::Display) -> ReuseError {
    ReuseError::Unusable(format!("{}: {why}", dir.display()))
}

/// Read a committed output set's manifest.
pub fn manifest(dir: &Path) -> Result<Manifest, ReuseError> {
    let bytes = std::fs::read(dir.join(MANIFEST))
        .map_err(|e| unusable(dir, format!("no polex output set ({MANIFEST}: {e})")))?;
    serde_json::from_slice(&bytes).map_err(|e| unusable(dir, format!("{MANIFEST}: {e}")))
}

/// The files of an earlier set, opened, and their bytes of one input read back.
struct Files {
    dir: PathBuf,
    files: Vec<(&'static str, File)>,
}

impl Files {
    /// Open `names` (every one must be in the set).
    fn open(dir: &Path, names: &[&'static str]) -> Result<Self, ReuseError> {
        let mut files = Vec::new();
        for n in names {
            let f = File::open(dir.join(n)).map_err(|e| unusable(dir, format!("{n}: {e}")))?;
            files.push((*n, f));
        }
        Ok(Files {
            dir: dir.to_path_buf(),
            files,
        })
    }

    /// The bytes of `entry` in every file, in `names` order (empty for a file it has no part
    /// in).
    fn parts(&self, entry: &Entry) -> io::Result<Vec<Vec<u8>>> {
        self.files
            .iter()
            .map(|(name, f)| match entry.parts.get(*name) {
                None => Ok(Vec::new()),
                Some(&[at, len]) => {
                    let mut buf = vec![0; len as usize];
                    f.read_exact_at(&mut buf, at).map_err(|e| {
                        io::Error::new(e.kind(), format!("{}: {}: {e}", self.dir.display(), name))
                    })?;
                    Ok(buf)
                }
            })
            .collect()
    }

    /// What each file holds before the first input's part: its header.
    fn headers(&self, first: &HashMap<&'static str, u64>) -> io::Result<Vec<Vec<u8>>> {
        self.files
            .iter()
            .map(|(name, f)| {
                let end = match first.get(name) {
                    Some(&at) => at,
                    None => f.metadata()?.len(),
                };
                let mut buf = vec![0; end as usize];
                f.read_exact_at(&mut buf, 0)?;
                Ok(buf)
            })
            .collect()
    }
}

/// Read an `inputs.jsonl` line by line.
fn toc_lines(dir: &Path) -> Result<impl Iterator<Item = Result<Entry, ReuseError>>, ReuseError> {
    let f = File::open(dir.join(INPUTS)).map_err(|e| {
        unusable(
            dir,
            format!("no {INPUTS} (written by polex 0.1.0 from this version on): {e}"),
        )
    })?;
    let dir = dir.to_path_buf();
    Ok(io::BufReader::new(f)
        .lines()
        .enumerate()
        .map(move |(i, l)| {
            let l = l?;
            serde_json::from_str(&l)
                .map_err(|e| unusable(&dir, format!("{INPUTS} line {}: {e}", i + 1)))
        }))
}

/// What `--since` keeps in memory of one earlier document: enough to tell whether it can be
/// reused, and where its `inputs.jsonl` line is (read again when it is).
struct Kept {
    sha256: [u8; 32],
    /// Where its line is in `inputs.jsonl`, and its length.
    at: u64,
    len: u32,
}

/// The earlier output set of `--since`: its documents by id (about 100 bytes each in memory).
pub struct Previous {
    files: Option<Files>,
    toc: Option<File>,
    by_id: HashMap<String, Kept>,
    /// Why nothing can be reused (another polex version or settings), for the user.
    pub note: Option<String>,
}

impl Previous {
    /// Open the set in `dir` for a run with `settings` writing `renderer`'s files. A set of
    /// another polex version or settings is opened empty, with a [`Previous::note`] saying why.
    pub fn open(
        dir: &Path,
        settings: &RunSettings,
        renderer: &Renderer,
    ) -> Result<Self, ReuseError> {
        let m = manifest(dir)?;
        let mismatch = if m.polex_version != env!("CARGO_PKG_VERSION") {
            Some(format!(
                "it was written by polex {} (this is {})",
                m.polex_version,
                env!("CARGO_PKG_VERSION")
            ))
        } else if m.settings.as_ref() != Some(settings) {
            Some(match &m.settings {
                Some(s) if s.taxonomy != settings.taxonomy => "its taxonomy differs".to_string(),
                Some(_) => "its settings differ (--skip, --csv-profile or --outputs)".to_string(),
                None => "its run.json records no settings".to_string(),
            })
        } else if !renderer.can_copy() {
            Some("the workbook (xlsx) is built anew from every document".to_string())
        } else {
            None
        };
        if let Some(why) = mismatch {
            return Ok(Previous {
                files: None,
                toc: None,
                by_id: HashMap::new(),
                note: Some(format!("--since {}: nothing reused: {why}", dir.display())),
            });
        }
        let files = Files::open(dir, renderer.files())?;
        let toc =
            File::open(dir.join(INPUTS)).map_err(|e| unusable(dir, format!("{INPUTS}: {e}")))?;
        let mut by_id = HashMap::new();
        let mut reader = io::BufReader::new(&toc);
        let (mut at, mut line, mut no) = (0u64, String::new(), 0);
        loop {
            line.clear();
            let len = reader.read_line(&mut line)?;
            if len == 0 {
                break;
            }
            no += 1;
            let e: Entry = serde_json::from_str(&line)
                .map_err(|e| unusable(dir, format!("{INPUTS} line {no}: {e}")))?;
            let sha = e.sha256.as_deref().and_then(sha_bytes);
            if let (Status::Ok, Some(sha256)) = (e.status, sha) {
                let len = u32::try_from(len)
                    .map_err(|_| unusable(dir, format!("{INPUTS} line {no} is too long")))?;
                by_id.insert(e.id, Kept { sha256, at, len });
            }
            at += len as u64;
        }
        Ok(Previous {
            files: Some(files),
            toc: Some(toc),
            by_id,
            note: None,
        })
    }

    /// How many documents the earlier set holds that could be reused.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The earlier output of the input `id` at `source` with these bytes, if it can be reused:
    /// its parts, `documents.jsonl`'s with the new `source`.
    fn reuse(
        &self,
        id: &str,
        source: &str,
        bytes: &[u8],
        sha256: &str,
    ) -> io::Result<Option<(Key, Vec<Vec<u8>>)>> {
        let (Some(files), Some(toc), Some(k)) = (&self.files, &self.toc, self.by_id.get(id)) else {
            return Ok(None);
        };
        if sha_bytes(sha256) != Some(k.sha256) {
            return Ok(None);
        }
        let mut line = vec![0; k.len as usize];
        toc.read_exact_at(&mut line, k.at)?;
        let e: Entry = serde_json::from_slice(&line).map_err(io::Error::other)?;
        let reader = crate::ingest::reader_for(source, bytes).name();
        if e.format.as_deref() != Some(reader) {
            return Ok(None);
        }
        let mut parts = files.parts(&e)?;
        if e.source != source {
            if let Some(i) = files
                .files
                .iter()
                .position(|(n, _)| *n == "documents.jsonl")
            {
                parts[i] = with_source(&parts[i], id, &e.source, source)?;
            }
        }
        let key = Key {
            id: id.to_string(),
            source: source.to_string(),
            sha256: sha256.to_string(),
            format: reader.to_string(),
        };
        Ok(Some((key, parts)))
    }
}

/// The 32 bytes of a SHA-256 in lowercase hex.
fn sha_bytes(hex: &str) -> Option<[u8; 32]> {
    let b = hex.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = nibble(b[2 * i])? << 4 | nibble(b[2 * i + 1])?;
    }
    Some(out)
}

/// A `documents.jsonl` line with its `source` replaced: the line starts with the id and the
/// source (the first fields of `SourceInfo`), serialized exactly so.
fn with_source(line: &[u8], id: &str, old: &str, new: &str) -> io::Result<Vec<u8>> {
    let head = |source: &str| {
        let mut v = b"{\"id\":".to_vec();
        v.extend(serde_json::to_vec(id).expect("a string serializes"));
        v.extend_from_slice(b",\"source\":");
        v.extend(serde_json::to_vec(source).expect("a string serializes"));
        v
    };
    let rest = line.strip_prefix(head(old).as_slice()).ok_or_else(|| {
        io::Error::other(format!(
            "documents.jsonl line of {id} does not start with its id and source"
        ))
    })?;
    let mut out = head(new);
    out.extend_from_slice(rest);
    Ok(out)
}

/// Run over `sources` like [`pipeline::run_observed`], copying the earlier output of every
/// unchanged input from `prev` and analysing the rest; the stats and how many were reused.
pub fn run_since(
    engine: &Engine,
    sources: &[Source],
    prev: &Previous,
    opts: &Options,
    sink: &mut OutputSet,
    observer: &dyn Observer,
) -> io::Result<(Stats, usize)> {
    let reused = AtomicUsize::new(0);
    let chunks = sources
        .chunks(opts.chunk_size.max(1))
        .map(<[Source]>::to_vec);
    let stats = pipeline::run_jobs(
        chunks,
        Some(sources.len() as u64),
        opts,
        sink,
        observer,
        |s: Source, renderer: &Renderer| {
            let path = display_path(&s.path);
            let fail = |e: DocError, n: u64| (Failure::new(&path, &s.id, &e), n);
            let bytes = read_limited(&s, opts.max_file_bytes).map_err(|e| fail(e, 0))?;
            let n = bytes.len() as u64;
            let sha256 = hex(&Sha256::digest(&bytes));
            match prev.reuse(&s.id, &path, &bytes, &sha256) {
                Ok(Some((key, parts))) => {
                    reused.fetch_add(1, Ordering::Relaxed);
                    return Ok((renderer.copied(key, parts), n));
                }
                Ok(None) => {}
                Err(e) => return Err(fail(DocError::Read(e.to_string()), n)),
            }
            let reader = crate::ingest::reader_for(&path, &bytes);
            let doc = pipeline::process_read(engine, &s.id, &path, Input::Bytes(bytes), reader)
                .map_err(|e| fail(e, n))?;
            Ok((renderer.render_owned(doc), n))
        },
    )?;
    Ok((stats, reused.into_inner()))
}

/// What `polex merge` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// Shards merged.
    pub shards: usize,
    /// Documents and failures written.
    pub documents: u64,
    /// Failures among them.
    pub failures: u64,
}

/// Merge the output sets of the `--shard K/N` runs in `shards` (all N of one listing, any
/// order) into one set in `out`, in the listing's order: the files are byte for byte those of
/// a single run over the listing. Refused when the shards are not all N of one listing
/// (another N, a shard missing or given twice, an input missing or in two shards), of
/// different polex versions or settings.
pub fn merge(
    shards: &[PathBuf],
    out: &Path,
    guard: crate::emit::AbortGuard,
) -> Result<Merged, ReuseError> {
    if shards.is_empty() {
        return Err(ReuseError::Unusable("no shard output given".into()));
    }
    let manifests: Vec<Manifest> = shards
        .iter()
        .map(|d| manifest(d))
        .collect::<Result<_, _>>()?;
    let first = &manifests[0];
    let Some(info) = first.shard else {
        return Err(unusable(&shards[0], "not the output of a --shard run"));
    };
    let mut seen = vec![false; info.count as usize];
    for (dir, m) in shards.iter().zip(&manifests) {
        let s = m
            .shard
            .ok_or_else(|| unusable(dir, "not the output of a --shard run"))?;
        if (s.count, s.listing) != (info.count, info.listing) {
            return Err(unusable(
                dir,
                format!(
                    "shard {}/{} of a listing of {} inputs, not of {} shards of {}",
                    s.index, s.count, s.listing, info.count, info.listing
                ),
            ));
        }
        if m.polex_version != first.polex_version || m.settings != first.settings {
            return Err(unusable(
                dir,
                format!(
                    "written by another polex version or with other settings than {}",
                    shards[0].display()
                ),
            ));
        }
        if std::mem::replace(&mut seen[s.index as usize - 1], true) {
            return Err(unusable(
                dir,
                format!("shard {}/{} is given twice", s.index, s.count),
            ));
        }
    }
    if let Some(k) = seen.iter().position(|s| !s) {
        return Err(ReuseError::Unusable(format!(
            "shard {}/{} is missing: give the outputs of all {} shards",
            k + 1,
            info.count,
            info.count
        )));
    }
    let settings = first
        .settings
        .clone()
        .ok_or_else(|| unusable(&shards[0], "its run.json records no settings"))?;
    let names: Vec<&str> = settings.outputs.iter().map(String::as_str).collect();
    let profile = match settings.csv_profile.as_str() {
        "excel" => crate::emit::CsvProfile::Excel,
        _ => crate::emit::CsvProfile::Plain,
    };
    // The renderer only names the files and their order: every byte comes from the shards.
    let renderer = Renderer::select(
        profile,
        &crate::classify::Taxonomy::builtin(),
        &names,
        settings.clause_text,
    )
    .map_err(|e| unusable(&shards[0], e))?;
    if !renderer.can_copy() {
        return Err(ReuseError::Unusable(
            "the workbook (xlsx) cannot be merged: run the shards without it".into(),
        ));
    }
    let files: Vec<Files> = shards
        .iter()
        .map(|d| Files::open(d, renderer.files()))
        .collect::<Result<_, _>>()?;
    let mut tocs: Vec<_> = shards
        .iter()
        .map(|d| toc_lines(d))
        .collect::<Result<_, _>>()?;
    let mut heads: Vec<Option<Entry>> = Vec::with_capacity(tocs.len());
    for t in &mut tocs {
        heads.push(t.next().transpose()?);
    }
    // The headers are the first shard's (the matrix columns are its taxonomy's): what its
    // files hold before their first input's part.
    let mut first_at: HashMap<&'static str, u64> = HashMap::new();
    for e in toc_lines(&shards[0])? {
        let e = e?;
        for name in renderer.files() {
            if let Some(&[at, _]) = e.parts.get(*name) {
                first_at.entry(name).or_insert(at);
            }
        }
    }
    let headers = files[0].headers(&first_at)?;
    let mut set = OutputSet::with_headers(out, renderer, guard, headers)?;
    set.set_settings(settings);
    let mut expected = 0u64;
    loop {
        let next = heads
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.as_ref().map(|e| (e.n, i)))
            .min();
        let Some((n, i)) = next else { break };
        if n != expected {
            return Err(ReuseError::Unusable(format!(
                "the shards do not cover the listing exactly once: input {} is {} (in {})",
                expected.min(n),
                if n < expected {
                    "in two shards"
                } else {
                    "in none"
                },
                shards[i].display()
            )));
        }
        let e = heads[i].take().expect("a head");
        let parts = files[i].parts(&e)?;
        set.write_copied(&e, parts)?;
        heads[i] = tocs[i].next().transpose()?;
        expected += 1;
    }
    if expected != info.listing {
        return Err(ReuseError::Unusable(format!(
            "the shards hold {expected} inputs of a listing of {}: an output set is incomplete",
            info.listing
        )));
    }
    let m = set.commit()?;
    Ok(Merged {
        shards: shards.len(),
        documents: m.documents,
        failures: m.failures,
    })
}
