//! SVG and HTML primitives for the review pack: escaping, a small element
//! writer, the colour palette and text-width estimates.
//!
//! Everything here is about drawing, nothing about plans: charts decide
//! what to draw, this module only writes well-formed, escaped markup with
//! coordinates rounded to one decimal so the same report gives the same
//! bytes.

use std::fmt::Write;

/// Escapes text for HTML and SVG, in element content and in attribute
/// values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The Okabe-Ito palette without black: distinguishable with the common
/// colour-vision deficiencies.
pub const PALETTE: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
];

/// Black, for reference lines and targets.
pub const INK: &str = "#000000";
/// Grid lines and axes.
pub const GRID: &str = "#d0d0d0";
/// Runs and bars without a phase or a category.
pub const NEUTRAL: &str = "#999999";

/// The fill of series `k`: the palette's colours first, then the same
/// colours hatched, then cross-hatched, so up to 21 series stay apart
/// without relying on colour alone. Hatched fills need [`Svg::patterns`].
pub fn series_fill(prefix: &str, k: usize) -> String {
    let colour = PALETTE[k % PALETTE.len()];
    match (k / PALETTE.len()) % 3 {
        0 => colour.to_string(),
        round => format!("url(#{prefix}-{round}-{})", k % PALETTE.len()),
    }
}

/// The pixel width of `text` at `size` in the report's sans-serif font: a
/// generous estimate, so labels laid out with it do not touch.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.62
}

