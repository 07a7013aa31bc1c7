//! The directory of people: adding, changing, deleting (saying first what
//! else that changes) and merging duplicates.

use super::{known_organisation, plural, titles, Impact};
use crate::error::{CoreError, Result};
use crate::forms::PersonForm;
use crate::model::{Id, Person};
use crate::store::Store;

pub fn create_person(store: &mut Store, form: &PersonForm) -> Result<Person> {
    let p = form.validate().map_err(CoreError::Invalid)?;
    known_organisation(store, p.organisation_id, "organisation_id")?;
    let id = store.insert_person(&p, &format!("Added {}", p.display_name()))?;
    store.person(id)
}

pub fn update_person(store: &mut Store, id: Id, form: &PersonForm) -> Result<Person> {
    store.person(id)?;
    let p = form.validate().map_err(CoreError::Invalid)?;
    known_organisation(store, p.organisation_id, "organisation_id")?;
    store.update_person(id, &p, &format!("Edited {}", p.display_name()))?;
    store.person(id)
}

/// What deleting person `id` would change.
pub fn person_impact(store: &Store, id: Id) -> Result<Impact> {
    let person = store.person(id)?;
    let uses = store.person_uses(id)?;
    let mut lines = Vec::new();
    if uses.roles > 0 {
        lines.push(format!(
            "{} will be removed: {}.",
            plural(uses.roles, "session role", "session roles"),
            titles(&uses.role_sessions)
        ));
    }
    if uses.registrations > 0 {
        lines.push(format!(
            "Registration and check-ins for {} will be removed.",
            plural(uses.registrations, "event", "events")
        ));
    }
    if uses.cochair_seats > 0 {
        lines.push(format!(
            "{} will stay with the government but without a person.",
            plural(uses.cochair_seats, "co-chair seat", "co-chair seats")
        ));
    }
    if uses.speaking_turns > 0 {
        lines.push(format!(
            "{} will stay with the delegation but without a speaker.",
            plural(
                uses.speaking_turns,
                "speaking-list turn",
                "speaking-list turns"
            )
        ));
    }
    Ok(Impact {
        name: person.display_name(),
        lines,
    })
}

pub fn delete_person(store: &mut Store, id: Id) -> Result<()> {
    let name = store.person(id)?.display_name();
    store.delete_person(id, &format!("Deleted {name}"))
}

/// Merges person `drop` into `keep`: roles, co-chair seats, speaking turns,
/// registrations and check-ins move to `keep`; blank fields of `keep` take
/// `drop`'s values; `drop` is deleted. One undoable step.
pub fn merge_people(store: &mut Store, keep: Id, drop: Id) -> Result<Person> {
    if keep == drop {
        return Err(CoreError::invalid(
            "drop",
            "Choose two different people to merge.",
        ));
    }
    let k = store.person(keep)?;
    let d = store.person(drop)?;
    let summary = format!("Merged {} into {}", d.display_name(), k.display_name());
    store.merge_people(keep, &d, &summary)?;
    store.person(keep)
}
