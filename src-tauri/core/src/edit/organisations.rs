//! The directory of organisations: adding, changing, deleting (saying first
//! what else that changes) and merging duplicates.

use super::{plural, titles, Impact};
use crate::error::{CoreError, Result};
use crate::forms::OrganisationForm;
use crate::model::{Id, Organisation};
use crate::store::Store;

fn refuse_taken_name(store: &Store, name: &str, except: Option<Id>) -> Result<()> {
    if store.organisation_name_taken(name, except)? {
        return Err(CoreError::invalid(
            "name",
            format!("An organisation named \"{name}\" already exists."),
        ));
    }
    Ok(())
}

pub fn create_organisation(store: &mut Store, form: &OrganisationForm) -> Result<Organisation> {
    let d = form.validate().map_err(CoreError::Invalid)?;
    refuse_taken_name(store, &d.name, None)?;
    let id = store.insert_organisation(&d, &format!("Added organisation “{}”", d.name))?;
    store.organisation(id)
}

pub fn update_organisation(
    store: &mut Store,
    id: Id,
    form: &OrganisationForm,
) -> Result<Organisation> {
    store.organisation(id)?;
    let d = form.validate().map_err(CoreError::Invalid)?;
    refuse_taken_name(store, &d.name, Some(id))?;
    store.update_organisation(id, &d, &format!("Edited organisation “{}”", d.name))?;
    store.organisation(id)
}

/// What deleting organisation `id` would change.
pub fn organisation_impact(store: &Store, id: Id) -> Result<Impact> {
    let org = store.organisation(id)?;
    let uses = store.organisation_uses(id)?;
    let mut lines = Vec::new();
    if uses.people > 0 {
        lines.push(format!(
            "{} will have no organisation.",
            plural(uses.people, "person", "people")
        ));
    }
    if uses.roles > 0 {
        lines.push(format!(
            "{} will be removed: {}.",
            plural(
                uses.roles,
                "organisation-only session role",
                "organisation-only session roles"
            ),
            titles(&uses.role_sessions)
        ));
    }
    for (n, one, many) in [
        (uses.cochair_seats, "co-chair seat", "co-chair seats"),
        (uses.cohosts, "co-host entry", "co-host entries"),
        (
            uses.participations,
            "event participation",
            "event participations",
        ),
        (
            uses.speaking_turns,
            "speaking-list turn",
            "speaking-list turns",
        ),
    ] {
        if n > 0 {
            lines.push(format!("{} will be removed.", plural(n, one, many)));
        }
    }
    Ok(Impact {
        name: org.name,
        lines,
    })
}

/// Deletes an organisation. Its people stay, without an organisation;
/// roles held by a person stay, without it.
pub fn delete_organisation(store: &mut Store, id: Id) -> Result<()> {
    let name = store.organisation(id)?.name;
    store.delete_organisation(id, &format!("Deleted organisation “{name}”"))
}

/// Merges organisation `drop` into `keep`: its people, roles, co-chair
/// seats, co-host entries, participations and speaking turns move to
/// `keep`; blank fields of `keep` take `drop`'s values. One undoable step.
pub fn merge_organisations(store: &mut Store, keep: Id, drop: Id) -> Result<Organisation> {
    if keep == drop {
        return Err(CoreError::invalid(
            "drop",
            "Choose two different organisations to merge.",
        ));
    }
    let k = store.organisation(keep)?;
    let d = store.organisation(drop)?;
    store.merge_organisations(keep, &d, &format!("Merged “{}” into “{}”", d.name, k.name))?;
    store.organisation(keep)
}
