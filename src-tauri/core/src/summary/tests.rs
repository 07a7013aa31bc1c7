use super::*;
use crate::sample;

fn sample_summary() -> Summary {
    let store = sample::sample_in_memory().unwrap();
    summary(&store, AttendanceSource::Registered).unwrap()
}

fn text_of(s: &Summary, key: &str) -> String {
    s.sections
        .iter()
        .find(|x| x.key == key)
        .unwrap()
        .text
        .clone()
}

#[test]
fn sample_opening_paragraph() {
    insta::assert_snapshot!(text_of(&sample_summary(), "opening"));
}

#[test]
fn sample_attendance_paragraph() {
    insta::assert_snapshot!(text_of(&sample_summary(), "attendance"));
}

#[test]
fn sample_whole_draft() {
    let s = sample_summary();
    let text: Vec<String> = s
        .sections
        .iter()
        .map(|x| format!("## {}\n\n{}", x.heading, x.text))
        .collect();
    insta::assert_snapshot!(text.join("\n\n"));
}

fn names(orgs: &[crate::model::Organisation]) -> Vec<&str> {
    orgs.iter().map(|o| o.name.as_str()).collect()
}

fn group<'a>(a: &'a Attendance, label: &str) -> Vec<&'a str> {
    a.groups
        .iter()
        .find(|g| g.label == label)
        .map(|g| names(&g.organisations))
        .unwrap_or_default()
}

/// The attendance facts of the reference summary (18–20 November 2024),
/// sentence by sentence.
#[test]
fn sample_attendance_states_the_facts_of_the_reference_summary() {
    let store = sample::sample_in_memory().unwrap();
    let a = attendance(&store, AttendanceSource::Registered).unwrap();
    assert_eq!(
        group(&a, "Members"),
        [
            "Australia",
            "Bangladesh",
            "India",
            "Indonesia",
            "Malaysia",
            "Maldives",
            "New Zealand",
            "Philippines",
            "Sri Lanka",
            "Thailand",
            "United Arab Emirates",
            "United States of America",
            "Vietnam",
            "International Labour Organization",
            "International Organization for Migration",
            "United Nations High Commissioner for Refugees",
            "United Nations Office on Drugs and Crime",
        ]
    );
    assert_eq!(
        group(&a, "Observers"),
        [
            "Cambodia",
            "Fiji",
            "Kiribati",
            "Laos",
            "Papua New Guinea",
            "Samoa",
            "Solomon Islands",
            "Timor-Leste",
            "Vanuatu",
        ]
    );
    assert_eq!(
        group(&a, "Civil society"),
        [
            "A21",
            "Global Initiative against Transnational Organized Crime",
            "International Justice Mission",
            "Stop the Traffik",
            "Walk Free",
        ]
    );
    assert_eq!(
        group(&a, "Private sector and programmes"),
        ["Meta", "Australia-ASEAN Counter Trafficking"]
    );
    assert_eq!(
        group(&a, "Other bodies of the process"),
        [
            "Bali Process Disruption Working Group",
            "Bali Process Government and Business Forum",
            "Bali Process Taskforce on Planning and Preparedness",
            "Bali Process Technical Experts Group on Returns and Reintegration",
        ]
    );
    assert_eq!(
        group(&a, "Secretariat"),
        ["Bali Process Regional Support Office"]
    );
    assert_eq!(
        names(&a.senior_officials),
        [
            "Australia",
            "Bangladesh",
            "Cambodia",
            "Indonesia",
            "Maldives",
            "Sri Lanka"
        ]
    );

    let s = sample_summary();
    let attendance_text = text_of(&s, "attendance");
    for fact in [
        "attended by 17 members (Australia, Bangladesh,",
        "the United Nations Office on Drugs and Crime [UNODC]), nine observers (Cambodia,",
        "five civil society representatives (A21,",
        "the International Justice Mission [IJM]",
        "representatives from Meta, Australia-ASEAN Counter Trafficking [ASEAN-ACT]",
        "Disruption Working Group [DWG]",
        "Technical Experts Group on Returns and Reintegration [TEG-RR]",
        "Government and Business Forum [GABF]",
        "the Bali Process Regional Support Office [RSO].",
        "Australia, Bangladesh, Cambodia, Indonesia, Maldives and Sri Lanka were represented by senior officials.",
    ] {
        assert!(attendance_text.contains(fact), "{fact:?} in {attendance_text}");
    }
    let opening = text_of(&s, "opening");
    for fact in [
        "From 18 to 20 November 2024, the Bali Process Working Group on Trafficking in Persons held",
        "the 10th Anniversary Commemorative Dialogue, the 10th Annual Meeting and the Regional Event on Trafficking into online scam centres",
        "in Bangkok.",
        "The events were co-chaired by the Governments of Australia and the Republic of Indonesia.",
        "The Regional Event was jointly hosted with the Bali Process Taskforce on Planning and Preparedness [TFPP].",
    ] {
        assert!(opening.contains(fact), "{fact:?} in {opening}");
    }
    // TFPP was named in full in the opening: the attendance uses its acronym.
    assert!(!attendance_text.contains("Taskforce on Planning"));
    assert!(attendance_text.contains("TFPP"));
}

