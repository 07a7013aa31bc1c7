//! The directory of people.

use super::{count, texts, Store};
use crate::error::{CoreError, Result};
use crate::model::{display_name, Gender, Id, Person};
use rusqlite::{params, OptionalExtension, Row, Transaction};

/// A person found by search, with what the search matched on.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct PersonHit {
    pub id: Id,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub acronym: String,
}

/// What refers to a person, and so what deleting them would change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonUses {
    /// Their session roles.
    pub roles: i64,
    /// The titles of those roles' sessions, in time order.
    pub role_sessions: Vec<String>,
    /// The events they are registered for.
    pub registrations: i64,
    pub cochair_seats: i64,
    pub speaking_turns: i64,
}

const PERSON_COLS: &str =
    "id, honorific, given_name, family_name, position, organisation_id, email, phone, notes, gender";
fn person_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        honorific: r.get(1)?,
        given_name: r.get(2)?,
        family_name: r.get(3)?,
        position: r.get(4)?,
        organisation_id: r.get(5)?,
        email: r.get(6)?,
        phone: r.get(7)?,
        notes: r.get(8)?,
        // Blank is not recorded; `verify` lets no other value in.
        gender: Gender::from_key(r.get_ref(9)?.as_str()?),
    })
}

/// A gender as the file keeps it: blank when not recorded.
pub(super) fn gender_key(g: Option<Gender>) -> &'static str {
    g.map_or("", Gender::key)
}

impl Store {
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

    /// The gender of each person who has one recorded.
    pub fn person_genders(&self) -> Result<std::collections::HashMap<Id, Gender>> {
        let rows: Vec<(Id, String)> = self.select(
            "SELECT id, gender FROM person WHERE gender <> ''",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, key)| Some((id, Gender::from_key(&key)?)))
            .collect())
    }

    pub fn people(&self) -> Result<Vec<Person>> {
        self.select(&format!(
            "SELECT {PERSON_COLS} FROM person ORDER BY plenary_sort_key(family_name, given_name), id"
        ), [], person_row)
    }

    /// People whose name, email, organisation or its acronym contain every
    /// word of `query` (up to six), ignoring case and accents (`crate::fold`);
    /// those whose family name starts with the first word come first.
    pub fn search_people(&self, query: &str, limit: u32) -> Result<Vec<PersonHit>> {
        let words: Vec<String> = crate::fold::words(query).into_iter().take(6).collect();
        // The words are bound parameters; each is looked for in the person's
        // text, folded.
        let mut sql = String::from(
            "SELECT p.id, p.honorific, p.given_name, p.family_name, p.email, o.name, o.acronym
             FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id WHERE 1",
        );
        for i in 0..words.len() {
            sql.push_str(&format!(
                " AND instr(plenary_fold(p.given_name, p.family_name, p.email, o.name, o.acronym), ?{}) > 0",
                i + 3
            ));
        }
        // Only the people found have their names folded again, to sort.
        sql.push_str(
            " ORDER BY instr(plenary_fold(p.family_name), ?1) = 1 DESC,
               plenary_sort_key(p.family_name, p.given_name), p.id LIMIT ?2",
        );
        let first = words.first().cloned().unwrap_or_default();
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&first, &limit];
        for w in &words {
            args.push(w);
        }
        self.select(&sql, args.as_slice(), |r| {
            Ok(PersonHit {
                id: r.get(0)?,
                name: display_name([
                    r.get_ref(1)?.as_str()?,
                    r.get_ref(2)?.as_str()?,
                    r.get_ref(3)?.as_str()?,
                ]),
                email: r.get(4)?,
                organisation: r.get(5)?,
                acronym: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            })
        })
    }

    pub fn person_name(&self, id: Id) -> Result<String> {
        let parts: (String, String, String) = self.conn.query_row(
            "SELECT honorific, given_name, family_name FROM person WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(display_name([parts.0.as_str(), &parts.1, &parts.2]))
    }

    /// Adds a person as one edit; returns their id.
    pub fn insert_person(&mut self, p: &Person, summary: &str) -> Result<Id> {
        self.edit(summary, |tx| {
            tx.execute(
                concat!("INSERT INTO person (honorific, given_name, family_name, position, organisation_id, email, phone, notes, gender, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ", new_uid!(), ")"),
                params![p.honorific, p.given_name, p.family_name, p.position, p.organisation_id, p.email, p.phone, p.notes, gender_key(p.gender)],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn update_person(&mut self, id: Id, p: &Person, summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "UPDATE person SET honorific=?2, given_name=?3, family_name=?4, position=?5, organisation_id=?6,
                 email=?7, phone=?8, notes=?9, gender=?10 WHERE id=?1",
                params![id, p.honorific, p.given_name, p.family_name, p.position, p.organisation_id, p.email, p.phone, p.notes, gender_key(p.gender)],
            )?;
            Ok(())
        })
    }

    /// What refers to person `id`.
    pub fn person_uses(&self, id: Id) -> Result<PersonUses> {
        let c = &self.conn;
        Ok(PersonUses {
            roles: count(
                c,
                "SELECT count(*) FROM session_role WHERE person_id = ?1",
                id,
            )?,
            role_sessions: texts(c, "SELECT s.title FROM session_role r JOIN session s ON s.id = r.session_id WHERE r.person_id = ?1 ORDER BY s.start", id)?,
            registrations: count(
                c,
                "SELECT count(*) FROM attendance WHERE person_id = ?1",
                id,
            )?,
            cochair_seats: count(
                c,
                "SELECT count(*) FROM event_cochair WHERE person_id = ?1",
                id,
            )?,
            speaking_turns: count(
                c,
                "SELECT count(*) FROM speaking_slot WHERE person_id = ?1",
                id,
            )?,
        })
    }

    pub fn delete_person(&mut self, id: Id, summary: &str) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute("DELETE FROM person WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Merges person `drop` into `keep` as one edit: roles, co-chair seats,
    /// speaking turns, registrations and check-ins move to `keep`; blank
    /// fields of `keep` take `drop`'s values; `drop` is deleted.
    pub fn merge_people(&mut self, keep: Id, drop: &Person, summary: &str) -> Result<()> {
        let d = drop;
        let drop = d.id;
        self.edit(summary, |tx| {
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
            // A substitute merged keeps standing in; one merged into the
            // holder simply holds the role again.
            tx.execute(
                "UPDATE session_role SET replaced_by = ?1 WHERE replaced_by = ?2",
                [keep, drop],
            )?;
            tx.execute(
                "UPDATE session_role SET replaced_by = NULL WHERE replaced_by = person_id",
                [],
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
                        (SELECT external_id FROM person WHERE id = ?2) ELSE external_id END,
                    gender = CASE WHEN gender = '' THEN
                        (SELECT gender FROM person WHERE id = ?2) ELSE gender END
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
        })
    }

    /// Adds people in one transaction, outside the undo history; returns
    /// their ids in order.
    pub fn insert_people(&mut self, people: &[Person]) -> Result<Vec<Id>> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                concat!("INSERT INTO person (honorific, given_name, family_name, position, organisation_id, email, phone, notes, gender, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ", new_uid!(), ")"),
            )?;
            let mut ids = Vec::with_capacity(people.len());
            for p in people {
                st.execute(params![
                    p.honorific,
                    p.given_name,
                    p.family_name,
                    p.position,
                    p.organisation_id,
                    p.email,
                    p.phone,
                    p.notes,
                    gender_key(p.gender)
                ])?;
                ids.push(tx.last_insert_rowid());
            }
            Ok(ids)
        })
    }
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
