//! Plan files built to attack the app: each must be refused with one line,
//! leave the file as it was, and reach nothing outside it.

use super::*;
use crate::edit::rooms::create_room;
use crate::limits::MAX_SESSIONS;
use crate::model::SessionKind;
use crate::sample;
use std::path::Path;

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A sample plan written to `dir/name`, closed, in rollback-journal mode so
/// that its bytes are the whole file.
fn sample_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    drop(sample::write_sample(&path, false).unwrap());
    let conn = Connection::open(&path).unwrap();
    let _: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    path
}

/// A plan file as versions 2 to 6 wrote them: the first `version`
/// migrations, the old triggers, a plan row and one event with a session.
fn legacy_file(dir: &Path, name: &str, version: usize) -> PathBuf {
    let path = dir.join(name);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    for sql in &schema::MIGRATIONS[..version] {
        conn.execute_batch(sql).unwrap();
    }
    for (_, _, sql) in legacy::trigger_sql(&conn).unwrap() {
        conn.execute_batch(&format!("{sql};")).unwrap();
    }
    conn.pragma_update(None, "user_version", version as i64)
        .unwrap();
    conn.execute_batch(
        "INSERT INTO plan (id, title, time_zone, first_day, last_day) VALUES (1, 'Old week', 'Asia/Bangkok', '2024-11-18', '2024-11-20');
         INSERT INTO event (id, title, first_day, last_day) VALUES (1, 'Annual Meeting', '2024-11-18', '2024-11-20');
         INSERT INTO session (id, event_id, title, kind, start, \"end\") VALUES (1, 1, 'Opening', 'opening', '2024-11-18 09:00:00', '2024-11-18 10:00:00');",
    )
    .unwrap();
    path
}

/// Records one edit through the old triggers, as an older Plenary did.
fn legacy_edit(path: &Path, summary: &str, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute(
        "INSERT INTO history_step (at, summary) VALUES ('2024-11-01 10:00:00', ?1)",
        [summary],
    )
    .unwrap();
    let step = conn.last_insert_rowid();
    conn.execute("UPDATE history_state SET recording = ?1", [step])
        .unwrap();
    conn.execute_batch(sql).unwrap();
    conn.execute("UPDATE history_state SET recording = NULL", [])
        .unwrap();
}

fn plant(path: &Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

fn refused(path: &Path) -> CoreError {
    let before = bytes(path);
    let dir = path.parent().unwrap();
    let listed = files_in(dir);
    let err = Store::open(path).err().expect("the file is refused");
    assert!(!err.to_string().contains('\n'), "one line, not: {err}");
    assert_eq!(bytes(path), before, "the refused file is untouched");
    assert_eq!(files_in(dir), listed, "nothing is created beside it");
    err
}

#[test]
fn planted_triggers_views_and_tables_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let attacks = [
        "CREATE TRIGGER wipe AFTER UPDATE ON session BEGIN DELETE FROM person; END;",
        "CREATE VIEW forever AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n;",
        "CREATE TABLE extra (x);",
        "CREATE INDEX sneaky ON session(title);",
        "DROP TRIGGER history_session_update;
         CREATE TRIGGER history_session_update AFTER UPDATE ON session BEGIN DELETE FROM person; END;",
    ];
    for (i, sql) in attacks.iter().enumerate() {
        let path = sample_file(dir.path(), &format!("attack{i}.plenary"));
        plant(&path, sql);
        let err = refused(&path);
        assert_eq!(err.code(), crate::error::ErrorCode::Damaged, "{sql}");
        assert!(
            err.to_string()
                .ends_with("contains objects Plenary did not create; it was not opened."),
            "{err}"
        );
    }
}

#[test]
fn a_crafted_column_name_on_an_older_file_never_becomes_sql() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("pwned.db");
    let path = legacy_file(dir.path(), "old.plenary", 5);
    let column = format!("x\"||(SELECT 1)); VACUUM INTO '{}'; --", target.display());
    plant(
        &path,
        &format!(
            "ALTER TABLE plan ADD COLUMN \"{}\" TEXT;",
            column.replace('"', "\"\"")
        ),
    );
    let err = refused(&path);
    assert_eq!(err.code(), crate::error::ErrorCode::Damaged, "{err}");
    assert!(!target.exists(), "nothing is written elsewhere");
    assert!(files_in(elsewhere.path()).is_empty());
}

