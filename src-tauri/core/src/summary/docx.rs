//! The summary as a Word document, for the rapporteur to finish in Word:
//! real Title and Heading styles (so Word's navigation pane and a table of
//! contents find them), the rapporteur's bold and italic as run formatting,
//! "[Rapporteur: …]" marks highlighted yellow, and after a page break the
//! list of participants as tables, one per group under its heading.
//!
//! docx-rs writes every text as XML text, escaped; nothing typed is read as
//! markup.

use super::markdown::{ANNEX, COLUMNS};
use super::markup::{self, Run};
use super::Summary;
use crate::error::{CoreError, Result};
use crate::print::document::Paper;
use crate::roster::{DelegationBlock, ParticipantGroup};
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, HeightRule, LineSpacing, NumPages, PageMargin, PageNum,
    Paragraph, RunFonts, Shading, ShdType, Style, StyleType, Table, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VMergeType, WidthType,
};

/// Word's own fonts, so the file looks the same on any machine with Office.
/// Thai, Arabic and Hebrew take the complex-script font (Tahoma has all
/// three), Chinese, Japanese and Korean the East Asian one; Word falls back
/// further for what a font lacks.
const FONT: &str = "Calibri";
const FONT_COMPLEX: &str = "Tahoma";
const FONT_EAST_ASIAN: &str = "Microsoft YaHei";
/// The colour of the printed documents' headings (`layout.typ`'s accent).
const ACCENT: &str = "0F5E6E";
const MUTED: &str = "555555";

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT_COMPLEX)
        .east_asia(FONT_EAST_ASIAN)
}

/// Page size in twentieths of a point.
fn page(paper: Paper) -> (u32, u32) {
    match paper {
        Paper::A4 => (11_906, 16_838),
        Paper::Letter => (12_240, 15_840),
    }
}
/// 23 mm on every side.
const MARGIN: i32 = 1_304;

fn styles(docx: Docx) -> Docx {
    // Word's built-in style ids and names: "heading 1" is what Word and
    // LibreOffice recognise as Heading 1.
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .color(ACCENT)
            .fonts(fonts())
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(240).after(120))
    };
    docx.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(36)
            .color(ACCENT)
            .fonts(fonts())
            .line_spacing(LineSpacing::new().after(120)),
    )
    .add_style(heading("Heading1", "heading 1", 28, 0))
    .add_style(heading("Heading2", "heading 2", 24, 1))
    // The page number fields take their size from the paragraph's style.
    .add_style(
        Style::new("Footer", StyleType::Paragraph)
            .name("footer")
            .based_on("Normal")
            .size(18)
            .color(MUTED)
            .align(AlignmentType::Center),
    )
    // Table text sits close in its cells, without the body's space after.
    .add_style(
        Style::new("TableText", StyleType::Paragraph)
            .name("Table Text")
            .based_on("Normal")
            .size(20)
            .line_spacing(LineSpacing::new().after(0).line(240)),
    )
}

fn run_of(r: &Run) -> docx_rs::Run {
    let mut out = docx_rs::Run::new().add_text(r.text.as_str());
    if r.bold {
        out = out.bold();
    }
    if r.italic {
        out = out.italic();
    }
    if r.placeholder {
        out = out.highlight("yellow");
    }
    out
}

/// One paragraph of a section, its runs formatted.
pub fn paragraph(text: &str) -> Paragraph {
    markup::runs(text)
        .iter()
        .fold(Paragraph::new().align(AlignmentType::Both), |p, r| {
            p.add_run(run_of(r))
        })
}

fn heading(text: &str, style: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .keep_next(true)
        .add_run(docx_rs::Run::new().add_text(text))
}

fn cell_paragraph() -> Paragraph {
    Paragraph::new().style("TableText")
}

fn text_cell(text: &str, width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(cell_paragraph().add_run(docx_rs::Run::new().add_text(text)))
}

/// The annex table's columns, in twentieths of a point, for `body` wide.
fn column_widths(body: usize) -> [usize; 4] {
    let delegation = body * 26 / 100;
    let name = body * 24 / 100;
    let capacity = body * 15 / 100;
    [
        delegation,
        name,
        body - delegation - name - capacity,
        capacity,
    ]
}

fn delegation_rows(d: &DelegationBlock, widths: [usize; 4]) -> Vec<TableRow> {
    // The delegation's cell spans its people's rows (merged down).
    let delegation = |first: bool| {
        let cell = TableCell::new().width(widths[0], WidthType::Dxa);
        if !first {
            return cell
                .vertical_merge(VMergeType::Continue)
                .add_paragraph(cell_paragraph());
        }
        let mut cell = cell.vertical_merge(VMergeType::Restart).add_paragraph(
            cell_paragraph().add_run(docx_rs::Run::new().add_text(d.name.as_str()).bold()),
        );
        if !d.level.trim().is_empty() {
            cell = cell.add_paragraph(
                cell_paragraph().add_run(
                    docx_rs::Run::new()
                        .add_text(d.level.trim())
                        .italic()
                        .color(MUTED),
                ),
            );
        }
        cell
    };
    if d.members.is_empty() {
        return vec![TableRow::new(vec![
            delegation(true),
            text_cell("", widths[1]),
            text_cell("", widths[2]),
            text_cell("", widths[3]),
        ])
        .cant_split()];
    }
    d.members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            TableRow::new(vec![
                delegation(i == 0),
                text_cell(&m.name, widths[1]),
                text_cell(&m.position, widths[2]),
                text_cell(&m.capacity, widths[3]),
            ])
            .cant_split()
        })
        .collect()
}

