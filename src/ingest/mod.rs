//! Ingest: find input files and decode their bytes.
//!
//! [`discover`] turns the command-line inputs (files, directories, a list file) into an ordered,
//! de-duplicated list of [`Source`]s with stable ids; [`read_limited`] reads one file; the
//! [`reader`] registry picks the input format that turns its bytes into text (plain text:
//! [`decode::decode`] / [`decode::decode_vec`]).
//!
//! Only regular files (after following links) are ever read: a FIFO, a device, a socket found on
//! the command line, in a list or in a walked directory is reported with its kind, and reading
//! stops at the size limit whatever the metadata says, so no input can block the run or exhaust
//! memory.

pub mod decode;
mod docx;
mod html;
mod markdown;
mod pdf;
pub mod reader;
pub mod stream;
mod text;

use crate::error::DocError;
use globset::{GlobBuilder, GlobMatcher};
use reader::Reader;
use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Where the file is (as given or found; links not resolved).
    pub path: PathBuf,
    /// Path relative to its input root, `/`-separated (for an explicitly given file: its file
    /// name; for a list entry: the path as listed). Bytes of a file name that are not UTF-8 are
    /// written `\xNN`, so two such names stay distinct.
    pub id: String,
}

/// An input that could not be used (the run goes on without it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The path as given or found ([`display_path`]).
    pub path: String,
    /// The id the document would have had.
    pub id: String,
    /// Why it cannot be used.
    pub reason: String,
    /// The path does not exist (as opposed to existing but being unusable).
    pub missing: bool,
}

/// The files found, the inputs that could not be used, and notes for the user.
#[derive(Debug, Default)]
pub struct Discovery {
    /// The files to process, in order, with unique ids.
    pub sources: Vec<Source>,
    /// The inputs that cannot be used (each becomes an `ingest` line of errors.jsonl).
    pub errors: Vec<Rejected>,
    /// Things worth saying that are not failures (a file given twice is processed once).
    pub notes: Vec<String>,
    /// Inputs that gave no file at all (a missing path, a directory with no matching file), as
    /// `(input, why)`: when nothing at all is found, the run is a usage error naming them.
    pub empty_inputs: Vec<(String, String)>,
    /// The directories among [`Discovery::empty_inputs`] (walked, no file matched): a run that
    /// goes on with the other inputs warns about each of them, naming [`Discovery::glob`].
    pub empty_dirs: Vec<String>,
    /// The pattern directories were walked with (the default one when none was given).
    pub glob: String,
}

/// Errors that stop discovery as a whole.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The `--files-from` list cannot be read, or is no list of paths.
    #[error("cannot read file list {path}: {reason}")]
    FileList {
        /// The list's path (`-` for stdin).
        path: String,
        /// Why.
        reason: String,
    },
    /// The `--glob` pattern is invalid.
    #[error("invalid glob {glob:?}: {reason}")]
    Glob {
        /// The pattern.
        glob: String,
        /// Why.
        reason: String,
    },
}

/// Every reader, in the order they are asked.
pub static READERS: &[&dyn Reader] = &[
    &docx::Docx,
    &pdf::Pdf,
    &html::HtmlPage,
    &markdown::Markdown,
    &text::PlainText,
];

/// The PDF reader's tidying of its pages' text (hyphenated words joined, page numbers and
/// running headers dropped), for tests and tools that have text from elsewhere.
pub use pdf::tidy as tidy_pdf_text;

/// The reader for a file.
pub fn reader_for(path: &str, bytes: &[u8]) -> &'static dyn Reader {
    let head = &bytes[..bytes.len().min(reader::SNIFF_BYTES)];
    READERS
        .iter()
        .copied()
        .find(|r| r.claims(path, head))
        .unwrap_or(&text::PlainText)
}

/// The reader of the given name (`text`, `html`, …), if there is one.
pub fn reader_named(name: &str) -> Option<&'static dyn Reader> {
    READERS.iter().copied().find(|r| r.name() == name)
}

