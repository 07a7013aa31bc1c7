//! Lays a `Printable` out with Typst (as a library, no display needed) and
//! writes it as PDF, or as one SVG per page for the on-screen preview; and
//! finds the characters of a document that no font has, which
//! would print as empty boxes (`missing_glyphs`).

use crate::error::{CoreError, Result};
use crate::print::document::Printable;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// How far a long print has got, for a progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct PrintProgress {
    /// "Preparing", "Laying out", "Writing".
    pub stage: String,
    pub done: u32,
    pub total: u32,
}

const LAYOUT: &str = include_str!("layout.typ");

/// The fonts every page is set in, built into the binary so that a plan
/// prints the same pages on any machine, and prints on one with no fonts at
/// all: Noto Sans (Latin, Latin Extended, Vietnamese, Greek, Cyrillic),
/// Noto Sans Thai, Noto Sans Arabic, and Noto Sans Math for arrows and
/// minus signs; cut to those scripts by `fonts/subset.sh`, licensed under
/// the SIL Open Font License 1.1 (`fonts/OFL.txt`).
const EMBEDDED: &[&[u8]] = &[
    include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../../fonts/NotoSansThai-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansThai-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansMath-Regular.ttf"),
];

/// Folders to take the machine's fonts from instead of the system's, as a
/// path list (`:` or `;` apart, as the system's PATH); set and empty, no
/// machine font is used. For trials that must not depend on the machine.
const FONT_DIRS_VAR: &str = "PLENARY_FONT_DIRS";

/// A font the layout may use: built in, or one of the machine's, read from
/// its file only when a page needs it.
enum Slot {
    Embedded(Font),
    File {
        path: PathBuf,
        index: u32,
        font: OnceLock<Option<Font>>,
    },
}

struct Fonts {
    book: LazyHash<FontBook>,
    infos: Vec<FontInfo>,
    slots: Vec<Slot>,
}

impl Fonts {
    fn get(&self, index: usize) -> Option<Font> {
        match self.slots.get(index)? {
            Slot::Embedded(font) => Some(font.clone()),
            Slot::File { path, index, font } => font
                .get_or_init(|| {
                    let data = std::fs::read(path).ok()?;
                    Font::new(Bytes::new(data), *index)
                })
                .clone(),
        }
    }
}

/// The built-in fonts first, then the machine's, which the layout only
/// falls back to for characters that no built-in font has (Chinese,
/// Japanese, Korean, Devanagari…): its font list names built-in families
/// only, and a machine font of one of those families is left out, so that
/// what they cover looks the same everywhere. Read once per process.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut infos = Vec::new();
        let mut slots = Vec::new();
        for data in EMBEDDED {
            for font in Font::iter(Bytes::new(*data)) {
                infos.push(font.info().clone());
                slots.push(Slot::Embedded(font));
            }
        }
        let embedded: Vec<String> = infos.iter().map(|i| i.family.to_lowercase()).collect();
        for path in machine_font_files() {
            let Ok(data) = std::fs::read(&path) else {
                continue;
            };
            let count = faces_in_file(&data);
            for index in 0..count {
                let Some(info) = FontInfo::new(&data, index) else {
                    continue;
                };
                if embedded.contains(&info.family.to_lowercase()) {
                    continue;
                }
                infos.push(info);
                slots.push(Slot::File {
                    path: path.clone(),
                    index,
                    font: OnceLock::new(),
                });
            }
        }
        Fonts {
            book: LazyHash::new(FontBook::from_infos(infos.iter().cloned())),
            infos,
            slots,
        }
    })
}

/// How many fonts a file holds: a collection (.ttc) several, else one.
fn faces_in_file(data: &[u8]) -> u32 {
    if data.starts_with(b"ttcf") {
        data.get(8..12)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_be_bytes)
            .unwrap_or(1)
    } else {
        1
    }
}

