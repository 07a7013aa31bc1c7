//! The "who" edits: directories, merging, delegations, co-chairs and roles.

use super::attendance::{check_in, set_registration};
use super::delegations::{set_cochairs, set_cohosts, set_participation};
use super::organisations::*;
use super::people::*;
use super::roles::{add_session_role, set_session_roles};
use crate::forms::{OrganisationForm, PersonForm};
use crate::model::*;
use crate::sample;
use crate::store::{CochairEntry, RoleEntry, Store};

fn person(store: &mut Store, given: &str, family: &str, email: &str) -> Person {
    create_person(
        store,
        &PersonForm {
            given_name: given.into(),
            family_name: family.into(),
            email: email.into(),
            ..Default::default()
        },
    )
    .unwrap()
}

fn org_form(name: &str, category: &str) -> OrganisationForm {
    OrganisationForm {
        name: name.into(),
        category: category.into(),
        ..Default::default()
    }
}

#[test]
fn duplicate_organisation_names_are_refused() {
    let mut store = sample::sample_in_memory().unwrap();
    let existing = store.organisations().unwrap()[0].name.to_uppercase();
    let err = create_organisation(&mut store, &org_form(&existing, "member_state")).unwrap_err();
    assert_eq!(err.code(), crate::error::ErrorCode::Invalid);
    assert!(err.to_string().contains("already exists"), "{err}");
}

#[test]
fn merging_people_moves_roles_and_attendance_and_undoes() {
    let mut store = sample::sample_in_memory().unwrap();
    let event = store.events().unwrap()[0].clone();
    let session = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.event_id == event.id && s.kind != SessionKind::Break)
        .unwrap();
    let keep = person(&mut store, "Lynn", "Bell", "");
    let drop = person(&mut store, "Lynn", "Bell", "lynn@example.org");
    let role = |p: Id| RoleEntry {
        role: RoleKind::Speaker,
        person_id: Some(p),
        organisation_id: None,
        note: String::new(),
        presence: crate::model::RolePresence::InPerson,
        tentative: false,
    };
    add_session_role(&mut store, session.id, &role(keep.id)).unwrap();
    add_session_role(&mut store, session.id, &role(drop.id)).unwrap();
    set_registration(
        &mut store,
        event.id,
        drop.id,
        Some(RegistrationStatus::Confirmed),
        "adviser",
    )
    .unwrap();
    let day = event.first_day;
    check_in(
        &mut store,
        event.id,
        drop.id,
        day,
        true,
        day.and_hms_opt(9, 0, 0).unwrap(),
    )
    .unwrap();
    let roles_before = store.session_roles(session.id).unwrap().len();

    let merged = merge_people(&mut store, keep.id, drop.id).unwrap();
    assert_eq!(merged.email, "lynn@example.org", "a blank field is filled");
    assert!(store.person(drop.id).is_err());
    let roles = store.session_roles(session.id).unwrap();
    assert_eq!(roles.len(), roles_before - 1, "the same role twice is one");
    assert!(roles.iter().any(|r| r.person_id == Some(keep.id)));
    let att: Vec<Attendance> = store
        .attendance()
        .unwrap()
        .into_iter()
        .filter(|a| a.person_id == keep.id)
        .collect();
    assert_eq!(att.len(), 1);
    assert_eq!(att[0].capacity, "adviser");
    assert_eq!(att[0].days_present, vec![day]);

    store.undo().unwrap();
    assert_eq!(store.person(drop.id).unwrap().email, "lynn@example.org");
    assert_eq!(store.person(keep.id).unwrap().email, "");
    assert_eq!(store.session_roles(session.id).unwrap().len(), roles_before);
    assert!(store
        .attendance()
        .unwrap()
        .iter()
        .any(|a| a.person_id == drop.id));
}

