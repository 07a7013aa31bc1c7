//! The sample week as it is, the files the window starts with, and what
//! the commands refuse.

use super::{
    answer, at, person_form, portable, read_models, Module, Plan, Recorder, Scenario, ALL,
};
use crate::{make_newer, session_form, Harness};
use serde_json::{json, Value};

/// What the pickers and the People page search for in the tests.
const QUERIES: &[&str] = &["", "awal", "bell", "haigh", "lynn", "tharyat"];

/// The sample week as the commands answer it, on the day after its week.
pub fn scenario() -> Scenario {
    let h = Harness::new(None);
    let mut r = Recorder::new(&h);
    r.one("vocabulary.ts", "vocabulary", "vocabulary", json!({}));
    read_models(&mut r, at(21, 9, 0).date(), QUERIES, ALL);
    r.one("plan-form.ts", "planForm", "plan_form", json!({}));
    r.one(
        "change-log.ts",
        "changeLog",
        "change_log",
        json!({ "limit": 200 }),
    );
    r.one(
        "published-versions.ts",
        "publishedVersions",
        "published_versions",
        json!({}),
    );
    impacts(&mut r);
    r.by(
        "summary-by-source.ts",
        "summaryBySource",
        "summary",
        "attendance source",
        &[json!("registered"), json!("checked_in")],
        |s| json!({ "source": s }),
    );
    let when = |day: &str, last_day: &str, start: &str, end: &str| json!({ "text": { "day": day, "last_day": last_day, "start": start, "end": end } });
    r.calls(
        "read-when.ts",
        "whenReadings",
        "read_when",
        vec![
            when("19 Nov", "", "1 pm", "14.30"),
            when("19/11/2024", "", "", ""),
            when("19 Nov", "", "25:00", ""),
            when("18 Nov", "20/11", "", ""),
        ],
    );
    r.scenario("", "the sample week")
}

/// What deleting each person and each organisation would also change.
pub fn impacts(r: &mut Recorder) {
    let plan = Plan::read(r.h);
    r.by(
        "person-impact.ts",
        "personImpactByPerson",
        "person_impact",
        "person id",
        &Plan::ids(&plan.people),
        |p| json!({ "id": p }),
    );
    r.by(
        "organisation-impact.ts",
        "organisationImpactByOrganisation",
        "organisation_impact",
        "organisation id",
        &Plan::ids(&plan.organisations),
        |o| json!({ "id": o }),
    );
}