/// The shard (1-based, of `count`) the input `id` belongs to under `--shard K/N`: the first 8
/// bytes of the SHA-256 of the id's UTF-8 bytes, as a big-endian integer, modulo N, plus one.
/// Stable across runs, machines and versions; in Python:
/// `int.from_bytes(hashlib.sha256(id.encode()).digest()[:8], "big") % n + 1`.
pub fn shard_of(id: &str, count: u32) -> u32 {
    use sha2::{Digest, Sha256};
    let h = Sha256::digest(id.as_bytes());
    let v = u64::from_be_bytes(h[..8].try_into().expect("8 bytes"));
    (v % u64::from(count.max(1))) as u32 + 1
}

impl Discovery {
    /// Keep only the inputs of shard `index` of `count` ([`shard_of`] their ids): the places
    /// the kept ones had in the whole listing (errors first, then sources, the order they are
    /// written in), and the size of the listing.
    pub fn take_shard(&mut self, index: u32, count: u32) -> (Vec<u64>, u64) {
        let listing = (self.errors.len() + self.sources.len()) as u64;
        let mut places = Vec::new();
        let mut n = 0u64;
        let mut keep = |id: &str| {
            let mine = shard_of(id, count) == index;
            if mine {
                places.push(n);
            }
            n += 1;
            mine
        };
        self.errors.retain(|e| keep(&e.id));
        self.sources.retain(|s| keep(&s.id));
        (places, listing)
    }
}

/// A file list larger than this is refused (a million paths fit in a tenth of it).
pub const MAX_LIST_BYTES: u64 = 256 << 20;

/// Find the input files.
///
/// * `inputs`: files (taken whatever their name, id = file name) and directories (walked
///   recursively in file-name order; files whose name matches `glob` are taken, id = path
///   relative to the directory). A glob containing `/` (e.g. `**/policies/*.txt`) is matched
///   against the relative path instead of the file name.
/// * `files_from`: a list file (`-` = stdin), one path per line; blank lines and `#` comments
///   skipped; id = the path as listed (`/`-separated, leading `./` removed).
///
/// Missing paths, special files and unreadable entries go to [`Discovery::errors`]; so does a
/// second source with an id already taken (the first one is kept). The same file reached twice
/// is taken once, with a note.
pub fn discover(
    inputs: &[PathBuf],
    glob: &str,
    files_from: Option<&str>,
) -> Result<Discovery, IngestError> {
    let glob = if glob.is_empty() { DEFAULT_GLOB } else { glob };
    let matcher = GlobFilter::new(glob)?;
    let mut out = Collector::default();
    out.d.glob = glob.to_string();

    let names = input_names(inputs);
    for (input, name) in inputs.iter().zip(names) {
        let shown = display_path(input);
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => {
                let before = out.d.sources.len() + out.d.errors.len();
                walk_dir(input, name.as_deref(), &matcher, &mut out);
                if out.d.sources.len() + out.d.errors.len() == before {
                    out.d.empty_dirs.push(shown.clone());
                    out.d
                        .empty_inputs
                        .push((shown, format!("has no file matching {glob}")));
                }
            }
            Ok(m) if m.is_file() => out.push(input.clone(), name.unwrap_or(shown)),
            Ok(m) => out.error(shown.clone(), name.unwrap_or(shown), not_regular(&m), false),
            Err(e) => {
                let missing = is_missing(&e);
                if missing {
                    out.d
                        .empty_inputs
                        .push((shown.clone(), io_reason(&e).to_string()));
                }
                out.error(shown.clone(), name.unwrap_or(shown), io_reason(&e), missing)
            }
        }
    }

    if let Some(list) = files_from {
        let text = read_list(list)?;
        let mut entries = 0;
        for line in text.lines() {
            let entry = line.trim_end_matches('\r').trim();
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            entries += 1;
            let path = PathBuf::from(entry);
            let id = list_id(entry);
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => out.push(path, id),
                Ok(m) => out.error(entry.to_string(), id, not_regular(&m), false),
                Err(e) => out.error(entry.to_string(), id, io_reason(&e), is_missing(&e)),
            }
        }
        if entries == 0 {
            out.d
                .empty_inputs
                .push((format!("--files-from {list}"), "names no file".into()));
        }
    }
    Ok(out.finish())
}

