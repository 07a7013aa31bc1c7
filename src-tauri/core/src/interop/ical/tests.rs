use super::{read, write};
use crate::interop::programme::{
    Programme, ProgrammeOrganisation, ProgrammePerson, ProgrammeRole, ProgrammeSession, Reading,
    Zone,
};
use crate::model::{RoleKind, SessionKind};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// A calendar around `body`, with CRLF line ends.
fn ics(body: &str) -> Vec<u8> {
    format!("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Test//EN\n{body}END:VCALENDAR\n")
        .replace('\n', "\r\n")
        .into_bytes()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn tz(name: &str) -> Tz {
    name.parse().unwrap()
}

/// Each session as (uid, title, start, end): wall-clock times, or the day
/// and "" for an all-day item.
fn sessions(r: &Reading) -> Vec<(String, String, String, String)> {
    r.programme
        .sessions
        .iter()
        .map(|s| {
            let (start, end) = match (s.start, s.end) {
                (Some(a), Some(b)) => (
                    a.format("%Y-%m-%d %H:%M").to_string(),
                    b.format("%Y-%m-%d %H:%M").to_string(),
                ),
                _ => (
                    s.day.map(|d| d.to_string()).unwrap_or_default(),
                    String::new(),
                ),
            };
            (
                s.uid.clone().unwrap_or_else(|| "-".into()),
                s.title.clone(),
                start,
                end,
            )
        })
        .collect()
}

const OUTLOOK_BERLIN: &str = "BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:040000008200E00074C5B7101A82E008
SUMMARY;LANGUAGE=en-US:Bureau meeting
DTSTART;TZID=W. Europe Standard Time:20241028T090000
DTEND;TZID=W. Europe Standard Time:20241028T103000
LOCATION:Room A
END:VEVENT
BEGIN:VEVENT
UID:o2
SUMMARY:Summer call
DTSTART;TZID=\"W. Europe Standard Time\":20240715T160000
DTEND;TZID=\"W. Europe Standard Time\":20240715T170000
END:VEVENT
";

/// Outlook's own name for a zone it could not name, with the rules of
/// central Europe.
fn customized() -> String {
    OUTLOOK_BERLIN
        .replace("W. Europe Standard Time", "Customized Time Zone")
        .replace("TZID;TZID", "TZID")
}

const GOOGLE_BANGKOK: &str = "X-WR-CALNAME:Regional Forum
X-WR-TIMEZONE:Asia/Bangkok
BEGIN:VEVENT
DTSTART:20241118T020000Z
DTEND:20241118T033000Z
UID:g1@google.com
SUMMARY:Opening
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Asia/Bangkok:20241118T130000
DTEND;TZID=Asia/Bangkok:20241118T143000
UID:g2@google.com
SUMMARY:Panel
END:VEVENT
";

const NO_VTIMEZONE: &str = "BEGIN:VEVENT
UID:t1
SUMMARY:Morning
DTSTART;TZID=Tokyo Standard Time:20241118T100000
DTEND;TZID=Tokyo Standard Time:20241118T110000
END:VEVENT
BEGIN:VEVENT
UID:t2
SUMMARY:Afternoon
DTSTART;TZID=Asia/Tokyo:20241118T140000
DTEND;TZID=Asia/Tokyo:20241118T150000
END:VEVENT
BEGIN:VEVENT
UID:t3
SUMMARY:From Paris
DTSTART;TZID=Europe/Paris:20241118T090000
DTEND;TZID=Europe/Paris:20241118T100000
END:VEVENT
";

const UTC_ONLY: &str = "BEGIN:VEVENT
UID:u1
SUMMARY:Call
DTSTART:20241118T090000Z
DTEND:20241118T100000Z
END:VEVENT
";

const FLOATING: &str = "BEGIN:VEVENT
UID:f1
SUMMARY:Lunch
DTSTART:20241118T120000
DTEND:20241118T133000
END:VEVENT
";

const ALL_DAY: &str = "BEGIN:VEVENT
UID:a1
SUMMARY:Site visit
DTSTART;VALUE=DATE:20241119
DTEND;VALUE=DATE:20241120
END:VEVENT
BEGIN:VEVENT
UID:a2
SUMMARY:Exhibition
DTSTART;VALUE=DATE:20241118
DTEND;VALUE=DATE:20241121
END:VEVENT
";

const WEEKLY: &str = "BEGIN:VEVENT
UID:w1
SUMMARY:Working group
DTSTART;TZID=Europe/Berlin:20241014T090000
DTEND;TZID=Europe/Berlin:20241014T100000
RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10
EXDATE;TZID=Europe/Berlin:20241023T090000
RDATE;TZID=Europe/Berlin:20241025T140000
END:VEVENT
BEGIN:VEVENT
UID:w1
RECURRENCE-ID;TZID=Europe/Berlin:20241028T090000
SUMMARY:Working group (moved)
DTSTART;TZID=Europe/Berlin:20241028T110000
DTEND;TZID=Europe/Berlin:20241028T120000
END:VEVENT
";

const LIC_LOCATION: &str = "BEGIN:VTIMEZONE
TZID:My office
X-LIC-LOCATION:Asia/Singapore
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:+0800
TZOFFSETTO:+0800
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:l1
SUMMARY:Retreat
DTSTART;TZID=My office:20241118T090000
DTEND;TZID=My office:20241118T170000
END:VEVENT
";

const MONTHLY: &str = "BEGIN:VEVENT
UID:m1
SUMMARY:Steering committee
DTSTART:20241008T100000
DTEND:20241008T110000
RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3
END:VEVENT
";

const DAILY_UNTIL: &str = "BEGIN:VEVENT
UID:d1
SUMMARY:Briefing
DTSTART;TZID=America/New_York:20240308T080000
DTEND;TZID=America/New_York:20240308T083000
RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20240313T000000Z
END:VEVENT
";

const DURATION: &str = "BEGIN:VEVENT
UID:p1
SUMMARY:Plenary
DTSTART;TZID=Asia/Bangkok:20241118T090000
DURATION:PT1H30M
END:VEVENT
";

const ESCAPED: &str = "BEGIN:VEVENT
UID:e1
SUMMARY:Talks\\, panels\\; more\\\\less
DESCRIPTION:First line\\nSecond line\\, with a comma
DTSTART:20241118T090000
DTEND:20241118T100000
END:VEVENT
";

/// "São Tomé and Príncipe" folded inside the two bytes of "é".
fn folded_inside_a_character() -> Vec<u8> {
    let mut body =
        b"BEGIN:VEVENT\r\nUID:s1\r\nSUMMARY:S\xC3\xA3o Tom\xC3\r\n \xA9 and Pr\xC3\xADncipe\r\n"
            .to_vec();
    body.extend_from_slice(b"DTSTART:20241118T090000\r\nDTEND:20241118T100000\r\nEND:VEVENT\r\n");
    let mut out = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n".to_vec();
    out.extend(body);
    out.extend_from_slice(b"END:VCALENDAR\r\n");
    out
}

type Expected = &'static [(&'static str, &'static str, &'static str, &'static str)];
/// Name, input, window, the zone read and the sessions read.
type Case = (
    &'static str,
    Vec<u8>,
    Option<(NaiveDate, NaiveDate)>,
    Zone,
    Expected,
);

#[test]
fn calendars_from_every_planner_read_to_the_exact_wall_clock() {
    let window = Some((day("2024-10-21"), day("2024-10-30")));
    let cases: Vec<Case> = vec![
        (
            "outlook windows tzid with vtimezone",
            ics(OUTLOOK_BERLIN),
            None,
            Zone::Named(tz("Europe/Berlin")),
            &[
                (
                    "040000008200E00074C5B7101A82E008",
                    "Bureau meeting",
                    "2024-10-28 09:00",
                    "2024-10-28 10:30",
                ),
                ("o2", "Summer call", "2024-07-15 16:00", "2024-07-15 17:00"),
            ],
        ),
        (
            "outlook customized time zone read by its rules",
            ics(&customized()),
            None,
            Zone::Named(tz("Europe/Berlin")),
            &[
                (
                    "040000008200E00074C5B7101A82E008",
                    "Bureau meeting",
                    "2024-10-28 09:00",
                    "2024-10-28 10:30",
                ),
                ("o2", "Summer call", "2024-07-15 16:00", "2024-07-15 17:00"),
            ],
        ),
        (
            "a custom tzid with x-lic-location",
            ics(LIC_LOCATION),
            None,
            Zone::Named(tz("Asia/Singapore")),
            &[("l1", "Retreat", "2024-11-18 09:00", "2024-11-18 17:00")],
        ),
        (
            "google utc times and x-wr-timezone",
            ics(GOOGLE_BANGKOK),
            None,
            Zone::Named(tz("Asia/Bangkok")),
            &[
                (
                    "g1@google.com",
                    "Opening",
                    "2024-11-18 09:00",
                    "2024-11-18 10:30",
                ),
                (
                    "g2@google.com",
                    "Panel",
                    "2024-11-18 13:00",
                    "2024-11-18 14:30",
                ),
            ],
        ),
        (
            "tzid without vtimezone, the most common zone wins",
            ics(NO_VTIMEZONE),
            None,
            Zone::Named(tz("Asia/Tokyo")),
            &[
                ("t1", "Morning", "2024-11-18 10:00", "2024-11-18 11:00"),
                ("t2", "Afternoon", "2024-11-18 14:00", "2024-11-18 15:00"),
                ("t3", "From Paris", "2024-11-18 17:00", "2024-11-18 18:00"),
            ],
        ),
        (
            "utc only",
            ics(UTC_ONLY),
            None,
            Zone::Named(Tz::UTC),
            &[("u1", "Call", "2024-11-18 09:00", "2024-11-18 10:00")],
        ),
        (
            "floating",
            ics(FLOATING),
            None,
            Zone::Floating,
            &[("f1", "Lunch", "2024-11-18 12:00", "2024-11-18 13:30")],
        ),
        (
            "all-day, one day and several",
            ics(ALL_DAY),
            None,
            Zone::Floating,
            &[
                ("a1", "Site visit", "2024-11-19", ""),
                ("a2", "Exhibition", "2024-11-18", ""),
            ],
        ),
        (
            "weekly with exdate and a moved occurrence, across a clock change",
            ics(WEEKLY),
            window,
            Zone::Named(tz("Europe/Berlin")),
            &[
                (
                    "w1/2024-10-21",
                    "Working group",
                    "2024-10-21 09:00",
                    "2024-10-21 10:00",
                ),
                (
                    "w1/2024-10-25",
                    "Working group",
                    "2024-10-25 14:00",
                    "2024-10-25 15:00",
                ),
                (
                    "w1/2024-10-28",
                    "Working group (moved)",
                    "2024-10-28 11:00",
                    "2024-10-28 12:00",
                ),
                (
                    "w1/2024-10-30",
                    "Working group",
                    "2024-10-30 09:00",
                    "2024-10-30 10:00",
                ),
            ],
        ),
        (
            "monthly on the second tuesday, within the first year",
            ics(MONTHLY),
            None,
            Zone::Floating,
            &[
                (
                    "m1",
                    "Steering committee",
                    "2024-10-08 10:00",
                    "2024-10-08 11:00",
                ),
                (
                    "m1/2024-11-12",
                    "Steering committee",
                    "2024-11-12 10:00",
                    "2024-11-12 11:00",
                ),
                (
                    "m1/2024-12-10",
                    "Steering committee",
                    "2024-12-10 10:00",
                    "2024-12-10 11:00",
                ),
            ],
        ),
        (
            "every other day until a utc time, across the spring change",
            ics(DAILY_UNTIL),
            None,
            Zone::Named(tz("America/New_York")),
            &[
                ("d1", "Briefing", "2024-03-08 08:00", "2024-03-08 08:30"),
                (
                    "d1/2024-03-10",
                    "Briefing",
                    "2024-03-10 08:00",
                    "2024-03-10 08:30",
                ),
                (
                    "d1/2024-03-12",
                    "Briefing",
                    "2024-03-12 08:00",
                    "2024-03-12 08:30",
                ),
            ],
        ),
        (
            "duration instead of dtend",
            ics(DURATION),
            None,
            Zone::Named(tz("Asia/Bangkok")),
            &[("p1", "Plenary", "2024-11-18 09:00", "2024-11-18 10:30")],
        ),
        (
            "a fold inside a character",
            folded_inside_a_character(),
            None,
            Zone::Floating,
            &[(
                "s1",
                "São Tomé and Príncipe",
                "2024-11-18 09:00",
                "2024-11-18 10:00",
            )],
        ),
        (
            "escaped text",
            ics(ESCAPED),
            None,
            Zone::Floating,
            &[(
                "e1",
                "Talks, panels; more\\less",
                "2024-11-18 09:00",
                "2024-11-18 10:00",
            )],
        ),
    ];
    for (name, input, window, zone, expected) in cases {
        let r = read(&input, window).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(r.problems, vec![], "{name}");
        assert_eq!(r.programme.zone, zone, "{name}");
        let want: Vec<(String, String, String, String)> = expected
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect();
        assert_eq!(sessions(&r), want, "{name}");
    }
}

#[test]
fn a_description_keeps_its_lines_and_a_multi_day_item_its_last_day() {
    let r = read(&ics(ESCAPED), None).unwrap();
    assert_eq!(
        r.programme.sessions[0].description,
        "First line\nSecond line, with a comma"
    );
    let r = read(&ics(ALL_DAY), None).unwrap();
    assert_eq!(
        r.programme.sessions[1].extras,
        vec![("Until".to_string(), "2024-11-20".to_string())]
    );
    assert!(r.report.iter().any(|l| l.contains("span several days")));
}

#[test]
fn outlook_names_are_reported_as_read() {
    let r = read(&ics(OUTLOOK_BERLIN), None).unwrap();
    assert!(r
        .report
        .contains(&"TZID \"W. Europe Standard Time\" read as Europe/Berlin.".to_string()));
    let r = read(&ics(&customized()), None).unwrap();
    assert!(r
        .report
        .contains(&"TZID \"Customized Time Zone\" read as Europe/Berlin.".to_string()));
}

#[test]
fn invitations_keep_attendees_as_extras_and_cancelled_items_and_todos_are_reported() {
    let body = "BEGIN:VEVENT
UID:i1
SUMMARY:Bilateral
DTSTART:20241118T090000Z
DTEND:20241118T100000Z
ORGANIZER;CN=Jane Doe:mailto:jane@example.org
ATTENDEE;CN=\"Doe, John\";ROLE=REQ-PARTICIPANT:mailto:john@example.org
ATTENDEE:mailto:amal@example.org
CATEGORIES:Meeting,Bilateral
URL:https://example.org/b
END:VEVENT
BEGIN:VEVENT
UID:i2
SUMMARY:Dropped
STATUS:CANCELLED
DTSTART:20241118T110000Z
DTEND:20241118T120000Z
END:VEVENT
BEGIN:VTODO
UID:todo
SUMMARY:Book rooms
END:VTODO
";
    let r = read(&ics(body), None).unwrap();
    assert_eq!(r.programme.sessions.len(), 1);
    let s = &r.programme.sessions[0];
    assert_eq!(s.source_kind, "Meeting");
    assert!(s.roles.is_empty());
    assert_eq!(
        s.extras,
        vec![
            ("Categories".to_string(), "Bilateral".to_string()),
            ("Link".to_string(), "https://example.org/b".to_string()),
            ("Organizer".to_string(), "Jane Doe".to_string()),
            (
                "Attendees".to_string(),
                "Doe, John; amal@example.org".to_string()
            ),
        ]
    );
    assert!(r
        .report
        .contains(&"VEVENT 2 (UID i2): cancelled; left out.".to_string()));
    assert!(r
        .report
        .contains(&"1 VTODO ignored: only VEVENTs become sessions.".to_string()));
}

#[test]
fn bad_items_are_one_line_each_and_the_rest_is_kept() {
    let good = "BEGIN:VEVENT
UID:ok
SUMMARY:Fine
DTSTART:20241118T090000Z
DTEND:20241118T100000Z
END:VEVENT
";
    let cases = [
        (
            "BEGIN:VEVENT\nUID:bad\nSUMMARY:X\nDTSTART;TZID=Foo/Bar:20241118T090000\nDTEND;TZID=Foo/Bar:20241118T100000\nEND:VEVENT\n",
            "VEVENT 1 (UID bad): time zone \"Foo/Bar\" is not known.",
        ),
        (
            "BEGIN:VEVENT\nUID:bad\nSUMMARY:X\nDTSTART:20241118T090000Z\nDTEND:20241118T080000Z\nEND:VEVENT\n",
            "VEVENT 1 (UID bad): It ends (DTEND 2024-11-18 08:00) before it starts (DTSTART 2024-11-18 09:00).",
        ),
        (
            "BEGIN:VEVENT\nUID:bad\nSUMMARY:X\nDTEND:20241118T080000Z\nEND:VEVENT\n",
            "VEVENT 1 (UID bad): There is no DTSTART.",
        ),
        (
            "BEGIN:VEVENT\nSUMMARY:X\nDTSTART:20241118T090000Z\nEND:VEVENT\n",
            "VEVENT 1: There is no DTEND or DURATION: a session needs an end.",
        ),
        (
            "BEGIN:VEVENT\nUID:bad\nSUMMARY:X\nDTSTART:2024-11-31T09:00\nDTEND:20241118T100000Z\nEND:VEVENT\n",
            "VEVENT 1 (UID bad): DTSTART \"2024-11-31T09:00\" is not a date or time.",
        ),
    ];
    for (bad, line) in cases {
        let r = read(&ics(&format!("{bad}{good}")), None).unwrap();
        let lines: Vec<String> = r.problems.iter().map(|p| p.line()).collect();
        assert_eq!(lines, vec![line.to_string()]);
        assert_eq!(r.programme.sessions.len(), 1, "{line}");
        assert_eq!(r.programme.sessions[0].title, "Fine");
    }
}

#[test]
fn a_file_that_is_not_a_calendar_is_refused_in_one_line() {
    for input in [
        &b"Title,Start,End\nOpening,09:00,10:00\n"[..],
        b"",
        b"\xFF\xFE\x00garbage",
        b"BEGIN:VCARD\r\nFN:Jane\r\nEND:VCARD\r\n",
    ] {
        let err = read(input, None).unwrap_err();
        assert_eq!(
            format!("{err}"),
            format!(
                "{}",
                crate::error::CoreError::invalid(
                    "file",
                    "This is not an iCalendar file: it has no BEGIN:VCALENDAR."
                )
            )
        );
    }
}

#[test]
fn a_rule_not_read_keeps_the_first_occurrence_with_a_report_line() {
    let body = "BEGIN:VEVENT
UID:r1
SUMMARY:Odd
DTSTART:20241118T090000
DTEND:20241118T100000
RRULE:FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1
END:VEVENT
";
    let r = read(&ics(body), None).unwrap();
    assert_eq!(r.programme.sessions.len(), 1);
    assert!(
        r.report.iter().any(|l| l.contains("BYSETPOS")),
        "{:?}",
        r.report
    );
}

#[test]
fn an_endless_rule_stops_at_a_thousand_occurrences() {
    let body = "BEGIN:VEVENT
UID:r1
SUMMARY:Daily
DTSTART:20240101T090000
DTEND:20240101T100000
RRULE:FREQ=DAILY
END:VEVENT
";
    let window = Some((day("2024-01-01"), day("2030-12-31")));
    let r = read(&ics(body), window).unwrap();
    assert_eq!(r.programme.sessions.len(), 1000);
    assert!(r.report.iter().any(|l| l.contains("more than 1000")));
}

#[test]
fn durations_read_as_written() {
    use super::read::duration_for_tests as d;
    assert_eq!(d("PT1H30M"), Some(chrono::Duration::minutes(90)));
    assert_eq!(d("P1DT2H"), Some(chrono::Duration::hours(26)));
    assert_eq!(d("P2W"), Some(chrono::Duration::days(14)));
    assert_eq!(d("-PT1H"), None);
    assert_eq!(d("P"), None);
    assert_eq!(d("PT99999999999999999H"), None);
}

#[test]
fn every_windows_name_in_the_table_is_a_known_zone() {
    for (windows, iana) in super::zones::windows_names() {
        assert!(iana.parse::<Tz>().is_ok(), "{windows} -> {iana}");
    }
    for (name, want) in [
        ("SE Asia Standard Time", "Asia/Bangkok"),
        ("Romance Standard Time", "Europe/Paris"),
        ("Eastern Standard Time", "America/New_York"),
        ("GMT Standard Time", "Europe/London"),
        ("India Standard Time", "Asia/Kolkata"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("Arabian Standard Time", "Asia/Dubai"),
        ("/mozilla.org/20050126_1/Europe/Berlin", "Europe/Berlin"),
        (
            "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
            "Europe/Amsterdam",
        ),
    ] {
        assert_eq!(
            super::zones::iana(name).map(|t| t.name()),
            Some(want),
            "{name}"
        );
    }
    assert_eq!(super::zones::iana("Foo/Bar"), None);
}

// ---- Writing ----

fn person(
    honorific: &str,
    given: &str,
    family: &str,
    position: &str,
    org: &str,
) -> ProgrammePerson {
    let mut p = ProgrammePerson::from_name(&format!("{given} {family}"));
    p.honorific = honorific.into();
    p.given_name = given.into();
    p.family_name = family.into();
    p.position = position.into();
    p.organisation = (!org.is_empty()).then(|| ProgrammeOrganisation {
        uid: None,
        name: org.into(),
        acronym: String::new(),
    });
    p
}

fn role(kind: RoleKind, p: ProgrammePerson) -> ProgrammeRole {
    ProgrammeRole {
        uid: None,
        kind,
        organisation: p.organisation.clone(),
        person: Some(p),
        note: String::new(),
    }
}

fn session(uid: Option<&str>, title: &str, start: &str, end: &str, room: &str) -> ProgrammeSession {
    let mut s = ProgrammeSession::titled("row", title);
    s.uid = uid.map(str::to_string);
    s.start = Some(at(start));
    s.end = Some(at(end));
    s.day = s.start.map(|t| t.date());
    s.room = Some(room.to_string());
    s
}

/// A week of sessions in `zone`, each day at 09:00 and one around 02:00.
fn week(zone: Zone, days: &[&str]) -> Programme {
    let mut p = Programme::empty("Week, with a comma; and more", zone);
    for (i, d) in days.iter().enumerate() {
        let mut s = session(
            Some(&format!("s{i}")),
            &format!("Session {i}"),
            &format!("{d} 09:00"),
            &format!("{d} 10:30"),
            "Plenary Hall",
        );
        s.roles = vec![
            role(
                RoleKind::Chair,
                person(
                    "H.E.",
                    "Jane",
                    "Doe",
                    "Minister",
                    "Ministry of Foreign Affairs",
                ),
            ),
            role(
                RoleKind::Panellist,
                person("", "Somchai", "Jaidee", "", "São Tomé and Príncipe"),
            ),
            role(
                RoleKind::Panellist,
                person("Dr", "Amal", "Haddad", "Director", "UNESCAP"),
            ),
        ];
        s.description = "Opening remarks, then discussion.\nSecond line".into();
        s.agenda_item = "4(a)".into();
        p.sessions.push(s);
    }
    let mut night = session(
        None,
        "Night shift",
        &format!("{} 01:30", days[3]),
        &format!("{} 03:30", days[3]),
        "Annex",
    );
    night.kind = Some(SessionKind::Other);
    p.sessions.push(night);
    p
}

fn stamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 11, 1, 12, 0, 0).unwrap()
}

