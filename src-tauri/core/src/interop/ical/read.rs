//! Reading an iCalendar file into a programme (see the module's notes for
//! what is decided where).

use super::lines::{components, parse_stamp, split_list, Component, Property, Stamp};
use super::recur;
use super::zones::{self, TzRef};
use crate::error::{CoreError, Result};
use crate::interop::programme::{
    Programme, ProgrammeOrganisation, ProgrammePerson, ProgrammeRole, ProgrammeRoom,
    ProgrammeSession, Reading, SourceProblem, Zone,
};
use crate::limits::{MAX_LINE, MAX_TEXT};
use crate::model::RoleKind;
use chrono::{Datelike, Days, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A source larger than this is refused whole.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// The most sessions one calendar may give, repeats expanded.
pub const MAX_SESSIONS: usize = 50_000;
/// The most occurrences one repeating item is expanded into.
pub const MAX_OCCURRENCES: usize = 1_000;
/// Periods (days, weeks, months) all the RRULEs of one file may look at
/// together: a hostile file of many endless rules ends in bounded time.
const MAX_RULE_PERIODS: u32 = 2_000_000;
/// VTIMEZONEs of unknown names matched to a zone by their rules, per file
/// (each tries every zone).
const MAX_RULE_MATCHES: u32 = 20;

/// A DTSTART, DTEND, RECURRENCE-ID, RDATE or EXDATE value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    Date(NaiveDate),
    Utc(NaiveDateTime),
    Local(NaiveDateTime, TzRef),
    Floating(NaiveDateTime),
}

impl When {
    /// The instant it names, for comparing with another value: UTC for
    /// zoned times, the time itself for floating ones and dates.
    fn key(self) -> Option<NaiveDateTime> {
        match self {
            When::Date(d) => Some(d.and_time(NaiveTime::MIN)),
            When::Utc(t) | When::Floating(t) => Some(t),
            When::Local(t, z) => zones::to_utc(t, z),
        }
    }

    /// The local time the recurrence counts in.
    fn local(self) -> NaiveDateTime {
        match self {
            When::Date(d) => d.and_time(NaiveTime::MIN),
            When::Utc(t) | When::Floating(t) | When::Local(t, _) => t,
        }
    }

    /// The same kind of value at another local time.
    fn with_local(self, t: NaiveDateTime) -> When {
        match self {
            When::Date(_) => When::Date(t.date()),
            When::Utc(_) => When::Utc(t),
            When::Floating(_) => When::Floating(t),
            When::Local(_, z) => When::Local(t, z),
        }
    }
}

/// Where the programme's wall clock is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Zoned(TzRef),
    Floating,
}

impl Target {
    /// A time as wall clock here; `None` for a date or an unrepresentable
    /// time.
    fn wall(self, when: When) -> Option<NaiveDateTime> {
        match (when, self) {
            (When::Date(_), _) => None,
            (When::Floating(t), _) => Some(t),
            (When::Utc(t), Target::Zoned(z)) => Some(zones::from_utc(t, z)),
            (When::Local(t, from), Target::Zoned(z)) => {
                zones::to_utc(t, from).map(|u| zones::from_utc(u, z))
            }
            (When::Utc(t) | When::Local(t, _), Target::Floating) => Some(t),
        }
    }
}

/// One VEVENT and what its place in the file is.
struct Item<'a> {
    index: usize,
    comp: &'a Component,
    uid: Option<String>,
}

impl Item<'_> {
    fn place(&self) -> String {
        match &self.uid {
            Some(uid) => format!("VEVENT {} (UID {})", self.index, uid),
            None => format!("VEVENT {}", self.index),
        }
    }
}

/// Where one occurrence is, as wall clock in the programme's zone.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    AllDay { first: NaiveDate, last: NaiveDate },
    Timed(NaiveDateTime, NaiveDateTime),
}

impl Slot {
    fn day(self) -> NaiveDate {
        match self {
            Slot::AllDay { first, .. } => first,
            Slot::Timed(start, _) => start.date(),
        }
    }
}

/// What one VEVENT's times are: start, and the length of each occurrence.
#[derive(Debug, Clone, Copy)]
enum Span {
    Days(u64),
    Exact(Duration),
}

