//! What users type, and its validation into what the store writes: model
//! values and drafts.
//!
//! Forms carry strings so that a bad date or time becomes a problem next to
//! its field rather than a failure to decode the whole request.

use crate::error::FieldProblem;
use crate::limits::*;
use crate::model::{DateOrder, Event, Gender, Id, OrgCategory, Person, Plan, SessionKind};
use crate::store::{EventDraft, OrganisationDraft, RoomDraft, SessionDraft};
use crate::when;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct PlanForm {
    pub title: String,
    pub convening_body: String,
    pub venue: String,
    pub city: String,
    pub time_zone: String,
    pub first_day: String,
    pub last_day: String,
    pub day_start: String,
    pub day_end: String,
    pub notes: String,
    /// Minutes; blank means 5.
    pub snap_minutes: String,
    /// Minutes; blank means 0 (no changeover check).
    pub changeover_minutes: String,
    /// How dates written with numbers only are read.
    pub date_order: DateOrder,
    /// Whether the agenda and print group a session's roles by kind.
    pub group_roles: bool,
    /// Minutes before their session speakers are asked into the room;
    /// blank means 15.
    pub call_minutes: String,
    /// Whether a panel of speakers all of one recorded gender is a problem.
    #[serde(default)]
    pub check_panel_gender: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct EventForm {
    pub title: String,
    pub short_name: String,
    pub first_day: String,
    pub last_day: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SessionForm {
    pub event_id: Option<Id>,
    pub title: String,
    pub kind: SessionKind,
    /// "YYYY-MM-DD"; day, start and end all blank make an unscheduled
    /// session, a day with both times blank a session whose time is to be
    /// confirmed.
    pub day: String,
    /// "HH:MM"
    pub start_time: String,
    pub end_time: String,
    pub room_id: Option<Id>,
    pub description: String,
    pub agenda_item: String,
    pub outcome: String,
    pub notes: String,
    /// "To be confirmed".
    #[serde(default)]
    pub tentative: bool,
    /// Blank, or a webcast or online-room URL (http or https).
    #[serde(default)]
    pub link: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct RoomForm {
    pub name: String,
    pub capacity: String,
    pub notes: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct OrganisationForm {
    pub name: String,
    pub acronym: String,
    pub official_name: String,
    /// An `OrgCategory` key; blank is refused.
    pub category: String,
    pub country_code: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct PersonForm {
    pub honorific: String,
    pub given_name: String,
    pub family_name: String,
    pub position: String,
    pub organisation_id: Option<Id>,
    pub email: String,
    pub phone: String,
    pub notes: String,
    /// Only as the person gave it; `None` when not recorded.
    pub gender: Option<Gender>,
}

/// A multi-line text typed on its own (an outcome note, a summary
/// section): trimmed, within the length a plan file keeps, without control
/// characters; a problem names `field`.
pub fn long_text(field: &str, label: &str, value: &str) -> crate::Result<String> {
    let mut p = Problems::default();
    let text = p.multiline_text(field, label, value, MAX_TEXT);
    p.finish(text).map_err(crate::CoreError::Invalid)
}

/// Collects field problems so that a form reports all of them at once.
#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldProblem::new(field, message));
    }

    fn has(&self, field: &str) -> bool {
        self.0.iter().any(|p| p.field == field)
    }

    /// Control characters (NUL, ESC, BEL…) reach terminals, CSV files and
    /// printers from here; multi-line fields keep their line breaks and tabs.
    fn refuse_controls(&mut self, field: &str, label: &str, value: &str, multiline: bool) {
        let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
        if value.chars().any(|c| c.is_control() && !allowed(c)) {
            self.add(field, format!("{label} contains a control character."));
        }
    }

    fn required_text(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.add(field, format!("{label} is required."));
        } else if value.chars().count() > max {
            self.add(field, format!("{label} is longer than {max} characters."));
        }
        self.refuse_controls(field, label, value, false);
        value.to_string()
    }

    /// A one-line text that may be blank.
    fn optional_text(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        if value.chars().count() > max {
            self.add(field, format!("{label} is longer than {max} characters."));
        }
        self.refuse_controls(field, label, value.trim(), false);
        value.trim().to_string()
    }

    /// Notes and descriptions: may be blank and span lines.
    fn multiline_text(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        if value.chars().count() > max {
            self.add(field, format!("{label} is longer than {max} characters."));
        }
        self.refuse_controls(field, label, value, true);
        value.trim().to_string()
    }

    fn date(&mut self, field: &str, label: &str, value: &str, read: Dates) -> Option<NaiveDate> {
        let value = value.trim();
        if value.is_empty() {
            self.add(field, format!("{label} is required."));
            return None;
        }
        when::read_day(value, read.order, read.days)
            .map_err(|e| self.add(field, format!("{label} {e}")))
            .ok()
    }

    /// Blank, or an http(s) address that a plan file may hold.
    fn link(&mut self, field: &str, label: &str, value: &str) -> String {
        let value = value.trim();
        if value.chars().count() > MAX_LINK {
            self.add(
                field,
                format!("{label} is longer than {MAX_LINK} characters."),
            );
        } else if !crate::store::is_link(value) {
            self.add(
                field,
                format!("{label} must be a web address starting with https:// or http://."),
            );
        }
        value.to_string()
    }

    fn time(&mut self, field: &str, label: &str, value: &str) -> Option<NaiveTime> {
        let value = value.trim();
        if value.is_empty() {
            self.add(field, format!("{label} is required."));
            return None;
        }
        when::read_time(value)
            .map_err(|e| self.add(field, format!("{label} {e}")))
            .ok()
    }

    fn minutes(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        default: u32,
        range: std::ops::RangeInclusive<u32>,
    ) -> u32 {
        let value = value.trim();
        if value.is_empty() {
            return default;
        }
        match value.parse::<u32>() {
            Ok(n) if range.contains(&n) => n,
            _ => {
                self.add(
                    field,
                    format!(
                        "{label} must be a whole number of minutes from {} to {}.",
                        range.start(),
                        range.end()
                    ),
                );
                default
            }
        }
    }

    fn finish<T>(self, value: T) -> Result<T, Vec<FieldProblem>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

/// How a form reads the days typed into it: numbers by the plan's date
/// order, a day without a year by the days around it.
#[derive(Debug, Clone, Copy, Default)]
struct Dates {
    order: Option<DateOrder>,
    days: Option<(NaiveDate, NaiveDate)>,
}

impl Dates {
    fn of(plan: &Plan) -> Dates {
        Dates {
            order: Some(plan.date_order),
            days: Some((plan.first_day, plan.last_day)),
        }
    }

    fn within(self, days: Option<(NaiveDate, NaiveDate)>) -> Dates {
        Dates {
            days: days.or(self.days),
            ..self
        }
    }
}

/// Machine dates (CLI options, files): ISO only.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

pub fn parse_time(value: &str) -> Option<NaiveTime> {
    let value = value.trim();
    NaiveTime::parse_from_str(value, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(value, "%H:%M:%S"))
        .ok()
}

/// An address with one "@", something before it, and a dotted domain
/// after it; no spaces, commas or semicolons (a list pasted into one cell).
pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c == ',' || c == ';')
        && !domain.contains('@')
}

pub fn parse_zone(value: &str) -> Option<Tz> {
    value.trim().parse::<Tz>().ok()
}

/// "18 Nov 2024" or "18–20 Nov 2024", for messages.
pub fn day_span(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        first.format("%-d %b %Y").to_string()
    } else if first.format("%m%Y").to_string() == last.format("%m%Y").to_string() {
        format!("{}–{}", first.format("%-d"), last.format("%-d %b %Y"))
    } else {
        format!(
            "{} – {}",
            first.format("%-d %b %Y"),
            last.format("%-d %b %Y")
        )
    }
}

