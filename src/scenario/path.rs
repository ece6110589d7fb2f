//! `--set` paths: which value of the plan a path names.
//!
//! A path is a dotted list of segments that must follow the plan format:
//! `plan.KEY`, `budget.KEY`, `budget.years.YEAR`, `KIND.ID.KEY` and, for
//! the table-valued keys, `item.ID.contributes.GOAL`, `item.ID.fixed.YEAR`,
//! `goal.ID.targets.YEAR`. Section names and keys come from the validator's
//! own key lists; ids from the merged plan. An unknown segment gets a
//! did-you-mean, and when every bad segment has a likely correction the
//! help names the whole corrected path. Years are not checked here:
//! validation checks them like any year written in a file.

use super::entries::{self, Kind};
use crate::diagnostic::{Diagnostic, Problem, Span};
use crate::plan::tree::Table;
use crate::plan::validate::{
    BUDGET_KEYS, CUT_KEYS, ESCALATION_KEYS, EXECUTION_KEYS, PLAN_KEYS, ROOT_KEYS, UNCERTAINTY_KEYS,
};
use crate::suggest;

/// One dotted segment of a path and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Segment {
    pub text: String,
    pub span: Span,
}

/// The value a path names.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Target {
    /// The entry holding the value, or `None` for `[plan]` and `[budget]`.
    pub entry: Option<(Kind, String)>,
    /// `plan` or `budget` when `entry` is `None`.
    pub section: &'static str,
    /// Keys from the section or entry down to the table holding the value
    /// (each created if absent); empty when the section or entry holds it.
    pub tables: Vec<Segment>,
    /// The key to set.
    pub key: Segment,
}

impl Target {
    fn new(
        entry: Option<(Kind, String)>,
        section: &'static str,
        mut keys: Vec<Segment>,
    ) -> Option<Target> {
        let key = keys.pop()?;
        Some(Target {
            entry,
            section,
            tables: keys,
            key,
        })
    }
}

/// What a segment may be.
enum Expect<'a> {
    /// One of these names.
    OneOf(Vec<&'a str>, &'static str),
    /// Any non-empty key (a year; validation checks it).
    Any(&'static str),
}

/// Resolves `segments` against the merged plan, or records why they name
/// nothing. `path` is the path as written, for messages, and `whole`
/// where it is written.
pub(crate) fn resolve(
    path: &str,
    whole: Span,
    segments: &[Segment],
    plan: &Table,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Target> {
    let mut walk = Walk {
        path,
        segments,
        plan,
        at: 0,
        corrected: Vec::new(),
        first_error: None,
        help: None,
    };
    let target = walk.run();
    match walk.first_error {
        None if target.is_some() => target,
        None => {
            // Defensive: `run` gives up only after recording an error.
            diagnostics.push(Diagnostic::at(
                whole,
                Problem::BadOverride {
                    path: path.into(),
                    reason: "the path names nothing in the plan".into(),
                },
            ));
            None
        }
        Some(d) => {
            let help = walk
                .help
                .unwrap_or_else(|| format!("did you mean `{}`?", walk.corrected.join(".")));
            diagnostics.push(d.with_help(help));
            None
        }
    }
}

/// The likely correction of a misspelt segment: the usual did-you-mean,
/// or else the one name a single edit away (short ids such as `c3` for
/// `c4` are too short for a similarity score to trust).
fn nearest<'n>(word: &str, names: &[&'n str]) -> Option<&'n str> {
    if let Some(best) = suggest::closest(word, names.iter().copied()) {
        return Some(best);
    }
    let mut one_edit = names.iter().filter(|n| strsim::levenshtein(word, n) == 1);
    match (one_edit.next(), one_edit.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// A walk down the segments, correcting as it goes.
struct Walk<'a> {
    path: &'a str,
    segments: &'a [Segment],
    plan: &'a Table,
    at: usize,
    /// The path so far, with bad segments replaced by their likely
    /// correction.
    corrected: Vec<String>,
    /// The first problem found.
    first_error: Option<Diagnostic>,
    /// Set when some segment has no likely correction: what is valid there.
    help: Option<String>,
}

