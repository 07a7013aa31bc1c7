//! frab schedule XML and JSON, read and written, on real files: the five
//! schedules in `shared/data/schedules` (their counts in `STATS.json`) and
//! the c3voc examples and schemas in `shared/data/schedule-schemas`.

use super::programme::{
    Programme, ProgrammeOrganisation, ProgrammePerson, ProgrammeRole, ProgrammeRoom,
    ProgrammeSession, Reading, Zone,
};
use super::{frab_json, frab_xml};
use crate::model::{RoleKind, SessionKind};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::PathBuf;

fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(path)
}

fn bytes(path: &str) -> Vec<u8> {
    std::fs::read(data(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

struct RealFile {
    file: &'static str,
    zone: &'static str,
    /// Events left out with a problem line.
    problems: usize,
    /// (id, title, start, end, room), wall clock in the file's zone.
    samples: [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ); 3],
}

const REAL_FILES: &[RealFile] = &[
    RealFile {
        file: "eventfahrplan-schedule-38c3-20251206.xml",
        zone: "Europe/Berlin",
        problems: 0,
        samples: [
            (
                "2",
                "38C3: Opening Ceremony",
                "2024-12-27 10:30",
                "2024-12-27 11:00",
                "Saal 1",
            ),
            (
                "293841",
                "Go-Workshop",
                "2024-12-28 16:15",
                "2024-12-28 18:15",
                "Kidspace - Workshopraum",
            ),
            (
                "248",
                "Desiring Technology. Über Porno, Abhängigkeit und Fortschritt",
                "2024-12-28 00:15",
                "2024-12-28 00:55",
                "Saal 1",
            ),
        ],
    },
    RealFile {
        file: "eventfahrplan-schedule-39c3-20251206.xml",
        zone: "Europe/Berlin",
        problems: 0,
        samples: [
            (
                "1254",
                "All my Deutschlandtickets gone: Fraud at an industrial scale",
                "2025-12-27 16:00",
                "2025-12-27 17:00",
                "One",
            ),
            (
                "578703",
                "Elektrobausteine - Tag 4",
                "2025-12-30 11:00",
                "2025-12-30 16:00",
                "Kidspace - Elektrotisch",
            ),
            (
                "1431",
                "Unnecessarily Complicated Kitchen – Die Wissenschaft des guten Geschmacks",
                "2025-12-28 00:20",
                "2025-12-28 01:20",
                "One",
            ),
        ],
    },
    RealFile {
        file: "giggity-36c3_merged.xml",
        zone: "+01:00",
        problems: 0,
        samples: [
            (
                "11223",
                "Opening Ceremony",
                "2019-12-27 11:00",
                "2019-12-27 11:30",
                "Ada",
            ),
            (
                "1469",
                "Factorio",
                "2019-12-28 12:00",
                "2019-12-28 18:00",
                "Kidspace",
            ),
            (
                "11177",
                "Hacker Jeopardy",
                "2019-12-28 00:50",
                "2019-12-28 02:50",
                "Ada",
            ),
        ],
    },
    RealFile {
        file: "giggity-debconf23.xml",
        zone: "Asia/Kolkata",
        problems: 0,
        samples: [
            (
                "35",
                "Opening Ceremony",
                "2023-09-10 10:30",
                "2023-09-10 10:50",
                "Anamudi",
            ),
            (
                "71",
                "Lunch",
                "2023-09-13 12:30",
                "2023-09-13 15:30",
                "Elsewhere",
            ),
            (
                "31",
                "Dinner",
                "2023-09-17 19:00",
                "2023-09-17 22:30",
                "Elsewhere",
            ),
        ],
    },
    RealFile {
        file: "giggity-fosdem_2021.xml",
        zone: "floating",
        // One description is longer than a session may keep.
        problems: 1,
        samples: [
            (
                "11795",
                "Welcome to FOSDEM 2021",
                "2021-02-06 09:00",
                "2021-02-06 09:25",
                "K.fosdem",
            ),
            (
                "12311",
                "Zenroom : Crypto VM for database and blockchain",
                "2021-02-06 16:30",
                "2021-02-06 17:00",
                "S.ow2",
            ),
            (
                "11763",
                "The Virtual FOSDEM Infodesk (Sunday)",
                "2021-02-07 09:00",
                "2021-02-07 18:00",
                "I.infodesk",
            ),
        ],
    },
];

fn read_real(file: &str) -> Reading {
    frab_xml::read(&bytes(&format!("schedules/{file}"))).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn zone_text(zone: Zone) -> String {
    match zone {
        Zone::Named(tz) => tz.name().to_string(),
        Zone::Offset(o) => o.to_string(),
        Zone::Floating => "floating".to_string(),
    }
}

#[test]
fn the_five_real_schedules_read_with_the_counts_of_their_stats() {
    let stats: serde_json::Value = serde_json::from_slice(&bytes("schedules/STATS.json")).unwrap();
    for case in REAL_FILES {
        let want = &stats[case.file];
        let r = read_real(case.file);
        let p = &r.programme;
        let events = want["events"].as_u64().unwrap() as usize;
        assert_eq!(
            r.problems.len(),
            case.problems,
            "{}: {:?}",
            case.file,
            r.problems
        );
        assert_eq!(p.sessions.len() + r.problems.len(), events, "{}", case.file);
        assert_eq!(
            p.rooms.len() as u64,
            want["rooms"].as_u64().unwrap(),
            "{}",
            case.file
        );
        assert_eq!(
            p.first_day,
            Some(day(want["first"].as_str().unwrap())),
            "{}",
            case.file
        );
        assert_eq!(
            p.last_day,
            Some(day(want["last"].as_str().unwrap())),
            "{}",
            case.file
        );
        let days = (p.last_day.unwrap() - p.first_day.unwrap()).num_days() + 1;
        assert_eq!(days as u64, want["days"].as_u64().unwrap(), "{}", case.file);
        assert_eq!(p.title, want["title"].as_str().unwrap(), "{}", case.file);
        assert_eq!(
            p.acronym,
            want["acronym"].as_str().unwrap_or(""),
            "{}",
            case.file
        );
        assert_eq!(
            p.version,
            want["version"].as_str().unwrap_or(""),
            "{}",
            case.file
        );
        assert_eq!(zone_text(p.zone), case.zone, "{}", case.file);
        for s in &p.sessions {
            assert_eq!(s.start.is_some(), s.end.is_some(), "{}", s.place);
            if let (Some(a), Some(b)) = (s.start, s.end) {
                assert!(b > a, "{}: {a} .. {b}", s.place);
            }
            assert!(s.kind.is_none());
            assert!(
                s.extras.iter().all(|(_, v)| !v.trim().is_empty()),
                "{}",
                s.place
            );
        }
    }
}

#[test]
fn sampled_sessions_start_on_the_files_wall_clock() {
    for case in REAL_FILES {
        let r = read_real(case.file);
        for (id, title, start, end, room) in case.samples {
            let s = r
                .programme
                .sessions
                .iter()
                .find(|s| s.source_id == id && s.title == title)
                .unwrap_or_else(|| panic!("{}: no event {id} {title}", case.file));
            assert_eq!(s.start, Some(at(start)), "{}: {title}", case.file);
            assert_eq!(s.end, Some(at(end)), "{}: {title}", case.file);
            assert_eq!(s.room.as_deref(), Some(room), "{}: {title}", case.file);
            assert_eq!(s.place, format!("event {id}"));
        }
    }
}

#[test]
fn the_36c3_duplicates_are_reported_and_both_kept() {
    let r = read_real("giggity-36c3_merged.xml");
    let lines: Vec<&String> = r
        .report
        .iter()
        .filter(|l| l.contains(" repeats the "))
        .collect();
    assert_eq!(lines.len(), 13, "{lines:#?}");
    assert!(lines
        .iter()
        .any(|l| l
            .starts_with("event 883 (“The Healing-Work Quantum”) repeats the id of event 883 (")));
    let twins: Vec<&ProgrammeSession> = r
        .programme
        .sessions
        .iter()
        .filter(|s| s.source_id == "883")
        .collect();
    assert_eq!(twins.len(), 2);
    assert!(twins[0].uid.is_some());
    assert_eq!(twins[1].uid, None);
    // The one event that lasts no time is kept without times, and said.
    assert!(r
        .report
        .iter()
        .any(|l| l.ends_with("lasts no time; it is kept on its day without times.")));
}

#[test]
fn persons_types_and_kept_fields_come_through() {
    let r = read_real("giggity-36c3_merged.xml");
    let s = r
        .programme
        .sessions
        .iter()
        .find(|s| s.source_id == "11223")
        .unwrap();
    assert_eq!(s.source_kind, "lecture");
    assert_eq!(s.description, "Welcome!");
    let people: Vec<(RoleKind, &str, &str)> = s
        .roles
        .iter()
        .map(|r| {
            let p = r.person.as_ref().unwrap();
            (r.kind, p.written.as_str(), p.source_id.as_str())
        })
        .collect();
    assert_eq!(
        people,
        [
            (RoleKind::Speaker, "bleeptrack", "9891"),
            (RoleKind::Speaker, "blinry", "6697")
        ]
    );
    let labels: Vec<&str> = s.extras.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["Track", "Language", "URL", "Slug"]);
    // 38C3: abstract and description differ, so the abstract is kept too.
    let r = read_real("eventfahrplan-schedule-38c3-20251206.xml");
    let s = r
        .programme
        .sessions
        .iter()
        .find(|s| s.source_id == "2")
        .unwrap();
    assert!(s.description.starts_with("This ceremony will prepare you"));
    assert!(s
        .extras
        .iter()
        .any(|(l, v)| l == "Abstract" && v.starts_with("Glad you could")));
    assert_eq!(
        s.roles[0].person.as_ref().unwrap().source_id,
        "0c16ffaa-709d-599f-959f-9a38b911361a"
    );
    // Rooms keep the guids their days give them.
    let saal = r
        .programme
        .rooms
        .iter()
        .find(|r| r.name == "Saal 1")
        .unwrap();
    assert_eq!(
        saal.uid.as_deref(),
        Some("ba692ba3-421b-5371-8309-60acc34a3c05")
    );
    // FOSDEM: links keep their titles; the entity-escaped HTML reads as text.
    let r = read_real("giggity-fosdem_2021.xml");
    let s = r
        .programme
        .sessions
        .iter()
        .find(|s| s.source_id == "11795")
        .unwrap();
    assert_eq!(s.description, "<p>Welcome to FOSDEM 2021!</p>");
    assert!(s.extras.contains(&(
        "Link".to_string(),
        "Video recording (mp4) https://video.fosdem.org/2021/K.fosdem/keynotes_welcome.mp4"
            .to_string()
    )));
    assert!(r.report.iter().any(|l| l
        == "773 sessions have no guid; a later import of this file cannot match them to these."
        || l.ends_with(
            "sessions have no guid; a later import of this file cannot match them to these."
        )));
}

/// What a round trip keeps of a session: title, start, end, room, people.
type SessionKey = (
    String,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<String>,
    Vec<String>,
);

fn session_key(s: &ProgrammeSession) -> SessionKey {
    (
        s.title.clone(),
        s.start,
        s.end,
        s.room.clone(),
        s.roles
            .iter()
            .filter_map(|r| r.person.as_ref().map(ProgrammePerson::full_name))
            .collect(),
    )
}

fn timed_keys(p: &Programme) -> Vec<SessionKey> {
    let mut keys: Vec<SessionKey> = p
        .sessions
        .iter()
        .filter(|s| s.start.is_some())
        .map(session_key)
        .collect();
    keys.sort();
    keys
}

#[test]
fn a_real_schedule_survives_writing_and_reading_back() {
    for case in REAL_FILES {
        let first = read_real(case.file).programme;
        let xml = frab_xml::write(&first);
        let again = frab_xml::read(xml.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", case.file));
        assert!(
            again.problems.is_empty(),
            "{}: {:?}",
            case.file,
            again.problems
        );
        assert_eq!(
            timed_keys(&again.programme),
            timed_keys(&first),
            "{} as XML",
            case.file
        );
        assert_eq!(
            again.programme.rooms.len(),
            first.rooms.len(),
            "{}",
            case.file
        );
        // A floating programme is written at +00:00 and reads back so.
        let zone = match first.zone {
            Zone::Floating => Zone::Offset(chrono::FixedOffset::east_opt(0).unwrap()),
            z => z,
        };
        assert_eq!(again.programme.zone, zone, "{}", case.file);
        assert_eq!(again.programme.title, first.title, "{}", case.file);

        let json = frab_json::write(&first);
        let again =
            frab_json::read(json.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", case.file));
        assert!(
            again.problems.is_empty(),
            "{}: {:?}",
            case.file,
            again.problems
        );
        assert_eq!(
            timed_keys(&again.programme),
            timed_keys(&first),
            "{} as JSON",
            case.file
        );
    }
}

#[test]
fn writing_the_same_programme_twice_gives_the_same_bytes() {
    let p = read_real("giggity-36c3_merged.xml").programme;
    assert_eq!(frab_xml::write(&p), frab_xml::write(&p));
    assert_eq!(frab_json::write(&p), frab_json::write(&p));
}

/// Runs xmllint with the c3voc XSD over `xml`; its complaint if any.
fn xsd_errors(xml: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schedule.xml");
    std::fs::write(&file, xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(data("schedule-schemas/xsd/schedule.xml.xsd"))
        .arg(&file)
        .output()
        .expect("xmllint is installed (apt-get install libxml2-utils)");
    (!out.status.success()).then(|| {
        String::from_utf8_lossy(&out.stderr)
            .chars()
            .take(4000)
            .collect()
    })
}

fn schema2() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_slice(&bytes("schedule-schemas/json/schema2.json")).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn schema2_errors(validator: &jsonschema::Validator, json: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .take(10)
        .map(|e| {
            let message: String = e
                .to_string()
                .chars()
                .rev()
                .take(200)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("{} ({}): …{message}", e.instance_path(), e.schema_path())
        })
        .collect();
    (!errors.is_empty()).then(|| errors.join("\n"))
}

#[test]
fn written_real_schedules_are_valid_against_the_xsd_and_schema2() {
    let validator = schema2();
    for case in REAL_FILES {
        let p = read_real(case.file).programme;
        if let Some(e) = xsd_errors(&frab_xml::write(&p)) {
            panic!("{}: {e}", case.file);
        }
        if let Some(e) = schema2_errors(&validator, &frab_json::write(&p)) {
            panic!("{}: {e}", case.file);
        }
    }
}

fn person(name: &str, id: &str) -> ProgrammePerson {
    let mut p = ProgrammePerson::from_name(name);
    p.source_id = id.to_string();
    p
}

fn role(kind: RoleKind, p: ProgrammePerson) -> ProgrammeRole {
    ProgrammeRole {
        uid: None,
        kind,
        person: Some(p),
        organisation: None,
        note: String::new(),
    }
}

/// A small programme with every kind of awkward text.
fn tricky() -> Programme {
    let mut p = Programme::empty(
        "Ministerial <Meeting> & \"Friends\" — São Tomé and Príncipe",
        Zone::Named(chrono_tz::Asia::Bangkok),
    );
    p.version = "v1 <draft> & 'final'".to_string();
    p.first_day = Some(day("2024-11-18"));
    p.last_day = Some(day("2024-11-19"));
    p.rooms = vec![
        ProgrammeRoom {
            uid: None,
            name: "Plenary Hall <A> & B".to_string(),
        },
        ProgrammeRoom {
            uid: Some("not-a-uuid".to_string()),
            name: "ห้องประชุม ๒".to_string(),
        },
    ];
    let mut a = ProgrammeSession::titled("row 1", "Opening: \"Welcome\" & <remarks> 🎉");
    a.start = Some(at("2024-11-18 09:00"));
    a.end = Some(at("2024-11-18 10:30"));
    a.room = Some("Plenary Hall <A> & B".to_string());
    a.kind = Some(SessionKind::Opening);
    a.description = "Line one & two\nسلام عليكم — مرحبا\n'quoted' \"double\" <tag>".to_string();
    a.extras = vec![
        ("Track".to_string(), "Trade & <Investment>".to_string()),
        ("Language".to_string(), "th".to_string()),
        (
            "Link".to_string(),
            "Background note https://example.org/a?b=1&c=2".to_string(),
        ),
    ];
    a.roles = vec![
        role(RoleKind::Chair, person("H.E. Ms ณัฐ สุขใจ", "")),
        role(RoleKind::Speaker, person("Dr. محمد بن سلمان", "17")),
        role(RoleKind::Moderator, person("Jean-Luc O'Brien & Co", "x-9")),
        ProgrammeRole {
            uid: None,
            kind: RoleKind::Panellist,
            person: None,
            organisation: Some(ProgrammeOrganisation {
                uid: None,
                name: "São Tomé and Príncipe".to_string(),
                acronym: "STP".to_string(),
            }),
            note: String::new(),
        },
    ];
    let mut b = ProgrammeSession::titled("row 2", "ห้องประชุม — Thai session 🙏");
    b.source_id = "17".to_string();
    b.uid = Some("8e1b9c2a-0000-4000-8000-000000000001".to_string());
    b.start = Some(at("2024-11-19 14:00"));
    b.end = Some(at("2024-11-19 15:00"));
    b.room = Some("ห้องประชุม ๒".to_string());
    b.source_kind = "Panel".to_string();
    let mut c = ProgrammeSession::titled("row 3", "Unscheduled & waiting");
    c.day = Some(day("2024-11-19"));
    let mut d = ProgrammeSession::titled("row 4", "No room \u{1}control");
    d.source_id = "17".to_string();
    d.start = Some(at("2024-11-19 16:00"));
    d.end = Some(at("2024-11-19 16:45"));
    p.sessions = vec![a, b, c, d];
    p
}

#[test]
fn a_programme_with_tricky_text_writes_valid_xml_and_json_and_reads_back() {
    let p = tricky();
    let xml = frab_xml::write(&p);
    if let Some(e) = xsd_errors(&xml) {
        panic!("{e}\n{xml}");
    }
    let json = frab_json::write(&p);
    if let Some(e) = schema2_errors(&schema2(), &json) {
        panic!("{e}\n{json}");
    }
    for (format, again) in [
        ("XML", frab_xml::read(xml.as_bytes()).unwrap()),
        ("JSON", frab_json::read(json.as_bytes()).unwrap()),
    ] {
        assert!(again.problems.is_empty(), "{format}: {:?}", again.problems);
        let q = &again.programme;
        assert_eq!(q.title, p.title, "{format}");
        assert_eq!(q.zone, p.zone, "{format}");
        // The unscheduled session cannot be in a frab day.
        assert_eq!(q.sessions.len(), 3, "{format}");
        let a = &q.sessions[0];
        assert_eq!(a.title, "Opening: \"Welcome\" & <remarks> 🎉", "{format}");
        assert_eq!(a.start, Some(at("2024-11-18 09:00")), "{format}");
        assert_eq!(a.room.as_deref(), Some("Plenary Hall <A> & B"), "{format}");
        assert!(
            a.description
                .starts_with("Line one & two\nسلام عليكم — مرحبا\n'quoted' \"double\" <tag>"),
            "{format}"
        );
        assert!(a.description.ends_with("Chair: H.E. Ms ณัฐ สุขใจ; Moderator: Jean-Luc O'Brien & Co; Panellist: São Tomé and Príncipe"), "{format}: {}", a.description);
        let names: Vec<String> = a
            .roles
            .iter()
            .map(|r| r.person.as_ref().unwrap().full_name())
            .collect();
        assert_eq!(
            names,
            [
                "H.E. Ms ณัฐ สุขใจ",
                "Dr. محمد بن سلمان",
                "Jean-Luc O'Brien & Co",
                "São Tomé and Príncipe"
            ],
            "{format}"
        );
        assert!(
            a.extras
                .contains(&("Track".to_string(), "Trade & <Investment>".to_string())),
            "{format}"
        );
        assert!(
            a.extras.contains(&(
                "Link".to_string(),
                "Background note https://example.org/a?b=1&c=2".to_string()
            )),
            "{format}"
        );
        let b = &q.sessions[1];
        assert_eq!(
            b.uid.as_deref(),
            Some("8e1b9c2a-0000-4000-8000-000000000001"),
            "{format}"
        );
        assert_eq!(b.room.as_deref(), Some("ห้องประชุม ๒"), "{format}");
        // XML cannot hold the control character; JSON keeps it.
        let title = if format == "XML" {
            "No room control"
        } else {
            "No room \u{1}control"
        };
        assert_eq!(q.sessions[2].title, title, "{format}");
        assert_eq!(q.sessions[2].room, None, "{format}");
    }
    // The clashing id 17 gets a fresh number after the largest.
    assert!(xml.contains("<event id=\"17\" guid=\"8e1b9c2a-0000-4000-8000-000000000001\">"));
    assert!(xml.contains("<event id=\"18\""));
    assert!(xml.contains("<date>2024-11-18T09:00:00+07:00</date>"));
    assert!(xml.contains("<acronym>ministerial_meeting_friends_sao_tome_and_principe</acronym>"));
    insta::assert_snapshot!("tricky_programme_xml", xml);
    insta::assert_snapshot!("tricky_programme_json", json);
}

#[test]
fn a_floating_programme_is_written_at_utc_offset_zero() {
    let mut p = tricky();
    p.zone = Zone::Floating;
    let xml = frab_xml::write(&p);
    assert!(xml.contains("<date>2024-11-18T09:00:00+00:00</date>"));
    assert!(!xml.contains("time_zone_name"));
    let again = frab_xml::read(xml.as_bytes()).unwrap().programme;
    assert_eq!(
        again.zone,
        Zone::Offset(chrono::FixedOffset::east_opt(0).unwrap())
    );
    assert_eq!(again.sessions[0].start, Some(at("2024-11-18 09:00")));
}

#[test]
fn bad_files_and_events_give_one_line_naming_the_element() {
    const SCHEDULE: &str = r#"<schedule><version>1</version><conference><title>T</title></conference>
        <day index="1" date="2024-01-02"><room name="R">EVENT</room></day></schedule>"#;
    let event = |inner: &str| {
        SCHEDULE.replace(
            "EVENT",
            &format!(r#"<event id="7" guid="a">{inner}</event>"#),
        )
    };
    // (input, error or problem line)
    let cases: Vec<(String, &str)> = vec![
        ("just some words, not XML".to_string(), "file: The file is not a frab schedule XML (no <schedule> element)."),
        ("\u{0}\u{1}binary<<>>".to_string(), "file: The file is not a frab schedule XML (no <schedule> element)."),
        ("<?xml version=\"1.0\"?>\n<schedule>\n<version>1</version>\n<day><room></schedule>".to_string(), "file: The schedule XML is not well-formed XML at line 4"),
        ("<html><body>Hello</body></html>".to_string(), "file: The file is not a frab schedule XML (no <schedule> element)."),
        ("<schedule><day><room><event></room></day></schedule>".to_string(), "file: The schedule XML is not well-formed XML at line 1"),
        (SCHEDULE.replace("EVENT", "<event id=\"7\"><title>A</title>").replace("</room></day></schedule>", ""), "file: The schedule XML ends at line 2 inside <event>; the file is cut short."),
        (SCHEDULE.replace("</schedule>", ""), "file: The schedule XML ends at line 2 inside <schedule>; the file is cut short."),
        (event("<title>A</title><date>yesterday at ten</date><duration>00:30</duration>"), "event 7: <date> \"yesterday at ten\" is not a date and time (use 2019-12-27T11:00:00+01:00)."),
        (event("<title>A</title><start>25h</start><duration>00:30</duration>"), "event 7: <start> \"25h\" is not a time (use HH:MM), and there is no <date>."),
        (event("<title>A</title><date>2024-01-02T10:00:00+01:00</date>"), "event 7: has no <duration>."),
        (event("<title>A</title><date>2024-01-02T10:00:00+01:00</date><duration>ninety</duration>"), "event 7: <duration> \"ninety\" is not a duration (use HH:MM)."),
        (event("<title> </title><date>2024-01-02T10:00:00+01:00</date><duration>00:30</duration>"), "event 7: <title> is empty."),
        (event(&format!("<title>{}</title><date>2024-01-02T10:00:00+01:00</date><duration>00:30</duration>", "x".repeat(301))), "event 7: <title> has 301 characters; a session title may have 300."),
    ];
    for (input, want) in cases {
        match frab_xml::read(input.as_bytes()) {
            Err(e) => {
                let line = format!("file: {}", e.to_string().trim_start_matches("file: "));
                assert!(line.starts_with(want), "{input}\n got {line}\nwant {want}");
                assert!(!line.contains('\n'));
            }
            Ok(r) => {
                let lines: Vec<String> = r.problems.iter().map(|p| p.line()).collect();
                assert_eq!(lines, [want], "{input}");
                assert!(r.programme.sessions.is_empty(), "{input}");
            }
        }
    }
}

#[test]
fn cdata_entities_and_whitespace_are_read_as_text() {
    let xml = "\u{feff}<?xml version=\"1.0\"?>\n<schedule>\n <conference><title>  A &amp; B  </title><time_zone_name>Europe/Vienna</time_zone_name></conference>\n\
        <day date=\"2024-03-31\" index=\"1\"><room name=\" Hall &#x41; \">\n\
        <event id=\"1\"><date>2024-03-31T01:30:00+01:00</date><duration>1:00</duration>\
        <title><![CDATA[<b>Bold</b> & more]]></title><description>caf&#233; &nbsp;x</description><persons><person id=\"3\" role=\"moderator\"> Ann  Lee </person><person/></persons></event>\n\
        </room></day></schedule>";
    let r = frab_xml::read(xml.as_bytes()).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let p = r.programme;
    assert_eq!(p.title, "A & B");
    let s = &p.sessions[0];
    assert_eq!(s.title, "<b>Bold</b> & more");
    assert_eq!(s.description, "café &nbsp;x");
    assert_eq!(s.room.as_deref(), Some("Hall A"));
    // Across the spring clock change: 01:30 +01:00 is 01:30 in Vienna, an hour later 03:30.
    assert_eq!(s.start, Some(at("2024-03-31 01:30")));
    assert_eq!(s.end, Some(at("2024-03-31 03:30")));
    assert_eq!(s.roles.len(), 1);
    assert_eq!(s.roles[0].kind, RoleKind::Moderator);
    assert_eq!(s.roles[0].person.as_ref().unwrap().full_name(), "Ann Lee");
}

struct JsonExample {
    file: &'static str,
    sessions: usize,
    rooms: usize,
    zone: &'static str,
}

const JSON_EXAMPLES: &[JsonExample] = &[
    JsonExample {
        file: "json-frab-camp2019.json",
        sessions: 79,
        rooms: 0,
        zone: "Europe/Berlin",
    },
    JsonExample {
        file: "json-hub-schedule2.json",
        sessions: 2,
        rooms: 5,
        zone: "Europe/Berlin",
    },
    JsonExample {
        file: "json-pretalx-democon.json",
        sessions: 36,
        rooms: 0,
        zone: "UTC",
    },
    JsonExample {
        file: "json-pretalx-rc3.json",
        sessions: 48,
        rooms: 0,
        zone: "+01:00",
    },
    // Invalid against the schema (string ids, a non-ASCII person code),
    // but its one event reads.
    JsonExample {
        file: "json-invalid-example.json",
        sessions: 1,
        rooms: 1,
        zone: "Europe/Zurich",
    },
];

#[test]
fn the_json_examples_read_as_schedules() {
    for case in JSON_EXAMPLES {
        let r = frab_json::read(&bytes(&format!("schedule-schemas/examples/{}", case.file)))
            .unwrap_or_else(|e| panic!("{}: {e}", case.file));
        assert!(r.problems.is_empty(), "{}: {:?}", case.file, r.problems);
        assert_eq!(r.programme.sessions.len(), case.sessions, "{}", case.file);
        if case.rooms > 0 {
            assert_eq!(r.programme.rooms.len(), case.rooms, "{}", case.file);
        }
        assert_eq!(zone_text(r.programme.zone), case.zone, "{}", case.file);
        assert!(r
            .programme
            .sessions
            .iter()
            .all(|s| s.start.is_some() && !s.title.is_empty()));
    }
    let hub = frab_json::read(&bytes("schedule-schemas/examples/json-hub-schedule2.json")).unwrap();
    let s = &hub.programme.sessions[0];
    assert_eq!(s.start, Some(at("2024-12-27 10:30")));
    assert_eq!(s.end, Some(at("2024-12-27 11:00")));
    assert_eq!(s.room.as_deref(), Some("Saal 1"));
    let roles: Vec<(RoleKind, String)> = s
        .roles
        .iter()
        .map(|r| (r.kind, r.person.as_ref().unwrap().full_name()))
        .collect();
    assert_eq!(
        roles,
        [
            (RoleKind::Speaker, "Gabriela Bogk".to_string()),
            (RoleKind::Speaker, "Aline Blankertz".to_string()),
            (RoleKind::Panellist, "Senficon".to_string()),
        ]
    );
    assert!(s.extras.contains(&(
        "Feedback URL".to_string(),
        "https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/feedback/".to_string()
    )));
    let democon = frab_json::read(&bytes(
        "schedule-schemas/examples/json-pretalx-democon.json",
    ))
    .unwrap();
    let s = democon
        .programme
        .sessions
        .iter()
        .find(|s| s.source_id == "25")
        .unwrap();
    assert_eq!(s.title, "Focused 5thgeneration hardware");
    assert_eq!(s.start, Some(at("2020-12-14 08:00")));
    assert_eq!(s.roles[0].person.as_ref().unwrap().source_id, "26");
    let invalid = frab_json::read(&bytes(
        "schedule-schemas/examples/json-invalid-example.json",
    ))
    .unwrap();
    let s = &invalid.programme.sessions[0];
    assert_eq!(
        (s.source_id.as_str(), s.title.as_str()),
        ("2814", "Internal Penetration Testing Basics")
    );
    assert_eq!(s.roles[0].person.as_ref().unwrap().written, "Mänu");
}

#[test]
fn files_that_are_not_schedule_json_give_one_line() {
    let cases: &[(&[u8], &str)] = &[
        (&bytes("schedule-schemas/examples/submission-json-frab-event.json"), "file: The file is a single submission, not a schedule JSON (no \"schedule\" object)."),
        (&bytes("schedule-schemas/examples/submission-json-pretalx-submission.json"), "file: The file is not JSON (line 1, column 1); it is not a schedule JSON."),
        (b"[1, 2, 3]", "file: The file is not a schedule JSON (no \"schedule\" object)."),
        (b"<schedule/>", "file: The file is not JSON (line 1, column 1); it is not a schedule JSON."),
        (br#"{"schedule": {"conference": {"days": [{"date": "2024-01-02", "rooms": {"R": [{"id": 4, "title": "A", "date": "2024-01-02T10:00:00Z"}]}}]}}}"#, "event 4: has no \"duration\"."),
        (br#"{"schedule": {"events": [{"id": 5, "title": "A", "start": "10:00", "duration": "0:30"}]}}"#, "event 5: has a \"start\" but no \"date\" and is in no day with a date."),
        (br#"{"schedule": {"events": [{"guid": "g", "title": "A", "start": "soon", "end": "later"}]}}"#, "event g: \"start\" \"soon\" is not a time (use HH:MM), and there is no \"date\"."),
    ];
    for (input, want) in cases {
        let got = match frab_json::read(input) {
            Err(e) => e.to_string(),
            Ok(r) => r
                .problems
                .iter()
                .map(|p| p.line())
                .collect::<Vec<_>>()
                .join("\n"),
        };
        assert_eq!(&got, want);
    }
}

#[test]
fn cut_and_mangled_copies_of_real_schedules_never_panic() {
    let sources = [
        bytes("schedules/giggity-debconf23.xml"),
        bytes("schedule-schemas/examples/json-pretalx-democon.json"),
    ];
    for source in &sources {
        let mut inputs: Vec<Vec<u8>> = (0..source.len())
            .step_by(8191)
            .map(|cut| source.get(..cut).unwrap_or_default().to_vec())
            .collect();
        let mut mangled = source.clone();
        for i in (0..mangled.len()).step_by(997) {
            mangled[i] ^= 0x5a;
        }
        inputs.push(mangled);
        for input in inputs {
            for reading in [frab_xml::read(&input), frab_json::read(&input)]
                .into_iter()
                .flatten()
            {
                let xml = frab_xml::write(&reading.programme);
                assert!(frab_xml::read(xml.as_bytes()).is_ok());
                let json = frab_json::write(&reading.programme);
                assert!(frab_json::read(json.as_bytes()).is_ok());
            }
        }
    }
}

#[test]
fn durations_read_as_frab_and_schema2_write_them() {
    use super::frab::parse_duration;
    let cases: &[(&str, Option<i64>)] = &[
        ("00:30", Some(30)),
        ("1:00", Some(60)),
        ("6:00", Some(360)),
        ("25:15", Some(1515)),
        ("00:05:00", Some(5)),
        ("01:30:59", Some(90)),
        ("PT1H30M", Some(90)),
        ("PT45M", Some(45)),
        ("PT90S", Some(1)),
        ("", None),
        ("90", None),
        ("1:60", None),
        ("-1:00", None),
        ("1h30", None),
        ("PT", Some(0)),
        ("PTH", None),
        ("PT99999999999H", None),
    ];
    for (text, minutes) in cases {
        assert_eq!(
            parse_duration(text).map(|d| d.num_minutes()),
            *minutes,
            "{text:?}"
        );
    }
}

#[test]
fn person_roles_map_from_the_words_files_use() {
    use super::frab::role_from_word;
    let cases: &[(&str, Option<RoleKind>)] = &[
        ("", Some(RoleKind::Speaker)),
        ("SPEAKER", Some(RoleKind::Speaker)),
        ("moderator", Some(RoleKind::Moderator)),
        ("HOST", Some(RoleKind::Chair)),
        ("co-chair", Some(RoleKind::CoChair)),
        ("CONTRIBUTOR", Some(RoleKind::Panellist)),
        ("panelist", Some(RoleKind::Panellist)),
        ("Rapporteur", Some(RoleKind::Rapporteur)),
        ("juggler", None),
    ];
    for (word, kind) in cases {
        assert_eq!(role_from_word(word), *kind, "{word:?}");
    }
}

#[test]
fn web_addresses_are_written_as_uris_and_acronyms_as_the_schemas_want() {
    use super::frab::{acronym, uri};
    let cases = [
        ("https://zügli.app", "https://z%C3%BCgli.app"),
        (
            "https://chat.fosdem.org/#/room/#fedora:fosdem.org",
            "https://chat.fosdem.org/#/room/%23fedora:fosdem.org",
        ),
        ("https://a.org/x y?q=<1>", "https://a.org/x%20y?q=%3C1%3E"),
        ("https://a.org/100%", "https://a.org/100%25"),
        ("https://a.org/%C3%BC", "https://a.org/%C3%BC"),
    ];
    for (text, want) in cases {
        assert_eq!(uri(text), want);
    }
    let cases = [
        ("38c3", "", "38c3"),
        ("Camp2019", "", "camp2019"),
        ("rc3-channels-2020", "", "rc3_channels_2020"),
        (
            "",
            "São Tomé and Príncipe Forum",
            "sao_tome_and_principe_forum",
        ),
        ("", "ประชุม", "programme"),
        ("", "G7", "g7__"),
    ];
    for (own, title, want) in cases {
        let mut p = Programme::empty(title, Zone::Floating);
        p.acronym = own.to_string();
        assert_eq!(acronym(&p), want, "{own:?} {title:?}");
    }
}

#[test]
fn a_session_without_a_track_takes_its_events_short_name() {
    let mut p = tricky();
    p.events.push(super::programme::ProgrammeEvent {
        uid: None,
        title: "Senior Officials' Meeting".to_string(),
        short_name: "SOM".to_string(),
        first_day: None,
        last_day: None,
        description: String::new(),
    });
    p.sessions[1].event = Some(0);
    let xml = frab_xml::write(&p);
    assert!(xml.contains("<track>SOM</track>"));
    let json = frab_json::write(&p);
    assert!(json.contains("\"name\": \"SOM\""));
}

#[test]
fn oversized_overfull_and_overdeep_files_are_refused_with_one_line() {
    let too_big = vec![b' '; crate::limits::MAX_PROGRAMME_BYTES + 1];
    let event = r#"<event id="1"><title>A</title><date>2024-01-02T10:00:00Z</date><duration>0:30</duration></event>"#;
    let overfull = format!(
        "<schedule><day date=\"2024-01-02\"><room name=\"R\">{}</room></day></schedule>",
        event.repeat(crate::limits::MAX_PROGRAMME_SESSIONS + 1)
    );
    let json_event = r#"{"id":1,"title":"A","date":"2024-01-02T10:00:00Z","duration":"0:30"},"#;
    let json_overfull = format!(
        "{{\"schedule\":{{\"events\":[{}{{}}]}}}}",
        json_event.repeat(crate::limits::MAX_PROGRAMME_SESSIONS + 1)
    );
    let deep = format!("<schedule>{}", "<a>".repeat(100));
    let cases: Vec<(&[u8], bool, &str)> = vec![
        (
            &too_big,
            true,
            "file: The file is larger than 50 MB; a schedule is far smaller.",
        ),
        (
            &too_big,
            false,
            "file: The file is larger than 50 MB; a schedule is far smaller.",
        ),
        (
            overfull.as_bytes(),
            true,
            "file: The schedule has more than 50000 events; import it in parts.",
        ),
        (
            json_overfull.as_bytes(),
            false,
            "file: The schedule has more than 50000 events; import it in parts.",
        ),
        (
            deep.as_bytes(),
            true,
            "file: The schedule XML nests elements deeper than 64; it is not a frab schedule.",
        ),
    ];
    for (input, xml, want) in cases {
        let got = if xml {
            frab_xml::read(input)
        } else {
            frab_json::read(input)
        };
        assert_eq!(got.err().map(|e| e.to_string()).as_deref(), Some(want));
    }
}

#[test]
fn the_handwritten_positive_controls_read_and_write_back_valid() {
    let validator = schema2();
    for (file, rooms) in [
        ("schedule-schemas/own-samples/minimal-valid-schedule.xml", 2),
        (
            "schedule-schemas/own-samples/minimal-valid-schedule.json",
            1,
        ),
    ] {
        let input = bytes(file);
        let r = if file.ends_with(".xml") {
            frab_xml::read(&input)
        } else {
            frab_json::read(&input)
        }
        .unwrap();
        assert!(r.problems.is_empty(), "{file}: {:?}", r.problems);
        let p = &r.programme;
        assert_eq!(p.zone, Zone::Named(chrono_tz::Asia::Makassar), "{file}");
        assert_eq!(p.rooms.len(), rooms, "{file}");
        let s = &p.sessions[0];
        assert_eq!(s.title, "Opening plenary", "{file}");
        assert_eq!(s.start, Some(at("2025-02-10 09:00")), "{file}");
        assert_eq!(s.end, Some(at("2025-02-10 10:30")), "{file}");
        assert_eq!(s.description, "Opening remarks by the co-chairs.", "{file}");
        assert_eq!(
            s.roles[0].person.as_ref().unwrap().written,
            "Co-Chair A",
            "{file}"
        );
        assert_eq!(xsd_errors(&frab_xml::write(p)), None, "{file}");
        assert_eq!(
            schema2_errors(&validator, &frab_json::write(p)),
            None,
            "{file}"
        );
    }
}