impl PlanForm {
    pub fn validate(&self) -> Result<Plan, Vec<FieldProblem>> {
        let mut p = Problems::default();
        let title = p.required_text("title", "Title", &self.title, MAX_TITLE);
        let convening_body = p.optional_text(
            "convening_body",
            "Convening body",
            &self.convening_body,
            MAX_TITLE,
        );
        let venue = p.optional_text("venue", "Venue", &self.venue, MAX_TITLE);
        let city = p.optional_text("city", "City", &self.city, MAX_TITLE);
        let notes = p.multiline_text("notes", "Notes", &self.notes, MAX_TEXT);
        let zone = self.zone(&mut p);
        let (first, last) = self.days(&mut p);
        let (day_start, day_end) = self.hours(&mut p);
        let snap_minutes = p.minutes(
            "snap_minutes",
            "Snap",
            &self.snap_minutes,
            5,
            1..=MAX_SNAP_MINUTES,
        );
        let changeover_minutes = p.minutes(
            "changeover_minutes",
            "Changeover",
            &self.changeover_minutes,
            0,
            0..=MAX_CHANGEOVER_MINUTES,
        );
        let call_minutes = p.minutes(
            "call_minutes",
            "Call time for speakers",
            &self.call_minutes,
            15,
            0..=MAX_CALL_MINUTES,
        );
        let (Some(first_day), Some(last_day), Some(day_start), Some(day_end)) =
            (first, last, day_start, day_end)
        else {
            return Err(p.0);
        };
        p.finish(Plan {
            title,
            convening_body,
            venue,
            city,
            time_zone: zone.to_string(),
            first_day,
            last_day,
            day_start,
            day_end,
            notes,
            snap_minutes,
            changeover_minutes,
            date_order: self.date_order,
            group_roles: self.group_roles,
            call_minutes,
            check_panel_gender: self.check_panel_gender,
        })
    }
}

