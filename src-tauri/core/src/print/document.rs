//! The printed documents' intermediate form: plain data built from the
//! plan, which one Typst layout turns into the PDF and the on-screen pages.
//! Every user text stays a string here and is set as text, never as markup.

use crate::agenda::{self, role_text_marked, AgendaSession, RoleView};
use crate::error::{CoreError, Result};
use crate::forms::day_span;
use crate::model::*;
use crate::protocol;
use crate::roster;
use crate::speaking;
use crate::store::Store;
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
}

impl DocKind {
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "programme" => Some(DocKind::Programme),
            "participants" => Some(DocKind::Participants),
            "speakers" => Some(DocKind::Speakers),
            "namecards" => Some(DocKind::Namecards),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DocKind::Programme => "Programme",
            DocKind::Participants => "List of participants",
            DocKind::Speakers => "Speaker briefing",
            DocKind::Namecards => "Name cards",
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
    /// Participant list: counts by category at the end.
    pub with_counts: bool,
    /// Programme and briefings: "tbc" beside tentative sessions and roles.
    #[serde(default = "marked")]
    pub mark_tbc: bool,
}

/// What is to be confirmed is marked unless asked otherwise.
fn marked() -> bool {
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
            with_counts: true,
            mark_tbc: true,
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
    /// "Co-Chairs: Australia (Ms Lynn Bell), Indonesia (Mr Tri Tharyat)".
    pub cochairs: Vec<String>,
    pub cohosts: Vec<String>,
    /// What the document covers: "Tuesday 19 November 2024 · 10th Annual Meeting".
    pub scope: String,
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
    /// Internal variant only.
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
    /// Sessions that overlap in time, side by side.
    Parallel {
        time: String,
        sessions: Vec<ProgSession>,
    },
    /// A break or meal, on one compact line.
    Pause {
        session: ProgSession,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgDay {
    pub heading: String,
    pub blocks: Vec<ProgBlock>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub position: String,
    pub capacity: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DelegationBlock {
    pub name: String,
    pub level: String,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantGroup {
    pub heading: String,
    pub delegations: Vec<DelegationBlock>,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// The big line: a person's name, or a delegation's.
    pub name: String,
    /// The smaller line: the organisation or country; empty on a delegation card.
    pub detail: String,
    /// Font size in points, so the longest word still fits the card.
    pub size: f64,
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
    },
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

/// What the user asked for is in the plan; one-line errors otherwise.
fn check_scope(store: &Store, req: &PrintRequest) -> Result<(Plan, Option<Event>)> {
    let plan = store.plan()?;
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

fn heading(
    store: &Store,
    plan: &Plan,
    event: Option<&Event>,
    day: Option<NaiveDate>,
    kind: DocKind,
) -> Result<Heading> {
    let overview = agenda::overview(store)?;
    let events: Vec<&agenda::EventSummary> = overview
        .events
        .iter()
        .filter(|e| event.is_none_or(|x| x.id == e.event.id))
        .collect();
    // Each government once, with its co-chairs: "Australia (Ms Lynn Bell, Ms Kathryn Haigh)".
    let mut chairs: Vec<(String, Vec<String>)> = Vec::new();
    let mut cohosts: Vec<String> = Vec::new();
    for e in &events {
        for c in &e.cochairs {
            let at = match chairs.iter().position(|(o, _)| *o == c.organisation.name) {
                Some(i) => i,
                None => {
                    chairs.push((c.organisation.name.clone(), Vec::new()));
                    chairs.len() - 1
                }
            };
            if let Some(p) = &c.person {
                if !chairs[at].1.contains(p) {
                    chairs[at].1.push(p.clone());
                }
            }
        }
        for o in &e.cohosts {
            if !cohosts.contains(&o.name) {
                cohosts.push(o.name.clone());
            }
        }
    }
    let cochairs: Vec<String> = chairs
        .into_iter()
        .map(|(org, people)| {
            if people.is_empty() {
                org
            } else {
                format!("{org} ({})", people.join(", "))
            }
        })
        .collect();
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
        scope,
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

/// How a print shows a session's people: as the agenda does, with or without
/// the "(tbc)" marks of roles still to be confirmed.
fn role_lines(s: &AgendaSession, req: &PrintRequest, group_by_kind: bool) -> Vec<RoleLine> {
    let groups = if req.mark_tbc {
        agenda::role_groups(&s.roles, group_by_kind)
    } else {
        let unmarked: Vec<RoleView> = s
            .roles
            .iter()
            .map(|r| RoleView {
                text: role_text_marked(r, false),
                ..r.clone()
            })
            .collect();
        agenda::role_groups(&unmarked, group_by_kind)
    };
    groups
        .into_iter()
        .map(|g| RoleLine {
            label: g.label,
            names: g.people,
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
        roles: role_lines(s, req, group_by_kind),
        description: s.session.description.trim().to_string(),
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

/// Groups a day's sessions: a run of sessions that overlap in time is one
/// parallel block; breaks and meals that stand alone are compact lines.
pub fn blocks(
    sessions: Vec<ProgSession>,
    spans: &[(NaiveDateTime, NaiveDateTime)],
    pauses: &[bool],
) -> Vec<ProgBlock> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sessions.len() {
        let mut end = spans[i].1;
        let mut j = i + 1;
        while j < sessions.len() && spans[j].0 < end {
            end = end.max(spans[j].1);
            j += 1;
        }
        if j - i == 1 {
            let s = sessions[i].clone();
            out.push(if pauses[i] {
                ProgBlock::Pause { session: s }
            } else {
                ProgBlock::Session { session: s }
            });
        } else {
            let start = spans[i].0;
            out.push(ProgBlock::Parallel {
                time: format!("{}–{}", hm(start), hm(end)),
                sessions: sessions[i..j].to_vec(), // slice-ok: Vec of sessions
            });
        }
        i = j;
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
    let events: HashMap<Id, Event> = store.events()?.into_iter().map(|e| (e.id, e)).collect();
    let mut days = Vec::new();
    for (date, sessions) in sessions_in_scope(store, req.day, event)? {
        let mut progs = Vec::new();
        let mut spans = Vec::new();
        let mut pauses = Vec::new();
        // Sessions whose times are to be confirmed follow the timed ones.
        let mut untimed = Vec::new();
        for s in &sessions {
            let pause = matches!(s.session.kind, SessionKind::Break | SessionKind::Meal);
            let prog = || prog_session(store, s, req, grouped, &rooms, changes);
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

fn group_heading(
    status: Option<ParticipationStatus>,
    category: OrgCategory,
    first: bool,
) -> String {
    if first {
        return RoleKind::CoChair.group_label(2);
    }
    let heading = match protocol::group(status.unwrap_or(ParticipationStatus::Guest), category) {
        0 | 1 => "Members",
        2 | 3 => "Observers",
        4 => "Guests",
        5 => "International organisations",
        6 => "Intergovernmental forums and processes",
        7 => "Local authorities",
        8 => "Civil society",
        9 => "Private sector",
        10 => "Programmes, workstreams and other bodies",
        _ => "Secretariat",
    };
    heading.to_string()
}

fn participants(store: &Store, event: &Event, with_counts: bool) -> Result<Body> {
    let r = roster::roster(store, event.id)?;
    let first = roster::protocol_config(store, event.id)?.first;
    let mut groups: Vec<ParticipantGroup> = Vec::new();
    let mut counts: BTreeMap<u8, CountLine> = BTreeMap::new();
    for d in &r.delegations {
        let listed: Vec<Member> = d
            .members
            .iter()
            .filter(|m| m.registration != RegistrationStatus::Declined)
            .map(|m| Member {
                name: m.name.clone(),
                position: m.position.clone(),
                capacity: m.capacity.clone(),
            })
            .collect();
        if listed.is_empty() && d.status.is_none() {
            continue;
        }
        let heading = group_heading(
            d.status,
            d.organisation.category,
            first.contains(&d.organisation.id),
        );
        if groups.last().is_none_or(|g| g.heading != heading) {
            groups.push(ParticipantGroup {
                heading,
                delegations: Vec::new(),
            });
        }
        let cat = d.organisation.category;
        let c = counts
            .entry(OrgCategory::ALL.iter().position(|x| *x == cat).unwrap_or(0) as u8)
            .or_insert(CountLine {
                label: cat.label().into(),
                delegations: 0,
                people: 0,
            });
        c.delegations += 1;
        c.people += listed.len() as u32;
        groups
            .last_mut()
            .expect("pushed")
            .delegations
            .push(DelegationBlock {
                name: d.organisation.name.clone(),
                level: d.level.clone(),
                members: listed,
            });
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
                            .entry((r.name.to_lowercase(), pid))
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
                            .entry((org.to_lowercase(), oid))
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

/// The card's font size in points: as large as fits across the 18.6 cm
/// (about 520 pt) inside a half sheet, at about 0.6 em per character, for
/// the longest word or the first 22 characters, whichever is longer.
pub fn card_size(text: &str) -> f64 {
    let longest = text
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(1)
        .max(text.chars().count().min(22))
        .max(1) as f64;
    (520.0 / (longest * 0.6)).clamp(28.0, 110.0).floor()
}

fn namecards(store: &Store, event: &Event, per_person: bool) -> Result<Body> {
    let r = roster::roster(store, event.id)?;
    let mut cards = Vec::new();
    for d in &r.delegations {
        if per_person {
            for m in d
                .members
                .iter()
                .filter(|m| m.registration != RegistrationStatus::Declined)
            {
                cards.push(Card {
                    size: card_size(&m.name),
                    name: m.name.clone(),
                    detail: d.organisation.name.clone(),
                });
            }
        } else if d.status.is_some() {
            cards.push(Card {
                size: card_size(&d.organisation.name),
                name: d.organisation.name.clone(),
                detail: String::new(),
            });
        }
    }
    if per_person {
        for m in &r.unaffiliated {
            cards.push(Card {
                size: card_size(&m.name),
                name: m.name.clone(),
                detail: String::new(),
            });
        }
    }
    Ok(Body::Namecards { cards })
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
            (namecards(store, &e, req.per_person)?, Some(e))
        }
    };
    let day = match req.kind {
        DocKind::Programme | DocKind::Speakers => req.day,
        _ => None,
    };
    Ok(Printable {
        paper: req.paper,
        heading: heading(store, &plan, head_event.as_ref(), day, req.kind)?,
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
        sorted.sort_by_key(|n| n.to_lowercase());
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
        let Body::Namecards { cards } = &cards.body else {
            panic!()
        };
        assert!(cards
            .iter()
            .any(|c| c.name == "Ms Lynn Bell" && c.detail == "Australia"));
        let per_delegation = build_sample(&PrintRequest::new(DocKind::Namecards));
        let Body::Namecards { cards } = &per_delegation.body else {
            panic!()
        };
        assert!(cards.len() >= 17 + 9);
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
            &PrintRequest::new(DocKind::Programme),
            String::new(),
            &Changes::default(),
        )
        .unwrap();
        let Body::Programme { days } = doc.body else {
            panic!("a programme")
        };
        days.into_iter()
            .flat_map(|d| d.blocks)
            .flat_map(|b| match b {
                ProgBlock::Session { session } | ProgBlock::Pause { session } => vec![session],
                ProgBlock::Parallel { sessions, .. } => sessions,
            })
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
        assert_eq!(printed, want, "printed programme");

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
            .flat_map(|b| match b {
                ProgBlock::Session { session } | ProgBlock::Pause { session } => {
                    vec![session.clone()]
                }
                ProgBlock::Parallel { sessions, .. } => sessions.clone(),
            })
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
                "Co-Chairs: Mr Tri Tharyat (Indonesia); International Organization for Migration — co-chair TBC",
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

    #[test]
    fn card_sizes_fit_the_longest_word() {
        let table: &[(&str, f64)] = &[
            ("Fiji", 110.0),
            ("Ms Lynn Bell", 72.0),
            ("International Organization for Migration", 39.0),
            ("Supercalifragilisticexpialidociousness", 28.0),
        ];
        for (text, size) in table {
            assert_eq!(card_size(text), *size, "{text}");
        }
    }

    #[test]
    fn parallel_sessions_are_grouped_and_pauses_are_compact() {
        let t = |h: u32, m: u32| {
            NaiveDate::from_ymd_opt(2024, 11, 19)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        let s = |id: Id| ProgSession {
            id,
            time: String::new(),
            title: format!("S{id}"),
            item: String::new(),
            room: String::new(),
            event: String::new(),
            kind: String::new(),
            tbc: false,
            link: String::new(),
            roles: Vec::new(),
            description: String::new(),
            mark: None,
            change: String::new(),
            struck: false,
            notes: String::new(),
            room_notes: String::new(),
            speaking: Vec::new(),
            speaking_budget: String::new(),
        };
        let spans = [
            (t(9, 0), t(10, 0)),
            (t(10, 0), t(10, 30)),
            (t(10, 30), t(12, 0)),
            (t(11, 0), t(11, 30)),
            (t(12, 0), t(13, 0)),
        ];
        let out = blocks(
            (1..=5).map(s).collect(),
            &spans,
            &[false, true, false, false, false],
        );
        let kinds: Vec<String> = out
            .iter()
            .map(|b| match b {
                ProgBlock::Session { session } => format!("one {}", session.id),
                ProgBlock::Pause { session } => format!("pause {}", session.id),
                ProgBlock::Parallel { time, sessions } => format!(
                    "parallel {time} {:?}",
                    sessions.iter().map(|s| s.id).collect::<Vec<_>>()
                ),
            })
            .collect();
        // Half-open: 10:00 end and 10:00 start do not overlap.
        assert_eq!(
            kinds,
            vec!["one 1", "pause 2", "parallel 10:30–12:00 [3, 4]", "one 5"]
        );
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
