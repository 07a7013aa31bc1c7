//! A read programme into a plan: matched by UUID (a re-import updates what
//! the last one made), previewed, then written as one undoable step. The
//! preview and the write come from the same `plan_import`, so what the
//! preview shows is what is written.

use super::programme::*;
use crate::error::{CoreError, Result};
use crate::fold::fold;
use crate::limits::*;
use crate::model::*;
use crate::store::{
    NewEvent, NewOrganisation, NewPerson, ProgrammeWrite, RefTo, RoleWrite, SessionWrite, Store,
    UidTable,
};
use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The namespace of the UUIDs an import derives from a source's own ids.
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6a1f_37c2_5d0e_4b8a_9c41_2f5e_8b7d_0c13);

/// Which event the sessions go into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum EventChoice {
    /// The source's own events if it names them, else the plan's only
    /// event, else a new event named after the source.
    Auto,
    Existing(Id),
    /// The event with this title, made if there is none.
    Named(String),
}

/// How a type written in the source becomes a session kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct KindMapping {
    /// As the source writes it ("Talk", "workshop"); empty for "no type".
    pub source: String,
    pub kind: SessionKind,
    pub sessions: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ImportOptions {
    pub event: EventChoice,
    /// Overrides of the kind table (source type, kind).
    pub kinds: Vec<(String, SessionKind)>,
    pub skip_invalid: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            event: EventChoice::Auto,
            kinds: Vec::new(),
            skip_invalid: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SessionAction {
    Add,
    Update,
}

/// One session as the import will write it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SessionPreview {
    pub place: String,
    pub action: SessionAction,
    pub day: Option<NaiveDate>,
    /// "09:00", empty when the source gives no time.
    pub start: String,
    pub end: String,
    pub room: String,
    pub title: String,
    pub kind: SessionKind,
    /// The people, as "Moderator: Ms A; Panellists: B, C".
    pub people: String,
}

/// What an import would do (and, once written, did).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ProgrammePreview {
    pub title: String,
    /// The whole of it in one sentence: "14 sessions (12 new, 2 updated)
    /// into Annual Meeting, …".
    pub summary: String,
    /// Where the sessions go, in words: "Annual Meeting", "a new event “36C3”".
    pub event: String,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    pub added: u32,
    pub updated: u32,
    /// Sessions without a time yet (those with a day wait on it, time to be
    /// confirmed).
    pub untimed: u32,
    pub new_rooms: u32,
    pub new_people: u32,
    pub matched_people: u32,
    pub new_organisations: u32,
    pub kinds: Vec<KindMapping>,
    /// One line per bad row or element: these are left out.
    pub problems: Vec<String>,
    /// What was mapped where, duplicates, what was kept in notes.
    pub report: Vec<String>,
    /// The first sessions as they will be written (at most `SHOWN`).
    pub sessions: Vec<SessionPreview>,
}

/// How many sessions a preview lists.
pub const SHOWN: usize = 500;

/// A kind for a type as sources write it, in English and French.
pub fn guess_kind(source: &str, title: &str) -> SessionKind {
    use SessionKind as K;
    let words = |s: &str| fold(s);
    let source = words(source);
    let has = |s: &str, w: &[&str]| w.iter().any(|w| s.contains(w));
    let pick = |s: &str| -> Option<SessionKind> {
        if s.is_empty() {
            return None;
        }
        Some(
            if has(
                s,
                &[
                    "registration",
                    "inscription",
                    "enregistrement",
                    "transport",
                    "shuttle",
                    "navette",
                    "logistic",
                    "logistique",
                    "departure",
                    "depart des",
                ],
            ) {
                K::Logistics
            } else if has(s, &["opening", "ouverture", "welcome", "bienvenue"]) {
                K::Opening
            } else if has(s, &["closing", "clôture", "cloture", "concluding"]) {
                K::Closing
            } else if has(s, &["panel", "table ronde", "roundtable", "round table"]) {
                K::Panel
            } else if has(
                s,
                &[
                    "lunch",
                    "dinner",
                    "déjeuner",
                    "dejeuner",
                    "dîner",
                    "diner",
                    "reception",
                    "réception",
                    "meal",
                    "repas",
                ],
            ) {
                K::Meal
            } else if has(s, &["break", "pause", "coffee", "café", "cafe"]) {
                K::Break
            } else if has(
                s,
                &[
                    "statement",
                    "tour de table",
                    "déclaration",
                    "declaration",
                    "interventions",
                    "plenary",
                    "plénière",
                    "pleniere",
                ],
            ) {
                K::Statements
            } else if has(
                s,
                &[
                    "side event",
                    "side-event",
                    "événement parallèle",
                    "evenement parallele",
                ],
            ) {
                K::SideEvent
            } else if has(
                s,
                &[
                    "workshop",
                    "atelier",
                    "discussion",
                    "dialogue",
                    "breakout",
                    "session de travail",
                    "working session",
                ],
            ) {
                K::Discussion
            } else if has(
                s,
                &[
                    "talk",
                    "keynote",
                    "lecture",
                    "presentation",
                    "présentation",
                    "exposé",
                    "expose",
                    "briefing",
                    "lightning",
                    "podcast",
                ],
            ) {
                K::Presentation
            } else {
                return None;
            },
        )
    };
    pick(&source)
        .or_else(|| {
            pick(&words(title)).filter(|k| {
                matches!(
                    k,
                    K::Opening | K::Closing | K::Break | K::Meal | K::Logistics | K::Panel
                )
            })
        })
        .unwrap_or(K::Other)
}

