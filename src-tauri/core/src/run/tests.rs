use super::*;
use crate::sample::sample_in_memory;

fn at(s: &str) -> NaiveDateTime {
    planner::parse_wall_clock(&format!("2024-11-19 {s}")).unwrap()
}

fn id_of(store: &Store, title: &str) -> Id {
    planner::find_session(store, title).unwrap().id
}

fn hall_of(t: &Today) -> &RoomNow {
    t.rooms.iter().find(|r| r.room == "Plenary Hall").unwrap()
}

const OPENING: &str = "Opening and adoption of the agenda";
const WORK_PLAN: &str = "Forward Work Plan 2024–26: finalisation and endorsement";
const UPDATES: &str = "National updates from members and observers";
const CLOSING: &str = "Closing of the Annual Meeting";

/// A room's session on now, next, and the minutes left.
type NowNext = (Option<String>, Option<String>, Option<i64>);

fn titles(r: &RoomNow) -> NowNext {
    (
        r.now.as_ref().map(|s| s.title.clone()),
        r.next.as_ref().map(|s| s.title.clone()),
        r.remaining_minutes,
    )
}

#[test]
fn now_and_next_through_the_day() {
    let store = sample_in_memory().unwrap();
    let o = Some(OPENING.to_string());
    let w = Some(WORK_PLAN.to_string());
    let table: &[(&str, NowNext)] = &[
        ("07:00", (None, o.clone(), None)),
        ("09:00", (o.clone(), w.clone(), Some(15))),
        ("09:10", (o.clone(), w.clone(), Some(5))),
        ("09:15", (w.clone(), Some(UPDATES.to_string()), Some(45))),
        // Between sessions: the coffee break in the hall's day is in the foyer.
        ("10:05", (None, Some(UPDATES.to_string()), None)),
        ("16:50", (None, None, None)),
    ];
    for (time, want) in table {
        let t = today(&store, at(time)).unwrap();
        assert!(t.in_plan);
        assert_eq!(&titles(hall_of(&t)), want, "at {time}");
    }
    let foyer = today(&store, at("10:05")).unwrap();
    let foyer = foyer.rooms.iter().find(|r| r.room == "Foyer").unwrap();
    assert_eq!(foyer.now.as_ref().unwrap().title, "Coffee break");
    assert!(foyer.now.as_ref().unwrap().is_break);
    let outside = today(
        &store,
        planner::parse_wall_clock("2024-12-01 10:00").unwrap(),
    )
    .unwrap();
    assert!(!outside.in_plan);
    assert!(outside.rooms.is_empty());
}

#[test]
fn a_late_start_an_overrun_and_a_cancellation() {
    let mut store = sample_in_memory().unwrap();
    let opening = id_of(&store, OPENING);
    let t = today(&store, at("09:05")).unwrap();
    assert_eq!(hall_of(&t).sessions[0].status, RunStatus::Late);
    start_session(&mut store, opening, at("09:05")).unwrap();
    let t = today(&store, at("09:10")).unwrap();
    let h = hall_of(&t);
    let now = h.now.as_ref().unwrap();
    assert_eq!(
        (now.status, now.start_drift_minutes),
        (RunStatus::Running, Some(5))
    );
    // Started 5 minutes late, it keeps its 15 minutes.
    assert_eq!(h.remaining_minutes, Some(10));
    let t = today(&store, at("09:25")).unwrap();
    let h = hall_of(&t);
    assert_eq!(h.now.as_ref().unwrap().status, RunStatus::Overrunning);
    // Next is the work plan, though its planned start has passed.
    assert_eq!(h.next.as_ref().unwrap().title, WORK_PLAN);
    assert_eq!(h.sessions[1].status, RunStatus::Late);
    end_session(&mut store, opening, at("09:26")).unwrap();
    let t = today(&store, at("09:30")).unwrap();
    let h = hall_of(&t);
    assert_eq!(h.sessions[0].status, RunStatus::Done);
    assert_eq!(h.sessions[0].end_drift_minutes, Some(11));
    // The work plan's planned times hold 09:30: it is on, though late to start.
    assert_eq!(h.now.as_ref().unwrap().title, WORK_PLAN);

    let work = id_of(&store, WORK_PLAN);
    cancel_session(&mut store, work, true).unwrap();
    assert_eq!(
        store.undo_state().unwrap().undo.as_deref(),
        Some(format!("Cancelled “{WORK_PLAN}”").as_str())
    );
    let t = today(&store, at("09:10")).unwrap();
    let h = hall_of(&t);
    assert_eq!(h.next.as_ref().unwrap().title, UPDATES);
    let t = today(&store, at("09:30")).unwrap();
    assert!(hall_of(&t).now.is_none());
    assert_eq!(hall_of(&t).sessions[1].status, RunStatus::Cancelled);
    let e = start_session(&mut store, work, at("09:30")).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("session: “{WORK_PLAN}” is cancelled; restore it first")
    );
    cancel_session(&mut store, work, false).unwrap();
    start_session(&mut store, work, at("09:30")).unwrap();
}

