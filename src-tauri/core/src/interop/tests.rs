//! The import into a plan, over programmes built by hand (each reader has
//! its own tests over real files).

use super::export::{programme, Scope};
use super::import::*;
use super::programme::*;
use crate::model::{RoleKind, SessionKind};
use crate::sample::sample_in_memory;
use chrono::{NaiveDate, NaiveDateTime};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn session(place: &str, title: &str, start: &str, end: &str, room: &str) -> ProgrammeSession {
    let mut s = ProgrammeSession::titled(place, title);
    s.start = Some(at(start));
    s.end = Some(at(end));
    s.day = s.start.map(|t| t.date());
    s.room = Some(room.to_string());
    s
}

fn speaker(name: &str) -> ProgrammeRole {
    ProgrammeRole {
        uid: None,
        kind: RoleKind::Speaker,
        person: Some(ProgrammePerson::from_name(name)),
        organisation: None,
        note: String::new(),
    }
}

fn reading(zone: Zone, sessions: Vec<ProgrammeSession>) -> Reading {
    let mut p = Programme::empty("Side programme", zone);
    p.sessions = sessions;
    Reading {
        programme: p,
        problems: Vec::new(),
        report: Vec::new(),
    }
}

fn bangkok_side_programme() -> Reading {
    let mut a = session(
        "row 2",
        "Launch of the regional report",
        "2024-11-19 12:30",
        "2024-11-19 13:15",
        "Lotus Room",
    );
    a.source_kind = "Side event".into();
    a.roles = vec![speaker("Siriporn Chaiyasit"), speaker("Nguyễn Thị Hoà")];
    a.extras = vec![("Track".into(), "Data".into())];
    let mut b = session(
        "row 3",
        "Coffee",
        "2024-11-19 15:00",
        "2024-11-19 15:30",
        "Riverside Terrace",
    );
    b.source_kind = "pause café".into();
    reading(Zone::Named(chrono_tz::Asia::Bangkok), vec![a, b])
}

#[test]
fn an_import_adds_sessions_rooms_and_people_as_one_step() {
    let mut store = sample_in_memory().unwrap();
    let before = store.session_count().unwrap();
    let rooms = store.rooms().unwrap().len();
    let preview = import(
        &mut store,
        "side.csv",
        &bangkok_side_programme(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!((preview.added, preview.updated), (2, 0));
    assert_eq!(preview.new_rooms, 2);
    assert_eq!(preview.new_people, 2);
    assert_eq!(store.session_count().unwrap(), before + 2);
    let launch = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title == "Launch of the regional report")
        .unwrap();
    assert_eq!(launch.kind, SessionKind::SideEvent);
    assert!(launch.notes.contains("Track: Data"));
    let roles = store.session_roles(launch.id).unwrap();
    assert_eq!(roles.len(), 2);
    assert_eq!(
        store
            .person(roles[1].person_id.unwrap())
            .unwrap()
            .family_name,
        "Hoà"
    );
    assert_eq!(
        store.history(1).unwrap()[0].summary,
        "Imported 2 sessions from side.csv"
    );
    store.undo().unwrap().unwrap();
    assert_eq!(store.session_count().unwrap(), before);
    assert_eq!(store.rooms().unwrap().len(), rooms);
}

#[test]
fn importing_the_same_source_again_updates_instead_of_adding() {
    let mut store = sample_in_memory().unwrap();
    let first = bangkok_side_programme();
    import(&mut store, "side.csv", &first, &ImportOptions::default()).unwrap();
    let count = store.session_count().unwrap();
    let people = store.people().unwrap().len();
    let mut again = first.clone();
    again.programme.sessions[0].end = Some(at("2024-11-19 13:30"));
    let preview = import(&mut store, "side.csv", &again, &ImportOptions::default()).unwrap();
    assert_eq!((preview.added, preview.updated), (0, 2));
    assert_eq!(store.session_count().unwrap(), count);
    assert_eq!(store.people().unwrap().len(), people);
    let launch = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title == "Launch of the regional report")
        .unwrap();
    assert_eq!(launch.end, Some(at("2024-11-19 13:30")));
}

