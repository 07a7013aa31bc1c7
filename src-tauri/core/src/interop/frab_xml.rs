//! frab schedule XML (frab, pretalx, c3voc, wafer, FOSDEM's pentabarf):
//! `read` takes a file's bytes in one pass, `write` lays a programme out
//! as XML valid against the c3voc `schedule.xml.xsd`.

use super::frab::{self, RawEvent, RawPerson, RawSchedule};
use super::programme::{Programme, Reading, Zone};
use crate::error::{CoreError, Result};
use crate::limits;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// How deep elements may nest; real schedules go six deep.
const MAX_DEPTH: usize = 64;

/// Reads a frab schedule XML. A file that is not XML or has no
/// `<schedule>` root is an error; an event that cannot be read is one
/// problem line naming it (`event 1234: has no <duration>.`) and is left
/// out. Times are wall clock in the file's `<time_zone_name>` when it has
/// one, else at the UTC offset of its first `<date>`, else as written.
pub fn read(bytes: &[u8]) -> Result<Reading> {
    if bytes.len() > limits::MAX_PROGRAMME_BYTES {
        return Err(CoreError::invalid(
            "file",
            format!(
                "The file is larger than {} MB; a schedule is far smaller.",
                limits::MAX_PROGRAMME_BYTES / (1024 * 1024)
            ),
        ));
    }
    let text = decode(bytes)?;
    let mut reader = Reader::from_str(&text);
    {
        let config = reader.config_mut();
        config.trim_text(false);
        // A stray "&" in a hand-edited file is text, not a broken file.
        config.allow_dangling_amp = true;
    }
    let mut state = State::default();
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                let line = text.bytes().take(at).filter(|b| *b == b'\n').count() + 1;
                let what = if state.root {
                    "The schedule XML"
                } else {
                    "The file"
                };
                let message = one_line(&e.to_string());
                return Err(CoreError::invalid(
                    "file",
                    format!("{what} is not well-formed XML at line {line}: {message}."),
                ));
            }
        };
        match event {
            Event::Start(s) => state.open(&s, false)?,
            Event::Empty(s) => state.open(&s, true)?,
            Event::End(_) => state.close()?,
            Event::Text(t) if state.capturing() => {
                state.text(&t.xml_content().unwrap_or_default());
            }
            Event::CData(c) if state.capturing() => {
                state.text(&c.xml_content().unwrap_or_default());
            }
            Event::GeneralRef(r) if state.capturing() => {
                let name = r.decode().unwrap_or_default();
                match r.resolve_char_ref() {
                    Ok(Some(c)) => state.text(c.encode_utf8(&mut [0; 4])),
                    _ => match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => state.text(s),
                        // An HTML entity frab copied through: kept as written.
                        None => state.text(&format!("&{name};")),
                    },
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !state.root {
        return Err(not_a_schedule());
    }
    if let Some(open) = state.part.last().map(|n| &n.name).or(state.path.last()) {
        // A file cut short: reading on would import half a schedule.
        let line = text.lines().count();
        return Err(CoreError::invalid(
            "file",
            format!("The schedule XML ends at line {line} inside <{open}>; the file is cut short."),
        ));
    }
    Ok(frab::finish(state.raw))
}

fn not_a_schedule() -> CoreError {
    CoreError::invalid(
        "file",
        "The file is not a frab schedule XML (no <schedule> element).",
    )
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// UTF-8 (with or without a byte-order mark), else the encoding the XML
/// declaration names.
fn decode(bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, bad) = enc.decode(bytes);
        if !bad {
            return Ok(text.into_owned());
        }
    }
    let head: String = bytes.iter().take(200).map(|b| char::from(*b)).collect();
    let label = head
        .split("encoding=")
        .nth(1)
        .and_then(|rest| {
            rest.trim_start_matches(['"', '\''])
                .split(['"', '\''])
                .next()
        })
        .unwrap_or("");
    match encoding_rs::Encoding::for_label(label.as_bytes()) {
        Some(enc) => {
            let (text, _, bad) = enc.decode(bytes);
            if bad {
                Err(CoreError::invalid(
                    "file",
                    format!("The file is not valid {} text.", enc.name()),
                ))
            } else {
                Ok(text.into_owned())
            }
        }
        None => Err(CoreError::invalid(
            "file",
            "The file is not UTF-8 text and names no encoding; it is not a frab schedule XML.",
        )),
    }
}

