//! Days and times as people type them: "4 Dec 2017", "4/12/2017", "mardi
//! 5 décembre", "10.15", "13h00", "1 pm". The one reader behind the forms
//! and the spreadsheet import.
//!
//! Problems are one sentence that starts with what was typed, in quotes, so
//! the caller can put the field's name before it (`Day "4/13" is …`).

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use crate::fold::fold;
use crate::limits;
use crate::model::DateOrder;

/// A day as people write it, numbers read in `order` when they could be
/// either way round; `days` (the plan's first and last day) gives a year
/// to a day written without one, and a date to a weekday written alone.
pub fn read_day(
    text: &str,
    order: Option<DateOrder>,
    days: Option<(NaiveDate, NaiveDate)>,
) -> Result<NaiveDate, String> {
    day(text, order, days).map(|(date, _)| date)
}

/// [`read_day`], and whether the day was written in numbers read by the
/// date order ("04/12/2017"), which an import says once.
pub fn day(
    text: &str,
    order: Option<DateOrder>,
    days: Option<(NaiveDate, NaiveDate)>,
) -> Result<(NaiveDate, bool), String> {
    let written = text.trim();
    let not_a_date = || format!("\"{written}\" is not a date (use 22 March 2016 or 2016-03-22).");
    let folded = fold(written);
    let plain = folded.trim();
    if plain.is_empty() {
        return Err(not_a_date());
    }
    // Numbers only, also with a time after them: "2017-12-04T00:00:00".
    let first = plain.split([' ', 'T', 't']).next().unwrap_or("");
    let parts: Vec<&str> = first.split(['/', '.', '-']).collect();
    if (2..=3).contains(&parts.len()) && parts.iter().all(|p| digits(p).is_some()) {
        return numeric_day(written, &parts, order, days);
    }
    words_day(written, plain, days)
}

/// "2017-12-04", "4/12/2017", "12/4/17", "4.12": the year first when it has
/// four digits, otherwise day and month by the order, or by which of the
/// two cannot be a month.
fn numeric_day(
    written: &str,
    parts: &[&str],
    order: Option<DateOrder>,
    days: Option<(NaiveDate, NaiveDate)>,
) -> Result<(NaiveDate, bool), String> {
    let n = |i: usize| parts.get(i).and_then(|p| digits(p)).unwrap_or(0);
    let bad = |how: &str| format!("\"{written}\" is not a date ({how}).");
    if parts.len() == 3 && parts[0].len() == 4 {
        return NaiveDate::from_ymd_opt(n(0) as i32, n(1), n(2))
            .map(|d| (d, false))
            .ok_or_else(|| bad("use 22 March 2016 or 2016-03-22"));
    }
    let year = match parts.get(2) {
        Some(y) if y.len() == 2 => Some(2000 + n(2) as i32),
        Some(y) if y.len() == 4 => Some(n(2) as i32),
        Some(_) => return Err(bad("use 22 March 2016 or 2016-03-22")),
        None => None,
    };
    let (a, b) = (n(0), n(1));
    let (d, m, by_order) = match order {
        Some(DateOrder::DayMonthYear) => (a, b, true),
        Some(DateOrder::MonthDayYear) => (b, a, true),
        // Year-month-day without its year: month, then day.
        Some(DateOrder::YearMonthDay) if year.is_none() => (b, a, true),
        _ if a == b || b > 12 => (b, a, false),
        _ if a > 12 => (a, b, false),
        _ => {
            let in_year = |d: u32, m: u32| {
                let y = year.map(|y| format!(" {y}")).unwrap_or_default();
                let long = NaiveDate::from_ymd_opt(2000, m, d).map(|x| x.format("%-d %B"));
                let short = NaiveDate::from_ymd_opt(2000, m, d).map(|x| x.format("%-d %b"));
                (
                    long.map(|x| format!("{x}{y}")).unwrap_or_default(),
                    short.map(|x| format!("{x}{y}")).unwrap_or_default(),
                )
            };
            let ((one, short), (other, _)) = (in_year(a, b), in_year(b, a));
            return Err(format!(
                "\"{written}\" could be {one} or {other}: write {short}."
            ));
        }
    };
    let how = match order {
        Some(DateOrder::MonthDayYear) => "dates like 12/04/2017 are read month first",
        _ => "dates like 04/12/2017 are read day first",
    };
    let year = match year {
        Some(y) => y,
        None => nearest_year(m, d, days).ok_or_else(|| {
            format!("\"{written}\" has no year; give the year, or the plan's days.")
        })?,
    };
    NaiveDate::from_ymd_opt(year, m, d)
        .map(|date| (date, by_order))
        .ok_or_else(|| bad(how))
}

