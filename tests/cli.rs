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
        "Moderator: Bali Process Regional Support Office — moderator TBC, Australian Co-Manager",
        "Presenters: New Zealand — presenter TBC, as DWG Co-Chair; Malaysia — presenter TBC; Thailand — presenter TBC",
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
fn stats_as_text_and_json_for_the_week_and_one_event() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let o = plenary(&["stats", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("The whole week (18–20 Nov 2024)\n"),
        "{text}"
    );
    assert!(text.contains("\n  Member                17"), "{text}");
    assert!(text.contains("\n  Observer               9"), "{text}");
    assert!(
        text.contains("Gender of speakers (as recorded; never guessed)"),
        "{text}"
    );

    let o = plenary(&["stats", &path, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let by_status: Vec<(String, u64)> = v["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["key"].as_str().unwrap().to_string(),
                r["delegations"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        &by_status[..2],
        &[("member".to_string(), 17), ("observer".to_string(), 9)]
    );
    assert_eq!(v["event_id"], serde_json::Value::Null);
    assert_eq!(v["speakers_gender"]["woman"], 0);
    // The same plan gives the same bytes.
    assert_eq!(plenary(&["stats", &path, "--json"]).stdout, o.stdout);

    let o = plenary(&["stats", &path, "--event", "Annual Meeting", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["scope"], "10th Annual Meeting");
    assert_eq!(v["check_ins"].as_array().unwrap().len(), 1);
    assert_one_line_error(
        &plenary(&["stats", &path, "--event", "Nonesuch"]),
        "Nonesuch",
    );
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
    plenary_core::edit::sessions::create_session(
        &mut store,
        &SessionForm {
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
            tentative: false,
            link: String::new(),
        },
    )
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

/// Publishing a version while the plan has problems is refused in one line
/// naming how many and the first, unless forced; accepted problems do not
/// count.
#[test]
fn publishing_with_problems_asks_for_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let mut store = Store::open(Path::new(&path)).unwrap();
    let hall = store
        .rooms()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Plenary Hall")
        .unwrap();
    let annual = store.events().unwrap()[1].id;
    plenary_core::edit::sessions::create_session(
        &mut store,
        &SessionForm {
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
            tentative: false,
            link: String::new(),
        },
    )
    .unwrap();
    let problems = plenary_core::check::open_problems(&store).unwrap();
    let n = problems.total();
    assert!(n >= 1);
    drop(store);
    let pdf = dir.path().join("programme.pdf");
    let publish = |force: bool| {
        let mut args = vec!["print", &path, "programme", "--publish", "--out"];
        args.push(pdf.to_str().unwrap());
        if force {
            args.push("--force");
        }
        plenary(&args)
    };
    let o = publish(false);
    assert_one_line_error(
        &o,
        &format!(
            "plenary: The plan has {n} problem{} (Plenary Hall is double-booked: \"Forward Work Plan 2024–26: finalisation and endorsement\" (Tue 19 Nov 09:15–10:00) and \"Bilateral\" (Tue 19 Nov 09:30–10:30)); publish anyway with --force.",
            if n == 1 { "" } else { "s" }
        ),
    );
    assert!(!pdf.exists());
    let versions = || {
        Store::open(Path::new(&path))
            .unwrap()
            .latest_version()
            .unwrap()
    };
    assert_eq!(versions(), None, "nothing published");

    let o = publish(true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("published as version 1"));

    // Accepted problems are known and do not stop a publication.
    let mut store = Store::open(Path::new(&path)).unwrap();
    for c in plenary_core::check::check(&store).unwrap().conflicts {
        plenary_core::check::set_accepted(&mut store, &c.key, true).unwrap();
    }
    drop(store);
    let o = publish(false);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("published as version 2"));
}

#[test]
fn check_lists_what_is_unconfirmed_without_failing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let mut store = Store::open(Path::new(&path)).unwrap();
    let annual = store.events().unwrap()[1].id;
    plenary_core::edit::sessions::create_session(
        &mut store,
        &SessionForm {
            event_id: Some(annual),
            title: "Keynote addresses".into(),
            kind: SessionKind::Presentation,
            day: "2024-11-19".into(),
            start_time: String::new(),
            end_time: String::new(),
            room_id: None,
            description: String::new(),
            agenda_item: String::new(),
            outcome: String::new(),
            notes: String::new(),
            link: String::new(),
            tentative: true,
        },
    )
    .unwrap();
    drop(store);
    let o = plenary(&["check", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "No problems found.\n\nUnconfirmed:\n  “Keynote addresses” on Tue 19 Nov has no time yet and is to be confirmed.\n"
    );
    let shown = stdout(&plenary(&["show", &path]));
    assert!(
        shown.contains("Time to be confirmed  Keynote addresses (tbc)"),
        "{shown}"
    );
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
    bad_from[7] = "3 Marsh";
    assert_one_line_error(
        &plenary(&bad_from),
        "--from: First day \"3 Marsh\" is not a date",
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
fn version_names_the_package_version() {
    let o = plenary(&["--version"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        format!("plenary {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Each shell's script completes the subcommands and their options.
#[test]
fn completions_for_each_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let o = plenary(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.len() > 1000, "{shell}: {script}");
        for word in ["sample", "show", "checkin", "completions", "dry-run"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
    }
    assert!(stdout(&plenary(&["completions", "bash"])).contains("complete -F"));
    assert!(stdout(&plenary(&["completions", "zsh"])).starts_with("#compdef plenary"));
    assert!(stdout(&plenary(&["completions", "fish"])).contains("complete -c plenary"));
    assert_one_line_error(&plenary(&["completions", "tcsh"]), "tcsh");
}

#[test]
fn man_page_is_roff_naming_the_subcommands() {
    let o = plenary(&["man"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH plenary 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for sub in [
        "plenary\\-show(1)",
        "plenary\\-today(1)",
        "plenary\\-completions(1)",
    ] {
        assert!(page.contains(sub), "{sub} missing from the page");
    }
    assert!(page.contains(env!("CARGO_PKG_VERSION")));

    // The package's pages: the top one and one for each subcommand it names.
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("man1");
    let o = plenary(&["man", "--dir", into.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    for page in ["plenary.1", "plenary-show.1", "plenary-attendees-import.1"] {
        let text = std::fs::read_to_string(into.join(page)).expect(page);
        assert!(text.starts_with(".ie"), "{page}: {text}");
    }
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, "").unwrap();
    assert_one_line_error(
        &plenary(&["man", "--dir", blocked.to_str().unwrap()]),
        "--dir",
    );
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
        plenary_core::edit::sessions::set_pinned(&mut store, updates.id, true).unwrap();
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
        "Ms Lynn Bell\n  Mon 18 Nov 09:00–09:30  Co-Chair  Opening remarks by the Senior Official Co-Chairs · Plenary Hall\n"
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

/// Runs SQL on a plan behind Plenary's back, as a damaged or hand-edited
/// file would arrive.
fn sql(path: &str, script: &str) {
    let o = Command::new("python3")
        .args([
            "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
            path,
            script,
        ])
        .output()
        .expect("python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Control characters other than the newlines and tabs of the CLI's layout.
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        .collect()
}

#[test]
fn plan_text_reaches_the_terminal_without_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    // ESC sequences that clear the screen and retitle the window, BEL, NUL,
    // a carriage return that would overwrite the line, and an 8-bit CSI.
    let evil = "'Hall' || char(27) || '[2J' || char(27) || ']0;owned' || char(7) || char(0) || char(13) || 'X' || char(155) || '31m'";
    sql(
        &path,
        &format!(
            "UPDATE room SET name = {evil} WHERE name = 'Plenary Hall';
             UPDATE session SET title = 'Opening' || char(10) || 'plenary: forged line' || char(27) || '[31m'
               WHERE title = 'Opening and adoption of the agenda';
             UPDATE person SET family_name = 'Bell' || char(27) || '[8m' WHERE family_name = 'Bell';
             UPDATE session SET room_id = (SELECT room_id FROM session WHERE title LIKE 'Forward Work Plan%')
               WHERE title = 'Closing of the Annual Meeting';
             UPDATE session SET start = '2024-11-19 09:30:00', \"end\" = '2024-11-19 10:30:00'
               WHERE title = 'Closing of the Annual Meeting';"
        ),
    );
    let runs: Vec<Vec<&str>> = vec![
        vec!["show", &path],
        vec!["show", &path, "--day", "2024-11-19"],
        vec!["check", &path],
        vec!["people", "itinerary", &path, "Lynn Bell"],
        vec!["people", "search", &path, "bell"],
        vec!["history", &path],
        vec![
            "retime",
            &path,
            "--day",
            "2024-11-19",
            "--room",
            "2",
            "--from",
            "08:30",
        ],
        vec!["undo", &path],
    ];
    for args in runs {
        let o = plenary(&args);
        let (out, err) = (stdout(&o), stderr(&o));
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(
            controls(&out),
            Vec::<char>::new(),
            "{args:?} printed {out:?}"
        );
        assert_eq!(
            controls(&err),
            Vec::<char>::new(),
            "{args:?} printed {err:?}"
        );
    }
    let shown = stdout(&plenary(&["show", &path]));
    assert!(shown.contains("Hall\u{FFFD}[2J\u{FFFD}]0;owned"), "{shown}");
    let checked = stdout(&plenary(&["check", &path]));
    assert!(checked.contains("Hall\u{FFFD}"), "{checked}");

    // An error that quotes what was typed stays one line.
    let o = plenary(&[
        "move",
        &path,
        "Nope\nplenary: all is well\u{1b}[0m",
        "--to",
        "2024-11-19 12:00",
    ]);
    assert_one_line_error(&o, "no session has the id or title");
    assert_eq!(controls(&stderr(&o)), Vec::<char>::new());
}

#[test]
fn generate_does_not_replace_a_plan_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let before = std::fs::read(&path).unwrap();
    let small = [
        "--sessions",
        "10",
        "--rooms",
        "2",
        "--people",
        "5",
        "--days",
        "1",
    ];
    let args = |force: bool| {
        let mut a = vec!["generate", path.as_str()];
        a.extend(small);
        if force {
            a.push("--force");
        }
        a
    };
    assert_one_line_error(&plenary(&args(false)), "already exists");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the plan is untouched"
    );
    let o = plenary(&args(true));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        Store::open(Path::new(&path))
            .unwrap()
            .sessions()
            .unwrap()
            .len(),
        10
    );
}

#[test]
fn print_does_not_write_over_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let other = dir.path().join("other.plenary");
    assert!(plenary(&["sample", other.to_str().unwrap()])
        .status
        .success());
    let before = std::fs::read(&other).unwrap();
    let same_by_another_name = format!("{}/./week.plenary", dir.path().display());
    for out in [
        path.as_str(),
        &same_by_another_name,
        other.to_str().unwrap(),
    ] {
        assert_one_line_error(
            &plenary(&["print", &path, "programme", "--out", out]),
            "--out: ",
        );
    }
    assert!(Store::open(Path::new(&path)).is_ok(), "still a plan");
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

/// `plenary` with another print layout than the one beside it.
fn plenary_printing_with(worker: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .env("PLENARY_PRINT_WORKER", worker)
        .output()
        .expect("run plenary")
}

/// A stand-in print layout: a shell script.
#[cfg(unix)]
fn fake_worker(dir: &Path, name: &str, script: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// The print layout runs in `plenary-print`: one that is missing, dies
/// mid-job or talks nonsense is one line, and no file is written.
#[cfg(unix)]
#[test]
fn a_print_layout_that_fails_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let out = dir.path().join("programme.pdf");
    let out = out.to_str().unwrap();
    let hello = format!(
        r#"echo '{{"hello":{{"protocol":{}}}}}'"#,
        plenary_core::print::worker::PROTOCOL
    );
    let cases = [
        (
            Path::new("/bin/false").to_path_buf(),
            "it ended without a word",
        ),
        (dir.path().join("no such worker"), "it could not be started"),
        (
            fake_worker(dir.path(), "garbage", "echo 'Killed'"),
            "it wrote “Killed”",
        ),
        (
            fake_worker(dir.path(), "midway", &format!("{hello}\nkill -9 $$")),
            "it ended before it finished",
        ),
    ];
    for (worker, why) in cases {
        for args in [
            vec!["print", &path, "programme", "--out", out],
            vec!["summary", &path, "--out", out],
            vec!["report", &path, "--day", "2024-11-19", "--pdf", out],
        ] {
            let o = plenary_printing_with(&worker, &args);
            assert_one_line_error(&o, "The print layout stopped unexpectedly (");
            assert!(stderr(&o).contains(why), "{args:?}: {}", stderr(&o));
            assert!(!Path::new(out).exists(), "{args:?} wrote {out}");
        }
    }
    // Another version's worker is named as such.
    let newer = fake_worker(dir.path(), "newer", r#"echo '{"hello":{"protocol":999}}'"#);
    assert_one_line_error(
        &plenary_printing_with(&newer, &["print", &path, "programme", "--out", out]),
        "is from another version of Plenary (print protocol 999",
    );
    // A Markdown summary needs no layout, so no worker either.
    let md = dir.path().join("summary.md");
    let o = plenary_printing_with(
        Path::new("/bin/false"),
        &["summary", &path, "--out", md.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Only `plenary-print` carries the print layout (Typst and its fonts):
/// the command line and the window run it rather than link it.
#[cfg(target_os = "linux")]
#[test]
fn only_plenary_print_carries_typst() {
    let typst_symbols = |exe: &str| -> Option<usize> {
        let o = Command::new("nm").args(["-C", exe]).output().ok()?;
        Some(
            String::from_utf8_lossy(&o.stdout)
                .lines()
                // typst, typst_layout, typst_pdf, typst_svg, …
                .filter(|l| l.contains("typst"))
                .count(),
        )
    };
    // The test binaries are never stripped, and `nm` comes with the linker
    // Rust needs here: a count of nothing would prove nothing, so it fails.
    let worker = typst_symbols(env!("CARGO_BIN_EXE_plenary-print")).expect("nm runs");
    assert!(worker > 0, "no Typst symbols found in plenary-print");
    for exe in [
        env!("CARGO_BIN_EXE_plenary"),
        env!("CARGO_BIN_EXE_plenary-window"),
    ] {
        assert_eq!(typst_symbols(exe), Some(0), "{exe} carries Typst");
    }
}

#[test]
fn numbers_and_dates_out_of_range_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let retime = |day: &str, gap: &str| {
        plenary(&[
            "retime",
            &path,
            "--day",
            day,
            "--room",
            "Plenary Hall",
            "--from",
            "08:30",
            "--gap",
            gap,
        ])
    };
    let cases: Vec<(Output, &str)> = vec![
        (retime("2024-11-19", "4294967295"), "--gap"),
        (retime("2024-11-19", "241"), "--gap"),
        (retime("2024-11-19", "-5"), "'-5'"),
        (
            retime("2030-01-01", "0"),
            "--day: 2030-01-01 is not a day of the plan (18–20 Nov 2024).",
        ),
        (
            plenary(&[
                "move",
                &path,
                "Closing of the Annual Meeting",
                "--to",
                "9999-12-31 23:00",
            ]),
            "--to: 9999-12-31 is not a day of the plan (18–20 Nov 2024).",
        ),
        (
            plenary(&[
                "move",
                &path,
                "Closing of the Annual Meeting",
                "--to",
                "2024-11-17 10:00",
            ]),
            "--to: 2024-11-17 is not a day of the plan",
        ),
        (plenary(&["history", &path, "--limit", "0"]), "--limit"),
        (
            plenary(&["people", "search", &path, "a", "--limit", "4294967295"]),
            "--limit",
        ),
        (
            plenary(&[
                "generate",
                &format!("{path}.new"),
                "--sessions",
                "4000000000",
            ]),
            "--sessions",
        ),
        (
            plenary(&["generate", &format!("{path}.new"), "--days", "61"]),
            "--days",
        ),
    ];
    for (o, want) in &cases {
        assert_one_line_error(o, want);
    }
    assert_eq!(stdout(&plenary(&["history", &path])), "", "nothing changed");
    let o = retime("2024-11-19", "240");
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn exported_cells_that_a_spreadsheet_would_run_are_escaped() {
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
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    sql(
        &path,
        "UPDATE person SET given_name = char(9) || '=cmd|'' /C calc''!A0', position = '@SUM(1)' WHERE family_name = 'Jaidee';
         UPDATE person SET given_name = char(13) || '=1+1', position = '-2+3' WHERE family_name = 'Rahman';",
    );
    let o = plenary(&[
        "attendees",
        "list",
        &path,
        "--event",
        "Annual Meeting",
        "--csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for cell in ["'\t=cmd", "'@SUM(1)", "'-2+3"] {
        assert!(text.contains(cell), "{cell:?} in {text:?}");
    }
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in {line:?}"
            );
        }
    }
}

/// A copy of `plenary` with a stand-in `plenary-window` beside it that
/// writes down the arguments it was started with.
#[cfg(unix)]
fn plenary_beside_a_stand_in_window(dir: &Path) -> std::path::PathBuf {
    let cli = dir.join("plenary");
    let window = dir.join("plenary-window");
    let log = dir.join("started.txt");
    // Written by a child process: a file this process held open for writing
    // would be inherited by the other tests' children and could not be run
    // ("text file busy").
    let script = format!(
        "#!/bin/sh\necho \"pid $$ args $#:$*\" > '{}'\n",
        log.display()
    );
    let made = Command::new("sh")
        .args([
            "-c",
            r#"cp "$1" "$2" && printf '%s' "$4" > "$3" && chmod 755 "$3""#,
            "sh",
        ])
        .arg(env!("CARGO_BIN_EXE_plenary"))
        .arg(&cli)
        .arg(&window)
        .arg(script)
        .status()
        .unwrap();
    assert!(made.success());
    cli
}

#[cfg(unix)]
#[test]
fn with_no_subcommand_the_window_takes_over_the_same_process() {
    let dir = tempfile::tempdir().unwrap();
    let cli = plenary_beside_a_stand_in_window(dir.path());
    let log = dir.path().join("started.txt");
    for (args, want) in [
        (vec![], "args 0:".to_string()),
        (vec!["week.plenary"], "args 1:week.plenary".to_string()),
    ] {
        let mut child = Command::new(&cli).args(&args).spawn().unwrap();
        let pid = child.id();
        assert!(child.wait().unwrap().success());
        let started = std::fs::read_to_string(&log).unwrap();
        // The same process id: a launcher or WebDriver that started
        // `plenary` holds the window it became.
        assert_eq!(started.trim(), format!("pid {pid} {want}"), "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_missing_window_program_is_named_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let cli = plenary_beside_a_stand_in_window(dir.path());
    std::fs::remove_file(dir.path().join("plenary-window")).unwrap();
    let o = Command::new(&cli).output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("the window could not be started"), "{err}");
    assert!(err.contains("plenary-window"), "{err}");
}

/// Staff run the command line in loops: it must not load the window's
/// libraries (WebKitGTK, GTK), which cost 130 ms and 40 MB a start.
#[cfg(target_os = "linux")]
#[test]
fn the_command_line_links_none_of_the_windows_libraries() {
    let Ok(o) = Command::new("ldd")
        .arg(env!("CARGO_BIN_EXE_plenary"))
        .output()
    else {
        return; // no ldd: nothing to look at
    };
    let libraries = stdout(&o);
    assert!(libraries.contains("libc.so"), "{libraries}");
    for window_only in ["webkit", "gtk", "gdk", "glib", "soup", "javascriptcore"] {
        assert!(
            !libraries.to_lowercase().contains(window_only),
            "plenary links {window_only}:\n{libraries}"
        );
    }
}

fn data(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_speakers_calendar_exports_and_imports_into_a_new_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let ics = dir.path().join("bell.ics");
    let o = plenary(&[
        "export",
        &path,
        "--format",
        "ics",
        "--person",
        "Lynn Bell",
        "--out",
        ics.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("Wrote "), "{}", stderr(&o));
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("METHOD:PUBLISH"));
    assert!(text.contains("BEGIN:VTIMEZONE"));
    let events = text.matches("BEGIN:VEVENT").count();
    assert!(events >= 1);

    // Read back: the calendar becomes a plan of its own in Bangkok time.
    let back = dir.path().join("bell.plenary");
    let o = plenary(&[
        "import",
        "--new",
        back.to_str().unwrap(),
        ics.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("{events} session")),
        "{}",
        stdout(&o)
    );
    let store = Store::open(&back).unwrap();
    assert_eq!(store.plan().unwrap().time_zone, "Asia/Bangkok");
    assert_eq!(store.session_count().unwrap(), events as i64);

    // The same calendar again into that plan updates, and adds nothing.
    let o = plenary(&["import", back.to_str().unwrap(), ics.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("({} new, {events} updated)", 0)),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_backup_restores_to_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let backup = dir.path().join("week.json");
    let o = plenary(&[
        "export",
        &path,
        "--format",
        "backup",
        "--out",
        backup.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let restored = dir.path().join("restored.plenary");
    let o = plenary(&[
        "restore",
        backup.to_str().unwrap(),
        restored.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Restored “"), "{}", stdout(&o));
    let again = dir.path().join("again.json");
    let o = plenary(&[
        "export",
        restored.to_str().unwrap(),
        "--format",
        "backup",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        std::fs::read(&again).unwrap()
    );
    let a = plenary(&["show", &path]);
    let b = plenary(&["show", restored.to_str().unwrap()]);
    assert_eq!(stdout(&a), stdout(&b));
}

#[test]
fn copy_makes_a_plan_on_new_dates_and_refuses_bad_input_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let new = dir.path().join("next year.plenary");
    let new = new.to_str().unwrap();
    let o = plenary(&[
        "copy",
        &path,
        new,
        "--first-day",
        "2025-11-17",
        "--title",
        "Week 2025",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Made “Week 2025” (17–19 Nov 2025) with "),
        "{}",
        stdout(&o)
    );
    let copy = Store::open(Path::new(new)).unwrap();
    let source = Store::open(Path::new(&path)).unwrap();
    assert_eq!(copy.plan().unwrap().title, "Week 2025");
    assert_eq!(
        copy.sessions().unwrap().len(),
        source.sessions().unwrap().len()
    );
    assert!(copy.attendance().unwrap().is_empty());
    drop(copy);

    let before = std::fs::read(new).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["--first-day", "2025-11-17"], "already exists"),
        (
            &["--first-day", "next year", "--force"],
            "--first-day: \"next year\" is not a date",
        ),
        (
            &["--first-day", "2025-11-17", "--title", " ", "--force"],
            "--title: Title is required",
        ),
    ];
    for (options, says) in cases {
        let mut args = vec!["copy", path.as_str(), new];
        args.extend_from_slice(options);
        assert_one_line_error(&plenary(&args), says);
        assert_eq!(std::fs::read(new).unwrap(), before, "{options:?}");
    }
    let o = plenary(&["copy", &path, new, "--first-day", "2026-01-05", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let copy = Store::open(Path::new(new)).unwrap();
    assert_eq!(copy.plan().unwrap().first_day.to_string(), "2026-01-05");
}

#[test]
fn interop_arguments_are_refused_in_one_line_writing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let out = dir.path().join("x.ics");
    let out = out.to_str().unwrap();
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, [0u8, 159, 146, 150, 0, 1]).unwrap();
    let junk = junk.to_str().unwrap();
    let before = std::fs::read(&path).unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["export", &path, "--format", "pdf", "--out", out],
            "--format",
        ),
        (
            vec![
                "export",
                &path,
                "--format",
                "ics",
                "--person",
                "Nobody Atall",
                "--out",
                out,
            ],
            "Nobody",
        ),
        (
            vec![
                "export", &path, "--format", "backup", "--event", "1", "--out", out,
            ],
            "whole plan",
        ),
        (vec!["import", &path, junk], "Cannot tell what"),
        (
            vec!["import", &path, junk, "--format", "spreadsheet"],
            "--format",
        ),
        (vec!["import", &path, junk, "--tz", "Asia/Bangkok"], "--tz"),
        (
            vec!["import", &path, junk, "--kind", "Talk=lecture"],
            "--kind",
        ),
        (vec!["import", "--new", &path, junk], "already exists"),
        (vec!["restore", junk, &path], "not a Plenary backup"),
    ];
    for (args, want) in cases {
        let o = plenary(&args);
        assert_one_line_error(&o, want);
        assert!(!Path::new(out).exists(), "{args:?}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_programme_workbook_becomes_a_plan_and_a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("bali.plenary");
    let xlsx = data("programmes/bali-process-6th-ministerial-2016.xlsx");
    // A spreadsheet has no time zone: the new plan needs one.
    let o = plenary(&["import", "--new", plan.to_str().unwrap(), &xlsx]);
    assert_one_line_error(&o, "--tz");
    assert!(!plan.exists());
    let o = plenary(&[
        "import",
        "--new",
        plan.to_str().unwrap(),
        &xlsx,
        "--tz",
        "Asia/Makassar",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("3 sessions"), "{}", stdout(&o));
    let store = Store::open(&plan).unwrap();
    assert_eq!(store.plan().unwrap().time_zone, "Asia/Makassar");
    assert_eq!(store.plan().unwrap().first_day.to_string(), "2016-03-22");
    drop(store);

    // The same programme as a CSV, with the people read as chairs: a dry run.
    let before = std::fs::read(&plan).unwrap();
    let csv = data("programmes/bali-process-6th-ministerial-2016.csv");
    let o = plenary(&[
        "import",
        plan.to_str().unwrap(),
        &csv,
        "--map",
        "Speakers=chair",
        "--dry-run",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Dry run, nothing written"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("F \"Speakers\" → Chair"),
        "{}",
        stdout(&o)
    );
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let o = plenary(&[
        "import",
        plan.to_str().unwrap(),
        &csv,
        "--map",
        "Nope=chair",
    ]);
    assert_one_line_error(&o, "Nope");
}

#[test]
fn a_conference_schedule_imports_with_its_duplicates_named() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("36c3.plenary");
    let xml = data("schedules/giggity-36c3_merged.xml");
    let o = plenary(&["import", "--new", plan.to_str().unwrap(), &xml]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("1351 sessions"), "{text}");
    assert_eq!(text.matches("both are kept").count(), 13, "{text}");
    let ics = dir.path().join("36c3.ics");
    let o = plenary(&[
        "export",
        plan.to_str().unwrap(),
        "--format",
        "ics",
        "--out",
        ics.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The one session without a time has a day: a calendar holds it as an
    // all-day item; a schedule leaves it out.
    assert!(!stderr(&o).contains("Left out"), "{}", stderr(&o));
    let calendar = std::fs::read_to_string(&ics).unwrap();
    assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 1351);
    assert_eq!(calendar.matches("DTSTART;VALUE=DATE:").count(), 1);
    let frab = dir.path().join("36c3.xml");
    let o = plenary(&[
        "export",
        plan.to_str().unwrap(),
        "--format",
        "frab-xml",
        "--out",
        frab.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Left out 1 session without a time yet."),
        "{}",
        stderr(&o)
    );
}

#[test]
fn substitute_puts_another_person_in_a_role_and_refuses_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let opening = "Opening remarks by the Senior Official Co-Chairs";
    let o = plenary(&[
        "substitute",
        &path,
        opening,
        "--replace",
        "Tri Tharyat",
        "--with",
        "Caka Alverdi Awal",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("Mr Caka Alverdi Awal replaces Mr Tri Tharyat in “{opening}”\n")
    );
    let o = plenary(&["show", &path, "--day", "2024-11-18"]);
    assert!(
        stdout(&o).contains(
            "Co-Chairs: Ms Lynn Bell (Australia); Mr Caka Alverdi Awal (Indonesia), replacing Mr Tri Tharyat"
        ),
        "{}",
        stdout(&o)
    );
    let o = plenary(&["people", "itinerary", &path, "Tri Tharyat"]);
    assert!(!stdout(&o).contains(opening), "{}", stdout(&o));

    let refused = [
        (
            "Tri Tharyat",
            "Lynn Bell",
            "--replace: Mr Tri Tharyat has no role in",
        ),
        (
            "Lynn Bell",
            "Caka Alverdi Awal",
            "--with: Mr Caka Alverdi Awal already has a role in",
        ),
        ("Nobody", "Lynn Bell", "--replace: No person"),
        ("Lynn Bell", "Nobody", "--with: No person"),
    ];
    for (replace, with, want) in refused {
        let o = plenary(&[
            "substitute",
            &path,
            opening,
            "--replace",
            replace,
            "--with",
            with,
        ]);
        assert_one_line_error(&o, want);
    }
    let o = plenary(&["undo", &path]);
    assert!(stdout(&o).starts_with("Undid: Mr Caka Alverdi Awal replaces"));
    let o = plenary(&["people", "itinerary", &path, "Tri Tharyat"]);
    assert!(stdout(&o).contains(opening), "{}", stdout(&o));
}

#[test]
fn today_start_end_cancel_and_delay() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample(dir.path());
    let f = file.as_str();
    let o = plenary(&["today", f, "--at", "2024-11-19 09:10"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("Tue 19 Nov 2024 at 09:10\n"), "{text}");
    assert!(
        text.contains(
            "Plenary Hall\nNOW   Opening and adoption of the agenda (5 min left, not started)\nNEXT  Forward Work Plan"
        ),
        "{text}"
    );
    // The day read as the app reads it, in the plan's zone.
    let o = plenary(&["today", f, "--at", "19 Nov 10:40", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["now"], "2024-11-19T10:40:00");
    assert!(json["in_plan"].as_bool().unwrap());

    let o = plenary(&[
        "start",
        f,
        "opening and adoption of the agenda",
        "--at",
        "09:05",
    ]);
    assert_one_line_error(&o, "--at: ");
    let o = plenary(&[
        "start",
        f,
        "opening and adoption of the agenda",
        "--at",
        "2024-11-19 09:05",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Started “Opening and adoption of the agenda” at 09:05\n"
    );
    let o = plenary(&["today", f, "--at", "2024-11-19 09:20"]);
    assert!(
        stdout(&o).contains("09:00–09:15  Opening and adoption of the agenda  [overrunning, started 09:05 (5 min late)]"),
        "{}",
        stdout(&o)
    );
    let o = plenary(&[
        "end",
        f,
        "Closing of the Annual Meeting",
        "--at",
        "2024-11-19 17:00",
    ]);
    assert_one_line_error(&o, "“Closing of the Annual Meeting” has not started");

    let o = plenary(&[
        "delay",
        f,
        "--room",
        "plenary hall",
        "--minutes",
        "20",
        "--at",
        "2024-11-19 09:20",
        "--dry-run",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("Would apply: Running 20 minutes late in Plenary Hall\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  16:30–16:45 → 16:50–17:05  Closing of the Annual Meeting (Plenary Hall)\n"
        ),
        "{text}"
    );
    let o = plenary(&["history", f]);
    assert!(
        !stdout(&o).contains("Running 20 minutes late"),
        "a dry run writes nothing"
    );
    let o = plenary(&["delay", f, "--minutes", "-300", "--at", "2024-11-19 09:20"]);
    assert_one_line_error(&o, "--minutes: ");
    let o = plenary(&["delay", f, "--room", "attic", "--minutes", "5"]);
    assert_one_line_error(&o, "--room: ");
    let o = plenary(&["delay", f, "--minutes", "10", "--at", "2024-11-19 09:20"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Running 10 minutes late in every room\n"));

    let o = plenary(&["cancel", f, "Closing of the Annual Meeting"]);
    assert_eq!(stdout(&o), "Cancelled “Closing of the Annual Meeting”\n");
    let o = plenary(&["today", f, "--at", "2024-11-19 16:50"]);
    assert!(
        stdout(&o).contains("Closing of the Annual Meeting  [cancelled]"),
        "{}",
        stdout(&o)
    );
    let o = plenary(&["cancel", f, "Closing of the Annual Meeting", "--undo"]);
    assert_eq!(stdout(&o), "Restored “Closing of the Annual Meeting”\n");
}

/// `plenary report`: a day as it ran, as text, CSV and PDF.
#[test]
fn report_says_how_the_day_ran_as_text_csv_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let f = plan.as_str();
    let run = |args: &[&str]| {
        let o = plenary(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let opening = "Opening and adoption of the agenda";
    run(&["start", f, opening, "--at", "2024-11-19 09:03"]);
    run(&["end", f, opening, "--at", "2024-11-19 09:21"]);
    run(&[
        "delay",
        f,
        "--room",
        "Plenary Hall",
        "--minutes",
        "15",
        "--at",
        "2024-11-19 09:21",
    ]);
    run(&["cancel", f, "Closing of the Annual Meeting"]);

    let text = run(&["report", f, "--day", "2024-11-19"]);
    assert!(text.starts_with("Day report — Tuesday 19 November 2024\nHeld 1 of 8 sessions; 1 cancelled, 6 not started; 1 of 1 on time; average start drift +3 min; overrun 6 min in total.\n"), "{text}");
    assert!(
        text.contains("  09:00–09:15  09:03–09:21    +3   +6  done         Opening and adoption of the agenda\n"),
        "{text}"
    );
    assert!(
        text.contains("Delays\n  Running 15 minutes late in Plenary Hall"),
        "{text}"
    );
    assert!(
        text.contains("Cancelled\n  Closing of the Annual Meeting\n"),
        "{text}"
    );

    let csv = dir.path().join("tuesday.csv");
    let pdf = dir.path().join("tuesday.pdf");
    let said = run(&[
        "report",
        f,
        "--day",
        "2024-11-19",
        "--csv",
        csv.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert!(said.contains("(CSV)") && said.contains("(PDF)"), "{said}");
    let rows = std::fs::read_to_string(&csv).unwrap();
    assert!(rows.starts_with("Day,Room,Title,Planned start,"), "{rows}");
    assert!(
        rows.contains("2024-11-19,Plenary Hall,Opening and adoption of the agenda,09:00,09:15,09:03,09:21,3,6,done,\r\n"),
        "{rows}"
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let json: serde_json::Value =
        serde_json::from_str(&run(&["report", f, "--day", "2024-11-19", "--json"])).unwrap();
    assert_eq!(json["totals"]["held"], 1);

    assert_one_line_error(&plenary(&["report", f, "--day", "2024-12-01"]), "--day: ");
    assert_one_line_error(&plenary(&["report", f, "--day", "Tuesday"]), "--day: ");
    let before = std::fs::read(&plan).unwrap();
    assert_one_line_error(
        &plenary(&["report", f, "--day", "2024-11-19", "--csv", f]),
        "is a plan",
    );
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "the plan is untouched"
    );
}

#[test]
fn speakers_shows_the_live_list_and_calls_the_next_delegation() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample(dir.path());
    let f = file.as_str();
    let updates = "National updates from members and observers";
    {
        let mut store = Store::open(Path::new(f)).unwrap();
        let id = plenary_core::planner::find_session(&store, updates)
            .unwrap()
            .id;
        let slots = plenary_core::speaking::suggest(&store, id, 3).unwrap();
        plenary_core::speaking::set_speaking_list(&mut store, id, &slots[..3]).unwrap();
    }
    let o = plenary(&["speakers", f, updates, "--at", "2024-11-19 10:15"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("FLOOR  —\nNEXT   "), "{text}");
    assert!(text.contains("Waiting: 3 (9 min)"), "{text}");
    let o = plenary(&["speakers", f, updates, "--next", "--at", "2024-11-19 10:15"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("Called "), "{text}");
    assert!(text.contains(": 3:00 left"), "{text}");
    let o = plenary(&[
        "speakers",
        f,
        updates,
        "--next",
        "--at",
        "2024-11-19 10:18:30",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = plenary(&["speakers", f, updates, "--at", "2024-11-19 10:19", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["spoken"][0]["spoken_seconds"], 210);
    assert_eq!(json["spoken"][0]["over_budget"], true);
    assert_eq!(json["remaining_seconds"], 150);
    assert_eq!(json["waiting"].as_array().unwrap().len(), 1);
    let o = plenary(&[
        "speakers",
        f,
        "Opening and adoption of the agenda",
        "--next",
    ]);
    assert_one_line_error(&o, "not statements or a tour de table");
}

/// One writer per plan file: while another program holds the plan, an edit
/// fails in one line naming the holder and writes nothing; reading works.
#[test]
fn an_edit_on_a_plan_held_elsewhere_fails_in_one_line_and_writes_nothing() {
    use plenary_core::store::hold::{lock_file, Hold, Program};
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    // The plan's own bytes and its write-ahead log, as a holder leaves them.
    let snapshot = || ["", "-wal"].map(|s| std::fs::read(format!("{path}{s}")).unwrap_or_default());
    let held = Hold::take_alone(Path::new(&path), Program::Window).unwrap();
    let before = snapshot();
    for edit in [
        vec![
            "move",
            &path,
            "Closing of the Annual Meeting",
            "--to",
            "2024-11-19 17:00",
        ],
        vec!["undo", &path],
        vec!["cancel", &path, "Closing of the Annual Meeting"],
    ] {
        let o = plenary(&edit);
        assert_one_line_error(&o, "is open in Plenary on ");
        assert!(stderr(&o).contains(&format!("(process {}", std::process::id())));
        assert!(stderr(&o).contains("Close it there to edit it here."));
    }
    assert_eq!(snapshot(), before, "nothing written");
    let o = plenary(&["show", &path]);
    assert!(o.status.success(), "reading works: {}", stderr(&o));
    let o = plenary(&[
        "delay",
        &path,
        "--minutes",
        "10",
        "--at",
        "2024-11-19 10:40",
        "--dry-run",
    ]);
    assert!(
        o.status.code() != Some(2),
        "a dry run reads: {}",
        stderr(&o)
    );

    drop(held);
    assert!(!lock_file(Path::new(&path)).exists());
    let o = plenary(&[
        "move",
        &path,
        "Closing of the Annual Meeting",
        "--to",
        "2024-11-19 17:00",
    ]);
    assert!(o.status.success(), "free again: {}", stderr(&o));
    assert!(!lock_file(Path::new(&path)).exists(), "the command let go");
}

/// The sample as the Australia team's plan and the copy handed over to the
/// Indonesia team.
fn handed_over(dir: &Path) -> (String, String) {
    let ours = sample(dir);
    let o = plenary(&["team", &ours, "Australia team"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let theirs = dir.join("indonesia.plenary");
    let theirs = theirs.to_str().unwrap().to_string();
    let o = plenary(&[
        "handover",
        &ours,
        "--team",
        "Indonesia team",
        "--out",
        &theirs,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Indonesia team's copy"),
        "{}",
        stdout(&o)
    );
    (ours, theirs)
}

#[test]
fn merge_keeps_both_teams_work_and_settles_clashes_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = handed_over(dir.path());
    let o = plenary(&["team", &theirs]);
    assert_eq!(stdout(&o), "Indonesia team\n");
    // One team moves the session to another room, the other retimes it.
    let session = "Forward Work Plan 2024–26: finalisation and endorsement";
    let o = plenary(&[
        "move",
        &ours,
        session,
        "--to",
        "2024-11-19 09:15",
        "--room",
        "Foyer",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = plenary(&["move", &theirs, session, "--to", "2024-11-19 09:30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(&ours).unwrap();
    let o = plenary(&["merge", &ours, &theirs, "--dry-run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("Indonesia team added 0, changed 1 and deleted 0"),
        "{text}"
    );
    assert!(text.contains("No clashes."), "{text}");
    assert_eq!(
        std::fs::read(&ours).unwrap(),
        before,
        "a dry run writes nothing"
    );
    // Both change the same session's time: a clash, in words.
    let opening = "Opening and adoption of the agenda";
    assert!(
        plenary(&["move", &ours, opening, "--to", "2024-11-19 08:30"])
            .status
            .success()
    );
    assert!(
        plenary(&["move", &theirs, opening, "--to", "2024-11-19 08:45"])
            .status
            .success()
    );
    let o = plenary(&["merge", &ours, &theirs]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains(
            "Time: Tue 19 Nov 08:30–08:45 (yours) / Tue 19 Nov 08:45–09:00 (Indonesia team)"
        ),
        "{text}"
    );
    assert!(text.contains("Nothing was merged"), "{text}");
    let o = plenary(&["merge", &ours, &theirs, "--take", "theirs"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Merged from Indonesia team: 2 changed."),
        "{}",
        stdout(&o)
    );
    let shown = stdout(&plenary(&["show", &ours, "--day", "2024-11-19"]));
    assert!(
        shown.contains("08:45–09:00  1. Opening and adoption of the agenda"),
        "{shown}"
    );
    assert!(
        shown.contains("09:30–10:15  2. Forward Work Plan"),
        "{shown}"
    );
    let moved = shown
        .lines()
        .skip_while(|l| !l.contains("Forward Work Plan"))
        .nth(1)
        .unwrap_or_default();
    assert!(moved.contains("Foyer"), "{shown}");
    let log = stdout(&plenary(&["history", &ours]));
    assert!(
        log.contains("Merged from Indonesia team: 2 changed"),
        "{log}"
    );
    // Again: nothing new, nothing written.
    let o = plenary(&["merge", &ours, &theirs, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["preview"]["nothing_new"], true);
    assert_eq!(v["merged"]["step"], serde_json::Value::Null);
    // Undo gives our plan back.
    assert!(plenary(&["undo", &ours]).status.success());
    let shown = stdout(&plenary(&["show", &ours, "--day", "2024-11-19"]));
    assert!(shown.contains("08:30–08:45  1. Opening"), "{shown}");
}

#[test]
fn merge_refuses_a_file_of_another_plan_and_a_newer_one() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = handed_over(dir.path());
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let stranger = sample(&other);
    let o = plenary(&["merge", &ours, &stranger]);
    assert_one_line_error(&o, "no common base with this plan");
    rusqlite_bump(Path::new(&theirs));
    let o = plenary(&["merge", &ours, &theirs]);
    assert_one_line_error(&o, "newer");
    let o = plenary(&["handover", &ours, "--team", " ", "--out", &theirs]);
    assert_one_line_error(&o, "Name the team");
}
