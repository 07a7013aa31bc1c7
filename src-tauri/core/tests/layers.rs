//! The core's layers, kept: no module imports from a layer above its own,
//! and no modules import each other in a cycle.
//!
//! Reads every source file of the crate except tests (`#[cfg(test)]` items
//! and `*tests.rs` files), collects what each refers to (`crate::…`, `use
//! crate::{…}`, `super::…`, `self::…` and its own child modules), and checks
//! each reference against `LAYERS`. ARCHITECTURE.md shows the same table.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every module of the crate and its layer, bottom (1) to top (5). A module
/// may use its own layer and those below. A file belongs to the longest
/// entry its module path starts with.
const LAYERS: &[(&str, u8)] = &[
    // 1. The model and its words.
    ("model", 1),
    ("error", 1),
    ("limits", 1),
    ("protocol", 1),
    ("fold", 1),
    ("when", 1),
    // 2. The plan file: SQL only.
    ("store", 2),
    // 3. Rules: form validation into drafts, conflicts.
    ("forms", 3),
    ("check", 3),
    // 4. Edits (validate, then write through the store) and read models.
    ("edit", 4),
    ("edit::plan", 4),
    ("edit::events", 4),
    ("edit::rooms", 4),
    ("edit::sessions", 4),
    ("edit::organisations", 4),
    ("edit::people", 4),
    ("edit::delegations", 4),
    ("edit::attendance", 4),
    ("edit::roles", 4),
    ("planner", 4),
    ("speaking", 4),
    ("attendees", 4),
    ("attendees::csv_file", 4),
    ("attendees::import", 4),
    ("attendees::export", 4),
    ("attendees::lookup", 4),
    ("interop", 4),
    ("interop::programme", 4),
    ("interop::source", 4),
    ("interop::backup", 4),
    ("interop::export", 4),
    ("interop::import", 4),
    ("interop::ical", 4),
    ("interop::ical::lines", 4),
    ("interop::ical::read", 4),
    ("interop::ical::recur", 4),
    ("interop::ical::write", 4),
    ("interop::ical::zones", 4),
    ("interop::frab", 4),
    ("interop::frab_xml", 4),
    ("interop::frab_json", 4),
    ("interop::sheet", 4),
    ("interop::sheet_out", 4),
    ("interop::speakers", 4),
    ("agenda", 4),
    ("roster", 4),
    ("run", 4),
    ("report", 4),
    ("live", 4),
    ("board", 4),
    ("merge", 4),
    ("print", 4),
    ("print::document", 4),
    ("print::changes", 4),
    ("print::glance", 4),
    ("print::render", 4),
    ("print::report", 4),
    ("print::worker", 4),
    ("summary", 4),
    ("summary::draft", 4),
    ("summary::markup", 4),
    ("summary::words", 4),
    ("summary::export", 4),
    ("summary::docx", 4),
    ("summary::markdown", 4),
    ("stats", 4),
    ("text", 4),
    ("vocabulary", 4),
    // 5. Whole plans, built through the layers below.
    ("sample", 5),
    ("synth", 5),
];

