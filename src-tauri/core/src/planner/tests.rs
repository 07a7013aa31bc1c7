use super::*;
use crate::sample::sample_in_memory;
use crate::store::SlotEntry;

fn t(hm: &str) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 11, 19)
        .unwrap()
        .and_time(NaiveTime::parse_from_str(hm, "%H:%M").unwrap())
}

fn block(id: Id, minutes: i64, pin: Option<&str>) -> Block {
    Block {
        id,
        title: format!("B{id}"),
        minutes,
        pinned_start: pin.map(t),
    }
}

fn hm(p: &[Placed]) -> Vec<(Id, String, String)> {
    p.iter()
        .map(|p| {
            (
                p.id,
                p.start.format("%H:%M").to_string(),
                p.end.format("%H:%M").to_string(),
            )
        })
        .collect()
}

#[test]
fn ripple_table() {
    type Case = (
        &'static str,
        Vec<Block>,
        &'static str,
        i64,
        Result<Vec<(Id, &'static str, &'static str)>, Vec<&'static str>>,
    );
    let cases: Vec<Case> = vec![
        (
            "end to end",
            vec![block(1, 30, None), block(2, 90, None), block(3, 15, None)],
            "09:00",
            0,
            Ok(vec![
                (1, "09:00", "09:30"),
                (2, "09:30", "11:00"),
                (3, "11:00", "11:15"),
            ]),
        ),
        (
            "gaps between blocks",
            vec![block(1, 30, None), block(2, 30, None)],
            "09:00",
            10,
            Ok(vec![(1, "09:00", "09:30"), (2, "09:40", "10:10")]),
        ),
        (
            "a pin keeps its start and leaves a gap before it",
            vec![
                block(1, 60, None),
                block(2, 60, Some("12:30")),
                block(3, 30, None),
            ],
            "09:00",
            0,
            Ok(vec![
                (1, "09:00", "10:00"),
                (2, "12:30", "13:30"),
                (3, "13:30", "14:00"),
            ]),
        ),
        (
            "exactly meeting a pin is not an overrun (half-open)",
            vec![block(1, 210, None), block(2, 60, Some("12:30"))],
            "09:00",
            0,
            Ok(vec![(1, "09:00", "12:30"), (2, "12:30", "13:30")]),
        ),
        (
            "a gap touching a pin is not an overrun",
            vec![block(1, 200, None), block(2, 60, Some("12:30"))],
            "09:00",
            15,
            Ok(vec![(1, "09:00", "12:20"), (2, "12:30", "13:30")]),
        ),
        (
            "overrunning a pin is refused",
            vec![block(1, 220, None), block(2, 60, Some("12:30"))],
            "09:00",
            0,
            Err(vec![
                "“B1” would overrun the pinned “B2” at 12:30 by 10 min",
            ]),
        ),
        (
            "starting after the first pin is refused",
            vec![block(1, 60, Some("08:30")), block(2, 60, None)],
            "09:00",
            0,
            Err(vec![
                "the sequence would start 30 min after the pinned “B1” at 08:30",
            ]),
        ),
        (
            "every overrun is reported",
            vec![
                block(1, 120, None),
                block(2, 30, Some("10:30")),
                block(3, 120, None),
                block(4, 60, Some("12:30")),
            ],
            "09:00",
            0,
            Err(vec![
                "“B1” would overrun the pinned “B2” at 10:30 by 30 min",
                "“B3” would overrun the pinned “B4” at 12:30 by 30 min",
            ]),
        ),
    ];
    for (name, blocks, from, gap, want) in cases {
        let got = ripple(&blocks, t(from), gap);
        match (got, want) {
            (Ok(p), Ok(w)) => {
                let w: Vec<(Id, String, String)> = w
                    .into_iter()
                    .map(|(i, a, b)| (i, a.into(), b.into()))
                    .collect();
                assert_eq!(hm(&p), w, "{name}");
            }
            (Err(o), Err(w)) => {
                let got: Vec<String> = o.iter().map(Overrun::message).collect();
                assert_eq!(got, w, "{name}");
            }
            (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
        }
    }
}

fn find(store: &Store, title: &str) -> Session {
    store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no session {title}"))
}

#[test]
fn push_moves_only_as_far_as_needed() {
    let blocks = [
        (block(1, 45, None), t("11:30")),
        (block(2, 60, None), t("13:15")),
        (block(3, 30, Some("12:30")), t("12:30")),
    ];
    let err = push(&blocks[..1], t("11:40")).map(|p| hm(&p)).unwrap(); // slice-ok: Vec
    assert_eq!(err, vec![(1, "11:40".to_string(), "12:25".to_string())]);
    let ok = push(&blocks[..2], t("11:40")).unwrap(); // slice-ok: Vec
    assert_eq!(
        hm(&ok)[1],
        (2, "13:15".to_string(), "14:15".to_string()),
        "the gap absorbs the push"
    );
    let refused = push(&[blocks[0].clone(), blocks[2].clone()], t("11:50"))
        .err()
        .unwrap();
    assert_eq!(
        refused[0].message(),
        "“B1” would overrun the pinned “B3” at 12:30 by 5 min"
    );
}

#[test]
fn move_keeps_length_and_is_undoable() {
    let mut store = sample_in_memory().unwrap();
    let panel = find(&store, "Coffee break");
    let moved = move_session(&mut store, panel.id, t("11:00") - Duration::days(1), None).unwrap();
    assert_eq!(
        moved.end.unwrap() - moved.start.unwrap(),
        Duration::minutes(30)
    );
    assert_eq!(
        store.undo_state().unwrap().undo.unwrap(),
        "Moved “Coffee break” from Mon 18 Nov 10:15 to 11:00"
    );
    store.undo().unwrap();
    assert_eq!(store.session(panel.id).unwrap(), panel);
    store.redo().unwrap();
    assert_eq!(store.session(panel.id).unwrap().start, moved.start);
}

/// The Annual Meeting's day in the Plenary Hall, its opening and the work plan after it.
fn annual_meeting_hall(store: &Store) -> (NaiveDate, Id, Session, Session) {
    (
        NaiveDate::from_ymd_opt(2024, 11, 19).unwrap(),
        find_room(store, "Plenary Hall").unwrap().id,
        find(store, "Opening and adoption of the agenda"),
        find(
            store,
            "Forward Work Plan 2024–26: finalisation and endorsement",
        ),
    )
}

#[test]
fn retime_ripples_and_refuses_to_break_a_pin() {
    let mut store = sample_in_memory().unwrap();
    let (day, hall, opening, work_plan) = annual_meeting_hall(&store);
    // Longer opening: everything after it in the hall shifts by 15 minutes.
    let req = RetimeRequest {
        day,
        room_id: hall,
        from: "09:00".into(),
        order: vec![],
        minutes: vec![(opening.id, 30)],
        gap_minutes: 0,
    };
    retime(&mut store, &req).unwrap();
    assert_eq!(find(&store, &work_plan.title).start.unwrap(), t("09:30"));
    store.undo().unwrap();
    assert_eq!(find(&store, &work_plan.title).start.unwrap(), t("09:15"));

    // Pin the national updates (10:15) and the work plan can no longer take 80 min.
    let updates = find(&store, "National updates from members and observers");
    crate::edit::sessions::set_pinned(&mut store, updates.id, true).unwrap();
    let before = store.sessions().unwrap();
    let err = retime(
        &mut store,
        &RetimeRequest {
            minutes: vec![(work_plan.id, 80)],
            ..req.clone()
        },
    )
    .err()
    .unwrap();
    assert_eq!(err.code(), crate::error::ErrorCode::PinOverrun);
    assert_eq!(
        err.to_string(),
        "Refused: “Forward Work Plan 2024–26: finalisation and endorsement” would overrun the pinned “National updates from members and observers” at 10:15 by 20 min."
    );
    assert_eq!(store.sessions().unwrap(), before, "nothing written");
}

#[test]
fn the_preview_shows_what_retime_would_do_and_writes_nothing() {
    let mut store = sample_in_memory().unwrap();
    let (day, hall, opening, work_plan) = annual_meeting_hall(&store);
    let updates = find(&store, "National updates from members and observers");
    crate::edit::sessions::set_pinned(&mut store, updates.id, true).unwrap();
    let base = RetimeRequest {
        day,
        room_id: hall,
        from: "09:00".into(),
        order: vec![],
        minutes: vec![],
        gap_minutes: 0,
    };
    let at = |p: &RetimePreview, id: Id| {
        let b = p.placed.iter().find(|b| b.id == id).unwrap();
        (
            b.start.format("%H:%M").to_string(),
            b.end.format("%H:%M").to_string(),
        )
    };
    struct Case {
        name: &'static str,
        req: RetimeRequest,
        work_plan: (&'static str, &'static str),
        overruns: Vec<String>,
    }
    let cases = [
        Case {
            name: "as saved",
            req: base.clone(),
            work_plan: ("09:15", "10:00"),
            overruns: vec![],
        },
        Case {
            name: "a longer opening pushes the work plan into the pin",
            req: RetimeRequest {
                minutes: vec![(opening.id, 45)],
                ..base.clone()
            },
            work_plan: ("09:45", "10:30"),
            overruns: vec!["“Forward Work Plan 2024–26: finalisation and endorsement” would overrun the pinned “National updates from members and observers” at 10:15 by 15 min".into()],
        },
        Case {
            name: "a later start",
            req: RetimeRequest {
                from: "08:30".into(),
                ..base.clone()
            },
            work_plan: ("08:45", "09:30"),
            overruns: vec![],
        },
    ];
    let before = store.sessions().unwrap();
    for c in cases {
        let p = preview_retime(&store, &c.req).unwrap();
        let (start, end) = at(&p, work_plan.id);
        assert_eq!((start.as_str(), end.as_str()), c.work_plan, "{}", c.name);
        assert_eq!(
            at(&p, updates.id).0,
            "10:15",
            "{}: the pin keeps its start",
            c.name
        );
        assert_eq!(p.overruns, c.overruns, "{}", c.name);
        // Apply agrees with the preview: refused exactly when it shows overruns.
        let mut copy = sample_in_memory().unwrap();
        crate::edit::sessions::set_pinned(&mut copy, updates.id, true).unwrap();
        assert_eq!(
            retime(&mut copy, &c.req).is_err(),
            !c.overruns.is_empty(),
            "{}",
            c.name
        );
    }
    assert_eq!(
        store.sessions().unwrap(),
        before,
        "a preview writes nothing"
    );
    let err = preview_retime(
        &store,
        &RetimeRequest {
            from: "9h".into(),
            ..base
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "from: \"9h\" is not a time (use HH:MM, 24-hour)."
    );
}

#[test]
fn reorder_flows_around_a_pinned_block() {
    let mut store = sample_in_memory().unwrap();
    let day = NaiveDate::from_ymd_opt(2024, 11, 20).unwrap();
    let hall = find_room(&store, "Plenary Hall").unwrap().id;
    let seq = sequence(&store, day, hall).unwrap();
    let ids: Vec<Id> = seq.iter().map(|b| b.session.id).collect();
    // Swap the situation report and the opening.
    let mut order = ids.clone();
    order.swap(0, 1);
    retime(
        &mut store,
        &RetimeRequest {
            day,
            room_id: hall,
            from: String::new(),
            order,
            minutes: vec![],
            gap_minutes: 0,
        },
    )
    .unwrap();
    let after = sequence(&store, day, hall).unwrap();
    assert_eq!(
        after[0].session.title,
        "Situation report: new trends and issues of concern"
    );
    assert_eq!(
        after[0].session.start.unwrap().format("%H:%M").to_string(),
        "09:00"
    );
    assert_eq!(after[1].session.title, "Opening of the Regional Event");
    assert_eq!(
        after[1].session.start.unwrap().format("%H:%M").to_string(),
        "10:15"
    );
}

#[test]
fn break_across_rooms_shifts_later_sessions_in_each_room() {
    let mut store = sample_in_memory().unwrap();
    let day = NaiveDate::from_ymd_opt(2024, 11, 19).unwrap();
    let ids = insert_break(
        &mut store,
        &BreakRequest {
            day,
            at: "11:30".into(),
            minutes: 10,
            kind: SessionKind::Break,
            title: "Stretch".into(),
        },
    )
    .unwrap();
    assert_eq!(ids.len(), 2, "hall and foyer both have sessions that day");
    assert_eq!(
        find(&store, "Updates from other Bali Process workstreams")
            .start
            .unwrap(),
        t("11:40")
    );
    // The hall's gap over lunch absorbs the push: the afternoon stays put.
    assert_eq!(
        find(&store, "Updates from other Bali Process workstreams")
            .end
            .unwrap(),
        t("12:25")
    );
    assert_eq!(
        find(
            &store,
            "Strengthening law enforcement capability and coordination"
        )
        .start
        .unwrap(),
        t("13:15")
    );
    let lunch = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title == "Lunch" && s.start.unwrap().date() == day)
        .unwrap();
    assert_eq!(
        lunch.start.unwrap(),
        t("12:15"),
        "the foyer's lunch starts after the break ends"
    );
    assert_eq!(
        store.undo().unwrap().unwrap(),
        "Inserted “Stretch” at Tue 19 Nov 11:30 in 2 rooms"
    );
    assert_eq!(
        find(&store, "Updates from other Bali Process workstreams")
            .start
            .unwrap(),
        t("11:30")
    );
    assert!(store
        .sessions()
        .unwrap()
        .iter()
        .all(|s| s.title != "Stretch"));
}

#[test]
fn duplicate_session_and_day() {
    let mut store = sample_in_memory().unwrap();
    let panel = find(&store, "Panel discussion: emerging trends and global challenges intensifying the risks and harms of trafficking in persons");
    let copy = duplicate_session(&mut store, panel.id).unwrap();
    assert_eq!(copy.start, panel.end);
    let roles = crate::agenda::agenda(&store, Some(NaiveDate::from_ymd_opt(2024, 11, 18).unwrap()))
        .unwrap();
    let copied = roles.days[0]
        .sessions
        .iter()
        .find(|s| s.session.id == copy.id)
        .unwrap();
    assert_eq!(
        copied.roles.len(),
        10,
        "moderator and nine panellists come along"
    );

    let before = store.sessions().unwrap().len();
    let ids = duplicate_day(
        &mut store,
        NaiveDate::from_ymd_opt(2024, 11, 20).unwrap(),
        NaiveDate::from_ymd_opt(2024, 11, 19).unwrap(),
    )
    .unwrap();
    assert_eq!(ids.len(), 8);
    assert_eq!(store.sessions().unwrap().len(), before + 8);
    let annual = store.events().unwrap()[1].id;
    assert!(
        ids.iter()
            .all(|id| store.session(*id).unwrap().event_id == annual),
        "copies join the event of the target day"
    );
    store.undo().unwrap();
    assert_eq!(store.sessions().unwrap().len(), before);
}

#[test]
fn a_duplicated_day_brings_its_sessions_still_to_be_timed() {
    let mut store = sample_in_memory().unwrap();
    let (from, to) = (
        NaiveDate::from_ymd_opt(2024, 11, 20).unwrap(),
        NaiveDate::from_ymd_opt(2024, 11, 19).unwrap(),
    );
    let last = store
        .sessions()
        .unwrap()
        .into_iter()
        .rfind(|s| s.start.is_some_and(|t| t.date() == from))
        .unwrap();
    let form = crate::forms::SessionForm {
        start_time: String::new(),
        end_time: String::new(),
        ..crate::forms::SessionForm::from(&last)
    };
    crate::edit::sessions::update_session(&mut store, last.id, &form).unwrap();
    let ids = duplicate_day(&mut store, from, to).unwrap();
    assert_eq!(ids.len(), 8, "seven timed sessions and the one to be timed");
    let untimed: Vec<Session> = ids
        .iter()
        .map(|id| store.session(*id).unwrap())
        .filter(|s| s.start.is_none())
        .collect();
    assert_eq!(untimed.len(), 1);
    assert_eq!(
        (untimed[0].title.as_str(), untimed[0].day),
        (last.title.as_str(), Some(to))
    );
}

#[test]
fn moving_onto_a_pinned_session_is_refused() {
    let mut store = sample_in_memory().unwrap();
    let lunch = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title == "Lunch")
        .unwrap();
    crate::edit::sessions::set_pinned(&mut store, lunch.id, true).unwrap();
    let coffee = find(&store, "Coffee break");
    let before = store.sessions().unwrap();
    let err = move_session(
        &mut store,
        coffee.id,
        lunch.start.unwrap() + Duration::minutes(15),
        None,
    )
    .err()
    .unwrap();
    assert_eq!(
        err.to_string(),
        "Refused: “Coffee break” would overlap the pinned “Lunch” at 12:30."
    );
    assert_eq!(store.sessions().unwrap(), before);
    // Right after the pin is fine (half-open).
    move_session(&mut store, coffee.id, lunch.end.unwrap(), None).unwrap();
}

