//! The sample week part-way through planning: a pinned panel, a session
//! moved onto another's room and time, an unscheduled session, a session
//! without a room, an event without co-chairs, and an accepted problem.

use super::{answer, at, read_models, start_of, Part, Plan, Recorder, Scenario};
use crate::Harness;
use serde_json::{json, Value};

const ABOUT: &str = "the sample week part-way through planning: the Dialogue's panel \
pinned and without its moderator (accepted), Ms Kathryn Haigh to chair the workstream \
updates, which are moved onto the national updates' room and time, the awareness \
discussion unscheduled, the Annual Meeting's closing without a room and the Regional \
Event without co-chairs";

/// What the pickers search for in the tests.
const QUERIES: &[&str] = &["bell", "haigh", "tharyat"];

pub fn scenario() -> Scenario {
    let h = Harness::new(None);
    let plan = Plan::read(&h);
    let panel = plan.session("Panel discussion").clone();
    let updates = plan.session("National updates").clone();
    let workstreams = plan
        .session("Updates from other Bali Process workstreams")
        .clone();
    let awareness = plan.session("Discussion: what makes").clone();
    let closing = plan.session("Closing of the Annual Meeting").clone();
    let hall = plan.room("Plenary Hall")["id"].clone();
    let haigh = plan.person("Haigh");

    h.ok("set_pinned", json!({ "id": panel["id"], "pinned": true }));
    let roles: Vec<Value> = h
        .ok("session_roles", json!({ "sessionId": panel["id"] }))
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["role"] != "moderator")
        .map(|r| {
            json!({ "role": r["role"], "person_id": r["person_id"],
                    "organisation_id": r["organisation_id"], "note": r["note"] })
        })
        .collect();
    h.ok(
        "set_session_roles",
        json!({ "sessionId": panel["id"], "roles": roles }),
    );
    h.ok(
        "add_session_role",
        json!({ "sessionId": workstreams["id"], "entry": {
            "role": "chair", "person_id": haigh["id"], "organisation_id": null, "note": ""
        } }),
    );
    h.ok(
        "move_session",
        json!({ "id": workstreams["id"], "start": start_of(&updates), "roomId": hall }),
    );
    h.ok("unschedule_session", json!({ "id": awareness["id"] }));
    let mut form = h.ok("session_form", json!({ "id": closing["id"] }));
    form["room_id"] = Value::Null;
    h.ok(
        "update_session",
        json!({ "id": closing["id"], "form": form }),
    );
    h.ok(
        "set_cochairs",
        json!({ "eventId": plan.event("Regional Event")["id"], "rows": [] }),
    );
    let problems = h.ok("check_plan", json!({}));
    let no_moderator = problems["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "panel_without_moderator")
        .unwrap()["key"]
        .clone();
    h.ok(
        "set_conflict_accepted",
        json!({ "key": no_moderator, "accepted": true }),
    );

    let mut r = Recorder::new(&h);
    read_models(
        &mut r,
        at(17, 9, 0).date(),
        QUERIES,
        &[Part::Overview, Part::Agenda, Part::Board, Part::People],
    );
    let changes = r.ask("change_log", json!({ "limit": 200 }));
    r.module(
        "change-log.ts",
        "changeLog",
        answer("change_log"),
        "What `change_log` answers, each step's time written as 17 Nov 16:30 \
         (the real ones are when the fixtures were made)."
            .into(),
        stamped(changes),
    );
    retime_previews(&mut r, &plan);
    let (bell, tharyat) = (plan.person("Bell"), plan.person("Tharyat"));
    let assignments = [
        (&updates, haigh, "chair"),
        (&updates, haigh, "speaker"),
        (&updates, bell, "chair"),
        (&updates, bell, "speaker"),
        (&updates, tharyat, "chair"),
        (plan.session("Shared experiences"), bell, "chair"),
        (&awareness, tharyat, "chair"),
        (plan.session("Opening remarks"), bell, "co_chair"),
    ]
    .iter()
    .map(|(s, p, role)| json!({ "sessionId": s["id"], "personId": p["id"], "role": role }))
    .collect();
    r.calls(
        "assignment-conflicts.ts",
        "assignmentConflicts",
        "assignment_conflicts",
        assignments,
    );
    undo_and_redo(&mut r);
    accepting(&mut r);
    refusals(&mut r, &plan);
    writes(&mut r, &plan);
    r.scenario("planning", ABOUT)
}

/// What `check_plan` answers once the open room clash is accepted too
/// (undone again after).
fn accepting(r: &mut Recorder) {
    let problems = r.ask("check_plan", json!({}));
    let clash = problems["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "room_double_booked")
        .unwrap()["key"]
        .clone();
    let args = json!({ "key": clash, "accepted": true });
    r.h.ok("set_conflict_accepted", args.clone());
    r.module(
        "accepted.ts",
        "accepted",
        format!(
            "{{ args: Record<string, unknown>; conflictList: {} }}",
            answer("check_plan")
        ),
        "What `check_plan` answers after `set_conflict_accepted` with these arguments.".into(),
        json!({ "args": args, "conflictList": r.ask("check_plan", json!({})) }),
    );
    r.h.ok("undo", json!({}));
}

/// `steps` with every `at` written as one fixed moment.
fn stamped(steps: Value) -> Value {
    Value::Array(
        steps
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let mut s = s.clone();
                s["at"] = json!(at(17, 16, 30));
                s
            })
            .collect(),
    )
}

