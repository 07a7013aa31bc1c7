//! What a plan file must hold before Plenary reads it: every value of every
//! row of the right kind and size, the sessions' times paired, references
//! whole, and no table larger than the app is built for.
//!
//! A plan file comes from anyone (co-chair teams email them), and SQLite
//! keeps whatever a file says, constraints or not. Checking every row once,
//! on open and after an undo or redo, lets every reader trust what it reads
//! instead of failing somewhere deep in a print. A problem is one sentence
//! that names the record.

use crate::model::{
    DateOrder, Gender, OrgCategory, ParticipationStatus, RegistrationStatus, RoleKind,
    RolePresence, SessionKind,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::types::{FromSql, ValueRef};
use rusqlite::Connection;

use crate::limits::{
    MAX_CALL_MINUTES, MAX_LINE, MAX_LINK, MAX_ORGANISATIONS, MAX_PEOPLE, MAX_SESSIONS,
    MAX_SNAP_MINUTES, MAX_TEXT, MAX_TURN_MINUTES,
};

/// A published version's snapshot of the programme (bytes).
pub const MAX_SNAPSHOT: usize = 64 << 20;
/// The largest plan file opened (bytes).
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Refuses a change that would leave more sessions, people or
/// organisations than a plan file may hold (and so could not be opened
/// again): `Err` is (field, sentence).
pub fn within_size(conn: &Connection) -> Result<(), (&'static str, String)> {
    let limits = [
        ("session", "sessions", MAX_SESSIONS),
        ("person", "people", MAX_PEOPLE),
        ("organisation", "organisations", MAX_ORGANISATIONS),
    ];
    for (table, words, max) in limits {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })
            .unwrap_or(0);
        if n > max {
            return Err((
                words,
                format!("A plan holds at most {max} {words}; this change would make {n}."),
            ));
        }
    }
    Ok(())
}

/// Words safe to put in a one-line message: control characters (a newline,
/// an escape sequence) become spaces, and long text is cut at a character
/// boundary with an ellipsis.
pub fn clean(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == max_chars {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    out
}

#[derive(Clone, Copy)]
enum Kind {
    /// A row id another row may point to: a positive integer.
    Id,
    /// A reference that may be empty.
    OptId,
    Int(i64, i64),
    OptInt(i64, i64),
    /// Single-line text up to `MAX_LINE` characters.
    Line,
    OptLine,
    /// Multi-line text up to `MAX_TEXT` characters.
    Text,
    Snapshot,
    /// A changeset of the session extension, read only by SQLite's own
    /// changeset reader (`store::change_log`).
    Changes,
    HistoryValues,
    Date,
    OptDate,
    Time,
    DateTime,
    OptDateTime,
    Zone,
    Key(fn(&str) -> bool),
    /// A record's stable identity: a UUID in its hyphenated form.
    Uid,
    /// Blank, or an http(s) URL of at most `MAX_LINK` characters.
    Link,
}

struct Table {
    name: &'static str,
    /// How a record is named in a message ("Session").
    what: &'static str,
    /// The column that names a record to a person, if any.
    label: Option<&'static str>,
    max_rows: i64,
    cols: &'static [(&'static str, Kind)],
}

fn session_kind(k: &str) -> bool {
    SessionKind::from_key(k).is_some()
}
fn org_category(k: &str) -> bool {
    OrgCategory::from_key(k).is_some()
}
fn role_kind(k: &str) -> bool {
    RoleKind::from_key(k).is_some()
}
fn participation(k: &str) -> bool {
    ParticipationStatus::from_key(k).is_some()
}
fn registration(k: &str) -> bool {
    RegistrationStatus::from_key(k).is_some()
}
fn role_presence(k: &str) -> bool {
    RolePresence::from_key(k).is_some()
}
fn date_order(k: &str) -> bool {
    DateOrder::from_key(k).is_some()
}
fn gender(k: &str) -> bool {
    k.is_empty() || Gender::from_key(k).is_some()
}
fn merge_table(k: &str) -> bool {
    super::merge::TABLES.iter().any(|t| t.name == k)
}
fn change_op(k: &str) -> bool {
    super::history::Op::from_key(k).is_some()
}

