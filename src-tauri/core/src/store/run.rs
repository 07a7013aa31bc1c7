//! What happened while the meeting ran, kept apart from what was planned:
//! a session's actual start and end, its cancellation, and who replaced
//! the person in a role.

use super::Store;
use crate::error::Result;
use crate::model::Id;
use chrono::NaiveDateTime;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// A session as it ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SessionRun {
    pub session_id: Id,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_end: Option<NaiveDateTime>,
    /// Kept in the plan, marked: a cancelled session prints as cancelled.
    pub cancelled: bool,
}

/// One role's people: (role id, its holder, who replaced them).
pub type Taker = (Id, Option<Id>, Option<Id>);

impl Store {
    /// Every session that started, ended or was cancelled, by session id.
    pub fn session_runs(&self) -> Result<HashMap<Id, SessionRun>> {
        Ok(self
            .select(
                "SELECT id, actual_start, actual_end, cancelled FROM session
                 WHERE actual_start IS NOT NULL OR actual_end IS NOT NULL OR cancelled <> 0",
                [],
                |r| {
                    Ok(SessionRun {
                        session_id: r.get(0)?,
                        actual_start: r.get(1)?,
                        actual_end: r.get(2)?,
                        cancelled: r.get(3)?,
                    })
                },
            )?
            .into_iter()
            .map(|run| (run.session_id, run))
            .collect())
    }

    /// Records when a session actually started and ended, as one step.
    pub fn set_actual_times(
        &mut self,
        session_id: Id,
        start: Option<NaiveDateTime>,
        end: Option<NaiveDateTime>,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "UPDATE session SET actual_start = ?2, actual_end = ?3 WHERE id = ?1",
                params![session_id, start, end],
            )?;
            Ok(())
        })
    }

    /// Marks a session cancelled (or not), as one step.
    pub fn set_cancelled(&mut self, session_id: Id, cancelled: bool, summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "UPDATE session SET cancelled = ?2 WHERE id = ?1",
                params![session_id, cancelled],
            )?;
            Ok(())
        })
    }

    /// Who replaced the holder of each role that was substituted, by role id.
    pub fn replacements(&self) -> Result<HashMap<Id, Id>> {
        Ok(self
            .select(
                "SELECT id, replaced_by FROM session_role WHERE replaced_by IS NOT NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .into_iter()
            .collect())
    }

    /// Sets (or clears) who replaces the holder of role `role_id`, as one step.
    pub fn set_replaced_by(
        &mut self,
        role_id: Id,
        person_id: Option<Id>,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "UPDATE session_role SET replaced_by = ?2 WHERE id = ?1",
                params![role_id, person_id],
            )?;
            Ok(())
        })
    }

    /// Who takes each role of one session, in the session's order.
    pub fn session_takers(&self, session_id: Id) -> Result<Vec<Taker>> {
        self.select(
            "SELECT id, person_id, replaced_by FROM session_role
             WHERE session_id = ?1 ORDER BY position, id",
            [session_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// One substitution in a session, as one step: each role's new
    /// `replaced_by` (None gives it back to its holder), and the session's
    /// speaking-list turns of `from` moved to `to`.
    pub fn substitute(
        &mut self,
        session_id: Id,
        roles: &[(Id, Option<Id>)],
        from: Id,
        to: Id,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            for (role_id, by) in roles {
                tx.execute(
                    "UPDATE session_role SET replaced_by = ?2 WHERE id = ?1",
                    params![role_id, by],
                )?;
            }
            tx.execute(
                "UPDATE speaking_slot SET person_id = ?3 WHERE session_id = ?1 AND person_id = ?2",
                params![session_id, from, to],
            )?;
            Ok(())
        })
    }
}

/// One session a recorded delay moved: the step, and the session's times
/// before it as the change log kept them (text; a file may hold anything).
#[derive(Debug, Clone, PartialEq)]
pub struct DelayedSession {
    pub step: i64,
    pub at: NaiveDateTime,
    pub summary: String,
    pub session_id: Id,
    pub old_start: Option<String>,
    pub old_end: Option<String>,
}

impl Store {
    /// The sessions each applied delay step moved, oldest step first. A
    /// delay is the one step whose summary reads "Running N minutes late …"
    /// or "… early …" (`run::delay`); the log keeps the last
    /// `HISTORY_LIMIT` steps, so older delays are no longer known.
    pub fn delayed_sessions(&self) -> Result<Vec<DelayedSession>> {
        let text = |r: &rusqlite::Row, i: usize| -> rusqlite::Result<Option<String>> {
            Ok(r.get_ref(i)?
                .as_str_or_null()
                .ok()
                .flatten()
                .map(str::to_string))
        };
        self.select(
            "SELECT s.id, s.at, s.summary, c.row_id,
                    CASE WHEN json_valid(c.old) THEN json_extract(c.old, '$.start') END,
                    CASE WHEN json_valid(c.old) THEN json_extract(c.old, '$.end') END
             FROM history_step s JOIN history_change c ON c.step = s.id
             WHERE s.undone = 0 AND c.tbl = 'session' AND c.op = 'update'
               AND (s.summary LIKE 'Running % minutes late %'
                    OR s.summary LIKE 'Running % minutes early %')
             ORDER BY s.id, c.seq",
            [],
            |r| {
                Ok(DelayedSession {
                    step: r.get(0)?,
                    at: r.get(1)?,
                    summary: r.get(2)?,
                    session_id: r.get(3)?,
                    old_start: text(r, 4)?,
                    old_end: text(r, 5)?,
                })
            },
        )
    }
}
