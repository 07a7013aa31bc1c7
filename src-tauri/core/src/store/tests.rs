use super::*;
use crate::forms::{EventForm, RoomForm, SessionForm};
use crate::model::*;
use crate::sample::sample_plan_header;

fn session_form(event_id: Id, title: &str, day: &str, from: &str, to: &str) -> SessionForm {
    SessionForm {
        event_id: Some(event_id),
        title: title.into(),
        kind: SessionKind::Discussion,
        day: day.into(),
        start_time: from.into(),
        end_time: to.into(),
        room_id: None,
        description: "Line one\nLine two & <b>".into(),
        agenda_item: "4(a)".into(),
        outcome: String::new(),
        notes: String::new(),
        link: String::new(),
        tentative: false,
    }
}

fn event_form() -> EventForm {
    EventForm {
        title: "Annual Meeting".into(),
        short_name: "AM".into(),
        first_day: "2024-11-19".into(),
        last_day: "2024-11-19".into(),
        description: String::new(),
    }
}

#[test]
fn migrations_bring_an_empty_database_to_the_current_version() {
    let store = Store::in_memory(&sample_plan_header()).unwrap();
    assert_eq!(store.version().unwrap(), current_version());
    let app_id: i64 = store
        .conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, APPLICATION_ID);
    let fk: i64 = store
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn round_trip_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("week.plenary");
    let (event, room, session) = {
        let mut store = Store::create(&path, &sample_plan_header(), false).unwrap();
        let event = crate::edit::events::create_event(&mut store, &event_form()).unwrap();
        let room = crate::edit::rooms::create_room(
            &mut store,
            &RoomForm {
                name: "Hall".into(),
                capacity: "80".into(),
                notes: String::new(),
            },
        )
        .unwrap();
        let mut form = session_form(event.id, "Work plan", "2024-11-19", "09:15", "10:00");
        form.room_id = Some(room.id);
        let session = crate::edit::sessions::create_session(&mut store, &form).unwrap();
        (event, room, session)
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.plan().unwrap(), sample_plan_header());
    assert_eq!(store.events().unwrap(), vec![event]);
    assert_eq!(store.rooms().unwrap(), vec![room]);
    assert_eq!(store.sessions().unwrap(), vec![session.clone()]);
    assert_eq!(session.description, "Line one\nLine two & <b>");
    assert_eq!(session.start.unwrap().to_string(), "2024-11-19 09:15:00");
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn refuses_what_is_not_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.plenary");
    std::fs::write(&text, "just some text, not a database at all...").unwrap();
    let foreign = dir.path().join("other.sqlite");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let empty = dir.path().join("empty.plenary");
    std::fs::write(&empty, "").unwrap();
    for path in [&text, &foreign, &empty] {
        let err = Store::open(path).err().expect("refused");
        assert_eq!(
            err.code(),
            crate::error::ErrorCode::NotAPlan,
            "{path:?}: {err}"
        );
        assert!(err.to_string().ends_with("is not a Plenary plan"));
    }
    // Nothing was written into the foreign database.
    let tables: i64 = Connection::open(&foreign)
        .unwrap()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1);
    let missing = Store::open(&dir.path().join("nope.plenary")).err().unwrap();
    assert_eq!(missing.code(), crate::error::ErrorCode::MissingFile);
}

#[test]
fn refuses_a_plan_from_a_newer_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.plenary");
    drop(Store::create(&path, &sample_plan_header(), false).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", current_version() + 1)
        .unwrap();
    let err = Store::open(&path).err().unwrap();
    assert_eq!(err.code(), crate::error::ErrorCode::NewerVersion);
    assert!(
        err.to_string().contains("newer version of Plenary"),
        "{err}"
    );
}

#[test]
fn create_refuses_an_existing_file_unless_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.plenary");
    std::fs::write(&path, "keep me").unwrap();
    let err = Store::create(&path, &sample_plan_header(), false)
        .err()
        .unwrap();
    assert_eq!(err.code(), crate::error::ErrorCode::FileExists);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    Store::create(&path, &sample_plan_header(), true).unwrap();
    assert!(Store::open(&path).is_ok());
}

