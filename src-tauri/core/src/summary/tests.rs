use super::*;
use crate::sample;

fn sample_summary() -> Summary {
    let store = sample::sample_in_memory().unwrap();
    summary(&store, AttendanceSource::Registered).unwrap()
}

fn text_of(s: &Summary, key: &str) -> String {
    s.sections
        .iter()
        .find(|x| x.key == key)
        .unwrap()
        .text
        .clone()
}

#[test]
fn sample_opening_paragraph() {
    insta::assert_snapshot!(text_of(&sample_summary(), "opening"));
}

#[test]
fn sample_attendance_paragraph() {
    insta::assert_snapshot!(text_of(&sample_summary(), "attendance"));
}

#[test]
fn sample_whole_draft() {
    let s = sample_summary();
    let text: Vec<String> = s
        .sections
        .iter()
        .map(|x| format!("## {}\n\n{}", x.heading, x.text))
        .collect();
    insta::assert_snapshot!(text.join("\n\n"));
}

#[test]
fn sample_as_markdown() {
    insta::assert_snapshot!(markdown::markdown(&sample_summary()));
}

/// The sample with user text that every format must keep as text.
fn hostile_summary() -> Summary {
    let mut s = sample_summary();
    s.meeting = "Meeting <b>&\"' # _x_ | `y`".into();
    let d = &mut s.annex[0].delegations[0];
    d.name = "<b>&\"' Delegation | # _".into();
    d.members[0].name = "Ms <script>alert(1)</script> & `Name` [x](y)".into();
    d.members[0].position = "Ministry of Foreign Affairs | Thai: กระทรวงการต่างประเทศ".into();
    d.members[1].name = "السيد أحمد 中文名 *star*".into();
    s.sections[0].text =
        "Opened by **Co-Chairs** and *guests* <b>not bold</b> & more. [Rapporteur: what?]".into();
    s
}

#[test]
fn markdown_keeps_typed_markup_as_text() {
    let md = markdown::markdown(&hostile_summary());
    assert!(
        md.contains("**Meeting \\<b\\>\\&\"' \\# \\_x\\_ \\| \\`y\\`**"),
        "{md}"
    );
    assert!(
        md.contains("| **\\<b\\>\\&\"' Delegation \\| \\# \\_** (Senior official) |"),
        "{md}"
    );
    assert!(md.contains("Ms \\<script\\>alert(1)\\</script\\> \\& \\`Name\\` \\[x\\](y)"));
    assert!(md.contains("السيد أحمد 中文名 \\*star\\*"));
    assert!(md.contains(
        "Opened by **Co-Chairs** and *guests* \\<b\\>not bold\\</b\\> \\& more. **\\[Rapporteur: what?\\]**"
    ));
    // Every annex row has its four cells: an escaped bar never splits one.
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let bars = line.matches('|').count() - line.matches("\\|").count();
        assert_eq!(bars, 5, "{line}");
    }
}

fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut f, &mut text).unwrap();
            (f.name().unwrap().to_string(), text)
        })
        .collect()
}

/// Reads `xml` to its end; a part Word would call corrupt fails here.
fn well_formed(name: &str, xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed: {e}"),
        }
    }
    assert_eq!(depth, 0, "{name} leaves elements open");
}