/// Read one source file (no size limit but the platform's).
pub fn read_source(src: &Source) -> Result<Vec<u8>, DocError> {
    read_limited(src, u64::MAX)
}

/// Read a source, refusing files larger than `max_bytes` (a policy is a few hundred KB at most:
/// a multi-gigabyte file named .txt is a mistake, and reading it would blow the memory bound).
///
/// The file is opened without blocking (a FIFO swapped in after discovery cannot stall the run)
/// and must be a regular file; reading stops after `max_bytes + 1` bytes whatever its size
/// claims to be.
pub fn read_limited(src: &Source, max_bytes: u64) -> Result<Vec<u8>, DocError> {
    use std::os::unix::fs::OpenOptionsExt;
    let err = |e: std::io::Error| DocError::Read(format!("{}: {}", display_path(&src.path), e));
    let file = File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(&src.path)
        .map_err(err)?;
    let meta = file.metadata().map_err(err)?;
    if !meta.is_file() {
        return Err(DocError::NotRegular(file_kind(&meta)));
    }
    if meta.len() > max_bytes {
        return Err(DocError::TooLarge(meta.len(), max_bytes));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(err)?;
    if bytes.len() as u64 > max_bytes {
        return Err(DocError::TooLarge(bytes.len() as u64, max_bytes));
    }
    Ok(bytes)
}

/// What kind of file the metadata describes (for "not a regular file" errors).
pub fn file_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "directory"
    } else if t.is_fifo() {
        "FIFO"
    } else if t.is_char_device() {
        "character device"
    } else if t.is_block_device() {
        "block device"
    } else if t.is_socket() {
        "socket"
    } else if t.is_symlink() {
        "symbolic link"
    } else if t.is_file() {
        "regular file"
    } else {
        "unknown kind"
    }
}

fn not_regular(meta: &Metadata) -> String {
    DocError::NotRegular(file_kind(meta)).to_string()
}

/// A path as a string: UTF-8 as it is, any other byte as `\xNN` (lossless for distinctness).
pub fn display_path(path: &Path) -> String {
    os_id(path.as_os_str())
}

fn os_id(s: &OsStr) -> String {
    if let Some(s) = s.to_str() {
        return s.to_string();
    }
    let mut out = String::new();
    for chunk in s.as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// A string made safe for one line of a terminal: control characters written as escapes
/// (`\n`, `\t`, `\u{1b}`), so a file name cannot split or forge a diagnostic line.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
}

/// The files taken from directories when no `--glob` is given: every format a reader claims by
/// its extension, whatever the case of the extension (`.TXT`, `.Html`).
pub const DEFAULT_GLOB: &str = "*.{txt,html,htm,md,markdown,docx,pdf}";

/// Matches the file name, or the relative path when the glob has a `/` in it. The default glob
/// ignores case; a glob given matches as written.
struct GlobFilter {
    matcher: GlobMatcher,
    on_path: bool,
}

impl GlobFilter {
    fn new(glob: &str) -> Result<Self, IngestError> {
        let g = GlobBuilder::new(glob)
            .case_insensitive(glob == DEFAULT_GLOB)
            .build()
            .map_err(|e| IngestError::Glob {
                glob: glob.to_string(),
                reason: e.kind().to_string(),
            })?;
        Ok(GlobFilter {
            matcher: g.compile_matcher(),
            on_path: glob.contains('/'),
        })
    }

    fn is_match(&self, rel_id: &str, file_name: &str) -> bool {
        if self.on_path {
            // `**/x` must also match `x` at the top level.
            self.matcher.is_match(rel_id) || self.matcher.is_match(format!("/{rel_id}"))
        } else {
            self.matcher.is_match(file_name)
        }
    }
}

