//! `plenary print`: the PDFs staff print, checked with poppler's tools as a
//! reader would see them (text in order, fonts embedded, the stamp on every page).

mod poppler;

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
    poppler::pages(pdf, true)
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
        "Moderator: Representative of the Bali Process Regional Support Office (RSO)",
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

/// Each page's size and its words with their boxes, as `pdftotext -bbox` reads them.
struct Page {
    height: f64,
    words: Vec<(f64, f64, String)>,
}

fn word_boxes(pdf: &Path) -> Vec<Page> {
    poppler::boxes(pdf)
        .into_iter()
        .map(|p| Page {
            height: p.height,
            words: p.words.into_iter().map(|w| (w.y0, w.y1, w.text)).collect(),
        })
        .collect()
}

/// Nothing but the footer below the body's bottom margin (2.2 cm), and nothing off the sheet.
fn assert_nothing_runs_off(pdf: &Path, what: &str) {
    let bottom_margin = 2.2 / 2.54 * 72.0;
    for (i, page) in word_boxes(pdf).iter().enumerate() {
        let footer_top = page
            .words
            .iter()
            .filter(|w| w.2 == "Page")
            .map(|w| w.0)
            .fold(f64::MAX, f64::min);
        // The footer's first line names the document.
        let footer_top = page
            .words
            .iter()
            .filter(|w| w.2 == "Programme" && w.0 < footer_top && w.0 > footer_top - 20.0)
            .map(|w| w.0)
            .fold(footer_top, f64::min);
        assert!(
            footer_top < page.height,
            "{what}: a footer on page {}",
            i + 1
        );
        for (top, bottom, text) in &page.words {
            assert!(
                *bottom <= page.height,
                "{what}: “{text}” off page {}",
                i + 1
            );
            // Typst sets a line's foot at its baseline; descenders go a little lower.
            if *top < footer_top - 1.0 {
                assert!(
                    *bottom <= page.height - bottom_margin + 4.0,
                    "{what}: “{text}” runs into the footer of page {} ({bottom} of {})",
                    i + 1,
                    page.height
                );
            }
        }
    }
}

/// The sample week with a long day: a 300-character title on a session of
/// sixty panellists with positions and a 6,000-character description, and
/// three side events of which only the first two run at one moment, the
/// first with a description longer than its column on a page.
fn stress_plan(dir: &Path) -> (PathBuf, String) {
    let plan = sample(dir);
    let mut store = Store::open(&plan).unwrap();
    let event = store.events().unwrap()[1].clone();
    let day = event.first_day.to_string();
    let session =
        |store: &mut Store, title: &str, from: &str, to: &str, room, description: &str| {
            plenary_core::edit::sessions::create_session(
                store,
                &SessionForm {
                    event_id: Some(event.id),
                    title: title.into(),
                    kind: SessionKind::Panel,
                    day: day.clone(),
                    start_time: from.into(),
                    end_time: to.into(),
                    room_id: room,
                    description: description.into(),
                    agenda_item: String::new(),
                    outcome: String::new(),
                    notes: "Staff: seat the panel early".into(),
                    tentative: false,
                    link: String::new(),
                },
            )
            .unwrap()
        };
    let title = format!(
        "Longpanel {}",
        "on regional cooperation against trafficking in persons and people smuggling, ".repeat(4)
    )
    .chars()
    .take(300)
    .collect::<String>()
    .trim_end()
    .to_string();
    let description = format!(
        "{} Lastline.",
        "Delegations exchange practice on victim identification, referral and safe return. "
            .repeat(72)
    )
    .chars()
    .take(6000)
    .collect::<String>();
    let long = session(&mut store, &title, "17:00", "18:00", None, &description);
    let mut roles = Vec::new();
    for i in 0..60 {
        let p = plenary_core::edit::people::create_person(
            &mut store,
            &plenary_core::forms::PersonForm {
                honorific: "Ms".into(),
                given_name: format!("Panellist{i:02}"),
                family_name: "Example".into(),
                position: "Director of Regional Cooperation".into(),
                ..Default::default()
            },
        )
        .unwrap();
        roles.push(RoleEntry {
            role: RoleKind::Panellist,
            person_id: Some(p.id),
            organisation_id: None,
            note: String::new(),
            tentative: false,
            presence: Default::default(),
        });
    }
    plenary_core::edit::roles::set_session_roles(&mut store, long.id, &roles).unwrap();
    for (name, title, from, to) in [
        ("Room Alpha", "Side event A", "18:00", "19:00"),
        ("Room Beta", "Side event B", "18:30", "20:00"),
        ("Room Gamma", "Side event C", "19:30", "21:00"),
    ] {
        let room = plenary_core::edit::rooms::create_room(
            &mut store,
            &plenary_core::forms::RoomForm {
                name: name.into(),
                capacity: String::new(),
                notes: String::new(),
            },
        )
        .unwrap();
        // A side event too long for one page, in its column.
        let long_side = if title.ends_with('A') {
            "Side event A hears from practitioners in the field. ".repeat(90)
        } else {
            String::new()
        };
        session(&mut store, title, from, to, Some(room.id), &long_side);
    }
    drop(store);
    (plan, title)
}

