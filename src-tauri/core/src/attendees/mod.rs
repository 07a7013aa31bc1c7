//! Attendee lists: CSV import (preview, then one transaction), export, the
//! protocol-ordered list, check-in, and a person's itinerary.

pub mod csv_file;

use crate::error::{CoreError, Result};
use crate::limits::*;
use crate::model::*;
use crate::store::{ImportOrg as OrgRef, ImportWrite, Store};
use csv_file::{escape_cell, CsvTable};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// What a CSV column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    Ignore,
    ExternalId,
    FullName,
    Honorific,
    GivenName,
    FamilyName,
    Email,
    Organisation,
    Category,
    Position,
    Phone,
    Registration,
    Capacity,
    CheckInDate,
}

impl ImportField {
    pub const ALL: &'static [ImportField] = &[
        ImportField::Ignore,
        ImportField::ExternalId,
        ImportField::FullName,
        ImportField::Honorific,
        ImportField::GivenName,
        ImportField::FamilyName,
        ImportField::Email,
        ImportField::Organisation,
        ImportField::Category,
        ImportField::Position,
        ImportField::Phone,
        ImportField::Registration,
        ImportField::Capacity,
        ImportField::CheckInDate,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ImportField::Ignore => "ignore",
            ImportField::ExternalId => "external_id",
            ImportField::FullName => "full_name",
            ImportField::Honorific => "honorific",
            ImportField::GivenName => "given_name",
            ImportField::FamilyName => "family_name",
            ImportField::Email => "email",
            ImportField::Organisation => "organisation",
            ImportField::Category => "category",
            ImportField::Position => "position",
            ImportField::Phone => "phone",
            ImportField::Registration => "registration",
            ImportField::Capacity => "capacity",
            ImportField::CheckInDate => "check_in_date",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.key() == key)
    }

    /// The words shown in the import screen's column mapping.
    pub fn label(self) -> &'static str {
        match self {
            ImportField::Ignore => "(ignore this column)",
            ImportField::ExternalId => "External id",
            ImportField::FullName => "Full name",
            ImportField::Honorific => "Honorific",
            ImportField::GivenName => "Given name",
            ImportField::FamilyName => "Family name",
            ImportField::Email => "Email",
            ImportField::Organisation => "Organisation",
            ImportField::Category => "Category",
            ImportField::Position => "Position",
            ImportField::Phone => "Phone",
            ImportField::Registration => "Registration",
            ImportField::Capacity => "Capacity",
            ImportField::CheckInDate => "Check-in date",
        }
    }
}

/// The field a header names, for the Indico registrants export, the pretalx
/// speaker export, Eventbrite attendee reports, and Plenary's own export.
pub fn field_for_header(header: &str) -> ImportField {
    use ImportField as F;
    let h = header.trim().trim_start_matches('\u{feff}').to_lowercase();
    match h.as_str() {
        "id" | "external id" => F::ExternalId,
        "name" | "full name" => F::FullName,
        "title" | "honorific" | "prefix" | "salutation" => F::Honorific,
        "first name" | "given name" | "firstname" | "attendee first name" => F::GivenName,
        "last name" | "family name" | "surname" | "lastname" | "attendee last name" => {
            F::FamilyName
        }
        "email" | "email address" | "e-mail" | "attendee email" => F::Email,
        "affiliation" | "organisation" | "organization" | "company" | "delegation" => {
            F::Organisation
        }
        "category" | "organisation category" => F::Category,
        "position" | "job title" => F::Position,
        "phone" | "phone number" => F::Phone,
        "registration state" | "registration" | "registration status" => F::Registration,
        "capacity" => F::Capacity,
        "check-in date" | "checked in on" => F::CheckInDate,
        _ => F::Ignore,
    }
}

