//! Where a result comes from: the plan, the what-if changes applied to it,
//! a hash of everything that was read, and the capplan version. Exports and
//! reports carry it so a figure in a review pack can be traced to its input.

use crate::diagnostic::SourceMap;
use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

/// The inputs behind one result.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Provenance {
    /// The base plan file as named on the command line.
    pub plan_file: String,
    /// Scenario files, in the order applied.
    pub scenarios: Vec<String>,
    /// `--set` overrides, in the order applied.
    pub overrides: Vec<String>,
    /// SHA-256 of every input text (plan, scenarios, overrides) in order:
    /// the same merged input always gives the same hash.
    pub input_hash: String,
    /// The capplan version that produced the result.
    pub version: &'static str,
    /// When the result was generated, to the second; only when asked for
    /// (`--stamp`), so that by default the same input gives the same bytes.
    pub generated: Option<DateTime<Utc>>,
}

impl Provenance {
    /// The provenance of a plan loaded from `sources`.
    pub fn new(
        plan_file: impl Into<String>,
        scenarios: Vec<String>,
        overrides: Vec<String>,
        sources: &SourceMap,
    ) -> Provenance {
        let mut hasher = Sha256::new();
        for file in sources.files() {
            hasher.update((file.text.len() as u64).to_le_bytes());
            hasher.update(file.text.as_bytes());
        }
        let input_hash = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Provenance {
            plan_file: plan_file.into(),
            scenarios,
            overrides,
            input_hash,
            version: env!("CARGO_PKG_VERSION"),
            generated: None,
        }
    }

    /// Records the current time as the generation time.
    pub fn stamp(&mut self) {
        let now = Utc::now();
        self.generated = DateTime::from_timestamp(now.timestamp(), 0);
    }

    /// The generation time as RFC 3339 text (`2026-03-01T09:30:00Z`).
    pub fn generated_text(&self) -> Option<String> {
        self.generated
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
    }

    /// The first 12 hex digits of the hash, for footers and headlines.
    pub fn short_hash(&self) -> &str {
        &self.input_hash[..self.input_hash.len().min(12)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_of(texts: &[&str]) -> String {
        let mut sources = SourceMap::new();
        for (i, t) in texts.iter().enumerate() {
            sources.add(format!("f{i}"), *t);
        }
        Provenance::new("p", vec![], vec![], &sources).input_hash
    }

    #[test]
    fn hash_depends_on_every_input_and_its_order() {
        assert_eq!(hash_of(&["a", "b"]), hash_of(&["a", "b"]));
        assert_ne!(hash_of(&["a", "b"]), hash_of(&["b", "a"]));
        assert_ne!(hash_of(&["ab"]), hash_of(&["a", "b"]));
        assert_eq!(hash_of(&["a"]).len(), 64);
    }

    #[test]
    fn stamp_is_whole_seconds_in_utc() {
        let mut p = Provenance::default();
        assert_eq!(p.generated_text(), None);
        p.stamp();
        let text = p.generated_text().unwrap_or_default();
        assert_eq!(text.len(), "2026-03-01T09:30:00Z".len(), "{text}");
        assert!(text.ends_with('Z'), "{text}");
    }
}