#[test]
fn a_block_taller_than_a_page_breaks_and_runs_on_under_its_title() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, title) = stress_plan(dir.path());
    let store = Store::open(&plan).unwrap();
    let day = store.events().unwrap()[1].first_day;
    drop(store);
    let heading = day.format("%A %-d %B %Y").to_string();
    for paper in ["a4", "letter"] {
        for (scope, variant) in [
            (vec!["--day".to_string(), day.to_string()], "public"),
            (Vec::new(), "public"),
            (Vec::new(), "internal"),
        ] {
            let what = format!("{paper} {scope:?} {variant}");
            let pdf = dir.path().join("stress.pdf");
            let mut args = vec!["programme", "--paper", paper, "--variant", variant];
            args.extend(scope.iter().map(String::as_str));
            print(&plan, &pdf, &args);
            assert_nothing_runs_off(&pdf, &what);
            let pages = pages(&pdf);
            let flat: Vec<String> = pages
                .iter()
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            let first = flat.iter().position(|p| p.contains("Panellist00")).unwrap();
            let last = flat.iter().position(|p| p.contains("Lastline.")).unwrap();
            assert!(last > first, "{what}: the panel runs on to another page");
            for (i, p) in flat.iter().enumerate().take(last + 1).skip(first + 1) {
                assert!(
                    p.contains("Longpanel on regional cooperation") && p.contains("(continued)"),
                    "{what}: page {} names the session it continues:\n{p}",
                    i + 1
                );
                assert!(
                    p.starts_with(&format!("{heading} (continued)")),
                    "{what}: page {} repeats the day:\n{p}",
                    i + 1
                );
            }
            assert!(flat.concat().contains(&title[..40]), "{what}");
            let side = flat.iter().position(|p| p.contains("18:00–19:00")).unwrap();
            assert!(
                flat[side + 1].contains("Side event A (continued)"),
                "{what}: the side event runs on under its title:\n{}",
                flat[side + 1]
            );
            let all = flat.join(" ");
            // Every panellist, their name whole unless it is the one the
            // page breaks inside ("Panellist07" / "Example,").
            let broken = (0..60)
                .filter(|i| !all.contains(&format!("Panellist{i:02} Example,")))
                .collect::<Vec<_>>();
            for i in 0..60 {
                assert!(
                    all.contains(&format!("Panellist{i:02} ")),
                    "{what}: panellist {i}"
                );
            }
            assert!(broken.len() <= 2, "{what}: names broken: {broken:?}");
            // A name may wrap on to the next page; nearly all read whole.
            assert!(
                all.matches("Example, Director of Regional Cooperation")
                    .count()
                    >= 58,
                "{what}: panellists with their position"
            );
        }
    }
}

