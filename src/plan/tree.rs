//! The raw plan: a TOML document as a tree of values with spans.
//!
//! Every node remembers the file and byte range it came from, so that a
//! value merged in from a scenario file still points into that file. The
//! tree keeps the file's key order. Nothing here knows what a plan means;
//! `validate` reads the tree into a [`crate::plan::Plan`].

use crate::diagnostic::{Diagnostic, FileId, Problem, Span};
use toml::de::{DeTable, DeValue};

/// A value and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

/// A TOML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A TOML date or time, kept as text: no plan key takes one.
    Datetime(String),
    Array(Vec<Node>),
    Table(Table),
}

/// A TOML table in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub entries: Vec<Entry>,
}

/// One `key = value` of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub node: Node,
}

impl Value {
    /// The TOML type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Bool(_) => "a boolean",
            Value::Datetime(_) => "a date",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

impl Table {
    /// The entry for `key`, if any.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The entry for `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| e.key == key)
    }
}

/// Parses TOML text into a tree. Syntax errors come back as diagnostics
/// (all that the parser could recover from, in file order).
pub fn parse(text: &str, file: FileId) -> Result<Node, Vec<Diagnostic>> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| {
                let range = first_line(text, e.span().unwrap_or(0..0));
                Diagnostic::at(
                    Span::new(file, range),
                    Problem::Syntax {
                        message: e.message().trim().to_string(),
                    },
                )
            })
            .collect());
    }
    let span = Span::new(file, 0..text.len());
    let mut problems = Vec::new();
    let table = convert_table(root.get_ref(), file, &mut problems);
    if problems.is_empty() {
        Ok(Node {
            value: Value::Table(table),
            span,
        })
    } else {
        Err(problems)
    }
}

/// The part of a range on its first line, so a syntax error's caret never
/// spans the rest of the file.
fn first_line(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = range.start.min(text.len());
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..range.end.clamp(start, line_end)
}

fn convert_table(table: &DeTable<'_>, file: FileId, problems: &mut Vec<Diagnostic>) -> Table {
    let entries = table
        .iter()
        .map(|(key, value)| Entry {
            key: key.get_ref().to_string(),
            key_span: Span::new(file, key.span()),
            node: Node {
                value: convert_value(value.get_ref(), Span::new(file, value.span()), problems),
                span: Span::new(file, value.span()),
            },
        })
        .collect();
    Table { entries }
}

pub(crate) fn convert_value(
    value: &DeValue<'_>,
    span: Span,
    problems: &mut Vec<Diagnostic>,
) -> Value {
    match value {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            let (negative, digits) = match digits.strip_prefix('-') {
                Some(rest) => (true, rest.to_string()),
                None => (false, digits.trim_start_matches('+').to_string()),
            };
            let digits = digits
                .trim_start_matches("0x")
                .trim_start_matches("0o")
                .trim_start_matches("0b");
            // The sign goes to the parser so that i64::MIN, valid TOML, reads.
            let signed = format!("{}{digits}", if negative { "-" } else { "" });
            match i64::from_str_radix(&signed, i.radix()) {
                Ok(n) => Value::Int(n),
                Err(_) => {
                    problems.push(Diagnostic::at(
                        span,
                        Problem::Syntax {
                            message: "integer out of range".into(),
                        },
                    ));
                    Value::Int(0)
                }
            }
        }
        DeValue::Float(x) => {
            let text = x.as_str().replace('_', "");
            Value::Float(text.parse::<f64>().unwrap_or(f64::NAN))
        }
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| {
                    let span = Span::new(span.file, item.span());
                    Node {
                        value: convert_value(item.get_ref(), span, problems),
                        span,
                    }
                })
                .collect(),
        ),
        DeValue::Table(t) => Value::Table(convert_table(t, span.file, problems)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceMap;

    fn parse_text(text: &str) -> Result<Node, Vec<Diagnostic>> {
        let mut map = SourceMap::new();
        let file = map.add("t.toml", text);
        parse(text, file)
    }

    #[test]
    fn keeps_file_order_and_spans() {
        let text = "b = 1\na = \"x\"\n";
        let Value::Table(t) = parse_text(text).unwrap().value else {
            panic!("root is a table")
        };
        assert_eq!(t.entries[0].key, "b");
        assert_eq!(t.entries[1].key, "a");
        assert_eq!(t.entries[1].node.span.range(), 10..13);
    }

    #[test]
    fn reads_numbers_of_every_form() {
        let text = "a = 67_000_000\nb = 6.7e7\nc = -5\nd = 0x10\ne = nan\n";
        let Value::Table(t) = parse_text(text).unwrap().value else {
            panic!("root is a table")
        };
        assert_eq!(t.get("a").unwrap().node.value, Value::Int(67_000_000));
        assert_eq!(t.get("b").unwrap().node.value, Value::Float(6.7e7));
        assert_eq!(t.get("c").unwrap().node.value, Value::Int(-5));
        assert_eq!(t.get("d").unwrap().node.value, Value::Int(16));
        assert!(matches!(t.get("e").unwrap().node.value, Value::Float(x) if x.is_nan()));
    }

    #[test]
    fn syntax_errors_have_spans() {
        let errors = parse_text("[plan]\nname = \n").unwrap_err();
        assert!(!errors.is_empty());
        assert!(matches!(errors[0].problem, Problem::Syntax { .. }));
        assert!(errors[0].span.is_some());
    }
}
