//! Protocol order for lists of delegations: the host and co-chairs first,
//! then members, observers, international organisations, civil society and
//! the private sector; alphabetical within each group by official name,
//! ignoring configured leading words ("The", "Republic of").

use crate::model::{Id, OrgCategory, ParticipationStatus};
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
    /// Used for sorting when set ("Republic of Indonesia").
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
        (_, C::CivilSociety) => 6,
        (_, C::PrivateSector) => 7,
        (_, C::Programme | C::Workstream) => 8,
        (_, C::Secretariat) => 9,
    }
}

/// The name a delegation sorts by: official name if any, leading words
/// dropped, compared without case.
pub fn sort_name(d: &Delegation, prefixes: &[String]) -> String {
    let name = if d.official_name.trim().is_empty() {
        d.name.trim()
    } else {
        d.official_name.trim()
    };
    let mut rest = name;
    // Longest prefix first so "Republic of the" wins over "Republic of".
    let mut sorted: Vec<&String> = prefixes.iter().collect();
    sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for p in sorted {
        if rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p) {
            rest = &rest[p.len()..];
            break;
        }
    }
    rest.to_lowercase()
}

/// Sorts delegations into protocol order.
pub fn order(delegations: &mut [Delegation], cfg: &ProtocolConfig) {
    delegations.sort_by_cached_key(|d| {
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
    });
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
                "official names sort, ignoring leading words",
                vec![
                    d(
                        1,
                        "Indonesia",
                        "Republic of Indonesia",
                        C::MemberState,
                        P::Member,
                    ),
                    d(2, "Fiji", "Republic of Fiji", C::MemberState, P::Member),
                    d(3, "Gambia", "The Gambia", C::MemberState, P::Member),
                    d(
                        4,
                        "Philippines",
                        "Republic of the Philippines",
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
                ],
                vec![],
                vec!["Fiji", "Gambia", "Indonesia", "Bangladesh", "Philippines"],
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
}
