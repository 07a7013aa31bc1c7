//! Problems in a plan, returned as data. Pure functions over a snapshot,
//! so the UI, the CLI and tests all see the same list.

use crate::error::Result;
use crate::forms::day_span;
use crate::model::*;
use crate::store::{RoleRef, RoleRow, Store};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    EventOutsidePlan,
    SessionOutsideEvent,
    SessionOutsideHours,
    RoomDoubleBooked,
    PersonDoubleBooked,
    PanelWithoutModerator,
    EventWithoutCochairs,
    ChangeoverTooShort,
    PanelOneGender,
}

impl ConflictKind {
    /// The name stored in accepted-conflict keys; never change one.
    pub fn key(self) -> &'static str {
        match self {
            ConflictKind::EventOutsidePlan => "event_outside_plan",
            ConflictKind::SessionOutsideEvent => "session_outside_event",
            ConflictKind::SessionOutsideHours => "session_outside_hours",
            ConflictKind::RoomDoubleBooked => "room_double_booked",
            ConflictKind::PersonDoubleBooked => "person_double_booked",
            ConflictKind::PanelWithoutModerator => "panel_without_moderator",
            ConflictKind::EventWithoutCochairs => "event_without_cochairs",
            ConflictKind::ChangeoverTooShort => "changeover_too_short",
            ConflictKind::PanelOneGender => "panel_one_gender",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// One sentence naming the sessions, people or rooms and the times.
    pub message: String,
    pub session_ids: Vec<Id>,
    pub event_id: Option<Id>,
    /// Stable identity, for marking the conflict as accepted.
    pub key: String,
    /// Marked by a user as intended (e.g. a parallel side event); still listed.
    pub accepted: bool,
}

impl Conflict {
    fn new(
        kind: ConflictKind,
        message: String,
        session_ids: Vec<Id>,
        event_id: Option<Id>,
        subject: Option<Id>,
    ) -> Self {
        let mut ids = session_ids.clone();
        ids.sort_unstable();
        let key = format!(
            "{}:{}:{}:{}",
            kind.key(),
            event_id.map(|e| e.to_string()).unwrap_or_default(),
            subject.map(|s| s.to_string()).unwrap_or_default(),
            ids.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        );
        Conflict {
            kind,
            message,
            session_ids,
            event_id,
            key,
            accepted: false,
        }
    }
}

/// At most this many conflicts are listed; the rest are only counted. A
/// plan with 3,000 sessions in one room has 4.5 million pairs, which no one
/// reads and which took 2 GB to hold.
pub const MAX_LISTED: usize = 1000;

/// The plan's conflicts: the first `MAX_LISTED` in a fixed order (event
/// problems, session problems, rooms by id, people by id), and how many more
/// there are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
pub struct ConflictList {
    pub conflicts: Vec<Conflict>,
    /// Conflicts found beyond the listed ones (saturates at u32::MAX).
    pub unlisted: u32,
}

impl ConflictList {
    /// Listed and unlisted together.
    pub fn total(&self) -> u64 {
        self.conflicts.len() as u64 + u64::from(self.unlisted)
    }

    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// "and 4,498,500 more." when some are not listed.
    pub fn unlisted_sentence(&self) -> Option<String> {
        (self.unlisted > 0).then(|| format!("and {} more.", thousands(self.unlisted.into())))
    }
}

/// 4498500 as "4,498,500".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Collects conflicts up to `MAX_LISTED`, then only counts them.
#[derive(Default)]
struct Found(ConflictList);

impl Found {
    fn full(&self) -> bool {
        self.0.conflicts.len() >= MAX_LISTED
    }

    fn push(&mut self, make: impl FnOnce() -> Conflict) {
        if self.full() {
            self.count(1);
        } else {
            self.0.conflicts.push(make());
        }
    }

    fn count(&mut self, n: usize) {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        self.0.unlisted = self.0.unlisted.saturating_add(n);
    }
}

/// Everything the checks look at.
pub struct Snapshot<'a> {
    pub plan: &'a Plan,
    pub events: &'a [Event],
    pub sessions: &'a [Session],
    pub rooms: &'a [Room],
    pub roles: &'a [RoleRef],
    pub cochairs: &'a [EventCochair],
    /// A person's display name; asked only for people named in a conflict.
    pub person_name: &'a dyn Fn(Id) -> String,
    /// The gender of each person who has one recorded; read only when the
    /// plan checks panels for one gender.
    pub genders: &'a HashMap<Id, Gender>,
}

