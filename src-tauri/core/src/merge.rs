//! Two teams, one plan: the other team's copy merged into ours.
//!
//! A merge is three-way: the common base (the state both copies shared at
//! the last exchange, kept in each file), ours and theirs, record by record
//! as `store::merge` keys them across copies. A field changed on one side
//! only takes that side's value; the same field changed differently on both,
//! or a record edited on one side and deleted on the other, is a clash a
//! person decides. Ordered lists (roles, co-chairs, speaking turns) merge as
//! lists. The result is written as one undoable step, and the other team's
//! file becomes the new base: it is what both copies now share.

use crate::error::{CoreError, Result};
use crate::limits::MAX_LINE;
use crate::model::{
    Gender, OrgCategory, ParticipationStatus, RegistrationStatus, RoleKind, RolePresence,
    SessionKind,
};
use crate::store::change_log::Touched;
use crate::store::merge::{
    natural_key, BaseState, KeyBy, OnGone, Rec, Records, StoredBase, TABLES,
};
use crate::store::{clean, Store};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Which side a clash is settled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Take {
    Ours,
    Theirs,
    /// The value a person typed (`Resolution::value`), for a text field.
    Edited,
}

/// A person's decision on one clash of a preview, by its number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Resolution {
    pub clash: u32,
    pub take: Take,
    pub value: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ClashKind {
    /// The same field changed differently on both sides.
    Field,
    /// Edited (or given new parts) on one side, deleted on the other.
    EditDelete,
    /// A list put in two different orders.
    Order,
}

/// One clash, in words: "Room: Plenary Hall (yours) / Meeting Room 2
/// (Indonesia team)".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Clash {
    pub n: u32,
    pub kind: ClashKind,
    /// The record ("Session “Panel I”").
    pub record: String,
    /// The field ("Room"), or what the clash is about.
    pub field: String,
    pub ours: String,
    pub theirs: String,
    /// Whether a typed value may settle it (a text field).
    pub editable: bool,
}

/// What merging a file would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct MergePreview {
    /// This copy's team ("" when not named).
    pub ours_team: String,
    /// The other copy's team, or "the other team".
    pub theirs_team: String,
    /// What the other team added, changed and deleted since the base.
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub deleted: Vec<String>,
    /// How many records this copy changed since the base.
    pub ours_changed: u32,
    /// How many of the other team's changes merge without a clash.
    pub clean: u32,
    pub clashes: Vec<Clash>,
    /// The file holds nothing this plan does not already have.
    pub nothing_new: bool,
}

/// What a merge wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Merged {
    /// The change log's words for the step ("Merged from Indonesia team: …"),
    /// or None when there was nothing to merge.
    pub step: Option<String>,
    pub added: u32,
    pub changed: u32,
    pub deleted: u32,
}

/// How clashes are settled: one by one, all one way, or not yet (a preview).
pub enum Picks<'a> {
    None,
    Each(&'a [Resolution]),
    All(Take),
}

/// A copy of a plan as a merge reads it.
pub struct Copy {
    pub records: Records,
    pub base: Option<StoredBase>,
    pub team: String,
    /// The records its change log names (None: no log, so every record
    /// that differs from the base counts as changed).
    pub changes: Option<Touched>,
}

impl Copy {
    pub fn of(store: &Store) -> Result<Copy> {
        let (records, changes) = store.records_and_changes()?;
        Ok(Copy {
            records,
            base: store.merge_base()?,
            team: store.team()?,
            changes,
        })
    }

    /// This copy as its change log tells it against `base`: a record it
    /// holds that the log does not name has the base's fields, whatever the
    /// file says. Which records it holds is the file's: the base may be the
    /// other team's file, with records this copy never had.
    fn as_logged<'a>(&'a self, base: &Records) -> Cow<'a, Records> {
        let Some(log) = &self.changes else {
            return Cow::Borrowed(&self.records);
        };
        let mut out = self.records.clone();
        for (t, table) in out.tables.iter_mut().enumerate() {
            for (key, rec) in table.iter_mut() {
                if log.names(t, key) {
                    continue;
                }
                // Only the fields: a place in a list is a number each copy
                // gives in its own way, compared as an order (`order_lists`).
                if let Some(b) = base.get(t, key) {
                    rec.fields = b.fields.clone();
                }
            }
        }
        Cow::Owned(out)
    }

    /// Reads the other team's file without writing to it: a copy of it is
    /// opened (checked as any plan is, migrated if older) and removed.
    pub fn read(path: &Path, own: Option<&Path>) -> Result<Copy> {
        if !path.is_file() {
            return Err(CoreError::Missing { path: path.into() });
        }
        if let Some(own) = own {
            if let (Ok(a), Ok(b)) = (own.canonicalize(), path.canonicalize()) {
                if a == b {
                    return Err(CoreError::invalid(
                        "file",
                        "That is this plan itself; choose the other team's file.",
                    ));
                }
            }
        }
        let stamp = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0);
        let tmp = std::env::temp_dir().join(format!(
            "plenary-merge-{}-{stamp}.plenary",
            std::process::id()
        ));
        let sides = |p: &Path, s: &str| {
            let mut o = p.as_os_str().to_owned();
            o.push(s);
            PathBuf::from(o)
        };
        let cleanup = |tmp: &Path| {
            for s in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(sides(tmp, s));
            }
        };
        std::fs::copy(path, &tmp)?;
        let wal = sides(path, "-wal");
        let read = (|| {
            if wal.is_file() {
                std::fs::copy(&wal, sides(&tmp, "-wal"))?;
            }
            let store = Store::open(&tmp)?;
            let copy = Copy::of(&store)?;
            store.close()?;
            Ok(copy)
        })();
        cleanup(&tmp);
        read.map_err(|e| named(e, &tmp, path))
    }
}