#[test]
fn merging_people_keeps_a_recorded_gender_and_never_overwrites_one() {
    use crate::model::Gender;
    let mut store = sample::sample_in_memory().unwrap();
    let recorded = |store: &mut Store, email: &str, gender: Option<Gender>| {
        create_person(
            store,
            &PersonForm {
                given_name: "Lynn".into(),
                family_name: "Bell".into(),
                email: email.into(),
                gender,
                ..Default::default()
            },
        )
        .unwrap()
    };
    let keep = recorded(&mut store, "", None);
    let drop = recorded(&mut store, "a@example.org", Some(Gender::Woman));
    assert_eq!(
        merge_people(&mut store, keep.id, drop.id).unwrap().gender,
        Some(Gender::Woman)
    );
    let keep = recorded(&mut store, "b@example.org", Some(Gender::Another));
    let drop = recorded(&mut store, "c@example.org", Some(Gender::Woman));
    assert_eq!(
        merge_people(&mut store, keep.id, drop.id).unwrap().gender,
        Some(Gender::Another)
    );
}

#[test]
fn merging_people_joins_check_ins_where_both_were_registered() {
    let mut store = sample::sample_in_memory().unwrap();
    let event = store.events().unwrap()[0].clone();
    let keep = person(&mut store, "Ana", "Silva", "");
    let drop = person(&mut store, "Ana", "Silva", "");
    let day = event.first_day;
    let at = day.and_hms_opt(9, 0, 0).unwrap();
    set_registration(
        &mut store,
        event.id,
        keep.id,
        Some(RegistrationStatus::Registered),
        "",
    )
    .unwrap();
    set_registration(
        &mut store,
        event.id,
        drop.id,
        Some(RegistrationStatus::Registered),
        "delegate",
    )
    .unwrap();
    check_in(&mut store, event.id, drop.id, day, true, at).unwrap();
    merge_people(&mut store, keep.id, drop.id).unwrap();
    let att: Vec<Attendance> = store
        .attendance()
        .unwrap()
        .into_iter()
        .filter(|a| a.event_id == event.id && a.person_id == keep.id)
        .collect();
    assert_eq!(att.len(), 1);
    assert_eq!(
        (att[0].capacity.as_str(), att[0].days_present.clone()),
        ("delegate", vec![day])
    );
}

#[test]
fn merging_organisations_moves_people_participation_and_cohosts() {
    let mut store = sample::sample_in_memory().unwrap();
    let event = store.events().unwrap()[0].clone();
    let keep = create_organisation(
        &mut store,
        &org_form("Global Migration Forum", "international_organisation"),
    )
    .unwrap();
    let drop = create_organisation(
        &mut store,
        &OrganisationForm {
            acronym: "GMF".into(),
            ..org_form("GMF", "international_organisation")
        },
    )
    .unwrap();
    let p = create_person(
        &mut store,
        &PersonForm {
            family_name: "Rossi".into(),
            organisation_id: Some(drop.id),
            ..Default::default()
        },
    )
    .unwrap();
    for org in [keep.id, drop.id] {
        set_participation(
            &mut store,
            event.id,
            org,
            Some(ParticipationStatus::Observer),
            "",
        )
        .unwrap();
    }
    set_cohosts(&mut store, event.id, None, &[drop.id]).unwrap();
    let merged = merge_organisations(&mut store, keep.id, drop.id).unwrap();
    assert_eq!(merged.acronym, "GMF");
    assert_eq!(store.person(p.id).unwrap().organisation_id, Some(keep.id));
    let parts: Vec<Participation> = store
        .participations()
        .unwrap()
        .into_iter()
        .filter(|x| x.event_id == event.id && x.organisation_id == keep.id)
        .collect();
    assert_eq!(parts.len(), 1);
    assert!(store
        .cohosts()
        .unwrap()
        .iter()
        .any(|c| c.organisation_id == keep.id && c.event_id == event.id));
    store.undo().unwrap();
    assert_eq!(store.person(p.id).unwrap().organisation_id, Some(drop.id));
    assert!(merge_organisations(&mut store, keep.id, keep.id).is_err());
}

