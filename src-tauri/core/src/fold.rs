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
}
