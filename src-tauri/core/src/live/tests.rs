use super::*;
use crate::planner;
use crate::sample::sample_in_memory;

const UPDATES: &str = "National updates from members and observers";

fn at(s: &str) -> NaiveDateTime {
    planner::parse_wall_clock(&format!("2024-11-19 {s}")).unwrap()
}

fn org(store: &Store, name: &str) -> Id {
    store
        .organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("{name}"))
        .id
}

/// The sample's tour de table with Thailand, Malaysia and Fiji on its list,
/// 3, 2 and 4 minutes.
fn running() -> (Store, Id) {
    let mut store = sample_in_memory().unwrap();
    let id = planner::find_session(&store, UPDATES).unwrap().id;
    let slots: Vec<SlotEntry> = [("Thailand", 3), ("Malaysia", 2), ("Fiji", 4)]
        .iter()
        .map(|(name, minutes)| SlotEntry {
            organisation_id: org(&store, name),
            person_id: None,
            minutes: *minutes,
        })
        .collect();
    speaking::set_speaking_list(&mut store, id, &slots).unwrap();
    (store, id)
}

fn names(turns: &[LiveTurn]) -> Vec<&str> {
    turns.iter().map(|t| t.delegation.as_str()).collect()
}

/// Who has the floor, the seconds left, who waits, and who spoke for how long.
type Shape = (Option<String>, Option<i64>, Vec<String>, Vec<(String, i64)>);

fn shape(l: &LiveList) -> Shape {
    (
        l.current.as_ref().map(|c| c.delegation.clone()),
        l.remaining_seconds,
        l.waiting.iter().map(|t| t.delegation.clone()).collect(),
        l.spoken
            .iter()
            .map(|t| (t.delegation.clone(), t.spoken_seconds.unwrap()))
            .collect(),
    )
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn calling_next_through_the_list() {
    let (mut store, id) = running();
    let fresh = live_list(&store, id, at("10:15")).unwrap();
    assert_eq!(
        shape(&fresh),
        (None, None, s(&["Thailand", "Malaysia", "Fiji"]), vec![])
    );
    assert_eq!(fresh.waiting_minutes, 9);
    // (action at, what the list then is)
    let table: &[(&str, Shape)] = &[
        (
            "10:15:00",
            (
                Some("Thailand".into()),
                Some(180),
                s(&["Malaysia", "Fiji"]),
                vec![],
            ),
        ),
        (
            "10:17:40",
            (
                Some("Malaysia".into()),
                Some(120),
                s(&["Fiji"]),
                vec![("Thailand".into(), 160)],
            ),
        ),
        (
            "10:20:05",
            (
                Some("Fiji".into()),
                Some(240),
                vec![],
                vec![("Thailand".into(), 160), ("Malaysia".into(), 145)],
            ),
        ),
        // Nobody waits: the last call only ends Fiji's turn.
        (
            "10:23:00",
            (
                None,
                None,
                vec![],
                vec![
                    ("Thailand".into(), 160),
                    ("Malaysia".into(), 145),
                    ("Fiji".into(), 175),
                ],
            ),
        ),
    ];
    for (time, want) in table {
        let l = call_next(&mut store, id, at(time)).unwrap();
        assert_eq!(&shape(&l), want, "at {time}");
    }
    assert_eq!(
        store.history(4).unwrap()[..]
            .iter()
            .map(|h| h.summary.as_str())
            .collect::<Vec<_>>(),
        [
            "Ended the turn of Fiji",
            "Called Fiji to speak",
            "Called Malaysia to speak",
            "Called Thailand to speak"
        ]
    );
    let err = call_next(&mut store, id, at("10:24")).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("session: Nobody is waiting to speak in “{UPDATES}”.")
    );
}