pub fn auto_map(headers: &[String]) -> Vec<ImportField> {
    let mut seen = std::collections::HashSet::new();
    headers
        .iter()
        .map(|h| {
            let f = field_for_header(h);
            // A second column for the same field is left for the user to map.
            if f != ImportField::Ignore && !seen.insert(f) {
                ImportField::Ignore
            } else {
                f
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Create,
    Update,
    Unchanged,
    Skip,
    Error,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RowPreview {
    pub line: u32,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub action: RowAction,
    /// What will change, why it is skipped, or what is wrong (one line).
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ImportPreview {
    pub encoding: String,
    pub delimiter: String,
    pub headers: Vec<String>,
    pub mapping: Vec<ImportField>,
    pub rows: Vec<RowPreview>,
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub skipped: u32,
    pub errors: u32,
}

/// One row, read and checked.
#[derive(Debug, Clone, PartialEq, Default)]
struct Row {
    line: u32,
    external_id: String,
    honorific: String,
    given: String,
    family: String,
    email: String,
    organisation: String,
    category: Option<OrgCategory>,
    position: String,
    phone: String,
    registration: Option<RegistrationStatus>,
    capacity: String,
    check_in: Option<chrono::NaiveDate>,
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

fn registration_of(value: &str) -> Option<RegistrationStatus> {
    use RegistrationStatus as R;
    match value.trim().to_lowercase().as_str() {
        "invited" => Some(R::Invited),
        "registered" | "pending" | "unpaid" | "awaiting payment" => Some(R::Registered),
        "confirmed" | "complete" | "completed" | "attending" => Some(R::Confirmed),
        "declined" | "withdrawn" | "rejected" | "cancelled" | "canceled" => Some(R::Declined),
        _ => None,
    }
}

fn category_of(value: &str) -> Option<OrgCategory> {
    let v = value.trim().to_lowercase();
    OrgCategory::ALL.iter().copied().find(|c| {
        c.label().to_lowercase() == v
            || c.key() == v.replace(' ', "_")
            || (v == "workstream" && *c == OrgCategory::Workstream)
    })
}

/// Reads one CSV row through the mapping; Err is the row's one-line error.
fn read_row(
    line: u32,
    cells: &[String],
    mapping: &[ImportField],
    width: usize,
) -> std::result::Result<Option<Row>, String> {
    if cells.iter().all(|c| c.trim().is_empty()) {
        return Ok(None);
    }
    if cells.len() != width {
        let n = cells.len();
        return Err(format!(
            "Row {line}: has {n} field{}, the header has {width}.",
            if n == 1 { "" } else { "s" }
        ));
    }
    let mut r = Row {
        line,
        ..Default::default()
    };
    let mut full_name = String::new();
    for (cell, field) in cells.iter().zip(mapping) {
        let v = cell.trim().to_string();
        match field {
            ImportField::Ignore => {}
            ImportField::ExternalId => r.external_id = v,
            ImportField::FullName => full_name = v,
            ImportField::Honorific => r.honorific = v,
            ImportField::GivenName => r.given = v,
            ImportField::FamilyName => r.family = v,
            ImportField::Email => r.email = v.to_lowercase(),
            ImportField::Organisation => r.organisation = v,
            ImportField::Category => {
                if !v.is_empty() {
                    r.category = Some(category_of(&v).ok_or_else(|| {
                        format!(
                            "Row {line}: Category \"{v}\" is not one of: {}.",
                            OrgCategory::ALL
                                .iter()
                                .map(|c| c.label().to_lowercase())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })?);
                }
            }
            ImportField::Position => r.position = v,
            ImportField::Phone => r.phone = v,
            ImportField::Registration => {
                if !v.is_empty() {
                    r.registration = Some(registration_of(&v).ok_or_else(|| {
                        format!("Row {line}: Registration \"{v}\" is not one of: invited, registered, confirmed, declined.")
                    })?);
                }
            }
            ImportField::Capacity => {
                if !v.is_empty() && !CAPACITIES.contains(&v.to_lowercase().as_str()) {
                    return Err(format!(
                        "Row {line}: Capacity \"{v}\" is not one of: {}.",
                        CAPACITIES.join(", ")
                    ));
                }
                r.capacity = v.to_lowercase();
            }
            ImportField::CheckInDate => {
                if !v.is_empty() {
                    let day = v
                        .get(..10)
                        .and_then(crate::forms::parse_date)
                        .ok_or_else(|| {
                            format!(
                                "Row {line}: Check-in date \"{v}\" is not a date (use YYYY-MM-DD)."
                            )
                        })?;
                    r.check_in = Some(day);
                }
            }
        }
    }
    if r.given.is_empty() && r.family.is_empty() && !full_name.is_empty() {
        match full_name.rsplit_once(' ') {
            Some((given, family)) => {
                r.given = given.trim().to_string();
                r.family = family.trim().to_string();
            }
            None => r.family = full_name,
        }
    }
    if r.given.is_empty() && r.family.is_empty() {
        return Err(format!("Row {line}: Name is missing."));
    }
    for (label, value, max) in [
        ("First name", &r.given, MAX_NAME),
        ("Last name", &r.family, MAX_NAME),
        ("Title", &r.honorific, MAX_HONORIFIC),
        ("Organisation", &r.organisation, MAX_IMPORTED_ORGANISATION),
        ("Position", &r.position, MAX_TITLE),
        ("Phone", &r.phone, MAX_PHONE),
        ("Email", &r.email, MAX_EMAIL),
        ("ID", &r.external_id, MAX_EXTERNAL_ID),
    ] {
        if has_control(value) {
            return Err(format!("Row {line}: {label} contains a control character."));
        }
        if value.chars().count() > max {
            return Err(format!(
                "Row {line}: {label} is longer than {max} characters."
            ));
        }
    }
    if !r.email.is_empty() && !crate::forms::valid_email(&r.email) {
        return Err(format!(
            "Row {line}: Email \"{}\" is not a valid email address.",
            r.email
        ));
    }
    if r.category.is_some() && r.organisation.is_empty() {
        return Err(format!(
            "Row {line}: Category is set but Organisation is empty."
        ));
    }
    Ok(Some(r))
}

/// Everything an import needs to know about the plan, loaded once.
struct Existing {
    people: Vec<Person>,
    by_email: HashMap<String, usize>,
    by_name: HashMap<(String, String, Option<Id>), usize>,
    orgs: HashMap<String, Organisation>,
    attendance: HashMap<Id, Attendance>,
}

fn name_key(given: &str, family: &str, org: Option<Id>) -> (String, String, Option<Id>) {
    (given.to_lowercase(), family.to_lowercase(), org)
}

impl Existing {
    fn load(store: &Store, event_id: Id) -> Result<Existing> {
        let people = store.people()?;
        let mut by_email = HashMap::new();
        let mut by_name = HashMap::new();
        for (i, p) in people.iter().enumerate() {
            if !p.email.is_empty() {
                by_email.insert(p.email.to_lowercase(), i);
            }
            by_name.insert(
                name_key(&p.given_name, &p.family_name, p.organisation_id),
                i,
            );
        }
        let mut orgs = HashMap::new();
        for o in store.organisations()? {
            if !o.acronym.is_empty() {
                orgs.insert(o.acronym.to_lowercase(), o.clone());
            }
            orgs.insert(o.name.to_lowercase(), o);
        }
        let attendance = store
            .attendance()?
            .into_iter()
            .filter(|a| a.event_id == event_id)
            .map(|a| (a.person_id, a))
            .collect();
        Ok(Existing {
            people,
            by_email,
            by_name,
            orgs,
            attendance,
        })
    }
}

/// Reads a CSV file and says, row by row, what importing it into `event_id`
/// would do. Nothing is written.
pub fn preview(
    store: &Store,
    table: &CsvTable,
    mapping: &[ImportField],
    event_id: Id,
) -> Result<(ImportPreview, Vec<ImportWrite>)> {
    store.event(event_id)?;
    if mapping.len() != table.headers.len() {
        return Err(CoreError::invalid(
            "mapping",
            format!(
                "The mapping names {} columns; the file has {}.",
                mapping.len(),
                table.headers.len()
            ),
        ));
    }
    let mut seen: HashMap<ImportField, usize> = HashMap::new();
    for (i, f) in mapping.iter().enumerate() {
        if *f == ImportField::Ignore {
            continue;
        }
        if let Some(first) = seen.insert(*f, i) {
            return Err(CoreError::invalid(
                "mapping",
                format!(
                    "Columns \"{}\" and \"{}\" both map to {}.",
                    table.headers[first],
                    table.headers[i],
                    f.key().replace('_', " ")
                ),
            ));
        }
    }
    if ![
        ImportField::FullName,
        ImportField::GivenName,
        ImportField::FamilyName,
    ]
    .iter()
    .any(|f| seen.contains_key(f))
    {
        return Err(CoreError::invalid(
            "mapping",
            "Map at least one name column (Name, First name or Last name).",
        ));
    }
    let existing = Existing::load(store, event_id)?;
    let width = table.headers.len();
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut writes = Vec::new();
    let mut in_file_email: HashMap<String, u32> = HashMap::new();
    let mut in_file_name: HashMap<(String, String, String), u32> = HashMap::new();
    let mut new_orgs: HashMap<String, ()> = HashMap::new();
    let mut counts = [0u32; 5];
    for raw in &table.rows {
        let row = match read_row(raw.line, &raw.cells, mapping, width) {
            Ok(Some(r)) => r,
            Ok(None) => continue,
            Err(message) => {
                counts[4] += 1;
                rows.push(RowPreview {
                    line: raw.line,
                    name: raw
                        .cells
                        .iter()
                        .take(3)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .trim()
                        .to_string(),
                    email: String::new(),
                    organisation: String::new(),
                    action: RowAction::Error,
                    message,
                });
                continue;
            }
        };
        let display = display_name([row.honorific.as_str(), &row.given, &row.family]);
        let mut preview = RowPreview {
            line: row.line,
            name: display,
            email: row.email.clone(),
            organisation: row.organisation.clone(),
            action: RowAction::Create,
            message: String::new(),
        };
        let duplicate = if !row.email.is_empty() {
            in_file_email
                .insert(row.email.clone(), row.line)
                .map(|first| format!("same email as row {first}"))
        } else {
            in_file_name
                .insert(
                    (
                        row.given.to_lowercase(),
                        row.family.to_lowercase(),
                        row.organisation.to_lowercase(),
                    ),
                    row.line,
                )
                .map(|first| format!("same name and organisation as row {first}"))
        };
        if let Some(why) = duplicate {
            counts[4] += 1;
            preview.action = RowAction::Error;
            preview.message = format!("Row {}: duplicates an earlier row ({why}).", row.line);
            rows.push(preview);
            continue;
        }
        let org = if row.organisation.is_empty() {
            None
        } else {
            match existing.orgs.get(&row.organisation.to_lowercase()) {
                Some(o) => Some(OrgRef::Existing(o.id)),
                None => {
                    new_orgs.insert(row.organisation.to_lowercase(), ());
                    Some(OrgRef::New {
                        name: row.organisation.clone(),
                        category: row.category.unwrap_or(OrgCategory::Workstream),
                    })
                }
            }
        };
        let org_id = match &org {
            Some(OrgRef::Existing(id)) => Some(*id),
            _ => None,
        };
        let matched = (!row.email.is_empty())
            .then(|| existing.by_email.get(&row.email))
            .flatten()
            .or_else(|| {
                existing
                    .by_name
                    .get(&name_key(&row.given, &row.family, org_id))
            })
            .map(|i| &existing.people[*i]);
        let registration = row.registration.unwrap_or(RegistrationStatus::Registered);
        match matched {
            None => {
                counts[0] += 1;
                preview.message = match &org {
                    Some(OrgRef::New { category, .. }) => {
                        format!("new person; new organisation ({})", category.label())
                    }
                    _ => "new person".into(),
                };
                writes.push(ImportWrite::Create {
                    person: person_of(&row, 0),
                    organisation: org,
                    registration,
                    capacity: row.capacity.clone(),
                    check_in: row.check_in,
                });
            }
            Some(p) => {
                let mut updated = p.clone();
                let mut changes = Vec::new();
                for (label, target, value) in [
                    ("title", &mut updated.honorific, &row.honorific),
                    ("first name", &mut updated.given_name, &row.given),
                    ("last name", &mut updated.family_name, &row.family),
                    ("email", &mut updated.email, &row.email),
                    ("position", &mut updated.position, &row.position),
                    ("phone", &mut updated.phone, &row.phone),
                ] {
                    if !value.is_empty() && target != value {
                        *target = value.clone();
                        changes.push(label);
                    }
                }
                let org_change = match &org {
                    Some(OrgRef::Existing(id)) if p.organisation_id != Some(*id) => true,
                    Some(OrgRef::New { .. }) => true,
                    _ => false,
                };
                if org_change {
                    changes.push("organisation");
                }
                let att = existing.attendance.get(&p.id);
                let att_change = match att {
                    None => true,
                    Some(a) => {
                        (row.registration.is_some() && a.registration != registration)
                            || (!row.capacity.is_empty() && a.capacity != row.capacity)
                            || row.check_in.is_some_and(|d| !a.days_present.contains(&d))
                    }
                };
                if att_change {
                    changes.push(if att.is_none() {
                        "registered for this event"
                    } else {
                        "registration"
                    });
                }
                if changes.is_empty() {
                    counts[2] += 1;
                    preview.action = RowAction::Unchanged;
                    preview.message = "already up to date".into();
                } else {
                    counts[1] += 1;
                    preview.action = RowAction::Update;
                    preview.message = format!("updates {}", changes.join(", "));
                    writes.push(ImportWrite::Update {
                        person: updated,
                        organisation: if org_change { org } else { None },
                        registration: if row.registration.is_some() || att.is_none() {
                            Some(registration)
                        } else {
                            None
                        },
                        capacity: (!row.capacity.is_empty()).then(|| row.capacity.clone()),
                        check_in: row.check_in,
                    });
                }
            }
        }
        rows.push(preview);
    }
    Ok((
        ImportPreview {
            encoding: table.encoding.clone(),
            delimiter: table.delimiter.clone(),
            headers: table.headers.clone(),
            mapping: mapping.to_vec(),
            rows,
            created: counts[0],
            updated: counts[1],
            unchanged: counts[2],
            skipped: counts[3],
            errors: counts[4],
        },
        writes,
    ))
}

fn person_of(r: &Row, id: Id) -> Person {
    Person {
        id,
        honorific: r.honorific.clone(),
        given_name: r.given.clone(),
        family_name: r.family.clone(),
        position: r.position.clone(),
        organisation_id: None,
        email: r.email.clone(),
        phone: r.phone.clone(),
        notes: String::new(),
    }
}

/// How far an import has got: rows written of rows to write.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// Reads CSV bytes and previews importing them; `mapping` None maps automatically.
pub fn preview_file(
    store: &Store,
    bytes: &[u8],
    mapping: Option<&[ImportField]>,
    event_id: Id,
) -> Result<ImportPreview> {
    let table = csv_file::read_table(bytes)?;
    let mapping = mapping
        .map(|m| m.to_vec())
        .unwrap_or_else(|| auto_map(&table.headers));
    Ok(preview(store, &table, &mapping, event_id)?.0)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ImportSummary {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub errors: u32,
}

/// Imports a CSV file into `event_id` as one transaction and one undoable
/// step. With errors in the file nothing is written unless `skip_invalid`.
pub fn import(
    store: &mut Store,
    file_name: &str,
    bytes: &[u8],
    mapping: Option<&[ImportField]>,
    event_id: Id,
    skip_invalid: bool,
) -> Result<(ImportPreview, ImportSummary)> {
    import_with_progress(
        store,
        file_name,
        bytes,
        mapping,
        event_id,
        skip_invalid,
        &mut |_, _| {},
    )
}

/// `import`, reporting (rows written, rows to write) as it goes.
pub fn import_with_progress(
    store: &mut Store,
    file_name: &str,
    bytes: &[u8],
    mapping: Option<&[ImportField]>,
    event_id: Id,
    skip_invalid: bool,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<(ImportPreview, ImportSummary)> {
    let table = csv_file::read_table(bytes)?;
    let mapping = mapping
        .map(|m| m.to_vec())
        .unwrap_or_else(|| auto_map(&table.headers));
    let (preview, writes) = self::preview(store, &table, &mapping, event_id)?;
    if preview.errors > 0 && !skip_invalid {
        let first = preview
            .rows
            .iter()
            .find(|r| r.action == RowAction::Error)
            .map(|r| r.message.clone())
            .unwrap_or_default();
        return Err(CoreError::invalid(
            "file",
            format!(
                "{} row{} cannot be imported (first: {first}); nothing was written.",
                preview.errors,
                if preview.errors == 1 { "" } else { "s" }
            ),
        ));
    }
    if !writes.is_empty() {
        store.write_import(
            event_id,
            &writes,
            &format!(
                "Imported {} people from {file_name}",
                preview.created + preview.updated
            ),
            progress,
        )?;
    }
    progress(writes.len() as u32, writes.len() as u32);
    let summary = ImportSummary {
        created: preview.created,
        updated: preview.updated,
        unchanged: preview.unchanged,
        errors: preview.errors,
    };
    Ok((preview, summary))
}

/// The attendees of an event, one line each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct AttendeeLine {
    pub person_id: Id,
    pub honorific: String,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub position: String,
    pub phone: String,
    pub organisation: String,
    pub category: Option<OrgCategory>,
    pub registration: RegistrationStatus,
    pub capacity: String,
    pub days_present: Vec<chrono::NaiveDate>,
}

/// The attendees of `event_id`, by delegation in protocol order (host and
/// co-chairs first), head of delegation first within each.
pub fn attendee_list(store: &Store, event_id: Id) -> Result<Vec<AttendeeLine>> {
    store.event(event_id)?;
    let people: HashMap<Id, Person> = store.people()?.into_iter().map(|p| (p.id, p)).collect();
    let orgs: HashMap<Id, Organisation> = store
        .organisations()?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let status: HashMap<Id, ParticipationStatus> = store
        .participations()?
        .into_iter()
        .filter(|p| p.event_id == event_id)
        .map(|p| (p.organisation_id, p.status))
        .collect();
    let cfg = crate::roster::protocol_config(store, event_id)?;
    let mut lines: Vec<(Option<crate::protocol::Delegation>, AttendeeLine)> = store
        .attendance()?
        .into_iter()
        .filter(|a| a.event_id == event_id)
        .filter_map(|a| {
            let p = people.get(&a.person_id)?;
            let org = p.organisation_id.and_then(|id| orgs.get(&id));
            let delegation = org.map(|o| crate::protocol::Delegation {
                organisation_id: o.id,
                name: o.name.clone(),
                official_name: o.official_name.clone(),
                category: o.category,
                status: status
                    .get(&o.id)
                    .copied()
                    .unwrap_or(ParticipationStatus::Guest),
            });
            Some((
                delegation,
                AttendeeLine {
                    person_id: p.id,
                    honorific: p.honorific.clone(),
                    given_name: p.given_name.clone(),
                    family_name: p.family_name.clone(),
                    email: p.email.clone(),
                    position: p.position.clone(),
                    phone: p.phone.clone(),
                    organisation: org.map(|o| o.name.clone()).unwrap_or_default(),
                    category: org.map(|o| o.category),
                    registration: a.registration,
                    capacity: a.capacity.clone(),
                    days_present: a.days_present.clone(),
                },
            ))
        })
        .collect();
    let capacity_rank = |c: &str| {
        CAPACITIES
            .iter()
            .position(|x| *x == c)
            .unwrap_or(CAPACITIES.len())
    };
    lines.sort_by_cached_key(|(d, l)| {
        let place = match d {
            Some(d) => {
                let first = cfg
                    .first
                    .iter()
                    .position(|id| *id == d.organisation_id)
                    .unwrap_or(usize::MAX);
                (
                    0u8,
                    first,
                    crate::protocol::group(d.status, d.category),
                    crate::protocol::sort_name(d, &cfg.ignore_prefixes),
                )
            }
            None => (1u8, usize::MAX, u8::MAX, String::new()),
        };
        (
            place,
            capacity_rank(&l.capacity),
            l.family_name.to_lowercase(),
            l.given_name.to_lowercase(),
        )
    });
    Ok(lines.into_iter().map(|(_, l)| l).collect())
}

/// Writes the event's attendee list, in protocol order, as CSV at `out`;
/// returns how many people it lists.
pub fn export_csv(store: &Store, event_id: Id, out: &std::path::Path) -> Result<u32> {
    let lines = attendee_list(store, event_id)?;
    std::fs::write(out, attendee_csv(&lines)).map_err(|e| {
        CoreError::invalid(
            "out",
            format!("{} could not be written: {e}", out.display()),
        )
    })?;
    Ok(lines.len() as u32)
}

/// The list as CSV, with headers that re-import to the same fields.
pub fn attendee_csv(lines: &[AttendeeLine]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "Title",
        "First Name",
        "Last Name",
        "Email",
        "Organisation",
        "Category",
        "Position",
        "Phone",
        "Registration",
        "Capacity",
        "Days present",
    ]);
    for l in lines {
        let days: Vec<String> = l.days_present.iter().map(|d| d.to_string()).collect();
        let cells = [
            l.honorific.clone(),
            l.given_name.clone(),
            l.family_name.clone(),
            l.email.clone(),
            l.organisation.clone(),
            l.category
                .map(|c| c.label().to_string())
                .unwrap_or_default(),
            l.position.clone(),
            l.phone.clone(),
            l.registration.label().to_string(),
            l.capacity.clone(),
            days.join(" "),
        ];
        let _ = w.write_record(cells.iter().map(|c| escape_cell(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// One of a person's sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ItineraryEntry {
    pub session: Session,
    pub role: RoleKind,
    pub note: String,
    pub room: Option<String>,
    pub event_title: String,
}

/// Every session in which `person_id` has a role, in time order.
pub fn itinerary(store: &Store, person_id: Id) -> Result<Vec<ItineraryEntry>> {
    store
        .person_name(person_id)
        .map_err(|_| CoreError::NotFound {
            what: "person",
            id: person_id,
        })?;
    let agenda = crate::agenda::agenda(store, None)?;
    let mut out = Vec::new();
    for s in agenda
        .days
        .iter()
        .flat_map(|d| &d.sessions)
        .chain(&agenda.unscheduled)
    {
        for r in s.roles.iter().filter(|r| r.person_id == Some(person_id)) {
            out.push(ItineraryEntry {
                session: s.session.clone(),
                role: r.role,
                note: r.note.clone(),
                room: s.room.clone(),
                event_title: s.event_title.clone(),
            });
        }
    }
    Ok(out)
}

/// Finds an event by id, short name or title (ignoring case).
pub fn find_event(store: &Store, wanted: &str) -> Result<Event> {
    let w = wanted.trim();
    let events = store.events()?;
    events
        .iter()
        .find(|e| {
            e.id.to_string() == w
                || e.short_name.eq_ignore_ascii_case(w)
                || e.title.eq_ignore_ascii_case(w)
        })
        .cloned()
        .ok_or_else(|| {
            CoreError::invalid(
                "event",
                format!(
                    "No event \"{w}\" (events: {}).",
                    events
                        .iter()
                        .map(|e| if e.short_name.is_empty() {
                            e.title.as_str()
                        } else {
                            e.short_name.as_str()
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
}

/// Finds a person by id, email, or exact name ("Lynn Bell", with or without title).
pub fn find_person(store: &Store, wanted: &str) -> Result<Person> {
    let w = wanted.trim();
    let people = store.people()?;
    let matches: Vec<&Person> = people
        .iter()
        .filter(|p| {
            p.id.to_string() == w
                || (!p.email.is_empty() && p.email.eq_ignore_ascii_case(w))
                || p.display_name().eq_ignore_ascii_case(w)
                || display_name([p.given_name.as_str(), &p.family_name]).eq_ignore_ascii_case(w)
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(CoreError::invalid(
            "person",
            format!("No person with the id, email or name \"{w}\"."),
        )),
        many => Err(CoreError::invalid(
            "person",
            format!(
                "{} people match \"{w}\"; use an id ({}).",
                many.len(),
                many.iter()
                    .map(|p| p.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

#[cfg(test)]
mod tests;
