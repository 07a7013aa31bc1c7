//! The full backup: the whole plan as one versioned JSON document, and a
//! plan made again from one.
//!
//! ```json
//! {
//!   "format": "plenary-backup",
//!   "version": 1,
//!   "schema": 9,
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
use rusqlite::types::Value;
use serde_json::{Map, Value as Json};
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
    let tables = read(bytes)?;
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
    };
    let built = Store::create(&part, &header, true).and_then(|mut store| {
        store.load(&tables)?;
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
    fn a_backup_from_before_version_9_restores_with_the_new_fields_at_their_defaults() {
        let store = crate::sample::sample_in_memory().unwrap();
        let mut doc: Json = serde_json::from_str(&write(&store).unwrap()).unwrap();
        doc["schema"] = 8.into();
        let added = [
            ("plan", &["date_order", "group_roles"][..]),
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
