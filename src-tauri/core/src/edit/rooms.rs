//! Adding, changing and deleting rooms; a room's name is unique, ignoring case.

use crate::error::{CoreError, Result};
use crate::forms::RoomForm;
use crate::model::{Id, Room};
use crate::store::Store;

fn refuse_taken_name(store: &Store, name: &str, except: Option<Id>) -> Result<()> {
    if store.room_name_taken(name, except)? {
        return Err(CoreError::invalid(
            "name",
            format!("A room named \"{name}\" already exists."),
        ));
    }
    Ok(())
}

pub fn create_room(store: &mut Store, form: &RoomForm) -> Result<Room> {
    let d = form.validate().map_err(CoreError::Invalid)?;
    refuse_taken_name(store, &d.name, None)?;
    let id = store.insert_room(&d, &format!("Added room “{}”", d.name))?;
    store.room(id)
}

pub fn update_room(store: &mut Store, id: Id, form: &RoomForm) -> Result<Room> {
    store.room(id)?;
    let d = form.validate().map_err(CoreError::Invalid)?;
    refuse_taken_name(store, &d.name, Some(id))?;
    store.update_room(id, &d, &format!("Edited room “{}”", d.name))?;
    store.room(id)
}

/// Deletes a room; its sessions keep their times and lose the room.
pub fn delete_room(store: &mut Store, id: Id) -> Result<()> {
    let name = store.room(id)?.name;
    store.delete_room(id, &format!("Deleted room “{}”", name))
}
