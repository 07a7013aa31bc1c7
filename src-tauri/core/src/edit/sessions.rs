//! Adding, changing, pinning and deleting sessions through their form.
//! Moves, resizes and re-timing are the planner's.

use crate::error::{CoreError, Result};
use crate::forms::SessionForm;
use crate::model::{Id, Session};
use crate::planner::describe_change;
use crate::store::{SessionDraft, Store};

/// The form checked against the plan, its event and its room.
fn validate(store: &Store, form: &SessionForm) -> Result<SessionDraft> {
    let plan = store.plan()?;
    let event = match form.event_id {
        Some(id) => store.event_if_exists(id)?,
        None => None,
    };
    let room_exists = match form.room_id {
        Some(id) => store.room_exists(id)?,
        None => true,
    };
    form.validate(&plan, event.as_ref(), room_exists)
        .map_err(CoreError::Invalid)
}

pub fn create_session(store: &mut Store, form: &SessionForm) -> Result<Session> {
    let d = validate(store, form)?;
    let id = store.insert_session(&d, &format!("Added session “{}”", d.title))?;
    store.session(id)
}

/// What a change of a session's form did, in the history's words.
fn summary(before: &Session, d: &SessionDraft) -> String {
    if let Some(day) = d.day.filter(|day| before.day != Some(*day)) {
        return format!(
            "Moved “{}” to {}, time to be confirmed",
            d.title,
            day.format("%a %-d %b")
        );
    }
    let change = describe_change(before, &d.title, d.start, d.room_id != before.room_id);
    match (before.tentative, d.tentative) {
        (false, true) if change.starts_with("Edited") => {
            format!("Marked “{}” as to be confirmed", d.title)
        }
        (true, false) if change.starts_with("Edited") => format!("Confirmed “{}”", d.title),
        _ => change,
    }
}

pub fn update_session(store: &mut Store, id: Id, form: &SessionForm) -> Result<Session> {
    let before = store.session(id)?;
    let d = validate(store, form)?;
    let summary = summary(&before, &d);
    store.update_session(id, &d, &summary)?;
    store.session(id)
}

pub fn delete_session(store: &mut Store, id: Id) -> Result<()> {
    let title = store.session(id)?.title;
    store.delete_session(id, &format!("Deleted session “{}”", title))
}

/// Pins a session to its start (or unpins it): a re-timing keeps it there.
pub fn set_pinned(store: &mut Store, id: Id, pinned: bool) -> Result<Session> {
    let s = store.session(id)?;
    let summary = if pinned {
        format!("Pinned “{}”", s.title)
    } else {
        format!("Unpinned “{}”", s.title)
    };
    store.set_pinned(id, pinned, &summary)?;
    store.session(id)
}