#[test]
fn an_invalid_edit_writes_nothing() {
    let mut store = Store::in_memory(&sample_plan_header()).unwrap();
    let event = crate::edit::events::create_event(&mut store, &event_form()).unwrap();
    let err = crate::edit::sessions::create_session(
        &mut store,
        &session_form(event.id, "", "2024-11-19", "10:00", "09:00"),
    )
    .err()
    .unwrap();
    match err {
        CoreError::Invalid(problems) => {
            let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
            assert_eq!(fields, vec!["title", "end_time"]);
        }
        other => panic!("unexpected {other}"),
    }
    assert!(store.sessions().unwrap().is_empty());
}

#[test]
fn update_and_delete_sessions() {
    let mut store = Store::in_memory(&sample_plan_header()).unwrap();
    let event = crate::edit::events::create_event(&mut store, &event_form()).unwrap();
    let s = crate::edit::sessions::create_session(
        &mut store,
        &session_form(event.id, "Work plan", "2024-11-19", "09:00", "10:00"),
    )
    .unwrap();
    let moved = crate::edit::sessions::update_session(
        &mut store,
        s.id,
        &session_form(event.id, "Work plan", "2024-11-19", "11:00", "12:00"),
    )
    .unwrap();
    assert_eq!(moved.start.unwrap().format("%H:%M").to_string(), "11:00");
    crate::edit::sessions::delete_session(&mut store, s.id).unwrap();
    assert_eq!(
        store.session(s.id).err().unwrap().code(),
        crate::error::ErrorCode::NotFound
    );
    assert_eq!(
        crate::edit::sessions::delete_session(&mut store, s.id)
            .err()
            .unwrap()
            .code(),
        crate::error::ErrorCode::NotFound
    );
}

#[test]
fn an_event_cannot_shrink_away_from_its_sessions() {
    let mut store = Store::in_memory(&sample_plan_header()).unwrap();
    let mut form = event_form();
    form.last_day = "2024-11-20".into();
    let event = crate::edit::events::create_event(&mut store, &form).unwrap();
    crate::edit::sessions::create_session(
        &mut store,
        &session_form(event.id, "Day two", "2024-11-20", "09:00", "10:00"),
    )
    .unwrap();
    let err = crate::edit::events::update_event(&mut store, event.id, &event_form())
        .err()
        .unwrap();
    assert!(err.to_string().contains("Day two"), "{err}");
    assert_eq!(
        store.event(event.id).unwrap().last_day.to_string(),
        "2024-11-20"
    );
}

#[test]
fn deleting_an_event_removes_its_sessions() {
    let mut store = Store::in_memory(&sample_plan_header()).unwrap();
    let event = crate::edit::events::create_event(&mut store, &event_form()).unwrap();
    crate::edit::sessions::create_session(
        &mut store,
        &session_form(event.id, "Work plan", "2024-11-19", "09:00", "10:00"),
    )
    .unwrap();
    crate::edit::events::delete_event(&mut store, event.id).unwrap();
    assert!(store.sessions().unwrap().is_empty());
}

#[test]
fn room_names_are_unique_ignoring_case() {
    let mut store = Store::in_memory(&sample_plan_header()).unwrap();
    let form = RoomForm {
        name: "Hall".into(),
        capacity: String::new(),
        notes: String::new(),
    };
    crate::edit::rooms::create_room(&mut store, &form).unwrap();
    let err = crate::edit::rooms::create_room(
        &mut store,
        &RoomForm {
            name: "hall".into(),
            ..form
        },
    )
    .err()
    .unwrap();
    assert_eq!(
        err.to_string(),
        "name: A room named \"hall\" already exists."
    );
}

#[test]
fn save_copy_writes_an_openable_plan_and_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.plenary");
    let copy = dir.path().join("b.plenary");
    let store = crate::sample::write_sample(&path, false).unwrap();
    store.save_copy(&copy).unwrap();
    let reopened = Store::open(&copy).unwrap();
    assert_eq!(reopened.sessions().unwrap(), store.sessions().unwrap());
    assert_eq!(store.path(), Some(path.as_path()));
    let err = store.save_copy(&path).err().unwrap();
    assert_eq!(err.code(), crate::error::ErrorCode::Invalid);
}

