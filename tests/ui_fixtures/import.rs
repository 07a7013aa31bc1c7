//! Importing `tests/fixtures/registrants.csv` into the sample week's
//! Commemorative Dialogue: previews for the mappings the import page's
//! tests choose, the refusals, the import, and the preview after it.

use super::{Plan, Recorder, Scenario};
use crate::Harness;
use serde_json::{json, Value};
use std::path::Path;

const ABOUT: &str = "the sample week and tests/fixtures/registrants.csv (a person to \
add, one whose registration changes, one already up to date and one with a bad email), \
imported into the Commemorative Dialogue";

const AUTO: [&str; 5] = [
    "given_name",
    "family_name",
    "email",
    "organisation",
    "registration",
];

/// AUTO with `column` mapped to `field` instead.
fn with(column: usize, field: &str) -> Vec<&str> {
    let mut mapping = AUTO.to_vec();
    mapping[column] = field;
    mapping
}

pub fn scenario() -> Scenario {
    let h = Harness::new(None);
    let plan = Plan::read(&h);
    let event = plan.event("Commemorative Dialogue")["id"].clone();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let csv = h.path("registrants.csv");
    std::fs::copy(fixtures.join("registrants.csv"), &csv).unwrap();
    // The same file after someone cut it down to three columns (and two rows).
    let changed = h.path("registrants (edited).csv");
    std::fs::copy(fixtures.join("one-bad-row.csv"), &changed).unwrap();
    let preview = |mapping: Value| json!({ "path": csv, "eventId": event, "mapping": mapping });
    let no_email = with(2, "ignore");

    let mut r = Recorder::new(&h);
    r.calls(
        "import-preview.ts",
        "previews",
        "import_preview",
        vec![
            preview(Value::Null),
            preview(json!(AUTO)),
            preview(json!(no_email)),
            preview(json!(with(4, "ignore"))),
            preview(json!(with(4, "capacity"))),
            json!({ "path": changed, "eventId": event, "mapping": null }),
        ],
    );
    let import = |mapping: &[&str], path: &Path, skip: bool| {
        json!({ "path": path, "eventId": event, "mapping": mapping, "skipInvalid": skip,
                "progress": "__CHANNEL__:7" })
    };
    r.refusals(
        "refusals.ts",
        "refusals",
        vec![
            (
                "twoColumnsOneField",
                "import_preview",
                preview(json!([
                    "given_name",
                    "given_name",
                    "ignore",
                    "organisation",
                    "registration"
                ])),
            ),
            ("rowErrors", "import_attendees", import(&AUTO, &csv, false)),
            (
                "fileChanged",
                "import_attendees",
                import(&AUTO, &changed, true),
            ),
        ],
    );
    r.calls(
        "import-attendees.ts",
        "imports",
        "import_attendees",
        vec![import(&no_email, &csv, false)],
    );
    r.calls(
        "preview-after-import.ts",
        "previewsAfterImport",
        "import_preview",
        vec![preview(json!(no_email))],
    );
    r.scenario("import", ABOUT)
}
