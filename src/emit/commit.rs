//! The output set as one transaction: a run either replaces every output file or leaves the
//! previous set untouched.
//!
//! 1. [`Staging::begin`] creates `--out`, takes an exclusive lock on it (a second run into the
//!    same directory fails at once instead of mixing files), finishes or removes what an earlier
//!    killed run left (see *Recovery*), and creates a private staging directory
//!    `OUT/.polex-XXXXXXXX/` (random name, created exclusively, mode 0700). Every output file is
//!    created inside it with `O_EXCL`: nothing planted in `OUT` (a symlink named like a
//!    temporary file) is ever followed.
//! 2. The files are written there, then flushed and fsynced; `run.json` (the manifest: polex
//!    version, run id, counts, every file with its size and SHA-256) is written as
//!    `run.json.part`, fsynced and renamed to `run.json`, and the staging directory is fsynced.
//!    From that moment the run is *committed*.
//! 3. The old `OUT/run.json` is removed, each file is renamed into `OUT` (a rename replaces a
//!    symlink at the destination, it never writes through it), `run.json` is renamed last,
//!    `OUT` is fsynced and the staging directory removed.
//!
//! *Recovery*, at the start of the next run into the same directory: a staging directory with a
//! `run.json` was committed and is rolled forward (step 3 again, for the files still in it); one
//! without is the debris of a run that was killed or failed before committing and is removed.
//! Either way stderr says so. A reader can tell a complete set: every file listed in
//! `OUT/run.json` has the size and SHA-256 given there.
//!
//! [`AbortGuard`] lets a signal handler remove the staging directory of a run that has not
//! committed; a commit in progress is finished first (the guard's lock is held through step 3).

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Name of the manifest written last into the output directory.
pub const MANIFEST: &str = "run.json";
/// Prefix of a run's staging directory inside the output directory.
pub const STAGING_PREFIX: &str = ".polex-";

/// The manifest of one committed output set (`OUT/run.json`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// The version of polex that wrote the set.
    pub polex_version: String,
    /// Random id of the run (also the staging directory's suffix).
    pub run_id: String,
    /// When the run started (UTC, RFC 3339).
    pub started: String,
    /// When its files were sealed (UTC, RFC 3339).
    pub finished: String,
    /// Inputs seen: documents written plus failures.
    pub inputs: u64,
    /// Lines in documents.jsonl.
    pub documents: u64,
    /// Lines in errors.jsonl.
    pub failures: u64,
    /// Every file of the set.
    pub files: Vec<FileEntry>,
    /// What the results depend on besides the inputs (`--since` reuses results only when
    /// they are the same).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<RunSettings>,
    /// The shard this run took (`--shard K/N`), for `polex merge`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardInfo>,
}

/// The settings a run's results depend on, recorded in `run.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct RunSettings {
    /// [`crate::classify::Taxonomy::fingerprint`] of the run's taxonomy.
    pub taxonomy: String,
    /// The stages skipped (`entities`, `practices`).
    pub skip: Vec<String>,
    /// `plain` or `excel`.
    pub csv_profile: String,
    /// The formats written (their `--outputs` names, in registry order).
    pub outputs: Vec<String>,
    /// `--clause-text`: the clause tables carry the body texts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub clause_text: bool,
}

impl RunSettings {
    /// The settings of a run of `engine` writing `renderer`'s formats in `profile`.
    pub fn of(
        engine: &crate::Engine,
        profile: super::CsvProfile,
        renderer: &super::Renderer,
    ) -> Self {
        let skip = [
            ("entities", engine.entities),
            ("practices", engine.practices),
        ]
        .iter()
        .filter(|(_, on)| !on)
        .map(|(name, _)| name.to_string())
        .collect();
        RunSettings {
            taxonomy: engine.taxonomy.fingerprint(),
            skip,
            csv_profile: match profile {
                super::CsvProfile::Plain => "plain",
                super::CsvProfile::Excel => "excel",
            }
            .to_string(),
            outputs: renderer
                .format_names()
                .iter()
                .map(|n| n.to_string())
                .collect(),
            clause_text: renderer.clause_text(),
        }
    }
}

