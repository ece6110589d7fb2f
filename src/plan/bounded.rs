//! Reading a plan or scenario file within the size limit, never blocking.
//!
//! The size in a file's metadata is not a bound: `/dev/zero`, `/dev/urandom`
//! and named pipes report 0 and never end. So only regular files are read
//! (a directory, a named pipe (FIFO), a character or block device or a
//! socket is refused by its type, looked up without opening it, so a pipe
//! with no writer cannot block), and even a regular file is read through a
//! reader capped one byte past the limit (a file in `/proc` also reports 0).
//! A file redirected into `/dev/stdin` is a regular file and is read; a
//! pipe into it is refused with the way round it. Text that is not UTF-8
//! is refused with the line and column of the first bad byte when the file
//! looks like text in another encoding (Latin-1). This module reads bytes;
//! it knows nothing about TOML.

use std::fs::{self, File, Metadata};
use std::io::Read;
use std::path::Path;

/// Reads a regular file of at most `limit` bytes as UTF-8 text; the error
/// is the reason, worded for "cannot read `PATH`: REASON".
pub fn read_text(path: &Path, limit: u64) -> Result<String, String> {
    let meta = fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.is_dir() {
        return Err("it is a directory, not a plan file".into());
    }
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() > limit {
        return Err(format!(
            "the file is {} bytes; plan files are limited to {limit} bytes",
            meta.len()
        ));
    }
    let file = File::open(path).map_err(|e| io_reason(&e))?;
    // The path may have been replaced between the look-up and the open.
    match file.metadata() {
        Ok(opened) if !opened.is_file() => return Err(not_regular(&opened)),
        _ => {}
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "the file is larger than {limit} bytes, the limit for plan files"
        ));
    }
    String::from_utf8(bytes).map_err(|e| not_utf8(e.as_bytes(), e.utf8_error().valid_up_to()))
}

/// Why a file that is not a regular file is refused.
fn not_regular(meta: &Metadata) -> String {
    let what = file_kind(meta);
    format!(
        "it is {what}, not a regular file; capplan reads plans and scenarios only from regular \
         files (save the text to a file first)"
    )
}

#[cfg(unix)]
fn file_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn file_kind(_: &Metadata) -> &'static str {
    "a device or pipe"
}

/// Why bytes that are not UTF-8 are refused: the offset for a binary file
/// (one with a NUL byte), the line and column for text in another encoding.
fn not_utf8(bytes: &[u8], valid_up_to: usize) -> String {
    let looks_binary = bytes.iter().take(8192).any(|b| *b == 0);
    if looks_binary {
        return format!("the file is not UTF-8 text (invalid byte at offset {valid_up_to})");
    }
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    // Columns count characters; the bytes before the bad one are valid UTF-8.
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    let byte = bytes.get(valid_up_to).copied().unwrap_or(0);
    format!(
        "the file is not UTF-8 text: byte 0x{byte:02X} at line {line}, column {column} \
         (offset {valid_up_to}) is not UTF-8; the file looks like Latin-1 or Windows-1252 \
         text: save it as UTF-8"
    )
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_text_names_the_line_and_column() {
        let bytes = b"[plan]\nname = \"Kosov\xe9\"\n";
        let err = String::from_utf8(bytes.to_vec()).unwrap_err();
        let reason = not_utf8(bytes, err.utf8_error().valid_up_to());
        assert!(
            reason.contains("byte 0xE9 at line 2, column 14"),
            "{reason}"
        );
    }

    #[test]
    fn binary_keeps_the_offset() {
        let bytes = b"PK\x03\x00\xff";
        assert_eq!(
            not_utf8(bytes, 4),
            "the file is not UTF-8 text (invalid byte at offset 4)"
        );
    }
}
