//! The day at a glance and the room door sheets, printed by `plenary print`
//! and read back with poppler: every session's title is on its day's page,
//! a day of many rooms goes on large sheets, and nothing leaves the page.

mod poppler;

use plenary_core::agenda;
use plenary_core::Store;
use std::path::Path;
use std::process::Command;

fn plenary(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .output()
        .expect("run plenary");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each page's text in poppler's reading order, whitespace squeezed.
fn pages(pdf: &Path) -> Vec<String> {
    poppler::pages(pdf, false)
        .iter()
        .map(|p| squeeze(p))
        .collect()
}

/// Each page's size in points, and whether every word's box is on it.
fn sizes_and_bounds(pdf: &Path) -> Vec<(f64, f64, bool)> {
    poppler::boxes(pdf)
        .into_iter()
        .map(|p| {
            let inside = p
                .words
                .iter()
                .all(|w| w.x0 >= 0.0 && w.y0 >= 0.0 && w.x1 <= p.width && w.y1 <= p.height);
            (p.width, p.height, inside)
        })
        .collect()
}

/// The timed sessions of each day: (day heading, "HH:MM–HH:MM title").
fn timed(plan: &Path) -> Vec<(String, Vec<String>)> {
    let store = Store::open(plan).unwrap();
    agenda::agenda(&store, None)
        .unwrap()
        .days
        .into_iter()
        .map(|d| {
            let lines = d
                .sessions
                .iter()
                .filter_map(|s| {
                    let (a, b) = (s.session.start?, s.session.end?);
                    Some(squeeze(&format!(
                        "{}–{} {}",
                        a.format("%H:%M"),
                        b.format("%H:%M"),
                        s.session.title
                    )))
                })
                .collect();
            (d.date.format("%A %-d %B %Y").to_string(), lines)
        })
        .filter(|(_, l): &(String, Vec<String>)| !l.is_empty())
        .collect()
}

#[test]
fn a_day_at_a_glance_shows_every_session_on_a_landscape_page() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    plenary(&["sample", plan.to_str().unwrap()]);
    for (paper, size) in [("a4", (841.89, 595.28)), ("letter", (792.0, 612.0))] {
        let pdf = dir.path().join(format!("glance-{paper}.pdf"));
        plenary(&[
            "print",
            plan.to_str().unwrap(),
            "glance",
            "--paper",
            paper,
            "--out",
            pdf.to_str().unwrap(),
        ]);
        let days = timed(&plan);
        let text = pages(&pdf);
        assert_eq!(text.len(), days.len(), "{paper}: a page a day");
        for ((heading, sessions), page) in days.iter().zip(&text) {
            assert!(page.starts_with(heading.as_str()), "{paper}: {page}");
            for s in sessions {
                assert!(
                    page.contains(s.as_str()),
                    "{paper}, {heading}: “{s}” in\n{page}"
                );
            }
        }
        for (w, h, inside) in sizes_and_bounds(&pdf) {
            assert!(
                (w - size.0).abs() < 0.1 && (h - size.1).abs() < 0.1,
                "{paper}: {w} × {h}"
            );
            assert!(inside, "{paper}: a word off the page");
        }
    }
}

#[test]
fn a_day_of_many_rooms_prints_on_large_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("big.plenary");
    plenary(&[
        "generate",
        plan.to_str().unwrap(),
        "--sessions",
        "400",
        "--rooms",
        "30",
        "--people",
        "20",
        "--days",
        "2",
    ]);
    for (paper, size) in [("a4", (1190.55, 841.89)), ("letter", (1224.0, 792.0))] {
        let pdf = dir.path().join(format!("glance-{paper}.pdf"));
        plenary(&[
            "print",
            plan.to_str().unwrap(),
            "glance",
            "--paper",
            paper,
            "--out",
            pdf.to_str().unwrap(),
        ]);
        let text = pages(&pdf);
        for (heading, sessions) in timed(&plan) {
            let day: Vec<&String> = text.iter().filter(|p| p.starts_with(&heading)).collect();
            assert!(
                day.len() >= 2,
                "{paper}: {heading} over {} sheets",
                day.len()
            );
            assert!(day[0].contains("Rooms 1–14 of "), "{paper}: {}", day[0]);
            for s in &sessions {
                let on = day.iter().filter(|p| p.contains(s.as_str())).count();
                assert_eq!(on, 1, "{paper}, {heading}: “{s}” once");
            }
        }
        for (w, h, inside) in sizes_and_bounds(&pdf) {
            assert!(
                (w - size.0).abs() < 0.1 && (h - size.1).abs() < 0.1,
                "{paper}: {w} × {h}"
            );
            assert!(inside, "{paper}: a word off the page");
        }
    }
}