/// docx-rs has no "repeat as header row" (`w:tblHeader`): the heading row
/// carries this otherwise unused minimum height, and `mark_header_rows`
/// adds the flag beside it. User text cannot forge the mark: it is escaped.
const HEADER_MARK_HEIGHT: f32 = 1.0;
const HEADER_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

/// Word and LibreOffice repeat each annex table's heading row on every page
/// the table runs on to.
fn mark_header_rows(document: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(document) {
        Ok(xml) => xml
            .replace(HEADER_MARK, &format!("{HEADER_MARK}<w:tblHeader />"))
            .into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

fn group_table(g: &ParticipantGroup, widths: [usize; 4]) -> Table {
    let header = TableRow::new(
        COLUMNS
            .iter()
            .zip(widths)
            .map(|(c, w)| {
                TableCell::new()
                    .width(w, WidthType::Dxa)
                    .shading(Shading::new().shd_type(ShdType::Clear).fill("E3EFF1"))
                    .add_paragraph(
                        cell_paragraph()
                            .keep_next(true)
                            .add_run(docx_rs::Run::new().add_text(*c).bold()),
                    )
            })
            .collect(),
    )
    .cant_split()
    .row_height(HEADER_MARK_HEIGHT)
    .height_rule(HeightRule::AtLeast);
    let rows = std::iter::once(header)
        .chain(
            g.delegations
                .iter()
                .flat_map(|d| delegation_rows(d, widths)),
        )
        .collect();
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(50, 100, 50, 100))
}

fn footer() -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            .add_run(docx_rs::Run::new().add_text("Page "))
            .add_page_num(PageNum::new())
            .add_run(docx_rs::Run::new().add_text(" of "))
            .add_num_pages(NumPages::new()),
    )
}

/// The document properties, with the title Word shows in File › Info.
fn core_properties(title: &str) -> Vec<u8> {
    // Element text: `<`, `>` and `let title = quick_xml::escape::escape(title);` are what must be escaped.
    let title = quick_xml::escape::partial_escape(title);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>Plenary</dc:creator><cp:lastModifiedBy>Plenary</cp:lastModifiedBy><cp:revision>1</cp:revision></cp:coreProperties>"#
    )
    .into_bytes()
}

/// The summary as a Word document (the bytes of a .docx file).
pub fn docx(s: &Summary, paper: Paper) -> Result<Vec<u8>> {
    let (width, height) = page(paper);
    let body_width = (width as usize).saturating_sub(2 * MARGIN as usize);
    let mut doc = styles(Docx::new())
        .page_size(width, height)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(700)
                .footer(700),
        )
        .default_fonts(fonts())
        .default_size(22)
        .default_line_spacing(LineSpacing::new().after(160).line(264))
        .footer(footer());
    doc = doc.add_paragraph(
        Paragraph::new()
            .style("Title")
            .add_run(docx_rs::Run::new().add_text(s.title.as_str())),
    );
    if !s.meeting.trim().is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                docx_rs::Run::new()
                    .add_text(s.meeting.trim())
                    .bold()
                    .size(26),
            ),
        );
    }
    if !s.place_and_dates.trim().is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                docx_rs::Run::new()
                    .add_text(s.place_and_dates.trim())
                    .color(MUTED),
            ),
        );
    }
    for section in &s.sections {
        if !section.heading.trim().is_empty() {
            doc = doc.add_paragraph(heading(section.heading.trim(), "Heading1"));
        }
        for p in markup::paragraphs(&section.text) {
            doc = doc.add_paragraph(paragraph(&p));
        }
    }
    doc =
        doc.add_paragraph(Paragraph::new().add_run(docx_rs::Run::new().add_break(BreakType::Page)));
    doc = doc.add_paragraph(heading(ANNEX, "Heading1"));
    if s.annex.is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(docx_rs::Run::new().add_text("No participants are listed.")),
        );
    }
    let widths = column_widths(body_width);
    for g in &s.annex {
        doc = doc
            .add_paragraph(heading(g.heading.trim(), "Heading2"))
            .add_table(group_table(g, widths))
            // Word needs a paragraph between two tables, or it joins them.
            .add_paragraph(Paragraph::new().size(8));
    }
    let mut xml = doc.build();
    let title = match s.meeting.trim() {
        "" => s.title.clone(),
        meeting => format!("{} — {meeting}", s.title),
    };
    xml.doc_props.core = core_properties(&title);
    xml.document = mark_header_rows(xml.document);
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes).map_err(|e| {
        CoreError::invalid("format", format!("The Word file could not be made: {e}"))
    })?;
    Ok(bytes.into_inner())
}
