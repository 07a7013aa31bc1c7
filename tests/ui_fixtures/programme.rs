//! Importing `tests/fixtures/side-programme.csv` into the sample week: the
//! previews the programme page's tests choose (automatic columns, "Lead"
//! read as the moderator, a type read as another kind), a refusal, and the
//! import.

use super::{Recorder, Scenario};
use crate::Harness;
use serde_json::{json, Value};
use std::path::Path;

const ABOUT: &str = "the sample week and tests/fixtures/side-programme.csv (a side event \
with a lead and speakers, a reception, and a day's bilateral meetings without a time yet), \
imported as a programme";

pub fn scenario() -> Scenario {
    let h = Harness::new(None);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let csv = h.path("side-programme.csv");
    std::fs::copy(fixtures.join("side-programme.csv"), &csv).unwrap();
    let request = |columns: Value, kinds: Value, skip: bool| {
        json!({ "format": "auto", "columns": columns, "kinds": kinds,
                "event": { "kind": "auto" }, "skip_invalid": skip })
    };
    let auto = request(Value::Null, json!([]), false);
    let lead = json!([
        "day",
        "time",
        "title",
        "room",
        "kind",
        "moderator",
        "speakers"
    ]);
    let mut r = Recorder::new(&h);
    r.calls(
        "programme-preview.ts",
        "programmePreviews",
        "programme_preview",
        vec![
            json!({ "path": csv, "request": auto, "asNewPlan": false, "zone": null }),
            json!({ "path": csv, "request": request(lead.clone(), json!([]), false),
                    "asNewPlan": false, "zone": null }),
            json!({ "path": csv,
                    "request": request(lead.clone(), json!([{ "source": "Reception", "kind": "break" }]), false),
                    "asNewPlan": false, "zone": null }),
        ],
    );
    r.refusals(
        "refusals.ts",
        "refusals",
        vec![(
            "notAProgramme",
            "programme_preview",
            json!({ "path": h.path("missing.csv"), "request": auto, "asNewPlan": false, "zone": null }),
        )],
    );
    r.calls(
        "import-programme.ts",
        "imports",
        "import_programme",
        vec![json!({ "path": csv, "request": request(lead, json!([]), false) })],
    );
    r.scenario("programme", ABOUT)
}
