//! Schedule JSON (frab, pretalx, the c3voc hub): `read` takes both the
//! classic shape (`conference.days[].rooms{room: [events]}`) and schema2
//! (`schedule.events[]` with `start`/`end`); `write` gives schema2, valid
//! against the c3voc `schema2.json`.

use super::frab::{self, RawEvent, RawPerson, RawSchedule};
use super::programme::{Programme, Reading, Zone};
use crate::error::{CoreError, Result};
use crate::limits;
use crate::model::RoleKind;
use serde_json::{json, Map, Value};

/// Reads a schedule JSON. A file that is not JSON, or has no `schedule`
/// object (a single pretalx or frab submission, say), is an error; an
/// event that cannot be read is one problem line naming it and is left
/// out. The mapping is frab XML's (`frab_xml::read`).
pub fn read(bytes: &[u8]) -> Result<Reading> {
    if bytes.len() > limits::MAX_PROGRAMME_BYTES {
        return Err(CoreError::invalid(
            "file",
            format!(
                "The file is larger than {} MB; a schedule is far smaller.",
                limits::MAX_PROGRAMME_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        CoreError::invalid(
            "file",
            format!(
                "The file is not JSON (line {}, column {}); it is not a schedule JSON.",
                e.line(),
                e.column()
            ),
        )
    })?;
    let Some(schedule) = value.get("schedule").filter(|s| s.is_object()) else {
        let submission = value.get("title").is_some()
            && ["speakers", "submission_type", "persons", "code"]
                .iter()
                .any(|k| value.get(k).is_some());
        return Err(CoreError::invalid(
            "file",
            if submission {
                "The file is a single submission, not a schedule JSON (no \"schedule\" object)."
            } else {
                "The file is not a schedule JSON (no \"schedule\" object)."
            },
        ));
    };
    let empty = Value::Null;
    let conference = schedule.get("conference").unwrap_or(&empty);
    let mut raw = RawSchedule {
        json: true,
        title: l10n(conference.get("title")),
        acronym: text(conference.get("acronym")),
        version: text(schedule.get("version")),
        time_zone_name: text(conference.get("time_zone_name")),
        conference_start: text(conference.get("start")),
        conference_end: text(conference.get("end")),
        ..RawSchedule::default()
    };
    for r in array(conference.get("rooms")) {
        let name = match r {
            Value::String(s) => s.trim().to_string(),
            _ => text(r.get("name")),
        };
        if !name.is_empty() {
            raw.declared_rooms.push((name, text(r.get("guid"))));
        }
    }
    let mut count = 0usize;
    let mut take = |raw: &mut RawSchedule, e: RawEvent| -> Result<()> {
        count += 1;
        if count > limits::MAX_PROGRAMME_SESSIONS {
            return Err(CoreError::invalid(
                "file",
                format!(
                    "The schedule has more than {} events; import it in parts.",
                    limits::MAX_PROGRAMME_SESSIONS
                ),
            ));
        }
        raw.events.push(e);
        Ok(())
    };
    for day in array(conference.get("days")) {
        let date = frab::leading_date(&text(day.get("date")));
        if let Some(d) = date {
            raw.days.push(d);
        }
        let day_start = match text(day.get("day_start")) {
            s if s.is_empty() => text(day.get("start")),
            s => s,
        };
        if let Some(Value::Object(rooms)) = day.get("rooms") {
            for (room, events) in rooms {
                if !room.trim().is_empty() {
                    raw.seen_rooms
                        .push((room.trim().to_string(), String::new()));
                }
                for e in array(Some(events)) {
                    let n = raw.events.len() + 1;
                    let e = event(e, n, date, &day_start, room, &raw.declared_rooms);
                    take(&mut raw, e)?;
                }
            }
        }
    }
    for e in array(schedule.get("events")) {
        let n = raw.events.len() + 1;
        let e = event(e, n, None, "", "", &raw.declared_rooms);
        take(&mut raw, e)?;
    }
    Ok(frab::finish(raw))
}

fn array(v: Option<&Value>) -> &[Value] {
    match v {
        Some(Value::Array(a)) => a,
        _ => &[],
    }
}

/// A scalar as text; null, arrays and objects are empty.
fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A string, or a localised one (`{"en": …, "de": …}`: English, else the
/// first).
fn l10n(v: Option<&Value>) -> String {
    match v {
        Some(Value::Object(m)) => match m.get("en") {
            Some(en) => text(Some(en)),
            None => m
                .values()
                .map(|v| text(Some(v)))
                .find(|t| !t.is_empty())
                .unwrap_or_default(),
        },
        other => text(other),
    }
}

/// A name or a `{name, slug, url}` object.
fn name_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::Object(_)) => {
            let v = v
                .and_then(|o| o.get("name"))
                .or_else(|| v.and_then(|o| o.get("slug")));
            l10n(v)
        }
        other => l10n(other),
    }
}