/// The window launched again after a first start on the sample and a
/// plan made since ("Spring week"): what it is told to open, the plan it
/// opens, and the recent list once it shows it; then opening the Spring
/// week, an open cancelled, and the Spring week gone from its folder.
pub fn files() -> Scenario {
    let first = Harness::new(None);
    let spring = first.path("Spring week.plenary");
    let form = json!({
        "title": "Spring week", "convening_body": "", "venue": "", "city": "Geneva",
        "time_zone": "Europe/Zurich", "first_day": "2025-03-03", "last_day": "2025-03-05",
        "day_start": "", "day_end": "", "notes": ""
    });
    let new_plan = json!({ "path": spring, "form": form });
    let created = first.ok("new_plan", new_plan.clone());
    first.ok("plan_shown", json!({ "path": created["path"] }));
    let sample = std::path::PathBuf::from(&first.recent()[1]);
    first.open(&sample);
    let created = portable(created, &first);
    let new_plan = portable(new_plan, &first);
    let Harness { dir, .. } = first;

    let h = Harness::launch(dir, None);
    let mut r = Recorder::new(&h);
    r.one("startup.ts", "startup", "startup", json!({}));
    let file = h.ok("open_at_start", json!({}));
    r.module(
        "plan-file.ts",
        "planFile",
        answer("open_at_start"),
        "What `open_at_start` answers.".into(),
        portable(file.clone(), &h),
    );
    r.one(
        "recent-files.ts",
        "recentFiles",
        "plan_shown",
        json!({ "path": file["path"] }),
    );
    let mut about = r.ask("about", json!({}));
    // The log starts with the real window (or another test in this run):
    // where it would be on Linux.
    about["log_folder"] = json!("~/.local/share/org.plenary.app/logs");
    r.module(
        "about.ts",
        "about",
        answer("about"),
        "What `about` answers with the sample week open.".into(),
        about,
    );
    r.module(
        "new-plan.ts",
        "newPlans",
        format!(
            "{{ args: Record<string, unknown>; answer: {} }}[]",
            answer("new_plan")
        ),
        "What `new_plan` answered when the Spring week was made.".into(),
        json!([{ "args": new_plan, "answer": created }]),
    );
    r.calls(
        "open-plan.ts",
        "openedPlans",
        "open_plan",
        vec![json!({ "path": spring })],
    );
    let cancel = h.state.begin_open();
    h.state.cancel_open();
    let cancelled = h.state.open_with(&sample, &cancel).unwrap_err();
    r.module(
        "cancelled.ts",
        "cancelled",
        "ApiError".into(),
        "What an open answers when Cancel stops it.".into(),
        portable(serde_json::to_value(cancelled).unwrap(), &h),
    );
    std::fs::remove_file(&spring).unwrap();
    let mut wrong = form.clone();
    wrong["last_day"] = json!("2025-03-01");
    r.refusals(
        "refusals.ts",
        "refusals",
        vec![
            ("gone", "open_plan", json!({ "path": spring })),
            (
                "planDays",
                "new_plan",
                json!({ "path": spring, "form": wrong }),
            ),
        ],
    );
    r.calls(
        "forget-recent.ts",
        "forgotten",
        "forget_recent",
        vec![json!({ "path": spring })],
    );
    let mut files = r.scenario(
        "files",
        "the window launched on the sample week, with a plan made since (the Spring week) in its recent list",
    );
    // The window is killed while it reopens the sample, and launched again.
    h.state.open(&sample).unwrap();
    let Harness { dir, .. } = h;
    let again = Harness::launch(dir, None);
    files.modules.push(Module {
        file: "startup-after-hang.ts".into(),
        export: "startupAfterHang".into(),
        ty: answer("startup"),
        doc: "What `startup` answers at the next launch after the window was killed while it reopened the sample.".into(),
        value: portable(again.ok("startup", json!({})), &again),
    });
    files
}