fn hm(t: NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

fn when(s: &Session) -> String {
    match (s.start, s.end) {
        (Some(a), Some(b)) => format!("{} {}–{}", a.format("%a %-d %b"), hm(a), hm(b)),
        _ => "unscheduled".into(),
    }
}

/// A booked interval and what booked it.
type Booking = (NaiveDateTime, NaiveDateTime, Id);

/// Each pair of overlapping intervals among `items` (sorted by start first)
/// becomes a conflict through `make`; once `found` is full the pairs are
/// counted without being enumerated.
fn overlapping_pairs<T: Copy>(
    items: &mut [(NaiveDateTime, NaiveDateTime, T)],
    found: &mut Found,
    mut make: impl FnMut(T, T) -> Conflict,
) {
    items.sort_by_key(|i| (i.0, i.1));
    for (i, &(_, end, a)) in items.iter().enumerate() {
        let later = items.get(i + 1..).unwrap_or_default();
        // Sorted by start, so the ones that start before `end` come first.
        let n = later.partition_point(|x| x.0 < end);
        if found.full() {
            found.count(n);
            continue;
        }
        for &(_, _, b) in later.iter().take(n) {
            found.push(|| make(a, b));
        }
    }
}

/// Every conflict in the snapshot, in a fixed order: each event's, each
/// session's, then rooms by id, then people by id.
pub fn conflicts(s: &Snapshot) -> ConflictList {
    let mut out = Found::default();
    for e in s.events {
        event_outside_plan(s.plan, e, &mut out);
        event_without_cochairs(s.cochairs, e, &mut out);
    }
    let events: HashMap<Id, &Event> = s.events.iter().map(|e| (e.id, e)).collect();
    let moderated: HashSet<Id> = s
        .roles
        .iter()
        .filter(|r| r.role == RoleKind::Moderator)
        .map(|r| r.session_id)
        .collect();
    let mut panellists: HashMap<Id, Vec<Id>> = HashMap::new();
    if s.plan.check_panel_gender {
        for r in s.roles.iter().filter(|r| panellist_role(r.role)) {
            if let Some(p) = r.person_id {
                panellists.entry(r.session_id).or_default().push(p);
            }
        }
    }
    for x in s.sessions {
        let (Some(start), Some(end)) = (x.start, x.end) else {
            continue;
        };
        if let Some(e) = events.get(&x.event_id) {
            session_outside_event(x, (start, end), e, &mut out);
        }
        session_outside_hours(s.plan, x, (start, end), &mut out);
        panel_without_moderator(x, &moderated, &mut out);
        if s.plan.check_panel_gender {
            panel_one_gender(x, &panellists, s.genders, &mut out);
        }
    }
    let sessions: HashMap<Id, &Session> = s.sessions.iter().map(|x| (x.id, x)).collect();
    rooms_double_booked(s, &sessions, &mut out);
    for (person, mut items) in bookings_by_person(s.roles, &sessions) {
        let mut name = PersonName::new(person, s.person_name);
        person_double_booked(person, &mut items, &sessions, &mut name, &mut out);
        changeover_too_short(s.plan, person, &items, &sessions, &mut name, &mut out);
    }
    out.0
}

fn event_outside_plan(plan: &Plan, e: &Event, out: &mut Found) {
    if e.first_day < plan.first_day || e.last_day > plan.last_day {
        out.push(|| {
            Conflict::new(
                ConflictKind::EventOutsidePlan,
                format!(
                    "\"{}\" ({}) is outside the plan's days ({}).",
                    e.title,
                    day_span(e.first_day, e.last_day),
                    day_span(plan.first_day, plan.last_day)
                ),
                vec![],
                Some(e.id),
                None,
            )
        });
    }
}

fn event_without_cochairs(cochairs: &[EventCochair], e: &Event, out: &mut Found) {
    if !cochairs.iter().any(|c| c.event_id == e.id) {
        out.push(|| {
            Conflict::new(
                ConflictKind::EventWithoutCochairs,
                format!("\"{}\" has no co-chairs.", e.title),
                vec![],
                Some(e.id),
                None,
            )
        });
    }
}

/// A session on a day its event does not run, or ending before it starts.
fn session_outside_event(
    x: &Session,
    (start, end): (NaiveDateTime, NaiveDateTime),
    e: &Event,
    out: &mut Found,
) {
    if start.date() < e.first_day || end.date() > e.last_day || end <= start {
        out.push(|| {
            Conflict::new(
                ConflictKind::SessionOutsideEvent,
                format!(
                    "\"{}\" ({}) is outside its event \"{}\" ({}).",
                    x.title,
                    when(x),
                    e.title,
                    day_span(e.first_day, e.last_day)
                ),
                vec![x.id],
                Some(e.id),
                None,
            )
        });
    }
}

/// A session before the day starts, after it ends, or across midnight.
fn session_outside_hours(
    plan: &Plan,
    x: &Session,
    (start, end): (NaiveDateTime, NaiveDateTime),
    out: &mut Found,
) {
    if start.time() < plan.day_start || end.time() > plan.day_end || end.date() != start.date() {
        out.push(|| {
            Conflict::new(
                ConflictKind::SessionOutsideHours,
                format!(
                    "\"{}\" ({}) is outside the day's hours ({}–{}).",
                    x.title,
                    when(x),
                    plan.day_start.format("%H:%M"),
                    plan.day_end.format("%H:%M")
                ),
                vec![x.id],
                Some(x.event_id),
                None,
            )
        });
    }
}

fn panel_without_moderator(x: &Session, moderated: &HashSet<Id>, out: &mut Found) {
    if x.kind == SessionKind::Panel && !moderated.contains(&x.id) {
        out.push(|| {
            Conflict::new(
                ConflictKind::PanelWithoutModerator,
                format!("Panel \"{}\" ({}) has no moderator.", x.title, when(x)),
                vec![x.id],
                Some(x.event_id),
                None,
            )
        });
    }
}

/// The roles whose holders speak on a panel as its panellists: the
/// moderator and chairs who run it, and a rapporteur, are not counted.
pub fn panellist_role(role: RoleKind) -> bool {
    matches!(
        role,
        RoleKind::Panellist
            | RoleKind::Speaker
            | RoleKind::Keynote
            | RoleKind::Presenter
            | RoleKind::Discussant
    )
}

/// A panel whose panellists with a recorded gender (at least two) are all
/// women or all men. People without one are not counted, only mentioned;
/// "another gender" is no one gender, so it never makes a panel uniform.
fn panel_one_gender(
    x: &Session,
    panellists: &HashMap<Id, Vec<Id>>,
    genders: &HashMap<Id, Gender>,
    out: &mut Found,
) {
    if x.kind != SessionKind::Panel {
        return;
    }
    let mut people = panellists.get(&x.id).cloned().unwrap_or_default();
    people.sort_unstable();
    people.dedup();
    let recorded: Vec<Gender> = people
        .iter()
        .filter_map(|p| genders.get(p).copied())
        .collect();
    let unrecorded = people.len() - recorded.len();
    let Some(&first) = recorded.first() else {
        return;
    };
    let word = match first {
        Gender::Woman => "women",
        Gender::Man => "men",
        Gender::Another => return,
    };
    if recorded.len() < 2 || recorded.iter().any(|g| *g != first) {
        return;
    }
    let rest = match unrecorded {
        0 => String::new(),
        1 => "; 1 has none recorded".to_string(),
        n => format!("; {n} have none recorded"),
    };
    out.push(|| {
        Conflict::new(
            ConflictKind::PanelOneGender,
            format!(
                "Panel \"{}\" ({}): all {} panellists with a recorded gender are {word}{rest}.",
                x.title,
                when(x),
                recorded.len()
            ),
            vec![x.id],
            Some(x.event_id),
            None,
        )
    });
}

/// Two scheduled sessions in one room at once; rooms in id order.
fn rooms_double_booked(s: &Snapshot, sessions: &HashMap<Id, &Session>, out: &mut Found) {
    let rooms: HashMap<Id, &Room> = s.rooms.iter().map(|r| (r.id, r)).collect();
    let mut by_room: BTreeMap<Id, Vec<Booking>> = BTreeMap::new();
    for x in s.sessions {
        if let (Some(a), Some(b), Some(room)) = (x.start, x.end, x.room_id) {
            by_room.entry(room).or_default().push((a, b, x.id));
        }
    }
    for (room, mut items) in by_room {
        overlapping_pairs(&mut items, out, |a, b| {
            let (a, b) = (sessions[&a], sessions[&b]);
            Conflict::new(
                ConflictKind::RoomDoubleBooked,
                format!(
                    "{} is double-booked: \"{}\" ({}) and \"{}\" ({}).",
                    rooms
                        .get(&room)
                        .map(|r| r.name.as_str())
                        .unwrap_or("A room"),
                    a.title,
                    when(a),
                    b.title,
                    when(b)
                ),
                vec![a.id, b.id],
                None,
                Some(room),
            )
        });
    }
}

/// Each person's scheduled sessions (once each, whatever their roles), by
/// person id, sorted by start.
fn bookings_by_person(
    roles: &[RoleRef],
    sessions: &HashMap<Id, &Session>,
) -> BTreeMap<Id, Vec<Booking>> {
    let mut by_person: BTreeMap<Id, Vec<Booking>> = BTreeMap::new();
    for r in roles {
        let (Some(person_id), Some(x)) = (r.person_id, sessions.get(&r.session_id)) else {
            continue;
        };
        if let (Some(a), Some(b)) = (x.start, x.end) {
            let entry = by_person.entry(person_id).or_default();
            if !entry.iter().any(|i| i.2 == x.id) {
                entry.push((a, b, x.id));
            }
        }
    }
    for items in by_person.values_mut() {
        items.sort_by_key(|i| (i.0, i.1));
    }
    by_person
}

/// A person's display name, asked for once and only when a conflict names them.
struct PersonName<'a> {
    id: Id,
    lookup: &'a dyn Fn(Id) -> String,
    known: Option<String>,
}