fn url_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::Object(_)) => text(v.and_then(|o| o.get("url"))),
        other => text(other),
    }
}

fn event(
    v: &Value,
    n: usize,
    day: Option<chrono::NaiveDate>,
    day_start: &str,
    room: &str,
    declared: &[(String, String)],
) -> RawEvent {
    let get = |k: &str| v.get(k);
    let id = match text(get("id")) {
        s if s.is_empty() => text(get("code")),
        s => s,
    };
    let guid = text(get("guid"));
    let place = match (id.as_str(), guid.as_str()) {
        ("", "") => format!("event number {n}"),
        ("", g) => format!("event {g}"),
        (i, _) => format!("event {i}"),
    };
    let mut date = text(get("date"));
    let mut start = text(get("start"));
    let duration = text(get("duration"));
    let mut end = String::new();
    if date.is_empty() && frab::leading_date(&start).is_some() {
        date = std::mem::take(&mut start);
    }
    if duration.is_empty() {
        end = text(get("end"));
    }
    let own_room = match get("room") {
        Some(Value::Object(r)) => match text(r.get("name")) {
            name if name.is_empty() => {
                let g = text(r.get("guid"));
                declared
                    .iter()
                    .find(|(_, rg)| !g.is_empty() && *rg == g)
                    .map(|(n, _)| n.clone())
                    .unwrap_or_default()
            }
            name => name,
        },
        other => text(other),
    };
    let mut e = RawEvent {
        place,
        id,
        guid,
        title: l10n(get("title")),
        date,
        start,
        end,
        duration,
        day,
        day_start: day_start.to_string(),
        room: room.trim().to_string(),
        own_room,
        kind: text(get("type")),
        description: l10n(get("description")),
        abstract_text: l10n(get("abstract")),
        ..RawEvent::default()
    };
    for p in array(get("persons"))
        .iter()
        .chain(array(get("participants")))
    {
        let name = ["public_name", "name", "full_name"]
            .iter()
            .map(|k| text(p.get(*k)))
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| text(Some(p)));
        let id = ["id", "guid", "code"]
            .iter()
            .map(|k| text(p.get(*k)))
            .find(|s| !s.is_empty())
            .unwrap_or_default();
        e.persons.push(RawPerson {
            name,
            id,
            role: text(p.get("role")),
        });
    }
    let mut feedback = text(get("feedback_url"));
    let mut origin = text(get("origin_url"));
    let mut links = Vec::new();
    for l in array(get("links")) {
        let url = url_of(Some(l));
        match text(l.get("type")).as_str() {
            "FEEDBACK" if feedback.is_empty() => feedback = url,
            "ORIGIN" if origin.is_empty() => origin = url,
            _ => links.push(frab::link_value(&text(l.get("title")), &url)),
        }
    }
    let attachments: Vec<String> = array(get("attachments"))
        .iter()
        .map(|a| frab::link_value(&text(a.get("title")), &url_of(Some(a))))
        .collect();
    let recording = get("recording");
    let licence = match text(get("recording_license")) {
        s if s.is_empty() => text(recording.and_then(|r| r.get("license"))),
        s => s,
    };
    let opt_out = get("do_not_record").and_then(Value::as_bool) == Some(true)
        || recording
            .and_then(|r| r.get("optout"))
            .and_then(Value::as_bool)
            == Some(true);
    let x = &mut e.extras;
    frab::push_extra(x, frab::SUBTITLE, &l10n(get("subtitle")));
    frab::push_extra(x, frab::TRACK, &name_of(get("track")));
    frab::push_extra(x, frab::LANGUAGE, &text(get("language")));
    frab::push_extra(x, frab::URL, &text(get("url")));
    frab::push_extra(x, frab::SLUG, &text(get("slug")));
    frab::push_extra(x, frab::FEEDBACK_URL, &feedback);
    frab::push_extra(x, frab::ORIGIN_URL, &origin);
    frab::push_extra(x, frab::LOGO, &url_of(get("logo")));
    frab::push_extra(x, frab::VIDEO_URL, &text(get("video_download_url")));
    frab::push_extra(x, frab::LICENCE, &licence);
    if opt_out {
        frab::push_extra(x, frab::OPT_OUT, "yes");
    }
    for l in &links {
        frab::push_extra(x, frab::LINK, l);
    }
    for a in &attachments {
        frab::push_extra(x, frab::ATTACHMENT, a);
    }
    e
}

