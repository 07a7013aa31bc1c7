//! Protocol order for lists of delegations: the host and co-chairs first,
//! then members, observers, international organisations, civil society and
//! the private sector; alphabetical within each group by the name the
//! delegation is known by ("Mexico", not "United Mexican States"),
//! ignoring configured leading words ("The", "Republic of"), in the one
//! alphabetical order (`fold::sort_key`: "Côte d'Ivoire" among the C's). Within a delegation,
//! people go by capacity (head of delegation first), then by family and
//! given name. Every list in protocol order (the roster, the attendee list
//! and its CSV, the printed participant list and name cards, a first
//! speaking list) sorts by the keys here.

use crate::fold::{fold, person_sort_key, sort_key};
use crate::model::{Id, OrgCategory, ParticipationStatus, CAPACITIES};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ProtocolConfig {
    /// Organisations listed first, in this order (host, then co-chairs).
    pub first: Vec<Id>,
    /// Leading words ignored when sorting, matched case-insensitively.
    pub ignore_prefixes: Vec<String>,
}

impl Default for ProtocolConfig {
    fn default() -> Self {
        ProtocolConfig {
            first: Vec::new(),
            ignore_prefixes: [
                "The ",
                "Republic of the ",
                "Republic of ",
                "Kingdom of ",
                "State of ",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        }
    }
}

/// One delegation to place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Delegation {
    pub organisation_id: Id,
    pub name: String,
    /// "Republic of Indonesia": carried with the delegation, never sorted by.
    pub official_name: String,
    pub category: OrgCategory,
    pub status: ParticipationStatus,
}

/// The group a delegation falls in, in protocol order.
pub fn group(status: ParticipationStatus, category: OrgCategory) -> u8 {
    use OrgCategory as C;
    use ParticipationStatus as P;
    match (status, category) {
        (P::Member, C::MemberState | C::ObserverState) => 0,
        (P::Member, _) => 1,
        (P::Observer, C::MemberState | C::ObserverState) => 2,
        (P::Observer, _) => 3,
        (_, C::MemberState | C::ObserverState) => 4,
        (_, C::InternationalOrganisation) => 5,
        (_, C::IntergovernmentalForum) => 6,
        (_, C::LocalAuthority) => 7,
        (_, C::CivilSociety) => 8,
        (_, C::PrivateSector) => 9,
        (_, C::Programme | C::Workstream) => 10,
        (_, C::Secretariat) => 11,
    }
}

/// The name a delegation sorts by: its short name, as delegates call it
/// ("Mexico", where the official name is "United Mexican States"), leading
/// words dropped, as the key of alphabetical order (`fold::sort_key`).
pub fn sort_name(d: &Delegation, prefixes: &[String]) -> String {
    let name = d.name.trim();
    // Longest prefix first so "Republic of the" wins over "Republic of".
    let mut sorted: Vec<&String> = prefixes.iter().collect();
    sorted.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    let rest = sorted
        .into_iter()
        .find_map(|p| strip_prefix_ignoring_case(name, p).filter(|r| !r.is_empty()))
        .unwrap_or(name);
    sort_key(rest)
}

/// `text` without `prefix`, compared character by character without case.
/// Names are in any script, so this never cuts inside a character.
fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let mut chars = text.char_indices();
    let mut end = 0;
    for p in prefix.chars() {
        let (i, c) = chars.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
        end = i + c.len_utf8();
    }
    text.get(end..)
}

/// Where a delegation stands in protocol order: first the host and
/// co-chairs in their order, then by group, sort name and id.
pub fn key(d: &Delegation, cfg: &ProtocolConfig) -> (usize, u8, String, Id) {
    let first = cfg
        .first
        .iter()
        .position(|id| *id == d.organisation_id)
        .unwrap_or(usize::MAX);
    (
        first,
        group(d.status, d.category),
        sort_name(d, &cfg.ignore_prefixes),
        d.organisation_id,
    )
}

/// Sorts delegations into protocol order.
pub fn order(delegations: &mut [Delegation], cfg: &ProtocolConfig) {
    delegations.sort_by_cached_key(|d| key(d, cfg));
}