/// The summary's attendance and the Delegations page list the same
/// organisations with the same status.
#[test]
fn attendance_agrees_with_the_delegations_page() {
    let store = sample::sample_in_memory().unwrap();
    let a = attendance(&store, AttendanceSource::Registered).unwrap();
    let mut members: Vec<String> = Vec::new();
    let mut all: Vec<String> = Vec::new();
    for e in store.events().unwrap() {
        for d in crate::roster::roster(&store, e.id).unwrap().delegations {
            if d.status == Some(crate::model::ParticipationStatus::Member)
                && !members.contains(&d.organisation.name)
            {
                members.push(d.organisation.name.clone());
            }
            if !all.contains(&d.organisation.name) {
                all.push(d.organisation.name.clone());
            }
        }
    }
    let mut listed: Vec<String> = group(&a, "Members").iter().map(|s| s.to_string()).collect();
    listed.sort();
    members.sort();
    assert_eq!(listed, members);
    let mut every: Vec<String> = a
        .groups
        .iter()
        .flat_map(|g| g.organisations.iter().map(|o| o.name.clone()))
        .collect();
    every.sort();
    all.sort();
    assert_eq!(every, all);
}

#[test]
fn attendance_from_check_ins_counts_only_who_came() {
    let mut store = sample::sample_in_memory().unwrap();
    // Nobody is checked in yet: the paragraph says so and leaves a mark.
    let none = attendance(&store, AttendanceSource::CheckedIn).unwrap();
    assert!(none.groups.is_empty());
    let s = summary(&store, AttendanceSource::CheckedIn).unwrap();
    assert!(text_of(&s, "attendance").contains(crate::summary::markup::PLACEHOLDER_OPEN));
    assert!(s.annex.is_empty());

    // Ms Bell (Australia) comes on the first day; Mr Tharyat (Indonesia) is
    // checked in and out again.
    let people = store.people().unwrap();
    let id = |family: &str| people.iter().find(|p| p.family_name == family).unwrap().id;
    let dialogue = store.events().unwrap()[0].clone();
    let at = dialogue.first_day.and_hms_opt(8, 30, 0).unwrap();
    crate::edit::attendance::check_in(
        &mut store,
        dialogue.id,
        id("Bell"),
        dialogue.first_day,
        true,
        at,
    )
    .unwrap();
    crate::edit::attendance::check_in(
        &mut store,
        dialogue.id,
        id("Tharyat"),
        dialogue.first_day,
        true,
        at,
    )
    .unwrap();
    crate::edit::attendance::check_in(
        &mut store,
        dialogue.id,
        id("Tharyat"),
        dialogue.first_day,
        false,
        at,
    )
    .unwrap();
    let came = attendance(&store, AttendanceSource::CheckedIn).unwrap();
    assert_eq!(group(&came, "Members"), ["Australia"]);
    assert_eq!(names(&came.senior_officials), ["Australia"]);
    let text = text_of(
        &summary(&store, AttendanceSource::CheckedIn).unwrap(),
        "attendance",
    );
    assert!(
        text.starts_with("The events were attended by one member (Australia). Australia was represented by senior officials."),
        "{text}"
    );
    let s = summary(&store, AttendanceSource::CheckedIn).unwrap();
    let annexed: Vec<&str> = s
        .annex
        .iter()
        .flat_map(|g| &g.delegations)
        .flat_map(|d| &d.members)
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(annexed, ["Ms Lynn Bell"]);
}

