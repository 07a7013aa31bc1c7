//! The plan as records keyed by their stable identities, for merging two
//! teams' copies, and the common base a file keeps of the last exchange.
//!
//! Integer ids differ between copies (both teams' fourth session is id 4),
//! so a record is keyed by its UUID, or, in a table without one, by the
//! identities of what it joins (a delegation's registration is its event
//! and organisation). References are kept as the referenced record's key.
//! The base is stored the same way (`merge_base`, one row a record, its
//! fields as a JSON array), so undo covers it and nothing in it is ever run:
//! it is only compared with.

use super::change_log::Touched;
use super::{verify, Store};
use crate::error::{CoreError, Result};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection};
use std::collections::{BTreeMap, HashMap};

/// How a table's records are told apart across copies.
pub enum KeyBy {
    /// The record's `uid`.
    Uid,
    /// The keys of these columns (references translated), joined.
    Cols(&'static [&'static str]),
    /// The table's single row.
    Single,
}

/// What becomes of a record whose reference is gone, as the schema's
/// `ON DELETE` says.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnGone {
    Drop,
    Null,
}

pub struct MergeTable {
    pub name: &'static str,
    /// How a record is named to a person ("Session").
    pub what: &'static str,
    pub key: KeyBy,
    /// The columns merged, field by field (never `id`, `uid` or the position).
    pub cols: &'static [&'static str],
    /// Columns that refer to another table's records.
    pub refs: &'static [(&'static str, &'static str, OnGone)],
    /// An ordered list: the column of the record it belongs to, and the
    /// column of its place in that list.
    pub list: Option<(&'static str, &'static str)>,
}

impl MergeTable {
    pub fn col(&self, name: &str) -> Option<usize> {
        self.cols.iter().position(|c| *c == name)
    }
    /// The table a column refers to, if it is a reference.
    pub fn target(&self, col: usize) -> Option<(usize, OnGone)> {
        let name = self.cols.get(col)?;
        let (_, table, gone) = self.refs.iter().find(|(c, _, _)| c == name)?;
        Some((table_index(table)?, *gone))
    }
}

pub fn table_index(name: &str) -> Option<usize> {
    TABLES.iter().position(|t| t.name == name)
}

use OnGone::{Drop as Gone, Null as Cleared};