#[test]
fn deleting_says_what_is_affected_first() {
    let mut store = sample::sample_in_memory().unwrap();
    let roles = store.all_roles().unwrap();
    let with_role = roles.iter().find_map(|r| r.role.person_id).unwrap();
    let impact = person_impact(&store, with_role).unwrap();
    assert!(
        impact.lines.iter().any(|l| l.contains("session role")),
        "{impact:?}"
    );
    delete_person(&mut store, with_role).unwrap();
    assert!(store.person(with_role).is_err());
    store.undo().unwrap();
    assert!(store.person(with_role).is_ok());

    let fresh = person(&mut store, "No", "Roles", "");
    assert!(person_impact(&store, fresh.id).unwrap().lines.is_empty());

    // An organisation's people stay, without it; a person's role stays without it.
    let cochair_org = store.cochairs().unwrap()[0].organisation_id;
    let impact = organisation_impact(&store, cochair_org).unwrap();
    assert!(
        impact.lines.iter().any(|l| l.contains("co-chair")),
        "{impact:?}"
    );
    let members: Vec<Id> = store
        .people()
        .unwrap()
        .into_iter()
        .filter(|p| p.organisation_id == Some(cochair_org))
        .map(|p| p.id)
        .collect();
    delete_organisation(&mut store, cochair_org).unwrap();
    for m in members {
        assert_eq!(store.person(m).unwrap().organisation_id, None);
    }
}

#[test]
fn role_lists_keep_order_and_refuse_empty_rows() {
    let mut store = sample::sample_in_memory().unwrap();
    let session = store.sessions().unwrap()[0].clone();
    let org = store.organisations().unwrap()[0].id;
    let p = person(&mut store, "Kai", "Tan", "");
    let rows = vec![
        RoleEntry {
            role: RoleKind::Moderator,
            person_id: Some(p.id),
            organisation_id: None,
            note: "as DWG Co-Chair".into(),
            presence: crate::model::RolePresence::InPerson,
            tentative: false,
        },
        RoleEntry {
            role: RoleKind::Speaker,
            person_id: None,
            organisation_id: Some(org),
            note: String::new(),
            presence: crate::model::RolePresence::InPerson,
            tentative: false,
        },
    ];
    set_session_roles(&mut store, session.id, &rows).unwrap();
    let got = store.session_roles(session.id).unwrap();
    assert_eq!(
        got.iter()
            .map(|r| (r.role, r.person_id, r.organisation_id))
            .collect::<Vec<_>>(),
        vec![
            (RoleKind::Moderator, Some(p.id), None),
            (RoleKind::Speaker, None, Some(org))
        ]
    );
    let bad = vec![
        rows[0].clone(),
        RoleEntry {
            role: RoleKind::Panellist,
            person_id: None,
            organisation_id: None,
            note: String::new(),
            presence: crate::model::RolePresence::InPerson,
            tentative: false,
        },
    ];
    let err = set_session_roles(&mut store, session.id, &bad).unwrap_err();
    assert_eq!(
        err.to_string(),
        "roles.1: Row 2 (Panellist): choose a person or an organisation."
    );
    assert_eq!(
        store.session_roles(session.id).unwrap().len(),
        2,
        "nothing written"
    );
    let again = add_session_role(&mut store, session.id, &rows[0]).unwrap_err();
    assert!(again.to_string().contains("already moderator"), "{again}");
}