use Kind::*;

const MINUTES_PER_DAY: i64 = 24 * 60;
const POSITION: Kind = Int(-1_000_000_000, 1_000_000_000);

/// Every table of the current schema, as the app writes it.
const TABLES: &[Table] = &[
    Table {
        name: "plan",
        what: "The plan",
        label: None,
        max_rows: 1,
        cols: &[
            ("id", Int(1, 1)),
            ("title", Line),
            ("convening_body", Line),
            ("venue", Line),
            ("city", Line),
            ("time_zone", Zone),
            ("first_day", Date),
            ("last_day", Date),
            ("day_start", Time),
            ("day_end", Time),
            ("notes", Text),
            ("snap_minutes", Int(1, MAX_SNAP_MINUTES as i64)),
            ("changeover_minutes", Int(0, MINUTES_PER_DAY)),
            ("uid", Uid),
            ("date_order", Key(date_order)),
            ("group_roles", Int(0, 1)),
            ("call_minutes", Int(0, MAX_CALL_MINUTES as i64)),
            ("check_panel_gender", Int(0, 1)),
            ("team", Line),
        ],
    },
    Table {
        name: "event",
        what: "Event",
        label: Some("title"),
        max_rows: 1_000,
        cols: &[
            ("id", Id),
            ("title", Line),
            ("short_name", Line),
            ("first_day", Date),
            ("last_day", Date),
            ("description", Text),
            ("uid", Uid),
        ],
    },
    Table {
        name: "room",
        what: "Room",
        label: Some("name"),
        max_rows: 5_000,
        cols: &[
            ("id", Id),
            ("name", Line),
            ("capacity", OptInt(0, 10_000_000)),
            ("notes", Text),
            ("uid", Uid),
        ],
    },
    Table {
        name: "session",
        what: "Session",
        label: Some("title"),
        max_rows: MAX_SESSIONS,
        cols: &[
            ("id", Id),
            ("event_id", Id),
            ("title", Line),
            ("kind", Key(session_kind)),
            ("start", OptDateTime),
            ("end", OptDateTime),
            ("room_id", OptId),
            ("description", Text),
            ("agenda_item", Line),
            ("outcome", Text),
            ("notes", Text),
            ("pinned", Int(0, 1)),
            ("uid", Uid),
            ("day", OptDate),
            ("tentative", Int(0, 1)),
            ("link", Link),
            ("actual_start", OptDateTime),
            ("actual_end", OptDateTime),
            ("cancelled", Int(0, 1)),
        ],
    },
    Table {
        name: "organisation",
        what: "Organisation",
        label: Some("name"),
        max_rows: MAX_ORGANISATIONS,
        cols: &[
            ("id", Id),
            ("name", Line),
            ("acronym", Line),
            ("category", Key(org_category)),
            ("country_code", OptLine),
            ("official_name", Line),
            ("uid", Uid),
        ],
    },
    Table {
        name: "person",
        what: "Person",
        label: Some("family_name"),
        max_rows: MAX_PEOPLE,
        cols: &[
            ("id", Id),
            ("honorific", Line),
            ("given_name", Line),
            ("family_name", Line),
            ("position", Line),
            ("organisation_id", OptId),
            ("email", Line),
            ("phone", Line),
            ("notes", Text),
            ("external_id", Line),
            ("uid", Uid),
            ("gender", Key(gender)),
        ],
    },
    Table {
        name: "session_role",
        what: "Role",
        label: None,
        max_rows: 500_000,
        cols: &[
            ("id", Id),
            ("session_id", Id),
            ("role", Key(role_kind)),
            ("person_id", OptId),
            ("organisation_id", OptId),
            ("note", Line),
            ("position", POSITION),
            ("uid", Uid),
            ("tentative", Int(0, 1)),
            ("presence", Key(role_presence)),
            ("replaced_by", OptId),
        ],
    },
    Table {
        name: "event_cochair",
        what: "Co-chair",
        label: Some("role_label"),
        max_rows: 10_000,
        cols: &[
            ("id", Id),
            ("event_id", Id),
            ("organisation_id", Id),
            ("person_id", OptId),
            ("role_label", Line),
            ("day", OptDate),
            ("position", POSITION),
        ],
    },
    Table {
        name: "cohost",
        what: "Co-host",
        label: None,
        max_rows: 10_000,
        cols: &[
            ("id", Id),
            ("event_id", Id),
            ("session_id", OptId),
            ("organisation_id", Id),
        ],
    },
    Table {
        name: "participation",
        what: "Participation",
        label: None,
        max_rows: 200_000,
        cols: &[
            ("id", Id),
            ("event_id", Id),
            ("organisation_id", Id),
            ("status", Key(participation)),
            ("level", Line),
        ],
    },
    Table {
        name: "attendance",
        what: "Registration",
        label: None,
        max_rows: 500_000,
        cols: &[
            ("id", Id),
            ("event_id", Id),
            ("person_id", Id),
            ("registration", Key(registration)),
            ("capacity", Line),
        ],
    },
    Table {
        name: "attendance_day",
        what: "Check-in",
        label: None,
        max_rows: 5_000_000,
        cols: &[
            ("attendance_id", Id),
            ("day", Date),
            ("checked_in_at", OptDateTime),
        ],
    },
    Table {
        name: "accepted_conflict",
        what: "Accepted conflict",
        label: None,
        max_rows: 200_000,
        cols: &[("key", Text), ("note", Text)],
    },
    Table {
        name: "speaking_slot",
        what: "Speaking turn",
        label: None,
        max_rows: 500_000,
        cols: &[
            ("id", Id),
            ("session_id", Id),
            ("organisation_id", Id),
            ("person_id", OptId),
            ("minutes", Int(0, MAX_TURN_MINUTES as i64)),
            ("position", POSITION),
            ("spoke_start", OptDateTime),
            ("spoke_end", OptDateTime),
        ],
    },
    Table {
        name: "published_version",
        what: "Published version",
        label: None,
        max_rows: 10_000,
        cols: &[("n", Id), ("at", DateTime), ("snapshot", Snapshot)],
    },
    Table {
        name: "protocol_setting",
        what: "The protocol order settings",
        label: None,
        max_rows: 1,
        cols: &[
            ("id", Int(1, 1)),
            ("host_organisation_id", OptId),
            // Up to MAX_IGNORED_WORDS words of MAX_IGNORED_WORD characters, joined.
            ("ignore_words", Text),
        ],
    },
    Table {
        name: "summary_section",
        what: "Summary section",
        label: Some("key"),
        max_rows: 10_000,
        cols: &[("key", Line), ("drafted", Text), ("edited", Text)],
    },
    Table {
        name: "merge_state",
        what: "The common base",
        label: None,
        max_rows: 1,
        cols: &[
            ("id", Int(1, 1)),
            ("lineage", Uid),
            ("generation", Int(1, 1_000_000_000)),
            ("at", DateTime),
        ],
    },
    Table {
        name: "merge_base",
        what: "Common base record",
        label: None,
        max_rows: 10_000_000,
        cols: &[
            ("tbl", Key(merge_table)),
            ("key", Line),
            ("fields", HistoryValues),
        ],
    },
    Table {
        name: "merge_log",
        what: "The change log",
        label: None,
        max_rows: 1,
        cols: &[("id", Int(1, 1)), ("changes", Changes)],
    },
    Table {
        name: "history_step",
        what: "Undo step",
        label: Some("summary"),
        max_rows: 100_000,
        cols: &[
            ("id", Id),
            ("at", DateTime),
            ("summary", Text),
            ("undone", Int(0, 1)),
        ],
    },
    Table {
        name: "history_change",
        what: "Undo record",
        label: None,
        max_rows: 10_000_000,
        cols: &[
            ("seq", Id),
            ("step", Id),
            ("tbl", Line),
            ("op", Key(change_op)),
            ("row_id", Int(i64::MIN, i64::MAX)),
            ("old", HistoryValues),
        ],
    },
    Table {
        name: "history_state",
        what: "The undo state",
        label: None,
        max_rows: 1,
        cols: &[("id", Int(1, 1)), ("recording", OptId)],
    },
];

