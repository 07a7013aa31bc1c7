//! `plenary print`: the PDFs staff print, checked with poppler's tools as a
//! reader would see them (text in order, fonts embedded, the stamp on every page).

use plenary_core::forms::SessionForm;
use plenary_core::model::{RoleKind, SessionKind};
use plenary_core::store::RoleEntry;
use plenary_core::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn plenary(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .output()
        .expect("run plenary")
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn sample(dir: &Path) -> PathBuf {
    let path = dir.join("week.plenary");
    ok(plenary(&["sample", path.to_str().unwrap()]));
    path
}

/// The PDF's text, page by page (pdftotext -layout keeps each line whole).
fn pages(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(String::from).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn print(plan: &Path, out: &Path, args: &[&str]) -> String {
    let mut all = vec!["print", plan.to_str().unwrap()];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().unwrap()]);
    ok(plenary(&all))
}

#[test]
fn the_sample_programme_lists_every_session_in_order_with_the_panel_and_a_stamp_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let pdf = dir.path().join("programme.pdf");
    let said = print(&plan, &pdf, &["programme", "--publish"]);
    assert!(said.contains("published as version 1"), "{said}");

    let pages = pages(&pdf);
    let text = pages.join("\n");
    // Words are laid out across lines; compare with whitespace squeezed.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let store = Store::open(&plan).unwrap();
    let mut at = 0;
    for s in store
        .sessions()
        .unwrap()
        .iter()
        .filter(|s| s.start.is_some())
    {
        let title = s.title.split_whitespace().collect::<Vec<_>>().join(" ");
        let found = flat[at..]
            .find(&title)
            .unwrap_or_else(|| panic!("“{title}” after position {at}"));
        at += found;
    }
    for who in [
        "Moderator: Bali Process Regional Support Office",
        "International Labour Organization",
        "International Organization for Migration",
        "United Nations Office on Drugs and Crime",
    ] {
        assert!(flat.contains(who), "{who}");
    }
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains("Version 1 · published"),
            "stamp on page {}",
            i + 1
        );
        assert!(
            p.contains(&format!("Page {} of {}", i + 1, pages.len())),
            "page number on page {}",
            i + 1
        );
    }

    // Fonts are embedded.
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    // Below pdffonts' two header lines ("name type …" and the dashes) come the fonts.
    let rows: Vec<&str> = fonts
        .lines()
        .filter(|l| !l.starts_with("name ") && !l.starts_with("----"))
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "embedded: {row}");
    }
}

#[test]
fn user_text_prints_literally_and_non_latin_names_print() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let mut store = Store::open(&plan).unwrap();
    let event = store.events().unwrap()[0].clone();
    let tricky = r#"<script>alert(1)</script> & "Co-Chairs'" #set text(red) $x$ *bold* _i_"#;
    let session = plenary_core::edit::sessions::create_session(
        &mut store,
        &SessionForm {
            event_id: Some(event.id),
            title: tricky.into(),
            kind: SessionKind::Discussion,
            day: event.first_day.to_string(),
            start_time: "17:00".into(),
            end_time: "17:30".into(),
            room_id: None,
            description: "Line one\nLine two with `code` and \\ backslash".into(),
            agenda_item: String::new(),
            outcome: String::new(),
            notes: String::new(),
            tentative: false,
            link: String::new(),
        },
    )
    .unwrap();
    let names = [
        ("สมชาย", "ใจดี"),
        ("Nguyễn", "Thị Hồng"),
        ("ʿAbd al-Raḥmān", "Ṣāliḥ"),
    ];
    let mut roles = Vec::new();
    for (given, family) in names {
        let p = plenary_core::edit::people::create_person(
            &mut store,
            &plenary_core::forms::PersonForm {
                given_name: given.into(),
                family_name: family.into(),
                ..Default::default()
            },
        )
        .unwrap();
        roles.push(RoleEntry {
            role: RoleKind::Speaker,
            person_id: Some(p.id),
            organisation_id: None,
            note: String::new(),
            tentative: false,
            presence: Default::default(),
        });
    }
    plenary_core::edit::roles::set_session_roles(&mut store, session.id, &roles).unwrap();
    drop(store);

    for paper in ["a4", "letter"] {
        let pdf = dir.path().join(format!("programme-{paper}.pdf"));
        print(
            &plan,
            &pdf,
            &[
                "programme",
                "--day",
                &event.first_day.to_string(),
                "--paper",
                paper,
            ],
        );
        let text = pages(&pdf).join("\n");
        // A long title wraps; compare with whitespace squeezed.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(tricky),
            "{paper}: the title printed as typed:\n{text}"
        );
        assert!(
            text.contains("Line two with `code` and \\ backslash"),
            "{paper}"
        );
        for (given, family) in names {
            assert!(
                text.contains(&format!("{given} {family}")),
                "{paper}: {given} {family}"
            );
        }
    }
}

