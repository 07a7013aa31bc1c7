use super::*;

/// A role as one line: honorific|given|family|position|organisation|acronym,
/// "org:NAME|ACRONYM" for an organisation alone, "note:TEXT" for the rest.
fn line(r: &ProgrammeRole) -> String {
    match (&r.person, &r.organisation) {
        (Some(p), _) => {
            let (org, acronym) = p
                .organisation
                .as_ref()
                .map(|o| (o.name.as_str(), o.acronym.as_str()))
                .unwrap_or_default();
            format!(
                "{}|{}|{}|{}|{}|{}",
                p.honorific, p.given_name, p.family_name, p.position, org, acronym
            )
        }
        (None, Some(o)) => format!("org:{}|{}", o.name, o.acronym),
        (None, None) => format!("note:{}", r.note),
    }
}

#[test]
fn cells_of_people_read_into_names_positions_and_organisations() {
    let cases: &[(&str, &[&str])] = &[
        (
            "H.E. Ms Jane Doe, Minister, Indonesia; Mr John Roe (IOM)",
            &["H.E. Ms|Jane|Doe|Minister|Indonesia|", "Mr|John|Roe||IOM|IOM"],
        ),
        (
            "António Vitorino, Director General; Louise Arbour, Special Representative of the Secretary-General for International Migration",
            &[
                "|António|Vitorino|Director General||",
                "|Louise|Arbour|Special Representative of the Secretary-General for International Migration||",
            ],
        ),
        (
            "Hasan Kleib, Director General for Multilateral Affairs",
            &["|Hasan|Kleib|Director General for Multilateral Affairs||"],
        ),
        (
            "Juan Eduardo Eguiguren, Permanent Representative of Chile to the UN and other international organizations in Geneva; Chairperson of the Council Bureau of IOM",
            &["|Juan Eduardo|Eguiguren|Permanent Representative of Chile to the UN and other international organizations in Geneva; Chairperson of the Council Bureau of IOM||"],
        ),
        (
            "Azzouz Samri, Head, ... (truncated in source)",
            &["|Azzouz|Samri|Head, ... (truncated in source)||"],
        ),
        (
            "Dr Jan van der Berg\nProf. Maria de la Cruz, Rector, University of the Philippines",
            &[
                "Dr|Jan|van der Berg|||",
                "Prof.|Maria|de la Cruz|Rector|University of the Philippines|",
            ],
        ),
        ("Suharto", &["||Suharto|||"]),
        ("王毅, Minister of Foreign Affairs, China", &["||王毅|Minister of Foreign Affairs|China|"]),
        (
            "Khun Thani Thongphakdi, Permanent Secretary, Thailand",
            &["Khun|Thani|Thongphakdi|Permanent Secretary|Thailand|"],
        ),
        (
            "Sheikh Abdullah bin Zayed Al Nahyan, Minister of Foreign Affairs, United Arab Emirates",
            &["Sheikh|Abdullah bin Zayed|Al Nahyan|Minister of Foreign Affairs|United Arab Emirates|"],
        ),
        ("عبد الله الحسيني (UNHCR)", &["|عبد الله|الحسيني||UNHCR|UNHCR"]),
        (
            "S.E. M. Jorge Lopes Bom Jesus, Premier ministre, São Tomé and Príncipe",
            &["S.E. M.|Jorge Lopes Bom|Jesus|Premier ministre|São Tomé and Príncipe|"],
        ),
        (
            "Son Excellence Mme Aminata Touré, Ministre de la Justice",
            &["Son Excellence Mme|Aminata|Touré|Ministre de la Justice||"],
        ),
        (
            "Tan Sri Dato' Ahmad Fuzi, Secretary-General, Ministry of Foreign Affairs",
            &["Tan Sri Dato'|Ahmad|Fuzi|Secretary-General|Ministry of Foreign Affairs|"],
        ),
        (
            "Pak Retno Marsudi; Ibu Sri Mulyani",
            &["Pak|Retno|Marsudi|||", "Ibu|Sri|Mulyani|||"],
        ),
        (
            "Ambassador Jane Doe, International Organization for Migration (IOM)",
            &["Ambassador|Jane|Doe||International Organization for Migration|IOM"],
        ),
        ("Hon. Peter Dutton (Australia)", &["Hon.|Peter|Dutton||Australia|"]),
        ("Sir Nigel Rodley; Dame Ann Leslie", &["Sir|Nigel|Rodley|||", "Dame|Ann|Leslie|||"]),
        ("Datuk Seri Anifah", &["Datuk|Seri|Anifah|||"]),
        ("UNHCR; Indonesia", &["org:UNHCR|UNHCR", "org:Indonesia|"]),
        ("TBC", &["note:TBC"]),
        ("Representatives of Member States", &["note:Representatives of Member States"]),
        (
            "Panel discussion with ministers",
            &["note:Panel discussion with ministers"],
        ),
        (
            "• Mr A Person\n• Ms B Person",
            &["Mr|A|Person|||", "Ms|B|Person|||"],
        ),
        ("", &[]),
    ];
    for (cell, want) in cases {
        let got: Vec<String> = parse_people(cell, RoleKind::Speaker)
            .iter()
            .map(line)
            .collect();
        assert_eq!(got, *want, "{cell}");
    }
}

#[test]
fn every_role_of_a_cell_takes_the_column_s_kind_and_keeps_what_was_written() {
    let roles = parse_people(
        "H.E. Ms Jane Doe, Minister; to be confirmed",
        RoleKind::Chair,
    );
    assert!(roles.iter().all(|r| r.kind == RoleKind::Chair));
    assert_eq!(
        roles[0].person.as_ref().unwrap().written,
        "H.E. Ms Jane Doe"
    );
    assert_eq!(roles[1].note, "to be confirmed");
}