#[test]
fn parallel_sessions_print_in_room_columns_only_while_they_run_together() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, _) = stress_plan(dir.path());
    let store = Store::open(&plan).unwrap();
    let day = store.events().unwrap()[1].first_day.to_string();
    drop(store);
    let pdf = dir.path().join("parallel.pdf");
    print(&plan, &pdf, &["programme", "--day", &day]);
    let text = pages(&pdf).join("\n");
    assert_eq!(text.matches("sessions in parallel").count(), 1, "{text}");
    assert!(
        text.contains("18:00–20:00 · 2 sessions in parallel"),
        "{text}"
    );
    // The rooms head their columns, side by side on one line, above their sessions.
    let line = text
        .lines()
        .find(|l| l.contains("Room Alpha"))
        .expect("room headings");
    assert!(line.contains("Room Beta"), "{line}");
    let (alpha, beta) = (
        line.find("Room Alpha").unwrap(),
        line.find("Room Beta").unwrap(),
    );
    let row = text
        .lines()
        .find(|l| l.contains("Side event A"))
        .expect("the sessions' row");
    assert!(
        row.find("Side event A").unwrap().abs_diff(alpha) < 4
            && row.find("Side event B").unwrap().abs_diff(beta) < 4,
        "each session under its room:\n{line}\n{row}"
    );
    // C only overlaps B: it follows on its own, in Room Gamma.
    assert!(!line.contains("Room Gamma"), "{line}");
    assert!(text.contains("19:30–21:00"), "{text}");

    // A change is marked in the session's own column, not over its neighbour.
    print(&plan, &pdf, &["programme", "--publish", "--force"]);
    let mut store = Store::open(&plan).unwrap();
    let b = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title == "Side event B")
        .unwrap();
    plenary_core::planner::move_session(
        &mut store,
        b.id,
        b.start.unwrap() + chrono::Duration::minutes(15),
        None,
    )
    .unwrap();
    drop(store);
    print(
        &plan,
        &pdf,
        &["programme", "--day", &day, "--changes-since", "1"],
    );
    let text = pages(&pdf).join("\n");
    let heads = text.lines().find(|l| l.contains("Room Alpha")).unwrap();
    // Columns in characters: the lines hold en dashes of three bytes.
    let column = |line: &str, what: &str| line[..line.find(what).unwrap()].chars().count();
    let beta = column(heads, "Room Beta");
    let mark = text
        .lines()
        .find(|l| l.contains("Retimed"))
        .unwrap_or_else(|| panic!("a mark:\n{text}"));
    assert!(
        column(mark, "Retimed").abs_diff(beta) < 4,
        "the mark in B's column:\n{heads}\n{mark}"
    );
}

#[test]
fn the_run_of_show_says_internal_on_every_page_and_heads_its_speaking_lists() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let mut store = Store::open(&plan).unwrap();
    let s = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SessionKind::Statements)
        .unwrap();
    // Every delegation on the list, after a description long enough that
    // the session cannot fit one page: the list breaks.
    let slots = plenary_core::speaking::suggest(&store, s.id, 2).unwrap();
    assert!(slots.len() > 20, "{} turns", slots.len());
    plenary_core::speaking::set_speaking_list(&mut store, s.id, &slots).unwrap();
    plenary_core::edit::sessions::update_session(
        &mut store,
        s.id,
        &SessionForm {
            // Long enough that the list starts low on a page (in Noto Sans).
            description: "Members and observers share updates on their national responses. "
                .repeat(115),
            ..SessionForm::from(&s)
        },
    )
    .unwrap();
    drop(store);

    let pdf = dir.path().join("internal.pdf");
    print(&plan, &pdf, &["programme", "--variant", "internal"]);
    let pages = pages(&pdf);
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains("Internal — not for distribution"),
            "the notice on page {}",
            i + 1
        );
    }
    let headed: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.lines().any(|l| {
                l.split_whitespace().collect::<Vec<_>>()
                    == ["Time", "Delegation", "Speaker", "Minutes"]
            })
        })
        .map(|(i, _)| i)
        .collect();
    assert!(
        headed.len() >= 2,
        "the headings repeat where the list breaks: {headed:?}"
    );
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let title = info.lines().find(|l| l.starts_with("Title:")).unwrap();
    assert!(title.contains("Internal — not for distribution"), "{title}");

    let public = dir.path().join("public.pdf");
    print(&plan, &public, &["programme"]);
    let text = pages_text(&public);
    assert!(
        !text.contains("Internal"),
        "the public programme has no notice"
    );
    assert!(!text.contains("Minutes"), "nor speaking lists");
}

fn pages_text(pdf: &Path) -> String {
    pages(pdf).join("\n")
}

