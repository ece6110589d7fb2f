//! `--set PATH=VALUE`: one value changed from the command line.
//!
//! Each argument becomes a source file of its own (named `--set ARG`), so
//! the path's segments and the value have spans like anything read from a
//! plan file, and a bad value is shown with a caret under it. The value is
//! TOML (`0.9`, `8`, `"EUR"`, `[0.5, 0.5]`, `{ isr = 2 }`); text that is not
//! TOML, such as `150M` or `min-cost`, is taken as a string, which the
//! amount parser reads for money fields and validation rejects elsewhere.
//! Whether the value suits its key is left to validation.

use super::entries::{self, id_of};
use super::path::{self, Segment, Target};
use crate::diagnostic::{Diagnostic, FileId, Problem, SourceMap, Span};
use crate::plan::tree::{self, Entry, Node, Table, Value};
use toml::de::DeValue;

/// Applies one `--set` argument to `plan`, registering it in `sources`.
pub(crate) fn apply_set(
    plan: &mut Node,
    arg: &str,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let file = sources.add(format!("--set {arg}"), arg);
    let Some(eq) = arg.find('=') else {
        diagnostics.push(
            Diagnostic::at(
                Span::new(file, 0..arg.len()),
                Problem::BadOverride {
                    path: arg.trim().into(),
                    reason: "expected PATH=VALUE, but there is no `=`".into(),
                },
            )
            .with_label("no `=` here")
            .with_help("write the value after `=`, as in `--set budget.scale=0.9`"),
        );
        return;
    };
    let (path_range, path_text) = trimmed(arg, 0..eq);
    let segments = segments(path_text, path_range.start, file);
    let (value_range, value_text) = trimmed(arg, eq + 1..arg.len());
    let value = if value_text.is_empty() {
        Err(vec![Diagnostic::at(
            Span::new(file, eq..eq + 1),
            Problem::BadOverride {
                path: path_text.into(),
                reason: "there is no value after `=`".into(),
            },
        )
        .with_label("no value after this")
        .with_help(
            "quote an empty string: `--set 'plan.currency=\"\"'`",
        )])
    } else if super::relative::is_relative(value_text) {
        // Read below, against the value the path has now.
        Ok(Node {
            value: Value::Str(value_text.into()),
            span: Span::new(file, value_range.clone()),
        })
    } else {
        parse_value(value_text, file, value_range.start)
    };
    let Some(root) = entries::root_table_mut(plan) else {
        return;
    };
    let whole = Span::new(file, path_range);
    let target = path::resolve(path_text, whole, &segments, root, diagnostics);
    let relative = super::relative::is_relative(value_text)
        .then(|| super::relative::parse(path_text, value_text, file, value_range.start));
    match (target, value) {
        (Some(target), Ok(value)) if relative.is_some() => {
            let at = value.span;
            let change = match relative {
                Some(Ok(change)) => change,
                Some(Err(d)) => return diagnostics.push(*d),
                None => return,
            };
            if let Some(value) =
                super::relative::apply(root, &target, path_text, change, at, diagnostics)
            {
                set_value(root, &target, path_text, value, diagnostics);
            }
        }
        (Some(target), Ok(value)) => set_value(root, &target, path_text, value, diagnostics),
        (_, value) => diagnostics.extend(value.err().into_iter().flatten()),
    }
}

/// The part of `text[range]` without surrounding white space.
fn trimmed(text: &str, range: std::ops::Range<usize>) -> (std::ops::Range<usize>, &str) {
    let inner = &text[range.clone()];
    let start = range.start + (inner.len() - inner.trim_start().len());
    let trimmed = inner.trim();
    (start..start + trimmed.len(), trimmed)
}

/// The dotted segments of a path written at `offset` in `file`.
fn segments(path: &str, offset: usize, file: FileId) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in path.split('.') {
        let (range, text) = trimmed(path, start..start + part.len());
        out.push(Segment {
            text: text.to_string(),
            span: Span::new(file, offset + range.start..offset + range.end),
        });
        start += part.len() + 1;
    }
    out
}

