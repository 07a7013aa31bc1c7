//! Edits to the "who" of a plan: the directories of organisations and
//! people, merging duplicates, delegations, co-chairs, co-hosts, session
//! roles and speaking lists. Each public edit is one undoable transaction.

use super::{invalid, org_row, person_row, Store, ORG_COLS, PERSON_COLS};
use crate::error::{CoreError, Result};
use crate::forms::{OrganisationForm, PersonForm};
use crate::model::*;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CochairEntry {
    pub organisation_id: Id,
    pub person_id: Option<Id>,
    pub role_label: String,
    /// Set when this person chairs on that day only.
    pub day: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SlotEntry {
    pub organisation_id: Id,
    pub person_id: Option<Id>,
    pub minutes: u32,
}

/// What deleting a record would also change, in words, before the user confirms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Impact {
    /// The record, as users know it.
    pub name: String,
    /// One line per kind of thing affected; empty when nothing refers to it.
    pub lines: Vec<String>,
}

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn count(tx: &rusqlite::Connection, sql: &str, id: Id) -> Result<i64> {
    Ok(tx.query_row(sql, [id], |r| r.get(0))?)
}

/// Titles of up to three sessions from `sql` (one id parameter), for impact lines.
fn titles(conn: &rusqlite::Connection, sql: &str, id: Id) -> Result<String> {
    let mut st = conn.prepare(sql)?;
    let all: Vec<String> = st
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut shown: Vec<String> = all.iter().take(3).map(|t| format!("“{t}”")).collect();
    if all.len() > 3 {
        shown.push(format!("and {} more", all.len() - 3));
    }
    Ok(shown.join(", "))
}

impl Store {
    // ----- directories -----