/// One reference from a file to a module path.
struct Reference {
    file: String,
    line: usize,
    /// The path as resolved from the crate root, segments joined by `::`.
    target: String,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module a file is: `store/people.rs` is `store::people`, `print/mod.rs`
/// is `print`, `lib.rs` is the crate root (empty).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// The text with comments and the contents of string and character
/// literals blanked out, line breaks kept, so line numbers still hold.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                if chars[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
        } else if c == 'r' && matches!(next, Some('"') | Some('#')) && is_raw_start(&chars, i) {
            let mut hashes = 0;
            i += 1;
            while chars.get(i) == Some(&'#') {
                hashes += 1;
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
            while i < chars.len() {
                if chars[i] == '"' && (0..hashes).all(|h| chars.get(i + 1 + h) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                if chars[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if chars.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && is_char_literal(&chars, i) {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `r"…"` or `r#"…"#`, not an identifier ending in r.
fn is_raw_start(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).map(|j| chars[j]);
    if before.is_some_and(|b| b.is_alphanumeric() || b == '_') {
        return false;
    }
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

/// A character literal ('a', '\n', '\u{feff}'), not a lifetime ('a).
fn is_char_literal(chars: &[char], i: usize) -> bool {
    matches!(
        (chars.get(i + 1), chars.get(i + 2)),
        (Some('\\'), _) | (Some(_), Some('\''))
    )
}

/// The code without items marked `#[cfg(test)]` (blanked, lines kept).
fn without_tests(code: &str) -> String {
    let lines: Vec<&str> = code.split('\n').collect();
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "#[cfg(test)]" {
            i += 1;
            continue;
        }
        // Skip the attribute and the item after it: to its `;` or its
        // closing brace.
        let mut depth = 0i32;
        let mut opened = false;
        let mut j = i;
        while j < lines.len() {
            keep[j] = false;
            let line = if j == i { "" } else { lines[j] };
            for c in line.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            let ended = if opened {
                depth == 0
            } else {
                j > i && line.trim_end().ends_with(';')
            };
            j += 1;
            if ended {
                break;
            }
        }
        i = j;
    }
    lines
        .iter()
        .zip(&keep)
        .map(|(l, k)| if *k { *l } else { "" })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Reads a path at `at` (`a::b::{c, d::e}::…`) and returns every full path it
/// names, each as segments; `self` inside braces names the prefix itself.
fn read_paths(chars: &[char], at: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    loop {
        while chars.get(*at).is_some_and(|c| c.is_whitespace()) {
            *at += 1;
        }
        if chars.get(*at) == Some(&'{') {
            *at += 1;
            loop {
                while chars
                    .get(*at)
                    .is_some_and(|c| c.is_whitespace() || *c == ',')
                {
                    *at += 1;
                }
                match chars.get(*at) {
                    None => return,
                    Some('}') => {
                        *at += 1;
                        return;
                    }
                    _ => {
                        let before = *at;
                        read_paths(chars, at, &path, out);
                        // Skip `as name` and anything else up to the next item.
                        while chars
                            .get(*at)
                            .is_some_and(|c| *c != ',' && *c != '}' && *c != '{')
                        {
                            *at += 1;
                        }
                        if *at == before {
                            *at += 1;
                        }
                    }
                }
            }
        }
        let start = *at;
        while chars.get(*at).is_some_and(|c| is_ident(*c)) {
            *at += 1;
        }
        let word: String = chars[start..*at].iter().collect();
        if word.is_empty() || word == "*" {
            if chars.get(*at) == Some(&'*') {
                *at += 1;
            }
            out.push(path);
            return;
        }
        if word != "self" {
            path.push(word);
        }
        if chars.get(*at) == Some(&':') && chars.get(*at + 1) == Some(&':') {
            *at += 2;
        } else {
            out.push(path);
            return;
        }
    }
}

/// The child modules a file declares (`mod x;` or `pub mod x;`).
fn child_modules(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l
                .strip_prefix("pub(crate) ")
                .or_else(|| l.strip_prefix("pub "))
                .unwrap_or(l);
            let name = l.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.trim().to_string())
        })
        .collect()
}

/// Every module path `code` (of module `module`) refers to.
fn references(file: &str, module: &[String], code: &str) -> Vec<Reference> {
    let children = child_modules(code);
    let chars: Vec<char> = code.chars().collect();
    let mut line_starts = vec![0];
    for (i, c) in chars.iter().enumerate() {
        if *c == '\n' {
            line_starts.push(i + 1);
        }
    }
    let line_of = |i: usize| line_starts.partition_point(|s| *s <= i);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let at_word = i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':');
        if !at_word || !is_ident(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_ident(chars[i]) {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        if chars.get(i) != Some(&':') || chars.get(i + 1) != Some(&':') {
            continue;
        }
        let base: Vec<String> = match word.as_str() {
            "crate" => Vec::new(),
            "super" => {
                let mut m = module.to_vec();
                m.pop();
                // `super::super::…`
                let mut j = i + 2;
                while chars[j..].starts_with(&['s', 'u', 'p', 'e', 'r', ':', ':']) {
                    m.pop();
                    j += 7;
                }
                i = j - 2;
                m
            }
            "self" => module.to_vec(),
            w if children.iter().any(|c| c == w) => {
                // A child module used by name; read it as `self::child::…`.
                i = start;
                let mut paths = Vec::new();
                read_paths(&chars, &mut i, module, &mut paths);
                for target in paths {
                    out.push(Reference {
                        file: file.to_string(),
                        line: line_of(start),
                        target: target.join("::"),
                    });
                }
                continue;
            }
            _ => continue,
        };
        i += 2;
        let mut paths = Vec::new();
        read_paths(&chars, &mut i, &base, &mut paths);
        for target in paths {
            out.push(Reference {
                file: file.to_string(),
                line: line_of(start),
                target: target.join("::"),
            });
        }
    }
    out
}

/// The names the crate root re-exports (`pub use error::{CoreError, …}`),
/// with the module each comes from.
fn root_names(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let chars: Vec<char> = rest.chars().collect();
        let mut paths = Vec::new();
        read_paths(&chars, &mut 0, &[], &mut paths);
        for p in paths {
            if let (Some(name), Some(first)) = (p.last(), p.first()) {
                out.insert(name.clone(), first.clone());
            }
        }
    }
    out
}

/// The table entry a module path belongs to: the longest that starts it.
fn entry_of(path: &[String]) -> Option<(&'static str, u8)> {
    LAYERS
        .iter()
        .filter(|(name, _)| {
            let segments: Vec<&str> = name.split("::").collect();
            segments.len() <= path.len() && segments.iter().zip(path).all(|(a, b)| *a == b)
        })
        .max_by_key(|(name, _)| name.len())
        .copied()
}

#[test]
fn no_module_imports_from_a_layer_above_it_or_in_a_cycle() {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let lib = code_only(&std::fs::read_to_string(root.join("lib.rs")).expect("lib.rs"));
    let aliases = root_names(&lib);
    let mut problems: Vec<String> = Vec::new();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    // (from, to) -> the first reference that makes the edge.
    let mut edges: BTreeMap<(&str, &str), String> = BTreeMap::new();
    for path in &files {
        let rel = path.strip_prefix(&root).expect("under src");
        let name = rel.to_string_lossy().into_owned();
        if name.ends_with("tests.rs") || name == "lib.rs" {
            continue;
        }
        let module = module_of(rel);
        let Some((from, from_layer)) = entry_of(&module) else {
            problems.push(format!(
                "src/{name}: module `{}` is not in the layer table",
                module.join("::")
            ));
            continue;
        };
        used.insert(from);
        let text = std::fs::read_to_string(path).expect("read");
        let code = without_tests(&code_only(&text));
        for r in references(&name, &module, &code) {
            let mut target: Vec<String> = r.target.split("::").map(String::from).collect();
            if let Some(m) = target.first().and_then(|t| aliases.get(t)) {
                target.insert(0, m.clone());
            }
            let Some((to, to_layer)) = entry_of(&target) else {
                problems.push(format!(
                    "src/{}:{}: `{}` names a module that is not in the layer table",
                    r.file, r.line, r.target
                ));
                continue;
            };
            if to == from {
                continue;
            }
            if to_layer > from_layer {
                problems.push(format!(
                    "src/{}:{}: `{from}` (layer {from_layer}) imports `{to}` (layer {to_layer}), a layer above it: `{}`",
                    r.file, r.line, r.target
                ));
            }
            edges
                .entry((from, to))
                .or_insert_with(|| format!("src/{}:{} `{}`", r.file, r.line, r.target));
        }
    }
    for (name, _) in LAYERS {
        if !used.contains(name) {
            problems.push(format!(
                "the layer table names `{name}`, which no source file is"
            ));
        }
    }
    for cycle in cycles(&edges) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|w| format!("{} -> {} ({})", w[0], w[1], edges[&(w[0], w[1])]))
            .collect();
        problems.push(format!("import cycle: {}", steps.join("; ")));
    }
    assert!(
        problems.is_empty(),
        "{} layering problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// One cycle (first node repeated at the end) for each group of modules
/// that import each other.
fn cycles<'a>(edges: &BTreeMap<(&'a str, &'a str), String>) -> Vec<Vec<&'a str>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges.keys() {
        next.entry(a).or_default().push(b);
    }
    let reach = |from: &'a str| -> BTreeMap<&'a str, &'a str> {
        // Breadth first: each reached module with the one it was reached from.
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([from]);
        while let Some(m) = queue.pop_front() {
            for n in next.get(m).into_iter().flatten() {
                if !seen.contains_key(n) {
                    seen.insert(n, m);
                    queue.push_back(n);
                }
            }
        }
        seen
    };
    let mut out = Vec::new();
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for start in next.keys().copied() {
        if reported.contains(start) {
            continue;
        }
        let seen = reach(start);
        if !seen.contains_key(start) {
            continue;
        }
        let mut path = vec![start];
        let mut at = seen[start];
        while at != start {
            path.push(at);
            at = seen[at];
        }
        path.push(start);
        path.reverse();
        reported.extend(path.iter().copied());
        out.push(path);
    }
    out
}
