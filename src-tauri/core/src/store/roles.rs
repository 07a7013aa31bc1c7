//! Who does what in each session: moderators, panellists, speakers…, in order.

use super::{key_at, key_of, Store};
use crate::error::Result;
use crate::model::{display_name, Id, RoleKind, RolePresence, SessionRole};
use chrono::NaiveDateTime;
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
use specta::Type;

/// One entry of a session's ordered role list: a person, or an organisation
/// whose speaker is not known yet ("IOM — speaker TBC").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RoleEntry {
    pub role: RoleKind,
    pub person_id: Option<Id>,
    pub organisation_id: Option<Id>,
    pub note: String,
    /// "To be confirmed": not yet accepted.
    #[serde(default)]
    pub tentative: bool,
    #[serde(default)]
    pub presence: RolePresence,
}

/// The part of a role the checks need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleRef {
    pub session_id: Id,
    pub role: RoleKind,
    pub person_id: Option<Id>,
    pub tentative: bool,
}

/// A session role with the names it points to, for display.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleRow {
    pub role: SessionRole,
    /// The person's display name ("Ms Lynn Bell"), when a person holds the role.
    pub person: Option<String>,
    /// The role's organisation, else the person's: (name, acronym).
    pub organisation: Option<(String, String)>,
    /// The role's own holder, with their display name, when someone
    /// replaced them: `role.person_id` and `person` are then the substitute,
    /// so every reader follows the person who actually takes the role.
    pub replaced: Option<(Id, String)>,
}

impl Store {
    /// The roles of one session, in order.
    pub fn session_roles(&self, session_id: Id) -> Result<Vec<SessionRole>> {
        self.select(
            "SELECT id, session_id, role, person_id, organisation_id, note, position, tentative, presence
             FROM session_role WHERE session_id = ?1 ORDER BY position, id",
            [session_id],
            |r| {
                Ok(SessionRole {
                    id: r.get(0)?,
                    session_id: r.get(1)?,
                    role: key_of(r.get(2)?, RoleKind::from_key, 2)?,
                    person_id: r.get(3)?,
                    organisation_id: r.get(4)?,
                    note: r.get(5)?,
                    position: r.get(6)?,
                    tentative: r.get(7)?,
                    presence: key_of(r.get(8)?, RolePresence::from_key, 8)?,
                })
            },
        )
    }