#[test]
fn undo_and_redo_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("week.plenary");
    let original = {
        let mut store = crate::sample::write_sample(&path, false).unwrap();
        assert_eq!(
            store.undo_state().unwrap(),
            UndoState {
                undo: None,
                redo: None
            },
            "building the sample is not an edit"
        );
        let original = (store.sessions().unwrap(), store.all_roles().unwrap());
        let annual = store.events().unwrap()[1].id;
        crate::edit::events::delete_event(&mut store, annual).unwrap();
        let dialogue = store.events().unwrap()[0].id;
        crate::edit::sessions::create_session(
            &mut store,
            &session_form(dialogue, "Late addition", "2024-11-18", "16:00", "16:30"),
        )
        .unwrap();
        original
    };
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store
            .history(10)
            .unwrap()
            .iter()
            .map(|h| h.summary.as_str())
            .collect::<Vec<_>>(),
        vec![
            "Added session “Late addition”",
            "Deleted event “10th Annual Meeting”"
        ]
    );
    assert_eq!(
        store.undo().unwrap().as_deref(),
        Some("Added session “Late addition”")
    );
    assert_eq!(
        store.undo().unwrap().as_deref(),
        Some("Deleted event “10th Annual Meeting”")
    );
    assert_eq!(store.undo().unwrap(), None);
    assert_eq!(
        store.sessions().unwrap(),
        original.0,
        "the event's sessions came back"
    );
    assert_eq!(store.all_roles().unwrap(), original.1, "with their roles");
    assert_eq!(
        store.participations().unwrap().len(),
        38 * 3,
        "and its participations"
    );
    drop(store);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.undo_state().unwrap().redo.as_deref(),
        Some("Deleted event “10th Annual Meeting”")
    );
    store.redo().unwrap();
    assert_eq!(store.events().unwrap().len(), 2);
    // A new edit drops what could still be redone.
    crate::edit::rooms::create_room(
        &mut store,
        &RoomForm {
            name: "Annex".into(),
            capacity: String::new(),
            notes: String::new(),
        },
    )
    .unwrap();
    assert_eq!(store.undo_state().unwrap().redo, None);
}

#[test]
fn a_version_1_file_is_brought_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.plenary");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.execute_batch(schema::MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO plan (id, title, time_zone, first_day, last_day) VALUES (1, 'Old week', 'Asia/Bangkok', '2024-11-18', '2024-11-20')",
            [],
        )
        .unwrap();
        conn.execute("INSERT INTO event (title, first_day, last_day) VALUES ('Old event', '2024-11-18', '2024-11-18')", []).unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.version().unwrap(), current_version());
    assert_eq!(store.plan().unwrap().snap_minutes, 5);
    let event = store.events().unwrap()[0].id;
    let s = crate::edit::sessions::create_session(
        &mut store,
        &session_form(event, "First", "2024-11-18", "09:00", "10:00"),
    )
    .unwrap();
    assert!(!s.pinned);
    store.undo().unwrap();
    assert!(
        store.sessions().unwrap().is_empty(),
        "history works on a migrated file"
    );
}

#[test]
fn people_search_matches_name_email_and_organisation_words() {
    let store = crate::sample::sample_in_memory().unwrap();
    let names = |q: &str| -> Vec<String> {
        store
            .search_people(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.name)
            .collect()
    };
    let cases: &[(&str, &[&str])] = &[
        ("bell", &["Ms Lynn Bell"]),
        ("LYNN", &["Ms Lynn Bell"]),
        ("indonesia", &["Mr Caka Alverdi Awal", "Mr Tri Tharyat"]),
        ("australia haigh", &["Ms Kathryn Haigh"]),
        ("ha", &["Ms Kathryn Haigh", "Mr Tri Tharyat"]),
        ("%", &[]),
        ("_", &[]),
        ("nobody", &[]),
    ];
    for (q, want) in cases {
        assert_eq!(
            names(q),
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{q}"
        );
    }
    assert_eq!(names("").len(), 4, "an empty query lists everyone");
}