impl<'a> PersonName<'a> {
    fn new(id: Id, lookup: &'a dyn Fn(Id) -> String) -> Self {
        PersonName {
            id,
            lookup,
            known: None,
        }
    }

    fn get(&mut self) -> String {
        let (id, lookup) = (self.id, self.lookup);
        self.known.get_or_insert_with(|| lookup(id)).clone()
    }
}

/// A person in two sessions at once, in any role.
fn person_double_booked(
    person: Id,
    items: &mut [Booking],
    sessions: &HashMap<Id, &Session>,
    name: &mut PersonName,
    out: &mut Found,
) {
    overlapping_pairs(items, out, |a, b| {
        let (a, b) = (sessions[&a], sessions[&b]);
        Conflict::new(
            ConflictKind::PersonDoubleBooked,
            format!(
                "{} is in two sessions at once: \"{}\" ({}) and \"{}\" ({}).",
                name.get(),
                a.title,
                when(a),
                b.title,
                when(b)
            ),
            vec![a.id, b.id],
            None,
            Some(person),
        )
    });
}

/// Back-to-back sessions of one person in different rooms, with less time
/// between them than the plan's changeover; `items` sorted by start.
fn changeover_too_short(
    plan: &Plan,
    person: Id,
    items: &[Booking],
    sessions: &HashMap<Id, &Session>,
    name: &mut PersonName,
    out: &mut Found,
) {
    if plan.changeover_minutes == 0 {
        return;
    }
    let gap = chrono::Duration::minutes(plan.changeover_minutes as i64);
    for pair in items.windows(2) {
        let (a, b) = (sessions[&pair[0].2], sessions[&pair[1].2]);
        let between = pair[1].0 - pair[0].1;
        if between >= chrono::Duration::zero() && between < gap && a.room_id != b.room_id {
            out.push(|| Conflict::new(
                ConflictKind::ChangeoverTooShort,
                format!(
                    "{} has {} min to move from \"{}\" (ends {}) to \"{}\" in another room ({}); the changeover is {} min.",
                    name.get(),
                    between.num_minutes(),
                    a.title,
                    hm(pair[0].1),
                    b.title,
                    when(b),
                    plan.changeover_minutes
                ),
                vec![a.id, b.id],
                None,
                Some(person),
            ));
        }
    }
}

/// What an item still to be confirmed is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum UnconfirmedKind {
    /// A session on a day whose time is not yet known.
    NoTime,
    /// A session marked "to be confirmed".
    TentativeSession,
    /// A role marked "to be confirmed".
    TentativeRole,
}

/// One thing in the plan still to be confirmed: not a problem, a reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Unconfirmed {
    pub kind: UnconfirmedKind,
    pub session_id: Id,
    /// For a role: who holds it.
    pub person_id: Option<Id>,
    pub organisation_id: Option<Id>,
    pub role: Option<RoleKind>,
    /// One sentence: "“Keynote addresses” on Tue 19 Nov has no time yet."
    pub message: String,
}

fn on_day(s: &Session) -> String {
    match (s.start, s.end, s.day) {
        (Some(_), Some(_), _) => when(s),
        (_, _, Some(d)) => format!("on {}", d.format("%a %-d %b")),
        _ => "unscheduled".into(),
    }
}

/// Sessions with a day but no time yet, tentative sessions and tentative
/// roles, each session followed by its roles, sessions in time order.
pub fn unconfirmed_items(sessions: &[Session], roles: &[RoleRow]) -> Vec<Unconfirmed> {
    let mut by_session: HashMap<Id, Vec<&RoleRow>> = HashMap::new();
    for r in roles.iter().filter(|r| r.role.tentative) {
        by_session.entry(r.role.session_id).or_default().push(r);
    }
    let mut ordered: Vec<&Session> = sessions.iter().collect();
    // Within a day, timed sessions come before those still to be timed.
    ordered.sort_by_key(|s| {
        (
            s.on_day().is_none(),
            s.on_day(),
            s.start.is_none(),
            s.start,
            s.id,
        )
    });
    let mut out = Vec::new();
    for s in ordered {
        let item = |kind, message| Unconfirmed {
            kind,
            session_id: s.id,
            person_id: None,
            organisation_id: None,
            role: None,
            message,
        };
        if s.is_day_only() {
            let tbc = if s.tentative {
                " and is to be confirmed"
            } else {
                ""
            };
            out.push(item(
                UnconfirmedKind::NoTime,
                format!("“{}” {} has no time yet{tbc}.", s.title, on_day(s)),
            ));
        } else if s.tentative {
            let at = match (s.start, s.end) {
                (Some(_), Some(_)) => format!(" ({})", when(s)),
                _ => String::new(),
            };
            out.push(item(
                UnconfirmedKind::TentativeSession,
                format!("“{}”{at} is to be confirmed.", s.title),
            ));
        }
        for r in by_session.get(&s.id).into_iter().flatten() {
            let who = r
                .person
                .clone()
                .or_else(|| r.organisation.as_ref().map(|(name, _)| name.clone()))
                .unwrap_or_default();
            out.push(Unconfirmed {
                kind: UnconfirmedKind::TentativeRole,
                session_id: s.id,
                person_id: r.role.person_id,
                organisation_id: r.role.organisation_id,
                role: Some(r.role.role),
                message: format!(
                    "{who} as {} of “{}” is to be confirmed.",
                    r.role.role.label().to_lowercase(),
                    s.title
                ),
            });
        }
    }
    out
}

