//! Who takes part in an event: participating organisations, co-chairs and co-hosts.

use super::{known_organisation, known_person};
use crate::error::{CoreError, Result};
use crate::limits::{MAX_LEVEL, MAX_ROLE_LABEL};
use crate::model::{Event, Id, ParticipationStatus};
use crate::store::{CochairEntry, Store};

/// Sets how `organisation_id` takes part in an event, or with `None`
/// removes it from the event (its people stay registered).
pub fn set_participation(
    store: &mut Store,
    event_id: Id,
    organisation_id: Id,
    status: Option<ParticipationStatus>,
    level: &str,
) -> Result<()> {
    let event = store.event(event_id)?;
    let org = store.organisation(organisation_id)?;
    let level = level.trim();
    if level.chars().count() > MAX_LEVEL {
        return Err(CoreError::invalid(
            "level",
            format!("Level is longer than {MAX_LEVEL} characters."),
        ));
    }
    let summary = match status {
        Some(s) => format!(
            "{} takes part in {} as {}",
            org.name,
            event.title,
            s.label()
        ),
        None => format!("Removed {} from {}", org.name, event.title),
    };
    store.set_participation(event_id, organisation_id, status, level, &summary)
}

/// Refuses a co-chair row naming what the plan lacks, a day the event does
/// not run on, or too long a label.
fn check_cochair(store: &Store, event: &Event, i: usize, r: &CochairEntry) -> Result<()> {
    let field = format!("cochairs.{i}");
    known_organisation(store, Some(r.organisation_id), &field)?;
    known_person(store, r.person_id, &field)?;
    if let Some(day) = r.day {
        if day < event.first_day || day > event.last_day {
            return Err(CoreError::invalid(
                &field,
                format!("Row {}: {} does not run on {day}.", i + 1, event.title),
            ));
        }
    }
    if r.role_label.chars().count() > MAX_ROLE_LABEL {
        return Err(CoreError::invalid(
            &field,
            format!(
                "Row {}: the role label is longer than {MAX_ROLE_LABEL} characters.",
                i + 1
            ),
        ));
    }
    Ok(())
}

/// Replaces an event's co-chairs with `rows`, in order.
pub fn set_cochairs(store: &mut Store, event_id: Id, rows: &[CochairEntry]) -> Result<()> {
    let event = store.event(event_id)?;
    for (i, r) in rows.iter().enumerate() {
        check_cochair(store, &event, i, r)?;
    }
    let rows: Vec<CochairEntry> = rows
        .iter()
        .map(|r| CochairEntry {
            role_label: r.role_label.trim().to_string(),
            ..r.clone()
        })
        .collect();
    store.set_cochairs(
        event_id,
        &rows,
        &format!("Edited the co-chairs of {}", event.title),
    )
}

/// Replaces the co-hosts of an event (`session_id` None) or of one of its sessions.
pub fn set_cohosts(
    store: &mut Store,
    event_id: Id,
    session_id: Option<Id>,
    organisations: &[Id],
) -> Result<()> {
    let event = store.event(event_id)?;
    let what = match session_id {
        Some(s) => {
            let session = store.session(s)?;
            if session.event_id != event_id {
                return Err(CoreError::invalid(
                    "session_id",
                    format!("“{}” is not part of {}.", session.title, event.title),
                ));
            }
            format!("“{}”", session.title)
        }
        None => event.title.clone(),
    };
    for (i, o) in organisations.iter().enumerate() {
        known_organisation(store, Some(*o), &format!("cohosts.{i}"))?;
    }
    store.set_cohosts(
        event_id,
        session_id,
        organisations,
        &format!("Edited the co-hosts of {what}"),
    )
}