fn text<'a>(v: ValueRef<'a>) -> Option<&'a str> {
    match v {
        ValueRef::Text(b) => std::str::from_utf8(b).ok(),
        _ => None,
    }
}

fn text_within(v: ValueRef, max_chars: usize) -> Result<(), String> {
    let ValueRef::Text(bytes) = v else {
        return Err("is not text".into());
    };
    // A UTF-8 character is at most four bytes: most long values are refused
    // here without counting.
    if bytes.len() > max_chars * 4 {
        return Err(format!("is longer than {max_chars} characters"));
    }
    let s = std::str::from_utf8(bytes).map_err(|_| "is not valid text".to_string())?;
    if bytes.len() > max_chars && s.chars().count() > max_chars {
        return Err(format!("is longer than {max_chars} characters"));
    }
    Ok(())
}

fn parses<T: FromSql>(v: ValueRef, what: &str) -> Result<(), String> {
    let shown = || match text(v) {
        Some(s) => format!("“{}” is not {what}", clean(s, 30)),
        None => format!("is not {what}"),
    };
    if !matches!(v, ValueRef::Text(_)) {
        return Err(shown());
    }
    T::column_result(v).map(|_| ()).map_err(|_| shown())
}

fn year_in_range(v: ValueRef) -> Result<(), String> {
    // Years far from ours break date arithmetic downstream and never belong
    // in a meeting plan.
    let year: i32 = text(v)
        .and_then(|s| s.get(..4))
        .and_then(|y| y.parse().ok())
        .unwrap_or(0);
    if !(1900..=2199).contains(&year) {
        return Err(format!("is outside the years 1900 to 2199 ({year})"));
    }
    Ok(())
}

