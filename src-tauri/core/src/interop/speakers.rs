//! A programme cell of people, as organisers type them: "H.E. Ms Jane Doe,
//! Minister, Indonesia; Mr John Roe (IOM)". People are separated by ";" or
//! new lines; a comma separates a name from its position and organisation.
//! What does not read as a person is kept word for word, never dropped.

use crate::fold::fold;
use crate::model::RoleKind;

use super::programme::{ProgrammeOrganisation, ProgrammePerson, ProgrammeRole};

/// Honorifics as written before a name, folded and without their final
/// dot; the longest are tried first so "H.E. Mr" is one honorific.
const HONORIFICS: &[&str] = &[
    "son excellence",
    "his excellency",
    "her excellency",
    "tan sri",
    "puan sri",
    "the hon",
    "h.e",
    "s.e",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "pr",
    "hon",
    "honourable",
    "honorable",
    "amb",
    "ambassador",
    "sir",
    "dame",
    "lord",
    "baroness",
    "dato'",
    "dato",
    "datuk",
    "datin",
    "pak",
    "ibu",
    "bapak",
    "m",
    "mme",
    "mlle",
    "sheikh",
    "shaikh",
    "khun",
    "rev",
    "excellency",
];

/// First words of a part that continues the previous person's position
/// ("Chairperson of the Council Bureau of IOM") rather than naming someone.
const POSITION_WORDS: &[&str] = &[
    "chair",
    "chairperson",
    "chairman",
    "chairwoman",
    "co-chair",
    "vice-chair",
    "head",
    "director",
    "director-general",
    "deputy",
    "minister",
    "permanent",
    "representative",
    "secretary",
    "secretary-general",
    "under-secretary-general",
    "assistant",
    "president",
    "vice",
    "vice-president",
    "special",
    "senior",
    "executive",
    "chief",
    "coordinator",
    "member",
    "members",
    "governor",
    "commissioner",
    "adviser",
    "advisor",
    "officer",
    "rapporteur",
    "moderator",
    "representatives",
    "former",
    "acting",
    "regional",
    "general",
    "ambassador",
    "consul",
    "mayor",
    "manager",
    "founder",
    "ceo",
    "spokesperson",
    "envoy",
    "high",
    "programme",
    "program",
];

/// Lower-case words inside a name: "van der Berg", "de la Cruz", "bin".
const PARTICLES: &[&str] = &[
    "van", "der", "den", "de", "del", "della", "la", "le", "du", "des", "di", "da", "dos", "das",
    "do", "von", "zu", "ten", "ter", "bin", "binti", "bint", "ibn", "al", "el", "y", "e", "af",
    "abu", "ben", "st", "d'", "l'",
];

/// First words of an organisation's name, as the last part of a cell.
const ORGANISATION_STARTS: &[&str] = &[
    "ministry",
    "government",
    "university",
    "embassy",
    "permanent mission",
    "mission of",
    "office of",
    "department",
    "agency",
    "institute",
    "international organization",
    "international organisation",
    "organization",
    "organisation",
    "united nations",
    "world bank",
    "european union",
    "european commission",
    "the ministry",
    "the government",
    "the university",
];