impl<'a> Walk<'a> {
    fn run(&mut self) -> Option<Target> {
        let section = self.next(
            Expect::OneOf(ROOT_KEYS.to_vec(), "sections"),
            "there is no section",
        )?;
        if let Some(kind) = Kind::from_key(&section.text) {
            let id = self.next_id(kind)?;
            let keys: Vec<&str> = kind.keys().iter().copied().filter(|k| *k != "id").collect();
            let what = match kind {
                Kind::Phase => "keys of [[phase]]",
                Kind::Item => "keys of [[item]]",
                Kind::Goal => "keys of [[goal]]",
                Kind::Source => "keys of [[source]]",
            };
            let key = self.next_key(kind.header(), keys, what)?;
            let mut found = vec![key.clone()];
            if kind.table_keys().contains(&key.text.as_str()) {
                let sub = if kind == Kind::Item && key.text == "contributes" {
                    let goals = entries::ids(self.plan, Kind::Goal);
                    self.optional(Expect::OneOf(goals, "known goals"), "there is no goal")
                } else {
                    self.optional(Expect::Any("a year"), "")
                };
                found.extend(sub);
            }
            self.end(&found)?;
            Target::new(Some((kind, id)), kind.key(), found)
        } else if section.text == "uncertainty" {
            self.uncertainty()
        } else if section.text == "fx" {
            // fx.CUR or fx.CUR.YEAR (section 8).
            let currency = self.next(Expect::Any("a currency"), "")?;
            let mut found = vec![currency];
            found.extend(self.optional(Expect::Any("a year"), ""));
            self.end(&found)?;
            Target::new(None, "fx", found)
        } else if section.text == "escalation" {
            // escalation.default or escalation.categories.CATEGORY.
            let key = self.next_key(
                "[escalation]",
                ESCALATION_KEYS.to_vec(),
                "keys of [escalation]",
            )?;
            let mut found = vec![key.clone()];
            if key.text == "categories" {
                found.extend(self.optional(Expect::Any("a category"), ""));
            }
            self.end(&found)?;
            Target::new(None, "escalation", found)
        } else {
            let (name, keys, header): (&'static str, &[&'static str], &str) =
                if section.text == "plan" {
                    ("plan", PLAN_KEYS, "[plan]")
                } else {
                    ("budget", BUDGET_KEYS, "[budget]")
                };
            let what = if name == "plan" {
                "keys of [plan]"
            } else {
                "keys of [budget]"
            };
            let key = self.next_key(header, keys.to_vec(), what)?;
            let mut found = vec![key.clone()];
            if name == "budget" && key.text == "years" {
                found.extend(self.optional(Expect::Any("a year"), ""));
            }
            self.end(&found)?;
            Target::new(None, name, found)
        }
    }

    /// `uncertainty.TABLE.KEY`: `cut` has its own keys, the triangles
    /// (`execution`, `grants`, `fx`) share theirs.
    fn uncertainty(&mut self) -> Option<Target> {
        let table = self.next(
            Expect::OneOf(UNCERTAINTY_KEYS.to_vec(), "keys of [uncertainty]"),
            "[uncertainty] has no key",
        )?;
        let (keys, what) = if table.text == "cut" {
            (CUT_KEYS, "keys of uncertainty.cut")
        } else {
            (EXECUTION_KEYS, "keys of a triangle (low, mode, high)")
        };
        let key = self.next(Expect::OneOf(keys.to_vec(), what), "there is no key")?;
        let found = vec![table, key];
        self.end(&found)?;
        Target::new(None, "uncertainty", found)
    }

    /// A key of `header`; `id` may not be set.
    fn next_key(
        &mut self,
        header: &str,
        keys: Vec<&'a str>,
        what: &'static str,
    ) -> Option<Segment> {
        if self.segments.get(self.at).is_some_and(|s| s.text == "id") {
            let span = self.segments[self.at].span;
            self.fail(
                span,
                "an entry's `id` cannot be set (a scenario can remove the entry and add another)"
                    .into(),
                "not settable",
            );
            self.help = Some("to rename an entry, use a scenario file".into());
            return None;
        }
        self.next(Expect::OneOf(keys, what), &format!("{header} has no key"))
    }

    /// The id of an entry; an id may itself contain dots, so the longest
    /// run of segments that spells a known id wins.
    fn next_id(&mut self, kind: Kind) -> Option<String> {
        let ids = entries::ids(self.plan, kind);
        let rest = &self.segments[self.at.min(self.segments.len())..];
        for n in (2..=rest.len()).rev() {
            let joined: Vec<&str> = rest[..n].iter().map(|s| s.text.as_str()).collect();
            let joined = joined.join(".");
            if ids.contains(&joined.as_str()) {
                self.at += n;
                self.corrected.push(joined.clone());
                return Some(joined);
            }
        }
        let what = match kind {
            Kind::Phase => "known phases",
            Kind::Item => "known items",
            Kind::Goal => "known goals",
            Kind::Source => "known sources",
        };
        let no = format!("there is no {}", kind.key());
        self.next(Expect::OneOf(ids, what), &no).map(|s| s.text)
    }

    /// The next segment, which must exist.
    fn next(&mut self, expect: Expect<'a>, unknown: &str) -> Option<Segment> {
        let Some(segment) = self.segments.get(self.at).cloned() else {
            let span = self.segments.last().map(|s| s.span)?;
            let options = self.options(&expect);
            self.fail(
                span,
                format!("`{}` names a table, not a value", self.corrected.join(".")),
                "a key must follow",
            );
            self.help.get_or_insert(options);
            return None;
        };
        self.at += 1;
        self.accept(segment, expect, unknown)
    }

    /// The next segment, if there is one.
    fn optional(&mut self, expect: Expect<'a>, unknown: &str) -> Option<Segment> {
        let segment = self.segments.get(self.at).cloned()?;
        self.at += 1;
        self.accept(segment, expect, unknown)
    }

    fn accept(&mut self, segment: Segment, expect: Expect<'a>, unknown: &str) -> Option<Segment> {
        match &expect {
            Expect::Any(what) => {
                if segment.text.is_empty() {
                    self.fail(
                        segment.span,
                        format!("an empty segment where {what} belongs"),
                        "empty",
                    );
                    self.help
                        .get_or_insert_with(|| "remove the extra `.`".into());
                    return None;
                }
                self.corrected.push(segment.text.clone());
                Some(segment)
            }
            Expect::OneOf(names, _) => {
                if names.contains(&segment.text.as_str()) {
                    self.corrected.push(segment.text.clone());
                    return Some(segment);
                }
                let options = self.options(&expect);
                let reason = if segment.text.is_empty() {
                    "an empty segment".to_string()
                } else {
                    format!("{unknown} `{}`", segment.text)
                };
                let label = if segment.text.is_empty() {
                    "empty segment"
                } else {
                    "not in the plan"
                };
                self.fail(segment.span, reason, label);
                match nearest(&segment.text, names) {
                    Some(best) => {
                        self.corrected.push(best.to_string());
                        Some(Segment {
                            text: best.to_string(),
                            span: segment.span,
                        })
                    }
                    None => {
                        self.help.get_or_insert(options);
                        None
                    }
                }
            }
        }
    }

    /// Checks that nothing follows the value's key.
    fn end(&mut self, found: &[Segment]) -> Option<()> {
        let Some(extra) = self.segments.get(self.at) else {
            return Some(());
        };
        let last = found.last().map_or("", |s| s.text.as_str());
        self.fail(
            extra.span,
            format!(
                "`{}` holds a value, so nothing can follow `{last}`",
                self.corrected.join(".")
            ),
            "nothing can follow",
        );
        None
    }

    /// What is valid at the current point, as full paths.
    fn options(&self, expect: &Expect<'_>) -> String {
        let prefix = self.corrected.join(".");
        let dotted = |name: &str| {
            if prefix.is_empty() {
                format!("`{name}`")
            } else {
                format!("`{prefix}.{name}`")
            }
        };
        match expect {
            Expect::OneOf(names, what) if names.is_empty() => format!("the plan has no {what}"),
            Expect::OneOf(names, what) => {
                let list: Vec<String> = names.iter().map(|n| dotted(n)).collect();
                format!("{what}: {}", list.join(", "))
            }
            Expect::Any(what) => format!("{}, where YEAR is {what}", dotted("YEAR")),
        }
    }

    fn fail(&mut self, span: Span, reason: String, label: &str) {
        if self.first_error.is_none() {
            self.first_error = Some(
                Diagnostic::at(
                    span,
                    Problem::BadOverride {
                        path: self.path.into(),
                        reason,
                    },
                )
                .with_label(label),
            );
        }
    }
}
