//! Problems in a plan, returned as data. Pure functions over a snapshot,
//! so the UI, the CLI and tests all see the same list.

use crate::error::Result;
use crate::forms::day_span;
use crate::model::*;
use crate::store::{RoleRow, Store};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// One sentence naming the sessions, people or rooms and the times.
    pub message: String,
    pub session_ids: Vec<Id>,
    pub event_id: Option<Id>,
}

/// Everything the checks look at.
pub struct Snapshot<'a> {
    pub plan: &'a Plan,
    pub events: &'a [Event],
    pub sessions: &'a [Session],
    pub rooms: &'a [Room],
    pub roles: &'a [RoleRow],
    pub cochairs: &'a [EventCochair],
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

/// Half-open intervals: [a, b) and [c, d) overlap when a < d and c < b.
pub fn overlaps(a: (NaiveDateTime, NaiveDateTime), b: (NaiveDateTime, NaiveDateTime)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A booked interval and what booked it.
type Booking = (NaiveDateTime, NaiveDateTime, Id);

/// Pairs of overlapping intervals among `items` (sorted by start first).
fn overlapping_pairs<T: Copy>(items: &mut [(NaiveDateTime, NaiveDateTime, T)]) -> Vec<(T, T)> {
    items.sort_by_key(|i| (i.0, i.1));
    let mut out = Vec::new();
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            if items[j].0 >= items[i].1 {
                break;
            }
            out.push((items[i].2, items[j].2));
        }
    }
    out
}