    pub fn organisation(&self, id: Id) -> Result<Organisation> {
        self.conn
            .query_row(
                &format!("SELECT {ORG_COLS} FROM organisation WHERE id = ?1"),
                [id],
                org_row,
            )
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "organisation",
                id,
            })
    }

    pub fn person(&self, id: Id) -> Result<Person> {
        self.conn
            .query_row(
                &format!("SELECT {PERSON_COLS} FROM person WHERE id = ?1"),
                [id],
                person_row,
            )
            .optional()?
            .ok_or(CoreError::NotFound { what: "person", id })
    }

    fn org_name_taken(&self, name: &str, except: Option<Id>) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM organisation WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2)",
            params![name, except],
            |r| r.get(0),
        )?)
    }

    pub fn create_organisation(&mut self, form: &OrganisationForm) -> Result<Organisation> {
        let d = form.validate().map_err(invalid)?;
        if self.org_name_taken(&d.name, None)? {
            return Err(CoreError::invalid(
                "name",
                format!("An organisation named \"{}\" already exists.", d.name),
            ));
        }
        let id = self.edit(&format!("Added organisation “{}”", d.name), |tx| {
            tx.execute(
                "INSERT INTO organisation (name, acronym, official_name, category, country_code) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![d.name, d.acronym, d.official_name, d.category.key(), d.country_code],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.organisation(id)
    }

    pub fn update_organisation(&mut self, id: Id, form: &OrganisationForm) -> Result<Organisation> {
        self.organisation(id)?;
        let d = form.validate().map_err(invalid)?;
        if self.org_name_taken(&d.name, Some(id))? {
            return Err(CoreError::invalid(
                "name",
                format!("An organisation named \"{}\" already exists.", d.name),
            ));
        }
        self.edit(&format!("Edited organisation “{}”", d.name), |tx| {
            tx.execute(
                "UPDATE organisation SET name=?2, acronym=?3, official_name=?4, category=?5, country_code=?6 WHERE id=?1",
                params![id, d.name, d.acronym, d.official_name, d.category.key(), d.country_code],
            )?;
            Ok(())
        })?;
        self.organisation(id)
    }

    /// What deleting organisation `id` would change.
    pub fn organisation_impact(&self, id: Id) -> Result<Impact> {
        let org = self.organisation(id)?;
        let c = &self.conn;
        let mut lines = Vec::new();
        let people = count(
            c,
            "SELECT count(*) FROM person WHERE organisation_id = ?1",
            id,
        )?;
        if people > 0 {
            lines.push(format!(
                "{} will have no organisation.",
                plural(people, "person", "people")
            ));
        }
        let roles = count(
            c,
            "SELECT count(*) FROM session_role WHERE organisation_id = ?1 AND person_id IS NULL",
            id,
        )?;
        if roles > 0 {
            let t = titles(c, "SELECT s.title FROM session_role r JOIN session s ON s.id = r.session_id WHERE r.organisation_id = ?1 AND r.person_id IS NULL ORDER BY s.start", id)?;
            lines.push(format!(
                "{} will be removed: {t}.",
                plural(
                    roles,
                    "organisation-only session role",
                    "organisation-only session roles"
                )
            ));
        }
        for (sql, one, many) in [
            (
                "SELECT count(*) FROM event_cochair WHERE organisation_id = ?1",
                "co-chair seat",
                "co-chair seats",
            ),
            (
                "SELECT count(*) FROM cohost WHERE organisation_id = ?1",
                "co-host entry",
                "co-host entries",
            ),
            (
                "SELECT count(*) FROM participation WHERE organisation_id = ?1",
                "event participation",
                "event participations",
            ),
            (
                "SELECT count(*) FROM speaking_slot WHERE organisation_id = ?1",
                "speaking-list turn",
                "speaking-list turns",
            ),
        ] {
            let n = count(c, sql, id)?;
            if n > 0 {
                lines.push(format!("{} will be removed.", plural(n, one, many)));
            }
        }
        Ok(Impact {
            name: org.name,
            lines,
        })
    }

    /// Deletes an organisation. Its people stay, without an organisation;
    /// roles held by a person stay, without it.
    pub fn delete_organisation(&mut self, id: Id) -> Result<()> {
        let name = self.organisation(id)?.name;
        self.edit(&format!("Deleted organisation “{name}”"), |tx| {
            tx.execute(
                "UPDATE session_role SET organisation_id = NULL WHERE organisation_id = ?1 AND person_id IS NOT NULL",
                [id],
            )?;
            tx.execute("DELETE FROM organisation WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    fn check_org(&self, id: Option<Id>, field: &str) -> Result<()> {
        if let Some(id) = id {
            if self.organisation(id).is_err() {
                return Err(CoreError::invalid(
                    field,
                    format!("Organisation {id} is not in this plan."),
                ));
            }
        }
        Ok(())
    }

    fn check_person(&self, id: Option<Id>, field: &str) -> Result<()> {
        if let Some(id) = id {
            if self.person(id).is_err() {
                return Err(CoreError::invalid(
                    field,
                    format!("Person {id} is not in this plan."),
                ));
            }
        }
        Ok(())
    }

    pub fn create_person(&mut self, form: &PersonForm) -> Result<Person> {
        let p = form.validate().map_err(invalid)?;
        self.check_org(p.organisation_id, "organisation_id")?;
        let id = self.edit(&format!("Added {}", p.display_name()), |tx| {
            tx.execute(
                "INSERT INTO person (honorific, given_name, family_name, position, organisation_id, email, phone, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![p.honorific, p.given_name, p.family_name, p.position, p.organisation_id, p.email, p.phone, p.notes],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.person(id)
    }

    pub fn update_person(&mut self, id: Id, form: &PersonForm) -> Result<Person> {
        self.person(id)?;
        let p = form.validate().map_err(invalid)?;
        self.check_org(p.organisation_id, "organisation_id")?;
        self.edit(&format!("Edited {}", p.display_name()), |tx| {
            tx.execute(
                "UPDATE person SET honorific=?2, given_name=?3, family_name=?4, position=?5, organisation_id=?6,
                 email=?7, phone=?8, notes=?9 WHERE id=?1",
                params![id, p.honorific, p.given_name, p.family_name, p.position, p.organisation_id, p.email, p.phone, p.notes],
            )?;
            Ok(())
        })?;
        self.person(id)
    }

    /// What deleting person `id` would change.
    pub fn person_impact(&self, id: Id) -> Result<Impact> {
        let person = self.person(id)?;
        let c = &self.conn;
        let mut lines = Vec::new();
        let roles = count(
            c,
            "SELECT count(*) FROM session_role WHERE person_id = ?1",
            id,
        )?;
        if roles > 0 {
            let t = titles(c, "SELECT s.title FROM session_role r JOIN session s ON s.id = r.session_id WHERE r.person_id = ?1 ORDER BY s.start", id)?;
            lines.push(format!(
                "{} will be removed: {t}.",
                plural(roles, "session role", "session roles")
            ));
        }
        let att = count(
            c,
            "SELECT count(*) FROM attendance WHERE person_id = ?1",
            id,
        )?;
        if att > 0 {
            lines.push(format!(
                "Registration and check-ins for {} will be removed.",
                plural(att, "event", "events")
            ));
        }
        let chairs = count(
            c,
            "SELECT count(*) FROM event_cochair WHERE person_id = ?1",
            id,
        )?;
        if chairs > 0 {
            lines.push(format!(
                "{} will stay with the government but without a person.",
                plural(chairs, "co-chair seat", "co-chair seats")
            ));
        }
        let turns = count(
            c,
            "SELECT count(*) FROM speaking_slot WHERE person_id = ?1",
            id,
        )?;
        if turns > 0 {
            lines.push(format!(
                "{} will stay with the delegation but without a speaker.",
                plural(turns, "speaking-list turn", "speaking-list turns")
            ));
        }
        Ok(Impact {
            name: person.display_name(),
            lines,
        })
    }

    pub fn delete_person(&mut self, id: Id) -> Result<()> {
        let name = self.person(id)?.display_name();
        self.edit(&format!("Deleted {name}"), |tx| {
            tx.execute("DELETE FROM person WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    // ----- merging duplicates -----

    /// Merges person `drop` into `keep`: roles, co-chair seats, speaking turns,
    /// registrations and check-ins move to `keep`; blank fields of `keep` take
    /// `drop`'s values; `drop` is deleted. One undoable step.
    pub fn merge_people(&mut self, keep: Id, drop: Id) -> Result<Person> {
        if keep == drop {
            return Err(CoreError::invalid(
                "drop",
                "Choose two different people to merge.",
            ));
        }
        let k = self.person(keep)?;
        let d = self.person(drop)?;
        self.edit(
            &format!("Merged {} into {}", d.display_name(), k.display_name()),
            |tx| {
                tx.execute(
                    "UPDATE session_role SET person_id = ?1 WHERE person_id = ?2",
                    [keep, drop],
                )?;
                // The same role twice in one session is one role.
                tx.execute(
                    "DELETE FROM session_role WHERE person_id = ?1 AND id NOT IN
                     (SELECT min(id) FROM session_role WHERE person_id = ?1 GROUP BY session_id, role)",
                    [keep],
                )?;
                tx.execute(
                    "UPDATE event_cochair SET person_id = ?1 WHERE person_id = ?2",
                    [keep, drop],
                )?;
                tx.execute(
                    "UPDATE speaking_slot SET person_id = ?1 WHERE person_id = ?2",
                    [keep, drop],
                )?;
                merge_attendance(tx, keep, drop)?;
                tx.execute(
                    "UPDATE person SET
                        honorific = CASE WHEN honorific = '' THEN ?3 ELSE honorific END,
                        given_name = CASE WHEN given_name = '' THEN ?4 ELSE given_name END,
                        family_name = CASE WHEN family_name = '' THEN ?5 ELSE family_name END,
                        position = CASE WHEN position = '' THEN ?6 ELSE position END,
                        organisation_id = coalesce(organisation_id, ?7),
                        email = CASE WHEN email = '' THEN ?8 ELSE email END,
                        phone = CASE WHEN phone = '' THEN ?9 ELSE phone END,
                        notes = CASE WHEN notes = '' THEN ?10 ELSE notes END,
                        external_id = CASE WHEN external_id = '' THEN
                            (SELECT external_id FROM person WHERE id = ?2) ELSE external_id END
                     WHERE id = ?1",
                    params![
                        keep,
                        drop,
                        d.honorific,
                        d.given_name,
                        d.family_name,
                        d.position,
                        d.organisation_id,
                        d.email,
                        d.phone,
                        d.notes
                    ],
                )?;
                tx.execute("DELETE FROM person WHERE id = ?1", [drop])?;
                Ok(())
            },
        )?;
        self.person(keep)
    }

    /// Merges organisation `drop` into `keep`: its people, roles, co-chair
    /// seats, co-host entries, participations and speaking turns move to
    /// `keep`; blank fields of `keep` take `drop`'s values. One undoable step.
    pub fn merge_organisations(&mut self, keep: Id, drop: Id) -> Result<Organisation> {
        if keep == drop {
            return Err(CoreError::invalid(
                "drop",
                "Choose two different organisations to merge.",
            ));
        }
        let k = self.organisation(keep)?;
        let d = self.organisation(drop)?;
        self.edit(&format!("Merged “{}” into “{}”", d.name, k.name), |tx| {
            for sql in [
                "UPDATE person SET organisation_id = ?1 WHERE organisation_id = ?2",
                "UPDATE session_role SET organisation_id = ?1 WHERE organisation_id = ?2",
                "UPDATE event_cochair SET organisation_id = ?1 WHERE organisation_id = ?2",
                "UPDATE speaking_slot SET organisation_id = ?1 WHERE organisation_id = ?2",
                // Where both took part in an event, the kept one's entry stands.
                "DELETE FROM participation WHERE organisation_id = ?2 AND event_id IN
                    (SELECT event_id FROM participation WHERE organisation_id = ?1)",
                "UPDATE participation SET organisation_id = ?1 WHERE organisation_id = ?2",
                "DELETE FROM cohost WHERE organisation_id = ?2 AND EXISTS (SELECT 1 FROM cohost k
                    WHERE k.organisation_id = ?1 AND k.event_id = cohost.event_id AND k.session_id IS cohost.session_id)",
                "UPDATE cohost SET organisation_id = ?1 WHERE organisation_id = ?2",
            ] {
                tx.execute(sql, [keep, drop])?;
            }
            tx.execute(
                "UPDATE organisation SET
                    acronym = CASE WHEN acronym = '' THEN ?2 ELSE acronym END,
                    official_name = CASE WHEN official_name = '' THEN ?3 ELSE official_name END,
                    country_code = coalesce(country_code, ?4)
                 WHERE id = ?1",
                params![keep, d.acronym, d.official_name, d.country_code],
            )?;
            tx.execute("DELETE FROM organisation WHERE id = ?1", [drop])?;
            Ok(())
        })?;
        self.organisation(keep)
    }

    // ----- delegations and registration -----

    /// Sets how `organisation_id` takes part in an event, or with `None`
    /// removes it from the event (its people stay registered).
    pub fn set_participation(
        &mut self,
        event_id: Id,
        organisation_id: Id,
        status: Option<ParticipationStatus>,
        level: &str,
    ) -> Result<()> {
        let event = self.event(event_id)?;
        let org = self.organisation(organisation_id)?;
        let level = level.trim();
        if level.chars().count() > 120 {
            return Err(CoreError::invalid(
                "level",
                "Level is longer than 120 characters.",
            ));
        }
        let summary = match status {
            Some(s) => format!(
                "{} takes part in {} as {}",
                org.name,
                event.title,
                s.label()
            ),
            None => format!("Removed {} from {}", org.name, event.title),
        };
        self.edit(&summary, |tx| {
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

    /// Registers a person for an event with a status and a capacity in their
    /// delegation, or with `None` removes the registration and check-ins.
    pub fn set_registration(
        &mut self,
        event_id: Id,
        person_id: Id,
        registration: Option<RegistrationStatus>,
        capacity: &str,
    ) -> Result<()> {
        let event = self.event(event_id)?;
        let name = self.person(person_id)?.display_name();
        let capacity = capacity.trim();
        if capacity.chars().count() > 80 {
            return Err(CoreError::invalid(
                "capacity",
                "Capacity is longer than 80 characters.",
            ));
        }
        let summary = match registration {
            Some(r) => format!("{name}: {} for {}", r.label(), event.title),
            None => format!("Removed {name} from {}", event.title),
        };
        self.edit(&summary, |tx| {
            match registration {
                Some(r) => {
                    tx.execute(
                        "INSERT INTO attendance (event_id, person_id, registration, capacity) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (event_id, person_id) DO UPDATE SET registration = excluded.registration, capacity = excluded.capacity",
                        params![event_id, person_id, r.key(), capacity],
                    )?;
                }
                None => {
                    tx.execute(
                        "DELETE FROM attendance WHERE event_id = ?1 AND person_id = ?2",
                        [event_id, person_id],
                    )?;
                }
            }
            Ok(())
        })
    }

    // ----- co-chairs, co-hosts, roles -----

    /// Replaces an event's co-chairs with `rows`, in order.
    pub fn set_cochairs(&mut self, event_id: Id, rows: &[CochairEntry]) -> Result<()> {
        let event = self.event(event_id)?;
        for (i, r) in rows.iter().enumerate() {
            let field = format!("cochairs.{i}");
            self.check_org(Some(r.organisation_id), &field)?;
            self.check_person(r.person_id, &field)?;
            if let Some(day) = r.day {
                if day < event.first_day || day > event.last_day {
                    return Err(CoreError::invalid(
                        &field,
                        format!("Row {}: {} does not run on {day}.", i + 1, event.title),
                    ));
                }
            }
            if r.role_label.chars().count() > 120 {
                return Err(CoreError::invalid(
                    &field,
                    format!(
                        "Row {}: the role label is longer than 120 characters.",
                        i + 1
                    ),
                ));
            }
        }
        self.edit(&format!("Edited the co-chairs of {}", event.title), |tx| {
            tx.execute("DELETE FROM event_cochair WHERE event_id = ?1", [event_id])?;
            let mut st = tx.prepare_cached(
                "INSERT INTO event_cochair (event_id, organisation_id, person_id, role_label, day, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (i, r) in rows.iter().enumerate() {
                st.execute(params![
                    event_id,
                    r.organisation_id,
                    r.person_id,
                    r.role_label.trim(),
                    r.day,
                    i as i64
                ])?;
            }
            Ok(())
        })
    }

    /// Replaces the co-hosts of an event (`session_id` None) or of one of its sessions.
    pub fn set_cohosts(
        &mut self,
        event_id: Id,
        session_id: Option<Id>,
        organisations: &[Id],
    ) -> Result<()> {
        let event = self.event(event_id)?;
        let what = match session_id {
            Some(s) => {
                let session = self.session(s)?;
                if session.event_id != event_id {
                    return Err(CoreError::invalid(
                        "session_id",
                        format!("“{}” is not part of {}.", session.title, event.title),
                    ));
                }
                format!("“{}”", session.title)
            }
            None => event.title.clone(),
        };
        for (i, o) in organisations.iter().enumerate() {
            self.check_org(Some(*o), &format!("cohosts.{i}"))?;
        }
        self.edit(&format!("Edited the co-hosts of {what}"), |tx| {
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

    /// The roles of one session, in order.
    pub fn session_roles(&self, session_id: Id) -> Result<Vec<SessionRole>> {
        self.select(
            "SELECT id, session_id, role, person_id, organisation_id, note, position
             FROM session_role WHERE session_id = ?1 ORDER BY position, id",
            [session_id],
            |r| {
                Ok(SessionRole {
                    id: r.get(0)?,
                    session_id: r.get(1)?,
                    role: super::key_of(r.get(2)?, RoleKind::from_key, 2)?,
                    person_id: r.get(3)?,
                    organisation_id: r.get(4)?,
                    note: r.get(5)?,
                    position: r.get(6)?,
                })
            },
        )
    }

    fn check_roles(&self, roles: &[RoleEntry]) -> Result<()> {
        for (i, r) in roles.iter().enumerate() {
            let field = format!("roles.{i}");
            if r.person_id.is_none() && r.organisation_id.is_none() {
                return Err(CoreError::invalid(
                    &field,
                    format!(
                        "Row {} ({}): choose a person or an organisation.",
                        i + 1,
                        r.role.label()
                    ),
                ));
            }
            self.check_person(r.person_id, &field)?;
            self.check_org(r.organisation_id, &field)?;
            if r.note.chars().count() > 200 {
                return Err(CoreError::invalid(
                    &field,
                    format!("Row {}: the note is longer than 200 characters.", i + 1),
                ));
            }
        }
        Ok(())
    }

    /// Replaces a session's roles with `roles`, in order.
    pub fn set_session_roles(&mut self, session_id: Id, roles: &[RoleEntry]) -> Result<()> {
        let session = self.session(session_id)?;
        self.check_roles(roles)?;
        self.edit(
            &format!("Edited the roles of “{}”", session.title),
            |tx| {
                tx.execute(
                    "DELETE FROM session_role WHERE session_id = ?1",
                    [session_id],
                )?;
                insert_roles(tx, session_id, roles, 0)
            },
        )
    }

    /// Adds one role at the end of a session's list (the speaker board's assign).
    pub fn add_session_role(&mut self, session_id: Id, entry: &RoleEntry) -> Result<()> {
        let session = self.session(session_id)?;
        self.check_roles(std::slice::from_ref(entry))?;
        let who = match (entry.person_id, entry.organisation_id) {
            (Some(p), _) => self.person_name(p)?,
            (None, Some(o)) => self.organisation(o)?.name,
            (None, None) => unreachable!("checked above"),
        };
        let duplicate: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM session_role WHERE session_id = ?1 AND role = ?2
             AND person_id IS ?3 AND (person_id IS NOT NULL OR organisation_id IS ?4))",
            params![
                session_id,
                entry.role.key(),
                entry.person_id,
                entry.organisation_id
            ],
            |r| r.get(0),
        )?;
        if duplicate {
            return Err(CoreError::invalid(
                "person_id",
                format!(
                    "{who} is already {} of “{}”.",
                    entry.role.label().to_lowercase(),
                    session.title
                ),
            ));
        }
        self.edit(
            &format!(
                "Assigned {who} as {} of “{}”",
                entry.role.label().to_lowercase(),
                session.title
            ),
            |tx| {
                let next: i64 = tx.query_row(
                    "SELECT coalesce(max(position) + 1, 0) FROM session_role WHERE session_id = ?1",
                    [session_id],
                    |r| r.get(0),
                )?;
                insert_roles(tx, session_id, std::slice::from_ref(entry), next)
            },
        )
    }

    // ----- speaking lists -----

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
    pub fn speaking_turn_counts(&self) -> Result<std::collections::HashMap<Id, usize>> {
        Ok(self
            .select(
                "SELECT session_id, count(*) FROM speaking_slot GROUP BY session_id",
                [],
                |r| Ok((r.get::<_, Id>(0)?, r.get::<_, i64>(1)? as usize)),
            )?
            .into_iter()
            .collect())
    }

    /// Replaces a session's speaking list with `slots`, in order.
    pub fn set_speaking_list(&mut self, session_id: Id, slots: &[SlotEntry]) -> Result<()> {
        let session = self.session(session_id)?;
        let mut seen = std::collections::HashSet::new();
        for (i, s) in slots.iter().enumerate() {
            let field = format!("slots.{i}");
            self.check_org(Some(s.organisation_id), &field)?;
            self.check_person(s.person_id, &field)?;
            if s.minutes == 0 || s.minutes > 600 {
                return Err(CoreError::invalid(
                    &field,
                    format!(
                        "Row {}: a turn is 1 to 600 minutes, not {}.",
                        i + 1,
                        s.minutes
                    ),
                ));
            }
            if !seen.insert(s.organisation_id) {
                return Err(CoreError::invalid(
                    &field,
                    format!(
                        "Row {}: {} is already on the list.",
                        i + 1,
                        self.organisation(s.organisation_id)?.name
                    ),
                ));
            }
        }
        self.edit(
            &format!("Edited the speaking list of “{}”", session.title),
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

fn insert_roles(tx: &Transaction, session_id: Id, roles: &[RoleEntry], from: i64) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO session_role (session_id, role, person_id, organisation_id, note, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, r) in roles.iter().enumerate() {
        st.execute(params![
            session_id,
            r.role.key(),
            r.person_id,
            r.organisation_id,
            r.note.trim(),
            from + i as i64
        ])?;
    }
    Ok(())
}

/// Moves `drop`'s registrations to `keep`. Where both are registered for an
/// event, check-in days join `keep`'s entry and a blank capacity is filled.
fn merge_attendance(tx: &Transaction, keep: Id, drop: Id) -> Result<()> {
    let both: Vec<(Id, Id)> = {
        let mut st = tx.prepare(
            "SELECT k.id, d.id FROM attendance k JOIN attendance d ON d.event_id = k.event_id
             WHERE k.person_id = ?1 AND d.person_id = ?2",
        )?;
        let rows = st.query_map([keep, drop], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (k, d) in both {
        tx.execute(
            "INSERT OR IGNORE INTO attendance_day (attendance_id, day, checked_in_at)
             SELECT ?1, day, checked_in_at FROM attendance_day WHERE attendance_id = ?2",
            [k, d],
        )?;
        tx.execute(
            "UPDATE attendance SET capacity = (SELECT capacity FROM attendance WHERE id = ?2)
             WHERE id = ?1 AND capacity = ''",
            [k, d],
        )?;
        tx.execute("DELETE FROM attendance WHERE id = ?1", [d])?;
    }
    tx.execute(
        "UPDATE attendance SET person_id = ?1 WHERE person_id = ?2",
        [keep, drop],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn person(store: &mut Store, given: &str, family: &str, email: &str) -> Person {
        store
            .create_person(&PersonForm {
                given_name: given.into(),
                family_name: family.into(),
                email: email.into(),
                ..Default::default()
            })
            .unwrap()
    }

    fn org_form(name: &str, category: &str) -> OrganisationForm {
        OrganisationForm {
            name: name.into(),
            category: category.into(),
            ..Default::default()
        }
    }

    #[test]
    fn organisation_form_problems() {
        let table: &[(OrganisationForm, &str, &str)] = &[
            (org_form("", "member_state"), "name", "Name is required."),
            (org_form("IOM", ""), "category", "Category is required."),
            (
                org_form("IOM", "charity"),
                "category",
                "Category \"charity\" is not one Plenary knows.",
            ),
            (
                OrganisationForm {
                    country_code: "THA".into(),
                    ..org_form("Thailand", "member_state")
                },
                "country_code",
                "Country code \"THA\" is not two letters (ISO 3166, e.g. TH).",
            ),
        ];
        for (form, field, message) in table {
            let problems = form.validate().unwrap_err();
            assert_eq!(
                (problems[0].field.as_str(), problems[0].message.as_str()),
                (*field, *message)
            );
        }
        let ok = OrganisationForm {
            country_code: "th".into(),
            ..org_form("Thailand", "member_state")
        }
        .validate()
        .unwrap();
        assert_eq!(ok.country_code.as_deref(), Some("TH"));
    }

    #[test]
    fn person_form_problems() {
        let table: &[(PersonForm, &str, &str)] = &[
            (
                PersonForm::default(),
                "family_name",
                "A given or a family name is required.",
            ),
            (
                PersonForm {
                    family_name: "Bell".into(),
                    email: "lynn.bell".into(),
                    ..Default::default()
                },
                "email",
                "\"lynn.bell\" is not an email address.",
            ),
        ];
        for (form, field, message) in table {
            let problems = form.validate().unwrap_err();
            assert_eq!(
                (problems[0].field.as_str(), problems[0].message.as_str()),
                (*field, *message)
            );
        }
        // Honorifics are free text.
        let p = PersonForm {
            honorific: "Deputy Minister".into(),
            family_name: "Bell".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(p.display_name(), "Deputy Minister Bell");
    }

    #[test]
    fn duplicate_organisation_names_are_refused() {
        let mut store = sample::sample_in_memory().unwrap();
        let existing = store.organisations().unwrap()[0].name.to_uppercase();
        let err = store
            .create_organisation(&org_form(&existing, "member_state"))
            .unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert!(err.to_string().contains("already exists"), "{err}");
    }

    #[test]
    fn merging_people_moves_roles_and_attendance_and_undoes() {
        let mut store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        let session = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.event_id == event.id && s.kind != SessionKind::Break)
            .unwrap();
        let keep = person(&mut store, "Lynn", "Bell", "");
        let drop = person(&mut store, "Lynn", "Bell", "lynn@example.org");
        let role = |p: Id| RoleEntry {
            role: RoleKind::Speaker,
            person_id: Some(p),
            organisation_id: None,
            note: String::new(),
        };
        store.add_session_role(session.id, &role(keep.id)).unwrap();
        store.add_session_role(session.id, &role(drop.id)).unwrap();
        store
            .set_registration(
                event.id,
                drop.id,
                Some(RegistrationStatus::Confirmed),
                "adviser",
            )
            .unwrap();
        let day = event.first_day;
        store
            .set_present(
                event.id,
                drop.id,
                day,
                true,
                day.and_hms_opt(9, 0, 0).unwrap(),
            )
            .unwrap();
        let roles_before = store.session_roles(session.id).unwrap().len();

        let merged = store.merge_people(keep.id, drop.id).unwrap();
        assert_eq!(merged.email, "lynn@example.org", "a blank field is filled");
        assert!(store.person(drop.id).is_err());
        let roles = store.session_roles(session.id).unwrap();
        assert_eq!(roles.len(), roles_before - 1, "the same role twice is one");
        assert!(roles.iter().any(|r| r.person_id == Some(keep.id)));
        let att: Vec<Attendance> = store
            .attendance()
            .unwrap()
            .into_iter()
            .filter(|a| a.person_id == keep.id)
            .collect();
        assert_eq!(att.len(), 1);
        assert_eq!(att[0].capacity, "adviser");
        assert_eq!(att[0].days_present, vec![day]);

        store.undo().unwrap();
        assert_eq!(store.person(drop.id).unwrap().email, "lynn@example.org");
        assert_eq!(store.person(keep.id).unwrap().email, "");
        assert_eq!(store.session_roles(session.id).unwrap().len(), roles_before);
        assert!(store
            .attendance()
            .unwrap()
            .iter()
            .any(|a| a.person_id == drop.id));
    }

    #[test]
    fn merging_people_joins_check_ins_where_both_were_registered() {
        let mut store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        let keep = person(&mut store, "Ana", "Silva", "");
        let drop = person(&mut store, "Ana", "Silva", "");
        let day = event.first_day;
        let at = day.and_hms_opt(9, 0, 0).unwrap();
        store
            .set_registration(event.id, keep.id, Some(RegistrationStatus::Registered), "")
            .unwrap();
        store
            .set_registration(
                event.id,
                drop.id,
                Some(RegistrationStatus::Registered),
                "delegate",
            )
            .unwrap();
        store.set_present(event.id, drop.id, day, true, at).unwrap();
        store.merge_people(keep.id, drop.id).unwrap();
        let att: Vec<Attendance> = store
            .attendance()
            .unwrap()
            .into_iter()
            .filter(|a| a.event_id == event.id && a.person_id == keep.id)
            .collect();
        assert_eq!(att.len(), 1);
        assert_eq!(
            (att[0].capacity.as_str(), att[0].days_present.clone()),
            ("delegate", vec![day])
        );
    }

    #[test]
    fn merging_organisations_moves_people_participation_and_cohosts() {
        let mut store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        let keep = store
            .create_organisation(&org_form(
                "Global Migration Forum",
                "international_organisation",
            ))
            .unwrap();
        let drop = store
            .create_organisation(&OrganisationForm {
                acronym: "GMF".into(),
                ..org_form("GMF", "international_organisation")
            })
            .unwrap();
        let p = store
            .create_person(&PersonForm {
                family_name: "Rossi".into(),
                organisation_id: Some(drop.id),
                ..Default::default()
            })
            .unwrap();
        for org in [keep.id, drop.id] {
            store
                .set_participation(event.id, org, Some(ParticipationStatus::Observer), "")
                .unwrap();
        }
        store.set_cohosts(event.id, None, &[drop.id]).unwrap();
        let merged = store.merge_organisations(keep.id, drop.id).unwrap();
        assert_eq!(merged.acronym, "GMF");
        assert_eq!(store.person(p.id).unwrap().organisation_id, Some(keep.id));
        let parts: Vec<Participation> = store
            .participations()
            .unwrap()
            .into_iter()
            .filter(|x| x.event_id == event.id && x.organisation_id == keep.id)
            .collect();
        assert_eq!(parts.len(), 1);
        assert!(store
            .cohosts()
            .unwrap()
            .iter()
            .any(|c| c.organisation_id == keep.id && c.event_id == event.id));
        store.undo().unwrap();
        assert_eq!(store.person(p.id).unwrap().organisation_id, Some(drop.id));
        assert!(store.merge_organisations(keep.id, keep.id).is_err());
    }

    #[test]
    fn deleting_says_what_is_affected_first() {
        let mut store = sample::sample_in_memory().unwrap();
        let roles = store.all_roles().unwrap();
        let with_role = roles.iter().find_map(|r| r.role.person_id).unwrap();
        let impact = store.person_impact(with_role).unwrap();
        assert!(
            impact.lines.iter().any(|l| l.contains("session role")),
            "{impact:?}"
        );
        store.delete_person(with_role).unwrap();
        assert!(store.person(with_role).is_err());
        store.undo().unwrap();
        assert!(store.person(with_role).is_ok());

        let fresh = person(&mut store, "No", "Roles", "");
        assert!(store.person_impact(fresh.id).unwrap().lines.is_empty());

        // An organisation's people stay, without it; a person's role stays without it.
        let cochair_org = store.cochairs().unwrap()[0].organisation_id;
        let impact = store.organisation_impact(cochair_org).unwrap();
        assert!(
            impact.lines.iter().any(|l| l.contains("co-chair")),
            "{impact:?}"
        );
        let members: Vec<Id> = store
            .people()
            .unwrap()
            .into_iter()
            .filter(|p| p.organisation_id == Some(cochair_org))
            .map(|p| p.id)
            .collect();
        store.delete_organisation(cochair_org).unwrap();
        for m in members {
            assert_eq!(store.person(m).unwrap().organisation_id, None);
        }
    }

    #[test]
    fn role_lists_keep_order_and_refuse_empty_rows() {
        let mut store = sample::sample_in_memory().unwrap();
        let session = store.sessions().unwrap()[0].clone();
        let org = store.organisations().unwrap()[0].id;
        let p = person(&mut store, "Kai", "Tan", "");
        let rows = vec![
            RoleEntry {
                role: RoleKind::Moderator,
                person_id: Some(p.id),
                organisation_id: None,
                note: "as DWG Co-Chair".into(),
            },
            RoleEntry {
                role: RoleKind::Speaker,
                person_id: None,
                organisation_id: Some(org),
                note: String::new(),
            },
        ];
        store.set_session_roles(session.id, &rows).unwrap();
        let got = store.session_roles(session.id).unwrap();
        assert_eq!(
            got.iter()
                .map(|r| (r.role, r.person_id, r.organisation_id))
                .collect::<Vec<_>>(),
            vec![
                (RoleKind::Moderator, Some(p.id), None),
                (RoleKind::Speaker, None, Some(org))
            ]
        );
        let bad = vec![
            rows[0].clone(),
            RoleEntry {
                role: RoleKind::Panellist,
                person_id: None,
                organisation_id: None,
                note: String::new(),
            },
        ];
        let err = store.set_session_roles(session.id, &bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "roles.1: Row 2 (Panellist): choose a person or an organisation."
        );
        assert_eq!(
            store.session_roles(session.id).unwrap().len(),
            2,
            "nothing written"
        );
        let again = store.add_session_role(session.id, &rows[0]).unwrap_err();
        assert!(again.to_string().contains("already moderator"), "{again}");
    }

    #[test]
    fn cochairs_per_day_and_outside_days() {
        let mut store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        let org = store.organisations().unwrap()[0].id;
        let p = person(&mut store, "Kai", "Tan", "");
        store
            .set_cochairs(
                event.id,
                &[CochairEntry {
                    organisation_id: org,
                    person_id: Some(p.id),
                    role_label: "Senior Official Co-Chair".into(),
                    day: Some(event.first_day),
                }],
            )
            .unwrap();
        let rows: Vec<EventCochair> = store
            .cochairs()
            .unwrap()
            .into_iter()
            .filter(|c| c.event_id == event.id)
            .collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].day, Some(event.first_day));
        let err = store
            .set_cochairs(
                event.id,
                &[CochairEntry {
                    organisation_id: org,
                    person_id: None,
                    role_label: String::new(),
                    day: event.last_day.succ_opt(),
                }],
            )
            .unwrap_err();
        assert!(err.to_string().starts_with("cochairs.0: Row 1:"), "{err}");
    }
}