#[test]
fn people_search_ignores_case_and_accents_in_every_script() {
    let mut store = crate::sample::sample_in_memory().unwrap();
    let org = |name: &str, acronym: &str| Organisation {
        id: 0,
        name: name.into(),
        acronym: acronym.into(),
        official_name: String::new(),
        category: OrgCategory::MemberState,
        country_code: None,
    };
    let orgs = store
        .insert_organisations(&[org("Côte d'Ivoire", "CIV"), org("Türkiye", "")])
        .unwrap();
    let people: &[(&str, &str, Option<Id>)] = &[
        ("Thị Hoà", "Nguyễn", None),
        ("Aya", "Koné", Some(orgs[0])),
        ("Ahmet", "ÇELIK", Some(orgs[1])),
        ("Jürgen", "Großmann", None),
        ("İlkay", "Işık", None),
        ("สมชาย", "ศรีสุข", None),
        ("محمد", "العلي", None),
        ("伟", "王", None),
        ("Пётр", "ЙОВАНОВИЧ", None),
    ];
    for (given, family, organisation_id) in people {
        store
            .insert_person(
                &Person {
                    gender: None,
                    id: 0,
                    honorific: String::new(),
                    given_name: given.to_string(),
                    family_name: family.to_string(),
                    position: String::new(),
                    organisation_id: *organisation_id,
                    email: String::new(),
                    phone: String::new(),
                    notes: String::new(),
                },
                "Add",
            )
            .unwrap();
    }
    let names = |q: &str| -> Vec<String> {
        store
            .search_people(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.name)
            .collect()
    };
    let cases: &[(&str, &[&str])] = &[
        ("hoa", &["Thị Hoà Nguyễn"]),
        ("nguyen thi", &["Thị Hoà Nguyễn"]),
        ("NGUYỄN", &["Thị Hoà Nguyễn"]),
        ("cote", &["Aya Koné"]),
        ("côte kone", &["Aya Koné"]),
        ("turkiye", &["Ahmet ÇELIK"]),
        ("çelik", &["Ahmet ÇELIK"]),
        ("celik ahmet", &["Ahmet ÇELIK"]),
        ("grossmann", &["Jürgen Großmann"]),
        ("jurgen", &["Jürgen Großmann"]),
        ("ilkay isik", &["İlkay Işık"]),
        ("ISIK", &["İlkay Işık"]),
        ("ศรีสุข", &["สมชาย ศรีสุข"]),
        ("العلي", &["محمد العلي"]),
        ("王", &["伟 王"]),
        ("йованович", &["Пётр ЙОВАНОВИЧ"]),
        ("пётр", &["Пётр ЙОВАНОВИЧ"]),
        // "й" and "и" are different letters.
        ("иованович", &[]),
        ("d’ivoire", &["Aya Koné"]),
        ("?1", &[]),
    ];
    for (q, want) in cases {
        assert_eq!(
            names(q),
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{q}"
        );
    }
}

#[test]
fn every_record_gets_its_own_uuid_and_copies_get_new_ones() {
    let mut store = crate::sample::sample_in_memory().unwrap();
    let sessions = store.uids(UidTable::Session).unwrap();
    assert!(sessions.values().all(|u| verify::is_uid(u)));
    let distinct: std::collections::HashSet<&String> = sessions.values().collect();
    assert_eq!(distinct.len(), sessions.len());
    // The sample's identities are the same each time it is built.
    let again = crate::sample::sample_in_memory().unwrap();
    assert_eq!(again.uids(UidTable::Session).unwrap(), sessions);

    let from = *sessions.keys().min().unwrap();
    let s = store.session(from).unwrap();
    let copy = store
        .copy_sessions(
            &[SessionCopy {
                from,
                event_id: s.event_id,
                title: "Copy".into(),
                start: s.start,
                end: s.end,
                day: None,
            }],
            "Copied",
        )
        .unwrap()[0];
    let after = store.uids(UidTable::Session).unwrap();
    assert!(verify::is_uid(&after[&copy]));
    assert_ne!(after[&copy], after[&from]);
    let roles = store.uids(UidTable::Role).unwrap();
    let distinct: std::collections::HashSet<&String> = roles.values().collect();
    assert_eq!(distinct.len(), roles.len());
}

