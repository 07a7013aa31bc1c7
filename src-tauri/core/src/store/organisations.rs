//! The directory of organisations: governments, international
//! organisations, civil society and the rest.

use super::{count, key_of, texts, Store};
use crate::error::{CoreError, Result};
use crate::model::{Id, OrgCategory, Organisation};
use rusqlite::{params, OptionalExtension, Row};

/// An organisation to write, checked (`forms::OrganisationForm`).
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationDraft {
    pub name: String,
    pub acronym: String,
    pub official_name: String,
    pub category: OrgCategory,
    pub country_code: Option<String>,
}

/// What refers to an organisation, and so what deleting it would change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrganisationUses {
    /// Its people.
    pub people: i64,
    /// Session roles it holds without a person.
    pub roles: i64,
    /// The titles of those roles' sessions, in time order.
    pub role_sessions: Vec<String>,
    pub cochair_seats: i64,
    pub cohosts: i64,
    pub participations: i64,
    pub speaking_turns: i64,
}

const ORG_COLS: &str = "id, name, acronym, official_name, category, country_code";
fn org_row(r: &Row) -> rusqlite::Result<Organisation> {
    Ok(Organisation {
        id: r.get(0)?,
        name: r.get(1)?,
        acronym: r.get(2)?,
        official_name: r.get(3)?,
        category: key_of(r.get(4)?, OrgCategory::from_key, 4)?,
        country_code: r.get(5)?,
    })
}

impl Store {
    pub fn organisations(&self) -> Result<Vec<Organisation>> {
        self.select(
            &format!("SELECT {ORG_COLS} FROM organisation ORDER BY plenary_sort_key(name), id"),
            [],
            org_row,
        )
    }

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

    /// Whether another organisation than `except` has this name, ignoring case.
    pub fn organisation_name_taken(&self, name: &str, except: Option<Id>) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM organisation WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2)",
            params![name, except],
            |r| r.get(0),
        )?)
    }

    /// Adds an organisation as one edit; returns its id.
    pub fn insert_organisation(&mut self, d: &OrganisationDraft, summary: &str) -> Result<Id> {
        self.edit(summary, |tx| {
            tx.execute(
                concat!("INSERT INTO organisation (name, acronym, official_name, category, country_code, uid) VALUES (?1, ?2, ?3, ?4, ?5, ", new_uid!(), ")"),
                params![d.name, d.acronym, d.official_name, d.category.key(), d.country_code],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn update_organisation(
        &mut self,
        id: Id,
        d: &OrganisationDraft,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "UPDATE organisation SET name=?2, acronym=?3, official_name=?4, category=?5, country_code=?6 WHERE id=?1",
                params![id, d.name, d.acronym, d.official_name, d.category.key(), d.country_code],
            )?;
            Ok(())
        })
    }

    /// What refers to organisation `id`.
    pub fn organisation_uses(&self, id: Id) -> Result<OrganisationUses> {
        let c = &self.conn;
        Ok(OrganisationUses {
            people: count(
                c,
                "SELECT count(*) FROM person WHERE organisation_id = ?1",
                id,
            )?,
            roles: count(
                c,
                "SELECT count(*) FROM session_role WHERE organisation_id = ?1 AND person_id IS NULL",
                id,
            )?,
            role_sessions: texts(c, "SELECT s.title FROM session_role r JOIN session s ON s.id = r.session_id WHERE r.organisation_id = ?1 AND r.person_id IS NULL ORDER BY s.start", id)?,
            cochair_seats: count(
                c,
                "SELECT count(*) FROM event_cochair WHERE organisation_id = ?1",
                id,
            )?,
            cohosts: count(
                c,
                "SELECT count(*) FROM cohost WHERE organisation_id = ?1",
                id,
            )?,
            participations: count(
                c,
                "SELECT count(*) FROM participation WHERE organisation_id = ?1",
                id,
            )?,
            speaking_turns: count(
                c,
                "SELECT count(*) FROM speaking_slot WHERE organisation_id = ?1",
                id,
            )?,
        })
    }

    /// Deletes an organisation as one edit. Its people stay, without an
    /// organisation; roles held by a person stay, without it.
    pub fn delete_organisation(&mut self, id: Id, summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "UPDATE session_role SET organisation_id = NULL WHERE organisation_id = ?1 AND person_id IS NOT NULL",
                [id],
            )?;
            tx.execute("DELETE FROM organisation WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Merges organisation `drop` into `keep` as one edit: its people, roles,
    /// co-chair seats, co-host entries, participations and speaking turns
    /// move to `keep`; blank fields of `keep` take `drop`'s values.
    pub fn merge_organisations(
        &mut self,
        keep: Id,
        drop: &Organisation,
        summary: &str,
    ) -> Result<()> {
        let d = drop;
        self.edit(summary, |tx| {
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
                tx.execute(sql, [keep, d.id])?;
            }
            tx.execute(
                "UPDATE organisation SET
                    acronym = CASE WHEN acronym = '' THEN ?2 ELSE acronym END,
                    official_name = CASE WHEN official_name = '' THEN ?3 ELSE official_name END,
                    country_code = coalesce(country_code, ?4)
                 WHERE id = ?1",
                params![keep, d.acronym, d.official_name, d.country_code],
            )?;
            tx.execute("DELETE FROM organisation WHERE id = ?1", [d.id])?;
            Ok(())
        })
    }

    /// Adds organisations in one transaction, outside the undo history;
    /// returns their ids in order.
    pub fn insert_organisations(&mut self, orgs: &[Organisation]) -> Result<Vec<Id>> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                concat!("INSERT INTO organisation (name, acronym, official_name, category, country_code, uid) VALUES (?1, ?2, ?3, ?4, ?5, ", new_uid!(), ")"),
            )?;
            let mut ids = Vec::with_capacity(orgs.len());
            for o in orgs {
                st.execute(params![o.name, o.acronym, o.official_name, o.category.key(), o.country_code])?;
                ids.push(tx.last_insert_rowid());
            }
            Ok(ids)
        })
    }
}
