//! The one fold for finding people, organisations and places by what
//! someone typed: without case, and without the accents of Latin and Greek
//! letters, so "nguyen" finds "Nguyễn", "cote" finds "Côte d'Ivoire" and
//! "çelik" finds "ÇELIK". Other scripts keep their marks (Thai vowels,
//! Arabic harakat, Cyrillic "й" and "ё") and only lose case.
//!
//! Every search uses it: the people search (as the SQL function
//! `plenary_fold`), the check-in desk (its lines carry their folded text),
//! the lookups of the command line, and the protocol order's sort names.
//! The window folds what is typed with its one copy, `ui/src/lib/format/fold.ts`,
//! checked against the same table of cases (`fold_cases.json`).
//!
//! On the fold stands `sort_key`, the one alphabetical order of every list
//! (delegations, people, directories, briefings): ICU's root collation for
//! the names we meet, without linking ICU; `sort_cases.txt` holds the
//! country names it is checked against.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// `text` lower-cased, with the accents of Latin and Greek letters dropped
/// and a few letters written plainly ("ß" → "ss", "ø" → "o", "ı" → "i",
/// "’" → "'"); the result is in NFC.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.chars().map(ascii).collect();
    }
    let lower = text.nfd().collect::<String>().to_lowercase();
    let mut out = String::with_capacity(lower.len());
    // Whether the marks that follow sit on a Latin or Greek letter.
    let mut drops = false;
    for c in lower.chars() {
        if is_combining_mark(c) {
            if !(drops && is_diacritic(c)) {
                out.push(c);
            }
            continue;
        }
        drops = latin_or_greek(c);
        match plain(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out.nfc().collect()
}

/// The folded words of a search; none for a blank one.
pub fn words(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}

/// `name` folded, with every run of characters that are not letters, marks,
/// digits or apostrophes made one space: "Mr Jean-Pierre Roux" → "mr jean pierre roux".
pub fn name_words(name: &str) -> String {
    let folded = fold(name);
    let word = |c: char| c.is_alphanumeric() || is_combining_mark(c) || c == '\'';
    folded
        .split(|c: char| !word(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two texts are the same once folded (and trimmed).
pub fn same(a: &str, b: &str) -> bool {
    fold(a.trim()) == fold(b.trim())
}

/// The key that puts names in alphabetical order as a protocol office does,
/// the order of ICU's root collation: letters without their accents or case
/// first ("Côte d'Ivoire" before "Cuba", "Émirats arabes unis" among the
/// E's, "Åland" among the A's), spaces before punctuation before digits
/// before letters, as ICU places them; then, between names equal so far,
/// the unaccented one first, then the lower-case one. Every alphabetical list sorts by it.
pub fn sort_key(text: &str) -> String {
    levels(text).join("\u{1}")
}

/// A person's key: family name, then given name, so "Ms Lynn Bell" sorts
/// under B whatever her honorific. As in `sort_key`, accents and then case
/// count only between people whose names are otherwise the same.
pub fn person_sort_key(family: &str, given: &str) -> String {
    let [f1, f2, f3] = levels(family);
    let [g1, g2, g3] = levels(given);
    [f1, g1, f2, g2, f3, g3].join("\u{1}")
}

/// The three comparisons of a collation: letters without accents or case
/// (and spaces and punctuation in ICU's order), then accents, then case.
/// Joined by U+0001, which sorts below everything they hold, the keys
/// compare as the levels in turn; a name sorts before its continuations
/// ("Niger" before "Nigeria"). No NUL: SQLite compares the keys too.
fn levels(text: &str) -> [String; 3] {
    let text = text.trim();
    let primary: String = fold(text).chars().filter_map(primary).collect();
    let accents: String = text
        .nfd()
        .filter(|c| !ignorable(*c))
        .flat_map(char::to_lowercase)
        .collect();
    // Lower case before upper, as ICU has it ("Sahara occidental" before
    // "Sahara Occidental"): the text with its case swapped.
    let case: String = text
        .nfd()
        .filter(|c| !ignorable(*c))
        .map(swap_case)
        .collect();
    [primary, accents, case]
}

fn swap_case(c: char) -> char {
    let other: Vec<char> = if c.is_lowercase() {
        c.to_uppercase().collect()
    } else {
        c.to_lowercase().collect()
    };
    match other.as_slice() {
        [o] => *o,
        _ => c,
    }
}

/// ICU's order of spaces, punctuation and symbols, which all come before
/// digits and letters.
const PUNCTUATION: &str = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

/// A folded character's place in the first comparison: whitespace and
/// punctuation moved below the digits in ICU's order, characters that
/// collation ignores (joiners, variation selectors, controls) dropped.
fn primary(c: char) -> Option<char> {
    if ignorable(c) {
        return None;
    }
    if c.is_whitespace() {
        return Some('\u{2}');
    }
    let c = match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{00B7}' | '\u{2022}' | '\u{2027}' => '.',
        '\u{00AB}' | '\u{00BB}' | '\u{201C}'..='\u{201F}' => '"',
        c => c,
    };
    if let Some(i) = PUNCTUATION.chars().position(|p| p == c) {
        return char::from_u32(3 + i as u32);
    }
    if !c.is_alphanumeric() && !is_combining_mark(c) {
        // Other punctuation and symbols: after ASCII's, before the digits.
        return Some('\u{2F}');
    }
    Some(c)
}

/// Characters that collation passes over: controls, joiners, direction
/// marks, the soft hyphen and variation selectors.
pub fn ignorable(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}'
            | '\u{034F}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{E0100}'..='\u{E01EF}')
}

fn ascii(c: char) -> char {
    match c {
        '`' => '\'',
        c => c.to_ascii_lowercase(),
    }
}

/// Letters that have no decomposition but that people type plainly.
fn plain(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ı' => "i",
        'ς' => "σ",
        '’' | '‘' | '`' => "'",
        _ => return None,
    })
}