#[test]
fn start_and_end_refusals_and_undo() {
    let mut store = sample_in_memory().unwrap();
    let opening = id_of(&store, OPENING);
    let e = end_session(&mut store, opening, at("09:20")).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("session: “{OPENING}” has not started")
    );
    let other_day = planner::parse_wall_clock("2024-11-20 09:00").unwrap();
    let e = start_session(&mut store, opening, other_day).unwrap_err();
    assert!(e.to_string().starts_with("at: "), "{e}");
    start_session(&mut store, opening, at("09:02")).unwrap();
    assert_eq!(
        store.undo_state().unwrap().undo.as_deref(),
        Some(format!("Started “{OPENING}” at 09:02").as_str())
    );
    let e = end_session(&mut store, opening, at("09:01")).unwrap_err();
    assert!(e.to_string().starts_with("at: "), "{e}");
    store.undo().unwrap();
    assert!(store.session_runs().unwrap().is_empty());
}

#[test]
fn delay_moves_the_rest_of_the_room_as_one_step() {
    let mut store = sample_in_memory().unwrap();
    let opening = id_of(&store, OPENING);
    start_session(&mut store, opening, at("09:00")).unwrap();
    let before = store.sessions().unwrap();
    let preview = preview_delay(
        &store,
        hall_of(&today(&store, at("09:10")).unwrap()).room_id,
        20,
        at("09:10"),
    )
    .unwrap();
    assert!(preview.overruns.is_empty());
    assert_eq!(
        store.sessions().unwrap(),
        before,
        "a preview writes nothing"
    );
    let room = hall_of(&today(&store, at("09:10")).unwrap()).room_id;
    let out = delay(&mut store, room, 20, at("09:10")).unwrap();
    assert_eq!(out.summary, "Running 20 minutes late in Plenary Hall");
    assert_eq!(out.moves, preview.moves);
    // The running session ends later; all 7 after it move; the foyer does not.
    assert_eq!(out.moves.len(), 8);
    assert_eq!(out.moves[0].to_end, at("09:35"));
    assert_eq!(out.moves[0].to_start, at("09:00"));
    let closing = out.moves.iter().find(|m| m.title == CLOSING).unwrap();
    assert_eq!(
        (closing.to_start, closing.to_end),
        (at("16:50"), at("17:05"))
    );
    assert_eq!(
        store.undo_state().unwrap().undo.as_deref(),
        Some(out.summary.as_str())
    );
    store.undo().unwrap();
    assert_eq!(store.sessions().unwrap(), before);
}