// ---------------------------------------------------------------------------
// Writing.

/// schema2's event types, from the source's type or the session's kind.
fn event_type(source_kind: &str, kind: Option<crate::model::SessionKind>) -> &'static str {
    let t = match source_kind.trim() {
        "" => kind.map(|k| k.key().to_string()).unwrap_or_default(),
        s => s.to_lowercase(),
    };
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["lightning"]) {
        "LIGHTNING_TALK"
    } else if has(&["hands-on", "handson", "hands on"]) {
        "HANDS-ON"
    } else if has(&["workshop"]) {
        "WORKSHOP"
    } else if has(&["talk", "lecture", "keynote", "presentation", "vortrag"]) {
        "TALK"
    } else if has(&["panel", "discussion"]) {
        "DISCUSSION"
    } else if has(&["meeting", "bof", "statements"]) {
        "MEETING"
    } else if has(&["concert", "dj", "music"]) {
        "CONCERT"
    } else if has(&["performance", "theater", "theatre", "show"]) {
        "PERFORMANCE"
    } else if has(&["game"]) {
        "GAME"
    } else {
        "OTHER"
    }
}

fn participant_role(kind: RoleKind) -> &'static str {
    match kind {
        RoleKind::Speaker
        | RoleKind::Presenter
        | RoleKind::Keynote
        | RoleKind::WelcomeRemarks
        | RoleKind::IntroductoryRemarks => "SPEAKER",
        RoleKind::Moderator => "MODERATOR",
        RoleKind::Chair | RoleKind::CoChair => "HOST",
        RoleKind::Panellist | RoleKind::Discussant | RoleKind::Rapporteur => "CONTRIBUTOR",
    }
}

/// schema2's slug: `^[a-z0-9_-]+[a-z0-9]$`.
fn schema_slug(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.len() >= 2
        && chars
            .iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        && chars
            .last()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// schema2's `time_zone_name`: "Area/Location" or UTC.
fn zone_name_fits(name: &str) -> bool {
    let word = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(|f| f.is_ascii_uppercase())
            && c.next().is_some_and(|s| s.is_ascii_lowercase())
    };
    name.ends_with("UTC")
        || name.split_once('/').is_some_and(|(area, place)| {
            word(area) && area.chars().skip(1).all(|c| c.is_ascii_lowercase()) && word(place)
        })
}

/// The programme as schema2 schedule JSON (UTF-8, indented, keys sorted,
/// the same bytes for the same programme), valid against the c3voc
/// `schema2.json`. Layout, ids, guids, times and the sessions left out are
/// those of `frab_xml::write`. What schema2 requires and a programme may
/// lack is filled in: `language` "en" when the session has no two-letter
/// language, `url` `urn:uuid:<guid>` when it has no web address, `track`
/// slug "general" when it has no track. Roles become participants
/// (speaker and presenter SPEAKER, moderator MODERATOR, chair and co-chair
/// HOST, others CONTRIBUTOR); roles other than speaker are also named on a
/// last line of the description.
pub fn write(p: &Programme) -> String {
    let days = frab::layout(p);
    let acronym = frab::acronym(p);
    let mut conference = Map::new();
    conference.insert("acronym".into(), json!(acronym));
    conference.insert("title".into(), json!(p.title));
    let (start, end) = match (days.first(), days.last()) {
        (Some(f), Some(l)) => (frab::stamp(p.zone, f.start), frab::stamp(p.zone, l.end)),
        _ => {
            let epoch = chrono::NaiveDateTime::default();
            (frab::stamp(p.zone, epoch), frab::stamp(p.zone, epoch))
        }
    };
    conference.insert("start".into(), json!(start));
    conference.insert("end".into(), json!(end));
    if let Zone::Named(tz) = p.zone {
        if zone_name_fits(tz.name()) {
            conference.insert("time_zone_name".into(), json!(tz.name()));
        }
    }
    let rooms: Vec<Value> = days
        .first()
        .map(|d| {
            d.rooms
                .iter()
                .map(|r| json!({ "name": r.name, "guid": r.guid }))
                .collect()
        })
        .unwrap_or_default();
    conference.insert("rooms".into(), Value::Array(rooms));
    conference.insert(
        "days".into(),
        Value::Array(
            days.iter()
                .map(|d| {
                    json!({
                        "index": d.index,
                        "date": d.date.to_string(),
                        "start": frab::stamp(p.zone, d.start),
                        "end": frab::stamp(p.zone, d.end),
                    })
                })
                .collect(),
        ),
    );
    let mut events = Vec::new();
    for d in &days {
        for r in &d.rooms {
            for e in &r.events {
                events.push(event_json(p.zone, &acronym, r, e));
            }
        }
    }
    let doc = json!({
        "schedule": {
            "version": p.version,
            "conference": Value::Object(conference),
            "events": events,
        }
    });
    super::canonical_json(doc)
}