/// The name each command-line input gives its ids, so that ids stay unique and stable:
///
/// * a file: its file name; when several files given have the same name, as many parent
///   directories as it takes to tell them apart (`a/policy.txt`, `b/policy.txt`);
/// * a directory: nothing when it is the only directory given (ids are relative to it);
///   when several are given, its own name (`polex extract sites/*` gives `siteA/privacy.txt`,
///   `siteB/privacy.txt`), with as many parents as it takes when two have the same name.
///
/// A missing input is named like a file. `None` means "no prefix".
fn input_names(inputs: &[PathBuf]) -> Vec<Option<String>> {
    let is_dir: Vec<bool> = inputs.iter().map(|p| p.is_dir()).collect();
    let dirs = is_dir.iter().filter(|d| **d).count();
    // The path's components, made absolute so that `.` and `..` have names.
    let parts: Vec<Vec<String>> = inputs
        .iter()
        .map(|p| {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            let mut v: Vec<String> = Vec::new();
            for c in abs.components() {
                match c {
                    std::path::Component::Normal(n) => v.push(os_id(n)),
                    std::path::Component::ParentDir => {
                        v.pop();
                    }
                    _ => {}
                }
            }
            v
        })
        .collect();
    let tail = |i: usize, k: usize| -> String {
        let v = &parts[i];
        v[v.len().saturating_sub(k)..].join("/")
    };
    let mut names: Vec<Option<String>> = vec![None; inputs.len()];
    for group in [false, true] {
        if group && dirs < 2 {
            continue;
        }
        let members: Vec<usize> = (0..inputs.len()).filter(|&i| is_dir[i] == group).collect();
        // Grow each member's tail until no other member of its group has the same one.
        let mut k: Vec<usize> = vec![1; inputs.len()];
        // The same file or directory given twice is one input (it is processed once).
        let canon: Vec<PathBuf> = inputs
            .iter()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
            .collect();
        loop {
            let mut owners: HashMap<String, HashSet<&Path>> = HashMap::new();
            for &i in &members {
                owners.entry(tail(i, k[i])).or_default().insert(&canon[i]);
            }
            let mut grew = false;
            for &i in &members {
                if owners[&tail(i, k[i])].len() > 1 && k[i] < parts[i].len() {
                    k[i] += 1;
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        for &i in &members {
            let t = tail(i, k[i]);
            names[i] = Some(if t.is_empty() {
                display_path(&inputs[i])
            } else {
                t
            });
        }
    }
    names
}

fn walk_dir(root: &Path, prefix: Option<&str>, matcher: &GlobFilter, out: &mut Collector) {
    let with_prefix = |rel: String| match prefix {
        Some(p) => format!("{p}/{rel}"),
        None => rel,
    };
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root);
                let rel = path.strip_prefix(root).unwrap_or(path);
                let reason = match e.io_error() {
                    Some(io) => io_reason(io).to_string(),
                    None => e.to_string(), // a symlink loop
                };
                let reason = if e.loop_ancestor().is_some() {
                    format!("symbolic link loop: {reason}")
                } else if path.symlink_metadata().is_ok() && path.metadata().is_err() {
                    format!("dangling symbolic link: {reason}")
                } else {
                    reason
                };
                out.error(
                    display_path(path),
                    with_prefix(slash_path(rel)),
                    reason,
                    false,
                );
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let rel_id = slash_path(rel);
        let name = os_id(entry.file_name());
        if !matcher.is_match(&rel_id, &name) {
            continue;
        }
        let id = with_prefix(rel_id);
        if ft.is_file() {
            out.push(entry.into_path(), id);
        } else {
            // A FIFO, device or socket that the glob selects: say so instead of dropping it.
            let reason = match entry.metadata() {
                Ok(m) => not_regular(&m),
                Err(e) => e.to_string(),
            };
            out.error(display_path(entry.path()), id, reason, false);
        }
    }
}

fn slash_path(rel: &Path) -> String {
    let parts: Vec<_> = rel.components().map(|c| os_id(c.as_os_str())).collect();
    parts.join("/")
}

fn list_id(entry: &str) -> String {
    let mut id = entry.replace('\\', "/");
    while let Some(rest) = id.strip_prefix("./") {
        id = rest.to_string();
    }
    id
}

/// Read a file list, bounded: [`MAX_LIST_BYTES`] at most, no NUL byte (so `/dev/zero` or a
/// binary file fails at once instead of filling memory), UTF-8.
fn read_list(list: &str) -> Result<String, IngestError> {
    let err = |reason: String| IngestError::FileList {
        path: list.to_string(),
        reason,
    };
    let mut reader: Box<dyn Read> = if list == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        use std::os::unix::fs::OpenOptionsExt;
        let f = File::options()
            .read(true)
            .custom_flags(libc::O_NOCTTY)
            .open(list)
            .map_err(|e| err(io_reason(&e).to_string()))?;
        let meta = f.metadata().map_err(|e| err(e.to_string()))?;
        if meta.is_dir() {
            return Err(err("is a directory".into()));
        }
        Box::new(f)
    };
    let mut bytes = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(err(e.to_string())),
        };
        if let Some(at) = memchr::memchr(0, &buf[..n]) {
            return Err(err(format!(
                "NUL byte at offset {}: not a list of paths",
                bytes.len() + at
            )));
        }
        if (bytes.len() + n) as u64 > MAX_LIST_BYTES {
            return Err(err(format!(
                "larger than {} MB: not a list of paths",
                MAX_LIST_BYTES >> 20
            )));
        }
        bytes.extend_from_slice(&buf[..n]);
    }
    // A list saved by a Windows editor may start with a BOM.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(body.to_vec()).map_err(|e| {
        err(format!(
            "not UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn is_missing(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::NotFound
}

fn io_reason(e: &std::io::Error) -> std::borrow::Cow<'static, str> {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().into(),
    }
}

