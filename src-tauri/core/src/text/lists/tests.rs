//! The command line's lists, rendered from the sample week.

use super::*;
use crate::check::{check, Conflict, ConflictKind};
use crate::sample::sample_in_memory;
use crate::store::Store;
use chrono::NaiveDate;

fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 11, day)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

fn event_id(store: &Store, short: &str) -> crate::model::Id {
    crate::attendees::lookup::find_event(store, short)
        .unwrap()
        .id
}

#[test]
fn the_sample_week_with_two_sessions_in_one_room_at_once() {
    let mut store = sample_in_memory().unwrap();
    let scheduled: Vec<_> = store
        .sessions()
        .unwrap()
        .into_iter()
        .filter(|s| s.start.is_some() && s.room_id.is_some())
        .collect();
    let (first, second) = (&scheduled[0], &scheduled[1]);
    crate::planner::move_session(
        &mut store,
        second.id,
        first.start.unwrap(),
        Some(first.room_id),
    )
    .unwrap();
    insta::assert_snapshot!(problems(&check(&store).unwrap()));
}

#[test]
fn no_problems_and_many_problems() {
    assert_eq!(problems(&ConflictList::default()), "No problems found.\n");
    let one = Conflict {
        kind: ConflictKind::RoomDoubleBooked,
        message: "Room A is booked twice.".into(),
        session_ids: vec![],
        event_id: None,
        key: "k".into(),
        accepted: false,
    };
    let many = ConflictList {
        conflicts: vec![one],
        unlisted: 4_498_499,
    };
    assert_eq!(
        problems(&many),
        "Room A is booked twice.\nand 4,498,499 more.\n4,498,500 problems found.\n"
    );
}

#[test]
fn history_newest_first_with_undone_steps_marked() {
    let steps = [
        HistoryStep {
            id: 2,
            at: at(18, 9, 5),
            summary: "Moved “Opening” to Mon 18 Nov, 09:30".into(),
            undone: true,
        },
        HistoryStep {
            id: 1,
            at: at(17, 16, 40),
            summary: "Added Ms Siriporn Chanthavong".into(),
            undone: false,
        },
    ];
    insta::assert_snapshot!(history(&steps));
}

#[test]
fn a_retimed_room() {
    let rows = [
        Retimed {
            start: at(19, 9, 0),
            end: at(19, 10, 30),
            title: "Opening of the annual meeting",
            pinned: false,
        },
        Retimed {
            start: at(19, 12, 0),
            end: at(19, 13, 30),
            title: "Lunch",
            pinned: true,
        },
    ];
    insta::assert_snapshot!(retimed(&rows));
}

#[test]
fn people_found_in_the_sample() {
    let store = sample_in_memory().unwrap();
    insta::assert_snapshot!(people_found(&store.search_people("a", 8).unwrap()));
}

#[test]
fn an_itinerary_and_an_empty_one() {
    let store = sample_in_memory().unwrap();
    let busiest = store
        .people()
        .unwrap()
        .into_iter()
        .map(|p| {
            let entries = crate::attendees::lookup::itinerary(&store, p.id).unwrap();
            (entries.len(), p)
        })
        .max_by_key(|(n, p)| (*n, std::cmp::Reverse(p.id)))
        .unwrap()
        .1;
    let entries = crate::attendees::lookup::itinerary(&store, busiest.id).unwrap();
    insta::assert_snapshot!(itinerary(&busiest.display_name(), &entries));
    assert_eq!(itinerary("Mr Nobody", &[]), "Mr Nobody\n  no sessions\n");
}

/// Delegates from several scripts and organisations, one without.
const ATTENDEES: &str = "Title,First Name,Last Name,Email,Affiliation,Position\n\
    Ms,Siriporn,Chanthavong,siriporn@example.org,Thailand,Director\n\
    H.E.,Aminata,Touré,aminata@example.org,Côte d'Ivoire,Ambassador\n\
    Mr,Nguyễn Văn,Hoà,hoa@example.org,Viet Nam,\n\
    ,Sokha,,sokha@example.org,,\n";

#[test]
fn the_sample_annual_meetings_attendees() {
    let mut store = sample_in_memory().unwrap();
    let event = event_id(&store, "Annual Meeting");
    crate::attendees::import::import(
        &mut store,
        "list.csv",
        ATTENDEES.as_bytes(),
        None,
        event,
        false,
    )
    .unwrap();
    let lines = crate::attendees::export::attendee_list(&store, event_id(&store, "Annual Meeting"))
        .unwrap();
    insta::assert_snapshot!(attendee_list(&lines));
}

#[test]
fn an_import_report_names_each_bad_row_on_one_line() {
    let store = sample_in_memory().unwrap();
    let csv = "First Name,Last Name,Email,Affiliation\n\
               Amina,Diallo,amina@example.org,Ministry of Foreign Affairs\n\
               Lê,Văn Hoà,not-an-email,\n\
               ,,,\n";
    let preview = crate::attendees::import::preview_file(
        &store,
        csv.as_bytes(),
        None,
        event_id(&store, "Annual Meeting"),
    )
    .unwrap();
    insta::assert_snapshot!(format!(
        "{}{}{}",
        import_errors(&preview),
        import_summary(&preview, true),
        import_summary(&preview, false)
    ));
}

