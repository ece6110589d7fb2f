//! Typed reading of the raw tree, collecting every problem.
//!
//! A [`TableReader`] hands out the keys a section knows and, when finished,
//! reports every key it was never asked for as unknown, with a
//! did-you-mean. The `read_*` functions turn one value into a Rust type or
//! record why they cannot.

use super::amount::{amount_from_units, parse_amount_text};
use super::tree::{Entry, Node, Table, Value};
use crate::diagnostic::{Diagnostic, Location, Problem, SourceMap, Span};
use crate::money::Money;
use crate::suggest;

/// Where validation writes what it finds.
pub struct Ctx<'s> {
    pub sources: &'s SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'s> Ctx<'s> {
    /// A context over the given sources.
    pub fn new(sources: &'s SourceMap) -> Ctx<'s> {
        Ctx {
            sources,
            diagnostics: Vec::new(),
        }
    }

    /// Records a problem at a span.
    pub fn report(&mut self, span: Span, problem: Problem) {
        self.diagnostics.push(Diagnostic::at(span, problem));
    }

    /// Records a finished diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// File, line and column of a span.
    pub fn locate(&self, span: Span) -> Location {
        self.sources.locate(span)
    }
}

/// Reads the keys of one table and remembers which were read.
pub struct TableReader<'a> {
    table: &'a Table,
    span: Span,
    section: String,
    known: &'static [&'static str],
    used: Vec<bool>,
    /// Required keys found missing, reported by `finish`.
    missing: Vec<String>,
}

impl<'a> TableReader<'a> {
    /// A reader over `node`, which must be a table (else a problem is
    /// recorded and `None` returned). `known` lists every key the section has.
    pub fn new(
        node: &'a Node,
        section: impl Into<String>,
        known: &'static [&'static str],
        cx: &mut Ctx<'_>,
    ) -> Option<TableReader<'a>> {
        let section = section.into();
        match &node.value {
            Value::Table(table) => Some(TableReader {
                used: vec![false; table.entries.len()],
                missing: Vec::new(),
                table,
                span: node.span,
                section,
                known,
            }),
            other => {
                cx.report(
                    node.span,
                    Problem::WrongType {
                        key: section,
                        expected: "a table",
                        found: other.type_name(),
                    },
                );
                None
            }
        }
    }

    /// Reports missing keys at `span` instead of the whole table (for the
    /// root table, whose span is the whole file).
    pub fn missing_at(mut self, span: Span) -> TableReader<'a> {
        self.span = span;
        self
    }

    /// The entry for `key`, if present.
    pub fn get(&mut self, key: &str) -> Option<&'a Entry> {
        debug_assert!(self.known.contains(&key), "{key} not declared");
        let index = self.table.entries.iter().position(|e| e.key == key)?;
        self.used[index] = true;
        Some(&self.table.entries[index])
    }

    /// The entry for `key`; if it is absent, `finish` reports it missing.
    pub fn require(&mut self, key: &str) -> Option<&'a Entry> {
        let entry = self.get(key);
        if entry.is_none() {
            self.missing.push(key.into());
        }
        entry
    }

    /// Reports every key that was never read, and every required key that
    /// is missing, except one that an unknown key is a misspelling of: the
    /// typo is the one problem then, and its help names the key.
    pub fn finish(self, cx: &mut Ctx<'_>) {
        let mut misspelt: Vec<&str> = Vec::new();
        for (entry, used) in self.table.entries.iter().zip(&self.used) {
            if *used {
                continue;
            }
            if let Some(key) = suggest::closest(&entry.key, self.missing.iter().map(String::as_str))
            {
                misspelt.push(key);
            }
            let mut d = Diagnostic::at(
                entry.key_span,
                Problem::UnknownKey {
                    key: entry.key.clone(),
                    section: self.section.clone(),
                },
            );
            if let Some(help) =
                suggest::help_for(&entry.key, "known keys", self.known.iter().copied())
            {
                d = d.with_help(help);
            }
            cx.push(d);
        }
        for key in &self.missing {
            if !misspelt.contains(&key.as_str()) {
                cx.report(
                    self.span,
                    Problem::MissingKey {
                        key: key.clone(),
                        section: self.section.clone(),
                    },
                );
            }
        }
    }
}

fn wrong_type(entry: &Entry, expected: &'static str, cx: &mut Ctx<'_>) {
    cx.report(
        entry.node.span,
        Problem::WrongType {
            key: entry.key.clone(),
            expected,
            found: entry.node.value.type_name(),
        },
    );
}

