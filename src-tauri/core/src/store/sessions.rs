//! Sessions: their details, times, pins and copies.

use super::roles::replace_roles;
use super::{key_at, RoleEntry, Store};
use crate::error::{CoreError, Result};
use crate::model::{Id, Session, SessionKind};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Row, Transaction};

/// A session to write, checked (`forms::SessionForm`).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionDraft {
    pub event_id: Id,
    pub title: String,
    pub kind: SessionKind,
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    /// A day without times; None when `start` is set.
    pub day: Option<NaiveDate>,
    pub room_id: Option<Id>,
    pub description: String,
    pub agenda_item: String,
    pub outcome: String,
    pub notes: String,
    pub tentative: bool,
    pub link: String,
}

/// New times for one session; `room` set to `Some` moves it to that room too.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeChange {
    pub id: Id,
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    pub room: Option<Option<Id>>,
}

/// One session to copy, and what the copy gets.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionCopy {
    pub from: Id,
    pub event_id: Id,
    pub title: String,
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    /// The copy's day when it has no times.
    pub day: Option<NaiveDate>,
}

const SESSION_COLS: &str =
    "id, event_id, title, kind, start, \"end\", room_id, description, agenda_item, outcome, notes, pinned, day, tentative, link";
fn session_row(r: &Row) -> rusqlite::Result<Session> {
    Ok(Session {
        id: r.get(0)?,
        event_id: r.get(1)?,
        title: r.get(2)?,
        kind: key_at(r, 3, SessionKind::from_key)?,
        start: r.get(4)?,
        end: r.get(5)?,
        room_id: r.get(6)?,
        description: r.get(7)?,
        agenda_item: r.get(8)?,
        outcome: r.get(9)?,
        notes: r.get(10)?,
        pinned: r.get(11)?,
        day: r.get(12)?,
        tentative: r.get(13)?,
        link: r.get(14)?,
    })
}

impl Store {
    pub fn sessions(&self) -> Result<Vec<Session>> {
        self.select(
            &format!(
                "SELECT {SESSION_COLS} FROM session ORDER BY start IS NULL, start, \"end\", id"
            ),
            [],
            session_row,
        )
    }

    /// Every session still to be held, without its long texts (description,
    /// outcome, notes, agenda item), for the checks, which run after every
    /// edit. A cancelled session is left out: it no longer holds its room or
    /// its people, and has nothing left to confirm.
    pub fn session_slots(&self) -> Result<Vec<Session>> {
        self.select("SELECT id, event_id, title, kind, start, \"end\", room_id, pinned, day, tentative FROM session WHERE cancelled = 0 ORDER BY start IS NULL, start, \"end\", id", [], |r| {
            Ok(Session {
                id: r.get(0)?,
                event_id: r.get(1)?,
                title: r.get(2)?,
                kind: key_at(r, 3, SessionKind::from_key)?,
                start: r.get(4)?,
                end: r.get(5)?,
                room_id: r.get(6)?,
                description: String::new(),
                agenda_item: String::new(),
                outcome: String::new(),
                notes: String::new(),
                pinned: r.get(7)?,
                day: r.get(8)?,
                tentative: r.get(9)?,
                link: String::new(),
            })
        })
    }

