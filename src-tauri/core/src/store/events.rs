//! The events of the week.

use super::Store;
use crate::error::{CoreError, Result};
use crate::model::{Event, Id};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

/// An event to write, checked (`forms::EventForm`).
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub title: String,
    pub short_name: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub description: String,
}

const EVENT_COLS: &str = "id, title, short_name, first_day, last_day, description";
fn event_row(r: &Row) -> rusqlite::Result<Event> {
    Ok(Event {
        id: r.get(0)?,
        title: r.get(1)?,
        short_name: r.get(2)?,
        first_day: r.get(3)?,
        last_day: r.get(4)?,
        description: r.get(5)?,
    })
}

impl Store {
    pub fn events(&self) -> Result<Vec<Event>> {
        self.select(
            &format!("SELECT {EVENT_COLS} FROM event ORDER BY first_day, last_day, id"),
            [],
            event_row,
        )
    }

    pub fn event(&self, id: Id) -> Result<Event> {
        self.event_if_exists(id)?
            .ok_or(CoreError::NotFound { what: "event", id })
    }

    pub fn event_if_exists(&self, id: Id) -> Result<Option<Event>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {EVENT_COLS} FROM event WHERE id = ?1"),
                [id],
                event_row,
            )
            .optional()?)
    }

    /// Adds an event as one edit; returns its id.
    pub fn insert_event(&mut self, d: &EventDraft, summary: &str) -> Result<Id> {
        self.edit(summary, |tx| {
            tx.execute(
                concat!("INSERT INTO event (title, short_name, first_day, last_day, description, uid) VALUES (?1, ?2, ?3, ?4, ?5, ", new_uid!(), ")"),
                params![d.title, d.short_name, d.first_day, d.last_day, d.description],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Writes an event as one edit, unless one of its sessions falls outside
    /// its new days: then nothing is written, and that session's title comes back.
    pub fn update_event(
        &mut self,
        id: Id,
        d: &EventDraft,
        summary: &str,
    ) -> Result<Option<String>> {
        let done = self.edit_unless(summary, |tx| {
            let outside: Option<String> = tx
                .query_row(
                    "SELECT title FROM session WHERE event_id = ?1 AND start IS NOT NULL AND (date(start) < ?2 OR date(start) > ?3) ORDER BY start LIMIT 1",
                    params![id, d.first_day, d.last_day],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(title) = outside {
                return Ok(Err(title));
            }
            tx.execute(
                "UPDATE event SET title=?2, short_name=?3, first_day=?4, last_day=?5, description=?6 WHERE id=?1",
                params![id, d.title, d.short_name, d.first_day, d.last_day, d.description],
            )?;
            Ok(Ok(()))
        })?;
        Ok(done.err())
    }

    /// Deletes an event with its sessions, roles and participations, as one edit.
    pub fn delete_event(&mut self, id: Id, summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute("DELETE FROM event WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}
