//! What the frab schedule XML and JSON readers and writers share. Both
//! readers fill a `RawSchedule` (text as the file wrote it) and `finish`
//! turns it into a `Reading` by one rule: times, zone, limits, duplicates,
//! roles and the fields kept. Both writers lay a programme out by
//! `layout`: the same ids, guids, days and rooms in XML and JSON.

use super::programme::{
    Programme, ProgrammePerson, ProgrammeRole, ProgrammeRoom, ProgrammeSession, Reading,
    SourceProblem, Zone,
};
use crate::limits;
use crate::model::RoleKind;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta};
use chrono::{LocalResult, TimeZone};
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

// Labels of what a session keeps in `extras` (and the writers read back).
pub(crate) const SUBTITLE: &str = "Subtitle";
pub(crate) const TRACK: &str = "Track";
pub(crate) const LANGUAGE: &str = "Language";
pub(crate) const ABSTRACT: &str = "Abstract";
pub(crate) const URL: &str = "URL";
pub(crate) const SLUG: &str = "Slug";
pub(crate) const FEEDBACK_URL: &str = "Feedback URL";
pub(crate) const ORIGIN_URL: &str = "Origin URL";
pub(crate) const LOGO: &str = "Logo";
pub(crate) const VIDEO_URL: &str = "Video download URL";
pub(crate) const LICENCE: &str = "Recording licence";
pub(crate) const OPT_OUT: &str = "Recording opt-out";
pub(crate) const LINK: &str = "Link";
pub(crate) const ATTACHMENT: &str = "Attachment";

/// A person as a schedule lists them under an event.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawPerson {
    pub name: String,
    /// id, else guid, else code.
    pub id: String,
    /// The `role` attribute or participant role, as written.
    pub role: String,
}

/// One event as the file wrote it, text trimmed.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawEvent {
    pub place: String,
    pub id: String,
    pub guid: String,
    pub title: String,
    /// A full timestamp (`<date>`, schema2 `start`).
    pub date: String,
    /// `HH:MM`, used with `day` when there is no `date`.
    pub start: String,
    /// schema2's end timestamp.
    pub end: String,
    pub duration: String,
    /// The date of the enclosing `<day>`.
    pub day: Option<NaiveDate>,
    /// The enclosing day's start attribute, to place a `start` after midnight.
    pub day_start: String,
    /// The enclosing `<room name>`.
    pub room: String,
    /// The event's own `<room>` text.
    pub own_room: String,
    pub kind: String,
    pub description: String,
    pub abstract_text: String,
    pub extras: Vec<(String, String)>,
    pub persons: Vec<RawPerson>,
}

#[derive(Debug, Default)]
pub(crate) struct RawSchedule {
    /// Field names in messages are JSON keys (`"duration"`), else elements.
    pub json: bool,
    pub title: String,
    pub acronym: String,
    pub version: String,
    pub time_zone_name: String,
    pub conference_start: String,
    pub conference_end: String,
    pub days: Vec<NaiveDate>,
    /// Rooms the file declares (`<rooms>`, conference `rooms`), with guids.
    pub declared_rooms: Vec<(String, String)>,
    /// Rooms in the order the days list them, with guids.
    pub seen_rooms: Vec<(String, String)>,
    pub events: Vec<RawEvent>,
    pub problems: Vec<SourceProblem>,
    pub report: Vec<String>,
}

impl RawSchedule {
    pub fn field(&self, name: &str) -> String {
        if self.json {
            format!("\"{name}\"")
        } else {
            format!("<{name}>")
        }
    }
}

/// Adds a label/value pair when the value is not blank.
pub(crate) fn push_extra(extras: &mut Vec<(String, String)>, label: &str, value: &str) {
    let value = value.trim();
    if !value.is_empty() {
        extras.push((label.to_string(), value.to_string()));
    }
}

/// A link kept as "title url" (or the url alone), so notes read well and a
/// writer can split it again at the last space.
pub(crate) fn link_value(title: &str, href: &str) -> String {
    let (title, href) = (title.trim(), href.trim());
    if title.is_empty() || title == href {
        href.to_string()
    } else if href.is_empty() {
        title.to_string()
    } else {
        format!("{title} {href}")
    }
}