/// The tables a merge covers, parents before the records that refer to
/// them. Left out: the undo history, published versions (each copy's own
/// numbering), the common base itself and the copy's team.
pub const TABLES: &[MergeTable] = &[
    MergeTable {
        name: "plan",
        what: "Plan",
        key: KeyBy::Single,
        cols: &[
            "title",
            "convening_body",
            "venue",
            "city",
            "time_zone",
            "first_day",
            "last_day",
            "day_start",
            "day_end",
            "notes",
            "snap_minutes",
            "changeover_minutes",
            "date_order",
            "group_roles",
            "call_minutes",
            "check_panel_gender",
        ],
        refs: &[],
        list: None,
    },
    MergeTable {
        name: "event",
        what: "Event",
        key: KeyBy::Uid,
        cols: &[
            "title",
            "short_name",
            "first_day",
            "last_day",
            "description",
        ],
        refs: &[],
        list: None,
    },
    MergeTable {
        name: "room",
        what: "Room",
        key: KeyBy::Uid,
        cols: &["name", "capacity", "notes"],
        refs: &[],
        list: None,
    },
    MergeTable {
        name: "organisation",
        what: "Organisation",
        key: KeyBy::Uid,
        cols: &[
            "name",
            "acronym",
            "category",
            "country_code",
            "official_name",
        ],
        refs: &[],
        list: None,
    },
    MergeTable {
        name: "person",
        what: "Person",
        key: KeyBy::Uid,
        cols: &[
            "honorific",
            "given_name",
            "family_name",
            "position",
            "organisation_id",
            "email",
            "phone",
            "notes",
            "external_id",
            "gender",
        ],
        refs: &[("organisation_id", "organisation", Cleared)],
        list: None,
    },
    MergeTable {
        name: "session",
        what: "Session",
        key: KeyBy::Uid,
        cols: &[
            "event_id",
            "title",
            "kind",
            "start",
            "end",
            "room_id",
            "description",
            "agenda_item",
            "outcome",
            "notes",
            "pinned",
            "day",
            "tentative",
            "link",
            "actual_start",
            "actual_end",
            "cancelled",
        ],
        refs: &[("event_id", "event", Gone), ("room_id", "room", Cleared)],
        list: None,
    },
    MergeTable {
        name: "session_role",
        what: "Role",
        key: KeyBy::Uid,
        cols: &[
            "session_id",
            "role",
            "person_id",
            "organisation_id",
            "note",
            "tentative",
            "presence",
            "replaced_by",
        ],
        refs: &[
            ("session_id", "session", Gone),
            ("person_id", "person", Gone),
            ("organisation_id", "organisation", Gone),
            ("replaced_by", "person", Cleared),
        ],
        list: Some(("session_id", "position")),
    },
    MergeTable {
        name: "event_cochair",
        what: "Co-chair",
        key: KeyBy::Cols(&["event_id", "organisation_id", "person_id", "day"]),
        cols: &[
            "event_id",
            "organisation_id",
            "person_id",
            "role_label",
            "day",
        ],
        refs: &[
            ("event_id", "event", Gone),
            ("organisation_id", "organisation", Gone),
            ("person_id", "person", Cleared),
        ],
        list: Some(("event_id", "position")),
    },
    MergeTable {
        name: "cohost",
        what: "Co-host",
        key: KeyBy::Cols(&["event_id", "session_id", "organisation_id"]),
        cols: &["event_id", "session_id", "organisation_id"],
        refs: &[
            ("event_id", "event", Gone),
            ("session_id", "session", Gone),
            ("organisation_id", "organisation", Gone),
        ],
        list: None,
    },
    MergeTable {
        name: "participation",
        what: "Participation",
        key: KeyBy::Cols(&["event_id", "organisation_id"]),
        cols: &["event_id", "organisation_id", "status", "level"],
        refs: &[
            ("event_id", "event", Gone),
            ("organisation_id", "organisation", Gone),
        ],
        list: None,
    },
    MergeTable {
        name: "attendance",
        what: "Registration",
        key: KeyBy::Cols(&["event_id", "person_id"]),
        cols: &["event_id", "person_id", "registration", "capacity"],
        refs: &[("event_id", "event", Gone), ("person_id", "person", Gone)],
        list: None,
    },
    MergeTable {
        name: "attendance_day",
        what: "Check-in",
        key: KeyBy::Cols(&["attendance_id", "day"]),
        cols: &["attendance_id", "day", "checked_in_at"],
        refs: &[("attendance_id", "attendance", Gone)],
        list: None,
    },
    MergeTable {
        name: "accepted_conflict",
        what: "Accepted problem",
        key: KeyBy::Cols(&["key"]),
        cols: &["key", "note"],
        refs: &[],
        list: None,
    },
    MergeTable {
        name: "speaking_slot",
        what: "Speaking turn",
        key: KeyBy::Cols(&["session_id", "organisation_id"]),
        cols: &[
            "session_id",
            "organisation_id",
            "person_id",
            "minutes",
            "spoke_start",
            "spoke_end",
        ],
        refs: &[
            ("session_id", "session", Gone),
            ("organisation_id", "organisation", Gone),
            ("person_id", "person", Cleared),
        ],
        list: Some(("session_id", "position")),
    },
    MergeTable {
        name: "protocol_setting",
        what: "Protocol settings",
        key: KeyBy::Single,
        cols: &["host_organisation_id", "ignore_words"],
        refs: &[("host_organisation_id", "organisation", Cleared)],
        list: None,
    },
    MergeTable {
        name: "summary_section",
        what: "Summary section",
        key: KeyBy::Cols(&["key"]),
        cols: &["key", "drafted", "edited"],
        refs: &[],
        list: None,
    },
];

/// One record: its fields in its table's `cols` order (references as the
/// referenced record's key), and its place in its list.
#[derive(Debug, Clone, PartialEq)]
pub struct Rec {
    pub fields: Vec<Value>,
    pub order: i64,
}

/// A whole plan, or a base, as records: one map per table of `TABLES`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    pub tables: Vec<BTreeMap<String, Rec>>,
}

