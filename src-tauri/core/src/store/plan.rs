//! The plan's own rows: its details, the protocol order settings, and the
//! conflicts users accepted.

use super::{key_at, Store};
use crate::error::Result;
use crate::model::{DateOrder, Id, Plan};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashSet;

/// How lists of delegations are ordered, beyond the event's co-chairs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ProtocolSettings {
    /// Listed before everyone, co-chairs included (the host country).
    pub host_organisation_id: Option<Id>,
    /// Leading words ignored when sorting names ("The", "Republic of").
    pub ignore_words: Vec<String>,
}

pub(super) fn insert_plan(tx: &Transaction, plan: &Plan) -> Result<()> {
    tx.execute(
        concat!("INSERT INTO plan (id, title, convening_body, venue, city, time_zone, first_day, last_day, day_start, day_end, notes, snap_minutes, changeover_minutes, date_order, group_roles, call_minutes, check_panel_gender, uid)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ", new_uid!(), ")"),
        params![
            plan.title,
            plan.convening_body,
            plan.venue,
            plan.city,
            plan.time_zone,
            plan.first_day,
            plan.last_day,
            plan.day_start,
            plan.day_end,
            plan.notes,
            plan.snap_minutes,
            plan.changeover_minutes,
            plan.date_order.key(),
            plan.group_roles,
            plan.call_minutes,
            plan.check_panel_gender
        ],
    )?;
    Ok(())
}

impl Store {
    pub fn plan(&self) -> Result<Plan> {
        Ok(self.conn.query_row(
            "SELECT title, convening_body, venue, city, time_zone, first_day, last_day, day_start, day_end, notes, snap_minutes, changeover_minutes, date_order, group_roles, call_minutes, check_panel_gender FROM plan WHERE id = 1",
            [],
            |r| {
                Ok(Plan {
                    title: r.get(0)?,
                    convening_body: r.get(1)?,
                    venue: r.get(2)?,
                    city: r.get(3)?,
                    time_zone: r.get(4)?,
                    first_day: r.get(5)?,
                    last_day: r.get(6)?,
                    day_start: r.get(7)?,
                    day_end: r.get(8)?,
                    notes: r.get(9)?,
                    snap_minutes: r.get(10)?,
                    changeover_minutes: r.get(11)?,
                    date_order: key_at(r, 12, DateOrder::from_key)?,
                    group_roles: r.get(13)?,
                    call_minutes: r.get(14)?,
                    check_panel_gender: r.get(15)?,
                })
            },
        )?)
    }

    /// Writes the plan's details as one edit, unless an event falls outside
    /// its new days: then nothing is written, and that event's title comes back.
    pub fn update_plan(&mut self, plan: &Plan, summary: &str) -> Result<Option<String>> {
        let done = self.edit_unless(summary, |tx| {
            let outside: Option<String> = tx
                .query_row(
                    "SELECT title FROM event WHERE first_day < ?1 OR last_day > ?2 ORDER BY first_day LIMIT 1",
                    params![plan.first_day, plan.last_day],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(title) = outside {
                return Ok(Err(title));
            }
            tx.execute(
                "UPDATE plan SET title=?1, convening_body=?2, venue=?3, city=?4, time_zone=?5, first_day=?6, last_day=?7, day_start=?8, day_end=?9, notes=?10, snap_minutes=?11, changeover_minutes=?12, date_order=?13, group_roles=?14, call_minutes=?15, check_panel_gender=?16 WHERE id = 1",
                params![plan.title, plan.convening_body, plan.venue, plan.city, plan.time_zone, plan.first_day, plan.last_day, plan.day_start, plan.day_end, plan.notes, plan.snap_minutes, plan.changeover_minutes, plan.date_order.key(), plan.group_roles, plan.call_minutes, plan.check_panel_gender],
            )?;
            Ok(Ok(()))
        })?;
        Ok(done.err())
    }

    pub fn protocol_settings(&self) -> Result<ProtocolSettings> {
        let (host, words): (Option<Id>, String) = self.conn.query_row(
            "SELECT host_organisation_id, ignore_words FROM protocol_setting WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(ProtocolSettings {
            host_organisation_id: host,
            ignore_words: words
                .split('|')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect(),
        })
    }

    /// Saves the protocol settings as one edit; each word is kept as given.
    pub fn set_protocol_settings(
        &mut self,
        settings: &ProtocolSettings,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "UPDATE protocol_setting SET host_organisation_id = ?1, ignore_words = ?2 WHERE id = 1",
                params![settings.host_organisation_id, settings.ignore_words.join("|")],
            )?;
            Ok(())
        })
    }

    pub fn accepted_conflicts(&self) -> Result<HashSet<String>> {
        Ok(self
            .select("SELECT key FROM accepted_conflict", [], |r| {
                r.get::<_, String>(0)
            })?
            .into_iter()
            .collect())
    }

    pub fn set_conflict_accepted(
        &mut self,
        key: &str,
        accepted: bool,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            if accepted {
                tx.execute(
                    "INSERT OR IGNORE INTO accepted_conflict (key) VALUES (?1)",
                    [key],
                )?;
            } else {
                tx.execute("DELETE FROM accepted_conflict WHERE key = ?1", [key])?;
            }
            Ok(())
        })
    }
}
