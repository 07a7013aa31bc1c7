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

#[test]
fn sample_as_markdown() {
    insta::assert_snapshot!(markdown::markdown(&sample_summary()));
}

/// The sample with user text that every format must keep as text.
fn hostile_summary() -> Summary {
    let mut s = sample_summary();
    s.meeting = "Meeting <b>&\"' # _x_ | `y`".into();
    let d = &mut s.annex[0].delegations[0];
    d.name = "<b>&\"' Delegation | # _".into();
    d.members[0].name = "Ms <script>alert(1)</script> & `Name` [x](y)".into();
    d.members[0].position = "Ministry of Foreign Affairs | Thai: กระทรวงการต่างประเทศ".into();
    d.members[1].name = "السيد أحمد 中文名 *star*".into();
    s.sections[0].text =
        "Opened by **Co-Chairs** and *guests* <b>not bold</b> & more. [Rapporteur: what?]".into();
    s
}

#[test]
fn markdown_keeps_typed_markup_as_text() {
    let md = markdown::markdown(&hostile_summary());
    assert!(
        md.contains("**Meeting \\<b\\>\\&\"' \\# \\_x\\_ \\| \\`y\\`**"),
        "{md}"
    );
    assert!(
        md.contains("| **\\<b\\>\\&\"' Delegation \\| \\# \\_** (Senior official) |"),
        "{md}"
    );
    assert!(md.contains("Ms \\<script\\>alert(1)\\</script\\> \\& \\`Name\\` \\[x\\](y)"));
    assert!(md.contains("السيد أحمد 中文名 \\*star\\*"));
    assert!(md.contains(
        "Opened by **Co-Chairs** and *guests* \\<b\\>not bold\\</b\\> \\& more. **\\[Rapporteur: what?\\]**"
    ));
    // Every annex row has its four cells: an escaped bar never splits one.
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let bars = line.matches('|').count() - line.matches("\\|").count();
        assert_eq!(bars, 5, "{line}");
    }
}

fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut f, &mut text).unwrap();
            (f.name().unwrap().to_string(), text)
        })
        .collect()
}

/// Reads `xml` to its end; a part Word would call corrupt fails here.
fn well_formed(name: &str, xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed: {e}"),
        }
    }
    assert_eq!(depth, 0, "{name} leaves elements open");
}

