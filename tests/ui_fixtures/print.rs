//! Printing the sample week with two versions of its programme published:
//! what the previews and exports answer, printed at fixed moments. A
//! preview's pages are SVG documents of some hundred kilobytes each, so
//! only their number and the first one's opening tag (its size) are kept,
//! with the stamp and the changes listed.

use super::{answer, at, start_of, Plan, Recorder, Scenario};
use crate::Harness;
use chrono::NaiveDateTime;
use plenary_core::print::{self, PrintRequest};
use serde_json::{json, Value};

const ABOUT: &str = "the sample week with its programme published as version 1 \
(18 Nov 07:55), the Dialogue's lunch then moved to 12:45 and version 2 published \
(19 Nov 08:30), and the Annual Meeting's morning coffee break since moved to the \
Plenary Hall; printed at 08:45 on 19 November";

/// A request as the Print page sends it: the programme for the whole week,
/// with `changes` over it.
fn request(changes: Value) -> Value {
    let mut r = json!({
        "kind": "programme", "day": null, "event_id": null, "paper": "a4",
        "variant": "public", "changes_since": null, "per_person": false, "fit_each": false,
        "acronyms": false, "with_counts": false,
        "descriptions": true, "positions": true, "status": "", "issued": null,
        "attendance": "registered"
    });
    for (k, v) in changes.as_object().unwrap() {
        r[k] = v.clone();
    }
    // The page sends the tbc marks (on by default) only where they apply.
    r["mark_tbc"] = json!(matches!(r["kind"].as_str(), Some("programme" | "speakers")));
    r
}

pub fn scenario() -> Scenario {
    let h = Harness::new(None);
    let plan = Plan::read(&h);
    let annual = plan.event("Annual Meeting")["id"].clone();
    let publish = |when: NaiveDateTime| {
        h.state
            .with_mut(|s| print::changes::publish(s, when))
            .unwrap()
    };
    publish(at(18, 7, 55));
    let lunch = plan
        .sessions
        .iter()
        .find(|s| s["title"] == "Lunch")
        .unwrap();
    h.ok(
        "move_session",
        json!({ "id": lunch["id"], "start": "2024-11-18T12:45:00", "roomId": null }),
    );
    publish(at(19, 8, 30));
    let coffee = plan
        .sessions
        .iter()
        .find(|s| s["title"] == "Coffee break" && start_of(s).starts_with("2024-11-19"))
        .unwrap();
    h.ok(
        "move_session",
        json!({ "id": coffee["id"], "start": start_of(coffee), "roomId": plan.room("Plenary Hall")["id"] }),
    );

    let mut r = Recorder::new(&h);
    r.one(
        "published-versions.ts",
        "publishedVersions",
        "published_versions",
        json!({}),
    );
    let requests = [
        request(json!({})),
        request(json!({ "day": "2024-11-18" })),
        request(json!({ "day": "2024-11-19" })),
        request(json!({ "paper": "letter" })),
        request(json!({ "variant": "internal" })),
        request(json!({ "changes_since": 1 })),
        request(json!({ "changes_since": 2 })),
        request(json!({ "kind": "participants", "with_counts": true })),
        request(json!({ "kind": "participants" })),
        request(json!({ "kind": "participants", "event_id": annual, "with_counts": true })),
        request(json!({ "kind": "speakers" })),
        request(json!({ "kind": "speakers", "day": "2024-11-19", "event_id": annual })),
        request(json!({ "kind": "namecards" })),
        request(json!({ "kind": "namecards", "event_id": annual })),
        request(json!({ "kind": "summary" })),
        request(json!({ "kind": "report", "day": "2024-11-19" })),
        request(json!({ "kind": "report" })),
        request(json!({ "kind": "namecards", "event_id": annual, "per_person": true })),
        request(
            json!({ "kind": "namecards", "event_id": annual, "per_person": true, "fit_each": true }),
        ),
        request(json!({
            "kind": "namecards", "event_id": annual, "per_person": true, "fit_each": true, "acronyms": true
        })),
    ];
    let previews = requests
        .iter()
        .map(|req| json!({ "args": { "request": req }, "answer": preview(&h, req) }))
        .collect();
    r.module(
        "print-preview.ts",
        "previews",
        format!(
            "{{ args: Record<string, unknown>; answer: Omit<{0}, 'pages'> & {{ pages: number; head: string }} }}[]",
            answer("print_preview")
        ),
        "What `print_preview` answers, printed at 08:45 on 19 November, with the \
         number of its pages and the first page's opening tag for the pages themselves."
            .into(),
        Value::Array(previews),
    );
    let plan_file = h.recent()[0].clone();
    let progress = "__CHANNEL__:7";
    r.refusals(
        "refusals.ts",
        "refusals",
        vec![
            (
                "dayOutside",
                "print_preview",
                json!({ "request": request(json!({ "day": "2024-11-25" })), "progress": progress }),
            ),
            (
                "marksOnList",
                "print_preview",
                json!({ "request": request(json!({ "kind": "participants", "changes_since": 1 })), "progress": progress }),
            ),
            (
                "pdfOverPlan",
                "export_pdf",
                json!({ "request": request(json!({})), "path": plan_file, "publish": false, "progress": progress }),
            ),
        ],
    );
    writes(&mut r);
    r.scenario("print", ABOUT)
}