/// Which part of a listing a `--shard K/N` run took.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct ShardInfo {
    /// K, 1-based.
    pub index: u32,
    /// N.
    pub count: u32,
    /// How many inputs the whole listing has (the shards' `inputs` add up to it).
    pub listing: u64,
}

/// One file of the set.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileEntry {
    /// File name inside the output directory.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
}

/// Shared with a signal handler: the staging directory while the run has not committed.
#[derive(Clone, Default, Debug)]
pub struct AbortGuard(Arc<Mutex<Option<PathBuf>>>);

impl AbortGuard {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<PathBuf>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Remove the staging directory of a run that has not committed (waits for a commit in
    /// progress to end). Returns whether there was one.
    pub fn abort(&self) -> bool {
        let mut g = self.lock();
        match g.take() {
            Some(dir) => {
                let _ = fs::remove_dir_all(dir);
                true
            }
            None => false,
        }
    }
}

/// An output file being written in the staging directory; counts and hashes what it writes.
pub struct StagedFile {
    name: String,
    w: BufWriter<File>,
    hasher: Sha256,
    bytes: u64,
    /// `bytes` when the kernel was last asked to start writing the file back.
    written_back: u64,
}

/// How many bytes a file grows by before the kernel is asked to start writing it to disk
/// (Linux: `sync_file_range`), so that the fsync of [`StagedFile::seal`] finds little left to
/// write and the disk works while the threads analyse: on 110 MB of policies the final fsyncs
/// took 1.4 s of a 9 s run when all of it waited for them.
const WRITEBACK_EVERY: u64 = 8 << 20;

impl StagedFile {
    /// Counts `n` bytes written; every [`WRITEBACK_EVERY`] bytes, starts the writeback of
    /// what the kernel holds of the file (it does not wait for the disk; an error is ignored:
    /// the fsync of `seal` reports any that matters).
    fn wrote(&mut self, n: usize) {
        self.bytes += n as u64;
        if self.bytes - self.written_back >= WRITEBACK_EVERY {
            self.written_back = self.bytes;
            #[cfg(target_os = "linux")]
            {
                use std::os::fd::AsRawFd;
                // SAFETY: a plain syscall on an open descriptor of ours; offset and length 0
                // mean the whole file, SYNC_FILE_RANGE_WRITE only starts the writeback.
                unsafe {
                    libc::sync_file_range(
                        self.w.get_ref().as_raw_fd(),
                        0,
                        0,
                        libc::SYNC_FILE_RANGE_WRITE,
                    );
                }
            }
        }
    }
}

impl Write for StagedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.w.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.wrote(n);
        Ok(n)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.w.write_all(buf)?;
        self.hasher.update(buf);
        self.wrote(buf.len());
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

impl StagedFile {
    /// The bytes written so far.
    pub fn len(&self) -> u64 {
        self.bytes
    }

    /// Whether nothing was written yet.
    pub fn is_empty(&self) -> bool {
        self.bytes == 0
    }