fn uuid_from(parts: &[&str]) -> String {
    uuid::Uuid::new_v5(&NAMESPACE, parts.join("\u{1f}").as_bytes()).to_string()
}

/// The UUID a source's identity gives: itself when it is one, else one
/// derived from it.
fn uid_of(source: &str) -> String {
    let t = source.trim();
    if crate::store::is_uid(t) {
        t.to_ascii_lowercase()
    } else {
        uuid_from(&["uid", t])
    }
}

fn too_long(what: &str, text: &str, max: usize) -> Option<String> {
    let n = text.chars().count();
    (n > max).then(|| format!("{what} has {n} characters; at most {max} fit."))
}

/// The plan's wall clock for a time in the source's zone; `None` for a
/// time the plan's zone skips or the source's zone cannot place.
fn to_plan_clock(zone: Zone, plan_tz: Tz, t: NaiveDateTime) -> Option<NaiveDateTime> {
    match zone {
        Zone::Floating => Some(t),
        Zone::Named(tz) if tz == plan_tz => Some(t),
        Zone::Named(tz) => tz
            .from_local_datetime(&t)
            .earliest()
            .map(|i| i.with_timezone(&plan_tz).naive_local()),
        Zone::Offset(off) => off
            .from_local_datetime(&t)
            .single()
            .map(|i| i.with_timezone(&plan_tz).naive_local()),
    }
}

/// The plan's records, found by UUID or by folded name.
struct Directory {
    session_by_uid: HashMap<String, Id>,
    room_by_uid: HashMap<String, Id>,
    room_by_name: HashMap<String, Id>,
    person_by_uid: HashMap<String, Id>,
    person_by_name: HashMap<String, Id>,
    org_by_uid: HashMap<String, Id>,
    org_by_name: HashMap<String, Id>,
    event_by_uid: HashMap<String, Id>,
    event_by_title: HashMap<String, Id>,
}

fn invert(m: HashMap<Id, String>) -> HashMap<String, Id> {
    m.into_iter().map(|(id, u)| (u, id)).collect()
}

impl Directory {
    fn read(store: &Store) -> Result<Self> {
        let mut room_by_name = HashMap::new();
        for r in store.rooms()? {
            room_by_name.insert(fold(&r.name), r.id);
        }
        let mut person_by_name = HashMap::new();
        for p in store.people()? {
            person_by_name
                .entry(fold(&display_name([p.given_name.as_str(), &p.family_name])))
                .or_insert(p.id);
        }
        let mut org_by_name = HashMap::new();
        for o in store.organisations()? {
            org_by_name.entry(fold(&o.name)).or_insert(o.id);
            if !o.acronym.is_empty() {
                org_by_name.entry(fold(&o.acronym)).or_insert(o.id);
            }
        }
        let mut event_by_title = HashMap::new();
        for e in store.events()? {
            event_by_title.entry(fold(&e.title)).or_insert(e.id);
        }
        Ok(Self {
            session_by_uid: invert(store.uids(UidTable::Session)?),
            room_by_uid: invert(store.uids(UidTable::Room)?),
            room_by_name,
            person_by_uid: invert(store.uids(UidTable::Person)?),
            person_by_name,
            org_by_uid: invert(store.uids(UidTable::Organisation)?),
            org_by_name,
            event_by_uid: invert(store.uids(UidTable::Event)?),
            event_by_title,
        })
    }
}