pub fn conflicts(s: &Snapshot) -> Vec<Conflict> {
    let mut out = Vec::new();
    let events: HashMap<Id, &Event> = s.events.iter().map(|e| (e.id, e)).collect();
    let sessions: HashMap<Id, &Session> = s.sessions.iter().map(|x| (x.id, x)).collect();
    let rooms: HashMap<Id, &Room> = s.rooms.iter().map(|r| (r.id, r)).collect();

    for e in s.events {
        if e.first_day < s.plan.first_day || e.last_day > s.plan.last_day {
            out.push(Conflict {
                kind: ConflictKind::EventOutsidePlan,
                message: format!(
                    "\"{}\" ({}) is outside the plan's days ({}).",
                    e.title,
                    day_span(e.first_day, e.last_day),
                    day_span(s.plan.first_day, s.plan.last_day)
                ),
                session_ids: vec![],
                event_id: Some(e.id),
            });
        }
        if !s.cochairs.iter().any(|c| c.event_id == e.id) {
            out.push(Conflict {
                kind: ConflictKind::EventWithoutCochairs,
                message: format!("\"{}\" has no co-chairs.", e.title),
                session_ids: vec![],
                event_id: Some(e.id),
            });
        }
    }

    for x in s.sessions {
        let (Some(start), Some(end)) = (x.start, x.end) else {
            continue;
        };
        if let Some(e) = events.get(&x.event_id) {
            if start.date() < e.first_day || end.date() > e.last_day || end <= start {
                out.push(Conflict {
                    kind: ConflictKind::SessionOutsideEvent,
                    message: format!(
                        "\"{}\" ({}) is outside its event \"{}\" ({}).",
                        x.title,
                        when(x),
                        e.title,
                        day_span(e.first_day, e.last_day)
                    ),
                    session_ids: vec![x.id],
                    event_id: Some(e.id),
                });
            }
        }
        if start.time() < s.plan.day_start
            || end.time() > s.plan.day_end
            || end.date() != start.date()
        {
            out.push(Conflict {
                kind: ConflictKind::SessionOutsideHours,
                message: format!(
                    "\"{}\" ({}) is outside the day's hours ({}–{}).",
                    x.title,
                    when(x),
                    s.plan.day_start.format("%H:%M"),
                    s.plan.day_end.format("%H:%M")
                ),
                session_ids: vec![x.id],
                event_id: Some(x.event_id),
            });
        }
        if x.kind == SessionKind::Panel
            && !s
                .roles
                .iter()
                .any(|r| r.role.session_id == x.id && r.role.role == RoleKind::Moderator)
        {
            out.push(Conflict {
                kind: ConflictKind::PanelWithoutModerator,
                message: format!("Panel \"{}\" ({}) has no moderator.", x.title, when(x)),
                session_ids: vec![x.id],
                event_id: Some(x.event_id),
            });
        }
    }

    // Rooms double-booked.
    let mut by_room: HashMap<Id, Vec<Booking>> = HashMap::new();
    for x in s.sessions {
        if let (Some(a), Some(b), Some(room)) = (x.start, x.end, x.room_id) {
            by_room.entry(room).or_default().push((a, b, x.id));
        }
    }
    let mut room_ids: Vec<_> = by_room.keys().copied().collect();
    room_ids.sort_unstable();
    for room in room_ids {
        let items = by_room.get_mut(&room).expect("key");
        for (a, b) in overlapping_pairs(items) {
            let (a, b) = (sessions[&a], sessions[&b]);
            out.push(Conflict {
                kind: ConflictKind::RoomDoubleBooked,
                message: format!(
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
                session_ids: vec![a.id, b.id],
                event_id: None,
            });
        }
    }

    // People in two sessions at once, in any role.
    let mut by_person: HashMap<Id, (String, Vec<Booking>)> = HashMap::new();
    for r in s.roles {
        let (Some(person_id), Some(name), Some(x)) = (
            r.role.person_id,
            &r.person,
            sessions.get(&r.role.session_id),
        ) else {
            continue;
        };
        if let (Some(a), Some(b)) = (x.start, x.end) {
            let entry = by_person
                .entry(person_id)
                .or_insert_with(|| (name.clone(), Vec::new()));
            if !entry.1.iter().any(|i| i.2 == x.id) {
                entry.1.push((a, b, x.id));
            }
        }
    }
    let mut person_ids: Vec<_> = by_person.keys().copied().collect();
    person_ids.sort_unstable();
    for person in person_ids {
        let (name, items) = by_person.get_mut(&person).expect("key");
        for (a, b) in overlapping_pairs(items) {
            let (a, b) = (sessions[&a], sessions[&b]);
            out.push(Conflict {
                kind: ConflictKind::PersonDoubleBooked,
                message: format!(
                    "{name} is in two sessions at once: \"{}\" ({}) and \"{}\" ({}).",
                    a.title,
                    when(a),
                    b.title,
                    when(b)
                ),
                session_ids: vec![a.id, b.id],
                event_id: None,
            });
        }
    }
    out
}

/// Checks the plan in `store`.
pub fn check(store: &Store) -> Result<Vec<Conflict>> {
    let plan = store.plan()?;
    let events = store.events()?;
    let sessions = store.sessions()?;
    let rooms = store.rooms()?;
    let roles = store.all_roles()?;
    let cochairs = store.cochairs()?;
    Ok(conflicts(&Snapshot {
        plan: &plan,
        events: &events,
        sessions: &sessions,
        rooms: &rooms,
        roles: &roles,
        cochairs: &cochairs,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
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
        for ((a0, a1), (b0, b1), want) in cases {
            let day = &a0[..10];
            let a = (t(a0), t(&format!("{day} {a1}")));
            let b = (t(b0), t(&format!("{day} {b1}")));
            assert_eq!(overlaps(a, b), want, "{a:?} {b:?}");
            assert_eq!(overlaps(b, a), want, "symmetric {a:?} {b:?}");
        }
    }

    fn session(id: Id, start: &str, end: &str, room: Option<Id>) -> Session {
        Session {
            id,
            event_id: 1,
            title: format!("S{id}"),
            kind: SessionKind::Discussion,
            start: Some(t(start)),
            end: Some(t(&format!("{} {end}", &start[..10]))),
            room_id: room,
            description: String::new(),
            agenda_item: String::new(),
            outcome: String::new(),
            notes: String::new(),
            pinned: false,
        }
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
        let role = |session_id| RoleRow {
            role: SessionRole {
                id: session_id,
                session_id,
                role: RoleKind::Speaker,
                person_id: Some(5),
                organisation_id: None,
                note: String::new(),
                position: 0,
            },
            person: Some(person.display_name()),
            organisation: None,
        };
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
        });
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
}
