//! Speaking lists: delegations' turns in a session, in order.

use super::Store;
use crate::error::Result;
use crate::model::{Id, SpeakingSlot};
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

impl Store {
    pub fn speaking_list(&self, session_id: Id) -> Result<Vec<SpeakingSlot>> {
        self.select(
            "SELECT id, session_id, organisation_id, person_id, minutes, position
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
    pub fn set_speaking_list(
        &mut self,
        session_id: Id,
        slots: &[SlotEntry],
        summary: &str,
    ) -> Result<()> {
        self.edit(
            summary,
            |tx| {
                tx.execute(
                    "DELETE FROM speaking_slot WHERE session_id = ?1",
                    [session_id],
                )?;
                let mut st = tx.prepare_cached(
                    "INSERT INTO speaking_slot (session_id, organisation_id, person_id, minutes, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                for (i, s) in slots.iter().enumerate() {
                    st.execute(params![
                        session_id,
                        s.organisation_id,
                        s.person_id,
                        s.minutes,
                        i as i64
                    ])?;
                }
                Ok(())
            },
        )
    }
}
