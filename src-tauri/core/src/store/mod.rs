//! The plan file: one SQLite database per plan.
//!
//! Every public edit runs in one transaction, so the file on disk is always a
//! whole, consistent plan (autosave, no unsaved state).

mod guard;
mod history;
mod legacy;
mod people;
mod schema;
mod verify;
mod versions;

pub use guard::OpenCancel;

pub use people::{CochairEntry, Impact, RoleEntry, SlotEntry};
pub use versions::{ProtocolSettings, PublishedVersion};

pub use history::{HistoryStep, UndoState};

pub use schema::{current_version, APPLICATION_ID};

use crate::error::{CoreError, Result};
use crate::forms::{EventForm, PlanForm, RoomForm, SessionForm};
use crate::model::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{
    params, Connection, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior,
};
use std::path::{Path, PathBuf};

/// Where edits get their time stamps: an instant, which the plan's zone
/// turns into its wall clock (`Plan::wall_clock`); tests pass a fixed one.
pub type Clock = Box<dyn Fn() -> chrono::DateTime<chrono::Utc> + Send>;

fn system_clock() -> Clock {
    Box::new(chrono::Utc::now)
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    clock: Clock,
    /// The summary of the last edit this `Store` made and kept; another
    /// process may have recorded a later step in the same file.
    last_edit: Option<String>,
}

/// Reads a stored enum key without allocating (these are read for every row).
fn key_at<T>(r: &Row, idx: usize, parse: impl Fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let value = r.get_ref(idx)?.as_str()?;
    parse(value).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown value \"{value}\"").into(),
        )
    })
}

fn key_of<T>(value: String, parse: impl Fn(&str) -> Option<T>, idx: usize) -> rusqlite::Result<T> {
    parse(&value).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown value \"{value}\"").into(),
        )
    })
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

const ROOM_COLS: &str = "id, name, capacity, notes";
fn room_row(r: &Row) -> rusqlite::Result<Room> {
    Ok(Room {
        id: r.get(0)?,
        name: r.get(1)?,
        capacity: r.get(2)?,
        notes: r.get(3)?,
    })
}

const SESSION_COLS: &str =
    "id, event_id, title, kind, start, \"end\", room_id, description, agenda_item, outcome, notes, pinned";
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
    })
}

const ORG_COLS: &str = "id, name, acronym, official_name, category, country_code";
fn org_row(r: &Row) -> rusqlite::Result<Organisation> {
    Ok(Organisation {
        id: r.get(0)?,
        name: r.get(1)?,
        acronym: r.get(2)?,
        official_name: r.get(3)?,
        category: key_of(r.get(4)?, OrgCategory::from_key, 4)?,
        country_code: r.get(5)?,
    })
}

const PERSON_COLS: &str =
    "id, honorific, given_name, family_name, position, organisation_id, email, phone, notes";
fn person_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        honorific: r.get(1)?,
        given_name: r.get(2)?,
        family_name: r.get(3)?,
        position: r.get(4)?,
        organisation_id: r.get(5)?,
        email: r.get(6)?,
        phone: r.get(7)?,
        notes: r.get(8)?,
    })
}

/// A person found by search, with what the search matched on.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct PersonHit {
    pub id: Id,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub acronym: String,
}

/// The part of a role the checks need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleRef {
    pub session_id: Id,
    pub role: RoleKind,
    pub person_id: Option<Id>,
}

/// A session role with the names it points to, for display.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleRow {
    pub role: SessionRole,
    /// The person's display name ("Ms Lynn Bell"), when a person holds the role.
    pub person: Option<String>,
    /// The role's organisation, else the person's: (name, acronym).
    pub organisation: Option<(String, String)>,
}

/// Sets up a connection to a plan file that has passed `guard::inspect`
/// (or that this process is creating).
fn configure(conn: &mut Connection) -> Result<()> {
    guard::harden(conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // WAL keeps readers and the writer apart; NORMAL sync is durable across
    // application crashes, which is what autosave promises.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // Every write takes the lock when it begins, so waiting for another
    // writer goes through the busy timeout instead of failing as "locked"
    // when a read turns into a write.
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    Ok(())
}

/// Brings `conn` from its version up to `target`, one transaction each.
fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version >= target {
        return Ok(());
    }
    for v in version.max(0)..target {
        let next = v + 1;
        let tx = conn.transaction()?;
        if next == schema::HISTORY_AS_DATA {
            // The old triggers write SQL text; they go before anything else.
            history::drop_triggers(&tx)?;
        }
        tx.execute_batch(schema::MIGRATIONS[v as usize])?;
        if next == schema::HISTORY_AS_DATA {
            legacy::convert_history(&tx)?;
        }
        tx.pragma_update(None, "user_version", next)?;
        if next == target && next >= schema::HISTORY_AS_DATA {
            history::install_triggers(&tx)?;
        }
        tx.commit()?;
    }
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, current_version())
}

fn insert_plan(tx: &Transaction, plan: &Plan) -> Result<()> {
    tx.execute(
        "INSERT INTO plan (id, title, convening_body, venue, city, time_zone, first_day, last_day, day_start, day_end, notes, snap_minutes, changeover_minutes)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            plan.title,
            plan.convening_body,
            plan.venue,
            plan.city,
            plan.time_zone,
            plan.first_day,
            plan.last_day,
            plan.day_start,
            plan.day_end,
            plan.notes,
            plan.snap_minutes,
            plan.changeover_minutes
        ],
    )?;
    Ok(())
}