/// What strict validators check: CRLF only, lines of at most 75 octets,
/// BEGIN and END balanced, the required properties, and a VTIMEZONE for
/// every TZID used.
fn assert_well_formed(text: &str) {
    assert!(text.ends_with("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains(['\r', '\n']),
        "bare CR or LF"
    );
    let physical: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    for line in &physical {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let logical = super::lines::unfold(text.as_bytes());
    let mut stack: Vec<String> = Vec::new();
    let mut zones_defined = Vec::new();
    let mut zones_used = Vec::new();
    let mut props: Vec<Vec<String>> = Vec::new();
    for line in &logical {
        let p = super::lines::parse_line(line).expect("a content line");
        match p.name.as_str() {
            "BEGIN" => {
                stack.push(p.value.clone());
                props.push(Vec::new());
            }
            "END" => {
                assert_eq!(stack.pop().as_deref(), Some(p.value.as_str()));
                let have = props.pop().unwrap();
                let needed: &[&str] = match p.value.as_str() {
                    "VCALENDAR" => &["VERSION", "PRODID"],
                    "VEVENT" => &["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"],
                    "VTIMEZONE" => &["TZID"],
                    "STANDARD" | "DAYLIGHT" => &["DTSTART", "TZOFFSETFROM", "TZOFFSETTO"],
                    _ => &[],
                };
                for n in needed {
                    assert!(have.iter().any(|h| h == n), "{} lacks {n}", p.value);
                }
            }
            name => {
                props
                    .last_mut()
                    .expect("inside a component")
                    .push(name.to_string());
                if name == "TZID" {
                    zones_defined.push(p.value.clone());
                }
                if let Some(z) = p.param("TZID") {
                    zones_used.push(z.to_string());
                }
                if name == "DTSTAMP" {
                    assert!(p.value.ends_with('Z'));
                }
            }
        }
    }
    assert!(stack.is_empty());
    for z in zones_used {
        assert!(zones_defined.contains(&z), "no VTIMEZONE for {z}");
    }
}

#[test]
fn a_programme_written_and_read_back_keeps_every_session() {
    let cases = [
        (
            Zone::Named(tz("Asia/Bangkok")),
            ["2024-11-18", "2024-11-19", "2024-11-20", "2024-11-21"],
        ),
        // The week of the autumn change: 02:00–03:00 on the 27th comes twice.
        (
            Zone::Named(tz("Europe/Berlin")),
            ["2024-10-24", "2024-10-26", "2024-10-27", "2024-10-27"],
        ),
        // The spring change on 10 March skips 02:00–03:00.
        (
            Zone::Named(tz("America/New_York")),
            ["2024-03-08", "2024-03-09", "2024-03-11", "2024-03-12"],
        ),
        (
            Zone::Floating,
            ["2024-11-18", "2024-11-19", "2024-11-20", "2024-11-21"],
        ),
        (
            Zone::Named(Tz::UTC),
            ["2024-11-18", "2024-11-19", "2024-11-20", "2024-11-21"],
        ),
    ];
    for (zone, days) in cases {
        let mut p = week(zone, &days);
        if zone == Zone::Named(tz("America/New_York")) {
            // 01:30 to 03:30 on the night of the change lasts one hour.
            p.sessions.last_mut().unwrap().start = Some(at("2024-03-10 01:30"));
            p.sessions.last_mut().unwrap().end = Some(at("2024-03-10 03:30"));
        }
        let text = write(&p, stamp());
        assert_well_formed(&text);
        let r = read(text.as_bytes(), None).unwrap();
        assert_eq!(r.problems, vec![], "{zone:?}");
        assert_eq!(r.programme.zone, zone);
        assert_eq!(r.programme.title, p.title);
        assert_eq!(r.programme.sessions.len(), p.sessions.len(), "{zone:?}");
        for (a, b) in p.sessions.iter().zip(&r.programme.sessions) {
            assert_eq!(b.title, a.title);
            assert_eq!((b.start, b.end), (a.start, a.end), "{zone:?} {}", a.title);
            assert_eq!(b.room, a.room);
            assert_eq!(b.description, a.description);
            assert_eq!(b.agenda_item, a.agenda_item);
            if let Some(uid) = &a.uid {
                assert_eq!(b.uid.as_ref(), Some(uid));
            }
            let people = |s: &ProgrammeSession| -> Vec<(RoleKind, String, String, String)> {
                s.roles
                    .iter()
                    .map(|r| {
                        let p = r.person.as_ref().unwrap();
                        (
                            r.kind,
                            p.full_name(),
                            p.position.clone(),
                            p.organisation
                                .as_ref()
                                .map(|o| o.name.clone())
                                .unwrap_or_default(),
                        )
                    })
                    .collect()
            };
            assert_eq!(people(b), people(a));
        }
    }
}

#[test]
fn the_same_programme_writes_the_same_uids() {
    let p = week(
        Zone::Floating,
        &["2024-11-18", "2024-11-19", "2024-11-20", "2024-11-21"],
    );
    assert_eq!(write(&p, stamp()), write(&p, stamp()));
}

#[test]
fn berlin_2024_has_its_two_real_transitions() {
    let p = week(
        Zone::Named(tz("Europe/Berlin")),
        &["2024-10-24", "2024-10-26", "2024-10-27", "2024-10-28"],
    );
    let text = write(&p, stamp());
    let daylight = "BEGIN:DAYLIGHT\r\nDTSTART:20240331T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n";
    let standard = "BEGIN:STANDARD\r\nDTSTART:20241027T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\n";
    assert!(text.contains(daylight), "{text}");
    assert!(text.contains(standard), "{text}");
    assert_eq!(text.matches("BEGIN:DAYLIGHT").count(), 1);
    assert_eq!(text.matches("BEGIN:STANDARD").count(), 2);
}

#[test]
fn an_offset_programme_is_written_in_utc_and_untimed_sessions_are_left_out() {
    let mut p = Programme::empty(
        "Offsets",
        Zone::Offset(FixedOffset::east_opt(7 * 3600).unwrap()),
    );
    p.sessions.push(session(
        Some("x"),
        "Talk",
        "2024-11-18 09:00",
        "2024-11-18 10:00",
        "A",
    ));
    p.sessions.push(ProgrammeSession::titled("row 2", "Later"));
    let text = write(&p, stamp());
    assert!(text.contains("DTSTART:20241118T020000Z\r\n"));
    assert!(!text.contains("Later"));
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    assert_well_formed(&text);
}

#[test]
fn long_lines_fold_between_characters() {
    let mut p = Programme::empty("ทดสอบ", Zone::Floating);
    let title = "การประชุมระดับรัฐมนตรีว่าด้วยความร่วมมือทางเศรษฐกิจ ".repeat(6);
    p.sessions.push(session(
        Some("t"),
        title.trim(),
        "2024-11-18 09:00",
        "2024-11-18 10:00",
        "ห้อง 1",
    ));
    let text = write(&p, stamp());
    assert_well_formed(&text);
    let r = read(text.as_bytes(), None).unwrap();
    assert_eq!(r.programme.sessions[0].title, title.trim());
}

#[test]
fn a_small_programme_writes_as_snapshotted() {
    let mut p = Programme::empty(
        "Regional Forum on São Tomé and Príncipe",
        Zone::Named(tz("Asia/Bangkok")),
    );
    let mut a = session(
        Some("a1b2"),
        "Opening, welcome; and remarks",
        "2024-11-18 09:00",
        "2024-11-18 10:00",
        "Plenary Hall",
    );
    a.kind = Some(SessionKind::Opening);
    a.roles = vec![
        role(
            RoleKind::Chair,
            person("H.E.", "สมชาย", "ใจดี", "รัฐมนตรี", "Thailand"),
        ),
        role(
            RoleKind::Speaker,
            person("", "محمد", "الحسن", "", "São Tomé and Príncipe"),
        ),
    ];
    a.description = "Welcome by the host.".into();
    let mut b = session(
        None,
        "Panel: financing",
        "2024-11-18 10:30",
        "2024-11-18 12:00",
        "Room 2",
    );
    b.source_kind = "Panel".into();
    b.roles = vec![
        role(RoleKind::Moderator, person("Ms", "Ana", "Lima", "", "")),
        role(
            RoleKind::Panellist,
            person("", "Ngozi", "Okafor", "Economist", "AfDB"),
        ),
        role(
            RoleKind::Panellist,
            person("", "Trần", "Thị Hoa", "", "Viet Nam"),
        ),
    ];
    p.sessions = vec![a, b];
    let text = write(&p, stamp());
    assert_well_formed(&text);
    insta::assert_snapshot!(text.replace("\r\n", "\n"));
}

#[test]
fn mangled_calendars_read_and_write_without_a_panic() {
    let corpus: Vec<Vec<u8>> = [
        OUTLOOK_BERLIN,
        GOOGLE_BANGKOK,
        NO_VTIMEZONE,
        ALL_DAY,
        WEEKLY,
        MONTHLY,
        DAILY_UNTIL,
        DURATION,
        ESCAPED,
    ]
    .iter()
    .map(|body| ics(body))
    .chain([folded_inside_a_character(), ics(&customized())])
    .collect();
    let interesting = b":;=,-+/TZPDWHMS\r\n \"\\0123456789\xC3\xA9";
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let window = Some((day("2024-10-01"), day("2024-12-31")));
    for round in 0..400 {
        let mut input = corpus[round % corpus.len()].clone();
        for _ in 0..1 + next(8) {
            let at = next(input.len());
            match next(4) {
                0 => {
                    if let Some(b) = input.get_mut(at) {
                        *b = interesting[next(interesting.len())];
                    }
                }
                1 => input.insert(at, interesting[next(interesting.len())]),
                2 => {
                    if at < input.len() {
                        input.remove(at);
                    }
                }
                _ => {
                    let len = next(40);
                    let chunk: Vec<u8> = input.iter().skip(at).take(len).copied().collect();
                    let to = next(input.len());
                    input.splice(to..to, chunk);
                }
            }
        }
        for w in [None, window] {
            if let Ok(r) = read(&input, w) {
                let text = write(&r.programme, stamp());
                assert_well_formed(&text);
                let _ = read(text.as_bytes(), w);
            }
        }
    }
}

#[test]
fn a_repeated_uid_is_a_problem_and_a_calendar_keeps_its_name() {
    let body = "X-WR-CALNAME:Forum\\, 2024
BEGIN:VEVENT
UID:same
SUMMARY:First
DTSTART:20241118T090000Z
DTEND:20241118T100000Z
END:VEVENT
BEGIN:VEVENT
UID:same
SUMMARY:Second
DTSTART:20241118T110000Z
DTEND:20241118T120000Z
END:VEVENT
";
    let r = read(&ics(body), None).unwrap();
    assert_eq!(r.programme.title, "Forum, 2024");
    assert_eq!(sessions(&r).len(), 1);
    assert_eq!(
        r.problems.iter().map(|p| p.line()).collect::<Vec<_>>(),
        vec!["VEVENT 2 (UID same): The UID repeats VEVENT 1's; a UID names one item."]
    );
}

#[test]
fn a_repeating_item_outside_the_window_is_reported() {
    let window = Some((day("2025-06-01"), day("2025-06-05")));
    let r = read(&ics(WEEKLY), window).unwrap();
    assert!(r.programme.sessions.is_empty());
    assert!(r.report.contains(
        &"VEVENT 1 (UID w1): repeats, but on none of the days read; left out.".to_string()
    ));
}

#[test]
fn role_lines_of_a_description_become_roles() {
    let body = "BEGIN:VEVENT
UID:r1
SUMMARY:Panel
DESCRIPTION:About trade.\\n\\nChair: H.E. Ms Jane Doe (Minister\\, Ministry of Trade)\\nModerator: Ana Lima\\nPanellists: Ngozi Okafor (AfDB)\\; Trần Thị Hoa\\nAgenda item: 4(a)
DTSTART:20241118T090000
DTEND:20241118T100000
END:VEVENT
";
    let r = read(&ics(body), None).unwrap();
    let s = &r.programme.sessions[0];
    assert_eq!(s.description, "About trade.");
    assert_eq!(s.agenda_item, "4(a)");
    let roles: Vec<(RoleKind, String, String, String)> = s
        .roles
        .iter()
        .map(|r| {
            let p = r.person.as_ref().unwrap();
            (
                r.kind,
                p.full_name(),
                p.position.clone(),
                p.organisation
                    .as_ref()
                    .map(|o| o.name.clone())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let want = [
        (
            RoleKind::Chair,
            "H.E. Ms Jane Doe",
            "Minister",
            "Ministry of Trade",
        ),
        (RoleKind::Moderator, "Ana Lima", "", ""),
        (RoleKind::Panellist, "Ngozi Okafor", "", "AfDB"),
        (RoleKind::Panellist, "Trần Thị Hoa", "", ""),
    ]
    .map(|(k, a, b, c)| (k, a.to_string(), b.to_string(), c.to_string()));
    assert_eq!(roles, want);
}

#[test]
fn a_session_with_a_day_and_no_time_goes_out_and_comes_back_as_an_all_day_item() {
    let mut p = week(
        Zone::Named(tz("Asia/Bangkok")),
        &["2024-11-18", "2024-11-19", "2024-11-20", "2024-11-20"],
    );
    let mut tbc = ProgrammeSession::titled("row", "Keynote addresses");
    tbc.uid = Some("tbc-1".into());
    tbc.day = NaiveDate::from_ymd_opt(2024, 11, 19);
    p.sessions.push(tbc);
    // Neither a day nor a time: a calendar has no place for it.
    p.sessions
        .push(ProgrammeSession::titled("row", "Somewhere, some time"));
    let text = write(&p, stamp());
    assert_well_formed(&text);
    assert!(text.contains("DTSTART;VALUE=DATE:20241119\r\nDTEND;VALUE=DATE:20241120\r\n"));
    assert!(!text.contains("Somewhere"));
    let r = read(text.as_bytes(), None).unwrap();
    assert_eq!(r.problems, vec![]);
    let back = r
        .programme
        .sessions
        .iter()
        .find(|s| s.title == "Keynote addresses")
        .unwrap();
    assert_eq!(
        (back.day, back.start, back.end, back.uid.as_deref()),
        (
            NaiveDate::from_ymd_opt(2024, 11, 19),
            None,
            None,
            Some("tbc-1")
        )
    );
}