/// A refusal of the copy read, naming the file the user chose.
fn named(e: CoreError, tmp: &Path, path: &Path) -> CoreError {
    match e {
        CoreError::NotAPlan { .. } => CoreError::NotAPlan { path: path.into() },
        CoreError::NewerVersion {
            found, supported, ..
        } => CoreError::NewerVersion {
            path: path.into(),
            found,
            supported,
        },
        CoreError::Damaged(why) => {
            CoreError::Damaged(why.replace(&tmp.display().to_string(), &path.display().to_string()))
        }
        e => e,
    }
}

fn no_base(path_name: &str) -> CoreError {
    CoreError::invalid(
        "file",
        format!(
            "“{path_name}” has no common base with this plan: it is not a copy handed over from it \
             (File › Hand over a copy… makes one), so it cannot be merged."
        ),
    )
}

/// The common base of two copies: the newer of the two kept, which both
/// copies descend from (each side's base is a state the other side had).
fn common_base<'a>(
    ours: &'a Copy,
    theirs: &'a Copy,
    name: &str,
) -> Result<(&'a BaseState, Records, bool)> {
    let (Some(o), Some(t)) = (&ours.base, &theirs.base) else {
        return Err(no_base(name));
    };
    if o.state.lineage != t.state.lineage {
        return Err(CoreError::invalid(
            "file",
            format!("“{name}” is a copy of a different plan; it cannot be merged into this one."),
        ));
    }
    Ok(if t.state.generation > o.state.generation {
        (&t.state, t.records()?, false)
    } else {
        (&o.state, o.records()?, true)
    })
}

struct Planned {
    result: Records,
    clashes: Vec<Clash>,
    /// The records (and lists) a clash is about.
    clashed: HashSet<(usize, String)>,
}

/// Numbers a clash and adds it; the number is what a decision names.
fn add_clash(clashes: &mut Vec<Clash>, mut clash: Clash) -> u32 {
    clash.n = clashes.len() as u32 + 1;
    clashes.push(clash);
    clashes.len() as u32
}

fn is_changed(a: &Rec, b: &Rec) -> bool {
    a.fields != b.fields
}

/// The records a side added or changed point at (through references whose
/// loss would delete them): deleting one of those on the other side is a clash.
fn touched_parents(side: &Records, base: &Records) -> HashSet<(usize, String)> {
    let mut out = HashSet::new();
    for (t, table) in TABLES.iter().enumerate() {
        for (key, rec) in &side.tables[t] {
            let touched = match base.get(t, key) {
                None => true,
                Some(b) => is_changed(rec, b),
            };
            if !touched {
                continue;
            }
            for (i, v) in rec.fields.iter().enumerate() {
                if let (Some((target, OnGone::Drop)), Value::Text(k)) = (table.target(i), v) {
                    out.insert((target, k.clone()));
                }
            }
        }
    }
    out
}

struct Words<'a> {
    sides: [&'a Records; 3],
}

