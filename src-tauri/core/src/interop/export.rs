//! A plan (or a part of it) as a `Programme`, for every writer: the whole
//! plan, one event, one room, or one person's own sessions.

use super::programme::*;
use crate::error::{CoreError, Result};
use crate::model::{Id, Organisation, Person, Session};
use crate::store::{Store, UidTable};
use std::collections::HashMap;

/// Which sessions an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Scope {
    Plan,
    Event(Id),
    Room(Id),
    /// The sessions where this person holds a role: a speaker's calendar.
    Person(Id),
}

/// The plan's sessions in `scope`, with their rooms, events and people,
/// each carrying its UUID. Sessions come in the order of their start
/// (unscheduled ones last), then by room and id.
pub fn programme(store: &Store, scope: Scope) -> Result<Programme> {
    let plan = store.plan()?;
    let zone = plan
        .time_zone
        .parse()
        .map(Zone::Named)
        .map_err(|_| CoreError::invalid("time_zone", "The plan's time zone is not known."))?;
    let uid = |t| store.uids(t);
    let (plan_uid, event_uids, room_uids, session_uids) = (
        uid(UidTable::Plan)?,
        uid(UidTable::Event)?,
        uid(UidTable::Room)?,
        uid(UidTable::Session)?,
    );
    let (person_uids, org_uids, role_uids) = (
        uid(UidTable::Person)?,
        uid(UidTable::Organisation)?,
        uid(UidTable::Role)?,
    );
    let events = store.events()?;
    let rooms = store.rooms()?;
    let people: HashMap<Id, Person> = store.people()?.into_iter().map(|p| (p.id, p)).collect();
    let orgs: HashMap<Id, Organisation> = store
        .organisations()?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut roles: HashMap<Id, Vec<crate::model::SessionRole>> = HashMap::new();
    for row in store.all_roles()? {
        roles.entry(row.role.session_id).or_default().push(row.role);
    }

    let mut title = plan.title.clone();
    let mut sessions: Vec<Session> = store.sessions()?;
    match scope {
        Scope::Plan => {}
        Scope::Event(id) => {
            let e = store.event(id)?;
            title = format!("{} — {}", plan.title, e.title);
            sessions.retain(|s| s.event_id == id);
        }
        Scope::Room(id) => {
            let r = store.room(id)?;
            title = format!("{} — {}", plan.title, r.name);
            sessions.retain(|s| s.room_id == Some(id));
        }
        Scope::Person(id) => {
            let p = store.person(id)?;
            title = format!("{} — {}", plan.title, p.display_name());
            sessions.retain(|s| {
                roles
                    .get(&s.id)
                    .is_some_and(|rs| rs.iter().any(|r| r.person_id == Some(id)))
            });
        }
    }
    sessions.sort_by_key(|s| (s.start.is_none(), s.start, s.room_id, s.id));

    let event_index: HashMap<Id, usize> =
        events.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    let room_name: HashMap<Id, &str> = rooms.iter().map(|r| (r.id, r.name.as_str())).collect();
    let org_of = |id: Id| {
        orgs.get(&id).map(|o| ProgrammeOrganisation {
            uid: org_uids.get(&id).cloned(),
            name: o.name.clone(),
            acronym: o.acronym.clone(),
        })
    };
    let person_of = |id: Id| {
        people.get(&id).map(|p| ProgrammePerson {
            uid: person_uids.get(&id).cloned(),
            source_id: String::new(),
            written: p.display_name(),
            honorific: p.honorific.clone(),
            given_name: p.given_name.clone(),
            family_name: p.family_name.clone(),
            position: p.position.clone(),
            organisation: p.organisation_id.and_then(org_of),
            email: p.email.clone(),
        })
    };

    let mut used_rooms: Vec<Id> = Vec::new();
    let programme_sessions = sessions
        .iter()
        .map(|s| {
            if let Some(r) = s.room_id {
                if !used_rooms.contains(&r) {
                    used_rooms.push(r);
                }
            }
            ProgrammeSession {
                uid: session_uids.get(&s.id).cloned(),
                place: format!("session {}", s.id),
                source_id: s.id.to_string(),
                event: event_index.get(&s.event_id).copied(),
                title: s.title.clone(),
                day: s.on_day(),
                start: s.start,
                end: s.end,
                room: s
                    .room_id
                    .and_then(|r| room_name.get(&r))
                    .map(|n| n.to_string()),
                source_kind: s.kind.key().to_string(),
                kind: Some(s.kind),
                agenda_item: s.agenda_item.clone(),
                description: s.description.clone(),
                extras: if s.link.is_empty() {
                    Vec::new()
                } else {
                    vec![("Link".to_string(), s.link.clone())]
                },
                notes: s.notes.clone(),
                outcome: s.outcome.clone(),
                roles: roles
                    .get(&s.id)
                    .map(|rs| {
                        rs.iter()
                            .map(|r| ProgrammeRole {
                                uid: role_uids.get(&r.id).cloned(),
                                kind: r.role,
                                person: r.person_id.and_then(person_of),
                                organisation: r.organisation_id.and_then(org_of),
                                note: r.note.clone(),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();

    // Rooms in the plan's order; a scoped export lists only those it uses.
    let programme_rooms = rooms
        .iter()
        .filter(|r| scope == Scope::Plan || used_rooms.contains(&r.id))
        .map(|r| ProgrammeRoom {
            uid: room_uids.get(&r.id).cloned(),
            name: r.name.clone(),
        })
        .collect();
    Ok(Programme {
        uid: plan_uid.get(&1).cloned(),
        title,
        acronym: String::new(),
        version: String::new(),
        zone,
        first_day: Some(plan.first_day),
        last_day: Some(plan.last_day),
        events: events
            .iter()
            .map(|e| ProgrammeEvent {
                uid: event_uids.get(&e.id).cloned(),
                title: e.title.clone(),
                short_name: e.short_name.clone(),
                first_day: Some(e.first_day),
                last_day: Some(e.last_day),
                description: e.description.clone(),
            })
            .collect(),
        rooms: programme_rooms,
        sessions: programme_sessions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_in_memory;

    #[test]
    fn the_whole_plan_exports_every_session_with_its_identity() {
        let store = sample_in_memory().unwrap();
        let p = programme(&store, Scope::Plan).unwrap();
        assert_eq!(p.sessions.len() as i64, store.session_count().unwrap());
        assert!(p.sessions.iter().all(|s| s.uid.is_some()));
        assert_eq!(p.zone, Zone::Named(chrono_tz::Asia::Bangkok));
        assert_eq!(p.rooms.len(), store.rooms().unwrap().len());
        let starts: Vec<_> = p.sessions.iter().filter_map(|s| s.start).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn a_person_export_holds_only_their_sessions() {
        let store = sample_in_memory().unwrap();
        let roles = store.all_roles().unwrap();
        let person = roles.iter().find_map(|r| r.role.person_id).unwrap();
        let mine: std::collections::BTreeSet<Id> = roles
            .iter()
            .filter(|r| r.role.person_id == Some(person))
            .map(|r| r.role.session_id)
            .collect();
        let p = programme(&store, Scope::Person(person)).unwrap();
        assert_eq!(p.sessions.len(), mine.len());
        assert!(p.sessions.iter().all(|s| s.roles.iter().any(|r| r
            .person
            .as_ref()
            .and_then(|p| p.uid.clone())
            == store.uids(UidTable::Person).unwrap().get(&person).cloned())));
    }

    #[test]
    fn a_scope_that_names_nothing_is_refused() {
        let store = sample_in_memory().unwrap();
        assert!(programme(&store, Scope::Event(9_999)).is_err());
        assert!(programme(&store, Scope::Room(9_999)).is_err());
        assert!(programme(&store, Scope::Person(9_999)).is_err());
    }
}
