//! Undo and redo that survive a restart, kept in the plan file as data.
//!
//! Triggers on every tracked table record, for each change made while a step
//! is recording, what happened to which row and the row's former values
//! (`history_change`). Undoing a step applies its changes newest first with
//! the app's own statements; the triggers record, under the same step, the
//! changes that reverse the undo, which are then what redo applies. So a step
//! always holds the inverse of its last application.
//!
//! A plan file comes from anyone, so a change is only data: its table must be
//! one of `TRACKED` and its columns that table's, and the statements are built
//! from those constants alone, with every value bound as a parameter.

use super::schema::TRACKED;
use super::verify;
use crate::error::{CoreError, Result};
use chrono::NaiveDateTime;
use rusqlite::types::Value;
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

const RECORDING: &str = "(SELECT recording FROM history_state WHERE id = 1)";

/// The trigger names of one tracked table.
fn trigger_names(table: &str) -> [String; 3] {
    ["insert", "update", "delete"].map(|op| format!("history_{table}_{op}"))
}

/// Drops the recording triggers by the names this code gives them.
pub fn drop_triggers(conn: &Connection) -> Result<()> {
    for (table, _) in TRACKED {
        for name in trigger_names(table) {
            conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {name};"))?;
        }
    }
    Ok(())
}

/// The statements that create the recording triggers of a file of
/// `version`, from the column lists in `TRACKED` (never from the file's own
/// idea of its columns).
pub fn trigger_sql(version: i64) -> Vec<String> {
    let mut out = Vec::new();
    for (table, cols) in super::schema::tracked_at(version) {
        let old_values = cols
            .iter()
            .map(|c| format!("'{c}', OLD.\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let [insert, update, delete] = trigger_names(table);
        out.push(format!(
            "CREATE TRIGGER {insert} AFTER INSERT ON \"{table}\" WHEN {RECORDING} IS NOT NULL BEGIN
  INSERT INTO history_change (step, tbl, op, row_id, old) VALUES ({RECORDING}, '{table}', 'insert', NEW.rowid, NULL);
END"
        ));
        for (name, op) in [(update, "update"), (delete, "delete")] {
            out.push(format!(
                "CREATE TRIGGER {name} AFTER {verb} ON \"{table}\" WHEN {RECORDING} IS NOT NULL BEGIN
  INSERT INTO history_change (step, tbl, op, row_id, old) VALUES ({RECORDING}, '{table}', '{op}', OLD.rowid, json_object({old_values}));
END",
                verb = op.to_uppercase(),
            ));
        }
    }
    out
}

/// (Re)creates the recording triggers of a file of `version`; run after the
/// last migration.
pub fn install_triggers(conn: &Connection, version: i64) -> Result<()> {
    drop_triggers(conn)?;
    for sql in trigger_sql(version) {
        conn.execute_batch(&format!("{sql};"))?;
    }
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

/// Stops recording; a step that changed nothing is not kept. Returns
/// whether it was.
pub fn end(tx: &Transaction, step: i64) -> Result<bool> {
    tx.execute("UPDATE history_state SET recording = NULL WHERE id = 1", [])?;
    let changed: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM history_change WHERE step = ?1)",
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
    Ok(changed)
}

/// What a recorded change did to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// The row was inserted; applying the change deletes it.
    Insert,
    /// The row was updated; applying the change restores `old`.
    Update,
    /// The row was deleted; applying the change inserts `old` again.
    Delete,
}

impl Op {
    pub fn key(self) -> &'static str {
        match self {
            Op::Insert => "insert",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }

    pub fn from_key(key: &str) -> Option<Op> {
        [Op::Insert, Op::Update, Op::Delete]
            .into_iter()
            .find(|op| op.key() == key)
    }
}

/// One change read back from the file, before it is trusted.
struct Change {
    table: String,
    op: String,
    row_id: i64,
    old: Option<String>,
}

/// A change whose table and columns are the code's own constants.
struct Checked {
    table: &'static str,
    op: Op,
    row_id: i64,
    values: Vec<(&'static str, Value)>,
}

/// Finds `name` among the tracked tables: the `&'static str` returned is the
/// code's, so it is what goes into a statement.
pub fn tracked_table(name: &str) -> Option<(&'static str, &'static [&'static str])> {
    TRACKED.iter().copied().find(|(t, _)| *t == name)
}

fn json_value(v: &serde_json::Value) -> Option<Value> {
    Some(match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64()?),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Array(_) | serde_json::Value::Object(_) => return None,
    })
}

fn check(change: Change) -> std::result::Result<Checked, String> {
    let (table, cols) = tracked_table(&change.table).ok_or_else(|| {
        format!(
            "it names a table Plenary does not keep (“{}”)",
            verify::clean(&change.table, 40)
        )
    })?;
    let op = Op::from_key(&change.op).ok_or_else(|| {
        format!(
            "it names an unknown change (“{}”)",
            verify::clean(&change.op, 40)
        )
    })?;
    let values = match (op, change.old) {
        (Op::Insert, _) => Vec::new(),
        (_, None) => return Err("a change has no former values".into()),
        (_, Some(json)) => {
            let map: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&json).map_err(|_| "a change's values are not readable")?;
            let mut values = Vec::with_capacity(map.len());
            for (key, value) in &map {
                let col = cols.iter().copied().find(|c| c == key).ok_or_else(|| {
                    format!(
                        "it names a column {table} does not have (“{}”)",
                        verify::clean(key, 40)
                    )
                })?;
                let value = json_value(value)
                    .ok_or_else(|| format!("a value of {table}.{col} is not a plain value"))?;
                values.push((col, value));
            }
            if values.is_empty() {
                return Err("a change has no former values".into());
            }
            values
        }
    };
    Ok(Checked {
        table,
        op,
        row_id: change.row_id,
        values,
    })
}