/// What the import builds as it goes: the write, and the names of what it
/// adds so that the same room or person is added once.
struct Builder<'a> {
    dir: Directory,
    write: ProgrammeWrite,
    new_rooms: HashMap<String, usize>,
    new_orgs: HashMap<String, usize>,
    new_people: HashMap<String, usize>,
    matched_people: HashSet<Id>,
    taken_uids: HashSet<String>,
    programme: &'a Programme,
}

impl Builder<'_> {
    fn room(&mut self, name: &str) -> RefTo {
        let key = fold(name.trim());
        if let Some(uid) = self
            .programme
            .rooms
            .iter()
            .find(|r| fold(&r.name) == key)
            .and_then(|r| r.uid.as_deref())
        {
            if let Some(&id) = self.dir.room_by_uid.get(&uid_of(uid)) {
                return RefTo::Existing(id);
            }
        }
        if let Some(&id) = self.dir.room_by_name.get(&key) {
            return RefTo::Existing(id);
        }
        if let Some(&i) = self.new_rooms.get(&key) {
            return RefTo::New(i);
        }
        let uid = self
            .programme
            .rooms
            .iter()
            .find(|r| fold(&r.name) == key)
            .and_then(|r| r.uid.as_deref())
            .map(uid_of)
            .unwrap_or_else(|| uuid_from(&["room", &key]));
        let uid = self.fresh(uid);
        self.write.rooms.push((name.trim().to_string(), uid));
        self.new_rooms.insert(key, self.write.rooms.len() - 1);
        RefTo::New(self.write.rooms.len() - 1)
    }

    /// A UUID no record of this import has yet.
    fn fresh(&mut self, uid: String) -> String {
        let mut candidate = uid.clone();
        let mut n = 1;
        while !self.taken_uids.insert(candidate.clone()) {
            n += 1;
            candidate = uuid_from(&[&uid, &n.to_string()]);
        }
        candidate
    }

    fn organisation(&mut self, o: &ProgrammeOrganisation) -> RefTo {
        if let Some(&id) = o
            .uid
            .as_deref()
            .and_then(|u| self.dir.org_by_uid.get(&uid_of(u)))
        {
            return RefTo::Existing(id);
        }
        let key = fold(o.name.trim());
        for k in [&key, &fold(o.acronym.trim())] {
            if k.is_empty() {
                continue;
            }
            if let Some(&id) = self.dir.org_by_name.get(k) {
                return RefTo::Existing(id);
            }
            if let Some(&i) = self.new_orgs.get(k) {
                return RefTo::New(i);
            }
        }
        let uid = o
            .uid
            .as_deref()
            .map(uid_of)
            .unwrap_or_else(|| uuid_from(&["organisation", &key]));
        let uid = self.fresh(uid);
        let name = if o.name.trim().is_empty() {
            o.acronym.trim()
        } else {
            o.name.trim()
        };
        self.write.organisations.push(NewOrganisation {
            uid,
            name: name.to_string(),
            acronym: o.acronym.trim().to_string(),
            category: OrgCategory::InternationalOrganisation,
        });
        let i = self.write.organisations.len() - 1;
        self.new_orgs.insert(key, i);
        if !o.acronym.trim().is_empty() {
            self.new_orgs.insert(fold(o.acronym.trim()), i);
        }
        RefTo::New(i)
    }

    fn person(&mut self, p: &ProgrammePerson) -> RefTo {
        if let Some(&id) = p
            .uid
            .as_deref()
            .and_then(|u| self.dir.person_by_uid.get(&uid_of(u)))
        {
            self.matched_people.insert(id);
            return RefTo::Existing(id);
        }
        let key = fold(&display_name([p.given_name.as_str(), &p.family_name]));
        let derived = p
            .uid
            .as_deref()
            .map(uid_of)
            .unwrap_or_else(|| uuid_from(&["person", &key]));
        if let Some(&id) = self
            .dir
            .person_by_uid
            .get(&derived)
            .or_else(|| self.dir.person_by_name.get(&key))
        {
            self.matched_people.insert(id);
            return RefTo::Existing(id);
        }
        if let Some(&i) = self.new_people.get(&key) {
            return RefTo::New(i);
        }
        let organisation = p.organisation.as_ref().map(|o| self.organisation(o));
        let uid = self.fresh(derived);
        self.write.people.push(NewPerson {
            uid,
            honorific: p.honorific.trim().to_string(),
            given_name: p.given_name.trim().to_string(),
            family_name: p.family_name.trim().to_string(),
            position: p.position.trim().to_string(),
            organisation,
            email: p.email.trim().to_string(),
            external_id: p.source_id.trim().to_string(),
        });
        self.new_people.insert(key, self.write.people.len() - 1);
        RefTo::New(self.write.people.len() - 1)
    }
}

