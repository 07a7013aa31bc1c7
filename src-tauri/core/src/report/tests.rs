use super::*;
use crate::edit::attendance::check_in;
use crate::edit::roles::{add_session_role, substitute};
use crate::model::{RoleKind, RolePresence};
use crate::run;
use crate::sample::sample_in_memory;
use crate::store::RoleEntry;

const OPENING: &str = "Opening and adoption of the agenda";
const WORK_PLAN: &str = "Forward Work Plan 2024–26: finalisation and endorsement";
const UPDATES: &str = "National updates from members and observers";
const WORKSTREAMS: &str = "Updates from other Bali Process workstreams";
const POLICE: &str = "Strengthening law enforcement capability and coordination";

fn at(s: &str) -> NaiveDateTime {
    planner::parse_wall_clock(&format!("2024-11-19 {s}")).unwrap()
}

pub(crate) fn tuesday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 11, 19).unwrap()
}

fn id_of(store: &Store, title: &str) -> Id {
    planner::find_session(store, title).unwrap().id
}

fn person(store: &Store, family: &str) -> Id {
    store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.family_name == family)
        .unwrap()
        .id
}

/// Tuesday of the sample week as it ran: an opening two minutes late, the
/// work plan ten minutes late and twenty over, the hall running twenty
/// minutes late from 10:20, the workstreams cancelled, a moderator
/// replaced, the afternoon started and not ended, two people checked in.
pub(crate) fn tuesday_as_it_ran() -> Store {
    let mut store = sample_in_memory().unwrap();
    let hall = store
        .rooms()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Plenary Hall")
        .unwrap()
        .id;
    let (opening, work_plan) = (id_of(&store, OPENING), id_of(&store, WORK_PLAN));
    run::start_session(&mut store, opening, at("09:02")).unwrap();
    run::end_session(&mut store, opening, at("09:20")).unwrap();
    run::start_session(&mut store, work_plan, at("09:25")).unwrap();
    run::end_session(&mut store, work_plan, at("10:20")).unwrap();
    run::delay(&mut store, Some(hall), 20, at("10:20")).unwrap();
    let updates = id_of(&store, UPDATES);
    run::start_session(&mut store, updates, at("10:36")).unwrap();
    run::end_session(&mut store, updates, at("11:50")).unwrap();
    let workstreams = id_of(&store, WORKSTREAMS);
    run::cancel_session(&mut store, workstreams, true).unwrap();
    let police = id_of(&store, POLICE);
    let (haigh, tharyat) = (person(&store, "Haigh"), person(&store, "Tharyat"));
    add_session_role(
        &mut store,
        police,
        &RoleEntry {
            role: RoleKind::Moderator,
            person_id: Some(haigh),
            organisation_id: None,
            note: String::new(),
            presence: RolePresence::InPerson,
            tentative: false,
        },
    )
    .unwrap();
    substitute(&mut store, police, haigh, tharyat).unwrap();
    run::start_session(&mut store, police, at("13:40")).unwrap();
    let annual = store
        .events()
        .unwrap()
        .into_iter()
        .find(|e| e.first_day == tuesday())
        .unwrap()
        .id;
    for p in [haigh, tharyat] {
        check_in(&mut store, annual, p, tuesday(), true, at("08:40")).unwrap();
    }
    store
}

/// (title, planned, moved from, actual, drift, overrun, status, substitutions)
type Row = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<i64>,
    Option<i64>,
    ReportStatus,
    &'static str,
);