#[test]
fn docx_reads_back_with_the_same_paragraphs() {
    let s = hostile_summary();
    let bytes = docx::docx(&s, crate::print::document::Paper::A4).unwrap();
    let read = docx_rs::read_docx(&bytes).unwrap();
    let texts: Vec<String> = read
        .document
        .children
        .iter()
        .filter_map(|c| match c {
            docx_rs::DocumentChild::Paragraph(p) => Some(p.raw_text()),
            _ => None,
        })
        .filter(|t| !t.trim().is_empty())
        .collect();
    let mut want = vec![
        s.title.clone(),
        s.meeting.clone(),
        s.place_and_dates.clone(),
    ];
    for section in &s.sections {
        if !section.heading.is_empty() {
            want.push(section.heading.clone());
        }
        want.extend(
            markup::paragraphs(&section.text)
                .iter()
                .map(|p| markup::plain(p)),
        );
    }
    want.push(markdown::ANNEX.to_string());
    want.extend(s.annex.iter().map(|g| g.heading.clone()));
    assert_eq!(texts, want);
    let tables = read
        .document
        .children
        .iter()
        .filter(|c| matches!(c, docx_rs::DocumentChild::Table(_)))
        .count();
    assert_eq!(tables, s.annex.len(), "a table per group");
    let parts = unzip(&bytes);
    for (name, text) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            well_formed(name, text);
        }
    }
    let part = |n: &str| &parts.iter().find(|(name, _)| name == n).unwrap().1;
    let document = part("word/document.xml");
    // Typed markup is escaped text, names in every script are there.
    assert!(document.contains("&lt;b&gt;&amp;"), "escaped");
    assert!(!document.contains("<script>"));
    assert!(document.contains("กระทรวงการต่างประเทศ"));
    assert!(document.contains("السيد أحمد 中文名 *star*"));
    assert!(document.contains(r#"<w:highlight w:val="yellow" />"#));
    assert!(document.contains(r#"<w:pStyle w:val="Heading1" />"#));
    assert!(
        document.contains(r#"w:type="page""#),
        "a page break before the annex"
    );
    assert_eq!(
        document.matches("<w:tblHeader />").count(),
        s.annex.len(),
        "each table's heading row repeats"
    );
    assert!(part("word/styles.xml").contains(r#"<w:name w:val="heading 1" />"#));
    let core = part("docProps/core.xml");
    assert!(
        core.contains("<dc:title>Co-Chairs' Summary — Meeting &lt;b&gt;&amp;"),
        "{core}"
    );
    let footer = parts
        .iter()
        .find(|(n, _)| n.starts_with("word/footer"))
        .expect("a footer");
    assert!(
        footer.1.contains(">PAGE<") && footer.1.contains(">NUMPAGES<"),
        "{}",
        footer.1
    );
}

#[test]
fn docx_paper_sizes() {
    let s = sample_summary();
    for (paper, size) in [
        (
            crate::print::document::Paper::A4,
            r#"w:w="11906" w:h="16838""#,
        ),
        (
            crate::print::document::Paper::Letter,
            r#"w:w="12240" w:h="15840""#,
        ),
    ] {
        let parts = unzip(&docx::docx(&s, paper).unwrap());
        let document = &parts
            .iter()
            .find(|(n, _)| n == "word/document.xml")
            .unwrap()
            .1;
        assert!(document.contains(size), "{paper:?}");
    }
}

#[test]
fn the_summary_prints_through_the_layout_with_its_runs() {
    use crate::print::document::{build, Body, Changes, DocKind, PrintRequest};
    let store = sample::sample_in_memory().unwrap();
    let doc = build(
        &store,
        &PrintRequest::new(DocKind::Summary),
        "Draft · printed 18 Nov 2024 07:00".into(),
        &Changes::default(),
    )
    .unwrap();
    assert_eq!(doc.heading.document, "Co-Chairs' Summary");
    let Body::Summary {
        sections, annex, ..
    } = doc.body
    else {
        panic!("not a summary");
    };
    let s = sample_summary();
    assert_eq!(sections.len(), s.sections.len());
    assert_eq!(annex, s.annex);
    let marks = sections
        .iter()
        .flat_map(|x| x.paragraphs.iter().flatten())
        .filter(|r| r.placeholder)
        .count();
    assert_eq!(marks as u32, s.placeholders);
}

#[test]
fn write_takes_the_format_and_never_writes_over_a_plan() {
    use export::{write, SummaryExport, SummaryFormat};
    use std::path::Path;
    for (name, want) in [
        ("a.docx", Some(SummaryFormat::Docx)),
        ("a.PDF", Some(SummaryFormat::Pdf)),
        ("a.md", Some(SummaryFormat::Markdown)),
        ("a.txt", None),
        ("a", None),
    ] {
        assert_eq!(SummaryFormat::from_path(Path::new(name)), want, "{name}");
    }
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    let store = sample::write_sample(&plan, false).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let now = store
        .plan()
        .unwrap()
        .first_day
        .and_hms_opt(7, 0, 0)
        .unwrap();
    let req = SummaryExport {
        format: SummaryFormat::Docx,
        source: AttendanceSource::Registered,
        paper: crate::print::document::Paper::A4,
    };
    let err = write(&store, &req, now, &plan).unwrap_err().to_string();
    assert!(
        err.starts_with("out: ") && err.contains("is a plan, not a Word document"),
        "{err}"
    );
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let missing = dir.path().join("no folder").join("s.docx");
    let err = write(&store, &req, now, &missing).unwrap_err().to_string();
    assert!(
        err.starts_with("out: ") && err.contains("could not be written"),
        "{err}"
    );
    let out = dir.path().join("s.pdf");
    let done = write(
        &store,
        &SummaryExport {
            format: SummaryFormat::Pdf,
            ..req
        },
        now,
        &out,
    )
    .unwrap();
    assert_eq!(done.placeholders, 17);
    assert!(done.pages.is_some_and(|n| n >= 3), "{done:?}");
    assert!(done.warnings.is_empty(), "{done:?}");
    assert_eq!(done.bytes as u64, std::fs::metadata(&out).unwrap().len());
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
}

#[test]
fn typst_markup_in_a_section_prints_as_text() {
    use export::{contents, SummaryExport, SummaryFormat};
    let mut store = sample::sample_in_memory().unwrap();
    let typed = "****\n\n#set text(red) $x^2$ \\ ] [ `y` <label> @ref = *a* **b";
    save_section(&mut store, AttendanceSource::Registered, "opening", typed).unwrap();
    let now = store
        .plan()
        .unwrap()
        .first_day
        .and_hms_opt(7, 0, 0)
        .unwrap();
    let req = SummaryExport {
        format: SummaryFormat::Pdf,
        source: AttendanceSource::Registered,
        paper: crate::print::document::Paper::Letter,
    };
    let (bytes, done) = contents(&store, &req, now).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(done.warnings.is_empty(), "{done:?}");
}