#[test]
fn the_title_block_carries_status_and_issue_date_and_descriptions_and_positions_can_be_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let pdf = dir.path().join("p.pdf");
    let flat = |pdf: &Path| {
        pages_text(pdf)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let description = "The Senior Official Co-Chairs congratulate the Working Group";
    let position = "Ms Lynn Bell, Australian Ambassador to Counter Modern Slavery";
    print(&plan, &pdf, &["programme"]);
    let all = flat(&pdf);
    assert!(all.contains(description) && all.contains(position), "{all}");
    assert!(!all.contains("Issued") && !all.contains("Provisional"));

    print(
        &plan,
        &pdf,
        &[
            "programme",
            "--no-descriptions",
            "--no-positions",
            "--status",
            "Provisional",
            "--issued",
            "2024-11-15",
        ],
    );
    let first = pages(&pdf)[0].clone();
    let top: Vec<&str> = first.lines().take(3).collect();
    assert!(top.join(" ").contains("Provisional"), "{top:?}");
    assert!(top.join(" ").contains("Issued 15 November 2024"), "{top:?}");
    let bare = flat(&pdf);
    assert!(!bare.contains(description), "{bare}");
    assert!(!bare.contains(position), "{bare}");
    assert!(bare.contains("Ms Lynn Bell (Australia)"), "{bare}");

    let out = plenary(&[
        "print",
        plan.to_str().unwrap(),
        "programme",
        "--issued",
        "15/11",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--issued"), "{err}");
    let long = "Provisional ".repeat(10);
    let out = plenary(&[
        "print",
        plan.to_str().unwrap(),
        "programme",
        "--status",
        &long,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--status"), "{err}");
}

#[test]
fn no_heading_or_break_is_left_alone_at_the_foot_of_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let store = Store::open(&plan).unwrap();
    let days: Vec<String> = store
        .events()
        .unwrap()
        .iter()
        .map(|e| e.first_day.format("%A %-d %B %Y").to_string())
        .collect();
    let event = store.events().unwrap()[0].clone();
    drop(store);
    // One filler session after another pushes the next day's heading, the
    // breaks and the parallel blocks down the page, line by line.
    let mut store = Store::open(&plan).unwrap();
    let room = plenary_core::edit::rooms::create_room(
        &mut store,
        &plenary_core::forms::RoomForm {
            name: "Annex".into(),
            capacity: String::new(),
            notes: String::new(),
        },
    )
    .unwrap();
    drop(store);
    let mut checked = 0;
    for n in 0..14u32 {
        let mut store = Store::open(&plan).unwrap();
        let start = 6 * 60 + n * 10;
        plenary_core::edit::sessions::create_session(
            &mut store,
            &SessionForm {
                event_id: Some(event.id),
                title: format!("Filler {n}"),
                kind: SessionKind::Discussion,
                day: event.first_day.to_string(),
                start_time: format!("{:02}:{:02}", start / 60, start % 60),
                // Twenty minutes every ten: two at a time, parallel blocks too.
                end_time: format!("{:02}:{:02}", (start + 20) / 60, (start + 20) % 60),
                room_id: (n % 2 == 0).then_some(room.id),
                description: "A line of text.".repeat(1 + n as usize % 5),
                agenda_item: String::new(),
                outcome: String::new(),
                notes: String::new(),
                tentative: false,
                link: String::new(),
            },
        )
        .unwrap();
        drop(store);
        let pdf = dir.path().join("p.pdf");
        print(&plan, &pdf, &["programme"]);
        for (i, page) in pages(&pdf).iter().enumerate() {
            let lines: Vec<&str> = page
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            // The footer is the page's last two lines.
            let Some(last) = lines.iter().rev().nth(2) else {
                continue;
            };
            checked += 1;
            assert!(
                !days.iter().any(|d| last == d)
                    && !last.contains("sessions in parallel")
                    && !last.contains("Coffee break")
                    && !last.contains("Lunch"),
                "{n} fillers: page {} ends with “{last}”\n{page}",
                i + 1
            );
        }
    }
    assert!(checked > 20);
}

#[test]
fn no_group_heading_of_the_participant_list_is_left_alone_at_the_foot_of_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let mut store = Store::open(&plan).unwrap();
    let event = store.events().unwrap()[0].clone();
    let australia = store
        .organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Australia")
        .unwrap();
    let headings = [
        "Co-Chairs",
        "Members",
        "Observers",
        "Guests",
        "International organisations",
        "Intergovernmental forums and processes",
        "Civil society",
        "Private sector",
        "Programmes, workstreams and other bodies",
        "Secretariat",
    ];
    let mut checked = 0;
    // Each adviser more moves every group heading below a line down.
    for n in 0..40 {
        let p = plenary_core::edit::people::create_person(
            &mut store,
            &plenary_core::forms::PersonForm {
                honorific: "Mr".into(),
                given_name: format!("Adviser{n:02}"),
                family_name: "Example".into(),
                organisation_id: Some(australia.id),
                ..Default::default()
            },
        )
        .unwrap();
        plenary_core::edit::attendance::set_registration(
            &mut store,
            event.id,
            p.id,
            Some(plenary_core::model::RegistrationStatus::Confirmed),
            "adviser",
        )
        .unwrap();
        let pdf = dir.path().join("participants.pdf");
        print(&plan, &pdf, &["participants"]);
        let pages = pages(&pdf);
        for (i, page) in pages.iter().enumerate().take(pages.len() - 1) {
            let lines: Vec<&str> = page
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            // The footer is the page's last two lines.
            let Some(last) = lines.iter().rev().nth(2) else {
                continue;
            };
            checked += 1;
            assert!(
                !headings.contains(last),
                "{n} more: page {} ends with the heading “{last}”\n{page}",
                i + 1
            );
        }
    }
    assert!(checked >= 40);
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
fn a_name_no_font_has_is_a_warning_naming_its_session_and_the_pdf_is_written() {
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
        ["plenary: warning: Session “Panel I” (people): no font has “प”, “्”, “र”, “ि”, “य” and 1 more; they would print as empty boxes."],
    );
    assert!(pages(&pdf).join("\n").contains("Panel I"));
}

/// The day report as a protocol officer reads it: the day in the title, a
/// row a session with planned and actual times, drift and status, then the
/// delays, substitutions, cancellations and check-ins; on A4 and Letter.
#[test]
fn the_day_report_prints_planned_against_actual() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let f = plan.to_str().unwrap();
    let opening = "Opening and adoption of the agenda";
    ok(plenary(&["start", f, opening, "--at", "2024-11-19 09:04"]));
    ok(plenary(&["end", f, opening, "--at", "2024-11-19 09:15"]));
    ok(plenary(&[
        "delay",
        f,
        "--minutes",
        "10",
        "--at",
        "2024-11-19 09:15",
    ]));
    ok(plenary(&["cancel", f, "Closing of the Annual Meeting"]));
    // Typed text is set as text, never read as markup.
    let tricky = r#"Statements #set text(red) $x$ *bold* <b> & “สมชาย”"#;
    {
        let mut store = Store::open(&plan).unwrap();
        let s = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.title.starts_with("National updates"))
            .unwrap();
        let form = SessionForm {
            title: tricky.into(),
            ..SessionForm::from(&s)
        };
        plenary_core::edit::sessions::update_session(&mut store, s.id, &form).unwrap();
    }
    for paper in ["a4", "letter"] {
        let out = dir.path().join(format!("report-{paper}.pdf"));
        print(
            &plan,
            &out,
            &["report", "--day", "2024-11-19", "--paper", paper],
        );
        let text = pages(&out).join("\n");
        assert!(
            text.contains("Day report — Tuesday 19 November 2024"),
            "{text}"
        );
        let row = text
            .lines()
            .find(|l| l.contains(opening))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(
            row.contains("09:00–09:15")
                && row.contains("09:04–09:15")
                && row.contains("+4")
                && row.contains("done"),
            "{row}"
        );
        for words in [
            "Running 10 minutes late in every room",
            "“Closing of the Annual Meeting” (Plenary Hall, planned",
            "Nobody was replaced.",
            "Check-ins by category",
            // The sample registers nobody for the Annual Meeting: said, not a table of zeros.
            "Nobody is registered for this event, and nobody checked in.",
            // The title wraps in its column, where depends on the paper.
            "Statements #set text(red) $x$ *bold*",
            "<b> &",
            "“สมชาย”",
        ] {
            assert!(text.contains(words), "{words} in {text}");
        }
        // Nothing within 8 mm of the top or bottom edge, which printers do not reach.
        let edge = 8.0 / 25.4 * 72.0;
        for page in word_boxes(&out) {
            for (top, bottom, word) in &page.words {
                assert!(
                    *top >= edge && *bottom <= page.height - edge,
                    "{paper}: “{word}” at {top}–{bottom} of {}",
                    page.height
                );
            }
        }
    }
}