impl PlanForm {
    fn zone(&self, p: &mut Problems) -> &str {
        let zone = self.time_zone.trim();
        if zone.is_empty() {
            p.add("time_zone", "Time zone is required.");
        } else if parse_zone(zone).is_none() {
            p.add(
                "time_zone",
                format!("\"{zone}\" is not an IANA time zone (e.g. Asia/Bangkok)."),
            );
        }
        zone
    }

    /// The first and last day, in order and at most `MAX_PLAN_DAYS` apart.
    fn days(&self, p: &mut Problems) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let read = Dates {
            order: Some(self.date_order),
            days: None,
        };
        let first = p.date("first_day", "First day", &self.first_day, read);
        // "6 Dec" for the last day takes the first day's year.
        let read = read.within(first.map(|f| (f, f)));
        let last = p.date("last_day", "Last day", &self.last_day, read);
        if let (Some(f), Some(l)) = (first, last) {
            if l < f {
                p.add("last_day", "Last day must not be before the first day.");
            } else if (l - f).num_days() >= MAX_PLAN_DAYS {
                p.add(
                    "last_day",
                    format!("A plan spans at most {MAX_PLAN_DAYS} days."),
                );
            }
        }
        (first, last)
    }

    /// The day's hours; blank means 08:00 to 18:00.
    fn hours(&self, p: &mut Problems) -> (Option<NaiveTime>, Option<NaiveTime>) {
        let day_start = if self.day_start.trim().is_empty() {
            Some(NaiveTime::from_hms_opt(8, 0, 0).expect("valid"))
        } else {
            p.time("day_start", "Day starts", &self.day_start)
        };
        let day_end = if self.day_end.trim().is_empty() {
            Some(NaiveTime::from_hms_opt(18, 0, 0).expect("valid"))
        } else {
            p.time("day_end", "Day ends", &self.day_end)
        };
        if let (Some(s), Some(e)) = (day_start, day_end) {
            if e <= s {
                p.add("day_end", "The day must end after it starts.");
            }
        }
        (day_start, day_end)
    }
}

impl From<&Plan> for PlanForm {
    fn from(plan: &Plan) -> Self {
        PlanForm {
            title: plan.title.clone(),
            convening_body: plan.convening_body.clone(),
            venue: plan.venue.clone(),
            city: plan.city.clone(),
            time_zone: plan.time_zone.clone(),
            first_day: plan.first_day.to_string(),
            last_day: plan.last_day.to_string(),
            day_start: plan.day_start.format("%H:%M").to_string(),
            day_end: plan.day_end.format("%H:%M").to_string(),
            notes: plan.notes.clone(),
            snap_minutes: plan.snap_minutes.to_string(),
            changeover_minutes: plan.changeover_minutes.to_string(),
            date_order: plan.date_order,
            group_roles: plan.group_roles,
            call_minutes: plan.call_minutes.to_string(),
            check_panel_gender: plan.check_panel_gender,
        }
    }
}

impl EventForm {
    pub fn validate(&self, plan: &Plan) -> Result<EventDraft, Vec<FieldProblem>> {
        let mut p = Problems::default();
        let title = p.required_text("title", "Title", &self.title, MAX_TITLE);
        let short_name =
            p.optional_text("short_name", "Short name", &self.short_name, MAX_SHORT_NAME);
        let description =
            p.multiline_text("description", "Description", &self.description, MAX_TEXT);
        let first = p.date("first_day", "First day", &self.first_day, Dates::of(plan));
        let last = p.date("last_day", "Last day", &self.last_day, Dates::of(plan));
        let span = day_span(plan.first_day, plan.last_day);
        if let Some(f) = first {
            if f < plan.first_day || f > plan.last_day {
                p.add(
                    "first_day",
                    format!("First day must be within the plan ({span})."),
                );
            }
        }
        if let Some(l) = last {
            if l < plan.first_day || l > plan.last_day {
                p.add(
                    "last_day",
                    format!("Last day must be within the plan ({span})."),
                );
            }
        }
        if let (Some(f), Some(l)) = (first, last) {
            if l < f {
                p.add("last_day", "Last day must not be before the first day.");
            }
        }
        let (Some(first_day), Some(last_day)) = (first, last) else {
            return Err(p.0);
        };
        p.finish(EventDraft {
            title,
            short_name,
            first_day,
            last_day,
            description,
        })
    }
}

impl From<&Event> for EventForm {
    fn from(e: &Event) -> Self {
        EventForm {
            title: e.title.clone(),
            short_name: e.short_name.clone(),
            first_day: e.first_day.to_string(),
            last_day: e.last_day.to_string(),
            description: e.description.clone(),
        }
    }
}

