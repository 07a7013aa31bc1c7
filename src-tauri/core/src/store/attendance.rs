//! Who comes: registrations for each event, check-ins by day, and attendee
//! imports written in one go.

use super::{key_of, Store};
use crate::error::Result;
use crate::model::{Attendance, Id, OrgCategory, Person, RegistrationStatus};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, CachedStatement, Transaction};
use std::collections::HashMap;

/// An organisation an imported row points to: one the plan has, or a new one.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportOrg {
    Existing(Id),
    New { name: String, category: OrgCategory },
}

/// One change an attendee import makes.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportWrite {
    Create {
        person: Person,
        organisation: Option<ImportOrg>,
        registration: RegistrationStatus,
        capacity: String,
        check_in: Option<NaiveDate>,
    },
    Update {
        person: Person,
        /// Set when the person's organisation changes.
        organisation: Option<ImportOrg>,
        registration: Option<RegistrationStatus>,
        capacity: Option<String>,
        check_in: Option<NaiveDate>,
    },
}

impl Store {
    /// Registers a person for an event with a status and a capacity in their
    /// delegation, or with `None` removes the registration and check-ins, as
    /// one edit.
    pub fn set_registration(
        &mut self,
        event_id: Id,
        person_id: Id,
        registration: Option<RegistrationStatus>,
        capacity: &str,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
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

    /// Records a person as present (or not) on `day` of an event, as one
    /// edit; a person not yet on the event's list is added as confirmed.
    pub fn set_present(
        &mut self,
        event_id: Id,
        person_id: Id,
        day: NaiveDate,
        present: bool,
        at: NaiveDateTime,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "INSERT INTO attendance (event_id, person_id, registration) VALUES (?1, ?2, 'confirmed')
                 ON CONFLICT (event_id, person_id) DO NOTHING",
                params![event_id, person_id],
            )?;
            let attendance: Id = tx.query_row(
                "SELECT id FROM attendance WHERE event_id = ?1 AND person_id = ?2",
                params![event_id, person_id],
                |r| r.get(0),
            )?;
            if present {
                tx.execute(
                    "INSERT OR IGNORE INTO attendance_day (attendance_id, day, checked_in_at) VALUES (?1, ?2, ?3)",
                    params![attendance, day, at],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM attendance_day WHERE attendance_id = ?1 AND day = ?2",
                    params![attendance, day],
                )?;
            }
            Ok(())
        })
    }

    /// Writes an attendee import as one edit: new organisations once each,
    /// people created or updated, and their attendance at `event_id`.
    /// `progress` hears (rows written, rows to write) every 250 rows.
    pub fn write_import(
        &mut self,
        event_id: Id,
        writes: &[ImportWrite],
        summary: &str,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<()> {
        let total = writes.len() as u32;
        self.edit(summary, |tx| {
            let mut writer = ImportWriter::new(tx, event_id)?;
            for (i, w) in writes.iter().enumerate() {
                if i % 250 == 0 {
                    progress(i as u32, total);
                }
                writer.write(w)?;
            }
            Ok(())
        })
    }

    /// Adds registrations and their check-in days in one transaction, outside
    /// the undo history.
    pub fn insert_attendance(&mut self, rows: &[Attendance]) -> Result<()> {
        self.bulk(|tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO attendance (event_id, person_id, registration, capacity) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut day = tx.prepare_cached(
                "INSERT INTO attendance_day (attendance_id, day) VALUES (?1, ?2)",
            )?;
            for a in rows {
                st.execute(params![a.event_id, a.person_id, a.registration.key(), a.capacity])?;
                let id = tx.last_insert_rowid();
                for d in &a.days_present {
                    day.execute(params![id, d])?;
                }
            }
            Ok(())
        })
    }

    pub fn attendance(&self) -> Result<Vec<Attendance>> {
        self.select("SELECT a.id, a.event_id, a.person_id, a.registration,
                    (SELECT group_concat(day, ',') FROM (SELECT day FROM attendance_day d WHERE d.attendance_id = a.id ORDER BY day)),
                    a.capacity
             FROM attendance a ORDER BY a.event_id, a.id", [], |r| {
            let days: Option<String> = r.get(4)?;
            Ok(Attendance {
                id: r.get(0)?,
                event_id: r.get(1)?,
                person_id: r.get(2)?,
                registration: key_of(r.get(3)?, RegistrationStatus::from_key, 3)?,
                capacity: r.get(5)?,
                days_present: days
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .collect(),
            })
        })
    }
}