/// `plenary` with the machine's fonts taken from `dirs` (empty: none).
fn plenary_with_fonts(args: &[&str], dirs: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .env("PLENARY_FONT_DIRS", dirs)
        .output()
        .expect("run plenary")
}

/// Names in Latin with diacritics, Vietnamese, Thai and Arabic: the
/// scripts the built-in fonts cover.
fn names_in_many_scripts() -> Vec<(String, String, String)> {
    [
        ("Mr", "Łukasz", "Dvořák-Åström"),
        ("Ms", "Nguyễn Thị", "Hương"),
        ("Mr", "Phạm Văn", "Đồng"),
        ("Ms", "สมศรี", "ใจดี"),
        ("Mr", "محمد", "العلي"),
    ]
    .iter()
    .map(|(h, g, f)| (h.to_string(), g.to_string(), f.to_string()))
    .collect()
}

/// The embedded fonts of a PDF as pdffonts names them, without the
/// six-letter subset tag.
fn pdf_fonts(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdffonts").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .map(|name| name.split_once('+').map_or(name, |(_, n)| n).to_string())
        .collect()
}

#[test]
fn a_machine_with_no_fonts_prints_latin_vietnamese_thai_and_arabic_names_in_the_built_in_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let day = session_with_speakers(&plan, "Panel of many scripts", &names_in_many_scripts());
    for dirs in ["", empty.path().to_str().unwrap()] {
        let pdf = dir.path().join("programme.pdf");
        let o = plenary_with_fonts(
            &[
                "print",
                plan.to_str().unwrap(),
                "programme",
                "--day",
                &day,
                "--out",
                pdf.to_str().unwrap(),
            ],
            dirs,
        );
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{stderr}");
        assert!(!stderr.contains("warning"), "{stderr}");
        let text = pages(&pdf).join("\n");
        for name in ["Łukasz Dvořák-Åström", "Nguyễn Thị Hương", "Phạm Văn Đồng"] {
            assert!(text.contains(name), "{name}:\n{text}");
        }
        let fonts = pdf_fonts(&pdf);
        for family in ["NotoSans-", "NotoSansThai-", "NotoSansArabic-"] {
            assert!(
                fonts.iter().any(|f| f.starts_with(family)),
                "{family}: {fonts:?}"
            );
        }
        assert!(fonts.iter().all(|f| f.starts_with("NotoSans")), "{fonts:?}");
    }
}