    /// Flush, fsync and close; the entry for the manifest.
    pub fn seal(mut self) -> io::Result<FileEntry> {
        self.w.flush()?;
        self.w.get_ref().sync_all()?;
        Ok(FileEntry {
            name: self.name,
            bytes: self.bytes,
            sha256: hex(&self.hasher.finalize()),
        })
    }
}

/// A run's staging directory inside the output directory, and the lock on it.
pub struct Staging {
    out: PathBuf,
    work: PathBuf,
    run_id: String,
    started: String,
    guard: AbortGuard,
    /// Held (flock) for the whole run; released when dropped.
    _lock: File,
    notices: Vec<String>,
}

fn ctx(e: io::Error, what: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", what.display()))
}

impl Staging {
    /// Prepare `out` for a run that will write the files `names` (see the module docs).
    pub fn begin(out: &Path, names: &[&str], guard: AbortGuard) -> io::Result<Self> {
        fs::create_dir_all(out).map_err(|e| ctx(e, out))?;
        let lock = File::open(out).map_err(|e| ctx(e, out))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!(
                        "{}: another polex run is writing to this directory",
                        out.display()
                    ),
                ))
            }
            Err(fs::TryLockError::Error(e)) => return Err(ctx(e, out)),
        }
        for name in names.iter().copied().chain([MANIFEST]) {
            let p = out.join(name);
            if p.symlink_metadata().is_ok_and(|m| m.is_dir()) {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    format!("{}: is a directory, where an output file goes", p.display()),
                ));
            }
        }
        let mut notices = recover(out)?;
        // Temporary files of polex versions that wrote NAME.tmp next to the outputs.
        for name in names {
            let p = out.join(format!("{name}.tmp"));
            if p.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
                fs::remove_file(&p).map_err(|e| ctx(e, &p))?;
                notices.push(format!("removed a stale temporary file {}", p.display()));
            }
        }
        let dir = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .rand_bytes(8)
            .tempdir_in(out)
            .map_err(|e| ctx(e, out))?;
        let work = dir.keep();
        let run_id = work
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix(STAGING_PREFIX))
            .unwrap_or_default()
            .to_string();
        *guard.lock() = Some(work.clone());
        Ok(Staging {
            out: out.to_path_buf(),
            work,
            run_id,
            started: rfc3339(SystemTime::now()),
            guard,
            _lock: lock,
            notices,
        })
    }

    /// What [`Staging::begin`] cleaned up or finished from earlier runs, for the user.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The staging directory.
    pub fn dir(&self) -> &Path {
        &self.work
    }

    /// Create one output file in the staging directory (exclusively: never an existing file).
    pub fn create(&self, name: &str) -> io::Result<StagedFile> {
        let path = self.work.join(name);
        let f = File::options()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| ctx(e, &path))?;
        Ok(StagedFile {
            name: name.to_string(),
            w: BufWriter::with_capacity(1 << 17, f),
            hasher: Sha256::new(),
            bytes: 0,
            written_back: 0,
        })
    }

    /// Write the manifest of the sealed files `entries` ([`StagedFile::seal`]) and move the
    /// set into place.
    pub fn commit(
        self,
        entries: Vec<FileEntry>,
        counts: Counts,
        settings: Option<RunSettings>,
        shard: Option<ShardInfo>,
    ) -> io::Result<Manifest> {
        let manifest = Manifest {
            polex_version: env!("CARGO_PKG_VERSION").to_string(),
            run_id: self.run_id.clone(),
            started: self.started.clone(),
            finished: rfc3339(SystemTime::now()),
            inputs: counts.documents + counts.failures,
            documents: counts.documents,
            failures: counts.failures,
            files: entries,
            settings,
            shard,
        };
        let mut g = self.guard.lock();
        let part = self.work.join(format!("{MANIFEST}.part"));
        {
            let mut f = File::options()
                .write(true)
                .create_new(true)
                .open(&part)
                .map_err(|e| ctx(e, &part))?;
            let mut json = serde_json::to_vec_pretty(&manifest).map_err(io::Error::other)?;
            json.push(b'\n');
            f.write_all(&json)?;
            f.sync_all()?;
        }
        fs::rename(&part, self.work.join(MANIFEST))?;
        sync_dir(&self.work)?;
        // Committed: from here on a killed run is rolled forward by the next one.
        roll_forward(&self.out, &self.work, &manifest)?;
        *g = None;
        Ok(manifest)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Not committed (an error, a full disk): the previous set stays as it was.
        self.guard.abort();
    }
}

/// The manifest entry of a file already complete in the staging directory `dir` (one a
/// format's last step rewrote), fsynced.
pub fn entry_of(dir: &Path, name: &str) -> io::Result<FileEntry> {
    let path = dir.join(name);
    let mut f = File::open(&path).map_err(|e| ctx(e, &path))?;
    f.sync_all()?;
    let mut hasher = Sha256::new();
    let bytes = io::copy(&mut f, &mut hasher)?;
    Ok(FileEntry {
        name: name.to_string(),
        bytes,
        sha256: hex(&hasher.finalize()),
    })
}

