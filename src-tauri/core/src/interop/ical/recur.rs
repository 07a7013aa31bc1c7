//! RRULE: the subset calendars of meetings use. FREQ=DAILY, WEEKLY,
//! MONTHLY and YEARLY with INTERVAL, COUNT, UNTIL, BYDAY (with ordinals
//! for monthly and yearly rules: `2TU`, `-1FR`), BYMONTHDAY, BYMONTH and
//! WKST. Anything else is refused with the words a report line needs.
//! Occurrences are local times in the zone of DTSTART, so a weekly 09:00
//! stays 09:00 across a clock change.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rule {
    freq: Freq,
    interval: u32,
    pub count: Option<u32>,
    /// As written; the reader turns it into a local time.
    pub until: Option<String>,
    by_day: Vec<(Option<i32>, Weekday)>,
    by_month_day: Vec<i32>,
    by_month: Vec<u32>,
    week_start: Weekday,
}

/// Periods looked at before giving up on a rule that matches nothing.
const MAX_PERIODS: u32 = 200_000;
/// Occurrences produced at most, before the window is applied.
const MAX_PRODUCED: usize = 50_000;

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// Parses an RRULE value; the error says what part is not read.
pub(crate) fn parse(value: &str) -> Result<Rule, String> {
    let mut rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        count: None,
        until: None,
        by_day: Vec::new(),
        by_month_day: Vec::new(),
        by_month: Vec::new(),
        week_start: Weekday::Mon,
    };
    let mut freq = None;
    for part in value.split(';').filter(|p| !p.trim().is_empty()) {
        let (key, val) = part.split_once('=').unwrap_or((part, ""));
        let key = key.trim().to_ascii_uppercase();
        let val = val.trim().to_ascii_uppercase();
        match key.as_str() {
            "FREQ" => {
                freq = Some(match val.as_str() {
                    "DAILY" => Freq::Daily,
                    "WEEKLY" => Freq::Weekly,
                    "MONTHLY" => Freq::Monthly,
                    "YEARLY" => Freq::Yearly,
                    other => return Err(format!("repeats {}", other.to_lowercase())),
                })
            }
            "INTERVAL" => {
                rule.interval = val
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| format!("has INTERVAL \"{val}\""))?
            }
            "COUNT" => {
                rule.count = Some(
                    val.parse::<u32>()
                        .map_err(|_| format!("has COUNT \"{val}\""))?,
                )
            }
            "UNTIL" => rule.until = Some(val),
            "WKST" => {
                rule.week_start = weekday(&val).ok_or_else(|| format!("has WKST \"{val}\""))?
            }
            "BYDAY" => {
                for item in val.split(',') {
                    let item = item.trim();
                    let code_at = item
                        .char_indices()
                        .find(|(_, c)| c.is_ascii_alphabetic())
                        .map(|(i, _)| i)
                        .unwrap_or(item.len());
                    let (ord, code) = item.split_at(code_at);
                    let day = weekday(code).ok_or_else(|| format!("has BYDAY \"{item}\""))?;
                    let ord = match ord.trim_start_matches('+') {
                        "" => None,
                        n => Some(
                            n.parse::<i32>()
                                .ok()
                                .filter(|n| *n != 0 && n.abs() <= 53)
                                .ok_or_else(|| format!("has BYDAY \"{item}\""))?,
                        ),
                    };
                    rule.by_day.push((ord, day));
                }
            }
            "BYMONTHDAY" => {
                for item in val.split(',') {
                    let n = item
                        .trim()
                        .parse::<i32>()
                        .ok()
                        .filter(|n| *n != 0 && n.abs() <= 31)
                        .ok_or_else(|| format!("has BYMONTHDAY \"{item}\""))?;
                    rule.by_month_day.push(n);
                }
            }
            "BYMONTH" => {
                for item in val.split(',') {
                    let n = item
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=12).contains(n))
                        .ok_or_else(|| format!("has BYMONTH \"{item}\""))?;
                    rule.by_month.push(n);
                }
            }
            other if other.starts_with("X-") => {}
            other => return Err(format!("repeats by {other}")),
        }
    }
    rule.freq = freq.ok_or("has no FREQ")?;
    let ordinals = rule.by_day.iter().any(|(o, _)| o.is_some());
    if ordinals && matches!(rule.freq, Freq::Daily | Freq::Weekly) {
        return Err("has BYDAY with a number in a daily or weekly rule".to_string());
    }
    if rule.freq == Freq::Yearly && rule.by_month.is_empty() && !rule.by_day.is_empty() {
        return Err("repeats yearly by BYDAY without BYMONTH".to_string());
    }
    Ok(rule)
}

impl Rule {
    /// The occurrences from `start` (always the first) on, in order, until
    /// COUNT, `until` or `horizon` ends them.
    /// `budget` is the periods the caller still lets it look at; each one
    /// looked at is taken from it, so a file of many rules cannot make
    /// the reader spin.
    pub fn expand(
        &self,
        start: NaiveDateTime,
        until: Option<NaiveDateTime>,
        horizon: NaiveDateTime,
        budget: &mut u32,
    ) -> Vec<NaiveDateTime> {
        let mut out = vec![start];
        let limit = self.count.map(|c| c as usize).unwrap_or(usize::MAX);
        let time = start.time();
        for k in 0..MAX_PERIODS {
            if *budget == 0 {
                break;
            }
            *budget -= 1;
            let Some(step) = k.checked_mul(self.interval) else {
                break;
            };
            let Some(days) = self.period(start.date(), step) else {
                break;
            };
            if days.first().is_some_and(|d| d.and_time(time) > horizon) {
                break;
            }
            for day in days {
                let at = day.and_time(time);
                if at <= start {
                    continue;
                }
                if out.len() >= limit
                    || until.is_some_and(|u| at > u)
                    || at > horizon
                    || out.len() >= MAX_PRODUCED
                {
                    return out;
                }
                out.push(at);
            }
            if self.first_day_after(start.date(), step).is_none() {
                break;
            }
        }
        out
    }