#[test]
fn each_room_has_a_door_sheet_for_each_day() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    plenary(&["sample", plan.to_str().unwrap()]);
    let pdf = dir.path().join("doors.pdf");
    plenary(&[
        "print",
        plan.to_str().unwrap(),
        "doors",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = pages(&pdf);
    let store = Store::open(&plan).unwrap();
    let mut sheets = 0;
    for day in agenda::agenda(&store, None).unwrap().days {
        let heading = day.date.format("%A %-d %B %Y").to_string();
        let mut rooms: Vec<&str> = day
            .sessions
            .iter()
            .filter_map(|s| s.room.as_deref())
            .collect();
        rooms.sort();
        rooms.dedup();
        for room in rooms {
            let page = text
                .iter()
                .find(|p| p.starts_with(&format!("{room} {heading}")))
                .unwrap_or_else(|| panic!("a sheet for {room} on {heading}"));
            sheets += 1;
            for s in day
                .sessions
                .iter()
                .filter(|s| s.room.as_deref() == Some(room))
            {
                // A line may break after a hyphen ("Co-" / "Chairs"), which
                // poppler then reads as one word without it ("CoChairs").
                let unhyphenated = |t: &str| t.replace('-', "");
                assert!(
                    unhyphenated(page).contains(&unhyphenated(&squeeze(&s.session.title))),
                    "{room}: {}",
                    s.session.title
                );
            }
        }
    }
    assert_eq!(sheets, text.len(), "one sheet per room per day");
    for (w, h, inside) in sizes_and_bounds(&pdf) {
        assert!(w < h, "portrait");
        assert!(inside, "a word off the page");
    }
}

#[test]
fn a_door_sheet_that_runs_on_names_its_room_and_day_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    plenary(&["sample", plan.to_str().unwrap()]);
    let mut store = Store::open(&plan).unwrap();
    let event = store.events().unwrap()[0].clone();
    let hall = store
        .rooms()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Plenary Hall")
        .unwrap();
    // Thirty short sessions in the evening: more than a page of the door sheet.
    for i in 0..30u32 {
        let start = 17 * 60 + i * 10;
        plenary_core::edit::sessions::create_session(
            &mut store,
            &plenary_core::forms::SessionForm {
                event_id: Some(event.id),
                title: format!("Bilateral meeting {i:02}"),
                kind: plenary_core::model::SessionKind::Discussion,
                day: event.first_day.to_string(),
                start_time: format!("{:02}:{:02}", start / 60, start % 60),
                end_time: format!("{:02}:{:02}", (start + 10) / 60, (start + 10) % 60),
                room_id: Some(hall.id),
                description: String::new(),
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
    let pdf = dir.path().join("doors.pdf");
    plenary(&[
        "print",
        plan.to_str().unwrap(),
        "doors",
        "--day",
        &event.first_day.to_string(),
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = pages(&pdf);
    let heading = event.first_day.format("%A %-d %B %Y").to_string();
    let first = text
        .iter()
        .position(|p| p.starts_with(&format!("Plenary Hall {heading}")))
        .unwrap();
    let next = &text[first + 1];
    assert!(
        next.starts_with(&format!("Plenary Hall · {heading} (continued)")),
        "{next}"
    );
    assert!(text.join(" ").contains("Bilateral meeting 29"));
}