/// A timestamp as written: with an offset, or a bare wall clock.
#[derive(Debug, Clone, Copy)]
enum Stamp {
    Fixed(DateTime<FixedOffset>),
    Wall(NaiveDateTime),
}

fn parse_stamp(text: &str) -> Option<Stamp> {
    let t = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(Stamp::Fixed(d));
    }
    for f in [
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, f) {
            return Some(Stamp::Fixed(d));
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, f) {
            return Some(Stamp::Wall(d));
        }
    }
    None
}

/// A date at the start of a date or timestamp ("2019-12-27", "2019-12-27T…").
pub(crate) fn leading_date(text: &str) -> Option<NaiveDate> {
    let head = text.trim().split(['T', ' ']).next()?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

fn parse_clock(text: &str) -> Option<NaiveTime> {
    let t = text.trim();
    NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
        .ok()
}

/// "HH:MM", "HH:MM:SS" (as the XSD has it) or ISO 8601 "PT1H30M".
pub(crate) fn parse_duration(text: &str) -> Option<TimeDelta> {
    let t = text.trim();
    if let Some(iso) = t.strip_prefix("PT").or_else(|| t.strip_prefix("pt")) {
        let mut minutes: i64 = 0;
        let mut number = String::new();
        for c in iso.chars() {
            if c.is_ascii_digit() {
                if number.len() > 9 {
                    return None;
                }
                number.push(c);
                continue;
            }
            let n: i64 = number.parse().ok()?;
            number.clear();
            minutes = minutes.checked_add(match c.to_ascii_uppercase() {
                'H' => n.checked_mul(60)?,
                'M' => n,
                'S' => n / 60,
                _ => return None,
            })?;
        }
        if !number.is_empty() {
            return None;
        }
        return TimeDelta::try_minutes(minutes);
    }
    let parts: Vec<&str> = t.split(':').collect();
    let number = |s: &str| -> Option<i64> {
        if s.is_empty() || s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (hours, minutes, seconds) = match parts.as_slice() {
        [h, m] => (number(h)?, number(m)?, 0),
        [h, m, s] => (number(h)?, number(m)?, number(s)?),
        _ => return None,
    };
    if minutes > 59 || seconds > 59 {
        return None;
    }
    TimeDelta::try_minutes(hours * 60 + minutes)
}

/// A role word from a file ("moderator", "HOST") as a Plenary role.
pub(crate) fn role_from_word(word: &str) -> Option<RoleKind> {
    let w: String = word
        .trim()
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect();
    Some(match w.as_str() {
        "" | "speaker" => RoleKind::Speaker,
        "presenter" => RoleKind::Presenter,
        "moderator" => RoleKind::Moderator,
        "host" | "chair" => RoleKind::Chair,
        "cochair" => RoleKind::CoChair,
        "panellist" | "panelist" | "contributor" | "guest" => RoleKind::Panellist,
        "discussant" => RoleKind::Discussant,
        "rapporteur" => RoleKind::Rapporteur,
        _ => return None,
    })
}

fn too_long(text: &str, max: usize) -> Option<usize> {
    let n = text.chars().count();
    (n > max).then_some(n)
}

/// Counts in first-seen order, for report lines.
#[derive(Default)]
struct Tally {
    order: Vec<String>,
    counts: HashMap<String, usize>,
}

impl Tally {
    fn add(&mut self, key: &str) {
        match self.counts.get_mut(key) {
            Some(n) => *n += 1,
            None => {
                self.counts.insert(key.to_string(), 1);
                self.order.push(key.to_string());
            }
        }
    }

    fn by_order(&self) -> Vec<String> {
        self.order
            .iter()
            .map(|k| format!("{k} ({})", self.counts.get(k).copied().unwrap_or(0)))
            .collect()
    }

    fn by_count(&self, most: usize) -> String {
        let mut v: Vec<(&String, usize)> = self
            .order
            .iter()
            .map(|k| (k, self.counts.get(k).copied().unwrap_or(0)))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut parts: Vec<String> = v
            .iter()
            .take(most)
            .map(|(k, n)| format!("{k} ({n})"))
            .collect();
        if v.len() > most {
            parts.push(format!("and {} more", v.len() - most));
        }
        parts.join(", ")
    }
}

/// An event's start as written: its timestamp, else its day and `start`.
fn start_stamp(raw: &RawSchedule, e: &RawEvent) -> Result<Stamp, String> {
    if !e.date.is_empty() {
        return parse_stamp(&e.date).ok_or_else(|| {
            format!(
                "{} \"{}\" is not a date and time (use 2019-12-27T11:00:00+01:00).",
                raw.field(if e.end.is_empty() { "date" } else { "start" }),
                e.date
            )
        });
    }
    match (e.day, parse_clock(&e.start)) {
        (Some(day), Some(clock)) => {
            let mut wall = day.and_time(clock);
            // A start before the day's own start is after midnight.
            if let Some(Stamp::Fixed(ds)) = parse_stamp(&e.day_start) {
                if clock < ds.naive_local().time() {
                    wall = wall.checked_add_signed(TimeDelta::days(1)).unwrap_or(wall);
                }
            }
            Ok(Stamp::Wall(wall))
        }
        (None, Some(_)) => Err(format!(
            "has a {} but no {} and is in no day with a date.",
            raw.field("start"),
            raw.field("date")
        )),
        _ if e.start.is_empty() => Err(format!(
            "has no {} and no {}.",
            raw.field("date"),
            raw.field("start")
        )),
        _ => Err(format!(
            "{} \"{}\" is not a time (use HH:MM), and there is no {}.",
            raw.field("start"),
            e.start,
            raw.field("date")
        )),
    }
}

/// Turns what a reader collected into a programme, by one rule for XML and
/// JSON: an event whose times or text cannot be taken is one problem line
/// and left out; everything else is kept, and the report says where.
pub(crate) fn finish(raw: RawSchedule) -> Reading {
    let mut problems = raw.problems.clone();
    let mut report = raw.report.clone();

    let named = match raw.time_zone_name.trim() {
        "" => None,
        name => match name.parse::<Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                report.push(format!(
                    "The time zone \"{name}\" is not known; times keep the file's UTC offsets."
                ));
                None
            }
        },
    };

    let zone = match named {
        Some(tz) => Zone::Named(tz),
        // The offset of the first timestamp that has one.
        None => match raw.events.iter().find_map(|e| match parse_stamp(&e.date) {
            Some(Stamp::Fixed(d)) => Some(*d.offset()),
            _ => None,
        }) {
            Some(o) => Zone::Offset(o),
            None => Zone::Floating,
        },
    };
    let mut other_offsets = 0usize;
    let wall = |s: Stamp, other: &mut usize| -> NaiveDateTime {
        match (s, zone) {
            (Stamp::Wall(w), _) => w,
            (Stamp::Fixed(d), Zone::Named(tz)) => d.with_timezone(&tz).naive_local(),
            (Stamp::Fixed(d), Zone::Offset(o)) => {
                if *d.offset() != o {
                    *other += 1;
                }
                d.with_timezone(&o).naive_local()
            }
            (Stamp::Fixed(d), Zone::Floating) => d.naive_local(),
        }
    };

    let mut programme = Programme::empty(raw.title.trim(), zone);
    programme.acronym = raw.acronym.trim().to_string();
    programme.version = raw.version.trim().to_string();
    programme.first_day = raw
        .days
        .iter()
        .min()
        .copied()
        .or_else(|| leading_date(&raw.conference_start));
    programme.last_day = raw
        .days
        .iter()
        .max()
        .copied()
        .or_else(|| leading_date(&raw.conference_end));

    // Rooms: declared first, then as the days list them, then as events name them.
    let mut room_names: HashSet<String> = HashSet::new();
    let mut add_room = |rooms: &mut Vec<ProgrammeRoom>, name: &str, uid: &str| {
        let name = name.trim();
        if !name.is_empty() && room_names.insert(name.to_string()) {
            rooms.push(ProgrammeRoom {
                uid: (!uid.trim().is_empty()).then(|| uid.trim().to_string()),
                name: name.to_string(),
            });
        }
    };
    for (name, uid) in &raw.declared_rooms {
        add_room(&mut programme.rooms, name, uid);
    }
    for (name, uid) in &raw.seen_rooms {
        add_room(&mut programme.rooms, name, uid);
    }

    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_guid: HashMap<String, usize> = HashMap::new();
    let mut types = Tally::default();
    let mut kept = Tally::default();
    let mut roles_read = Tally::default();
    let mut no_guid = 0usize;
    let mut zero_length = Vec::new();
    let mut room_differs = 0usize;

    for e in &raw.events {
        let problem = |message: String| SourceProblem::new(&e.place, message);
        let stamp = match start_stamp(&raw, e) {
            Ok(stamp) => stamp,
            Err(message) => {
                problems.push(problem(message));
                continue;
            }
        };
        let start = wall(stamp, &mut other_offsets);
        let end = if !e.end.is_empty() {
            match parse_stamp(&e.end) {
                Some(s) => wall(s, &mut other_offsets),
                None => {
                    problems.push(problem(format!(
                        "{} \"{}\" is not a date and time.",
                        raw.field("end"),
                        e.end
                    )));
                    continue;
                }
            }
        } else if e.duration.is_empty() {
            problems.push(problem(format!("has no {}.", raw.field("duration"))));
            continue;
        } else {
            let Some(d) = parse_duration(&e.duration) else {
                problems.push(problem(format!(
                    "{} \"{}\" is not a duration (use HH:MM).",
                    raw.field("duration"),
                    e.duration
                )));
                continue;
            };
            if d > TimeDelta::days(limits::MAX_PLAN_DAYS) {
                problems.push(problem(format!(
                    "{} \"{}\" is longer than {} days.",
                    raw.field("duration"),
                    e.duration,
                    limits::MAX_PLAN_DAYS
                )));
                continue;
            }
            // Added to the instant, so a clock change in between counts.
            let end = match stamp {
                Stamp::Fixed(f) => f
                    .checked_add_signed(d)
                    .map(|e| wall(Stamp::Fixed(e), &mut other_offsets)),
                Stamp::Wall(w) => w.checked_add_signed(d),
            };
            match end {
                Some(end) => end,
                None => {
                    problems.push(problem(format!(
                        "{} \"{}\" ends beyond the calendar.",
                        raw.field("duration"),
                        e.duration
                    )));
                    continue;
                }
            }
        };
        if end < start {
            problems.push(problem(format!(
                "ends ({}) before it starts ({}).",
                end.format("%Y-%m-%d %H:%M"),
                start.format("%Y-%m-%d %H:%M")
            )));
            continue;
        }
        let title = e.title.trim();
        if title.is_empty() {
            problems.push(problem(format!("{} is empty.", raw.field("title"))));
            continue;
        }
        if let Some(n) = too_long(title, limits::MAX_TITLE) {
            problems.push(problem(format!(
                "{} has {n} characters; a session title may have {}.",
                raw.field("title"),
                limits::MAX_TITLE
            )));
            continue;
        }
        let mut long = None;
        for (name, text) in [
            ("description", &e.description),
            ("abstract", &e.abstract_text),
        ] {
            if let Some(n) = too_long(text, limits::MAX_TEXT) {
                long = Some(format!(
                    "{} has {n} characters; a session may keep {}.",
                    raw.field(name),
                    limits::MAX_TEXT
                ));
            }
        }
        let room = if e.room.trim().is_empty() {
            e.own_room.trim()
        } else {
            e.room.trim()
        };
        if let Some(n) = too_long(room, limits::MAX_ROOM_NAME) {
            long = Some(format!(
                "the room name has {n} characters; a room name may have {}.",
                limits::MAX_ROOM_NAME
            ));
        }
        for p in &e.persons {
            if let Some(n) = too_long(p.name.trim(), limits::MAX_LINE) {
                long = Some(format!(
                    "a person's name has {n} characters; a name may have {}.",
                    limits::MAX_LINE
                ));
            }
        }
        if let Some(message) = long {
            problems.push(problem(message));
            continue;
        }

        let mut s = ProgrammeSession::titled(e.place.clone(), title);
        s.source_id = e.id.trim().to_string();
        let guid = e.guid.trim();
        s.uid = (!guid.is_empty()).then(|| guid.to_string());
        if guid.is_empty() {
            no_guid += 1;
        }
        if end > start {
            s.start = Some(start);
            s.end = Some(end);
        } else {
            zero_length.push(e.place.clone());
        }
        s.day = e.day.or(Some(start.date()));
        if !room.is_empty() {
            add_room(&mut programme.rooms, room, "");
            s.room = Some(room.to_string());
            if !e.room.trim().is_empty()
                && !e.own_room.trim().is_empty()
                && e.room.trim() != e.own_room.trim()
            {
                room_differs += 1;
            }
        }
        s.source_kind = e.kind.trim().to_string();
        if !s.source_kind.is_empty() {
            types.add(&s.source_kind);
        }
        let (description, abstract_text) = (e.description.trim(), e.abstract_text.trim());
        s.description = if description.is_empty() {
            abstract_text
        } else {
            description
        }
        .to_string();
        s.extras = e.extras.clone();
        if !description.is_empty() && !abstract_text.is_empty() && description != abstract_text {
            s.extras
                .push((ABSTRACT.to_string(), abstract_text.to_string()));
        }
        for (label, _) in &s.extras {
            kept.add(label);
        }
        for p in &e.persons {
            let name = p.name.trim();
            if name.is_empty() {
                continue;
            }
            let kind = match role_from_word(&p.role) {
                Some(k) => {
                    if k != RoleKind::Speaker || !p.role.trim().is_empty() {
                        roles_read.add(&format!("\"{}\" as {}", p.role.trim(), k.label()));
                    }
                    k
                }
                None => {
                    roles_read.add(&format!("\"{}\" as Speaker", p.role.trim()));
                    RoleKind::Speaker
                }
            };
            let mut person = ProgrammePerson::from_name(name);
            person.source_id = p.id.trim().to_string();
            s.roles.push(ProgrammeRole {
                uid: None,
                kind,
                person: Some(person),
                organisation: None,
                note: String::new(),
            });
        }

        // The same id or guid twice: both kept, the later one loses its
        // guid so a re-import matches the first.
        let index = programme.sessions.len();
        let same_id = (!s.source_id.is_empty())
            .then(|| by_id.get(&s.source_id).copied())
            .flatten();
        let same_guid = s.uid.as_ref().and_then(|g| by_guid.get(g).copied());
        if let Some(first) = same_id.or(same_guid) {
            let what = match (same_id.is_some(), same_guid.is_some()) {
                (true, true) => "id and guid",
                (true, false) => "id",
                _ => "guid",
            };
            if let Some(f) = programme.sessions.get(first) {
                report.push(format!(
                    "{} (“{}”) repeats the {what} of {} (“{}”); both are kept, the later without its guid.",
                    s.place, s.title, f.place, f.title
                ));
            }
            s.uid = None;
        } else {
            if !s.source_id.is_empty() {
                by_id.insert(s.source_id.clone(), index);
            }
            if let Some(g) = &s.uid {
                by_guid.insert(g.clone(), index);
            }
        }
        programme.sessions.push(s);
    }

    let days = match (programme.first_day, programme.last_day) {
        (Some(f), Some(l)) => format!(
            " over {} days ({f} to {l})",
            (l - f).num_days().saturating_add(1)
        ),
        _ => String::new(),
    };
    let mut head = vec![format!(
        "Read {} sessions in {} rooms{days}.",
        programme.sessions.len(),
        programme.rooms.len()
    )];
    head.push(match zone {
        Zone::Named(tz) => format!(
            "Times are wall clock in {} (the file's time zone).",
            tz.name()
        ),
        Zone::Offset(o) => {
            format!("The file names no time zone; times are wall clock at its UTC offset {o}.")
        }
        Zone::Floating => {
            "The file names no time zone and gives no UTC offsets; times are taken as written."
                .to_string()
        }
    });
    if other_offsets > 0 {
        head.push(format!(
            "{other_offsets} times had another UTC offset than the first; they were converted to its offset."
        ));
    }
    if !types.order.is_empty() {
        head.push(format!(
            "Types, kept for mapping to session kinds: {}.",
            types.by_count(20)
        ));
    }
    if !kept.order.is_empty() {
        head.push(format!(
            "Kept in the sessions' notes: {}.",
            kept.by_order().join(", ")
        ));
    }
    if !roles_read.order.is_empty() {
        head.push(format!(
            "Person roles read: {}.",
            roles_read.by_order().join(", ")
        ));
    }
    if no_guid > 0 {
        head.push(format!(
            "{no_guid} sessions have no guid; a later import of this file cannot match them to these."
        ));
    }
    if room_differs > 0 {
        head.push(format!(
            "{room_differs} events name another room than the room they are listed in; the room they are listed in is used."
        ));
    }
    for place in zero_length {
        head.push(format!(
            "{place} lasts no time; it is kept on its day without times."
        ));
    }
    head.extend(report);
    Reading {
        programme,
        problems,
        report: head,
    }
}

