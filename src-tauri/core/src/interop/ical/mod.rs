//! iCalendar (RFC 5545), both ways: `read` takes what Outlook, Google
//! Calendar, Thunderbird, Apple Calendar and other planners export;
//! `write` makes a calendar any of them subscribes to.
//!
//! The content-line grammar (unfolding, parameters, escaping) is this
//! module's own: the crates that parse it pull in a parser framework or a
//! mail stack, and none converts times between zones, which is most of the
//! work here. Recurrences are expanded by `recur` (the common subset of
//! RRULE), zones resolved by `zones`.
//!
//! Reading, decided:
//! - Each occurrence of a repeating item is its own session. The one at
//!   the item's DTSTART keeps the UID; the others get `UID/YYYY-MM-DD`
//!   (the occurrence's original date, as RECURRENCE-ID names it), or
//!   `UID/YYYY-MM-DDTHHMM` when two fall on one day. Repeats are expanded
//!   within the window (the plan's days) or, without one, within a year of
//!   the calendar's first DTSTART, at most 1,000 per item. Items that do
//!   not repeat are kept whatever their day.
//! - An all-day item is a session with a day and no times; one spanning
//!   several days is one session on its first day, its last day kept in
//!   the extras ("Until"), with a report line.
//! - ATTENDEE lists are invitees, not speakers: their names go to the
//!   extras ("Attendees"), ORGANIZER to "Organizer". People come from the
//!   description's "Chair: …", "Panellists: A; B" lines, which `write`
//!   produces, so a round trip keeps them.
//! - The programme's zone is X-WR-TIMEZONE when it names a known zone,
//!   else the zone most DTSTARTs name; UTC when every time is UTC; floating
//!   when every time is floating. Every time is converted to that zone's
//!   wall clock; floating times are taken as its wall clock.
//!
//! Writing, decided: a named zone is written as TZID with a VTIMEZONE of
//! its real transitions in the sessions' years; an offset-only programme
//! in UTC; a floating one as floating times. Sessions without times are
//! left out (`left_out` counts them for the caller's report).

mod read;
mod recur;
mod write;
mod zones;

pub use read::read;
pub use write::{left_out, write};

#[cfg(test)]
mod tests;

/// A source larger than this is refused whole.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// The most sessions one calendar may give, repeats expanded.
pub const MAX_SESSIONS: usize = 50_000;
/// The most occurrences one repeating item is expanded into.
pub const MAX_OCCURRENCES: usize = 1_000;

/// One content line: `NAME;PARAM=VALUE:value`, unfolded, the value still
/// escaped.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Property {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
}

impl Property {
    /// A parameter's value (the first, without quotes), by name.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A component (`BEGIN:X` … `END:X`) with its properties and children.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Component {
    pub name: String,
    pub props: Vec<Property>,
    pub children: Vec<Component>,
}

impl Component {
    pub fn prop(&self, name: &str) -> Option<&Property> {
        self.props.iter().find(|p| p.name == name)
    }

    pub fn props<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }

    /// A TEXT property's value, unescaped.
    pub fn text(&self, name: &str) -> Option<String> {
        self.prop(name).map(|p| unescape(&p.value))
    }
}

/// Nesting deeper than this is not a calendar anyone wrote.
const MAX_DEPTH: usize = 16;

/// Unfolds the lines of `bytes` (CRLF, LF or CR; a line starting with a
/// space or tab continues the one before). Unfolding works on bytes, so a
/// character a careless writer split across a fold comes back whole.
pub(crate) fn unfold(bytes: &[u8]) -> Vec<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    for raw in bytes.split(|b| *b == b'\n') {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        // A lone CR as a line end (old Mac files).
        for (i, part) in raw.split(|b| *b == b'\r').enumerate() {
            match (part.first(), lines.last_mut()) {
                (Some(b' ' | b'\t'), Some(last)) if i == 0 => {
                    last.extend_from_slice(part.get(1..).unwrap_or_default())
                }
                _ => lines.push(part.to_vec()),
            }
        }
    }
    lines
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|l| String::from_utf8_lossy(&l).into_owned())
        .collect()
}

/// Splits a content line into name, parameters and value; `None` when it
/// has no `:` (a stray line, skipped).
pub(crate) fn parse_line(line: &str) -> Option<Property> {
    let mut name = String::new();
    let mut params = Vec::new();
    let mut chars = line.char_indices();
    // Name.
    let mut at_param = false;
    let mut found = false;
    for (_, c) in chars.by_ref() {
        match c {
            ':' => {
                found = true;
                break;
            }
            ';' => {
                at_param = true;
                found = true;
                break;
            }
            c => name.push(c),
        }
    }
    if !found {
        return None;
    }
    // Parameters: NAME=VALUE[,VALUE], values possibly in double quotes.
    while at_param {
        let mut pname = String::new();
        let mut pvalue = String::new();
        let mut in_value = false;
        let mut quoted = false;
        at_param = false;
        let mut ended = false;
        for (_, c) in chars.by_ref() {
            match c {
                '"' if in_value => quoted = !quoted,
                '=' if !in_value => in_value = true,
                ';' if !quoted => {
                    at_param = true;
                    ended = true;
                    break;
                }
                ':' if !quoted => {
                    ended = true;
                    break;
                }
                c if in_value => pvalue.push(c),
                c => pname.push(c),
            }
        }
        if !ended {
            return None;
        }
        params.push((pname.trim().to_ascii_uppercase(), pvalue));
    }
    let value = chars.map(|(_, c)| c).collect::<String>();
    Some(Property {
        name: name.trim().to_ascii_uppercase(),
        params,
        value,
    })
}

/// The components of a file, as a forest; `None` when it holds no
/// `BEGIN:VCALENDAR`. Unbalanced ENDs are tolerated: an END closes the
/// innermost open component of its name, or is ignored.
pub(crate) fn components(bytes: &[u8]) -> Option<Vec<Component>> {
    let mut roots = Vec::new();
    let mut stack: Vec<Component> = Vec::new();
    let mut saw_calendar = false;
    for line in unfold(bytes) {
        let Some(prop) = parse_line(&line) else {
            continue;
        };
        match prop.name.as_str() {
            "BEGIN" => {
                let name = prop.value.trim().to_ascii_uppercase();
                if name == "VCALENDAR" {
                    saw_calendar = true;
                }
                if stack.len() < MAX_DEPTH {
                    stack.push(Component {
                        name,
                        ..Component::default()
                    });
                }
            }
            "END" => {
                let name = prop.value.trim().to_ascii_uppercase();
                if let Some(at) = stack.iter().rposition(|c| c.name == name) {
                    while stack.len() > at {
                        close(&mut stack, &mut roots);
                    }
                }
            }
            _ => {
                if let Some(top) = stack.last_mut() {
                    top.props.push(prop);
                }
            }
        }
    }
    // A file cut short: keep what it held.
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    saw_calendar.then_some(roots)
}

fn close(stack: &mut Vec<Component>, roots: &mut Vec<Component>) {
    if let Some(done) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.children.push(done),
            None => roots.push(done),
        }
    }
}

/// TEXT unescaped: `\\`, `\;`, `\,`, `\n` and `\N`; an unknown escape
/// keeps its character.
pub(crate) fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A TEXT list (CATEGORIES) split on unescaped commas, each unescaped.
pub(crate) fn split_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push(c);
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ',' => items.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    items.push(current);
    items
        .iter()
        .map(|s| unescape(s).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// TEXT escaped for a value: backslash, semicolon, comma, newline.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line folded at 75 octets, never inside a character, each
/// physical line ending in CRLF.
pub(crate) fn fold(line: &str, out: &mut String) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}