#[test]
fn delay_keeps_a_pin_and_refuses_an_overrun_writing_nothing() {
    let mut store = sample_in_memory().unwrap();
    let pinned = id_of(
        &store,
        "Strengthening law enforcement capability and coordination",
    );
    store.set_pinned(pinned, true, "Pinned").unwrap();
    let room = hall_of(&today(&store, at("11:00")).unwrap()).room_id;
    // Lunch in the hall's day leaves an hour before the pinned 13:15: 30
    // minutes fit, 90 do not.
    let before = store.sessions().unwrap();
    let preview = preview_delay(&store, room, 30, at("11:00")).unwrap();
    assert!(preview.overruns.is_empty(), "{:?}", preview.overruns);
    assert!(!preview.moves.iter().any(|m| m.id == pinned));
    let preview = preview_delay(&store, room, 90, at("11:00")).unwrap();
    assert_eq!(preview.overruns.len(), 1, "{:?}", preview.overruns);
    assert!(
        preview.overruns[0].contains("pinned “Strengthening law enforcement"),
        "{}",
        preview.overruns[0]
    );
    let e = delay(&mut store, room, 90, at("11:00")).unwrap_err();
    assert!(matches!(e, CoreError::PinOverrun(_)));
    assert_eq!(store.sessions().unwrap(), before);
}

#[test]
fn delay_of_every_room_and_its_limits() {
    let mut store = sample_in_memory().unwrap();
    let out = delay(&mut store, None, 15, at("09:50")).unwrap();
    assert_eq!(out.summary, "Running 15 minutes late in every room");
    assert!(out.moves.iter().any(|m| m.room == "Foyer"));
    assert!(out.moves.iter().any(|m| m.room == "Plenary Hall"));
    assert!(out
        .moves
        .iter()
        .all(|m| m.to_start - m.from_start == Duration::minutes(15)));
    for bad in [0, 241, -241] {
        let e = preview_delay(&store, None, bad, at("09:50")).unwrap_err();
        assert!(e.to_string().starts_with("minutes: "), "{e}");
    }
    let e = preview_delay(&store, None, 240, at("20:00")).map(|o| o.moves.len());
    assert_eq!(e.unwrap(), 0);
    let closing = id_of(&store, CLOSING);
    planner::set_times(&mut store, closing, at("22:00"), at("22:30")).unwrap();
    let e = preview_delay(&store, None, 120, at("16:00")).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("minutes: “{CLOSING}” would run past midnight")
    );
}

#[test]
fn a_delay_shows_in_the_changes_since_a_published_version() {
    let mut store = sample_in_memory().unwrap();
    let n = crate::print::changes::publish(&mut store, at("08:00")).unwrap();
    let room = hall_of(&today(&store, at("14:00")).unwrap()).room_id;
    delay(&mut store, room, 10, at("15:00")).unwrap();
    let changes = crate::print::changes::since(&store, n).unwrap();
    assert!(
        changes
            .lines
            .iter()
            .any(|l| l.contains("Closing of the Annual Meeting")),
        "{:?}",
        changes.lines
    );
}

/// The opening overran by 20 minutes: the session after it, whose start
/// has passed while it waited, moves with the rest of the day.
#[test]
fn after_an_overrun_the_waiting_session_moves_too() {
    let mut store = sample_in_memory().unwrap();
    let opening = id_of(&store, "Opening and adoption of the agenda");
    let work_plan = id_of(
        &store,
        "Forward Work Plan 2024–26: finalisation and endorsement",
    );
    start_session(&mut store, opening, at("09:05")).unwrap();
    end_session(&mut store, opening, at("09:35")).unwrap();
    let room = hall_of(&today(&store, at("09:35")).unwrap()).room_id;
    let out = delay(&mut store, room, 20, at("09:35")).unwrap();
    let moved = out.moves.iter().find(|m| m.id == work_plan).unwrap();
    assert_eq!((moved.to_start, moved.to_end), (at("09:35"), at("10:20")));
    assert!(out
        .moves
        .iter()
        .all(|m| m.to_start - m.from_start == Duration::minutes(20)));
    let s = store.session(opening).unwrap();
    assert_eq!(
        (s.start, s.end),
        (Some(at("09:00")), Some(at("09:15"))),
        "a session that ran keeps its planned times"
    );
}

