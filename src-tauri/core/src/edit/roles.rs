//! Who does what in a session: its ordered roles, and the speaker board's
//! assignments.

use super::{known_organisation, known_person};
use crate::error::{CoreError, Result};
use crate::limits::MAX_ROLE_NOTE;
use crate::model::{Id, RolePresence};
use crate::store::{RoleEntry, Store};

/// Refuses a row with neither a person nor an organisation, or naming one
/// the plan lacks, or with too long a note.
pub(super) fn check_roles(store: &Store, roles: &[RoleEntry]) -> Result<()> {
    for (i, r) in roles.iter().enumerate() {
        let field = format!("roles.{i}");
        if r.person_id.is_none() && r.organisation_id.is_none() {
            return Err(CoreError::invalid(
                &field,
                format!(
                    "Row {} ({}): choose a person or an organisation.",
                    i + 1,
                    r.role.label()
                ),
            ));
        }
        known_person(store, r.person_id, &field)?;
        known_organisation(store, r.organisation_id, &field)?;
        if r.note.chars().count() > MAX_ROLE_NOTE {
            return Err(CoreError::invalid(
                &field,
                format!(
                    "Row {}: the note is longer than {MAX_ROLE_NOTE} characters.",
                    i + 1
                ),
            ));
        }
    }
    Ok(())
}

/// The entry with its note trimmed, as it is kept.
pub(super) fn trimmed(r: &RoleEntry) -> RoleEntry {
    RoleEntry {
        note: r.note.trim().to_string(),
        ..r.clone()
    }
}

/// Replaces a session's roles with `roles`, in order.
pub fn set_session_roles(store: &mut Store, session_id: Id, roles: &[RoleEntry]) -> Result<()> {
    let session = store.session(session_id)?;
    check_roles(store, roles)?;
    let roles: Vec<RoleEntry> = roles.iter().map(trimmed).collect();
    store.set_session_roles(
        session_id,
        &roles,
        &format!("Edited the roles of “{}”", session.title),
    )
}

/// Adds one role at the end of a session's list (the speaker board's
/// assign); the same role twice is refused.
pub fn add_session_role(store: &mut Store, session_id: Id, entry: &RoleEntry) -> Result<()> {
    let session = store.session(session_id)?;
    check_roles(store, std::slice::from_ref(entry))?;
    let who = match (entry.person_id, entry.organisation_id) {
        (Some(p), _) => store.person_name(p)?,
        (None, Some(o)) => store.organisation(o)?.name,
        (None, None) => unreachable!("checked above"),
    };
    let role = entry.role.label().to_lowercase();
    if store.has_role(session_id, entry)? {
        return Err(CoreError::invalid(
            "person_id",
            format!("{who} is already {role} of “{}”.", session.title),
        ));
    }
    let mut how = String::new();
    if entry.presence != RolePresence::InPerson {
        how = format!(" ({})", entry.presence.label().to_lowercase());
    }
    if entry.tentative {
        how.push_str(", to be confirmed");
    }
    store.add_session_role(
        session_id,
        &trimmed(entry),
        &format!("Assigned {who} as {role}{how} of “{}”", session.title),
    )
}

/// `with` takes the roles `replace` holds in a session ("Ms A replaces Mr B
/// in “Panel I”"), and their turns on its speaking list, as one step. The
/// roles keep their holder; substituting the holder back clears it.
pub fn substitute(store: &mut Store, session_id: Id, replace: Id, with: Id) -> Result<()> {
    let session = store.session(session_id)?;
    if store
        .session_runs()?
        .get(&session_id)
        .is_some_and(|run| run.cancelled)
    {
        return Err(CoreError::invalid(
            "session",
            format!("“{}” is cancelled.", session.title),
        ));
    }
    known_person(store, Some(replace), "replace")?;
    known_person(store, Some(with), "with")?;
    let (replace_name, with_name) = (store.person_name(replace)?, store.person_name(with)?);
    if replace == with {
        return Err(CoreError::invalid(
            "with",
            format!("{with_name} cannot replace themselves."),
        ));
    }
    let takers = store.session_takers(session_id)?;
    let taker = |holder: Option<Id>, by: Option<Id>| by.or(holder);
    let roles: Vec<(Id, Option<Id>)> = takers
        .iter()
        .filter(|(_, holder, by)| taker(*holder, *by) == Some(replace))
        .map(|(id, holder, _)| (*id, (*holder != Some(with)).then_some(with)))
        .collect();
    if roles.is_empty() {
        return Err(CoreError::invalid(
            "replace",
            format!("{replace_name} has no role in “{}”.", session.title),
        ));
    }
    if takers
        .iter()
        .any(|(_, holder, by)| taker(*holder, *by) == Some(with))
    {
        return Err(CoreError::invalid(
            "with",
            format!("{with_name} already has a role in “{}”.", session.title),
        ));
    }
    store.substitute(
        session_id,
        &roles,
        replace,
        with,
        &format!("{with_name} replaces {replace_name} in “{}”", session.title),
    )
}
