//! Atomic file writes: the new content goes to a temporary file beside the
//! target (same directory, so the same file system) and is renamed over the
//! target only once it is complete and flushed to disk. A failure at any
//! point leaves the target as it was (absent, or the old file, unchanged)
//! and removes the temporary file. Every exporter writes through here.
//!
//! A directory export (one CSV file per table) is written as one unit: the
//! files go into a hidden sibling directory, which is renamed into place
//! when the target does not exist yet, so a reader or a concurrent export
//! sees all the files of one run or none. Into an existing directory
//! (which may hold other files of the planner's) each file is renamed in
//! turn: every file is complete, but two exports racing into one existing
//! directory may leave files of both. Temporary files and directories are
//! registered with [`super::cleanup`], which removes them on SIGINT and
//! SIGTERM.

use super::ExportError;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_with(path, |file| file.write_all(bytes))
}

/// Fills a temporary file with `fill`, then renames it over `path`.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), ExportError> {
    let failed = |source: io::Error| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let directory = directory_of(path);
    let text = path.to_string_lossy();
    if path.is_dir() || text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        return Err(ExportError::IsADirectory {
            path: path.to_path_buf(),
        });
    }
    if !directory.is_dir() {
        return Err(ExportError::MissingDirectory {
            path: path.to_path_buf(),
            directory,
        });
    }
    let name = path.file_name().ok_or_else(|| {
        failed(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path names no file",
        ))
    })?;
    let (temp, mut file) = create_temp(&directory, &name.to_string_lossy()).map_err(failed)?;
    let _guard = super::cleanup::register(temp.clone());
    let written = fill(&mut file).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(failed(e));
    }
    sync_directory(&directory);
    Ok(())
}

/// Writes `files` (name, bytes) into `directory` as one unit: see the
/// module documentation.
pub fn write_directory(directory: &Path, files: &[(&str, Vec<u8>)]) -> Result<(), ExportError> {
    let failed = |path: &Path, source: io::Error| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let parent = directory_of(directory);
    let name = directory
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let temp = create_temp_dir(&parent, &name).map_err(|e| failed(directory, e))?;
    let _guard = super::cleanup::register(temp.clone());
    let result = fill_and_swap(directory, &temp, files);
    let _ = fs::remove_dir_all(&temp);
    result.map_err(|e| failed(directory, e))?;
    sync_directory(&parent);
    Ok(())
}

fn fill_and_swap(directory: &Path, temp: &Path, files: &[(&str, Vec<u8>)]) -> io::Result<()> {
    for (name, bytes) in files {
        let mut file = File::create(temp.join(name))?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    sync_directory(temp);
    if !directory.exists() && fs::rename(temp, directory).is_ok() {
        return Ok(());
    }
    // The directory exists (or appeared meanwhile): file by file.
    if !directory.is_dir() {
        fs::create_dir(directory).or_else(|e| if directory.is_dir() { Ok(()) } else { Err(e) })?;
    }
    for (name, _) in files {
        fs::rename(temp.join(name), directory.join(name))?;
    }
    sync_directory(directory);
    Ok(())
}

/// A new hidden directory `.NAME.PID.N.tmp` in `parent`.
fn create_temp_dir(parent: &Path, name: &str) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = parent.join(format!(".{name}.{}.{n}.dir.tmp", std::process::id()));
        match fs::create_dir(&temp) {
            Ok(()) => return Ok(temp),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(e),
        }
    }
}

/// The directory a path's file lives in (`.` for a bare file name).
fn directory_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A new hidden file `.NAME.PID.N.tmp` in `directory`, never an existing one.
fn create_temp(directory: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = directory.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Makes the rename durable where the platform allows it; best effort.
fn sync_directory(directory: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(directory) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = directory;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("capplan-atomic-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn writes_and_replaces_a_file() {
        let dir = scratch("replace");
        let target = dir.join("out.json");
        assert!(write(&target, b"first").is_ok());
        assert!(write(&target, b"second").is_ok());
        assert_eq!(fs::read(&target).unwrap_or_default(), b"second");
        assert_eq!(entries(&dir), vec!["out.json"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = scratch("fail");
        let target = dir.join("review.xlsx");
        fs::write(&target, b"old, complete content").unwrap_or_default();
        let result = write_with(&target, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        });
        match result {
            Err(ExportError::Write { path, source }) => {
                assert_eq!(path, target);
                assert_eq!(source.to_string(), "disk full");
            }
            other => panic!("expected a write error, got {other:?}"),
        }
        assert_eq!(
            fs::read(&target).unwrap_or_default(),
            b"old, complete content"
        );
        assert_eq!(entries(&dir), vec!["review.xlsx"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_directory_is_named() {
        let dir = scratch("missing");
        let target = dir.join("no").join("such").join("out.csv");
        match write(&target, b"x") {
            Err(ExportError::MissingDirectory { path, directory }) => {
                assert_eq!(path, target);
                assert_eq!(directory, dir.join("no").join("such"));
            }
            other => panic!("expected a missing directory, got {other:?}"),
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_directory_in_the_way_is_not_replaced() {
        let dir = scratch("in-the-way");
        let target = dir.join("out.json");
        fs::create_dir(&target).unwrap_or_default();
        fs::write(target.join("keep"), b"kept").unwrap_or_default();
        assert!(matches!(
            write(&target, b"x"),
            Err(ExportError::IsADirectory { .. })
        ));
        assert_eq!(fs::read(target.join("keep")).unwrap_or_default(), b"kept");
        assert_eq!(entries(&dir), vec!["out.json"]);
        let _ = fs::remove_dir_all(&dir);
    }
}