/// The machine's font files, where its system keeps them (fontdb knows
/// each platform's folders), or those of `PLENARY_FONT_DIRS`.
fn machine_font_files() -> Vec<PathBuf> {
    let mut db = fontdb::Database::new();
    match std::env::var_os(FONT_DIRS_VAR) {
        Some(dirs) => {
            for dir in std::env::split_paths(&dirs) {
                if !dir.as_os_str().is_empty() {
                    db.load_fonts_dir(dir);
                }
            }
        }
        None => db.load_system_fonts(),
    }
    let mut files: Vec<PathBuf> = db
        .faces()
        .filter_map(|face| match &face.source {
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => Some(path.clone()),
            fontdb::Source::Binary(_) => None,
        })
        .collect();
    // One order whatever order the folders list in, so that a fallback
    // picks the same font each time.
    files.sort();
    files.dedup();
    files
}

struct PrintWorld {
    library: LazyHash<Library>,
    main: Source,
    data: Bytes,
}

impl PrintWorld {
    fn new(doc: &Printable) -> Result<Self> {
        let data = serde_json::to_vec(doc).map_err(|e| {
            CoreError::invalid(
                "document",
                format!("The document could not be prepared: {e}"),
            )
        })?;
        Ok(PrintWorld {
            library: LazyHash::new(Library::default()),
            main: Source::new(
                FileId::new(None, VirtualPath::new("/layout.typ")),
                LAYOUT.into(),
            ),
            data: Bytes::new(data),
        })
    }
}

impl World for PrintWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id.vpath().as_rootless_path() == Path::new("data.json") {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().get(index)
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        // The layout never asks; stamps come from the plan's clock.
        None
    }
}

/// Lays the document out into pages.
pub fn layout(doc: &Printable) -> Result<PagedDocument> {
    let world = PrintWorld::new(doc)?;
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| {
            let first = errors
                .first()
                .map(|e| e.message.to_string())
                .unwrap_or_default();
            CoreError::invalid(
                "document",
                format!("The document could not be laid out: {first}"),
            )
        })
}

/// The laid-out document as PDF bytes, fonts embedded.
pub fn pdf(pages: &PagedDocument) -> Result<Vec<u8>> {
    typst_pdf::pdf(pages, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        let first = errors
            .first()
            .map(|e| e.message.to_string())
            .unwrap_or_default();
        CoreError::invalid("document", format!("The PDF could not be written: {first}"))
    })
}

/// Every page of `doc` as SVG.
pub fn svg_pages(doc: &Printable, progress: &mut dyn FnMut(PrintProgress)) -> Result<Vec<String>> {
    progress(PrintProgress {
        stage: "Laying out".into(),
        done: 0,
        total: 1,
    });
    let laid = layout(doc)?;
    let total = laid.pages.len() as u32;
    let mut pages = Vec::with_capacity(laid.pages.len());
    for (i, page) in laid.pages.iter().enumerate() {
        progress(PrintProgress {
            stage: "Drawing".into(),
            done: i as u32,
            total,
        });
        pages.push(typst_svg::svg(page));
    }
    Ok(pages)
}

/// Writes the PDF of `doc` to `out`: its pages and bytes.
pub fn write_pdf(
    doc: &Printable,
    out: &std::path::Path,
    progress: &mut dyn FnMut(PrintProgress),
) -> Result<(u32, u32)> {
    progress(PrintProgress {
        stage: "Laying out".into(),
        done: 1,
        total: 3,
    });
    let laid = layout(doc)?;
    progress(PrintProgress {
        stage: "Writing".into(),
        done: 2,
        total: 3,
    });
    let bytes = pdf(&laid)?;
    std::fs::write(out, &bytes).map_err(|e| {
        CoreError::invalid(
            "out",
            format!("{} could not be written: {e}", out.display()),
        )
    })?;
    progress(PrintProgress {
        stage: "Done".into(),
        done: 3,
        total: 3,
    });
    Ok((laid.pages.len() as u32, bytes.len() as u32))
}

/// How many characters one warning names, and how many fields are named.
const MAX_CHARS: usize = 5;
const MAX_LINES: usize = 12;