/// `text` cut to fit `width` pixels at `size`, with an ellipsis when cut.
pub fn fit(text: &str, width: f64, size: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let keep = ((width / (size * 0.62)).floor() as usize).saturating_sub(1);
    let mut cut: String = text.chars().take(keep).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// `text` broken at spaces into lines that fit `width` pixels at `size`,
/// nothing cut: a word wider than `width` gets a line of its own. Empty
/// text gives one empty line.
pub fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.is_empty() {
            line.push_str(word);
        } else if text_width(&format!("{line} {word}"), size) <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A coordinate with at most one decimal.
pub fn n(x: f64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let s = format!("{x:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// Where a text is anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// An SVG document being written.
pub struct Svg {
    width: f64,
    height: f64,
    body: String,
}

impl Svg {
    /// An empty drawing of `width` x `height` user units.
    pub fn new(width: f64, height: f64) -> Svg {
        Svg {
            width,
            height,
            body: String::new(),
        }
    }

    /// Hatched and cross-hatched fills for [`series_fill`], ids prefixed
    /// with `prefix` (unique per chart on the page).
    pub fn patterns(&mut self, prefix: &str) {
        self.body.push_str("<defs>");
        for (k, colour) in PALETTE.iter().enumerate() {
            let _ = write!(
                self.body,
                "<pattern id=\"{prefix}-1-{k}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
                 <rect width=\"6\" height=\"6\" fill=\"{colour}\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"2.5\"/></pattern>"
            );
            let _ = write!(
                self.body,
                "<pattern id=\"{prefix}-2-{k}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">\
                 <rect width=\"6\" height=\"6\" fill=\"{colour}\"/><circle cx=\"3\" cy=\"3\" r=\"1.4\" fill=\"#ffffff\"/></pattern>"
            );
        }
        self.body.push_str("</defs>");
    }

    /// A rectangle; `class` marks it for styles and tests, `title` is its
    /// tooltip.
    #[allow(clippy::too_many_arguments)]
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, class: &str, title: &str) {
        let _ = write!(
            self.body,
            "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"",
            escape(class),
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0)),
            escape(fill)
        );
        self.close_with_title(title, "rect");
    }

    /// A straight line.
    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, class: &str) {
        let _ = write!(
            self.body,
            "<line class=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>",
            escape(class),
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            escape(stroke)
        );
    }

    /// A polyline through `points`.
    pub fn polyline(&mut self, points: &[(f64, f64)], stroke: &str, class: &str) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let _ = write!(
            self.body,
            "<polyline class=\"{}\" points=\"{}\" fill=\"none\" stroke=\"{}\"/>",
            escape(class),
            pts.join(" "),
            escape(stroke)
        );
    }

    /// A filled polygon through `points` (a band between two lines).
    pub fn polygon(&mut self, points: &[(f64, f64)], fill: &str, class: &str, title: &str) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let _ = write!(
            self.body,
            "<polygon class=\"{}\" points=\"{}\" fill=\"{}\"",
            escape(class),
            pts.join(" "),
            escape(fill)
        );
        self.close_with_title(title, "polygon");
    }

    /// A circle marker with a tooltip.
    pub fn circle(&mut self, x: f64, y: f64, r: f64, fill: &str, class: &str, title: &str) {
        let _ = write!(
            self.body,
            "<circle class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"",
            escape(class),
            n(x),
            n(y),
            n(r),
            escape(fill)
        );
        self.close_with_title(title, "circle");
    }

    /// A text label: real text, selectable and read by screen readers.
    pub fn text(&mut self, x: f64, y: f64, anchor: Anchor, class: &str, text: &str) {
        self.text_with_title(x, y, anchor, class, text, "");
    }

    /// A text label with a tooltip (for labels cut to fit).
    pub fn text_with_title(
        &mut self,
        x: f64,
        y: f64,
        anchor: Anchor,
        class: &str,
        text: &str,
        title: &str,
    ) {
        let _ = write!(
            self.body,
            "<text class=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">",
            escape(class),
            n(x),
            n(y),
            anchor.name()
        );
        if !title.is_empty() {
            let _ = write!(self.body, "<title>{}</title>", escape(title));
        }
        let _ = write!(self.body, "{}</text>", escape(text));
    }

    /// A text label of several lines, the first with its baseline at `y`,
    /// each next one `leading` lower; `title` is the tooltip of each line.
    #[allow(clippy::too_many_arguments)]
    pub fn lines(
        &mut self,
        x: f64,
        y: f64,
        leading: f64,
        anchor: Anchor,
        class: &str,
        lines: &[String],
        title: &str,
    ) {
        for (k, line) in lines.iter().enumerate() {
            self.text_with_title(x, y + leading * k as f64, anchor, class, line, title);
        }
    }

    /// A text label turned 90 degrees anticlockwise about its anchor.
    pub fn vertical_text(&mut self, x: f64, y: f64, class: &str, text: &str) {
        let _ = write!(
            self.body,
            "<text class=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 {} {})\">{}</text>",
            escape(class),
            n(x),
            n(y),
            n(x),
            n(y),
            escape(text)
        );
    }

    fn close_with_title(&mut self, title: &str, tag: &str) {
        if title.is_empty() {
            self.body.push_str("/>");
        } else {
            let _ = write!(self.body, "><title>{}</title></{tag}>", escape(title));
        }
    }

    /// The finished `<svg>` element, labelled for assistive technology.
    pub fn finish(self, label: &str) -> String {
        format!(
            "<svg viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\"><title>{}</title>{}</svg>",
            n(self.width),
            n(self.height),
            n(self.width),
            n(self.height),
            escape(label),
            escape(label),
            self.body
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escape(r#"<b>&"x"'s"#), "&lt;b&gt;&amp;&quot;x&quot;&#39;s");
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("short", 100.0, 10.0), "short");
        let cut = fit("a rather long label that will not fit", 60.0, 10.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 10.0) <= 60.0 + 6.2);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_keeps_every_word() {
        // 10 px font: 6.2 px a character, so 100 px holds 16 characters.
        let lines = wrap("Central logistics depot modernisation", 100.0, 10.0);
        assert_eq!(lines, ["Central", "logistics depot", "modernisation"]);
        assert_eq!(wrap("short", 100.0, 10.0), ["short"]);
        assert_eq!(wrap("", 100.0, 10.0), [""]);
        assert_eq!(
            wrap("unbreakable-long-word x", 50.0, 10.0),
            ["unbreakable-long-word", "x"]
        );
    }

    #[test]
    fn coordinates_are_stable() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.25), "1.2");
        assert_eq!(n(-0.01), "0");
        assert_eq!(n(f64::NAN), "0");
    }

    #[test]
    fn text_and_titles_are_escaped() {
        let mut svg = Svg::new(10.0, 10.0);
        svg.rect(0.0, 0.0, 1.0, 1.0, "#000", "seg", "a < b");
        svg.text(0.0, 0.0, Anchor::Start, "t", "R&D");
        let out = svg.finish("chart \"x\"");
        assert!(out.contains("<title>a &lt; b</title>"));
        assert!(out.contains(">R&amp;D</text>"));
        assert!(out.contains("aria-label=\"chart &quot;x&quot;\""));
    }
}
