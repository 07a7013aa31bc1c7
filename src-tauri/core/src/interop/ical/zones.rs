//! Time zones of iCalendar files: which zone a TZID means (IANA names,
//! Outlook's Windows names, a VTIMEZONE's X-LIC-LOCATION), converting
//! local times, and the VTIMEZONE of a zone as the time-zone database has
//! it.

use super::lines::{escape, parse_stamp, Component, Stamp};
use super::recur;
use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime,
    Offset, TimeZone, Utc,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TZ_VARIANTS};
use std::collections::BTreeSet;

/// The zone a TZID stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TzRef {
    Iana(Tz),
    /// A VTIMEZONE of no known name whose every observance has one offset.
    Fixed(FixedOffset),
}

/// Windows zone names as Outlook and Exchange write them, to IANA: the
/// "001" (main territory) rows of CLDR's windowsZones.
const WINDOWS: &[(&str, &str)] = &[
    ("Dateline Standard Time", "Etc/GMT+12"),
    ("UTC-11", "Etc/GMT+11"),
    ("Aleutian Standard Time", "America/Adak"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Marquesas Standard Time", "Pacific/Marquesas"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("UTC-09", "Etc/GMT+9"),
    ("Pacific Standard Time (Mexico)", "America/Tijuana"),
    ("UTC-08", "Etc/GMT+8"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
    ("Mountain Standard Time", "America/Denver"),
    ("Yukon Standard Time", "America/Whitehorse"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Standard Time", "America/Chicago"),
    ("Easter Island Standard Time", "Pacific/Easter"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("Canada Central Standard Time", "America/Regina"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("Eastern Standard Time (Mexico)", "America/Cancun"),
    ("Eastern Standard Time", "America/New_York"),
    ("Haiti Standard Time", "America/Port-au-Prince"),
    ("Cuba Standard Time", "America/Havana"),
    ("US Eastern Standard Time", "America/Indiana/Indianapolis"),
    ("Turks And Caicos Standard Time", "America/Grand_Turk"),
    ("Paraguay Standard Time", "America/Asuncion"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("Venezuela Standard Time", "America/Caracas"),
    ("Central Brazilian Standard Time", "America/Cuiaba"),
    ("SA Western Standard Time", "America/La_Paz"),
    ("Pacific SA Standard Time", "America/Santiago"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("Tocantins Standard Time", "America/Araguaina"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("SA Eastern Standard Time", "America/Cayenne"),
    ("Argentina Standard Time", "America/Argentina/Buenos_Aires"),
    ("Greenland Standard Time", "America/Nuuk"),
    ("Montevideo Standard Time", "America/Montevideo"),
    ("Magallanes Standard Time", "America/Punta_Arenas"),
    ("Saint Pierre Standard Time", "America/Miquelon"),
    ("Bahia Standard Time", "America/Bahia"),
    ("UTC-02", "Etc/GMT+2"),
    ("Mid-Atlantic Standard Time", "Etc/GMT+2"),
    ("Azores Standard Time", "Atlantic/Azores"),
    ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
    ("UTC", "Etc/UTC"),
    ("Coordinated Universal Time", "Etc/UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("Sao Tome Standard Time", "Africa/Sao_Tome"),
    ("Morocco Standard Time", "Africa/Casablanca"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("Jordan Standard Time", "Asia/Amman"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Middle East Standard Time", "Asia/Beirut"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("Syria Standard Time", "Asia/Damascus"),
    ("West Bank Standard Time", "Asia/Hebron"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("FLE Standard Time", "Europe/Kyiv"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("South Sudan Standard Time", "Africa/Juba"),
    ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
    ("Sudan Standard Time", "Africa/Khartoum"),
    ("Libya Standard Time", "Africa/Tripoli"),
    ("Namibia Standard Time", "Africa/Windhoek"),
    ("Arabic Standard Time", "Asia/Baghdad"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("Belarus Standard Time", "Europe/Minsk"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("E. Africa Standard Time", "Africa/Nairobi"),
    ("Volgograd Standard Time", "Europe/Volgograd"),
    ("Iran Standard Time", "Asia/Tehran"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Astrakhan Standard Time", "Europe/Astrakhan"),
    ("Azerbaijan Standard Time", "Asia/Baku"),
    ("Russia Time Zone 3", "Europe/Samara"),
    ("Mauritius Standard Time", "Indian/Mauritius"),
    ("Saratov Standard Time", "Europe/Saratov"),
    ("Georgian Standard Time", "Asia/Tbilisi"),
    ("Caucasus Standard Time", "Asia/Yerevan"),
    ("Afghanistan Standard Time", "Asia/Kabul"),
    ("West Asia Standard Time", "Asia/Tashkent"),
    ("Qyzylorda Standard Time", "Asia/Qyzylorda"),
    ("Ekaterinburg Standard Time", "Asia/Yekaterinburg"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Sri Lanka Standard Time", "Asia/Colombo"),
    ("Nepal Standard Time", "Asia/Kathmandu"),
    ("Central Asia Standard Time", "Asia/Bishkek"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("Omsk Standard Time", "Asia/Omsk"),
    ("Myanmar Standard Time", "Asia/Yangon"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("Altai Standard Time", "Asia/Barnaul"),
    ("W. Mongolia Standard Time", "Asia/Hovd"),
    ("North Asia Standard Time", "Asia/Krasnoyarsk"),
    ("N. Central Asia Standard Time", "Asia/Novosibirsk"),
    ("Tomsk Standard Time", "Asia/Tomsk"),
    ("China Standard Time", "Asia/Shanghai"),
    ("North Asia East Standard Time", "Asia/Irkutsk"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("Ulaanbaatar Standard Time", "Asia/Ulaanbaatar"),
    ("Aus Central W. Standard Time", "Australia/Eucla"),
    ("Transbaikal Standard Time", "Asia/Chita"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("North Korea Standard Time", "Asia/Pyongyang"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Yakutsk Standard Time", "Asia/Yakutsk"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("AUS Central Standard Time", "Australia/Darwin"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("West Pacific Standard Time", "Pacific/Port_Moresby"),
    ("Tasmania Standard Time", "Australia/Hobart"),
    ("Vladivostok Standard Time", "Asia/Vladivostok"),
    ("Lord Howe Standard Time", "Australia/Lord_Howe"),
    ("Bougainville Standard Time", "Pacific/Bougainville"),
    ("Russia Time Zone 10", "Asia/Srednekolymsk"),
    ("Magadan Standard Time", "Asia/Magadan"),
    ("Norfolk Standard Time", "Pacific/Norfolk"),
    ("Sakhalin Standard Time", "Asia/Sakhalin"),
    ("Central Pacific Standard Time", "Pacific/Guadalcanal"),
    ("Russia Time Zone 11", "Asia/Kamchatka"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("UTC+12", "Etc/GMT-12"),
    ("Fiji Standard Time", "Pacific/Fiji"),
    ("Chatham Islands Standard Time", "Pacific/Chatham"),
    ("UTC+13", "Etc/GMT-13"),
    ("Tonga Standard Time", "Pacific/Tongatapu"),
    ("Samoa Standard Time", "Pacific/Apia"),
    ("Line Islands Standard Time", "Pacific/Kiritimati"),
];

/// The IANA zone a name stands for: an IANA name (also inside a longer
/// TZID such as Thunderbird's "/mozilla.org/20050126_1/Europe/Berlin"),
/// a Windows name, or a display name naming a zone's city ("(UTC+01:00)
/// Amsterdam, Berlin, Bern, Rome").
pub(crate) fn iana(name: &str) -> Option<Tz> {
    let name = name.trim().trim_matches('"').trim();
    if name.is_empty() {
        return None;
    }
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    if let Some(tz) = WINDOWS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(name))
        .and_then(|(_, i)| i.parse::<Tz>().ok())
    {
        return Some(tz);
    }
    if name.eq_ignore_ascii_case("Z") || name.eq_ignore_ascii_case("GMT") {
        return Some(Tz::UTC);
    }
    // A path ending in an IANA name: try each tail after a '/'.
    let mut rest = name;
    while let Some((_, tail)) = rest.split_once('/') {
        if let Ok(tz) = tail.parse::<Tz>() {
            return Some(tz);
        }
        rest = tail;
    }
    // A display name: the first word group that is a zone's city.
    let words = name
        .split([',', '(', ')'])
        .map(|w| w.trim().replace(' ', "_"))
        .filter(|w| w.chars().count() > 2 && w.chars().all(|c| c.is_alphabetic() || c == '_'));
    for word in words.take(20) {
        let suffix = format!("/{word}");
        if let Some(tz) = TZ_VARIANTS.iter().find(|tz| tz.name().ends_with(&suffix)) {
            return Some(*tz);
        }
    }
    None
}

/// What a TZID means, with its VTIMEZONE if the file has one: its name,
/// else the VTIMEZONE's X-LIC-LOCATION, else the IANA zone whose offsets
/// in `year` are those of the VTIMEZONE's own rules (Outlook's
/// "Customized Time Zone"), else a fixed offset when every observance in
/// it has the same one.
pub(crate) fn resolve(
    tzid: &str,
    vtimezone: Option<&Component>,
    year: i32,
    by_rules: bool,
) -> Option<TzRef> {
    if let Some(tz) = iana(tzid) {
        return Some(TzRef::Iana(tz));
    }
    let vtz = vtimezone?;
    if let Some(tz) = vtz.prop("X-LIC-LOCATION").and_then(|p| iana(&p.value)) {
        return Some(TzRef::Iana(tz));
    }
    if let Some(tz) = by_rules.then(|| same_offsets(vtz, year)).flatten() {
        return Some(TzRef::Iana(tz));
    }
    let mut offsets = vtz
        .children
        .iter()
        .filter_map(|c| c.prop("TZOFFSETTO"))
        .map(|p| parse_offset(&p.value));
    let first = offsets.next()??;
    offsets
        .all(|o| o == Some(first))
        .then_some(TzRef::Fixed(first))
}

/// A VTIMEZONE's onsets up to `horizon` (UTC), each with the offsets
/// before and after it, in order.
fn onsets(
    vtz: &Component,
    horizon: NaiveDateTime,
) -> Vec<(NaiveDateTime, FixedOffset, FixedOffset)> {
    let mut out = Vec::new();
    let observances = vtz
        .children
        .iter()
        .filter(|c| matches!(c.name.as_str(), "STANDARD" | "DAYLIGHT"));
    for obs in observances {
        let offset = |name: &str| obs.prop(name).and_then(|p| parse_offset(&p.value));
        let (Some(from), Some(to)) = (offset("TZOFFSETFROM"), offset("TZOFFSETTO")) else {
            continue;
        };
        let local = |stamp: Stamp| match stamp {
            Stamp::Date(d) => d.and_time(NaiveTime::MIN),
            Stamp::Time(t) => t,
        };
        let Some(start) = obs
            .prop("DTSTART")
            .and_then(|p| parse_stamp(&p.value))
            .map(|(s, _)| local(s))
        else {
            continue;
        };
        let shift = Duration::seconds(from.local_minus_utc().into());
        let local_horizon = horizon
            .checked_add_signed(shift)
            .and_then(|h| h.checked_add_signed(Duration::days(1)))
            .unwrap_or(horizon);
        let mut starts = vec![start];
        if let Some(Ok(rule)) = obs.prop("RRULE").map(|p| recur::parse(&p.value)) {
            // UNTIL in a VTIMEZONE is UTC.
            let until = rule
                .until
                .as_deref()
                .and_then(parse_stamp)
                .map(|(s, _)| local(s))
                .and_then(|u| u.checked_add_signed(shift));
            let mut budget = 20_000;
            starts = rule.expand(start, until, local_horizon, &mut budget);
        }
        for p in obs.props("RDATE") {
            starts.extend(
                p.value
                    .split(',')
                    .filter_map(parse_stamp)
                    .map(|(s, _)| local(s)),
            );
        }
        out.extend(
            starts
                .into_iter()
                .filter_map(|s| s.checked_sub_signed(shift))
                .filter(|u| *u <= horizon)
                .map(|u| (u, from, to)),
        );
    }
    out.sort_by_key(|(u, _, _)| *u);
    out
}

/// The offset a VTIMEZONE's rules give at `at` (UTC).
fn rule_offset(
    onsets: &[(NaiveDateTime, FixedOffset, FixedOffset)],
    at: NaiveDateTime,
) -> Option<FixedOffset> {
    match onsets.iter().rev().find(|(u, _, _)| *u <= at) {
        Some((_, _, to)) => Some(*to),
        None => onsets.first().map(|(_, from, _)| *from),
    }
}

/// The IANA zone with the VTIMEZONE's offsets through `year`: twice a
/// month and an hour either side of each of its changes. The zones of
/// the Windows table are tried first, so a common zone wins over a rare
/// one with the same clock.
fn same_offsets(vtz: &Component, year: i32) -> Option<Tz> {
    let end = year_start(year.checked_add(1)?).naive_utc();
    let all = onsets(vtz, end);
    if all.is_empty() {
        return None;
    }
    let begin = year_start(year).naive_utc();
    let mut samples: Vec<NaiveDateTime> = (1..=12u32)
        .flat_map(|m| [1u32, 15].map(|d| (m, d)))
        .filter_map(|(m, d)| NaiveDate::from_ymd_opt(year, m, d))
        .filter_map(|d| d.and_hms_opt(12, 0, 0))
        .collect();
    for (u, _, _) in all.iter().filter(|(u, _, _)| *u >= begin && *u < end) {
        samples.extend(u.checked_sub_signed(Duration::hours(1)));
        samples.extend(u.checked_add_signed(Duration::hours(1)));
    }
    let wanted: Vec<Option<FixedOffset>> = samples.iter().map(|s| rule_offset(&all, *s)).collect();
    let fits = |tz: &Tz| {
        samples
            .iter()
            .zip(&wanted)
            .all(|(s, w)| Some(tz.offset_from_utc_datetime(s).fix()) == *w)
    };
    let common = WINDOWS
        .iter()
        .filter_map(|(_, name)| name.parse::<Tz>().ok());
    common
        .chain(TZ_VARIANTS.iter().copied())
        .find(|tz| fits(tz))
}

/// "+0700", "-0430", "+053000".
pub(crate) fn parse_offset(text: &str) -> Option<FixedOffset> {
    let text = text.trim();
    let (sign, digits) = match text.strip_prefix('+') {
        Some(d) => (1, d),
        None => (-1, text.strip_prefix('-')?),
    };
    if !digits.chars().all(|c| c.is_ascii_digit()) || !matches!(digits.len(), 4 | 6) {
        return None;
    }
    let n: i32 = digits.parse().ok()?;
    let (h, m, s) = if digits.len() == 4 {
        (n / 100, n % 100, 0)
    } else {
        (n / 10_000, n / 100 % 100, n % 100)
    };
    FixedOffset::east_opt(sign * (h * 3600 + m * 60 + s))
}

/// A local time in a zone as UTC. A time the clocks skip is read with the
/// offset before the gap, a repeated time as its first instance (RFC 5545
/// 3.3.5).
pub(crate) fn to_utc(local: NaiveDateTime, zone: TzRef) -> Option<NaiveDateTime> {
    match zone {
        TzRef::Fixed(offset) => {
            local.checked_sub_signed(Duration::seconds(offset.local_minus_utc().into()))
        }
        TzRef::Iana(tz) => match tz.from_local_datetime(&local) {
            LocalResult::Single(t) => Some(t.naive_utc()),
            LocalResult::Ambiguous(a, b) => Some(a.naive_utc().min(b.naive_utc())),
            LocalResult::None => {
                let before = local.checked_sub_signed(Duration::hours(24))?;
                let offset = tz.offset_from_local_datetime(&before).earliest()?.fix();
                local.checked_sub_signed(Duration::seconds(offset.local_minus_utc().into()))
            }
        },
    }
}

/// A UTC time as wall clock in a zone.
pub(crate) fn from_utc(utc: NaiveDateTime, zone: TzRef) -> NaiveDateTime {
    match zone {
        TzRef::Fixed(offset) => offset.from_utc_datetime(&utc).naive_local(),
        TzRef::Iana(tz) => tz.from_utc_datetime(&utc).naive_local(),
    }
}

/// One change of a zone's offset.
struct Transition {
    at: DateTime<Utc>,
    from: FixedOffset,
    to: FixedOffset,
    name: String,
    daylight: bool,
}

fn offset_at(tz: Tz, at: DateTime<Utc>) -> (FixedOffset, String, bool) {
    let o = tz.offset_from_utc_datetime(&at.naive_utc());
    let name = o
        .abbreviation()
        .map(str::to_string)
        .unwrap_or_else(|| format_offset(o.fix()));
    (o.fix(), name, !o.dst_offset().is_zero())
}

/// The zone's transitions in the years `first..=last`, found by stepping
/// a day at a time and bisecting each change to the second.
fn transitions(tz: Tz, first: i32, last: i32) -> Vec<Transition> {
    let start = year_start(first);
    let end = year_start(last.saturating_add(1));
    let mut out = Vec::new();
    let mut at = start;
    let mut current = offset_at(tz, at).0;
    while at < end {
        let next = at + Duration::days(1);
        let (offset, _, _) = offset_at(tz, next);
        if offset != current {
            let (mut lo, mut hi) = (at, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid).0 == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let (to, name, daylight) = offset_at(tz, hi);
            if hi < end {
                out.push(Transition {
                    at: hi,
                    from: current,
                    to,
                    name,
                    daylight,
                });
            }
            current = offset;
        }
        at = next;
    }
    out
}

fn year_start(year: i32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or_default()
}

/// "+0700", "-0330", "+053328" when there are seconds.
pub(crate) fn format_offset(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.unsigned_abs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// The VTIMEZONE of `tz` for the given years, as content lines: for
/// each run of consecutive years, the offset in force on 1 January of its
/// first year, then one STANDARD or DAYLIGHT component per real
/// transition in those years.
pub(crate) fn vtimezone(tz: Tz, years: &BTreeSet<i32>) -> Vec<String> {
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{}", tz.name()),
        format!("X-LIC-LOCATION:{}", tz.name()),
    ];
    let mut observance = |daylight: bool, dtstart: NaiveDateTime, from, to, name: &str| {
        let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", dtstart.format("%Y%m%dT%H%M%S")));
        lines.push(format!("TZOFFSETFROM:{}", format_offset(from)));
        lines.push(format!("TZOFFSETTO:{}", format_offset(to)));
        lines.push(format!("TZNAME:{}", escape(name)));
        lines.push(format!("END:{kind}"));
    };
    let mut previous: Option<i32> = None;
    for &year in years {
        if previous.and_then(|p| p.checked_add(1)) != Some(year) {
            let (offset, name, daylight) = offset_at(tz, year_start(year));
            let local_start = NaiveDate::from_ymd_opt(year, 1, 1)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .unwrap_or_default();
            observance(daylight, local_start, offset, offset, &name);
        }
        for t in transitions(tz, year, year) {
            // An observance starts at the local time of the offset it ends.
            let local = t.from.from_utc_datetime(&t.at.naive_utc()).naive_local();
            observance(t.daylight, local, t.from, t.to, &t.name);
        }
        previous = Some(year);
    }
    lines.push("END:VTIMEZONE".to_string());
    lines
}

/// The year of a wall-clock time, for the VTIMEZONE's range.
pub(crate) fn year(t: NaiveDateTime) -> i32 {
    t.year()
}

#[cfg(test)]
pub(crate) fn windows_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    WINDOWS.iter().copied()
}