/// An element of the part being kept (an event, the conference).
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn attr(&self, name: &str) -> &str {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    }

    fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn child_text(&self, name: &str) -> &str {
        self.children
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.text.trim())
            .unwrap_or("")
    }
}

#[derive(Default)]
struct State {
    root: bool,
    /// Names of the open elements outside a kept part.
    path: Vec<String>,
    /// The kept part being read, outermost first.
    part: Vec<Node>,
    day: Option<chrono::NaiveDate>,
    day_start: String,
    room: String,
    events: usize,
    raw: RawSchedule,
}

fn local_name(s: &BytesStart) -> String {
    String::from_utf8_lossy(s.local_name().as_ref()).into_owned()
}

fn attributes(s: &BytesStart) -> Vec<(String, String)> {
    s.attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
            let value = a
                .unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
            (key, value)
        })
        .collect()
}

impl State {
    fn capturing(&self) -> bool {
        !self.part.is_empty()
    }

    fn text(&mut self, text: &str) {
        if let Some(node) = self.part.last_mut() {
            node.text.push_str(text);
        }
    }

    fn open(&mut self, s: &BytesStart, empty: bool) -> Result<()> {
        let name = local_name(s);
        if self.path.len() + self.part.len() >= MAX_DEPTH {
            return Err(CoreError::invalid(
                "file",
                format!("The schedule XML nests elements deeper than {MAX_DEPTH}; it is not a frab schedule."),
            ));
        }
        if self.capturing() {
            self.part.push(Node {
                name,
                attrs: attributes(s),
                ..Node::default()
            });
            if empty {
                self.close()?;
            }
            return Ok(());
        }
        if self.path.is_empty() {
            if self.root || name != "schedule" {
                return Err(not_a_schedule());
            }
            self.root = true;
            if !empty {
                self.path.push(name);
            }
            return Ok(());
        }
        let parent = self.path.last().map(String::as_str).unwrap_or("");
        let keep = match name.as_str() {
            "conference" | "version" | "rooms" => parent == "schedule",
            "event" => {
                self.events += 1;
                if self.events > limits::MAX_PROGRAMME_SESSIONS {
                    return Err(CoreError::invalid(
                        "file",
                        format!(
                            "The schedule has more than {} events; import it in parts.",
                            limits::MAX_PROGRAMME_SESSIONS
                        ),
                    ));
                }
                true
            }
            _ => false,
        };
        if keep {
            self.part.push(Node {
                name,
                attrs: attributes(s),
                ..Node::default()
            });
            if empty {
                self.close()?;
            }
            return Ok(());
        }
        match name.as_str() {
            "day" => {
                let attrs = attributes(s);
                let node = Node {
                    name: name.clone(),
                    attrs,
                    ..Node::default()
                };
                let date = node.attr("date");
                self.day = frab::leading_date(date);
                match self.day {
                    Some(d) => self.raw.days.push(d),
                    None => self.raw.report.push(format!(
                        "day {}: date \"{date}\" is not a date (use YYYY-MM-DD); its events take the dates of their <date>.",
                        node.attr("index")
                    )),
                }
                self.day_start = node.attr("start").to_string();
            }
            "room" if parent == "day" => {
                let node = Node {
                    attrs: attributes(s),
                    ..Node::default()
                };
                let room = node.attr("name").to_string();
                if !room.is_empty() {
                    let guid = node.attr("guid").to_string();
                    self.raw.seen_rooms.push((room.clone(), guid));
                }
                self.room = room;
            }
            _ => {}
        }
        if empty {
            self.leave(&name);
        } else {
            self.path.push(name);
        }
        Ok(())
    }

    fn leave(&mut self, name: &str) {
        match name {
            "room" => self.room.clear(),
            "day" => {
                self.day = None;
                self.day_start.clear();
            }
            _ => {}
        }
    }

