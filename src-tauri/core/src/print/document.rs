//! The printed documents' intermediate form: plain data built from the
//! plan, which one Typst layout turns into the PDF and the on-screen pages.
//! Every user text stays a string here and is set as text, never as markup.

use crate::agenda::{self, role_text_marked, AgendaSession, RoleView};
use crate::error::{CoreError, Result};
use crate::forms::day_span;
use crate::model::*;
use crate::roster;
// The participant list is the roster's; the summary's annex reads it too.
pub use crate::roster::{participant_groups, DelegationBlock, Member, ParticipantGroup};
use crate::speaking;
use crate::store::Store;
use crate::summary::{self, AttendanceSource};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Programme,
    Participants,
    Speakers,
    Namecards,
    /// A day at a glance: rooms across, time down.
    Glance,
    /// One sheet per room per day, for its door.
    Doors,
    /// The Co-Chairs' Summary, as it stands (`crate::summary`).
    Summary,
    /// What happened on a day against the plan (`crate::report`).
    Report,
}

impl DocKind {
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "programme" => Some(DocKind::Programme),
            "participants" => Some(DocKind::Participants),
            "speakers" => Some(DocKind::Speakers),
            "namecards" => Some(DocKind::Namecards),
            "glance" => Some(DocKind::Glance),
            "doors" => Some(DocKind::Doors),
            "summary" => Some(DocKind::Summary),
            "report" => Some(DocKind::Report),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DocKind::Programme => "Programme",
            DocKind::Participants => "List of participants",
            DocKind::Speakers => "Speaker briefing",
            DocKind::Namecards => "Name cards",
            DocKind::Glance => "Day at a glance",
            DocKind::Doors => "Room door sheets",
            DocKind::Summary => crate::summary::TITLE,
            DocKind::Report => "Day report",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    A4,
    Letter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    /// What delegates see.
    Public,
    /// The run of show: adds staff notes, room set-up and speaking lists.
    Internal,
}

/// What to print.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct PrintRequest {
    pub kind: DocKind,
    /// One day; None prints every day in scope.
    pub day: Option<NaiveDate>,
    /// One event; None prints the whole week (participants and name cards
    /// take the first event).
    pub event_id: Option<Id>,
    pub paper: Paper,
    pub variant: Variant,
    /// Mark what changed since this published version of the programme.
    pub changes_since: Option<u32>,
    /// Name cards: one per person (true) or one per delegation.
    pub per_person: bool,
    /// Name cards: each card's text as large as it fits, rather than one
    /// size for every card of the print.
    #[serde(default)]
    pub fit_each: bool,
    /// Name cards: an organisation's acronym (IOM) where one is set; states
    /// keep their short name.
    #[serde(default)]
    pub acronyms: bool,
    /// Participant list: counts by category at the end.
    pub with_counts: bool,
    /// Programme, briefings, day at a glance and door sheets: "tbc" beside
    /// tentative sessions and roles.
    #[serde(default = "marked")]
    pub mark_tbc: bool,
    /// Programme: each session's description.
    #[serde(default = "shown")]
    pub descriptions: bool,
    /// Programme: people's positions beside their names.
    #[serde(default = "shown")]
    pub positions: bool,
    /// The title block's status line, as typed: "Provisional", "Rev.1".
    #[serde(default)]
    pub status: String,
    /// The title block's "Issued 15 November 2024".
    #[serde(default)]
    pub issued: Option<NaiveDate>,
    /// The Co-Chairs' Summary: who counts as having attended.
    #[serde(default)]
    pub attendance: AttendanceSource,
}

/// What is to be confirmed is marked unless asked otherwise.
fn marked() -> bool {
    true
}

/// Descriptions and positions print unless asked otherwise.
fn shown() -> bool {
    true
}

impl PrintRequest {
    pub fn new(kind: DocKind) -> Self {
        PrintRequest {
            kind,
            day: None,
            event_id: None,
            paper: Paper::A4,
            variant: Variant::Public,
            changes_since: None,
            per_person: false,
            fit_each: false,
            acronyms: false,
            with_counts: true,
            mark_tbc: true,
            descriptions: true,
            positions: true,
            status: String::new(),
            issued: None,
            attendance: AttendanceSource::default(),
        }
    }
}

/// What changed about a session since a published version (`changes::compare`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeMark {
    New,
    Moved,
    Retimed,
    People,
    Changed,
}

impl ChangeMark {
    pub fn key(self) -> &'static str {
        match self {
            ChangeMark::New => "new",
            ChangeMark::Moved => "moved",
            ChangeMark::Retimed => "retimed",
            ChangeMark::People => "people",
            ChangeMark::Changed => "changed",
        }
    }
}

/// One line of the changes list, with where it belongs: the days it
/// touches (the old and the new) and the session's events (None where an
/// older version did not record it: such a line shows on every sheet).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub line: String,
    pub days: Vec<NaiveDate>,
    pub events: Vec<Option<Id>>,
}

impl Entry {
    fn within(&self, day: Option<NaiveDate>, event: Option<Id>) -> bool {
        day.is_none_or(|d| self.days.contains(&d))
            && event.is_none_or(|e| self.events.iter().any(|x| x.is_none_or(|x| x == e)))
    }
}

/// A session as it was published. Versions published before the fields
/// marked `serde(default)` were recorded read with them empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snap {
    pub id: Id,
    pub title: String,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub room: String,
    pub people: Vec<String>,
    pub description: String,
    /// The session's event, so a sheet of one event lists its own changes.
    #[serde(default)]
    pub event_id: Option<Id>,
    /// Each person with their role, so a change can say "added as panellist".
    #[serde(default)]
    pub roles: Vec<SnapRole>,
    /// A break or meal, printed as a compact line.
    #[serde(default)]
    pub pause: bool,
}

/// One person (or organisation) in one role, as published.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SnapRole {
    /// "Ms Lynn Bell (Australia)".
    pub name: String,
    /// The role in lower case: "panellist".
    pub role: String,
}

/// A session's published place it has left: removed (`now` is None), or
/// moved to another day or room. Printed there, struck through.
#[derive(Debug, Clone, PartialEq)]
pub struct Ghost {
    pub was: Snap,
    /// "Moved to Wed 20 Nov 09:30–11:00, Meeting Room 2".
    pub now: Option<String>,
}

/// The marks for one print: per session, and a short list for the top.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub version: u32,
    /// "Changes since version 2", or "No changes since version 2".
    pub title: String,
    /// Every change of the whole programme, in words.
    pub lines: Vec<String>,
    /// `lines`, each with its days and events.
    pub entries: Vec<Entry>,
    pub marks: HashMap<Id, ChangeMark>,
    /// Per changed session, what changed: "Time: 09:00–10:30 → 09:30–11:00".
    pub notes: HashMap<Id, String>,
    pub ghosts: Vec<Ghost>,
}

impl Changes {
    /// Titled by whether anything changed.
    pub fn titled(self) -> Self {
        let title = if self.lines.is_empty() {
            format!("No changes since version {}", self.version)
        } else {
            format!("Changes since version {}", self.version)
        };
        Changes { title, ..self }
    }

    /// Only what a sheet of `day` and `event` shows (None: every one).
    pub fn within(&self, day: Option<NaiveDate>, event: Option<Id>) -> Self {
        if self.title.is_empty() {
            return self.clone();
        }
        let entries: Vec<Entry> = self
            .entries
            .iter()
            .filter(|e| e.within(day, event))
            .cloned()
            .collect();
        Changes {
            lines: entries.iter().map(|e| e.line.clone()).collect(),
            entries,
            ghosts: self
                .ghosts
                .iter()
                .filter(|g| {
                    day.is_none_or(|d| g.was.start.date() == d)
                        && event.is_none_or(|e| g.was.event_id.is_none_or(|x| x == e))
                })
                .cloned()
                .collect(),
            ..self.clone()
        }
        .titled()
    }
}

/// The title block of every document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    pub document: String,
    pub meeting: String,
    pub convening_body: String,
    pub venue: String,
    pub dates: String,
    /// The co-chairs of the scope's day (or of every day), with their
    /// designation: "Ms Lynn Bell, Senior Official Co-Chair (Australia)".
    pub cochairs: Vec<String>,
    pub cohosts: Vec<String>,
    /// A programme of several meetings names each in full with its dates,
    /// co-chairs and co-hosts (then `cochairs` and `cohosts` are empty).
    pub meetings: Vec<Meeting>,
    /// What the document covers: "Tuesday 19 November 2024 · 10th Annual Meeting".
    pub scope: String,
    /// "Provisional", "Rev.1", as the user typed it.
    pub status: String,
    /// "Issued 15 November 2024".
    pub issued: String,
    /// "Internal — not for distribution" on every page of the run of show.
    pub notice: String,
}

/// One meeting of the week in the title block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub title: String,
    /// "19–20 Nov 2024"; empty on a day's sheet.
    pub dates: String,
    pub cochairs: Vec<String>,
    pub cohosts: Vec<String>,
}