// ---------------------------------------------------------------------------
// Writing.

/// The namespace of the UUIDs the writers derive for records without one.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:plenary:frab-schedule")
}

pub(crate) fn derived_uuid(kind: &str, parts: &[&str]) -> String {
    let mut name = String::from(kind);
    for p in parts {
        name.push('\u{1f}');
        name.push_str(p);
    }
    Uuid::new_v5(&namespace(), name.as_bytes()).to_string()
}

/// A UUID in its hyphenated form, as the schemas want it.
pub(crate) fn is_uuid(text: &str) -> bool {
    text.chars().count() == 36 && Uuid::try_parse(text).is_ok()
}

/// The UTC offset of a wall-clock time in the programme's zone. A time a
/// clock change skips takes the offset from just before it; `Floating`
/// writes +00:00.
pub(crate) fn offset_at(zone: Zone, wall: NaiveDateTime) -> FixedOffset {
    let utc = chrono::Utc.fix();
    match zone {
        Zone::Named(tz) => match tz.from_local_datetime(&wall) {
            LocalResult::Single(d) | LocalResult::Ambiguous(d, _) => d.offset().fix(),
            LocalResult::None => tz.offset_from_utc_datetime(&wall).fix(),
        },
        Zone::Offset(o) => o,
        Zone::Floating => utc,
    }
}