    fn close(&mut self) -> Result<()> {
        if let Some(node) = self.part.pop() {
            match self.part.last_mut() {
                Some(parent) => parent.children.push(node),
                None => self.kept(node),
            }
            return Ok(());
        }
        if let Some(name) = self.path.pop() {
            self.leave(&name);
        }
        Ok(())
    }

    fn kept(&mut self, node: Node) {
        match node.name.as_str() {
            "version" => self.raw.version = node.text.trim().to_string(),
            "conference" => {
                let raw = &mut self.raw;
                raw.title = node.child_text("title").to_string();
                raw.acronym = node.child_text("acronym").to_string();
                raw.time_zone_name = node.child_text("time_zone_name").to_string();
                raw.conference_start = node.child_text("start").to_string();
                raw.conference_end = node.child_text("end").to_string();
                for rooms in node.children_named("rooms") {
                    declared_rooms(rooms, raw);
                }
            }
            "rooms" => declared_rooms(&node, &mut self.raw),
            "event" => {
                let n = self.raw.events.len() + 1;
                let e = event(&node, n, self.day, &self.day_start, &self.room);
                self.raw.events.push(e);
            }
            _ => {}
        }
    }
}

fn declared_rooms(node: &Node, raw: &mut RawSchedule) {
    for r in node.children_named("room") {
        let name = match r.attr("name") {
            "" => r.text.trim(),
            n => n,
        };
        if !name.is_empty() {
            raw.declared_rooms
                .push((name.to_string(), r.attr("guid").to_string()));
        }
    }
}

fn event(
    node: &Node,
    n: usize,
    day: Option<chrono::NaiveDate>,
    day_start: &str,
    room: &str,
) -> RawEvent {
    let id = node.attr("id");
    let guid = node.attr("guid");
    let code = match node.attr("code") {
        "" => node.child_text("code"),
        c => c,
    };
    let place = match (id, guid) {
        ("", "") => format!("event number {n}"),
        ("", g) => format!("event {g}"),
        (i, _) => format!("event {i}"),
    };
    let mut e = RawEvent {
        place,
        id: if id.is_empty() { code } else { id }.to_string(),
        guid: guid.to_string(),
        day,
        day_start: day_start.to_string(),
        room: room.to_string(),
        ..RawEvent::default()
    };
    let mut subtitle = "";
    let mut track = "";
    let mut language = "";
    let mut url = "";
    let mut slug = "";
    let mut feedback = "";
    let mut origin = "";
    let mut logo = "";
    let mut video = "";
    let mut licence = "";
    let mut opt_out = false;
    let mut links = Vec::new();
    let mut attachments = Vec::new();
    for c in &node.children {
        let text = c.text.trim();
        match c.name.as_str() {
            "title" => e.title = text.to_string(),
            "date" => e.date = text.to_string(),
            "start" => e.start = text.to_string(),
            "duration" => e.duration = text.to_string(),
            "room" => e.own_room = text.to_string(),
            "type" => e.kind = text.to_string(),
            "description" => e.description = text.to_string(),
            "abstract" => e.abstract_text = text.to_string(),
            "subtitle" => subtitle = text,
            "track" => track = text,
            "language" => language = text,
            "url" => url = text,
            "slug" => slug = text,
            "feedback_url" => feedback = text,
            "origin_url" => origin = text,
            "logo" => logo = text,
            "video_download_url" => video = text,
            "recording" => {
                licence = c.child_text("license");
                opt_out = c.child_text("optout").eq_ignore_ascii_case("true");
            }
            "persons" => {
                for p in c.children_named("person") {
                    let id = [p.attr("id"), p.attr("guid"), p.attr("code")]
                        .into_iter()
                        .find(|v| !v.is_empty())
                        .unwrap_or("");
                    e.persons.push(RawPerson {
                        name: p.text.trim().to_string(),
                        id: id.to_string(),
                        role: p.attr("role").to_string(),
                    });
                }
            }
            "links" => {
                for l in c.children_named("link") {
                    links.push(frab::link_value(&l.text, l.attr("href")));
                }
            }
            "attachments" => {
                for a in c.children_named("attachment") {
                    attachments.push(frab::link_value(&a.text, a.attr("href")));
                }
            }
            _ => {}
        }
    }
    let x = &mut e.extras;
    frab::push_extra(x, frab::SUBTITLE, subtitle);
    frab::push_extra(x, frab::TRACK, track);
    frab::push_extra(x, frab::LANGUAGE, language);
    frab::push_extra(x, frab::URL, url);
    frab::push_extra(x, frab::SLUG, slug);
    frab::push_extra(x, frab::FEEDBACK_URL, feedback);
    frab::push_extra(x, frab::ORIGIN_URL, origin);
    frab::push_extra(x, frab::LOGO, logo);
    frab::push_extra(x, frab::VIDEO_URL, video);
    frab::push_extra(x, frab::LICENCE, licence);
    if opt_out {
        frab::push_extra(x, frab::OPT_OUT, "yes");
    }
    for l in &links {
        frab::push_extra(x, frab::LINK, l);
    }
    for a in &attachments {
        frab::push_extra(x, frab::ATTACHMENT, a);
    }
    e
}