#[test]
fn every_connection_refuses_attach_and_extensions() {
    let store = sample::sample_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    let attach = store
        .connection()
        .execute_batch(&format!("ATTACH '{}' AS other;", other.display()));
    assert!(attach.is_err());
    assert!(!other.exists());
    let load = store
        .connection()
        .query_row("SELECT load_extension('libm.so.6')", [], |r| {
            r.get::<_, Option<String>>(0)
        });
    assert!(load.is_err());
    let writable = store
        .connection()
        .execute_batch("PRAGMA writable_schema = ON; DELETE FROM sqlite_schema;");
    assert!(writable.is_err(), "defensive mode keeps the schema tables");
}

#[test]
fn save_copy_still_works_without_attach() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path(), "week.plenary");
    let store = Store::open(&path).unwrap();
    let copy = dir.path().join("copy.plenary");
    store.save_copy(&copy).unwrap();
    assert!(Store::open(&copy).is_ok());
    let attach = store
        .connection()
        .execute_batch(&format!("ATTACH '{}' AS c;", copy.display()));
    assert!(attach.is_err(), "the limit is back after the copy");
}

#[test]
fn planted_undo_steps_are_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str)] = &[
        ("sqlite_master", r#"{"name":"x"}"#),
        ("session", r#"{"title":"x","no_such_column":1}"#),
        ("session", "not json"),
        ("session", r#"{"title":["a"]}"#),
        ("session", r#"{"kind":"karaoke"}"#),
    ];
    for (i, (table, old)) in cases.iter().enumerate() {
        let path = sample_file(dir.path(), &format!("undo{i}.plenary"));
        plant(
            &path,
            &format!(
                "INSERT INTO history_step (id, at, summary) VALUES (900, '2024-11-01 10:00:00', 'Moved “Opening” to 10:00');
                 INSERT INTO history_change (step, tbl, op, row_id, old) VALUES (900, '{table}', 'update', 1, '{}');",
                old.replace('\'', "''")
            ),
        );
        let mut store = Store::open(&path).unwrap();
        let people = store.people().unwrap();
        let sessions = store.sessions().unwrap();
        let err = store.undo().expect_err("refused");
        assert_eq!(
            err.code(),
            crate::error::ErrorCode::Damaged,
            "{table} {old}: {err}"
        );
        assert!(
            err.to_string()
                .starts_with("“Moved “Opening” to 10:00” cannot be undone: ")
                && err.to_string().ends_with("nothing was changed."),
            "{err}"
        );
        assert_eq!(store.people().unwrap(), people);
        assert_eq!(store.sessions().unwrap(), sessions);
    }
}

#[test]
fn values_in_an_undo_step_stay_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path(), "values.plenary");
    let title = "x'); DROP TABLE person; --";
    plant(
        &path,
        &format!(
            "INSERT INTO history_step (id, at, summary) VALUES (900, '2024-11-01 10:00:00', 'Edited');
             INSERT INTO history_change (step, tbl, op, row_id, old) VALUES (900, 'session', 'update', 1, '{}');",
            serde_json::json!({ "title": title }).to_string().replace('\'', "''")
        ),
    );
    let mut store = Store::open(&path).unwrap();
    let people = store.people().unwrap();
    store.undo().unwrap();
    assert_eq!(store.session(1).unwrap().title, title);
    assert_eq!(store.people().unwrap(), people);
}

#[test]
fn an_undo_step_that_would_break_the_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path(), "break.plenary");
    let big = "x".repeat(2_000);
    plant(
        &path,
        &format!(
            "INSERT INTO history_step (id, at, summary) VALUES (900, '2024-11-01 10:00:00', 'Edited');
             INSERT INTO history_change (step, tbl, op, row_id, old) VALUES (900, 'session', 'update', 1, '{{\"title\":\"{big}\"}}');
             INSERT INTO history_step (id, at, summary) VALUES (901, '2024-11-01 10:00:00', 'Edited again');
             INSERT INTO history_change (step, tbl, op, row_id, old) VALUES (901, 'session', 'update', 1, '{{\"kind\":\"karaoke\"}}');"
        ),
    );
    let mut store = Store::open(&path).unwrap();
    let sessions = store.sessions().unwrap();
    let err = store.undo().err().unwrap();
    assert!(
        err.to_string()
            .contains("kind “karaoke” is not a known value"),
        "{err}"
    );
    assert_eq!(store.sessions().unwrap(), sessions);
    assert_eq!(
        store.undo_state().unwrap().undo.as_deref(),
        Some("Edited again")
    );
}

