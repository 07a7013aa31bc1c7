//! The directory of people: adding, changing, deleting (saying first what
//! else that changes) and merging duplicates.

use super::{known_organisation, plural, titles, Impact};
use crate::error::{CoreError, Result};
use crate::fold::fold;
use crate::forms::PersonForm;
use crate::interop::speakers::read_person;
use crate::model::{Id, Organisation, Person};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use specta::Type;

/// A new person's form filled from what was typed into a picker, read as
/// a programme's speakers cell reads a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct PersonPrefill {
    pub form: PersonForm,
    /// The organisation as typed when none of the plan's matched it, to
    /// offer adding it; empty when none was typed or one matched.
    pub organisation: String,
}

/// Reads "Amb. Juan José Gómez Camacho, Permanent Representative of
/// Mexico" into honorific, names and position, with the organisation the
/// plan already has under that name or acronym (by the search fold). Text
/// that does not read as a name still fills the names, word by word.
pub fn person_prefill(store: &Store, typed: &str) -> Result<PersonPrefill> {
    let typed = typed.trim();
    let orgs = store.organisations()?;
    let Some(read) = read_person(typed) else {
        let (name, position) = typed.split_once(',').unwrap_or((typed, ""));
        let words: Vec<&str> = name.split_whitespace().collect();
        let (given, family) = match words.split_last() {
            Some((last, rest)) => (rest.join(" "), (*last).to_string()),
            None => (String::new(), String::new()),
        };
        return Ok(PersonPrefill {
            form: PersonForm {
                given_name: given,
                family_name: family,
                position: position.trim().to_string(),
                ..Default::default()
            },
            organisation: String::new(),
        });
    };
    let position = read.position;
    let (organisation_id, organisation) = match &read.organisation {
        Some(o) => match matching(&orgs, &o.name).or_else(|| matching(&orgs, &o.acronym)) {
            Some(id) => (Some(id), String::new()),
            None if o.acronym.is_empty() || o.acronym == o.name => (None, o.name.clone()),
            None => (None, format!("{} ({})", o.name, o.acronym)),
        },
        // "Permanent Representative of Mexico": the position names a
        // delegation the plan has, so the person is one of it.
        None => (
            of_in(&position).and_then(|t| matching(&orgs, t)),
            String::new(),
        ),
    };
    Ok(PersonPrefill {
        form: PersonForm {
            honorific: read.honorific,
            given_name: read.given_name,
            family_name: read.family_name,
            position,
            organisation_id,
            ..Default::default()
        },
        organisation,
    })
}

/// The organisation whose name, official name or acronym folds to `text`'s fold.
fn matching(orgs: &[Organisation], text: &str) -> Option<Id> {
    let wanted = fold(text.trim());
    if wanted.is_empty() {
        return None;
    }
    orgs.iter()
        .find(|o| {
            fold(&o.name) == wanted
                || (!o.acronym.is_empty() && fold(&o.acronym) == wanted)
                || (!o.official_name.is_empty() && fold(&o.official_name) == wanted)
        })
        .map(|o| o.id)
}

/// What follows the last " of " in a position: "Mexico" in "Permanent
/// Representative of Mexico".
fn of_in(position: &str) -> Option<&str> {
    position.rfind(" of ").and_then(|i| position.get(i + 4..))
}

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