impl Words<'_> {
    fn rec(&self, t: usize, key: &str) -> Option<&Rec> {
        self.sides.iter().find_map(|s| s.get(t, key))
    }

    fn text_of(&self, t: usize, key: &str, col: &str) -> String {
        let table = &TABLES[t];
        self.rec(t, key)
            .and_then(|r| table.col(col).and_then(|i| r.fields.get(i)))
            .map(|v| match v {
                Value::Text(s) => s.clone(),
                _ => String::new(),
            })
            .unwrap_or_default()
    }

    /// A record's name, short: a title, a room's or organisation's name, a
    /// person's full name.
    fn short(&self, t: usize, key: &str) -> String {
        let name = TABLES[t].name;
        let s = match name {
            "event" | "session" => self.text_of(t, key, "title"),
            "room" | "organisation" => self.text_of(t, key, "name"),
            "person" => {
                let parts = [
                    self.text_of(t, key, "honorific"),
                    self.text_of(t, key, "given_name"),
                    self.text_of(t, key, "family_name"),
                ];
                parts
                    .iter()
                    .filter(|p| !p.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            _ => String::new(),
        };
        clean(&s, 60)
    }

    fn reference(&self, t: usize, key: &str, col: &str) -> Option<String> {
        let table = &TABLES[t];
        let i = table.col(col)?;
        let (target, _) = table.target(i)?;
        match self.rec(t, key)?.fields.get(i)? {
            Value::Text(k) => Some(self.short(target, k)),
            _ => None,
        }
    }

    /// A record as a person names it: "Session “Panel I”".
    fn label(&self, t: usize, key: &str) -> String {
        let table = &TABLES[t];
        match table.name {
            "plan" => "The plan".into(),
            "protocol_setting" => "The protocol settings".into(),
            "event" | "session" | "room" | "organisation" | "person" => {
                format!("{} “{}”", table.what, self.short(t, key))
            }
            "session_role" => {
                let role = self.text_of(t, key, "role");
                let role = RoleKind::from_key(&role)
                    .map(|r| r.label().to_string())
                    .unwrap_or(role);
                let who = self
                    .reference(t, key, "person_id")
                    .or_else(|| self.reference(t, key, "organisation_id"))
                    .unwrap_or_default();
                let session = self.reference(t, key, "session_id").unwrap_or_default();
                format!("{role} {who} in “{session}”")
            }
            "summary_section" | "accepted_conflict" => {
                format!(
                    "{} “{}”",
                    table.what,
                    clean(&self.text_of(t, key, "key"), 60)
                )
            }
            _ => {
                let names: Vec<String> = table
                    .refs
                    .iter()
                    .filter_map(|(c, _, _)| self.reference(t, key, c))
                    .filter(|s| !s.is_empty())
                    .collect();
                let day = self.text_of(t, key, "day");
                let mut s = format!("{} of {}", table.what, names.join(", "));
                if !day.is_empty() {
                    s.push_str(&format!(" on {day}"));
                }
                s
            }
        }
    }

    /// A field's name in words ("Room", "Agenda item").
    fn field(&self, t: usize, col: usize) -> String {
        let c = TABLES[t].cols[col];
        let c = c.strip_suffix("_id").unwrap_or(c).replace('_', " ");
        let mut chars = c.chars();
        match chars.next() {
            Some(f) => f.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    /// A value in words.
    fn value(&self, t: usize, col: usize, v: &Value) -> String {
        let table = &TABLES[t];
        let c = table.cols[col];
        if let (Some((target, _)), Value::Text(k)) = (table.target(col), v) {
            return self.short(target, k);
        }
        match v {
            Value::Null => "none".into(),
            Value::Integer(i) if BOOLEANS.contains(&c) => if *i == 0 { "no" } else { "yes" }.into(),
            Value::Integer(i) => i.to_string(),
            Value::Real(f) => f.to_string(),
            Value::Blob(_) => String::new(),
            Value::Text(s) if s.is_empty() => "blank".into(),
            Value::Text(s) => {
                let label = match c {
                    "kind" => SessionKind::from_key(s).map(|k| k.label()),
                    "role" => RoleKind::from_key(s).map(|k| k.label()),
                    "category" => OrgCategory::from_key(s).map(|k| k.label()),
                    "status" => ParticipationStatus::from_key(s).map(|k| k.label()),
                    "registration" => RegistrationStatus::from_key(s).map(|k| k.label()),
                    "presence" => RolePresence::from_key(s).map(|k| k.label()),
                    "gender" => Gender::from_key(s).map(|k| k.label()),
                    _ => None,
                };
                match label {
                    Some(l) => l.to_string(),
                    // Times are kept to the second; people write minutes.
                    None => clean(
                        s.strip_suffix(":00").filter(|_| s.len() == 19).unwrap_or(s),
                        80,
                    ),
                }
            }
        }
    }

    fn unit_name(&self, t: usize, unit: &[usize]) -> String {
        let table = &TABLES[t];
        match unit {
            [one] => self.field(t, *one),
            _ => TOGETHER
                .iter()
                .find(|(name, _, cols)| {
                    *name == table.name
                        && cols.first().and_then(|c| table.col(c)) == unit.first().copied()
                })
                .map(|(_, words, _)| words.to_string())
                .unwrap_or_default(),
        }
    }

    fn unit_value(&self, t: usize, unit: &[usize], values: &[Value]) -> String {
        match (unit, values) {
            ([one], [v]) => self.value(t, *one, v),
            (_, [start, end, rest @ ..]) => span_words(start, end, rest.first()),
            _ => String::new(),
        }
    }

    fn what_changed(&self, t: usize, a: &Rec, b: &Rec) -> String {
        let fields: Vec<String> = (0..TABLES[t].cols.len())
            .filter(|i| a.fields.get(*i) != b.fields.get(*i))
            .map(|i| self.field(t, i))
            .collect();
        if fields.is_empty() {
            "kept, with new or changed parts".into()
        } else {
            format!("changed: {}", fields.join(", "))
        }
    }
}

/// Columns merged as one, which only make sense together: a session's
/// times (or its day without times), what actually happened, a turn's times.
const TOGETHER: &[(&str, &str, &[&str])] = &[
    ("session", "Time", &["start", "end", "day"]),
    ("session", "Actual times", &["actual_start", "actual_end"]),
    ("speaking_slot", "Turn times", &["spoke_start", "spoke_end"]),
];

/// Table `t`'s columns as they merge: one at a time, or a `TOGETHER` group.
pub(crate) fn units(t: usize) -> Vec<Vec<usize>> {
    let table = &TABLES[t];
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut done = vec![false; table.cols.len()];
    for i in 0..table.cols.len() {
        if done[i] {
            continue;
        }
        let group = TOGETHER
            .iter()
            .find(|(name, _, cols)| *name == table.name && cols.contains(&table.cols[i]));
        let unit: Vec<usize> = match group {
            Some((_, _, cols)) => cols.iter().filter_map(|c| table.col(c)).collect(),
            None => vec![i],
        };
        for j in &unit {
            done[*j] = true;
        }
        out.push(unit);
    }
    out
}

/// "Tue 19 Nov 09:00–10:30", a day without times, or "not scheduled".
fn span_words(start: &Value, end: &Value, day: Option<&Value>) -> String {
    use chrono::{NaiveDate, NaiveDateTime};
    let at = |v: &Value| match v {
        Value::Text(s) => NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f"))
            .ok(),
        _ => None,
    };
    match (at(start), at(end)) {
        (Some(a), Some(b)) if a.date() == b.date() => {
            format!("{}–{}", a.format("%a %-d %b %H:%M"), b.format("%H:%M"))
        }
        (Some(a), Some(b)) => format!(
            "{} – {}",
            a.format("%a %-d %b %H:%M"),
            b.format("%a %-d %b %H:%M")
        ),
        (Some(a), None) => format!("{} (no end)", a.format("%a %-d %b %H:%M")),
        _ => match day {
            Some(Value::Text(d)) => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                Ok(d) => format!("{}, time to be confirmed", d.format("%a %-d %b")),
                Err(_) => clean(d, 40),
            },
            _ => "not scheduled".into(),
        },
    }
}

/// Text columns whose values are picked from a list or typed in a form
/// with its own reading (a kind, a zone, a date): a clash on one is settled
/// by taking a side, never by typing.
const CHOSEN: &[&str] = &[
    "kind",
    "role",
    "category",
    "status",
    "registration",
    "presence",
    "gender",
    "date_order",
    "time_zone",
    "first_day",
    "last_day",
    "day_start",
    "day_end",
    "day",
    "country_code",
];

const BOOLEANS: &[&str] = &[
    "pinned",
    "tentative",
    "cancelled",
    "group_roles",
    "check_panel_gender",
];

/// The choice for clash `n`, if settled.
fn pick(picks: &Picks, n: u32) -> Option<(Take, Option<String>)> {
    match picks {
        Picks::None => None,
        Picks::All(take) => Some((*take, None)),
        Picks::Each(list) => list
            .iter()
            .find(|r| r.clash == n)
            .map(|r| (r.take, r.value.clone())),
    }
}

fn three_way(
    base: &Records,
    ours: &Records,
    theirs: &Records,
    words: &Words,
    picks: &Picks,
) -> Result<Planned> {
    let mut result = Records::empty();
    let mut clashes: Vec<Clash> = Vec::new();
    let mut clashed = HashSet::new();
    let ours_touched = touched_parents(ours, base);
    let theirs_touched = touched_parents(theirs, base);
    for (t, table) in TABLES.iter().enumerate() {
        let table_units = units(t);
        let mut keys: Vec<&String> = base.tables[t]
            .keys()
            .chain(ours.tables[t].keys())
            .chain(theirs.tables[t].keys())
            .collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let (b, o, th) = (base.get(t, key), ours.get(t, key), theirs.get(t, key));
            let merged: Option<Rec> = match (b, o, th) {
                (_, Some(o), Some(th)) => {
                    let mut fields = o.fields.clone();
                    for unit in &table_units {
                        let get = |r: &Rec| -> Vec<Value> {
                            unit.iter().map(|i| r.fields[*i].clone()).collect()
                        };
                        let (ov, tv) = (get(o), get(th));
                        let bv = b.map(get);
                        if ov == tv || Some(&tv) == bv.as_ref() {
                            continue;
                        }
                        if Some(&ov) == bv.as_ref() {
                            for (j, i) in unit.iter().enumerate() {
                                fields[*i] = tv[j].clone();
                            }
                            continue;
                        }
                        let single = unit.len() == 1;
                        let editable = single
                            && matches!((&ov[0], &tv[0]), (Value::Text(_), Value::Text(_)))
                            && table.target(unit[0]).is_none()
                            && !CHOSEN.contains(&table.cols[unit[0]]);
                        let n = add_clash(
                            &mut clashes,
                            Clash {
                                n: 0,
                                kind: ClashKind::Field,
                                record: words.label(t, key),
                                field: words.unit_name(t, unit),
                                ours: words.unit_value(t, unit, &ov),
                                theirs: words.unit_value(t, unit, &tv),
                                editable,
                            },
                        );
                        clashed.insert((t, key.clone()));
                        match pick(picks, n) {
                            Some((Take::Theirs, _)) => {
                                for (j, i) in unit.iter().enumerate() {
                                    fields[*i] = tv[j].clone();
                                }
                            }
                            Some((Take::Edited, Some(text))) if editable => {
                                if text.chars().count() > crate::limits::MAX_TEXT {
                                    return Err(CoreError::invalid(
                                        "value",
                                        format!("Clash {n}: the value typed is too long."),
                                    ));
                                }
                                fields[unit[0]] = Value::Text(text);
                            }
                            Some((Take::Edited, _)) => {
                                return Err(CoreError::invalid(
                                    "value",
                                    format!(
                                        "Clash {n}: only this copy's or the other team's value can be taken here."
                                    ),
                                ))
                            }
                            _ => {}
                        }
                    }
                    Some(Rec {
                        fields,
                        order: o.order,
                    })
                }
                (Some(b), Some(o), None) => {
                    let kept_for = is_changed(o, b) || ours_touched.contains(&(t, key.clone()));
                    if !kept_for {
                        None
                    } else {
                        let n = add_clash(
                            &mut clashes,
                            Clash {
                                n: 0,
                                kind: ClashKind::EditDelete,
                                record: words.label(t, key),
                                field: "Kept or deleted".into(),
                                ours: words.what_changed(t, o, b),
                                theirs: "deleted".into(),
                                editable: false,
                            },
                        );
                        clashed.insert((t, key.clone()));
                        match pick(picks, n) {
                            Some((Take::Theirs, _)) => None,
                            _ => Some(o.clone()),
                        }
                    }
                }
                (Some(b), None, Some(th)) => {
                    let kept_for = is_changed(th, b) || theirs_touched.contains(&(t, key.clone()));
                    if !kept_for {
                        None
                    } else {
                        let n = add_clash(
                            &mut clashes,
                            Clash {
                                n: 0,
                                kind: ClashKind::EditDelete,
                                record: words.label(t, key),
                                field: "Kept or deleted".into(),
                                ours: "deleted".into(),
                                theirs: words.what_changed(t, th, b),
                                editable: false,
                            },
                        );
                        clashed.insert((t, key.clone()));
                        match pick(picks, n) {
                            Some((Take::Theirs, _)) => Some(th.clone()),
                            _ => None,
                        }
                    }
                }
                (None, Some(o), None) => Some(o.clone()),
                (None, None, Some(th)) => Some(th.clone()),
                _ => None,
            };
            if let Some(rec) = merged {
                result.tables[t].insert(key.clone(), rec);
            }
        }
        cascade(&mut result, t);
    }
    order_lists(
        [base, ours, theirs],
        &mut result,
        words,
        picks,
        &mut clashes,
        &mut clashed,
    );
    Ok(Planned {
        result,
        clashes,
        clashed,
    })
}

/// A record whose reference is gone goes too, or loses the reference, as
/// the schema's `ON DELETE` would have it. Tables come parents first, so
/// what `t` refers to is settled.
fn cascade(result: &mut Records, t: usize) {
    let table = &TABLES[t];
    let key_cols: &[&str] = match table.key {
        KeyBy::Cols(c) => c,
        _ => &[],
    };
    let (before, rest) = result.tables.split_at_mut(t); // slice-ok: tables, not text
    let Some(mine) = rest.first_mut() else {
        return;
    };
    // A reference that is part of the key, cleared, makes another key.
    let mut rekeyed: Vec<Rec> = Vec::new();
    mine.retain(|_, rec| {
        let mut cleared_key = false;
        for (i, v) in rec.fields.iter_mut().enumerate() {
            let Some((target, gone)) = table.target(i) else {
                continue;
            };
            let Value::Text(k) = v else { continue };
            let present = before
                .get(target)
                .is_some_and(|m| m.contains_key(k.as_str()));
            if present {
                continue;
            }
            if gone == OnGone::Drop {
                return false;
            }
            *v = Value::Null;
            cleared_key |= key_cols.contains(&table.cols[i]);
        }
        if cleared_key {
            rekeyed.push(rec.clone());
            return false;
        }
        true
    });
    for rec in rekeyed {
        let key = natural_key(table, &rec.fields);
        let mut unique = key.clone();
        let mut n = 1;
        while mine.contains_key(&unique) {
            n += 1;
            unique = format!("{key}#{n}");
        }
        mine.insert(unique, rec);
    }
}

fn sequence(side: &Records, t: usize, parent: usize) -> BTreeMap<String, Vec<(i64, String)>> {
    let mut groups: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for (key, rec) in &side.tables[t] {
        let g = match rec.fields.get(parent) {
            Some(Value::Text(k)) => k.clone(),
            _ => continue,
        };
        groups.entry(g).or_default().push((rec.order, key.clone()));
    }
    for list in groups.values_mut() {
        list.sort();
    }
    groups
}

fn keys_of(list: Option<&Vec<(i64, String)>>) -> Vec<String> {
    list.map(|l| l.iter().map(|(_, k)| k.clone()).collect())
        .unwrap_or_default()
}

/// Lists merge as lists: a reorder on one side is kept, an insertion on
/// either side goes after the item it followed there, and two different
/// reorders are a clash.
fn order_lists(
    [base, ours, theirs]: [&Records; 3],
    result: &mut Records,
    words: &Words,
    picks: &Picks,
    clashes: &mut Vec<Clash>,
    clashed: &mut HashSet<(usize, String)>,
) {
    for (t, table) in TABLES.iter().enumerate() {
        let Some((parent_col, _)) = table.list else {
            continue;
        };
        let Some(parent) = table.col(parent_col) else {
            continue;
        };
        let parent_table = table.target(parent).map(|(p, _)| p).unwrap_or(0);
        let (bg, og, tg, rg) = (
            sequence(base, t, parent),
            sequence(ours, t, parent),
            sequence(theirs, t, parent),
            sequence(result, t, parent),
        );
        for (group, members) in &rg {
            let present: HashSet<&String> = members.iter().map(|(_, k)| k).collect();
            let (b, o, th) = (
                keys_of(bg.get(group)),
                keys_of(og.get(group)),
                keys_of(tg.get(group)),
            );
            let in_all: HashSet<&String> = b
                .iter()
                .filter(|k| o.contains(k) && th.contains(k))
                .collect();
            let only = |l: &[String]| -> Vec<String> {
                l.iter().filter(|k| in_all.contains(k)).cloned().collect()
            };
            let (b1, o1, t1) = (only(&b), only(&o), only(&th));
            let (o_moved, t_moved) = (o1 != b1, t1 != b1);
            let mut skeleton = if t_moved && !o_moved { &th } else { &o };
            if o_moved && t_moved && o1 != t1 {
                let names = |l: &[String]| {
                    l.iter()
                        .map(|k| words.label(t, k))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                let record = format!(
                    "{} of {}",
                    plural(table.what),
                    words.label(parent_table, group)
                );
                let n = add_clash(
                    clashes,
                    Clash {
                        n: 0,
                        kind: ClashKind::Order,
                        record,
                        field: "Order".into(),
                        ours: names(&o1),
                        theirs: names(&t1),
                        editable: false,
                    },
                );
                clashed.insert((t, group.clone()));
                if let Some((Take::Theirs, _)) = pick(picks, n) {
                    skeleton = &th;
                }
            }
            let seq = weave(&b, skeleton, [&o, &th], &present, members);
            // Ours' own places where nothing moved, so nothing is rewritten.
            let keep = seq == o;
            for (i, k) in seq.iter().enumerate() {
                let order = if keep {
                    ours.get(t, k).map(|r| r.order).unwrap_or(i as i64)
                } else {
                    i as i64
                };
                if let Some(rec) = result.tables[t].get_mut(k) {
                    rec.order = order;
                }
            }
        }
    }
}

/// Where a run of added items goes.
#[derive(PartialEq)]
enum Anchor {
    Start,
    After(String),
    End,
}

/// The merged order of one list: the items it had at the base in the
/// `skeleton` side's order, and each run of items a side added after the
/// item it followed there (at the end when it ended that side's list).
/// Runs at one place go by their first key, so both directions of a merge
/// agree.
fn weave(
    base: &[String],
    skeleton: &[String],
    sides: [&Vec<String>; 2],
    present: &HashSet<&String>,
    members: &[(i64, String)],
) -> Vec<String> {
    let old: HashSet<&String> = base.iter().filter(|k| present.contains(k)).collect();
    let skel: Vec<&String> = skeleton.iter().filter(|k| old.contains(k)).collect();
    let in_skel: HashSet<&String> = skel.iter().copied().collect();
    let mut runs: Vec<(Anchor, Vec<String>)> = Vec::new();
    let mut seen: HashSet<&String> = HashSet::new();
    for side in sides {
        let mut anchor = Anchor::Start;
        let mut run: Vec<String> = Vec::new();
        for k in side.iter() {
            if !present.contains(k) {
                continue;
            }
            if in_skel.contains(k) {
                if !run.is_empty() {
                    runs.push((anchor, std::mem::take(&mut run)));
                }
                anchor = Anchor::After(k.clone());
            } else if seen.insert(k) {
                run.push(k.clone());
            }
        }
        if !run.is_empty() {
            runs.push((Anchor::End, run));
        }
    }
    runs.sort_by(|a, b| a.1.first().cmp(&b.1.first()));
    let mut seq: Vec<String> = Vec::with_capacity(members.len());
    let put = |seq: &mut Vec<String>, at: &Anchor| {
        for (a, run) in &runs {
            if a == at {
                seq.extend(run.iter().cloned());
            }
        }
    };
    put(&mut seq, &Anchor::Start);
    for k in skel {
        seq.push(k.clone());
        put(&mut seq, &Anchor::After(k.clone()));
    }
    put(&mut seq, &Anchor::End);
    let placed: HashSet<String> = seq.iter().cloned().collect();
    for (_, k) in members {
        if !placed.contains(k) {
            seq.push(k.clone());
        }
    }
    seq
}

fn plural(what: &str) -> String {
    match what {
        "Co-chair" => "Co-chairs".into(),
        "Speaking turn" => "Speaking turns".into(),
        w => format!("{w}s"),
    }
}

/// The other team's changes since the base, in words.
fn their_changes(
    base: &Records,
    theirs: &Records,
    words: &Words,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    const MAX_LISTED: usize = 500;
    let (mut added, mut changed, mut deleted) = (Vec::new(), Vec::new(), Vec::new());
    for t in 0..TABLES.len() {
        for (key, rec) in &theirs.tables[t] {
            match base.get(t, key) {
                None => added.push(words.label(t, key)),
                Some(b) if b != rec => {
                    let what: Vec<String> = units(t)
                        .iter()
                        .filter(|u| u.iter().any(|i| b.fields[*i] != rec.fields[*i]))
                        .map(|u| words.unit_name(t, u))
                        .collect();
                    let what = if what.is_empty() {
                        "place in its list".to_string()
                    } else {
                        what.join(", ")
                    };
                    changed.push(format!("{}: {what}", words.label(t, key)));
                }
                _ => {}
            }
        }
        for key in base.tables[t].keys() {
            if theirs.get(t, key).is_none() {
                deleted.push(words.label(t, key));
            }
        }
    }
    for l in [&mut added, &mut changed, &mut deleted] {
        l.truncate(MAX_LISTED);
    }
    (added, changed, deleted)
}

fn count_changes(base: &Records, side: &Records) -> usize {
    let mut n = 0;
    for t in 0..TABLES.len() {
        for (key, rec) in &side.tables[t] {
            if base.get(t, key) != Some(rec) {
                n += 1;
            }
        }
        n += base.tables[t]
            .keys()
            .filter(|k| side.get(t, k).is_none())
            .count();
    }
    n
}

/// The other team's name as the change log and the clashes give it.
fn their_name(theirs: &Copy) -> String {
    if theirs.team.trim().is_empty() {
        "the other team".into()
    } else {
        theirs.team.clone()
    }
}

/// A merge worked out: what it would do, the merged records and the next base.
struct Prepared {
    preview: MergePreview,
    planned: Planned,
    new_base: BaseState,
}

fn plan_merge(ours: &Copy, theirs: &Copy, name: &str, picks: &Picks) -> Result<Prepared> {
    let (state, base_kept, ours_base) = common_base(ours, theirs, name)?;
    // Each side's changes are what its change log names (`change_log`).
    let (ours_logged, theirs_logged) = (ours.as_logged(&base_kept), theirs.as_logged(&base_kept));
    // Room names are unique in a plan: a room both copies have under one
    // name is one room, so theirs takes our key for it.
    let rooms = same_rooms(&ours.records, &theirs_logged, &base_kept);
    let (base, theirs_logged) = (rekey(&base_kept, &rooms), rekey(&theirs_logged, &rooms));
    let base: &Records = &base;
    let words = Words {
        sides: [&ours.records, &theirs_logged, base],
    };
    let mut planned = three_way(base, &ours_logged, &theirs_logged, &words, picks)?;
    keep_unnamed(&mut planned.result, ours, theirs);
    let (added, changed, deleted) = their_changes(base, &theirs_logged, &words);
    let theirs_n = count_changes(base, &theirs_logged);
    let clean = theirs_n.saturating_sub(planned.clashed.len());
    // Nothing to write: the plan stays as it is and its base is their file.
    let nothing_new = ours_base
        && planned.clashes.is_empty()
        && planned.result == ours.records
        && base_kept == theirs.records;
    let other_gen = [&ours.base, &theirs.base]
        .iter()
        .filter_map(|b| b.as_ref().map(|b| b.state.generation))
        .max()
        .unwrap_or(0);
    let preview = MergePreview {
        ours_team: ours.team.clone(),
        theirs_team: their_name(theirs),
        added,
        changed,
        deleted,
        ours_changed: count_changes(base, &ours_logged) as u32,
        clean: clean as u32,
        clashes: planned.clashes.clone(),
        nothing_new,
    };
    Ok(Prepared {
        preview,
        planned,
        new_base: BaseState {
            lineage: state.lineage.clone(),
            generation: other_gen + 1,
        },
    })
}

/// Their keys for rooms ours holds under the same name (SQLite's NOCASE:
/// ASCII letters folded) and another key, where neither their copy nor the
/// base already holds ours.
fn same_rooms(ours: &Records, theirs: &Records, base: &Records) -> BTreeMap<String, String> {
    let Some(t) = crate::store::merge::table_index("room") else {
        return BTreeMap::new();
    };
    let name = |r: &Rec| match r.fields.first() {
        Some(Value::Text(n)) => Some(n.to_ascii_lowercase()),
        _ => None,
    };
    let ours_by_name: BTreeMap<String, &String> = ours.tables[t]
        .iter()
        .filter_map(|(k, r)| Some((name(r)?, k)))
        .collect();
    let mut out = BTreeMap::new();
    for (key, rec) in &theirs.tables[t] {
        let Some(ours_key) = name(rec).and_then(|n| ours_by_name.get(&n).copied()) else {
            continue;
        };
        if ours_key != key
            && ours.get(t, key).is_none()
            && theirs.get(t, ours_key).is_none()
            && base.get(t, ours_key).is_none()
        {
            out.insert(key.clone(), ours_key.clone());
        }
    }
    out
}

/// `records` with the rooms of `rooms` under their new keys, and every
/// reference to them too.
fn rekey<'a>(records: &'a Records, rooms: &BTreeMap<String, String>) -> Cow<'a, Records> {
    let Some(room) = crate::store::merge::table_index("room") else {
        return Cow::Borrowed(records);
    };
    if rooms.is_empty() {
        return Cow::Borrowed(records);
    }
    let mut out = records.clone();
    for (from, to) in rooms {
        if let Some(rec) = out.tables[room].remove(from) {
            out.tables[room].insert(to.clone(), rec);
        }
    }
    for (t, table) in TABLES.iter().enumerate() {
        let refs: Vec<usize> = (0..table.cols.len())
            .filter(|i| table.target(*i).is_some_and(|(target, _)| target == room))
            .collect();
        if refs.is_empty() {
            continue;
        }
        for rec in out.tables[t].values_mut() {
            for i in &refs {
                if let Value::Text(k) = &rec.fields[*i] {
                    if let Some(to) = rooms.get(k) {
                        rec.fields[*i] = Value::Text(to.clone());
                    }
                }
            }
        }
    }
    Cow::Owned(out)
}

