//! The print pack read as a protocol officer reads it, before it goes to a
//! head of delegation: every document of the sample week and of a stress
//! plan (every UN member state and observer, their French and Spanish
//! names from the iso-codes list, long names in many scripts, a
//! 300-character title, a block taller than a page, a tour de table of 195
//! delegations), at A4 and US Letter, read back with poppler:
//! nothing outside the printable area, every name and title present, a
//! stamp and a heading on every page, no heading alone at a page's foot.

mod poppler;

use plenary_core::edit;
use plenary_core::forms::{OrganisationForm, PersonForm, RoomForm, SessionForm};
use plenary_core::model::{Id, ParticipationStatus, RegistrationStatus, RoleKind, SessionKind};
use plenary_core::store::{CochairEntry, RoleEntry, SlotEntry};
use plenary_core::Store;
use poppler::Page;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn plenary(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .output()
        .expect("run plenary");
    assert!(
        o.status.success(),
        "plenary {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// The 193 member states and two observer states, by their UN short names.
fn un_states() -> Vec<String> {
    fixture("un-member-states.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// French and Spanish names by English name, from Debian's iso-codes.
fn iso_names() -> HashMap<String, (String, String)> {
    fixture("iso-3166-1-names.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            // Code, then name and official name in English, French, Spanish.
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 7).then(|| (f[1].to_string(), (f[3].to_string(), f[5].to_string())))
        })
        .collect()
}

struct LongName {
    honorific: String,
    given: String,
    family: String,
    position: String,
    organisation: String,
}

fn long_names() -> Vec<LongName> {
    fixture("long-names.tsv")
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            LongName {
                honorific: f[0].into(),
                given: f[1].into(),
                family: f[2].into(),
                position: f[3].into(),
                organisation: f[4].into(),
            }
        })
        .collect()
}

fn session(
    store: &mut Store,
    event: Id,
    title: &str,
    day: &str,
    times: (&str, &str),
    room: Option<Id>,
    description: &str,
) -> Id {
    edit::sessions::create_session(
        store,
        &SessionForm {
            event_id: Some(event),
            title: title.into(),
            kind: SessionKind::Panel,
            day: day.into(),
            start_time: times.0.into(),
            end_time: times.1.into(),
            room_id: room,
            description: description.into(),
            agenda_item: String::new(),
            outcome: String::new(),
            notes: String::new(),
            tentative: false,
            link: String::new(),
        },
    )
    .unwrap()
    .id
}

fn role(role: RoleKind, person: Id) -> RoleEntry {
    RoleEntry {
        role,
        person_id: Some(person),
        organisation_id: None,
        note: String::new(),
        tentative: false,
        presence: Default::default(),
    }
}

/// What the stress plan holds that every print must show.
struct Stress {
    plan: PathBuf,
    /// Every state's name, and each delegate's family name.
    states: Vec<String>,
    delegates: Vec<String>,
    long_title: String,
}