/// One line per field of the document whose text holds characters that no
/// font has, naming the record and the field:
/// `Session “Panel I” (title): no font has “ह”, “क”; they would print as empty boxes.`
/// Typst falls back to any font it knows, so a character is missing only
/// when none of them covers it. Whitespace, controls, joiners and variation
/// selectors draw nothing and are not looked for.
pub fn missing_glyphs(doc: &Printable) -> Vec<String> {
    let fonts = &fonts().infos;
    let Ok(value) = serde_json::to_value(doc) else {
        return Vec::new();
    };
    let mut fields = Vec::new();
    walk(&value, "The document", "", &mut fields);
    let mut covered: HashMap<char, bool> = HashMap::new();
    let mut lines: Vec<String> = Vec::new();
    for (label, text) in fields {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if c.is_whitespace() || crate::fold::ignorable(c) || missing.contains(&c) {
                continue;
            }
            let has = *covered
                .entry(c)
                .or_insert_with(|| fonts.iter().any(|f| f.coverage.contains(c as u32)));
            if !has {
                missing.push(c);
            }
        }
        if missing.is_empty() {
            continue;
        }
        let named: Vec<String> = missing
            .iter()
            .take(MAX_CHARS)
            .map(|c| format!("“{c}”"))
            .collect();
        let more = match missing.len().saturating_sub(MAX_CHARS) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let line = if missing.len() == 1 {
            format!(
                "{label}: no font has {}; it would print as an empty box.",
                named.join(", ")
            )
        } else {
            format!(
                "{label}: no font has {}{more}; they would print as empty boxes.",
                named.join(", ")
            )
        };
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    if lines.len() > MAX_LINES {
        let rest = lines.len() - MAX_LINES;
        lines.truncate(MAX_LINES);
        lines.push(format!(
            "And {rest} more field{} with characters no font has.",
            if rest == 1 { "" } else { "s" }
        ));
    }
    lines
}

/// Collects every text of the document with the words that name it for a
/// secretariat user: the record it belongs to ("Session “Panel I”",
/// "Person “Ms Lynn Bell”") and the field ("title", "people").
fn walk(value: &Value, record: &str, key: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(text) if !text.is_empty() => {
            out.push((format!("{record} ({})", field_label(key)), text.clone()));
        }
        Value::Array(items) => {
            for item in items {
                walk(item, record, key, out);
            }
        }
        Value::Object(map) => {
            let text = |k: &str| map.get(k).and_then(Value::as_str).unwrap_or_default();
            let record = if map.contains_key("title")
                && (map.contains_key("time") || map.contains_key("when"))
            {
                format!("Session “{}”", text("title"))
            } else {
                match key {
                    "heading" => "The heading".to_string(),
                    "briefings" | "members" => format!("Person “{}”", text("name")),
                    "delegations" => format!("Delegation “{}”", text("name")),
                    "cards" => format!("Name card “{}”", text("name")),
                    "sections" => match text("heading") {
                        "" => "The summary's opening".to_string(),
                        h => format!("Summary section “{h}”"),
                    },
                    _ => record.to_string(),
                }
            };
            // By key, so the lines come in one order whether or not a build
            // has serde_json keep the fields' order (the window's does).
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            for (k, v) in entries {
                // A session's roles and speaking turns are its fields.
                let k = match (key, k.as_str()) {
                    ("roles", "names") => "people",
                    ("speaking", "delegation" | "speaker") => "speaking list",
                    (_, k) => k,
                };
                walk(v, &record, k, out);
            }
        }
        _ => {}
    }
}