#[test]
fn undoing_a_delete_brings_the_record_back_with_its_uuid() {
    let mut store = crate::sample::sample_in_memory().unwrap();
    let rooms = store.uids(UidTable::Room).unwrap();
    let (&id, uid) = rooms.iter().min().unwrap();
    store.delete_room(id, "Deleted a room").unwrap();
    store.undo().unwrap().unwrap();
    assert_eq!(&store.uids(UidTable::Room).unwrap()[&id], uid);
}

#[test]
fn a_record_deleted_before_uuids_comes_back_with_a_new_one() {
    let mut store = crate::sample::sample_in_memory().unwrap();
    let rooms = store.uids(UidTable::Room).unwrap();
    let (&id, _) = rooms.iter().min().unwrap();
    store.delete_room(id, "Deleted a room").unwrap();
    // As a version 7 file recorded it: the former values have no uid.
    store
        .connection()
        .execute(
            "UPDATE history_change SET old = json_remove(old, '$.uid')",
            [],
        )
        .unwrap();
    store.undo().unwrap().unwrap();
    let back = store.uids(UidTable::Room).unwrap();
    assert!(verify::is_uid(&back[&id]));
}

#[test]
fn a_plan_from_before_uuids_gets_one_for_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.plenary");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .unwrap();
        conn.execute_batch(schema::MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO plan (id, title, time_zone, first_day, last_day) VALUES (1, 'Old week', 'Asia/Bangkok', '2024-11-18', '2024-11-20');
             INSERT INTO event (title, first_day, last_day) VALUES ('A', '2024-11-18', '2024-11-18'), ('B', '2024-11-19', '2024-11-19');
             INSERT INTO room (name) VALUES ('Hall'), ('Annex');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    for table in [UidTable::Plan, UidTable::Event, UidTable::Room] {
        let uids = store.uids(table).unwrap();
        assert!(!uids.is_empty());
        assert!(uids.values().all(|u| verify::is_uid(u)), "{table:?}");
        let distinct: std::collections::HashSet<&String> = uids.values().collect();
        assert_eq!(distinct.len(), uids.len());
    }
}

/// A plan file as version 8 wrote it: its tables, its recording triggers,
/// a plan, an event, a timed session with a role, and one recorded edit.
fn version_8_file(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    for sql in &schema::MIGRATIONS[..8] {
        conn.execute_batch(sql).unwrap();
    }
    // Version 7 turned the SQL-text history into data and dropped its table.
    conn.execute_batch("DROP TABLE history_sql;").unwrap();
    for sql in history::trigger_sql(8) {
        conn.execute_batch(&format!("{sql};")).unwrap();
    }
    conn.pragma_update(None, "user_version", 8).unwrap();
    conn.execute_batch(
        "INSERT INTO plan (id, title, time_zone, first_day, last_day, uid) VALUES (1, 'Old week', 'Asia/Bangkok', '2024-11-18', '2024-11-20', '00000000-0000-4000-8000-000000000001');
         INSERT INTO event (id, title, first_day, last_day, uid) VALUES (1, 'Annual Meeting', '2024-11-18', '2024-11-20', '00000000-0000-4000-8000-000000000002');
         INSERT INTO person (id, given_name, family_name, uid) VALUES (1, 'Lynn', 'Bell', '00000000-0000-4000-8000-000000000003');
         INSERT INTO session (id, event_id, title, kind, start, \"end\", uid) VALUES (1, 1, 'Opening', 'opening', '2024-11-18 09:00:00', '2024-11-18 10:00:00', '00000000-0000-4000-8000-000000000004');
         INSERT INTO session_role (session_id, role, person_id, uid) VALUES (1, 'chair', 1, '00000000-0000-4000-8000-000000000005');
         INSERT INTO history_step (id, at, summary) VALUES (1, '2024-11-01 09:00:00', 'Renamed the opening');
         UPDATE history_state SET recording = 1 WHERE id = 1;
         UPDATE session SET title = 'Opening session' WHERE id = 1;
         UPDATE history_state SET recording = NULL WHERE id = 1;",
    )
    .unwrap();
}

#[test]
fn a_version_8_file_opens_with_the_new_fields_at_their_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.plenary");
    version_8_file(&path);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.version().unwrap(), current_version());
    let plan = store.plan().unwrap();
    assert_eq!(plan.date_order, DateOrder::DayMonthYear);
    assert!(!plan.group_roles);
    let s = store.session(1).unwrap();
    assert_eq!((s.day, s.tentative, s.link.as_str()), (None, false, ""));
    let roles = store.session_roles(1).unwrap();
    assert_eq!(
        (roles[0].tentative, roles[0].presence),
        (false, RolePresence::InPerson)
    );
    // The step the older file recorded still undoes and redoes.
    store.undo().unwrap().unwrap();
    assert_eq!(store.session(1).unwrap().title, "Opening");
    store.redo().unwrap().unwrap();
    assert_eq!(store.session(1).unwrap().title, "Opening session");
}