/// Countries and territories as programmes name them, folded.
const COUNTRIES: &[&str] = &[
    "afghanistan",
    "albania",
    "algeria",
    "andorra",
    "angola",
    "antigua and barbuda",
    "argentina",
    "armenia",
    "australia",
    "austria",
    "azerbaijan",
    "bahamas",
    "bahrain",
    "bangladesh",
    "barbados",
    "belarus",
    "belgium",
    "belize",
    "benin",
    "bhutan",
    "bolivia",
    "bosnia and herzegovina",
    "botswana",
    "brazil",
    "brunei",
    "brunei darussalam",
    "bulgaria",
    "burkina faso",
    "burundi",
    "cabo verde",
    "cape verde",
    "cambodia",
    "cameroon",
    "canada",
    "central african republic",
    "chad",
    "chile",
    "china",
    "colombia",
    "comoros",
    "congo",
    "costa rica",
    "cote d'ivoire",
    "croatia",
    "cuba",
    "cyprus",
    "czechia",
    "czech republic",
    "democratic republic of the congo",
    "denmark",
    "djibouti",
    "dominica",
    "dominican republic",
    "ecuador",
    "egypt",
    "el salvador",
    "equatorial guinea",
    "eritrea",
    "estonia",
    "eswatini",
    "ethiopia",
    "fiji",
    "finland",
    "france",
    "gabon",
    "gambia",
    "georgia",
    "germany",
    "ghana",
    "greece",
    "grenada",
    "guatemala",
    "guinea",
    "guinea-bissau",
    "guyana",
    "haiti",
    "holy see",
    "honduras",
    "hong kong",
    "hungary",
    "iceland",
    "india",
    "indonesia",
    "iran",
    "iraq",
    "ireland",
    "israel",
    "italy",
    "jamaica",
    "japan",
    "jordan",
    "kazakhstan",
    "kenya",
    "kiribati",
    "kuwait",
    "kyrgyzstan",
    "lao pdr",
    "laos",
    "lao people's democratic republic",
    "latvia",
    "lebanon",
    "lesotho",
    "liberia",
    "libya",
    "liechtenstein",
    "lithuania",
    "luxembourg",
    "madagascar",
    "malawi",
    "malaysia",
    "maldives",
    "mali",
    "malta",
    "marshall islands",
    "mauritania",
    "mauritius",
    "mexico",
    "micronesia",
    "moldova",
    "monaco",
    "mongolia",
    "montenegro",
    "morocco",
    "mozambique",
    "myanmar",
    "namibia",
    "nauru",
    "nepal",
    "netherlands",
    "the netherlands",
    "new zealand",
    "nicaragua",
    "niger",
    "nigeria",
    "north macedonia",
    "norway",
    "oman",
    "pakistan",
    "palau",
    "palestine",
    "state of palestine",
    "panama",
    "papua new guinea",
    "paraguay",
    "peru",
    "philippines",
    "the philippines",
    "poland",
    "portugal",
    "qatar",
    "republic of korea",
    "korea",
    "romania",
    "russia",
    "russian federation",
    "rwanda",
    "saint kitts and nevis",
    "saint lucia",
    "saint vincent and the grenadines",
    "samoa",
    "san marino",
    "sao tome and principe",
    "saudi arabia",
    "senegal",
    "serbia",
    "seychelles",
    "sierra leone",
    "singapore",
    "slovakia",
    "slovenia",
    "solomon islands",
    "somalia",
    "south africa",
    "south sudan",
    "spain",
    "sri lanka",
    "sudan",
    "suriname",
    "sweden",
    "switzerland",
    "syria",
    "syrian arab republic",
    "tajikistan",
    "tanzania",
    "united republic of tanzania",
    "thailand",
    "timor-leste",
    "togo",
    "tonga",
    "trinidad and tobago",
    "tunisia",
    "turkey",
    "turkiye",
    "turkmenistan",
    "tuvalu",
    "uganda",
    "ukraine",
    "united arab emirates",
    "uae",
    "united kingdom",
    "uk",
    "united states",
    "united states of america",
    "usa",
    "uruguay",
    "uzbekistan",
    "vanuatu",
    "venezuela",
    "viet nam",
    "vietnam",
    "yemen",
    "zambia",
    "zimbabwe",
];

/// The people of one cell in the order written, each as a role of `kind`.
/// A part that names no one ("To be confirmed") is a role with no person
/// and the text as its note.
pub fn parse_people(cell: &str, kind: RoleKind) -> Vec<ProgrammeRole> {
    let mut roles: Vec<ProgrammeRole> = Vec::new();
    for part in parts(cell) {
        match read_part(&part) {
            // The organisation is the person's own, not the role's: they
            // speak as themselves, of that organisation.
            Part::Person(person) => roles.push(ProgrammeRole {
                uid: None,
                kind,
                organisation: None,
                person: Some(*person),
                note: String::new(),
            }),
            Part::Organisation(org) => roles.push(ProgrammeRole {
                uid: None,
                kind,
                person: None,
                organisation: Some(org),
                note: String::new(),
            }),
            Part::Continuation => match roles.last_mut().and_then(|r| r.person.as_mut()) {
                Some(person) => {
                    if person.position.is_empty() {
                        person.position = part;
                    } else {
                        person.position = format!("{}; {part}", person.position);
                    }
                }
                None => roles.push(verbatim(kind, &part)),
            },
            Part::Verbatim => roles.push(verbatim(kind, &part)),
        }
    }
    roles
}

