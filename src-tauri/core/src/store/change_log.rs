//! What a copy of a plan changed since its common base, as SQLite's session
//! extension records it.
//!
//! Once a plan has been handed over it keeps a change log (`merge_log`).
//! Every write transaction then runs under a session attached to the merged
//! tables (`merge::TABLES`); before the transaction commits, the session's
//! changeset is combined into the log, so the log holds the net change of
//! every row since it began, undo and redo included. A merge reads each
//! copy's log to know which records that copy changed (`Touched`).
//!
//! The log is combined, never reset, so it names a superset of what changed
//! since any later base. That is safe: a named record equal to the base is
//! still unchanged, whereas a missing one would hide a change.
//!
//! A changeset names rows by integer id, and ids differ between copies, so
//! each row is turned into its record's key in the copy that wrote it. The
//! other team's log is untrusted: table names are matched against the code's
//! own list, and a log that cannot be read counts as no log, which makes the
//! merge compare every record with the base instead.

use super::merge::{natural_key, KeyBy, Records, TABLES};
use crate::error::Result;
use rusqlite::ffi;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use std::collections::{HashMap, HashSet};
use std::ffi::{c_int, c_void, CStr, CString};
use std::marker::PhantomData;

fn sqlite_error(rc: c_int) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None)
}

fn check(rc: c_int) -> Result<()> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(sqlite_error(rc).into())
    }
}

/// Copies a buffer SQLite allocated and frees it.
///
/// # Safety
/// `data` must come from SQLite's allocator and hold `n` bytes (or be null).
unsafe fn take_buffer(data: *mut c_void, n: c_int) -> Vec<u8> {
    if data.is_null() {
        return Vec::new();
    }
    let out = std::slice::from_raw_parts(data as *const u8, n.max(0) as usize).to_vec();
    ffi::sqlite3_free(data);
    out
}

/// A session recording one transaction's changes to the merged tables.
pub(crate) struct Recording<'c> {
    session: *mut ffi::sqlite3_session,
    _conn: PhantomData<&'c Connection>,
}

impl Drop for Recording<'_> {
    fn drop(&mut self) {
        // SAFETY: the session was made by `sqlite3session_create` on a
        // connection still borrowed for 'c, and is deleted once.
        unsafe { ffi::sqlite3session_delete(self.session) }
    }
}

impl<'c> Recording<'c> {
    /// Starts recording on `conn` when the plan keeps a change log.
    pub fn start(conn: &'c Connection) -> Result<Option<Recording<'c>>> {
        let keeps: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM merge_log)", [], |r| r.get(0))?;
        if !keeps {
            return Ok(None);
        }
        let mut session = std::ptr::null_mut();
        // SAFETY: the handle is valid while `conn` is borrowed; the session
        // is deleted (Drop) before that borrow ends.
        check(unsafe {
            ffi::sqlite3session_create(conn.handle(), c"main".as_ptr(), &mut session)
        })?;
        let recording = Recording {
            session,
            _conn: PhantomData,
        };
        for table in TABLES {
            // The code's own table names.
            let name = CString::new(table.name).expect("a table name has no NUL");
            // SAFETY: a live session and a NUL-terminated name.
            check(unsafe { ffi::sqlite3session_attach(recording.session, name.as_ptr()) })?;
        }
        Ok(Some(recording))
    }

    fn changeset(&self) -> Result<Vec<u8>> {
        let mut n: c_int = 0;
        let mut data: *mut c_void = std::ptr::null_mut();
        // SAFETY: a live session; SQLite allocates the buffer, freed in take_buffer.
        let rc = unsafe { ffi::sqlite3session_changeset(self.session, &mut n, &mut data) };
        let bytes = unsafe { take_buffer(data, n) };
        check(rc)?;
        Ok(bytes)
    }

    /// Adds what was recorded to the log: inside the transaction, before it
    /// commits. A log that cannot be combined (a damaged file) is dropped:
    /// the copy then merges by comparing every record with the base.
    pub fn finish(self, conn: &Connection) -> Result<()> {
        let changes = self.changeset()?;
        drop(self);
        if changes.is_empty() {
            return Ok(());
        }
        let old: Option<Vec<u8>> = conn
            .query_row("SELECT changes FROM merge_log WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(old) = old else {
            return Ok(());
        };
        match combine(&[&old, &changes]) {
            Ok(all) => conn.execute("UPDATE merge_log SET changes = ?1 WHERE id = 1", [all])?,
            Err(_) => conn.execute("DELETE FROM merge_log", [])?,
        };
        Ok(())
    }
}

