//! Adding, changing and deleting the events of the week.

use crate::error::{CoreError, Result};
use crate::forms::EventForm;
use crate::model::{Event, Id};
use crate::store::Store;

pub fn create_event(store: &mut Store, form: &EventForm) -> Result<Event> {
    let plan = store.plan()?;
    let d = form.validate(&plan).map_err(CoreError::Invalid)?;
    let id = store.insert_event(&d, &format!("Added event “{}”", d.title))?;
    store.event(id)
}

/// Changes an event; its days may not leave one of its sessions outside.
pub fn update_event(store: &mut Store, id: Id, form: &EventForm) -> Result<Event> {
    let plan = store.plan()?;
    store.event(id)?;
    let d = form.validate(&plan).map_err(CoreError::Invalid)?;
    let summary = format!("Edited event “{}”", d.title);
    if let Some(title) = store.update_event(id, &d, &summary)? {
        return Err(CoreError::invalid(
            "first_day",
            format!("Session \"{title}\" falls outside these days; move it first."),
        ));
    }
    store.event(id)
}

/// Deletes an event with its sessions, roles and participations.
pub fn delete_event(store: &mut Store, id: Id) -> Result<()> {
    let title = store.event(id)?.title;
    store.delete_event(id, &format!("Deleted event “{}”", title))
}