#[test]
fn an_older_file_keeps_its_undo_history_as_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = legacy_file(dir.path(), "v6.plenary", 6);
    legacy_edit(
        &path,
        "Moved “Opening” to 10:00",
        "UPDATE session SET start = '2024-11-18 10:00:00', \"end\" = '2024-11-18 11:00:00' WHERE id = 1;",
    );
    legacy_edit(
        &path,
        "Added room “Hall ‘A’”",
        "INSERT INTO room (name) VALUES ('Hall ‘A’ d''Ivoire');",
    );
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.version().unwrap(), current_version());
    assert_eq!(store.rooms().unwrap().len(), 1);
    assert_eq!(
        store.undo().unwrap().as_deref(),
        Some("Added room “Hall ‘A’”")
    );
    assert!(store.rooms().unwrap().is_empty());
    assert_eq!(
        store.undo().unwrap().as_deref(),
        Some("Moved “Opening” to 10:00")
    );
    let opening = &store.sessions().unwrap()[0];
    assert_eq!(opening.start.unwrap().to_string(), "2024-11-18 09:00:00");
    store.redo().unwrap();
    store.redo().unwrap();
    assert_eq!(store.rooms().unwrap()[0].name, "Hall ‘A’ d'Ivoire");
    let no_sql_table: bool = store
        .connection()
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'history_sql')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!no_sql_table);
}

#[test]
fn planted_sql_in_an_older_history_is_dropped_never_run() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let decoy = elsewhere.path().join("decoy.db");
    Connection::open(&decoy)
        .unwrap()
        .execute_batch("CREATE TABLE secret (x); INSERT INTO secret VALUES ('keep');")
        .unwrap();
    let decoy_bytes = bytes(&decoy);
    let path = legacy_file(dir.path(), "v6.plenary", 6);
    legacy_edit(
        &path,
        "Moved “Opening” to 10:00",
        "UPDATE session SET start = '2024-11-18 10:00:00', \"end\" = '2024-11-18 11:00:00' WHERE id = 1;",
    );
    let planted = [
        "DROP TABLE person".to_string(),
        format!(
            "ATTACH '{}' AS d; UPDATE d.secret SET x = 'gone'",
            decoy.display()
        ),
        format!(
            "COMMIT; VACUUM INTO '{}'; BEGIN",
            elsewhere.path().join("authorized_keys").display()
        ),
    ];
    for sql in &planted {
        plant(
            &path,
            &format!(
                "INSERT INTO history_sql (step, sql) VALUES ((SELECT max(id) FROM history_step), '{}');",
                sql.replace('\'', "''")
            ),
        );
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.undo_state().unwrap().undo,
        None,
        "the history is dropped"
    );
    assert_eq!(store.undo().unwrap(), None);
    assert!(store.people().is_ok(), "person is still there");
    assert_eq!(bytes(&decoy), decoy_bytes);
    assert_eq!(files_in(elsewhere.path()), vec!["decoy.db".to_string()]);
}