fn hall_room(store: &Store) -> Id {
    store
        .rooms()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Plenary Hall")
        .unwrap()
        .id
}

fn on_the(day: u32, time: &str) -> NaiveDateTime {
    planner::parse_wall_clock(&format!("2024-11-{day} {time}")).unwrap()
}

fn person_named(store: &Store, family: &str) -> Id {
    store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.family_name == family)
        .unwrap()
        .id
}

/// What the hall shows: now, its minutes left, next, and "nothing more today".
type HallLine = (Option<String>, Option<i64>, Option<String>, bool);

#[test]
fn the_hall_display_through_the_day() {
    let store = sample_in_memory().unwrap();
    let room = hall_room(&store);
    let o = Some(OPENING.to_string());
    let w = Some(WORK_PLAN.to_string());
    let u = Some(UPDATES.to_string());
    let table: &[(&str, HallLine)] = &[
        ("07:00", (None, None, o.clone(), false)),
        ("09:00", (o.clone(), Some(15), w.clone(), false)),
        ("09:15", (w.clone(), Some(45), u.clone(), false)),
        // The coffee break is in the foyer: the hall is between sessions.
        ("10:05", (None, None, u.clone(), false)),
        ("16:50", (None, None, None, true)),
    ];
    for (time, want) in table {
        let h = hall(&store, room, at(time)).unwrap();
        let got = (
            h.current.as_ref().map(|c| c.session.title.clone()),
            h.remaining_minutes,
            h.next.as_ref().map(|n| n.session.title.clone()),
            h.done_for_today,
        );
        assert_eq!(&got, want, "at {time}");
        assert_eq!(h.room, "Plenary Hall");
        assert_eq!(h.now, at(time));
        assert!(h.in_plan);
        assert!(h.speaker.is_none());
    }
    let h = hall(&store, room, at("09:00")).unwrap();
    assert_eq!(h.plan_title, store.plan().unwrap().title);
    let next = h.next.unwrap();
    assert_eq!(next.starts, at("09:15"));
    assert_eq!(next.ends, at("10:00"));
    let outside = hall(
        &store,
        room,
        planner::parse_wall_clock("2024-12-01 10:00").unwrap(),
    )
    .unwrap();
    assert!(!outside.in_plan && outside.done_for_today && outside.current.is_none());
    let bad = hall(&store, 9999, at("09:00")).unwrap_err();
    assert!(bad.to_string().contains("room"), "{bad}");
}

/// A chair's name, designation and organisation.
type Chair = (String, String, Option<String>);

#[test]
fn the_hall_names_the_chairs_with_designations_and_follows_a_substitute() {
    let mut store = sample_in_memory().unwrap();
    let room = hall_room(&store);
    let now = on_the(18, "09:10");
    let chairs = |store: &Store| -> Vec<(String, Vec<Chair>)> {
        hall(store, room, now)
            .unwrap()
            .current
            .unwrap()
            .chairs
            .into_iter()
            .map(|g| {
                let people = g
                    .people
                    .into_iter()
                    .map(|p| (p.name, p.designation, p.organisation))
                    .collect();
                (g.label, people)
            })
            .collect()
    };
    let before = chairs(&store);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].0, "Co-Chairs");
    assert_eq!(
        before[0].1[0],
        (
            "Ms Lynn Bell".to_string(),
            "Australian Ambassador to Counter Modern Slavery, People Smuggling and Human Trafficking"
                .to_string(),
            Some("Australia".to_string())
        )
    );
    assert_eq!(before[0].1[1].0, "Mr Tri Tharyat");
    // Speakers of the same session are not chairs.
    let h = hall(&store, room, on_the(18, "09:40")).unwrap();
    assert!(h.current.unwrap().chairs.is_empty());
    // A moderator named by organisation only.
    let panel = hall(&store, room, on_the(18, "11:00"))
        .unwrap()
        .current
        .unwrap();
    assert_eq!(panel.chairs.len(), 1);
    assert_eq!(panel.chairs[0].label, "Moderator");
    assert_eq!(panel.chairs[0].people.len(), 1);

    let opening = hall(&store, room, now).unwrap().current.unwrap().session.id;
    let (tharyat, haigh) = (
        person_named(&store, "Tharyat"),
        person_named(&store, "Haigh"),
    );
    crate::edit::roles::substitute(&mut store, opening, tharyat, haigh).unwrap();
    let after = chairs(&store);
    let second = &after[0].1[1];
    assert!(second.0.ends_with("Haigh"), "{second:?}");
    let text = &hall(&store, room, now).unwrap().current.unwrap().chairs[0].people[1].text;
    assert!(text.ends_with(", replacing Mr Tri Tharyat"), "{text}");
}