#[test]
fn a_session_without_an_outcome_leaves_a_mark_and_never_invents_substance() {
    let mut store = sample::sample_in_memory().unwrap();
    let s = summary(&store, AttendanceSource::Registered).unwrap();
    let annual = s
        .sections
        .iter()
        .find(|x| x.heading.starts_with("10th Annual Meeting"))
        .unwrap();
    assert!(annual.text.contains("“Forward Work Plan 2024–26: finalisation and endorsement”, chaired by Australia and Indonesia. Members endorsed the Forward Work Plan 2024–26."));
    let statements = annual
        .sessions
        .iter()
        .find(|n| n.title.starts_with("National updates"))
        .unwrap();
    assert!(annual.text.contains("members and observers delivered statements. [Rapporteur: the common themes of the statements.]"));
    set_outcome(&mut store, statements.session_id, "Members shared updates on their national responses.\n\nMany emphasised **law enforcement cooperation**.").unwrap();
    let s = summary(&store, AttendanceSource::Registered).unwrap();
    let annual = s
        .sections
        .iter()
        .find(|x| x.heading.starts_with("10th Annual Meeting"))
        .unwrap();
    assert!(annual.text.contains("members and observers delivered statements. Members shared updates on their national responses.\n\nMany emphasised **law enforcement cooperation**."), "{}", annual.text);
    assert_eq!(s.placeholders + 1, sample_summary().placeholders);
    // The outcome is one undoable step, and an unchanged one records nothing.
    assert!(store
        .undo()
        .unwrap()
        .unwrap()
        .starts_with("Outcome of “National updates"));
    set_outcome(&mut store, statements.session_id, "").unwrap();
    assert_eq!(
        summary(&store, AttendanceSource::Registered).unwrap(),
        sample_summary()
    );
}

fn section<'a>(s: &'a Summary, key: &str) -> &'a SummarySection {
    s.sections.iter().find(|x| x.key == key).unwrap()
}

#[test]
fn edits_are_kept_offered_beside_a_changed_draft_and_undone() {
    let mut store = sample::sample_in_memory().unwrap();
    let src = AttendanceSource::Registered;
    let before = summary(&store, src).unwrap();
    let draft = section(&before, "opening").text.clone();
    assert_eq!(section(&before, "opening").state, SectionState::Drafted);

    // Edit: the text prints, the plan's draft is kept beside it.
    let mine = format!("{draft}\n\nThe Co-Chairs *warmly* welcomed participants.");
    save_section(&mut store, src, "opening", &mine).unwrap();
    let s = summary(&store, src).unwrap();
    let opening = section(&s, "opening");
    assert_eq!(opening.state, SectionState::Edited);
    assert_eq!(opening.text, mine);
    assert_eq!(opening.drafted, draft);
    assert_eq!(opening.drafted_before, None);

    // The plan changes: the city. The edit stays; both are offered.
    let mut plan = store.plan().unwrap();
    plan.city = "Bali".into();
    store.update_plan(&plan, "City").unwrap();
    let s = summary(&store, src).unwrap();
    let opening = section(&s, "opening");
    assert_eq!(opening.state, SectionState::PlanChanged);
    assert_eq!(opening.text, mine, "an edit is never overwritten");
    assert!(opening.drafted.contains("in Bali."));
    assert_eq!(opening.drafted_before.as_deref(), Some(draft.as_str()));
    // Other sections did not change.
    assert_eq!(section(&s, "attendance").state, SectionState::Drafted);

    // Keep mine: no longer offered, still mine.
    keep_edit(&mut store, src, "opening").unwrap();
    let s = summary(&store, src).unwrap();
    assert_eq!(section(&s, "opening").state, SectionState::Edited);
    assert_eq!(section(&s, "opening").text, mine);

    // Undo brings the comparison back; undo again, the edit made against
    // the old draft; take the plan's text instead.
    assert!(store
        .undo()
        .unwrap()
        .unwrap()
        .starts_with("Kept the edited text"));
    assert_eq!(
        section(&summary(&store, src).unwrap(), "opening").state,
        SectionState::PlanChanged
    );
    take_draft(&mut store, src, "opening").unwrap();
    let s = summary(&store, src).unwrap();
    assert_eq!(section(&s, "opening").state, SectionState::Drafted);
    assert!(section(&s, "opening").text.contains("in Bali."));
    assert!(store
        .undo()
        .unwrap()
        .unwrap()
        .starts_with("Took the plan's text"));
    assert_eq!(
        section(&summary(&store, src).unwrap(), "opening").text,
        mine
    );
    store.undo().unwrap(); // the city
    store.undo().unwrap(); // the edit
    assert_eq!(summary(&store, src).unwrap(), before);
}