impl SessionForm {
    /// `event` is the event named by `event_id` if it exists; `room_exists`
    /// says whether `room_id` (if any) names a room of the plan.
    pub fn validate(
        &self,
        plan: &Plan,
        event: Option<&Event>,
        room_exists: bool,
    ) -> Result<SessionDraft, Vec<FieldProblem>> {
        let mut p = Problems::default();
        let title = p.required_text("title", "Title", &self.title, MAX_TITLE);
        let description =
            p.multiline_text("description", "Description", &self.description, MAX_TEXT);
        let agenda_item = p.optional_text(
            "agenda_item",
            "Agenda item",
            &self.agenda_item,
            MAX_AGENDA_ITEM,
        );
        let outcome = p.multiline_text("outcome", "Outcome", &self.outcome, MAX_TEXT);
        let notes = p.multiline_text("notes", "Notes", &self.notes, MAX_TEXT);
        let link = p.link("link", "Link", &self.link);
        match (self.event_id, event) {
            (None, _) => p.add("event_id", "Choose the event this session belongs to."),
            (Some(_), None) => p.add("event_id", "That event no longer exists."),
            _ => {}
        }
        if self.room_id.is_some() && !room_exists {
            p.add("room_id", "That room does not exist; choose another.");
        }

        let (start, end, day) = self.times(&mut p, plan, event);
        let event_id = self.event_id.unwrap_or_default();
        p.finish(SessionDraft {
            event_id,
            title,
            kind: self.kind,
            start,
            end,
            day,
            room_id: self.room_id,
            description,
            agenda_item,
            outcome,
            notes,
            tentative: self.tentative,
            link,
        })
    }
}

impl SessionForm {
    /// The start and end, both None when day and times are all blank (and
    /// the day alone when both times are): the day within the event, the end
    /// after the start, neither skipped by a clock change in the plan's zone.
    fn times(
        &self,
        p: &mut Problems,
        plan: &Plan,
        event: Option<&Event>,
    ) -> (
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
        Option<NaiveDate>,
    ) {
        let unscheduled = [&self.day, &self.start_time, &self.end_time]
            .iter()
            .all(|v| v.trim().is_empty());
        if unscheduled {
            return (None, None, None);
        }
        let read = Dates::of(plan).within(event.map(|e| (e.first_day, e.last_day)));
        let day = p.date("day", "Day", &self.day, read);
        let day_only = self.start_time.trim().is_empty() && self.end_time.trim().is_empty();
        let (from, to) = if day_only {
            (None, None)
        } else {
            (
                p.time("start_time", "Start", &self.start_time),
                p.time("end_time", "End", &self.end_time),
            )
        };
        if let (Some(from), Some(to)) = (from, to) {
            if to <= from {
                p.add("end_time", "End must be after start.");
            }
        }
        if let (Some(day), Some(event)) = (day, event) {
            if day < event.first_day || day > event.last_day {
                let name = if event.short_name.is_empty() {
                    &event.title
                } else {
                    &event.short_name
                };
                p.add(
                    "day",
                    format!(
                        "The day must be within {name} ({}).",
                        day_span(event.first_day, event.last_day)
                    ),
                );
            }
        }
        if let Some(day) = day {
            refuse_skipped_times(p, plan, day, [("start_time", from), ("end_time", to)]);
        }
        match (day, from, to) {
            (Some(day), Some(from), Some(to)) => {
                (Some(day.and_time(from)), Some(day.and_time(to)), None)
            }
            (Some(day), None, None) if day_only => (None, None, Some(day)),
            _ => (None, None, None),
        }
    }
}

/// A day and times as typed into a form, before Save. `last_day` is set
/// for an event's days, blank for a session's day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct WhenText {
    pub day: String,
    pub last_day: String,
    pub start: String,
    pub end: String,
}

/// How the form reads a `WhenText`: "Mon 4 Dec 2017, 13:00–14:30", and
/// the first problem a Save would report, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct WhenReading {
    pub reading: String,
    pub problem: Option<String>,
}

/// What the window shows under a form's day and time fields as they are
/// typed, read as Save will read them.
pub fn read_when(plan: &Plan, text: &WhenText) -> WhenReading {
    let mut p = Problems::default();
    let read = Dates::of(plan);
    let blank = |v: &str| v.trim().is_empty();
    let event = !blank(&text.last_day);
    let day_label = if event { "First day" } else { "Day" };
    let day = (!blank(&text.day))
        .then(|| p.date("day", day_label, &text.day, read))
        .flatten();
    let last = event
        .then(|| p.date("last_day", "Last day", &text.last_day, read))
        .flatten();
    let start = (!blank(&text.start))
        .then(|| p.time("start", "Start", &text.start))
        .flatten();
    let end = (!blank(&text.end))
        .then(|| p.time("end", "End", &text.end))
        .flatten();
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            p.add("end", "End must be after start.");
        }
    }
    if let (Some(f), Some(l)) = (day, last) {
        if l < f {
            p.add("last_day", "Last day must not be before the first day.");
        }
    }
    let long = |d: NaiveDate| d.format("%a %-d %b %Y").to_string();
    let hm = |t: NaiveTime| t.format("%H:%M").to_string();
    let mut parts: Vec<String> = Vec::new();
    match (day, last) {
        (Some(f), Some(l)) if f != l => parts.push(format!("{} – {}", long(f), long(l))),
        (Some(d), _) | (None, Some(d)) => parts.push(long(d)),
        _ => {}
    }
    match (start, end) {
        (Some(s), Some(e)) => parts.push(format!("{}–{}", hm(s), hm(e))),
        (Some(t), None) | (None, Some(t)) => parts.push(hm(t)),
        // A session's day without times is saved as one still to be timed.
        _ if day.is_some() && !event && blank(&text.start) && blank(&text.end) => {
            parts.push("time to be confirmed".into())
        }
        _ => {}
    }
    WhenReading {
        reading: parts.join(", "),
        problem: p.0.into_iter().next().map(|f| f.message),
    }
}

