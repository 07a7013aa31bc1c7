//! The plan file: one SQLite database per plan, and all of Plenary's SQL.
//!
//! Every public edit runs in one transaction, so the file on disk is always a
//! whole, consistent plan (autosave, no unsaved state). The store writes what
//! it is given: edits check it first (`crate::edit`, `crate::planner`…) and
//! say what each step was, in the words undo shows.

/// The tables whose records carry a UUID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UidTable {
    Plan,
    Event,
    Room,
    Session,
    Organisation,
    Person,
    Role,
}

impl UidTable {
    fn name(self) -> &'static str {
        match self {
            UidTable::Plan => "plan",
            UidTable::Event => "event",
            UidTable::Room => "room",
            UidTable::Session => "session",
            UidTable::Organisation => "organisation",
            UidTable::Person => "person",
            UidTable::Role => "session_role",
        }
    }
}

/// SQL for a new record's UUID (random, version 4), written into `uid` by
/// every insert; `concat!` puts it into the statement text at compile time.
macro_rules! new_uid {
    () => {
        "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"
    };
}

mod attendance;
mod backup;
pub mod change_log;
mod delegations;
mod events;
mod guard;
mod history;
pub mod hold;
mod legacy;
pub mod merge;
mod organisations;
mod people;
mod plan;
mod programme;
mod roles;
mod rooms;
mod run;
mod schema;
mod sessions;
mod speaking;
mod summary;
mod verify;
mod versions;

pub use guard::OpenCancel;

pub use attendance::{ImportOrg, ImportWrite};
pub use backup::{LoadedRows, TableRows};
pub use delegations::CochairEntry;
pub use events::EventDraft;
pub use organisations::{OrganisationDraft, OrganisationUses};
pub use people::{PersonHit, PersonUses};
pub use plan::ProtocolSettings;
pub use programme::{
    NewEvent, NewOrganisation, NewPerson, ProgrammeWrite, RefTo, RoleWrite, SessionWrite,
};
pub use roles::{RoleEntry, RoleRef, RoleRow};
pub use rooms::RoomDraft;
pub use run::{DelayedSession, SessionRun};
pub use sessions::{SessionCopy, SessionDraft, TimeChange};
pub use speaking::{SlotEntry, SpokeTimes};
pub use summary::SectionEdit;
pub use versions::PublishedVersion;

pub use history::{HistoryStep, UndoState};

pub use schema::{current_version, APPLICATION_ID};
pub use verify::{clean, is_link, is_uid};

use crate::error::{CoreError, Result};
use crate::model::{Id, Plan};
use rusqlite::{params, Connection, OpenFlags, Row, Transaction, TransactionBehavior};
use std::convert::Infallible;
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
    /// Whether this process may write the file: after `conn`, so the
    /// connection closes before the hold lets go.
    access: Access,
}

/// What a `Store` may do to its file.
enum Access {
    /// Not held: a plan in memory, or opened by `open` (tests, tools and the
    /// command line's reading commands), which leave holding to the caller.
    Free,
    /// Held by this process (`hold`): the one writer of the file. Kept for
    /// its drop, which lets the file go.
    Held(#[allow(dead_code)] std::sync::Arc<hold::Hold>),
    /// Another process holds the file, or it cannot be held here: every
    /// edit is refused with this reason, and SQLite is set to `query_only`.
    ReadOnly(String),
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

/// The count `sql` (one id parameter) finds.
fn count(conn: &rusqlite::Connection, sql: &str, id: Id) -> Result<i64> {
    Ok(conn.query_row(sql, [id], |r| r.get(0))?)
}

/// The texts `sql` (one id parameter) finds, in its order.
fn texts(conn: &rusqlite::Connection, sql: &str, id: Id) -> Result<Vec<String>> {
    let mut st = conn.prepare(sql)?;
    let all = st
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(all)
}

/// Sets up a connection to a plan file that has passed `guard::inspect`
/// (or that this process is creating).
fn configure(conn: &mut Connection) -> Result<()> {
    guard::harden(conn)?;
    add_functions(conn)?;
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

/// The application's SQL functions: `plenary_fold(text, …)`, its texts
/// joined by spaces and folded for searching (`crate::fold`), and
/// `plenary_sort_key(text)` and `plenary_sort_key(family, given)`, the keys
/// of alphabetical order (`crate::fold::sort_key`). Deterministic,
/// and only for the app's own statements, never for a view or trigger in a
/// file.
fn add_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    use rusqlite::types::ValueRef;
    conn.create_scalar_function(
        "plenary_fold",
        -1,
        FunctionFlags::SQLITE_UTF8
            | FunctionFlags::SQLITE_DETERMINISTIC
            | FunctionFlags::SQLITE_DIRECTONLY,
        |ctx| {
            let mut text = String::new();
            for i in 0..ctx.len() {
                if i > 0 {
                    text.push(' ');
                }
                if let ValueRef::Text(t) = ctx.get_raw(i) {
                    text.push_str(&String::from_utf8_lossy(t));
                }
            }
            Ok(crate::fold::fold(&text))
        },
    )?;
    conn.create_scalar_function(
        "plenary_sort_key",
        -1,
        FunctionFlags::SQLITE_UTF8
            | FunctionFlags::SQLITE_DETERMINISTIC
            | FunctionFlags::SQLITE_DIRECTONLY,
        |ctx| {
            let text = |i: usize| match ctx.get_raw(i) {
                ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                _ => String::new(),
            };
            Ok(match ctx.len() {
                2 => crate::fold::person_sort_key(&text(0), &text(1)),
                _ => crate::fold::sort_key(&text(0)),
            })
        },
    )?;
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
            history::install_triggers(&tx, next)?;
        }
        tx.commit()?;
    }
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, current_version())
}

