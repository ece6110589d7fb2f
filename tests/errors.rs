//! The error catalogue: one small reproducer plan per diagnostic under
//! `tests/errors/`, each run through `capplan check`.
//!
//! Every reproducer opens with comments saying what mistake it shows,
//! followed by one `# expect: LINE:COL message` line per diagnostic it must
//! produce, in the order capplan reports them (file order). The test checks
//! those first, so a failure reads as "expected this at 12:5, got that",
//! then compares all of stderr with a reviewed snapshot in
//! `tests/snapshots/`. Read together, the reproducers and snapshots are the
//! user documentation of capplan's error messages.
//!
//! capplan runs with the crate root as its working directory and is given
//! relative paths (`tests/errors/x.toml`), so the paths in the snapshots do
//! not depend on where the repository is checked out.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// Where the reproducers live, relative to the crate root.
const CATALOGUE: &str = "tests/errors";

/// Exit code for invalid input (plan format, section 4).
const BAD_INPUT: i32 = 2;

/// What `capplan check PATH` did.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `capplan check <path>` from the crate root.
fn check(path: &str) -> Run {
    let out = Command::cargo_bin("capplan")
        .expect("capplan binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .arg(path)
        .output()
        .expect("run capplan");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every `tests/errors/*.toml`, sorted, as paths relative to the crate root.
fn reproducers() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(CATALOGUE);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/errors exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            let name = path.file_name().expect("file name").to_string_lossy();
            format!("{CATALOGUE}/{name}")
        })
        .collect();
    names.sort();
    names
}

/// One `# expect: LINE:COL message` line.
#[derive(Debug)]
struct Expected {
    line: usize,
    column: usize,
    message: String,
}

fn expectations(path: &str, text: &str) -> Vec<Expected> {
    text.lines()
        .filter_map(|line| line.strip_prefix("# expect: "))
        .map(|rest| {
            let (at, message) = rest
                .split_once(' ')
                .unwrap_or_else(|| panic!("{path}: `# expect:` needs LINE:COL and a message"));
            let (line, column) = at
                .split_once(':')
                .and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)))
                .unwrap_or_else(|| panic!("{path}: `{at}` is not LINE:COL"));
            Expected {
                line,
                column,
                message: message.to_string(),
            }
        })
        .collect()
}

/// The diagnostics in rendered stderr: (title, `file:line:col`) for each
/// `error: ...` line followed by a ` --> ` line.
fn reported(stderr: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = stderr.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let title = line.strip_prefix("error: ")?;
            let at = lines.get(i + 1)?.trim_start().strip_prefix("--> ")?;
            Some((title.to_string(), at.to_string()))
        })
        .collect()
}

/// Why one reproducer does not report what its comments say, if it does not.
fn mismatch(path: &str, run: &Run) -> Option<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .expect("read reproducer");
    if !text.starts_with('#') {
        return Some("must start with a comment saying what mistake it shows".into());
    }
    let expected = expectations(path, &text);
    if expected.is_empty() {
        return Some("has no `# expect: LINE:COL message` line".into());
    }
    if run.code != Some(BAD_INPUT) {
        return Some(format!("exit code {:?}, expected {BAD_INPUT}", run.code));
    }
    if !run.stdout.is_empty() {
        return Some(format!("printed to stdout:\n{}", run.stdout));
    }
    let got = reported(&run.stderr);
    let n = expected.len();
    let count = format!(
        "error: the plan has {n} problem{}",
        if n == 1 { "" } else { "s" }
    );
    let matches = got.len() == n
        && expected.iter().zip(&got).all(|(want, (title, at))| {
            *at == format!("{path}:{}:{}", want.line, want.column) && title.contains(&want.message)
        })
        && run.stderr.trim_end().ends_with(&count);
    if matches {
        return None;
    }
    let want: Vec<String> = expected
        .iter()
        .map(|e| format!("  {path}:{}:{} {}", e.line, e.column, e.message))
        .collect();
    let got: Vec<String> = got
        .iter()
        .map(|(title, at)| format!("  {at} {title}"))
        .collect();
    Some(format!(
        "expected, in order:\n{}\nreported:\n{}\nstderr:\n{}",
        want.join("\n"),
        got.join("\n"),
        run.stderr
    ))
}

/// The snapshot name of a reproducer: its file name without `.toml`.
fn snapshot_name(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .expect("file stem")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn every_reproducer_reports_what_it_expects() {
    let files = reproducers();
    assert!(
        files.len() >= 50,
        "the catalogue has only {} reproducers",
        files.len()
    );
    let runs: Vec<(String, Run)> = files.into_iter().map(|f| (f.clone(), check(&f))).collect();
    let failures: Vec<String> = runs
        .iter()
        .filter_map(|(path, run)| mismatch(path, run).map(|why| format!("{path}: {why}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} reproducer(s) do not report what they expect:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    for (path, run) in &runs {
        insta::assert_snapshot!(snapshot_name(path), run.stderr);
    }
}

/// Asserts a run failed as bad input with a message naming `path`.
fn assert_unreadable(run: &Run, path: &str, reason: &str) {
    assert_eq!(run.code, Some(BAD_INPUT), "stderr:\n{}", run.stderr);
    assert!(run.stdout.is_empty(), "stdout:\n{}", run.stdout);
    let title = format!("error: cannot read `{path}`: {reason}");
    assert!(
        run.stderr.contains(&title),
        "expected `{title}` in stderr:\n{}",
        run.stderr
    );
}

#[test]
fn missing_file() {
    let path = "tests/errors/no-such-plan.toml";
    let run = check(path);
    assert_unreadable(&run, path, "no such file");
    insta::assert_snapshot!("missing-file", run.stderr);
}

#[test]
fn directory() {
    let run = check(CATALOGUE);
    assert_unreadable(&run, CATALOGUE, "it is a directory, not a plan file");
    insta::assert_snapshot!("directory", run.stderr);
}

#[test]
fn binary_file() {
    // tests/errors/binary.bin: "PK", 0x03, 0x00, 0xff, ... (not text).
    let path = "tests/errors/binary.bin";
    let run = check(path);
    assert_unreadable(
        &run,
        path,
        "the file is not UTF-8 text (invalid byte at offset 4)",
    );
    insta::assert_snapshot!("binary-file", run.stderr);
}

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str) -> TempFile {
        let path = std::env::temp_dir().join(format!("capplan-{}-{name}", std::process::id()));
        TempFile(path)
    }

    fn path(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn zero_byte_file() {
    let file = TempFile::new("empty.toml");
    std::fs::write(&file.0, b"").expect("write temp file");
    let run = check(&file.path());
    assert_eq!(run.code, Some(BAD_INPUT), "stderr:\n{}", run.stderr);
    assert!(
        run.stderr.contains("error: the plan file is empty"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{}:1:1", file.path())),
        "{}",
        run.stderr
    );
}

#[test]
fn file_too_large() {
    let file = TempFile::new("huge.toml");
    let handle = std::fs::File::create(&file.0).expect("create temp file");
    // Sparse: the size is what matters; capplan must not read the bytes.
    handle.set_len(17 * 1024 * 1024).expect("grow temp file");
    drop(handle);
    let run = check(&file.path());
    assert_unreadable(
        &run,
        &file.path(),
        "the file is 17825792 bytes; plan files are limited to 16777216 bytes",
    );
}
