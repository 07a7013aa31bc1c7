use super::*;
use crate::sample::write_sample;
use crate::store::change_log::run_recorded;
use crate::store::merge::TABLES;
use tempfile::TempDir;

/// The sample as the Australia team's plan, and the copy it handed over
/// to the Indonesia team, both open.
fn pair() -> (TempDir, Store, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut ours = write_sample(&dir.path().join("ours.plenary"), false).unwrap();
    set_team(&mut ours, "Australia team").unwrap();
    sql(
        &ours,
        concat!(
            "INSERT INTO room (name, uid) VALUES ('Meeting Room 2', '00000000-0000-4000-8000-0000000000e2');",
            "INSERT INTO room (name, uid) VALUES ('Meeting Room 3', '00000000-0000-4000-8000-0000000000e3');"
        ),
    );
    let copy = dir.path().join("theirs.plenary");
    handover(&mut ours, "Indonesia team", &copy).unwrap();
    let theirs = Store::open(&copy).unwrap();
    (dir, ours, theirs)
}

/// Runs `sql` as an edit of the app would: recorded in the change log.
fn sql(store: &Store, sql: &str) {
    run_recorded(store.connection(), sql);
}

fn one<T: rusqlite::types::FromSql>(store: &Store, sql: &str) -> T {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn preview_of(ours: &Store, theirs: &Store) -> MergePreview {
    preview_copies(
        &Copy::of(ours).unwrap(),
        &Copy::of(theirs).unwrap(),
        "theirs",
    )
    .unwrap()
}

fn merge_in(ours: &mut Store, theirs: &Store, picks: &Picks) -> Result<Merged> {
    let copy = Copy::of(theirs).unwrap();
    merge_copy(ours, &copy, "theirs", picks)
}

/// The first timed session in a room, and two other rooms' names.
fn panel(store: &Store) -> (String, String, String) {
    let uid: String = one(
        store,
        "SELECT uid FROM session s WHERE start IS NOT NULL AND room_id IS NOT NULL AND (SELECT count(*) FROM session_role WHERE session_id = s.id) >= 2 ORDER BY id LIMIT 1",
    );
    let rooms: Vec<String> = {
        let mut st = store
            .connection()
            .prepare(&format!(
                "SELECT name FROM room WHERE id <> (SELECT room_id FROM session WHERE uid = '{uid}') ORDER BY id LIMIT 2"
            ))
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    (uid, rooms[0].clone(), rooms[1].clone())
}

fn move_to(store: &Store, uid: &str, room: &str) {
    sql(
        store,
        &format!("UPDATE session SET room_id = (SELECT id FROM room WHERE name = '{room}') WHERE uid = '{uid}'"),
    );
}

fn room_of(store: &Store, uid: &str) -> String {
    one(
        store,
        &format!(
            "SELECT r.name FROM session s JOIN room r ON r.id = s.room_id WHERE s.uid = '{uid}'"
        ),
    )
}

#[test]
fn different_fields_of_one_record_both_merge() {
    let (_dir, mut ours, theirs) = pair();
    let (uid, room, _) = panel(&ours);
    move_to(&ours, &uid, &room);
    sql(
        &theirs,
        &format!("UPDATE session SET start = datetime(start, '+30 minutes'), \"end\" = datetime(\"end\", '+30 minutes') WHERE uid = '{uid}'"),
    );
    let start: String = one(
        &theirs,
        &format!("SELECT start FROM session WHERE uid = '{uid}'"),
    );
    let p = preview_of(&ours, &theirs);
    assert!(p.clashes.is_empty(), "{:?}", p.clashes);
    assert_eq!(p.changed.len(), 1, "{:?}", p.changed);
    assert!(p.changed[0].ends_with("”: Time"), "{:?}", p.changed);
    assert_eq!(p.theirs_team, "Indonesia team");
    let done = merge_in(&mut ours, &theirs, &Picks::None).unwrap();
    assert_eq!(done.changed, 1);
    assert_eq!(room_of(&ours, &uid), room);
    let merged: String = one(
        &ours,
        &format!("SELECT start FROM session WHERE uid = '{uid}'"),
    );
    assert_eq!(merged, start);
    assert_eq!(
        ours.history(1).unwrap()[0].summary,
        "Merged from Indonesia team: 1 changed"
    );
}

#[test]
fn the_same_field_changed_both_ways_is_a_clash_in_words() {
    let (_dir, mut ours, theirs) = pair();
    let (uid, room, other) = panel(&ours);
    move_to(&ours, &uid, &room);
    move_to(&theirs, &uid, &other);
    let p = preview_of(&ours, &theirs);
    assert_eq!(p.clashes.len(), 1);
    let c = &p.clashes[0];
    assert_eq!((c.kind, c.field.as_str()), (ClashKind::Field, "Room"));
    assert_eq!(
        (c.ours.as_str(), c.theirs.as_str()),
        (room.as_str(), other.as_str())
    );
    assert!(c.record.starts_with("Session “"), "{}", c.record);
    // Undecided, nothing is written.
    let before = ours.records().unwrap();
    let err = merge_in(&mut ours, &theirs, &Picks::None).unwrap_err();
    assert!(err.to_string().contains("1 clash need"), "{err}");
    assert_eq!(ours.records().unwrap(), before);
    let take = [Resolution {
        clash: 1,
        take: Take::Theirs,
        value: None,
    }];
    merge_in(&mut ours, &theirs, &Picks::Each(&take)).unwrap();
    assert_eq!(room_of(&ours, &uid), other);
}

#[test]
fn a_typed_value_settles_a_text_clash() {
    let (_dir, mut ours, theirs) = pair();
    let (uid, _, _) = panel(&ours);
    sql(
        &ours,
        &format!("UPDATE session SET title = 'Ours' WHERE uid = '{uid}'"),
    );
    sql(
        &theirs,
        &format!("UPDATE session SET title = 'Theirs' WHERE uid = '{uid}'"),
    );
    let p = preview_of(&ours, &theirs);
    assert!(p.clashes[0].editable);
    let take = [Resolution {
        clash: 1,
        take: Take::Edited,
        value: Some("Both".into()),
    }];
    merge_in(&mut ours, &theirs, &Picks::Each(&take)).unwrap();
    let title: String = one(
        &ours,
        &format!("SELECT title FROM session WHERE uid = '{uid}'"),
    );
    assert_eq!(title, "Both");
}

#[test]
fn an_edit_against_a_delete_is_a_clash() {
    let (_dir, mut ours, theirs) = pair();
    let (uid, _, _) = panel(&ours);
    sql(
        &ours,
        &format!("UPDATE session SET title = 'Renamed' WHERE uid = '{uid}'"),
    );
    sql(&theirs, &format!("DELETE FROM session WHERE uid = '{uid}'"));
    let p = preview_of(&ours, &theirs);
    assert_eq!(p.clashes.len(), 1, "{:?}", p.clashes);
    let c = &p.clashes[0];
    assert_eq!(c.kind, ClashKind::EditDelete);
    assert_eq!(c.ours, "changed: Title");
    assert_eq!(c.theirs, "deleted");
    // Kept: the session stays with our title.
    let mut kept = Store::open(ours.path().unwrap()).unwrap();
    merge_in(&mut kept, &theirs, &Picks::All(Take::Ours)).unwrap();
    let n: i64 = one(
        &kept,
        &format!("SELECT count(*) FROM session WHERE uid = '{uid}' AND title = 'Renamed'"),
    );
    assert_eq!(n, 1);
    kept.undo().unwrap();
    // Deleted: it goes, with its roles.
    merge_in(&mut ours, &theirs, &Picks::All(Take::Theirs)).unwrap();
    let n: i64 = one(
        &ours,
        &format!("SELECT count(*) FROM session WHERE uid = '{uid}'"),
    );
    assert_eq!(n, 0);
    ours.soundness().unwrap();
}

#[test]
fn a_delete_of_what_the_other_side_added_to_is_a_clash() {
    let (_dir, mut ours, theirs) = pair();
    let (uid, _, _) = panel(&ours);
    add_role(&ours, &uid, "00000000-0000-4000-8000-0000000000a1");
    sql(&theirs, &format!("DELETE FROM session WHERE uid = '{uid}'"));
    let p = preview_of(&ours, &theirs);
    assert_eq!(p.clashes.len(), 1, "{:?}", p.clashes);
    assert_eq!(p.clashes[0].ours, "kept, with new or changed parts");
    merge_in(&mut ours, &theirs, &Picks::All(Take::Ours)).unwrap();
    let n: i64 = one(
        &ours,
        "SELECT count(*) FROM session_role WHERE uid = '00000000-0000-4000-8000-0000000000a1'",
    );
    assert_eq!(n, 1);
}

fn add_session(store: &Store, uid: &str, title: &str) {
    sql(
        store,
        &format!(
            "INSERT INTO session (event_id, title, kind, uid) VALUES ((SELECT min(id) FROM event), '{title}', 'panel', '{uid}')"
        ),
    );
}

fn add_role(store: &Store, session: &str, uid: &str) {
    sql(
        store,
        &format!(
            "INSERT INTO session_role (session_id, role, person_id, position, uid)
             SELECT s.id, 'panellist', (SELECT max(id) FROM person), coalesce((SELECT max(position) + 1 FROM session_role WHERE session_id = s.id), 0), '{uid}'
             FROM session s WHERE s.uid = '{session}'"
        ),
    );
}

fn roles_of(store: &Store, session: &str) -> Vec<String> {
    let mut st = store
        .connection()
        .prepare(&format!(
            "SELECT r.uid FROM session_role r JOIN session s ON s.id = r.session_id WHERE s.uid = '{session}' ORDER BY r.position, r.id"
        ))
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn both_teams_adding_a_session_gives_two_sessions() {
    let (_dir, mut ours, theirs) = pair();
    let before: i64 = one(&ours, "SELECT count(*) FROM session");
    add_session(&ours, "00000000-0000-4000-8000-00000000000a", "Ours");
    add_session(&theirs, "00000000-0000-4000-8000-00000000000b", "Theirs");
    // The same integer id in both files.
    let a: i64 = one(&ours, "SELECT id FROM session WHERE title = 'Ours'");
    let b: i64 = one(&theirs, "SELECT id FROM session WHERE title = 'Theirs'");
    assert_eq!(a, b);
    let p = preview_of(&ours, &theirs);
    assert!(p.clashes.is_empty());
    assert_eq!(p.added, vec!["Session “Theirs”".to_string()]);
    merge_in(&mut ours, &theirs, &Picks::None).unwrap();
    let after: i64 = one(&ours, "SELECT count(*) FROM session");
    assert_eq!(after, before + 2);
}

#[test]
fn panellists_added_on_both_sides_are_all_kept() {
    let (_dir, mut ours, theirs) = pair();
    let (uid, _, _) = panel(&ours);
    let was = roles_of(&ours, &uid);
    add_role(&ours, &uid, "00000000-0000-4000-8000-0000000000a1");
    add_role(&theirs, &uid, "00000000-0000-4000-8000-0000000000b1");
    assert!(preview_of(&ours, &theirs).clashes.is_empty());
    merge_in(&mut ours, &theirs, &Picks::None).unwrap();
    let now = roles_of(&ours, &uid);
    let mut want = was.clone();
    want.push("00000000-0000-4000-8000-0000000000a1".into());
    want.push("00000000-0000-4000-8000-0000000000b1".into());
    assert_eq!(now, want);
}

#[test]
fn a_reorder_and_an_insertion_are_both_kept() {
    let (_dir, mut ours, theirs) = pair();
    let (uid, _, _) = panel(&ours);
    let was = roles_of(&ours, &uid);
    assert!(was.len() >= 2, "the panel has roles");
    // Ours reverses the list; theirs adds a panellist at its end.
    for (i, r) in was.iter().rev().enumerate() {
        sql(
            &ours,
            &format!("UPDATE session_role SET position = {i} WHERE uid = '{r}'"),
        );
    }
    add_role(&theirs, &uid, "00000000-0000-4000-8000-0000000000b1");
    assert!(preview_of(&ours, &theirs).clashes.is_empty());
    merge_in(&mut ours, &theirs, &Picks::None).unwrap();
    let mut want: Vec<String> = was.iter().rev().cloned().collect();
    want.push("00000000-0000-4000-8000-0000000000b1".into());
    assert_eq!(roles_of(&ours, &uid), want);
}

#[test]
fn two_different_reorders_are_a_clash() {
    let (_dir, mut ours, theirs) = pair();
    let uid: String = one(
        &ours,
        "SELECT s.uid FROM session s WHERE (SELECT count(*) FROM session_role WHERE session_id = s.id) >= 3 ORDER BY s.id LIMIT 1",
    );
    let was = roles_of(&ours, &uid);
    let swap = |store: &Store, a: usize, b: usize| {
        sql(
            store,
            &format!(
                "UPDATE session_role SET position = {b} WHERE uid = '{}'",
                was[a]
            ),
        );
        sql(
            store,
            &format!(
                "UPDATE session_role SET position = {a} WHERE uid = '{}'",
                was[b]
            ),
        );
    };
    swap(&ours, 0, 1);
    swap(&theirs, 1, 2);
    let p = preview_of(&ours, &theirs);
    assert_eq!(p.clashes.len(), 1, "{:?}", p.clashes);
    assert_eq!(p.clashes[0].kind, ClashKind::Order);
    assert!(
        p.clashes[0].record.starts_with("Roles of Session"),
        "{}",
        p.clashes[0].record
    );
    merge_in(&mut ours, &theirs, &Picks::All(Take::Theirs)).unwrap();
    assert_eq!(roles_of(&ours, &uid), roles_of(&theirs, &uid));
}

#[test]
fn undo_after_a_merge_restores_ours_exactly() {
    let (_dir, mut ours, theirs) = pair();
    let (uid, room, other) = panel(&ours);
    move_to(&ours, &uid, &room);
    move_to(&theirs, &uid, &other);
    add_session(&theirs, "00000000-0000-4000-8000-00000000000b", "Theirs");
    sql(
        &theirs,
        "DELETE FROM person WHERE id = (SELECT max(id) FROM person)",
    );
    let records = ours.records().unwrap();
    let base = ours.merge_base().unwrap();
    merge_in(&mut ours, &theirs, &Picks::All(Take::Theirs)).unwrap();
    assert_ne!(ours.records().unwrap(), records);
    assert!(ours
        .undo()
        .unwrap()
        .unwrap()
        .starts_with("Merged from Indonesia team"));
    assert_eq!(ours.records().unwrap(), records);
    assert_eq!(ours.merge_base().unwrap(), base);
}

#[test]
fn merging_the_same_file_twice_changes_nothing_the_second_time() {
    let (dir, mut ours, theirs) = pair();
    let (uid, room, _) = panel(&ours);
    move_to(&theirs, &uid, &room);
    add_session(&ours, "00000000-0000-4000-8000-00000000000a", "Ours");
    let path = dir.path().join("theirs.plenary");
    drop(theirs);
    let first = merge(&mut ours, &path, &Picks::None).unwrap();
    assert!(first.step.is_some());
    let records = ours.records().unwrap();
    let steps = ours.history(100).unwrap().len();
    assert!(preview(&ours, &path).unwrap().nothing_new);
    let second = merge(&mut ours, &path, &Picks::None).unwrap();
    assert_eq!(second.step, None);
    assert_eq!(ours.records().unwrap(), records);
    assert_eq!(ours.history(100).unwrap().len(), steps);
}

/// Records with each list's places as ranks, so two plans that hold the
/// same lists in the same order compare equal.
fn ranked(mut r: Records) -> Records {
    for (t, table) in TABLES.iter().enumerate() {
        let Some((parent, _)) = table.list else {
            continue;
        };
        let p = table.col(parent).unwrap();
        let mut groups: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
        for (k, rec) in &r.tables[t] {
            let g = format!("{:?}", rec.fields[p]);
            groups.entry(g).or_default().push((rec.order, k.clone()));
        }
        for list in groups.values_mut() {
            list.sort();
            for (i, (_, k)) in list.iter().enumerate() {
                r.tables[t].get_mut(k).unwrap().order = i as i64;
            }
        }
    }
    r
}

#[test]
fn both_directions_give_the_same_plan_without_clashes() {
    let (dir, mut ours, mut theirs) = pair();
    let (uid, room, _) = panel(&ours);
    move_to(&ours, &uid, &room);
    add_session(&ours, "00000000-0000-4000-8000-00000000000a", "Ours");
    add_role(&ours, &uid, "00000000-0000-4000-8000-0000000000a1");
    sql(
        &theirs,
        &format!("UPDATE session SET title = 'Retitled' WHERE uid = '{uid}'"),
    );
    add_session(&theirs, "00000000-0000-4000-8000-00000000000b", "Theirs");
    add_role(&theirs, &uid, "00000000-0000-4000-8000-0000000000b1");
    sql(
        &theirs,
        "UPDATE person SET position = 'Minister' WHERE id = 1",
    );
    let ours_file = dir.path().join("ours-before.plenary");
    ours.save_copy(&ours_file).unwrap();
    let ours_before = Store::open(&ours_file).unwrap();
    merge_in(&mut ours, &theirs, &Picks::None).unwrap();
    merge_in(&mut theirs, &ours_before, &Picks::None).unwrap();
    assert_eq!(
        ranked(ours.records().unwrap()),
        ranked(theirs.records().unwrap())
    );
    // The next exchange either way finds nothing new.
    assert!(preview_of(&ours, &theirs).clashes.is_empty());
    let again = merge_in(&mut ours, &theirs, &Picks::None).unwrap();
    assert_eq!(
        ranked(ours.records().unwrap()),
        ranked(theirs.records().unwrap())
    );
    let _ = again;
}

#[test]
fn a_file_of_another_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut ours = write_sample(&dir.path().join("a.plenary"), false).unwrap();
    let other = write_sample(&dir.path().join("b.plenary"), false).unwrap();
    let err = merge_in(&mut ours, &other, &Picks::None).unwrap_err();
    assert!(err.to_string().contains("no common base"), "{err}");
    handover(&mut ours, "Indonesia team", &dir.path().join("c.plenary")).unwrap();
    let mut other = other;
    handover(&mut other, "Indonesia team", &dir.path().join("d.plenary")).unwrap();
    let err = merge_in(&mut ours, &other, &Picks::None).unwrap_err();
    assert!(err.to_string().contains("different plan"), "{err}");
    let err = merge(&mut ours, &dir.path().join("a.plenary"), &Picks::None).unwrap_err();
    assert!(err.to_string().contains("this plan itself"), "{err}");
}

#[test]
fn a_handed_over_copy_names_its_team_and_has_no_history() {
    let (_dir, ours, theirs) = pair();
    assert_eq!(theirs.team().unwrap(), "Indonesia team");
    assert_eq!(ours.team().unwrap(), "Australia team");
    assert!(theirs.history(10).unwrap().is_empty());
    assert_eq!(
        ours.history(1).unwrap()[0].summary,
        "Handed over a copy to Indonesia team"
    );
    assert_eq!(ours.merge_base().unwrap(), theirs.merge_base().unwrap());
    assert!(team_name(" ").is_err());
}

/// A small deterministic generator (xorshift), so a failing seed repeats.
struct Dice(u64);
impl Dice {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn ids(store: &Store, sql: &str) -> Vec<i64> {
    let mut st = store.connection().prepare(sql).unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// One random edit, as the app's edits make them.
fn random_edit(store: &Store, dice: &mut Dice, side: &str, n: usize) {
    let sessions = ids(store, "SELECT id FROM session ORDER BY id");
    let s = sessions[dice.next(sessions.len())];
    let rooms = ids(store, "SELECT id FROM room ORDER BY id");
    let people = ids(store, "SELECT id FROM person ORDER BY id");
    match dice.next(8) {
        0 => sql(store, &format!("UPDATE session SET title = '{side} {n}' WHERE id = {s}")),
        1 => sql(
            store,
            &format!("UPDATE session SET room_id = {} WHERE id = {s}", rooms[dice.next(rooms.len())]),
        ),
        2 => sql(
            store,
            &format!("UPDATE session SET start = datetime(start, '+{0} minutes'), \"end\" = datetime(\"end\", '+{0} minutes') WHERE id = {s} AND start IS NOT NULL", 15 * (1 + dice.next(4))),
        ),
        3 => sql(store, &format!("DELETE FROM session WHERE id = {s}")),
        4 => add_session(store, &format!("00000000-0000-4000-8000-{side}{n:011}"), &format!("New {side} {n}")),
        5 => {
            let uid: String = one(store, &format!("SELECT uid FROM session WHERE id = {s}"));
            add_role(store, &uid, &format!("00000000-0000-4000-9000-{side}{n:011}"));
        }
        6 => sql(
            store,
            &format!("UPDATE person SET position = '{side} {n}' WHERE id = {}", people[dice.next(people.len())]),
        ),
        _ => {
            let roles = ids(store, &format!("SELECT id FROM session_role WHERE session_id = {s} ORDER BY position"));
            if roles.len() >= 2 {
                let (a, b) = (roles[0], roles[roles.len() - 1]);
                sql(store, &format!(
                    "UPDATE session_role SET position = CASE id WHEN {a} THEN (SELECT position FROM session_role WHERE id = {b}) ELSE (SELECT position FROM session_role WHERE id = {a}) END WHERE id IN ({a}, {b})"
                ));
            }
        }
    }
}

/// Every field `side` changed since `base` is in `result` with its value,
/// unless `other` changed it too, deleted the record, or a record it
/// belongs to is gone; every record `side` added is there unless what it
/// belongs to is gone.
fn holds_edits_of(
    result: &Records,
    side: &Records,
    other: &Records,
    base: &Records,
    clashes_go_to_side: bool,
) {
    for (t, table) in TABLES.iter().enumerate() {
        for (key, rec) in &side.tables[t] {
            let b = base.get(t, key);
            if b.is_some_and(|b| b.fields == rec.fields) {
                continue;
            }
            let parent_gone =
                rec.fields
                    .iter()
                    .enumerate()
                    .any(|(i, v)| match (table.target(i), v) {
                        (Some((target, OnGone::Drop)), Value::Text(k)) => {
                            result.get(target, k).is_none()
                        }
                        _ => false,
                    });
            let Some(got) = result.get(t, key) else {
                let deleted_by_other = b.is_some() && other.get(t, key).is_none();
                assert!(
                    parent_gone || (deleted_by_other && !clashes_go_to_side),
                    "{} {key} changed on one side is missing",
                    table.name
                );
                continue;
            };
            for i in 0..rec.fields.len() {
                let changed_here = b.map(|b| &b.fields[i]) != Some(&rec.fields[i]);
                if !changed_here {
                    continue;
                }
                // A field merges with the others of its unit (a session's times).
                let unit = units(t).into_iter().find(|u| u.contains(&i)).unwrap();
                let other_changed = unit.iter().any(|&j| match (b, other.get(t, key)) {
                    (Some(b), Some(o)) => {
                        o.fields[j] != b.fields[j] && o.fields[j] != rec.fields[j]
                    }
                    (None, Some(o)) => o.fields[j] != rec.fields[j],
                    _ => false,
                });
                let cleared = table.target(i).is_some() && got.fields[i] == Value::Null;
                if other_changed && !clashes_go_to_side || cleared {
                    continue;
                }
                assert_eq!(
                    got.fields[i], rec.fields[i],
                    "{} {key}: {} lost",
                    table.name, table.cols[i]
                );
            }
        }
    }
}

#[test]
fn random_edits_on_both_sides_all_survive_the_merge() {
    for seed in 1..=12u64 {
        let (dir, mut ours, mut theirs) = pair();
        let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for n in 0..12 {
            random_edit(&ours, &mut dice, "a", n);
            random_edit(&theirs, &mut dice, "b", n);
        }
        let base = ours.merge_base().unwrap().unwrap().records().unwrap();
        let (o, t) = (ours.records().unwrap(), theirs.records().unwrap());
        // Each change log names every record its side changed.
        for store in [&ours, &theirs] {
            let (now, log) = store.records_and_changes().unwrap();
            let log = log.expect("a handed-over copy keeps a change log");
            for (t, table) in TABLES.iter().enumerate() {
                for key in now.tables[t].keys().chain(base.tables[t].keys()) {
                    if now.get(t, key) != base.get(t, key) {
                        assert!(
                            log.names(t, key),
                            "seed {seed}: {} {key} not in the log",
                            table.name
                        );
                    }
                }
            }
        }
        let ours_file = dir.path().join("ours-before.plenary");
        ours.save_copy(&ours_file).unwrap();
        let ours_before = Store::open(&ours_file).unwrap();
        // Each way, clashes settled for the side merging in.
        merge_in(&mut ours, &theirs, &Picks::All(Take::Ours)).unwrap();
        merge_in(&mut theirs, &ours_before, &Picks::All(Take::Ours)).unwrap();
        for (result, mine, other) in [(&ours, &o, &t), (&theirs, &t, &o)] {
            result.soundness().unwrap();
            let r = result.records().unwrap();
            holds_edits_of(&r, mine, other, &base, true);
            holds_edits_of(&r, other, mine, &base, false);
        }
    }
}

#[test]
fn two_retimes_of_one_session_are_one_clash_of_its_time() {
    let (_dir, mut ours, theirs) = pair();
    let (uid, _, _) = panel(&ours);
    let shift = |store: &Store, m: i64| {
        sql(
            store,
            &format!("UPDATE session SET start = datetime(start, '+{m} minutes'), \"end\" = datetime(\"end\", '+{m} minutes') WHERE uid = '{uid}'"),
        )
    };
    shift(&ours, 30);
    shift(&theirs, 60);
    let p = preview_of(&ours, &theirs);
    assert_eq!(p.clashes.len(), 1, "{:?}", p.clashes);
    let c = &p.clashes[0];
    assert_eq!(c.field, "Time");
    assert!(!c.editable);
    let line = crate::text::lists::clash_line(c, &p.theirs_team);
    assert!(
        line.starts_with("Time: ")
            && line.contains(" (yours) / ")
            && line.ends_with(" (Indonesia team)"),
        "{line}"
    );
    assert!(c.ours.contains('–') && c.ours.contains("Nov"), "{}", c.ours);
    merge_in(&mut ours, &theirs, &Picks::All(Take::Theirs)).unwrap();
    let (a, b): (String, String) = (
        one(
            &ours,
            &format!("SELECT start FROM session WHERE uid = '{uid}'"),
        ),
        one(
            &theirs,
            &format!("SELECT start FROM session WHERE uid = '{uid}'"),
        ),
    );
    assert_eq!(a, b);
}

#[test]
fn a_damaged_base_is_refused_in_one_sentence() {
    // The base used (ours: the copies' bases are as new as each other).
    let (dir, mut ours, theirs) = pair();
    sql(
        &ours,
        "UPDATE merge_base SET fields = '[1, \"x\"]' WHERE rowid = (SELECT min(rowid) FROM merge_base)",
    );
    drop(theirs);
    let err = merge(&mut ours, &dir.path().join("theirs.plenary"), &Picks::None).unwrap_err();
    assert!(
        err.to_string()
            .contains("common base kept in this plan is damaged"),
        "{err}"
    );
}

#[test]
fn the_preview_reads_as_a_protocol_officer_would_read_it() {
    let (_dir, ours, theirs) = pair();
    let (uid, room, other) = panel(&ours);
    move_to(&ours, &uid, &room);
    move_to(&theirs, &uid, &other);
    add_session(
        &theirs,
        "00000000-0000-4000-8000-00000000000b",
        "Side event: victim support",
    );
    sql(
        &theirs,
        "UPDATE person SET position = 'Minister for Foreign Affairs' WHERE id = 1",
    );
    sql(&ours, "DELETE FROM session WHERE title = 'Coffee break' AND id = (SELECT min(id) FROM session WHERE title = 'Coffee break')");
    insta::assert_snapshot!(crate::text::lists::merge_preview(&preview_of(
        &ours, &theirs
    )));
}

#[test]
fn changes_since_a_version_count_what_a_merge_brought() {
    let (_dir, mut ours, theirs) = pair();
    let at = chrono::NaiveDate::from_ymd_opt(2024, 11, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let n = crate::print::changes::publish(&mut ours, at).unwrap();
    let (uid, room, _) = panel(&ours);
    move_to(&theirs, &uid, &room);
    add_session(
        &theirs,
        "00000000-0000-4000-8000-00000000000b",
        "Side event",
    );
    sql(
        &theirs,
        "UPDATE session SET start = '2024-11-19 16:00:00', \"end\" = '2024-11-19 17:00:00' WHERE title = 'Side event'",
    );
    merge_in(&mut ours, &theirs, &Picks::None).unwrap();
    let changes = crate::print::changes::since(&ours, n).unwrap();
    let text = changes.lines.join("\n");
    assert!(text.contains(&format!("→ {room}")), "{text}");
    assert!(text.contains("“Side event” added"), "{text}");
}

#[test]
fn a_co_chair_whose_person_the_other_team_deleted_stays_without_the_person() {
    let (_dir, mut ours, theirs) = pair();
    let person: i64 = one(
        &ours,
        "SELECT person_id FROM event_cochair WHERE person_id IS NOT NULL ORDER BY id LIMIT 1",
    );
    let before: i64 = one(&ours, "SELECT count(*) FROM event_cochair");
    sql(&theirs, &format!("DELETE FROM session_role WHERE person_id = {person} OR replaced_by = {person}; DELETE FROM speaking_slot WHERE person_id = {person}; DELETE FROM attendance WHERE person_id = {person}; DELETE FROM person WHERE id = {person}"));
    let p = preview_of(&ours, &theirs);
    assert!(p.clashes.is_empty(), "{:?}", p.clashes);
    merge_in(&mut ours, &theirs, &Picks::None).unwrap();
    let after: i64 = one(&ours, "SELECT count(*) FROM event_cochair");
    assert_eq!(after, before);
    let gone: i64 = one(
        &ours,
        &format!("SELECT count(*) FROM person WHERE id = {person}"),
    );
    assert_eq!(gone, 0);
    ours.soundness().unwrap();
}

/// The first two sessions of the sample.
fn two_sessions(store: &Store) -> (String, String) {
    let mut st = store
        .connection()
        .prepare("SELECT uid FROM session ORDER BY id LIMIT 2")
        .unwrap();
    let uids: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    (uids[0].clone(), uids[1].clone())
}

fn title_of(store: &Store, uid: &str) -> String {
    one(
        store,
        &format!("SELECT title FROM session WHERE uid = '{uid}'"),
    )
}

#[test]
fn a_merge_takes_what_their_change_log_names_and_no_more() {
    let (_dir, mut ours, theirs) = pair();
    let (a, b) = two_sessions(&theirs);
    sql(
        &theirs,
        &format!("UPDATE session SET title = 'Renamed in the app' WHERE uid = '{a}'"),
    );
    // Written behind the app's back: no session records it.
    theirs
        .connection()
        .execute_batch(&format!(
            "UPDATE session SET title = 'Written outside' WHERE uid = '{b}'"
        ))
        .unwrap();
    let was = title_of(&ours, &b);
    let preview = preview_of(&ours, &theirs);
    assert_eq!(preview.changed.len(), 1, "{:?}", preview.changed);
    merge_in(&mut ours, &theirs, &Picks::None).unwrap();
    assert_eq!(title_of(&ours, &a), "Renamed in the app");
    assert_eq!(title_of(&ours, &b), was);
}

#[test]
fn a_copy_whose_log_cannot_be_read_merges_by_comparing_with_the_base() {
    let (_dir, mut ours, theirs) = pair();
    let (_, b) = two_sessions(&theirs);
    theirs
        .connection()
        .execute_batch(&format!(
            "UPDATE session SET title = 'Written outside' WHERE uid = '{b}';
             UPDATE merge_log SET changes = x'00ff';"
        ))
        .unwrap();
    assert!(Copy::of(&theirs).unwrap().changes.is_none());
    merge_in(&mut ours, &theirs, &Picks::None).unwrap();
    assert_eq!(title_of(&ours, &b), "Written outside");
}

#[test]
fn a_room_both_teams_added_under_one_name_is_one_room() {
    let (_dir, mut ours, theirs) = pair();
    let (uid, _, _) = panel(&ours);
    sql(
        &ours,
        "INSERT INTO room (name, capacity, uid) VALUES ('Salle B', 40, '00000000-0000-4000-8000-0000000000b1')",
    );
    sql(
        &theirs,
        "INSERT INTO room (name, capacity, uid) VALUES ('SALLE B', 60, '00000000-0000-4000-8000-0000000000b2')",
    );
    move_to(&theirs, &uid, "SALLE B");
    let preview = preview_of(&ours, &theirs);
    let fields: Vec<(&str, &str, &str)> = preview
        .clashes
        .iter()
        .map(|c| (c.field.as_str(), c.ours.as_str(), c.theirs.as_str()))
        .collect();
    assert_eq!(fields.len(), 2, "{fields:?}");
    assert!(
        fields
            .iter()
            .any(|(_, o, t)| *o == "Salle B" && *t == "SALLE B"),
        "{fields:?}"
    );
    assert!(
        fields
            .iter()
            .any(|(_, o, t)| o.contains("40") && t.contains("60")),
        "{fields:?}"
    );
    merge_in(&mut ours, &theirs, &Picks::All(Take::Ours)).unwrap();
    let rooms: i64 = one(
        &ours,
        "SELECT count(*) FROM room WHERE name = 'Salle B' COLLATE NOCASE",
    );
    assert_eq!(rooms, 1);
    assert_eq!(room_of(&ours, &uid), "Salle B");
    let kept: String = one(&ours, "SELECT uid FROM room WHERE name = 'Salle B'");
    assert_eq!(kept, "00000000-0000-4000-8000-0000000000b1");
    // Their room stays ours in the next merge, with their file as the base.
    let again = merge_in(&mut ours, &theirs, &Picks::None).unwrap();
    assert_eq!(again.step, None);
}

#[test]
fn copies_exchanged_back_and_forth_agree_after_each_round() {
    for seed in 1..=6u64 {
        let (_dir, mut ours, mut theirs) = pair();
        let mut dice = Dice(seed.wrapping_mul(0xD1B5_4A32_D192_ED03));
        for round in 0..4 {
            for n in 0..8 {
                random_edit(&ours, &mut dice, "a", round * 100 + n);
                random_edit(&theirs, &mut dice, "b", round * 100 + n);
            }
            // Ours merges their file, then they merge ours back.
            merge_in(&mut ours, &theirs, &Picks::All(Take::Ours)).unwrap();
            let back = merge_in(&mut theirs, &ours, &Picks::None)
                .unwrap_or_else(|e| panic!("seed {seed}, round {round}: {e}"));
            for store in [&ours, &theirs] {
                store.soundness().unwrap();
            }
            let (a, b) = (
                ranked(ours.records().unwrap()),
                ranked(theirs.records().unwrap()),
            );
            let mut differ = Vec::new();
            for (t, table) in TABLES.iter().enumerate() {
                for k in a.tables[t].keys().chain(b.tables[t].keys()) {
                    if a.get(t, k) != b.get(t, k) {
                        differ.push(format!(
                            "{} {k}: {:?} / {:?}",
                            table.name,
                            a.get(t, k),
                            b.get(t, k)
                        ));
                    }
                }
            }
            differ.dedup();
            assert!(
                differ.is_empty(),
                "seed {seed}, round {round}: {back:?}\n{}",
                differ.join("\n")
            );
        }
    }
}