fn event_json(zone: Zone, acronym: &str, room: &frab::LaidRoom, e: &frab::LaidEvent) -> Value {
    let s = e.session;
    let language = frab::extra(s, frab::LANGUAGE)
        .filter(|l| l.chars().count() == 2 && l.chars().all(|c| c.is_ascii_lowercase()))
        .unwrap_or("en");
    let url = match frab::extra(s, frab::URL).filter(|u| frab::is_http(u)) {
        Some(u) => frab::uri(u),
        None => format!("urn:uuid:{}", e.guid),
    };
    let slug = match frab::extra(s, frab::SLUG).filter(|x| schema_slug(x)) {
        Some(x) => x.to_string(),
        None => {
            let title = frab::slug(&s.title, '-');
            if title.is_empty() {
                format!("{acronym}-{}", e.id)
            } else {
                format!("{acronym}-{}-{title}", e.id)
            }
        }
    };
    let mut track = Map::new();
    match Some(e.track.as_str()).filter(|t| !t.is_empty()) {
        Some(name) => {
            let mut t = frab::slug(name, '-');
            if t.chars().count() < 2 {
                t = format!("track-{}", if t.is_empty() { "general" } else { &t });
            }
            track.insert("slug".into(), json!(t));
            track.insert("name".into(), json!(name));
        }
        None => {
            track.insert("slug".into(), json!("general"));
        }
    }
    let mut description = s.description.trim().to_string();
    if !e.other_roles.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&e.other_roles);
    }
    let participants: Vec<Value> = e
        .persons
        .iter()
        .map(|p| json!({ "guid": p.guid, "name": p.name, "role": participant_role(p.kind) }))
        .collect();
    let mut links = Vec::new();
    for v in frab::extras(s, frab::LINK) {
        let (title, href) = frab::split_link(v);
        if frab::is_http(&href) {
            let href = frab::uri(&href);
            links.push(if title.is_empty() {
                json!({ "url": href })
            } else {
                json!({ "url": href, "title": title })
            });
        }
    }
    for (label, kind) in [
        (frab::FEEDBACK_URL, "FEEDBACK"),
        (frab::ORIGIN_URL, "ORIGIN"),
    ] {
        if let Some(u) = frab::extra(s, label).filter(|u| frab::is_http(u)) {
            links.push(json!({ "type": kind, "url": frab::uri(u) }));
        }
    }
    let attachments: Vec<Value> = frab::extras(s, frab::ATTACHMENT)
        .map(frab::split_link)
        .filter(|(_, href)| frab::is_http(href))
        .map(|(title, href)| {
            let href = frab::uri(&href);
            if title.is_empty() {
                json!({ "url": href })
            } else {
                json!({ "url": href, "title": title })
            }
        })
        .collect();
    let mut o = Map::new();
    o.insert("guid".into(), json!(e.guid));
    o.insert("type".into(), json!(event_type(&s.source_kind, s.kind)));
    o.insert("start".into(), json!(frab::stamp(zone, e.start)));
    o.insert("end".into(), json!(frab::stamp(zone, e.end)));
    o.insert(
        "room".into(),
        json!({ "name": room.name, "guid": room.guid }),
    );
    o.insert("url".into(), json!(url));
    o.insert("slug".into(), json!(slug));
    o.insert("title".into(), json!(s.title));
    o.insert(
        "subtitle".into(),
        frab::extra(s, frab::SUBTITLE).map_or(Value::Null, |t| json!(t)),
    );
    o.insert("language".into(), json!(language));
    o.insert("track".into(), Value::Object(track));
    o.insert(
        "abstract".into(),
        json!(frab::extra(s, frab::ABSTRACT).unwrap_or("")),
    );
    o.insert("description".into(), json!(description));
    if let Some(logo) = frab::extra(s, frab::LOGO).filter(|u| frab::is_http(u)) {
        o.insert("logo".into(), json!({ "url": frab::uri(logo) }));
    }
    o.insert("participants".into(), Value::Array(participants));
    o.insert("links".into(), Value::Array(links));
    if !attachments.is_empty() {
        o.insert("attachments".into(), Value::Array(attachments));
    }
    Value::Object(o)
}
