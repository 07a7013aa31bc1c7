//! The Co-Chairs' Summary: drafted from the plan (`draft`), kept as the
//! rapporteur edited it (one row per edited section, with the draft the edit
//! was made against), and written as Word (`docx`), Markdown (`markdown`)
//! and PDF (through the print layout).
//!
//! An edit is never overwritten: when the plan now drafts a section
//! differently from the draft its edit was made against, the section is
//! `PlanChanged` and offers both until the rapporteur takes one.

pub mod docx;
mod draft;
pub mod export;
pub mod markdown;
pub mod markup;
pub mod words;

use crate::error::{CoreError, Result};
use crate::model::Id;
use crate::roster::ParticipantGroup;
use crate::store::{SectionEdit, Store};
use serde::{Deserialize, Serialize};
use specta::Type;

pub use draft::{
    annex, attendance, draft, Attendance, AttendanceGroup, AttendanceSource, DraftSection,
    OutcomeNote,
};

/// Where a section's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SectionState {
    /// As the plan drafts it; follows the plan.
    Drafted,
    /// As the rapporteur wrote it; the plan says what it said then.
    Edited,
    /// Edited, and the plan now drafts it differently: both are offered.
    PlanChanged,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SummarySection {
    /// Stable: "opening", "attendance", "event:<uid>", "closing".
    pub key: String,
    /// Blank for the opening and attendance paragraphs.
    pub heading: String,
    /// What the plan drafts now, in markup (`markup`).
    pub drafted: String,
    /// The rapporteur's text, when edited.
    pub edited: Option<String>,
    /// When `PlanChanged`: what the plan drafted when the edit was made.
    pub drafted_before: Option<String>,
    pub state: SectionState,
    /// What prints: the edited text, else the draft.
    pub text: String,
    /// `text` as the window shows it: its paragraphs, each as runs
    /// (`markup::runs`), so the window never reads markup itself.
    pub paragraphs: Vec<Vec<markup::Run>>,
    /// `drafted` likewise, for showing the plan's text beside an edit.
    pub drafted_paragraphs: Vec<Vec<markup::Run>>,
    /// The event's substantive sessions, whose outcome notes feed the draft.
    pub sessions: Vec<OutcomeNote>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Summary {
    /// "Co-Chairs' Summary".
    pub title: String,
    /// The plan's title.
    pub meeting: String,
    /// "Bangkok, 18–20 November 2024".
    pub place_and_dates: String,
    pub source: AttendanceSource,
    pub sections: Vec<SummarySection>,
    /// The list of participants for the week, grouped as the printed list.
    pub annex: Vec<ParticipantGroup>,
    /// "[Rapporteur: …]" marks left in the text that prints.
    pub placeholders: u32,
}

pub const TITLE: &str = "Co-Chairs' Summary";

/// The summary as it stands: the plan's draft merged with the kept edits.
pub fn summary(store: &Store, source: AttendanceSource) -> Result<Summary> {
    let plan = store.plan()?;
    let drafted = draft(store, source)?;
    let edits = store.summary_edits()?;
    let sections: Vec<SummarySection> = drafted
        .into_iter()
        .map(|d| {
            let edit = edits.iter().find(|e| e.key == d.key);
            let (state, edited, before) = match edit {
                None => (SectionState::Drafted, None, None),
                Some(e) if e.drafted == d.text => {
                    (SectionState::Edited, Some(e.edited.clone()), None)
                }
                Some(e) => (
                    SectionState::PlanChanged,
                    Some(e.edited.clone()),
                    Some(e.drafted.clone()),
                ),
            };
            let text = edited.clone().unwrap_or_else(|| d.text.clone());
            SummarySection {
                paragraphs: runs_of(&text),
                drafted_paragraphs: runs_of(&d.text),
                text,
                key: d.key,
                heading: d.heading,
                drafted: d.text,
                edited,
                drafted_before: before,
                state,
                sessions: d.sessions,
            }
        })
        .collect();
    let placeholders = sections
        .iter()
        .map(|s| s.text.matches(markup::PLACEHOLDER_OPEN).count() as u32)
        .sum();
    Ok(Summary {
        title: TITLE.to_string(),
        meeting: plan.title.clone(),
        place_and_dates: words::place_and_dates(&plan.city, plan.first_day, plan.last_day),
        source,
        annex: draft::annex(store, source)?,
        sections,
        placeholders,
    })
}

fn runs_of(text: &str) -> Vec<Vec<markup::Run>> {
    markup::paragraphs(text)
        .iter()
        .map(|p| markup::runs(p))
        .collect()
}

fn section(store: &Store, source: AttendanceSource, key: &str) -> Result<DraftSection> {
    draft(store, source)?
        .into_iter()
        .find(|d| d.key == key)
        .ok_or_else(|| {
            CoreError::invalid(
                "section",
                format!("The summary has no section “{key}”; it may belong to an event that was deleted."),
            )
        })
}

fn name_of(d: &DraftSection) -> String {
    match (d.key.as_str(), d.heading.as_str()) {
        ("opening", _) => "the opening paragraph".into(),
        ("attendance", _) => "the attendance paragraph".into(),
        (_, "") => "a section".into(),
        (_, h) => format!("“{h}”"),
    }
}

/// Keeps the rapporteur's `text` for section `key` as one undoable step.
/// Text equal to the plan's draft is no edit: the section follows the plan again.
pub fn save_section(
    store: &mut Store,
    source: AttendanceSource,
    key: &str,
    text: &str,
) -> Result<()> {
    let d = section(store, source, key)?;
    let text = markup::normalise(&crate::forms::long_text("text", "The section", text)?);
    let summary = format!("Edited {} of the summary", name_of(&d));
    if text == d.text || text.is_empty() {
        return store.clear_summary_edit(key, &summary);
    }
    store.set_summary_edit(
        &SectionEdit {
            key: key.to_string(),
            drafted: d.text,
            edited: text,
        },
        &summary,
    )
}

/// Drops the edit of section `key`: it reads as the plan drafts it now.
pub fn take_draft(store: &mut Store, source: AttendanceSource, key: &str) -> Result<()> {
    let d = section(store, source, key)?;
    store.clear_summary_edit(
        key,
        &format!("Took the plan's text for {} of the summary", name_of(&d)),
    )
}

/// Keeps the edit of section `key` against what the plan drafts now, so it
/// is no longer offered beside the new draft.
pub fn keep_edit(store: &mut Store, source: AttendanceSource, key: &str) -> Result<()> {
    let d = section(store, source, key)?;
    let Some(edit) = store.summary_edits()?.into_iter().find(|e| e.key == key) else {
        return Ok(());
    };
    store.set_summary_edit(
        &SectionEdit {
            drafted: d.text.clone(),
            ..edit
        },
        &format!("Kept the edited text for {} of the summary", name_of(&d)),
    )
}

/// Writes a session's outcome note (the substance the summary drafts from)
/// as one undoable step.
pub fn set_outcome(store: &mut Store, session_id: Id, outcome: &str) -> Result<()> {
    let s = store.session(session_id)?;
    let outcome = crate::forms::long_text("outcome", "The outcome", outcome)?;
    if outcome == s.outcome {
        return Ok(());
    }
    store.set_outcome(session_id, &outcome, &format!("Outcome of “{}”", s.title))
}

#[cfg(test)]
mod tests;
