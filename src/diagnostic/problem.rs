//! What can be wrong with a plan, as data.
//!
//! Each variant carries the ids, keys and numbers a test or a renderer needs;
//! the wording lives only in the `Display` impl and [`Problem::label`].

use std::fmt;

/// One thing wrong with the input.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The file could not be read at all.
    Unreadable { path: String, reason: String },
    /// The file holds nothing but white space.
    EmptyFile,
    /// The file is not valid TOML.
    Syntax { message: String },
    /// A key that the plan format does not have.
    UnknownKey { key: String, section: String },
    /// A required key is absent.
    MissingKey { key: String, section: String },
    /// A value of the wrong TOML type.
    WrongType {
        key: String,
        expected: &'static str,
        found: &'static str,
    },
    /// A money amount that is not a finite, non-negative number.
    BadAmount { key: String, reason: String },
    /// A number outside its allowed range.
    OutOfRange { key: String, rule: String },
    /// A year outside the range it must lie in.
    YearOutside {
        key: String,
        year: i64,
        start: i32,
        end: i32,
    },
    /// A horizon year with no budget envelope.
    MissingBudgetYear { year: i32 },
    /// One year given twice in a table keyed by year (`2025` and `02025`).
    DuplicateYear { key: String, year: i32 },
    /// Two entries of one kind share an id.
    DuplicateId { kind: &'static str, id: String },
    /// A reference to an id that does not exist.
    UnknownId { kind: &'static str, id: String },
    /// Two phases cover the same year.
    PhasesOverlap { first: String, second: String },
    /// Payment shares that do not add up to one.
    PaymentsSum { sum: f64 },
    /// Prerequisites that form a loop.
    RequiresCycle { path: Vec<String> },
    /// A fractional number of whole units.
    FractionalUnits { key: String, units: f64 },
    /// A section that must have at least one entry is empty.
    NoEntries { section: &'static str },
    /// A scenario removes an entry that is still referred to.
    DanglingReference {
        kind: &'static str,
        id: String,
        by: String,
    },
    /// The plan would build a model larger than capplan accepts.
    TooLarge { what: String, limit: usize },
    /// A `--set` path or value that cannot be applied.
    BadOverride { path: String, reason: String },
    /// A baseline file that cannot serve as the approved programme.
    BadBaseline { path: String, reason: String },
    /// A baseline that orders an item the plan does not have.
    UnknownBaselineItem { path: String, item: String },
    /// A scenario or `--set` that changes a history year (before `as_of`).
    HistoryEdited { what: String, year: i32, as_of: i32 },
    /// A currency converted in a year that `[fx]` gives no rate for.
    MissingRate { currency: String, year: i32 },
    /// A string with a control character (an escape sequence, NUL, a
    /// line break) or a bidirectional override in it; `found` names it
    /// (`U+001B`), never shows it.
    ControlCharacter { key: String, found: String },
    /// One id listed twice in a list of references (`requires`, `phases`).
    RepeatedReference { key: String, id: String },
}

impl Problem {
    /// The short text shown under the caret.
    pub fn label(&self) -> String {
        match self {
            Problem::Unreadable { .. } => "cannot read".into(),
            Problem::EmptyFile => "nothing here".into(),
            Problem::Syntax { .. } => "invalid TOML here".into(),
            Problem::UnknownKey { .. } => "unknown key".into(),
            Problem::MissingKey { key, .. } => format!("`{key}` is missing here"),
            Problem::WrongType { expected, .. } => format!("expected {expected}"),
            Problem::BadAmount { reason, .. } => reason.clone(),
            Problem::OutOfRange { rule, .. } => format!("must be {rule}"),
            Problem::YearOutside { start, end, .. } => format!("outside {start}-{end}"),
            Problem::MissingBudgetYear { year } => format!("no envelope for {year}"),
            Problem::DuplicateYear { year, .. } => format!("{year} is already given"),
            Problem::DuplicateId { .. } => "duplicate id".into(),
            Problem::UnknownId { kind, .. } => format!("no {kind} has this id"),
            Problem::PhasesOverlap { first, .. } => format!("overlaps phase `{first}`"),
            Problem::PaymentsSum { sum } => format!("these add up to {sum}"),
            Problem::RequiresCycle { .. } => "part of a loop".into(),
            Problem::FractionalUnits { .. } => "not a whole number".into(),
            Problem::NoEntries { .. } => "nothing here".into(),
            Problem::DanglingReference { id, .. } => format!("`{id}` was removed"),
            Problem::TooLarge { .. } => "too large".into(),
            Problem::BadOverride { .. } => "cannot apply".into(),
            Problem::BadBaseline { .. } => "not usable as a baseline".into(),
            Problem::UnknownBaselineItem { .. } => "no item of the plan has this id".into(),
            Problem::HistoryEdited { year, .. } => format!("{year} is history"),
            Problem::MissingRate { currency, year } => format!("no {currency} rate for {year}"),
            Problem::ControlCharacter { found, .. } => format!("{found} in here"),
            Problem::RepeatedReference { .. } => "listed again here".into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unreadable { path, reason } => write!(f, "cannot read `{path}`: {reason}"),
            Problem::EmptyFile => write!(f, "the plan file is empty"),
            Problem::Syntax { message } => write!(f, "invalid TOML: {message}"),
            Problem::UnknownKey { key, section } => write!(f, "unknown key `{key}` in {section}"),
            Problem::MissingKey { key, section } => {
                write!(f, "missing required key `{key}` in {section}")
            }
            Problem::WrongType {
                key,
                expected,
                found,
            } => write!(f, "`{key}` must be {expected}, found {found}"),
            Problem::BadAmount { key, reason } => write!(f, "invalid amount for `{key}`: {reason}"),
            Problem::OutOfRange { key, rule } => write!(f, "`{key}` must be {rule}"),
            Problem::YearOutside {
                key,
                year,
                start,
                end,
            } => write!(f, "`{key}`: year {year} is outside {start}-{end}"),
            Problem::MissingBudgetYear { year } => {
                write!(f, "[budget.years] has no envelope for {year}")
            }
            Problem::DuplicateYear { key, year } => write!(f, "duplicate year {year} in `{key}`"),
            Problem::DuplicateId { kind, id } => write!(f, "duplicate {kind} id `{id}`"),
            Problem::UnknownId { kind, id } => write!(f, "unknown {kind} `{id}`"),
            Problem::PhasesOverlap { first, second } => {
                write!(f, "phases `{first}` and `{second}` overlap")
            }
            Problem::PaymentsSum { sum } => {
                write!(f, "`payments` must add up to 1, but they add up to {sum}")
            }
            Problem::RequiresCycle { path } => {
                write!(f, "prerequisites form a loop: {}", path.join(" -> "))
            }
            Problem::FractionalUnits { key, units } => write!(
                f,
                "`{key}` is {units} units, but the item is not divisible (whole units only)"
            ),
            Problem::NoEntries { section } => write!(f, "the plan needs at least one {section}"),
            Problem::DanglingReference { kind, id, by } => {
                write!(f, "{kind} `{id}` is removed but {by} still refers to it")
            }
            Problem::TooLarge { what, limit } => {
                write!(f, "the plan is too large: {what} (the limit is {limit})")
            }
            Problem::BadOverride { path, reason } => {
                write!(f, "cannot apply `--set {path}`: {reason}")
            }
            Problem::BadBaseline { path, reason } => {
                write!(f, "the baseline `{path}` cannot be used: {reason}")
            }
            Problem::UnknownBaselineItem { path, item } => write!(
                f,
                "the baseline `{path}` orders item `{item}`, which the plan does not have"
            ),
            Problem::HistoryEdited { what, year, as_of } => write!(
                f,
                "{what} changes {year}, a history year (before as_of {as_of}): what-ifs leave history alone"
            ),
            Problem::MissingRate { currency, year } => {
                write!(f, "no exchange rate for {currency} in {year}")
            }
            Problem::RepeatedReference { key, id } => {
                write!(f, "`{key}` lists `{id}` more than once")
            }
            Problem::ControlCharacter { key, found } => write!(
                f,
                "`{key}` contains the control character {found}; names, ids and other text \
                 must be printable"
            ),
        }
    }
}