/// Minutes from `start` to `end`, wall clocks in `zone`, as elapsed time.
pub(crate) fn elapsed_minutes(zone: Zone, start: NaiveDateTime, end: NaiveDateTime) -> i64 {
    let utc = |w: NaiveDateTime| {
        let offset = TimeDelta::seconds(i64::from(offset_at(zone, w).local_minus_utc()));
        w.checked_sub_signed(offset).unwrap_or(w)
    };
    (utc(end) - utc(start)).num_minutes().max(0)
}

/// "2019-12-27T11:00:00+01:00".
pub(crate) fn stamp(zone: Zone, wall: NaiveDateTime) -> String {
    format!(
        "{}{}",
        wall.format("%Y-%m-%dT%H:%M:%S"),
        offset_at(zone, wall)
    )
}

/// Lower-case letters and digits joined by `sep`, accents dropped
/// ("São Tomé" → "sao_tome"); other scripts drop out.
pub(crate) fn slug(text: &str, sep: char) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut gap = false;
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if gap && !out.is_empty() {
                out.push(sep);
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// An acronym both schemas take: the programme's own when it fits
/// (`[a-z0-9_-][a-z0-9_]{3,}`), else one made from it or the title.
pub(crate) fn acronym(p: &Programme) -> String {
    let own = p.acronym.trim();
    let fits = |a: &str| {
        let mut chars = a.chars();
        let first = chars.next();
        let rest: Vec<char> = chars.collect();
        matches!(first, Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
            && rest.len() >= 3
            && rest
                .iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
    };
    if fits(own) {
        return own.to_string();
    }
    let mut made = slug(if own.is_empty() { &p.title } else { own }, '_');
    if made.is_empty() {
        made = "programme".to_string();
    }
    while made.chars().count() < 4 {
        made.push('_');
    }
    made
}

pub(crate) fn extra<'a>(s: &'a ProgrammeSession, label: &str) -> Option<&'a str> {
    s.extras
        .iter()
        .find(|(l, v)| l == label && !v.trim().is_empty())
        .map(|(_, v)| v.trim())
}

