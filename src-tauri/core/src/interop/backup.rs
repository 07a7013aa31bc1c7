//! The full backup: the whole plan as one versioned JSON document, and a
//! plan made again from one.
//!
//! ```json
//! {
//!   "format": "plenary-backup",
//!   "version": 1,
//!   "schema": 10,
//!   "tables": {
//!     "plan": [{"id": 1, "title": "…", "time_zone": "Asia/Bangkok", "uid": "…", …}],
//!     "event": [ … ], "room": [ … ], "session": [ … ], …
//!   }
//! }
//! ```
//!
//! `tables` holds every table of the plan except the undo history, each as
//! its rows in order, each row an object of its columns (keys sorted, as in
//! every object of the document) (text, whole
//! numbers or null; times as the plan stores them, wall clock in the plan's
//! zone). Records carry their UUID (`uid`), their identity across files,
//! and their `id`, the number other rows of the same plan refer to them by
//! (and that accepted problems and published versions name), so a restore
//! rebuilds the plan exactly: backup, restore, backup gives the same bytes.
//! `schema` is the plan file version the rows were read from; a backup from
//! a newer Plenary is refused, one from an older one restores with today's
//! defaults for what it lacks.

use crate::error::{CoreError, Result};
use crate::store::{current_version, Store};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use specta::Type;
use std::path::Path;

pub const FORMAT: &str = "plenary-backup";
pub const VERSION: u64 = 1;
/// The largest backup a restore reads, as large as the largest plan file.
pub const MAX_BYTES: usize = 1 << 30;

/// The whole plan as the backup document, pretty-printed.
pub fn write(store: &Store) -> Result<String> {
    let mut tables = Map::new();
    for (table, rows) in store.dump()? {
        let rows: Vec<Json> = rows
            .into_iter()
            .map(|row| {
                Json::Object(
                    row.into_iter()
                        .map(|(col, v)| (col.to_string(), to_json(v)))
                        .collect(),
                )
            })
            .collect();
        tables.insert(table.to_string(), Json::Array(rows));
    }
    let mut doc = Map::new();
    doc.insert("format".into(), FORMAT.into());
    doc.insert("version".into(), VERSION.into());
    doc.insert("schema".into(), current_version().into());
    doc.insert("tables".into(), Json::Object(tables));
    Ok(super::canonical_json(Json::Object(doc)))
}

fn to_json(v: Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Integer(i) => i.into(),
        Value::Real(f) => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
        Value::Text(t) => t.into(),
        // The plan's tables hold no blobs; a file that did fails its check.
        Value::Blob(_) => Json::Null,
    }
}

fn from_json(v: &Json, place: &str) -> Result<Value> {
    Ok(match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => {
                return Err(CoreError::invalid(
                    "file",
                    format!("{place} is not a whole number."),
                ))
            }
        },
        Json::String(s) => Value::Text(s.clone()),
        Json::Array(_) | Json::Object(_) => {
            return Err(CoreError::invalid(
                "file",
                format!("{place} holds a list or an object, not a value."),
            ))
        }
    })
}

/// The rows of a backup document, checked for shape.
type Tables = Vec<crate::store::LoadedRows>;