/// Sources in discovery order, without duplicate ids or files.
#[derive(Default)]
struct Collector {
    d: Discovery,
    /// id → the path that has it.
    ids: HashMap<String, String>,
    /// canonical path → the id it was taken under.
    files: HashMap<PathBuf, String>,
    /// canonical paths of the unusable files already reported.
    rejected: HashSet<PathBuf>,
}

impl Collector {
    fn push(&mut self, path: PathBuf, id: String) {
        let canon = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if let Some(first) = self.files.get(&canon) {
            self.d.notes.push(format!(
                "{}: same file as {first:?}, given again; processed once",
                display_path(&path)
            ));
        } else if let Some(other) = self.ids.get(&id) {
            let reason =
                format!("duplicate id {id:?}: {other} already has this id; this file is skipped");
            self.error(display_path(&path), id, reason, false);
        } else {
            self.ids.insert(id.clone(), display_path(&path));
            self.files.insert(canon, id.clone());
            self.d.sources.push(Source { path, id });
        }
    }

    fn error(&mut self, path: String, id: String, reason: impl Into<String>, missing: bool) {
        // The same unusable file reached twice (walked and named) is reported once.
        if !missing {
            let canon = std::fs::canonicalize(&path).unwrap_or_else(|_| PathBuf::from(&path));
            if !self.rejected.insert(canon) {
                return;
            }
        }
        self.d.errors.push(Rejected {
            path,
            id,
            reason: reason.into(),
            missing,
        });
    }

    fn finish(self) -> Discovery {
        self.d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tree() -> tempfile::TempDir {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        for (p, body) in [
            ("b.txt", "b"),
            ("a.txt", "a"),
            ("notes.md", "md"),
            ("sub/z.txt", "z"),
            ("sub/deeper/y.txt", "y"),
            ("sub/deeper/y.TXT.bak", "bak"),
            ("aa/x.txt", "x"),
        ] {
            let p = r.join(p);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, body).unwrap();
        }
        t
    }

