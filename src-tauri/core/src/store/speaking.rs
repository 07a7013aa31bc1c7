//! Speaking lists: delegations' turns in a session, in order, and when each
//! turn actually ran.

use super::Store;
use crate::error::Result;
use crate::model::{Id, SpeakingSlot};
use chrono::NaiveDateTime;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SlotEntry {
    pub organisation_id: Id,
    pub person_id: Option<Id>,
    pub minutes: u32,
}

/// When one turn began and ended; None clears it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpokeTimes {
    pub slot_id: Id,
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
}

impl Store {
    pub fn speaking_list(&self, session_id: Id) -> Result<Vec<SpeakingSlot>> {
        self.select(
            "SELECT id, session_id, organisation_id, person_id, minutes, position, spoke_start, spoke_end
             FROM speaking_slot WHERE session_id = ?1 ORDER BY position, id",
            [session_id],
            |r| {
                Ok(SpeakingSlot {
                    id: r.get(0)?,
                    session_id: r.get(1)?,
                    organisation_id: r.get(2)?,
                    person_id: r.get(3)?,
                    minutes: r.get(4)?,
                    position: r.get(5)?,
                    spoke_start: r.get(6)?,
                    spoke_end: r.get(7)?,
                })
            },
        )
    }

    /// How many speaking turns each session has.
    pub fn speaking_turn_counts(&self) -> Result<HashMap<Id, usize>> {
        Ok(self
            .select(
                "SELECT session_id, count(*) FROM speaking_slot GROUP BY session_id",
                [],
                |r| Ok((r.get::<_, Id>(0)?, r.get::<_, i64>(1)? as usize)),
            )?
            .into_iter()
            .collect())
    }

    /// Replaces a session's speaking list with `slots`, in order, as one edit.
    /// A delegation already on the list keeps its slot, and so the times it
    /// spoke: a list edited while it runs loses no turn that ran.
    pub fn set_speaking_list(
        &mut self,
        session_id: Id,
        slots: &[SlotEntry],
        summary: &str,
    ) -> Result<()> {
        let mut existing: HashMap<Id, Id> = HashMap::new();
        let mut all = Vec::new();
        for slot in self.speaking_list(session_id)? {
            existing.entry(slot.organisation_id).or_insert(slot.id);
            all.push(slot.id);
        }
        self.edit(summary, |tx| {
            let mut kept = Vec::with_capacity(slots.len());
            for (i, s) in slots.iter().enumerate() {
                match existing.get(&s.organisation_id) {
                    Some(id) => {
                        tx.execute(
                            "UPDATE speaking_slot SET person_id = ?2, minutes = ?3, position = ?4 WHERE id = ?1",
                            params![id, s.person_id, s.minutes, i as i64],
                        )?;
                        kept.push(*id);
                    }
                    None => {
                        tx.execute(
                            "INSERT INTO speaking_slot (session_id, organisation_id, person_id, minutes, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                            params![session_id, s.organisation_id, s.person_id, s.minutes, i as i64],
                        )?;
                    }
                }
            }
            for id in all.iter().filter(|id| !kept.contains(id)) {
                tx.execute("DELETE FROM speaking_slot WHERE id = ?1", [id])?;
            }
            Ok(())
        })
    }

    /// Records when turns began and ended, as one step.
    pub fn set_spoke_times(&mut self, times: &[SpokeTimes], summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            for t in times {
                tx.execute(
                    "UPDATE speaking_slot SET spoke_start = ?2, spoke_end = ?3 WHERE id = ?1",
                    params![t.slot_id, t.start, t.end],
                )?;
            }
            Ok(())
        })
    }
}