/// "Mon 4 Dec 2017", "Dec 4, 2017", "4th of December", "mardi 5 décembre",
/// "Tuesday" (the one Tuesday among the plan's days).
fn words_day(
    written: &str,
    plain: &str,
    days: Option<(NaiveDate, NaiveDate)>,
) -> Result<(NaiveDate, bool), String> {
    let not_a_date = || format!("\"{written}\" is not a date (use 22 March 2016 or 2016-03-22).");
    let words: Vec<&str> = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut day: Option<u32> = None;
    let mut year: Option<i32> = None;
    let mut months: Vec<(&str, u32)> = Vec::new();
    let mut weekday: Option<Weekday> = None;
    for w in &words {
        let number = w.trim_end_matches(|c: char| c.is_alphabetic());
        let suffix = w.get(number.len()..).unwrap_or("");
        if !number.is_empty() {
            let n = digits(number).ok_or_else(not_a_date)?;
            if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "e" | "eme") {
                return Err(not_a_date());
            }
            if number.len() == 4 && year.is_none() {
                year = Some(n as i32);
            } else if number.len() <= 2 && day.is_none() {
                day = Some(n);
            } else {
                return Err(not_a_date());
            }
        } else if let Some((_, m)) = MONTHS.iter().find(|(name, _)| name == w) {
            months.push((w, *m));
        } else if let Some((_, wd)) = WEEKDAYS.iter().find(|(name, _)| name == w) {
            if weekday.is_some() {
                return Err(not_a_date());
            }
            weekday = Some(*wd);
        } else if !matches!(*w, "the" | "of" | "le" | "de") {
            return Err(not_a_date());
        }
    }
    // French "mar." is Tuesday when a month is also named.
    if months.len() == 2 {
        if let Some(i) = months.iter().position(|(w, _)| *w == "mar") {
            months.remove(i);
            if weekday.is_some() {
                return Err(not_a_date());
            }
            weekday = Some(Weekday::Tue);
        }
    }
    // "Monday" alone: the one Monday among the plan's days.
    if let (None, None, [], Some(wd)) = (day, year, months.as_slice(), weekday) {
        let Some((a, b)) = days else {
            return Err(format!(
                "\"{written}\" names no date; give the date, or the plan's days."
            ));
        };
        let matching: Vec<NaiveDate> = a
            .iter_days()
            .take_while(|d| *d <= b)
            .take(limits::MAX_PLAN_DAYS as usize + 1)
            .filter(|d| d.weekday() == wd)
            .collect();
        return match matching.as_slice() {
            [one] => Ok((*one, false)),
            [] => Err(format!(
                "\"{written}\": no {} among the plan's days.",
                weekday_name(wd)
            )),
            _ => Err(format!(
                "\"{written}\": the plan has more than one {}; give the date.",
                weekday_name(wd)
            )),
        };
    }
    let (Some(d), [(_, m)]) = (day, months.as_slice()) else {
        return Err(not_a_date());
    };
    let year = match year {
        Some(y) => y,
        None => nearest_year(*m, d, days).ok_or_else(|| {
            format!("\"{written}\" has no year; give the year, or the plan's days.")
        })?,
    };
    let date = NaiveDate::from_ymd_opt(year, *m, d).ok_or_else(not_a_date)?;
    if let Some(wd) = weekday {
        if date.weekday() != wd {
            return Err(format!(
                "\"{written}\": {} is a {}, not a {}.",
                long_date(date),
                weekday_name(date.weekday()),
                weekday_name(wd)
            ));
        }
    }
    Ok((date, false))
}

/// The year that puts day `d` of month `m` nearest the plan's days (within
/// them if it can): "4 Jan" in a plan of December 2017 is 4 January 2018.
fn nearest_year(m: u32, d: u32, days: Option<(NaiveDate, NaiveDate)>) -> Option<i32> {
    let (a, b) = days?;
    let distance = |date: NaiveDate| {
        if date < a {
            (a - date).num_days()
        } else if date > b {
            (date - b).num_days()
        } else {
            0
        }
    };
    let (first, last) = (a.year().saturating_sub(1), b.year().saturating_add(1));
    let best = (first..=last)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .min_by_key(|date| distance(*date))?;
    Some(best.year())
}