impl Store {
    /// Creates a new plan file. Refuses to touch an existing file unless
    /// `replace` is set (the user already confirmed in a save dialog).
    pub fn create(path: &Path, plan: &Plan, replace: bool) -> Result<Store> {
        if path.exists() {
            if !replace {
                return Err(CoreError::Exists { path: path.into() });
            }
            // A plan another program has open is never replaced under it.
            if let Err(refusal @ hold::Refusal::Held(_)) = hold::take(path, hold::Program::Window) {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                return Err(CoreError::ReadOnly(format!(
                    "{name} cannot be replaced. {}",
                    refusal.reason()
                )));
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
            access: Access::Free,
        })
    }

    /// A plan held in memory only, for tests and benchmarks.
    pub fn in_memory(plan: &Plan) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        guard::harden(&conn)?;
        add_functions(&conn)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Self::initialise(&mut conn, plan)?;
        Ok(Store {
            conn,
            path: None,
            clock: system_clock(),
            last_edit: None,
            access: Access::Free,
        })
    }

    fn initialise(conn: &mut Connection, plan: &Plan) -> Result<()> {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        migrate(conn)?;
        let tx = conn.transaction()?;
        plan::insert_plan(&tx, plan)?;
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
            access: Access::Free,
        })
    }

    /// Opens a plan for `program` to edit: holds it first (`hold`), waiting
    /// a little for the command line; when another process holds it, or it
    /// cannot be held here, the plan opens read-only (`read_only` says why)
    /// and still reads what the holder writes. A held file that would need
    /// upgrading is refused: the holder's Plenary still writes the old form.
    pub fn open_to_edit(path: &Path, program: hold::Program, cancel: &OpenCancel) -> Result<Store> {
        if !path.is_file() {
            return Err(CoreError::Missing { path: path.into() });
        }
        let why = match hold::take_waiting(path, program, || cancel.is_cancelled()) {
            Ok(held) => {
                let mut store = Self::open_cancellable(path, cancel)?;
                store.access = Access::Held(held);
                return Ok(store);
            }
            Err(refusal) => refusal.reason(),
        };
        cancel.check()?;
        guard::inspect(path, cancel)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        cancel.watch(&conn)?;
        configure(&mut conn)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < current_version() {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            return Err(CoreError::ReadOnly(format!(
                "{name} needs upgrading to this version of Plenary, which cannot be done while another program has it open. {why}"
            )));
        }
        // Nothing can write, even by mistake: SQLite refuses it too.
        conn.pragma_update(None, "query_only", true)?;
        cancel.check()?;
        Ok(Store {
            conn,
            path: Some(path.into()),
            clock: system_clock(),
            last_edit: None,
            access: Access::ReadOnly(why),
        })
    }

    /// Holds a plan this process opened without holding it (one it just
    /// created): when another process holds it, it becomes read-only.
    pub fn hold(&mut self, program: hold::Program) -> Result<()> {
        let (Access::Free, Some(path)) = (&self.access, &self.path) else {
            return Ok(());
        };
        self.access = match hold::take(path, program) {
            Ok(held) => Access::Held(held),
            Err(refusal) => {
                self.conn.pragma_update(None, "query_only", true)?;
                Access::ReadOnly(refusal.reason())
            }
        };
        Ok(())
    }

    /// A number that changes whenever another connection has committed a
    /// change to the file: a window showing a plan read-only asks it now and
    /// then to follow what the holder saves.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Why this plan is open only for reading, or None when it can be edited.
    pub fn read_only(&self) -> Option<&str> {
        match &self.access {
            Access::ReadOnly(why) => Some(why),
            Access::Free | Access::Held(_) => None,
        }
    }

    /// Refuses a change to a plan open read-only, before anything is begun.
    fn writable(&self) -> Result<()> {
        match &self.access {
            Access::ReadOnly(why) => Err(CoreError::ReadOnly(why.clone())),
            Access::Free | Access::Held(_) => Ok(()),
        }
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
        // `query_only` refuses VACUUM INTO too, though it only reads this
        // plan: a plan open read-only is lifted for this statement alone.
        let read_only = self.read_only().is_some();
        if read_only {
            self.conn.pragma_update(None, "query_only", false)?;
        }
        let copied = self
            .conn
            .execute("VACUUM INTO ?1", params![tmp.to_string_lossy()]);
        if read_only {
            self.conn.pragma_update(None, "query_only", true)?;
        }
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

    /// A fixed clock, for tests of what edits are stamped with.
    #[cfg(test)]
    pub(crate) fn set_clock(&mut self, clock: Clock) {
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
        match self.edit_unless(summary, |tx| f(tx).map(Ok::<T, Infallible>))? {
            Ok(out) => Ok(out),
            Err(never) => match never {},
        }
    }

    /// `edit`, for a change that may find inside its transaction a reason not
    /// to go on (the `Err` of what `f` returns): then nothing is written or
    /// recorded, and the reason comes back.
    fn edit_unless<T, R>(
        &mut self,
        summary: &str,
        f: impl FnOnce(&Transaction) -> Result<std::result::Result<T, R>>,
    ) -> Result<std::result::Result<T, R>> {
        // The plan's wall clock, like check-ins and print stamps: a step made
        // in Geneva on a Bangkok plan reads in Bangkok time.
        self.writable()?;
        let at = self.plan()?.wall_clock((self.clock)());
        let tx = self.conn.transaction()?;
        let recording = change_log::Recording::start(&tx)?;
        let step = history::begin(&tx, at, summary)?;
        let out = match f(&tx)? {
            Ok(out) => out,
            // Dropping the transaction rolls it back.
            Err(reason) => return Ok(Err(reason)),
        };
        verify::within_size(&tx).map_err(|(field, why)| CoreError::invalid(field, why))?;
        let kept = history::end(&tx, step)?;
        recording.map(|r| r.finish(&tx)).transpose()?;
        tx.commit()?;
        self.last_edit = kept.then(|| summary.to_string());
        Ok(Ok(out))
    }

    /// Runs a bulk build (a new sample, a generated plan) as one transaction,
    /// outside the undo history.
    fn bulk<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.writable()?;
        let tx = self.conn.transaction()?;
        let recording = change_log::Recording::start(&tx)?;
        let out = f(&tx)?;
        verify::within_size(&tx).map_err(|(field, why)| CoreError::invalid(field, why))?;
        recording.map(|r| r.finish(&tx)).transpose()?;
        tx.commit()?;
        Ok(out)
    }

    /// Undoes the latest edit; returns what it was, or None if there is none.
    pub fn undo(&mut self) -> Result<Option<String>> {
        self.writable()?;
        let tx = self.conn.transaction()?;
        let recording = change_log::Recording::start(&tx)?;
        let done = history::undo(&tx)?;
        recording.map(|r| r.finish(&tx)).transpose()?;
        tx.commit()?;
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<Option<String>> {
        self.writable()?;
        let tx = self.conn.transaction()?;
        let recording = change_log::Recording::start(&tx)?;
        let done = history::redo(&tx)?;
        recording.map(|r| r.finish(&tx)).transpose()?;
        tx.commit()?;
        Ok(done)
    }

    /// Gives every record a UUID made from `namespace`, its table and its id,
    /// outside the undo history: a built plan (the sample, a generated one)
    /// then has the same identities each time it is built, so its exports
    /// are the same and two copies of it merge as one plan.
    pub fn settle_uids(&mut self, namespace: u32) -> Result<()> {
        self.bulk(|tx| {
            for (n, table) in schema::WITH_UID.iter().enumerate() {
                // Table names are the code's own constants.
                tx.execute(
                    &format!(
                        "UPDATE \"{table}\" SET uid = printf('%08x-0000-4000-8000-%04x%08x', ?1, ?2, id)"
                    ),
                    params![namespace, n as i64 + 1],
                )?;
            }
            Ok(())
        })
    }

    /// Closes the plan file, folding its write-ahead log into it, so the
    /// file can be moved or copied on its own.
    pub fn close(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| e.into())
    }

    /// Every record's UUID in one table, by id.
    pub fn uids(&self, table: UidTable) -> Result<std::collections::HashMap<Id, String>> {
        let name = table.name();
        Ok(self
            .select(&format!("SELECT id, uid FROM \"{name}\""), [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .into_iter()
            .collect())
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

    /// The file's schema version (`user_version`): the About box shows it,
    /// and tests of migrations check it.
    pub fn version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
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
