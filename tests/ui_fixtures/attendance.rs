//! The sample week with delegations and registrations worked on, on the
//! morning of the Commemorative Dialogue's first day.

use super::{answer, at, check_in, person_form, read_models, Part, Plan, Recorder, Scenario};
use crate::Harness;
use serde_json::{json, Value};

const ABOUT: &str = "the sample week on the morning of 18 November, with the \
Commemorative Dialogue running all week: Thailand its co-host (and IOM its opening's), \
Walk Free without a participation entry but Ms Ana Cruz of it registered, Dr Sam Kee \
registered without an organisation, Ms Thị Hoà Nguyễn of Vietnam and Mr José Ramírez \
of IOM registered, emails for Ms Lynn Bell and Mr Tri Tharyat, who has declined, \
Indonesia's Senior Official Co-Chair not named yet and there on the 19th only, and \
Ms Lynn Bell and Ms Nguyễn checked in";

/// What the pickers, the desk and the People page search for in the tests.
const QUERIES: &[&str] = &["Awal", "Tharyat", "awal", "haigh", "tharyat"];

pub fn scenario() -> Scenario {
    let h = Harness::new(None);
    let plan = Plan::read(&h);
    let dialogue = plan.event("Commemorative Dialogue").clone();
    let event = &dialogue["id"];
    let org = |name: &str| plan.organisation(name)["id"].clone();
    let (bell, tharyat) = (plan.person("Bell").clone(), plan.person("Tharyat").clone());
    let (awal, haigh) = (plan.person("Awal").clone(), plan.person("Haigh").clone());

    let mut form = h.ok("event_form", json!({ "id": event }));
    form["last_day"] = json!("2024-11-20");
    h.ok("update_event", json!({ "id": event, "form": form }));
    let participation = |organisation: Value, status: Value| {
        h.ok(
            "set_participation",
            json!({ "eventId": event, "organisationId": organisation, "status": status, "level": "" }),
        );
    };
    participation(org("Thailand"), json!("co_host"));
    participation(org("Walk Free"), Value::Null);
    h.ok(
        "set_cohosts",
        json!({ "eventId": event, "sessionId": null, "organisations": [org("Thailand")] }),
    );
    h.ok(
        "set_cohosts",
        json!({ "eventId": event, "sessionId": plan.session("Opening remarks")["id"],
                "organisations": [org("International Organization for Migration")] }),
    );
    let person = |form: Value, registration: &str, capacity: &str| {
        let p = h.ok("create_person", json!({ "form": form }));
        h.ok(
            "set_registration",
            json!({ "eventId": event, "personId": p["id"], "registration": registration, "capacity": capacity }),
        );
        p
    };
    person(
        person_form("Ms", "Ana", "Cruz", &org("Walk Free")),
        "registered",
        "delegate",
    );
    let mut kee = person_form("Dr", "Sam", "Kee", &Value::Null);
    kee["position"] = json!("Independent expert");
    person(kee, "registered", "observer");
    let mut hoa = person_form("Ms", "Thị Hoà", "Nguyễn", &org("Vietnam"));
    hoa["email"] = json!("hoa.nguyen@mofa.example");
    let hoa = person(hoa, "confirmed", "head of delegation");
    let mut ramirez = person_form(
        "Mr",
        "José",
        "Ramírez",
        &org("International Organization for Migration"),
    );
    ramirez["email"] = json!("jramirez@iom.example");
    person(ramirez, "registered", "observer");
    for (p, email) in [
        (&bell, "lynn.bell@dfat.example"),
        (&tharyat, "tri.tharyat@kemlu.example"),
    ] {
        let mut form = p.clone();
        form["email"] = json!(email);
        h.ok("update_person", json!({ "id": p["id"], "form": form }));
    }
    h.ok(
        "set_registration",
        json!({ "eventId": event, "personId": tharyat["id"], "registration": "declined", "capacity": "head of delegation" }),
    );
    let seat = |organisation: Value, person: &Value, role: &str, day: Value| json!({ "organisation_id": organisation, "person_id": person.get("id"), "role_label": role, "day": day });
    let (senior, group) = ("Senior Official Co-Chair", "Working Group Co-Chair");
    h.ok(
        "set_cochairs",
        json!({ "eventId": event, "rows": [
            seat(org("Australia"), &bell, senior, Value::Null),
            seat(org("Indonesia"), &Value::Null, senior, json!("2024-11-19")),
            seat(org("Indonesia"), &awal, group, Value::Null),
            seat(org("Australia"), &haigh, group, Value::Null),
        ] }),
    );
    check_in(&h, &dialogue, &bell, "2024-11-18", true, at(18, 8, 40));
    check_in(&h, &dialogue, &hoa, "2024-11-18", true, at(18, 8, 52));

    let mut r = Recorder::new(&h);
    read_models(
        &mut r,
        at(18, 9, 0).date(),
        QUERIES,
        &[Part::Overview, Part::People, Part::Delegations],
    );
    check_ins(&mut r, &dialogue);
    r.calls(
        "export-attendees.ts",
        "exports",
        "export_attendees",
        vec![json!({ "eventId": event, "path": h.path("Commemorative Dialogue attendees.csv") })],
    );
    let off_day = r.refused(
        "checkInOffDay",
        "check_in",
        json!({ "eventId": event, "personId": bell["id"], "day": "2024-11-21", "present": true }),
    );
    // The Dialogue deleted behind the window's back.
    h.ok("delete_event", json!({ "id": event }));
    let gone = r.refused(
        "cochairsEventGone",
        "set_cochairs",
        json!({ "eventId": event, "rows": [] }),
    );
    r.refusal_module("refusals.ts", "refusals", vec![off_day, gone]);
    r.scenario("attendance", ABOUT)
}

/// What the desk of the Dialogue's first day answers after each check-in
/// or its undoing: every line's button pressed once (at 09:05, through the
/// core), then pressed back.
fn check_ins(r: &mut Recorder, dialogue: &Value) {
    let day = "2024-11-18";
    let args = json!({ "eventId": dialogue["id"], "day": day });
    let desk = r.ask("desk", args.clone());
    let mut recorded = Vec::new();
    for line in desk["lines"].as_array().unwrap() {
        let person = json!({ "id": line["person_id"] });
        let present = !line["present"].as_bool().unwrap();
        check_in(r.h, dialogue, &person, day, present, at(18, 9, 5));
        recorded.push(json!({
            "args": { "eventId": dialogue["id"], "personId": line["person_id"], "day": day, "present": present },
            "desk": r.ask("desk", args.clone()),
        }));
        check_in(r.h, dialogue, &person, day, !present, at(18, 9, 5));
    }
    r.module(
        "check-ins.ts",
        "checkIns",
        format!(
            "{{ args: Record<string, unknown>; desk: {} }}[]",
            answer("desk")
        ),
        "What `desk` answers for the Dialogue's first day after each `check_in`.".into(),
        Value::Array(recorded),
    );
}