#[test]
fn the_triggers_of_an_older_file_list_only_its_columns() {
    let v8 = history::trigger_sql(8).join("\n");
    let v7 = history::trigger_sql(7).join("\n");
    let now = history::trigger_sql(current_version()).join("\n");
    assert!(!v8.contains("'tentative'") && !v8.contains("'date_order'"));
    assert!(v8.contains("'uid'") && !v7.contains("'uid'"));
    assert!(now.contains("'day', OLD.\"day\"") && now.contains("'presence'"));
}

#[test]
fn a_day_without_times_survives_store_undo_redo_and_backup() {
    let mut store = Store::in_memory(&sample_plan_header()).unwrap();
    let event = crate::edit::events::create_event(&mut store, &event_form()).unwrap();
    let form = SessionForm {
        tentative: true,
        link: "https://webtv.example.org/live".into(),
        ..session_form(event.id, "Keynote addresses", "2024-11-19", "", "")
    };
    let s = crate::edit::sessions::create_session(&mut store, &form).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 11, 19);
    assert_eq!((s.start, s.end, s.day), (None, None, day));
    assert!(s.tentative);
    assert_eq!(s.link, "https://webtv.example.org/live");
    assert_eq!(s.on_day(), day);
    assert_eq!(SessionForm::from(&s).day, "2024-11-19");

    // Given times, it leaves its day for them; undo brings the day back.
    let timed = crate::edit::sessions::update_session(
        &mut store,
        s.id,
        &SessionForm {
            start_time: "09:00".into(),
            end_time: "10:00".into(),
            ..form.clone()
        },
    )
    .unwrap();
    assert_eq!(timed.day, None);
    assert!(timed.start.is_some());
    store.undo().unwrap().unwrap();
    assert_eq!(store.session(s.id).unwrap(), s);
    store.redo().unwrap().unwrap();
    assert_eq!(store.session(s.id).unwrap().day, None);
    store.undo().unwrap().unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("restored.plenary");
    let backup = crate::interop::backup::write(&store).unwrap();
    crate::interop::backup::restore(backup.as_bytes(), &path, false).unwrap();
    let restored = Store::open(&path).unwrap();
    assert_eq!(restored.session(s.id).unwrap(), s);
}

#[test]
fn tentative_roles_and_presence_survive_store_undo_and_redo() {
    let mut store = crate::sample::sample_in_memory().unwrap();
    let session = store.sessions().unwrap()[0].clone();
    let person = store.people().unwrap()[0].id;
    let entries = [
        (false, RolePresence::InPerson),
        (true, RolePresence::Virtual),
        (true, RolePresence::VideoMessage),
    ]
    .map(|(tentative, presence)| RoleEntry {
        role: RoleKind::Keynote,
        person_id: Some(person),
        organisation_id: None,
        note: String::new(),
        tentative,
        presence,
    });
    crate::edit::roles::set_session_roles(&mut store, session.id, &entries).unwrap();
    let read = |store: &Store| {
        store
            .session_roles(session.id)
            .unwrap()
            .iter()
            .map(|r| (r.role, r.tentative, r.presence))
            .collect::<Vec<_>>()
    };
    let want: Vec<_> = entries
        .iter()
        .map(|e| (e.role, e.tentative, e.presence))
        .collect();
    assert_eq!(read(&store), want);
    store.undo().unwrap().unwrap();
    assert_ne!(read(&store), want);
    store.redo().unwrap().unwrap();
    assert_eq!(read(&store), want);
    let rows = store.all_roles().unwrap();
    assert!(rows
        .iter()
        .any(|r| r.role.presence == RolePresence::VideoMessage && r.role.tentative));
}

