//! The sample week with the summary edited: the opening paragraph
//! rewritten, and the Commemorative Dialogue's section edited before an
//! outcome note changed what the plan drafts for it.

use super::{answer, Recorder, Scenario};
use crate::Harness;
use serde_json::json;

const ABOUT: &str = "the sample week with the summary's opening paragraph \
rewritten, and the Commemorative Dialogue's section edited, then changed \
under the edit by an outcome note on its opening session";

/// What the opening paragraph is rewritten as.
pub const OPENING: &str = "The Working Group met in **Bangkok** from 18 to 20 November 2024.";

pub fn scenario() -> Scenario {
    let h = Harness::new(None);
    let source = json!("registered");
    let drafted = h.ok("summary", json!({ "source": source }));
    let section = drafted["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["heading"]
                .as_str()
                .unwrap()
                .contains("Commemorative Dialogue")
        })
        .unwrap()
        .clone();
    let key = section["key"].as_str().unwrap().to_string();
    h.ok(
        "save_summary_section",
        json!({ "source": source, "key": "opening", "text": OPENING }),
    );
    h.ok(
        "save_summary_section",
        json!({ "source": source, "key": key, "text": "The Co-Chairs opened the *Commemorative Dialogue*." }),
    );
    h.ok(
        "set_session_outcome",
        json!({
            "sessionId": section["sessions"][0]["session_id"],
            "outcome": "The Co-Chairs recalled ten years of cooperation."
        }),
    );
    let mut r = Recorder::new(&h);
    r.module(
        "summary.ts",
        "summary",
        answer("summary"),
        "What `summary` answers for the registered delegations.".into(),
        r.ask("summary", json!({ "source": source })),
    );
    r.one("undo-state.ts", "undoState", "undo_state", json!({}));
    r.scenario("summary", ABOUT)
}
