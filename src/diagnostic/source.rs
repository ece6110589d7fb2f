//! Source files and spans.
//!
//! A [`SourceMap`] owns the text of every file read in one run (the plan and
//! its scenarios) so that any [`Span`] can be turned back into a file name,
//! line, column and the offending line. Nothing here knows about plans.

use std::ops::Range;

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(usize);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span of `range` in `file`.
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span {
            file,
            start: range.start,
            end: range.end,
        }
    }

    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One source file: the name it is shown by, and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// A place in a file, the way a planner reads it: `plans/ksf.toml:12:5`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Every file read in one run.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    /// Byte offsets at which each line of each file starts, so that
    /// locating a span does not scan the file from its start (thousands of
    /// items in a large file would take minutes).
    line_starts: Vec<Vec<usize>>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let text = text.into();
        let newlines = text.match_indices('\n').map(|(i, _)| i + 1);
        self.line_starts
            .push(std::iter::once(0).chain(newlines).collect());
        self.files.push(SourceFile {
            name: name.into(),
            text,
        });
        FileId(self.files.len() - 1)
    }

    /// Every file, in the order they were read.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    /// The file behind an id.
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// File, line and column of the start of a span.
    pub fn locate(&self, span: Span) -> Location {
        let file = self.file(span.file);
        let start = floor_char_boundary(&file.text, span.start);
        let starts = &self.line_starts[span.file.0];
        // The first line starts at 0, so at least one start is <= `start`.
        let line = starts.partition_point(|&s| s <= start);
        let line_start = starts[line - 1];
        let column = file.text[line_start..start].chars().count() + 1;
        Location {
            file: file.name.clone(),
            line,
            column,
        }
    }
}

/// The largest char boundary at or before `index`.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column() {
        let mut map = SourceMap::new();
        let id = map.add("p.toml", "[plan]\nname = \"x\"\n");
        let loc = map.locate(Span::new(id, 14..17));
        assert_eq!((loc.line, loc.column), (2, 8));
        assert_eq!(loc.to_string(), "p.toml:2:8");
    }

    #[test]
    fn locates_line_starts_and_the_end_of_the_text() {
        let mut map = SourceMap::new();
        let id = map.add("p.toml", "a\n\nbc\nd");
        let at = |start: usize| {
            let loc = map.locate(Span::new(id, start..start));
            (loc.line, loc.column)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(1), (1, 2));
        assert_eq!(at(2), (2, 1));
        assert_eq!(at(3), (3, 1));
        assert_eq!(at(5), (3, 3));
        assert_eq!(at(6), (4, 1));
        assert_eq!(at(7), (4, 2));
        assert_eq!(at(99), (4, 2));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let mut map = SourceMap::new();
        let id = map.add("p.toml", "name = \"Kosovë\" x");
        let loc = map.locate(Span::new(id, 17..18));
        assert_eq!(loc.column, 17);
    }
}
