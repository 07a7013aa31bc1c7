//! Importing attendee CSV files: the column mapping, each row read and
//! checked, matched against the plan's people, previewed, then written as
//! one undoable step.

use super::csv_file::{self, CsvRow, CsvTable};
use crate::error::{CoreError, Result};
use crate::forms::{parse_date, valid_email};
use crate::limits::*;
use crate::model::*;
use crate::store::{ImportOrg as OrgRef, ImportWrite, Store};
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
        set_field(&mut r, &mut full_name, *field, cell.trim().to_string())?;
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
    check_row(&r)?;
    Ok(Some(r))
}

/// Puts one cell's value `v` where `field` says; a full name waits in
/// `full_name` until every cell is read.
fn set_field(
    r: &mut Row,
    full_name: &mut String,
    field: ImportField,
    v: String,
) -> std::result::Result<(), String> {
    let line = r.line;
    match field {
        ImportField::Ignore => {}
        ImportField::ExternalId => r.external_id = v,
        ImportField::FullName => *full_name = v,
        ImportField::Honorific => r.honorific = v,
        ImportField::GivenName => r.given = v,
        ImportField::FamilyName => r.family = v,
        ImportField::Email => r.email = v.to_lowercase(),
        ImportField::Organisation => r.organisation = v,
        ImportField::Category if v.is_empty() => {}
        ImportField::Category => {
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
        ImportField::Position => r.position = v,
        ImportField::Phone => r.phone = v,
        ImportField::Registration if v.is_empty() => {}
        ImportField::Registration => {
            r.registration = Some(registration_of(&v).ok_or_else(|| {
                format!("Row {line}: Registration \"{v}\" is not one of: invited, registered, confirmed, declined.")
            })?);
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
        ImportField::CheckInDate if v.is_empty() => {}
        ImportField::CheckInDate => {
            let day = v.get(..10).and_then(parse_date).ok_or_else(|| {
                format!("Row {line}: Check-in date \"{v}\" is not a date (use YYYY-MM-DD).")
            })?;
            r.check_in = Some(day);
        }
    }
    Ok(())
}

/// A row with a name, every text one line within its limit, a valid email,
/// and no category without an organisation.
fn check_row(r: &Row) -> std::result::Result<(), String> {
    let line = r.line;
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
    if !r.email.is_empty() && !valid_email(&r.email) {
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
    Ok(())
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

    /// The organisation a row names: one the plan has (by name or
    /// acronym), or a new one.
    fn organisation(&self, row: &Row) -> Option<OrgRef> {
        if row.organisation.is_empty() {
            return None;
        }
        Some(match self.orgs.get(&row.organisation.to_lowercase()) {
            Some(o) => OrgRef::Existing(o.id),
            None => OrgRef::New {
                name: row.organisation.clone(),
                category: row.category.unwrap_or(OrgCategory::Workstream),
            },
        })
    }

    /// The plan's person a row is about: by email, else by name within the
    /// same organisation.
    fn person(&self, row: &Row, org: &Option<OrgRef>) -> Option<&Person> {
        let org_id = match org {
            Some(OrgRef::Existing(id)) => Some(*id),
            _ => None,
        };
        (!row.email.is_empty())
            .then(|| self.by_email.get(&row.email))
            .flatten()
            .or_else(|| self.by_name.get(&name_key(&row.given, &row.family, org_id)))
            .map(|i| &self.people[*i])
    }
}

/// Refuses a mapping that does not fit the file, maps two columns to one
/// field, or maps no name.
fn check_mapping(table: &CsvTable, mapping: &[ImportField]) -> Result<()> {
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
    Ok(())
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
    check_mapping(table, mapping)?;
    let existing = Existing::load(store, event_id)?;
    let width = table.headers.len();
    let mut tally = Tally::default();
    for raw in &table.rows {
        match read_row(raw.line, &raw.cells, mapping, width) {
            Ok(Some(row)) => tally.row(&existing, &row),
            Ok(None) => {}
            Err(message) => tally.unreadable(raw, message),
        }
    }
    Ok((
        ImportPreview {
            encoding: table.encoding.clone(),
            delimiter: table.delimiter.clone(),
            headers: table.headers.clone(),
            mapping: mapping.to_vec(),
            rows: tally.rows,
            created: tally.created,
            updated: tally.updated,
            unchanged: tally.unchanged,
            skipped: 0,
            errors: tally.errors,
        },
        tally.writes,
    ))
}

/// What the rows read so far would do.
#[derive(Default)]
struct Tally {
    rows: Vec<RowPreview>,
    writes: Vec<ImportWrite>,
    created: u32,
    updated: u32,
    unchanged: u32,
    errors: u32,
    /// Earlier rows of the file by email, and by name and organisation.
    by_email: HashMap<String, u32>,
    by_name: HashMap<(String, String, String), u32>,
}

impl Tally {
    /// A row that could not be read: its first cells and its one line.
    fn unreadable(&mut self, raw: &CsvRow, message: String) {
        self.errors += 1;
        self.rows.push(RowPreview {
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
    }

    /// Why `row` repeats an earlier row of the file, if it does.
    fn duplicate(&mut self, row: &Row) -> Option<String> {
        if !row.email.is_empty() {
            self.by_email
                .insert(row.email.clone(), row.line)
                .map(|first| format!("same email as row {first}"))
        } else {
            let key = (
                row.given.to_lowercase(),
                row.family.to_lowercase(),
                row.organisation.to_lowercase(),
            );
            self.by_name
                .insert(key, row.line)
                .map(|first| format!("same name and organisation as row {first}"))
        }
    }

    /// A row read and checked: an error if it repeats an earlier one, else
    /// a new person or an update of the one it matches.
    fn row(&mut self, existing: &Existing, row: &Row) {
        let mut preview = RowPreview {
            line: row.line,
            name: display_name([row.honorific.as_str(), &row.given, &row.family]),
            email: row.email.clone(),
            organisation: row.organisation.clone(),
            action: RowAction::Create,
            message: String::new(),
        };
        if let Some(why) = self.duplicate(row) {
            self.errors += 1;
            preview.action = RowAction::Error;
            preview.message = format!("Row {}: duplicates an earlier row ({why}).", row.line);
            self.rows.push(preview);
            return;
        }
        let org = existing.organisation(row);
        match existing.person(row, &org) {
            None => self.create(row, org, &mut preview),
            Some(p) => self.update(existing, p, row, org, &mut preview),
        }
        self.rows.push(preview);
    }

    fn create(&mut self, row: &Row, org: Option<OrgRef>, preview: &mut RowPreview) {
        self.created += 1;
        preview.message = match &org {
            Some(OrgRef::New { category, .. }) => {
                format!("new person; new organisation ({})", category.label())
            }
            _ => "new person".into(),
        };
        self.writes.push(ImportWrite::Create {
            person: person_of(row, 0),
            organisation: org,
            registration: row.registration.unwrap_or(RegistrationStatus::Registered),
            capacity: row.capacity.clone(),
            check_in: row.check_in,
        });
    }

    /// `p`, matched by `row`: unchanged, or updated where the row says
    /// something new.
    fn update(
        &mut self,
        existing: &Existing,
        p: &Person,
        row: &Row,
        org: Option<OrgRef>,
        preview: &mut RowPreview,
    ) {
        let registration = row.registration.unwrap_or(RegistrationStatus::Registered);
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
            Some(OrgRef::Existing(id)) => p.organisation_id != Some(*id),
            Some(OrgRef::New { .. }) => true,
            None => false,
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
            self.unchanged += 1;
            preview.action = RowAction::Unchanged;
            preview.message = "already up to date".into();
            return;
        }
        self.updated += 1;
        preview.action = RowAction::Update;
        preview.message = format!("updates {}", changes.join(", "));
        self.writes.push(ImportWrite::Update {
            person: updated,
            organisation: if org_change { org } else { None },
            registration: (row.registration.is_some() || att.is_none()).then_some(registration),
            capacity: (!row.capacity.is_empty()).then(|| row.capacity.clone()),
            check_in: row.check_in,
        });
    }
}

fn person_of(r: &Row, id: Id) -> Person {
    Person {
        gender: None,
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