#[test]
fn times_land_on_the_plans_wall_clock() {
    let mut store = sample_in_memory().unwrap();
    // 06:30 in Berlin (UTC+1 in November) is 12:30 in Bangkok (UTC+7).
    let r = reading(
        Zone::Named(chrono_tz::Europe::Berlin),
        vec![session(
            "event 1",
            "Remote briefing",
            "2024-11-19 06:30",
            "2024-11-19 07:00",
            "Hall",
        )],
    );
    import(&mut store, "berlin.xml", &r, &ImportOptions::default()).unwrap();
    let offset = reading(
        Zone::Offset(chrono::FixedOffset::east_opt(3600).unwrap()),
        vec![session(
            "event 2",
            "Offset briefing",
            "2024-11-19 06:30",
            "2024-11-19 07:00",
            "Hall",
        )],
    );
    import(&mut store, "offset.xml", &offset, &ImportOptions::default()).unwrap();
    for title in ["Remote briefing", "Offset briefing"] {
        let s = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.title == title)
            .unwrap();
        assert_eq!(s.start, Some(at("2024-11-19 12:30")), "{title}");
    }
}

#[test]
fn bad_sessions_are_named_and_nothing_is_written_unless_skipped() {
    let mut store = sample_in_memory().unwrap();
    let before = store.session_count().unwrap();
    let mut r = bangkok_side_programme();
    r.programme.sessions.push(session(
        "row 4",
        "Too early",
        "2024-10-01 09:00",
        "2024-10-01 10:00",
        "Hall",
    ));
    r.programme.sessions.push(session(
        "row 5",
        "",
        "2024-11-19 09:00",
        "2024-11-19 10:00",
        "Hall",
    ));
    r.problems.push(SourceProblem::new(
        "row 6",
        "Time \"9h-ish\" is not a time.",
    ));
    let (_, preview) = plan_import(&store, &r, &ImportOptions::default()).unwrap();
    assert_eq!(
        preview.problems,
        vec![
            "row 6: Time \"9h-ish\" is not a time.".to_string(),
            "row 4: Tuesday 1 October 2024 is outside the plan's days (18 November 2024 to 20 November 2024).".to_string(),
            "row 5: It has no title.".to_string(),
        ]
    );
    let err = import(&mut store, "side.csv", &r, &ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("3 problems in side.csv"), "{err}");
    assert_eq!(store.session_count().unwrap(), before);
    let skip = ImportOptions {
        skip_invalid: true,
        ..ImportOptions::default()
    };
    import(&mut store, "side.csv", &r, &skip).unwrap();
    assert_eq!(store.session_count().unwrap(), before + 2);
}

#[test]
fn two_sessions_with_one_id_are_both_kept_and_reported() {
    let mut store = sample_in_memory().unwrap();
    let mut a = session(
        "event 7",
        "Talk A",
        "2024-11-19 09:00",
        "2024-11-19 10:00",
        "Hall",
    );
    let mut b = session(
        "event 7",
        "Talk B",
        "2024-11-19 10:00",
        "2024-11-19 11:00",
        "Hall",
    );
    a.uid = Some("7".into());
    b.uid = Some("7".into());
    let r = reading(Zone::Floating, vec![a, b]);
    let preview = import(&mut store, "dup.xml", &r, &ImportOptions::default()).unwrap();
    assert_eq!(preview.added, 2);
    assert!(preview
        .report
        .iter()
        .any(|l| l.contains("Talk B") && l.contains("same id")));
}

