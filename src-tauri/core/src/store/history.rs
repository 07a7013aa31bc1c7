//! Undo and redo that survive a restart, kept in the plan file.
//!
//! Triggers on every tracked table write, for each change made while a step
//! is recording, the SQL statement that reverses it. Undoing a step runs its
//! statements newest first; the triggers record, under the same step, the
//! statements that reverse the undo, which are then what redo runs. So a
//! step always holds the inverse of its last application.

use super::schema::TRACKED_TABLES;
use crate::error::Result;
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use specta::Type;

/// Steps kept; older ones are forgotten.
pub const HISTORY_LIMIT: i64 = 500;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct HistoryStep {
    pub id: i64,
    pub at: NaiveDateTime,
    pub summary: String,
    pub undone: bool,
}

/// What undo and redo would do now, for menu items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct UndoState {
    pub undo: Option<String>,
    pub redo: Option<String>,
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare(&format!("PRAGMA table_info(\"{table}\")"))?;
    let cols = st
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

/// (Re)creates the recording triggers for the current columns of each
/// tracked table; run after every migration.
pub fn install_triggers(conn: &Connection) -> Result<()> {
    let recording = "(SELECT recording FROM history_state WHERE id = 1)";
    let mut sql = String::new();
    for table in TRACKED_TABLES {
        let cols = columns(conn, table)?;
        let names = cols
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(",");
        let old_values = cols
            .iter()
            .map(|c| format!("quote(OLD.\"{c}\")"))
            .collect::<Vec<_>>()
            .join("||','||");
        let old_sets = cols
            .iter()
            .map(|c| format!("'\"{c}\"='||quote(OLD.\"{c}\")"))
            .collect::<Vec<_>>()
            .join("||','||");
        sql.push_str(&format!(
            "DROP TRIGGER IF EXISTS history_{table}_insert;
             DROP TRIGGER IF EXISTS history_{table}_update;
             DROP TRIGGER IF EXISTS history_{table}_delete;
             CREATE TRIGGER history_{table}_insert AFTER INSERT ON \"{table}\" WHEN {recording} IS NOT NULL BEGIN
               INSERT INTO history_sql (step, sql) VALUES ({recording}, 'DELETE FROM \"{table}\" WHERE rowid='||NEW.rowid);
             END;
             CREATE TRIGGER history_{table}_update AFTER UPDATE ON \"{table}\" WHEN {recording} IS NOT NULL BEGIN
               INSERT INTO history_sql (step, sql) VALUES ({recording}, 'UPDATE \"{table}\" SET '||{old_sets}||' WHERE rowid='||OLD.rowid);
             END;
             CREATE TRIGGER history_{table}_delete AFTER DELETE ON \"{table}\" WHEN {recording} IS NOT NULL BEGIN
               INSERT INTO history_sql (step, sql) VALUES ({recording}, 'INSERT INTO \"{table}\" (rowid,{names_escaped}) VALUES ('||OLD.rowid||','||{old_values}||')');
             END;
            ",
            names_escaped = names.replace('\'', "''"),
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Starts recording a new step; later steps that were undone are dropped,
/// as in any editor.
pub fn begin(tx: &Transaction, at: NaiveDateTime, summary: &str) -> Result<i64> {
    tx.execute("DELETE FROM history_step WHERE undone = 1", [])?;
    tx.execute(
        "INSERT INTO history_step (at, summary) VALUES (?1, ?2)",
        params![at, summary],
    )?;
    let step = tx.last_insert_rowid();
    tx.execute(
        "UPDATE history_state SET recording = ?1 WHERE id = 1",
        [step],
    )?;
    Ok(step)
}

/// Stops recording; a step that changed nothing is not kept.
pub fn end(tx: &Transaction, step: i64) -> Result<()> {
    tx.execute("UPDATE history_state SET recording = NULL WHERE id = 1", [])?;
    let changed: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM history_sql WHERE step = ?1)",
        [step],
        |r| r.get(0),
    )?;
    if !changed {
        tx.execute("DELETE FROM history_step WHERE id = ?1", [step])?;
    }
    tx.execute(
        "DELETE FROM history_step WHERE id <= (SELECT max(id) FROM history_step) - ?1",
        [HISTORY_LIMIT],
    )?;
    Ok(())
}

/// Replays a step's statements newest first, recording their inverses.
fn replay(tx: &Transaction, step: i64) -> Result<()> {
    let statements: Vec<String> = {
        let mut st = tx.prepare("SELECT sql FROM history_sql WHERE step = ?1 ORDER BY seq DESC")?;
        let rows = st.query_map([step], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    tx.execute("DELETE FROM history_sql WHERE step = ?1", [step])?;
    // Rows come back in an order that satisfies foreign keys only once the
    // whole step has run.
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    tx.execute(
        "UPDATE history_state SET recording = ?1 WHERE id = 1",
        [step],
    )?;
    for sql in &statements {
        tx.execute_batch(sql)?;
    }
    tx.execute("UPDATE history_state SET recording = NULL WHERE id = 1", [])?;
    Ok(())
}

/// Undoes the latest applied step; returns its summary.
pub fn undo(tx: &Transaction) -> Result<Option<String>> {
    let step: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, summary FROM history_step WHERE undone = 0 ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, summary)) = step else {
        return Ok(None);
    };
    replay(tx, id)?;
    tx.execute("UPDATE history_step SET undone = 1 WHERE id = ?1", [id])?;
    Ok(Some(summary))
}

/// Redoes the earliest undone step; returns its summary.
pub fn redo(tx: &Transaction) -> Result<Option<String>> {
    let step: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, summary FROM history_step WHERE undone = 1 ORDER BY id ASC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, summary)) = step else {
        return Ok(None);
    };
    replay(tx, id)?;
    tx.execute("UPDATE history_step SET undone = 0 WHERE id = ?1", [id])?;
    Ok(Some(summary))
}

pub fn state(conn: &Connection) -> Result<UndoState> {
    let undo = conn
        .query_row(
            "SELECT summary FROM history_step WHERE undone = 0 ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let redo = conn
        .query_row(
            "SELECT summary FROM history_step WHERE undone = 1 ORDER BY id ASC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(UndoState { undo, redo })
}

/// The change log, newest first.
pub fn log(conn: &Connection, limit: i64) -> Result<Vec<HistoryStep>> {
    let mut st =
        conn.prepare("SELECT id, at, summary, undone FROM history_step ORDER BY id DESC LIMIT ?1")?;
    let rows = st.query_map([limit], |r| {
        Ok(HistoryStep {
            id: r.get(0)?,
            at: r.get(1)?,
            summary: r.get(2)?,
            undone: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