#[test]
fn over_budget_counts_down_below_zero() {
    let (mut store, id) = running();
    call_next(&mut store, id, at("10:15")).unwrap();
    let table = [
        ("10:15:00", 180, false),
        ("10:17:59", 1, false),
        ("10:18:00", 0, false),
        ("10:18:25", -25, true),
    ];
    for (time, left, over) in table {
        let l = live_list(&store, id, at(time)).unwrap();
        assert_eq!(l.remaining_seconds, Some(left), "{time}");
        assert_eq!(l.current.as_ref().unwrap().over_budget, over, "{time}");
    }
    let l = call_next(&mut store, id, at("10:18:25")).unwrap();
    assert!(l.spoken[0].over_budget);
    assert_eq!(l.spoken[0].spoken_seconds, Some(205));
    assert!(!l.current.unwrap().over_budget);
}

#[test]
fn adding_and_moving_while_it_runs_keeps_every_time() {
    let (mut store, id) = running();
    call_next(&mut store, id, at("10:15")).unwrap();
    call_next(&mut store, id, at("10:18")).unwrap();
    let before = live_list(&store, id, at("10:19")).unwrap();
    let australia = org(&store, "Australia");
    let l = add_speaker(&mut store, id, australia, None, None, at("10:19")).unwrap();
    assert_eq!(names(&l.waiting), ["Fiji", "Australia"]);
    // The list's last budget.
    assert_eq!(l.waiting[1].minutes, 4);
    assert_eq!(l.spoken, before.spoken);
    assert_eq!(l.current, before.current);
    let viet_nam = org(&store, "Vietnam");
    let l = add_speaker(&mut store, id, viet_nam, Some(5), Some(0), at("10:19")).unwrap();
    assert_eq!(names(&l.waiting), ["Vietnam", "Fiji", "Australia"]);
    assert_eq!(l.waiting[0].minutes, 5);
    let australia = l.waiting[2].slot_id;
    let l = move_speaker(&mut store, id, australia, 0, at("10:19")).unwrap();
    assert_eq!(names(&l.waiting), ["Australia", "Vietnam", "Fiji"]);
    let l = move_speaker(&mut store, id, australia, 99, at("10:19")).unwrap();
    assert_eq!(names(&l.waiting), ["Vietnam", "Fiji", "Australia"]);
    assert_eq!(l.spoken, before.spoken);
    assert_eq!(l.current, before.current);
    assert_eq!(
        store.history(1).unwrap()[0].summary,
        "Moved Australia to place 3 in the queue"
    );
    // The speaking-list dialog saves the whole list: spoken times stay too.
    let slots: Vec<SlotEntry> = store
        .speaking_list(id)
        .unwrap()
        .iter()
        .rev()
        .map(|s| SlotEntry {
            organisation_id: s.organisation_id,
            person_id: s.person_id,
            minutes: s.minutes,
        })
        .collect();
    speaking::set_speaking_list(&mut store, id, &slots).unwrap();
    let l = live_list(&store, id, at("10:19")).unwrap();
    assert_eq!(l.spoken, before.spoken);
    assert_eq!(l.current, before.current);
    assert_eq!(names(&l.waiting), ["Australia", "Fiji", "Vietnam"]);
}

#[test]
fn out_of_order_reset_and_undo() {
    let (mut store, id) = running();
    call_next(&mut store, id, at("10:15")).unwrap();
    let fiji = live_list(&store, id, at("10:16"))
        .unwrap()
        .waiting
        .iter()
        .find(|t| t.delegation == "Fiji")
        .unwrap()
        .slot_id;
    let l = start_turn(&mut store, id, fiji, at("10:16")).unwrap();
    assert_eq!(
        shape(&l),
        (
            Some("Fiji".into()),
            Some(240),
            s(&["Malaysia"]),
            vec![("Thailand".into(), 60)]
        )
    );
    let err = start_turn(&mut store, id, fiji, at("10:17")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "slot: Fiji already took the floor at 10:16."
    );
    let l = reset_turn(&mut store, id, fiji, at("10:17")).unwrap();
    assert_eq!(names(&l.waiting), ["Malaysia", "Fiji"]);
    assert!(l.current.is_none());
    let l = end_turn(&mut store, id, at("10:17"));
    assert!(l.is_err(), "nobody has the floor");
    // Undo steps back through the reset and the out-of-order call.
    store.undo().unwrap();
    let l = live_list(&store, id, at("10:17")).unwrap();
    assert_eq!(l.current.unwrap().delegation, "Fiji");
    store.undo().unwrap();
    let l = live_list(&store, id, at("10:17")).unwrap();
    assert_eq!(l.current.as_ref().unwrap().delegation, "Thailand");
    assert_eq!(l.remaining_seconds, Some(180 - 120));
    let l = end_turn(&mut store, id, at("10:17")).unwrap();
    assert_eq!(shape(&l).3, vec![("Thailand".to_string(), 120)]);
}