/// Applies one change; `Ok(false)` when it found no row to change, which
/// a step Plenary recorded never does.
fn apply(tx: &Transaction, c: &Checked) -> Result<bool> {
    let table = c.table;
    let changed = match c.op {
        Op::Insert => tx
            .prepare_cached(&format!("DELETE FROM \"{table}\" WHERE rowid = ?1"))?
            .execute([c.row_id])?,
        Op::Update => {
            let sets = c
                .values
                .iter()
                .enumerate()
                .map(|(i, (col, _))| format!("\"{col}\" = ?{}", i + 2))
                .collect::<Vec<_>>()
                .join(", ");
            let mut st =
                tx.prepare_cached(&format!("UPDATE \"{table}\" SET {sets} WHERE rowid = ?1"))?;
            let mut params: Vec<&dyn rusqlite::ToSql> = vec![&c.row_id];
            params.extend(c.values.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
            st.execute(params.as_slice())?
        }
        Op::Delete => {
            let names = c
                .values
                .iter()
                .map(|(col, _)| format!(", \"{col}\""))
                .collect::<String>();
            let marks = (0..c.values.len())
                .map(|i| format!(", ?{}", i + 2))
                .collect::<String>();
            // A row deleted before version 8 has no uid among its former
            // values: it comes back with a new one.
            let (uid_name, uid_value) = if super::schema::WITH_UID.contains(&table)
                && !c.values.iter().any(|(col, _)| *col == "uid")
            {
                (", \"uid\"", concat!(", ", new_uid!()))
            } else {
                ("", "")
            };
            let mut st = tx.prepare_cached(&format!(
                "INSERT INTO \"{table}\" (rowid{names}{uid_name}) VALUES (?1{marks}{uid_value})"
            ))?;
            let mut params: Vec<&dyn rusqlite::ToSql> = vec![&c.row_id];
            params.extend(c.values.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
            st.execute(params.as_slice())?
        }
    };
    Ok(changed == 1)
}

/// Applies a step's changes newest first, recording their inverses. A step
/// that names anything but the app's own tables and columns, or would leave
/// the plan invalid, is refused whole.
fn replay(tx: &Transaction, step: i64, summary: &str, verb: &str) -> Result<()> {
    let refuse = |why: String| {
        CoreError::Damaged(format!(
            "“{}” cannot be {verb}: {why}; nothing was changed.",
            verify::clean(summary, 60)
        ))
    };
    let changes: Vec<Change> = {
        let mut st = tx.prepare(
            "SELECT tbl, op, row_id, old FROM history_change WHERE step = ?1 ORDER BY seq DESC",
        )?;
        let rows = st.query_map([step], |r| {
            Ok(Change {
                table: r.get(0)?,
                op: r.get(1)?,
                row_id: r.get(2)?,
                old: r.get(3)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|_| refuse("its record in the file is damaged".into()))?
    };
    let checked = changes
        .into_iter()
        .map(check)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(refuse)?;
    tx.execute("DELETE FROM history_change WHERE step = ?1", [step])?;
    // Rows come back in an order that satisfies foreign keys only once the
    // whole step has run.
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    tx.execute(
        "UPDATE history_state SET recording = ?1 WHERE id = 1",
        [step],
    )?;
    for c in &checked {
        let found = apply(tx, c).map_err(|e| refuse(verify::clean(&e.to_string(), 120)))?;
        if !found {
            return Err(refuse(format!(
                "it refers to a record of {} that is not in the plan",
                c.table.replace('_', " ")
            )));
        }
    }
    tx.execute("UPDATE history_state SET recording = NULL WHERE id = 1", [])?;
    verify::plan_is_sound(tx).map_err(refuse)?;
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
    replay(tx, id, &summary, "undone")?;
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
    replay(tx, id, &summary, "redone")?;
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