fn read(bytes: &[u8]) -> Result<Tables> {
    if bytes.len() > MAX_BYTES {
        return Err(CoreError::invalid(
            "file",
            "The backup is larger than 1 GB.",
        ));
    }
    let doc: Json = serde_json::from_slice(bytes).map_err(|e| {
        CoreError::invalid(
            "file",
            format!("This is not a Plenary backup (not JSON: {e})."),
        )
    })?;
    if doc.get("format").and_then(Json::as_str) != Some(FORMAT) {
        return Err(CoreError::invalid(
            "file",
            "This is not a Plenary backup (no \"format\": \"plenary-backup\").",
        ));
    }
    let version = doc.get("version").and_then(Json::as_u64).unwrap_or(0);
    let schema = doc.get("schema").and_then(Json::as_i64).unwrap_or(0);
    if version > VERSION || schema > current_version() {
        return Err(CoreError::invalid(
            "file",
            "This backup was made by a newer version of Plenary; update Plenary to restore it.",
        ));
    }
    if version == 0 || schema < 1 {
        return Err(CoreError::invalid(
            "file",
            "The backup has no version or schema.",
        ));
    }
    let Some(tables) = doc.get("tables").and_then(Json::as_object) else {
        return Err(CoreError::invalid("file", "The backup has no \"tables\"."));
    };
    let mut out = Vec::with_capacity(tables.len());
    for (table, rows) in tables {
        let Some(rows) = rows.as_array() else {
            return Err(CoreError::invalid(
                "file",
                format!(
                    "“{}” in the backup is not a list of rows.",
                    crate::store::clean(table, 40)
                ),
            ));
        };
        let mut parsed = Vec::with_capacity(rows.len());
        for (n, row) in rows.iter().enumerate() {
            let Some(row) = row.as_object() else {
                return Err(CoreError::invalid(
                    "file",
                    format!(
                        "Row {} of “{}” is not an object.",
                        n + 1,
                        crate::store::clean(table, 40)
                    ),
                ));
            };
            let mut cols = Vec::with_capacity(row.len());
            for (col, v) in row {
                let place = format!(
                    "Field “{}” of row {} of “{}”",
                    crate::store::clean(col, 40),
                    n + 1,
                    crate::store::clean(table, 40)
                );
                cols.push((col.clone(), from_json(v, &place)?));
            }
            parsed.push(cols);
        }
        out.push((table.clone(), parsed));
    }
    Ok(out)
}

/// Makes a plan file at `path` from a backup document. It is built beside
/// `path` and moved there only when whole, so a refused backup leaves
/// nothing behind and never harms a file already at `path`, which is
/// replaced only when `replace` is set (a save dialog asked).
pub fn restore(bytes: &[u8], path: &Path, replace: bool) -> Result<()> {
    build(&read(bytes)?, path, replace)
}

/// Makes a plan file at `path` from `tables`, as [`restore`] does.
fn build(tables: &Tables, path: &Path, replace: bool) -> Result<()> {
    if path.exists() && !replace {
        return Err(CoreError::Exists { path: path.into() });
    }
    let mut part = path.as_os_str().to_owned();
    part.push(".restoring");
    let part = std::path::PathBuf::from(part);
    let remove = |p: &Path| {
        for suffix in ["", "-wal", "-shm"] {
            let mut side = p.as_os_str().to_owned();
            side.push(suffix);
            let _ = std::fs::remove_file(side);
        }
    };
    remove(&part);
    let header = crate::model::Plan {
        check_panel_gender: false,
        title: "Restoring".into(),
        convening_body: String::new(),
        venue: String::new(),
        city: String::new(),
        time_zone: "UTC".into(),
        first_day: chrono::NaiveDate::MIN,
        last_day: chrono::NaiveDate::MIN,
        day_start: chrono::NaiveTime::MIN,
        day_end: chrono::NaiveTime::MIN,
        notes: String::new(),
        snap_minutes: 5,
        changeover_minutes: 0,
        date_order: crate::model::DateOrder::DayMonthYear,
        group_roles: false,
        call_minutes: 15,
    };
    let built = Store::create(&part, &header, true).and_then(|mut store| {
        store.load(tables)?;
        store.forget_history()?;
        // Closing checkpoints the log into the file, which then moves alone.
        store.close()
    });
    if let Err(e) = built {
        remove(&part);
        return Err(e);
    }
    if replace {
        remove(path);
    }
    if let Err(e) = std::fs::rename(&part, path) {
        remove(&part);
        return Err(e.into());
    }
    Ok(())
}

/// What a new plan made from this one is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct PlanCopy {
    pub title: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub sessions: usize,
    /// "Made “Week 2025” (17–19 Nov 2025) with 35 sessions, each 364 days
    /// later."
    pub message: String,
}

/// Tables a new plan made from this one leaves behind: who registered and
/// came, what was published, problems accepted on the old dates, and the
/// summary of the meeting that took place.
const NOT_COPIED: &[&str] = &[
    "attendance",
    "attendance_day",
    "published_version",
    "accepted_conflict",
    "summary_section",
    "merge_state",
    "merge_base",
    "merge_log",
];