/// A session's `agenda::RoleGroup`, as the layout reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleLine {
    /// "Moderator", "Panellists".
    pub label: String,
    /// "Ms Lynn Bell (Australia)", "IOM — speaker TBC".
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnLine {
    pub at: String,
    pub delegation: String,
    pub speaker: String,
    pub minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgSession {
    pub id: Id,
    /// "09:00–10:30".
    pub time: String,
    pub title: String,
    pub item: String,
    pub room: String,
    pub event: String,
    pub kind: String,
    /// The session is to be confirmed, and the print marks it "tbc".
    pub tbc: bool,
    /// A webcast or online room, printed as text.
    pub link: String,
    pub roles: Vec<RoleLine>,
    pub description: String,
    /// Set when the programme marks changes: "new", "moved", "retimed",
    /// "people", "changed", "removed".
    pub mark: Option<String>,
    /// What changed, in words, beside the mark: "Room: Hall → Room 2".
    /// Left out of the data when empty (the layout reads it as empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub change: String,
    /// A published place this session has left (removed, or moved away):
    /// printed struck through. Left out when not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub struck: bool,
    /// Cancelled while the meeting ran: its time and title printed struck
    /// through, with "Cancelled". Left out when not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
    /// Internal variant only.
    /// Organisations co-hosting this session alone: "Bali Process Taskforce …".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cohosts: Vec<String>,
    pub notes: String,
    pub room_notes: String,
    pub speaking: Vec<TurnLine>,
    pub speaking_budget: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ProgBlock {
    Session {
        session: ProgSession,
    },
    /// Sessions that run at the same time, one column per room.
    Parallel {
        time: String,
        columns: Vec<ProgColumn>,
    },
    /// A break or meal, on one compact line.
    Pause {
        session: ProgSession,
    },
}

impl ProgBlock {
    /// The block's sessions, column by column.
    pub fn into_sessions(self) -> Vec<ProgSession> {
        match self {
            ProgBlock::Session { session } | ProgBlock::Pause { session } => vec![session],
            ProgBlock::Parallel { columns, .. } => {
                columns.into_iter().flat_map(|c| c.sessions).collect()
            }
        }
    }
}

/// A room's sessions in a parallel block, headed by the room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgColumn {
    /// The room's name; empty while no room is set.
    pub room: String,
    pub sessions: Vec<ProgSession>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgDay {
    pub heading: String,
    pub blocks: Vec<ProgBlock>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountLine {
    pub label: String,
    pub delegations: u32,
    pub people: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefingSession {
    pub when: String,
    pub room: String,
    pub event: String,
    pub title: String,
    /// The session is to be confirmed, and the print marks it "tbc".
    pub tbc: bool,
    pub role: String,
    /// Their place among the session's people in that role: "2nd of 4
    /// panellists"; empty when they are the only one, or lead it.
    pub order: String,
    /// Their turn on the session's speaking list, or their delegation's:
    /// "10:12, 5 minutes"; empty without one.
    pub turn: String,
    /// When to be in the room: "08:45, 15 minutes before the session".
    pub call: String,
    /// The moderator or chair.
    pub lead: Vec<String>,
    /// Fellow panellists, presenters or speakers.
    pub fellows: Vec<String>,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Briefing {
    /// "Ms Lynn Bell", or for an organisation holding a role without a
    /// person named, "The representative of the International Labour
    /// Organization (ILO)".
    pub name: String,
    /// The person's position: "Senior Official, Department of Home Affairs".
    pub position: String,
    /// The person's organisation, in full: "International Organization for
    /// Migration (IOM)".
    pub organisation: String,
    pub sessions: Vec<BriefingSession>,
}

/// One tent card. Its text is sized by the layout, which measures it in
/// the card's fonts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// The big line: a person's name, or a delegation's.
    pub name: String,
    /// The smaller line: the organisation or country; empty on a delegation card.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Body {
    Programme {
        days: Vec<ProgDay>,
    },
    Participants {
        groups: Vec<ParticipantGroup>,
        counts: Vec<CountLine>,
    },
    Speakers {
        briefings: Vec<Briefing>,
    },
    Namecards {
        cards: Vec<Card>,
        /// One size for every card's name (parity between delegations), else
        /// each as large as it fits.
        uniform: bool,
    },
    Glance {
        pages: Vec<super::glance::GridPage>,
    },
    Doors {
        sheets: Vec<super::glance::DoorSheet>,
    },
    /// The Co-Chairs' Summary: its sections' paragraphs as styled runs,
    /// then the list of participants.
    Summary {
        sections: Vec<SummaryPart>,
        annex: Vec<ParticipantGroup>,
        /// "Bangkok, 18–20 November 2024".
        place_and_dates: String,
    },
    /// The day report: one sheet per day, each from a new page.
    Report {
        sheets: Vec<super::report::ReportSheet>,
    },
}

/// One section of the summary as the layout sets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryPart {
    /// Empty for the opening and attendance paragraphs.
    pub heading: String,
    pub paragraphs: Vec<Vec<summary::markup::Run>>,
}

fn summary_body(store: &Store, source: AttendanceSource) -> Result<Body> {
    let s = summary::summary(store, source)?;
    Ok(Body::Summary {
        sections: s
            .sections
            .iter()
            .map(|x| SummaryPart {
                heading: x.heading.trim().to_string(),
                // A paragraph of markers alone ("****") has no runs to set.
                paragraphs: summary::markup::paragraphs(&x.text)
                    .iter()
                    .map(|p| summary::markup::runs(p))
                    .filter(|runs| !runs.is_empty())
                    .collect(),
            })
            .collect(),
        annex: s.annex,
        place_and_dates: s.place_and_dates,
    })
}

/// One printable document, ready for layout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Printable {
    pub paper: Paper,
    pub heading: Heading,
    /// The footer stamp: "Version 3 · 19 Nov 2024 08:30" or "Draft · printed …".
    pub stamp: String,
    /// "Changes since version 2", when asked for.
    pub changes_title: String,
    pub changes: Vec<String>,
    pub body: Body,
}

fn hm(t: NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

pub fn time_range(s: &Session) -> String {
    match (s.start, s.end) {
        (Some(a), Some(b)) => format!("{}–{}", hm(a), hm(b)),
        _ => "Time to be confirmed".into(),
    }
}

fn long_day(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// A status line is a few words: "Provisional", "Rev.1", "Final".
const MAX_STATUS_CHARS: usize = 80;

/// What the user asked for is in the plan; one-line errors otherwise.
fn check_scope(store: &Store, req: &PrintRequest) -> Result<(Plan, Option<Event>)> {
    let plan = store.plan()?;
    if req.status.chars().count() > MAX_STATUS_CHARS {
        return Err(CoreError::invalid(
            "status",
            format!("The status line holds at most {MAX_STATUS_CHARS} characters."),
        ));
    }
    let event = match req.event_id {
        Some(id) => Some(store.event(id)?),
        None => None,
    };
    if let Some(day) = req.day {
        if day < plan.first_day || day > plan.last_day {
            return Err(CoreError::invalid(
                "day",
                format!(
                    "{day} is not a day of the plan ({}).",
                    day_span(plan.first_day, plan.last_day)
                ),
            ));
        }
        if let Some(e) = &event {
            if day < e.first_day || day > e.last_day {
                return Err(CoreError::invalid(
                    "day",
                    format!(
                        "{} does not run on {day} ({}).",
                        e.title,
                        day_span(e.first_day, e.last_day)
                    ),
                ));
            }
        }
    }
    Ok((plan, event))
}

/// A co-chair as the title block names them, with their designation:
/// "Ms Lynn Bell, Senior Official Co-Chair (Australia)".
fn cochair_line(c: &agenda::CochairView) -> String {
    let org = c.organisation.name.as_str();
    // The line is headed "Co-Chairs": a plain "Co-Chair" adds nothing.
    let label = match c.role_label.trim() {
        l if l.eq_ignore_ascii_case("co-chair") => "",
        l => l,
    };
    match (&c.person, label) {
        (Some(p), "") => format!("{p} ({org})"),
        (Some(p), label) => format!("{p}, {label} ({org})"),
        (None, "") => org.to_string(),
        (None, label) => format!("{org} ({label})"),
    }
}

fn heading(
    store: &Store,
    plan: &Plan,
    event: Option<&Event>,
    day: Option<NaiveDate>,
    req: &PrintRequest,
) -> Result<Heading> {
    let kind = req.kind;
    let overview = agenda::overview(store)?;
    // The events of the scope: the one asked for, else every event that
    // runs on the day (or in the week).
    let events: Vec<&agenda::EventSummary> = overview
        .events
        .iter()
        .filter(|e| event.is_none_or(|x| x.id == e.event.id))
        .filter(|e| day.is_none_or(|d| e.event.first_day <= d && d <= e.event.last_day))
        .collect();
    // A day's sheet also names who co-hosts one session that day, with it.
    let mut session_hosts: Vec<(Id, String)> = Vec::new();
    if let (Some(d), DocKind::Programme) = (day, kind) {
        let orgs: HashMap<Id, Organisation> = store
            .organisations()?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let sessions: HashMap<Id, crate::model::Session> = store
            .sessions()?
            .into_iter()
            .filter(|s| s.start.is_some_and(|t| t.date() == d) || s.day == Some(d))
            .map(|s| (s.id, s))
            .collect();
        for c in store.cohosts()? {
            let session = c.session_id.and_then(|id| sessions.get(&id));
            if let (Some(s), Some(o)) = (session, orgs.get(&c.organisation_id)) {
                session_hosts.push((s.event_id, format!("{} (“{}”)", full_name(o), s.title)));
            }
        }
    }
    // The co-chairs and co-hosts of some events, each once. A co-chair for
    // one day only belongs on that day's sheet; the week's names the day.
    let people_of = |events: &[&agenda::EventSummary]| {
        let mut cochairs: Vec<String> = Vec::new();
        let mut cohosts: Vec<String> = Vec::new();
        for e in events {
            for c in &e.cochairs {
                let line = match (c.day, day) {
                    (Some(d), Some(asked)) if d != asked => continue,
                    (Some(d), None) => format!("{}, {}", cochair_line(c), d.format("%-d %B")),
                    _ => cochair_line(c),
                };
                if !cochairs.contains(&line) {
                    cochairs.push(line);
                }
            }
            for o in &e.cohosts {
                if !cohosts.contains(&o.name) {
                    cohosts.push(o.name.clone());
                }
            }
            for (_, line) in session_hosts.iter().filter(|(id, _)| *id == e.event.id) {
                if !cohosts.contains(line) {
                    cohosts.push(line.clone());
                }
            }
        }
        (cochairs, cohosts)
    };
    // A programme of more than one meeting names each in full, with its own
    // co-chairs: short names alone mean nothing to a reader outside the
    // secretariat.
    let (meetings, (cochairs, cohosts)) =
        if kind == DocKind::Programme && event.is_none() && events.len() > 1 {
            let meetings = events
                .iter()
                .map(|e| {
                    let (cochairs, cohosts) = people_of(&[e]);
                    Meeting {
                        title: e.event.title.clone(),
                        dates: match day {
                            Some(_) => String::new(),
                            None => day_span(e.event.first_day, e.event.last_day),
                        },
                        cochairs,
                        cohosts,
                    }
                })
                .collect();
            (meetings, (Vec::new(), Vec::new()))
        } else {
            (Vec::new(), people_of(&events))
        };
    let dates = match (event, day) {
        (_, Some(d)) => long_day(d),
        (Some(e), None) => day_span(e.first_day, e.last_day),
        (None, None) => day_span(plan.first_day, plan.last_day),
    };
    let scope = [day.map(long_day), event.map(|e| e.title.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let notice = if kind == DocKind::Programme && req.variant == Variant::Internal {
        "Internal — not for distribution".to_string()
    } else {
        String::new()
    };
    Ok(Heading {
        document: kind.label().into(),
        meeting: plan.title.clone(),
        convening_body: plan.convening_body.clone(),
        venue: [plan.venue.as_str(), plan.city.as_str()]
            .iter()
            .filter(|s| !s.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
        dates,
        cochairs,
        cohosts,
        meetings,
        scope,
        status: req.status.trim().to_string(),
        issued: req
            .issued
            .map(|d| format!("Issued {}", d.format("%-d %B %Y")))
            .unwrap_or_default(),
        notice,
    })
}

/// The sessions in scope, in time order (unscheduled ones are not printed).
fn sessions_in_scope(
    store: &Store,
    day: Option<NaiveDate>,
    event: Option<&Event>,
) -> Result<Vec<(NaiveDate, Vec<AgendaSession>)>> {
    let a = agenda::agenda(store, day)?;
    Ok(a.days
        .into_iter()
        .map(|d| {
            let sessions = d
                .sessions
                .into_iter()
                .filter(|s| event.is_none_or(|e| e.id == s.session.event_id))
                .collect::<Vec<_>>();
            (d.date, sessions)
        })
        .filter(|(_, s)| !s.is_empty())
        .collect())
}

/// What a programme knows of the people and organisations holding roles.
struct Directory {
    people: HashMap<Id, Person>,
    organisations: HashMap<Id, Organisation>,
    /// Each session's own co-hosts, by name with acronym.
    session_cohosts: HashMap<Id, Vec<String>>,
}

impl Directory {
    fn of(store: &Store) -> Result<Self> {
        let organisations: HashMap<Id, Organisation> = store
            .organisations()?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let mut session_cohosts: HashMap<Id, Vec<String>> = HashMap::new();
        for c in store.cohosts()? {
            if let (Some(s), Some(o)) = (c.session_id, organisations.get(&c.organisation_id)) {
                session_cohosts.entry(s).or_default().push(full_name(o));
            }
        }
        Ok(Directory {
            people: store.people()?.into_iter().map(|p| (p.id, p)).collect(),
            organisations,
            session_cohosts,
        })
    }
}

/// "Representative of the International Labour Organization (ILO)": a role
/// an organisation holds before it names its speaker.
fn representative_of(o: &Organisation) -> String {
    format!("Representative of {}", organisation_named(o))
}

/// An organisation as a sentence names it: "the International Labour
/// Organization (ILO)". States, and companies or groups known by a brand
/// ("Meta", "A21"), take no article.
fn organisation_named(o: &Organisation) -> String {
    let name = o.name.trim();
    // "the Global Initiative against …", "the International Justice
    // Mission"; but "Meta", "A21", "Stop the Traffik".
    let described = [" of ", " for ", " on ", " against "]
        .iter()
        .any(|w| name.contains(w))
        || name.split_whitespace().next().is_some_and(|first| {
            [
                "International",
                "Global",
                "Regional",
                "Asian",
                "World",
                "United",
                "National",
                "European",
                "Pacific",
            ]
            .contains(&first)
        });
    let article = match o.category {
        _ if name.starts_with("The ") || name.starts_with("the ") => "",
        OrgCategory::MemberState | OrgCategory::ObserverState => "",
        OrgCategory::CivilSociety | OrgCategory::PrivateSector | OrgCategory::LocalAuthority
            if !described =>
        {
            ""
        }
        _ => "the ",
    };
    match o.acronym.trim() {
        "" => format!("{article}{name}"),
        a if a == name => name.to_string(),
        a => format!("{article}{name} ({a})"),
    }
}

/// The organisation of a role it holds with no speaker named, nothing else
/// to say about it (no note, in person, nothing to mark "tbc"), as a
/// sentence names it; such roles side by side read as one line.
fn plain_organisation(r: &RoleView, req: &PrintRequest, dir: &Directory) -> Option<String> {
    let plain = r.person_id.is_none()
        && r.presence == RolePresence::InPerson
        && !(req.mark_tbc && r.tentative)
        && r.note.trim().is_empty();
    if !plain {
        return None;
    }
    r.organisation_id
        .and_then(|id| dir.organisations.get(&id))
        .map(organisation_named)
}

/// "Representative of Australia", or for several side by side
/// "Representatives of Australia, Indonesia and the International Labour
/// Organization (ILO)".
fn representatives(named: &mut Vec<String>, into: &mut Vec<String>) {
    match named.len() {
        0 => {}
        1 => into.push(format!("Representative of {}", named[0])),
        n => into.push(format!(
            "Representatives of {} and {}",
            named[..n - 1].join(", "), // slice-ok: a Vec of names
            named[n - 1]
        )),
    }
    named.clear();
}

/// A role as the programme prints it: the person with their position where
/// one is known and asked for ("Ms Lynn Bell, Ambassador for People
/// Smuggling (Australia)"), or the organisation's representative; then how
/// they take part, "(tbc)" when asked, whom a substitute replaces, and the
/// role's note.
fn programme_role_text(r: &RoleView, req: &PrintRequest, dir: &Directory) -> String {
    let mut text = match (r.person_id, r.organisation_id) {
        (Some(pid), _) => {
            let mut t = r.name.clone();
            let position = dir
                .people
                .get(&pid)
                .map(|p| p.position.trim())
                .unwrap_or_default();
            if req.positions && !position.is_empty() {
                t.push_str(", ");
                t.push_str(position);
            }
            if let Some(org) = &r.organisation {
                t.push_str(&format!(" ({org})"));
            }
            t
        }
        (None, Some(oid)) => match dir.organisations.get(&oid) {
            Some(o) => representative_of(o),
            None => agenda::role_name(r),
        },
        (None, None) => agenda::role_name(r),
    };
    match r.presence {
        RolePresence::InPerson => {}
        RolePresence::Virtual => text.push_str(" (virtual)"),
        RolePresence::VideoMessage => text.push_str(" (video message)"),
    }
    if req.mark_tbc && r.tentative {
        text.push_str(" (tbc)");
    }
    if let Some(original) = &r.replacing {
        text.push_str(", replacing ");
        text.push_str(original);
    }
    match r.note.trim() {
        "" => text,
        note => format!("{text}, {note}"),
    }
}

/// How a print shows a session's people: grouped as every list groups them
/// (`agenda::role_groups`), each in the programme's own words.
fn role_lines(
    s: &AgendaSession,
    req: &PrintRequest,
    group_by_kind: bool,
    dir: &Directory,
) -> Vec<RoleLine> {
    // Grouped by each role's place in the session's list, so a group's
    // roles can be read back and organisations without a speaker joined.
    let placed: Vec<RoleView> = s
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| RoleView {
            text: i.to_string(),
            ..r.clone()
        })
        .collect();
    agenda::role_groups(&placed, group_by_kind)
        .into_iter()
        .map(|g| {
            let mut names = Vec::new();
            let mut organisations = Vec::new();
            for r in g
                .people
                .iter()
                .filter_map(|i| s.roles.get(i.parse::<usize>().ok()?))
            {
                match plain_organisation(r, req, dir) {
                    Some(named) => organisations.push(named),
                    None => {
                        representatives(&mut organisations, &mut names);
                        names.push(programme_role_text(r, req, dir));
                    }
                }
            }
            representatives(&mut organisations, &mut names);
            RoleLine {
                label: g.label,
                names,
            }
        })
        .collect()
}

fn prog_session(
    store: &Store,
    s: &AgendaSession,
    req: &PrintRequest,
    group_by_kind: bool,
    rooms: &HashMap<Id, Room>,
    changes: &Changes,
    dir: &Directory,
) -> Result<ProgSession> {
    let internal = req.variant == Variant::Internal;
    let (speaking, budget) = if internal && s.session.kind.takes_speaking_list() {
        let list = speaking::speaking_list(store, s.session.id)?;
        let start = s.session.start;
        let turns: Vec<TurnLine> = list
            .turns
            .iter()
            .map(|t| TurnLine {
                at: speaking::turn_start(start, t.offset_minutes),
                delegation: t.organisation.clone(),
                speaker: t.speaker.clone().unwrap_or_default(),
                minutes: t.slot.minutes,
            })
            .collect();
        // A session without a list prints no budget line.
        let budget = if turns.is_empty() {
            String::new()
        } else {
            list.budget.message
        };
        (turns, budget)
    } else {
        (Vec::new(), String::new())
    };
    Ok(ProgSession {
        id: s.session.id,
        time: time_range(&s.session),
        title: s.session.title.clone(),
        item: match s.session.agenda_item.trim() {
            "" => String::new(),
            i if i.ends_with('.') => i.to_string(),
            i => format!("{i}."),
        },
        room: s.room.clone().unwrap_or_default(),
        event: if s.event_short_name.is_empty() {
            s.event_title.clone()
        } else {
            s.event_short_name.clone()
        },
        kind: s.session.kind.shown_label().into(),
        tbc: req.mark_tbc && s.session.tentative,
        link: s.session.link.trim().to_string(),
        roles: role_lines(s, req, group_by_kind, dir),
        description: if req.descriptions {
            s.session.description.trim().to_string()
        } else {
            String::new()
        },
        mark: changes
            .marks
            .get(&s.session.id)
            .map(|m| m.key().to_string()),
        change: changes
            .notes
            .get(&s.session.id)
            .cloned()
            .unwrap_or_default(),
        struck: false,
        cancelled: s.cancelled,
        cohosts: dir
            .session_cohosts
            .get(&s.session.id)
            .cloned()
            .unwrap_or_default(),
        notes: if internal {
            s.session.notes.trim().to_string()
        } else {
            String::new()
        },
        room_notes: match (internal, s.session.room_id.and_then(|r| rooms.get(&r))) {
            (true, Some(r)) => r.notes.trim().to_string(),
            _ => String::new(),
        },
        speaking,
        speaking_budget: budget,
    })
}

/// Groups a day's timed sessions (in start order): sessions that all run at
/// one moment are one parallel block, their columns the rooms; a session
/// that only overlaps some of them starts the next block. Breaks and meals
/// that stand alone are compact lines.
pub fn blocks(
    sessions: Vec<ProgSession>,
    spans: &[(NaiveDateTime, NaiveDateTime)],
    pauses: &[bool],
) -> Vec<ProgBlock> {
    let mut out = Vec::new();
    let mut sessions = sessions
        .into_iter()
        .zip(spans.iter().zip(pauses))
        .peekable();
    while let Some((first, (&(start, end), &pause))) = sessions.next() {
        // Sessions come in start order, so all of them share a moment as
        // long as each next one starts before the earliest end so far.
        let mut shared_end = end;
        let mut last_end = end;
        let mut together = vec![first];
        while let Some((_, (&(s, e), _))) = sessions.peek() {
            if s >= shared_end {
                break;
            }
            shared_end = shared_end.min(e);
            last_end = last_end.max(e);
            if let Some((next, _)) = sessions.next() {
                together.push(next);
            }
        }
        if together.len() == 1 {
            let session = together.remove(0);
            out.push(if pause {
                ProgBlock::Pause { session }
            } else {
                ProgBlock::Session { session }
            });
        } else {
            out.push(ProgBlock::Parallel {
                time: format!("{}–{}", hm(start), hm(last_end)),
                columns: columns(together),
            });
        }
    }
    out
}

/// One column per room, in the order the rooms first appear; two sessions
/// in one room at once (a clash the planner reports) share its column.
fn columns(sessions: Vec<ProgSession>) -> Vec<ProgColumn> {
    let mut out: Vec<ProgColumn> = Vec::new();
    for s in sessions {
        match out.iter_mut().find(|c| c.room == s.room) {
            Some(c) => c.sessions.push(s),
            None => out.push(ProgColumn {
                room: s.room.clone(),
                sessions: vec![s],
            }),
        }
    }
    out
}

fn programme(
    store: &Store,
    req: &PrintRequest,
    event: Option<&Event>,
    changes: &Changes,
) -> Result<Body> {
    let rooms: HashMap<Id, Room> = store.rooms()?.into_iter().map(|r| (r.id, r)).collect();
    let grouped = store.plan()?.group_roles;
    let dir = Directory::of(store)?;
    let events: HashMap<Id, Event> = store.events()?.into_iter().map(|e| (e.id, e)).collect();
    let mut days = Vec::new();
    let mut in_scope = sessions_in_scope(store, req.day, event)?;
    // A day whose sessions have all gone still shows where they were.
    for g in &changes.ghosts {
        let day = g.was.start.date();
        if !in_scope.iter().any(|(d, _)| *d == day) {
            in_scope.push((day, Vec::new()));
        }
    }
    in_scope.sort_by_key(|(d, _)| *d);
    for (date, sessions) in in_scope {
        let mut progs = Vec::new();
        let mut spans = Vec::new();
        let mut pauses = Vec::new();
        // Sessions whose times are to be confirmed follow the timed ones.
        let mut untimed = Vec::new();
        for s in &sessions {
            let pause = matches!(s.session.kind, SessionKind::Break | SessionKind::Meal);
            let prog = || prog_session(store, s, req, grouped, &rooms, changes, &dir);
            match (s.session.start, s.session.end) {
                (Some(start), Some(end)) => {
                    progs.push(prog()?);
                    spans.push((start, end));
                    pauses.push(pause);
                }
                (None, None) if s.session.is_day_only() => {
                    let session = prog()?;
                    untimed.push(if pause {
                        ProgBlock::Pause { session }
                    } else {
                        ProgBlock::Session { session }
                    });
                }
                // Only a damaged file has a start without an end; such a
                // session cannot be placed on the page.
                _ => {}
            }
        }
        // Places sessions have left, struck through where they were.
        for g in changes.ghosts.iter().filter(|g| g.was.start.date() == date) {
            let at = spans
                .iter()
                .position(|(start, _)| *start > g.was.start)
                .unwrap_or(spans.len());
            progs.insert(at, ghost_session(g, &events));
            spans.insert(at, (g.was.start, g.was.end));
            pauses.insert(at, g.was.pause);
        }
        let mut blocks = blocks(progs, &spans, &pauses);
        blocks.extend(untimed);
        days.push(ProgDay {
            heading: long_day(date),
            blocks,
        });
    }
    Ok(Body::Programme { days })
}

/// A published place a session has left, as the programme prints it there:
/// its title, time and room as published, struck through, and where it went.
fn ghost_session(g: &Ghost, events: &HashMap<Id, Event>) -> ProgSession {
    let was = &g.was;
    ProgSession {
        id: was.id,
        time: format!("{}–{}", hm(was.start), hm(was.end)),
        title: was.title.clone(),
        item: String::new(),
        room: was.room.clone(),
        event: was
            .event_id
            .and_then(|e| events.get(&e))
            .map(|e| {
                if e.short_name.is_empty() {
                    e.title.clone()
                } else {
                    e.short_name.clone()
                }
            })
            .unwrap_or_default(),
        kind: String::new(),
        tbc: false,
        link: String::new(),
        roles: Vec::new(),
        description: String::new(),
        mark: Some(if g.now.is_some() { "moved" } else { "removed" }.into()),
        change: g.now.clone().unwrap_or_else(|| "Removed".into()),
        struck: true,
        cancelled: false,
        cohosts: Vec::new(),
        notes: String::new(),
        room_notes: String::new(),
        speaking: Vec::new(),
        speaking_budget: String::new(),
    }
}

/// The event a participant list or name cards are for: the chosen one, else the first.
fn event_or_first(store: &Store, event: Option<&Event>) -> Result<Event> {
    match event {
        Some(e) => Ok(e.clone()),
        None => store
            .events()?
            .into_iter()
            .next()
            .ok_or_else(|| CoreError::invalid("event", "The plan has no events.")),
    }
}

fn participants(store: &Store, event: &Event, with_counts: bool) -> Result<Body> {
    let r = roster::roster(store, event.id)?;
    let first = roster::protocol_config(store, event.id)?.first;
    let groups = participant_groups(&r.delegations, &first);
    let mut counts: BTreeMap<u8, CountLine> = BTreeMap::new();
    for d in groups.iter().flat_map(|g| &g.delegations) {
        let cat = d.category;
        let c = counts
            .entry(OrgCategory::ALL.iter().position(|x| *x == cat).unwrap_or(0) as u8)
            .or_insert(CountLine {
                label: cat.label().into(),
                delegations: 0,
                people: 0,
            });
        c.delegations += 1;
        c.people += d.members.len() as u32;
    }
    let counts = if with_counts {
        counts.into_values().collect()
    } else {
        Vec::new()
    };
    Ok(Body::Participants { groups, counts })
}

/// "1st", "2nd", "3rd", "4th", "11th", "22nd".
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "2nd of 4 panellists": a role's place among the session's roles of its
/// kind, empty when it is the only one.
fn place_among(roles: &[RoleView], at: usize) -> String {
    let Some(me) = roles.get(at) else {
        return String::new();
    };
    let same: Vec<usize> = (0..roles.len())
        .filter(|i| roles.get(*i).is_some_and(|r| r.role == me.role))
        .collect();
    let Some(place) = same.iter().position(|i| *i == at) else {
        return String::new();
    };
    if same.len() < 2 {
        return String::new();
    }
    let group = match me.role {
        // "Welcome remarks" names what is given, not who gives it.
        RoleKind::WelcomeRemarks | RoleKind::IntroductoryRemarks => {
            format!("giving {}", me.role.label().to_lowercase())
        }
        kind => kind.group_label(same.len()).to_lowercase(),
    };
    format!("{} of {} {group}", ordinal(place + 1), same.len())
}

/// When to be in the room: `call` minutes before the session's start.
fn call_time(s: &Session, presence: RolePresence, call: u32) -> String {
    let before = match call {
        0 => "at the start of the session".to_string(),
        1 => "1 minute before the session".to_string(),
        n => format!("{n} minutes before the session"),
    };
    let at = s
        .start
        .and_then(|t| t.checked_sub_signed(chrono::Duration::try_minutes(call.into())?));
    match (presence, at) {
        // A recorded message needs nobody in the room.
        (RolePresence::VideoMessage, _) => String::new(),
        (RolePresence::Virtual, Some(t)) => format!("connect by {}, {before}", hm(t)),
        (RolePresence::Virtual, None) => format!("connect {before}"),
        (RolePresence::InPerson, Some(t)) => format!("{}, {before}", hm(t)),
        (RolePresence::InPerson, None) => before,
    }
}

/// "10:12, 5 minutes": the turn on the session's speaking list held by the
/// person, else by their delegation with no speaker named.
fn turn_of(
    list: &[speaking::Turn],
    start: Option<NaiveDateTime>,
    person: Option<Id>,
    delegation: Option<Id>,
) -> String {
    let theirs = list
        .iter()
        .find(|t| person.is_some() && t.slot.person_id == person)
        .or_else(|| {
            list.iter()
                .find(|t| t.slot.person_id.is_none() && Some(t.slot.organisation_id) == delegation)
        });
    match theirs {
        Some(t) => format!(
            "{}, {} minute{}",
            speaking::turn_start(start, t.offset_minutes),
            t.slot.minutes,
            if t.slot.minutes == 1 { "" } else { "s" }
        ),
        None => String::new(),
    }
}

/// "International Labour Organization (ILO)".
fn full_name(o: &Organisation) -> String {
    match o.acronym.trim() {
        "" => o.name.clone(),
        a if a == o.name => o.name.clone(),
        a => format!("{} ({a})", o.name),
    }
}

/// Whether a name reads with "the" before it: a body named for what it is
/// ("the International Labour Organization", "the Regional Support
/// Office"), but not a state or a name of its own ("Stop the Traffik", "A21").
fn takes_the(o: &Organisation) -> bool {
    const BODIES: &[&str] = &[
        "Agency",
        "Alliance",
        "Association",
        "Bank",
        "Centre",
        "Center",
        "Coalition",
        "Commission",
        "Commissioner",
        "Committee",
        "Conference",
        "Council",
        "Federation",
        "Forum",
        "Foundation",
        "Fund",
        "Group",
        "Initiative",
        "Institute",
        "Mission",
        "Network",
        "Office",
        "Organisation",
        "Organization",
        "Partnership",
        "Process",
        "Programme",
        "Program",
        "Secretariat",
        "Taskforce",
        "Union",
    ];
    let name = o.name.trim();
    !matches!(
        o.category,
        OrgCategory::MemberState | OrgCategory::ObserverState
    ) && !name.to_lowercase().starts_with("the ")
        && name.split_whitespace().any(|w| BODIES.contains(&w))
}

fn speakers(store: &Store, req: &PrintRequest, event: Option<&Event>) -> Result<Body> {
    // Who else takes part, without their notes, but with how they take part
    // ("(virtual)") and, when asked, "(tbc)".
    let who = |o: &RoleView| {
        let bare = RoleView {
            note: String::new(),
            ..o.clone()
        };
        format!(
            "{}: {}",
            o.role.label(),
            role_text_marked(&bare, req.mark_tbc)
        )
    };
    let leads = |o: &RoleView| {
        matches!(
            o.role,
            RoleKind::Chair | RoleKind::CoChair | RoleKind::Moderator
        )
    };
    let call = store.plan()?.call_minutes;
    let people: HashMap<Id, Person> = store.people()?.into_iter().map(|p| (p.id, p)).collect();
    let orgs: HashMap<Id, Organisation> = store
        .organisations()?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    // Briefings go by family name, then given name, as every list of
    // people does: "Ms Lynn Bell" under B, not under M.
    let key = |pid: Id, name: &str| match people.get(&pid) {
        Some(p) => crate::fold::person_sort_key(&p.family_name, &p.given_name),
        None => crate::fold::sort_key(name),
    };
    let mut by_person: BTreeMap<(String, Id), Briefing> = BTreeMap::new();
    // Organisations holding a role with no person named yet: briefed after
    // the people, addressed to their representative.
    let mut by_organisation: BTreeMap<(String, Id), Briefing> = BTreeMap::new();
    for (date, sessions) in sessions_in_scope(store, req.day, event)? {
        for s in &sessions {
            let list = if s.session.kind.takes_speaking_list() {
                speaking::speaking_list(store, s.session.id)?.turns
            } else {
                Vec::new()
            };
            for (at, r) in s.roles.iter().enumerate() {
                let (b, delegation) = match (r.person_id, r.organisation_id) {
                    (Some(pid), _) => {
                        let person = people.get(&pid);
                        let delegation = person.and_then(|p| p.organisation_id);
                        let b = by_person
                            .entry((key(pid, &r.name), pid))
                            .or_insert_with(|| Briefing {
                                name: r.name.clone(),
                                position: person
                                    .map(|p| p.position.trim().to_string())
                                    .unwrap_or_default(),
                                organisation: delegation
                                    .and_then(|o| orgs.get(&o))
                                    .map(full_name)
                                    .unwrap_or_default(),
                                sessions: Vec::new(),
                            });
                        (b, delegation)
                    }
                    (None, Some(oid)) => {
                        let org = orgs.get(&oid).map(full_name).unwrap_or(r.name.clone());
                        let the = if orgs.get(&oid).is_some_and(takes_the) {
                            "the "
                        } else {
                            ""
                        };
                        let b = by_organisation
                            .entry((crate::fold::sort_key(&org), oid))
                            .or_insert_with(|| Briefing {
                                name: format!("The representative of {the}{org}"),
                                position: String::new(),
                                organisation: String::new(),
                                sessions: Vec::new(),
                            });
                        (b, Some(oid))
                    }
                    (None, None) => continue,
                };
                let me = |o: &&RoleView| {
                    std::ptr::eq(*o, r) || (r.person_id.is_some() && o.person_id == r.person_id)
                };
                let others = s.roles.iter().filter(|o| !me(o));
                let lead = others.clone().filter(|o| leads(o)).map(who).collect();
                let fellows = others.filter(|o| !leads(o)).map(who).collect();
                let when = match (s.session.start, s.session.end) {
                    (Some(_), Some(_)) => {
                        format!("{} {}", date.format("%a %-d %b"), time_range(&s.session))
                    }
                    _ => format!("{}, time to be confirmed", date.format("%a %-d %b")),
                };
                let role = match (req.mark_tbc && r.tentative, r.presence) {
                    (tbc, RolePresence::InPerson) => {
                        format!("{}{}", r.role.label(), if tbc { " (tbc)" } else { "" })
                    }
                    (tbc, presence) => format!(
                        "{}, {}{}",
                        r.role.label(),
                        presence.label().to_lowercase(),
                        if tbc { " (tbc)" } else { "" }
                    ),
                };
                b.sessions.push(BriefingSession {
                    when,
                    room: s.room.clone().unwrap_or_default(),
                    event: s.event_title.clone(),
                    title: s.session.title.clone(),
                    tbc: req.mark_tbc && s.session.tentative,
                    role,
                    order: if leads(r) {
                        String::new()
                    } else {
                        place_among(&s.roles, at)
                    },
                    turn: turn_of(&list, s.session.start, r.person_id, delegation),
                    call: call_time(&s.session, r.presence, call),
                    lead,
                    fellows,
                    description: s.session.description.trim().to_string(),
                });
            }
        }
    }
    Ok(Body::Speakers {
        briefings: by_person
            .into_values()
            .chain(by_organisation.into_values())
            .collect(),
    })
}

/// What a card calls an organisation: its short name, or with `acronyms`
/// its acronym where one is set, except for states, whose cards keep the name.
fn card_name(org: &Organisation, acronyms: bool) -> String {
    let state = matches!(
        org.category,
        OrgCategory::MemberState | OrgCategory::ObserverState
    );
    if acronyms && !state && !org.acronym.trim().is_empty() {
        org.acronym.trim().to_string()
    } else {
        org.name.clone()
    }
}

fn namecards(store: &Store, event: &Event, req: &PrintRequest) -> Result<Body> {
    let r = roster::roster(store, event.id)?;
    let mut cards = Vec::new();
    for d in &r.delegations {
        if req.per_person {
            for m in d
                .members
                .iter()
                .filter(|m| m.registration != RegistrationStatus::Declined)
            {
                cards.push(Card {
                    name: m.name.clone(),
                    detail: card_name(&d.organisation, req.acronyms),
                });
            }
        } else if d.status.is_some() {
            cards.push(Card {
                name: card_name(&d.organisation, req.acronyms),
                detail: String::new(),
            });
        }
    }
    if req.per_person {
        for m in &r.unaffiliated {
            cards.push(Card {
                name: m.name.clone(),
                detail: String::new(),
            });
        }
    }
    Ok(Body::Namecards {
        cards,
        uniform: !req.fit_each,
    })
}

/// Builds the document `req` asks for. `now` is the plan's wall clock, for
/// the stamp of a draft; `changes` are the marks against a published version.
pub fn build(
    store: &Store,
    req: &PrintRequest,
    stamp: String,
    changes: &Changes,
) -> Result<Printable> {
    let (plan, event) = check_scope(store, req)?;
    // A sheet lists only the changes of its own day and event.
    let changes = &changes.within(req.day, req.event_id);
    let (body, head_event) = match req.kind {
        DocKind::Programme => (
            programme(store, req, event.as_ref(), changes)?,
            event.clone(),
        ),
        DocKind::Speakers => (speakers(store, req, event.as_ref())?, event.clone()),
        DocKind::Participants => {
            let e = event_or_first(store, event.as_ref())?;
            (participants(store, &e, req.with_counts)?, Some(e))
        }
        DocKind::Namecards => {
            let e = event_or_first(store, event.as_ref())?;
            (namecards(store, &e, req)?, Some(e))
        }
        DocKind::Glance => (
            Body::Glance {
                pages: super::glance::grid(store, req.day, event.as_ref(), req.mark_tbc)?,
            },
            event.clone(),
        ),
        DocKind::Doors => (
            Body::Doors {
                sheets: super::glance::doors(store, req.day, event.as_ref(), req.mark_tbc)?,
            },
            event.clone(),
        ),
        // The summary covers the week, whatever day or event is chosen.
        DocKind::Summary => (summary_body(store, req.attendance)?, None),
        // Every room and event of the day: the report has no event scope.
        DocKind::Report => (
            Body::Report {
                sheets: super::report::sheets(store, req.day)?,
            },
            None,
        ),
    };
    let day = match req.kind {
        DocKind::Programme
        | DocKind::Speakers
        | DocKind::Glance
        | DocKind::Doors
        | DocKind::Report => req.day,
        _ => None,
    };
    Ok(Printable {
        paper: req.paper,
        heading: heading(store, &plan, head_event.as_ref(), day, req)?,
        stamp,
        changes_title: changes.title.clone(),
        changes: changes.lines.clone(),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::SessionForm;
    use crate::sample;
    use crate::ErrorCode::{Database, Invalid};

    fn build_sample(req: &PrintRequest) -> Printable {
        let store = sample::sample_in_memory().unwrap();
        build(
            &store,
            req,
            "Draft · printed 18 Nov 2024 07:00".into(),
            &Changes::default(),
        )
        .unwrap()
    }

    fn json(p: &Printable) -> String {
        serde_json::to_string_pretty(p).unwrap()
    }

    #[test]
    fn programme_of_the_sample_week() {
        insta::assert_snapshot!(json(&build_sample(&PrintRequest::new(DocKind::Programme))));
    }

    #[test]
    fn internal_run_of_show_adds_staff_notes_and_room_set_up() {
        let store = sample::sample_in_memory().unwrap();
        let day = store.plan().unwrap().first_day;
        let doc = build(
            &store,
            &PrintRequest {
                day: Some(day),
                variant: Variant::Internal,
                ..PrintRequest::new(DocKind::Programme)
            },
            String::new(),
            &Changes::default(),
        )
        .unwrap();
        let Body::Programme { days } = &doc.body else {
            panic!("a programme")
        };
        assert_eq!(days.len(), 1);
        let rooms = store.rooms().unwrap();
        let with_notes: Vec<&str> = rooms
            .iter()
            .filter(|r| !r.notes.is_empty())
            .map(|r| r.notes.as_str())
            .collect();
        let text = json(&doc);
        for n in with_notes {
            assert!(text.contains(n), "room notes {n} in the run of show");
        }
        let public = build(
            &store,
            &PrintRequest {
                day: Some(day),
                ..PrintRequest::new(DocKind::Programme)
            },
            String::new(),
            &Changes::default(),
        )
        .unwrap();
        assert!(
            !json(&public).contains("\"room_notes\": \"S"),
            "public sheets carry no room notes"
        );
    }

    #[test]
    fn participant_list_of_the_dialogue() {
        insta::assert_snapshot!(json(&build_sample(&PrintRequest::new(
            DocKind::Participants
        ))));
    }

    #[test]
    fn participant_list_is_in_protocol_order_with_cochairs_first() {
        let doc = build_sample(&PrintRequest::new(DocKind::Participants));
        let Body::Participants { groups, counts } = &doc.body else {
            panic!()
        };
        let headings: Vec<&str> = groups.iter().map(|g| g.heading.as_str()).collect();
        assert_eq!(headings[0], "Co-Chairs");
        assert_eq!(headings[1], "Members");
        let order = [
            "Co-Chairs",
            "Members",
            "Observers",
            "Guests",
            "International organisations",
            "Civil society",
            "Private sector",
            "Programmes, workstreams and other bodies",
            "Secretariat",
        ];
        let ranks: Vec<usize> = headings
            .iter()
            .map(|h| order.iter().position(|o| o == h).unwrap())
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{headings:?}");
        // Member states first, alphabetical; then member organisations.
        let members = &groups[1].delegations;
        let names: Vec<&str> = members.iter().map(|d| d.name.as_str()).collect();
        let states = &names[..names
            .iter()
            .position(|n| n.starts_with("International"))
            .unwrap()];
        let mut sorted = states.to_vec();
        sorted.sort_by_key(|n| crate::fold::sort_key(n));
        assert_eq!(states, sorted.as_slice(), "member states alphabetical");
        assert!(names.ends_with(&["United Nations Office on Drugs and Crime"]));
        assert!(!counts.is_empty());
        assert!(
            !json(&doc).contains("\"id\""),
            "no internal ids on the list"
        );
    }

    #[test]
    fn speaker_briefings_and_name_cards() {
        insta::assert_snapshot!(json(&build_sample(&PrintRequest::new(DocKind::Speakers))));
        let cards = build_sample(&PrintRequest {
            per_person: true,
            ..PrintRequest::new(DocKind::Namecards)
        });
        let Body::Namecards { cards, .. } = &cards.body else {
            panic!()
        };
        assert!(cards
            .iter()
            .any(|c| c.name == "Ms Lynn Bell" && c.detail == "Australia"));
        let per_delegation = build_sample(&PrintRequest::new(DocKind::Namecards));
        let Body::Namecards { cards, .. } = &per_delegation.body else {
            panic!()
        };
        assert!(cards.len() >= 17 + 9);
    }

    #[test]
    fn speaker_briefings_go_by_family_name_not_by_honorific() {
        let store = sample::sample_in_memory().unwrap();
        let doc = build_sample(&PrintRequest::new(DocKind::Speakers));
        let Body::Speakers { briefings } = &doc.body else {
            panic!("briefings")
        };
        let people = store.people().unwrap();
        let family = |name: &str| {
            people
                .iter()
                .find(|p| p.display_name() == name)
                .map(|p| (p.family_name.clone(), p.given_name.clone()))
        };
        // People's briefings; those of organisations follow them.
        let order: Vec<(String, String)> =
            briefings.iter().filter_map(|b| family(&b.name)).collect();
        let mut sorted = order.clone();
        sorted.sort_by_key(|(f, g)| crate::fold::person_sort_key(f, g));
        assert_eq!(order, sorted);
        let at = |name: &str| briefings.iter().position(|b| b.name == name).unwrap();
        // "Ms" would put her after "Mr Tri Tharyat"; Bell comes before Tharyat.
        assert!(at("Ms Lynn Bell") < at("Mr Tri Tharyat"));
    }

    /// French names of states, added to the sample's first event as
    /// members, come in one alphabetical order in every list of delegations.
    #[test]
    fn every_list_of_delegations_sorts_accented_names_among_their_letter() {
        let mut store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        // Given in code-point order, which would put the É's after the Z's.
        let french = [
            "Côte d'Ivoire",
            "Espagne",
            "Zimbabwe",
            "Égypte",
            "Émirats arabes unis",
            "Équateur",
        ];
        let want = [
            "Côte d'Ivoire",
            "Égypte",
            "Émirats arabes unis",
            "Équateur",
            "Espagne",
            "Zimbabwe",
        ];
        for name in french {
            let org = crate::edit::organisations::create_organisation(
                &mut store,
                &crate::forms::OrganisationForm {
                    name: name.into(),
                    category: "member_state".into(),
                    ..Default::default()
                },
            )
            .unwrap();
            crate::edit::delegations::set_participation(
                &mut store,
                event.id,
                org.id,
                Some(ParticipationStatus::Member),
                "",
            )
            .unwrap();
            let p = crate::edit::people::create_person(
                &mut store,
                &crate::forms::PersonForm {
                    given_name: "Ana".into(),
                    family_name: format!("of {name}"),
                    organisation_id: Some(org.id),
                    ..Default::default()
                },
            )
            .unwrap();
            crate::edit::attendance::set_registration(
                &mut store,
                event.id,
                p.id,
                Some(RegistrationStatus::Registered),
                "Head of delegation",
            )
            .unwrap();
        }
        let ours = |names: Vec<String>| -> Vec<String> {
            names
                .into_iter()
                .filter(|n| french.iter().any(|f| n.contains(f)))
                .collect()
        };
        let req = |kind| PrintRequest {
            event_id: Some(event.id),
            ..PrintRequest::new(kind)
        };
        let doc = |kind| build(&store, &req(kind), String::new(), &Changes::default()).unwrap();
        let Body::Participants { groups, .. } = doc(DocKind::Participants).body else {
            panic!("a participant list")
        };
        let listed = groups
            .iter()
            .flat_map(|g| g.delegations.iter().map(|d| d.name.clone()))
            .collect();
        assert_eq!(ours(listed), want, "participant list");
        let Body::Namecards { cards, .. } = doc(DocKind::Namecards).body else {
            panic!("name cards")
        };
        assert_eq!(
            ours(cards.iter().map(|c| c.name.clone()).collect()),
            want,
            "cards"
        );
        let roster = roster::roster(&store, event.id).unwrap();
        let delegations = roster
            .delegations
            .iter()
            .map(|d| d.organisation.name.clone());
        assert_eq!(ours(delegations.collect()), want, "roster");
        let attendees = crate::attendees::export::attendee_list(&store, event.id).unwrap();
        assert_eq!(
            ours(attendees.iter().map(|a| a.organisation.clone()).collect()),
            want,
            "attendee list"
        );
        let csv = crate::attendees::export::attendee_csv(&attendees);
        let rows: Vec<String> = csv.lines().map(String::from).collect();
        let in_csv: Vec<String> = want
            .iter()
            .map(|w| rows.iter().position(|r| r.contains(w)).unwrap().to_string())
            .collect();
        let mut sorted_rows = in_csv.clone();
        sorted_rows.sort_by_key(|n| n.parse::<usize>().unwrap());
        assert_eq!(in_csv, sorted_rows, "attendee CSV");
        let orgs = store.organisations().unwrap();
        assert_eq!(
            ours(orgs.iter().map(|o| o.name.clone()).collect()),
            want,
            "organisation directory"
        );
        let people = store.people().unwrap();
        let families: Vec<String> = people.iter().map(|p| p.family_name.clone()).collect();
        let of: Vec<String> = want.iter().map(|w| format!("of {w}")).collect();
        assert_eq!(ours(families), of, "people directory");
    }

    /// The sample's opening remarks, its roles set to `roles` (kind, the
    /// person of the sample's co-chairs by index, else an organisation).
    fn opening_with_roles(roles: &[(RoleKind, Option<usize>)]) -> (Store, Session) {
        let marked: Vec<_> = roles
            .iter()
            .map(|(k, p)| (*k, *p, false, RolePresence::InPerson))
            .collect();
        opening_with_marked_roles(&marked)
    }

    /// `opening_with_roles`, each role with whether it is to be confirmed and how the person takes part.
    fn opening_with_marked_roles(
        roles: &[(RoleKind, Option<usize>, bool, RolePresence)],
    ) -> (Store, Session) {
        let mut store = sample::sample_in_memory().unwrap();
        let session = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.title == "Opening remarks by the Senior Official Co-Chairs")
            .unwrap();
        let people: Vec<Id> = store
            .session_roles(session.id)
            .unwrap()
            .iter()
            .filter_map(|r| r.person_id)
            .collect();
        let iom = store
            .organisations()
            .unwrap()
            .into_iter()
            .find(|o| o.acronym == "IOM")
            .unwrap()
            .id;
        let entries: Vec<crate::store::RoleEntry> = roles
            .iter()
            .map(
                |(role, person, tentative, presence)| crate::store::RoleEntry {
                    role: *role,
                    person_id: person.map(|i| people[i]),
                    organisation_id: person.is_none().then_some(iom),
                    note: String::new(),
                    tentative: *tentative,
                    presence: *presence,
                },
            )
            .collect();
        store
            .set_session_roles(session.id, &entries, "Roles")
            .unwrap();
        (store, session)
    }

    fn programme_session(store: &Store, id: Id) -> ProgSession {
        let doc = build(
            store,
            &PrintRequest {
                positions: false,
                ..PrintRequest::new(DocKind::Programme)
            },
            String::new(),
            &Changes::default(),
        )
        .unwrap();
        let Body::Programme { days } = doc.body else {
            panic!("a programme")
        };
        days.into_iter()
            .flat_map(|d| d.blocks)
            .flat_map(ProgBlock::into_sessions)
            .find(|s| s.id == id)
            .unwrap()
    }

    #[test]
    fn roles_keep_the_order_entered_in_the_agenda_show_print_and_briefings() {
        use RoleKind as R;
        let (store, session) = opening_with_roles(&[
            (R::CoChair, Some(1)),
            (R::Speaker, Some(0)),
            (R::CoChair, None),
        ]);
        let want = [
            "Co-Chair: Mr Tri Tharyat (Indonesia)",
            "Speaker: Ms Lynn Bell (Australia)",
            "Co-Chair: International Organization for Migration — co-chair TBC",
        ];
        let agenda = agenda::agenda(&store, None).unwrap();
        let entry = agenda
            .days
            .iter()
            .flat_map(|d| &d.sessions)
            .find(|s| s.session.id == session.id)
            .unwrap();
        let shown: Vec<String> = entry
            .role_groups
            .iter()
            .map(|g| format!("{}: {}", g.label, g.people.join("; ")))
            .collect();
        assert_eq!(shown, want, "agenda");

        let text = crate::text::render(&agenda::overview(&store).unwrap(), &agenda);
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let at = lines.iter().position(|l| *l == want[0]).unwrap();
        assert_eq!(lines[at..at + 3], want, "plenary show"); // slice-ok: lines

        let printed: Vec<String> = programme_session(&store, session.id)
            .roles
            .iter()
            .map(|r| format!("{}: {}", r.label, r.names.join("; ")))
            .collect();
        // The programme names the organisation's representative in full.
        let iom = "Co-Chair: Representative of the International Organization for Migration (IOM)";
        assert_eq!(printed, [want[0], want[1], iom], "printed programme");

        let doc = build(
            &store,
            &PrintRequest::new(DocKind::Speakers),
            String::new(),
            &Changes::default(),
        )
        .unwrap();
        let Body::Speakers { briefings } = doc.body else {
            panic!("briefings")
        };
        let of = |name: &str| {
            briefings
                .iter()
                .find(|b| b.name.ends_with(name))
                .unwrap()
                .sessions
                .iter()
                .find(|s| s.title == session.title)
                .unwrap()
                .clone()
        };
        let bell = of("Lynn Bell");
        assert_eq!(
            bell.lead,
            [
                "Co-Chair: Mr Tri Tharyat (Indonesia)",
                "Co-Chair: International Organization for Migration — co-chair TBC"
            ]
        );
        assert_eq!(
            of("Tri Tharyat").fellows,
            ["Speaker: Ms Lynn Bell (Australia)"]
        );
    }

    fn edit_session(
        store: &mut Store,
        session: &Session,
        change: impl Fn(&mut SessionForm),
    ) -> Session {
        let mut form = SessionForm::from(session);
        change(&mut form);
        crate::edit::sessions::update_session(store, session.id, &form).unwrap()
    }

    fn briefing_of(store: &Store, req: &PrintRequest, name: &str, title: &str) -> BriefingSession {
        let doc = build(
            store,
            &PrintRequest {
                kind: DocKind::Speakers,
                ..req.clone()
            },
            String::new(),
            &Changes::default(),
        )
        .unwrap();
        let Body::Speakers { briefings } = doc.body else {
            panic!("briefings")
        };
        briefings
            .iter()
            .find(|b| b.name.ends_with(name))
            .and_then(|b| b.sessions.iter().find(|s| s.title == title))
            .unwrap_or_else(|| panic!("{name} has no briefing for {title}"))
            .clone()
    }

    /// A briefing stands alone: the person's own title, and per session their
    /// place among the speakers, their turn on the speaking list (or their
    /// delegation's) and when to be in the room; an organisation without a
    /// person named is briefed through its representative.
    #[test]
    fn a_briefing_gives_the_order_the_turn_and_the_call_time() {
        use RoleKind as R;
        use RolePresence as P;
        let (mut store, session) = opening_with_marked_roles(&[
            (R::CoChair, Some(1), false, P::InPerson),
            (R::Speaker, Some(0), false, P::InPerson),
            (R::Speaker, None, false, P::InPerson),
        ]);
        let roles = store.session_roles(session.id).unwrap();
        let bell = store.person(roles[1].person_id.unwrap()).unwrap();
        let australia = bell.organisation_id.unwrap();
        let iom = roles[2].organisation_id.unwrap();
        crate::speaking::set_speaking_list(
            &mut store,
            session.id,
            &[
                crate::store::SlotEntry {
                    organisation_id: australia,
                    person_id: None,
                    minutes: 5,
                },
                crate::store::SlotEntry {
                    organisation_id: iom,
                    person_id: None,
                    minutes: 1,
                },
            ],
        )
        .unwrap();
        let req = PrintRequest::new(DocKind::Speakers);
        let doc = build(&store, &req, String::new(), &Changes::default()).unwrap();
        let Body::Speakers { briefings } = doc.body else {
            panic!("briefings")
        };
        let of = |name: &str| briefings.iter().find(|b| b.name == name).unwrap();
        let b = of("Ms Lynn Bell");
        let org = store.organisation(australia).unwrap();
        assert_eq!(
            (b.position.as_str(), b.organisation.as_str()),
            (bell.position.as_str(), full_name(&org).as_str())
        );
        let mine = b
            .sessions
            .iter()
            .find(|s| s.title == session.title)
            .unwrap();
        assert_eq!(
            (mine.order.as_str(), mine.turn.as_str(), mine.call.as_str()),
            (
                "1st of 2 speakers",
                "09:00, 5 minutes",
                "08:45, 15 minutes before the session"
            )
        );
        let rep = of("The representative of the International Organization for Migration (IOM)");
        let theirs = rep
            .sessions
            .iter()
            .find(|s| s.title == session.title)
            .unwrap();
        assert_eq!(
            (
                theirs.role.as_str(),
                theirs.order.as_str(),
                theirs.turn.as_str()
            ),
            ("Speaker", "2nd of 2 speakers", "09:05, 1 minute")
        );
        assert_eq!(theirs.fellows, ["Speaker: Ms Lynn Bell (Australia)"]);
        // A co-chair leads the session: no place among the speakers, and no
        // turn for a delegation without one.
        let chair = briefing_of(&store, &req, "Tri Tharyat", &session.title);
        assert_eq!((chair.order.as_str(), chair.turn.as_str()), ("", ""));

        // The plan's call time, and how the person takes part.
        let form = crate::forms::PlanForm {
            call_minutes: "0".into(),
            ..crate::forms::PlanForm::from(&store.plan().unwrap())
        };
        crate::edit::plan::update_plan(&mut store, &form).unwrap();
        let call = |store: &Store| briefing_of(store, &req, "Lynn Bell", &session.title).call;
        assert_eq!(call(&store), "09:00, at the start of the session");
        let (store, session) = opening_with_marked_roles(&[
            (R::Speaker, Some(0), false, P::Virtual),
            (R::Speaker, Some(1), false, P::VideoMessage),
        ]);
        assert_eq!(
            call(&store),
            "connect by 08:45, 15 minutes before the session"
        );
        assert_eq!(
            briefing_of(&store, &req, "Tri Tharyat", &session.title).call,
            ""
        );
    }

    /// A session removed since the published version is printed at its old
    /// place on its day, struck through; the day's other sheets and the
    /// changes list of another day do not carry it.
    #[test]
    fn a_removed_session_is_printed_struck_through_where_it_was() {
        let mut store = sample::sample_in_memory().unwrap();
        let at = store
            .plan()
            .unwrap()
            .first_day
            .and_hms_opt(7, 0, 0)
            .unwrap();
        crate::print::changes::publish(&mut store, at).unwrap();
        let gone = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.kind == SessionKind::Panel)
            .unwrap();
        crate::edit::sessions::delete_session(&mut store, gone.id).unwrap();
        let day = gone.start.unwrap().date();
        let changes = crate::print::changes::since(&store, 1).unwrap();
        let sheet = |day: NaiveDate| {
            build(
                &store,
                &PrintRequest {
                    day: Some(day),
                    changes_since: Some(1),
                    ..PrintRequest::new(DocKind::Programme)
                },
                String::new(),
                &changes,
            )
            .unwrap()
        };
        let doc = sheet(day);
        assert_eq!(doc.changes.len(), 1, "{:?}", doc.changes);
        assert!(doc.changes[0].ends_with("removed (was Mon 18 Nov 10:45–12:30, Plenary Hall)"));
        let Body::Programme { days } = &doc.body else {
            panic!("a programme")
        };
        let order: Vec<(String, bool)> = days[0]
            .blocks
            .iter()
            .flat_map(|b| b.clone().into_sessions())
            .map(|s| (s.time, s.struck))
            .collect();
        let at = order.iter().position(|(_, struck)| *struck).unwrap();
        assert_eq!(order[at].0, "10:45–12:30");
        assert_eq!(order[at - 1].0, "10:15–10:45", "after the coffee break");
        let ghost = days[0]
            .blocks
            .iter()
            .find_map(|b| match b {
                ProgBlock::Session { session } if session.struck => Some(session),
                _ => None,
            })
            .unwrap();
        assert_eq!(
            (
                ghost.title.as_str(),
                ghost.mark.as_deref(),
                ghost.change.as_str()
            ),
            (gone.title.as_str(), Some("removed"), "Removed")
        );
        let next = sheet(day.succ_opt().unwrap());
        assert_eq!(next.changes_title, "No changes since version 1");
        assert!(!json(&next).contains("\"struck\""));
    }

    /// A cancelled session keeps its place in the programme, marked so the
    /// layout strikes it through and says "Cancelled"; the others are not.
    #[test]
    fn a_cancelled_session_keeps_its_place_marked_cancelled() {
        let mut store = sample::sample_in_memory().unwrap();
        let panel = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.kind == SessionKind::Panel)
            .unwrap();
        let day = panel.start.unwrap().date();
        let sheet = |store: &Store| {
            build(
                store,
                &PrintRequest {
                    day: Some(day),
                    ..PrintRequest::new(DocKind::Programme)
                },
                String::new(),
                &Changes::default(),
            )
            .unwrap()
        };
        assert!(!json(&sheet(&store)).contains("\"cancelled\""));
        store.set_cancelled(panel.id, true, "cancel").unwrap();
        let doc = sheet(&store);
        let Body::Programme { days } = &doc.body else {
            panic!("a programme")
        };
        let marked: Vec<(String, bool)> = days[0]
            .blocks
            .iter()
            .flat_map(|b| b.clone().into_sessions())
            .filter(|s| s.cancelled)
            .map(|s| (s.title, s.struck))
            .collect();
        assert_eq!(marked, [(panel.title.clone(), false)]);
        // The day at a glance and the door sheets mark it too.
        for kind in [DocKind::Glance, DocKind::Doors] {
            let doc = build(
                &store,
                &PrintRequest {
                    day: Some(day),
                    ..PrintRequest::new(kind)
                },
                String::new(),
                &Changes::default(),
            )
            .unwrap();
            assert_eq!(
                json(&doc).matches("\"cancelled\": true").count(),
                1,
                "{kind:?}"
            );
        }
    }

    /// A day emptied since the version still prints, with its sessions
    /// struck through where they were.
    #[test]
    fn a_day_whose_sessions_all_went_prints_their_places_struck_through() {
        let mut store = sample::sample_in_memory().unwrap();
        let first = store.plan().unwrap().first_day;
        let at = first.and_hms_opt(7, 0, 0).unwrap();
        crate::print::changes::publish(&mut store, at).unwrap();
        let gone: Vec<Session> = store
            .sessions()
            .unwrap()
            .into_iter()
            .filter(|s| s.start.is_some_and(|t| t.date() == first))
            .collect();
        assert!(gone.len() > 2);
        for s in &gone {
            crate::edit::sessions::delete_session(&mut store, s.id).unwrap();
        }
        let changes = crate::print::changes::since(&store, 1).unwrap();
        for day in [Some(first), None] {
            let doc = build(
                &store,
                &PrintRequest {
                    day,
                    changes_since: Some(1),
                    ..PrintRequest::new(DocKind::Programme)
                },
                String::new(),
                &changes,
            )
            .unwrap();
            let Body::Programme { days } = &doc.body else {
                panic!("a programme")
            };
            assert_eq!(days[0].heading, long_day(first), "{day:?}");
            let struck: Vec<String> = days[0]
                .blocks
                .iter()
                .flat_map(|b| b.clone().into_sessions())
                .filter(|s| s.struck)
                .map(|s| s.title)
                .collect();
            assert_eq!(struck.len(), gone.len(), "{day:?}: {struck:?}");
        }
    }

    #[test]
    fn an_organisation_is_addressed_with_the_when_its_name_reads_so() {
        use OrgCategory as C;
        let table = [
            (
                "International Labour Organization",
                C::InternationalOrganisation,
                true,
            ),
            ("The Asia Foundation", C::CivilSociety, false),
            ("A21", C::CivilSociety, false),
            ("Australia", C::MemberState, false),
            ("United States of America", C::MemberState, false),
            ("Microsoft Corporation", C::PrivateSector, false),
            ("Stop the Traffik", C::CivilSociety, false),
            ("International Justice Mission", C::CivilSociety, true),
            ("Bali Process Regional Support Office", C::Secretariat, true),
        ];
        for (name, category, want) in table {
            let o = Organisation {
                id: 1,
                name: name.into(),
                acronym: String::new(),
                official_name: String::new(),
                category,
                country_code: None,
            };
            assert_eq!(takes_the(&o), want, "{name}");
        }
    }

    #[test]
    fn ordinals_read_as_words_are_written() {
        let table = [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (11, "11th"),
            (12, "12th"),
            (13, "13th"),
            (21, "21st"),
            (22, "22nd"),
            (101, "101st"),
            (111, "111th"),
        ];
        for (n, want) in table {
            assert_eq!(ordinal(n), want);
        }
    }

    #[test]
    fn roles_are_grouped_by_type_when_the_plan_asks() {
        use RoleKind as R;
        let (mut store, session) = opening_with_roles(&[
            (R::CoChair, Some(1)),
            (R::Speaker, Some(0)),
            (R::CoChair, None),
        ]);
        let plan = store.plan().unwrap();
        let form = crate::forms::PlanForm {
            group_roles: true,
            ..crate::forms::PlanForm::from(&plan)
        };
        crate::edit::plan::update_plan(&mut store, &form).unwrap();
        let printed: Vec<String> = programme_session(&store, session.id)
            .roles
            .iter()
            .map(|r| format!("{}: {}", r.label, r.names.join("; ")))
            .collect();
        assert_eq!(
            printed,
            [
                "Co-Chairs: Mr Tri Tharyat (Indonesia); Representative of the International Organization for Migration (IOM)",
                "Speaker: Ms Lynn Bell (Australia)",
            ]
        );
        let agenda = agenda::agenda(&store, None).unwrap();
        let entry = agenda
            .days
            .iter()
            .flat_map(|d| &d.sessions)
            .find(|s| s.session.id == session.id)
            .unwrap();
        assert_eq!(entry.role_groups.len(), 2);
    }

    #[test]
    fn a_session_without_a_time_prints_under_its_day_after_the_timed_ones() {
        let (mut store, session) = opening_with_roles(&[(RoleKind::Speaker, Some(0))]);
        let day = session.start.unwrap().date();
        let session = edit_session(&mut store, &session, |f| {
            f.start_time.clear();
            f.end_time.clear();
        });
        assert!(session.is_day_only());
        let unscheduled_before = agenda::overview(&store).unwrap().unscheduled_count;

        // The agenda: under its day, last, and not unscheduled.
        for scope in [None, Some(day)] {
            let a = agenda::agenda(&store, scope).unwrap();
            let on_day = &a.days.iter().find(|d| d.date == day).unwrap().sessions;
            assert_eq!(on_day.last().unwrap().session.id, session.id, "{scope:?}");
            assert!(a.unscheduled.iter().all(|s| s.session.id != session.id));
            assert_eq!(on_day.last().unwrap().role_groups.len(), 1);
        }
        let ov = agenda::overview(&store).unwrap();
        assert_eq!(ov.day_only_count, 1);
        assert_eq!(ov.unscheduled_count, unscheduled_before);

        // The printed programme, the whole week or the one day.
        for req_day in [None, Some(day)] {
            let doc = build(
                &store,
                &PrintRequest {
                    day: req_day,
                    ..PrintRequest::new(DocKind::Programme)
                },
                String::new(),
                &Changes::default(),
            )
            .unwrap();
            let Body::Programme { days } = doc.body else {
                panic!("a programme")
            };
            let d = days.iter().find(|d| d.heading == long_day(day)).unwrap();
            let Some(ProgBlock::Session { session: last }) = d.blocks.last() else {
                panic!("the day ends with the untimed session")
            };
            assert_eq!(
                (last.title.as_str(), last.time.as_str()),
                (session.title.as_str(), "Time to be confirmed"),
                "{req_day:?}"
            );
            assert_eq!(last.roles.len(), 1);
        }

        // The speaker's briefing and itinerary.
        let b = briefing_of(
            &store,
            &PrintRequest::new(DocKind::Speakers),
            "Lynn Bell",
            &session.title,
        );
        assert_eq!(
            b.when,
            format!("{}, time to be confirmed", day.format("%a %-d %b"))
        );
        let bell = store.session_roles(session.id).unwrap()[0]
            .person_id
            .unwrap();
        let trip = crate::attendees::lookup::itinerary(&store, bell).unwrap();
        let entry = trip.iter().find(|e| e.session.id == session.id).unwrap();
        assert_eq!(entry.session.day, Some(day));
        let text = crate::text::lists::itinerary("Ms Lynn Bell", &trip);
        assert!(
            text.contains(&format!(
                "{}, time to be confirmed  Speaker  {}",
                day.format("%a %-d %b"),
                session.title
            )),
            "{text}"
        );
        let shown = crate::text::render(&ov, &agenda::agenda(&store, None).unwrap());
        let line = shown.lines().find(|l| l.ends_with(&session.title)).unwrap();
        assert!(line.starts_with("  Time to be confirmed  "), "{line}");

        // Dropped on a time (the calendar's move), it has times and no day.
        let at = day.and_hms_opt(16, 0, 0).unwrap();
        let moved = crate::planner::move_session(&mut store, session.id, at, None).unwrap();
        assert_eq!((moved.start, moved.day), (Some(at), None));
        assert_eq!(agenda::overview(&store).unwrap().day_only_count, 0);
    }

    #[test]
    fn what_is_to_be_confirmed_is_marked_tbc_unless_asked_otherwise() {
        use RoleKind as R;
        use RolePresence as P;
        let (mut store, session) = opening_with_marked_roles(&[
            (R::CoChair, Some(1), true, P::InPerson),
            (R::Speaker, Some(0), false, P::Virtual),
        ]);
        let session = edit_session(&mut store, &session, |f| {
            f.tentative = true;
            f.link = "https://webcast.example.org/opening".into();
        });
        let print = |mark_tbc: bool| {
            let req = PrintRequest {
                mark_tbc,
                positions: false,
                ..PrintRequest::new(DocKind::Programme)
            };
            let doc = build(&store, &req, String::new(), &Changes::default()).unwrap();
            let Body::Programme { days } = doc.body else {
                panic!("a programme")
            };
            days.into_iter()
                .flat_map(|d| d.blocks)
                .find_map(|b| match b {
                    ProgBlock::Session { session: s } if s.id == session.id => Some(s),
                    _ => None,
                })
                .unwrap()
        };
        type Case = (bool, bool, [&'static str; 2], &'static str, &'static str);
        let cases: [Case; 2] = [
            (
                true,
                true,
                [
                    "Co-Chair: Mr Tri Tharyat (Indonesia) (tbc)",
                    "Speaker: Ms Lynn Bell (Australia) (virtual)",
                ],
                "Co-Chair (tbc)",
                "Speaker, virtual",
            ),
            (
                false,
                false,
                [
                    "Co-Chair: Mr Tri Tharyat (Indonesia)",
                    "Speaker: Ms Lynn Bell (Australia) (virtual)",
                ],
                "Co-Chair",
                "Speaker, virtual",
            ),
        ];
        for (mark, tbc, roles, chair_role, speaker_role) in cases {
            let s = print(mark);
            assert_eq!(s.tbc, tbc, "{mark}");
            assert_eq!(s.link, "https://webcast.example.org/opening");
            let lines: Vec<String> = s
                .roles
                .iter()
                .map(|r| format!("{}: {}", r.label, r.names.join("; ")))
                .collect();
            assert_eq!(lines, roles, "{mark}");
            let req = PrintRequest {
                mark_tbc: mark,
                ..PrintRequest::new(DocKind::Speakers)
            };
            let chair = briefing_of(&store, &req, "Tri Tharyat", &session.title);
            assert_eq!((chair.role.as_str(), chair.tbc), (chair_role, tbc));
            assert_eq!(chair.fellows, [roles[1]]);
            let speaker = briefing_of(&store, &req, "Lynn Bell", &session.title);
            assert_eq!(speaker.role, speaker_role);
            assert_eq!(speaker.lead, [roles[0]]);
        }
        // The agenda and `plenary show` always mark them.
        let agenda = agenda::agenda(&store, None).unwrap();
        let shown = crate::text::render(&agenda::overview(&store).unwrap(), &agenda);
        for want in [
            format!("{} (tbc)", session.title),
            "Co-Chair: Mr Tri Tharyat (Indonesia) (tbc)".into(),
            "Speaker: Ms Lynn Bell (Australia) (virtual)".into(),
            "Link: https://webcast.example.org/opening".into(),
        ] {
            assert!(shown.contains(&want), "{want} in {shown}");
        }
    }

    #[test]
    fn a_session_of_another_kind_shows_no_kind() {
        let table = [
            (SessionKind::Other, ""),
            (SessionKind::Opening, "Opening"),
            (SessionKind::Closing, "Closing"),
        ];
        for (kind, want) in table {
            let (mut store, session) = opening_with_roles(&[]);
            let form = crate::forms::SessionForm {
                kind,
                ..crate::forms::SessionForm::from(&session)
            };
            crate::edit::sessions::update_session(&mut store, session.id, &form).unwrap();
            assert_eq!(programme_session(&store, session.id).kind, want, "{kind:?}");
            let agenda = agenda::agenda(&store, None).unwrap();
            let text = crate::text::render(&agenda::overview(&store).unwrap(), &agenda);
            let lines: Vec<&str> = text.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.ends_with(&session.title))
                .unwrap();
            let facts = lines[at + 1].trim();
            assert!(!facts.starts_with("Other"), "{kind:?}: {facts}");
            if !want.is_empty() {
                assert!(facts.starts_with(want), "{kind:?}: {facts}");
            }
        }
    }

    fn cards_of(req: &PrintRequest) -> (Vec<Card>, bool) {
        match build_sample(req).body {
            Body::Namecards { cards, uniform } => (cards, uniform),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn name_cards_take_one_size_unless_each_is_fitted() {
        let (_, uniform) = cards_of(&PrintRequest::new(DocKind::Namecards));
        assert!(uniform, "one size for every card by default");
        let (_, uniform) = cards_of(&PrintRequest {
            fit_each: true,
            ..PrintRequest::new(DocKind::Namecards)
        });
        assert!(!uniform);
    }

    #[test]
    fn name_cards_print_acronyms_when_asked_but_states_keep_their_name() {
        let names = |req: &PrintRequest| -> Vec<String> {
            cards_of(req).0.into_iter().map(|c| c.name).collect()
        };
        let plain = names(&PrintRequest::new(DocKind::Namecards));
        assert!(plain.contains(&"International Organization for Migration".to_string()));
        assert!(plain.contains(&"United States of America".to_string()));
        let short = names(&PrintRequest {
            acronyms: true,
            ..PrintRequest::new(DocKind::Namecards)
        });
        assert_eq!(short.len(), plain.len());
        for org in [
            "IOM",
            "ILO",
            "UNHCR",
            "United States of America",
            "United Arab Emirates",
        ] {
            assert!(short.contains(&org.to_string()), "{org}: {short:?}");
        }
        assert!(!short.iter().any(|n| n == "USA" || n == "UAE"), "{short:?}");
        assert!(!short.contains(&"International Organization for Migration".to_string()));

        // A person's card names the delegation the same way.
        let mut store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].id;
        let iom = store
            .organisations()
            .unwrap()
            .into_iter()
            .find(|o| o.acronym == "IOM")
            .unwrap();
        let person = crate::edit::people::create_person(
            &mut store,
            &crate::forms::PersonForm {
                honorific: "Ms".into(),
                given_name: "Amy".into(),
                family_name: "Pope".into(),
                organisation_id: Some(iom.id),
                ..Default::default()
            },
        )
        .unwrap();
        crate::edit::attendance::set_registration(
            &mut store,
            event,
            person.id,
            Some(RegistrationStatus::Confirmed),
            "",
        )
        .unwrap();
        let details = |acronyms: bool| -> Vec<String> {
            let req = PrintRequest {
                per_person: true,
                acronyms,
                ..PrintRequest::new(DocKind::Namecards)
            };
            match build(&store, &req, String::new(), &Changes::default())
                .unwrap()
                .body
            {
                Body::Namecards { cards, .. } => cards.into_iter().map(|c| c.detail).collect(),
                other => panic!("{other:?}"),
            }
        };
        assert!(details(false).contains(&"International Organization for Migration".to_string()));
        let short = details(true);
        assert!(short.contains(&"IOM".to_string()), "{short:?}");
        assert!(short.contains(&"Australia".to_string()), "{short:?}");
    }

    #[test]
    fn the_heading_names_the_day_s_co_chairs_with_their_designation() {
        let mut store = sample::sample_in_memory().unwrap();
        let events = store.events().unwrap();
        let annual = events[1].clone();
        let (tue, wed) = (
            annual.first_day,
            annual.first_day + chrono::Duration::days(1),
        );
        // The annual meeting runs on into Wednesday, with a co-chair for each day.
        crate::edit::events::update_event(
            &mut store,
            annual.id,
            &crate::forms::EventForm {
                last_day: wed.to_string(),
                ..crate::forms::EventForm::from(&annual)
            },
        )
        .unwrap();
        let person = |name: &str| {
            store
                .people()
                .unwrap()
                .into_iter()
                .find(|p| p.display_name() == name)
                .unwrap()
        };
        let (bell, tharyat) = (person("Ms Lynn Bell"), person("Mr Tri Tharyat"));
        let entry = |p: &Person, label: &str, day| crate::store::CochairEntry {
            organisation_id: p.organisation_id.unwrap(),
            person_id: Some(p.id),
            role_label: label.into(),
            day,
        };
        crate::edit::delegations::set_cochairs(
            &mut store,
            annual.id,
            &[
                entry(&bell, "Senior Official Co-Chair", Some(tue)),
                entry(&tharyat, "Senior Official Co-Chair", Some(wed)),
            ],
        )
        .unwrap();
        let heading = |day: Option<NaiveDate>, event: Option<Id>| {
            build(
                &store,
                &PrintRequest {
                    day,
                    event_id: event,
                    ..PrintRequest::new(DocKind::Programme)
                },
                String::new(),
                &Changes::default(),
            )
            .unwrap()
            .heading
        };
        let bell_line = "Ms Lynn Bell, Senior Official Co-Chair (Australia)";
        let tharyat_line = "Mr Tri Tharyat, Senior Official Co-Chair (Indonesia)";
        let table: &[(Option<NaiveDate>, Option<Id>, &[&str])] = &[
            (Some(tue), Some(annual.id), &[bell_line]),
            (Some(wed), Some(annual.id), &[tharyat_line]),
            (
                None,
                Some(annual.id),
                &[
                    "Ms Lynn Bell, Senior Official Co-Chair (Australia), 19 November",
                    "Mr Tri Tharyat, Senior Official Co-Chair (Indonesia), 20 November",
                ],
            ),
        ];
        for (day, event, want) in table {
            assert_eq!(heading(*day, *event).cochairs, *want, "{day:?} {event:?}");
        }
        // The Monday sheet of the whole week has only Monday's meeting's co-chairs.
        let monday = heading(Some(events[0].first_day), None);
        assert_eq!(
            monday.cochairs,
            heading(Some(events[0].first_day), Some(events[0].id)).cochairs
        );
        // Wednesday's sheet has two meetings: each with that day's co-chairs.
        let wednesday = heading(Some(wed), None);
        let titles: Vec<&str> = wednesday
            .meetings
            .iter()
            .map(|m| m.title.as_str())
            .collect();
        assert_eq!(titles, [annual.title.as_str(), events[2].title.as_str()]);
        assert_eq!(wednesday.meetings[0].cochairs, [tharyat_line]);
        assert_eq!(wednesday.meetings[0].dates, "");
        assert!(wednesday.cochairs.is_empty());
        // The week names each meeting in full, with its dates and co-chairs.
        let week = heading(None, None);
        assert_eq!(week.meetings.len(), events.len());
        assert_eq!(week.meetings[1].title, annual.title);
        assert_eq!(week.meetings[1].dates, day_span(tue, wed));
        assert_eq!(week.meetings[1].cochairs, table[2].2);
        assert!(heading(None, Some(annual.id)).meetings.is_empty());
    }

    /// Who co-hosts one session prints with it, and in the heading of its
    /// day's sheet, not of other days'.
    #[test]
    fn a_session_s_own_co_host_prints_with_it_and_heads_its_day() {
        let mut store = sample::sample_in_memory().unwrap();
        let annual = store.events().unwrap()[1].clone();
        let panel = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.event_id == annual.id && s.kind == SessionKind::Presentation)
            .unwrap();
        let iom = store
            .organisations()
            .unwrap()
            .into_iter()
            .find(|o| o.acronym == "IOM")
            .unwrap();
        crate::edit::delegations::set_cohosts(&mut store, annual.id, Some(panel.id), &[iom.id])
            .unwrap();
        let sheet = |day: NaiveDate| {
            build(
                &store,
                &PrintRequest {
                    day: Some(day),
                    ..PrintRequest::new(DocKind::Programme)
                },
                String::new(),
                &Changes::default(),
            )
            .unwrap()
        };
        let day = panel.start.unwrap().date();
        let doc = sheet(day);
        let line = format!(
            "International Organization for Migration (IOM) (“{}”)",
            panel.title
        );
        assert!(
            doc.heading.cohosts.contains(&line),
            "{:?}",
            doc.heading.cohosts
        );
        let Body::Programme { days } = &doc.body else {
            panic!("a programme")
        };
        let printed = days
            .iter()
            .flat_map(|d| d.blocks.clone())
            .flat_map(ProgBlock::into_sessions)
            .find(|s| s.id == panel.id)
            .unwrap();
        assert_eq!(
            printed.cohosts,
            ["International Organization for Migration (IOM)"]
        );
        let other = sheet(day.pred_opt().unwrap());
        assert!(!other.heading.cohosts.contains(&line));
    }

    #[test]
    fn options_leave_out_descriptions_and_positions_and_head_the_sheet() {
        let store = sample::sample_in_memory().unwrap();
        let opening = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.title == "Opening remarks by the Senior Official Co-Chairs")
            .unwrap();
        let print = |req: PrintRequest| {
            let doc = build(&store, &req, String::new(), &Changes::default()).unwrap();
            let Body::Programme { days } = doc.body.clone() else {
                panic!("a programme")
            };
            let s = days
                .into_iter()
                .flat_map(|d| d.blocks)
                .flat_map(ProgBlock::into_sessions)
                .find(|s| s.id == opening.id)
                .unwrap();
            (doc.heading, s)
        };
        let (head, full) = print(PrintRequest::new(DocKind::Programme));
        assert!(!full.description.is_empty());
        assert_eq!(
            full.roles[0].names[0],
            "Ms Lynn Bell, Australian Ambassador to Counter Modern Slavery, People Smuggling and Human Trafficking (Australia)"
        );
        assert_eq!((head.status.as_str(), head.issued.as_str()), ("", ""));
        assert_eq!(head.notice, "");
        let (head, bare) = print(PrintRequest {
            descriptions: false,
            positions: false,
            status: " Rev.1 ".into(),
            issued: NaiveDate::from_ymd_opt(2024, 11, 15),
            variant: Variant::Internal,
            ..PrintRequest::new(DocKind::Programme)
        });
        assert_eq!(bare.description, "");
        assert_eq!(bare.roles[0].names[0], "Ms Lynn Bell (Australia)");
        assert_eq!(head.status, "Rev.1");
        assert_eq!(head.issued, "Issued 15 November 2024");
        assert_eq!(head.notice, "Internal — not for distribution");
        let err = build(
            &store,
            &PrintRequest {
                status: "x".repeat(81),
                ..PrintRequest::new(DocKind::Programme)
            },
            String::new(),
            &Changes::default(),
        )
        .unwrap_err();
        assert_eq!(err.code(), Invalid);
    }

    #[test]
    fn an_organisation_without_a_speaker_prints_as_its_representative() {
        let org = |name: &str, acronym: &str, category| Organisation {
            id: 1,
            name: name.into(),
            acronym: acronym.into(),
            official_name: String::new(),
            category,
            country_code: None,
        };
        use OrgCategory as C;
        let table = [
            (
                org(
                    "International Labour Organization",
                    "ILO",
                    C::InternationalOrganisation,
                ),
                "Representative of the International Labour Organization (ILO)",
            ),
            (
                org("Australia", "", C::MemberState),
                "Representative of Australia",
            ),
            (org("Meta", "", C::PrivateSector), "Representative of Meta"),
            (
                org("International Justice Mission", "IJM", C::CivilSociety),
                "Representative of the International Justice Mission (IJM)",
            ),
            (
                org("UNICEF", "UNICEF", C::InternationalOrganisation),
                "Representative of UNICEF",
            ),
            (
                org("The Asia Foundation", "TAF", C::CivilSociety),
                "Representative of The Asia Foundation (TAF)",
            ),
        ];
        for (o, want) in table {
            assert_eq!(representative_of(&o), want);
        }
        // Several side by side are one line.
        let joined = |named: &[&str]| {
            let mut named: Vec<String> = named.iter().map(|n| n.to_string()).collect();
            let mut out = vec!["Ms A".to_string()];
            representatives(&mut named, &mut out);
            assert!(named.is_empty());
            out
        };
        assert_eq!(joined(&[]), ["Ms A"]);
        assert_eq!(joined(&["Fiji"]), ["Ms A", "Representative of Fiji"]);
        assert_eq!(
            joined(&["Fiji", "Nauru", "the ILO"]),
            ["Ms A", "Representatives of Fiji, Nauru and the ILO"]
        );
    }

    /// A timed session for `grouped`: room, from, to, and whether it is a break.
    type Row = (&'static str, (u32, u32), (u32, u32), bool);

    /// The blocks of the sessions given, read back as "one 1", "pause 2" or
    /// "parallel 10:30–12:00 R1[3] R2[4]".
    fn grouped(rows: &[Row]) -> Vec<String> {
        let t = |(h, m): (u32, u32)| {
            NaiveDate::from_ymd_opt(2024, 11, 19)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        let s = |id: Id, room: &str| ProgSession {
            id,
            time: String::new(),
            title: format!("S{id}"),
            item: String::new(),
            room: room.into(),
            event: String::new(),
            kind: String::new(),
            tbc: false,
            link: String::new(),
            roles: Vec::new(),
            description: String::new(),
            mark: None,
            change: String::new(),
            struck: false,
            cancelled: false,
            cohosts: Vec::new(),
            notes: String::new(),
            room_notes: String::new(),
            speaking: Vec::new(),
            speaking_budget: String::new(),
        };
        let sessions = rows
            .iter()
            .enumerate()
            .map(|(i, r)| s(i as Id + 1, r.0))
            .collect();
        let spans: Vec<_> = rows.iter().map(|r| (t(r.1), t(r.2))).collect();
        let pauses: Vec<bool> = rows.iter().map(|r| r.3).collect();
        blocks(sessions, &spans, &pauses)
            .iter()
            .map(|b| match b {
                ProgBlock::Session { session } => format!("one {}", session.id),
                ProgBlock::Pause { session } => format!("pause {}", session.id),
                ProgBlock::Parallel { time, columns } => {
                    let cols: Vec<String> = columns
                        .iter()
                        .map(|c| {
                            let ids: Vec<String> =
                                c.sessions.iter().map(|s| s.id.to_string()).collect();
                            format!("{}[{}]", c.room, ids.join(","))
                        })
                        .collect();
                    format!("parallel {time} {}", cols.join(" "))
                }
            })
            .collect()
    }

    #[test]
    fn parallel_blocks_are_sessions_that_run_at_one_moment_in_room_columns() {
        let table: &[(&str, &[Row], &[&str])] = &[
            (
                "half-open: a 10:00 end and a 10:00 start do not overlap",
                &[
                    ("R1", (9, 0), (10, 0), false),
                    ("R1", (10, 0), (10, 30), true),
                    ("R1", (10, 30), (12, 0), false),
                    ("R2", (11, 0), (11, 30), false),
                    ("R1", (12, 0), (13, 0), false),
                ],
                &[
                    "one 1",
                    "pause 2",
                    "parallel 10:30–12:00 R1[3] R2[4]",
                    "one 5",
                ],
            ),
            (
                "a chain of overlaps is not one block: C never runs with A",
                &[
                    ("A", (9, 0), (10, 0), false),
                    ("B", (9, 30), (11, 0), false),
                    ("C", (10, 30), (12, 0), false),
                ],
                &["parallel 09:00–11:00 A[1] B[2]", "one 3"],
            ),
            (
                "three at once, a column each, in the order the rooms come",
                &[
                    ("Hall", (14, 0), (15, 30), false),
                    ("Annex", (14, 0), (15, 0), false),
                    ("Salon", (14, 15), (15, 0), false),
                ],
                &["parallel 14:00–15:30 Hall[1] Annex[2] Salon[3]"],
            ),
            (
                "two in one room at once share its column",
                &[
                    ("Hall", (9, 0), (10, 0), false),
                    ("Hall", (9, 0), (10, 0), false),
                    ("Annex", (9, 30), (10, 0), false),
                ],
                &["parallel 09:00–10:00 Hall[1,2] Annex[3]"],
            ),
            (
                "a long plenary and the short side events after the first",
                &[
                    ("Hall", (9, 0), (12, 0), false),
                    ("Annex", (9, 0), (10, 0), false),
                    ("Annex", (10, 0), (11, 0), false),
                    ("", (11, 0), (12, 0), true),
                ],
                &["parallel 09:00–12:00 Hall[1] Annex[2]", "one 3", "pause 4"],
            ),
            ("nothing", &[], &[]),
        ];
        for (what, rows, want) in table {
            assert_eq!(grouped(rows), *want, "{what}");
        }
    }

    #[test]
    fn a_day_outside_the_plan_or_event_is_refused_in_words() {
        let store = sample::sample_in_memory().unwrap();
        let plan = store.plan().unwrap();
        let event = store.events().unwrap()[0].clone();
        let outside = plan.last_day.succ_opt().unwrap();
        let err = build(
            &store,
            &PrintRequest {
                day: Some(outside),
                ..PrintRequest::new(DocKind::Programme)
            },
            String::new(),
            &Changes::default(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("day: "), "{err}");
        let other_day = event.last_day.succ_opt().unwrap();
        let err = build(
            &store,
            &PrintRequest {
                day: Some(other_day),
                event_id: Some(event.id),
                ..PrintRequest::new(DocKind::Programme)
            },
            String::new(),
            &Changes::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("does not run on"), "{err}");
    }

    /// A session with a start and no end, and speaking turns of absurd
    /// lengths, as only a damaged file holds them: every document is still
    /// built, or refused in words, and nothing panics.
    #[test]
    fn damaged_sessions_and_turns_do_not_panic() {
        let cases = [
            "UPDATE session SET \"end\" = NULL WHERE id IN (SELECT id FROM session WHERE start IS NOT NULL LIMIT 3);",
            "INSERT INTO speaking_slot (session_id, organisation_id, minutes, position)
               SELECT s.id, o.id, 4294967295, o.id FROM session s, organisation o
               WHERE s.start IS NOT NULL AND s.kind = 'statements';",
            "INSERT INTO speaking_slot (session_id, organisation_id, minutes, position)
               SELECT s.id, o.id, 9223372036854775807, o.id FROM session s, organisation o
               WHERE s.start IS NOT NULL AND s.kind = 'statements';",
            "UPDATE session SET start = '0001-01-01 00:00:00', \"end\" = '9999-12-31 23:59:00' WHERE kind = 'statements';",
        ];
        for sql in cases {
            let (_dir, path) = sample::damaged_sample(sql);
            let Ok(store) = Store::open(&path) else {
                continue;
            };
            for kind in [
                DocKind::Programme,
                DocKind::Participants,
                DocKind::Speakers,
                DocKind::Namecards,
            ] {
                for variant in [Variant::Public, Variant::Internal] {
                    let req = PrintRequest {
                        variant,
                        ..PrintRequest::new(kind)
                    };
                    let built = build(&store, &req, String::new(), &Changes::default());
                    // Only the store may refuse what it reads; print takes what it gets.
                    if let Err(e) = built {
                        assert!(matches!(e.code(), Database | Invalid), "{kind:?}: {e}");
                    }
                }
            }
            if let Err(e) = crate::print::changes::snapshot(&store) {
                assert!(matches!(e.code(), Database | Invalid), "{e}");
            }
        }
    }
}
