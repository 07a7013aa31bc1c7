use super::*;
use crate::merge::handover;
use crate::sample::write_sample;
use crate::store::merge::table_index;
use crate::store::Store;
use tempfile::TempDir;

/// The sample, handed over (so it keeps a change log), and its folder.
fn handed_over() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = write_sample(&dir.path().join("plan.plenary"), false).unwrap();
    handover(
        &mut store,
        "Indonesia team",
        &dir.path().join("copy.plenary"),
    )
    .unwrap();
    (dir, store)
}

fn edit(store: &Store, sql: &str) {
    run_recorded(store.connection(), sql);
}

/// Flips a session's pin through the store, as the window does.
fn flip_pin(store: &mut Store, id: i64) {
    let pinned: bool = one(
        store,
        &format!("SELECT pinned FROM session WHERE id = {id}"),
    );
    store.set_pinned(id, !pinned, "Pinned").unwrap();
}

fn one<T: rusqlite::types::FromSql>(store: &Store, sql: &str) -> T {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn log_of(store: &Store) -> Touched {
    store
        .records_and_changes()
        .unwrap()
        .1
        .expect("a readable change log")
}

/// The keys of `table` the log names, where it names a list of them.
fn named(store: &Store, table: &str) -> Vec<String> {
    let t = table_index(table).unwrap();
    let mut keys: Vec<String> = log_of(store).tables[t]
        .as_ref()
        .expect("a list of keys, not the whole table")
        .iter()
        .cloned()
        .collect();
    keys.sort();
    keys
}

#[test]
fn a_plan_never_handed_over_keeps_no_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = write_sample(&dir.path().join("plan.plenary"), false).unwrap();
    let uid: String = one(&store, "SELECT uid FROM session ORDER BY id LIMIT 1");
    let id: i64 = one(&store, "SELECT id FROM session ORDER BY id LIMIT 1");
    flip_pin(&mut store, id);
    assert_eq!(store.records_and_changes().unwrap().1, None);
    let logs: i64 = one(&store, "SELECT count(*) FROM merge_log");
    assert_eq!(logs, 0, "{uid}");
}

