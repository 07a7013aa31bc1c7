//! Name cards as a protocol officer checks them: every delegation of the UN
//! and people with long names in many scripts, printed as tent cards on A4
//! and US Letter, read back with `pdftotext -bbox` (each word's box in
//! points). Every word stays 12 mm inside its face, every name is there word
//! for word (no word broken across lines), and the text is large enough to
//! read from 5 m.

mod poppler;

use plenary_core::edit;
use plenary_core::forms::{EventForm, OrganisationForm, PersonForm};
use plenary_core::model::{Id, ParticipationStatus, RegistrationStatus};
use plenary_core::Store;
use poppler::{Page, Word};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// 12 mm in points.
const INSET: f64 = 12.0 / 25.4 * 72.0;
/// 2 cm and 1 cm in points.
const CM2: f64 = 20.0 / 25.4 * 72.0;
const CM1: f64 = 10.0 / 25.4 * 72.0;
/// Noto Sans Bold, built into the binary: the capital H is 714 units of
/// 1000 tall, and a space is 260 units wide.
const CAP: f64 = 714.0 / 1000.0;
const SPACE: f64 = 260.0 / 1000.0;
/// Ascender and descender of Noto Sans, the height of a line of cards.
const LINE: f64 = (1069.0 + 293.0) / 1000.0;

fn plenary(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .output()
        .expect("run plenary");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

struct Person {
    name: String,
    delegation: String,
}

/// A plan with one event: every UN member state (and the two observer
/// states) takes part, and the people of `long-names.tsv` are registered.
fn plan(dir: &Path) -> (PathBuf, Vec<String>, Vec<Person>) {
    let path = dir.join("cards.plenary");
    plenary(&[
        "new",
        path.to_str().unwrap(),
        "--title",
        "Regional Consultative Meeting",
        "--tz",
        "Asia/Bangkok",
        "--from",
        "2024-11-18",
        "--to",
        "2024-11-20",
    ]);
    let mut store = Store::open(&path).unwrap();
    let event = edit::events::create_event(
        &mut store,
        &EventForm {
            title: "Plenary".into(),
            short_name: "Plenary".into(),
            first_day: "2024-11-18".into(),
            last_day: "2024-11-20".into(),
            description: String::new(),
        },
    )
    .unwrap();
    let states: Vec<String> = fixture("un-member-states.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    assert_eq!(states.len(), 195);
    let mut orgs: HashMap<String, Id> = HashMap::new();
    for name in &states {
        let org = edit::organisations::create_organisation(
            &mut store,
            &OrganisationForm {
                name: name.clone(),
                acronym: String::new(),
                official_name: String::new(),
                category: "member_state".into(),
                country_code: String::new(),
            },
        )
        .unwrap();
        edit::delegations::set_participation(
            &mut store,
            event.id,
            org.id,
            Some(ParticipationStatus::Member),
            "",
        )
        .unwrap();
        orgs.insert(name.clone(), org.id);
    }
    let mut people = Vec::new();
    for line in fixture("long-names.tsv").lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [honorific, given, family, position, organisation] = cols[..] else {
            panic!("five columns: {line}")
        };
        let p = edit::people::create_person(
            &mut store,
            &PersonForm {
                honorific: honorific.into(),
                given_name: given.into(),
                family_name: family.into(),
                position: position.into(),
                organisation_id: Some(orgs[organisation]),
                ..Default::default()
            },
        )
        .unwrap();
        edit::attendance::set_registration(
            &mut store,
            event.id,
            p.id,
            Some(RegistrationStatus::Confirmed),
            "",
        )
        .unwrap();
        people.push(Person {
            name: p.display_name(),
            delegation: organisation.to_string(),
        });
    }
    (path, states, people)
}

/// A word as it is typed: poppler gives a right-to-left word's letters in
/// the order they stand on the page.
fn logical(word: &str) -> String {
    let rtl = |c: char| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFEFF);
    if word.chars().any(rtl) {
        word.chars().rev().collect()
    } else {
        undoubled(word)
    }
}