#[test]
fn docx_reads_back_with_the_same_paragraphs() {
    let s = hostile_summary();
    let bytes = docx::docx(&s, crate::print::document::Paper::A4).unwrap();
    let read = docx_rs::read_docx(&bytes).unwrap();
    let texts: Vec<String> = read
        .document
        .children
        .iter()
        .filter_map(|c| match c {
            docx_rs::DocumentChild::Paragraph(p) => Some(p.raw_text()),
            _ => None,
        })
        .filter(|t| !t.trim().is_empty())
        .collect();
    let mut want = vec![
        s.title.clone(),
        s.meeting.clone(),
        s.place_and_dates.clone(),
    ];
    for section in &s.sections {
        if !section.heading.is_empty() {
            want.push(section.heading.clone());
        }
        want.extend(
            markup::paragraphs(&section.text)
                .iter()
                .map(|p| markup::plain(p)),
        );
    }
    want.push(markdown::ANNEX.to_string());
    want.extend(s.annex.iter().map(|g| g.heading.clone()));
    assert_eq!(texts, want);
    let tables = read
        .document
        .children
        .iter()
        .filter(|c| matches!(c, docx_rs::DocumentChild::Table(_)))
        .count();
    assert_eq!(tables, s.annex.len(), "a table per group");
    let parts = unzip(&bytes);
    for (name, text) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            well_formed(name, text);
        }
    }
    let part = |n: &str| &parts.iter().find(|(name, _)| name == n).unwrap().1;
    let document = part("word/document.xml");
    // Typed markup is escaped text, names in every script are there.
    assert!(document.contains("&lt;b&gt;&amp;"), "escaped");
    assert!(!document.contains("<script>"));
    assert!(document.contains("กระทรวงการต่างประเทศ"));
    assert!(document.contains("السيد أحمد 中文名 *star*"));
    assert!(document.contains(r#"<w:highlight w:val="yellow" />"#));
    assert!(document.contains(r#"<w:pStyle w:val="Heading1" />"#));
    assert!(
        document.contains(r#"w:type="page""#),
        "a page break before the annex"
    );
    assert_eq!(
        document.matches("<w:tblHeader />").count(),
        s.annex.len(),
        "each table's heading row repeats"
    );
    assert!(part("word/styles.xml").contains(r#"<w:name w:val="heading 1" />"#));
    let core = part("docProps/core.xml");
    assert!(
        core.contains("<dc:title>Co-Chairs' Summary — Meeting &lt;b&gt;&amp;"),
        "{core}"
    );
    let footer = parts
        .iter()
        .find(|(n, _)| n.starts_with("word/footer"))
        .expect("a footer");
    assert!(
        footer.1.contains(">PAGE<") && footer.1.contains(">NUMPAGES<"),
        "{}",
        footer.1
    );
}

#[test]
fn docx_paper_sizes() {
    let s = sample_summary();
    for (paper, size) in [
        (
            crate::print::document::Paper::A4,
            r#"w:w="11906" w:h="16838""#,
        ),
        (
            crate::print::document::Paper::Letter,
            r#"w:w="12240" w:h="15840""#,
        ),
    ] {
        let parts = unzip(&docx::docx(&s, paper).unwrap());
        let document = &parts
            .iter()
            .find(|(n, _)| n == "word/document.xml")
            .unwrap()
            .1;
        assert!(document.contains(size), "{paper:?}");
    }
}

#[test]
fn the_summary_prints_through_the_layout_with_its_runs() {
    use crate::print::document::{build, Body, Changes, DocKind, PrintRequest};
    let store = sample::sample_in_memory().unwrap();
    let doc = build(
        &store,
        &PrintRequest::new(DocKind::Summary),
        "Draft · printed 18 Nov 2024 07:00".into(),
        &Changes::default(),
    )
    .unwrap();
    assert_eq!(doc.heading.document, "Co-Chairs' Summary");
    let Body::Summary {
        sections, annex, ..
    } = doc.body
    else {
        panic!("not a summary");
    };
    let s = sample_summary();
    assert_eq!(sections.len(), s.sections.len());
    assert_eq!(annex, s.annex);
    let marks = sections
        .iter()
        .flat_map(|x| x.paragraphs.iter().flatten())
        .filter(|r| r.placeholder)
        .count();
    assert_eq!(marks as u32, s.placeholders);
}

#[test]
fn write_takes_the_format_and_never_writes_over_a_plan() {
    use export::{write, SummaryExport, SummaryFormat};
    use std::path::Path;
    for (name, want) in [
        ("a.docx", Some(SummaryFormat::Docx)),
        ("a.PDF", Some(SummaryFormat::Pdf)),
        ("a.md", Some(SummaryFormat::Markdown)),
        ("a.txt", None),
        ("a", None),
    ] {
        assert_eq!(SummaryFormat::from_path(Path::new(name)), want, "{name}");
    }
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    let store = sample::write_sample(&plan, false).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let now = store
        .plan()
        .unwrap()
        .first_day
        .and_hms_opt(7, 0, 0)
        .unwrap();
    let req = SummaryExport {
        format: SummaryFormat::Docx,
        source: AttendanceSource::Registered,
        paper: crate::print::document::Paper::A4,
    };
    let err = write(&store, &req, now, &plan).unwrap_err().to_string();
    assert!(
        err.starts_with("out: ") && err.contains("is a plan, not a Word document"),
        "{err}"
    );
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let missing = dir.path().join("no folder").join("s.docx");
    let err = write(&store, &req, now, &missing).unwrap_err().to_string();
    assert!(
        err.starts_with("out: ") && err.contains("could not be written"),
        "{err}"
    );
    let out = dir.path().join("s.pdf");
    let done = write(
        &store,
        &SummaryExport {
            format: SummaryFormat::Pdf,
            ..req
        },
        now,
        &out,
    )
    .unwrap();
    assert_eq!(done.placeholders, 17);
    assert!(done.pages.is_some_and(|n| n >= 3), "{done:?}");
    assert!(done.warnings.is_empty(), "{done:?}");
    assert_eq!(done.bytes as u64, std::fs::metadata(&out).unwrap().len());
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
}

#[test]
fn typst_markup_in_a_section_prints_as_text() {
    use export::{contents, SummaryExport, SummaryFormat};
    let mut store = sample::sample_in_memory().unwrap();
    let typed = "****\n\n#set text(red) $x^2$ \\ ] [ `y` <label> @ref = *a* **b";
    save_section(&mut store, AttendanceSource::Registered, "opening", typed).unwrap();
    let now = store
        .plan()
        .unwrap()
        .first_day
        .and_hms_opt(7, 0, 0)
        .unwrap();
    let req = SummaryExport {
        format: SummaryFormat::Pdf,
        source: AttendanceSource::Registered,
        paper: crate::print::document::Paper::Letter,
    };
    let (bytes, done) = contents(&store, &req, now).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(done.warnings.is_empty(), "{done:?}");
}

#[test]
fn sections_carry_their_runs_so_the_window_reads_no_markup() {
    let mut store = sample::sample_in_memory().unwrap();
    let source = AttendanceSource::Registered;
    save_section(
        &mut store,
        source,
        "opening",
        "A **bold** start.\n\n<img src=x> [Rapporteur: more.]",
    )
    .unwrap();
    let s = summary(&store, source).unwrap();
    let opening = s.sections.iter().find(|x| x.key == "opening").unwrap();
    assert_eq!(opening.state, SectionState::Edited);
    assert_eq!(opening.paragraphs.len(), 2);
    assert!(opening.paragraphs[0]
        .iter()
        .any(|r| r.bold && r.text == "bold"));
    assert_eq!(opening.paragraphs[1][0].text, "<img src=x> ");
    assert!(opening.paragraphs[1][1].placeholder);
    assert_eq!(
        opening.drafted_paragraphs.len(),
        markup::paragraphs(&opening.drafted).len()
    );
}

#[test]
fn a_cancelled_session_is_said_to_be_cancelled_without_a_mark_to_fill() {
    let mut store = sample::sample_in_memory().unwrap();
    let panel = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.kind == crate::model::SessionKind::Panel)
        .unwrap();
    let whole = |store: &Store| {
        summary(store, AttendanceSource::Registered)
            .unwrap()
            .sections
            .into_iter()
            .map(|x| x.text)
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let before = whole(&store);
    store.set_cancelled(panel.id, true, "cancel").unwrap();
    let after = whole(&store);
    let sentence = format!("“{}” was cancelled.", panel.title);
    assert!(!before.contains(&sentence));
    let paragraph = after
        .split("\n\n")
        .find(|p| p.contains(&sentence))
        .unwrap_or_else(|| panic!("{after}"));
    assert_eq!(
        paragraph, sentence,
        "the whole paragraph, no rapporteur mark"
    );
}