/// A day written out: "4 December 2017".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// A time of day as people write it: "13:00", "13.00", "1300", "13h00",
/// "13h", "9h30", "1 pm", "1:30pm", "noon".
pub fn read_time(text: &str) -> Result<NaiveTime, String> {
    let written = text.trim();
    let folded = fold(written);
    clock(folded.trim())
        .map(|(t, _)| t)
        .map_err(|()| format!("\"{written}\" is not a time (use 13:00, 13h00 or 1 pm)."))
}

/// One clock time, folded: "09:00", "9h00", "9.00", "9h", "0900", "9:00 am",
/// "12 noon". Also whether it said am (`Some(false)`) or pm (`Some(true)`),
/// or `None`.
pub(crate) fn clock(text: &str) -> Result<(NaiveTime, Option<bool>), ()> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if matches!(
        compact.as_str(),
        "noon" | "12noon" | "midday" | "12midday" | "midi"
    ) {
        let noon = NaiveTime::from_hms_opt(12, 0, 0).ok_or(())?;
        return Ok((noon, Some(true)));
    }
    let (body, pm) = if let Some(b) = compact
        .strip_suffix("p.m.")
        .or_else(|| compact.strip_suffix("pm"))
        .or_else(|| compact.strip_suffix("p.m"))
    {
        (b.to_string(), Some(true))
    } else if let Some(b) = compact
        .strip_suffix("a.m.")
        .or_else(|| compact.strip_suffix("am"))
        .or_else(|| compact.strip_suffix("a.m"))
    {
        (b.to_string(), Some(false))
    } else {
        (compact, None)
    };
    let (h, m) = if let Some((h, rest)) = body.split_once([':', 'h', '.']) {
        // "09:00:00" from a sheet's text.
        let m = rest.split(':').next().unwrap_or("");
        let m = if m.is_empty() && body.contains('h') {
            "0"
        } else {
            m
        };
        if m.len() != 2 && !(m == "0" && rest.is_empty()) {
            return Err(());
        }
        (digits(h).ok_or(())?, digits(m).ok_or(())?)
    } else if (3..=4).contains(&body.chars().count()) {
        let n = digits(&body).ok_or(())?;
        (n / 100, n % 100)
    } else if pm.is_some() {
        (digits(&body).ok_or(())?, 0)
    } else {
        return Err(());
    };
    let h = match pm {
        Some(_) if !(1..=12).contains(&h) => return Err(()),
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    };
    NaiveTime::from_hms_opt(h, m, 0).map(|t| (t, pm)).ok_or(())
}

/// Up to four ASCII digits as a number.
pub fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Month names and abbreviations, English and French, folded.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("decembre", 12),
];