#[test]
fn a_day_without_a_time_becomes_a_session_on_that_day_to_be_timed() {
    let mut store = sample_in_memory().unwrap();
    let mut s = ProgrammeSession::titled("row 3", "Ministerial Conference");
    s.day = NaiveDate::from_ymd_opt(2024, 11, 20);
    let preview = import(
        &mut store,
        "p.csv",
        &reading(Zone::Floating, vec![s]),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(preview.untimed, 1);
    let s = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title == "Ministerial Conference")
        .unwrap();
    assert_eq!(s.start, None);
    assert_eq!(s.day, NaiveDate::from_ymd_opt(2024, 11, 20));
    assert!(!s.notes.contains("time to be confirmed"), "{}", s.notes);
    // Imported again, it is the same session, still on its day.
    let mut again = ProgrammeSession::titled("row 3", "Ministerial Conference");
    again.day = NaiveDate::from_ymd_opt(2024, 11, 20);
    let preview = import(
        &mut store,
        "p.csv",
        &reading(Zone::Floating, vec![again]),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!((preview.added, preview.updated), (0, 1));
    assert_eq!(store.session(s.id).unwrap().day, s.day);
}

#[test]
fn a_new_plan_takes_its_zone_and_days_from_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.plenary");
    let mut r = reading(
        Zone::Named(chrono_tz::Asia::Kolkata),
        vec![
            session(
                "event 1",
                "Opening",
                "2023-09-10 10:30",
                "2023-09-10 10:50",
                "Anamudi",
            ),
            session(
                "event 2",
                "Closing",
                "2023-09-16 17:00",
                "2023-09-16 17:30",
                "Anamudi",
            ),
        ],
    );
    r.programme.title = "DebConf 23".into();
    let (store, preview) = new_plan(
        &path,
        "debconf.xml",
        &r,
        None,
        &ImportOptions::default(),
        false,
    )
    .unwrap();
    assert_eq!(preview.added, 2);
    let plan = store.plan().unwrap();
    assert_eq!(plan.time_zone, "Asia/Kolkata");
    assert_eq!(plan.first_day.to_string(), "2023-09-10");
    assert_eq!(plan.last_day.to_string(), "2023-09-16");
    assert_eq!(store.events().unwrap()[0].title, "DebConf 23");

    let floating = reading(
        Zone::Floating,
        vec![session(
            "row 2",
            "A",
            "2016-03-22 09:00",
            "2016-03-22 10:00",
            "Hall",
        )],
    );
    let Err(err) = new_plan(
        &dir.path().join("f.plenary"),
        "p.csv",
        &floating,
        None,
        &ImportOptions::default(),
        false,
    ) else {
        panic!("a source without a zone needs one");
    };
    assert!(
        err.to_string().contains("give the new plan's time zone"),
        "{err}"
    );
    assert!(!dir.path().join("f.plenary").exists());
}

#[test]
fn an_exported_plan_imported_again_changes_nothing() {
    let mut store = sample_in_memory().unwrap();
    let p = programme(&store, Scope::Plan).unwrap();
    let before = store.session_count().unwrap();
    let people = store.people().unwrap().len();
    let r = Reading {
        programme: p,
        problems: Vec::new(),
        report: Vec::new(),
    };
    let preview = import(&mut store, "week", &r, &ImportOptions::default()).unwrap();
    assert_eq!(preview.added, 0);
    assert_eq!(preview.updated as i64, before);
    assert_eq!(store.session_count().unwrap(), before);
    assert_eq!(store.people().unwrap().len(), people);
}

#[test]
fn types_map_to_kinds_in_english_and_french() {
    let cases = [
        ("Talk", "", SessionKind::Presentation),
        ("Long talk (45 minutes)", "", SessionKind::Presentation),
        ("workshop", "", SessionKind::Discussion),
        ("Atelier", "", SessionKind::Discussion),
        ("Table ronde", "", SessionKind::Panel),
        ("pause café", "", SessionKind::Break),
        ("Déjeuner", "", SessionKind::Meal),
        ("Séance d'ouverture", "", SessionKind::Opening),
        ("Cérémonie de clôture", "", SessionKind::Closing),
        ("", "Coffee break", SessionKind::Break),
        ("", "Opening Session", SessionKind::Opening),
        ("DJ Set", "", SessionKind::Other),
        ("", "Arrival of delegates", SessionKind::Other),
        ("", "Registration of participants", SessionKind::Logistics),
        ("", "Shuttle bus to the venue", SessionKind::Logistics),
        ("Logistique", "", SessionKind::Logistics),
        ("", "Inscription et accueil café", SessionKind::Logistics),
    ];
    for (source, title, want) in cases {
        assert_eq!(guess_kind(source, title), want, "{source:?} {title:?}");
    }
}

