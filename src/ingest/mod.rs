//! Ingest: find input files and decode their bytes.
//!
//! [`discover`] turns the command-line inputs (files, directories, a list file) into an ordered,
//! de-duplicated list of [`Source`]s with stable ids; [`read_source`] reads one file;
//! [`decode::decode`] / [`decode::decode_vec`] turn the bytes into text.

pub mod decode;

use crate::error::DocError;
use globset::{Glob, GlobMatcher};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// Path relative to its input root, `/`-separated (for an explicitly given file: its file
    /// name; for a list entry: the path as listed).
    pub id: String,
}

/// The files found, and the inputs that could not be used (the run goes on without them).
#[derive(Debug, Default)]
pub struct Discovery {
    pub sources: Vec<Source>,
    /// `(path, reason)`.
    pub errors: Vec<(String, String)>,
}

/// Errors that stop discovery as a whole.
#[derive(Debug, Error)]
pub enum IngestError {
    #[error("cannot read file list {path}: {source}")]
    FileList {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid glob {glob:?}: {reason}")]
    Glob { glob: String, reason: String },
}

/// Find the input files.
///
/// * `inputs`: files (taken whatever their name, id = file name) and directories (walked
///   recursively in file-name order; files whose name matches `glob` are taken, id = path
///   relative to the directory). A glob containing `/` (e.g. `**/policies/*.txt`) is matched
///   against the relative path instead of the file name.
/// * `files_from`: a list file (`-` = stdin), one path per line; blank lines and `#` comments
///   skipped; id = the path as listed (`/`-separated, leading `./` removed).
///
/// Missing paths and unreadable entries go to [`Discovery::errors`]; so does a second source
/// with an id already taken (the first one is kept).
pub fn discover(
    inputs: &[PathBuf],
    glob: &str,
    files_from: Option<&str>,
) -> Result<Discovery, IngestError> {
    let glob = if glob.is_empty() { "*.txt" } else { glob };
    let matcher = GlobFilter::new(glob)?;
    let mut out = Collector::default();

    for input in inputs {
        let shown = input.display().to_string();
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                out.error(shown, io_reason(&e));
                continue;
            }
        };
        if meta.is_dir() {
            walk_dir(input, &matcher, &mut out);
        } else {
            let id = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| shown.clone());
            out.push(input.clone(), id);
        }
    }

    if let Some(list) = files_from {
        let text = read_list(list)?;
        for line in text.lines() {
            let entry = line.trim_end_matches('\r').trim();
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            let path = PathBuf::from(entry);
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => out.push(path, list_id(entry)),
                Ok(_) => out.error(entry.to_string(), "not a regular file".into()),
                Err(e) => out.error(entry.to_string(), io_reason(&e)),
            }
        }
    }
    Ok(out.finish())
}

/// Read one source file.
pub fn read_source(src: &Source) -> Result<Vec<u8>, DocError> {
    read_limited(src, u64::MAX)
}

/// Read a source, refusing files larger than `max_bytes` (a policy is a few hundred KB at most:
/// a multi-gigabyte file named .txt is a mistake, and reading it would blow the memory bound).
pub fn read_limited(src: &Source, max_bytes: u64) -> Result<Vec<u8>, DocError> {
    use std::io::Read;
    let err = |e: std::io::Error| DocError::Read(format!("{}: {}", src.path.display(), e));
    let mut file = std::fs::File::open(&src.path).map_err(err)?;
    let len = file.metadata().map_err(err)?.len();
    if len > max_bytes {
        return Err(DocError::TooLarge(len, max_bytes));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.read_to_end(&mut bytes).map_err(err)?;
    Ok(bytes)
}

/// Matches the file name, or the relative path when the glob has a `/` in it.
struct GlobFilter {
    matcher: GlobMatcher,
    on_path: bool,
}

impl GlobFilter {
    fn new(glob: &str) -> Result<Self, IngestError> {
        let g = Glob::new(glob).map_err(|e| IngestError::Glob {
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

fn walk_dir(root: &Path, matcher: &GlobFilter, out: &mut Collector) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| root.display().to_string());
                let reason = match e.io_error() {
                    Some(io) => io_reason(io),
                    None => e.to_string(), // a symlink loop
                };
                out.error(path, reason);
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let id = slash_path(rel);
        let name = entry.file_name().to_string_lossy();
        if matcher.is_match(&id, &name) {
            out.push(entry.into_path(), id);
        }
    }
}

fn slash_path(rel: &Path) -> String {
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

fn list_id(entry: &str) -> String {
    let mut id = entry.replace('\\', "/");
    while let Some(rest) = id.strip_prefix("./") {
        id = rest.to_string();
    }
    id
}

fn read_list(list: &str) -> Result<String, IngestError> {
    let err = |source| IngestError::FileList {
        path: list.to_string(),
        source,
    };
    let mut bytes = Vec::new();
    if list == "-" {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(err)?;
    } else {
        bytes = std::fs::read(list).map_err(err)?;
    }
    // A list saved by a Windows editor may start with a BOM.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        ))
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Sources in discovery order, without duplicate ids or files.
#[derive(Default)]
struct Collector {
    d: Discovery,
    ids: HashSet<String>,
    files: HashSet<PathBuf>,
}

impl Collector {
    fn push(&mut self, path: PathBuf, id: String) {
        let canon = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.ids.contains(&id) {
            self.error(
                path.display().to_string(),
                format!("duplicate id {id:?}: an earlier input has the same id; skipped"),
            );
        } else if self.files.contains(&canon) {
            self.error(
                path.display().to_string(),
                "same file given twice; skipped".to_string(),
            );
        } else {
            self.ids.insert(id.clone());
            self.files.insert(canon);
            self.d.sources.push(Source { path, id });
        }
    }

    fn error(&mut self, path: String, reason: String) {
        self.d.errors.push((path, reason));
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
        // Default glob when empty.
        let dflt = discover(&[t.path().to_path_buf()], "", None).unwrap();
        assert_eq!(ids(&dflt).len(), 5);
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
            r.join("sub/deeper/y.txt"), // same file again → error
            r.join("aa/x.txt"),         // fine, id x.txt
            r.join("sub/z.txt"),        // id z.txt collides with the dir's z.txt → error
        ];
        let d = discover(&inputs, "*.txt", None).unwrap();
        assert_eq!(ids(&d), ["notes.md", "deeper/y.txt", "z.txt", "x.txt"]);
        let errs: Vec<(&str, &str)> = d
            .errors
            .iter()
            .map(|(p, r)| (p.as_str(), r.as_str()))
            .collect();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[0].0.ends_with("missing.txt") && errs[0].1 == "no such file or directory");
        assert!(errs[1].0.ends_with("y.txt") && errs[1].1.contains("same file given twice"));
        assert!(errs[2].0.ends_with("sub/z.txt") && errs[2].1.contains("duplicate id \"z.txt\""));
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
        assert_eq!(d.errors[0].1, "no such file or directory");
        assert_eq!(d.errors[1].1, "not a regular file");

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
        assert!(d.errors[0].0.ends_with("sub/loop"), "{:?}", d.errors);
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