/// The words for a field of the document.
fn field_label(key: &str) -> String {
    match key {
        "item" => "agenda item",
        "names" | "lead" | "fellows" => "people",
        "meeting" => "title",
        "detail" => "organisation",
        "cochairs" => "co-chairs",
        "cohosts" => "co-hosts",
        "scope" => "event",
        "changes" => "changes list",
        // A summary paragraph's runs.
        "" | "paragraphs" => "text",
        k => return k.replace('_', " "),
    }
    .to_string()
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_layout_never_hyphenates_and_shows_no_code() {
        // plenary-print is built with stand-ins for Typst's hyphenation
        // patterns and code syntaxes (src-tauri/stubs), which know neither.
        assert!(LAYOUT.contains("hyphenate: false"));
        for needed in ["hyphenate: true", "hyphenate: auto", "```", "raw("] {
            assert!(!LAYOUT.contains(needed), "layout.typ uses {needed}");
        }
    }
    use super::*;
    use crate::print::document::{self, Body, Changes, DocKind, PrintRequest};

    #[test]
    fn a_plugin_or_a_pdf_image_is_an_error_in_words() {
        // plenary-print is built with stand-ins for Typst's plugin runtime
        // and PDF reader (src-tauri/stubs): the layout uses neither, and
        // Typst reports either as an ordinary error.
        assert!(!LAYOUT.contains("plugin(") && !LAYOUT.contains("image("));
        for (source, expected) in [
            // The smallest module: the real runtime would load it and then
            // find no memory exported.
            (
                "#plugin(bytes((0, 97, 115, 109, 1, 0, 0, 0)))",
                "failed to load WebAssembly module (plugins are not available",
            ),
            (
                "#image(bytes(\"%PDF-1.4\\n%%EOF\\n\"), format: \"pdf\")",
                "the PDF could not be loaded",
            ),
        ] {
            let mut world = PrintWorld::new(&sample(DocKind::Programme)).unwrap();
            world.main = Source::new(world.main.id(), source.into());
            let errors = typst::compile::<PagedDocument>(&world).output.unwrap_err();
            assert!(
                errors[0].message.contains(expected),
                "{source}: {}",
                errors[0].message
            );
        }
    }

    fn sample(kind: DocKind) -> Printable {
        let store = crate::sample::sample_in_memory().unwrap();
        document::build(
            &store,
            &PrintRequest::new(kind),
            String::new(),
            &Changes::default(),
        )
        .unwrap()
    }

    #[test]
    fn the_sample_week_prints_every_character() {
        for kind in [
            DocKind::Programme,
            DocKind::Participants,
            DocKind::Speakers,
            DocKind::Namecards,
            DocKind::Summary,
            DocKind::Report,
        ] {
            assert_eq!(
                missing_glyphs(&sample(kind)),
                Vec::<String>::new(),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn a_character_no_font_has_is_named_with_its_record_and_field() {
        // No font package of the machine covers Devanagari.
        let mut doc = sample(DocKind::Programme);
        let Body::Programme { days } = &mut doc.body else {
            panic!("a programme")
        };
        let session = days
            .iter_mut()
            .flat_map(|d| d.blocks.iter_mut())
            .find_map(|b| match b {
                document::ProgBlock::Session { session } => Some(session),
                _ => None,
            })
            .unwrap();
        session.title = "Panel I".into();
        session.description = "हक क\u{200D}ह और 中文 ไทย".into();
        session.roles[0].names[0] = "Ms Priya शर्मा".into();
        let lines = missing_glyphs(&doc);
        assert_eq!(
            lines,
            [
                "Session “Panel I” (description): no font has “ह”, “क”, “औ”, “र”; they would print as empty boxes.",
                "Session “Panel I” (people): no font has “श”, “र”, “्”, “म”, “ा”; they would print as empty boxes.",
            ]
        );
    }

    #[test]
    fn many_characters_and_many_fields_are_cut_short() {
        let mut doc = sample(DocKind::Namecards);
        let Body::Namecards { cards, .. } = &mut doc.body else {
            panic!("name cards")
        };
        for (i, card) in cards.iter_mut().enumerate() {
            card.name = format!("Card {i} अआइईउऊ");
        }
        let lines = missing_glyphs(&doc);
        assert_eq!(lines.len(), MAX_LINES + 1);
        assert_eq!(
            lines[0],
            "Name card “Card 0 अआइईउऊ” (name): no font has “अ”, “आ”, “इ”, “ई”, “उ” and 1 more; they would print as empty boxes."
        );
        assert!(lines[MAX_LINES].starts_with("And "), "{lines:?}");
    }
}