/// Columns of what happened while the meeting ran, which a copy leaves behind.
const RUN_COLUMNS: &[(&str, &str)] = &[
    ("session", "actual_start"),
    ("session", "actual_end"),
    ("session", "cancelled"),
    ("session_role", "replaced_by"),
    ("speaking_slot", "spoke_start"),
    ("speaking_slot", "spoke_end"),
];

/// Columns holding a day ("YYYY-MM-DD") or a wall-clock time ("YYYY-MM-DD
/// HH:MM:SS"), which a copy moves to its new dates.
const DAY_COLUMNS: &[(&str, &str)] = &[
    ("plan", "first_day"),
    ("plan", "last_day"),
    ("event", "first_day"),
    ("event", "last_day"),
    ("event_cochair", "day"),
    ("session", "day"),
    ("session", "start"),
    ("session", "end"),
];

/// The first day of a new plan as typed ("4 Dec 2025", "2025-12-04"): a
/// problem with the `first_day` field when it is not a day with its year.
pub fn read_first_day(text: &str) -> Result<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return Err(CoreError::invalid("first_day", "First day is required."));
    }
    crate::when::read_day(text, Some(crate::model::DateOrder::DayMonthYear), None)
        .map_err(|e| CoreError::invalid("first_day", format!("First day {e}")))
}