    fn ids(d: &Discovery) -> Vec<&str> {
        d.sources.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn walks_recursively_sorted_with_glob() {
        let t = tree();
        let d = discover(&[t.path().to_path_buf()], "*.txt", None).unwrap();
        // Sorted by file name at each level: a.txt, aa/, b.txt, sub/ (deeper/ before z.txt).
        assert_eq!(
            ids(&d),
            [
                "a.txt",
                "aa/x.txt",
                "b.txt",
                "sub/deeper/y.txt",
                "sub/z.txt"
            ]
        );
        assert!(d.errors.is_empty());
        assert_eq!(d.sources[0].path, t.path().join("a.txt"));

        let md = discover(&[t.path().to_path_buf()], "*.md", None).unwrap();
        assert_eq!(ids(&md), ["notes.md"]);
        // Default glob when empty: every format, any case of the extension.
        let dflt = discover(&[t.path().to_path_buf()], "", None).unwrap();
        assert_eq!(ids(&dflt).len(), 6);
        for name in ["P.TXT", "q.Html", "r.htm", "s.MD", "t.markdown"] {
            fs::write(t.path().join(name), "x").unwrap();
        }
        for name in ["u.pdf", "v.DOCX"] {
            fs::write(t.path().join(name), "x").unwrap();
        }
        fs::write(t.path().join("w.doc"), "x").unwrap();
        let dflt = discover(&[t.path().to_path_buf()], DEFAULT_GLOB, None).unwrap();
        assert_eq!(ids(&dflt).len(), 13);
        assert!(!ids(&dflt).contains(&"w.doc"));
        // A glob given is matched as written.
        let lower = discover(&[t.path().to_path_buf()], "*.txt", None).unwrap();
        assert!(!ids(&lower).contains(&"P.TXT"));
    }

    #[test]
    fn path_glob_matches_relative_path() {
        let t = tree();
        let d = discover(&[t.path().to_path_buf()], "sub/**/*.txt", None).unwrap();
        assert_eq!(ids(&d), ["sub/deeper/y.txt", "sub/z.txt"]);
        let d = discover(&[t.path().to_path_buf()], "**/deeper/*", None).unwrap();
        assert_eq!(ids(&d), ["sub/deeper/y.TXT.bak", "sub/deeper/y.txt"]);
        let d = discover(&[t.path().to_path_buf()], "**/*.txt", None).unwrap();
        assert_eq!(ids(&d).len(), 5, "top-level files match **/");
    }

    #[test]
    fn explicit_files_missing_and_duplicates() {
        let t = tree();
        let r = t.path();
        let inputs = vec![
            r.join("notes.md"),         // explicit: taken whatever its name
            r.join("missing.txt"),      // error
            r.join("sub"),              // dir root: ids relative to sub
            r.join("sub/deeper/y.txt"), // same file again → a note, processed once
            r.join("aa/x.txt"),         // fine, id x.txt
            r.join("sub/z.txt"),        // same file as the dir's z.txt → a note
            r.join("aa"),               // x.txt again: same file, a note
        ];
        let d = discover(&inputs, "*.txt", None).unwrap();
        // Two directories given: each keeps its own name as a prefix.
        assert_eq!(
            ids(&d),
            ["notes.md", "sub/deeper/y.txt", "sub/z.txt", "x.txt"]
        );
        assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
        let e = &d.errors[0];
        assert!(e.path.ends_with("missing.txt") && e.reason == "no such file or directory");
        assert_eq!(e.id, "missing.txt");
        assert!(e.missing);
        assert_eq!(d.notes.len(), 3, "{:?}", d.notes);
        assert!(d.notes[0].contains("y.txt") && d.notes[0].contains("processed once"));

        // A different file with an id already taken is an error naming both: the only
        // directory's x.txt and a file x.txt given directly.
        fs::write(r.join("x.txt"), "other x").unwrap();
        let d = discover(&[r.join("aa"), r.join("x.txt")], "x.txt", None).unwrap();
        assert_eq!(ids(&d), ["x.txt"]);
        assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
        assert!(d.errors[0].reason.contains("duplicate id \"x.txt\""));
        assert!(d.errors[0].path.ends_with("/x.txt"));
        assert!(!d.errors[0].missing);
    }

    #[test]
    fn ids_stay_unique_across_site_folders_and_same_named_files() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        for p in [
            "sites/siteA/privacy.txt",
            "sites/siteB/privacy.txt",
            "sites/siteB/sub/privacy.txt",
            "x/ru/policy.txt",
            "y/ru/policy.txt",
            "one/p.txt",
            "two/p.txt",
        ] {
            fs::create_dir_all(r.join(p).parent().unwrap()).unwrap();
            fs::write(r.join(p), p).unwrap();
        }
        let sites = [r.join("sites/siteA"), r.join("sites/siteB")];
        let d = discover(&sites, "*.txt", None).unwrap();
        assert_eq!(
            ids(&d),
            [
                "siteA/privacy.txt",
                "siteB/privacy.txt",
                "siteB/sub/privacy.txt"
            ]
        );
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        // Only one directory: ids relative to it, as before.
        let d = discover(&[r.join("sites")], "*.txt", None).unwrap();
        assert_eq!(ids(&d)[0], "siteA/privacy.txt");
        // Two directories of the same name: as many parents as it takes.
        let d = discover(&[r.join("x/ru"), r.join("y/ru")], "*.txt", None).unwrap();
        assert_eq!(ids(&d), ["x/ru/policy.txt", "y/ru/policy.txt"]);
        // Files of the same name given directly.
        let d = discover(&[r.join("one/p.txt"), r.join("two/p.txt")], "*.txt", None).unwrap();
        assert_eq!(ids(&d), ["one/p.txt", "two/p.txt"]);
        let d = discover(&[r.join("one/p.txt"), r.join("x/ru/policy.txt")], "*", None).unwrap();
        assert_eq!(ids(&d), ["p.txt", "policy.txt"]);
    }