struct Reader<'a> {
    vtimezones: HashMap<String, &'a Component>,
    target: Target,
    problems: Vec<SourceProblem>,
    report: Vec<String>,
    /// TZIDs not IANA names, and what they were read as.
    mapped: BTreeMap<String, String>,
    /// What each TZID was resolved to, the first time.
    resolved: HashMap<String, Option<TzRef>>,
    /// Periods every RRULE of the file may still look at together.
    budget: u32,
    /// VTIMEZONEs of unknown names still to be matched by their rules.
    rule_matches: u32,
    floating_in_zone: usize,
    multi_day: usize,
    with_attendees: usize,
    untitled: usize,
}

pub fn read(bytes: &[u8], window: Option<(NaiveDate, NaiveDate)>) -> Result<Reading> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CoreError::invalid(
            "file",
            format!(
                "The file is larger than {} MB; split it into smaller files.",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let roots = components(bytes).ok_or_else(|| {
        CoreError::invalid(
            "file",
            "This is not an iCalendar file: it has no BEGIN:VCALENDAR.",
        )
    })?;
    let calendars: Vec<&Component> = roots.iter().filter(|c| c.name == "VCALENDAR").collect();
    let mut vtimezones = HashMap::new();
    let mut events = Vec::new();
    let mut ignored: BTreeMap<&str, usize> = BTreeMap::new();
    for cal in &calendars {
        for child in &cal.children {
            match child.name.as_str() {
                "VTIMEZONE" => {
                    if let Some(id) = child.prop("TZID") {
                        vtimezones.insert(id.value.trim().to_string(), child);
                    }
                }
                "VEVENT" => events.push(child),
                "VTODO" | "VJOURNAL" | "VFREEBUSY" => {
                    *ignored.entry(child.name.as_str()).or_default() += 1
                }
                _ => {}
            }
        }
    }
    let header = |name: &str| {
        calendars
            .iter()
            .find_map(|c| c.text(name))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let title = header("X-WR-CALNAME").unwrap_or_default();
    let declared = header("X-WR-TIMEZONE");

    let mut reader = Reader {
        vtimezones,
        target: Target::Floating,
        problems: Vec::new(),
        report: Vec::new(),
        mapped: BTreeMap::new(),
        resolved: HashMap::new(),
        budget: MAX_RULE_PERIODS,
        rule_matches: MAX_RULE_MATCHES,
        floating_in_zone: 0,
        multi_day: 0,
        with_attendees: 0,
        untitled: 0,
    };
    let items: Vec<Item> = events
        .iter()
        .enumerate()
        .map(|(i, comp)| Item {
            index: i + 1,
            comp,
            uid: comp
                .text("UID")
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty()),
        })
        .collect();

    let (zone, why) = reader.choose_zone(&items, declared.as_deref());
    reader.report.push(why);

    let window = window.or_else(|| reader.first_year(&items));
    let mut sessions = Vec::new();
    let mut seen_uids: HashMap<String, usize> = HashMap::new();
    let mut overrides: HashMap<String, Vec<&Item>> = HashMap::new();
    for item in &items {
        if item.comp.prop("RECURRENCE-ID").is_some() {
            if let Some(uid) = &item.uid {
                overrides.entry(uid.clone()).or_default().push(item);
                continue;
            }
        }
    }
    let masters: HashSet<&str> = items
        .iter()
        .filter(|i| i.comp.prop("RECURRENCE-ID").is_none())
        .filter_map(|i| i.uid.as_deref())
        .collect();
    let mut repeats = 0;
    let mut cancelled = 0;
    for item in &items {
        let is_override = item.comp.prop("RECURRENCE-ID").is_some();
        if is_override && item.uid.as_deref().is_some_and(|u| masters.contains(u)) {
            continue;
        }
        if let Some(uid) = &item.uid {
            if !is_override {
                if let Some(first) = seen_uids.get(uid) {
                    reader.problems.push(SourceProblem::new(
                        item.place(),
                        format!("The UID repeats VEVENT {first}'s; a UID names one item."),
                    ));
                    continue;
                }
                seen_uids.insert(uid.clone(), item.index);
            }
        }
        if is_cancelled(item.comp) {
            cancelled += 1;
            reader
                .report
                .push(format!("{}: cancelled; left out.", item.place()));
            continue;
        }
        let own_overrides = item
            .uid
            .as_ref()
            .filter(|_| !is_override)
            .and_then(|u| overrides.get(u))
            .map(Vec::as_slice)
            .unwrap_or_default();
        match reader.item(item, own_overrides, window, is_override) {
            Ok(found) => {
                repeats += found.len().saturating_sub(1);
                sessions.extend(found);
            }
            Err(message) => reader
                .problems
                .push(SourceProblem::new(item.place(), message)),
        }
        if sessions.len() > MAX_SESSIONS {
            sessions.truncate(MAX_SESSIONS);
            reader.problems.push(SourceProblem::new(
                "file",
                format!(
                    "The calendar gives more than {MAX_SESSIONS} sessions; the rest were left out."
                ),
            ));
            break;
        }
    }

    let mut rooms: Vec<ProgrammeRoom> = Vec::new();
    for s in &sessions {
        if let Some(room) = &s.room {
            if !rooms.iter().any(|r| &r.name == room) {
                rooms.push(ProgrammeRoom {
                    uid: None,
                    name: room.clone(),
                });
            }
        }
    }
    let mut report = vec![format!(
        "{} VEVENTs read into {} sessions ({} of them further occurrences of repeating items).",
        items.len(),
        sessions.len(),
        repeats
    )];
    report.append(&mut reader.report);
    for (tzid, iana) in &reader.mapped {
        report.push(format!("TZID \"{tzid}\" read as {iana}."));
    }
    if cancelled > 0 {
        report.push(format!("{cancelled} cancelled items left out."));
    }
    for (name, count) in &ignored {
        report.push(format!(
            "{count} {name} ignored: only VEVENTs become sessions."
        ));
    }
    if reader.floating_in_zone > 0 {
        report.push(format!(
            "{} times without a zone taken as wall clock in the calendar's zone.",
            reader.floating_in_zone
        ));
    }
    if reader.multi_day > 0 {
        report.push(format!(
            "{} all-day items span several days: each is one session on its first day, its last day kept as \"Until\".",
            reader.multi_day
        ));
    }
    if reader.with_attendees > 0 {
        report.push(format!(
            "{} items list attendees: kept as \"Attendees\" (invitees, not speakers).",
            reader.with_attendees
        ));
    }
    if reader.untitled > 0 {
        report.push(format!(
            "{} items have no SUMMARY and are titled \"Untitled\".",
            reader.untitled
        ));
    }
    let mut programme = Programme::empty(&title, zone);
    programme.rooms = rooms;
    programme.sessions = sessions;
    Ok(Reading {
        programme,
        problems: reader.problems,
        report,
    })
}

fn is_cancelled(comp: &Component) -> bool {
    comp.prop("STATUS")
        .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED"))
}

impl<'a> Reader<'a> {
    /// X-WR-TIMEZONE when it names a zone, else the zone most DTSTARTs
    /// name, else UTC when any time is UTC, else floating.
    fn choose_zone(&mut self, items: &[Item], declared: Option<&str>) -> (Zone, String) {
        if let Some(tz) = declared.and_then(zones::iana) {
            self.target = Target::Zoned(TzRef::Iana(tz));
            return (
                Zone::Named(tz),
                format!("Times are read in {} (X-WR-TIMEZONE).", tz.name()),
            );
        }
        let mut counts: Vec<(TzRef, usize)> = Vec::new();
        let mut any_utc = false;
        for item in items {
            match item.comp.prop("DTSTART").map(|p| self.when(p)) {
                Some(Ok(When::Local(_, z))) => match counts.iter_mut().find(|(c, _)| *c == z) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((z, 1)),
                },
                Some(Ok(When::Utc(_))) => any_utc = true,
                _ => {}
            }
        }
        // The most common; the first seen of equals.
        let best = counts
            .iter()
            .enumerate()
            .max_by_key(|(i, (_, n))| (*n, usize::MAX - i))
            .map(|(_, (z, _))| *z);
        match best {
            Some(TzRef::Iana(tz)) => {
                self.target = Target::Zoned(TzRef::Iana(tz));
                (
                    Zone::Named(tz),
                    format!(
                        "Times are read in {} (the zone most items name).",
                        tz.name()
                    ),
                )
            }
            Some(TzRef::Fixed(offset)) => {
                self.target = Target::Zoned(TzRef::Fixed(offset));
                (
                    Zone::Offset(offset),
                    format!(
                        "Times are read at UTC{} (the zone most items name has no known name).",
                        zones::format_offset(offset)
                    ),
                )
            }
            None if any_utc => {
                self.target = Target::Zoned(TzRef::Iana(Tz::UTC));
                (
                    Zone::Named(Tz::UTC),
                    "Times are read in UTC (every time is given in UTC).".to_string(),
                )
            }
            None => {
                self.target = Target::Floating;
                (
                    Zone::Floating,
                    "Times have no zone; they are taken as the plan's wall clock.".to_string(),
                )
            }
        }
    }

    /// Without a window: a year from the calendar's first DTSTART.
    fn first_year(&mut self, items: &[Item]) -> Option<(NaiveDate, NaiveDate)> {
        let starts: Vec<When> = items
            .iter()
            .filter_map(|i| i.comp.prop("DTSTART"))
            .filter_map(|p| self.when(p).ok())
            .collect();
        let first = starts
            .into_iter()
            .filter_map(|w| match w {
                When::Date(d) => Some(d),
                w => self.target.wall(w).map(|t| t.date()),
            })
            .min()?;
        let last = first
            .checked_add_months(Months::new(12))
            .and_then(|d| d.checked_sub_days(Days::new(1)))?;
        Some((first, last))
    }

    fn zone_of(&mut self, tzid: &str, year: i32) -> Result<TzRef, String> {
        let tzid = tzid.trim();
        let found = match self.resolved.get(tzid) {
            Some(z) => *z,
            None => {
                let vtz = self.vtimezones.get(tzid).copied();
                let by_rules = vtz.is_some() && self.rule_matches > 0;
                if by_rules {
                    self.rule_matches -= 1;
                }
                let z = zones::resolve(tzid, vtz, year, by_rules);
                self.resolved.insert(tzid.to_string(), z);
                z
            }
        };
        match found {
            Some(z) => {
                if let TzRef::Iana(tz) = z {
                    if tz.name() != tzid {
                        self.mapped.insert(tzid.to_string(), tz.name().to_string());
                    }
                }
                Ok(z)
            }
            None => Err(format!("time zone \"{tzid}\" is not known.")),
        }
    }

    /// One date or date-time value of a property.
    fn when_value(&mut self, prop: &Property, value: &str) -> Result<When, String> {
        let value = value.trim();
        // RDATE;VALUE=PERIOD: the start is what counts.
        let value = value.split('/').next().unwrap_or(value);
        let is_date = prop
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
        let (at, utc) = parse_stamp(value)
            .ok_or_else(|| format!("{} \"{}\" is not a date or time.", prop.name, value))?;
        Ok(match at {
            Stamp::Date(d) => When::Date(d),
            Stamp::Time(t) if is_date => When::Date(t.date()),
            Stamp::Time(t) if utc => When::Utc(t),
            Stamp::Time(t) => match prop.param("TZID") {
                Some(tzid) => {
                    let tzid = tzid.to_string();
                    When::Local(t, self.zone_of(&tzid, t.year())?)
                }
                None => When::Floating(t),
            },
        })
    }

    fn when(&mut self, prop: &Property) -> Result<When, String> {
        let value = prop.value.split(',').next().unwrap_or_default().to_string();
        self.when_value(prop, &value)
    }

    /// Every value of every property of a name (RDATE, EXDATE).
    fn whens(&mut self, comp: &Component, name: &str) -> Result<Vec<When>, String> {
        let mut out = Vec::new();
        for prop in comp.props(name) {
            for value in prop.value.split(',').filter(|v| !v.trim().is_empty()) {
                out.push(self.when_value(prop, value)?);
            }
        }
        Ok(out)
    }

    /// Start and span of a VEVENT.
    fn times(&mut self, comp: &Component) -> Result<(When, Span), String> {
        let start = match comp.prop("DTSTART") {
            Some(p) => self.when(p)?,
            None => return Err("There is no DTSTART.".to_string()),
        };
        let end = match comp.prop("DTEND") {
            Some(p) => Some(self.when(p)?),
            None => None,
        };
        let duration = match comp.prop("DURATION") {
            Some(p) => Some(
                parse_duration(&p.value)
                    .ok_or_else(|| format!("DURATION \"{}\" is not a duration.", p.value.trim()))?,
            ),
            None => None,
        };
        let span = match (start, end, duration) {
            (When::Date(first), Some(When::Date(end)), _) => {
                let days = end.signed_duration_since(first).num_days();
                if days < 0 {
                    return Err(format!(
                        "It ends (DTEND {end}) before it starts (DTSTART {first})."
                    ));
                }
                Span::Days(days.max(1).unsigned_abs())
            }
            (When::Date(_), Some(end), _) => {
                return Err(format!(
                    "DTSTART is a date but DTEND a time ({}).",
                    end.local().format("%Y-%m-%d %H:%M")
                ))
            }
            (When::Date(_), None, Some(d)) => Span::Days(d.num_days().max(1).unsigned_abs()),
            (When::Date(_), None, None) => Span::Days(1),
            (_, Some(When::Date(_)), _) => {
                return Err("DTSTART is a time but DTEND a date.".to_string())
            }
            (start, Some(end), _) => {
                let (s, e) = (
                    start.key().ok_or("DTSTART is out of range.")?,
                    end.key().ok_or("DTEND is out of range.")?,
                );
                if e < s {
                    return Err(format!(
                        "It ends (DTEND {}) before it starts (DTSTART {}).",
                        end.local().format("%Y-%m-%d %H:%M"),
                        start.local().format("%Y-%m-%d %H:%M")
                    ));
                }
                if e == s {
                    return Err("It ends when it starts (DTEND equals DTSTART).".to_string());
                }
                Span::Exact(e - s)
            }
            (_, None, Some(d)) => {
                if d <= Duration::zero() {
                    return Err("Its DURATION is not positive.".to_string());
                }
                Span::Exact(d)
            }
            (_, None, None) => {
                return Err("There is no DTEND or DURATION: a session needs an end.".to_string())
            }
        };
        Ok((start, span))
    }

    /// The slot of an occurrence starting at `start`.
    fn slot(&mut self, start: When, span: Span) -> Result<Slot, String> {
        match (start, span) {
            (When::Date(first), Span::Days(days)) => Ok(Slot::AllDay {
                first,
                last: first
                    .checked_add_days(Days::new(days.saturating_sub(1)))
                    .ok_or("The end is out of range.")?,
            }),
            (When::Date(_), Span::Exact(_)) => Err("Its times do not fit together.".to_string()),
            (start, span) => {
                if matches!(start, When::Floating(_)) && self.target != Target::Floating {
                    self.floating_in_zone += 1;
                }
                let length = match span {
                    Span::Exact(d) => d,
                    Span::Days(days) => i64::try_from(days)
                        .ok()
                        .and_then(Duration::try_days)
                        .ok_or("The end is out of range.")?,
                };
                let wall = self
                    .target
                    .wall(start)
                    .ok_or("The start is out of range.")?;
                // Exact lengths are added in UTC: an event across a clock
                // change lasts as long as it says.
                let end = match (start.key(), self.target) {
                    (Some(key), Target::Zoned(z)) if !matches!(start, When::Floating(_)) => key
                        .checked_add_signed(length)
                        .map(|e| zones::from_utc(e, z)),
                    _ => wall.checked_add_signed(length),
                }
                .ok_or("The end is out of range.")?;
                Ok(Slot::Timed(wall, end))
            }
        }
    }

    /// The sessions of one VEVENT: itself, or its occurrences within the
    /// window with their overrides.
    fn item(
        &mut self,
        item: &Item,
        overrides: &[&Item],
        window: Option<(NaiveDate, NaiveDate)>,
        is_orphan_override: bool,
    ) -> Result<Vec<ProgrammeSession>, String> {
        let (start, span) = self.times(item.comp)?;
        let base = self.fields(item)?;
        let in_window = |slot: Slot| {
            window.is_some_and(|(first, last)| slot.day() >= first && slot.day() <= last)
        };
        let rule = item.comp.prop("RRULE").map(|p| recur::parse(&p.value));
        let rdates = self.whens(item.comp, "RDATE")?;
        if is_orphan_override || (rule.is_none() && rdates.is_empty()) {
            let slot = self.slot(start, span)?;
            if is_orphan_override && !in_window(slot) {
                return Ok(Vec::new());
            }
            let mut session = base;
            if is_orphan_override {
                let original = match item.comp.prop("RECURRENCE-ID") {
                    Some(p) => self.when(p)?,
                    None => start,
                };
                session.uid = session
                    .uid
                    .map(|u| format!("{u}/{}", original.local().format("%Y-%m-%d")));
            }
            self.place_slot(&mut session, slot);
            return Ok(vec![session]);
        }

        // Local starts of every occurrence, in order.
        let horizon = window
            .and_then(|(_, last)| last.checked_add_days(Days::new(2)))
            .map(|d| d.and_time(NaiveTime::MIN))
            .unwrap_or(start.local());
        let mut starts: Vec<When> = match rule {
            Some(Ok(rule)) => {
                let until = match &rule.until {
                    Some(text) => Some(self.until(text, start)?),
                    None => None,
                };
                rule.expand(start.local(), until, horizon, &mut self.budget)
                    .into_iter()
                    .map(|t| start.with_local(t))
                    .collect()
            }
            Some(Err(why)) => {
                self.report.push(format!(
                    "{}: its RRULE {why}, which is not read; only its first occurrence and RDATEs are kept.",
                    item.place()
                ));
                vec![start]
            }
            None => vec![start],
        };
        starts.extend(rdates);
        let exdates: HashSet<NaiveDateTime> = self
            .whens(item.comp, "EXDATE")?
            .into_iter()
            .filter_map(When::key)
            .collect();
        let mut keyed: Vec<(NaiveDateTime, When)> = starts
            .into_iter()
            .filter_map(|w| w.key().map(|k| (k, w)))
            .filter(|(k, _)| !exdates.contains(k))
            .collect();
        keyed.sort_by_key(|(k, _)| *k);
        keyed.dedup_by_key(|(k, _)| *k);

        let mut by_recurrence: HashMap<NaiveDateTime, &Item> = HashMap::new();
        for o in overrides {
            match o.comp.prop("RECURRENCE-ID").map(|p| self.when(p)) {
                Some(Ok(w)) => {
                    if let Some(k) = w.key() {
                        by_recurrence.insert(k, o);
                    }
                }
                Some(Err(message)) => self.problems.push(SourceProblem::new(o.place(), message)),
                None => {}
            }
        }

        let first_key = start.key();
        let uid = base.uid.clone();
        let mut used: HashSet<String> = HashSet::new();
        let mut out = Vec::new();
        let mut over_limit = false;
        let mut matched: HashSet<NaiveDateTime> = HashSet::new();
        for (key, when) in keyed {
            let occurrence_uid = uid.as_ref().map(|u| {
                if Some(key) == first_key {
                    return u.clone();
                }
                let by_day = format!("{u}/{}", when.local().format("%Y-%m-%d"));
                if used.contains(&by_day) {
                    format!("{u}/{}", when.local().format("%Y-%m-%dT%H%M"))
                } else {
                    by_day
                }
            });
            let mut session = match by_recurrence.get(&key) {
                Some(o) => {
                    matched.insert(key);
                    if is_cancelled(o.comp) {
                        self.report
                            .push(format!("{}: cancelled; left out.", o.place()));
                        continue;
                    }
                    let (o_start, o_span) = match self.times(o.comp) {
                        Ok(t) => t,
                        Err(m) => {
                            self.problems.push(SourceProblem::new(o.place(), m));
                            continue;
                        }
                    };
                    let slot = self.slot(o_start, o_span)?;
                    let mut s = match self.fields(o) {
                        Ok(s) => s,
                        Err(m) => {
                            self.problems.push(SourceProblem::new(o.place(), m));
                            continue;
                        }
                    };
                    self.place_slot(&mut s, slot);
                    s
                }
                None => {
                    let slot = self.slot(when, span)?;
                    let mut s = base.clone();
                    self.place_slot(&mut s, slot);
                    s
                }
            };
            if !session
                .day
                .is_some_and(|d| window.is_some_and(|(first, last)| d >= first && d <= last))
            {
                continue;
            }
            if out.len() >= MAX_OCCURRENCES {
                over_limit = true;
                break;
            }
            if let Some(u) = &occurrence_uid {
                used.insert(u.clone());
            }
            session.uid = occurrence_uid;
            if session.uid.as_ref() != uid.as_ref() {
                session.place = format!("{} on {}", item.place(), when.local().format("%Y-%m-%d"));
            }
            out.push(session);
        }
        for (key, o) in &by_recurrence {
            if !matched.contains(key) {
                self.report.push(format!(
                    "{}: its RECURRENCE-ID names no occurrence of the repeating item; left out.",
                    o.place()
                ));
            }
        }
        if out.is_empty() {
            self.report.push(format!(
                "{}: repeats, but on none of the days read; left out.",
                item.place()
            ));
        }
        if over_limit {
            self.report.push(format!(
                "{}: repeats more than {MAX_OCCURRENCES} times in the window; the first {MAX_OCCURRENCES} are kept.",
                item.place()
            ));
        }
        Ok(out)
    }

    /// UNTIL as a local time of the rule's DTSTART.
    fn until(&mut self, text: &str, start: When) -> Result<NaiveDateTime, String> {
        let (at, utc) =
            parse_stamp(text).ok_or_else(|| format!("RRULE UNTIL \"{text}\" is not a time."))?;
        Ok(match (at, start) {
            // A date bounds the whole day.
            (Stamp::Date(d), _) => d
                .checked_add_days(Days::new(1))
                .and_then(|n| {
                    n.and_time(NaiveTime::MIN)
                        .checked_sub_signed(Duration::seconds(1))
                })
                .unwrap_or(d.and_time(NaiveTime::MIN)),
            (Stamp::Time(t), When::Local(_, z)) if utc => zones::from_utc(t, z),
            (Stamp::Time(t), _) => t,
        })
    }

    fn place_slot(&mut self, session: &mut ProgrammeSession, slot: Slot) {
        match slot {
            Slot::AllDay { first, last } => {
                session.day = Some(first);
                session.start = None;
                session.end = None;
                if last > first {
                    self.multi_day += 1;
                    session
                        .extras
                        .push(("Until".to_string(), last.format("%Y-%m-%d").to_string()));
                }
            }
            Slot::Timed(start, end) => {
                session.day = Some(start.date());
                session.start = Some(start);
                session.end = Some(end);
            }
        }
    }

    /// Everything but the times.
    fn fields(&mut self, item: &Item) -> Result<ProgrammeSession, String> {
        let comp = item.comp;
        let title = comp
            .text("SUMMARY")
            .map(|t| one_line(&t))
            .filter(|t| !t.is_empty());
        let title = match title {
            Some(t) => t,
            None => {
                self.untitled += 1;
                "Untitled".to_string()
            }
        };
        if title.chars().count() > MAX_LINE {
            return Err(format!("SUMMARY is longer than {MAX_LINE} characters."));
        }
        let mut session = ProgrammeSession::titled(item.place(), title);
        session.uid = item.uid.clone();
        let description = comp.text("DESCRIPTION").unwrap_or_default();
        let (description, roles, agenda) = roles_of(&description);
        if description.chars().count() > MAX_TEXT {
            return Err(format!("DESCRIPTION is longer than {MAX_TEXT} characters."));
        }
        session.description = description;
        session.roles = roles;
        session.agenda_item = agenda;
        if let Some(room) = comp.text("LOCATION").map(|r| one_line(&r)) {
            if room.chars().count() > MAX_LINE {
                return Err(format!("LOCATION is longer than {MAX_LINE} characters."));
            }
            if !room.is_empty() {
                session.room = Some(room);
            }
        }
        let categories: Vec<String> = comp
            .props("CATEGORIES")
            .flat_map(|p| split_list(&p.value))
            .collect();
        if let Some((first, rest)) = categories.split_first() {
            session.source_kind = first.clone();
            if !rest.is_empty() {
                session
                    .extras
                    .push(("Categories".to_string(), rest.join(", ")));
            }
        }
        if let Some(url) = comp.prop("URL").map(|p| p.value.trim().to_string()) {
            if !url.is_empty() {
                session.extras.push(("Link".to_string(), url));
            }
        }
        if let Some(org) = comp.prop("ORGANIZER").map(who) {
            if !org.is_empty() {
                session.extras.push(("Organizer".to_string(), org));
            }
        }
        let attendees: Vec<String> = comp
            .props("ATTENDEE")
            .map(who)
            .filter(|a| !a.is_empty())
            .collect();
        if !attendees.is_empty() {
            self.with_attendees += 1;
            session
                .extras
                .push(("Attendees".to_string(), attendees.join("; ")));
        }
        Ok(session)
    }
}