#[test]
fn a_session_without_a_time_is_printed_under_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let mut store = Store::open(&plan).unwrap();
    let sessions = store.sessions().unwrap();
    let first_day = sessions[0].start.unwrap().date();
    let on_first_day: Vec<_> = sessions
        .iter()
        .filter(|s| s.start.is_some_and(|t| t.date() == first_day))
        .collect();
    // The day's first session loses its times: it keeps its day, and prints after the day's last.
    let untimed = on_first_day[0];
    let last_timed = on_first_day.last().unwrap();
    plenary_core::edit::sessions::update_session(
        &mut store,
        untimed.id,
        &SessionForm {
            start_time: String::new(),
            end_time: String::new(),
            tentative: true,
            ..SessionForm::from(untimed)
        },
    )
    .unwrap();
    drop(store);

    let day = first_day.to_string();
    for (args, tbc) in [
        (vec!["programme"], true),
        (vec!["programme", "--day", &day], true),
        (vec!["programme", "--no-tbc"], false),
    ] {
        let pdf = dir.path().join("programme.pdf");
        print(&plan, &pdf, &args);
        let flat = pages(&pdf)
            .join("\n")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let heading = first_day.format("%A %-d %B %Y").to_string();
        let at_day = flat.find(&heading).expect("the day's heading");
        let at_last = at_day
            + flat[at_day..]
                .find(&last_timed.title)
                .expect("its last timed session");
        // The time column wraps "Time to be confirmed" around the title's first line.
        let rest = &flat[at_last..];
        let at_time = rest.find("Time to be").unwrap_or_else(|| {
            panic!("{args:?}: the untimed session after the timed ones:\n{flat}")
        });
        let at_title = at_time + rest[at_time..].find(&untimed.title).expect("its title");
        let next_day = (first_day + chrono::Duration::days(1))
            .format("%A %-d %B %Y")
            .to_string();
        // One day printed has no next day.
        let at_next = flat.find(&next_day).unwrap_or(flat.len());
        assert!(at_last + at_title < at_next, "{args:?}: under its own day");
        let after = rest[at_title + untimed.title.len()..].trim_start();
        let want = if tbc { "(tbc) confirmed" } else { "confirmed" };
        assert!(
            after.starts_with(want),
            "{args:?}: {}",
            after.chars().take(80).collect::<String>()
        );
    }
}

#[test]
fn participants_speakers_and_name_cards_print() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let out = dir.path().join("participants.pdf");
    print(&plan, &out, &["participants"]);
    let text = pages(&out).join("\n");
    let australia = text.find("Australia").unwrap();
    let bangladesh = text.find("Bangladesh").unwrap();
    assert!(text.find("Co-Chairs").unwrap() < australia);
    assert!(australia < bangladesh || text.find("Indonesia").unwrap() < bangladesh);
    assert!(text.contains("Participation by category"));

    let out = dir.path().join("speakers.pdf");
    print(&plan, &out, &["speakers"]);
    let sheets = pages(&out);
    assert!(sheets
        .iter()
        .any(|p| p.contains("Ms Lynn Bell") && p.contains("Your role")));

    let out = dir.path().join("cards.pdf");
    print(&plan, &out, &["namecards", "--per-person"]);
    let cards = pages(&out);
    assert!(
        cards.iter().any(|p| p.matches("Ms Lynn Bell").count() == 2),
        "both halves of the card"
    );
}

#[test]
fn changes_since_a_version_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    print(
        &plan,
        &dir.path().join("v1.pdf"),
        &["programme", "--publish"],
    );
    let mut store = Store::open(&plan).unwrap();
    let s = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SessionKind::Panel)
        .unwrap();
    plenary_core::planner::move_session(
        &mut store,
        s.id,
        s.start.unwrap() + chrono::Duration::minutes(15),
        None,
    )
    .unwrap();
    drop(store);
    let out = dir.path().join("v2.pdf");
    print(&plan, &out, &["programme", "--changes-since", "1"]);
    let text = pages(&out).join("\n");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Changes since version 1"), "{flat}");
    assert!(flat.contains("Retimed: “Panel discussion"), "{flat}");
    assert!(flat.contains("Draft · printed"));
}

#[test]
fn bad_print_arguments_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let out = dir.path().join("x.pdf");
    for (args, says) in [
        (vec!["poster"], "is not a document"),
        (vec!["programme", "--paper", "a3"], "--paper"),
        (vec!["programme", "--variant", "secret"], "--variant"),
        (vec!["programme", "--day", "18/11"], "--day"),
        (
            vec!["programme", "--day", "2030-01-01"],
            "not a day of the plan",
        ),
        (
            vec!["programme", "--changes-since", "4"],
            "nothing has been published",
        ),
        (
            vec!["participants", "--publish"],
            "Only the public programme",
        ),
    ] {
        let mut all = vec!["print", plan.to_str().unwrap()];
        all.extend(args.iter().copied());
        all.extend(["--out", out.to_str().unwrap()]);
        let o = plenary(&all);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!out.exists(), "nothing written for {args:?}");
    }
}

