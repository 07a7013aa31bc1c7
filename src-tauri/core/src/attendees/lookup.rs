//! Finding an event or a person by what someone typed, and a person's
//! itinerary.

use crate::agenda;
use crate::error::{CoreError, Result};
use crate::fold;
use crate::model::*;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use specta::Type;

/// One of a person's sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ItineraryEntry {
    pub session: Session,
    pub role: RoleKind,
    pub note: String,
    pub room: Option<String>,
    pub event_title: String,
}

/// Every session in which `person_id` has a role, in time order.
pub fn itinerary(store: &Store, person_id: Id) -> Result<Vec<ItineraryEntry>> {
    store
        .person_name(person_id)
        .map_err(|_| CoreError::NotFound {
            what: "person",
            id: person_id,
        })?;
    let agenda = agenda::agenda(store, None)?;
    let mut out = Vec::new();
    for s in agenda
        .days
        .iter()
        .flat_map(|d| &d.sessions)
        .chain(&agenda.unscheduled)
    {
        for r in s.roles.iter().filter(|r| r.person_id == Some(person_id)) {
            out.push(ItineraryEntry {
                session: s.session.clone(),
                role: r.role,
                note: r.note.clone(),
                room: s.room.clone(),
                event_title: s.event_title.clone(),
            });
        }
    }
    Ok(out)
}

/// Finds an event by id, short name or title, ignoring case and accents
/// (`fold`); one written exactly as typed wins.
pub fn find_event(store: &Store, wanted: &str) -> Result<Event> {
    let w = wanted.trim();
    let events = store.events()?;
    let named = |e: &&Event, same: fn(&str, &str) -> bool| {
        e.id.to_string() == w || same(&e.short_name, w) || same(&e.title, w)
    };
    events
        .iter()
        .find(|e| named(e, |a, b| a == b))
        .or_else(|| events.iter().find(|e| named(e, fold::same)))
        .cloned()
        .ok_or_else(|| {
            CoreError::invalid(
                "event",
                format!(
                    "No event \"{w}\" (events: {}).",
                    events
                        .iter()
                        .map(|e| if e.short_name.is_empty() {
                            e.title.as_str()
                        } else {
                            e.short_name.as_str()
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
}

/// Finds a person by id, email, or whole name ("Lynn Bell", with or without
/// title), ignoring case and accents (`fold`): "nguyen thi hoa" finds
/// "Ms Nguyễn Thị Hoà".
pub fn find_person(store: &Store, wanted: &str) -> Result<Person> {
    let w = wanted.trim();
    let people = store.people()?;
    let matches: Vec<&Person> = people
        .iter()
        .filter(|p| {
            p.id.to_string() == w
                || (!p.email.is_empty() && fold::same(&p.email, w))
                || fold::same(&p.display_name(), w)
                || fold::same(&display_name([p.given_name.as_str(), &p.family_name]), w)
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(CoreError::invalid(
            "person",
            format!("No person with the id, email or name \"{w}\"."),
        )),
        many => Err(CoreError::invalid(
            "person",
            format!(
                "{} people match \"{w}\"; use an id ({}).",
                many.len(),
                many.iter()
                    .map(|p| p.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}