    #[test]
    fn inputs_that_give_nothing_are_named() {
        let t = tree();
        let r = t.path();
        fs::create_dir(r.join("empty")).unwrap();
        let d = discover(
            &[r.join("empty"), r.join("typo"), r.join("aa")],
            "*.txt",
            None,
        )
        .unwrap();
        assert_eq!(ids(&d), ["aa/x.txt"]);
        let named: Vec<&str> = d.empty_inputs.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(named.len(), 2, "{named:?}");
        assert!(named[0].ends_with("empty") && named[1].ends_with("typo"));
        // Only the directory is an empty directory (the missing path is an error too).
        assert_eq!(d.empty_dirs.len(), 1, "{:?}", d.empty_dirs);
        assert!(d.empty_dirs[0].ends_with("empty"));
        assert_eq!(d.glob, "*.txt");
        let lf = r.join("empty.lst");
        fs::write(&lf, "# nothing\n\n").unwrap();
        let d = discover(&[], "*.txt", Some(lf.to_str().unwrap())).unwrap();
        assert!(d.sources.is_empty() && d.errors.is_empty());
        assert_eq!(d.empty_inputs[0].1, "names no file");
    }

    #[test]
    fn special_files_are_reported_with_their_kind() {
        let t = tree();
        let r = t.path();
        let fifo = r.join("pipe.txt");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        std::os::unix::fs::symlink("/dev/zero", r.join("zero.txt")).unwrap();
        // Walked: both are errors naming their kind, not silently skipped.
        let d = discover(&[r.to_path_buf()], "*.txt", None).unwrap();
        let errs: Vec<(&str, &str)> = d
            .errors
            .iter()
            .map(|e| (e.id.as_str(), e.reason.as_str()))
            .collect();
        assert_eq!(
            errs,
            [
                ("pipe.txt", "not a regular file (FIFO)"),
                ("zero.txt", "not a regular file (character device)")
            ]
        );
        // Given directly: the same, without opening them (opening a FIFO blocks).
        let d = discover(&[fifo.clone(), r.join("zero.txt")], "*.txt", None).unwrap();
        assert!(d.sources.is_empty());
        assert_eq!(d.errors.len(), 2);
        assert!(!d.errors[0].missing);
        // read_limited refuses them too, should one be swapped in after discovery.
        for p in [fifo, r.join("zero.txt")] {
            let src = Source {
                path: p,
                id: "x".into(),
            };
            assert!(matches!(
                read_limited(&src, 1 << 20),
                Err(DocError::NotRegular(_))
            ));
        }
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let t = tree();
        let p = t.path().join("big.txt");
        fs::write(&p, vec![b'a'; 5000]).unwrap();
        let src = Source {
            path: p,
            id: "big.txt".into(),
        };
        assert_eq!(read_limited(&src, 5000).unwrap().len(), 5000);
        assert!(matches!(
            read_limited(&src, 4999),
            Err(DocError::TooLarge(5000, 4999))
        ));
    }