/// The combining marks that are accents: the diacritical-mark blocks.
fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Latin and Greek letters, whose accents a search ignores.
fn latin_or_greek(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c,
            '\u{00C0}'..='\u{024F}'
            | '\u{0250}'..='\u{02AF}'
            | '\u{0370}'..='\u{03FF}'
            | '\u{1D00}'..='\u{1DBF}'
            | '\u{1E00}'..='\u{1FFF}'
            | '\u{2C60}'..='\u{2C7F}'
            | '\u{A720}'..='\u{A7FF}'
            | '\u{AB30}'..='\u{AB6F}'
            | '\u{FF21}'..='\u{FF3A}'
            | '\u{FF41}'..='\u{FF5A}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases, shared with the window's fold (`ui/src/lib/format/fold.test.ts`).
    fn cases() -> Vec<(String, String)> {
        serde_json::from_str(include_str!("fold_cases.json")).expect("fold_cases.json")
    }

    #[test]
    fn names_from_many_scripts_fold_as_the_table_says() {
        let cases = cases();
        assert!(cases.len() > 30);
        for (text, want) in cases {
            assert_eq!(fold(&text), want, "{text:?}");
            // Folding twice changes nothing more.
            assert_eq!(fold(&want), want, "{want:?} folded again");
        }
    }

    #[test]
    fn accented_names_are_found_by_their_plain_spelling() {
        let table: &[(&str, &str)] = &[
            ("Ms Nguyễn Thị Hoà", "hoa"),
            ("Ms Nguyễn Thị Hoà", "nguyen"),
            ("Côte d'Ivoire", "cote"),
            ("Türkiye", "turkiye"),
            ("Mr Ahmet ÇELIK", "çelik"),
            ("Mr Ahmet ÇELIK", "Çelik"),
            ("Straße", "strasse"),
            ("İstanbul", "istanbul"),
            ("Işıl", "isil"),
            ("Пётр", "пётр"),
            ("ΑΘΗΝΑ", "αθηνα"),
        ];
        for (name, typed) in table {
            assert!(
                fold(name).contains(&fold(typed)),
                "{typed:?} finds {name:?}"
            );
        }
        let apart: &[(&str, &str)] = &[("Йошкар", "иошкар"), ("Україна", "украина")];
        for (name, typed) in apart {
            assert!(
                !fold(name).contains(&fold(typed)),
                "{typed:?} is another letter"
            );
        }
    }

    #[test]
    fn words_and_sameness() {
        assert_eq!(words("  Lynn  BELL "), vec!["lynn", "bell"]);
        assert!(words(" \t ").is_empty());
        assert!(same(" Nguyen Thi Hoa", "Nguyễn Thị Hoà "));
        assert!(!same("Salle A", "Salle B"));
        for (name, want) in [
            ("Mr Jean-Pierre Roux", "mr jean pierre roux"),
            ("  H.E. Ms Nguyễn Thị Hoà ", "h e ms nguyen thi hoa"),
            ("Mr Seán O’Brien", "mr sean o'brien"),
            ("นายกิตติศักดิ์ ศรีสุข", "นายกิตติศักดิ์ ศรีสุข"),
            ("", ""),
        ] {
            assert_eq!(name_words(name), want, "{name}");
        }
    }
    #[test]
    fn country_names_sort_as_icu_sorts_them() {
        // Listed in ICU's root order (how the file was made is at its top).
        let icu: Vec<&str> = include_str!("sort_cases.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        assert!(icu.len() > 1000);
        let mut ours = icu.clone();
        ours.sort_by_cached_key(|n| n.chars().rev().collect::<String>());
        ours.sort_by_cached_key(|n| sort_key(n));
        let wrong: Vec<String> = ours
            .iter()
            .zip(&icu)
            .filter(|(a, b)| a != b)
            .take(10)
            .map(|(a, b)| format!("{a} where ICU has {b}"))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn pairs_in_alphabetical_order() {
        let table: &[(&str, &str)] = &[
            ("Côte d'Ivoire", "Cuba"),
            ("Costa Rica", "Côte d'Ivoire"),
            ("Türkiye", "Tuvalu"),
            ("Türkiye", "Turkmenistan"),
            ("Égypte", "Émirats arabes unis"),
            ("Émirats arabes unis", "Équateur"),
            ("Équateur", "Espagne"),
            ("Åland", "Albania"),
            ("Åland", "Bahamas"),
            ("Niger", "Nigeria"),
            ("Saint Lucia", "Saint-Barthélemy"),
            // ICU puts the hyphen before the comma, code points the other way.
            ("Guinea-Bissau", "Guinea, Equatorial"),
            ("Korea (Republic of)", "Korea, Republic of"),
            ("Saint-Marin", "Sainte-Lucie"),
            ("España", "Estonia"),
            ("Perú", "Portugal"),
            ("Çelik", "Cruz"),
            ("Øvergaard", "Pérez"),
            ("bell", "Bell"),
            ("Cote", "Côte"),
            ("Zambia", "Ωmega"),
            ("Ωmega", "Пётр"),
            ("Пётр", "ประเทศไทย"),
            ("zeta", "\u{200D}Zeta "),
        ];
        for (a, b) in table {
            assert!(sort_key(a) < sort_key(b), "{a:?} before {b:?}");
        }
        assert_eq!(sort_key("Bell"), sort_key(" Bell "));
        assert_eq!(sort_key("Ke\u{200C}ll"), sort_key("Kell"));
    }

    #[test]
    fn people_sort_by_family_then_given_name() {
        let mut people = [
            ("Bell", "Lynn"),
            ("Abe", "Zen"),
            ("Bell", "Ann"),
            ("Çelik", "Ahmet"),
            ("Cruz", "Ana"),
            ("Ángel", "Maria"),
        ];
        people.sort_by_cached_key(|(f, g)| person_sort_key(f, g));
        let families: Vec<String> = people.iter().map(|(f, g)| format!("{g} {f}")).collect();
        assert_eq!(
            families,
            [
                "Zen Abe",
                "Maria Ángel",
                "Ann Bell",
                "Lynn Bell",
                "Ahmet Çelik",
                "Ana Cruz"
            ]
        );
    }
}