#[test]
fn cochairs_per_day_and_outside_days() {
    let mut store = sample::sample_in_memory().unwrap();
    let event = store.events().unwrap()[0].clone();
    let org = store.organisations().unwrap()[0].id;
    let p = person(&mut store, "Kai", "Tan", "");
    set_cochairs(
        &mut store,
        event.id,
        &[CochairEntry {
            organisation_id: org,
            person_id: Some(p.id),
            role_label: "Senior Official Co-Chair".into(),
            day: Some(event.first_day),
        }],
    )
    .unwrap();
    let rows: Vec<EventCochair> = store
        .cochairs()
        .unwrap()
        .into_iter()
        .filter(|c| c.event_id == event.id)
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].day, Some(event.first_day));
    let err = set_cochairs(
        &mut store,
        event.id,
        &[CochairEntry {
            organisation_id: org,
            person_id: None,
            role_label: String::new(),
            day: event.last_day.succ_opt(),
        }],
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("cochairs.0: Row 1:"), "{err}");
}

/// Directories list names by the search fold, so an accented or lower-case
/// first letter sorts with its plain capital (not after Z, as code points
/// and SQLite's NOCASE would put "Çelik" or "Ørsted").
#[test]
fn directories_sort_names_ignoring_accents_and_case() {
    let mut store = Store::in_memory(&sample::sample_plan_header()).unwrap();
    for (given, family) in [
        ("Ana", "Zuma"),
        ("Ayşe", "Çelik"),
        ("Ida", "Ørsted"),
        ("Luc", "de Vries"),
        ("Tom", "Carter"),
    ] {
        person(&mut store, given, family, "");
    }
    let families: Vec<String> = store
        .people()
        .unwrap()
        .into_iter()
        .map(|p| p.family_name)
        .collect();
    assert_eq!(families, ["Carter", "Çelik", "de Vries", "Ørsted", "Zuma"]);
    for name in ["Zambia", "Côte d'Ivoire", "Türkiye", "Turkmenistan", "Cuba"] {
        create_organisation(&mut store, &org_form(name, "member_state")).unwrap();
    }
    let names: Vec<String> = store
        .organisations()
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(
        names,
        ["Côte d'Ivoire", "Cuba", "Türkiye", "Turkmenistan", "Zambia"]
    );
}

#[test]
fn what_is_typed_into_a_picker_prefills_a_new_person() {
    let mut store = sample::sample_in_memory().unwrap();
    let mexico = create_organisation(&mut store, &org_form("Mexico", "member_state")).unwrap();
    let iom = store
        .organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.acronym == "IOM")
        .unwrap();
    // (typed, honorific, given, family, position, organisation id, organisation as typed)
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Option<Id>,
        &'static str,
    );
    let cases: &[Case] = &[
        ("Jürg Lauber", "", "Jürg", "Lauber", "", None, ""),
        ("H.E. Ms Jane Doe", "H.E. Ms", "Jane", "Doe", "", None, ""),
        (
            "Amb. Juan José Gómez Camacho, Permanent Representative of Mexico",
            "Amb.",
            "Juan José Gómez",
            "Camacho",
            "Permanent Representative of Mexico",
            Some(mexico.id),
            "",
        ),
        (
            "Mr John Roe (iom)",
            "Mr",
            "John",
            "Roe",
            "",
            Some(iom.id),
            "",
        ),
        (
            "Ms Ana Ruiz, Director, Ministry of Labour (MOL)",
            "Ms",
            "Ana",
            "Ruiz",
            "Director",
            None,
            "Ministry of Labour (MOL)",
        ),
        ("louise arbour", "", "louise", "arbour", "", None, ""),
        ("  ", "", "", "", "", None, ""),
    ];
    for &(typed, honorific, given, family, position, org, org_text) in cases {
        let got = person_prefill(&store, typed).unwrap();
        assert_eq!(
            (
                got.form.honorific.as_str(),
                got.form.given_name.as_str(),
                got.form.family_name.as_str(),
                got.form.position.as_str(),
                got.form.organisation_id,
                got.organisation.as_str(),
            ),
            (honorific, given, family, position, org, org_text),
            "{typed}"
        );
    }
}

