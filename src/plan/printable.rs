//! Which characters a plan's text may hold.
//!
//! Names, ids, categories and the currency end up in terminals, HTML
//! review packs, spreadsheets and CSV files. A control character there is
//! not text: an escape sequence recolours or rewrites the terminal, NUL
//! truncates strings in other tools, a line break splits a CSV row, and a
//! bidirectional override makes text read differently from how it is
//! stored. Validation refuses them all; this module only says which
//! characters they are and how to name one in a message without printing
//! it.

/// The first character of `text` that may not appear in a plan's text.
pub fn first_unprintable(text: &str) -> Option<char> {
    text.chars().find(|c| is_unprintable(*c))
}

/// Control characters (C0, DEL, C1) and the bidirectional embedding,
/// override and isolate characters.
fn is_unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character named for a message: `U+001B (escape)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\t' => " (tab)",
        '\n' => " (line feed)",
        '\r' => " (carriage return)",
        '\u{1b}' => " (escape)",
        '\u{7f}' => " (delete)",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => " (bidirectional control)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_nul_are_found_and_named() {
        assert_eq!(first_unprintable("ok \u{1b}[31m red"), Some('\u{1b}'));
        assert_eq!(describe('\u{1b}'), "U+001B (escape)");
        assert_eq!(describe('\0'), "U+0000 (NUL)");
        assert_eq!(first_unprintable("Kosovë Security Force — 2025"), None);
        assert_eq!(first_unprintable("abc\u{202E}cba"), Some('\u{202E}'));
    }
}
