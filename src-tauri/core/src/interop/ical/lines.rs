//! The content-line grammar of RFC 5545: unfolding and folding, names,
//! parameters and values, TEXT escaping, components.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

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

#[derive(Debug, Clone, Copy)]
pub(crate) enum Stamp {
    Date(NaiveDate),
    Time(NaiveDateTime),
}

/// "20241118", "20241118T090000", "20241118T090000Z"; also tolerates the
/// extended form ("2024-11-18T09:00:00"), missing seconds and fractions.
pub(crate) fn parse_stamp(value: &str) -> Option<(Stamp, bool)> {
    let value = value.trim();
    let (value, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(v) => (v, true),
        None => (value, false),
    };
    let value = value.split('.').next().unwrap_or(value);
    let cleaned: String = value.chars().filter(|c| *c != '-' && *c != ':').collect();
    let (date, time) = match cleaned.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (cleaned.as_str(), None),
    };
    if date.chars().count() != 8 || !date.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let digits: Vec<u32> = date.chars().filter_map(|c| c.to_digit(10)).collect();
    let part = |from: usize, to: usize| {
        digits
            .iter()
            .skip(from)
            .take(to - from)
            .fold(0u32, |acc, d| acc * 10 + d)
    };
    let day = NaiveDate::from_ymd_opt(i32::try_from(part(0, 4)).ok()?, part(4, 6), part(6, 8))?;
    let Some(time) = time else {
        return Some((Stamp::Date(day), utc));
    };
    if !time.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let tdigits: Vec<char> = time.chars().collect();
    let pick = |from: usize| -> Option<u32> {
        num(&tdigits.iter().skip(from).take(2).collect::<String>())
    };
    let (h, m, s) = match tdigits.len() {
        4 => (pick(0)?, pick(2)?, 0),
        6 => (pick(0)?, pick(2)?, pick(4)?.min(59)),
        _ => return None,
    };
    // 24:00 is midnight of the next day in some exports.
    if h == 24 && m == 0 && s == 0 {
        let next = day.checked_add_days(Days::new(1))?;
        return Some((Stamp::Time(next.and_time(NaiveTime::MIN)), utc));
    }
    let t = NaiveTime::from_hms_opt(h, m, s)?;
    Some((Stamp::Time(day.and_time(t)), utc))
}