fn invalid(problems: Vec<crate::error::FieldProblem>) -> CoreError {
    CoreError::Invalid(problems)
}

impl Store {
    /// Creates a new plan file. Refuses to touch an existing file unless
    /// `replace` is set (the user already confirmed in a save dialog).
    pub fn create(path: &Path, plan: &Plan, replace: bool) -> Result<Store> {
        if path.exists() {
            if !replace {
                return Err(CoreError::Exists { path: path.into() });
            }
            std::fs::remove_file(path)?;
            for suffix in ["-wal", "-shm"] {
                let side = sidecar(path, suffix);
                if side.exists() {
                    std::fs::remove_file(side)?;
                }
            }
        }
        let mut conn = Connection::open(path)?;
        configure(&mut conn)?;
        Self::initialise(&mut conn, plan)?;
        Ok(Store {
            conn,
            path: Some(path.into()),
            clock: system_clock(),
            last_edit: None,
        })
    }

    /// A plan held in memory only, for tests and benchmarks.
    pub fn in_memory(plan: &Plan) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        guard::harden(&conn)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Self::initialise(&mut conn, plan)?;
        Ok(Store {
            conn,
            path: None,
            clock: system_clock(),
            last_edit: None,
        })
    }

    fn initialise(conn: &mut Connection, plan: &Plan) -> Result<()> {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        migrate(conn)?;
        let tx = conn.transaction()?;
        insert_plan(&tx, plan)?;
        tx.commit()?;
        Ok(())
    }

    /// Opens an existing plan, refusing files that are not plans, come from
    /// a newer Plenary, or hold anything Plenary did not make, and brings
    /// older plans up to date. The file is checked read-only first: a
    /// refused file is left exactly as it was.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_cancellable(path, &OpenCancel::new())
    }

    /// `open`, abandoned with `CoreError::Cancelled` when `cancel` is set.
    pub fn open_cancellable(path: &Path, cancel: &OpenCancel) -> Result<Store> {
        if !path.is_file() {
            return Err(CoreError::Missing { path: path.into() });
        }
        guard::inspect(path, cancel)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        cancel.watch(&conn)?;
        configure(&mut conn)?;
        migrate(&mut conn)?;
        cancel.check()?;
        Ok(Store {
            conn,
            path: Some(path.into()),
            clock: system_clock(),
            last_edit: None,
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Writes a consistent copy of the plan to `dest` (replacing it), through
    /// a temporary file so a failed copy never leaves half a plan behind.
    pub fn save_copy(&self, dest: &Path) -> Result<()> {
        if let Some(own) = &self.path {
            if same_file(own, dest) {
                return Err(CoreError::invalid(
                    "path",
                    "That is the file already open; choose another name.",
                ));
            }
        }
        let tmp = sidecar(dest, ".partial");
        if tmp.exists() {
            std::fs::remove_file(&tmp)?;
        }
        // VACUUM INTO attaches its target, which every connection otherwise
        // refuses; the statement and its target are the app's own.
        self.conn
            .set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 1)?;
        let copied = self
            .conn
            .execute("VACUUM INTO ?1", params![tmp.to_string_lossy()]);
        self.conn
            .set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 0)?;
        copied?;
        std::fs::rename(&tmp, dest)?;
        Ok(())
    }

    /// The connection, for tests that look at the file itself.
    #[cfg(test)]
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Runs a query and maps every row.
    fn select<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let rows = st.query_map(params, map)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Runs one user edit as one transaction, recorded for undo under `summary`.
    fn edit<T>(&mut self, summary: &str, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        // The plan's wall clock, like check-ins and print stamps: a step made
        // in Geneva on a Bangkok plan reads in Bangkok time.
        let at = self.plan()?.wall_clock((self.clock)());
        let tx = self.conn.transaction()?;
        let step = history::begin(&tx, at, summary)?;
        let out = f(&tx)?;
        verify::within_size(&tx).map_err(|(field, why)| CoreError::invalid(field, why))?;
        let kept = history::end(&tx, step)?;
        tx.commit()?;
        self.last_edit = kept.then(|| summary.to_string());
        Ok(out)
    }

    /// Runs a bulk build (a new sample, a generated plan) as one transaction,
    /// outside the undo history.
    fn bulk<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        verify::within_size(&tx).map_err(|(field, why)| CoreError::invalid(field, why))?;
        tx.commit()?;
        Ok(out)
    }

    /// Undoes the latest edit; returns what it was, or None if there is none.
    pub fn undo(&mut self) -> Result<Option<String>> {
        let tx = self.conn.transaction()?;
        let done = history::undo(&tx)?;
        tx.commit()?;
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<Option<String>> {
        let tx = self.conn.transaction()?;
        let done = history::redo(&tx)?;
        tx.commit()?;
        Ok(done)
    }

    /// Clears the undo history: a freshly built plan starts with none.
    pub fn forget_history(&mut self) -> Result<()> {
        self.bulk(|tx| {
            tx.execute("DELETE FROM history_step", [])?;
            Ok(())
        })
    }

    /// What this `Store`'s last kept edit was, in the words of the history;
    /// None when its last edit changed nothing.
    pub fn last_edit(&self) -> Option<&str> {
        self.last_edit.as_deref()
    }

    pub fn undo_state(&self) -> Result<UndoState> {
        history::state(&self.conn)
    }

    /// The change log, newest first.
    pub fn history(&self, limit: i64) -> Result<Vec<HistoryStep>> {
        history::log(&self.conn, limit)
    }

    pub fn version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    // ----- plan -----

    pub fn plan(&self) -> Result<Plan> {
        Ok(self.conn.query_row(
            "SELECT title, convening_body, venue, city, time_zone, first_day, last_day, day_start, day_end, notes, snap_minutes, changeover_minutes FROM plan WHERE id = 1",
            [],
            |r| {
                Ok(Plan {
                    title: r.get(0)?,
                    convening_body: r.get(1)?,
                    venue: r.get(2)?,
                    city: r.get(3)?,
                    time_zone: r.get(4)?,
                    first_day: r.get(5)?,
                    last_day: r.get(6)?,
                    day_start: r.get(7)?,
                    day_end: r.get(8)?,
                    notes: r.get(9)?,
                    snap_minutes: r.get(10)?,
                    changeover_minutes: r.get(11)?,
                })
            },
        )?)
    }

    pub fn update_plan(&mut self, form: &PlanForm) -> Result<Plan> {
        let plan = form.validate().map_err(invalid)?;
        self.edit("Edited the plan details", |tx| {
            let outside: Option<String> = tx
                .query_row(
                    "SELECT title FROM event WHERE first_day < ?1 OR last_day > ?2 ORDER BY first_day LIMIT 1",
                    params![plan.first_day, plan.last_day],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(title) = outside {
                return Err(CoreError::invalid(
                    "first_day",
                    format!("\"{title}\" falls outside these days; change or delete it first."),
                ));
            }
            tx.execute(
                "UPDATE plan SET title=?1, convening_body=?2, venue=?3, city=?4, time_zone=?5, first_day=?6, last_day=?7, day_start=?8, day_end=?9, notes=?10, snap_minutes=?11, changeover_minutes=?12 WHERE id = 1",
                params![plan.title, plan.convening_body, plan.venue, plan.city, plan.time_zone, plan.first_day, plan.last_day, plan.day_start, plan.day_end, plan.notes, plan.snap_minutes, plan.changeover_minutes],
            )?;
            Ok(())
        })?;
        Ok(plan)
    }

    // ----- events -----

    pub fn events(&self) -> Result<Vec<Event>> {
        self.select(
            &format!("SELECT {EVENT_COLS} FROM event ORDER BY first_day, last_day, id"),
            [],
            event_row,
        )
    }

    pub fn event(&self, id: Id) -> Result<Event> {
        self.conn
            .query_row(
                &format!("SELECT {EVENT_COLS} FROM event WHERE id = ?1"),
                [id],
                event_row,
            )
            .optional()?
            .ok_or(CoreError::NotFound { what: "event", id })
    }

    pub fn create_event(&mut self, form: &EventForm) -> Result<Event> {
        let plan = self.plan()?;
        let d = form.validate(&plan).map_err(invalid)?;
        let id = self.edit(&format!("Added event “{}”", d.title), |tx| {
            tx.execute(
                "INSERT INTO event (title, short_name, first_day, last_day, description) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![d.title, d.short_name, d.first_day, d.last_day, d.description],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.event(id)
    }

    pub fn update_event(&mut self, id: Id, form: &EventForm) -> Result<Event> {
        let plan = self.plan()?;
        self.event(id)?;
        let d = form.validate(&plan).map_err(invalid)?;
        self.edit(&format!("Edited event “{}”", d.title), |tx| {
            let outside: Option<String> = tx
                .query_row(
                    "SELECT title FROM session WHERE event_id = ?1 AND start IS NOT NULL AND (date(start) < ?2 OR date(start) > ?3) ORDER BY start LIMIT 1",
                    params![id, d.first_day, d.last_day],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(title) = outside {
                return Err(CoreError::invalid(
                    "first_day",
                    format!("Session \"{title}\" falls outside these days; move it first."),
                ));
            }
            tx.execute(
                "UPDATE event SET title=?2, short_name=?3, first_day=?4, last_day=?5, description=?6 WHERE id=?1",
                params![id, d.title, d.short_name, d.first_day, d.last_day, d.description],
            )?;
            Ok(())
        })?;
        self.event(id)
    }

    /// Deletes an event with its sessions, roles and participations.
    pub fn delete_event(&mut self, id: Id) -> Result<()> {
        let title = self.event(id)?.title;
        self.edit(&format!("Deleted event “{}”", title), |tx| {
            tx.execute("DELETE FROM event WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    // ----- rooms -----

    pub fn rooms(&self) -> Result<Vec<Room>> {
        self.select(
            &format!("SELECT {ROOM_COLS} FROM room ORDER BY name COLLATE NOCASE"),
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

    fn room_name_taken(&self, name: &str, except: Option<Id>) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM room WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2)",
            params![name, except],
            |r| r.get(0),
        )?)
    }

    pub fn create_room(&mut self, form: &RoomForm) -> Result<Room> {
        let d = form.validate().map_err(invalid)?;
        if self.room_name_taken(&d.name, None)? {
            return Err(CoreError::invalid(
                "name",
                format!("A room named \"{}\" already exists.", d.name),
            ));
        }
        let id = self.edit(&format!("Added room “{}”", d.name), |tx| {
            tx.execute(
                "INSERT INTO room (name, capacity, notes) VALUES (?1, ?2, ?3)",
                params![d.name, d.capacity, d.notes],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.room(id)
    }

    pub fn update_room(&mut self, id: Id, form: &RoomForm) -> Result<Room> {
        self.room(id)?;
        let d = form.validate().map_err(invalid)?;
        if self.room_name_taken(&d.name, Some(id))? {
            return Err(CoreError::invalid(
                "name",
                format!("A room named \"{}\" already exists.", d.name),
            ));
        }
        self.edit(&format!("Edited room “{}”", d.name), |tx| {
            tx.execute(
                "UPDATE room SET name=?2, capacity=?3, notes=?4 WHERE id=?1",
                params![id, d.name, d.capacity, d.notes],
            )?;
            Ok(())
        })?;
        self.room(id)
    }

    /// Deletes a room; its sessions keep their times and lose the room.
    pub fn delete_room(&mut self, id: Id) -> Result<()> {
        let name = self.room(id)?.name;
        self.edit(&format!("Deleted room “{}”", name), |tx| {
            tx.execute("DELETE FROM room WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    // ----- sessions -----

    pub fn sessions(&self) -> Result<Vec<Session>> {
        self.select(
            &format!(
                "SELECT {SESSION_COLS} FROM session ORDER BY start IS NULL, start, \"end\", id"
            ),
            [],
            session_row,
        )
    }

    /// Every session without its long texts (description, outcome, notes,
    /// agenda item), for the checks, which run after every edit.
    pub fn session_slots(&self) -> Result<Vec<Session>> {
        self.select("SELECT id, event_id, title, kind, start, \"end\", room_id, pinned FROM session ORDER BY start IS NULL, start, \"end\", id", [], |r| {
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

    pub fn unscheduled_sessions(&self) -> Result<Vec<Session>> {
        self.select(
            &format!("SELECT {SESSION_COLS} FROM session WHERE start IS NULL ORDER BY id"),
            [],
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

    fn validate_session(&self, form: &SessionForm) -> Result<crate::forms::SessionDraft> {
        let plan = self.plan()?;
        let event = match form.event_id {
            Some(id) => self
                .conn
                .query_row(
                    &format!("SELECT {EVENT_COLS} FROM event WHERE id = ?1"),
                    [id],
                    event_row,
                )
                .optional()?,
            None => None,
        };
        let room_exists = match form.room_id {
            Some(id) => self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM room WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?,
            None => true,
        };
        form.validate(&plan, event.as_ref(), room_exists)
            .map_err(invalid)
    }

    pub fn create_session(&mut self, form: &SessionForm) -> Result<Session> {
        let d = self.validate_session(form)?;
        let id = self.edit(&format!("Added session “{}”", d.title), |tx| {
            tx.execute(
                "INSERT INTO session (event_id, title, kind, start, \"end\", room_id, description, agenda_item, outcome, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![d.event_id, d.title, d.kind.key(), d.start, d.end, d.room_id, d.description, d.agenda_item, d.outcome, d.notes],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.session(id)
    }

    pub fn update_session(&mut self, id: Id, form: &SessionForm) -> Result<Session> {
        let before = self.session(id)?;
        let d = self.validate_session(form)?;
        let summary = crate::planner::describe_change(
            &before,
            &d.title,
            d.start,
            d.room_id != before.room_id,
        );
        self.edit(&summary, |tx| {
            tx.execute(
                "UPDATE session SET event_id=?2, title=?3, kind=?4, start=?5, \"end\"=?6, room_id=?7, description=?8, agenda_item=?9, outcome=?10, notes=?11 WHERE id=?1",
                params![id, d.event_id, d.title, d.kind.key(), d.start, d.end, d.room_id, d.description, d.agenda_item, d.outcome, d.notes],
            )?;
            Ok(())
        })?;
        self.session(id)
    }

    /// Adds sessions in one transaction without form validation: for
    /// generated plans and imports that validate on their own.
    pub fn insert_sessions(&mut self, sessions: &[Session]) -> Result<Vec<Id>> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO session (event_id, title, kind, start, \"end\", room_id, description, agenda_item, outcome, notes, pinned)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            let mut ids = Vec::with_capacity(sessions.len());
            for d in sessions {
                st.execute(params![d.event_id, d.title, d.kind.key(), d.start, d.end, d.room_id, d.description, d.agenda_item, d.outcome, d.notes, d.pinned])?;
                ids.push(tx.last_insert_rowid());
            }
            Ok(ids)
        })
    }

    pub fn insert_rooms(&mut self, rooms: &[Room]) -> Result<Vec<Id>> {
        self.bulk(|tx| {
            let mut st =
                tx.prepare_cached("INSERT INTO room (name, capacity, notes) VALUES (?1, ?2, ?3)")?;
            let mut ids = Vec::with_capacity(rooms.len());
            for r in rooms {
                st.execute(params![r.name, r.capacity, r.notes])?;
                ids.push(tx.last_insert_rowid());
            }
            Ok(ids)
        })
    }

    pub fn delete_session(&mut self, id: Id) -> Result<()> {
        let title = self.session(id)?.title;
        self.edit(&format!("Deleted session “{}”", title), |tx| {
            tx.execute("DELETE FROM session WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Sets times (and optionally rooms) of several sessions as one edit.
    pub fn set_session_times(&mut self, changes: &[TimeChange], summary: &str) -> Result<()> {
        for c in changes {
            self.session(c.id)?;
        }
        self.edit(summary, |tx| {
            let mut times =
                tx.prepare_cached("UPDATE session SET start = ?2, \"end\" = ?3 WHERE id = ?1")?;
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

    pub fn set_pinned(&mut self, id: Id, pinned: bool) -> Result<Session> {
        let s = self.session(id)?;
        let summary = if pinned {
            format!("Pinned “{}”", s.title)
        } else {
            format!("Unpinned “{}”", s.title)
        };
        self.edit(&summary, |tx| {
            tx.execute(
                "UPDATE session SET pinned = ?2 WHERE id = ?1",
                params![id, pinned],
            )?;
            Ok(())
        })?;
        self.session(id)
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
                    "INSERT INTO session (event_id, title, kind, start, \"end\", room_id, description, agenda_item, outcome, notes, pinned)
                     SELECT ?2, ?3, kind, ?4, ?5, room_id, description, agenda_item, outcome, notes, pinned FROM session WHERE id = ?1",
                    params![c.from, c.event_id, c.title, c.start, c.end],
                )?;
                let id = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO session_role (session_id, role, person_id, organisation_id, note, position)
                     SELECT ?2, role, person_id, organisation_id, note, position FROM session_role WHERE session_id = ?1 ORDER BY id",
                    params![c.from, id],
                )?;
                tx.execute(
                    "INSERT INTO cohost (event_id, session_id, organisation_id)
                     SELECT ?3, ?2, organisation_id FROM cohost WHERE session_id = ?1 ORDER BY id",
                    params![c.from, id, c.event_id],
                )?;
                ids.push(id);
            }
            Ok(ids)
        })
    }

    /// Adds break sessions and shifts others, as one edit.
    pub fn insert_break_step(
        &mut self,
        drafts: &[crate::forms::SessionDraft],
        shifts: &[TimeChange],
        summary: &str,
    ) -> Result<Vec<Id>> {
        self.edit(summary, |tx| {
            let mut times = tx.prepare_cached("UPDATE session SET start = ?2, \"end\" = ?3 WHERE id = ?1")?;
            for c in shifts {
                times.execute(params![c.id, c.start, c.end])?;
            }
            let mut st = tx.prepare_cached(
                "INSERT INTO session (event_id, title, kind, start, \"end\", room_id, description, agenda_item, outcome, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut ids = Vec::new();
            for d in drafts {
                st.execute(params![d.event_id, d.title, d.kind.key(), d.start, d.end, d.room_id, d.description, d.agenda_item, d.outcome, d.notes])?;
                ids.push(tx.last_insert_rowid());
            }
            Ok(ids)
        })
    }

    // ----- attendees -----

    /// Writes an attendee import as one edit: new organisations once each,
    /// people created or updated, and their attendance at `event_id`.
    pub fn write_import(
        &mut self,
        event_id: Id,
        writes: &[ImportWrite],
        summary: &str,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<()> {
        let total = writes.len() as u32;
        self.edit(summary, |tx| {
            let mut new_orgs: std::collections::HashMap<String, Id> = std::collections::HashMap::new();
            let mut org_id = |tx: &Transaction, org: &Option<ImportOrg>| -> Result<Option<Id>> {
                Ok(match org {
                    None => None,
                    Some(ImportOrg::Existing(id)) => Some(*id),
                    Some(ImportOrg::New { name, category }) => {
                        let key = name.to_lowercase();
                        if let Some(id) = new_orgs.get(&key) {
                            Some(*id)
                        } else {
                            tx.execute(
                                "INSERT INTO organisation (name, category) VALUES (?1, ?2)",
                                params![name, category.key()],
                            )?;
                            let id = tx.last_insert_rowid();
                            new_orgs.insert(key, id);
                            Some(id)
                        }
                    }
                })
            };
            let mut insert_person = tx.prepare_cached(
                "INSERT INTO person (honorific, given_name, family_name, position, organisation_id, email, phone, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '')",
            )?;
            let mut update_person = tx.prepare_cached(
                "UPDATE person SET honorific=?2, given_name=?3, family_name=?4, position=?5, email=?6, phone=?7 WHERE id=?1",
            )?;
            let mut move_person = tx.prepare_cached("UPDATE person SET organisation_id=?2 WHERE id=?1")?;
            let mut attend = tx.prepare_cached(
                "INSERT INTO attendance (event_id, person_id, registration, capacity) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (event_id, person_id) DO UPDATE SET
                   registration = coalesce(?5, registration),
                   capacity = coalesce(?6, capacity)",
            )?;
            let mut present = tx.prepare_cached(
                "INSERT OR IGNORE INTO attendance_day (attendance_id, day)
                 SELECT id, ?3 FROM attendance WHERE event_id = ?1 AND person_id = ?2",
            )?;
            for (i, w) in writes.iter().enumerate() {
                if i % 250 == 0 {
                    progress(i as u32, total);
                }
                match w {
                    ImportWrite::Create { person: p, organisation, registration, capacity, check_in } => {
                        let org = org_id(tx, organisation)?;
                        insert_person.execute(params![p.honorific, p.given_name, p.family_name, p.position, org, p.email, p.phone])?;
                        let id = tx.last_insert_rowid();
                        attend.execute(params![event_id, id, registration.key(), capacity, registration.key(), capacity])?;
                        if let Some(day) = check_in {
                            present.execute(params![event_id, id, day])?;
                        }
                    }
                    ImportWrite::Update { person: p, organisation, registration, capacity, check_in } => {
                        update_person.execute(params![p.id, p.honorific, p.given_name, p.family_name, p.position, p.email, p.phone])?;
                        if organisation.is_some() {
                            let org = org_id(tx, organisation)?;
                            move_person.execute(params![p.id, org])?;
                        }
                        let default = RegistrationStatus::Registered.key();
                        attend.execute(params![
                            event_id,
                            p.id,
                            registration.map(|r| r.key()).unwrap_or(default),
                            capacity.clone().unwrap_or_default(),
                            registration.map(|r| r.key()),
                            capacity
                        ])?;
                        if let Some(day) = check_in {
                            present.execute(params![event_id, p.id, day])?;
                        }
                    }
                }
            }
            Ok(())
        })
    }

    /// Records a person as present (or not) on `day` of an event; a person
    /// not yet on the event's list is added as confirmed.
    pub fn set_present(
        &mut self,
        event_id: Id,
        person_id: Id,
        day: NaiveDate,
        present: bool,
        at: NaiveDateTime,
    ) -> Result<()> {
        let name = self
            .person_name(person_id)
            .map_err(|_| CoreError::NotFound {
                what: "person",
                id: person_id,
            })?;
        let summary = if present {
            format!("Checked in {name} on {}", day.format("%a %-d %b"))
        } else {
            format!(
                "Undid the check-in of {name} on {}",
                day.format("%a %-d %b")
            )
        };
        self.edit(&summary, |tx| {
            tx.execute(
                "INSERT INTO attendance (event_id, person_id, registration) VALUES (?1, ?2, 'confirmed')
                 ON CONFLICT (event_id, person_id) DO NOTHING",
                params![event_id, person_id],
            )?;
            let attendance: Id = tx.query_row(
                "SELECT id FROM attendance WHERE event_id = ?1 AND person_id = ?2",
                params![event_id, person_id],
                |r| r.get(0),
            )?;
            if present {
                tx.execute(
                    "INSERT OR IGNORE INTO attendance_day (attendance_id, day, checked_in_at) VALUES (?1, ?2, ?3)",
                    params![attendance, day, at],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM attendance_day WHERE attendance_id = ?1 AND day = ?2",
                    params![attendance, day],
                )?;
            }
            Ok(())
        })
    }

    // ----- accepted conflicts -----

    pub fn accepted_conflicts(&self) -> Result<std::collections::HashSet<String>> {
        Ok(self
            .select("SELECT key FROM accepted_conflict", [], |r| {
                r.get::<_, String>(0)
            })?
            .into_iter()
            .collect())
    }

    pub fn set_conflict_accepted(
        &mut self,
        key: &str,
        message: &str,
        accepted: bool,
    ) -> Result<()> {
        let summary = if accepted {
            format!("Accepted: {message}")
        } else {
            format!("No longer accepted: {message}")
        };
        self.edit(&summary, |tx| {
            if accepted {
                tx.execute(
                    "INSERT OR IGNORE INTO accepted_conflict (key) VALUES (?1)",
                    [key],
                )?;
            } else {
                tx.execute("DELETE FROM accepted_conflict WHERE key = ?1", [key])?;
            }
            Ok(())
        })
    }

    pub fn session_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM session", [], |r| r.get(0))?)
    }

    /// Sessions per event id.
    pub fn session_counts(&self) -> Result<Vec<(Id, i64)>> {
        self.select(
            "SELECT event_id, count(*) FROM session GROUP BY event_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    // ----- organisations and people -----

    pub fn organisations(&self) -> Result<Vec<Organisation>> {
        self.select(
            &format!("SELECT {ORG_COLS} FROM organisation ORDER BY name COLLATE NOCASE"),
            [],
            org_row,
        )
    }

    /// Adds organisations in one transaction; returns their ids in order.
    pub fn insert_organisations(&mut self, orgs: &[Organisation]) -> Result<Vec<Id>> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO organisation (name, acronym, official_name, category, country_code) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut ids = Vec::with_capacity(orgs.len());
            for o in orgs {
                st.execute(params![o.name, o.acronym, o.official_name, o.category.key(), o.country_code])?;
                ids.push(tx.last_insert_rowid());
            }
            Ok(ids)
        })
    }

    pub fn people(&self) -> Result<Vec<Person>> {
        self.select(&format!(
            "SELECT {PERSON_COLS} FROM person ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE"
        ), [], person_row)
    }

    /// People whose name, email, organisation or its acronym contain every
    /// word of `query` (ignoring case); family-name prefixes first.
    pub fn search_people(&self, query: &str, limit: u32) -> Result<Vec<PersonHit>> {
        let words: Vec<String> = query
            .split_whitespace()
            .take(6)
            .map(|w| {
                format!(
                    "%{}%",
                    w.replace('\\', "\\\\")
                        .replace('%', "\\%")
                        .replace('_', "\\_")
                )
            })
            .collect();
        let mut sql = String::from(
            "SELECT p.id, p.honorific, p.given_name, p.family_name, p.email, o.name, o.acronym
             FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id WHERE 1",
        );
        for i in 0..words.len() {
            let n = i + 3;
            sql.push_str(&format!(
                " AND (p.given_name LIKE ?{n} ESCAPE '\\' OR p.family_name LIKE ?{n} ESCAPE '\\' OR p.email LIKE ?{n} ESCAPE '\\'
                       OR o.name LIKE ?{n} ESCAPE '\\' OR o.acronym LIKE ?{n} ESCAPE '\\')"
            ));
        }
        sql.push_str(" ORDER BY p.family_name LIKE ?1 ESCAPE '\\' DESC, p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE LIMIT ?2");
        let first = query.split_whitespace().next().unwrap_or("");
        let prefix = format!(
            "{}%",
            first
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&prefix, &limit];
        for w in &words {
            args.push(w);
        }
        self.select(&sql, args.as_slice(), |r| {
            Ok(PersonHit {
                id: r.get(0)?,
                name: display_name([
                    r.get_ref(1)?.as_str()?,
                    r.get_ref(2)?.as_str()?,
                    r.get_ref(3)?.as_str()?,
                ]),
                email: r.get(4)?,
                organisation: r.get(5)?,
                acronym: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            })
        })
    }

    pub fn insert_people(&mut self, people: &[Person]) -> Result<Vec<Id>> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO person (honorific, given_name, family_name, position, organisation_id, email, phone, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut ids = Vec::with_capacity(people.len());
            for p in people {
                st.execute(params![
                    p.honorific,
                    p.given_name,
                    p.family_name,
                    p.position,
                    p.organisation_id,
                    p.email,
                    p.phone,
                    p.notes
                ])?;
                ids.push(tx.last_insert_rowid());
            }
            Ok(ids)
        })
    }

    // ----- roles, co-chairs, co-hosts, participation -----

    pub fn insert_session_roles(&mut self, roles: &[SessionRole]) -> Result<()> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO session_role (session_id, role, person_id, organisation_id, note, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for r in roles {
                st.execute(params![
                    r.session_id,
                    r.role.key(),
                    r.person_id,
                    r.organisation_id,
                    r.note,
                    r.position
                ])?;
            }
            Ok(())
        })
    }

    fn role_rows(&self, filter: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<RoleRow>> {
        // Only the columns a role is shown with: this query runs for every
        // agenda load, so it stays narrow, and organisations (few) come from
        // one small scan instead of a lookup per role.
        let mut orgs: std::collections::HashMap<Id, (String, String)> =
            std::collections::HashMap::new();
        {
            let mut st = self
                .conn
                .prepare_cached("SELECT id, name, acronym FROM organisation")?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                orgs.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
            }
        }
        let sql = format!(
            "SELECT r.id, r.session_id, r.role, r.person_id, r.organisation_id, r.note, r.position,
                    p.honorific, p.given_name, p.family_name, p.organisation_id
             FROM session_role r
             JOIN session s ON s.id = r.session_id
             LEFT JOIN person p ON p.id = r.person_id
             WHERE {filter}"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(args, |r| {
            let role = SessionRole {
                id: r.get(0)?,
                session_id: r.get(1)?,
                role: key_at(r, 2, RoleKind::from_key)?,
                person_id: r.get(3)?,
                organisation_id: r.get(4)?,
                note: r.get(5)?,
                position: r.get(6)?,
            };
            let person = match role.person_id {
                Some(_) => {
                    let part = |i| -> rusqlite::Result<&str> {
                        Ok(r.get_ref(i)?.as_str_or_null()?.unwrap_or(""))
                    };
                    Some(display_name([part(7)?, part(8)?, part(9)?]))
                }
                None => None,
            };
            let org_id = role.organisation_id.or(r.get::<_, Option<Id>>(10)?);
            let organisation = org_id.and_then(|id| orgs.get(&id).cloned());
            Ok(RoleRow {
                role,
                person,
                organisation,
            })
        })?;
        // Sorting here is cheaper than SQLite's sorter, which copies every column.
        let mut rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.sort_unstable_by_key(|r| (r.role.session_id, r.role.position, r.role.id));
        Ok(rows)
    }

    /// Roles of the sessions starting in `[from, to)`.
    pub fn roles_between(&self, from: NaiveDateTime, to: NaiveDateTime) -> Result<Vec<RoleRow>> {
        self.role_rows("s.start >= ?1 AND s.start < ?2", &[&from, &to])
    }

    pub fn all_roles(&self) -> Result<Vec<RoleRow>> {
        self.role_rows("1", &[])
    }

    /// Every role, reduced to what the checks need: one narrow scan.
    pub fn role_refs(&self) -> Result<Vec<RoleRef>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT session_id, role, person_id FROM session_role")?;
        let rows = st.query_map([], |r| {
            Ok(RoleRef {
                session_id: r.get(0)?,
                role: key_at(r, 1, RoleKind::from_key)?,
                person_id: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn person_name(&self, id: Id) -> Result<String> {
        let parts: (String, String, String) = self.conn.query_row(
            "SELECT honorific, given_name, family_name FROM person WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(display_name([parts.0.as_str(), &parts.1, &parts.2]))
    }

    pub fn insert_cochairs(&mut self, rows: &[EventCochair]) -> Result<()> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO event_cochair (event_id, organisation_id, person_id, role_label, day, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for c in rows {
                st.execute(params![
                    c.event_id,
                    c.organisation_id,
                    c.person_id,
                    c.role_label,
                    c.day,
                    c.position
                ])?;
            }
            Ok(())
        })
    }

    pub fn cochairs(&self) -> Result<Vec<EventCochair>> {
        self.select("SELECT id, event_id, organisation_id, person_id, role_label, day, position FROM event_cochair ORDER BY event_id, position, id", [], |r| {
            Ok(EventCochair {
                id: r.get(0)?,
                event_id: r.get(1)?,
                organisation_id: r.get(2)?,
                person_id: r.get(3)?,
                role_label: r.get(4)?,
                day: r.get(5)?,
                position: r.get(6)?,
            })
        })
    }

    pub fn insert_cohosts(&mut self, rows: &[Cohost]) -> Result<()> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO cohost (event_id, session_id, organisation_id) VALUES (?1, ?2, ?3)",
            )?;
            for c in rows {
                st.execute(params![c.event_id, c.session_id, c.organisation_id])?;
            }
            Ok(())
        })
    }

    pub fn cohosts(&self) -> Result<Vec<Cohost>> {
        self.select(
            "SELECT id, event_id, session_id, organisation_id FROM cohost ORDER BY event_id, id",
            [],
            |r| {
                Ok(Cohost {
                    id: r.get(0)?,
                    event_id: r.get(1)?,
                    session_id: r.get(2)?,
                    organisation_id: r.get(3)?,
                })
            },
        )
    }

    pub fn insert_participations(&mut self, rows: &[Participation]) -> Result<()> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO participation (event_id, organisation_id, status, level) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for p in rows {
                st.execute(params![p.event_id, p.organisation_id, p.status.key(), p.level])?;
            }
            Ok(())
        })
    }

    pub fn participations(&self) -> Result<Vec<Participation>> {
        self.select("SELECT id, event_id, organisation_id, status, level FROM participation ORDER BY event_id, id", [], |r| {
            Ok(Participation {
                id: r.get(0)?,
                event_id: r.get(1)?,
                organisation_id: r.get(2)?,
                status: key_of(r.get(3)?, ParticipationStatus::from_key, 3)?,
                level: r.get(4)?,
            })
        })
    }

    pub fn insert_attendance(&mut self, rows: &[Attendance]) -> Result<()> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO attendance (event_id, person_id, registration, capacity) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut day = tx.prepare_cached(
                "INSERT INTO attendance_day (attendance_id, day) VALUES (?1, ?2)",
            )?;
            for a in rows {
                st.execute(params![a.event_id, a.person_id, a.registration.key(), a.capacity])?;
                let id = tx.last_insert_rowid();
                for d in &a.days_present {
                    day.execute(params![id, d])?;
                }
            }
            Ok(())
        })
    }

    pub fn attendance(&self) -> Result<Vec<Attendance>> {
        self.select("SELECT a.id, a.event_id, a.person_id, a.registration,
                    (SELECT group_concat(day, ',') FROM (SELECT day FROM attendance_day d WHERE d.attendance_id = a.id ORDER BY day)),
                    a.capacity
             FROM attendance a ORDER BY a.event_id, a.id", [], |r| {
            let days: Option<String> = r.get(4)?;
            Ok(Attendance {
                id: r.get(0)?,
                event_id: r.get(1)?,
                person_id: r.get(2)?,
                registration: key_of(r.get(3)?, RegistrationStatus::from_key, 3)?,
                capacity: r.get(5)?,
                days_present: days
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .collect(),
            })
        })
    }
}

/// An organisation an imported row points to: one the plan has, or a new one.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportOrg {
    Existing(Id),
    New { name: String, category: OrgCategory },
}

/// One change an attendee import makes.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportWrite {
    Create {
        person: Person,
        organisation: Option<ImportOrg>,
        registration: RegistrationStatus,
        capacity: String,
        check_in: Option<NaiveDate>,
    },
    Update {
        person: Person,
        /// Set when the person's organisation changes.
        organisation: Option<ImportOrg>,
        registration: Option<RegistrationStatus>,
        capacity: Option<String>,
        check_in: Option<NaiveDate>,
    },
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
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod hostile_tests;
