//! Who comes: registering people for an event, and checking them in.

use crate::error::{CoreError, Result};
use crate::forms::day_span;
use crate::limits::MAX_CAPACITY;
use crate::model::{Id, RegistrationStatus};
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime};

/// Registers a person for an event with a status and a capacity in their
/// delegation, or with `None` removes the registration and check-ins.
pub fn set_registration(
    store: &mut Store,
    event_id: Id,
    person_id: Id,
    registration: Option<RegistrationStatus>,
    capacity: &str,
) -> Result<()> {
    let event = store.event(event_id)?;
    let name = store.person(person_id)?.display_name();
    let capacity = capacity.trim();
    if capacity.chars().count() > MAX_CAPACITY {
        return Err(CoreError::invalid(
            "capacity",
            format!("Capacity is longer than {MAX_CAPACITY} characters."),
        ));
    }
    let summary = match registration {
        Some(r) => format!("{name}: {} for {}", r.label(), event.title),
        None => format!("Removed {name} from {}", event.title),
    };
    store.set_registration(event_id, person_id, registration, capacity, &summary)
}

/// Checks a person in (or, with `present` false, out) for one day of an
/// event, at `at` on the plan's wall clock; a person not yet on the event's
/// list is added as confirmed.
pub fn check_in(
    store: &mut Store,
    event_id: Id,
    person_id: Id,
    day: NaiveDate,
    present: bool,
    at: NaiveDateTime,
) -> Result<()> {
    let event = store.event(event_id)?;
    if day < event.first_day || day > event.last_day {
        return Err(CoreError::invalid(
            "day",
            format!(
                "{} does not run on {day} ({}).",
                event.title,
                day_span(event.first_day, event.last_day)
            ),
        ));
    }
    let name = store
        .person_name(person_id)
        .map_err(|_| CoreError::NotFound {
            what: "person",
            id: person_id,
        })?;
    let summary = if present {
        format!("Checked in {name} on {}", day.format("%a %-d %b"))
    } else {
        format!(
            "Undid the check-in of {name} on {}",
            day.format("%a %-d %b")
        )
    };
    store.set_present(event_id, person_id, day, present, at, &summary)
}