/// Problems with one person's text, one sentence each.
fn person_problems(p: &ProgrammePerson) -> Vec<String> {
    [
        too_long("A name", &p.given_name, MAX_NAME),
        too_long("A name", &p.family_name, MAX_NAME),
        too_long("An honorific", &p.honorific, MAX_HONORIFIC),
        too_long("A position", &p.position, MAX_TITLE),
        too_long("An email", &p.email, MAX_EMAIL),
        too_long("A person's id", &p.source_id, MAX_EXTERNAL_ID),
        p.organisation
            .as_ref()
            .and_then(|o| too_long("An organisation", &o.name, MAX_IMPORTED_ORGANISATION)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A session's people in one line: "Moderator: Ms A; Panellists: B, C".
fn people_text(s: &ProgrammeSession) -> String {
    s.role_groups()
        .into_iter()
        .map(|(kind, roles)| {
            let names: Vec<String> = roles
                .iter()
                .map(|r| {
                    r.person
                        .as_ref()
                        .map(|p| p.full_name())
                        .or_else(|| r.organisation.as_ref().map(|o| o.name.clone()))
                        .unwrap_or_else(|| r.note.clone())
                })
                .collect();
            format!("{}: {}", kind.group_label(names.len()), names.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Builds the write and its preview: the one function behind the preview,
/// `--dry-run`, and the import itself.
pub fn plan_import(
    store: &Store,
    reading: &Reading,
    options: &ImportOptions,
) -> Result<(ProgrammeWrite, ProgrammePreview)> {
    let plan = store.plan()?;
    let plan_tz: Tz = plan
        .time_zone
        .parse()
        .map_err(|_| CoreError::invalid("time_zone", "The plan's time zone is not known."))?;
    let p = &reading.programme;
    let mut problems: Vec<String> = reading.problems.iter().map(SourceProblem::line).collect();
    let mut report = reading.report.clone();
    let mut b = Builder {
        dir: Directory::read(store)?,
        write: ProgrammeWrite::default(),
        new_rooms: HashMap::new(),
        new_orgs: HashMap::new(),
        new_people: HashMap::new(),
        matched_people: HashSet::new(),
        taken_uids: HashSet::new(),
        programme: p,
    };

    // Times first: they decide the days of a new event.
    struct Placed {
        start: Option<NaiveDateTime>,
        end: Option<NaiveDateTime>,
        day: Option<NaiveDate>,
    }
    let mut placed: Vec<Option<Placed>> = Vec::with_capacity(p.sessions.len());
    for s in &p.sessions {
        let start = s.start.map(|t| to_plan_clock(p.zone, plan_tz, t));
        let end = s.end.map(|t| to_plan_clock(p.zone, plan_tz, t));
        let (start, end) = match (start, end) {
            (Some(Some(a)), Some(Some(b))) if b > a => (Some(a), Some(b)),
            (Some(Some(_)), Some(Some(_))) => {
                problems.push(format!(
                    "{}: “{}” ends before it starts.",
                    s.place,
                    crate::store::clean(&s.title, 60)
                ));
                placed.push(None);
                continue;
            }
            (None, None) => (None, None),
            _ => {
                problems.push(format!(
                    "{}: its time cannot be placed in {}.",
                    s.place, plan.time_zone
                ));
                placed.push(None);
                continue;
            }
        };
        let day = start.map(|t| t.date()).or(s.day);
        if let Some(d) = day {
            if d < plan.first_day || d > plan.last_day {
                problems.push(format!(
                    "{}: {} is outside the plan's days ({} to {}).",
                    s.place,
                    d.format("%A %-d %B %Y"),
                    plan.first_day.format("%-d %B %Y"),
                    plan.last_day.format("%-d %B %Y")
                ));
                placed.push(None);
                continue;
            }
        }
        placed.push(Some(Placed { start, end, day }));
    }

    // The event each session goes into.
    let days: Vec<NaiveDate> = placed.iter().flatten().filter_map(|x| x.day).collect();
    let (first, last) = (
        days.iter().min().copied().unwrap_or(plan.first_day),
        days.iter().max().copied().unwrap_or(plan.last_day),
    );
    let events = store.events()?;
    let new_event =
        |b: &mut Builder, title: &str, uid: Option<&str>, e: Option<&ProgrammeEvent>| -> RefTo {
            if let Some(&id) = uid.and_then(|u| b.dir.event_by_uid.get(&uid_of(u))) {
                return RefTo::Existing(id);
            }
            if let Some(&id) = b.dir.event_by_title.get(&fold(title)) {
                return RefTo::Existing(id);
            }
            let uid = uid
                .map(uid_of)
                .unwrap_or_else(|| uuid_from(&["event", &fold(title)]));
            let uid = b.fresh(uid);
            let clamp = |d: Option<NaiveDate>, or: NaiveDate| {
                d.filter(|d| *d >= plan.first_day && *d <= plan.last_day)
                    .unwrap_or(or)
            };
            let (f, l) = (
                clamp(e.and_then(|e| e.first_day), first),
                clamp(e.and_then(|e| e.last_day), last),
            );
            b.write.events.push(NewEvent {
                uid,
                title: title.chars().take(MAX_TITLE).collect(),
                short_name: e
                    .map(|e| e.short_name.chars().take(MAX_SHORT_NAME).collect())
                    .unwrap_or_default(),
                first_day: f.min(l),
                last_day: l.max(f),
                description: e.map(|e| e.description.clone()).unwrap_or_default(),
            });
            RefTo::New(b.write.events.len() - 1)
        };
    let source_title = if p.title.trim().is_empty() {
        "Imported programme"
    } else {
        p.title.trim()
    };
    let default_event = match &options.event {
        EventChoice::Existing(id) => {
            if !events.iter().any(|e| e.id == *id) {
                return Err(CoreError::invalid(
                    "event",
                    format!("There is no event {id} in this plan."),
                ));
            }
            RefTo::Existing(*id)
        }
        EventChoice::Named(title) => new_event(&mut b, title.trim(), None, None),
        EventChoice::Auto if events.len() == 1 && p.events.is_empty() => {
            RefTo::Existing(events[0].id)
        }
        EventChoice::Auto => new_event(&mut b, source_title, p.uid.as_deref(), None),
    };
    let source_events: Vec<RefTo> = if options.event == EventChoice::Auto {
        p.events
            .iter()
            .map(|e| new_event(&mut b, e.title.trim(), e.uid.as_deref(), Some(e)))
            .collect()
    } else {
        Vec::new()
    };
    let event_words = |r: RefTo, b: &Builder| match r {
        RefTo::Existing(id) => events
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.title.clone())
            .unwrap_or_default(),
        RefTo::New(i) => format!(
            "a new event “{}”",
            b.write
                .events
                .get(i)
                .map(|e| e.title.as_str())
                .unwrap_or("")
        ),
    };

    // Kinds: the reader's own answer, else the table.
    let override_of = |source: &str| {
        options
            .kinds
            .iter()
            .find(|(s, _)| fold(s) == fold(source))
            .map(|(_, k)| *k)
    };
    let mut kinds: Vec<KindMapping> = Vec::new();

    let mut preview_rows = Vec::new();
    let (mut added, mut updated, mut untimed) = (0u32, 0u32, 0u32);
    let mut occurrences: HashMap<String, u32> = HashMap::new();
    for (s, placed) in p.sessions.iter().zip(placed) {
        let Some(placed) = placed else { continue };
        let mut bad: Vec<String> = [
            s.title
                .trim()
                .is_empty()
                .then(|| "It has no title.".to_string()),
            too_long("The title", s.title.trim(), MAX_TITLE),
            too_long("The agenda item", s.agenda_item.trim(), MAX_AGENDA_ITEM),
            too_long("The description", &s.description, MAX_TEXT),
            s.room
                .as_deref()
                .and_then(|r| too_long("The room's name", r.trim(), MAX_ROOM_NAME)),
        ]
        .into_iter()
        .flatten()
        .collect();
        for r in &s.roles {
            if let Some(person) = &r.person {
                bad.extend(person_problems(person));
            }
            if let Some(t) = too_long("A role's note", &r.note, MAX_ROLE_NOTE) {
                bad.push(t);
            }
        }
        let mut notes: Vec<String> = Vec::new();
        if !s.notes.trim().is_empty() {
            notes.push(s.notes.trim().to_string());
        }
        // The first web address a source links the session to is its link;
        // anything else it has no field for goes into the notes.
        let mut link = String::new();
        for (label, value) in &s.extras {
            let value_is_link = !value.trim().is_empty() && crate::store::is_link(value.trim());
            if link.is_empty()
                && label.eq_ignore_ascii_case("link")
                && value_is_link
                && value.trim().chars().count() <= MAX_LINK
            {
                link = value.trim().to_string();
                continue;
            }
            notes.push(format!("{label}: {value}"));
        }
        let mut roles = Vec::new();
        for r in &s.roles {
            if r.person.is_none() && r.organisation.is_none() {
                if !r.note.trim().is_empty() {
                    notes.push(format!(
                        "{} (as written): {}",
                        r.kind.label(),
                        r.note.trim()
                    ));
                }
                continue;
            }
            roles.push(r);
        }
        let notes = notes.join("\n");
        if let Some(t) = too_long("The notes", &notes, MAX_TEXT) {
            bad.push(t);
        }
        if !bad.is_empty() {
            for why in bad {
                problems.push(format!("{}: {why}", s.place));
            }
            continue;
        }

        let source_kind = s.source_kind.trim();
        let kind = override_of(source_kind)
            .or(s.kind)
            .unwrap_or_else(|| guess_kind(source_kind, &s.title));
        match kinds
            .iter_mut()
            .find(|k| fold(&k.source) == fold(source_kind))
        {
            Some(k) => k.sessions += 1,
            None => kinds.push(KindMapping {
                source: source_kind.to_string(),
                kind,
                sessions: 1,
            }),
        }
        let event = s
            .event
            .and_then(|i| source_events.get(i).copied())
            .unwrap_or(default_event);
        let uid = match s.uid.as_deref().filter(|u| !u.trim().is_empty()) {
            Some(u) => uid_of(u),
            None => {
                let day = placed.day.map(|d| d.to_string()).unwrap_or_default();
                let key = format!("{}|{day}", fold(s.title.trim()));
                let n = occurrences.entry(key.clone()).or_insert(0);
                *n += 1;
                uuid_from(&["session", &key, &n.to_string()])
            }
        };
        // A second session with the same identity in one source is added as
        // a session of its own, and said so.
        let uid = if b.taken_uids.insert(uid.clone()) {
            uid
        } else {
            report.push(format!(
                "{}: “{}” has the same id or guid as an earlier session; it was added as a session of its own.",
                s.place,
                crate::store::clean(&s.title, 60)
            ));
            b.fresh(uid)
        };
        let existing = b.dir.session_by_uid.get(&uid).copied();
        let room = s
            .room
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .map(|r| b.room(r));
        let role_writes: Vec<RoleWrite> = roles
            .iter()
            .enumerate()
            .map(|(n, r)| RoleWrite {
                uid: uuid_from(&[&uid, "role", &n.to_string()]),
                kind: r.kind,
                person: r.person.as_ref().map(|pp| b.person(pp)),
                organisation: if r.person.is_none() {
                    r.organisation.as_ref().map(|o| b.organisation(o))
                } else {
                    None
                },
                note: r.note.trim().to_string(),
            })
            .collect();
        let action = if existing.is_some() {
            SessionAction::Update
        } else {
            SessionAction::Add
        };
        match action {
            SessionAction::Add => added += 1,
            SessionAction::Update => updated += 1,
        }
        if placed.start.is_none() {
            untimed += 1;
        }
        if preview_rows.len() < SHOWN {
            preview_rows.push(SessionPreview {
                place: s.place.clone(),
                action,
                day: placed.day,
                start: placed
                    .start
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
                end: placed
                    .end
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
                room: s.room.clone().unwrap_or_default(),
                title: s.title.trim().to_string(),
                kind,
                people: people_text(s),
            });
        }
        b.write.sessions.push(SessionWrite {
            existing,
            uid,
            event,
            title: s.title.trim().to_string(),
            kind,
            start: placed.start,
            end: placed.end,
            // A day without times: the session waits on its day for them.
            day: placed.day.filter(|_| placed.start.is_none()),
            link,
            room,
            description: s.description.clone(),
            agenda_item: s.agenda_item.trim().to_string(),
            notes,
            roles: if existing.is_some() && role_writes.is_empty() {
                None
            } else {
                Some(role_writes)
            },
        });
    }
    let kept: usize = p.sessions.iter().filter(|s| !s.extras.is_empty()).count();
    if kept > 0 {
        let mut labels: Vec<&str> = p
            .sessions
            .iter()
            .flat_map(|s| s.extras.iter().map(|(l, _)| l.as_str()))
            .collect();
        labels.sort_unstable();
        labels.dedup();
        report.push(format!(
            "Kept in the notes of {kept} session{}: {}.",
            if kept == 1 { "" } else { "s" },
            labels.join(", ")
        ));
    }
    for k in &kinds {
        let source = if k.source.is_empty() {
            "(no type)"
        } else {
            k.source.as_str()
        };
        report.push(format!(
            "Type “{source}” ({}) → {}.",
            count(k.sessions as usize, "session", "sessions"),
            k.kind.label()
        ));
    }
    let event = event_words(default_event, &b);
    let (first_day, last_day) = (days.iter().min().copied(), days.iter().max().copied());
    let summary = summary_of(&Counts {
        added,
        updated,
        untimed,
        rooms: b.write.rooms.len(),
        people: b.write.people.len(),
        matched: b.matched_people.len(),
        organisations: b.write.organisations.len(),
        problems: problems.len(),
        event: &event,
        first_day,
        last_day,
    });
    let preview = ProgrammePreview {
        title: source_title.to_string(),
        summary,
        event,
        first_day,
        last_day,
        added,
        updated,
        untimed,
        new_rooms: b.write.rooms.len() as u32,
        new_people: b.write.people.len() as u32,
        matched_people: b.matched_people.len() as u32,
        new_organisations: b.write.organisations.len() as u32,
        kinds,
        problems,
        report,
        sessions: preview_rows,
    };
    Ok((b.write, preview))
}

struct Counts<'a> {
    added: u32,
    updated: u32,
    untimed: u32,
    rooms: usize,
    people: usize,
    matched: usize,
    organisations: usize,
    problems: usize,
    event: &'a str,
    first_day: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary_of(c: &Counts) -> String {
    let total = (c.added + c.updated) as usize;
    let mut out = count(total, "session", "sessions");
    if c.updated > 0 {
        out.push_str(&format!(" ({} new, {} updated)", c.added, c.updated));
    }
    out.push_str(&format!(" into {}", c.event));
    match (c.first_day, c.last_day) {
        (Some(a), Some(b)) if a == b => out.push_str(&format!(", {}", a.format("%a %-d %b %Y"))),
        (Some(a), Some(b)) => out.push_str(&format!(
            ", {} to {}",
            a.format("%a %-d %b %Y"),
            b.format("%a %-d %b %Y")
        )),
        _ => {}
    }
    let mut more = vec![
        count(c.rooms, "new room", "new rooms"),
        count(c.people, "new person", "new people"),
    ];
    if c.matched > 0 {
        more.push(format!(
            "{} already in the plan",
            count(c.matched, "person", "people")
        ));
    }
    if c.organisations > 0 {
        more.push(count(
            c.organisations,
            "new organisation",
            "new organisations",
        ));
    }
    if c.untimed > 0 {
        more.push(format!("{} without a time yet", c.untimed));
    }
    if c.problems > 0 {
        more.push(count(c.problems, "problem", "problems"));
    }
    format!("{out}; {}.", more.join(", "))
}

/// Imports a read programme into the plan as one undoable step. With
/// problems in the source nothing is written unless `skip_invalid`.
pub fn import(
    store: &mut Store,
    source_name: &str,
    reading: &Reading,
    options: &ImportOptions,
) -> Result<ProgrammePreview> {
    let (write, preview) = plan_import(store, reading, options)?;
    if !preview.problems.is_empty() && !options.skip_invalid {
        let n = preview.problems.len();
        return Err(CoreError::invalid(
            "file",
            format!(
                "{n} problem{} in {source_name} (first: {}); nothing was written.",
                if n == 1 { "" } else { "s" },
                preview.problems[0]
            ),
        ));
    }
    if write.sessions.is_empty() {
        return Err(CoreError::invalid(
            "file",
            format!("{source_name} holds no session to import; nothing was written."),
        ));
    }
    let summary = format!(
        "Imported {} session{} from {}",
        write.sessions.len(),
        if write.sessions.len() == 1 { "" } else { "s" },
        crate::store::clean(source_name, 80)
    );
    store.write_programme(&write, &summary)?;
    Ok(preview)
}

/// The header of a new plan made from a source: its title, zone and days.
/// A source without a zone (a spreadsheet) needs `zone`.
pub fn plan_header(reading: &Reading, zone: Option<Tz>) -> Result<Plan> {
    let p = &reading.programme;
    let tz = match (zone, p.zone) {
        (Some(tz), _) => tz,
        (None, Zone::Named(tz)) => tz,
        (None, Zone::Offset(off)) => fixed_zone(off.local_minus_utc()).ok_or_else(|| {
            CoreError::invalid(
                "zone",
                "The source gives only UTC offsets; give the new plan's time zone (e.g. Asia/Bangkok).",
            )
        })?,
        (None, Zone::Floating) => {
            return Err(CoreError::invalid(
                "zone",
                "The source has no time zone; give the new plan's time zone (e.g. Asia/Bangkok).",
            ))
        }
    };
    let days: Vec<NaiveDate> = p
        .sessions
        .iter()
        .filter_map(|s| {
            s.start
                .and_then(|t| to_plan_clock(p.zone, tz, t))
                .map(|t| t.date())
                .or(s.day)
        })
        .collect();
    let first = p.first_day.into_iter().chain(days.iter().copied()).min();
    let last = p.last_day.into_iter().chain(days.iter().copied()).max();
    let (Some(first), Some(last)) = (first, last) else {
        return Err(CoreError::invalid(
            "file",
            "The source gives no day for any session.",
        ));
    };
    if (last - first).num_days() >= MAX_PLAN_DAYS {
        return Err(CoreError::invalid(
            "file",
            format!(
                "The source spans {} to {}; a plan covers at most {MAX_PLAN_DAYS} days.",
                first, last
            ),
        ));
    }
    let title = if p.title.trim().is_empty() {
        "Imported programme"
    } else {
        p.title.trim()
    };
    Ok(Plan {
        check_panel_gender: false,
        title: title.chars().take(MAX_TITLE).collect(),
        convening_body: String::new(),
        venue: String::new(),
        city: String::new(),
        time_zone: tz.name().to_string(),
        first_day: first,
        last_day: last,
        day_start: chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
        day_end: chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
        notes: String::new(),
        snap_minutes: 5,
        changeover_minutes: 0,
        date_order: DateOrder::default(),
        group_roles: false,
        call_minutes: 15,
    })
}

/// A zone someone typed ("Asia/Bangkok"), or a one-line refusal.
pub fn zone_named(text: &str) -> Result<Tz> {
    text.trim().parse().map_err(|_| {
        CoreError::invalid(
            "zone",
            format!(
                "“{}” is not an IANA time zone (e.g. Asia/Bangkok, Europe/Berlin).",
                crate::store::clean(text, 60)
            ),
        )
    })
}

/// An IANA zone with a whole-hour fixed offset (`Etc/GMT-1` is UTC+1).
fn fixed_zone(seconds: i32) -> Option<Tz> {
    if seconds % 3600 != 0 {
        return None;
    }
    let hours = -seconds / 3600;
    let name = match hours {
        0 => "Etc/UTC".to_string(),
        h if h > 0 => format!("Etc/GMT+{h}"),
        h => format!("Etc/GMT{h}"),
    };
    name.parse().ok()
}

/// Makes a new plan file from a source and imports it into the plan. A
/// file at `path` is replaced only when `replace` is set (a save dialog
/// asked), and only once the source has been checked.
pub fn new_plan(
    path: &Path,
    source_name: &str,
    reading: &Reading,
    zone: Option<Tz>,
    options: &ImportOptions,
    replace: bool,
) -> Result<(Store, ProgrammePreview)> {
    let header = plan_header(reading, zone)?;
    // Check before the file exists, so a refused source leaves nothing.
    let mut probe = Store::in_memory(&header)?;
    let (_, preview) = plan_import(&probe, reading, options)?;
    if !preview.problems.is_empty() && !options.skip_invalid {
        import(&mut probe, source_name, reading, options)?;
    }
    drop(probe);
    let mut store = Store::create(path, &header, replace)?;
    let preview = match import(&mut store, source_name, reading, options) {
        Ok(p) => p,
        Err(e) => {
            drop(store);
            let _ = std::fs::remove_file(path);
            return Err(e);
        }
    };
    store.forget_history()?;
    Ok((store, preview))
}