/// What in the plan in `store` is still to be confirmed.
pub fn unconfirmed(store: &Store) -> Result<Vec<Unconfirmed>> {
    Ok(unconfirmed_items(
        &store.session_slots()?,
        &store.all_roles()?,
    ))
}

/// Checks the plan in `store`, marking the conflicts users accepted.
pub fn check(store: &Store) -> Result<ConflictList> {
    let accepted = store.accepted_conflicts()?;
    let mut found = check_unmarked(store)?;
    for c in &mut found.conflicts {
        c.accepted = accepted.contains(&c.key);
    }
    Ok(found)
}

/// The problems to warn of before publishing a version: those not accepted
/// (the unlisted ones beyond `MAX_LISTED` are counted, not known accepted).
pub fn open_problems(store: &Store) -> Result<ConflictList> {
    let mut found = check(store)?;
    found.conflicts.retain(|c| !c.accepted);
    Ok(found)
}

/// "The plan has 3 problems (Plenary Hall is double-booked: …)": the count
/// and the first, or None when there are none.
pub fn problems_sentence(found: &ConflictList) -> Option<String> {
    let total = found.total();
    if total == 0 {
        return None;
    }
    let first = found
        .conflicts
        .first()
        .map(|c| format!(" ({})", c.message.trim().trim_end_matches('.')))
        .unwrap_or_default();
    Some(format!(
        "The plan has {} problem{}{first}",
        thousands(total),
        if total == 1 { "" } else { "s" }
    ))
}

/// Marks the conflict with `key` as accepted (or not), as one undoable edit.
pub fn set_accepted(store: &mut Store, key: &str, accepted: bool) -> Result<()> {
    let found = check_unmarked(store)?;
    let conflict = found
        .conflicts
        .iter()
        .find(|c| c.key == key)
        .ok_or_else(|| {
            crate::CoreError::invalid("key", "That conflict is no longer in the plan.")
        })?;
    let summary = if accepted {
        format!("Accepted: {}", conflict.message)
    } else {
        format!("No longer accepted: {}", conflict.message)
    };
    store.set_conflict_accepted(key, accepted, &summary)
}

