//! Ingest: find input files and decode their bytes. (temporary minimal version)

pub mod decode;

use std::path::PathBuf;

use crate::error::DocError;

pub struct Source {
    pub path: PathBuf,
    pub id: String,
}

pub struct Discovery {
    pub sources: Vec<Source>,
    pub errors: Vec<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read file list {0}: {1}")]
    List(String, String),
}

pub fn discover(
    inputs: &[PathBuf],
    _glob: &str,
    _files_from: Option<&str>,
) -> Result<Discovery, IngestError> {
    let mut sources = Vec::new();
    for root in inputs {
        let mut files: Vec<_> = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        files.sort();
        for f in files {
            let id = f
                .strip_prefix(root)
                .unwrap_or(&f)
                .to_string_lossy()
                .replace('\\', "/");
            sources.push(Source { path: f, id });
        }
    }
    Ok(Discovery {
        sources,
        errors: Vec::new(),
    })
}

pub fn read_source(src: &Source) -> Result<Vec<u8>, DocError> {
    std::fs::read(&src.path).map_err(|e| DocError::Read(e.to_string()))
}