/// One person as typed into a form ("H.E. Ms Jane Doe, Minister,
/// Indonesia"), read as one part of a cell; `None` when it reads as no one.
pub fn read_person(text: &str) -> Option<ProgrammePerson> {
    match read_part(text.trim()) {
        Part::Person(person) => Some(*person),
        _ => None,
    }
}

fn verbatim(kind: RoleKind, text: &str) -> ProgrammeRole {
    ProgrammeRole {
        uid: None,
        kind,
        person: None,
        organisation: None,
        note: text.to_string(),
    }
}

/// The cell's parts: split on ";" and new lines, bullets dropped.
fn parts(cell: &str) -> Vec<String> {
    cell.split([';', '\n', '\r'])
        .map(|p| {
            p.trim()
                .trim_start_matches(['•', '·', '*', '–', '—', '-'])
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

enum Part {
    Person(Box<ProgrammePerson>),
    Organisation(ProgrammeOrganisation),
    /// More of the previous person's position.
    Continuation,
    Verbatim,
}

/// Words that stand for no one yet.
const PLACEHOLDERS: &[&str] = &[
    "tbc",
    "tbd",
    "tba",
    "n/a",
    "to be confirmed",
    "to be announced",
    "to be determined",
    "a confirmer",
    "a determiner",
    "a preciser",
];

fn read_part(part: &str) -> Part {
    let plain = fold(part.trim_end_matches('.'));
    if PLACEHOLDERS.contains(&plain.trim()) {
        return Part::Verbatim;
    }
    // An organisation in brackets at the very end: "Mr John Roe (IOM)".
    let (body, bracketed) = trailing_bracket(part);
    let mut pieces = body.split(',').map(str::trim).filter(|p| !p.is_empty());
    let Some(first) = pieces.next() else {
        return Part::Verbatim;
    };
    let rest: Vec<&str> = pieces.collect();
    // A bracket right after the name: "Mr John Roe (IOM), Director".
    let (name_text, name_bracket) = trailing_bracket(first);
    let (honorific, name) = split_honorific(name_text);
    if honorific.is_empty() {
        if starts_lower(name) || is_position_start(name) {
            return Part::Continuation;
        }
        if rest.is_empty() && bracketed.is_none() {
            if is_acronym(name) {
                return Part::Organisation(organisation(name));
            }
            if is_country(name) {
                return Part::Organisation(organisation(name));
            }
        }
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if !is_name(&words) {
        return Part::Verbatim;
    }
    let (given, family) = split_name(&words);
    let mut position: Vec<&str> = rest.clone();
    let mut org = bracketed.or(name_bracket).map(organisation);
    // "…, International Organization for Migration (IOM)": the bracket is
    // the acronym of the organisation before it.
    if let (Some(acronym), Some(last)) = (bracketed, position.last()) {
        if is_acronym(acronym) && names_organisation(last) {
            org = Some(ProgrammeOrganisation {
                uid: None,
                name: last.to_string(),
                acronym: acronym.to_string(),
            });
            position.pop();
        }
    }
    if org.is_none() {
        if let Some(last) = position.last() {
            if names_organisation(last) {
                org = Some(organisation(last));
                position.pop();
            }
        }
    }
    Part::Person(Box::new(ProgrammePerson {
        uid: None,
        source_id: String::new(),
        written: name_text.trim().to_string(),
        honorific: honorific.to_string(),
        given_name: given,
        family_name: family,
        position: position.join(", "),
        organisation: org,
        email: String::new(),
    }))
}

fn organisation(text: &str) -> ProgrammeOrganisation {
    let text = text.trim();
    // "International Organization for Migration (IOM)".
    if let (name, Some(acronym)) = trailing_bracket(text) {
        if is_acronym(acronym) && !name.is_empty() {
            return ProgrammeOrganisation {
                uid: None,
                name: name.to_string(),
                acronym: acronym.to_string(),
            };
        }
    }
    ProgrammeOrganisation {
        uid: None,
        name: text.to_string(),
        acronym: if is_acronym(text) {
            text.to_string()
        } else {
            String::new()
        },
    }
}

/// `text` without a final "(…)" that names an organisation, and what it
/// names; "(truncated)" and the like stay in the text.
fn trailing_bracket(text: &str) -> (&str, Option<&str>) {
    let t = text.trim();
    let Some(open) = t
        .strip_suffix(')')
        .and_then(|s| s.rfind('(').map(|i| (s, i)))
    else {
        return (t, None);
    };
    let (s, i) = open;
    let (before, inner) = s.split_at(i);
    let inner = inner.trim_start_matches('(').trim();
    let folded = fold(inner);
    if inner.is_empty() || folded.starts_with("truncated") || folded.contains("tbc") {
        return (t, None);
    }
    if before.trim().is_empty() {
        return (t, None);
    }
    (before.trim(), Some(inner))
}

/// The honorific (as written) and the rest of the name.
fn split_honorific(text: &str) -> (&str, &str) {
    let text = text.trim();
    let mut end = 0;
    let mut rest = text;
    while let Some(len) = honorific_at(rest) {
        let Some(after) = rest.get(len..) else {
            break;
        };
        let after_trimmed = after.trim_start();
        // An honorific is followed by a name, never by nothing.
        if after_trimmed.is_empty() || starts_lower(after_trimmed) {
            break;
        }
        end += len + (after.len() - after_trimmed.len());
        rest = after_trimmed;
    }
    let honorific = text.get(..end).unwrap_or("").trim();
    (honorific, rest)
}

/// The byte length of an honorific at the start of `text`, if any.
fn honorific_at(text: &str) -> Option<usize> {
    // Where the first, second and third words end (each followed by a
    // space: an honorific is never the whole text).
    let mut ends: Vec<usize> = Vec::with_capacity(2);
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                ends.push(i);
                if ends.len() == 2 {
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    // The longest honorific first: "Tan Sri" before "Tan".
    ends.into_iter().rev().find(|&len| {
        let Some(candidate) = text.get(..len) else {
            return false;
        };
        let folded = fold(candidate);
        let plain = folded
            .trim_end_matches('.')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        // "M" and "Pr" only with their dot: a bare "M" may be an initial.
        if matches!(plain.as_str(), "m" | "pr") && !candidate.ends_with('.') {
            return false;
        }
        HONORIFICS.contains(&plain.as_str())
    })
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

fn first_word_folded(text: &str) -> String {
    let first = text.split_whitespace().next().unwrap_or("");
    fold(first.trim_end_matches([',', '.', ':']))
}

fn is_position_start(text: &str) -> bool {
    POSITION_WORDS.contains(&first_word_folded(text).as_str())
}

/// "IOM", "UNHCR", "UN-Habitat" is not (lower case), "OHCHR".
fn is_acronym(text: &str) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    (2..=12).contains(&n)
        && t.chars().any(|c| c.is_uppercase())
        && t.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '&' | '.'))
}

fn is_country(text: &str) -> bool {
    COUNTRIES.contains(&fold(text.trim()).as_str())
}

fn names_organisation(text: &str) -> bool {
    let folded = fold(text.trim());
    is_acronym(text)
        || is_country(text)
        || ORGANISATION_STARTS.iter().any(|s| {
            folded
                .strip_prefix(s)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
        || matches!(trailing_bracket(text), (_, Some(inner)) if is_acronym(inner))
}

/// Whether the words read as a name: a few words, each starting with a
/// capital (or in a script without case), lower case only for particles.
fn is_name(words: &[&str]) -> bool {
    if words.is_empty() || words.len() > 7 {
        return false;
    }
    let first_ok = words[0].chars().next().is_some_and(|c| !c.is_lowercase());
    first_ok
        && words.iter().all(|w| {
            let starts_ok = w
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '\'' || c == '(' || c == '"');
            starts_ok && (!starts_lower(w) || is_particle(w))
        })
}

fn is_particle(word: &str) -> bool {
    let folded = fold(word);
    PARTICLES.contains(&folded.as_str())
        || folded.starts_with("d'")
        || folded.starts_with("al-")
        || folded.starts_with("el-")
}

/// Given and family name: the family name is the last word, with the
/// particles before it ("van der Berg"); a single word is a mononym.
fn split_name(words: &[&str]) -> (String, String) {
    let Some(last) = words.len().checked_sub(1) else {
        return (String::new(), String::new());
    };
    let mut start = last;
    while start > 1 && is_particle(words[start - 1]) {
        start -= 1;
    }
    let given = words.get(..start).unwrap_or(&[]).join(" ");
    let family = words.get(start..).unwrap_or(&[]).join(" ");
    (given, family)
}

#[cfg(test)]
#[path = "speakers_tests.rs"]
mod tests;