fn check_unmarked(store: &Store) -> Result<ConflictList> {
    let plan = store.plan()?;
    let events = store.events()?;
    let sessions = store.session_slots()?;
    let rooms = store.rooms()?;
    let roles = store.role_refs()?;
    let cochairs = store.cochairs()?;
    let person_name = |id| store.person_name(id).unwrap_or_default();
    let genders = if plan.check_panel_gender {
        store.person_genders()?
    } else {
        HashMap::new()
    };
    Ok(conflicts(&Snapshot {
        plan: &plan,
        events: &events,
        sessions: &sessions,
        rooms: &rooms,
        roles: &roles,
        cochairs: &cochairs,
        person_name: &person_name,
        genders: &genders,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::PlanForm;
    use chrono::NaiveDate;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn overlap_is_half_open() {
        let cases = [
            (
                ("2024-11-18 09:00", "10:00"),
                ("2024-11-18 10:00", "11:00"),
                false,
            ),
            (
                ("2024-11-18 09:00", "10:01"),
                ("2024-11-18 10:00", "11:00"),
                true,
            ),
            (
                ("2024-11-18 09:00", "10:00"),
                ("2024-11-18 09:00", "09:30"),
                true,
            ),
            (
                ("2024-11-18 09:00", "12:00"),
                ("2024-11-18 10:00", "11:00"),
                true,
            ),
            (
                ("2024-11-18 11:00", "12:00"),
                ("2024-11-18 09:00", "11:00"),
                false,
            ),
        ];
        for (a, b, want) in cases {
            assert_eq!(clash(a, b), want, "{a:?} {b:?}");
            assert_eq!(clash(b, a), want, "symmetric {a:?} {b:?}");
        }
    }

    /// Whether two sessions in one room, the first at `a` and the second at
    /// `b` (start, end time), are reported as double-booking it.
    fn clash(a: (&str, &str), b: (&str, &str)) -> bool {
        let plan = crate::sample::sample_plan_header();
        let events = [Event {
            id: 1,
            title: "Dialogue".into(),
            short_name: String::new(),
            first_day: plan.first_day,
            last_day: plan.first_day,
            description: String::new(),
        }];
        let rooms = [Room {
            id: 7,
            name: "Hall".into(),
            capacity: None,
            notes: String::new(),
        }];
        let sessions = [session(1, a.0, a.1, Some(7)), session(2, b.0, b.1, Some(7))];
        let cochairs = [EventCochair {
            id: 1,
            event_id: 1,
            organisation_id: 1,
            person_id: None,
            role_label: String::new(),
            day: None,
            position: 0,
        }];
        let name = |_| String::new();
        conflicts(&Snapshot {
            plan: &plan,
            events: &events,
            sessions: &sessions,
            rooms: &rooms,
            roles: &[],
            cochairs: &cochairs,
            person_name: &name,
            genders: &HashMap::new(),
        })
        .conflicts
        .iter()
        .any(|c| c.kind == ConflictKind::RoomDoubleBooked)
    }

    fn session(id: Id, start: &str, end: &str, room: Option<Id>) -> Session {
        Session {
            id,
            event_id: 1,
            title: format!("S{id}"),
            kind: SessionKind::Discussion,
            start: Some(t(start)),
            end: Some(t(&format!("{} {end}", t(start).date()))),
            room_id: room,
            description: String::new(),
            agenda_item: String::new(),
            outcome: String::new(),
            notes: String::new(),
            pinned: false,
            day: None,
            link: String::new(),
            tentative: false,
        }
    }

    fn role_row(session_id: Id, role: RoleKind, person: &str, tentative: bool) -> RoleRow {
        RoleRow {
            role: SessionRole {
                id: 0,
                session_id,
                role,
                person_id: Some(1),
                organisation_id: None,
                note: String::new(),
                position: 0,
                tentative,
                presence: RolePresence::InPerson,
            },
            person: Some(person.into()),
            organisation: None,
            replaced: None,
        }
    }

    #[test]
    fn days_without_times_tentative_sessions_and_roles_are_listed_as_unconfirmed() {
        let day_only = |id, title: &str, tentative| Session {
            title: title.into(),
            start: None,
            end: None,
            day: NaiveDate::from_ymd_opt(2024, 11, 19),
            tentative,
            ..session(id, "2024-11-19 09:00", "10:00", Some(7))
        };
        let sessions = [
            Session {
                title: "Site visit".into(),
                tentative: true,
                ..session(1, "2024-11-20 14:00", "17:00", None)
            },
            day_only(2, "Keynote addresses", false),
            day_only(3, "Cultural evening", true),
            session(4, "2024-11-18 09:00", "10:00", Some(7)),
            Session {
                title: "Unscheduled".into(),
                start: None,
                end: None,
                ..session(5, "2024-11-18 09:00", "10:00", None)
            },
        ];
        let roles = [
            role_row(2, RoleKind::Keynote, "H.E. Ms Jane Doe", true),
            role_row(2, RoleKind::Moderator, "Mr John Roe", false),
            role_row(4, RoleKind::Chair, "Dr Ana Lima", true),
        ];
        let got: Vec<(UnconfirmedKind, Id, String)> = unconfirmed_items(&sessions, &roles)
            .into_iter()
            .map(|u| (u.kind, u.session_id, u.message))
            .collect();
        let want = [
            (
                UnconfirmedKind::TentativeRole,
                4,
                "Dr Ana Lima as chair of “S4” is to be confirmed.",
            ),
            (
                UnconfirmedKind::NoTime,
                2,
                "“Keynote addresses” on Tue 19 Nov has no time yet.",
            ),
            (
                UnconfirmedKind::TentativeRole,
                2,
                "H.E. Ms Jane Doe as keynote speaker of “Keynote addresses” is to be confirmed.",
            ),
            (
                UnconfirmedKind::NoTime,
                3,
                "“Cultural evening” on Tue 19 Nov has no time yet and is to be confirmed.",
            ),
            (
                UnconfirmedKind::TentativeSession,
                1,
                "“Site visit” (Wed 20 Nov 14:00–17:00) is to be confirmed.",
            ),
        ];
        let want: Vec<(UnconfirmedKind, Id, String)> = want
            .into_iter()
            .map(|(k, id, m)| (k, id, m.to_string()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_day_without_times_is_never_a_problem() {
        let plan = crate::sample::sample_plan_header();
        let events = [Event {
            id: 1,
            title: "Dialogue".into(),
            short_name: String::new(),
            first_day: plan.first_day,
            last_day: plan.first_day,
            description: String::new(),
        }];
        // Two day-only panels without moderators in one room, on a day the
        // event does not run: nothing to check without times.
        let day_only = |id| Session {
            kind: SessionKind::Panel,
            start: None,
            end: None,
            day: NaiveDate::from_ymd_opt(2024, 11, 20),
            ..session(id, "2024-11-20 09:00", "10:00", Some(7))
        };
        let sessions = [day_only(1), day_only(2)];
        let roles = [
            RoleRef {
                session_id: 1,
                role: RoleKind::Speaker,
                person_id: Some(5),
                tentative: false,
            },
            RoleRef {
                session_id: 2,
                role: RoleKind::Speaker,
                person_id: Some(5),
                tentative: false,
            },
        ];
        let cochairs = [EventCochair {
            id: 1,
            event_id: 1,
            organisation_id: 1,
            person_id: None,
            role_label: String::new(),
            day: None,
            position: 0,
        }];
        let name = |_| String::new();
        let found = conflicts(&Snapshot {
            plan: &plan,
            events: &events,
            sessions: &sessions,
            rooms: &[],
            roles: &roles,
            cochairs: &cochairs,
            person_name: &name,
            genders: &HashMap::new(),
        });
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn room_and_person_clashes() {
        let plan = crate::sample::sample_plan_header();
        let events = [Event {
            id: 1,
            title: "Dialogue".into(),
            short_name: String::new(),
            first_day: NaiveDate::from_ymd_opt(2024, 11, 18).unwrap(),
            last_day: NaiveDate::from_ymd_opt(2024, 11, 18).unwrap(),
            description: String::new(),
        }];
        let rooms = [Room {
            id: 7,
            name: "Hall".into(),
            capacity: None,
            notes: String::new(),
        }];
        let sessions = [
            session(1, "2024-11-18 09:00", "10:00", Some(7)),
            session(2, "2024-11-18 10:00", "11:00", Some(7)),
            session(3, "2024-11-18 10:30", "11:30", Some(7)),
            session(4, "2024-11-18 10:30", "11:00", None),
        ];
        let person = Person {
            gender: None,
            id: 5,
            honorific: "Ms".into(),
            given_name: "Lynn".into(),
            family_name: "Bell".into(),
            position: String::new(),
            organisation_id: None,
            email: String::new(),
            phone: String::new(),
            notes: String::new(),
        };
        let role = |session_id| RoleRef {
            session_id,
            role: RoleKind::Speaker,
            person_id: Some(5),
            tentative: false,
        };
        let name = |_| person.display_name();
        let roles = [role(1), role(2), role(4)];
        let cochairs = [EventCochair {
            id: 1,
            event_id: 1,
            organisation_id: 1,
            person_id: None,
            role_label: String::new(),
            day: None,
            position: 0,
        }];
        let got = conflicts(&Snapshot {
            plan: &plan,
            events: &events,
            sessions: &sessions,
            rooms: &rooms,
            roles: &roles,
            cochairs: &cochairs,
            person_name: &name,
            genders: &HashMap::new(),
        })
        .conflicts;
        let summary: Vec<(ConflictKind, Vec<Id>)> = got
            .iter()
            .map(|c| (c.kind, c.session_ids.clone()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (ConflictKind::RoomDoubleBooked, vec![2, 3]),
                (ConflictKind::PersonDoubleBooked, vec![2, 4]),
            ]
        );
        assert_eq!(
            got[0].message,
            "Hall is double-booked: \"S2\" (Mon 18 Nov 10:00–11:00) and \"S3\" (Mon 18 Nov 10:30–11:30)."
        );
        assert_eq!(
            got[1].message,
            "Ms Lynn Bell is in two sessions at once: \"S2\" (Mon 18 Nov 10:00–11:00) and \"S4\" (Mon 18 Nov 10:30–11:00)."
        );
    }

    /// A plan with two events, two rooms and one person, and sessions placed
    /// as each case says.
    fn plan_with(sessions: &[(&str, &str, &str, &str, &str, bool)], changeover: u32) -> Store {
        use crate::forms::{EventForm, PlanForm, RoomForm, SessionForm};
        let mut plan = PlanForm {
            title: "T".into(),
            time_zone: "Asia/Bangkok".into(),
            first_day: "2024-11-18".into(),
            last_day: "2024-11-19".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        plan.changeover_minutes = changeover;
        let mut store = Store::in_memory(&plan).unwrap();
        let mut events = Vec::new();
        for (title, day) in [("Dialogue", "2024-11-18"), ("Side event", "2024-11-18")] {
            events.push(
                crate::edit::events::create_event(
                    &mut store,
                    &EventForm {
                        title: title.into(),
                        first_day: day.into(),
                        last_day: day.into(),
                        ..Default::default()
                    },
                )
                .unwrap(),
            );
        }
        let org = store
            .insert_organisations(&[Organisation {
                id: 0,
                name: "Australia".into(),
                acronym: String::new(),
                official_name: String::new(),
                category: OrgCategory::MemberState,
                country_code: None,
            }])
            .unwrap()[0];
        let cochairs: Vec<EventCochair> = events
            .iter()
            .map(|e| EventCochair {
                id: 0,
                event_id: e.id,
                organisation_id: org,
                person_id: None,
                role_label: String::new(),
                day: None,
                position: 0,
            })
            .collect();
        store.insert_cochairs(&cochairs).unwrap();
        let person = store
            .insert_people(&[Person {
                gender: None,
                id: 0,
                honorific: "Ms".into(),
                given_name: "Lynn".into(),
                family_name: "Bell".into(),
                position: String::new(),
                organisation_id: None,
                email: String::new(),
                phone: String::new(),
                notes: String::new(),
            }])
            .unwrap()[0];
        let mut rooms = std::collections::HashMap::new();
        for name in ["Hall", "Annex"] {
            rooms.insert(
                name,
                crate::edit::rooms::create_room(
                    &mut store,
                    &RoomForm {
                        name: name.into(),
                        ..Default::default()
                    },
                )
                .unwrap()
                .id,
            );
        }
        let mut roles = Vec::new();
        for (title, event, from, to, room, with_person) in sessions {
            let event_id = events.iter().find(|e| e.title == *event).unwrap().id;
            let s = crate::edit::sessions::create_session(
                &mut store,
                &SessionForm {
                    event_id: Some(event_id),
                    title: (*title).into(),
                    kind: SessionKind::Discussion,
                    day: "2024-11-18".into(),
                    start_time: (*from).into(),
                    end_time: (*to).into(),
                    room_id: Some(rooms[room]),
                    description: String::new(),
                    agenda_item: String::new(),
                    outcome: String::new(),
                    notes: String::new(),
                    link: String::new(),
                    tentative: false,
                },
            )
            .unwrap();
            if *with_person {
                roles.push(SessionRole {
                    id: 0,
                    session_id: s.id,
                    role: RoleKind::Speaker,
                    person_id: Some(person),
                    organisation_id: None,
                    note: String::new(),
                    position: 0,
                    presence: crate::model::RolePresence::InPerson,
                    tentative: false,
                });
            }
        }
        store.insert_session_roles(&roles).unwrap();
        store
    }

    #[test]
    fn conflict_rules_table() {
        type Row = (
            &'static str,
            &'static str,
            &'static str,
            &'static str,
            &'static str,
            bool,
        );
        let cases: Vec<(&str, Vec<Row>, u32, Vec<ConflictKind>)> = vec![
            (
                "back to back is fine",
                vec![
                    ("A", "Dialogue", "09:00", "10:00", "Hall", true),
                    ("B", "Dialogue", "10:00", "11:00", "Hall", true),
                ],
                0,
                vec![],
            ),
            (
                "same start clashes",
                vec![
                    ("A", "Dialogue", "09:00", "10:00", "Hall", true),
                    ("B", "Dialogue", "09:00", "09:30", "Annex", true),
                ],
                0,
                vec![ConflictKind::PersonDoubleBooked],
            ),
            (
                "a clash across events",
                vec![
                    ("A", "Dialogue", "09:00", "10:00", "Hall", true),
                    ("B", "Side event", "09:30", "10:30", "Annex", true),
                ],
                0,
                vec![ConflictKind::PersonDoubleBooked],
            ),
            (
                "a room shared across events",
                vec![
                    ("A", "Dialogue", "09:00", "10:00", "Hall", false),
                    ("B", "Side event", "09:59", "10:30", "Hall", false),
                ],
                0,
                vec![ConflictKind::RoomDoubleBooked],
            ),
            (
                "too little changeover between rooms",
                vec![
                    ("A", "Dialogue", "09:00", "10:00", "Hall", true),
                    ("B", "Dialogue", "10:05", "11:00", "Annex", true),
                ],
                10,
                vec![ConflictKind::ChangeoverTooShort],
            ),
            (
                "enough changeover",
                vec![
                    ("A", "Dialogue", "09:00", "10:00", "Hall", true),
                    ("B", "Dialogue", "10:10", "11:00", "Annex", true),
                ],
                10,
                vec![],
            ),
            (
                "no changeover needed within a room",
                vec![
                    ("A", "Dialogue", "09:00", "10:00", "Hall", true),
                    ("B", "Dialogue", "10:00", "11:00", "Hall", true),
                ],
                10,
                vec![],
            ),
            (
                "outside the day's hours",
                vec![("Dawn", "Dialogue", "06:30", "07:30", "Hall", false)],
                0,
                vec![ConflictKind::SessionOutsideHours],
            ),
        ];
        for (name, sessions, changeover, want) in cases {
            let store = plan_with(&sessions, changeover);
            let got: Vec<ConflictKind> = check(&store)
                .unwrap()
                .conflicts
                .into_iter()
                .map(|c| c.kind)
                .collect();
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn accepted_conflicts_stay_listed() {
        let mut store = plan_with(
            &[
                ("A", "Dialogue", "09:00", "10:00", "Hall", false),
                ("Parallel", "Side event", "09:00", "10:00", "Hall", false),
            ],
            0,
        );
        let found = check(&store).unwrap().conflicts;
        assert_eq!(found.len(), 1);
        assert!(!found[0].accepted);
        set_accepted(&mut store, &found[0].key, true).unwrap();
        let again = check(&store).unwrap().conflicts;
        assert_eq!(again.len(), 1, "still listed");
        assert!(again[0].accepted);
        assert!(
            again[0].key.starts_with("room_double_booked:"),
            "{}",
            again[0].key
        );
        store.undo().unwrap();
        assert!(!check(&store).unwrap().conflicts[0].accepted);
    }

    /// 3,000 sessions all at once in one room, and one person in the first
    /// 100 of them: every pair is counted, the first `MAX_LISTED` are listed.
    #[test]
    fn conflicts_beyond_the_cap_are_counted_not_listed() {
        let plan = crate::sample::sample_plan_header();
        let day = plan.first_day.format("%Y-%m-%d").to_string();
        let start = format!("{day} 09:00");
        let events = [Event {
            id: 1,
            title: "Dialogue".into(),
            short_name: String::new(),
            first_day: plan.first_day,
            last_day: plan.first_day,
            description: String::new(),
        }];
        let rooms = [Room {
            id: 7,
            name: "Hall".into(),
            capacity: None,
            notes: String::new(),
        }];
        let sessions: Vec<Session> = (1..=3000)
            .map(|id| session(id, &start, "10:00", Some(7)))
            .collect();
        let roles: Vec<RoleRef> = (1..=100)
            .map(|session_id| RoleRef {
                session_id,
                role: RoleKind::Speaker,
                person_id: Some(5),
                tentative: false,
            })
            .collect();
        let cochairs = [EventCochair {
            id: 1,
            event_id: 1,
            organisation_id: 1,
            person_id: None,
            role_label: String::new(),
            day: None,
            position: 0,
        }];
        let name = |_| "Ms Lynn Bell".to_string();
        let snapshot = Snapshot {
            plan: &plan,
            events: &events,
            sessions: &sessions,
            rooms: &rooms,
            roles: &roles,
            cochairs: &cochairs,
            person_name: &name,
            genders: &HashMap::new(),
        };
        let got = conflicts(&snapshot);
        let room_pairs = 3000 * 2999 / 2;
        let person_pairs = 100 * 99 / 2;
        assert_eq!(got.total(), room_pairs + person_pairs);
        assert_eq!(got.conflicts.len(), MAX_LISTED);
        assert_eq!(
            u64::from(got.unlisted),
            room_pairs + person_pairs - MAX_LISTED as u64
        );
        assert_eq!(
            got.unlisted_sentence().as_deref(),
            Some("and 4,502,450 more.")
        );
        // The same ones every time: the first room's pairs in start order.
        assert_eq!(got.conflicts[0].session_ids, vec![1, 2]);
        assert_eq!(got.conflicts[999].session_ids, vec![1, 1001]);
        assert_eq!(conflicts(&snapshot), got);
    }

    /// A panel's people as (role, gender) and whether the check is on,
    /// against the one-gender problem it gives, if any.
    #[test]
    fn panels_of_one_gender_are_flagged_only_when_the_plan_asks() {
        use Gender::{Another, Man, Woman};
        use RoleKind::{Moderator, Panellist, Rapporteur, Speaker};
        type Case<'a> = (
            &'a str,
            bool,
            SessionKind,
            &'a [(RoleKind, Option<Gender>)],
            Option<&'a str>,
        );
        let men: &[(RoleKind, Option<Gender>)] = &[
            (Panellist, Some(Man)),
            (Panellist, Some(Man)),
            (Panellist, Some(Man)),
            (Panellist, Some(Man)),
        ];
        let cases: &[Case] = &[
            ("off by default", false, SessionKind::Panel, men, None),
            (
                "four men",
                true,
                SessionKind::Panel,
                men,
                Some("Panel \"S1\" (Mon 18 Nov 09:00–10:00): all 4 panellists with a recorded gender are men."),
            ),
            (
                "women, one unrecorded",
                true,
                SessionKind::Panel,
                &[(Panellist, Some(Woman)), (Speaker, Some(Woman)), (Panellist, None)],
                Some("Panel \"S1\" (Mon 18 Nov 09:00–10:00): all 2 panellists with a recorded gender are women; 1 has none recorded."),
            ),
            (
                "two unrecorded",
                true,
                SessionKind::Panel,
                &[(Panellist, Some(Man)), (Panellist, Some(Man)), (Panellist, None), (Panellist, None)],
                Some("Panel \"S1\" (Mon 18 Nov 09:00–10:00): all 2 panellists with a recorded gender are men; 2 have none recorded."),
            ),
            (
                "the moderator and rapporteur are not panellists",
                true,
                SessionKind::Panel,
                &[(Moderator, Some(Woman)), (Rapporteur, Some(Woman)), (Panellist, Some(Man)), (Panellist, Some(Man))],
                Some("Panel \"S1\" (Mon 18 Nov 09:00–10:00): all 2 panellists with a recorded gender are men."),
            ),
            (
                "one recorded is not a panel of one gender",
                true,
                SessionKind::Panel,
                &[(Panellist, Some(Man)), (Panellist, None), (Panellist, None)],
                None,
            ),
            (
                "mixed",
                true,
                SessionKind::Panel,
                &[(Panellist, Some(Man)), (Panellist, Some(Woman)), (Panellist, Some(Man))],
                None,
            ),
            (
                "another gender is not one gender",
                true,
                SessionKind::Panel,
                &[(Panellist, Some(Another)), (Panellist, Some(Another))],
                None,
            ),
            ("not a panel", true, SessionKind::Discussion, men, None),
        ];
        for (case, on, kind, people, want) in cases {
            let plan = Plan {
                check_panel_gender: *on,
                ..crate::sample::sample_plan_header()
            };
            let events = [Event {
                id: 1,
                title: "Dialogue".into(),
                short_name: String::new(),
                first_day: plan.first_day,
                last_day: plan.last_day,
                description: String::new(),
            }];
            let sessions = [Session {
                kind: *kind,
                ..session(1, "2024-11-18 09:00", "10:00", None)
            }];
            let mut genders = HashMap::new();
            let roles: Vec<RoleRef> = people
                .iter()
                .enumerate()
                .map(|(i, (role, gender))| {
                    let person = i as Id + 10;
                    if let Some(g) = gender {
                        genders.insert(person, *g);
                    }
                    RoleRef {
                        session_id: 1,
                        role: *role,
                        person_id: Some(person),
                        tentative: false,
                    }
                })
                .collect();
            let name = |_| String::new();
            let got: Vec<Conflict> = conflicts(&Snapshot {
                plan: &plan,
                events: &events,
                sessions: &sessions,
                rooms: &[],
                roles: &roles,
                cochairs: &[],
                person_name: &name,
                genders: &genders,
            })
            .conflicts
            .into_iter()
            .filter(|c| c.kind == ConflictKind::PanelOneGender)
            .collect();
            assert_eq!(got.first().map(|c| c.message.as_str()), *want, "{case}");
            if let Some(c) = got.first() {
                assert_eq!(
                    (c.key.as_str(), c.event_id),
                    ("panel_one_gender:1::1", Some(1)),
                    "{case}"
                );
            }
        }
    }

    #[test]
    fn the_panel_check_reads_genders_from_the_plan() {
        let mut store = crate::sample::sample_in_memory().unwrap();
        let one_gender = |store: &Store| {
            check(store)
                .unwrap()
                .conflicts
                .into_iter()
                .filter(|c| c.kind == ConflictKind::PanelOneGender)
                .count()
        };
        // The sample records no one's gender: nothing to flag, on or off.
        let mut form = PlanForm::from(&store.plan().unwrap());
        form.check_panel_gender = true;
        crate::edit::plan::update_plan(&mut store, &form).unwrap();
        assert_eq!(one_gender(&store), 0);
        // Its panels name organisations; two women join the first one.
        let panel = store
            .session_slots()
            .unwrap()
            .into_iter()
            .find(|s| s.kind == SessionKind::Panel && s.start.is_some())
            .unwrap();
        let woman = |given: &str| Person {
            id: 0,
            honorific: String::new(),
            given_name: given.into(),
            family_name: "Test".into(),
            position: String::new(),
            organisation_id: None,
            email: String::new(),
            phone: String::new(),
            notes: String::new(),
            gender: Some(Gender::Woman),
        };
        let ids = store.insert_people(&[woman("Ana"), woman("Bea")]).unwrap();
        let roles: Vec<SessionRole> = ids
            .iter()
            .map(|id| SessionRole {
                id: 0,
                session_id: panel.id,
                role: RoleKind::Panellist,
                person_id: Some(*id),
                organisation_id: None,
                note: String::new(),
                position: 100 + id,
                tentative: false,
                presence: RolePresence::InPerson,
            })
            .collect();
        store.insert_session_roles(&roles).unwrap();
        assert_eq!(store.person(ids[0]).unwrap().gender, Some(Gender::Woman));
        assert_eq!(one_gender(&store), 1);
        form.check_panel_gender = false;
        crate::edit::plan::update_plan(&mut store, &form).unwrap();
        assert_eq!(one_gender(&store), 0);
        assert_eq!(
            store.history(1).unwrap().first().map(|s| s.summary.clone()),
            Some("Panels of one gender no longer flagged".to_string())
        );
    }

    #[test]
    fn a_conflict_key_names_its_kind_as_the_window_does() {
        use ConflictKind as K;
        for kind in [
            K::EventOutsidePlan,
            K::SessionOutsideEvent,
            K::SessionOutsideHours,
            K::RoomDoubleBooked,
            K::PersonDoubleBooked,
            K::PanelWithoutModerator,
            K::EventWithoutCochairs,
            K::ChangeoverTooShort,
            K::PanelOneGender,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.key());
        }
    }

    #[test]
    fn thousands_are_grouped() {
        let table: &[(u64, &str)] = &[
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (4_498_500, "4,498,500"),
            (u64::MAX, "18,446,744,073,709,551,615"),
        ];
        for (n, want) in table {
            assert_eq!(thousands(*n), *want);
        }
    }
}

#[cfg(test)]
mod publish_tests {
    use super::*;

    #[test]
    fn the_problems_before_publishing_are_counted_and_the_first_named() {
        let conflict = |message: &str| {
            Conflict::new(
                ConflictKind::RoomDoubleBooked,
                message.into(),
                vec![1, 2],
                None,
                None,
            )
        };
        let list = |conflicts: Vec<Conflict>, unlisted: u32| ConflictList {
            conflicts,
            unlisted,
        };
        assert_eq!(problems_sentence(&list(Vec::new(), 0)), None);
        assert_eq!(
            problems_sentence(&list(vec![conflict("Hall is double-booked.")], 0)).unwrap(),
            "The plan has 1 problem (Hall is double-booked)"
        );
        assert_eq!(
            problems_sentence(&list(vec![conflict("A."), conflict("B.")], 1_200)).unwrap(),
            "The plan has 1,202 problems (A)"
        );
        // Accepted problems are not counted.
        let mut store = crate::sample::sample_in_memory().unwrap();
        assert!(open_problems(&store).unwrap().is_empty());
        let first = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.start.is_some())
            .unwrap();
        let second = store
            .sessions()
            .unwrap()
            .into_iter()
            .filter(|s| s.start.is_some() && s.room_id == first.room_id)
            .nth(1)
            .unwrap();
        crate::planner::move_session(&mut store, second.id, first.start.unwrap(), None).unwrap();
        let open = open_problems(&store).unwrap();
        assert!(!open.is_empty());
        for c in &open.conflicts {
            set_accepted(&mut store, &c.key, true).unwrap();
        }
        assert!(open_problems(&store).unwrap().is_empty());
        assert!(
            !check(&store).unwrap().is_empty(),
            "still listed, as accepted"
        );
    }

    #[test]
    fn a_cancelled_session_holds_neither_its_room_nor_its_people() {
        let mut store = crate::sample::sample_in_memory().unwrap();
        let find = |store: &Store, t: &str| {
            store
                .sessions()
                .unwrap()
                .into_iter()
                .find(|s| s.title.starts_with(t))
                .unwrap()
        };
        let opening = find(&store, "Opening remarks");
        let decade = find(&store, "A decade");
        crate::planner::move_session(&mut store, decade.id, opening.start.unwrap(), None).unwrap();
        let about_decade = |store: &Store| {
            check(store)
                .unwrap()
                .conflicts
                .into_iter()
                .filter(|c| c.session_ids.contains(&decade.id))
                .count()
        };
        assert!(about_decade(&store) > 0, "the room is double-booked");
        store.set_cancelled(decade.id, true, "cancel").unwrap();
        assert_eq!(about_decade(&store), 0);
        assert!(check(&store)
            .unwrap()
            .conflicts
            .iter()
            .all(|c| !c.session_ids.contains(&opening.id)));
    }
}
