use super::*;
use crate::interop::programme::{ProgrammeEvent, ProgrammeOrganisation, ProgrammePerson, Zone};
use crate::interop::sheet::{read, SheetFormat, SheetOptions};
use crate::model::SessionKind;
use chrono::NaiveDate;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 11, d).unwrap()
}

fn person(name: &str, position: &str, org: Option<(&str, &str)>) -> ProgrammePerson {
    let mut p = ProgrammePerson::from_name(name);
    p.position = position.to_string();
    p.organisation = org.map(|(name, acronym)| ProgrammeOrganisation {
        uid: None,
        name: name.into(),
        acronym: acronym.into(),
    });
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

/// Three sessions over two days, written out of order, with people of
/// three kinds and a title that a spreadsheet would run as a formula.
fn programme() -> Programme {
    let mut p = Programme::empty("Annual Meeting", Zone::Floating);
    p.events.push(ProgrammeEvent {
        uid: None,
        title: "Ministerial Conference".into(),
        short_name: String::new(),
        first_day: None,
        last_day: None,
        description: String::new(),
    });
    let mut panel = ProgrammeSession::titled("s2", "Panel: migration and climate");
    panel.day = Some(day(18));
    panel.start = Some(day(18).and_hms_opt(11, 0, 0).unwrap());
    panel.end = Some(day(18).and_hms_opt(12, 30, 0).unwrap());
    panel.room = Some("Hall A".into());
    panel.kind = Some(SessionKind::Panel);
    panel.event = Some(0);
    panel.roles = vec![
        role(
            RoleKind::Moderator,
            person("Aissata Kane", "Senior Regional Adviser", None),
        ),
        role(
            RoleKind::Panellist,
            person(
                "Thani Thongphakdi",
                "Permanent Secretary",
                Some(("Thailand", "")),
            ),
        ),
        role(
            RoleKind::Panellist,
            person(
                "Cláudia Pereira",
                "",
                Some(("International Organization for Migration", "IOM")),
            ),
        ),
    ];
    let mut opening = ProgrammeSession::titled("s1", "=Opening");
    opening.day = Some(day(18));
    opening.start = Some(day(18).and_hms_opt(9, 0, 0).unwrap());
    opening.end = Some(day(18).and_hms_opt(10, 30, 0).unwrap());
    opening.room = Some("Plenary Hall".into());
    opening.source_kind = "opening".into();
    opening.agenda_item = "1".into();
    opening.description = "Welcome, and adoption of the agenda.".into();
    opening.roles = vec![role(RoleKind::Chair, person("Jane Doe", "Minister", None))];
    let mut tbc = ProgrammeSession::titled("s3", "Closing");
    tbc.day = Some(day(19));
    tbc.extras.push(("Track".into(), "Main".into()));
    p.sessions = vec![panel, tbc, opening];
    p
}

#[test]
fn the_csv_has_one_row_per_session_by_day_start_and_room() {
    insta::assert_snapshot!(write_csv(&programme()));
}

#[test]
fn a_written_csv_reads_back_to_the_same_sessions() {
    let p = programme();
    let back = read(
        write_csv(&p).as_bytes(),
        SheetFormat::Csv,
        &SheetOptions::default(),
    )
    .unwrap();
    assert_eq!(back.problems, []);
    same_sessions(&p, &back.programme);
    assert_eq!(back.programme.sessions[0].title, "=Opening");
}

#[test]
fn a_written_xlsx_reads_back_to_the_same_sessions() {
    let p = programme();
    let bytes = write_xlsx(&p).unwrap();
    let back = read(&bytes, SheetFormat::Xlsx, &SheetOptions::default()).unwrap();
    assert_eq!(back.problems, []);
    same_sessions(&p, &back.programme);
}

#[test]
fn the_same_programme_writes_the_same_xlsx_bytes() {
    let p = programme();
    assert_eq!(write_xlsx(&p).unwrap(), write_xlsx(&p).unwrap());
}

/// Titles, days, times, rooms, events and people's names and kinds.
fn same_sessions(a: &Programme, b: &Programme) {
    let key = |p: &Programme| {
        let mut v: Vec<_> = p
            .sessions
            .iter()
            .map(|s| {
                (
                    s.day,
                    s.start,
                    s.title.clone(),
                    s.end,
                    s.room.clone(),
                    s.event
                        .and_then(|i| p.events.get(i))
                        .map(|e| e.title.clone()),
                    s.roles
                        .iter()
                        .map(|r| {
                            let person = r.person.as_ref().unwrap();
                            (
                                r.kind,
                                person.full_name(),
                                person.position.clone(),
                                person.organisation.as_ref().map(|o| o.name.clone()),
                            )
                        })
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (ka, kb) = (key(a), key(b));
    for (x, y) in ka.iter().zip(&kb) {
        assert_eq!(x.0, y.0);
        assert_eq!(x.1, y.1);
        assert_eq!(x.2, y.2);
        assert_eq!(x.3, y.3);
        assert_eq!(x.4, y.4);
        assert_eq!(x.5, y.5);
        let names = |v: &Vec<(RoleKind, String, String, Option<String>)>| {
            v.iter()
                .map(|r| (r.0, r.1.clone(), r.2.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&x.6), names(&y.6));
    }
    assert_eq!(ka.len(), kb.len());
}