/// The sample week with a session whose time is to be confirmed, a
/// tentative session and a tentative role.
fn sample_with_unconfirmed() -> Store {
    let mut store = sample_in_memory().unwrap();
    let sessions = store.sessions().unwrap();
    let first = sessions[0].clone();
    let mut form = crate::forms::SessionForm::from(&first);
    form.title = "Keynote addresses".into();
    form.start_time = String::new();
    form.end_time = String::new();
    form.room_id = None;
    crate::edit::sessions::create_session(&mut store, &form).unwrap();
    let mut tentative = crate::forms::SessionForm::from(&sessions[1]);
    tentative.tentative = true;
    crate::edit::sessions::update_session(&mut store, sessions[1].id, &tentative).unwrap();
    let mut roles: Vec<crate::store::RoleEntry> = store
        .session_roles(first.id)
        .unwrap()
        .iter()
        .map(|r| crate::store::RoleEntry {
            role: r.role,
            person_id: r.person_id,
            organisation_id: r.organisation_id,
            note: r.note.clone(),
            tentative: r.tentative,
            presence: r.presence,
        })
        .collect();
    roles[0].tentative = true;
    crate::edit::roles::set_session_roles(&mut store, first.id, &roles).unwrap();
    store
}

#[test]
fn what_is_still_to_be_confirmed_follows_the_problems_under_its_own_heading() {
    let store = sample_with_unconfirmed();
    let items = crate::check::unconfirmed(&store).unwrap();
    assert_eq!(items.len(), 3);
    insta::assert_snapshot!(format!(
        "{}{}",
        problems(&check(&store).unwrap()),
        unconfirmed(&items)
    ));
    assert_eq!(unconfirmed(&[]), "");
}

#[test]
fn the_sample_weeks_statistics() {
    let store = sample_in_memory().unwrap();
    insta::assert_snapshot!(stats(&crate::stats::stats(&store, None).unwrap()));
}

#[test]
fn one_events_statistics_after_check_ins_with_genders_recorded() {
    let mut store = sample_in_memory().unwrap();
    let event = store.events().unwrap()[0].id;
    let people: Vec<_> = store.people().unwrap().into_iter().take(3).collect();
    for (p, g) in people.iter().zip([
        Some(crate::model::Gender::Woman),
        Some(crate::model::Gender::Man),
        None,
    ]) {
        let mut p = p.clone();
        p.gender = g;
        store.update_person(p.id, &p, "Recorded").unwrap();
        crate::edit::attendance::check_in(
            &mut store,
            event,
            p.id,
            NaiveDate::from_ymd_opt(2024, 11, 18).unwrap(),
            true,
            at(18, 8, 30),
        )
        .unwrap();
    }
    insta::assert_snapshot!(stats(&crate::stats::stats(&store, Some(event)).unwrap()));
}

#[test]
fn today_and_a_delay_as_text() {
    use crate::planner::{find_session, parse_wall_clock};
    use crate::run;
    let mut store = sample_in_memory().unwrap();
    let at = |t: &str| parse_wall_clock(&format!("2024-11-19 {t}")).unwrap();
    let opening = find_session(&store, "Opening and adoption of the agenda")
        .unwrap()
        .id;
    run::start_session(&mut store, opening, at("09:05")).unwrap();
    run::end_session(&mut store, opening, at("09:24")).unwrap();
    let lunch = store.sessions().unwrap();
    let lunch = lunch
        .iter()
        .find(|s| s.title == "Lunch" && s.start == Some(at("12:15")))
        .unwrap()
        .id;
    run::cancel_session(&mut store, lunch, true).unwrap();
    insta::assert_snapshot!(today(&run::today(&store, at("09:30")).unwrap()));
    insta::assert_snapshot!(delay(
        &run::preview_delay(&store, None, 15, at("09:30")).unwrap(),
        true
    ));
}

#[test]
fn a_live_speaking_list_midway_with_a_delegation_over_time() {
    let mut store = sample_in_memory().unwrap();
    let id = crate::planner::find_session(&store, "National updates from members and observers")
        .unwrap()
        .id;
    let orgs = store.organisations().unwrap();
    let slots: Vec<crate::store::SlotEntry> = ["Thailand", "Malaysia", "Fiji", "Vietnam"]
        .iter()
        .map(|name| crate::store::SlotEntry {
            organisation_id: orgs.iter().find(|o| o.name == *name).unwrap().id,
            person_id: None,
            minutes: 3,
        })
        .collect();
    crate::speaking::set_speaking_list(&mut store, id, &slots).unwrap();
    let at = |t: &str| crate::planner::parse_wall_clock(&format!("2024-11-19 {t}")).unwrap();
    crate::live::call_next(&mut store, id, at("10:15:00")).unwrap();
    crate::live::call_next(&mut store, id, at("10:18:40")).unwrap();
    let l = crate::live::live_list(&store, id, at("10:21:55")).unwrap();
    insta::assert_snapshot!(speakers(&l));
    assert_eq!(
        [mmss(0), mmss(59), mmss(185), mmss(-25)],
        ["0:00", "0:59", "3:05", "-0:25"]
    );
}