/// Refuses a local time that the plan's zone skips on `day` (a clock change).
fn refuse_skipped_times(
    p: &mut Problems,
    plan: &Plan,
    day: NaiveDate,
    times: [(&str, Option<NaiveTime>); 2],
) {
    let Some(zone) = parse_zone(&plan.time_zone) else {
        return;
    };
    for (field, time) in times {
        if let Some(t) = time {
            if zone
                .from_local_datetime(&day.and_time(t))
                .earliest()
                .is_none()
            {
                p.add(
                    field,
                    format!(
                        "{} does not exist on {day} in {} (the clocks change).",
                        t.format("%H:%M"),
                        plan.time_zone
                    ),
                );
            }
        }
    }
}

impl From<&crate::model::Session> for SessionForm {
    fn from(s: &crate::model::Session) -> Self {
        let hm =
            |t: Option<NaiveDateTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
        SessionForm {
            event_id: Some(s.event_id),
            title: s.title.clone(),
            kind: s.kind,
            day: s.on_day().map(|d| d.to_string()).unwrap_or_default(),
            start_time: hm(s.start),
            end_time: hm(s.end),
            room_id: s.room_id,
            description: s.description.clone(),
            agenda_item: s.agenda_item.clone(),
            outcome: s.outcome.clone(),
            notes: s.notes.clone(),
            tentative: s.tentative,
            link: s.link.clone(),
        }
    }
}

impl RoomForm {
    pub fn validate(&self) -> Result<RoomDraft, Vec<FieldProblem>> {
        let mut p = Problems::default();
        let name = p.required_text("name", "Name", &self.name, MAX_ROOM_NAME);
        let notes = p.multiline_text("notes", "Notes", &self.notes, MAX_TEXT);
        let capacity = match self.capacity.trim() {
            "" => None,
            c => match c.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    p.add(
                        "capacity",
                        format!("Capacity \"{c}\" is not a whole number."),
                    );
                    None
                }
            },
        };
        p.finish(RoomDraft {
            name,
            capacity,
            notes,
        })
    }
}

impl OrganisationForm {
    pub fn validate(&self) -> Result<OrganisationDraft, Vec<FieldProblem>> {
        let mut p = Problems::default();
        let name = p.required_text("name", "Name", &self.name, MAX_TITLE);
        let acronym = p.optional_text("acronym", "Acronym", &self.acronym, MAX_ACRONYM);
        let official_name = p.optional_text(
            "official_name",
            "Official name",
            &self.official_name,
            MAX_TITLE,
        );
        let category = match OrgCategory::from_key(self.category.trim()) {
            Some(c) => c,
            None => {
                if self.category.trim().is_empty() {
                    p.add("category", "Category is required.");
                } else {
                    p.add(
                        "category",
                        format!(
                            "Category \"{}\" is not one Plenary knows.",
                            self.category.trim()
                        ),
                    );
                }
                OrgCategory::MemberState
            }
        };
        let cc = self.country_code.trim().to_ascii_uppercase();
        let country_code = if cc.is_empty() {
            None
        } else if cc.len() == 2 && cc.chars().all(|c| c.is_ascii_uppercase()) {
            Some(cc)
        } else {
            p.add(
                "country_code",
                format!(
                    "Country code \"{}\" is not two letters (ISO 3166, e.g. TH).",
                    self.country_code.trim()
                ),
            );
            None
        };
        p.finish(OrganisationDraft {
            name,
            acronym,
            official_name,
            category,
            country_code,
        })
    }
}