/// What the manifest counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Documents written.
    pub documents: u64,
    /// Failures written.
    pub failures: u64,
}

/// Step 3 of the module docs: move a committed staging directory's files into place.
fn roll_forward(out: &Path, work: &Path, manifest: &Manifest) -> io::Result<()> {
    let old = out.join(MANIFEST);
    match fs::remove_file(&old) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(ctx(e, &old)),
    }
    for f in &manifest.files {
        let from = work.join(&f.name);
        if from.symlink_metadata().is_ok() {
            fs::rename(&from, out.join(&f.name)).map_err(|e| ctx(e, &from))?;
        }
    }
    fs::rename(work.join(MANIFEST), &old).map_err(|e| ctx(e, &old))?;
    sync_dir(out)?;
    fs::remove_dir_all(work).map_err(|e| ctx(e, work))
}

/// Finish or remove the staging directories of earlier runs (the caller holds the lock).
fn recover(out: &Path) -> io::Result<Vec<String>> {
    let mut notices = Vec::new();
    let mut stale: Vec<PathBuf> = fs::read_dir(out)
        .map_err(|e| ctx(e, out))?
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(STAGING_PREFIX))
        })
        .map(|e| e.path())
        .collect();
    stale.sort();
    for dir in stale {
        let meta = dir.symlink_metadata().map_err(|e| ctx(e, &dir))?;
        if !meta.is_dir() {
            // Not ours (we only make directories): a link or file planted under our prefix.
            fs::remove_file(&dir).map_err(|e| ctx(e, &dir))?;
            notices.push(format!(
                "removed {} (not a polex staging directory)",
                dir.display()
            ));
            continue;
        }
        let manifest = fs::read(dir.join(MANIFEST))
            .ok()
            .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok());
        match manifest {
            Some(m) => {
                roll_forward(out, &dir, &m)?;
                notices.push(format!(
                    "completed the interrupted commit of run {} ({} files)",
                    m.run_id,
                    m.files.len()
                ));
            }
            None => {
                let bytes = dir_size(&dir);
                fs::remove_dir_all(&dir).map_err(|e| ctx(e, &dir))?;
                notices.push(format!(
                    "removed the temporary files of an interrupted run: {} ({bytes} bytes)",
                    dir.display()
                ));
            }
        }
    }
    Ok(notices)
}