    /// Replaces a session's roles with `roles`, in order, as one edit.
    pub fn set_session_roles(
        &mut self,
        session_id: Id,
        roles: &[RoleEntry],
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| replace_roles(tx, session_id, roles))
    }

    /// Whether the session already has this role for this person (or, with
    /// no person, for this organisation).
    pub fn has_role(&self, session_id: Id, entry: &RoleEntry) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM session_role WHERE session_id = ?1 AND role = ?2
             AND person_id IS ?3 AND (person_id IS NOT NULL OR organisation_id IS ?4))",
            params![
                session_id,
                entry.role.key(),
                entry.person_id,
                entry.organisation_id
            ],
            |r| r.get(0),
        )?)
    }

    /// Adds one role at the end of a session's list, as one edit.
    pub fn add_session_role(
        &mut self,
        session_id: Id,
        entry: &RoleEntry,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            let next: i64 = tx.query_row(
                "SELECT coalesce(max(position) + 1, 0) FROM session_role WHERE session_id = ?1",
                [session_id],
                |r| r.get(0),
            )?;
            insert_roles(tx, session_id, std::slice::from_ref(entry), next)
        })
    }

    fn role_rows(&self, filter: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<RoleRow>> {
        // Only the columns a role is shown with: this query runs for every
        // agenda load, so it stays narrow, and organisations (few) come from
        // one small scan instead of a lookup per role.
        let mut orgs: std::collections::HashMap<Id, (String, String)> =
            std::collections::HashMap::new();
        {
            let mut st = self
                .conn
                .prepare_cached("SELECT id, name, acronym FROM organisation")?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                orgs.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
            }
        }
        let sql = format!(
            "SELECT r.id, r.session_id, r.role, r.person_id, r.organisation_id, r.note, r.position,
                    p.honorific, p.given_name, p.family_name, p.organisation_id, r.tentative, r.presence,
                    r.replaced_by, o.honorific, o.given_name, o.family_name
             FROM session_role r
             JOIN session s ON s.id = r.session_id
             LEFT JOIN person p ON p.id = coalesce(r.replaced_by, r.person_id)
             LEFT JOIN person o ON o.id = r.person_id AND r.replaced_by IS NOT NULL
             WHERE {filter}"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(args, |r| {
            let part =
                |i| -> rusqlite::Result<&str> { Ok(r.get_ref(i)?.as_str_or_null()?.unwrap_or("")) };
            let replaced_by: Option<Id> = r.get(13)?;
            let original: Option<Id> = r.get(3)?;
            let replaced = match (replaced_by, original) {
                (Some(_), Some(id)) => Some((id, display_name([part(14)?, part(15)?, part(16)?]))),
                _ => None,
            };
            let role = SessionRole {
                id: r.get(0)?,
                session_id: r.get(1)?,
                role: key_at(r, 2, RoleKind::from_key)?,
                person_id: replaced_by.or(original),
                organisation_id: r.get(4)?,
                note: r.get(5)?,
                position: r.get(6)?,
                tentative: r.get(11)?,
                presence: key_at(r, 12, RolePresence::from_key)?,
            };
            let person = match role.person_id {
                Some(_) => Some(display_name([part(7)?, part(8)?, part(9)?])),
                None => None,
            };
            let org_id = role.organisation_id.or(r.get::<_, Option<Id>>(10)?);
            let organisation = org_id.and_then(|id| orgs.get(&id).cloned());
            Ok(RoleRow {
                role,
                person,
                organisation,
                replaced,
            })
        })?;
        // Sorting here is cheaper than SQLite's sorter, which copies every column.
        let mut rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.sort_unstable_by_key(|r| (r.role.session_id, r.role.position, r.role.id));
        Ok(rows)
    }

    /// Roles of the sessions starting in `[from, to)`.
    pub fn roles_between(&self, from: NaiveDateTime, to: NaiveDateTime) -> Result<Vec<RoleRow>> {
        self.role_rows("s.start >= ?1 AND s.start < ?2", &[&from, &to])
    }

    /// Roles of the sessions on `day` whose times are to be confirmed.
    pub fn day_only_roles(&self, day: chrono::NaiveDate) -> Result<Vec<RoleRow>> {
        self.role_rows("s.start IS NULL AND s.day = ?1", &[&day])
    }

    pub fn all_roles(&self) -> Result<Vec<RoleRow>> {
        self.role_rows("1", &[])
    }

    /// Every role, reduced to what the checks need: one narrow scan. The
    /// person is whoever takes the role: a substitute, else its holder.
    pub fn role_refs(&self) -> Result<Vec<RoleRef>> {
        let mut st = self.conn.prepare_cached(
            "SELECT session_id, role, coalesce(replaced_by, person_id), tentative FROM session_role",
        )?;
        let rows = st.query_map([], |r| {
            Ok(RoleRef {
                session_id: r.get(0)?,
                role: key_at(r, 1, RoleKind::from_key)?,
                person_id: r.get(2)?,
                tentative: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds roles in one transaction, outside the undo history.
    pub fn insert_session_roles(&mut self, roles: &[SessionRole]) -> Result<()> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                concat!("INSERT INTO session_role (session_id, role, person_id, organisation_id, note, position, tentative, presence, uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ", new_uid!(), ")"),
            )?;
            for r in roles {
                st.execute(params![
                    r.session_id,
                    r.role.key(),
                    r.person_id,
                    r.organisation_id,
                    r.note,
                    r.position,
                    r.tentative,
                    r.presence.key()
                ])?;
            }
            Ok(())
        })
    }
}

/// A session's roles replaced by `roles`, in order.
pub(super) fn replace_roles(tx: &Transaction, session_id: Id, roles: &[RoleEntry]) -> Result<()> {
    // A substitute stays with the role (its kind and holder) through an edit
    // of the session's list, as long as the role is still there.
    let substitutes = {
        let mut st = tx.prepare_cached(
            "SELECT role, person_id, replaced_by FROM session_role
             WHERE session_id = ?1 AND replaced_by IS NOT NULL",
        )?;
        let rows = st.query_map([session_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Id>(1)?,
                r.get::<_, Id>(2)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    tx.execute(
        "DELETE FROM session_role WHERE session_id = ?1",
        [session_id],
    )?;
    insert_roles(tx, session_id, roles, 0)?;
    for (role, holder, by) in substitutes {
        tx.execute(
            "UPDATE session_role SET replaced_by = ?4
             WHERE session_id = ?1 AND role = ?2 AND person_id = ?3",
            params![session_id, role, holder, by],
        )?;
    }
    Ok(())
}

fn insert_roles(tx: &Transaction, session_id: Id, roles: &[RoleEntry], from: i64) -> Result<()> {
    let mut st = tx.prepare_cached(
        concat!("INSERT INTO session_role (session_id, role, person_id, organisation_id, note, position, tentative, presence, uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ", new_uid!(), ")"),
    )?;
    for (i, r) in roles.iter().enumerate() {
        st.execute(params![
            session_id,
            r.role.key(),
            r.person_id,
            r.organisation_id,
            r.note,
            from + i as i64,
            r.tentative,
            r.presence.key()
        ])?;
    }
    Ok(())
}