/// What every reader says of the people of two sessions: the agenda's
/// role texts, itineraries, briefings, the board, person conflicts and the
/// speaking list.
fn who_is_where(store: &Store, sessions: &[Id], people: &[Id]) -> Vec<String> {
    use crate::print::document::{build, Body, Changes};
    use crate::print::{DocKind, PrintRequest};
    let mut seen = Vec::new();
    let agenda = crate::agenda::agenda(store, None).unwrap();
    for s in agenda.days.iter().flat_map(|d| &d.sessions) {
        if sessions.contains(&s.session.id) {
            for r in &s.roles {
                seen.push(format!("role {}: {}", s.session.title, r.text));
            }
            for t in crate::speaking::speaking_list(store, s.session.id)
                .unwrap()
                .turns
            {
                seen.push(format!("turn {}: {:?}", s.session.title, t.speaker));
            }
        }
    }
    for &p in people {
        let name = store.person_name(p).unwrap();
        for e in crate::attendees::lookup::itinerary(store, p).unwrap() {
            seen.push(format!("itinerary {name}: {}", e.session.title));
        }
    }
    let doc = build(
        store,
        &PrintRequest::new(DocKind::Speakers),
        String::new(),
        &Changes::default(),
    )
    .unwrap();
    let Body::Speakers { briefings } = doc.body else {
        panic!("briefings")
    };
    for b in briefings {
        for s in b.sessions {
            seen.push(format!("briefing {}: {}", b.name, s.title));
        }
    }
    for l in crate::board::board(store).unwrap().loads {
        if people.contains(&l.person_id) {
            seen.push(format!("load {}: {}", l.name, l.sessions));
        }
    }
    for c in crate::check::check(store).unwrap().conflicts {
        if c.kind == crate::check::ConflictKind::PersonDoubleBooked {
            seen.push(format!("conflict: {}", c.message));
        }
    }
    seen
}