/// A plan file as version 9 wrote it: version 8's, migrated by version 9's
/// own step and triggers, its plan grouping roles, and one recorded edit of
/// the plan's details.
fn version_9_file(path: &std::path::Path) {
    version_8_file(path);
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(schema::MIGRATIONS[8]).unwrap();
    history::install_triggers(&conn, 9).unwrap();
    conn.pragma_update(None, "user_version", 9).unwrap();
    conn.execute_batch(
        "INSERT INTO history_step (id, at, summary) VALUES (2, '2024-11-02 09:00:00', 'Roles now grouped by type');
         UPDATE history_state SET recording = 2 WHERE id = 1;
         UPDATE plan SET group_roles = 1 WHERE id = 1;
         UPDATE history_state SET recording = NULL WHERE id = 1;",
    )
    .unwrap();
}

#[test]
fn a_version_9_file_opens_with_speakers_called_15_minutes_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.plenary");
    version_9_file(&path);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.version().unwrap(), current_version());
    let plan = store.plan().unwrap();
    assert_eq!((plan.group_roles, plan.call_minutes), (true, 15));
    // The step the older file recorded still undoes and redoes.
    store.undo().unwrap().unwrap();
    assert_eq!(
        (
            store.plan().unwrap().group_roles,
            store.plan().unwrap().call_minutes
        ),
        (false, 15)
    );
    store.redo().unwrap().unwrap();
    assert!(store.plan().unwrap().group_roles);
    // The new setting is a plan detail: saved, undone, refused out of range.
    let mut form = crate::forms::PlanForm::from(&store.plan().unwrap());
    form.call_minutes = "30".into();
    crate::edit::plan::update_plan(&mut store, &form).unwrap();
    assert_eq!(store.plan().unwrap().call_minutes, 30);
    store.undo().unwrap().unwrap();
    assert_eq!(store.plan().unwrap().call_minutes, 15);
    form.call_minutes = "121".into();
    let err = crate::edit::plan::update_plan(&mut store, &form).unwrap_err();
    assert!(
        err.to_string()
            .contains("Call time for speakers must be a whole number of minutes from 0 to 120."),
        "{err}"
    );
    form.call_minutes = " ".into();
    assert_eq!(form.validate().unwrap().call_minutes, 15);
}

#[test]
fn a_plan_keeps_its_date_order_and_role_grouping() {
    let mut store = crate::sample::sample_in_memory().unwrap();
    let mut form = crate::forms::PlanForm::from(&store.plan().unwrap());
    form.date_order = DateOrder::MonthDayYear;
    form.group_roles = true;
    crate::edit::plan::update_plan(&mut store, &form).unwrap();
    let plan = store.plan().unwrap();
    assert_eq!(
        (plan.date_order, plan.group_roles),
        (DateOrder::MonthDayYear, true)
    );
    assert_eq!(
        store.history(1).unwrap()[0].summary,
        "Dates written with numbers now read month/day/year; roles now grouped by type"
    );
    store.undo().unwrap().unwrap();
    let plan = store.plan().unwrap();
    assert_eq!(
        (plan.date_order, plan.group_roles),
        (DateOrder::DayMonthYear, false)
    );
}

#[test]
fn a_file_check_refuses_a_day_beside_times_and_a_link_that_is_not_a_web_address() {
    let cases = [
        (
            "UPDATE session SET day = '2024-11-19' WHERE id = (SELECT min(id) FROM session)",
            "has both a day without times and times",
        ),
        (
            "UPDATE session SET link = 'javascript:alert(1)' WHERE id = (SELECT min(id) FROM session)",
            "link “javascript:alert(1)” is not a web address",
        ),
        (
            "UPDATE session SET tentative = 2 WHERE id = (SELECT min(id) FROM session)",
            "tentative is 2",
        ),
        (
            "UPDATE session_role SET presence = 'hologram' WHERE id = (SELECT min(id) FROM session_role)",
            "presence “hologram” is not a known value",
        ),
        (
            "UPDATE plan SET date_order = 'ydm'",
            "date order “ydm” is not a known value",
        ),
        ("UPDATE plan SET call_minutes = 121", "call minutes is 121"),
        ("UPDATE plan SET call_minutes = -1", "call minutes is -1"),
    ];
    for (sql, want) in cases {
        let store = crate::sample::sample_in_memory().unwrap();
        store.connection().execute(sql, []).unwrap();
        let why = verify::plan_is_sound(store.connection()).unwrap_err();
        assert!(why.contains(want), "{sql}: {why}");
    }
}