/// What the commands answer when they refuse, on the sample week: forms
/// with problems, records gone, and files that are not plans.
pub fn refusals() -> Scenario {
    let h = Harness::new(None);
    let plan = Plan::read(&h);
    let dialogue = plan.event("Commemorative Dialogue")["id"].clone();
    let lunch = plan
        .sessions
        .iter()
        .find(|s| s["title"] == "Lunch")
        .unwrap()
        .clone();
    // A session, a person and an organisation deleted behind the window's back.
    h.ok("delete_session", json!({ "id": lunch["id"] }));
    let gone = h.ok(
        "create_person",
        json!({ "form": person_form("Dr", "Mina", "Ortiz", &Value::Null) }),
    );
    h.ok("delete_person", json!({ "id": gone["id"] }));
    // Files: one that is not a plan, one gone, one from a newer Plenary, one damaged.
    let notes = h.path("notes.plenary");
    std::fs::write(&notes, "hello").unwrap();
    let newer = h.path("newer.plenary");
    h.ok("save_copy_as", json!({ "path": newer }));
    make_newer(&newer);
    let damaged = h.path("damaged.plenary");
    h.ok("save_copy_as", json!({ "path": damaged }));
    rusqlite::Connection::open(&damaged)
        .unwrap()
        .execute_batch(
            "PRAGMA ignore_check_constraints = ON; UPDATE session SET \"end\" = NULL WHERE id = 1",
        )
        .unwrap();

    let mut problems = session_form(&dialogue, " ", "2024-11-18", "10:00", "09:00");
    problems["room_id"] = Value::Null;
    let mut lunch_form = session_form(&lunch["event_id"], "Lunch", "2024-11-18", "12:30", "13:30");
    lunch_form["kind"] = json!("meal");
    let indonesia = plan.organisation("Indonesia");
    let long_note = "n".repeat(201);
    let roles = json!([
        { "role": "co_chair", "person_id": plan.person("Bell")["id"], "organisation_id": null, "note": "" },
        { "role": "co_chair", "person_id": null, "organisation_id": indonesia["id"], "note": long_note },
    ]);
    let updates = plan.session("National updates");
    let cochairs = json!([{
        "organisation_id": indonesia["id"], "person_id": null,
        "role_label": "Senior Official Co-Chair", "day": "2024-11-21"
    }]);
    let mut r = Recorder::new(&h);
    r.refusals(
        "refusals.ts",
        "refusals",
        vec![
            ("sessionForm", "create_session", json!({ "form": problems })),
            (
                "sessionGone",
                "update_session",
                json!({ "id": lunch["id"], "form": lunch_form }),
            ),
            (
                "personForm",
                "create_person",
                json!({ "form": { "honorific": "Dr", "email": "ada@" } }),
            ),
            (
                "personGone",
                "update_person",
                json!({ "id": gone["id"], "form": person_form("Dr", "Mina", "Ortiz", &Value::Null) }),
            ),
            (
                "personOrganisationGone",
                "update_person",
                json!({ "id": plan.person("Bell")["id"], "form": person_form("Ms", "Lynn", "Bell", &json!(9999)) }),
            ),
            (
                "organisationNameTaken",
                "update_organisation",
                json!({ "id": plan.organisation("Australia")["id"], "form": {
                    "name": "Indonesia", "acronym": "", "official_name": "",
                    "category": "member_state", "country_code": "AU"
                } }),
            ),
            (
                "deletePersonGone",
                "delete_person",
                json!({ "id": gone["id"] }),
            ),
            (
                "levelTooLong",
                "set_participation",
                json!({ "eventId": dialogue, "organisationId": indonesia["id"], "status": "member", "level": "l".repeat(121) }),
            ),
            (
                "cochairDay",
                "set_cochairs",
                json!({ "eventId": dialogue, "rows": cochairs }),
            ),
            (
                "cochairsEventGone",
                "set_cochairs",
                json!({ "eventId": 9999, "rows": [] }),
            ),
            (
                "ignoreWord",
                "set_protocol_settings",
                json!({ "settings": { "host_organisation_id": null, "ignore_words": ["a|b"] } }),
            ),
            (
                "roleNote",
                "set_session_roles",
                json!({ "sessionId": plan.session("Opening remarks")["id"], "roles": roles }),
            ),
            (
                "rolesSessionGone",
                "set_session_roles",
                json!({ "sessionId": lunch["id"], "roles": [] }),
            ),
            (
                "assignedTwice",
                "add_session_role",
                json!({ "sessionId": plan.session("Opening remarks")["id"], "entry": {
                    "role": "co_chair", "person_id": plan.person("Bell")["id"], "organisation_id": null, "note": ""
                } }),
            ),
            (
                "turnMinutes",
                "set_speaking_list",
                json!({ "sessionId": updates["id"], "slots": [
                    { "organisation_id": plan.organisation("Australia")["id"], "person_id": null, "minutes": 5 },
                    { "organisation_id": indonesia["id"], "person_id": null, "minutes": 0 },
                ] }),
            ),
            (
                "delayOfNothing",
                "preview_delay",
                json!({ "roomId": plan.room("Plenary Hall")["id"], "minutes": 0, "at": "2024-11-19 10:40" }),
            ),
            ("notAPlan", "open_plan", json!({ "path": notes })),
            (
                "missingFile",
                "open_plan",
                json!({ "path": h.path("gone.plenary") }),
            ),
            ("newerVersion", "open_plan", json!({ "path": newer })),
            ("damaged", "open_plan", json!({ "path": damaged })),
            (
                "importMissingFile",
                "import_preview",
                json!({ "path": h.path("registrants.csv"), "eventId": dialogue, "mapping": null }),
            ),
        ],
    );
    r.scenario(
        "refusals",
        "the sample week, with “Lunch” on the 18th and a newly added Dr Mina Ortiz deleted since",
    )
}