/// The statements of an attendee import, prepared once for all its rows.
struct ImportWriter<'t> {
    tx: &'t Transaction<'t>,
    event_id: Id,
    /// Organisations this import created, by lower-case name.
    new_orgs: HashMap<String, Id>,
    insert_person: CachedStatement<'t>,
    update_person: CachedStatement<'t>,
    move_person: CachedStatement<'t>,
    attend: CachedStatement<'t>,
    present: CachedStatement<'t>,
}

impl<'t> ImportWriter<'t> {
    fn new(tx: &'t Transaction<'t>, event_id: Id) -> Result<Self> {
        Ok(ImportWriter {
            tx,
            event_id,
            new_orgs: HashMap::new(),
            insert_person: tx.prepare_cached(
                concat!("INSERT INTO person (honorific, given_name, family_name, position, organisation_id, email, phone, notes, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', ", new_uid!(), ")"),
            )?,
            update_person: tx.prepare_cached(
                "UPDATE person SET honorific=?2, given_name=?3, family_name=?4, position=?5, email=?6, phone=?7 WHERE id=?1",
            )?,
            move_person: tx.prepare_cached("UPDATE person SET organisation_id=?2 WHERE id=?1")?,
            attend: tx.prepare_cached(
                "INSERT INTO attendance (event_id, person_id, registration, capacity) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (event_id, person_id) DO UPDATE SET
                   registration = coalesce(?5, registration),
                   capacity = coalesce(?6, capacity)",
            )?,
            present: tx.prepare_cached(
                "INSERT OR IGNORE INTO attendance_day (attendance_id, day)
                 SELECT id, ?3 FROM attendance WHERE event_id = ?1 AND person_id = ?2",
            )?,
        })
    }

    /// The id of the organisation a row points to; a new one is added once.
    fn org_id(&mut self, org: &Option<ImportOrg>) -> Result<Option<Id>> {
        Ok(match org {
            None => None,
            Some(ImportOrg::Existing(id)) => Some(*id),
            Some(ImportOrg::New { name, category }) => {
                let key = name.to_lowercase();
                if let Some(id) = self.new_orgs.get(&key) {
                    Some(*id)
                } else {
                    self.tx.execute(
                        concat!(
                            "INSERT INTO organisation (name, category, uid) VALUES (?1, ?2, ",
                            new_uid!(),
                            ")"
                        ),
                        params![name, category.key()],
                    )?;
                    let id = self.tx.last_insert_rowid();
                    self.new_orgs.insert(key, id);
                    Some(id)
                }
            }
        })
    }

    fn write(&mut self, w: &ImportWrite) -> Result<()> {
        let event_id = self.event_id;
        match w {
            ImportWrite::Create {
                person: p,
                organisation,
                registration,
                capacity,
                check_in,
            } => {
                let org = self.org_id(organisation)?;
                self.insert_person.execute(params![
                    p.honorific,
                    p.given_name,
                    p.family_name,
                    p.position,
                    org,
                    p.email,
                    p.phone
                ])?;
                let id = self.tx.last_insert_rowid();
                self.attend.execute(params![
                    event_id,
                    id,
                    registration.key(),
                    capacity,
                    registration.key(),
                    capacity
                ])?;
                if let Some(day) = check_in {
                    self.present.execute(params![event_id, id, day])?;
                }
            }
            ImportWrite::Update {
                person: p,
                organisation,
                registration,
                capacity,
                check_in,
            } => {
                self.update_person.execute(params![
                    p.id,
                    p.honorific,
                    p.given_name,
                    p.family_name,
                    p.position,
                    p.email,
                    p.phone
                ])?;
                if organisation.is_some() {
                    let org = self.org_id(organisation)?;
                    self.move_person.execute(params![p.id, org])?;
                }
                let default = RegistrationStatus::Registered.key();
                self.attend.execute(params![
                    event_id,
                    p.id,
                    registration.map(|r| r.key()).unwrap_or(default),
                    capacity.clone().unwrap_or_default(),
                    registration.map(|r| r.key()),
                    capacity
                ])?;
                if let Some(day) = check_in {
                    self.present.execute(params![event_id, p.id, day])?;
                }
            }
        }
        Ok(())
    }
}
