//! The little markup a rapporteur types in a summary section: paragraphs
//! separated by a blank line, `**bold**` and `*italic*`. Nothing else is
//! markup: HTML, Typst or Markdown typed by a user stays text, and each
//! writer escapes it for its own format.

use serde::{Deserialize, Serialize};
use specta::Type;

/// The mark a draft leaves where only the rapporteur can say what happened.
pub const PLACEHOLDER_OPEN: &str = "[Rapporteur: ";

/// A stretch of one paragraph in one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Inside a "[Rapporteur: …]" mark, which exports highlight.
    pub placeholder: bool,
}

/// The paragraphs of a section's text: split at blank lines, each one's
/// lines joined with a space, empty ones dropped.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// The text as the app keeps it: paragraphs joined by one blank line.
pub fn normalise(text: &str) -> String {
    paragraphs(text).join("\n\n")
}

/// Text from the plan (a name, a title) set into a draft: its `*`, `[`
/// and `\\` stay characters and never turn into markup or a mark.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Clone, PartialEq)]
enum Token {
    Text(String),
    Bold,
    Italic,
    /// A whole "[Rapporteur: …]" mark, brackets included.
    Mark(String),
}

fn tokens(paragraph: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut text = String::new();
    let mut chars = paragraph.char_indices().peekable();
    let flush = |text: &mut String, out: &mut Vec<Token>| {
        if !text.is_empty() {
            out.push(Token::Text(std::mem::take(text)));
        }
    };
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some((_, '\\' | '*' | '[' | ']'))) => {
                if let Some((_, next)) = chars.next() {
                    text.push(next);
                }
            }
            '*' => {
                flush(&mut text, &mut out);
                if matches!(chars.peek(), Some((_, '*'))) {
                    chars.next();
                    out.push(Token::Bold);
                } else {
                    out.push(Token::Italic);
                }
            }
            '[' if paragraph
                .get(i..)
                .is_some_and(|rest| rest.starts_with(PLACEHOLDER_OPEN)) =>
            {
                let mut mark = String::from('[');
                let mut closed = false;
                while let Some((_, c)) = chars.next() {
                    if c == '\\' && matches!(chars.peek(), Some((_, '\\' | '*' | '[' | ']'))) {
                        if let Some((_, next)) = chars.next() {
                            mark.push(next);
                        }
                        continue;
                    }
                    mark.push(c);
                    if c == ']' {
                        closed = true;
                        break;
                    }
                }
                if closed {
                    flush(&mut text, &mut out);
                    out.push(Token::Mark(mark));
                } else {
                    text.push_str(&mark);
                }
            }
            c => text.push(c),
        }
    }
    flush(&mut text, &mut out);
    out
}

/// The runs of one paragraph. A `**` or `*` without its partner is text;
/// a character after a backslash is itself (`\\*`).
pub fn runs(paragraph: &str) -> Vec<Run> {
    let tokens = tokens(paragraph);
    // Pair markers left to right; an opener left without its closer is text.
    let mut paired = vec![false; tokens.len()];
    for kind in [Token::Bold, Token::Italic] {
        let mut open: Option<usize> = None;
        for (i, t) in tokens.iter().enumerate() {
            if *t == kind {
                match open.take() {
                    Some(o) => {
                        paired[o] = true;
                        paired[i] = true;
                    }
                    None => open = Some(i),
                }
            }
        }
    }
    let (mut bold, mut italic) = (false, false);
    let mut out: Vec<Run> = Vec::new();
    let mut push = |text: &str, bold: bool, italic: bool, placeholder: bool| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last)
                if last.bold == bold
                    && last.italic == italic
                    && last.placeholder == placeholder =>
            {
                last.text.push_str(text)
            }
            _ => out.push(Run {
                text: text.to_string(),
                bold,
                italic,
                placeholder,
            }),
        }
    };
    for (i, t) in tokens.iter().enumerate() {
        match (t, paired[i]) {
            (Token::Text(s), _) => push(s, bold, italic, false),
            (Token::Mark(s), _) => push(s, bold, italic, true),
            (Token::Bold, true) => bold = !bold,
            (Token::Italic, true) => italic = !italic,
            (Token::Bold, false) => push("**", bold, italic, false),
            (Token::Italic, false) => push("*", bold, italic, false),
        }
    }
    out
}

/// The paragraph's text without markup: what a reader sees.
pub fn plain(paragraph: &str) -> String {
    runs(paragraph).into_iter().map(|r| r.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(p: &str) -> String {
        runs(p)
            .iter()
            .map(|r| {
                let mut s = String::new();
                if r.placeholder {
                    s.push('?');
                }
                if r.bold {
                    s.push('B');
                }
                if r.italic {
                    s.push('I');
                }
                format!("{s}({})", r.text)
            })
            .collect::<Vec<_>>()
            .join("")
    }

    #[test]
    fn runs_of_paragraphs() {
        let cases = [
            ("plain text", "(plain text)"),
            ("a **bold** word", "(a )B(bold)( word)"),
            ("an *italic* word", "(an )I(italic)( word)"),
            ("***both***", "BI(both)"),
            ("**bold *and italic***", "B(bold )BI(and italic)"),
            ("2 * 3 = 6", "(2 * 3 = 6)"),
            ("**unclosed bold", "(**unclosed bold)"),
            ("a * b and *c*", "(a )I( b and )(c*)"),
            ("<b>not html</b>", "(<b>not html</b>)"),
            (
                "Panellists discussed [Rapporteur: what?] today.",
                "(Panellists discussed )?([Rapporteur: what?])( today.)",
            ),
            (
                "Côte d'Ivoire **และ** 中国",
                "(Côte d'Ivoire )B(และ)( 中国)",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(shown(input), want, "{input:?}");
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        let text = "  First line\nsame paragraph.\n\n\n Second.  \n  \n";
        assert_eq!(paragraphs(text), ["First line same paragraph.", "Second."]);
        assert_eq!(normalise(text), "First line same paragraph.\n\nSecond.");
        assert!(paragraphs(" \n\n ").is_empty());
    }

    #[test]
    fn escaped_plan_text_reads_back_as_itself() {
        for name in [
            "São Tomé **and** Príncipe",
            "a * b",
            r"back\slash",
            "[Rapporteur: not a mark]",
            "<b>x</b> & ]",
        ] {
            assert_eq!(plain(&escape(name)), name, "{name:?}");
            assert!(runs(&escape(name))
                .iter()
                .all(|r| !r.bold && !r.italic && !r.placeholder));
        }
    }

    #[test]
    fn plain_drops_the_markers_only() {
        assert_eq!(plain("a **b** *c* 2*3"), "a b c 2*3");
    }
}