impl Records {
    pub fn empty() -> Records {
        Records {
            tables: TABLES.iter().map(|_| BTreeMap::new()).collect(),
        }
    }
    pub fn get(&self, t: usize, key: &str) -> Option<&Rec> {
        self.tables.get(t).and_then(|m| m.get(key))
    }
    pub fn len(&self) -> usize {
        self.tables.iter().map(|m| m.len()).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Which exchange a file's base is: the lineage both copies share (set
/// when a copy is first handed over) and how many exchanges made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseState {
    pub lineage: String,
    pub generation: i64,
}

/// What a merge wrote, by kind of change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub added: usize,
    pub changed: usize,
    pub deleted: usize,
}

const KEY_SEP: &str = "|";

fn key_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(_) => String::new(),
    }
}

/// The key of a record of a table keyed by its columns: their values
/// (references as keys) joined.
pub fn natural_key(table: &MergeTable, fields: &[Value]) -> String {
    let KeyBy::Cols(cols) = table.key else {
        return String::new();
    };
    cols.iter()
        .map(|c| {
            table
                .col(c)
                .and_then(|i| fields.get(i))
                .map(key_text)
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(KEY_SEP)
}

/// Every record of the plan `conn` holds, with each record's row id.
fn read_with_rows(conn: &Connection) -> Result<(Records, Vec<HashMap<String, i64>>)> {
    let mut out = Records::empty();
    let mut rows_of: Vec<HashMap<String, i64>> = Vec::with_capacity(TABLES.len());
    // Row id to key, per table, to translate references.
    let mut keys_of: Vec<HashMap<i64, String>> = Vec::with_capacity(TABLES.len());
    for (t, table) in TABLES.iter().enumerate() {
        let mut names: Vec<String> = table.cols.iter().map(|c| format!("\"{c}\"")).collect();
        names.push(match table.key {
            KeyBy::Uid => "uid".into(),
            _ => "NULL".into(),
        });
        names.push(match table.list {
            Some((_, pos)) => format!("\"{pos}\""),
            None => "0".into(),
        });
        // Names are the code's own constants.
        let sql = format!(
            "SELECT rowid, {} FROM \"{}\" ORDER BY rowid",
            names.join(", "),
            table.name
        );
        let mut st = conn.prepare(&sql)?;
        let mut rows = st.query([])?;
        let n = table.cols.len();
        let mut map = BTreeMap::new();
        let mut row_ids = HashMap::new();
        let mut key_by_row = HashMap::new();
        while let Some(r) = rows.next()? {
            let rowid: i64 = r.get(0)?;
            let mut fields = Vec::with_capacity(n);
            for i in 0..n {
                let v: Value = r.get(i + 1)?;
                let v = match (table.target(i), v) {
                    (Some(_), Value::Null) => Value::Null,
                    (Some((target, _)), Value::Integer(id)) => {
                        match keys_of.get(target).and_then(|m| m.get(&id)) {
                            Some(k) => Value::Text(k.clone()),
                            // A checked plan has no broken reference.
                            None => Value::Null,
                        }
                    }
                    (_, v) => v,
                };
                fields.push(v);
            }
            let order: i64 = r.get::<_, Option<i64>>(n + 2)?.unwrap_or(0);
            let key = match table.key {
                KeyBy::Uid => r.get::<_, String>(n + 1)?,
                KeyBy::Single => "1".to_string(),
                KeyBy::Cols(_) => natural_key(table, &fields),
            };
            // Two rows with the same natural key (two identical co-chair
            // lines) stay two records.
            let mut unique = key.clone();
            let mut n_seen = 1;
            while map.contains_key(&unique) {
                n_seen += 1;
                unique = format!("{key}#{n_seen}");
            }
            row_ids.insert(unique.clone(), rowid);
            key_by_row.insert(rowid, unique.clone());
            map.insert(unique, Rec { fields, order });
        }
        out.tables[t] = map;
        rows_of.push(row_ids);
        keys_of.push(key_by_row);
    }
    Ok((out, rows_of))
}

fn to_json(rec: &Rec) -> String {
    let mut items = Vec::with_capacity(rec.fields.len() + 1);
    items.push(serde_json::Value::from(rec.order));
    for v in &rec.fields {
        items.push(match v {
            Value::Null | Value::Blob(_) => serde_json::Value::Null,
            Value::Integer(i) => serde_json::Value::from(*i),
            Value::Real(f) => serde_json::Value::from(*f),
            Value::Text(s) => serde_json::Value::from(s.as_str()),
        });
    }
    serde_json::Value::Array(items).to_string()
}

fn from_json(table: &MergeTable, text: &str) -> Option<Rec> {
    let serde_json::Value::Array(items) = serde_json::from_str(text).ok()? else {
        return None;
    };
    if items.len() != table.cols.len() + 1 {
        return None;
    }
    let mut it = items.into_iter();
    let order = it.next()?.as_i64()?;
    let mut fields = Vec::with_capacity(table.cols.len());
    for v in it {
        fields.push(match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Number(n) => Value::Integer(n.as_i64()?),
            serde_json::Value::String(s) => Value::Text(s),
            _ => return None,
        });
    }
    Some(Rec { fields, order })
}

fn damaged() -> CoreError {
    CoreError::invalid(
        "file",
        "The common base kept in this plan is damaged; hand over a new copy.",
    )
}

/// A file's common base as stored: read at once, its records parsed only
/// when a merge uses it (of the two copies' bases, one is).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredBase {
    pub state: BaseState,
    rows: Vec<(usize, String, String)>,
}