fn check_value(kind: Kind, v: ValueRef) -> Result<(), String> {
    let integer = |v: ValueRef, lo: i64, hi: i64| match v {
        ValueRef::Integer(i) if (lo..=hi).contains(&i) => Ok(()),
        ValueRef::Integer(i) => Err(format!("is {i}, outside {lo} to {hi}")),
        _ => Err("is not a whole number".to_string()),
    };
    match (kind, v) {
        (OptId | OptLine | OptDate | OptDateTime, ValueRef::Null) => Ok(()),
        (Id | OptId, v) => integer(v, 1, i64::MAX),
        (OptInt(_, _), ValueRef::Null) => Ok(()),
        (OptInt(lo, hi), v) => integer(v, lo, hi),
        (Int(lo, hi), v) => integer(v, lo, hi),
        (Line | OptLine, v) => text_within(v, MAX_LINE),
        (Text, v) => text_within(v, MAX_TEXT),
        (Snapshot, v) => text_within(v, MAX_SNAPSHOT / 4),
        (Changes, ValueRef::Blob(b)) if b.len() <= MAX_SNAPSHOT => Ok(()),
        (Changes, ValueRef::Blob(_)) => Err("is larger than a change log may be".into()),
        (Changes, _) => Err("is not a change log".into()),
        (HistoryValues, ValueRef::Null) => Ok(()),
        (HistoryValues, v) => text_within(v, 1 << 20),
        (Date | OptDate, v) => parses::<NaiveDate>(v, "a date").and_then(|_| year_in_range(v)),
        (Time, v) => parses::<NaiveTime>(v, "a time of day"),
        (DateTime | OptDateTime, v) => {
            parses::<NaiveDateTime>(v, "a date and time").and_then(|_| year_in_range(v))
        }
        (Zone, v) => match text(v) {
            Some(s) if s.parse::<chrono_tz::Tz>().is_ok() => Ok(()),
            Some(s) => Err(format!("“{}” is not a time zone", clean(s, 40))),
            None => Err("is not a time zone".into()),
        },
        (Uid, v) => match text(v) {
            Some(s) if is_uid(s) => Ok(()),
            Some(s) => Err(format!("“{}” is not a UUID", clean(s, 40))),
            None => Err("is not a UUID".into()),
        },
        (Link, v) => text_within(v, MAX_LINK).and_then(|_| match text(v) {
            Some(s) if is_link(s) => Ok(()),
            Some(s) => Err(format!("“{}” is not a web address", clean(s, 40))),
            None => Err("is not text".into()),
        }),
        (Key(known), v) => match text(v) {
            Some(s) if known(s) => Ok(()),
            Some(s) => Err(format!("“{}” is not a known value", clean(s, 40))),
            None => Err("is not a known value".into()),
        },
    }
}