/// A record neither change log names stays as this file has it: a merge
/// never rewrites what neither side changed, even where the file and its
/// base disagree.
fn keep_unnamed(result: &mut Records, ours: &Copy, theirs: &Copy) {
    // A copy without a log names every record.
    let (Some(o), Some(th)) = (&ours.changes, &theirs.changes) else {
        return;
    };
    keep_where(result, &ours.records, |t, k| {
        !o.names(t, k) && !th.names(t, k)
    });
}

fn keep_where(result: &mut Records, ours: &Records, unnamed: impl Fn(usize, &str) -> bool) {
    for t in 0..TABLES.len() {
        let keys: Vec<String> = result.tables[t]
            .keys()
            .chain(ours.tables[t].keys())
            .filter(|k| unnamed(t, k))
            .cloned()
            .collect();
        for key in keys {
            match (ours.get(t, &key), result.tables[t].get_mut(&key)) {
                // Its fields; its place is the merged list's.
                (Some(rec), Some(merged)) => merged.fields = rec.fields.clone(),
                (Some(rec), None) => {
                    result.tables[t].insert(key, rec.clone());
                }
                (None, _) => {
                    result.tables[t].remove(&key);
                }
            }
        }
    }
}

fn file_name(path: &Path) -> String {
    clean(
        &path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        80,
    )
}