/// ORGANIZER or ATTENDEE: the CN, else the address without "mailto:".
fn who(prop: &Property) -> String {
    match prop.param("CN").map(str::trim).filter(|c| !c.is_empty()) {
        Some(cn) => cn.to_string(),
        None => {
            let v = prop.value.trim();
            let lower = v.to_ascii_lowercase();
            match lower.strip_prefix("mailto:") {
                Some(_) => v.chars().skip(7).collect(),
                None => v.to_string(),
            }
        }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The description's own text, the roles its "Chair: …" lines name, and
/// its "Agenda item: …" line.
fn roles_of(description: &str) -> (String, Vec<ProgrammeRole>, String) {
    let mut kept = Vec::new();
    let mut roles = Vec::new();
    let mut agenda = String::new();
    for line in description.lines() {
        let Some((label, names)) = line.split_once(':') else {
            kept.push(line);
            continue;
        };
        let label = label.trim();
        if label.eq_ignore_ascii_case("Agenda item") {
            agenda = names.trim().to_string();
            continue;
        }
        let kind = RoleKind::ALL.iter().find(|k| {
            label.eq_ignore_ascii_case(k.label()) || label.eq_ignore_ascii_case(&k.group_label(2))
        });
        match kind {
            Some(kind) if !names.trim().is_empty() => {
                for name in names.split(';').map(str::trim).filter(|n| !n.is_empty()) {
                    roles.push(role(*kind, name));
                }
            }
            _ => kept.push(line),
        }
    }
    let text = kept.join("\n").trim().to_string();
    (text, roles, agenda)
}

/// "H.E. Ms Jane Doe (Minister, Ministry of Foreign Affairs)": a person
/// with a position and an organisation; one bracketed part is the
/// organisation.
fn role(kind: RoleKind, text: &str) -> ProgrammeRole {
    let (name, bracket) = match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
        Some((name, inside)) => (name.trim(), Some(inside.trim())),
        None => (text, None),
    };
    let mut person = ProgrammePerson::from_name(name);
    person.written = text.to_string();
    if let Some(inside) = bracket {
        let (position, organisation) = match inside.rsplit_once(", ") {
            Some((p, o)) => (p.trim(), o.trim()),
            None => ("", inside),
        };
        person.position = position.to_string();
        if !organisation.is_empty() {
            person.organisation = Some(ProgrammeOrganisation {
                uid: None,
                name: organisation.to_string(),
                acronym: String::new(),
            });
        }
    }
    ProgrammeRole {
        uid: None,
        kind,
        organisation: person.organisation.clone(),
        person: Some(person),
        note: String::new(),
    }
}

/// "PT1H30M", "P1D", "P2W", "+PT45M"; a negative one is `None`.
fn parse_duration(value: &str) -> Option<Duration> {
    let value = value.trim().to_ascii_uppercase();
    let value = value.strip_prefix('+').unwrap_or(&value);
    if value.starts_with('-') {
        return None;
    }
    let body = value.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in body.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' => in_time = true,
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                any = true;
                let part = match (unit, in_time) {
                    ('W', false) => Duration::try_weeks(n)?,
                    ('D', false) => Duration::try_days(n)?,
                    ('H', true) => Duration::try_hours(n)?,
                    ('M', true) => Duration::try_minutes(n)?,
                    ('S', true) => Duration::try_seconds(n)?,
                    _ => return None,
                };
                total = total.checked_add(&part)?;
            }
        }
    }
    (any && number.is_empty()).then_some(total)
}

#[cfg(test)]
pub(super) fn duration_for_tests(value: &str) -> Option<Duration> {
    parse_duration(value)
}