#[test]
fn bad_values_are_named_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str)] = &[
        (
            "PRAGMA ignore_check_constraints = ON; UPDATE session SET \"end\" = NULL WHERE id = 1;",
            "has a start but no end",
        ),
        ("UPDATE session SET kind = 'karaoke' WHERE id = 1;", "kind “karaoke” is not a known value"),
        ("UPDATE session SET start = '2024-13-45 09:00:00' WHERE id = 1;", "start “2024-13-45 09:00:00” is not a date and time"),
        ("UPDATE session SET start = '9999-12-31 09:00:00', \"end\" = '9999-12-31 10:00:00' WHERE id = 1;", "outside the years"),
        ("UPDATE plan SET time_zone = 'Mars/Olympus';", "The plan: time zone “Mars/Olympus” is not a time zone"),
        (
            "INSERT INTO speaking_slot (session_id, organisation_id, minutes) VALUES (1, 1, 9223372036854775807);",
            "minutes is 9223372036854775807",
        ),
        (
            "INSERT INTO speaking_slot (session_id, organisation_id, spoke_start) VALUES (1, 1, 'after lunch');",
            "Speaking turn 1: spoke start “after lunch” is not a date and time",
        ),
        ("UPDATE organisation SET category = 42 WHERE id = 1;", "Organisation 1"),
        ("UPDATE room SET capacity = 'many';", "capacity is not a whole number"),
        (
            "INSERT INTO merge_log (id, changes) VALUES (1, 'DROP TABLE session');",
            "changes is not a change log",
        ),
        ("PRAGMA foreign_keys = OFF; UPDATE session SET event_id = 999 WHERE id = 1;", "Session 1 “Opening remarks by the Senior Official C…” refers to a missing event"),
    ];
    for (i, (sql, want)) in cases.iter().enumerate() {
        let path = sample_file(dir.path(), &format!("bad{i}.plenary"));
        plant(&path, sql);
        assert!(Store::open(&path).is_err(), "{sql}");
        let err = refused(&path);
        assert_eq!(err.code(), crate::error::ErrorCode::Damaged, "{sql}: {err}");
        assert!(err.to_string().contains(want), "{sql}: {err}");
    }
}

#[test]
fn a_huge_title_is_refused_before_anything_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path(), "huge.plenary");
    let conn = Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE session SET title = ?1 WHERE id = 1",
        [&"A".repeat(10 << 20)],
    )
    .unwrap();
    drop(conn);
    let err = refused(&path);
    assert!(
        err.to_string()
            .contains("title is longer than 1000 characters"),
        "{err}"
    );
}

#[test]
fn versions_outside_the_known_range_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for (version, code) in [
        (-1, crate::error::ErrorCode::NotAPlan),
        (0, crate::error::ErrorCode::NotAPlan),
        (999, crate::error::ErrorCode::NewerVersion),
    ] {
        let path = sample_file(dir.path(), &format!("v{version}.plenary"));
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", version)
            .unwrap();
        let err = refused(&path);
        assert_eq!(err.code(), code, "{version}: {err}");
    }
}

#[test]
fn a_cancelled_open_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path(), "week.plenary");
    let cancel = OpenCancel::new();
    cancel.cancel();
    let err = Store::open_cancellable(&path, &cancel).err().unwrap();
    assert_eq!(err.code(), crate::error::ErrorCode::Cancelled);
}

#[test]
fn undo_waits_for_another_writer_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path(), "busy.plenary");
    let mut store = Store::open(&path).unwrap();
    crate::edit::rooms::create_room(
        &mut store,
        &crate::forms::RoomForm {
            name: "Annex".into(),
            capacity: String::new(),
            notes: String::new(),
        },
    )
    .unwrap();
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE plan SET notes = 'busy';")
        .unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        other.execute_batch("COMMIT;").unwrap();
    });
    assert_eq!(store.undo().unwrap().as_deref(), Some("Added room “Annex”"));
    release.join().unwrap();
}

/// A plan written by the previous release (schema v6, undo history as SQL
/// text): a move, a re-timing and an undone check-in.
const V6_WEEK: &[u8] = include_bytes!("../../../../tests/fixtures/v6-week.plenary");

#[test]
fn a_plan_from_the_previous_release_opens_and_keeps_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6-week.plenary");
    std::fs::write(&path, V6_WEEK).unwrap();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.version().unwrap(), current_version());
    let summaries: Vec<(String, bool)> = store
        .history(10)
        .unwrap()
        .into_iter()
        .map(|s| (s.summary, s.undone))
        .collect();
    assert_eq!(summaries.len(), 3, "{summaries:?}");
    assert_eq!(
        store.redo().unwrap().as_deref(),
        Some("Checked in Ms Lynn Bell on Mon 18 Nov")
    );
    for _ in 0..3 {
        store.undo().unwrap().unwrap();
    }
    let opening = store.session(1).unwrap();
    assert_eq!(opening.start.unwrap().to_string(), "2024-11-18 09:00:00");
    drop(store);
    // Reopened at the current version, the same file passes its own check.
    let store = Store::open(&path).unwrap();
    assert!(store.undo_state().unwrap().redo.is_some());
}