#[test]
fn a_substitute_takes_the_role_everywhere_and_undo_gives_it_back() {
    use super::roles::substitute;
    let mut store = sample::sample_in_memory().unwrap();
    let by_title = |store: &Store, t: &str| {
        store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.title.starts_with(t))
            .unwrap()
    };
    let opening = by_title(&store, "Opening remarks");
    let decade = by_title(&store, "A decade");
    let haigh = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.family_name == "Haigh")
        .unwrap();
    let jane = person(&mut store, "Jane", "Deputy", "");
    // The opening runs alongside the presentation, with both of them in it.
    crate::planner::move_session(&mut store, opening.id, decade.start.unwrap(), None).unwrap();
    for p in [haigh.id, jane.id] {
        add_session_role(
            &mut store,
            opening.id,
            &RoleEntry {
                role: RoleKind::Speaker,
                person_id: Some(p),
                organisation_id: None,
                note: String::new(),
                presence: RolePresence::InPerson,
                tentative: false,
            },
        )
        .unwrap();
    }
    store
        .set_speaking_list(
            decade.id,
            &[crate::store::SlotEntry {
                organisation_id: haigh.organisation_id.unwrap(),
                person_id: Some(haigh.id),
                minutes: 5,
            }],
            "list",
        )
        .unwrap();
    let ids = [opening.id, decade.id];
    let people = [haigh.id, jane.id];
    let before = who_is_where(&store, &ids, &people);
    let has = |seen: &[String], want: &str| seen.iter().any(|s| s.contains(want));
    assert!(has(&before, "conflict: Ms Kathryn Haigh"), "{before:#?}");

    substitute(&mut store, decade.id, haigh.id, jane.id).unwrap();
    assert_eq!(
        store.last_edit(),
        Some(
            format!(
                "Jane Deputy replaces Ms Kathryn Haigh in “{}”",
                decade.title
            )
            .as_str()
        )
    );
    let after = who_is_where(&store, &ids, &people);
    let decade_title = &decade.title;
    for want in [
        format!("role {decade_title}: Jane Deputy, replacing Ms Kathryn Haigh"),
        "turn A decade of the Working Group: achievements and opportunities: Some(\"Jane Deputy\")"
            .into(),
        format!("itinerary Jane Deputy: {decade_title}"),
        format!("briefing Jane Deputy: {decade_title}"),
        "load Jane Deputy: 2".into(),
        "load Ms Kathryn Haigh: 1".into(),
        "conflict: Jane Deputy".into(),
    ] {
        assert!(has(&after, &want), "{want}: {after:#?}");
    }
    for gone in [
        format!("itinerary Ms Kathryn Haigh: {decade_title}"),
        format!("briefing Ms Kathryn Haigh: {decade_title}"),
        "conflict: Ms Kathryn Haigh".into(),
    ] {
        assert!(!has(&after, &gone), "{gone}: {after:#?}");
    }
    // The role keeps its holder.
    assert!(store
        .session_roles(decade.id)
        .unwrap()
        .iter()
        .any(|r| r.person_id == Some(haigh.id)));

    // Editing the session's roles keeps the substitute in the role.
    let entries: Vec<RoleEntry> = store
        .session_roles(decade.id)
        .unwrap()
        .iter()
        .map(|r| RoleEntry {
            role: r.role,
            person_id: r.person_id,
            organisation_id: r.organisation_id,
            note: r.note.clone(),
            presence: r.presence,
            tentative: r.tentative,
        })
        .collect();
    set_session_roles(&mut store, decade.id, &entries).unwrap();
    assert_eq!(who_is_where(&store, &ids, &people), after);
    store.undo().unwrap();

    store.undo().unwrap();
    assert_eq!(who_is_where(&store, &ids, &people), before, "undo restores");
    store.redo().unwrap();
    assert_eq!(who_is_where(&store, &ids, &people), after);
    // Substituting the holder back gives the role back.
    substitute(&mut store, decade.id, jane.id, haigh.id).unwrap();
    assert_eq!(who_is_where(&store, &ids, &people), before);
    assert!(store.replacements().unwrap().is_empty());

    // A substitute merged into another person: the other stands in.
    substitute(&mut store, decade.id, haigh.id, jane.id).unwrap();
    let twin = person(&mut store, "Jane", "Deputy", "jane@example.org");
    merge_people(&mut store, twin.id, jane.id).unwrap();
    assert_eq!(
        store
            .replacements()
            .unwrap()
            .into_values()
            .collect::<Vec<_>>(),
        [twin.id]
    );
}

#[test]
fn a_substitution_is_refused_in_one_line_naming_the_field() {
    use super::roles::substitute;
    let mut store = sample::sample_in_memory().unwrap();
    let opening = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title.starts_with("Opening remarks"))
        .unwrap();
    let find = |store: &Store, family: &str| {
        store
            .people()
            .unwrap()
            .into_iter()
            .find(|p| p.family_name == family)
            .unwrap()
            .id
    };
    let (bell, tharyat, haigh) = (
        find(&store, "Bell"),
        find(&store, "Tharyat"),
        find(&store, "Haigh"),
    );
    let title = &opening.title;
    let cases = [
        (
            haigh,
            bell,
            format!("replace: Ms Kathryn Haigh has no role in “{title}”."),
        ),
        (
            tharyat,
            bell,
            format!("with: Ms Lynn Bell already has a role in “{title}”."),
        ),
        (
            tharyat,
            tharyat,
            "with: Mr Tri Tharyat cannot replace themselves.".into(),
        ),
        (
            tharyat,
            9999,
            "with: Person 9999 is not in this plan.".into(),
        ),
    ];
    for (replace, with, want) in cases {
        let err = substitute(&mut store, opening.id, replace, with).unwrap_err();
        assert_eq!(err.to_string(), want);
    }
    store.set_cancelled(opening.id, true, "cancel").unwrap();
    let err = substitute(&mut store, opening.id, tharyat, haigh).unwrap_err();
    assert_eq!(err.to_string(), format!("session: “{title}” is cancelled."));
    assert!(store.replacements().unwrap().is_empty(), "nothing written");
}
