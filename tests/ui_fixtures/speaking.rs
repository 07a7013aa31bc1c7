//! The sample week with a speaking list begun for the national updates.

use super::{answer, Plan, Recorder, Scenario};
use crate::Harness;
use serde_json::{json, Value};

const ABOUT: &str = "the sample week with the first three turns of the national \
updates' speaking list saved: Australia (Ms Lynn Bell speaking), Indonesia, \
then Bangladesh for 3 minutes; then, run live, Australia called at 10:15 and \
Indonesia at 10:20:20, the list read at 10:22 (Indonesia has 3:20 left)";

/// The turn lengths the speaking-list dialog's tests have on screen.
const TURNS: &[&[u32]] = &[
    &[5, 5, 3],
    &[60, 5, 3],
    &[60, 15, 3],
    &[60, 15, 0],
    &[5, 3, 5],
    &[3, 5, 5],
    &[3, 5, 5, 3],
    &[3, 5, 5, 5],
    &[3, 5, 3],
    &[5, 0, 3],
];

pub fn scenario() -> Scenario {
    let h = Harness::new(None);
    let plan = Plan::read(&h);
    let updates = plan.session("National updates").clone();
    let suggested = h.ok(
        "suggest_speaking_list",
        json!({ "sessionId": updates["id"], "minutes": 5 }),
    );
    let suggested = suggested.as_array().unwrap();
    // Named rather than suggested: a first list leaves the co-chairs out,
    // and the dialog's tests move a co-chair with a speaker.
    let slots: Vec<Value> = [
        ("Australia", Some(plan.person("Bell")["id"].clone()), 5),
        ("Indonesia", None, 5),
        ("Bangladesh", None, 3),
    ]
    .into_iter()
    .map(|(org, person, minutes)| {
        json!({
            "organisation_id": plan.organisation(org)["id"],
            "person_id": person,
            "minutes": minutes,
        })
    })
    .collect();
    h.ok(
        "set_speaking_list",
        json!({ "sessionId": updates["id"], "slots": slots }),
    );

    let mut r = Recorder::new(&h);
    let session = json!({ "sessionId": updates["id"] });
    r.module(
        "speaking-list.ts",
        "speakingList",
        answer("speaking_list"),
        "What `speaking_list` answers for the national updates.".into(),
        r.ask("speaking_list", session.clone()),
    );
    r.calls(
        "suggest-speaking-list.ts",
        "suggestions",
        "suggest_speaking_list",
        [3, 4]
            .iter()
            .map(|m| json!({ "sessionId": updates["id"], "minutes": m }))
            .collect(),
    );
    // The turns on screen in the tests, and every turn of a filled list.
    let filled = [3, 4].map(|n| vec![n; suggested.len()]);
    let calls = TURNS
        .iter()
        .map(|m| m.to_vec())
        .chain(filled)
        .map(|m| json!({ "sessionId": updates["id"], "minutes": m }))
        .collect();
    r.calls("turn-times.ts", "turnTimes", "turn_times", calls);
    // Run live last, so the answers above are of the list before it ran.
    for at in ["2024-11-19 10:15", "2024-11-19 10:20:20"] {
        h.ok(
            "call_next_speaker",
            json!({ "sessionId": updates["id"], "at": at }),
        );
    }
    r.by(
        "live-list.ts",
        "liveListBySession",
        "live_speaking_list",
        "statements session id, at 10:22 on Tue 19 Nov 2024",
        &[updates["id"].clone()],
        |s| json!({ "sessionId": s, "at": "2024-11-19 10:22" }),
    );
    r.scenario("speaking", ABOUT)
}