/// The preview of `req` printed at 08:45 on 19 November: its pages
/// counted, and the first page's opening `<svg …>` tag (its size).
fn preview(h: &Harness, req: &Value) -> Value {
    let req: PrintRequest = serde_json::from_value(req.clone()).unwrap();
    let preview = h
        .state
        .with_mut(|s| print::preview(s, &req, at(19, 8, 45), &mut |_| {}))
        .unwrap();
    let first = preview.pages.first().map_or("", String::as_str);
    let head = first
        .find("<svg")
        .and_then(|start| Some(start..start + first.get(start..)?.find('>')? + 1))
        .and_then(|tag| first.get(tag))
        .unwrap_or_default();
    json!({
        "pages": preview.pages.len(), "head": head,
        "stamp": preview.stamp, "changes": preview.changes, "warnings": preview.warnings,
    })
}

/// The PDF of `req` written at 09:10 on 19 November, published first if
/// asked: what `export_pdf` answers, without the file's size.
fn export(h: &Harness, req: &Value, publish: bool) -> Value {
    let parsed: PrintRequest = serde_json::from_value(req.clone()).unwrap();
    let out = h.path("programme.pdf");
    let written = h
        .state
        .with_mut(|s| print::export_pdf(s, &parsed, at(19, 9, 10), publish, &out, &mut |_| {}))
        .unwrap();
    json!({
        "args": { "request": req, "publish": publish },
        "answer": { "pages": written.pages, "version": written.version, "warnings": written.warnings },
    })
}

/// Exports, with and without publishing, and publishing before printing;
/// each publish is undone before the next, and the versions listed after
/// one are recorded.
fn writes(r: &mut Recorder) {
    let h = r.h;
    let programme = request(json!({}));
    let mut exports = vec![
        export(h, &programme, false),
        export(h, &request(json!({ "day": "2024-11-19" })), false),
    ];
    exports.push(export(h, &programme, true));
    r.module(
        "export-pdf.ts",
        "exports",
        format!(
            "{{ args: Record<string, unknown>; answer: Omit<{}, 'bytes'> }}[]",
            answer("export_pdf")
        ),
        "What `export_pdf` answers at 09:10 on 19 November, without the file's size.".into(),
        Value::Array(exports),
    );
    r.one(
        "published-after.ts",
        "publishedAfter",
        "published_versions",
        json!({}),
    );
    h.ok("undo", json!({}));
    let n = h
        .state
        .with_mut(|s| print::changes::publish(s, at(19, 9, 10)))
        .unwrap();
    r.module(
        "publish-programme.ts",
        "published",
        answer("publish_programme"),
        "What `publish_programme` answers at 09:10 on 19 November.".into(),
        json!({ "n": n, "at": at(19, 9, 10) }),
    );
}