fn shared(rel: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("the reference file {}: {e}", path.display()))
}

/// What a round trip must keep of a session: title, start, end, room and
/// the people's names.
type Kept = (
    String,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<String>,
    Vec<String>,
);

/// Each timed session by its identity.
fn sessions_by_uid(p: &Programme) -> std::collections::BTreeMap<String, Kept> {
    p.sessions
        .iter()
        .filter(|s| s.start.is_some())
        .map(|s| {
            let mut people: Vec<String> = s
                .roles
                .iter()
                .filter_map(|r| r.person.as_ref())
                .map(|p| crate::model::display_name([p.given_name.as_str(), &p.family_name]))
                .collect();
            people.sort();
            (
                s.uid.clone().unwrap_or_default().to_lowercase(),
                (s.title.clone(), s.start, s.end, s.room.clone(), people),
            )
        })
        .collect()
}

/// A source into a new plan, the plan out again in the same format, and
/// that read back: every timed session keeps its title, times, room and
/// people.
fn through_a_plan(
    name: &str,
    bytes: &[u8],
    write: impl Fn(&Programme) -> Vec<u8>,
    read: impl Fn(&[u8]) -> Reading,
) {
    let dir = tempfile::tempdir().unwrap();
    let first = read(bytes);
    let options = ImportOptions {
        skip_invalid: true,
        ..ImportOptions::default()
    };
    let (store, _) = new_plan(
        &dir.path().join("p.plenary"),
        name,
        &first,
        None,
        &options,
        false,
    )
    .unwrap();
    let exported = programme(&store, Scope::Plan).unwrap();
    let again = read(&write(&exported));
    let before = sessions_by_uid(&first.programme);
    let after = sessions_by_uid(&again.programme);
    assert_eq!(before.len(), after.len(), "{name}");
    for (uid, want) in &before {
        assert_eq!(after.get(uid), Some(want), "{name}: {uid}");
    }
}

#[test]
fn schedules_and_calendars_keep_every_session_through_a_plan() {
    for file in [
        "giggity-debconf23.xml",
        "eventfahrplan-schedule-39c3-20251206.xml",
    ] {
        through_a_plan(
            file,
            &shared(&format!("schedules/{file}")),
            |p| super::frab_xml::write(p).into_bytes(),
            |b| super::frab_xml::read(b).unwrap(),
        );
    }
    let sample = sample_in_memory().unwrap();
    let stamp = chrono::DateTime::from_timestamp(1_732_000_000, 0).unwrap();
    let ics = super::ical::write(&programme(&sample, Scope::Plan).unwrap(), stamp);
    through_a_plan(
        "week.ics",
        ics.as_bytes(),
        |p| super::ical::write(p, stamp).into_bytes(),
        |b| super::ical::read(b, None).unwrap(),
    );
}

#[test]
fn json_is_written_with_sorted_keys_whatever_serde_json_keeps() {
    // Insertion order differs from key order at every level.
    let mut inner = serde_json::Map::new();
    inner.insert("zulu".into(), 1.into());
    inner.insert("alpha".into(), 2.into());
    let mut outer = serde_json::Map::new();
    outer.insert(
        "rows".into(),
        serde_json::Value::Array(vec![serde_json::Value::Object(inner)]),
    );
    outer.insert("format".into(), "x".into());
    let text = super::canonical_json(serde_json::Value::Object(outer));
    assert_eq!(
        text,
        "{\n  \"format\": \"x\",\n  \"rows\": [\n    {\n      \"alpha\": 2,\n      \"zulu\": 1\n    }\n  ]\n}\n"
    );
}

#[test]
fn an_old_excel_workbook_is_named_and_refused() {
    let bytes = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1binary,junk";
    let err = super::source::read("programme.xls", bytes, &Default::default()).unwrap_err();
    assert!(
        err.to_string().contains("old Excel workbook (.xls)"),
        "{err}"
    );
}