#[test]
fn sessions_and_rooms_are_found_by_what_people_type() {
    let store = sample_in_memory().unwrap();
    let closing = find(&store, "Closing of the Annual Meeting");
    let lunches: Vec<String> = store
        .sessions()
        .unwrap()
        .into_iter()
        .filter(|s| s.title == "Lunch")
        .map(|s| s.id.to_string())
        .collect();
    let updates = find_session(&store, "National updates from members and observers").unwrap();
    let cases: [(&str, std::result::Result<Id, String>); 8] = [
        (&closing.id.to_string(), Ok(closing.id)),
        ("  closing of the annual meeting ", Ok(closing.id)),
        // Part of a title, in any case, when only one title holds it.
        ("national UPDATES", Ok(updates.id)),
        ("updates members", Ok(updates.id)),
        (
            "updates",
            Err(format!(
                "session: 2 sessions have \"updates\" in their title; use an id ({} “National \
                 updates from members and observers” 19 Nov 10:15; {} “Updates from other Bali \
                 Process workstreams” 19 Nov 11:30)",
                updates.id,
                find(&store, "Updates from other Bali Process workstreams").id
            )),
        ),
        (
            "Nope",
            Err("session: no session has the id or title \"Nope\"".into()),
        ),
        (
            "lunch",
            Err(format!(
                "session: 3 sessions are titled \"lunch\"; use an id ({})",
                lunches.join(", ")
            )),
        ),
        (
            "99999",
            Err("session: no session has the id or title \"99999\"".into()),
        ),
    ];
    for (typed, want) in cases {
        let got = find_session(&store, typed)
            .map(|s| s.id)
            .map_err(|e| e.to_string());
        assert_eq!(got, want, "{typed:?}");
    }
    let hall = find_room(&store, " plenary hall").unwrap();
    assert_eq!(hall.name, "Plenary Hall");
    assert_eq!(find_room(&store, &hall.id.to_string()).unwrap().id, hall.id);
    let err = find_room(&store, "Attic").unwrap_err();
    assert_eq!(err.code(), crate::error::ErrorCode::Invalid);
    assert_eq!(
        err.to_string(),
        "room: no room \"Attic\" (rooms: Foyer, Plenary Hall)"
    );
}