#[test]
fn after_a_hand_over_each_edit_names_what_it_changed_and_nothing_else() {
    let (_dir, mut store) = handed_over();
    assert!(named(&store, "session").is_empty());
    let (id, uid): (i64, String) = store
        .connection()
        .query_row("SELECT id, uid FROM session ORDER BY id LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    flip_pin(&mut store, id);
    assert_eq!(named(&store, "session"), vec![uid.clone()]);
    assert!(named(&store, "person").is_empty());
    assert!(named(&store, "room").is_empty());
}

#[test]
fn an_edit_undone_leaves_the_log_as_it_was() {
    let (_dir, mut store) = handed_over();
    let id: i64 = one(&store, "SELECT id FROM session ORDER BY id LIMIT 1");
    flip_pin(&mut store, id);
    store.undo().unwrap();
    assert!(named(&store, "session").is_empty());
    store.redo().unwrap();
    assert_eq!(named(&store, "session").len(), 1);
}

#[test]
fn deleted_rows_are_named_by_their_keys_with_what_went_with_them() {
    let (_dir, store) = handed_over();
    let (sid, suid): (i64, String) = store
        .connection()
        .query_row(
            "SELECT s.id, s.uid FROM session s WHERE (SELECT count(*) FROM session_role r WHERE r.session_id = s.id) >= 2 ORDER BY s.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let mut roles: Vec<String> = {
        let mut st = store
            .connection()
            .prepare("SELECT uid FROM session_role WHERE session_id = ?1")
            .unwrap();
        st.query_map([sid], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    roles.sort();
    // A registration: keyed by its event and person, both still there.
    let (event, person): (String, String) = store
        .connection()
        .query_row(
            "SELECT e.uid, p.uid FROM attendance a JOIN event e ON e.id = a.event_id JOIN person p ON p.id = a.person_id ORDER BY a.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    edit(
        &store,
        &format!(
            "DELETE FROM session WHERE id = {sid};
             DELETE FROM attendance WHERE id = (SELECT min(id) FROM attendance);"
        ),
    );
    assert_eq!(named(&store, "session"), vec![suid]);
    assert_eq!(named(&store, "session_role"), roles);
    assert_eq!(
        named(&store, "attendance"),
        vec![format!("{event}|{person}")]
    );
}

#[test]
fn a_row_id_used_again_names_both_records() {
    let (_dir, store) = handed_over();
    let (id, old): (i64, String) = store
        .connection()
        .query_row(
            "SELECT id, uid FROM room ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let new = "00000000-0000-4000-8000-00000000abcd";
    edit(&store, &format!("DELETE FROM room WHERE id = {id}"));
    edit(
        &store,
        &format!("INSERT INTO room (id, name, uid) VALUES ({id}, 'Salle B', '{new}')"),
    );
    let mut both = vec![old, new.to_string()];
    both.sort();
    assert_eq!(named(&store, "room"), both);
}

#[test]
fn a_co_chair_given_another_person_is_named_as_it_was_and_is() {
    let (_dir, store) = handed_over();
    let before = store.records().unwrap();
    let t = table_index("event_cochair").unwrap();
    edit(
        &store,
        "UPDATE event_cochair SET person_id = (SELECT max(id) FROM person) WHERE id = (SELECT min(id) FROM event_cochair)",
    );
    let after = store.records().unwrap();
    let now: Vec<&String> = after.tables[t]
        .keys()
        .filter(|k| before.get(t, k).is_none())
        .collect();
    let was: Vec<&String> = before.tables[t]
        .keys()
        .filter(|k| after.get(t, k).is_none())
        .collect();
    assert_eq!((was.len(), now.len()), (1, 1));
    // The edited line now shares its natural key with another line of the
    // same person, which the record keys tell apart as "…#2": the log's
    // natural key covers both.
    let log = log_of(&store);
    assert!(
        log.names(t, was[0]) && log.names(t, now[0]),
        "{:?}",
        named(&store, "event_cochair")
    );
    assert_eq!(named(&store, "event_cochair").len(), 2);
}

#[test]
fn a_damaged_log_counts_as_none_and_the_next_edit_drops_it() {
    let (_dir, mut store) = handed_over();
    store
        .connection()
        .execute(
            "UPDATE merge_log SET changes = x'54ffffff0073657373696f6e00'",
            [],
        )
        .unwrap();
    assert_eq!(store.records_and_changes().unwrap().1, None);
    let id: i64 = one(&store, "SELECT id FROM session ORDER BY id LIMIT 1");
    flip_pin(&mut store, id);
    assert_eq!(store.last_edit(), Some("Pinned"));
    let logs: i64 = one(&store, "SELECT count(*) FROM merge_log");
    assert_eq!(logs, 0);
}

#[test]
fn a_log_naming_an_unknown_table_counts_as_none() {
    let (_dir, store) = handed_over();
    // A changeset of one insert into a table the merge does not cover,
    // recorded here by a session of our own.
    let conn = store.connection();
    conn.execute_batch("CREATE TABLE stray (id INTEGER PRIMARY KEY, x TEXT)")
        .unwrap();
    let mut session = std::ptr::null_mut();
    unsafe {
        assert_eq!(
            ffi::sqlite3session_create(conn.handle(), c"main".as_ptr(), &mut session),
            0
        );
        assert_eq!(ffi::sqlite3session_attach(session, c"stray".as_ptr()), 0);
    }
    conn.execute("INSERT INTO stray (x) VALUES ('x')", [])
        .unwrap();
    let recording = Recording {
        session,
        _conn: PhantomData,
    };
    let blob = recording.changeset().unwrap();
    drop(recording);
    assert!(!blob.is_empty());
    conn.execute("UPDATE merge_log SET changes = ?1", [blob])
        .unwrap();
    assert_eq!(store.records_and_changes().unwrap().1, None);
}