/// The sample week, and on its Annual Meeting: every UN member state and
/// observer as a member with one delegate (the position in French or
/// Spanish), the long names in many scripts, a 300-character title, a
/// panel of 60 that cannot fit on one page, and a tour de table of every
/// delegation.
fn stress_plan(dir: &Path) -> Stress {
    let plan = dir.join("stress.plenary");
    plenary(&["sample", plan.to_str().unwrap()]);
    let mut store = Store::open(&plan).unwrap();
    let event = store.events().unwrap()[1].clone();
    let day = event.first_day.to_string();
    let mut orgs: HashMap<String, Id> = store
        .organisations()
        .unwrap()
        .into_iter()
        .map(|o| (o.name.clone(), o.id))
        .collect();
    let iso = iso_names();
    let given = [
        "Amina", "Jean", "Sione", "Leilani", "Tomás", "Ngozi", "Pham", "Oksana", "Rahul", "Siosaia",
    ];
    let mut delegates = Vec::new();
    let mut delegate_ids = Vec::new();
    let states = un_states();
    for (i, name) in states.iter().enumerate() {
        let org = match orgs.get(name) {
            Some(id) => *id,
            None => {
                let id = edit::organisations::create_organisation(
                    &mut store,
                    &OrganisationForm {
                        name: name.clone(),
                        category: "member_state".into(),
                        ..Default::default()
                    },
                )
                .unwrap()
                .id;
                orgs.insert(name.clone(), id);
                id
            }
        };
        edit::delegations::set_participation(
            &mut store,
            event.id,
            org,
            Some(ParticipationStatus::Member),
            "",
        )
        .unwrap();
        let (fr, es) = iso.get(name).cloned().unwrap_or_default();
        let position = if i % 2 == 0 && !fr.is_empty() {
            format!("Chef de la délégation — {fr}")
        } else if !es.is_empty() {
            format!("Jefe de la delegación — {es}")
        } else {
            "Head of Delegation".to_string()
        };
        let family = format!("Delegate{i:03}");
        let person = edit::people::create_person(
            &mut store,
            &PersonForm {
                honorific: if i % 2 == 0 { "Ms".into() } else { "Mr".into() },
                given_name: given[i % given.len()].into(),
                family_name: family.clone(),
                position,
                organisation_id: Some(org),
                ..Default::default()
            },
        )
        .unwrap();
        edit::attendance::set_registration(
            &mut store,
            event.id,
            person.id,
            Some(RegistrationStatus::Confirmed),
            "Head of delegation",
        )
        .unwrap();
        delegates.push(family);
        delegate_ids.push((org, person.id));
    }
    let mut long_ids = Vec::new();
    for n in long_names() {
        let org = orgs[&n.organisation];
        let person = edit::people::create_person(
            &mut store,
            &PersonForm {
                honorific: n.honorific,
                given_name: n.given,
                family_name: n.family,
                position: n.position,
                organisation_id: Some(org),
                ..Default::default()
            },
        )
        .unwrap();
        edit::attendance::set_registration(
            &mut store,
            event.id,
            person.id,
            Some(RegistrationStatus::Confirmed),
            "Delegate",
        )
        .unwrap();
        long_ids.push(person.id);
    }
    let hall = edit::rooms::create_room(
        &mut store,
        &RoomForm {
            name: "Sala de Conferencias Plenarias «Ramón Magsaysay» y Salón de Banquetes".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let long_title = format!(
        "{} end",
        "Strengthening regional cooperation on the identification, protection and return of victims of trafficking in persons, "
            .repeat(3)
    )
    .chars()
    .take(296)
    .collect::<String>()
        + " end";
    let titled = session(
        &mut store,
        event.id,
        &long_title,
        &day,
        ("14:00", "14:30"),
        Some(hall),
        "",
    );
    edit::roles::set_session_roles(
        &mut store,
        titled,
        &long_ids
            .iter()
            .map(|p| role(RoleKind::Speaker, *p))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let panel = session(
        &mut store,
        event.id,
        "Panel of sixty: every delegation's experience of online scam centres",
        &day,
        ("14:30", "16:00"),
        Some(hall),
        &"Each panellist speaks for one minute on what their government has learnt. ".repeat(40),
    );
    edit::roles::set_session_roles(
        &mut store,
        panel,
        &delegate_ids
            .iter()
            .take(60)
            .map(|(_, p)| role(RoleKind::Panellist, *p))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let tour = session(
        &mut store,
        event.id,
        "Tour de table of all delegations",
        &day,
        ("16:00", "23:00"),
        Some(hall),
        "",
    );
    plenary_core::speaking::set_speaking_list(
        &mut store,
        tour,
        &delegate_ids
            .iter()
            .map(|(o, p)| SlotEntry {
                organisation_id: *o,
                person_id: Some(*p),
                minutes: 2,
            })
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let mut chairs = vec![CochairEntry {
        organisation_id: orgs["Australia"],
        person_id: None,
        role_label: "Senior Official Co-Chair".into(),
        day: None,
    }];
    chairs.push(CochairEntry {
        organisation_id: orgs["Indonesia"],
        person_id: long_ids.iter().copied().nth(13),
        role_label: "Senior Official Co-Chair".into(),
        day: None,
    });
    edit::delegations::set_cochairs(&mut store, event.id, &chairs).unwrap();
    Stress {
        plan,
        states,
        delegates,
        long_title,
    }
}

/// Each page's text, line by line as laid out.
fn layout_pages(pdf: &Path) -> Vec<Vec<String>> {
    poppler::pages(pdf, true)
        .iter()
        .map(|p| {
            p.lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect()
        })
        .collect()
}

/// The words of `name` appear in `words` in their order, a few of the
/// next cells' words between them at most.
fn in_order(words: &[&str], name: &str) -> bool {
    let name: Vec<&str> = name.split_whitespace().collect();
    let Some(first) = name.first() else {
        return true;
    };
    (0..words.len())
        .filter(|i| words[*i] == *first)
        .any(|start| {
            let mut at = start + 1;
            name.iter().skip(1).all(|w| {
                let window = words.get(at..(at + 12).min(words.len())).unwrap_or(&[]);
                match window.iter().position(|x| x == w) {
                    Some(i) => {
                        at += i + 1;
                        true
                    }
                    None => false,
                }
            })
        })
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

const MM: f64 = 72.0 / 25.4;
const EDGE: f64 = 8.0 * MM;

/// Where nothing may print: closer than 8 mm to any edge of the sheet
/// (office printers do not reach the last 4–6.4 mm).
fn inside_the_printable_area(name: &str, pages: &[Page]) {
    for (i, p) in pages.iter().enumerate() {
        for w in &p.words {
            assert!(
                w.x0 >= EDGE - 0.5
                    && w.y0 >= EDGE - 0.5
                    && w.x1 <= p.width - EDGE + 0.5
                    && w.y1 <= p.height - EDGE + 0.5,
                "{name}, page {}: “{}” at ({:.0}, {:.0})–({:.0}, {:.0}) pt is outside the printable area of a {:.0} × {:.0} pt page",
                i + 1,
                w.text,
                w.x0,
                w.y0,
                w.x1,
                w.y1,
                p.width,
                p.height
            );
        }
    }
}

/// Every page carries the stamp with "Page X of Y".
fn stamped(name: &str, pages: &[Vec<String>]) {
    let n = pages.len();
    for (i, p) in pages.iter().enumerate() {
        let footer = format!("Page {} of {n}", i + 1);
        assert!(
            p.iter().any(|l| l.contains(&footer)),
            "{name}, page {}: no “{footer}”: {:?}",
            i + 1,
            p.last()
        );
    }
}

/// The last line above the footer is not a heading left alone.
fn no_heading_at_a_foot(name: &str, pages: &[Vec<String>], headings: &[String]) {
    for (i, p) in pages.iter().enumerate().take(pages.len().saturating_sub(1)) {
        let body: Vec<&String> = p
            .iter()
            .filter(|l| !l.contains(" of ") || !l.contains("Page "))
            .collect();
        if let Some(last) = body.last() {
            assert!(
                !headings.iter().any(|h| last.as_str() == h
                    || last.starts_with(&format!("{h} ")) && last.len() < h.len() + 14),
                "{name}, page {}: the heading “{last}” is alone at the foot of the page",
                i + 1
            );
            assert!(
                !last.ends_with("in parallel"),
                "{name}, page {}: the heading “{last}” is alone at the foot of the page",
                i + 1
            );
        }
    }
}

/// The programme's pages each begin with their day: its heading, or the
/// day "(continued)".
fn each_page_names_its_day(name: &str, pages: &[Vec<String>], days: &[String]) {
    for (i, p) in pages.iter().enumerate() {
        // The first page has the title block above its first day.
        let take = if i == 0 { p.len() } else { 3 };
        let top: String = p.iter().take(take).cloned().collect::<Vec<_>>().join("\n");
        assert!(
            days.iter().any(|d| top.contains(d.as_str())),
            "{name}, page {}: no day heading at its top:\n{top}",
            i + 1
        );
    }
}

fn print(plan: &Path, out: &Path, args: &[&str]) -> String {
    let mut all = vec!["print", plan.to_str().unwrap()];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().unwrap()]);
    plenary(&all)
}

const DAYS: [&str; 3] = [
    "Monday 18 November 2024",
    "Tuesday 19 November 2024",
    "Wednesday 20 November 2024",
];

const GROUPS: [&str; 9] = [
    "Co-Chairs",
    "Members",
    "Observers",
    "Guests",
    "International organisations",
    "Civil society",
    "Private sector",
    "Programmes, workstreams and other bodies",
    "Secretariat",
];

/// Every document, at both papers, of one plan: (name, arguments).
fn documents() -> Vec<(String, Vec<String>)> {
    let mut docs = Vec::new();
    for paper in ["a4", "letter"] {
        let p = |args: &[&str]| {
            let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            v.extend(["--paper".to_string(), paper.to_string()]);
            v
        };
        docs.push((format!("programme-{paper}"), p(&["programme"])));
        docs.push((
            format!("changes-{paper}"),
            p(&["programme", "--changes-since", "1"]),
        ));
        docs.push((format!("glance-{paper}"), p(&["glance"])));
        docs.push((format!("doors-{paper}"), p(&["doors"])));
        docs.push((
            format!("report-{paper}"),
            p(&["report", "--day", "2024-11-19"]),
        ));
        docs.push((
            format!("run-of-show-{paper}"),
            p(&["programme", "--variant", "internal"]),
        ));
        docs.push((
            format!("day-2-{paper}"),
            p(&["programme", "--day", "2024-11-19"]),
        ));
        docs.push((
            format!("participants-{paper}"),
            p(&["participants", "--event", "Annual Meeting"]),
        ));
        docs.push((format!("speakers-{paper}"), p(&["speakers"])));
        docs.push((
            format!("namecards-{paper}"),
            p(&["namecards", "--event", "Annual Meeting"]),
        ));
        docs.push((
            format!("person-cards-{paper}"),
            p(&["namecards", "--event", "Annual Meeting", "--per-person"]),
        ));
    }
    docs
}

/// A printed document read back: its name, word boxes, lines and text.
type Read = (String, Vec<Page>, Vec<Vec<String>>, String);

fn read_everything(plan: &Path, dir: &Path) -> Vec<Read> {
    // A published version, then a change, for the change marks.
    let first = dir.join("version-1.pdf");
    print(plan, &first, &["programme", "--publish", "--force"]);
    plenary(&[
        "move",
        plan.to_str().unwrap(),
        "Opening and adoption of the agenda",
        "--to",
        "2024-11-19 08:30",
    ]);
    documents()
        .into_iter()
        .map(|(name, args)| {
            let pdf = dir.join(format!("{name}.pdf"));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            print(plan, &pdf, &args);
            let raw = Command::new("pdftotext")
                .args([pdf.to_str().unwrap(), "-"])
                .output()
                .unwrap();
            let text = String::from_utf8(raw.stdout).unwrap();
            (name, poppler::boxes(&pdf), layout_pages(&pdf), text)
        })
        .collect()
}

fn common_checks(name: &str, pages: &[Page], lines: &[Vec<String>]) {
    assert!(!pages.is_empty(), "{name}: no pages");
    inside_the_printable_area(name, pages);
    if name.starts_with("speakers") {
        // Each briefing counts its own pages.
        for (i, p) in lines.iter().enumerate() {
            assert!(
                p.iter().any(|l| l.contains("Page ") && l.contains(" of ")),
                "{name}, page {}: no page number",
                i + 1
            );
        }
    } else if !name.contains("cards") {
        stamped(name, lines);
        let headings: Vec<String> = DAYS
            .iter()
            .chain(GROUPS.iter())
            .map(|s| s.to_string())
            .collect();
        no_heading_at_a_foot(name, lines, &headings);
    }
    if ["programme", "run-of-show", "day-", "changes"]
        .iter()
        .any(|p| name.starts_with(p))
    {
        let days: Vec<String> = DAYS.iter().map(|s| s.to_string()).collect();
        each_page_names_its_day(name, lines, &days);
    }
}

#[test]
fn every_document_of_the_sample_week_reads_right_at_a4_and_letter() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    plenary(&["sample", plan.to_str().unwrap()]);
    let store = Store::open(&plan).unwrap();
    let titles: Vec<String> = store
        .sessions()
        .unwrap()
        .into_iter()
        .filter(|s| s.start.is_some())
        .map(|s| s.title)
        .collect();
    drop(store);
    for (name, pages, lines, text) in read_everything(&plan, dir.path()) {
        common_checks(&name, &pages, &lines);
        if name.starts_with("programme") || name.starts_with("run-of-show") {
            let flat = squeeze(&text);
            for t in &titles {
                assert!(flat.contains(&squeeze(t)), "{name}: “{t}” is printed");
            }
        }
    }
}

#[test]
fn every_document_of_a_stress_plan_reads_right_at_a4_and_letter() {
    let dir = tempfile::tempdir().unwrap();
    // PRINT_QUALITY_KEEP=1 keeps the plan and its PDFs, to look at them.
    let path = dir.path().to_path_buf();
    if std::env::var_os("PRINT_QUALITY_KEEP").is_some() {
        eprintln!("kept in {}", dir.keep().display());
    }
    let stress = stress_plan(&path);
    for (name, pages, lines, text) in read_everything(&stress.plan, &path) {
        common_checks(&name, &pages, &lines);
        let flat = squeeze(&text);
        let must: Vec<&String> =
            if name.starts_with("participants") || name.starts_with("namecards") {
                stress.states.iter().collect()
            } else if name.starts_with("person-cards") {
                stress.delegates.iter().collect()
            } else if name.starts_with("run-of-show") {
                // The tour de table names every delegation.
                stress.states.iter().chain([&stress.long_title]).collect()
            } else if name.starts_with("doors") || name.starts_with("report") {
                vec![&stress.long_title]
            } else if name.starts_with("glance") {
                Vec::new()
            } else if ["programme", "day-", "changes"]
                .iter()
                .any(|p| name.starts_with(p))
            {
                // The panel of sixty, whole, and the longest title.
                stress
                    .delegates
                    .iter()
                    .take(60)
                    .chain([&stress.long_title])
                    .collect()
            } else {
                stress.delegates.iter().take(60).collect()
            };
        let words: Vec<&str> = text.split_whitespace().collect();
        for m in must {
            // A name wrapped in a table cell has the next cell's words
            // between its own in the text's order.
            assert!(
                flat.contains(&squeeze(m)) || in_order(&words, m),
                "{name}: “{m}” is printed"
            );
        }
    }
}

/// The first page of each document of the sample week, as the README shows
/// it (`docs/print-*.png`), without the footer's stamp, which carries the
/// time of printing. `make print-images` writes them again.
#[test]
fn the_readme_shows_the_pages_as_they_print_now() {
    let update = std::env::var_os("PLENARY_UPDATE_PRINT_IMAGES").is_some();
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    plenary(&["sample", plan.to_str().unwrap()]);
    let docs: [(&str, &[&str]); 5] = [
        ("programme", &["programme", "--day", "2024-11-18"]),
        (
            "run-of-show",
            &["programme", "--day", "2024-11-19", "--variant", "internal"],
        ),
        ("participants", &["participants"]),
        ("speakers", &["speakers"]),
        ("namecards", &["namecards"]),
    ];
    let docs_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut stale = Vec::new();
    for (name, args) in docs {
        let pdf = dir.path().join(format!("{name}.pdf"));
        print(&plan, &pdf, args);
        let stem = dir.path().join(name);
        let o = Command::new("pdftoppm")
            .args(["-png", "-r", "45", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf)
            .arg(&stem)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "pdftoppm: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let png = dir.path().join(format!("{name}-top.png"));
        let o = Command::new("convert")
            .arg(stem.with_extension("png"))
            .args(["-crop", "100%x88%+0+0", "+repage", "-strip"])
            .arg(&png)
            .output()
            .expect("ImageMagick is installed");
        assert!(
            o.status.success(),
            "convert: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let shown = docs_dir.join(format!("print-{name}.png"));
        if update {
            std::fs::copy(&png, &shown).unwrap();
            continue;
        }
        let o = Command::new("compare")
            .args(["-metric", "AE", "-fuzz", "10%"])
            .arg(&png)
            .arg(&shown)
            .arg("null:")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&o.stderr).into_owned();
        match said
            .split_whitespace()
            .next()
            .and_then(|n| n.parse::<f64>().ok())
        {
            Some(differ) if differ <= 50.0 => {}
            Some(differ) => stale.push(format!("{} ({differ} pixels differ)", shown.display())),
            None => stale.push(format!("{} ({})", shown.display(), said.trim())),
        }
    }
    assert!(
        stale.is_empty(),
        "the README's print images are stale; run `make print-images`: {stale:?}"
    );
}
