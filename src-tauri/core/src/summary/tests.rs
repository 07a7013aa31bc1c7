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