#[test]
fn an_edit_cannot_grow_a_plan_past_what_a_file_may_hold() {
    let mut store = sample::sample_in_memory().unwrap();
    let have: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM session", [], |r| r.get(0))
        .unwrap();
    store
        .connection()
        .execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
             INSERT INTO session (event_id, title, kind, uid)
             SELECT 1, 'Filler ' || i, 'other', printf('00000000-0000-4000-8000-%012x', i) FROM n",
            [MAX_SESSIONS - have],
        )
        .unwrap();
    let room = crate::edit::rooms::create_room(
        &mut store,
        &crate::forms::RoomForm {
            name: "Annex".into(),
            capacity: String::new(),
            notes: String::new(),
        },
    )
    .unwrap();
    let before = store.history(1).unwrap();
    let form = crate::forms::SessionForm {
        event_id: Some(1),
        title: "One too many".into(),
        kind: SessionKind::Other,
        day: String::new(),
        start_time: String::new(),
        end_time: String::new(),
        room_id: Some(room.id),
        description: String::new(),
        agenda_item: String::new(),
        outcome: String::new(),
        notes: String::new(),
        link: String::new(),
        tentative: false,
    };
    let err = crate::edit::sessions::create_session(&mut store, &form).unwrap_err();
    assert_eq!(err.code(), crate::error::ErrorCode::Invalid);
    assert!(err.to_string().contains("at most 20000 sessions"), "{err}");
    assert_eq!(store.history(1).unwrap(), before, "nothing was written");
}

#[test]
fn a_plan_can_be_opened_twice_while_it_is_being_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("week.plenary");
    let mut first = sample::write_sample(&path, false).unwrap();
    let second = Store::open(&path).unwrap();
    first.undo().ok();
    first.forget_history().unwrap();
    assert_eq!(second.sessions().unwrap(), first.sessions().unwrap());
    drop(second);
    let third = Store::open(&path).unwrap();
    assert_eq!(third.plan().unwrap(), first.plan().unwrap());
}

#[test]
fn each_store_reports_its_own_last_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path(), "two.plenary");
    let mut ours = Store::open(&path).unwrap();
    let mut theirs = Store::open(&path).unwrap();
    let room = |name: &str| crate::forms::RoomForm {
        name: name.into(),
        capacity: String::new(),
        notes: String::new(),
    };
    assert_eq!(ours.last_edit(), None);
    create_room(&mut ours, &room("Annex")).unwrap();
    create_room(&mut theirs, &room("Terrace")).unwrap();
    assert_eq!(ours.last_edit(), Some("Added room “Annex”"));
    assert_eq!(theirs.last_edit(), Some("Added room “Terrace”"));
}

#[test]
fn history_is_stamped_on_the_plan_wall_clock() {
    let mut store = sample::sample_in_memory().unwrap();
    assert_eq!(store.plan().unwrap().time_zone, "Asia/Bangkok");
    store.set_clock(Box::new(|| {
        chrono::DateTime::parse_from_rfc3339("2024-11-18T02:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc)
    }));
    crate::edit::rooms::create_room(
        &mut store,
        &crate::forms::RoomForm {
            name: "Annex".into(),
            capacity: String::new(),
            notes: String::new(),
        },
    )
    .unwrap();
    let step = &store.history(1).unwrap()[0];
    assert_eq!(step.at.to_string(), "2024-11-18 09:00:00", "UTC+7");
}

#[test]
fn the_longest_settings_the_app_accepts_still_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path(), "long.plenary");
    let mut store = Store::open(&path).unwrap();
    let words: Vec<String> = (0..30)
        .map(|i| format!("{i:02}{}", "é".repeat(58)))
        .collect();
    crate::edit::plan::set_protocol_settings(
        &mut store,
        &ProtocolSettings {
            host_organisation_id: None,
            ignore_words: words.clone(),
        },
    )
    .unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.protocol_settings().unwrap().ignore_words, words);
}