#[test]
fn a_character_no_built_in_font_has_is_a_warning_on_a_machine_with_no_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let people = [("Mr".into(), "王".into(), "伟".into())];
    let day = session_with_speakers(&plan, "East Asia dialogue", &people);
    let pdf = dir.path().join("programme.pdf");
    let o = plenary_with_fonts(
        &[
            "print",
            plan.to_str().unwrap(),
            "programme",
            "--day",
            &day,
            "--out",
            pdf.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        ["plenary: warning: Session “East Asia dialogue” (people): no font has “王”, “伟”; they would print as empty boxes."],
    );
}

#[test]
fn the_same_plan_prints_the_same_bytes_whatever_fonts_the_machine_has() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let day = session_with_speakers(&plan, "Panel of many scripts", &names_in_many_scripts());
    let render = |dirs: Option<&str>, name: &str| {
        let pdf = dir.path().join(name);
        let args = [
            "print",
            plan.to_str().unwrap(),
            "programme",
            "--day",
            &day,
            "--out",
            pdf.to_str().unwrap(),
        ];
        let o = match dirs {
            Some(dirs) => plenary_with_fonts(&args, dirs),
            None => plenary(&args),
        };
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read(&pdf).unwrap()
    };
    // The stamp reads the clock to the minute: a pair printed either side
    // of a minute's turn differs there, so such a pair is printed again.
    for _ in 0..3 {
        let machine = render(None, "machine.pdf");
        let none = render(Some(""), "none.pdf");
        let stamp = |name: &str| {
            let text = pages(&dir.path().join(name)).join("\n");
            text.lines()
                .find(|l| l.contains("printed"))
                .map(str::to_string)
        };
        if stamp("machine.pdf") != stamp("none.pdf") {
            continue;
        }
        assert!(machine == none, "the two PDFs differ");
        return;
    }
    panic!("three pairs printed across a minute's turn");
}