#[test]
fn a_source_is_told_by_its_content_before_its_name() {
    use super::source::{detect, SourceFormat as F};
    let cases: [(&str, &[u8], Option<F>); 8] = [
        ("week.ics", b"BEGIN:VCALENDAR\r\n", Some(F::Ics)),
        ("export", b"\xef\xbb\xbfBEGIN:VCALENDAR\r\n", Some(F::Ics)),
        (
            "schedule.txt",
            b"<?xml version=\"1.0\"?><schedule/>",
            Some(F::FrabXml),
        ),
        ("schedule", b"{\"schedule\": {}}", Some(F::FrabJson)),
        ("p.xlsx", b"PK\x03\x04rest", Some(F::Xlsx)),
        // A table pasted out of Word and saved with a .csv name.
        (
            "pasted.csv",
            b"Date\tTime\tSession\n1 Dec\t09:00\tOpening\n",
            Some(F::Tsv),
        ),
        (
            "p.csv",
            b"Date,Time,Session\n1 Dec,09:00,Opening\n",
            Some(F::Csv),
        ),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", None),
    ];
    for (name, bytes, want) in cases {
        assert_eq!(detect(name, bytes), want, "{name}");
    }
}

#[test]
fn a_session_to_be_timed_is_exported_on_its_day_where_the_format_can_hold_it() {
    use crate::interop::export::Scope;
    use crate::interop::source::{export, ExportFormat};
    let mut store = sample_in_memory().unwrap();
    let first = store.sessions().unwrap()[0].clone();
    let mut form = crate::forms::SessionForm::from(&first);
    form.title = "Keynote addresses".into();
    form.start_time = String::new();
    form.end_time = String::new();
    crate::edit::sessions::create_session(&mut store, &form).unwrap();
    let now = chrono::Utc::now();
    // The format, and how many sessions it leaves out.
    let cases = [
        (ExportFormat::Csv, 0),
        (ExportFormat::Ics, 0),
        (ExportFormat::FrabXml, 1),
        (ExportFormat::FrabJson, 1),
    ];
    for (format, left_out) in cases {
        let out = export(&store, format, Scope::Plan, now).unwrap();
        assert_eq!(out.left_out, left_out, "{format:?}");
    }
    let csv = String::from_utf8(
        export(&store, ExportFormat::Csv, Scope::Plan, now)
            .unwrap()
            .bytes,
    )
    .unwrap();
    let line = csv
        .lines()
        .find(|l| l.contains("Keynote addresses"))
        .unwrap();
    assert!(line.contains("2024-11-18") || line.contains("18"), "{line}");
}

#[test]
fn a_source_s_web_address_becomes_the_session_s_link() {
    let mut store = sample_in_memory().unwrap();
    let mut a = ProgrammeSession::titled("row 2", "Webcast session");
    a.day = NaiveDate::from_ymd_opt(2024, 11, 20);
    a.extras = vec![("Link".into(), " https://webtv.example.org/live ".into())];
    let mut b = ProgrammeSession::titled("row 3", "Room session");
    b.day = NaiveDate::from_ymd_opt(2024, 11, 20);
    b.extras = vec![("Link".into(), "see the website".into())];
    import(
        &mut store,
        "p.csv",
        &reading(Zone::Floating, vec![a, b]),
        &ImportOptions::default(),
    )
    .unwrap();
    let find = |title: &str| {
        store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.title == title)
            .unwrap()
    };
    let a = find("Webcast session");
    assert_eq!(a.link, "https://webtv.example.org/live");
    assert!(!a.notes.contains("Link"), "{}", a.notes);
    let b = find("Room session");
    assert_eq!(b.link, "");
    assert!(b.notes.contains("Link: see the website"), "{}", b.notes);
    // The plan's link goes out with the session.
    let p = programme(&store, Scope::Plan).unwrap();
    let out = p
        .sessions
        .iter()
        .find(|s| s.title == "Webcast session")
        .unwrap();
    assert_eq!(
        out.extras,
        vec![(
            "Link".to_string(),
            "https://webtv.example.org/live".to_string()
        )]
    );
}