    #[test]
    fn file_lists_are_bounded() {
        let e = read_list("/dev/zero").unwrap_err().to_string();
        assert!(e.contains("NUL byte at offset 0"), "{e}");
        let t = tree();
        let e = read_list(t.path().to_str().unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.contains("is a directory"), "{e}");
    }

    #[test]
    fn non_utf8_names_stay_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let t = tree();
        let r = t.path().join("odd");
        fs::create_dir(&r).unwrap();
        for name in [&b"a\xff.txt"[..], b"a\xfe.txt"] {
            fs::write(r.join(OsStr::from_bytes(name)), "x").unwrap();
        }
        let d = discover(&[r], "*.txt", None).unwrap();
        assert_eq!(ids(&d), ["a\\xFE.txt", "a\\xFF.txt"]);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(escape_controls("a\nb\tc\u{1b}[31m"), "a\\nb\\tc\\u{1b}[31m");
        assert!(matches!(
            escape_controls("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn files_from_list() {
        let t = tree();
        let r = t.path();
        let cwd_rel = |p: &str| r.join(p).display().to_string();
        let list = format!(
            "# corpus list\r\n{}\r\n\r\n  \n{}\n./{}\n{}\n",
            cwd_rel("a.txt"),
            cwd_rel("sub/z.txt"),
            cwd_rel("nope.txt").trim_start_matches('/'),
            cwd_rel("sub"),
        );
        let lf = r.join("list.txt");
        fs::write(&lf, list).unwrap();
        let d = discover(&[], "*.txt", Some(lf.to_str().unwrap())).unwrap();
        assert_eq!(
            ids(&d),
            [cwd_rel("a.txt").as_str(), cwd_rel("sub/z.txt").as_str()]
        );
        assert_eq!(d.errors.len(), 2, "{:?}", d.errors);
        assert_eq!(d.errors[0].reason, "no such file or directory");
        assert_eq!(d.errors[1].reason, "not a regular file (directory)");

        let e = discover(&[], "*.txt", Some(r.join("absent.lst").to_str().unwrap()));
        assert!(matches!(e, Err(IngestError::FileList { .. })));
    }

    #[test]
    fn symlink_loop_is_reported_and_the_walk_goes_on() {
        let t = tree();
        std::os::unix::fs::symlink(t.path(), t.path().join("sub/loop")).unwrap();
        let d = discover(&[t.path().to_path_buf()], "*.txt", None).unwrap();
        assert_eq!(ids(&d).len(), 5);
        assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
        assert!(d.errors[0].path.ends_with("sub/loop"), "{:?}", d.errors);
        assert_eq!(d.errors[0].id, "sub/loop");
        assert!(d.errors[0].reason.contains("loop"), "{:?}", d.errors);
    }

    #[test]
    fn list_ids_are_normalized() {
        assert_eq!(list_id("./a/b.txt"), "a/b.txt");
        assert_eq!(list_id("././a.txt"), "a.txt");
        assert_eq!(list_id("dir\\sub\\c.txt"), "dir/sub/c.txt");
        assert_eq!(list_id("/abs/p.txt"), "/abs/p.txt");
    }

    #[test]
    fn bad_glob_is_an_error() {
        assert!(matches!(
            discover(&[], "a[", None),
            Err(IngestError::Glob { .. })
        ));
    }

    #[test]
    fn read_source_reports_errors() {
        let t = tree();
        let ok = Source {
            path: t.path().join("a.txt"),
            id: "a.txt".into(),
        };
        assert_eq!(read_source(&ok).unwrap(), b"a");
        let bad = Source {
            path: t.path().join("gone.txt"),
            id: "gone.txt".into(),
        };
        assert!(matches!(read_source(&bad), Err(DocError::Read(_))));
    }
}