/// A plan file held by another process, as the window or the command line
/// would hold it; the store here opens it to edit.
#[test]
fn a_held_plan_opens_read_only_refuses_edits_and_reads_the_holders_writes() {
    use hold::{Hold, Program};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("week.plenary");
    let mut writer = Store::create(&path, &sample_plan_header(), false).unwrap();
    let other = Hold::take_alone(&path, Program::Window).unwrap();

    let mut reader = Store::open_to_edit(&path, Program::Window, &OpenCancel::new()).unwrap();
    let why = reader.read_only().expect("held elsewhere").to_string();
    assert!(why.contains("open in Plenary"), "{why}");
    let mut plan = reader.plan().unwrap();
    plan.title = "Changed here".into();
    let err = reader.update_plan(&plan, "Plan details").unwrap_err();
    assert_eq!(err.code(), crate::error::ErrorCode::ReadOnly);
    assert_eq!(err.to_string(), why);
    assert_eq!(
        reader.undo().unwrap_err().code(),
        crate::error::ErrorCode::ReadOnly
    );
    // Even a statement past the checks cannot write.
    assert!(reader
        .conn
        .execute("UPDATE plan SET title = 'sneaked'", [])
        .is_err());

    let seen = reader.data_version().unwrap();
    let mut theirs = writer.plan().unwrap();
    theirs.title = "Changed by the holder".into();
    writer.update_plan(&theirs, "Plan details").unwrap();
    assert_ne!(reader.data_version().unwrap(), seen, "told it changed");
    assert_eq!(reader.plan().unwrap().title, "Changed by the holder");

    // A copy is not a change: "Save a copy as…" still works, and the copy
    // is the holder's plan, free to edit.
    let copy = dir.path().join("copy.plenary");
    reader.save_copy(&copy).unwrap();
    assert_eq!(
        Store::open(&copy).unwrap().plan().unwrap().title,
        "Changed by the holder"
    );

    drop(other);
    let again = Store::open_to_edit(&path, Program::Window, &OpenCancel::new()).unwrap();
    assert_eq!(again.read_only(), None, "free again, so editable");
    assert!(hold::lock_file(&path).exists());
    drop(again);
    assert!(!hold::lock_file(&path).exists(), "removed on close");
}

#[test]
fn a_held_plan_that_needs_upgrading_is_refused_in_one_line() {
    use hold::{Hold, Program};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.plenary");
    let v6 = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/v6-week.plenary");
    std::fs::copy(v6, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let _other = Hold::take_alone(&path, Program::Window).unwrap();
    let err = match Store::open_to_edit(&path, Program::Window, &OpenCancel::new()) {
        Err(e) => e,
        Ok(_) => panic!("an upgrade of a held plan must be refused"),
    };
    assert_eq!(err.code(), crate::error::ErrorCode::ReadOnly);
    let text = err.to_string();
    assert!(text.starts_with("old.plenary needs upgrading"), "{text}");
    assert!(!text.contains('\n'));
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
}

#[test]
fn a_plan_held_elsewhere_is_not_replaced() {
    use hold::{Hold, Program};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("week.plenary");
    drop(Store::create(&path, &sample_plan_header(), false).unwrap());
    let other = Hold::take_alone(&path, Program::CommandLine).unwrap();
    let err = match Store::create(&path, &sample_plan_header(), true) {
        Err(e) => e,
        Ok(_) => panic!("replaced under its holder"),
    };
    assert_eq!(err.code(), crate::error::ErrorCode::ReadOnly);
    assert!(
        err.to_string().starts_with(
            "week.plenary cannot be replaced. This plan is being changed by the plenary command"
        ),
        "{err}"
    );
    drop(other);
    assert!(Store::create(&path, &sample_plan_header(), true).is_ok());
}