/// A capacity's rank in a delegation (`CAPACITIES`: head of delegation 0,
/// alternate, adviser, delegate, observer), ignoring case, accents and
/// spaces around it; any other capacity comes after them all.
pub fn capacity_rank(capacity: &str) -> usize {
    let capacity = fold(capacity.trim());
    CAPACITIES
        .iter()
        .position(|c| *c == capacity)
        .unwrap_or(CAPACITIES.len())
}

/// Whether `capacity` is head of delegation.
pub fn heads_delegation(capacity: &str) -> bool {
    capacity_rank(capacity) == 0
}

/// Where a person stands within their delegation: by capacity, then family
/// and given name in alphabetical order (`fold::person_sort_key`), then id.
pub fn member_key(capacity: &str, family: &str, given: &str, id: Id) -> (usize, String, Id) {
    (capacity_rank(capacity), person_sort_key(family, given), id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrgCategory as C;
    use ParticipationStatus as P;

    fn d(
        id: Id,
        name: &str,
        official: &str,
        category: OrgCategory,
        status: ParticipationStatus,
    ) -> Delegation {
        Delegation {
            organisation_id: id,
            name: name.into(),
            official_name: official.into(),
            category,
            status,
        }
    }

    #[test]
    fn protocol_order_table() {
        type Case = (&'static str, Vec<Delegation>, Vec<Id>, Vec<&'static str>);
        let cases: Vec<Case> = vec![
            (
                "groups in order",
                vec![
                    d(1, "Meta", "", C::PrivateSector, P::Guest),
                    d(2, "Walk Free", "", C::CivilSociety, P::Guest),
                    d(3, "Fiji", "", C::ObserverState, P::Observer),
                    d(4, "IOM", "", C::InternationalOrganisation, P::Member),
                    d(5, "Thailand", "", C::MemberState, P::Member),
                    d(6, "RSO", "", C::Secretariat, P::Secretariat),
                    d(7, "UNICEF", "", C::InternationalOrganisation, P::Guest),
                ],
                vec![],
                vec![
                    "Thailand",
                    "IOM",
                    "Fiji",
                    "UNICEF",
                    "Walk Free",
                    "Meta",
                    "RSO",
                ],
            ),
            (
                "host and co-chairs first, in the configured order",
                vec![
                    d(1, "Australia", "", C::MemberState, P::Member),
                    d(2, "Bangladesh", "", C::MemberState, P::Member),
                    d(3, "Indonesia", "", C::MemberState, P::Member),
                    d(4, "Thailand", "", C::MemberState, P::Member),
                ],
                vec![4, 1, 3],
                vec!["Thailand", "Australia", "Indonesia", "Bangladesh"],
            ),
            (
                "short names sort, not official ones, ignoring leading words",
                vec![
                    d(
                        1,
                        "Mexico",
                        "United Mexican States",
                        C::MemberState,
                        P::Member,
                    ),
                    d(2, "Fiji", "Republic of Fiji", C::MemberState, P::Member),
                    d(
                        3,
                        "The Gambia",
                        "Republic of The Gambia",
                        C::MemberState,
                        P::Member,
                    ),
                    d(
                        4,
                        "Republic of Korea",
                        "Republic of Korea",
                        C::MemberState,
                        P::Member,
                    ),
                    d(
                        5,
                        "Bangladesh",
                        "People's Republic of Bangladesh",
                        C::MemberState,
                        P::Member,
                    ),
                    d(
                        6,
                        "Türkiye",
                        "Republic of Türkiye",
                        C::MemberState,
                        P::Member,
                    ),
                ],
                vec![],
                vec![
                    "Bangladesh",
                    "Fiji",
                    "The Gambia",
                    "Republic of Korea",
                    "Mexico",
                    "Türkiye",
                ],
            ),
            (
                "names in any script, and prefixes that end inside a character",
                vec![
                    d(1, "Café SA", "", C::MemberState, P::Member),
                    d(2, "São Tomé and Príncipe", "", C::MemberState, P::Member),
                    d(3, "ประเทศไทย", "", C::MemberState, P::Member),
                    d(4, "The", "", C::MemberState, P::Member),
                    d(5, "Thé Bank", "", C::MemberState, P::Member),
                    d(6, "Kingdom", "", C::MemberState, P::Member),
                    d(7, "Ωmega", "", C::MemberState, P::Member),
                    d(8, "é", "", C::MemberState, P::Member),
                    d(9, "the Bahamas", "", C::MemberState, P::Member),
                ],
                vec![],
                vec![
                    "the Bahamas",
                    "Café SA",
                    "é",
                    "Kingdom",
                    "São Tomé and Príncipe",
                    "The",
                    "Thé Bank",
                    "Ωmega",
                    "ประเทศไทย",
                ],
            ),
            (
                "accents do not matter: each country among its letter",
                vec![
                    d(1, "Cuba", "", C::MemberState, P::Member),
                    d(2, "Côte d'Ivoire", "", C::MemberState, P::Member),
                    d(3, "Costa Rica", "", C::MemberState, P::Member),
                    d(4, "Croatia", "", C::MemberState, P::Member),
                    d(5, "Turkmenistan", "", C::MemberState, P::Member),
                    d(6, "Türkiye", "", C::MemberState, P::Member),
                    d(7, "Tuvalu", "", C::MemberState, P::Member),
                    d(8, "Åland", "", C::MemberState, P::Member),
                    d(9, "Zambia", "", C::MemberState, P::Member),
                ],
                vec![],
                vec![
                    "Åland",
                    "Costa Rica",
                    "Côte d'Ivoire",
                    "Croatia",
                    "Cuba",
                    "Türkiye",
                    "Turkmenistan",
                    "Tuvalu",
                    "Zambia",
                ],
            ),
            (
                "case does not matter",
                vec![
                    d(1, "viet Nam", "", C::MemberState, P::Member),
                    d(2, "Australia", "", C::MemberState, P::Member),
                    d(3, "sri Lanka", "", C::MemberState, P::Member),
                ],
                vec![],
                vec!["Australia", "sri Lanka", "viet Nam"],
            ),
        ];
        for (name, mut list, first, want) in cases {
            let cfg = ProtocolConfig {
                first,
                ..Default::default()
            };
            order(&mut list, &cfg);
            let got: Vec<&str> = list.iter().map(|d| d.name.as_str()).collect();
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn capacities_rank_head_of_delegation_first_whatever_their_case() {
        let table: &[(&str, usize)] = &[
            ("head of delegation", 0),
            ("Head of Delegation", 0),
            ("  HEAD OF DELEGATION ", 0),
            ("alternate", 1),
            ("Adviser", 2),
            ("DELEGATE", 3),
            ("observer", 4),
            ("", 5),
            ("Minister", 5),
            ("head of delegation (acting)", 5),
        ];
        for (capacity, rank) in table {
            assert_eq!(capacity_rank(capacity), *rank, "{capacity:?}");
        }
        assert!(heads_delegation("Head of delegation"));
        assert!(!heads_delegation("alternate"));
    }

    #[test]
    fn members_go_by_capacity_then_family_and_given_name() {
        let mut people = [
            ("delegate", "Zhou", "Wei", 1),
            ("Head of Delegation", "Yilmaz", "Ayşe", 2),
            ("delegate", "Öztürk", "Can", 3),
            ("", "Abe", "Aki", 4),
            ("delegate", "Ozturk", "Can", 5),
            ("adviser", "Nguyễn", "Hoà", 6),
            ("delegate", "Öztürk", "Ali", 7),
        ];
        people.sort_by_cached_key(|(c, f, g, id)| member_key(c, f, g, *id));
        let ids: Vec<Id> = people.iter().map(|p| p.3).collect();
        // "Ozturk" before "Öztürk" only where the names are otherwise the same.
        assert_eq!(ids, vec![2, 6, 7, 5, 3, 1, 4]);
    }

    #[test]
    fn leading_words_are_matched_by_character_without_case() {
        let table: &[(&str, &str, Option<&str>)] = &[
            ("The Gambia", "The ", Some("Gambia")),
            ("THE GAMBIA", "The ", Some("GAMBIA")),
            ("Café SA", "The ", None),
            ("Thé", "The ", None),
            ("RÉPUBLIQUE de Guinée", "République de ", Some("Guinée")),
            ("Th", "The ", None),
            ("", "The ", None),
            ("ประเทศไทย", "ประเทศ", Some("ไทย")),
        ];
        for (text, prefix, want) in table {
            assert_eq!(
                strip_prefix_ignoring_case(text, prefix),
                *want,
                "{text:?} {prefix:?}"
            );
        }
    }
}