#[test]
fn refusals_name_their_field() {
    let (mut store, id) = running();
    let opening = planner::find_session(&store, "Opening and adoption of the agenda")
        .unwrap()
        .id;
    let other = planner::find_session(
        &store,
        "Shared experiences: government awareness-raising initiatives",
    )
    .unwrap()
    .id;
    let thailand = store.speaking_list(id).unwrap()[0].id;
    let (err, field) = (
        |e: CoreError| e.to_string(),
        |e: &CoreError| e.to_string().split(':').next().unwrap().to_string(),
    );
    let e = live_list(&store, opening, at("10:15")).unwrap_err();
    assert_eq!(field(&e), "session");
    assert!(err(e).contains("not statements or a tour de table"));
    let e = start_turn(&mut store, other, thailand, at("10:15")).unwrap_err();
    assert_eq!(field(&e), "slot");
    let (th, au) = (org(&store, "Thailand"), org(&store, "Australia"));
    let e = add_speaker(&mut store, id, th, None, None, at("10:15")).unwrap_err();
    assert_eq!(err(e), "organisation: Thailand is already on the list.");
    let e = add_speaker(&mut store, id, 999_999, None, None, at("10:15")).unwrap_err();
    assert_eq!(field(&e), "organisation");
    let e = add_speaker(&mut store, id, au, Some(0), None, at("10:15")).unwrap_err();
    assert_eq!(field(&e), "minutes");
    let e = move_speaker(&mut store, id, 999_999, 0, at("10:15")).unwrap_err();
    assert_eq!(field(&e), "slot");
    crate::run::cancel_session(&mut store, id, true).unwrap();
    let e = call_next(&mut store, id, at("10:15")).unwrap_err();
    assert_eq!(
        err(e),
        format!("session: “{UPDATES}” is cancelled; restore it first.")
    );
    assert!(live_list(&store, id, at("10:15")).unwrap().cancelled);
}

#[test]
fn a_copy_of_the_session_or_the_plan_leaves_the_spoken_times_behind() {
    let (mut store, id) = running();
    call_next(&mut store, id, at("10:15")).unwrap();
    call_next(&mut store, id, at("10:18")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("next.plenary");
    let day = chrono::NaiveDate::from_ymd_opt(2025, 11, 17).unwrap();
    // A duplicated session takes the list to run again, not its times.
    let twin = planner::duplicate_session(&mut store, id).unwrap();
    let copied = store.speaking_list(twin.id).unwrap();
    assert_eq!(copied.len(), 3);
    assert!(copied
        .iter()
        .all(|s| s.spoke_start.is_none() && s.spoke_end.is_none()));
    crate::interop::backup::copy_plan(&store, &path, day, None, false).unwrap();
    let copy = Store::open(&path).unwrap();
    let copied = planner::find_session(&copy, UPDATES).unwrap().id;
    let slots = copy.speaking_list(copied).unwrap();
    assert_eq!(slots.len(), 3);
    assert!(slots
        .iter()
        .all(|s| s.spoke_start.is_none() && s.spoke_end.is_none()));
}