// ---------------------------------------------------------------------------
// Writing.

/// Text for XML: escaped, and without the control characters XML 1.0
/// cannot hold.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A slug the XSD takes (`[a-z0-9_]{4,}-[a-z0-9_-]{4,}`).
fn xsd_slug(text: &str) -> bool {
    match text.split_once('-') {
        Some((head, tail)) => {
            head.chars().count() >= 4
                && head
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && tail.chars().count() >= 4
                && tail
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        }
        None => false,
    }
}

fn duration(zone: Zone, start: chrono::NaiveDateTime, end: chrono::NaiveDateTime) -> String {
    let minutes = frab::elapsed_minutes(zone, start, end);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The programme as frab schedule XML (UTF-8, indented, the same bytes for
/// the same programme), valid against the c3voc `schedule.xml.xsd`.
///
/// - Only sessions with times are written: a frab day cannot hold the
///   others (callers count them: `start.is_none()`).
/// - Times carry the UTC offset of the programme's zone; a `Zone::Floating`
///   programme is written as wall clock at +00:00.
/// - Event ids are the sessions' `source_id` when a unique positive
///   integer, else numbers after the largest; guids are the sessions' `uid`
///   when a unique UUID, else UUIDs derived from title, start and room
///   (v5, so the same programme gives the same guids).
/// - Everyone with a role is a `<person>` (the XSD has no role attribute);
///   roles other than speaker are also named on a last line of the
///   description ("Chair: Jane Doe; Moderator: …").
/// - A session without a track takes its event's short name (or title)
///   as its track.
/// - Every day from the first to the last day is written, with every room.
/// - The acronym is the programme's when the schemas take it, else one
///   made from it or the title.
pub fn write(p: &Programme) -> String {
    let days = frab::layout(p);
    let mut o = String::with_capacity(4096 + p.sessions.len() * 1024);
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n");
    o.push_str(&format!("  <version>{}</version>\n", esc(&p.version)));
    o.push_str("  <conference>\n");
    o.push_str(&format!(
        "    <acronym>{}</acronym>\n",
        esc(&frab::acronym(p))
    ));
    o.push_str(&format!("    <title>{}</title>\n", esc(&p.title)));
    if let (Some(first), Some(last)) = (days.first(), days.last()) {
        o.push_str(&format!("    <start>{}</start>\n", first.date));
        o.push_str(&format!("    <end>{}</end>\n", last.date));
    }
    o.push_str(&format!("    <days>{}</days>\n", days.len()));
    if let Zone::Named(tz) = p.zone {
        o.push_str(&format!(
            "    <time_zone_name>{}</time_zone_name>\n",
            esc(tz.name())
        ));
    }
    o.push_str("  </conference>\n");
    let mut slugs = std::collections::HashSet::new();
    for day in &days {
        o.push_str(&format!(
            "  <day index=\"{}\" date=\"{}\" start=\"{}\" end=\"{}\">\n",
            day.index,
            day.date,
            frab::stamp(p.zone, day.start),
            frab::stamp(p.zone, day.end)
        ));
        for room in &day.rooms {
            if room.events.is_empty() {
                o.push_str(&format!(
                    "    <room name=\"{}\" guid=\"{}\"/>\n",
                    esc(&room.name),
                    room.guid
                ));
                continue;
            }
            o.push_str(&format!(
                "    <room name=\"{}\" guid=\"{}\">\n",
                esc(&room.name),
                room.guid
            ));
            for e in &room.events {
                write_event(&mut o, p.zone, e, &mut slugs);
            }
            o.push_str("    </room>\n");
        }
        o.push_str("  </day>\n");
    }
    o.push_str("</schedule>\n");
    o
}

fn write_event(
    o: &mut String,
    zone: Zone,
    e: &frab::LaidEvent,
    slugs: &mut std::collections::HashSet<String>,
) {
    let s = e.session;
    let field = |o: &mut String, name: &str, value: &str| {
        if value.is_empty() {
            o.push_str(&format!("        <{name}/>\n"));
        } else {
            o.push_str(&format!("        <{name}>{}</{name}>\n", esc(value)));
        }
    };
    o.push_str(&format!(
        "      <event id=\"{}\" guid=\"{}\">\n",
        e.id, e.guid
    ));
    field(o, "date", &frab::stamp(zone, e.start));
    field(o, "start", &e.start.format("%H:%M").to_string());
    field(o, "duration", &duration(zone, e.start, e.end));
    field(o, "room", &e.room);
    if let Some(slug) = frab::extra(s, frab::SLUG) {
        if xsd_slug(slug) && slugs.insert(slug.to_string()) {
            field(o, "slug", slug);
        }
    }
    if let Some(url) = frab::extra(s, frab::URL).filter(|u| frab::is_http(u)) {
        field(o, "url", url);
    }
    field(o, "title", &s.title);
    field(o, "subtitle", frab::extra(s, frab::SUBTITLE).unwrap_or(""));
    if let Some(language) = frab::extra(s, frab::LANGUAGE) {
        field(o, "language", language);
    }
    field(o, "track", &e.track);
    let kind = match (s.source_kind.trim(), s.kind) {
        ("", Some(k)) => k.label().to_string(),
        (t, _) => t.to_string(),
    };
    field(o, "type", &kind);
    field(o, "abstract", frab::extra(s, frab::ABSTRACT).unwrap_or(""));
    let mut description = s.description.trim().to_string();
    if !e.other_roles.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&e.other_roles);
    }
    field(o, "description", &description);
    for (label, name) in [
        (frab::LOGO, "logo"),
        (frab::FEEDBACK_URL, "feedback_url"),
        (frab::ORIGIN_URL, "origin_url"),
        (frab::VIDEO_URL, "video_download_url"),
    ] {
        if let Some(url) = frab::extra(s, label).filter(|u| frab::is_http(u)) {
            field(o, name, url);
        }
    }
    let licence = frab::extra(s, frab::LICENCE);
    let opt_out = frab::extra(s, frab::OPT_OUT).is_some();
    if licence.is_some() || opt_out {
        o.push_str("        <recording>\n");
        o.push_str(&format!(
            "          <license>{}</license>\n          <optout>{opt_out}</optout>\n",
            esc(licence.unwrap_or(""))
        ));
        o.push_str("        </recording>\n");
    }
    if e.persons.is_empty() {
        o.push_str("        <persons/>\n");
    } else {
        o.push_str("        <persons>\n");
        for person in &e.persons {
            o.push_str(&format!(
                "          <person id=\"{}\" guid=\"{}\">{}</person>\n",
                person.id,
                person.guid,
                esc(&person.name)
            ));
        }
        o.push_str("        </persons>\n");
    }
    let links: Vec<&str> = frab::extras(s, frab::LINK).collect();
    let attachments: Vec<&str> = frab::extras(s, frab::ATTACHMENT).collect();
    for (list, item, values) in [
        ("links", "link", links),
        ("attachments", "attachment", attachments),
    ] {
        if values.is_empty() {
            continue;
        }
        o.push_str(&format!("        <{list}>\n"));
        for v in values {
            let (title, href) = frab::split_link(v);
            o.push_str(&format!(
                "          <{item} href=\"{}\">{}</{item}>\n",
                esc(&href),
                esc(&title)
            ));
        }
        o.push_str(&format!("        </{list}>\n"));
    }
    o.push_str("      </event>\n");
}