/// A Thai cluster whose mark Noto Sans Thai swaps for a raised form (“ดิ์”)
/// reads back from the PDF twice: the page shows it once, but the PDF's
/// text for copying holds it once as the cluster's and once as the
/// glyph's. Read once, as on the page.
fn undoubled(word: &str) -> String {
    let thai_mark = |c: char| matches!(c as u32, 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E);
    let mut clusters: Vec<String> = Vec::new();
    for c in word.chars() {
        match clusters.last_mut() {
            Some(last) if thai_mark(c) => last.push(c),
            _ => clusters.push(c.to_string()),
        }
    }
    let mut out: Vec<String> = Vec::new();
    for c in clusters {
        let doubled = c.chars().count() > 1 && out.last() == Some(&c);
        if !doubled {
            out.push(c);
        }
    }
    out.concat()
}

/// Every page's size and words with their boxes (points, y down), each
/// word as typed.
fn words(pdf: &Path) -> Vec<Page> {
    let mut pages = poppler::boxes(pdf);
    for w in pages.iter_mut().flat_map(|p| p.words.iter_mut()) {
        w.text = logical(&w.text);
    }
    pages
}

/// The height of a word's box per point of font size, as poppler reads it
/// from the PDF's descriptor of Noto Sans Bold (its Ascent and Descent).
fn box_per_point(pdf: &Path) -> f64 {
    let bytes = std::fs::read(pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    // "/FontName /ABCDEF+NotoSans-Bold": six letters name the subset.
    let key = "/FontName /";
    let at = text
        .match_indices(key)
        .map(|(at, _)| at)
        .find(|at| {
            text.get(at + key.len() + 6..)
                .is_some_and(|rest| rest.starts_with("+NotoSans-Bold\n"))
        })
        .expect("the descriptor of Noto Sans Bold");
    let dict = &text[at..at + text[at..].find(">>").unwrap()];
    let number = |key: &str| -> f64 {
        let from = dict.find(key).unwrap() + key.len();
        dict[from..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    (number("/Ascent") - number("/Descent")) / 1000.0
}

fn sorted_words(text: &str) -> Vec<String> {
    let mut w: Vec<String> = text.split_whitespace().map(String::from).collect();
    w.sort();
    w
}

/// The two faces of a card page, top then bottom, each checked to keep
/// every word 12 mm inside its half of the sheet.
fn faces(page: &Page, what: &str) -> [Vec<Word>; 2] {
    assert!(page.width > page.height, "{what}: a landscape sheet");
    let half = page.height / 2.0;
    let mut faces = [Vec::new(), Vec::new()];
    for w in &page.words {
        let bottom = (w.y0 + w.y1) / 2.0 > half;
        let (top, end) = if bottom {
            (half, page.height)
        } else {
            (0.0, half)
        };
        let inside = w.x0 >= INSET - 0.01
            && w.x1 <= page.width - INSET + 0.01
            && w.y0 >= top + INSET - 0.01
            && w.y1 <= end - INSET + 0.01;
        assert!(
            inside,
            "{what}: “{}” crosses the 12 mm inset: {w:?}",
            w.text
        );
        faces[bottom as usize].push(w.clone());
    }
    faces
}

/// Greedy lines of `widths` (a space between words) across `room`; a word
/// wider than the room does not fit on any number of lines.
fn lines_needed(widths: &[f64], space: f64, room: f64) -> usize {
    if widths.iter().any(|w| *w > room) {
        return usize::MAX;
    }
    let mut lines = 0;
    let mut used = f64::INFINITY;
    for w in widths {
        if used + space + w <= room {
            used += space + w;
        } else {
            lines += 1;
            used = *w;
        }
    }
    lines
}

/// The upright (bottom) face of one card, as its words.
struct Card {
    words: Vec<Word>,
}

fn cards(pdf: &Path, expect: usize, what: &str) -> (Vec<Card>, f64, f64) {
    let pages = words(pdf);
    assert_eq!(pages.len(), expect, "{what}: one sheet per card");
    let (width, height) = (pages[0].width, pages[0].height);
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let [top, bottom] = faces(p, &format!("{what}, sheet {}", i + 1));
        assert_eq!(
            sorted_words(
                &top.iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            sorted_words(
                &bottom
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            "{what}, sheet {}: both faces say the same",
            i + 1
        );
        out.push(Card { words: bottom });
    }
    (out, width, height)
}

fn is_latin(s: &str) -> bool {
    s.chars().all(|c| (c as u32) < 0x250 || c.is_whitespace())
}

#[test]
fn delegation_cards_of_every_un_member_fit_and_share_one_legible_size() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, states, _) = plan(dir.path());
    for paper in ["a4", "letter"] {
        let pdf = dir.path().join(format!("delegations-{paper}.pdf"));
        plenary(&[
            "print",
            plan.to_str().unwrap(),
            "namecards",
            "--paper",
            paper,
            "--out",
            pdf.to_str().unwrap(),
        ]);
        let what = format!("{paper} delegation cards");
        let (cards, width, height) = cards(&pdf, states.len(), &what);
        if paper == "a4" {
            assert!((width - 841.89).abs() < 0.1 && (height - 595.28).abs() < 0.1);
        } else {
            assert!((width - 792.0).abs() < 0.1 && (height - 612.0).abs() < 0.1);
        }
        let k = box_per_point(&pdf);
        let room = width - 2.0 * INSET;

        // Every state's name, each word whole, on exactly one card.
        let mut printed: Vec<Vec<String>> = cards
            .iter()
            .map(|c| {
                sorted_words(
                    &c.words
                        .iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            })
            .collect();
        let mut expected: Vec<Vec<String>> = states.iter().map(|s| sorted_words(s)).collect();
        printed.sort();
        expected.sort();
        assert_eq!(printed, expected, "{what}: every name, word for word");

        // One size on (nearly) every card, capitals at least 2 cm tall.
        let size = |w: &Word| (w.y1 - w.y0) / k;
        let mut sizes: Vec<f64> = cards.iter().map(|c| size(&c.words[0])).collect();
        for c in &cards {
            for w in &c.words {
                assert!(
                    (size(w) - size(&c.words[0])).abs() < 0.01,
                    "{what}: one size per card"
                );
            }
        }
        sizes.sort_by(f64::total_cmp);
        let uniform = sizes[sizes.len() - 1];
        let at_uniform = sizes
            .iter()
            .filter(|s| (uniform - **s).abs() < 0.01)
            .count();
        assert!(
            at_uniform * 10 >= cards.len() * 9,
            "{what}: {at_uniform} of {} cards at the common size",
            cards.len()
        );
        assert!(
            uniform * CAP >= CM2 - 0.05,
            "{what}: capitals {:.1} mm tall",
            uniform * CAP / 72.0 * 25.4
        );
        // A card below the common size holds a name that does not fit it:
        // more lines than its face has room for.
        let lines_at_uniform = ((height / 2.0 - 2.0 * INSET) / (uniform * LINE)).floor() as usize;
        for c in &cards {
            let s = size(&c.words[0]);
            if (uniform - s).abs() < 0.01 {
                continue;
            }
            let widths: Vec<f64> = c
                .words
                .iter()
                .map(|w| (w.x1 - w.x0) * uniform / s)
                .collect();
            let name = c
                .words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                lines_needed(&widths, SPACE * uniform, room) > lines_at_uniform,
                "{what}: “{name}” would fit the common size but is printed at {s:.1} pt"
            );
        }
        // New Zealand stays on one line.
        let nz = cards
            .iter()
            .find(|c| c.words.iter().any(|w| w.text == "Zealand"))
            .unwrap();
        assert!(
            (nz.words[0].y0 - nz.words[1].y0).abs() < 0.01,
            "{what}: New Zealand on one line"
        );
        // A name over two lines is set in even lines: "United States / of America".
        let usa = cards
            .iter()
            .find(|c| c.words.iter().any(|w| w.text == "America"))
            .unwrap();
        let line = |word: &str| usa.words.iter().find(|w| w.text == word).unwrap().y0;
        assert!(
            (line("United") - line("States")).abs() < 0.01,
            "{what}: {:?}",
            usa.words
        );
        assert!(
            (line("of") - line("America")).abs() < 0.01,
            "{what}: {:?}",
            usa.words
        );
        assert!(line("States") < line("of"), "{what}: {:?}", usa.words);

        // Each fitted on its own: still inside, never smaller, short names larger.
        let fitted = dir.path().join(format!("fitted-{paper}.pdf"));
        plenary(&[
            "print",
            plan.to_str().unwrap(),
            "namecards",
            "--fit-each",
            "--paper",
            paper,
            "--out",
            fitted.to_str().unwrap(),
        ]);
        let (each, _, _) =
            self::cards(&fitted, states.len(), &format!("{paper} cards fitted each"));
        let k = box_per_point(&fitted);
        let mut larger = 0;
        for (one, all) in each.iter().zip(&cards) {
            let (s1, s0) = ((one.words[0].y1 - one.words[0].y0) / k, size(&all.words[0]));
            assert!(
                s1 >= s0 - 0.01,
                "{paper}: {} smaller when fitted on its own",
                one.words[0].text
            );
            if s1 > s0 * 1.2 {
                larger += 1;
            }
        }
        assert!(
            larger > states.len() / 2,
            "{paper}: {larger} cards larger when fitted each"
        );
    }
}

#[test]
fn cards_print_acronyms_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    plenary(&["sample", plan.to_str().unwrap()]);
    let read = |args: &[&str]| -> Vec<String> {
        let pdf = dir.path().join("cards.pdf");
        let mut all = vec!["print", plan.to_str().unwrap(), "namecards"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--out", pdf.to_str().unwrap()]);
        plenary(&all);
        words(&pdf)
            .iter()
            .map(|p| {
                let [_, bottom] = faces(p, "sample cards");
                bottom
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    let named = read(&[]);
    assert!(
        named
            .iter()
            .any(|c| c == "International Organization for Migration"),
        "{named:?}"
    );
    let short = read(&["--acronyms"]);
    assert!(short.iter().any(|c| c == "IOM"), "{short:?}");
    assert!(
        short.iter().any(|c| c == "United States of America"),
        "states keep their name"
    );
}

#[test]
fn person_cards_fit_names_in_many_scripts_with_a_legible_delegation_line() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, _, people) = plan(dir.path());
    for paper in ["a4", "letter"] {
        let pdf = dir.path().join(format!("people-{paper}.pdf"));
        plenary(&[
            "print",
            plan.to_str().unwrap(),
            "namecards",
            "--per-person",
            "--paper",
            paper,
            "--out",
            pdf.to_str().unwrap(),
        ]);
        let what = format!("{paper} person cards");
        let (cards, width, height) = cards(&pdf, people.len(), &what);
        let k = box_per_point(&pdf);
        let room = width - 2.0 * INSET;
        let floor = CM2 / CAP;

        for person in &people {
            let name = sorted_words(&person.name);
            let mut all = name.clone();
            all.extend(sorted_words(&person.delegation));
            all.sort();
            let card = cards
                .iter()
                .find(|c| {
                    sorted_words(
                        &c.words
                            .iter()
                            .map(|w| w.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    ) == all
                })
                .unwrap_or_else(|| panic!("{what}: a card for “{}”, word for word", person.name));
            if !is_latin(&person.name) || !is_latin(&person.delegation) {
                continue;
            }
            // The delegation is the last line, its capitals at least 1 cm.
            let bottom = card.words.iter().map(|w| w.y0).fold(f64::MIN, f64::max);
            let (detail, name_words): (Vec<&Word>, Vec<&Word>) = card
                .words
                .iter()
                .partition(|w| (w.y0 - bottom).abs() < 0.01);
            for w in &detail {
                assert!(
                    (w.y1 - w.y0) / k * CAP >= CM1 - 0.05,
                    "{what}: “{}” under {}",
                    w.text,
                    person.name
                );
            }
            // The name's capitals are 2 cm tall where two lines hold it.
            let s = (name_words[0].y1 - name_words[0].y0) / k;
            let widths: Vec<f64> = name_words
                .iter()
                .map(|w| (w.x1 - w.x0) * floor / s)
                .collect();
            let detail_room = height / 2.0 - 2.0 * INSET - 2.0 * floor * LINE;
            if lines_needed(&widths, SPACE * floor, room) <= 2 && detail_room >= LINE * CM1 / CAP {
                assert!(
                    s * CAP >= CM2 - 0.05,
                    "{what}: “{}” capitals {:.1} mm tall",
                    person.name,
                    s * CAP / 72.0 * 25.4
                );
            }
        }
    }
}