/// A UUID as the app writes it: 8-4-4-4-12 hexadecimal digits.
pub fn is_uid(s: &str) -> bool {
    s.len() == 36
        && s.chars().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A link as the app keeps it: blank, or an http or https URL with a host
/// and no spaces or control characters.
pub fn is_link(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// Names a record in a message: "Session 12 “Panel”".
fn record(table: &Table, rowid: i64, label: Option<&str>) -> String {
    match label.filter(|l| !l.trim().is_empty()) {
        Some(l) => format!("{} {rowid} “{}”", table.what, clean(l.trim(), 40)),
        None if table.max_rows == 1 => table.what.to_string(),
        None => format!("{} {rowid}", table.what),
    }
}

fn column_name(col: &str) -> String {
    col.replace('_', " ")
}

fn check_table(
    conn: &Connection,
    table: &Table,
    columns: &[(&'static str, Kind)],
) -> Result<(), String> {
    let count: i64 = conn
        .query_row(
            &format!("SELECT count(*) FROM \"{}\"", table.name),
            [],
            |r| r.get(0),
        )
        .map_err(|_| format!("the {} table cannot be read", table.name))?;
    if count > table.max_rows {
        return Err(format!(
            "it has {count} rows of {}; Plenary opens plans of up to {} (“{}”)",
            table.name,
            table.max_rows,
            table.what.to_lowercase()
        ));
    }
    let cols = columns
        .iter()
        .map(|(c, _)| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("SELECT rowid, {cols} FROM \"{}\"", table.name);
    let mut st = conn.prepare(&sql).map_err(|e| e.to_string())?;
    let label_at = table
        .label
        .and_then(|l| columns.iter().position(|(c, _)| *c == l));
    let mut rows = st.query([]).map_err(|e| e.to_string())?;
    while let Some(row) = rows.next().map_err(|e| clean(&e.to_string(), 120))? {
        let rowid: i64 = row.get(0).map_err(|e| e.to_string())?;
        let label = label_at.and_then(|i| row.get_ref(i + 1).ok().and_then(text));
        for (i, (col, kind)) in columns.iter().enumerate() {
            let v = row.get_ref(i + 1).map_err(|e| e.to_string())?;
            if let Err(why) = check_value(*kind, v) {
                return Err(format!(
                    "{}: {} {why}",
                    record(table, rowid, label),
                    column_name(col)
                ));
            }
        }
    }
    Ok(())
}

/// Rules across the columns of a row, one query each.
fn check_rows(conn: &Connection) -> Result<(), String> {
    check_rows_of(conn, true)
}

/// `day_only`: whether the file has sessions' days without times (version 9).
fn check_rows_of(conn: &Connection, day_only: bool) -> Result<(), String> {
    let rules: &[(&str, &str)] = &[
        (
            "SELECT id, title FROM session WHERE (start IS NULL) <> (\"end\" IS NULL)",
            "Session {id} {label} has a start but no end",
        ),
        (
            "SELECT id, title FROM session WHERE start IS NOT NULL AND \"end\" IS NOT NULL AND \"end\" <= start",
            "Session {id} {label} ends before it starts",
        ),
        (
            "SELECT id, title FROM session WHERE day IS NOT NULL AND start IS NOT NULL",
            "Session {id} {label} has both a day without times and times",
        ),
        (
            "SELECT id, title FROM event WHERE last_day < first_day",
            "Event {id} {label} ends before it starts",
        ),
        (
            "SELECT id, title FROM plan WHERE last_day < first_day OR julianday(last_day) - julianday(first_day) > 366",
            "The plan's days are out of order or span more than a year",
        ),
        (
            "SELECT id, role FROM session_role WHERE person_id IS NULL AND organisation_id IS NULL",
            "Role {id} names neither a person nor an organisation",
        ),
        (
            "SELECT 1, '' WHERE NOT EXISTS (SELECT 1 FROM plan WHERE id = 1)",
            "it has no plan",
        ),
    ];
    for (sql, message) in rules {
        if !day_only && sql.contains(" day IS NOT NULL") {
            continue;
        }
        let hit: Option<(i64, String)> = conn
            .query_row(sql, [], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                ))
            })
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(clean(&e.to_string(), 120)),
            })?;
        if let Some((id, label)) = hit {
            let label = format!("“{}”", clean(&label, 40));
            return Err(message
                .replace("{id}", &id.to_string())
                .replace("{label}", &label));
        }
    }
    let broken: Option<(String, i64, String)> = conn
        .query_row("PRAGMA foreign_key_check", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(clean(&e.to_string(), 120)),
        })?;
    if let Some((table, rowid, parent)) = broken {
        let Some(t) = TABLES.iter().find(|t| t.name == table) else {
            return Err(format!("a record refers to a missing {parent}"));
        };
        // The label column is the code's own name for that table's column.
        let label: Option<String> = t.label.and_then(|col| {
            conn.query_row(
                &format!("SELECT \"{col}\" FROM \"{}\" WHERE rowid = ?1", t.name),
                [rowid],
                |r| r.get::<_, Option<String>>(0),
            )
            .ok()
            .flatten()
        });
        return Err(format!(
            "{} refers to a missing {}",
            record(t, rowid, label.as_deref()),
            parent.replace('_', " ")
        ));
    }
    Ok(())
}