/// Runs `sql` as one edit recorded in the change log, as the store's edits
/// are: for tests that make an edit the app has no single call for.
#[cfg(test)]
pub(crate) fn run_recorded(conn: &Connection, sql: &str) {
    let recording = Recording::start(conn).expect("recording starts");
    conn.execute_batch(sql).expect("the edit runs");
    if let Some(r) = recording {
        r.finish(conn).expect("the log takes the edit");
    }
}

/// Starts a change log, empty, if the plan keeps none: done when the plan's
/// state becomes the common base, so the log covers every change after it.
pub(super) fn begin(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO merge_log (id, changes) VALUES (1, x'')",
        [],
    )?;
    Ok(())
}

/// Several changesets as one, each change netted with the later ones.
fn combine(parts: &[&[u8]]) -> Result<Vec<u8>> {
    struct Group(*mut ffi::sqlite3_changegroup);
    impl Drop for Group {
        fn drop(&mut self) {
            // SAFETY: made by sqlite3changegroup_new, deleted once.
            unsafe { ffi::sqlite3changegroup_delete(self.0) }
        }
    }
    let mut raw = std::ptr::null_mut();
    // SAFETY: out-pointer to a new changegroup.
    check(unsafe { ffi::sqlite3changegroup_new(&mut raw) })?;
    let group = Group(raw);
    for part in parts {
        if part.is_empty() {
            continue;
        }
        let n = c_int::try_from(part.len()).map_err(|_| sqlite_error(ffi::SQLITE_TOOBIG))?;
        // SAFETY: SQLite reads `n` bytes and does not write to them or keep them.
        check(unsafe { ffi::sqlite3changegroup_add(group.0, n, part.as_ptr() as *mut c_void) })?;
    }
    let mut n: c_int = 0;
    let mut data: *mut c_void = std::ptr::null_mut();
    // SAFETY: a live group; the buffer is SQLite's, freed in take_buffer.
    let rc = unsafe { ffi::sqlite3changegroup_output(group.0, &mut n, &mut data) };
    let bytes = unsafe { take_buffer(data, n) };
    check(rc)?;
    Ok(bytes)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Insert,
    Update,
    Delete,
}

/// One row's change: the values a changeset carries, by column (None where
/// it carries none: an update's unchanged columns).
#[derive(Debug)]
struct RowChange {
    table: usize,
    op: Op,
    old: Vec<Option<Value>>,
    new: Vec<Option<Value>>,
}

/// # Safety
/// `v` must be null or a value the iterator just gave.
unsafe fn value_of(v: *mut ffi::sqlite3_value) -> Option<Value> {
    if v.is_null() {
        return None;
    }
    let bytes = |p: *const u8| {
        let n = ffi::sqlite3_value_bytes(v).max(0) as usize;
        if p.is_null() || n == 0 {
            Vec::new()
        } else {
            std::slice::from_raw_parts(p, n).to_vec()
        }
    };
    Some(match ffi::sqlite3_value_type(v) {
        ffi::SQLITE_INTEGER => Value::Integer(ffi::sqlite3_value_int64(v)),
        ffi::SQLITE_FLOAT => Value::Real(ffi::sqlite3_value_double(v)),
        ffi::SQLITE_TEXT => {
            let p = ffi::sqlite3_value_text(v);
            Value::Text(String::from_utf8_lossy(&bytes(p)).into_owned())
        }
        ffi::SQLITE_BLOB => Value::Blob(bytes(ffi::sqlite3_value_blob(v) as *const u8)),
        _ => Value::Null,
    })
}