    /// Whether the period after `step` still has a start (the calendar
    /// does not run out).
    fn first_day_after(&self, start: NaiveDate, step: u32) -> Option<NaiveDate> {
        let next = step.checked_add(self.interval)?;
        match self.freq {
            Freq::Daily => start.checked_add_days(Days::new(next.into())),
            Freq::Weekly => start.checked_add_days(Days::new(u64::from(next) * 7)),
            Freq::Monthly => start.with_day(1)?.checked_add_months(Months::new(next)),
            Freq::Yearly => start
                .with_day(1)?
                .checked_add_months(Months::new(next.checked_mul(12)?)),
        }
    }

    /// The matching days of the period `step` periods after the start's,
    /// in order.
    fn period(&self, start: NaiveDate, step: u32) -> Option<Vec<NaiveDate>> {
        let mut days = match self.freq {
            Freq::Daily => {
                let day = start.checked_add_days(Days::new(step.into()))?;
                let weekday_ok =
                    self.by_day.is_empty() || self.by_day.iter().any(|(_, w)| *w == day.weekday());
                let month_day_ok =
                    self.by_month_day.is_empty() || month_day_matches(&self.by_month_day, day);
                if weekday_ok && month_day_ok {
                    vec![day]
                } else {
                    vec![]
                }
            }
            Freq::Weekly => {
                let back = (7 + start.weekday().num_days_from_monday()
                    - self.week_start.num_days_from_monday())
                    % 7;
                let week = start
                    .checked_sub_days(Days::new(back.into()))?
                    .checked_add_days(Days::new(u64::from(step) * 7))?;
                let wanted: Vec<Weekday> = if self.by_day.is_empty() {
                    vec![start.weekday()]
                } else {
                    self.by_day.iter().map(|(_, w)| *w).collect()
                };
                (0..7u64)
                    .filter_map(|i| week.checked_add_days(Days::new(i)))
                    .filter(|d| wanted.contains(&d.weekday()))
                    .collect()
            }
            Freq::Monthly => {
                let month = start.with_day(1)?.checked_add_months(Months::new(step))?;
                self.in_month(month, start)
            }
            Freq::Yearly => {
                let year = start
                    .with_day(1)?
                    .with_month(1)?
                    .checked_add_months(Months::new(step.checked_mul(12)?))?;
                let months: Vec<u32> = if self.by_month.is_empty() {
                    vec![start.month()]
                } else {
                    self.by_month.clone()
                };
                let mut days = Vec::new();
                for m in months {
                    if let Some(month) = year.with_month(m) {
                        days.extend(self.in_month(month, start));
                    }
                }
                days
            }
        };
        if !self.by_month.is_empty() && self.freq != Freq::Yearly {
            days.retain(|d| self.by_month.contains(&d.month()));
        }
        days.sort();
        days.dedup();
        Some(days)
    }

    /// The matching days of the month starting on `month` (a first).
    fn in_month(&self, month: NaiveDate, start: NaiveDate) -> Vec<NaiveDate> {
        let all: Vec<NaiveDate> = month
            .iter_days()
            .take_while(|d| d.month() == month.month())
            .collect();
        let by_weekday = |d: &NaiveDate| -> bool {
            self.by_day.iter().any(|(ord, w)| {
                if d.weekday() != *w {
                    return false;
                }
                let Some(n) = ord else { return true };
                let same: Vec<&NaiveDate> = all.iter().filter(|x| x.weekday() == *w).collect();
                let at = if *n > 0 {
                    usize::try_from(n - 1).ok()
                } else {
                    same.len().checked_sub(n.unsigned_abs() as usize)
                };
                at.and_then(|i| same.get(i)).is_some_and(|x| *x == d)
            })
        };
        match (self.by_day.is_empty(), self.by_month_day.is_empty()) {
            (true, true) => all
                .iter()
                .copied()
                .filter(|d| d.day() == start.day())
                .collect(),
            (true, false) => all
                .iter()
                .copied()
                .filter(|d| month_day_matches(&self.by_month_day, *d))
                .collect(),
            (false, true) => all.iter().copied().filter(by_weekday).collect(),
            (false, false) => all
                .iter()
                .copied()
                .filter(|d| month_day_matches(&self.by_month_day, *d) && by_weekday(d))
                .collect(),
        }
    }
}

fn month_day_matches(wanted: &[i32], day: NaiveDate) -> bool {
    let last = (28..=31)
        .rev()
        .find(|d| day.with_day(*d).is_some())
        .unwrap_or(28);
    let d = day.day() as i32;
    wanted
        .iter()
        .any(|w| *w == d || (*w < 0 && last as i32 + 1 + *w == d))
}
