//! The sample week's directories as an import might leave them: a second
//! record of a person and of an organisation, for merging.

use super::{answer, at, person_form, read_models, week, Part, Plan, Recorder, Scenario};
use crate::Harness;
use serde_json::json;

const ABOUT: &str = "the sample week with a second record of Ms Lynn Bell (no \
organisation, a phone number and a note) and of IOM (“Intl Organization for \
Migration”), Dr Ade Okoro of IOM added, Ms Lynn Bell's email, and her turn to speak \
in the awareness discussion, which is unscheduled";

/// What the People page and the merge dialog's picker search for in the tests.
const QUERIES: &[&str] = &["", "l", "lynn", "nobody-here", "okoro"];

pub fn scenario() -> Scenario {
    let h = Harness::new(None);
    let plan = Plan::read(&h);
    let bell = plan.person("Bell").clone();
    let iom = plan.organisation("International Organization for Migration")["id"].clone();

    let mut twin = person_form("", "Lynn", "Bell", &serde_json::Value::Null);
    twin["phone"] = json!("+61 2 6261 1111");
    twin["notes"] = json!("From the registration list");
    h.ok("create_person", json!({ "form": twin }));
    let twin_org = h.ok(
        "create_organisation",
        json!({ "form": {
            "name": "Intl Organization for Migration", "acronym": "",
            "official_name": "International Organization for Migration",
            "category": "international_organisation", "country_code": ""
        } }),
    );
    let mut okoro = person_form("Dr", "Ade", "Okoro", &iom);
    okoro["position"] = json!("Regional Director");
    okoro["email"] = json!("aokoro@iom.example");
    let okoro = h.ok("create_person", json!({ "form": okoro }));
    let mut form = bell.clone();
    form["email"] = json!("lynn.bell@dfat.example");
    h.ok("update_person", json!({ "id": bell["id"], "form": form }));
    let awareness = plan.session("Discussion: what makes");
    h.ok(
        "add_session_role",
        json!({ "sessionId": awareness["id"], "entry": {
            "role": "speaker", "person_id": bell["id"], "organisation_id": null, "note": ""
        } }),
    );
    h.ok("unschedule_session", json!({ "id": awareness["id"] }));

    let mut r = Recorder::new(&h);
    read_models(
        &mut r,
        at(21, 9, 0).date(),
        QUERIES,
        &[Part::Overview, Part::People],
    );
    week::impacts(&mut r);
    // Dr Okoro deleted and the deletion undone; then the second IOM
    // deleted behind the window's back before it is merged.
    h.ok("delete_person", json!({ "id": okoro["id"] }));
    r.module(
        "undo.ts",
        "undoDelete",
        answer("undo"),
        "What `undo` answers after Dr Ade Okoro is deleted.".into(),
        r.ask("undo", json!({})),
    );
    h.ok("delete_organisation", json!({ "id": twin_org["id"] }));
    r.refusals(
        "refusals.ts",
        "refusals",
        vec![(
            "mergeGone",
            "merge_organisations",
            json!({ "keep": iom, "drop": twin_org["id"] }),
        )],
    );
    r.scenario("directory", ABOUT)
}
