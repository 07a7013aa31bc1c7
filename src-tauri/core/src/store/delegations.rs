//! Who takes part in each event: participating organisations, co-chairs and co-hosts.

use super::{key_of, Store};
use crate::error::Result;
use crate::model::{Cohost, EventCochair, Id, Participation, ParticipationStatus};
use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CochairEntry {
    pub organisation_id: Id,
    pub person_id: Option<Id>,
    pub role_label: String,
    /// Set when this person chairs on that day only.
    pub day: Option<NaiveDate>,
}

impl Store {
    /// Replaces an event's co-chairs with `rows`, in order, as one edit.
    pub fn set_cochairs(
        &mut self,
        event_id: Id,
        rows: &[CochairEntry],
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute("DELETE FROM event_cochair WHERE event_id = ?1", [event_id])?;
            let mut st = tx.prepare_cached(
                "INSERT INTO event_cochair (event_id, organisation_id, person_id, role_label, day, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (i, r) in rows.iter().enumerate() {
                st.execute(params![
                    event_id,
                    r.organisation_id,
                    r.person_id,
                    r.role_label,
                    r.day,
                    i as i64
                ])?;
            }
            Ok(())
        })
    }

    /// Replaces the co-hosts of an event (`session_id` None) or of one of its
    /// sessions, as one edit.
    pub fn set_cohosts(
        &mut self,
        event_id: Id,
        session_id: Option<Id>,
        organisations: &[Id],
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "DELETE FROM cohost WHERE event_id = ?1 AND session_id IS ?2",
                params![event_id, session_id],
            )?;
            let mut seen = std::collections::HashSet::new();
            for o in organisations.iter().filter(|o| seen.insert(**o)) {
                tx.execute(
                    "INSERT INTO cohost (event_id, session_id, organisation_id) VALUES (?1, ?2, ?3)",
                    params![event_id, session_id, o],
                )?;
            }
            Ok(())
        })
    }

    /// Sets how `organisation_id` takes part in an event, or with `None`
    /// removes it from the event (its people stay registered), as one edit.
    pub fn set_participation(
        &mut self,
        event_id: Id,
        organisation_id: Id,
        status: Option<ParticipationStatus>,
        level: &str,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            match status {
                Some(s) => {
                    tx.execute(
                        "INSERT INTO participation (event_id, organisation_id, status, level) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (event_id, organisation_id) DO UPDATE SET status = excluded.status, level = excluded.level",
                        params![event_id, organisation_id, s.key(), level],
                    )?;
                }
                None => {
                    tx.execute(
                        "DELETE FROM participation WHERE event_id = ?1 AND organisation_id = ?2",
                        [event_id, organisation_id],
                    )?;
                }
            }
            Ok(())
        })
    }

    /// Adds co-chairs in one transaction, outside the undo history.
    pub fn insert_cochairs(&mut self, rows: &[EventCochair]) -> Result<()> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO event_cochair (event_id, organisation_id, person_id, role_label, day, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for c in rows {
                st.execute(params![
                    c.event_id,
                    c.organisation_id,
                    c.person_id,
                    c.role_label,
                    c.day,
                    c.position
                ])?;
            }
            Ok(())
        })
    }

    pub fn cochairs(&self) -> Result<Vec<EventCochair>> {
        self.select("SELECT id, event_id, organisation_id, person_id, role_label, day, position FROM event_cochair ORDER BY event_id, position, id", [], |r| {
            Ok(EventCochair {
                id: r.get(0)?,
                event_id: r.get(1)?,
                organisation_id: r.get(2)?,
                person_id: r.get(3)?,
                role_label: r.get(4)?,
                day: r.get(5)?,
                position: r.get(6)?,
            })
        })
    }

    /// Adds co-hosts in one transaction, outside the undo history.
    pub fn insert_cohosts(&mut self, rows: &[Cohost]) -> Result<()> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO cohost (event_id, session_id, organisation_id) VALUES (?1, ?2, ?3)",
            )?;
            for c in rows {
                st.execute(params![c.event_id, c.session_id, c.organisation_id])?;
            }
            Ok(())
        })
    }

    pub fn cohosts(&self) -> Result<Vec<Cohost>> {
        self.select(
            "SELECT id, event_id, session_id, organisation_id FROM cohost ORDER BY event_id, id",
            [],
            |r| {
                Ok(Cohost {
                    id: r.get(0)?,
                    event_id: r.get(1)?,
                    session_id: r.get(2)?,
                    organisation_id: r.get(3)?,
                })
            },
        )
    }

    /// Adds participations in one transaction, outside the undo history.
    pub fn insert_participations(&mut self, rows: &[Participation]) -> Result<()> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO participation (event_id, organisation_id, status, level) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for p in rows {
                st.execute(params![p.event_id, p.organisation_id, p.status.key(), p.level])?;
            }
            Ok(())
        })
    }

    pub fn participations(&self) -> Result<Vec<Participation>> {
        self.select("SELECT id, event_id, organisation_id, status, level FROM participation ORDER BY event_id, id", [], |r| {
            Ok(Participation {
                id: r.get(0)?,
                event_id: r.get(1)?,
                organisation_id: r.get(2)?,
                status: key_of(r.get(3)?, ParticipationStatus::from_key, 3)?,
                level: r.get(4)?,
            })
        })
    }
}
