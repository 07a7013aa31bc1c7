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