/// The rows a changeset changes; None when it cannot be read or names a
/// table the merge does not know.
fn rows(changes: &[u8]) -> Option<Vec<RowChange>> {
    struct Iter(*mut ffi::sqlite3_changeset_iter);
    impl Drop for Iter {
        fn drop(&mut self) {
            // SAFETY: made by sqlite3changeset_start, finalized once.
            unsafe { ffi::sqlite3changeset_finalize(self.0) };
        }
    }
    if changes.is_empty() {
        return Some(Vec::new());
    }
    let n = c_int::try_from(changes.len()).ok()?;
    let mut raw = std::ptr::null_mut();
    // SAFETY: SQLite reads `n` bytes, which outlive the iterator.
    if unsafe { ffi::sqlite3changeset_start(&mut raw, n, changes.as_ptr() as *mut c_void) }
        != ffi::SQLITE_OK
    {
        return None;
    }
    let iter = Iter(raw);
    let mut out = Vec::new();
    loop {
        // SAFETY: a live iterator.
        match unsafe { ffi::sqlite3changeset_next(iter.0) } {
            ffi::SQLITE_ROW => {}
            ffi::SQLITE_DONE => break,
            _ => return None,
        }
        let mut name: *const std::ffi::c_char = std::ptr::null();
        let (mut cols, mut op, mut indirect): (c_int, c_int, c_int) = (0, 0, 0);
        // SAFETY: a live iterator on a row; out-pointers.
        if unsafe { ffi::sqlite3changeset_op(iter.0, &mut name, &mut cols, &mut op, &mut indirect) }
            != ffi::SQLITE_OK
            || name.is_null()
        {
            return None;
        }
        // SAFETY: SQLite gives a NUL-terminated name valid until the next step.
        let name = unsafe { CStr::from_ptr(name) }.to_str().ok()?;
        let table = TABLES.iter().position(|t| t.name == name)?;
        let op = match op {
            ffi::SQLITE_INSERT => Op::Insert,
            ffi::SQLITE_UPDATE => Op::Update,
            ffi::SQLITE_DELETE => Op::Delete,
            _ => return None,
        };
        let read = |old: bool| -> Option<Vec<Option<Value>>> {
            let mut values = Vec::with_capacity(cols.max(0) as usize);
            for i in 0..cols {
                let mut v = std::ptr::null_mut();
                // SAFETY: a live iterator on a row, a column below its count.
                let rc = unsafe {
                    if old {
                        ffi::sqlite3changeset_old(iter.0, i, &mut v)
                    } else {
                        ffi::sqlite3changeset_new(iter.0, i, &mut v)
                    }
                };
                if rc != ffi::SQLITE_OK {
                    return None;
                }
                values.push(unsafe { value_of(v) });
            }
            Some(values)
        };
        let old = if op == Op::Insert {
            Vec::new()
        } else {
            read(true)?
        };
        let new = if op == Op::Delete {
            Vec::new()
        } else {
            read(false)?
        };
        out.push(RowChange {
            table,
            op,
            old,
            new,
        });
    }
    Some(out)
}

/// The records a copy's change log names, by table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Touched {
    /// Per table of `TABLES`: the keys named, or None when every record of
    /// the table counts (a row whose key could not be found).
    tables: Vec<Option<HashSet<String>>>,
}

impl Touched {
    /// Whether the log names record `key` of table `t`. A key made unique
    /// with "#n" (two identical co-chair lines) counts by its natural key too.
    pub fn names(&self, t: usize, key: &str) -> bool {
        match self.tables.get(t) {
            Some(Some(keys)) => {
                keys.contains(key)
                    || key
                        .rsplit_once('#')
                        .is_some_and(|(k, n)| n.parse::<u32>().is_ok() && keys.contains(k))
            }
            _ => true,
        }
    }

    /// A log naming every record: what a copy without a log amounts to.
    pub fn everything() -> Touched {
        Touched {
            tables: TABLES.iter().map(|_| None).collect(),
        }
    }
}

