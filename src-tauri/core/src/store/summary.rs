//! The Co-Chairs' Summary as the rapporteur edited it: one row per edited
//! section, with the draft the edit was made against.

use super::Store;
use crate::error::Result;
use rusqlite::params;

/// One edited section as kept in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionEdit {
    pub key: String,
    /// What the plan said when the rapporteur last edited or confirmed it.
    pub drafted: String,
    pub edited: String,
}

impl Store {
    pub fn summary_edits(&self) -> Result<Vec<SectionEdit>> {
        self.select(
            "SELECT key, drafted, edited FROM summary_section ORDER BY key",
            [],
            |r| {
                Ok(SectionEdit {
                    key: r.get(0)?,
                    drafted: r.get(1)?,
                    edited: r.get(2)?,
                })
            },
        )
    }

    /// Keeps `edit` as one undoable step, replacing any earlier edit of its section.
    pub fn set_summary_edit(&mut self, edit: &SectionEdit, summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "INSERT INTO summary_section (key, drafted, edited) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET drafted = excluded.drafted, edited = excluded.edited",
                params![edit.key, edit.drafted, edit.edited],
            )?;
            Ok(())
        })
    }

    /// Forgets the edit of section `key`, as one undoable step: the section
    /// reads as the plan drafts it.
    pub fn clear_summary_edit(&mut self, key: &str, summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute("DELETE FROM summary_section WHERE key = ?1", [key])?;
            Ok(())
        })
    }

    /// Sets a session's outcome note as one undoable step.
    pub fn set_outcome(
        &mut self,
        session_id: crate::model::Id,
        outcome: &str,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "UPDATE session SET outcome = ?2 WHERE id = ?1",
                params![session_id, outcome],
            )?;
            Ok(())
        })
    }
}