/// Parses a value written at `offset` in `file`.
fn parse_value(text: &str, file: FileId, offset: usize) -> Result<Node, Vec<Diagnostic>> {
    let whole = Span::new(file, offset..offset + text.len());
    match DeValue::parse(text) {
        Ok(parsed) => {
            let mut problems = Vec::new();
            let value = tree::convert_value(
                parsed.get_ref(),
                Span::new(file, parsed.span()),
                &mut problems,
            );
            let mut node = Node {
                value,
                span: Span::new(file, parsed.span()),
            };
            shift(&mut node, offset);
            if problems.is_empty() {
                Ok(node)
            } else {
                for d in &mut problems {
                    d.span = d.span.map(|s| moved(s, offset));
                }
                Err(problems)
            }
        }
        // Text that opens like a TOML string, array or table was meant
        // as one: say what is wrong with it rather than take it as text.
        Err(e) if text.starts_with(['"', '\'', '[', '{']) => {
            let span = e
                .span()
                .map_or(whole, |r| moved(Span::new(file, r), offset));
            Err(vec![Diagnostic::at(
                span,
                Problem::Syntax {
                    message: e.message().trim().to_string(),
                },
            )])
        }
        Err(_) => Ok(Node {
            value: Value::Str(text.to_string()),
            span: whole,
        }),
    }
}

fn moved(span: Span, offset: usize) -> Span {
    Span::new(span.file, span.start + offset..span.end + offset)
}

/// Moves every span of a node parsed from the value alone to where the
/// value is written in the argument.
fn shift(node: &mut Node, offset: usize) {
    node.span = moved(node.span, offset);
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(|n| shift(n, offset)),
        Value::Table(table) => {
            for e in &mut table.entries {
                e.key_span = moved(e.key_span, offset);
                shift(&mut e.node, offset);
            }
        }
        _ => {}
    }
}

/// Writes `value` where `target` says, creating tables on the way. A
/// table on the way that holds something else is reported (validation
/// reports the plan's own value too).
fn set_value(
    root: &mut Table,
    target: &Target,
    path: &str,
    value: Node,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let not_a_table = |segment: &Segment, what: String| {
        Diagnostic::at(
            segment.span,
            Problem::BadOverride {
                path: path.into(),
                reason: format!("{what} is not a table in the plan"),
            },
        )
    };
    if target.entry.is_none() && target.section == "fx" {
        if let Some(currency) = target.tables.first() {
            // `fx.USD.2026` on a one-rate currency: that rate for every
            // year, then the year set.
            crate::plan::validate::expand_flat_rate(root, &currency.text);
        }
    }
    let first = target.tables.first().unwrap_or(&target.key);
    let table = match &target.entry {
        None => child_table(root, target.section, first.span),
        Some((kind, id)) => entries::entries_mut(root, *kind)
            .and_then(|nodes| nodes.iter_mut().find(|n| id_of(n) == Some(id.as_str())))
            .and_then(|n| match &mut n.value {
                Value::Table(t) => Some(t),
                _ => None,
            }),
    };
    let Some(mut table) = table else {
        let what = match &target.entry {
            None => format!("[{}]", target.section),
            Some((kind, id)) => format!("{} `{id}`", kind.key()),
        };
        diagnostics.push(not_a_table(first, what));
        return;
    };
    for segment in &target.tables {
        match child_table(table, &segment.text, segment.span) {
            Some(child) => table = child,
            None => {
                diagnostics.push(not_a_table(segment, format!("`{}`", segment.text)));
                return;
            }
        }
    }
    let entry = Entry {
        key: target.key.text.clone(),
        key_span: target.key.span,
        node: value,
    };
    match table.get_mut(&target.key.text) {
        Some(existing) => *existing = entry,
        None => table.entries.push(entry),
    }
}

/// The table under `key`, created (empty, spanned at `span`) if absent;
/// `None` when the key holds something else.
fn child_table<'t>(table: &'t mut Table, key: &str, span: Span) -> Option<&'t mut Table> {
    if table.get(key).is_none() {
        table.entries.push(Entry {
            key: key.to_string(),
            key_span: span,
            node: Node {
                value: Value::Table(Table::default()),
                span,
            },
        });
    }
    match table.get_mut(key).map(|e| &mut e.node.value) {
        Some(Value::Table(t)) => Some(t),
        _ => None,
    }
}