fn dir_size(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| e.path().symlink_metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| ctx(e, dir))
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// `YYYY-MM-DDTHH:MM:SSZ` (UTC) of a system time.
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_are_rfc3339_utc() {
        let at = |s| rfc3339(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_796_137_199), "2026-12-01T14:59:59Z");
    }

    fn entries(dir: &Path) -> Vec<std::ffi::OsString> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect()
    }

    fn write_set(out: &Path, body: &str) -> Manifest {
        let s = Staging::begin(out, &["a.txt", "b.txt"], AbortGuard::default()).unwrap();
        let mut files = vec![s.create("a.txt").unwrap(), s.create("b.txt").unwrap()];
        for f in &mut files {
            f.write_all(body.as_bytes()).unwrap();
        }
        s.commit(
            files.into_iter().map(|f| f.seal().unwrap()).collect(),
            Counts {
                documents: 1,
                failures: 0,
            },
            None,
            None,
        )
        .unwrap()
    }

    #[test]
    fn a_set_is_committed_with_its_manifest() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        let m = write_set(&out, "one");
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "one");
        let on_disk: Manifest =
            serde_json::from_slice(&fs::read(out.join(MANIFEST)).unwrap()).unwrap();
        assert_eq!(on_disk, m);
        assert_eq!(m.files[0].bytes, 3);
        assert_eq!(m.files[0].sha256, hex(&Sha256::digest(b"one")));
        assert_eq!(entries(&out).len(), 3, "{:?}", entries(&out));
    }

    #[test]
    fn planted_links_are_never_followed() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        fs::create_dir(&out).unwrap();
        let victim = t.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, out.join("a.txt.tmp")).unwrap();
        std::os::unix::fs::symlink(&victim, out.join("a.txt")).unwrap();
        std::os::unix::fs::symlink(t.path().join("nowhere"), out.join("b.txt")).unwrap();
        std::os::unix::fs::symlink(&victim, out.join(".polex-planted")).unwrap();
        write_set(&out, "new");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!t.path().join("nowhere").exists());
        for name in ["a.txt", "b.txt"] {
            let m = out.join(name).symlink_metadata().unwrap();
            assert!(m.is_file(), "{name} is not a regular file");
        }
        assert!(!out.join("a.txt.tmp").exists() && !out.join(".polex-planted").exists());
    }

    #[test]
    fn an_uncommitted_run_leaves_the_previous_set() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        let before = write_set(&out, "old");
        {
            let s = Staging::begin(&out, &["a.txt", "b.txt"], AbortGuard::default()).unwrap();
            let mut f = s.create("a.txt").unwrap();
            f.write_all(b"half").unwrap();
            // dropped without commit: an error in the middle of the run
        }
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "old");
        let m: Manifest = serde_json::from_slice(&fs::read(out.join(MANIFEST)).unwrap()).unwrap();
        assert_eq!(m, before);
        assert_eq!(entries(&out).len(), 3);
    }

    #[test]
    fn debris_of_killed_runs_is_removed_or_rolled_forward() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        write_set(&out, "old");
        // A run killed before its commit: only partial files.
        let dead = out.join(".polex-deadbeef");
        fs::create_dir(&dead).unwrap();
        fs::write(dead.join("a.txt"), "partial").unwrap();
        // A run killed after its commit, with a.txt already moved: b.txt and run.json remain.
        let done = out.join(".polex-feedface");
        fs::create_dir(&done).unwrap();
        fs::write(done.join("b.txt"), "newer").unwrap();
        let m = Manifest {
            polex_version: "x".into(),
            run_id: "feedface".into(),
            started: String::new(),
            finished: String::new(),
            inputs: 1,
            documents: 1,
            failures: 0,
            files: ["a.txt", "b.txt"]
                .map(|n| FileEntry {
                    name: n.into(),
                    bytes: 5,
                    sha256: String::new(),
                })
                .to_vec(),
            settings: None,
            shard: None,
        };
        fs::write(done.join(MANIFEST), serde_json::to_vec(&m).unwrap()).unwrap();
        let s = Staging::begin(&out, &["a.txt", "b.txt"], AbortGuard::default()).unwrap();
        let n = s.notices().to_vec();
        assert_eq!(n.len(), 2, "{n:?}");
        assert!(n[0].contains("removed the temporary files") && n[0].contains("deadbeef"));
        assert!(n[1].contains("completed the interrupted commit of run feedface"));
        assert_eq!(fs::read_to_string(out.join("b.txt")).unwrap(), "newer");
        assert!(!dead.exists() && !done.exists());
        drop(s);
        assert_eq!(entries(&out).len(), 3, "{:?}", entries(&out));
    }

    #[test]
    fn a_second_run_into_the_same_directory_is_refused() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        let first = Staging::begin(&out, &["a.txt"], AbortGuard::default()).unwrap();
        let e = Staging::begin(&out, &["a.txt"], AbortGuard::default())
            .err()
            .unwrap();
        assert!(e.to_string().contains("another polex run"), "{e}");
        // The refused run did not touch the first one's staging directory.
        assert!(first.dir().is_dir());
    }

    #[test]
    fn abort_removes_the_staging_directory() {
        let t = tempfile::tempdir().unwrap();
        let guard = AbortGuard::default();
        let s = Staging::begin(t.path(), &["a.txt"], guard.clone()).unwrap();
        let dir = s.dir().to_path_buf();
        assert!(dir.is_dir());
        assert!(guard.abort());
        assert!(!dir.exists());
        assert!(!guard.abort());
    }
}
