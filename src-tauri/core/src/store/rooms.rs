//! The venue's rooms.

use super::Store;
use crate::error::{CoreError, Result};
use crate::model::{Id, Room};
use rusqlite::{params, OptionalExtension, Row};

/// A room to write, checked (`forms::RoomForm`).
#[derive(Debug, Clone, PartialEq)]
pub struct RoomDraft {
    pub name: String,
    pub capacity: Option<u32>,
    pub notes: String,
}

const ROOM_COLS: &str = "id, name, capacity, notes";
fn room_row(r: &Row) -> rusqlite::Result<Room> {
    Ok(Room {
        id: r.get(0)?,
        name: r.get(1)?,
        capacity: r.get(2)?,
        notes: r.get(3)?,
    })
}

impl Store {
    pub fn rooms(&self) -> Result<Vec<Room>> {
        self.select(
            &format!("SELECT {ROOM_COLS} FROM room ORDER BY plenary_sort_key(name), id"),
            [],
            room_row,
        )
    }

    pub fn room(&self, id: Id) -> Result<Room> {
        self.conn
            .query_row(
                &format!("SELECT {ROOM_COLS} FROM room WHERE id = ?1"),
                [id],
                room_row,
            )
            .optional()?
            .ok_or(CoreError::NotFound { what: "room", id })
    }

    pub fn room_exists(&self, id: Id) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM room WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?)
    }

    /// Whether another room than `except` has this name, ignoring case.
    pub fn room_name_taken(&self, name: &str, except: Option<Id>) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM room WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2)",
            params![name, except],
            |r| r.get(0),
        )?)
    }

    /// Adds a room as one edit; returns its id.
    pub fn insert_room(&mut self, d: &RoomDraft, summary: &str) -> Result<Id> {
        self.edit(summary, |tx| {
            tx.execute(
                concat!(
                    "INSERT INTO room (name, capacity, notes, uid) VALUES (?1, ?2, ?3, ",
                    new_uid!(),
                    ")"
                ),
                params![d.name, d.capacity, d.notes],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn update_room(&mut self, id: Id, d: &RoomDraft, summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "UPDATE room SET name=?2, capacity=?3, notes=?4 WHERE id=?1",
                params![id, d.name, d.capacity, d.notes],
            )?;
            Ok(())
        })
    }

    /// Deletes a room as one edit; its sessions keep their times and lose the room.
    pub fn delete_room(&mut self, id: Id, summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute("DELETE FROM room WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Adds rooms in one transaction, outside the undo history; returns their ids.
    pub fn insert_rooms(&mut self, rooms: &[Room]) -> Result<Vec<Id>> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(concat!(
                "INSERT INTO room (name, capacity, notes, uid) VALUES (?1, ?2, ?3, ",
                new_uid!(),
                ")"
            ))?;
            let mut ids = Vec::with_capacity(rooms.len());
            for r in rooms {
                st.execute(params![r.name, r.capacity, r.notes])?;
                ids.push(tx.last_insert_rowid());
            }
            Ok(ids)
        })
    }
}
