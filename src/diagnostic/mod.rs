//! Diagnostics: problems with a place in a file, rendered the way rustc does.
//!
//! Validation collects every [`Diagnostic`] it finds rather than stopping at
//! the first; [`render`] turns them into text that names the file, line and
//! column and shows the offending line with a caret, a label and a help line.
//! This module never decides what is wrong; it only says it.

mod problem;
mod source;

pub use problem::Problem;
pub use source::{floor_char_boundary, FileId, Location, SourceFile, SourceMap, Span};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// A problem, where it is, and how to fix it.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub problem: Problem,
    /// Where the problem is; `None` for a file that could not be read.
    pub span: Option<Span>,
    /// Text under the caret; defaults to the problem's own label.
    pub label: String,
    /// A hint such as "did you mean `p2`?".
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `span`.
    pub fn at(span: Span, problem: Problem) -> Diagnostic {
        Diagnostic {
            label: problem.label(),
            problem,
            span: Some(span),
            help: None,
        }
    }

    /// A diagnostic with no place in a file.
    pub fn nowhere(problem: Problem) -> Diagnostic {
        Diagnostic {
            label: problem.label(),
            problem,
            span: None,
            help: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Replaces the label under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }
}

/// The most diagnostics shown at once: past that a planner reads no more,
/// and a table of thousands of bad entries would take minutes to show.
pub const MAX_SHOWN: usize = 50;

/// Input that could not be turned into a plan: every diagnostic found, with
/// the sources needed to show them.
#[derive(Debug)]
pub struct InvalidInput {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
}

impl InvalidInput {
    /// Collected diagnostics, put in file order (file, then position) so a
    /// planner reads them top to bottom.
    pub fn new(mut diagnostics: Vec<Diagnostic>, sources: SourceMap) -> InvalidInput {
        diagnostics.sort_by_key(|d| d.span.map(|s| (s.file, s.start)));
        InvalidInput {
            diagnostics,
            sources,
        }
    }

    /// Renders the diagnostics (the first [`MAX_SHOWN`] of them), then a
    /// count.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for diagnostic in self.diagnostics.iter().take(MAX_SHOWN) {
            out.push_str(&render(diagnostic, &self.sources, color));
            out.push_str("\n\n");
        }
        let n = self.diagnostics.len();
        out.push_str(&format!(
            "error: the plan has {n} problem{}",
            if n == 1 { "" } else { "s" }
        ));
        if n > MAX_SHOWN {
            out.push_str(&format!("; the first {MAX_SHOWN} are shown"));
        }
        out
    }
}

impl std::fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for InvalidInput {}

/// Renders one diagnostic rustc-style: title, `--> file:line:col`, the line
/// with a caret and label, then the help line.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    let title = diagnostic.problem.to_string();
    let mut group = Group::with_title(Level::ERROR.primary_title(&title));
    if let Some(span) = diagnostic.span {
        let file = sources.file(span.file);
        let range = visible_range(&file.text, span);
        group = group.element(
            Snippet::source(&file.text)
                .path(&file.name)
                .annotation(AnnotationKind::Primary.span(range).label(&diagnostic.label)),
        );
    }
    let mut report = vec![group];
    if let Some(help) = &diagnostic.help {
        report.push(Group::with_title(Level::HELP.secondary_title(help)));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&report)
}

/// A span clamped to the text and to char boundaries, at least one
/// character wide where the text allows, so a caret always shows.
fn visible_range(text: &str, span: Span) -> std::ops::Range<usize> {
    let start = floor_char_boundary(text, span.start);
    let mut end = floor_char_boundary(text, span.end.max(start));
    let next = text[start..].chars().next();
    if end == start && next.is_some_and(|c| c != '\n' && c != '\r') {
        end = start + next.map_or(0, char::len_utf8);
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_caret_and_help() {
        let mut sources = SourceMap::new();
        let text = "[plan]\nnmae = \"x\"\n";
        let file = sources.add("p.toml", text);
        let d = Diagnostic::at(
            Span::new(file, 7..11),
            Problem::UnknownKey {
                key: "nmae".into(),
                section: "[plan]".into(),
            },
        )
        .with_help("did you mean `name`?");
        let out = render(&d, &sources, false);
        assert!(out.contains("error: unknown key `nmae` in [plan]"), "{out}");
        assert!(out.contains("p.toml:2:1"), "{out}");
        assert!(out.contains("nmae = \"x\""), "{out}");
        assert!(out.contains("^^^^ unknown key"), "{out}");
        assert!(out.contains("help: did you mean `name`?"), "{out}");
    }
}
