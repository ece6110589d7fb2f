//! "Did you mean ...?" for misspelt keys, ids and `--set` paths.

/// The closest candidate to `word`, if one is close enough to be a likely
/// typo (Jaro-Winkler similarity of at least 0.8).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A help line for an unknown name: "did you mean `x`?" when one is close,
/// otherwise the list of valid names (or `None` when there are none).
pub fn help_for<'a>(
    word: &str,
    what: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<String> {
    if let Some(best) = closest(word, candidates.clone()) {
        return Some(format!("did you mean `{best}`?"));
    }
    let all: Vec<String> = candidates.into_iter().map(|c| format!("`{c}`")).collect();
    if all.is_empty() {
        None
    } else {
        Some(format!("{what}: {}", all.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_key() {
        assert_eq!(
            closest("unit_cots", ["unit_cost", "name"]),
            Some("unit_cost")
        );
        assert_eq!(closest("zzz", ["unit_cost", "name"]), None);
    }

    #[test]
    fn lists_candidates_when_nothing_is_close() {
        let help = help_for("x9", "known phases", ["p1", "p2"]).unwrap();
        assert_eq!(help, "known phases: `p1`, `p2`");
    }
}
