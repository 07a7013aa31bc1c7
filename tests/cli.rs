//! The `plenary` command line, run as staff would run it.

use plenary_core::forms::SessionForm;
use plenary_core::model::SessionKind;
use plenary_core::Store;
use std::path::Path;
use std::process::{Command, Output};

fn plenary(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run plenary")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A user error: exit 2, exactly one line on stderr, nothing on stdout, no panic.
fn assert_one_line_error(o: &Output, contains: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "one line, got: {err}");
    assert!(err.starts_with("plenary: "), "{err}");
    assert!(err.contains(contains), "expected {contains:?} in {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(stdout(o).is_empty());
}

fn sample(dir: &Path) -> String {
    let path = dir.join("week.plenary");
    let o = plenary(&["sample", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    path.to_string_lossy().into_owned()
}

#[test]
fn sample_then_show_lists_events_days_sessions_and_roles() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let o = plenary(&["show", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for expected in [
        "10th Anniversary Commemorative Dialogue",
        "10th Annual Meeting",
        "Regional Event on Trafficking into online scam centres",
        "Senior Official Co-Chair: Ms Lynn Bell (Australia)",
        "Co-hosted with: Bali Process Taskforce on Planning and Preparedness",
        "Monday 18 November 2024",
        "Tuesday 19 November 2024",
        "Wednesday 20 November 2024",
        "Moderator: Bali Process Regional Support Office, Australian Co-Manager",
        "Presenters: New Zealand, as DWG Co-Chair; Malaysia; Thailand",
        "Represented by senior officials: Australia, Bangladesh, Cambodia, Indonesia, Maldives, Sri Lanka",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let dialogue = text.find("Monday 18 November 2024").unwrap();
    let annual = text.find("Tuesday 19 November 2024").unwrap();
    assert!(dialogue < annual);
}

#[test]
fn show_json_and_one_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let o = plenary(&["show", &path, "--json", "--day", "2024-11-19"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["overview"]["events"].as_array().unwrap().len(), 3);
    let days = v["agenda"]["days"].as_array().unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!(days[0]["date"], "2024-11-19");
    assert_eq!(days[0]["sessions"].as_array().unwrap().len(), 11);
    assert_one_line_error(&plenary(&["show", &path, "--day", "19.11.2024"]), "--day");
}

#[test]
fn check_is_clean_on_the_sample_and_fails_on_a_clash() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let o = plenary(&["check", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "No problems found.\n");

    let mut store = Store::open(Path::new(&path)).unwrap();
    let hall = store
        .rooms()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Plenary Hall")
        .unwrap();
    let annual = store.events().unwrap()[1].id;
    store
        .create_session(&SessionForm {
            event_id: Some(annual),
            title: "Bilateral".into(),
            kind: SessionKind::SideEvent,
            day: "2024-11-19".into(),
            start_time: "09:30".into(),
            end_time: "10:30".into(),
            room_id: Some(hall.id),
            description: String::new(),
            agenda_item: String::new(),
            outcome: String::new(),
            notes: String::new(),
        })
        .unwrap();
    drop(store);
    let o = plenary(&["check", &path]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("Plenary Hall is double-booked: \"Forward Work Plan 2024–26: finalisation and endorsement\" (Tue 19 Nov 09:15–10:00) and \"Bilateral\" (Tue 19 Nov 09:30–10:30)."),
        "{text}"
    );
    assert!(
        text.ends_with("problem found.\n") || text.ends_with("problems found.\n"),
        "{text}"
    );
    let json = plenary(&["check", &path, "--json"]);
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["kind"], "room_double_booked");
}

#[test]
fn new_creates_an_empty_plan_and_refuses_bad_input_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spring.plenary");
    let p = path.to_str().unwrap();
    let base = [
        "new",
        p,
        "--title",
        "Spring week",
        "--tz",
        "Europe/Zurich",
        "--from",
        "2025-03-03",
        "--to",
        "2025-03-05",
    ];

    let mut bad_tz = base;
    bad_tz[5] = "Europe/Atlantis";
    assert_one_line_error(
        &plenary(&bad_tz),
        "--tz: \"Europe/Atlantis\" is not an IANA time zone",
    );
    let mut bad_from = base;
    bad_from[7] = "3 March";
    assert_one_line_error(
        &plenary(&bad_from),
        "--from: First day \"3 March\" is not a date",
    );
    let mut backwards = base;
    backwards[9] = "2025-03-01";
    assert_one_line_error(
        &plenary(&backwards),
        "--to: Last day must not be before the first day",
    );
    assert!(!path.exists(), "nothing written on error");

    let o = plenary(&base);
    assert!(o.status.success(), "{}", stderr(&o));
    let store = Store::open(&path).unwrap();
    let plan = store.plan().unwrap();
    assert_eq!(
        (plan.title.as_str(), plan.time_zone.as_str()),
        ("Spring week", "Europe/Zurich")
    );
    assert_one_line_error(&plenary(&base), "already exists");
}

#[test]
fn files_that_cannot_be_opened_get_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.plenary");
    assert_one_line_error(
        &plenary(&["show", missing.to_str().unwrap()]),
        "does not exist",
    );

    let text = dir.path().join("notes.plenary");
    std::fs::write(&text, "Agenda: opening at nine, then a panel.").unwrap();
    assert_one_line_error(
        &plenary(&["check", text.to_str().unwrap()]),
        "is not a Plenary plan",
    );

    let newer = sample(dir.path());
    rusqlite_bump(Path::new(&newer));
    assert_one_line_error(&plenary(&["show", &newer]), "newer version of Plenary");

    assert_one_line_error(&plenary(&["show"]), "required");
    assert_one_line_error(&plenary(&["frobnicate", "x"]), "(see plenary --help)");
    assert_one_line_error(&plenary(&["sample", &newer]), "already exists");
}

/// Marks a plan as written by a future version, as a newer Plenary would.
fn rusqlite_bump(path: &Path) {
    let o = Command::new("python3")
        .args([
            "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=999'); c.commit()",
            path.to_str().unwrap(),
        ])
        .output()
        .expect("python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn generate_writes_a_large_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.plenary");
    let o = plenary(&[
        "generate",
        path.to_str().unwrap(),
        "--sessions",
        "300",
        "--rooms",
        "12",
        "--people",
        "400",
        "--days",
        "3",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let store = Store::open(&path).unwrap();
    assert_eq!(store.sessions().unwrap().len(), 300);
    assert_eq!(store.rooms().unwrap().len(), 12);
    assert_one_line_error(
        &plenary(&["generate", path.to_str().unwrap(), "--rooms", "0"]),
        "--rooms",
    );
}

#[test]
fn help_and_version_succeed() {
    let o = plenary(&["--help"]);
    assert!(o.status.success());
    for sub in ["sample", "new", "show", "check"] {
        assert!(stdout(&o).contains(sub), "{sub}");
    }
    assert!(plenary(&["--version"]).status.success());
}

#[test]
fn move_retime_undo_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let o = plenary(&[
        "move",
        &path,
        "Closing of the Annual Meeting",
        "--to",
        "2024-11-19 17:00",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Moved “Closing of the Annual Meeting” from Tue 19 Nov 16:30 to 17:00\n"
    );

    let o = plenary(&[
        "retime",
        &path,
        "--day",
        "2024-11-19",
        "--room",
        "plenary hall",
        "--from",
        "08:30",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("08:30–08:45  Opening and adoption of the agenda\n"),
        "{text}"
    );
    assert!(text.contains("08:45–09:30  Forward Work Plan"), "{text}");

    let o = plenary(&["history", &path]);
    let text = stdout(&o);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("Re-timed Plenary Hall on Tue 19 Nov from 08:30"),
        "{text}"
    );
    assert_eq!(
        stdout(&plenary(&["undo", &path])),
        "Undid: Re-timed Plenary Hall on Tue 19 Nov from 08:30\n"
    );
    assert_eq!(
        stdout(&plenary(&["undo", &path])),
        "Undid: Moved “Closing of the Annual Meeting” from Tue 19 Nov 16:30 to 17:00\n"
    );
    assert_one_line_error(&plenary(&["undo", &path]), "nothing to undo");
    let store = Store::open(Path::new(&path)).unwrap();
    let closing = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title == "Closing of the Annual Meeting")
        .unwrap();
    assert_eq!(closing.start.unwrap().to_string(), "2024-11-19 16:30:00");
}

#[test]
fn move_and_retime_refuse_to_break_a_pin() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    {
        let mut store = Store::open(Path::new(&path)).unwrap();
        let updates = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.title == "National updates from members and observers")
            .unwrap();
        store.set_pinned(updates.id, true).unwrap();
    }
    assert_one_line_error(
        &plenary(&[
            "move",
            &path,
            "Opening and adoption of the agenda",
            "--to",
            "2024-11-19 10:30",
        ]),
        "would overlap the pinned “National updates from members and observers” at 10:15",
    );
    assert_one_line_error(
        &plenary(&[
            "retime",
            &path,
            "--day",
            "2024-11-19",
            "--room",
            "Plenary Hall",
            "--from",
            "09:45",
        ]),
        "would overrun the pinned “National updates from members and observers” at 10:15 by 30 min",
    );
    let o = plenary(&["history", &path]);
    assert_eq!(
        stdout(&o).lines().count(),
        1,
        "only the pin was recorded: {}",
        stdout(&o)
    );
    assert_one_line_error(
        &plenary(&["move", &path, "Lunch", "--to", "2024-11-19 12:00"]),
        "3 sessions are titled \"Lunch\"",
    );
    assert_one_line_error(
        &plenary(&["move", &path, "Nope", "--to", "2024-11-19 12:00"]),
        "no session has the id or title",
    );
    assert_one_line_error(
        &plenary(&[
            "move",
            &path,
            "Closing of the Annual Meeting",
            "--to",
            "tomorrow",
        ]),
        "--to",
    );
    assert_one_line_error(
        &plenary(&[
            "retime",
            &path,
            "--day",
            "2024-11-19",
            "--room",
            "Attic",
            "--from",
            "09:00",
        ]),
        "--room: no room \"Attic\" (rooms: Foyer, Plenary Hall)",
    );
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn attendees_import_list_checkin_and_itinerary() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let csv = fixture("indico-registrants.csv");
    let o = plenary(&[
        "attendees",
        "import",
        &path,
        &csv,
        "--event",
        "Annual Meeting",
        "--dry-run",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Dry run, nothing written: 2 created, 0 updated, 0 unchanged, 0 invalid (UTF-8, comma)\n"
    );
    let o = plenary(&[
        "attendees",
        "import",
        &path,
        &csv,
        "--event",
        "Annual Meeting",
    ]);
    assert_eq!(
        stdout(&o),
        "2 created, 0 updated, 0 unchanged, 0 invalid (UTF-8, comma)\n"
    );
    let again = plenary(&[
        "attendees",
        "import",
        &path,
        &csv,
        "--event",
        "Annual Meeting",
    ]);
    assert_eq!(
        stdout(&again),
        "0 created, 0 updated, 2 unchanged, 0 invalid (UTF-8, comma)\n"
    );

    let o = plenary(&[
        "attendees",
        "list",
        &path,
        "--event",
        "Annual Meeting",
        "--order",
        "protocol",
    ]);
    assert_eq!(
        stdout(&o),
        "Thailand\n  Mr Somchai Jaidee, Director  [confirmed]\nWalk Free\n  Dr Aisha Rahman, Research Lead  [confirmed]\n2 attendees\n"
    );
    let o = plenary(&["attendees", "list", &path, "--event", "2", "--csv"]);
    assert!(
        stdout(&o).starts_with("Title,First Name,Last Name,Email,Organisation,Category"),
        "{}",
        stdout(&o)
    );

    let o = plenary(&[
        "checkin",
        &path,
        "--event",
        "Annual Meeting",
        "--day",
        "2024-11-19",
        "aisha@example.org",
    ]);
    assert_eq!(
        stdout(&o),
        "Checked in Dr Aisha Rahman on Tue 19 Nov\n",
        "{}",
        stderr(&o)
    );
    assert_one_line_error(
        &plenary(&[
            "checkin",
            &path,
            "--event",
            "Annual Meeting",
            "--day",
            "2024-11-20",
            "aisha@example.org",
        ]),
        "10th Annual Meeting does not run on 2024-11-20",
    );
    assert_one_line_error(
        &plenary(&[
            "checkin",
            &path,
            "--event",
            "Summit",
            "--day",
            "2024-11-19",
            "x",
        ]),
        "No event \"Summit\"",
    );

    let o = plenary(&["people", "search", &path, "indo"]);
    assert_eq!(
        stdout(&o),
        "3  Mr Caka Alverdi Awal (Indonesia)\n2  Mr Tri Tharyat (Indonesia)\n"
    );
    let o = plenary(&["people", "itinerary", &path, "Lynn Bell"]);
    assert_eq!(
        stdout(&o),
        "Ms Lynn Bell\n  Mon 18 Nov 09:00–09:30  Co-chair  Opening remarks by the Senior Official Co-Chairs · Plenary Hall\n"
    );
}

#[test]
fn attendees_import_refuses_a_file_with_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let csv = fixture("one-bad-row.csv");
    let o = plenary(&[
        "attendees",
        "import",
        &path,
        &csv,
        "--event",
        "Annual Meeting",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "Row 3: Email \"bad@\" is not a valid email address.\nplenary: 1 invalid row; nothing was written (fix them, or use --skip-invalid)\n"
    );
    let o = plenary(&["attendees", "list", &path, "--event", "Annual Meeting"]);
    assert_eq!(stdout(&o), "0 attendees\n");
    let o = plenary(&[
        "attendees",
        "import",
        &path,
        &csv,
        "--event",
        "Annual Meeting",
        "--skip-invalid",
    ]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "1 created, 0 updated, 0 unchanged, 1 invalid (UTF-8, comma)\n"
    );
    assert_one_line_error(
        &plenary(&[
            "attendees",
            "import",
            &path,
            &csv,
            "--event",
            "Annual Meeting",
            "--map",
            "Affiliation=employer",
        ]),
        "--map: \"employer\" is not a field",
    );
    assert_one_line_error(
        &plenary(&[
            "attendees",
            "import",
            &path,
            &csv,
            "--event",
            "Annual Meeting",
            "--map",
            "Org=organisation",
        ]),
        "--map: the file has no column \"Org\"",
    );
}