impl PersonForm {
    /// The person to store (id 0), or every problem with the form.
    pub fn validate(&self) -> Result<Person, Vec<FieldProblem>> {
        let mut p = Problems::default();
        let honorific = p.optional_text("honorific", "Honorific", &self.honorific, MAX_HONORIFIC);
        let given_name = p.optional_text("given_name", "Given name", &self.given_name, MAX_NAME);
        let family_name =
            p.optional_text("family_name", "Family name", &self.family_name, MAX_NAME);
        if given_name.is_empty() && family_name.is_empty() {
            p.add("family_name", "A given or a family name is required.");
        }
        let position = p.optional_text("position", "Position", &self.position, MAX_TITLE);
        let email = p.optional_text("email", "Email", &self.email, MAX_EMAIL);
        if !email.is_empty() && !p.has("email") && !valid_email(&email) {
            p.add("email", format!("\"{email}\" is not an email address."));
        }
        let phone = p.optional_text("phone", "Phone", &self.phone, MAX_PHONE);
        let notes = p.multiline_text("notes", "Notes", &self.notes, MAX_TEXT);
        p.finish(Person {
            id: 0,
            honorific,
            given_name,
            family_name,
            position,
            organisation_id: self.organisation_id,
            email,
            phone,
            notes,
            gender: self.gender,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        PlanForm {
            title: "Week".into(),
            time_zone: "Asia/Bangkok".into(),
            first_day: "2024-11-18".into(),
            last_day: "2024-11-20".into(),
            ..Default::default()
        }
        .validate()
        .unwrap()
    }

    fn event() -> Event {
        Event {
            id: 1,
            title: "Annual Meeting".into(),
            short_name: "AM".into(),
            first_day: NaiveDate::from_ymd_opt(2024, 11, 19).unwrap(),
            last_day: NaiveDate::from_ymd_opt(2024, 11, 19).unwrap(),
            description: String::new(),
        }
    }

    fn session(day: &str, start: &str, end: &str) -> SessionForm {
        SessionForm {
            event_id: Some(1),
            title: "Opening".into(),
            kind: SessionKind::Opening,
            day: day.into(),
            start_time: start.into(),
            end_time: end.into(),
            room_id: None,
            description: String::new(),
            agenda_item: String::new(),
            outcome: String::new(),
            notes: String::new(),
            link: String::new(),
            tentative: false,
        }
    }

    fn fields(r: Result<impl std::fmt::Debug, Vec<FieldProblem>>) -> Vec<(String, String)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.field, p.message))
            .collect()
    }

    #[test]
    fn session_validation_table() {
        let cases: &[(SessionForm, &[(&str, &str)])] = &[
            (session("2024-11-19", "09:00", "10:00"), &[]),
            (session("", "", ""), &[]),
            (session("2024-11-19", "", ""), &[]),
            (
                session("2024-11-18", "", ""),
                &[("day", "The day must be within AM (19 Nov 2024).")],
            ),
            (
                session("", "09:00", ""),
                &[
                    ("day", "Day is required."),
                    ("end_time", "End is required."),
                ],
            ),
            (
                session("2024-11-19", "", "10:00"),
                &[("start_time", "Start is required.")],
            ),
            (
                SessionForm {
                    link: " https://webtv.example.org/live?id=4 ".into(),
                    ..session("2024-11-19", "", "")
                },
                &[],
            ),
            (
                SessionForm {
                    link: "webtv.example.org".into(),
                    ..session("2024-11-19", "", "")
                },
                &[(
                    "link",
                    "Link must be a web address starting with https:// or http://.",
                )],
            ),
            (
                SessionForm {
                    link: "https://example.org/a b".into(),
                    ..session("2024-11-19", "", "")
                },
                &[(
                    "link",
                    "Link must be a web address starting with https:// or http://.",
                )],
            ),
            (
                SessionForm {
                    link: format!("https://example.org/{}", "a".repeat(MAX_LINK)),
                    ..session("2024-11-19", "", "")
                },
                &[("link", "Link is longer than 1000 characters.")],
            ),
            (
                SessionForm {
                    title: "  ".into(),
                    ..session("2024-11-19", "09:00", "10:00")
                },
                &[("title", "Title is required.")],
            ),
            (
                session("2024-11-19", "10:00", "10:00"),
                &[("end_time", "End must be after start.")],
            ),
            (
                session("2024-11-19", "11:00", "10:00"),
                &[("end_time", "End must be after start.")],
            ),
            (
                session("2024-11-18", "09:00", "10:00"),
                &[("day", "The day must be within AM (19 Nov 2024).")],
            ),
            (
                session("31/11/2024", "09:00", "10:00"),
                &[(
                    "day",
                    "Day \"31/11/2024\" is not a date (dates like 04/12/2017 are read day first).",
                )],
            ),
            (
                session("2024-11-19", "9am-ish", "10:00"),
                &[(
                    "start_time",
                    "Start \"9am-ish\" is not a time (use 13:00, 13h00 or 1 pm).",
                )],
            ),
            (
                session("2024-11-19", "09:00", "25:00"),
                &[(
                    "end_time",
                    "End \"25:00\" is not a time (use 13:00, 13h00 or 1 pm).",
                )],
            ),
            (session("19/11/2024", "9am", "10.30"), &[]),
            (session("19 Nov", "1 pm", "14h"), &[]),
            (session("mardi 19 novembre 2024", "1015", "12 noon"), &[]),
            (
                session("2024-11-19", "09:00", ""),
                &[("end_time", "End is required.")],
            ),
            (
                SessionForm {
                    event_id: None,
                    ..session("2024-11-19", "09:00", "10:00")
                },
                &[("event_id", "Choose the event this session belongs to.")],
            ),
            (
                SessionForm {
                    room_id: Some(9),
                    ..session("2024-11-19", "09:00", "10:00")
                },
                &[("room_id", "That room does not exist; choose another.")],
            ),
        ];
        let (plan, event) = (plan(), event());
        for (form, expected) in cases {
            let got = fields(form.validate(&plan, Some(&event), false));
            let want: Vec<(String, String)> = expected
                .iter()
                .map(|(f, m)| (f.to_string(), m.to_string()))
                .collect();
            assert_eq!(got, want, "form {form:?}");
        }
    }

    #[test]
    fn a_session_typed_as_organisers_write_it_is_saved_as_meant() {
        let form = session("19 Nov", "1 pm", "14h30");
        let draft = form.validate(&plan(), Some(&event()), false).unwrap();
        let at = |h, m| {
            NaiveDate::from_ymd_opt(2024, 11, 19)
                .unwrap()
                .and_hms_opt(h, m, 0)
        };
        assert_eq!((draft.start, draft.end), (at(13, 0), at(14, 30)));
    }

    #[test]
    fn event_and_plan_days_are_read_as_typed() {
        let event = EventForm {
            title: "Annual Meeting".into(),
            first_day: "18/11".into(),
            last_day: "Wed 20 Nov".into(),
            ..Default::default()
        }
        .validate(&plan())
        .unwrap();
        assert_eq!(
            (event.first_day.to_string(), event.last_day.to_string()),
            ("2024-11-18".into(), "2024-11-20".into())
        );
        let plan = PlanForm {
            first_day: "4 Dec 2017".into(),
            last_day: "6 Dec".into(),
            title: "Week".into(),
            time_zone: "Asia/Bangkok".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(
            (plan.first_day.to_string(), plan.last_day.to_string()),
            ("2017-12-04".into(), "2017-12-06".into())
        );
    }

    #[test]
    fn the_window_is_told_how_the_form_reads_what_was_typed() {
        let text = |day: &str, last_day: &str, start: &str, end: &str| WhenText {
            day: day.into(),
            last_day: last_day.into(),
            start: start.into(),
            end: end.into(),
        };
        let cases: &[(WhenText, &str, Option<&str>)] = &[
            (
                text("19 Nov", "", "1 pm", "14.30"),
                "Tue 19 Nov 2024, 13:00–14:30",
                None,
            ),
            (
                text("19/11/2024", "", "", ""),
                "Tue 19 Nov 2024, time to be confirmed",
                None,
            ),
            (text("", "", "", ""), "", None),
            (
                text("18 Nov", "20/11", "", ""),
                "Mon 18 Nov 2024 – Wed 20 Nov 2024",
                None,
            ),
            (
                text("19 Nov", "", "25:00", "10:00"),
                "Tue 19 Nov 2024, 10:00",
                Some("Start \"25:00\" is not a time (use 13:00, 13h00 or 1 pm)."),
            ),
            (
                text("soon", "", "10:00", "09:00"),
                "10:00–09:00",
                Some("Day \"soon\" is not a date (use 22 March 2016 or 2016-03-22)."),
            ),
            (
                text("19 Nov", "", "10:00", "09:00"),
                "Tue 19 Nov 2024, 10:00–09:00",
                Some("End must be after start."),
            ),
        ];
        for (typed, reading, problem) in cases {
            let got = read_when(&plan(), typed);
            assert_eq!(got.reading, *reading, "{typed:?}");
            assert_eq!(got.problem.as_deref(), *problem, "{typed:?}");
        }
    }

    #[test]
    fn a_day_without_times_makes_a_session_to_be_timed_and_both_times_clear_it() {
        let (plan, event) = (plan(), event());
        let cases = [
            (
                ("2024-11-19", "", ""),
                (None, NaiveDate::from_ymd_opt(2024, 11, 19)),
            ),
            (("", "", ""), (None, None)),
            (
                ("2024-11-19", "09:00", "10:00"),
                (
                    NaiveDate::from_ymd_opt(2024, 11, 19).and_then(|d| d.and_hms_opt(9, 0, 0)),
                    None,
                ),
            ),
        ];
        for ((day, from, to), (start, on_day)) in cases {
            let d = session(day, from, to)
                .validate(&plan, Some(&event), false)
                .unwrap();
            assert_eq!((d.start, d.day), (start, on_day), "{day:?} {from:?} {to:?}");
        }
    }

    #[test]
    fn a_time_skipped_by_a_clock_change_is_refused() {
        let mut plan = plan();
        plan.time_zone = "Europe/Berlin".into();
        let mut event = event();
        event.first_day = NaiveDate::from_ymd_opt(2025, 3, 30).unwrap();
        event.last_day = event.first_day;
        let got =
            fields(session("2025-03-30", "02:30", "03:30").validate(&plan, Some(&event), false));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "start_time");
        assert!(got[0].1.contains("clocks change"), "{}", got[0].1);
    }

    #[test]
    fn plan_validation_table() {
        let ok = PlanForm {
            title: "Week".into(),
            time_zone: "Asia/Bangkok".into(),
            first_day: "2024-11-18".into(),
            last_day: "2024-11-20".into(),
            ..Default::default()
        };
        assert!(ok.validate().is_ok());
        let cases: &[(PlanForm, &str, &str)] = &[
            (
                PlanForm {
                    title: "".into(),
                    ..ok.clone()
                },
                "title",
                "Title is required.",
            ),
            (
                PlanForm {
                    time_zone: "Bangkok".into(),
                    ..ok.clone()
                },
                "time_zone",
                "\"Bangkok\" is not an IANA time zone (e.g. Asia/Bangkok).",
            ),
            (
                PlanForm {
                    last_day: "2024-11-17".into(),
                    ..ok.clone()
                },
                "last_day",
                "Last day must not be before the first day.",
            ),
            (
                PlanForm {
                    first_day: "2024-13-01".into(),
                    ..ok.clone()
                },
                "first_day",
                "First day \"2024-13-01\" is not a date (use 22 March 2016 or 2016-03-22).",
            ),
            (
                PlanForm {
                    day_start: "18:00".into(),
                    day_end: "08:00".into(),
                    ..ok.clone()
                },
                "day_end",
                "The day must end after it starts.",
            ),
            (
                PlanForm {
                    last_day: "2025-11-20".into(),
                    ..ok.clone()
                },
                "last_day",
                "A plan spans at most 60 days.",
            ),
        ];
        for (form, field, message) in cases {
            assert_eq!(
                fields(form.validate()),
                vec![(field.to_string(), message.to_string())],
                "{form:?}"
            );
        }
    }

    #[test]
    fn event_days_must_lie_within_the_plan() {
        let plan = plan();
        let form = EventForm {
            title: "Side".into(),
            first_day: "2024-11-17".into(),
            last_day: "2024-11-18".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(form.validate(&plan)),
            vec![(
                "first_day".to_string(),
                "First day must be within the plan (18–20 Nov 2024).".to_string()
            )]
        );
    }

    #[test]
    fn room_capacity_must_be_a_number() {
        let form = RoomForm {
            name: "Hall".into(),
            capacity: "lots".into(),
            notes: String::new(),
        };
        assert_eq!(
            fields(form.validate()),
            vec![(
                "capacity".to_string(),
                "Capacity \"lots\" is not a whole number.".to_string()
            )]
        );
    }

    #[test]
    fn control_characters_are_refused_in_one_line_fields() {
        let person = PersonForm {
            given_name: "Lynn".into(),
            family_name: "Bell".into(),
            email: "lynn@example.org".into(),
            ..Default::default()
        };
        assert!(person.validate().is_ok());
        let cases: Vec<(PersonForm, Vec<(&str, &str)>)> = vec![
            (
                PersonForm {
                    email: "lynn\0@example.org".into(),
                    ..person.clone()
                },
                vec![("email", "Email contains a control character.")],
            ),
            (
                PersonForm {
                    email: "lynn@exa\nmple.org".into(),
                    ..person.clone()
                },
                vec![("email", "Email contains a control character.")],
            ),
            (
                PersonForm {
                    family_name: "Bell\u{1b}[2J".into(),
                    ..person.clone()
                },
                vec![("family_name", "Family name contains a control character.")],
            ),
            (
                PersonForm {
                    position: "Director\u{7}".into(),
                    phone: "+61\t2".into(),
                    ..person.clone()
                },
                vec![
                    ("position", "Position contains a control character."),
                    ("phone", "Phone contains a control character."),
                ],
            ),
            (
                PersonForm {
                    notes: "First line\n\tsecond line\r\n".into(),
                    ..person.clone()
                },
                vec![],
            ),
            (
                PersonForm {
                    notes: "Bell\u{0}".into(),
                    ..person.clone()
                },
                vec![("notes", "Notes contains a control character.")],
            ),
        ];
        for (form, want) in cases {
            let want: Vec<(String, String)> = want
                .into_iter()
                .map(|(f, m)| (f.to_string(), m.to_string()))
                .collect();
            assert_eq!(fields(form.validate()), want, "{form:?}");
        }
        let session = SessionForm {
            title: "Opening\u{1b}]0;owned\u{7}".into(),
            description: "Two\nlines".into(),
            ..session("2024-11-19", "09:00", "10:00")
        };
        assert_eq!(
            fields(session.validate(&plan(), Some(&event()), false)),
            vec![(
                "title".to_string(),
                "Title contains a control character.".to_string()
            )]
        );
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
}