pub(crate) fn extras<'a>(s: &'a ProgrammeSession, label: &'a str) -> impl Iterator<Item = &'a str> {
    s.extras
        .iter()
        .filter(move |(l, v)| l == label && !v.trim().is_empty())
        .map(|(_, v)| v.trim())
}

/// A kept link split again into (title, url).
pub(crate) fn split_link(value: &str) -> (String, String) {
    match value.rsplit_once(' ') {
        Some((title, href)) if is_http(href) => (title.trim().to_string(), href.to_string()),
        _ => (String::new(), value.trim().to_string()),
    }
}

pub(crate) fn is_http(text: &str) -> bool {
    (text.starts_with("http://") || text.starts_with("https://"))
        && text.chars().count() > 8
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A web address as a URI: characters a URI cannot hold (non-ASCII,
/// spaces, `<>"{}|\^`[]`, a second `#`, a `%` without two hex digits)
/// percent-encoded as UTF-8 ("https://zügli.app" → "https://z%C3%BCgli.app").
pub(crate) fn uri(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut fragment = false;
    for (i, &c) in chars.iter().enumerate() {
        let hex = |k: usize| chars.get(i + k).is_some_and(|h| h.is_ascii_hexdigit());
        let keep = match c {
            '#' => !std::mem::replace(&mut fragment, true),
            '%' => hex(1) && hex(2),
            '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`' | '[' | ']' => false,
            c => c.is_ascii_graphic(),
        };
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// One person of a laid-out event.
#[derive(Debug, Clone)]
pub(crate) struct LaidPerson {
    pub id: u64,
    pub guid: String,
    pub name: String,
    pub kind: RoleKind,
}

#[derive(Debug, Clone)]
pub(crate) struct LaidEvent<'a> {
    pub session: &'a ProgrammeSession,
    pub id: u64,
    pub guid: String,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub room: String,
    pub persons: Vec<LaidPerson>,
    /// Roles other than speaker, as a line for the description.
    pub other_roles: String,
    /// The session's track, else the short name (or title) of its event.
    pub track: String,
}

#[derive(Debug, Clone)]
pub(crate) struct LaidRoom<'a> {
    pub name: String,
    pub guid: String,
    pub events: Vec<LaidEvent<'a>>,
}

#[derive(Debug, Clone)]
pub(crate) struct LaidDay<'a> {
    pub index: usize,
    pub date: NaiveDate,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub rooms: Vec<LaidRoom<'a>>,
}

/// Days a writer fills in at most: beyond, only days with sessions.
const MAX_EMPTY_DAYS: i64 = 366;

/// A programme as frab lays it out: days in date order, each with every
/// room (the programme's order, then rooms only sessions name), events by
/// start. Sessions without times are left out. Ids are the sessions' own
/// when they are positive integers and unique, else numbers after the
/// largest; guids are the sessions' own UUIDs when unique, else UUIDs
/// derived from title, start and room.
pub(crate) fn layout(p: &Programme) -> Vec<LaidDay<'_>> {
    let timed: Vec<(&ProgrammeSession, NaiveDateTime, NaiveDateTime)> = p
        .sessions
        .iter()
        .filter_map(|s| match (s.start, s.end) {
            (Some(a), Some(b)) if b > a => Some((s, a, b)),
            _ => None,
        })
        .collect();

    let numeric = |t: &str| -> Option<u64> {
        t.trim()
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=1_000_000_000_000).contains(n))
    };
    let mut next_id = timed
        .iter()
        .filter_map(|(s, _, _)| numeric(&s.source_id))
        .max()
        .unwrap_or(0);
    let mut used_ids: HashSet<u64> = HashSet::new();
    let mut used_guids: HashSet<String> = HashSet::new();

    let mut person_ids: HashMap<String, u64> = HashMap::new();
    let mut next_person = timed
        .iter()
        .flat_map(|(s, _, _)| s.roles.iter())
        .filter_map(|r| r.person.as_ref().and_then(|p| numeric(&p.source_id)))
        .max()
        .unwrap_or(0);

    // Rooms: the programme's order, then as sessions name them.
    let mut room_order: Vec<(String, String)> = Vec::new();
    let mut room_index: HashMap<String, usize> = HashMap::new();
    let mut add_room = |name: &str, uid: Option<&String>| {
        if !room_index.contains_key(name) {
            let guid = match uid {
                Some(u) if is_uuid(u) => u.clone(),
                _ => derived_uuid("room", &[name]),
            };
            room_index.insert(name.to_string(), room_order.len());
            room_order.push((name.to_string(), guid));
        }
    };
    for r in &p.rooms {
        add_room(r.name.trim(), r.uid.as_ref());
    }

    let mut events: Vec<(NaiveDate, LaidEvent)> = Vec::with_capacity(timed.len());
    for (s, start, end) in timed {
        let id = match numeric(&s.source_id) {
            Some(n) if used_ids.insert(n) => n,
            _ => loop {
                next_id = next_id.saturating_add(1);
                if used_ids.insert(next_id) {
                    break next_id;
                }
            },
        };
        let room = s.room.as_deref().unwrap_or("").trim().to_string();
        let start_text = start.to_string();
        let guid = match s.uid.as_deref() {
            Some(u) if is_uuid(u) && used_guids.insert(u.to_ascii_lowercase()) => u.to_string(),
            _ => {
                let mut n = 0u32;
                loop {
                    let counter = n.to_string();
                    let g = derived_uuid("session", &[&s.title, &start_text, &room, &counter]);
                    if used_guids.insert(g.clone()) {
                        break g;
                    }
                    n = n.saturating_add(1);
                }
            }
        };
        add_room(&room, None);
        let mut persons = Vec::new();
        let mut others: Vec<String> = Vec::new();
        for r in &s.roles {
            let (name, source_id, uid) = match (&r.person, &r.organisation) {
                (Some(person), _) => {
                    let full = person.full_name();
                    let name = if full.trim().is_empty() {
                        person.written.clone()
                    } else {
                        full
                    };
                    (name, person.source_id.clone(), person.uid.clone())
                }
                (None, Some(o)) => (o.name.clone(), String::new(), o.uid.clone()),
                (None, None) => (r.note.clone(), String::new(), None),
            };
            let name = name.trim().to_string();
            if name.is_empty() {
                continue;
            }
            let key = format!("{source_id}\u{1f}{name}");
            let pid = match numeric(&source_id) {
                Some(n) => n,
                None => *person_ids.entry(key).or_insert_with(|| {
                    next_person = next_person.saturating_add(1);
                    next_person
                }),
            };
            let guid = match (uid, is_uuid(&source_id)) {
                (Some(u), _) if is_uuid(&u) => u,
                (_, true) => source_id.clone(),
                _ => derived_uuid("person", &[&name, &source_id]),
            };
            if r.kind != RoleKind::Speaker {
                others.push(format!("{}: {name}", r.kind.label()));
            }
            persons.push(LaidPerson {
                id: pid,
                guid,
                name,
                kind: r.kind,
            });
        }
        let day = match s.day {
            Some(d) if (start.date() - d).num_days() == 0 || (start.date() - d).num_days() == 1 => {
                d
            }
            _ => start.date(),
        };
        let track = match extra(s, TRACK) {
            Some(t) => t.to_string(),
            None => s
                .event
                .and_then(|i| p.events.get(i))
                .map(|e| match e.short_name.trim() {
                    "" => e.title.trim().to_string(),
                    short => short.to_string(),
                })
                .unwrap_or_default(),
        };
        events.push((
            day,
            LaidEvent {
                session: s,
                id,
                guid,
                start,
                end,
                room,
                persons,
                other_roles: others.join("; "),
                track,
            },
        ));
    }

    let mut by_day: BTreeMap<NaiveDate, Vec<LaidEvent>> = BTreeMap::new();
    if let (Some(first), Some(last)) = (p.first_day, p.last_day) {
        if last >= first && (last - first).num_days() < MAX_EMPTY_DAYS {
            let mut d = first;
            while d <= last {
                by_day.entry(d).or_default();
                match d.succ_opt() {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }
    }
    for (day, e) in events {
        by_day.entry(day).or_default().push(e);
    }

    let mut days = Vec::with_capacity(by_day.len());
    for (i, (date, mut evs)) in by_day.into_iter().enumerate() {
        evs.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(a.end.cmp(&b.end))
                .then(a.session.title.cmp(&b.session.title))
                .then(a.id.cmp(&b.id))
        });
        let midnight = date.and_time(NaiveTime::MIN);
        let start = evs.iter().map(|e| e.start).min().unwrap_or(midnight);
        let end = evs.iter().map(|e| e.end).max().unwrap_or_else(|| {
            midnight
                .checked_add_signed(TimeDelta::days(1))
                .unwrap_or(midnight)
        });
        let mut rooms: Vec<LaidRoom> = room_order
            .iter()
            .map(|(name, guid)| LaidRoom {
                name: name.clone(),
                guid: guid.clone(),
                events: Vec::new(),
            })
            .collect();
        for e in evs {
            if let Some(r) = room_index.get(&e.room).and_then(|i| rooms.get_mut(*i)) {
                r.events.push(e);
            }
        }
        days.push(LaidDay {
            index: i + 1,
            date,
            start,
            end,
            rooms,
        });
    }
    days
}