/// A string value.
pub fn read_string(entry: &Entry, cx: &mut Ctx<'_>) -> Option<String> {
    match &entry.node.value {
        Value::Str(s) => printable(&entry.key, s, entry.node.span, cx).then(|| s.clone()),
        _ => {
            wrong_type(entry, "a string", cx);
            None
        }
    }
}

/// Whether a string is free of control characters; if not, the problem is
/// recorded (it would reach terminals, HTML and spreadsheets raw).
fn printable(key: &str, text: &str, span: Span, cx: &mut Ctx<'_>) -> bool {
    match super::printable::first_unprintable(text) {
        None => true,
        Some(c) => {
            cx.push(
                Diagnostic::at(
                    span,
                    Problem::ControlCharacter {
                        key: key.into(),
                        found: super::printable::describe(c),
                    },
                )
                .with_help(
                    "remove it; write plain text (a line break or tab is not allowed either)",
                ),
            );
            false
        }
    }
}

/// A boolean value.
pub fn read_bool(entry: &Entry, cx: &mut Ctx<'_>) -> Option<bool> {
    match &entry.node.value {
        Value::Bool(b) => Some(*b),
        _ => {
            wrong_type(entry, "true or false", cx);
            None
        }
    }
}

/// An integer value.
pub fn read_integer(entry: &Entry, cx: &mut Ctx<'_>) -> Option<i64> {
    match &entry.node.value {
        Value::Int(n) => Some(*n),
        _ => {
            wrong_type(entry, "an integer", cx);
            None
        }
    }
}

/// A calendar year: an integer from 1 to 9999.
pub fn read_year(entry: &Entry, cx: &mut Ctx<'_>) -> Option<i32> {
    let n = read_integer(entry, cx)?;
    check_year(n, entry.node.span, &entry.key, cx)
}

/// Checks that `n` is a plausible calendar year.
pub fn check_year(n: i64, span: Span, key: &str, cx: &mut Ctx<'_>) -> Option<i32> {
    if (1..=9999).contains(&n) {
        Some(n as i32)
    } else {
        cx.report(
            span,
            Problem::OutOfRange {
                key: key.into(),
                rule: "a year from 1 to 9999".into(),
            },
        );
        None
    }
}

/// A table key that must be a year, such as `2024` in `[budget.years]`.
pub fn read_year_key(entry: &Entry, table_key: &str, cx: &mut Ctx<'_>) -> Option<i32> {
    // Digits only: `+2025` and ` 2025` are not years (Rust would read them).
    let digits = !entry.key.is_empty() && entry.key.bytes().all(|b| b.is_ascii_digit());
    match entry.key.parse::<i64>().ok().filter(|_| digits) {
        Some(n) => check_year(n, entry.key_span, &format!("{table_key}.{}", entry.key), cx),
        None => {
            let mut d = Diagnostic::at(
                entry.key_span,
                Problem::WrongType {
                    key: format!("{table_key}.{}", entry.key),
                    expected: "a year such as 2024",
                    found: "another key",
                },
            );
            let bare = entry.key.trim().trim_start_matches('+');
            if !bare.is_empty() && bare.bytes().all(|b| b.is_ascii_digit()) {
                d = d.with_help(format!("write the year with digits only: `{bare}`"));
            }
            cx.push(d);
            None
        }
    }
}

/// A finite number (integer or float) held by any node, named `key` in
/// messages (such as `targets.2028` for a value inside a table).
pub fn read_number_node(node: &Node, key: &str, cx: &mut Ctx<'_>) -> Option<f64> {
    let x = match &node.value {
        Value::Int(n) => *n as f64,
        Value::Float(x) => *x,
        other => {
            let mut d = Diagnostic::at(
                node.span,
                Problem::WrongType {
                    key: key.into(),
                    expected: "a number",
                    found: other.type_name(),
                },
            );
            // `"0,9"`, `"37%"`: a number written as a document would.
            if let Some(hint) = match other {
                Value::Str(s) => super::amount::amount_hint(s),
                _ => None,
            } {
                d = d.with_help(format!("write `{hint}`"));
            }
            cx.push(d);
            return None;
        }
    };
    if x.is_finite() {
        Some(x)
    } else {
        cx.report(
            node.span,
            Problem::OutOfRange {
                key: key.into(),
                rule: "a finite number".into(),
            },
        );
        None
    }
}