/// Writes a new plan at `path` with this plan's structure: its details,
/// events, rooms, sessions with their roles, organisations, people,
/// participation, co-chairs, co-hosts and speaking lists, every day moved
/// by the same number of days so that the plan starts on `first_day`. Its
/// records get new UUIDs and it has no history, registrations, check-ins
/// or published versions. `title` replaces the plan's title when given.
pub fn copy_plan(
    store: &Store,
    path: &Path,
    first_day: NaiveDate,
    title: Option<&str>,
    replace: bool,
) -> Result<PlanCopy> {
    let plan = store.plan()?;
    let title = match title.map(str::trim) {
        Some("") => return Err(CoreError::invalid("title", "Title is required.")),
        Some(t) if t.chars().count() > crate::limits::MAX_TITLE => {
            return Err(CoreError::invalid(
                "title",
                format!(
                    "Title is longer than {} characters.",
                    crate::limits::MAX_TITLE
                ),
            ))
        }
        Some(t) => t.to_string(),
        None => plan.title.clone(),
    };
    let shift = first_day - plan.first_day;
    let moved = |table: &str, col: &str, v: Value| -> Result<Value> {
        let Value::Text(t) = &v else {
            return Ok(v);
        };
        if !DAY_COLUMNS.contains(&(table, col)) {
            return Ok(v);
        }
        let far = || {
            CoreError::invalid(
                "first_day",
                format!("{first_day} is too far from the plan's days to move them there."),
            )
        };
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            let d = d.checked_add_signed(shift).ok_or_else(far)?;
            return Ok(Value::Text(d.format("%Y-%m-%d").to_string()));
        }
        let at = NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S")
            .map_err(|_| CoreError::invalid("file", format!("“{table}” holds a bad {col}.")))?;
        let at = at.checked_add_signed(shift).ok_or_else(far)?;
        Ok(Value::Text(at.format("%Y-%m-%d %H:%M:%S").to_string()))
    };
    let mut tables: Tables = Vec::new();
    let mut sessions = 0;
    for (table, rows) in store.dump()? {
        if NOT_COPIED.contains(&table) {
            continue;
        }
        if table == "session" {
            sessions = rows.len();
        }
        let mut copied = Vec::with_capacity(rows.len());
        for row in rows {
            let mut cols = Vec::with_capacity(row.len());
            for (col, v) in row {
                // Without its uid a record gets a new one as it is written;
                // without what happened when the meeting ran (actual times,
                // cancellations, substitutes) a copy starts as planned.
                if col == "uid" || RUN_COLUMNS.contains(&(table, col)) {
                    continue;
                }
                let v = match (table, col) {
                    ("plan", "title") => Value::Text(title.clone()),
                    _ => moved(table, col, v)?,
                };
                cols.push((col.to_string(), v));
            }
            copied.push(cols);
        }
        tables.push((table.to_string(), copied));
    }
    build(&tables, path, replace)?;
    let last_day = plan
        .last_day
        .checked_add_signed(shift)
        .unwrap_or(plan.last_day);
    let days = shift.num_days();
    let moved = match days {
        0 => "on the same days".to_string(),
        1 => "each a day later".to_string(),
        -1 => "each a day earlier".to_string(),
        n if n > 0 => format!("each {n} days later"),
        n => format!("each {} days earlier", n.unsigned_abs()),
    };
    let message = format!(
        "Made “{title}” ({}) with {sessions} session{}, {moved}.",
        crate::forms::day_span(first_day, last_day),
        if sessions == 1 { "" } else { "s" }
    );
    Ok(PlanCopy {
        title,
        first_day,
        last_day,
        sessions,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_restore_backup_gives_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let sample = crate::sample::sample_in_memory().unwrap();
        let generated = crate::synth::generate(
            &dir.path().join("gen.plenary"),
            &crate::synth::Spec {
                days: 3,
                rooms: 12,
                sessions: 300,
                people: 400,
                roles: 600,
            },
        )
        .unwrap();
        for (name, store) in [("sample", sample), ("generated", generated)] {
            let first = write(&store).unwrap();
            let path = dir.path().join(format!("{name}-restored.plenary"));
            restore(first.as_bytes(), &path, false).unwrap();
            let restored = Store::open(&path).unwrap();
            assert_eq!(write(&restored).unwrap(), first, "{name}");
        }
    }

    #[test]
    fn a_new_plan_from_this_one_moves_every_day_and_keeps_the_structure() {
        use crate::store::UidTable;
        let dir = tempfile::tempdir().unwrap();
        let mut source = crate::sample::sample_in_memory().unwrap();
        assert!(!source.attendance().unwrap().is_empty());
        // One session still to be timed, whose day moves too.
        let untimed = source.sessions().unwrap()[0].clone();
        let form = crate::forms::SessionForm {
            start_time: String::new(),
            end_time: String::new(),
            ..crate::forms::SessionForm::from(&untimed)
        };
        crate::edit::sessions::update_session(&mut source, untimed.id, &form).unwrap();
        let path = dir.path().join("next year.plenary");
        let first = NaiveDate::from_ymd_opt(2025, 11, 17).unwrap();
        let done = copy_plan(&source, &path, first, Some("Week 2025"), false).unwrap();
        let shift = chrono::Duration::days(364);
        let copy = Store::open(&path).unwrap();
        let (old, new) = (source.plan().unwrap(), copy.plan().unwrap());
        assert_eq!(new.title, "Week 2025");
        assert_eq!((new.first_day, new.last_day), (first, old.last_day + shift));
        assert_eq!((done.first_day, done.last_day), (first, new.last_day));
        assert_eq!(
            done.message,
            format!(
                "Made “Week 2025” (17–19 Nov 2025) with {} sessions, each 364 days later.",
                done.sessions
            )
        );
        let (old_events, new_events) = (source.events().unwrap(), copy.events().unwrap());
        assert_eq!(old_events.len(), new_events.len());
        for (a, b) in old_events.iter().zip(&new_events) {
            assert_eq!(
                (a.first_day + shift, a.last_day + shift),
                (b.first_day, b.last_day)
            );
        }
        let (old_sessions, new_sessions) = (source.sessions().unwrap(), copy.sessions().unwrap());
        assert_eq!(done.sessions, old_sessions.len());
        assert!(old_sessions
            .iter()
            .any(|s| s.id == untimed.id && s.day.is_some()));
        for (a, b) in old_sessions.iter().zip(&new_sessions) {
            assert_eq!(a.day.map(|d| d + shift), b.day);
            assert_eq!(
                (a.start.map(|t| t + shift), a.room_id),
                (b.start, b.room_id)
            );
            assert_eq!(a.title, b.title);
        }
        assert_eq!(
            source.all_roles().unwrap().len(),
            copy.all_roles().unwrap().len()
        );
        assert_eq!(
            source.cochairs().unwrap().len(),
            copy.cochairs().unwrap().len()
        );
        assert_eq!(
            source.participations().unwrap().len(),
            copy.participations().unwrap().len()
        );
        assert!(
            copy.attendance().unwrap().is_empty(),
            "who came is not copied"
        );
        assert!(copy.published_versions().unwrap().is_empty());
        assert_eq!(copy.undo_state().unwrap().undo, None, "no history");
        for table in [
            UidTable::Plan,
            UidTable::Session,
            UidTable::Person,
            UidTable::Role,
        ] {
            let old: std::collections::HashSet<String> =
                source.uids(table).unwrap().into_values().collect();
            assert!(copy.uids(table).unwrap().values().all(|u| !old.contains(u)));
        }
        assert_eq!(read_first_day(" 17 Nov 2025 ").unwrap(), first);
        let no_year = read_first_day("17 Nov").unwrap_err().to_string();
        assert_eq!(
            no_year,
            "first_day: First day \"17 Nov\" has no year; give the year, or the plan's days."
        );
        let again = copy_plan(&source, &path, first, None, false).unwrap_err();
        assert!(matches!(again, CoreError::Exists { .. }), "{again}");
        copy_plan(&source, &path, first, None, true).unwrap();
        assert_eq!(Store::open(&path).unwrap().plan().unwrap().title, old.title);
    }

    #[test]
    fn a_backup_from_before_version_9_restores_with_the_new_fields_at_their_defaults() {
        let store = crate::sample::sample_in_memory().unwrap();
        let mut doc: Json = serde_json::from_str(&write(&store).unwrap()).unwrap();
        doc["schema"] = 8.into();
        let added = [
            ("plan", &["date_order", "group_roles", "call_minutes"][..]),
            ("session", &["day", "tentative", "link"][..]),
            ("session_role", &["tentative", "presence"][..]),
        ];
        for (table, cols) in added {
            for row in doc["tables"][table].as_array_mut().unwrap() {
                for col in cols {
                    row.as_object_mut().unwrap().remove(*col);
                }
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.plenary");
        restore(&serde_json::to_vec(&doc).unwrap(), &path, false).unwrap();
        let restored = Store::open(&path).unwrap();
        assert_eq!(restored.plan().unwrap(), store.plan().unwrap());
        assert_eq!(restored.sessions().unwrap(), store.sessions().unwrap());
        let s = restored.sessions().unwrap()[0].id;
        assert_eq!(
            restored.session_roles(s).unwrap(),
            store.session_roles(s).unwrap()
        );
    }

    #[test]
    fn a_bad_backup_is_refused_in_one_line_and_leaves_no_file() {
        let store = crate::sample::sample_in_memory().unwrap();
        let good: Json = serde_json::from_str(&write(&store).unwrap()).unwrap();
        let with = |f: &dyn Fn(&mut Json)| {
            let mut doc = good.clone();
            f(&mut doc);
            serde_json::to_vec(&doc).unwrap()
        };
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("not JSON", b"PK\x03\x04".to_vec(), "not JSON"),
            (
                "another JSON",
                br#"{"schedule": {}}"#.to_vec(),
                "not a Plenary backup",
            ),
            (
                "newer",
                with(&|d| d["schema"] = 999.into()),
                "newer version",
            ),
            (
                "unknown table",
                with(&|d| d["tables"]["x; DROP TABLE plan"] = Json::Array(vec![])),
                "does not know",
            ),
            (
                "unknown field",
                with(&|d| d["tables"]["room"][0]["name\" = 1; --"] = "x".into()),
                "does not know",
            ),
            (
                "bad value",
                with(&|d| d["tables"]["session"][0]["start"] = "tomorrow".into()),
                "cannot be restored",
            ),
            (
                "object value",
                with(&|d| d["tables"]["room"][0]["name"] = Json::Object(Map::new())),
                "not a value",
            ),
            (
                "broken reference",
                with(&|d| d["tables"]["session"][0]["room_id"] = 9_999.into()),
                "cannot be restored",
            ),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (what, bytes, want) in cases {
            let path = dir.path().join("r.plenary");
            let Err(err) = restore(&bytes, &path, false) else {
                panic!("{what}: restored");
            };
            let msg = err.to_string();
            assert!(msg.contains(want), "{what}: {msg}");
            assert!(!msg.contains('\n'), "{what}: {msg}");
            assert!(!path.exists(), "{what}");
        }
        // A refused backup leaves a plan already there as it was.
        let path = dir.path().join("kept.plenary");
        std::fs::write(&path, b"original").unwrap();
        assert!(restore(b"{}", &path, true).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"original");
    }
}