/// Checks every table of a plan file at the current schema version: `Err`
/// is a sentence naming the first bad record.
pub fn file_is_sound(conn: &Connection) -> Result<(), String> {
    for table in TABLES {
        check_table(conn, table, table.cols)?;
    }
    check_rows(conn)
}

/// Checks the plan's own tables, not the undo history: what an undo or redo
/// may have changed.
pub fn plan_is_sound(conn: &Connection) -> Result<(), String> {
    for table in TABLES.iter().filter(|t| !t.name.starts_with("history_")) {
        check_table(conn, table, table.cols)?;
    }
    check_rows(conn)
}

/// Tables that exist at an older version are checked the same way, column
/// by column, for those columns that file has.
pub fn older_plan_is_sound(conn: &Connection) -> Result<(), String> {
    let has_table = |name: &str| -> bool {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
            [name],
            |r| r.get(0),
        )
        .unwrap_or(false)
    };
    let has_column = |table: &str, col: &str| -> bool {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)",
            [table, col],
            |r| r.get(0),
        )
        .unwrap_or(false)
    };
    for table in TABLES {
        if !has_table(table.name) {
            continue;
        }
        let cols: Vec<(&'static str, Kind)> = table
            .cols
            .iter()
            .copied()
            .filter(|(c, _)| has_column(table.name, c))
            .collect();
        check_table(conn, table, &cols)?;
    }
    check_rows_of(conn, has_column("session", "day"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_one_line_and_cuts_at_characters() {
        let cases = [
            ("Panel", 40, "Panel"),
            ("Line one\nLine two", 40, "Line one Line two"),
            ("\u{1b}[31mred\u{7}", 40, " [31mred "),
            ("São Tomé and Príncipe", 5, "São T…"),
            ("กรุงเทพมหานคร", 3, "กรุ…"),
        ];
        for (input, max, want) in cases {
            assert_eq!(clean(input, max), want, "{input:?}");
        }
    }

    #[test]
    fn the_checked_tables_are_the_schema_tables() {
        let store = crate::store::Store::in_memory(&crate::sample::sample_plan_header()).unwrap();
        let conn = store.connection();
        let mut st = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap();
        let mut tables: Vec<String> = st
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        tables.sort();
        let mut ours: Vec<String> = TABLES.iter().map(|t| t.name.to_string()).collect();
        ours.sort();
        assert_eq!(tables, ours);
        for t in TABLES {
            let mut st = conn
                .prepare("SELECT name FROM pragma_table_info(?1)")
                .unwrap();
            let cols: Vec<String> = st
                .query_map([t.name], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            let listed: Vec<String> = t.cols.iter().map(|(c, _)| c.to_string()).collect();
            assert_eq!(cols, listed, "{}", t.name);
        }
    }
}
