//! The command layer, driven through Tauri's IPC on the mock runtime: what
//! the window sends is what these tests send.

use plenary::commands::{export_bindings, specta_builder, BINDINGS_PATH};
use plenary::state::AppState;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindowBuilder};

struct Harness {
    _app: tauri::App<tauri::test::MockRuntime>,
    window: tauri::WebviewWindow<tauri::test::MockRuntime>,
    dir: tempfile::TempDir,
}

impl Harness {
    fn new(file: Option<&Path>) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(&dir.path().join("config"), &dir.path().join("data"));
        state.open_at_start(file);
        let builder = specta_builder::<tauri::test::MockRuntime>();
        let app = mock_builder()
            .invoke_handler(builder.invoke_handler())
            .manage(state)
            .build(mock_context(noop_assets()))
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Harness {
            _app: app,
            window,
            dir,
        }
    }

    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn err(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .err()
            .unwrap_or_else(|| panic!("{cmd} should have failed"))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn session_form(event_id: &Value, title: &str, day: &str, from: &str, to: &str) -> Value {
    json!({
        "event_id": event_id, "title": title, "kind": "discussion",
        "day": day, "start_time": from, "end_time": to, "room_id": null,
        "description": "", "agenda_item": "", "outcome": "", "notes": ""
    })
}

#[test]
fn first_start_opens_a_copy_of_the_sample_and_remembers_it() {
    let h = Harness::new(None);
    let start = h.ok("startup", json!({}));
    let path = start["plan"]["path"].as_str().unwrap().to_string();
    assert!(path.ends_with("Sample meeting week.plenary"), "{path}");
    assert!(path.starts_with(h.dir.path().to_str().unwrap()));
    let overview = h.ok("overview", json!({}));
    assert_eq!(overview["events"].as_array().unwrap().len(), 3);
    let recent = h.ok("recent_files", json!({}));
    assert_eq!(recent[0]["path"], path);
}

#[test]
fn create_update_and_delete_a_session_through_ipc() {
    let h = Harness::new(None);
    let overview = h.ok("overview", json!({}));
    let annual = overview["events"][1]["event"]["id"].clone();
    let created = h.ok(
        "create_session",
        json!({ "form": session_form(&annual, "Side briefing", "2024-11-19", "17:00", "17:45") }),
    );
    assert_eq!(created["start"], "2024-11-19T17:00:00");
    let id = created["id"].clone();
    let form = h.ok("session_form", json!({ "id": id }));
    assert_eq!(form["start_time"], "17:00");
    let mut moved = form.clone();
    moved["start_time"] = json!("16:50");
    h.ok("update_session", json!({ "id": id, "form": moved }));
    let day = h.ok("agenda", json!({ "day": "2024-11-19" }));
    let titles: Vec<&str> = day["days"][0]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["session"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.last(), Some(&"Side briefing"));
    h.ok("delete_session", json!({ "id": id }));
    let err = h.err("session_form", json!({ "id": id }));
    assert_eq!(err["code"], "not_found");
}

#[test]
fn invalid_forms_come_back_as_field_problems() {
    let h = Harness::new(None);
    let overview = h.ok("overview", json!({}));
    let dialogue = overview["events"][0]["event"]["id"].clone();
    let err = h.err(
        "create_session",
        json!({ "form": session_form(&dialogue, " ", "2024-11-19", "11:00", "10:00") }),
    );
    assert_eq!(err["code"], "invalid");
    let fields: Vec<&str> = err["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["title", "end_time", "day"]);
    assert_eq!(h.ok("overview", json!({}))["session_count"], 24);
}

#[test]
fn events_and_rooms_round_trip() {
    let h = Harness::new(None);
    let event = h.ok(
        "create_event",
        json!({ "form": { "title": "Side event on data", "short_name": "Side", "first_day": "2024-11-20", "last_day": "2024-11-20", "description": "" } }),
    );
    let room = h.ok(
        "create_room",
        json!({ "form": { "name": "Room B", "capacity": "30", "notes": "" } }),
    );
    assert_eq!(room["capacity"], 30);
    let mut form = session_form(
        &event["id"],
        "Data briefing",
        "2024-11-20",
        "12:00",
        "12:45",
    );
    form["room_id"] = room["id"].clone();
    h.ok("create_session", json!({ "form": form }));
    let err = h.err(
        "update_event",
        json!({ "id": event["id"], "form": { "title": "Side event on data", "short_name": "Side", "first_day": "2024-11-19", "last_day": "2024-11-19", "description": "" } }),
    );
    assert!(
        err["message"].as_str().unwrap().contains("Data briefing"),
        "{err}"
    );
    h.ok("delete_event", json!({ "id": event["id"] }));
    assert_eq!(
        h.ok("overview", json!({}))["events"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn new_open_and_save_copy() {
    let h = Harness::new(None);
    let copy = h.path("copy.plenary");
    h.ok("save_copy_as", json!({ "path": copy }));
    let fresh = h.path("fresh.plenary");
    let err = h.err(
        "new_plan",
        json!({ "path": fresh, "form": { "title": "", "convening_body": "", "venue": "", "city": "", "time_zone": "Mars/Olympus", "first_day": "2025-03-03", "last_day": "2025-03-05", "day_start": "", "day_end": "", "notes": "" } }),
    );
    assert_eq!(err["code"], "invalid");
    assert!(!fresh.exists(), "nothing is written on error");
    let created = h.ok(
        "new_plan",
        json!({ "path": fresh, "form": { "title": "Spring week", "convening_body": "", "venue": "", "city": "Geneva", "time_zone": "Europe/Zurich", "first_day": "2025-03-03", "last_day": "2025-03-05", "day_start": "", "day_end": "", "notes": "" } }),
    );
    assert_eq!(created["title"], "Spring week");
    assert_eq!(h.ok("overview", json!({}))["session_count"], 0);
    let opened = h.ok("open_plan", json!({ "path": copy }));
    assert_eq!(opened["file_name"], "copy.plenary");
    assert_eq!(h.ok("overview", json!({}))["session_count"], 24);
    let recent: Vec<String> = h
        .ok("recent_files", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["file_name"]
                .as_str()
                .map(String::from)
                .unwrap_or_else(|| r["path"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(
        recent[0].ends_with("copy.plenary") && recent[1].ends_with("fresh.plenary"),
        "{recent:?}"
    );
}

#[test]
fn a_file_that_is_not_a_plan_is_explained_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.plenary");
    std::fs::write(&bad, "hello").unwrap();
    let h = Harness::new(Some(&bad));
    let start = h.ok("startup", json!({}));
    assert!(start["plan"].is_null());
    assert_eq!(start["error"]["code"], "not_a_plan");
    assert!(start["error"]["message"]
        .as_str()
        .unwrap()
        .ends_with("is not a Plenary plan"));
    assert_eq!(h.err("overview", json!({}))["code"], "no_plan");
    let _ = h.window.app_handle();
}

/// The TypeScript bindings are generated from these commands; CI fails when
/// the committed file is stale. `make bindings` regenerates it.
#[test]
fn typescript_bindings_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed = root.join(BINDINGS_PATH);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        export_bindings(&committed).unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    export_bindings(&fresh).unwrap();
    let want = std::fs::read_to_string(&fresh).unwrap();
    let have = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        want == have,
        "{BINDINGS_PATH} is out of date with the Rust commands; run `make bindings`"
    );
}

#[test]
fn people_edits_and_the_desk_through_ipc() {
    let h = Harness::new(None);
    let overview = h.ok("overview", json!({}));
    let event = &overview["events"][0]["event"];
    let event_id = event["id"].clone();

    // A bad email comes back as a field problem; a good form creates the person.
    let bad = h.err(
        "create_person",
        json!({"form": {"family_name": "Bell", "email": "nope"}}),
    );
    assert_eq!(bad["code"], "invalid");
    assert_eq!(bad["fields"][0]["field"], "email");
    let person = h.ok(
        "create_person",
        json!({"form": {"honorific": "H.E.", "given_name": "Lynn", "family_name": "Bell"}}),
    );
    let hits = h.ok("search_people", json!({"query": "bell lyn", "limit": 10}));
    assert!(hits
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == person["id"] && p["name"] == "H.E. Lynn Bell"));

    // Registered, then checked in on the event's first day: the count goes up.
    h.ok(
        "set_registration",
        json!({"eventId": event_id, "personId": person["id"], "registration": "confirmed", "capacity": "head of delegation"}),
    );
    let day = event["first_day"].clone();
    let before = h.ok("desk", json!({"eventId": event_id, "day": day}));
    h.ok(
        "check_in",
        json!({"eventId": event_id, "personId": person["id"], "day": day, "present": true}),
    );
    let after = h.ok("desk", json!({"eventId": event_id, "day": day}));
    assert_eq!(
        after["present"].as_u64().unwrap(),
        before["present"].as_u64().unwrap() + 1
    );

    // The board's preview writes nothing; assigning does, as one undoable step.
    let board = h.ok("board", json!({}));
    let panel_session = board["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["entry"]["session"]["kind"] == "panel")
        .unwrap()["entry"]["session"]
        .clone();
    let panel = panel_session["id"].clone();
    h.ok(
        "assignment_conflicts",
        json!({"sessionId": panel, "personId": person["id"], "role": "rapporteur"}),
    );
    h.ok(
        "add_session_role",
        json!({"sessionId": panel, "entry": {"role": "rapporteur", "person_id": person["id"], "organisation_id": null, "note": ""}}),
    );
    let roles = h.ok("session_roles", json!({"sessionId": panel}));
    assert!(roles
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["role"] == "rapporteur" && r["person_id"] == person["id"]));
    let undone = h.ok("undo", json!({}));
    assert_eq!(
        undone.as_str().unwrap(),
        format!(
            "Assigned H.E. Lynn Bell as rapporteur of “{}”",
            panel_session["title"].as_str().unwrap()
        )
    );
}

#[test]
fn csv_import_previews_then_writes_once() {
    let h = Harness::new(None);
    let event_id = h.ok("overview", json!({}))["events"][0]["event"]["id"].clone();
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/indico-registrants.csv");
    let people_before = h.ok("people", json!({})).as_array().unwrap().len();
    let preview = h.ok(
        "import_preview",
        json!({"path": csv, "eventId": event_id, "mapping": null}),
    );
    assert!(preview["created"].as_u64().unwrap() > 0, "{preview}");
    assert_eq!(
        h.ok("people", json!({})).as_array().unwrap().len(),
        people_before,
        "a preview writes nothing"
    );
    let summary = h.ok(
        "import_attendees",
        json!({"path": csv, "eventId": event_id, "mapping": preview["mapping"], "skipInvalid": true, "progress": "__CHANNEL__:7"}),
    );
    assert_eq!(summary["created"], preview["created"]);
    let again = h.ok(
        "import_preview",
        json!({"path": csv, "eventId": event_id, "mapping": null}),
    );
    assert_eq!(
        again["created"], 0,
        "re-importing matches, it does not duplicate"
    );

    let missing = h.err(
        "import_preview",
        json!({"path": h.path("nope.csv"), "eventId": event_id, "mapping": null}),
    );
    assert_eq!(missing["code"], "invalid");
    assert!(missing["message"].as_str().unwrap().contains("nope.csv"));
}