/// A number satisfying `ok`, described by `rule` ("a fraction from 0 to 1").
pub fn read_number_where(
    entry: &Entry,
    rule: &str,
    ok: impl Fn(f64) -> bool,
    cx: &mut Ctx<'_>,
) -> Option<f64> {
    read_number_node_where(&entry.node, &entry.key, rule, ok, cx)
}

/// [`read_number_where`] for any node, named `key` in messages. A number
/// that keeps its key's rule must also keep [`check_magnitude`].
pub fn read_number_node_where(
    node: &Node,
    key: &str,
    rule: &str,
    ok: impl Fn(f64) -> bool,
    cx: &mut Ctx<'_>,
) -> Option<f64> {
    let x = read_number_node(node, key, cx)?;
    if ok(x) {
        check_magnitude(x, node.span, key, cx)
    } else {
        cx.report(
            node.span,
            Problem::OutOfRange {
                key: key.into(),
                rule: rule.into(),
            },
        );
        None
    }
}

/// The smallest size a number of a plan (points, weights, shares, units;
/// not amounts or years) may have unless it is 0.
pub const SMALLEST_NUMBER: f64 = 1e-9;

/// The largest size a number of a plan (points, weights, shares, units;
/// not amounts or years) may have.
pub const LARGEST_NUMBER: f64 = 1e9;

/// Checks that a number is 0 or between [`SMALLEST_NUMBER`] and
/// [`LARGEST_NUMBER`] in size. Beyond that, the solver's floating point
/// loses it against the other numbers of the plan (and a number such as
/// `1e-308` breaks its arithmetic outright); it is always a typo.
pub fn check_magnitude(x: f64, span: Span, key: &str, cx: &mut Ctx<'_>) -> Option<f64> {
    let rule = if x != 0.0 && x.abs() < SMALLEST_NUMBER {
        "at least 1e-9 when it is not 0"
    } else if x.abs() > LARGEST_NUMBER {
        "at most 1e9"
    } else {
        return Some(x);
    };
    cx.push(
        Diagnostic::at(
            span,
            Problem::OutOfRange {
                key: key.into(),
                rule: rule.into(),
            },
        )
        .with_help(
            "points, weights, shares and units are 0 or between 1e-9 and 1e9 in size; \
             check the exponent",
        ),
    );
    None
}

/// A money amount: a number, or a string such as `"67M"`.
pub fn read_amount(entry: &Entry, cx: &mut Ctx<'_>) -> Option<Money> {
    read_amount_node(&entry.node, &entry.key, cx)
}

/// A money amount held by any node (a table value or an array element).
pub fn read_amount_node(node: &Node, key: &str, cx: &mut Ctx<'_>) -> Option<Money> {
    let parsed = match &node.value {
        Value::Int(n) => amount_from_units(*n as f64),
        Value::Float(x) => amount_from_units(*x),
        Value::Str(s) => parse_amount_text(s),
        other => {
            cx.report(
                node.span,
                Problem::WrongType {
                    key: key.into(),
                    expected: "an amount such as 67000000 or \"67M\"",
                    found: other.type_name(),
                },
            );
            return None;
        }
    };
    match parsed {
        Ok(m) => Some(m),
        Err(reason) => {
            cx.report(
                node.span,
                Problem::BadAmount {
                    key: key.into(),
                    reason,
                },
            );
            None
        }
    }
}

/// An array; each element is passed to `read` with its node.
pub fn read_array<'a>(entry: &'a Entry, cx: &mut Ctx<'_>) -> Option<&'a [Node]> {
    match &entry.node.value {
        Value::Array(items) => Some(items),
        _ => {
            wrong_type(entry, "an array", cx);
            None
        }
    }
}

/// An array of strings, each with its span.
pub fn read_string_list(entry: &Entry, cx: &mut Ctx<'_>) -> Option<Vec<(String, Span)>> {
    let nodes = read_array(entry, cx)?;
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        match &node.value {
            Value::Str(s) => {
                if printable(&entry.key, s, node.span, cx) {
                    out.push((s.clone(), node.span));
                }
            }
            other => cx.report(
                node.span,
                Problem::WrongType {
                    key: entry.key.clone(),
                    expected: "a list of strings",
                    found: other.type_name(),
                },
            ),
        }
    }
    Some(out)
}

/// An inline or standard table.
pub fn read_table<'a>(entry: &'a Entry, cx: &mut Ctx<'_>) -> Option<&'a Table> {
    match &entry.node.value {
        Value::Table(t) => Some(t),
        _ => {
            wrong_type(entry, "a table", cx);
            None
        }
    }
}
