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
    /// A day at a glance: rooms across, time down.
    Glance,
    /// One sheet per room per day, for its door.
    Doors,
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
            fit_each: false,
            acronyms: false,
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

/// The marks for one print: per session, and a short list for the top.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub title: String,
    pub lines: Vec<String>,
    pub marks: HashMap<Id, ChangeMark>,
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
    /// Set when the programme marks changes: "new", "moved", "retimed", "changed".
    pub mark: Option<String>,
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
    /// The moderator or chair.
    pub lead: Vec<String>,
    /// Fellow panellists, presenters or speakers.
    pub fellows: Vec<String>,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Briefing {
    pub name: String,
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
    marks: &HashMap<Id, ChangeMark>,
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
        mark: marks.get(&s.session.id).map(|m| m.key().to_string()),
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
    let mut days = Vec::new();
    for (date, sessions) in sessions_in_scope(store, req.day, event)? {
        let mut progs = Vec::new();
        let mut spans = Vec::new();
        let mut pauses = Vec::new();
        // Sessions whose times are to be confirmed follow the timed ones.
        let mut untimed = Vec::new();
        for s in &sessions {
            let pause = matches!(s.session.kind, SessionKind::Break | SessionKind::Meal);
            let prog = || prog_session(store, s, req, grouped, &rooms, &changes.marks);
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
        let mut blocks = blocks(progs, &spans, &pauses);
        blocks.extend(untimed);
        days.push(ProgDay {
            heading: long_day(date),
            blocks,
        });
    }
    Ok(Body::Programme { days })
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
    let mut by_person: BTreeMap<(String, Id), Briefing> = BTreeMap::new();
    for (date, sessions) in sessions_in_scope(store, req.day, event)? {
        for s in &sessions {
            for r in &s.roles {
                let Some(pid) = r.person_id else { continue };
                let b = by_person
                    .entry((r.name.to_lowercase(), pid))
                    .or_insert_with(|| Briefing {
                        name: r.name.clone(),
                        organisation: r.organisation.clone().unwrap_or_default(),
                        sessions: Vec::new(),
                    });
                let others = s.roles.iter().filter(|o| o.person_id != Some(pid));
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
                    lead,
                    fellows,
                    description: s.session.description.trim().to_string(),
                });
            }
        }
    }
    Ok(Body::Speakers {
        briefings: by_person.into_values().collect(),
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
    };
    let day = match req.kind {
        DocKind::Programme | DocKind::Speakers | DocKind::Glance | DocKind::Doors => req.day,
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