#[test]
fn rooms_are_found_without_case_or_accents_and_exact_names_win() {
    let mut store = sample_in_memory().unwrap();
    for name in ["Salle Côte d'Ivoire", "Salle A", "Sallé A"] {
        crate::edit::rooms::create_room(
            &mut store,
            &crate::forms::RoomForm {
                name: name.into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let found = |typed: &str| find_room(&store, typed).unwrap().name;
    assert_eq!(found("salle cote d'ivoire"), "Salle Côte d'Ivoire");
    assert_eq!(found("SALLE CÔTE D’IVOIRE"), "Salle Côte d'Ivoire");
    assert_eq!(found("Sallé A"), "Sallé A");
    assert_eq!(found("Salle A"), "Salle A");
}

/// A session of the sample with roles, on the first day of an event that
/// is made to run to the plan's last day.
fn session_with_a_next_day(store: &mut Store) -> Session {
    let panel = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.start.is_some() && !store.session_roles(s.id).unwrap().is_empty())
        .expect("a session with roles");
    let event = store.event(panel.event_id).unwrap();
    let longer = crate::forms::EventForm {
        last_day: store.plan().unwrap().last_day.to_string(),
        ..crate::forms::EventForm::from(&event)
    };
    crate::edit::events::update_event(store, event.id, &longer).unwrap();
    store.session(panel.id).unwrap()
}

#[test]
fn a_duplicate_brings_its_roles_and_speaking_list_in_one_step() {
    let mut store = sample_in_memory().unwrap();
    let panel = session_with_a_next_day(&mut store);
    let org = store.organisations().unwrap()[0].id;
    let turn = SlotEntry {
        organisation_id: org,
        person_id: None,
        minutes: 4,
    };
    crate::speaking::set_speaking_list(&mut store, panel.id, &[turn]).unwrap();
    let before = store.sessions().unwrap().len();
    let copy = duplicate_session(&mut store, panel.id).unwrap();
    let kinds = |id| -> Vec<RoleKind> {
        store
            .session_roles(id)
            .unwrap()
            .iter()
            .map(|r| r.role)
            .collect()
    };
    assert_eq!(kinds(copy.id), kinds(panel.id));
    let list = store.speaking_list(copy.id).unwrap();
    assert_eq!(
        (list.len(), list[0].organisation_id, list[0].minutes),
        (1, org, 4)
    );
    store.undo().unwrap();
    assert_eq!(store.sessions().unwrap().len(), before);
}

#[test]
fn the_same_panel_tomorrow_keeps_its_time_room_and_roles() {
    let mut store = sample_in_memory().unwrap();
    let panel = session_with_a_next_day(&mut store);
    let before = store.sessions().unwrap().len();
    let copy = copy_to_next_day(&mut store, panel.id).unwrap();
    let day = Duration::days(1);
    assert_eq!(copy.title, panel.title);
    assert_eq!(copy.start, panel.start.map(|t| t + day));
    assert_eq!(copy.end, panel.end.map(|t| t + day));
    assert_eq!(copy.room_id, panel.room_id);
    assert_eq!(
        store.session_roles(copy.id).unwrap().len(),
        store.session_roles(panel.id).unwrap().len()
    );
    let summary = store.undo().unwrap().unwrap();
    assert!(summary.starts_with("Copied “"), "{summary}");
    assert_eq!(store.sessions().unwrap().len(), before);
}

#[test]
fn the_same_panel_tomorrow_is_refused_after_its_events_last_day() {
    let mut store = sample_in_memory().unwrap();
    let events = store.events().unwrap();
    let last = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| {
            let event = events.iter().find(|e| e.id == s.event_id).unwrap();
            s.start.is_some_and(|t| t.date() == event.last_day)
        })
        .unwrap();
    let before = store.sessions().unwrap().len();
    let err = copy_to_next_day(&mut store, last.id)
        .unwrap_err()
        .to_string();
    assert!(err.contains("cannot be copied to the next day"), "{err}");
    assert!(!err.contains('\n'));
    assert_eq!(store.sessions().unwrap().len(), before);
}

#[test]
fn a_session_still_to_be_timed_is_copied_to_the_next_day_untimed() {
    let mut store = sample_in_memory().unwrap();
    let panel = session_with_a_next_day(&mut store);
    let day = panel.start.unwrap().date();
    let form = crate::forms::SessionForm {
        start_time: String::new(),
        end_time: String::new(),
        ..crate::forms::SessionForm::from(&panel)
    };
    crate::edit::sessions::update_session(&mut store, panel.id, &form).unwrap();
    let copy = copy_to_next_day(&mut store, panel.id).unwrap();
    assert_eq!((copy.start, copy.day), (None, day.succ_opt()));
}

#[test]
fn a_session_without_a_time_gets_one_when_moved_and_loses_its_day_when_unscheduled() {
    let mut store = sample_in_memory().unwrap();
    let s = store.sessions().unwrap()[0].clone();
    let mut form = crate::forms::SessionForm::from(&s);
    form.start_time = String::new();
    form.end_time = String::new();
    let day_only = crate::edit::sessions::update_session(&mut store, s.id, &form).unwrap();
    assert!(day_only.is_day_only());
    assert_eq!(
        store.history(1).unwrap()[0].summary,
        format!("Moved “{}” to Mon 18 Nov, time to be confirmed", s.title)
    );

    let moved = move_session(&mut store, s.id, t("14:00"), None).unwrap();
    assert_eq!(
        (moved.start, moved.end, moved.day),
        (Some(t("14:00")), Some(t("15:00")), None)
    );
    store.undo().unwrap().unwrap();
    let resized = set_times(&mut store, s.id, t("14:00"), t("14:30")).unwrap();
    assert_eq!((resized.start, resized.day), (Some(t("14:00")), None));
    store.undo().unwrap().unwrap();
    assert!(store.session(s.id).unwrap().is_day_only());

    let off = unschedule(&mut store, s.id).unwrap();
    assert_eq!((off.start, off.day), (None, None));
}

#[test]
fn marking_a_session_tentative_and_confirming_it_read_naturally_in_the_history() {
    let mut store = sample_in_memory().unwrap();
    let s = store.sessions().unwrap()[0].clone();
    let mut form = crate::forms::SessionForm::from(&s);
    form.tentative = true;
    crate::edit::sessions::update_session(&mut store, s.id, &form).unwrap();
    form.tentative = false;
    crate::edit::sessions::update_session(&mut store, s.id, &form).unwrap();
    let summaries: Vec<String> = store
        .history(2)
        .unwrap()
        .into_iter()
        .map(|h| h.summary)
        .collect();
    assert_eq!(
        summaries,
        [
            format!("Confirmed “{}”", s.title),
            format!("Marked “{}” as to be confirmed", s.title)
        ]
    );
}