/// The columns of `table` in the file's order.
fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = st
        .query_map([table], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// What the change log of the plan in `conn` names, with `records` and
/// `rows_of` (each record's row id) the plan as it stands. None when the
/// plan keeps no log or its log cannot be read.
pub(super) fn touched(
    conn: &Connection,
    records: &Records,
    rows_of: &[HashMap<String, i64>],
) -> Result<Option<Touched>> {
    let blob: Option<Vec<u8>> = conn
        .query_row("SELECT changes FROM merge_log WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(blob) = blob else {
        return Ok(None);
    };
    let Some(mut changes) = rows(&blob) else {
        return Ok(None);
    };
    // Parents first, so a deleted child's reference finds its deleted parent.
    changes.sort_by_key(|c| c.table);
    // Row id to key: the rows there now, and the rows the log deleted.
    let mut key_of: Vec<HashMap<i64, String>> = rows_of
        .iter()
        .map(|m| m.iter().map(|(k, id)| (*id, k.clone())).collect())
        .collect();
    let mut out = Touched {
        tables: TABLES.iter().map(|_| Some(HashSet::new())).collect(),
    };
    let mut names: HashMap<usize, Vec<String>> = HashMap::new();
    for change in &changes {
        let t = change.table;
        let table = &TABLES[t];
        if let std::collections::hash_map::Entry::Vacant(e) = names.entry(t) {
            e.insert(columns(conn, table.name)?);
        }
        let cols = &names[&t];
        let width = change.old.len().max(change.new.len());
        if width != cols.len() {
            // A log of another shape than the table: count the whole table.
            out.tables[t] = None;
            continue;
        }
        let at = |name: &str| cols.iter().position(|c| c == name);
        let id_of = |values: &[Option<Value>]| match at("id").and_then(|i| values[i].as_ref()) {
            Some(Value::Integer(id)) => Some(*id),
            _ => None,
        };
        // The key of a row from the values the change carries, references
        // turned into keys; None when a value is missing or unknown.
        let key_from = |values: &[Option<Value>], key_of: &[HashMap<i64, String>]| match &table.key
        {
            KeyBy::Single => Some("1".to_string()),
            KeyBy::Uid => match at("uid").and_then(|i| values[i].as_ref()) {
                Some(Value::Text(uid)) => Some(uid.clone()),
                _ => None,
            },
            KeyBy::Cols(key_cols) => {
                let mut fields = vec![Value::Null; table.cols.len()];
                for c in *key_cols {
                    let merge_col = table.col(c)?;
                    let v = values[at(c)?].clone()?;
                    fields[merge_col] = match (table.target(merge_col), v) {
                        (Some(_), Value::Null) => Value::Null,
                        (Some((target, _)), Value::Integer(id)) => {
                            Value::Text(key_of[target].get(&id)?.clone())
                        }
                        (Some(_), _) => return None,
                        (None, v) => v,
                    };
                }
                Some(natural_key(table, &fields))
            }
        };
        let mut keys: Vec<Option<String>> = Vec::new();
        match change.op {
            Op::Insert => keys.push(key_from(&change.new, &key_of)),
            Op::Delete => {
                let key = key_from(&change.old, &key_of);
                if let (Some(id), Some(k)) = (id_of(&change.old), &key) {
                    key_of[t].entry(id).or_insert_with(|| k.clone());
                }
                keys.push(key);
            }
            Op::Update => {
                // The row as it is now, found by its primary key (the old
                // values carry it); then the row as it was, with the old
                // values of what changed laid over it.
                let now = match id_of(&change.old) {
                    Some(id) => key_of[t].get(&id).cloned(),
                    None => key_from(&change.old, &key_of),
                };
                let was = now.as_ref().and_then(|k| {
                    let rec = records.get(t, k)?;
                    match &table.key {
                        KeyBy::Single => Some("1".to_string()),
                        KeyBy::Uid => match at("uid").and_then(|i| change.old[i].as_ref()) {
                            Some(Value::Text(uid)) => Some(uid.clone()),
                            _ => Some(k.clone()),
                        },
                        KeyBy::Cols(_) => {
                            let mut fields = rec.fields.clone();
                            for (c, name) in table.cols.iter().enumerate() {
                                let Some(v) = at(name).and_then(|i| change.old[i].clone()) else {
                                    continue;
                                };
                                fields[c] = match (table.target(c), v) {
                                    (Some((target, _)), Value::Integer(id)) => {
                                        Value::Text(key_of[target].get(&id)?.clone())
                                    }
                                    (_, v) => v,
                                };
                            }
                            Some(natural_key(table, &fields))
                        }
                    }
                });
                keys.push(now);
                keys.push(was);
            }
        }
        if let Some(set) = &mut out.tables[t] {
            if keys.iter().any(Option::is_none) {
                out.tables[t] = None;
            } else {
                set.extend(keys.into_iter().flatten());
            }
        }
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests;