    /// A pinned session in `room` overlapping `[start, end)`, other than `except`.
    pub fn pinned_overlapping(
        &self,
        room: Id,
        start: NaiveDateTime,
        end: NaiveDateTime,
        except: Id,
    ) -> Result<Option<Session>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {SESSION_COLS} FROM session WHERE pinned = 1 AND room_id = ?1 AND start < ?3 AND \"end\" > ?2 AND id <> ?4 ORDER BY start LIMIT 1"
                ),
                params![room, start, end, except],
                session_row,
            )
            .optional()?)
    }

    /// Sessions starting in `[from, to)`, in time order.
    pub fn sessions_between(&self, from: NaiveDateTime, to: NaiveDateTime) -> Result<Vec<Session>> {
        self.select(&format!(
            "SELECT {SESSION_COLS} FROM session WHERE start >= ?1 AND start < ?2 ORDER BY start, \"end\", id"
        ), params![from, to], session_row)
    }

    /// Sessions with neither times nor a day.
    pub fn unscheduled_sessions(&self) -> Result<Vec<Session>> {
        self.select(
            &format!(
                "SELECT {SESSION_COLS} FROM session WHERE start IS NULL AND day IS NULL ORDER BY id"
            ),
            [],
            session_row,
        )
    }

    /// Sessions on `day` whose times are to be confirmed, in the order made.
    pub fn day_only_sessions(&self, day: NaiveDate) -> Result<Vec<Session>> {
        self.select(
            &format!(
                "SELECT {SESSION_COLS} FROM session WHERE start IS NULL AND day = ?1 ORDER BY id"
            ),
            [day],
            session_row,
        )
    }

    pub fn session(&self, id: Id) -> Result<Session> {
        self.conn
            .query_row(
                &format!("SELECT {SESSION_COLS} FROM session WHERE id = ?1"),
                [id],
                session_row,
            )
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "session",
                id,
            })
    }

    /// Adds a session as one edit; returns its id.
    pub fn insert_session(&mut self, d: &SessionDraft, summary: &str) -> Result<Id> {
        self.edit(summary, |tx| insert_session_row(tx, d))
    }

    pub fn update_session(&mut self, id: Id, d: &SessionDraft, summary: &str) -> Result<()> {
        self.edit(summary, |tx| update_session_row(tx, id, d))
    }

    /// Writes a session (a new one when `id` is `None`) and replaces its
    /// roles with `roles`, in order, as one step; returns the session's id.
    pub fn save_session_with_roles(
        &mut self,
        id: Option<Id>,
        d: &SessionDraft,
        roles: &[RoleEntry],
        summary: &str,
    ) -> Result<Id> {
        self.edit(summary, |tx| {
            let id = match id {
                Some(id) => {
                    update_session_row(tx, id, d)?;
                    id
                }
                None => insert_session_row(tx, d)?,
            };
            replace_roles(tx, id, roles)?;
            Ok(id)
        })
    }

    pub fn delete_session(&mut self, id: Id, summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute("DELETE FROM session WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    pub fn set_pinned(&mut self, id: Id, pinned: bool, summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "UPDATE session SET pinned = ?2 WHERE id = ?1",
                params![id, pinned],
            )?;
            Ok(())
        })
    }

    /// Adds sessions in one transaction, outside the undo history: for
    /// generated plans.
    pub fn insert_sessions(&mut self, sessions: &[Session]) -> Result<Vec<Id>> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                concat!("INSERT INTO session (event_id, title, kind, start, \"end\", room_id, description, agenda_item, outcome, notes, pinned, day, tentative, link, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ", new_uid!(), ")"),
            )?;
            let mut ids = Vec::with_capacity(sessions.len());
            for d in sessions {
                st.execute(params![d.event_id, d.title, d.kind.key(), d.start, d.end, d.room_id, d.description, d.agenda_item, d.outcome, d.notes, d.pinned, d.day, d.tentative, d.link])?;
                ids.push(tx.last_insert_rowid());
            }
            Ok(ids)
        })
    }

    /// Sets times (and optionally rooms) of several sessions as one edit.
    pub fn set_session_times(&mut self, changes: &[TimeChange], summary: &str) -> Result<()> {
        for c in changes {
            self.session(c.id)?;
        }
        self.edit(summary, |tx| {
            let mut times = tx.prepare_cached(
                "UPDATE session SET start = ?2, \"end\" = ?3, day = NULL WHERE id = ?1",
            )?;
            let mut room = tx.prepare_cached("UPDATE session SET room_id = ?2 WHERE id = ?1")?;
            for c in changes {
                times.execute(params![c.id, c.start, c.end])?;
                if let Some(r) = c.room {
                    room.execute(params![c.id, r])?;
                }
            }
            Ok(())
        })
    }

    /// Copies sessions with their roles and co-hosts, as one edit. Each copy
    /// gets the given event, times and title.
    pub fn copy_sessions(&mut self, copies: &[SessionCopy], summary: &str) -> Result<Vec<Id>> {
        for c in copies {
            self.session(c.from)?;
        }
        self.edit(summary, |tx| {
            let mut ids = Vec::with_capacity(copies.len());
            for c in copies {
                tx.execute(
                    concat!("INSERT INTO session (event_id, title, kind, start, \"end\", room_id, description, agenda_item, outcome, notes, pinned, day, tentative, link, uid)
                     SELECT ?2, ?3, kind, ?4, ?5, room_id, description, agenda_item, outcome, notes, pinned, ?6, tentative, link, ", new_uid!(), " FROM session WHERE id = ?1"),
                    params![c.from, c.event_id, c.title, c.start, c.end, c.day],
                )?;
                let id = tx.last_insert_rowid();
                tx.execute(
                    concat!("INSERT INTO session_role (session_id, role, person_id, organisation_id, note, position, tentative, presence, uid)
                     SELECT ?2, role, person_id, organisation_id, note, position, tentative, presence, ", new_uid!(), " FROM session_role WHERE session_id = ?1 ORDER BY id"),
                    params![c.from, id],
                )?;
                tx.execute(
                    "INSERT INTO cohost (event_id, session_id, organisation_id)
                     SELECT ?3, ?2, organisation_id FROM cohost WHERE session_id = ?1 ORDER BY id",
                    params![c.from, id, c.event_id],
                )?;
                tx.execute(
                    "INSERT INTO speaking_slot (session_id, organisation_id, person_id, minutes, position)
                     SELECT ?2, organisation_id, person_id, minutes, position FROM speaking_slot WHERE session_id = ?1 ORDER BY id",
                    params![c.from, id],
                )?;
                ids.push(id);
            }
            Ok(ids)
        })
    }

    /// Adds break sessions and shifts others, as one edit.
    pub fn insert_break_step(
        &mut self,
        drafts: &[SessionDraft],
        shifts: &[TimeChange],
        summary: &str,
    ) -> Result<Vec<Id>> {
        self.edit(summary, |tx| {
            let mut times = tx.prepare_cached("UPDATE session SET start = ?2, \"end\" = ?3, day = NULL WHERE id = ?1")?;
            for c in shifts {
                times.execute(params![c.id, c.start, c.end])?;
            }
            let mut st = tx.prepare_cached(
                concat!("INSERT INTO session (event_id, title, kind, start, \"end\", room_id, description, agenda_item, outcome, notes, day, tentative, link, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ", new_uid!(), ")"),
            )?;
            let mut ids = Vec::new();
            for d in drafts {
                st.execute(params![d.event_id, d.title, d.kind.key(), d.start, d.end, d.room_id, d.description, d.agenda_item, d.outcome, d.notes, d.day, d.tentative, d.link])?;
                ids.push(tx.last_insert_rowid());
            }
            Ok(ids)
        })
    }

    pub fn session_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM session", [], |r| r.get(0))?)
    }

    /// Sessions with a day whose times are still to be confirmed.
    pub fn day_only_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM session WHERE start IS NULL AND day IS NOT NULL",
            [],
            |r| r.get(0),
        )?)
    }

    /// Sessions per event id.
    pub fn session_counts(&self) -> Result<Vec<(Id, i64)>> {
        self.select(
            "SELECT event_id, count(*) FROM session GROUP BY event_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }
}

fn insert_session_row(tx: &Transaction, d: &SessionDraft) -> Result<Id> {
    tx.execute(
        concat!("INSERT INTO session (event_id, title, kind, start, \"end\", room_id, description, agenda_item, outcome, notes, day, tentative, link, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ", new_uid!(), ")"),
        params![d.event_id, d.title, d.kind.key(), d.start, d.end, d.room_id, d.description, d.agenda_item, d.outcome, d.notes, d.day, d.tentative, d.link],
    )?;
    Ok(tx.last_insert_rowid())
}

fn update_session_row(tx: &Transaction, id: Id, d: &SessionDraft) -> Result<()> {
    tx.execute(
        "UPDATE session SET event_id=?2, title=?3, kind=?4, start=?5, \"end\"=?6, room_id=?7, description=?8, agenda_item=?9, outcome=?10, notes=?11, day=?12, tentative=?13, link=?14 WHERE id=?1",
        params![id, d.event_id, d.title, d.kind.key(), d.start, d.end, d.room_id, d.description, d.agenda_item, d.outcome, d.notes, d.day, d.tentative, d.link],
    )?;
    Ok(())
}
