//! A programme as it crosses a file boundary: what every reader produces
//! and every writer takes. Readers (`sheet`, `frab_xml`, `frab_json`,
//! `ical`) turn a source into a `Reading`; `Programme::from_plan` (in
//! `export`) builds one from a plan; writers turn one into bytes. Times are
//! wall clock in `zone`; writers convert to UTC or offsets themselves.

use crate::model::{RoleKind, SessionKind};
use chrono::{FixedOffset, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

/// What the wall-clock times of a programme are relative to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// An IANA zone (a plan's, a frab `time_zone_name`, an iCal TZID).
    Named(Tz),
    /// Only UTC offsets were given (a frab file without a zone name).
    Offset(FixedOffset),
    /// No zone at all (a spreadsheet, iCal floating times): the times are
    /// taken as the plan's wall clock.
    Floating,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    /// The plan's UUID when the programme came from Plenary; a source's
    /// own identity otherwise (a frab conference has none).
    pub uid: Option<String>,
    pub title: String,
    /// frab's conference acronym; empty when the source has none.
    pub acronym: String,
    /// The source's version string (frab `<version>`), empty if none.
    pub version: String,
    pub zone: Zone,
    /// The first and last day the source declares (frab `<conference>`,
    /// the plan's days); `None` when it declares none. Importers fall back
    /// to the sessions' days.
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    /// Component meetings. Readers of one-event formats give one (or none:
    /// then the importer chooses the event).
    pub events: Vec<ProgrammeEvent>,
    /// Rooms in the source's order (frab `<rooms>`, first seen otherwise).
    pub rooms: Vec<ProgrammeRoom>,
    pub sessions: Vec<ProgrammeSession>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeEvent {
    pub uid: Option<String>,
    pub title: String,
    pub short_name: String,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeRoom {
    pub uid: Option<String>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeSession {
    /// The record's stable identity: frab `guid`, iCal `UID`, Plenary's
    /// UUID. Re-imports match on it. `None` when the source has none (a
    /// spreadsheet row).
    pub uid: Option<String>,
    /// Where the session is in the source, for reports: "row 7",
    /// "event 1234", "VEVENT 12 (UID …)".
    pub place: String,
    /// The source's own id where it has one (frab `id`), else empty.
    pub source_id: String,
    /// Index into `Programme::events`; `None`: the importer's event.
    pub event: Option<usize>,
    pub title: String,
    /// The day, also for a session without times yet ("TBC").
    pub day: Option<NaiveDate>,
    /// Both set or both `None`; `end > start`. Wall clock in the zone.
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    /// Name of a room in `Programme::rooms`.
    pub room: Option<String>,
    /// The type as the source wrote it ("Talk", "workshop", "panel");
    /// empty when none. Importers map it to a kind through an editable
    /// table; `kind` is the reader's or the plan's own answer, if any.
    pub source_kind: String,
    pub kind: Option<SessionKind>,
    pub agenda_item: String,
    pub description: String,
    /// What the source has and the plan has no field for, kept as
    /// label/value pairs ("Track", "Language", "Link", "Subtitle"); the
    /// importer writes them into the session's notes.
    pub extras: Vec<(String, String)>,
    /// The plan's own notes and outcome when exporting a plan.
    pub notes: String,
    pub outcome: String,
    /// In the order the source lists them.
    pub roles: Vec<ProgrammeRole>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeRole {
    pub uid: Option<String>,
    pub kind: RoleKind,
    /// At least one of `person` and `organisation` is set, or `note` holds
    /// the text that could not be parsed.
    pub person: Option<ProgrammePerson>,
    pub organisation: Option<ProgrammeOrganisation>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProgrammePerson {
    pub uid: Option<String>,
    /// The source's own id (frab person id, pretalx code), else empty.
    pub source_id: String,
    /// The name as written ("H.E. Ms Jane Doe"), kept for reports.
    pub written: String,
    pub honorific: String,
    pub given_name: String,
    /// A mononym goes here with an empty `given_name`.
    pub family_name: String,
    pub position: String,
    pub organisation: Option<ProgrammeOrganisation>,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProgrammeOrganisation {
    pub uid: Option<String>,
    pub name: String,
    pub acronym: String,
}

/// A source read: the programme, what could not be read (one line each,
/// naming the row or element), and what was done with what was read
/// (types mapped, fields kept, duplicates) for the import report.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub programme: Programme,
    pub problems: Vec<SourceProblem>,
    pub report: Vec<String>,
}

/// One bad row or element: the session (if any) is left out of the
/// programme. The import writes nothing while there are problems, unless
/// the caller asks to skip them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceProblem {
    /// "row 7", "event 1234", "VEVENT 3 (UID abc)", "line 12".
    pub place: String,
    /// "Start \"9h\" is not a time (use HH:MM)."
    pub message: String,
}

impl SourceProblem {
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            place: place.into(),
            message: message.into(),
        }
    }

    /// One line: "row 7: Start \"9h\" is not a time (use HH:MM)."
    pub fn line(&self) -> String {
        format!("{}: {}", self.place, self.message)
    }
}

impl ProgrammePerson {
    /// A person known only by a name as written: split into given and
    /// family name on the last space (a single word is a mononym).
    pub fn from_name(written: &str) -> Self {
        let written = written.trim();
        let (given, family) = match written.rsplit_once(' ') {
            Some((g, f)) => (g.trim().to_string(), f.trim().to_string()),
            None => (String::new(), written.to_string()),
        };
        Self {
            uid: None,
            source_id: String::new(),
            written: written.to_string(),
            honorific: String::new(),
            given_name: given,
            family_name: family,
            position: String::new(),
            organisation: None,
            email: String::new(),
        }
    }

    /// The name as a list shows it: honorific, given and family name.
    pub fn full_name(&self) -> String {
        [&self.honorific, &self.given_name, &self.family_name]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Programme {
    pub fn empty(title: &str, zone: Zone) -> Self {
        Self {
            uid: None,
            title: title.to_string(),
            acronym: String::new(),
            version: String::new(),
            zone,
            first_day: None,
            last_day: None,
            events: Vec::new(),
            rooms: Vec::new(),
            sessions: Vec::new(),
        }
    }
}

impl ProgrammeSession {
    /// The roles grouped by kind, kinds in the order they first appear and
    /// people in the order given: how every writer lists them.
    pub fn role_groups(&self) -> Vec<(RoleKind, Vec<&ProgrammeRole>)> {
        let mut groups: Vec<(RoleKind, Vec<&ProgrammeRole>)> = Vec::new();
        for r in &self.roles {
            match groups.iter_mut().find(|(k, _)| *k == r.kind) {
                Some((_, rs)) => rs.push(r),
                None => groups.push((r.kind, vec![r])),
            }
        }
        groups
    }

    /// A session with a title and nothing else, for readers to fill in.
    pub fn titled(place: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            uid: None,
            place: place.into(),
            source_id: String::new(),
            event: None,
            title: title.into(),
            day: None,
            start: None,
            end: None,
            room: None,
            source_kind: String::new(),
            kind: None,
            agenda_item: String::new(),
            description: String::new(),
            extras: Vec::new(),
            notes: String::new(),
            outcome: String::new(),
            roles: Vec::new(),
        }
    }
}
