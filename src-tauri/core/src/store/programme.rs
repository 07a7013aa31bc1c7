//! Writing an imported programme: new events, rooms, organisations and
//! people, and new or updated sessions with their roles, as one step.

use super::Store;
use crate::error::Result;
use crate::model::{Id, OrgCategory, RoleKind, SessionKind};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Transaction};

/// A record the write refers to: one already in the plan, or the n-th new
/// one of its kind in the same write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefTo {
    Existing(Id),
    New(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub uid: String,
    pub title: String,
    pub short_name: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewOrganisation {
    pub uid: String,
    pub name: String,
    pub acronym: String,
    pub category: OrgCategory,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewPerson {
    pub uid: String,
    pub honorific: String,
    pub given_name: String,
    pub family_name: String,
    pub position: String,
    pub organisation: Option<RefTo>,
    pub email: String,
    pub external_id: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoleWrite {
    pub uid: String,
    pub kind: RoleKind,
    pub person: Option<RefTo>,
    pub organisation: Option<RefTo>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionWrite {
    /// Set: update this session (matched by its UUID); else add one.
    pub existing: Option<Id>,
    pub uid: String,
    pub event: RefTo,
    pub title: String,
    pub kind: SessionKind,
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    /// A day without times; `None` when `start` is set.
    pub day: Option<chrono::NaiveDate>,
    /// Blank, or a web address (`is_link`).
    pub link: String,
    pub room: Option<RefTo>,
    pub description: String,
    pub agenda_item: String,
    pub notes: String,
    /// `Some`: the session's roles become these, in order; `None` keeps
    /// the roles it has (a source that names nobody).
    pub roles: Option<Vec<RoleWrite>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgrammeWrite {
    pub events: Vec<NewEvent>,
    /// Name and UUID.
    pub rooms: Vec<(String, String)>,
    pub organisations: Vec<NewOrganisation>,
    pub people: Vec<NewPerson>,
    pub sessions: Vec<SessionWrite>,
}

fn resolve(r: RefTo, new: &[Id]) -> Option<Id> {
    match r {
        RefTo::Existing(id) => Some(id),
        RefTo::New(i) => new.get(i).copied(),
    }
}

impl Store {
    /// Writes an imported programme as one undoable step; returns the ids
    /// of the sessions in the order given.
    pub fn write_programme(&mut self, w: &ProgrammeWrite, summary: &str) -> Result<Vec<Id>> {
        self.edit(summary, |tx| write(tx, w))
    }
}

fn write(tx: &Transaction, w: &ProgrammeWrite) -> Result<Vec<Id>> {
    let mut events = Vec::with_capacity(w.events.len());
    for e in &w.events {
        tx.execute(
            "INSERT INTO event (title, short_name, first_day, last_day, description, uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![e.title, e.short_name, e.first_day, e.last_day, e.description, e.uid],
        )?;
        events.push(tx.last_insert_rowid());
    }
    let mut rooms = Vec::with_capacity(w.rooms.len());
    {
        let mut st = tx.prepare_cached("INSERT INTO room (name, uid) VALUES (?1, ?2)")?;
        for (name, uid) in &w.rooms {
            st.execute(params![name, uid])?;
            rooms.push(tx.last_insert_rowid());
        }
    }
    let mut orgs = Vec::with_capacity(w.organisations.len());
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO organisation (name, acronym, category, uid) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for o in &w.organisations {
            st.execute(params![o.name, o.acronym, o.category.key(), o.uid])?;
            orgs.push(tx.last_insert_rowid());
        }
    }
    let mut people = Vec::with_capacity(w.people.len());
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO person (honorific, given_name, family_name, position, organisation_id, email, external_id, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for p in &w.people {
            let org = p.organisation.and_then(|r| resolve(r, &orgs));
            st.execute(params![
                p.honorific,
                p.given_name,
                p.family_name,
                p.position,
                org,
                p.email,
                p.external_id,
                p.uid
            ])?;
            people.push(tx.last_insert_rowid());
        }
    }
    let mut ids = Vec::with_capacity(w.sessions.len());
    let mut insert = tx.prepare_cached(
        "INSERT INTO session (event_id, title, kind, start, \"end\", room_id, description, agenda_item, notes, uid, day, link)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE session SET event_id = ?2, title = ?3, kind = ?4, start = ?5, \"end\" = ?6, room_id = ?7,
         description = ?8, agenda_item = ?9, notes = ?10, day = ?11, link = ?12 WHERE id = ?1",
    )?;
    let mut clear_roles = tx.prepare_cached("DELETE FROM session_role WHERE session_id = ?1")?;
    let mut role = tx.prepare_cached(
        "INSERT INTO session_role (session_id, role, person_id, organisation_id, note, position, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for s in &w.sessions {
        let event = resolve(s.event, &events);
        let room = s.room.and_then(|r| resolve(r, &rooms));
        let id = match s.existing {
            Some(id) => {
                update.execute(params![
                    id,
                    event,
                    s.title,
                    s.kind.key(),
                    s.start,
                    s.end,
                    room,
                    s.description,
                    s.agenda_item,
                    s.notes,
                    s.day,
                    s.link
                ])?;
                id
            }
            None => {
                insert.execute(params![
                    event,
                    s.title,
                    s.kind.key(),
                    s.start,
                    s.end,
                    room,
                    s.description,
                    s.agenda_item,
                    s.notes,
                    s.uid,
                    s.day,
                    s.link
                ])?;
                tx.last_insert_rowid()
            }
        };
        if let Some(roles) = &s.roles {
            clear_roles.execute([id])?;
            for (n, r) in roles.iter().enumerate() {
                role.execute(params![
                    id,
                    r.kind.key(),
                    r.person.and_then(|p| resolve(p, &people)),
                    r.organisation.and_then(|o| resolve(o, &orgs)),
                    r.note,
                    n as i64,
                    r.uid
                ])?;
            }
        }
        ids.push(id);
    }
    Ok(ids)
}
