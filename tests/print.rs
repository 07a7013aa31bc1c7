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

/// Each briefing stands alone: its pages count from 1 to its own last page,
/// under a compact head (no co-chairs or co-hosts of the whole week), with
/// the person's title, the call time, and organisations without a person
/// named briefed through their representative.
#[test]
fn each_speaker_briefing_counts_its_own_pages() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    // Ms Lynn Bell takes the floor first in the commemorative dialogue's
    // opening, for five minutes.
    let mut store = Store::open(&plan).unwrap();
    let opening = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title == "Opening remarks by the Senior Official Co-Chairs")
        .unwrap();
    let bell = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.family_name == "Bell")
        .unwrap();
    plenary_core::speaking::set_speaking_list(
        &mut store,
        opening.id,
        &[plenary_core::store::SlotEntry {
            organisation_id: bell.organisation_id.unwrap(),
            person_id: Some(bell.id),
            minutes: 5,
        }],
    )
    .unwrap();
    drop(store);
    let out = dir.path().join("speakers.pdf");
    print(&plan, &out, &["speakers"]);
    let sheets = pages(&out);
    let mut expected_page = 1;
    let mut long_one = false;
    for (i, p) in sheets.iter().enumerate() {
        let (n, of) = page_of(p).unwrap_or_else(|| panic!("no page number on sheet {i}: {p}"));
        assert_eq!(n, expected_page, "sheet {i}: {p}");
        assert!(n <= of, "sheet {i}");
        long_one |= of > 1;
        expected_page = if n == of { 1 } else { n + 1 };
        assert!(
            !p.contains("Co-Chairs:"),
            "sheet {i} repeats the week's head"
        );
    }
    assert_eq!(expected_page, 1, "the last briefing ends on its last page");
    assert!(long_one, "some briefing runs over a page");
    let flat = |p: &String| p.split_whitespace().collect::<Vec<_>>().join(" ");
    let bell = flat(
        sheets
            .iter()
            .find(|p| p.lines().any(|l| l.trim() == "Ms Lynn Bell"))
            .unwrap(),
    );
    for want in [
        "Australian Ambassador to Counter Modern Slavery",
        "Your role: Co-Chair Your speaking turn: 09:00, 5 minutes Call time: 08:45, 15 minutes before the session",
        "Speaker briefing · Ms Lynn Bell",
    ] {
        assert!(bell.contains(want), "{want} in {bell}");
    }
    assert!(
        sheets.iter().map(flat).any(|p| p
            .contains("The representative of the International Organization for Migration (IOM)")),
        "an organisation holding a role is briefed"
    );
}

/// "Page 2 of 3" in a sheet's footer, as numbers.
fn page_of(page: &str) -> Option<(u32, u32)> {
    let at = page.rfind("Page ")?;
    let rest = page.get(at + "Page ".len()..)?;
    let mut words = rest.split_whitespace();
    let n = words.next()?.parse().ok()?;
    (words.next()? == "of").then_some(())?;
    let of = words.next()?.parse().ok()?;
    Some((n, of))
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
    assert!(
        flat.contains(&format!(
            "• “{}”, Mon 18 Nov: Time: 10:45–12:30 → 11:00–12:45",
            s.title
        )),
        "{flat}"
    );
    assert!(flat.contains("Draft · printed"));

    // A session moved to another room: the list says so in words, and its
    // old place is still printed (struck through), saying where it went.
    let mut store = Store::open(&plan).unwrap();
    let moved = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title.starts_with("Collaboration with regional fora"))
        .unwrap();
    let foyer = store
        .rooms()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Foyer")
        .unwrap();
    let day = moved.start.unwrap().date();
    plenary_core::planner::move_session(
        &mut store,
        moved.id,
        day.and_hms_opt(14, 15, 0).unwrap(),
        Some(Some(foyer.id)),
    )
    .unwrap();
    drop(store);
    let day_sheet = dir.path().join("day.pdf");
    let day_arg = day.to_string();
    print(
        &plan,
        &day_sheet,
        &["programme", "--changes-since", "1", "--day", &day_arg],
    );
    let flat = pages(&day_sheet)
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("Time: 15:45–16:30 → 14:15–15:00; Room: Plenary Hall → Foyer"),
        "{flat}"
    );
    assert!(
        !flat.contains("Mon 18 Nov: Time"),
        "a day's sheet lists only that day's changes: {flat}"
    );
    assert_eq!(
        flat.matches("Collaboration with regional fora").count(),
        3,
        "{flat}"
    );
    let old_place = flat
        .find("15:45–16:30 Collaboration with regional fora")
        .expect(&flat);
    assert!(flat[old_place..].contains("Moved to Tue 19 Nov 14:15–15:00, Foyer")); // slice-ok: test text
    assert!(flat.find("14:15–15:00").unwrap() < old_place);
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