/// What merging the file at `path` into `store` would do; nothing is written.
pub fn preview(store: &Store, path: &Path) -> Result<MergePreview> {
    let theirs = Copy::read(path, store.path())?;
    preview_copies(&Copy::of(store)?, &theirs, &file_name(path))
}

pub fn preview_copies(ours: &Copy, theirs: &Copy, name: &str) -> Result<MergePreview> {
    Ok(plan_merge(ours, theirs, name, &Picks::None)?.preview)
}

/// Merges the file at `path` into `store` as one undoable step, every
/// clash settled by `picks`; refuses while a clash is left undecided.
pub fn merge(store: &mut Store, path: &Path, picks: &Picks) -> Result<Merged> {
    let theirs = Copy::read(path, store.path())?;
    merge_copy(store, &theirs, &file_name(path), picks)
}

pub fn merge_copy(store: &mut Store, theirs: &Copy, name: &str, picks: &Picks) -> Result<Merged> {
    let ours = Copy::of(store)?;
    let plan = plan_merge(&ours, theirs, name, picks)?;
    let undecided: Vec<u32> = plan
        .preview
        .clashes
        .iter()
        .map(|c| c.n)
        .filter(|n| pick(picks, *n).is_none())
        .collect();
    if !undecided.is_empty() {
        return Err(CoreError::invalid(
            "clashes",
            format!(
                "{} {} need a decision before the merge: {}.",
                undecided.len(),
                if undecided.len() == 1 {
                    "clash"
                } else {
                    "clashes"
                },
                undecided
                    .iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    if let Picks::Each(list) = picks {
        if let Some(r) = list
            .iter()
            .find(|r| r.clash == 0 || r.clash as usize > plan.preview.clashes.len())
        {
            return Err(CoreError::invalid(
                "clashes",
                format!(
                    "There is no clash {} in this merge; preview it again.",
                    r.clash
                ),
            ));
        }
    }
    if plan.preview.nothing_new {
        return Ok(Merged {
            step: None,
            added: 0,
            changed: 0,
            deleted: 0,
        });
    }
    let who = their_name(theirs);
    let summary_at = |a: usize, c: usize, d: usize| {
        let mut parts = Vec::new();
        for (n, w) in [(a, "added"), (c, "changed"), (d, "deleted")] {
            if n > 0 {
                parts.push(format!("{n} {w}"));
            }
        }
        if parts.is_empty() {
            format!("Merged from {who}: nothing new")
        } else {
            format!("Merged from {who}: {}", parts.join(", "))
        }
    };
    // The step is named before it is written: by what the merge changes in
    // this plan, record by record.
    let (added, changed, deleted) = count_diff(&ours.records, &plan.planned.result);
    let summary = summary_at(added, changed, deleted);
    store.write_merge(
        &summary,
        &plan.planned.result,
        &theirs.records,
        &plan.new_base,
    )?;
    Ok(Merged {
        step: Some(summary),
        added: added as u32,
        changed: changed as u32,
        deleted: deleted as u32,
    })
}

fn count_diff(a: &Records, b: &Records) -> (usize, usize, usize) {
    let (mut added, mut changed, mut deleted) = (0, 0, 0);
    for t in 0..TABLES.len() {
        for (k, rec) in &b.tables[t] {
            match a.get(t, k) {
                None => added += 1,
                Some(was) if was != rec => changed += 1,
                _ => {}
            }
        }
        deleted += a.tables[t].keys().filter(|k| b.get(t, k).is_none()).count();
    }
    (added, changed, deleted)
}

/// Checks a team's name: one line, not blank.
pub fn team_name(team: &str) -> Result<String> {
    let team = team.trim();
    if team.is_empty() {
        return Err(CoreError::invalid(
            "team",
            "Name the team (e.g. “Indonesia team”).",
        ));
    }
    if team.chars().count() > MAX_LINE || team.chars().any(char::is_control) {
        return Err(CoreError::invalid(
            "team",
            format!("A team's name is one line of at most {MAX_LINE} characters."),
        ));
    }
    Ok(team.to_string())
}

/// Names this copy ("Australia team"), as one undoable step.
pub fn set_team(store: &mut Store, team: &str) -> Result<()> {
    let team = team_name(team)?;
    store.set_team(&team)
}

/// Writes a copy of the plan for `team` at `out`, with the common base
/// recorded in both: the copy names its team and starts with no history.
pub fn handover(store: &mut Store, team: &str, out: &Path) -> Result<()> {
    let team = team_name(team)?;
    if out.exists() {
        return Err(CoreError::Exists { path: out.into() });
    }
    let state = match store.merge_base()? {
        Some(b) => BaseState {
            lineage: b.state.lineage,
            generation: b.state.generation + 1,
        },
        None => BaseState {
            lineage: store.new_lineage()?,
            generation: 1,
        },
    };
    store.keep_base(&format!("Handed over a copy to {team}"), &state)?;
    store.save_copy(out)?;
    let mut copy = Store::open(out)?;
    copy.settle_team(&team)?;
    copy.forget_history()?;
    copy.close()
}

#[cfg(test)]
mod tests;