/// A re-timing of the Dialogue's morning in the Plenary Hall (the opening,
/// the review of the decade and the pinned panel, by their ids).
fn morning(hall: &Value, order: [&Value; 3], minutes: [u32; 3], from: &str, gap: u32) -> Value {
    json!({
        "request": {
            "day": "2024-11-18", "room_id": hall, "from": from,
            "order": order.map(|s| s["id"].clone()),
            "minutes": order.iter().zip(minutes).map(|(s, m)| json!([s["id"], m])).collect::<Vec<_>>(),
            "gap_minutes": gap,
        }
    })
}

/// What `preview_retime` answers for every room's day as it stands, and for
/// the edits the Sequence page's tests make to the Dialogue's morning in
/// the Plenary Hall.
fn retime_previews(r: &mut Recorder, plan: &Plan) {
    let mut requests: Vec<Value> = Vec::new();
    for day in &plan.days {
        for room in &plan.rooms {
            let blocks = r.ask("sequence", json!({ "day": day, "roomId": room["id"] }));
            let blocks = blocks.as_array().unwrap();
            let Some(first) = blocks.first() else {
                continue;
            };
            let from = first["session"]["start"].as_str().unwrap();
            requests.push(json!({ "request": {
                "day": day, "room_id": room["id"],
                "from": from.get(11..16).unwrap(),
                "order": blocks.iter().map(|b| b["session"]["id"].clone()).collect::<Vec<_>>(),
                "minutes": blocks.iter().map(|b| json!([b["session"]["id"], b["minutes"]])).collect::<Vec<_>>(),
                "gap_minutes": 0,
            } }));
        }
    }
    let opening = plan.session("Opening remarks");
    let decade = plan.session("A decade");
    let panel = plan.session("Panel discussion");
    let (o, d, p) = (opening, decade, panel);
    let hall = &plan.room("Plenary Hall")["id"];
    for (order, minutes, from, gap) in [
        ([o, d, p], [45, 45, 105], "09:00", 0),
        ([o, d, p], [45, 45, 105], "09:00", 10),
        ([o, d, p], [45, 45, 105], "09:30", 10),
        ([o, d, p], [30, 120, 105], "09:00", 0),
        ([o, d, p], [30, 50, 105], "09:00", 0),
        ([o, d, p], [30, 190, 105], "09:00", 0),
        ([d, o, p], [45, 30, 105], "09:00", 0),
        ([d, o, p], [50, 30, 105], "09:00", 0),
        ([d, o, p], [50, 30, 105], "09:00", 5),
        ([d, o, p], [190, 30, 105], "09:00", 0),
        ([d, p, o], [45, 105, 30], "09:00", 0),
        ([p, o, d], [105, 30, 45], "09:00", 0),
    ] {
        requests.push(morning(hall, order, minutes, from, gap));
    }
    r.calls(
        "preview-retime.ts",
        "retimePreviews",
        "preview_retime",
        requests,
    );
}

/// What the planner refuses here, and a break it accepts.
fn refusals(r: &mut Recorder, plan: &Plan) {
    let opening = plan.session("Opening remarks");
    let decade = plan.session("A decade");
    let panel = plan.session("Panel discussion");
    let hall = &plan.room("Plenary Hall")["id"];
    let coffee_break = |at: &str, minutes: u32| json!({ "request": { "day": "2024-11-18", "at": at, "minutes": minutes, "kind": "break", "title": "Coffee break" } });
    r.refusals(
        "refusals.ts",
        "refusals",
        vec![
            (
                "moveOntoPin",
                "move_session",
                json!({ "id": opening["id"], "start": "2024-11-18T11:00:00", "roomId": null }),
            ),
            (
                "retimeOverrun",
                "retime",
                morning(hall, [decade, opening, panel], [190, 30, 105], "09:00", 0),
            ),
            ("breakOverrun", "insert_break", coffee_break("10:30", 20)),
        ],
    );
}

/// What the planner's edits answer when they are made (recorded last, as
/// they change the plan; each is undone before the next).
fn writes(r: &mut Recorder, plan: &Plan) {
    let (o, d, p) = (
        plan.session("Opening remarks"),
        plan.session("A decade"),
        plan.session("Panel discussion"),
    );
    let hall = &plan.room("Plenary Hall")["id"];
    r.calls(
        "insert-break.ts",
        "breaks",
        "insert_break",
        vec![json!({ "request": { "day": "2024-11-18", "at": "10:15", "minutes": 15, "kind": "break", "title": "Coffee break" } })],
    );
    r.h.ok("undo", json!({}));
    r.calls(
        "duplicate-day.ts",
        "dayCopies",
        "duplicate_day",
        vec![json!({ "from": "2024-11-18", "to": "2024-11-19" })],
    );
    r.h.ok("undo", json!({}));
    r.calls(
        "retime.ts",
        "retimes",
        "retime",
        vec![morning(hall, [d, o, p], [50, 30, 105], "09:00", 5)],
    );
}

/// The undo and redo of the last step: what each answers, and the undo
/// state and change log once the step is undone.
fn undo_and_redo(r: &mut Recorder) {
    let undone = r.ask("undo", json!({}));
    let state = r.ask("undo_state", json!({}));
    let log = stamped(r.ask("change_log", json!({ "limit": 200 })));
    let redone = r.ask("redo", json!({}));
    r.module(
        "undo.ts",
        "undo",
        format!(
            "{{ undo: {}; undoState: {}; changeLog: {}; redo: {} }}",
            answer("undo"),
            answer("undo_state"),
            answer("change_log"),
            answer("redo")
        ),
        "What `undo` answers for the last step, `undo_state` and `change_log` (its times \
         written as 17 Nov 16:30) then, and `redo`."
            .into(),
        json!({ "undo": undone, "undoState": state, "changeLog": log, "redo": redone }),
    );
}