#[test]
fn the_report_says_what_happened() {
    let store = tuesday_as_it_ran();
    let r = day_report(&store, tuesday()).unwrap();
    assert_eq!(r.day_text, "Tuesday 19 November 2024");
    let rooms: Vec<&str> = r.rooms.iter().map(|x| x.room.as_str()).collect();
    assert_eq!(rooms, ["Plenary Hall"], "breaks and meals are left out");
    let span = |a: Option<NaiveDateTime>, b: Option<NaiveDateTime>| match (a, b) {
        (Some(a), Some(b)) => format!("{}–{}", hm(a), hm(b)),
        (Some(a), None) => format!("{}–", hm(a)),
        _ => String::new(),
    };
    use ReportStatus::*;
    let want: &[Row] = &[
        (
            OPENING,
            "09:00–09:15",
            None,
            "09:02–09:20",
            Some(2),
            Some(5),
            Done,
            "",
        ),
        (
            WORK_PLAN,
            "09:15–10:00",
            None,
            "09:25–10:20",
            Some(10),
            Some(20),
            Done,
            "",
        ),
        (
            UPDATES,
            "10:35–11:50",
            Some("10:15"),
            "10:36–11:50",
            Some(1),
            Some(0),
            Done,
            "",
        ),
        (
            WORKSTREAMS,
            "11:50–12:35",
            Some("11:30"),
            "",
            None,
            None,
            Cancelled,
            "",
        ),
        (
            POLICE,
            "13:35–14:35",
            Some("13:15"),
            "13:40–",
            Some(5),
            None,
            NotEnded,
            "Mr Tri Tharyat for Ms Kathryn Haigh (Moderator)",
        ),
    ];
    let got: Vec<Row> = r.rooms[0]
        .sessions
        .iter()
        .take(want.len())
        .map(|s| {
            let subs: Vec<String> = s.substitutions.iter().map(|x| x.text()).collect();
            (
                want.iter().find(|w| w.0 == s.title).map_or("?", |w| w.0),
                &*span(Some(s.planned_start), Some(s.planned_end)).leak(),
                s.moved_from.map(|t| &*hm(t).leak()),
                &*span(s.actual_start, s.actual_end).leak(),
                s.drift_minutes,
                s.overrun_minutes,
                s.status,
                &*subs.join("; ").leak(),
            )
        })
        .collect();
    assert_eq!(got, want);
    let rest = &r.rooms[0].sessions[want.len()..]; // slice-ok: a Vec of sessions
    assert_eq!(rest.len(), 3);
    assert!(rest.iter().all(|s| s.status == NotStarted));

    assert_eq!(
        r.totals,
        ReportTotals {
            sessions: 8,
            held: 4,
            cancelled: 1,
            not_started: 3,
            on_time: 3,
            // (2 + 10 + 1 + 5) / 4 = 4.5, rounded.
            average_drift_minutes: Some(5),
            overrun_minutes: 25,
        }
    );
    assert_eq!(r.delays.len(), 1);
    let d = &r.delays[0];
    assert_eq!(d.summary, "Running 20 minutes late in Plenary Hall");
    assert_eq!(d.first, format!("“{UPDATES}” from 10:15"));
    assert_eq!(d.moved, 6, "every hall session still to come");
    let cancelled: Vec<&str> = r.cancelled.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(cancelled, [WORKSTREAMS]);
    assert_eq!(r.substitutions.len(), 1);
    assert_eq!(r.checkins.len(), 1, "one event runs on Tuesday");
    let c = &r.checkins[0];
    assert_eq!(c.present, 2);
    assert!(c.expected >= 2);
    let members: Vec<(&str, u32)> = c
        .counts
        .iter()
        .filter(|x| x.present > 0)
        .map(|x| (x.label.as_str(), x.present))
        .collect();
    assert_eq!(members, [("Member state", 2)]);
}

#[test]
fn an_undone_delay_is_not_reported_and_the_plan_stands() {
    let mut store = tuesday_as_it_ran();
    // Undo back past the delay: check-ins, start, substitution, role,
    // cancel, the updates' end and start, then the delay.
    for _ in 0..9 {
        store.undo().unwrap();
    }
    let r = day_report(&store, tuesday()).unwrap();
    assert!(r.delays.is_empty(), "{:?}", r.delays);
    assert!(r.rooms[0].sessions.iter().all(|s| s.moved_from.is_none()));
    assert_eq!(r.totals.held, 2);
}

#[test]
fn a_quiet_day_and_a_day_outside_the_plan() {
    let store = sample_in_memory().unwrap();
    let r = day_report(&store, tuesday()).unwrap();
    assert_eq!(r.totals.held, 0);
    assert_eq!(r.totals.not_started, 8);
    assert_eq!(r.totals.average_drift_minutes, None);
    assert!(r.delays.is_empty() && r.substitutions.is_empty() && r.cancelled.is_empty());
    assert_eq!(r.checkins[0].present, 0);
    let err = day_report(&store, NaiveDate::from_ymd_opt(2024, 12, 1).unwrap()).unwrap_err();
    assert!(err.to_string().contains("not a day of the plan"), "{err}");
}

#[test]
fn csv_rows_quoted_and_guarded() {
    let mut store = tuesday_as_it_ran();
    let police = id_of(&store, POLICE);
    let s = store.session(police).unwrap();
    let mut form = crate::forms::SessionForm::from(&s);
    form.title = "=HYPERLINK(\"x\"), \"quoted\"".into();
    crate::edit::sessions::update_session(&mut store, police, &form).unwrap();
    let csv = day_report_csv(&day_report(&store, tuesday()).unwrap());
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Day,Room,Title,Planned start,Planned end,Actual start,Actual end,Drift (min),Overrun (min),Status,Substitutions"
    );
    assert!(
        !csv.starts_with('\u{feff}'),
        "no byte-order mark, as the attendee export"
    );
    assert_eq!(
        lines[1],
        "2024-11-19,Plenary Hall,Opening and adoption of the agenda,09:00,09:15,09:02,09:20,2,5,done,"
    );
    assert_eq!(
        lines[5],
        "2024-11-19,Plenary Hall,\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\",13:35,14:35,13:40,,5,,not ended,Mr Tri Tharyat for Ms Kathryn Haigh (Moderator)"
    );
    assert_eq!(
        lines.len(),
        1 + 8 + 1,
        "a row per session and the last line end"
    );
}

#[test]
fn the_text_of_the_report() {
    let store = tuesday_as_it_ran();
    let r = day_report(&store, tuesday()).unwrap();
    insta::assert_snapshot!(crate::text::lists::day_report(&r));
}