#[test]
fn saving_the_draft_or_nothing_is_no_edit_and_bad_input_names_its_field() {
    let mut store = sample::sample_in_memory().unwrap();
    let src = AttendanceSource::Registered;
    let draft = section(&summary(&store, src).unwrap(), "closing")
        .text
        .clone();
    save_section(&mut store, src, "closing", &format!("  {draft}\n\n\n")).unwrap();
    assert_eq!(
        section(&summary(&store, src).unwrap(), "closing").state,
        SectionState::Drafted
    );
    save_section(&mut store, src, "closing", "Thanks.").unwrap();
    save_section(&mut store, src, "closing", "   ").unwrap();
    assert_eq!(
        section(&summary(&store, src).unwrap(), "closing").state,
        SectionState::Drafted
    );

    let err = save_section(&mut store, src, "event:nope", "x").unwrap_err();
    assert!(err.to_string().contains("no section"), "{err}");
    let err = save_section(&mut store, src, "closing", "bell \u{7}").unwrap_err();
    assert!(err.to_string().contains("control character"), "{err}");
    let long = "é".repeat(crate::limits::MAX_TEXT + 1);
    let err = save_section(&mut store, src, "closing", &long).unwrap_err();
    assert!(err.to_string().contains("longer than"), "{err}");
    // Nothing was written by the refusals.
    assert_eq!(
        section(&summary(&store, src).unwrap(), "closing").state,
        SectionState::Drafted
    );
}

#[test]
fn a_deleted_event_drops_its_section_but_keeps_nothing_stale() {
    let mut store = sample::sample_in_memory().unwrap();
    let src = AttendanceSource::Registered;
    let s = summary(&store, src).unwrap();
    let key = s
        .sections
        .iter()
        .find(|x| x.key.starts_with("event:"))
        .unwrap()
        .key
        .clone();
    save_section(&mut store, src, &key, "Our words.").unwrap();
    let first = store.events().unwrap()[0].id;
    crate::edit::events::delete_event(&mut store, first).unwrap();
    let s = summary(&store, src).unwrap();
    assert!(s.sections.iter().all(|x| x.key != key));
    // Undoing the deletion brings the section back with its edit.
    store.undo().unwrap();
    let s = summary(&store, src).unwrap();
    assert_eq!(section(&s, &key).text, "Our words.");
}

#[test]
fn names_in_any_script_and_markup_typed_in_them_stay_text() {
    let mut store = sample::sample_in_memory().unwrap();
    let mut orgs = store.organisations().unwrap();
    let meta = orgs.iter_mut().find(|o| o.name == "Meta").unwrap();
    meta.name = "São Tomé **and** <Príncipe> 中国 ประเทศไทย".into();
    crate::edit::organisations::update_organisation(
        &mut store,
        meta.id,
        &crate::forms::OrganisationForm {
            name: meta.name.clone(),
            acronym: String::new(),
            official_name: String::new(),
            category: meta.category.key().into(),
            country_code: String::new(),
        },
    )
    .unwrap();
    let text = text_of(
        &summary(&store, AttendanceSource::Registered).unwrap(),
        "attendance",
    );
    let runs = crate::summary::markup::runs(&text);
    assert!(
        runs.iter().all(|r| !r.bold && !r.italic && !r.placeholder),
        "{runs:?}"
    );
    let read = crate::summary::markup::plain(&text);
    assert!(
        read.contains(
            "representatives from São Tomé **and** <Príncipe> 中国 ประเทศไทย, Australia-ASEAN"
        ),
        "{read}"
    );
}
