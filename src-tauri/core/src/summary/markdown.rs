//! The summary as Markdown: the title, the meeting and its dates, a `##`
//! heading per section, the paragraphs with the rapporteur's bold and
//! italic kept as `**` and `*`, the "[Rapporteur: …]" marks in bold so they
//! stay in sight, and the list of participants as tables.
//!
//! Everything a user typed is escaped: a name with `#`, `_`, `[`, `<`,
//! backticks or `|` reads as those characters, never as markup or HTML.

use super::markup::{self, Run};
use super::Summary;
use crate::roster::ParticipantGroup;

/// The annex heading, in every format.
pub const ANNEX: &str = "Annex: List of participants";

/// The annex table's columns, in every format.
pub const COLUMNS: [&str; 4] = ["Delegation", "Name", "Position/title", "Capacity"];

/// `text` as Markdown text: every character Markdown or HTML would read as
/// markup gets a backslash; line breaks become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
            | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text that starts a line: a leading `-`, `+`, `=` or "1." would
/// make a list item or a heading underline.
fn escape_line_start(text: &str) -> String {
    let escaped = escape(text);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let after = escaped.chars().nth(digits);
    if escaped.starts_with(['-', '+', '=']) {
        format!("\\{escaped}")
    } else if digits > 0 && matches!(after, Some('.') | Some(')')) {
        let (number, rest) = escaped.split_at(digits);
        format!("{number}\\{rest}")
    } else {
        escaped
    }
}

/// One run with its delimiters outside its spaces: "** bold**" is not bold
/// in Markdown, " **bold**" is. The first run of a paragraph must not read
/// as a list item either.
fn run(r: &Run, first: bool) -> String {
    let core = r.text.trim();
    if core.is_empty() {
        return r.text.clone();
    }
    let lead_len = r.text.len() - r.text.trim_start().len();
    let (lead, rest) = r.text.split_at(lead_len);
    let (_, trail) = rest.split_at(core.len());
    let marks = match (r.bold || r.placeholder, r.italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    };
    let text = if first && marks.is_empty() {
        escape_line_start(core)
    } else {
        escape(core)
    };
    format!("{lead}{marks}{text}{marks}{trail}")
}

/// One paragraph of a section, in Markdown.
pub fn paragraph(text: &str) -> String {
    markup::runs(text)
        .iter()
        .enumerate()
        .map(|(i, r)| run(r, i == 0))
        .collect()
}

fn cell(text: &str) -> String {
    // `escape` already turns `|` into `\|`, which a table cell reads as a bar.
    escape(text.trim())
}

fn annex(groups: &[ParticipantGroup], out: &mut String) {
    out.push_str(&format!("## {ANNEX}\n"));
    if groups.is_empty() {
        out.push_str("\nNo participants are listed.\n");
    }
    for g in groups {
        out.push_str(&format!("\n### {}\n\n", escape_line_start(&g.heading)));
        out.push_str(&format!("| {} |\n", COLUMNS.join(" | ")));
        out.push_str("|---|---|---|---|\n");
        for d in &g.delegations {
            let delegation = match (cell(&d.name), d.level.trim()) {
                (name, _) if name.is_empty() => String::new(),
                (name, "") => format!("**{name}**"),
                (name, level) => format!("**{name}** ({})", cell(level)),
            };
            if d.members.is_empty() {
                out.push_str(&format!("| {delegation} |  |  |  |\n"));
            }
            for (i, m) in d.members.iter().enumerate() {
                let first = if i == 0 { delegation.as_str() } else { "" };
                out.push_str(&format!(
                    "| {first} | {} | {} | {} |\n",
                    cell(&m.name),
                    cell(&m.position),
                    cell(&m.capacity)
                ));
            }
        }
    }
}

/// The whole summary as Markdown.
pub fn markdown(s: &Summary) -> String {
    let mut out = format!("# {}\n\n", escape_line_start(&s.title));
    if !s.meeting.trim().is_empty() {
        out.push_str(&format!("**{}**\n\n", escape(s.meeting.trim())));
    }
    if !s.place_and_dates.trim().is_empty() {
        out.push_str(&format!("{}\n\n", escape_line_start(&s.place_and_dates)));
    }
    for section in &s.sections {
        if !section.heading.trim().is_empty() {
            out.push_str(&format!("## {}\n\n", escape(section.heading.trim())));
        }
        for p in markup::paragraphs(&section.text) {
            out.push_str(&paragraph(&p));
            out.push_str("\n\n");
        }
    }
    annex(&s.annex, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_markup_stays_text() {
        let cases = [
            ("# Not a heading", "\\# Not a heading"),
            ("*stars* and _under_", "\\*stars\\* and \\_under\\_"),
            ("a | b", "a \\| b"),
            (
                "<script>alert(1)</script>",
                "\\<script\\>alert(1)\\</script\\>",
            ),
            ("`code`", "\\`code\\`"),
            ("[link](http://x)", "\\[link\\](http://x)"),
            ("AT&T &amp;", "AT\\&T \\&amp;"),
            ("Côte d'Ivoire และ 中国 مصر", "Côte d'Ivoire และ 中国 مصر"),
            ("two\nlines", "two lines"),
        ];
        for (typed, want) in cases {
            assert_eq!(escape(typed), want, "{typed:?}");
        }
    }

    #[test]
    fn a_paragraph_keeps_the_rapporteurs_marks_and_nothing_else() {
        let cases = [
            ("a **bold** word", "a **bold** word"),
            ("**bold *and italic***", "**bold** ***and italic***"),
            (
                "They met. [Rapporteur: what?]",
                "They met. **\\[Rapporteur: what?\\]**",
            ),
            ("- not a list", "\\- not a list"),
            ("2024. A year", "2024\\. A year"),
            ("# <b>", "\\# \\<b\\>"),
        ];
        for (typed, want) in cases {
            assert_eq!(paragraph(typed), want, "{typed:?}");
        }
    }
}