/// Weekday names and abbreviations, English and French, folded.
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("lundi", Weekday::Mon),
    ("lun", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("mardi", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("mercredi", Weekday::Wed),
    ("mer", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("jeudi", Weekday::Thu),
    ("jeu", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("vendredi", Weekday::Fri),
    ("ven", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("samedi", Weekday::Sat),
    ("sam", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
    ("dimanche", Weekday::Sun),
    ("dim", Weekday::Sun),
];

#[cfg(test)]
mod tests {
    use super::*;
    use DateOrder::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A plan from Sunday 3 to Wednesday 6 December 2017.
    fn december_2017() -> Option<(NaiveDate, NaiveDate)> {
        Some((date(2017, 12, 3), date(2017, 12, 6)))
    }

    #[test]
    fn days_are_read_as_organisers_type_them() {
        let cases: &[(&str, Option<DateOrder>, NaiveDate)] = &[
            ("2017-12-04", None, date(2017, 12, 4)),
            ("2017/12/04", Some(MonthDayYear), date(2017, 12, 4)),
            ("4 Dec 2017", None, date(2017, 12, 4)),
            ("4 December 2017", None, date(2017, 12, 4)),
            ("Dec 4, 2017", None, date(2017, 12, 4)),
            ("Mon 4 Dec", None, date(2017, 12, 4)),
            ("4 Dec", None, date(2017, 12, 4)),
            ("mardi 5 décembre", None, date(2017, 12, 5)),
            ("Mardi 5 Décembre 2017", None, date(2017, 12, 5)),
            ("4.12.2017", Some(DayMonthYear), date(2017, 12, 4)),
            ("4/12/2017", Some(DayMonthYear), date(2017, 12, 4)),
            ("4/12/2017", Some(MonthDayYear), date(2017, 4, 12)),
            ("12/4/2017", Some(MonthDayYear), date(2017, 12, 4)),
            ("4/12", Some(DayMonthYear), date(2017, 12, 4)),
            ("12/4", Some(MonthDayYear), date(2017, 12, 4)),
            ("12/04", Some(YearMonthDay), date(2017, 12, 4)),
            ("04/12/17", Some(DayMonthYear), date(2017, 12, 4)),
            // Unambiguous without an order: 13 cannot be a month.
            ("13/12/2017", None, date(2017, 12, 13)),
            ("12/13/2017", None, date(2017, 12, 13)),
            ("5/5/2017", None, date(2017, 5, 5)),
            ("Tuesday", None, date(2017, 12, 5)),
        ];
        for (text, order, want) in cases {
            assert_eq!(
                read_day(text, *order, december_2017()),
                Ok(*want),
                "{text} {order:?}"
            );
        }
    }

    #[test]
    fn a_day_without_a_year_takes_the_year_nearest_the_plan() {
        let cases: &[(&str, NaiveDate)] = &[
            ("4 Dec", date(2017, 12, 4)),
            ("4 Jan", date(2018, 1, 4)),
            ("20 Nov", date(2017, 11, 20)),
            ("4 Jul", date(2017, 7, 4)),
            ("4/1", date(2018, 1, 4)),
        ];
        for (text, want) in cases {
            assert_eq!(
                read_day(text, Some(DayMonthYear), december_2017()),
                Ok(*want),
                "{text}"
            );
        }
    }

    #[test]
    fn days_that_cannot_be_read_are_refused_in_one_line() {
        let cases: &[(&str, Option<DateOrder>, &str)] = &[
            (
                "05/04",
                None,
                "\"05/04\" could be 5 April or 4 May: write 5 Apr.",
            ),
            (
                "4/12/2017",
                None,
                "\"4/12/2017\" could be 4 December 2017 or 12 April 2017: write 4 Dec 2017.",
            ),
            (
                "13/13/2017",
                Some(DayMonthYear),
                "\"13/13/2017\" is not a date (dates like 04/12/2017 are read day first).",
            ),
            (
                "13/12/2017",
                Some(MonthDayYear),
                "\"13/12/2017\" is not a date (dates like 12/04/2017 are read month first).",
            ),
            (
                "31 Feb 2017",
                None,
                "\"31 Feb 2017\" is not a date (use 22 March 2016 or 2016-03-22).",
            ),
            (
                "soon",
                None,
                "\"soon\" is not a date (use 22 March 2016 or 2016-03-22).",
            ),
            (
                "Fri 4 Dec 2017",
                None,
                "\"Fri 4 Dec 2017\": 4 December 2017 is a Monday, not a Friday.",
            ),
            (
                "Friday",
                None,
                "\"Friday\": no Friday among the plan's days.",
            ),
        ];
        for (text, order, want) in cases {
            assert_eq!(
                read_day(text, *order, december_2017()),
                Err(want.to_string()),
                "{text}"
            );
        }
        assert_eq!(
            read_day("4 Dec", None, None),
            Err("\"4 Dec\" has no year; give the year, or the plan's days.".into())
        );
    }

    #[test]
    fn times_are_read_as_organisers_type_them() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let cases: &[(&str, NaiveTime)] = &[
            ("13:00", t(13, 0)),
            ("13.00", t(13, 0)),
            ("1300", t(13, 0)),
            ("1015", t(10, 15)),
            ("10.15", t(10, 15)),
            ("13h00", t(13, 0)),
            ("13h", t(13, 0)),
            ("9h30", t(9, 30)),
            ("1 pm", t(13, 0)),
            ("1:30pm", t(13, 30)),
            ("1:30 P.M.", t(13, 30)),
            ("12 pm", t(12, 0)),
            ("12 am", t(0, 0)),
            ("9 am", t(9, 0)),
            ("12 noon", t(12, 0)),
            ("noon", t(12, 0)),
            ("09:00:00", t(9, 0)),
            ("930", t(9, 30)),
        ];
        for (text, want) in cases {
            assert_eq!(read_time(text), Ok(*want), "{text}");
        }
    }

    #[test]
    fn times_that_cannot_be_read_are_refused_naming_what_was_typed() {
        for bad in [
            "25:00", "1:75 pm", "13 pm", "0 am", "9", "10.5", "12:60", "later", "",
        ] {
            assert_eq!(
                read_time(bad),
                Err(format!(
                    "\"{bad}\" is not a time (use 13:00, 13h00 or 1 pm)."
                )),
                "{bad}"
            );
        }
    }
}