impl StoredBase {
    pub fn records(&self) -> Result<Records> {
        let mut base = Records::empty();
        for (t, key, fields) in &self.rows {
            let rec = from_json(&TABLES[*t], fields).ok_or_else(damaged)?;
            base.tables[*t].insert(key.clone(), rec);
        }
        Ok(base)
    }
}

fn read_base(conn: &Connection) -> Result<Option<StoredBase>> {
    let state = conn
        .query_row(
            "SELECT lineage, generation FROM merge_state WHERE id = 1",
            [],
            |r| {
                Ok(BaseState {
                    lineage: r.get(0)?,
                    generation: r.get(1)?,
                })
            },
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    let Some(state) = state else {
        return Ok(None);
    };
    let mut rows = Vec::new();
    let mut st = conn.prepare("SELECT tbl, key, fields FROM merge_base ORDER BY rowid")?;
    let mut found = st.query([])?;
    while let Some(r) = found.next()? {
        let tbl: String = r.get(0)?;
        let t = table_index(&tbl).ok_or_else(damaged)?;
        // The file check lets a NULL through where history keeps one.
        let fields: Option<String> = r.get(2)?;
        rows.push((t, r.get(1)?, fields.ok_or_else(damaged)?));
    }
    Ok(Some(StoredBase { state, rows }))
}

/// Rewrites the stored base to `base`, row by row where it differs.
fn write_base(conn: &Connection, base: &Records) -> Result<()> {
    let mut old: HashMap<(String, String), String> = HashMap::new();
    {
        let mut st = conn.prepare("SELECT tbl, key, fields FROM merge_base")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            old.insert((r.get(0)?, r.get(1)?), r.get(2)?);
        }
    }
    for (t, table) in TABLES.iter().enumerate() {
        for (key, rec) in &base.tables[t] {
            let text = to_json(rec);
            match old.remove(&(table.name.to_string(), key.clone())) {
                Some(was) if was == text => {}
                Some(_) => {
                    conn.prepare_cached(
                        "UPDATE merge_base SET fields = ?3 WHERE tbl = ?1 AND key = ?2",
                    )?
                    .execute(params![table.name, key, text])?;
                }
                None => {
                    conn.prepare_cached(
                        "INSERT INTO merge_base (tbl, key, fields) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![table.name, key, text])?;
                }
            }
        }
    }
    for (tbl, key) in old.keys() {
        conn.prepare_cached("DELETE FROM merge_base WHERE tbl = ?1 AND key = ?2")?
            .execute(params![tbl, key])?;
    }
    Ok(())
}

fn write_state(conn: &Connection, state: &BaseState, at: chrono::NaiveDateTime) -> Result<()> {
    conn.execute(
        "INSERT INTO merge_state (id, lineage, generation, at) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET lineage = excluded.lineage,
           generation = excluded.generation, at = excluded.at",
        params![state.lineage, state.generation, at],
    )?;
    Ok(())
}

/// `fields` with references turned into the row ids of this file.
fn bind(t: usize, rec: &Rec, rows_of: &[HashMap<String, i64>]) -> Result<Vec<Value>> {
    let table = &TABLES[t];
    let mut out = Vec::with_capacity(rec.fields.len());
    for (i, v) in rec.fields.iter().enumerate() {
        out.push(match (table.target(i), v) {
            (Some((target, _)), Value::Text(k)) => match rows_of[target].get(k) {
                Some(id) => Value::Integer(*id),
                None => {
                    return Err(CoreError::invalid(
                        "merge",
                        format!(
                            "A {} refers to a record the merged plan does not hold.",
                            table.what.to_lowercase()
                        ),
                    ))
                }
            },
            (_, v) => v.clone(),
        });
    }
    Ok(out)
}

/// The sentence for a write SQLite refused: two rooms of one name is the
/// one a person can fix.
fn refused(t: usize, rec: &Rec, e: rusqlite::Error) -> CoreError {
    if TABLES[t].name == "room" {
        if let Some(Value::Text(name)) = rec.fields.first() {
            return CoreError::invalid(
                "merge",
                format!(
                    "Both copies have a room named “{}”; rename one of them and merge again.",
                    verify::clean(name, 60)
                ),
            );
        }
    }
    e.into()
}

/// Makes the plan `conn` holds equal to `target`, record by record.
fn write_records(conn: &Connection, target: &Records) -> Result<Written> {
    let (current, mut rows_of) = read_with_rows(conn)?;
    let mut written = Written::default();
    // Deletes first, children before parents, so a name a deleted room held
    // is free for a new one.
    for (t, table) in TABLES.iter().enumerate().rev() {
        for key in current.tables[t].keys() {
            if target.tables[t].contains_key(key) {
                continue;
            }
            if let Some(row) = rows_of[t].remove(key) {
                conn.prepare_cached(&format!("DELETE FROM \"{}\" WHERE rowid = ?1", table.name))?
                    .execute([row])?;
                written.deleted += 1;
            }
        }
    }
    for (t, table) in TABLES.iter().enumerate() {
        let pos_col = table.list.map(|(_, pos)| pos);
        for (key, rec) in &target.tables[t] {
            match current.tables[t].get(key) {
                Some(was) if was == rec => {}
                Some(was) => {
                    let Some(row) = rows_of[t].get(key).copied() else {
                        continue;
                    };
                    let values = bind(t, rec, &rows_of)?;
                    let mut sets = Vec::new();
                    let mut params = Vec::new();
                    for (i, c) in table.cols.iter().enumerate() {
                        if was.fields.get(i) != rec.fields.get(i) {
                            params.push(values[i].clone());
                            sets.push(format!("\"{c}\" = ?{}", params.len()));
                        }
                    }
                    if let Some(pos) = pos_col {
                        if was.order != rec.order {
                            params.push(Value::Integer(rec.order));
                            sets.push(format!("\"{pos}\" = ?{}", params.len()));
                        }
                    }
                    params.push(Value::Integer(row));
                    let sql = format!(
                        "UPDATE \"{}\" SET {} WHERE rowid = ?{}",
                        table.name,
                        sets.join(", "),
                        params.len()
                    );
                    conn.prepare_cached(&sql)?
                        .execute(params_from_iter(params.iter()))
                        .map_err(|e| refused(t, rec, e))?;
                    written.changed += 1;
                }
                None => {
                    let mut names: Vec<String> =
                        table.cols.iter().map(|c| format!("\"{c}\"")).collect();
                    let mut values = bind(t, rec, &rows_of)?;
                    match table.key {
                        KeyBy::Uid => {
                            names.push("uid".into());
                            values.push(Value::Text(key.clone()));
                        }
                        KeyBy::Single => {
                            names.push("id".into());
                            values.push(Value::Integer(1));
                        }
                        KeyBy::Cols(_) => {}
                    }
                    if let Some(pos) = pos_col {
                        names.push(format!("\"{pos}\""));
                        values.push(Value::Integer(rec.order));
                    }
                    let marks = (1..=values.len())
                        .map(|i| format!("?{i}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let sql = format!(
                        "INSERT INTO \"{}\" ({}) VALUES ({marks})",
                        table.name,
                        names.join(", ")
                    );
                    conn.prepare_cached(&sql)?
                        .execute(params_from_iter(values.iter()))
                        .map_err(|e| refused(t, rec, e))?;
                    rows_of[t].insert(key.clone(), conn.last_insert_rowid());
                    written.added += 1;
                }
            }
        }
    }
    Ok(written)
}

impl Store {
    /// Every record of the plan, keyed across copies.
    pub fn records(&self) -> Result<Records> {
        Ok(read_with_rows(&self.conn)?.0)
    }

    /// Every record, and the records the plan's change log names (None
    /// when it keeps no log or its log cannot be read).
    pub fn records_and_changes(&self) -> Result<(Records, Option<Touched>)> {
        let (records, rows_of) = read_with_rows(&self.conn)?;
        let touched = super::change_log::touched(&self.conn, &records, &rows_of)?;
        Ok((records, touched))
    }

    /// The common base this file keeps, if it was ever handed over or merged.
    pub fn merge_base(&self) -> Result<Option<StoredBase>> {
        read_base(&self.conn)
    }

    /// Who this copy is ("Australia team"); blank until named.
    pub fn team(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT team FROM plan WHERE id = 1", [], |r| r.get(0))?)
    }

    /// Names this copy, as one undoable step.
    pub fn set_team(&mut self, team: &str) -> Result<()> {
        let summary = format!("Named this copy “{team}”");
        self.edit(&summary, |tx| {
            tx.execute("UPDATE plan SET team = ?1 WHERE id = 1", [team])?;
            Ok(())
        })
    }

    /// Names this copy outside the undo history: a copy just handed over
    /// starts with its team and no history.
    pub fn settle_team(&mut self, team: &str) -> Result<()> {
        self.bulk(|tx| {
            tx.execute("UPDATE plan SET team = ?1 WHERE id = 1", [team])?;
            Ok(())
        })
    }

    /// Records the plan as it stands as the common base, as one step
    /// (`summary`): done when a copy is handed over.
    pub fn keep_base(&mut self, summary: &str, state: &BaseState) -> Result<()> {
        let at = self.plan()?.wall_clock((self.clock)());
        self.edit(summary, |tx| {
            let now = read_with_rows(tx)?.0;
            write_base(tx, &now)?;
            // From here on every change is in the log (`change_log`).
            super::change_log::begin(tx)?;
            write_state(tx, state, at)
        })
    }

    /// Writes a merged plan as one undoable step (`summary`): the plan
    /// becomes `target`, and `base` becomes the common base under `state`.
    /// The result is checked as an opened file is; a plan that would not
    /// pass is not written.
    pub fn write_merge(
        &mut self,
        summary: &str,
        target: &Records,
        base: &Records,
        state: &BaseState,
    ) -> Result<Written> {
        let at = self.plan()?.wall_clock((self.clock)());
        self.edit(summary, |tx| {
            let written = write_records(tx, target)?;
            write_base(tx, base)?;
            write_state(tx, state, at)?;
            verify::plan_is_sound(tx).map_err(|why| {
                CoreError::invalid(
                    "merge",
                    format!("The merged plan would not be sound: {why}."),
                )
            })?;
            Ok(written)
        })
    }

    /// A new random lineage for a first hand-over.
    pub fn new_lineage(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row(concat!("SELECT ", new_uid!()), [], |r| r.get(0))?)
    }
}

#[cfg(test)]
impl Store {
    /// The checks an opened file passes, for tests of what a merge leaves.
    pub(crate) fn soundness(&self) -> std::result::Result<(), String> {
        verify::plan_is_sound(&self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema::TRACKED;
    use super::TABLES;

    /// A merge is one undoable step, so every column it writes must be one
    /// undo restores: a column added to a merged table but not to
    /// `TRACKED` would survive Ctrl+Z.
    #[test]
    fn every_merged_column_is_one_undo_restores() {
        for table in TABLES {
            let (_, tracked) = TRACKED
                .iter()
                .find(|(name, _)| *name == table.name)
                .unwrap_or_else(|| panic!("{} is merged but undo does not track it", table.name));
            let list = table.list.map(|(owner, place)| [owner, place]);
            for col in table.cols.iter().chain(list.iter().flatten()) {
                assert!(
                    tracked.contains(col),
                    "{}.{col} is merged but undo does not restore it",
                    table.name
                );
            }
        }
    }
}
