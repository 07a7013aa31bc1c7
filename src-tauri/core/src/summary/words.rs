//! The words of a summary: counts, lists, dates and first mentions, in the
//! register of a Co-Chairs' Summary.

use crate::model::{Id, Organisation};
use chrono::{Datelike, NaiveDate};
use std::collections::HashSet;

/// A count as a summary writes it: in words below ten, else in figures.
pub fn count(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// "A", "A and B", "A, B and C".
pub fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `join` for items that hold commas of their own ("Ms Lynn Bell,
/// Ambassador"): "A, x, and B, y". Whoever follows the list with a verb
/// closes the last apposition with a comma of their own.
pub fn join_appositions(items: &[String]) -> String {
    if !items.iter().any(|i| i.contains(',')) {
        return join(items);
    }
    match items {
        [init @ .., last] if !init.is_empty() => format!("{}, and {last}", init.join(", ")),
        _ => join(items),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(d: NaiveDate) -> &'static str {
    MONTHS[d.month0() as usize]
}

/// "19 November 2024".
pub fn day(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month(d), d.year())
}

/// "18 November 2024", "18–20 November 2024", "30 November – 2 December
/// 2024", "30 December 2024 – 2 January 2025".
pub fn days(first: NaiveDate, last: NaiveDate) -> String {
    if first >= last {
        day(first)
    } else if first.year() != last.year() {
        format!("{} – {}", day(first), day(last))
    } else if first.month() != last.month() {
        format!("{} {} – {}", first.day(), month(first), day(last))
    } else {
        format!("{}–{}", first.day(), day(last))
    }
}

/// "From 18 to 20 November 2024", "On 18 November 2024".
pub fn from_to(first: NaiveDate, last: NaiveDate) -> String {
    if first >= last {
        format!("On {}", day(first))
    } else if first.year() != last.year() {
        format!("From {} to {}", day(first), day(last))
    } else if first.month() != last.month() {
        format!("From {} {} to {}", first.day(), month(first), day(last))
    } else {
        format!("From {} to {}", first.day(), day(last))
    }
}

/// "Bangkok, 18–20 November 2024", or the dates alone without a city.
pub fn place_and_dates(city: &str, first: NaiveDate, last: NaiveDate) -> String {
    match city.trim() {
        "" => days(first, last),
        city => format!("{city}, {}", days(first, last)),
    }
}

/// Names organisations with their acronym in brackets on first mention
/// ("International Labour Organization [ILO]") and by the acronym after.
#[derive(Debug, Default)]
pub struct Mentions {
    seen: HashSet<Id>,
}

impl Mentions {
    pub fn name(&mut self, o: &Organisation) -> String {
        let acronym = o.acronym.trim();
        let name = o.name.trim();
        if acronym.is_empty() || acronym == name {
            return name.to_string();
        }
        if self.seen.insert(o.id) {
            format!("{name} [{acronym}]")
        } else {
            acronym.to_string()
        }
    }

    /// A state by its name, which reads better than its acronym.
    pub fn state(&mut self, o: &Organisation) -> String {
        self.seen.insert(o.id);
        o.name.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OrgCategory;

    #[test]
    fn counts_in_words_below_ten() {
        let cases = [
            (0, "no"),
            (1, "one"),
            (5, "five"),
            (9, "nine"),
            (10, "10"),
            (17, "17"),
            (195, "195"),
        ];
        for (n, want) in cases {
            assert_eq!(count(n), want, "{n}");
        }
    }

    #[test]
    fn lists_join_with_and() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let cases: [(&[&str], &str); 5] = [
            (&[], ""),
            (&["A21"], "A21"),
            (&["Fiji", "Samoa"], "Fiji and Samoa"),
            (&["Fiji", "Laos", "Samoa"], "Fiji, Laos and Samoa"),
            (
                &["São Tomé and Príncipe", "Côte d'Ivoire", "Türkiye"],
                "São Tomé and Príncipe, Côte d'Ivoire and Türkiye",
            ),
        ];
        for (items, want) in cases {
            assert_eq!(join(&s(items)), want, "{items:?}");
        }
    }

    #[test]
    fn appositions_keep_their_commas_apart() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(join_appositions(&s(&["Fiji", "Samoa"])), "Fiji and Samoa");
        assert_eq!(
            join_appositions(&s(&["Ms A, Minister", "Mr B, Director"])),
            "Ms A, Minister, and Mr B, Director"
        );
        assert_eq!(join_appositions(&s(&["Ms A, Minister"])), "Ms A, Minister");
    }

    #[test]
    fn date_ranges() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let cases = [
            (
                d(2024, 11, 18),
                d(2024, 11, 18),
                "18 November 2024",
                "On 18 November 2024",
            ),
            (
                d(2024, 11, 18),
                d(2024, 11, 20),
                "18–20 November 2024",
                "From 18 to 20 November 2024",
            ),
            (
                d(2024, 11, 30),
                d(2024, 12, 2),
                "30 November – 2 December 2024",
                "From 30 November to 2 December 2024",
            ),
            (
                d(2024, 12, 30),
                d(2025, 1, 2),
                "30 December 2024 – 2 January 2025",
                "From 30 December 2024 to 2 January 2025",
            ),
        ];
        for (a, b, range, from) in cases {
            assert_eq!(days(a, b), range);
            assert_eq!(from_to(a, b), from);
        }
        assert_eq!(
            place_and_dates(" ", d(2024, 11, 18), d(2024, 11, 18)),
            "18 November 2024"
        );
    }

    #[test]
    fn acronyms_on_first_mention_only() {
        let org = |id, name: &str, acronym: &str| Organisation {
            id,
            name: name.into(),
            acronym: acronym.into(),
            official_name: String::new(),
            category: OrgCategory::InternationalOrganisation,
            country_code: None,
        };
        let ilo = org(1, "International Labour Organization", "ILO");
        let a21 = org(2, "A21", "A21");
        let wf = org(3, "Walk Free", "");
        let mut m = Mentions::default();
        assert_eq!(m.name(&ilo), "International Labour Organization [ILO]");
        assert_eq!(m.name(&ilo), "ILO");
        assert_eq!(m.name(&a21), "A21");
        assert_eq!(m.name(&wf), "Walk Free");
        assert_eq!(m.name(&wf), "Walk Free");
        let uae = org(4, "United Arab Emirates", "UAE");
        assert_eq!(m.state(&uae), "United Arab Emirates");
    }
}