#[test]
fn a_cancelled_session_is_never_on_the_hall_display() {
    let mut store = sample_in_memory().unwrap();
    let room = hall_room(&store);
    let opening = id_of(&store, OPENING);
    cancel_session(&mut store, opening, true).unwrap();
    let h = hall(&store, room, at("09:05")).unwrap();
    assert!(h.current.is_none());
    assert_eq!(h.next.unwrap().session.title, WORK_PLAN);
    // A delay shows at once in what comes next.
    delay(&mut store, Some(room), 10, at("09:05")).unwrap();
    let h = hall(&store, room, at("09:05")).unwrap();
    assert_eq!(h.next.unwrap().starts, at("09:25"));
}

#[test]
fn the_hall_shows_who_has_the_floor_in_a_tour_de_table() {
    let mut store = sample_in_memory().unwrap();
    let room = hall_room(&store);
    let updates = id_of(&store, "National updates from members and observers");
    let thailand = store
        .organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Thailand")
        .unwrap()
        .id;
    crate::speaking::set_speaking_list(
        &mut store,
        updates,
        &[crate::store::SlotEntry {
            organisation_id: thailand,
            person_id: None,
            minutes: 3,
        }],
    )
    .unwrap();
    // On now, but nobody has the floor yet.
    assert_eq!(hall(&store, room, at("10:20")).unwrap().speaker, None);
    crate::live::call_next(&mut store, updates, at("10:20")).unwrap();
    let speaker = hall(&store, room, at("10:21")).unwrap().speaker.unwrap();
    assert_eq!(
        (speaker.name.as_str(), speaker.remaining_seconds),
        ("Thailand", Some(120))
    );
    // Once the turn ends, nobody has the floor.
    crate::live::end_turn(&mut store, updates, at("10:23")).unwrap();
    assert_eq!(hall(&store, room, at("10:24")).unwrap().speaker, None);
}

#[test]
fn breaks_run_by_the_clock_and_are_never_late() {
    let store = sample_in_memory().unwrap();
    let foyer = |now: &str| -> Vec<(String, RunStatus)> {
        today(&store, at(now))
            .unwrap()
            .rooms
            .into_iter()
            .find(|r| r.room == "Foyer")
            .unwrap()
            .sessions
            .into_iter()
            .map(|s| (s.planned_start.format("%H:%M").to_string(), s.status))
            .collect()
    };
    let table: &[(&str, [RunStatus; 3])] = &[
        ("09:00", [RunStatus::Planned; 3]),
        (
            "10:05",
            [RunStatus::Running, RunStatus::Planned, RunStatus::Planned],
        ),
        (
            "10:40",
            [RunStatus::Done, RunStatus::Planned, RunStatus::Planned],
        ),
        (
            "13:15",
            [RunStatus::Done, RunStatus::Done, RunStatus::Planned],
        ),
    ];
    for (now, want) in table {
        let got: Vec<RunStatus> = foyer(now).into_iter().map(|(_, s)| s).collect();
        assert_eq!(got, want.to_vec(), "at {now}: {:?}", foyer(now));
    }
    // A session that is not a break is late once its start has passed.
    let hall = today(&store, at("09:05")).unwrap();
    assert_eq!(hall_of(&hall).now.as_ref().unwrap().status, RunStatus::Late);
}