#[test]
fn a_session_block_is_never_split_across_pages() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let mut store = Store::open(&plan).unwrap();
    let event = store.events().unwrap()[1].clone();
    // Forty sessions with long descriptions: some must fall near a page end.
    for i in 0..40u32 {
        let start = 8 * 60 + i * 15;
        plenary_core::edit::sessions::create_session(
            &mut store,
            &SessionForm {
                event_id: Some(event.id),
                title: format!("Block{i:02} working session on regional cooperation"),
                kind: SessionKind::Discussion,
                day: event.first_day.to_string(),
                start_time: format!("{:02}:{:02}", start / 60, start % 60),
                end_time: format!("{:02}:{:02}", (start + 15) / 60, (start + 15) % 60),
                room_id: None,
                description: format!(
                    "{} Tail{i:02}",
                    "Delegations exchange practice on victim identification, referral and return. "
                        .repeat(1 + (i as usize % 4))
                ),
                agenda_item: String::new(),
                outcome: String::new(),
                notes: String::new(),
                tentative: false,
                link: String::new(),
            },
        )
        .unwrap();
    }
    drop(store);
    for paper in ["a4", "letter"] {
        let pdf = dir.path().join(format!("long-{paper}.pdf"));
        print(
            &plan,
            &pdf,
            &[
                "programme",
                "--day",
                &event.first_day.to_string(),
                "--paper",
                paper,
            ],
        );
        let pages = pages(&pdf);
        assert!(pages.len() >= 3, "{paper}: {} pages", pages.len());
        for i in 0..40 {
            let head = pages
                .iter()
                .position(|p| p.contains(&format!("Block{i:02}")));
            let tail = pages
                .iter()
                .position(|p| p.contains(&format!("Tail{i:02}")));
            assert!(head.is_some(), "{paper}: Block{i:02} printed");
            assert_eq!(
                head, tail,
                "{paper}: Block{i:02} starts and ends on one page"
            );
        }
    }
}

/// A session on the plan's first day with these people (honorific, given,
/// family) as speakers; the day it is on.
fn session_with_speakers(plan: &Path, title: &str, people: &[(String, String, String)]) -> String {
    let mut store = Store::open(plan).unwrap();
    let event = store.events().unwrap()[0].clone();
    let session = plenary_core::edit::sessions::create_session(
        &mut store,
        &SessionForm {
            event_id: Some(event.id),
            title: title.into(),
            kind: SessionKind::Discussion,
            day: event.first_day.to_string(),
            start_time: "17:00".into(),
            end_time: "17:30".into(),
            room_id: None,
            description: String::new(),
            agenda_item: String::new(),
            outcome: String::new(),
            notes: String::new(),
            tentative: false,
            link: String::new(),
        },
    )
    .unwrap();
    let mut roles = Vec::new();
    for (honorific, given, family) in people {
        let p = plenary_core::edit::people::create_person(
            &mut store,
            &plenary_core::forms::PersonForm {
                honorific: honorific.clone(),
                given_name: given.clone(),
                family_name: family.clone(),
                ..Default::default()
            },
        )
        .unwrap();
        roles.push(RoleEntry {
            role: RoleKind::Speaker,
            person_id: Some(p.id),
            organisation_id: None,
            note: String::new(),
            tentative: false,
            presence: Default::default(),
        });
    }
    plenary_core::edit::roles::set_session_roles(&mut store, session.id, &roles).unwrap();
    event.first_day.to_string()
}

#[test]
fn chinese_japanese_and_korean_names_print_with_their_font_embedded() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let tsv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/long-names.tsv"),
    )
    .unwrap();
    let people: Vec<(String, String, String)> = tsv
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| c.len() == 5 && ["China", "Japan", "Republic of Korea"].contains(&c[4]))
        .map(|c| (c[0].to_string(), c[1].to_string(), c[2].to_string()))
        .collect();
    assert!(people.len() >= 3, "{people:?}");
    let day = session_with_speakers(&plan, "East Asia dialogue", &people);
    let pdf = dir.path().join("programme.pdf");
    let o = plenary(&[
        "print",
        plan.to_str().unwrap(),
        "programme",
        "--day",
        &day,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("warning"), "{stderr}");
    let text = pages(&pdf).join("\n");
    for (_, given, family) in &people {
        assert!(
            text.contains(&format!("{given} {family}")),
            "{given} {family}:\n{text}"
        );
    }
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(fonts.contains("WenQuanYi"), "{fonts}");
}

#[test]
fn a_name_no_installed_font_has_is_a_warning_naming_its_session_and_the_pdf_is_written() {
    // No Debian font package installed here covers Devanagari.
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let people = [("Ms".into(), "प्रिया".into(), "Sharma".into())];
    let day = session_with_speakers(&plan, "Panel I", &people);
    let pdf = dir.path().join("programme.pdf");
    let o = plenary(&[
        "print",
        plan.to_str().unwrap(),
        "programme",
        "--day",
        &day,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        ["plenary: warning: Session “Panel I” (people): no installed font has “प”, “्”, “र”, “ि”, “य” and 1 more; they would print as empty boxes."],
    );
    assert!(pages(&pdf).join("\n").contains("Panel I"));
}
