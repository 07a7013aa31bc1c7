//! `plenary summary`: the Co-Chairs' Summary of the sample week as Markdown,
//! PDF and Word, each read back as its reader would: the PDF with
//! poppler's tools, the Word document converted to text by LibreOffice.

mod poppler;

use plenary_core::summary::{self, markup, AttendanceSource};
use plenary_core::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn plenary(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .output()
        .expect("run plenary")
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn refused(o: Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

fn sample(dir: &Path) -> PathBuf {
    let path = dir.join("week.plenary");
    ok(plenary(&["sample", path.to_str().unwrap()]));
    path
}

/// Whitespace squeezed, so text laid out over lines compares with the plan's.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a reader must find: every paragraph's words (without markup), each
/// heading, and every person and delegation of the annex.
fn expected(plan: &Path) -> (Vec<String>, Vec<String>) {
    let store = Store::open(plan).unwrap();
    let s = summary::summary(&store, AttendanceSource::Registered).unwrap();
    let mut body = vec![s.title.clone(), s.place_and_dates.clone()];
    for section in &s.sections {
        if !section.heading.is_empty() {
            body.push(section.heading.clone());
        }
        body.extend(
            markup::paragraphs(&section.text)
                .iter()
                .map(|p| markup::plain(p)),
        );
    }
    body.push("Annex: List of participants".into());
    let mut annex = Vec::new();
    for g in &s.annex {
        annex.push(g.heading.clone());
        for d in &g.delegations {
            annex.push(d.name.clone());
            annex.extend(d.members.iter().map(|m| m.name.clone()));
        }
    }
    assert!(annex.len() > 20, "the sample lists its participants");
    (body, annex)
}

/// Only the letters and signs: a line broken at a hyphen ("TEG-" / "RR")
/// reads back from a PDF as "TEGRR".
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// Each of `wanted` in `text`, in order.
fn in_order(text: &str, wanted: &[String], what: &str) {
    let text = letters(text);
    let mut at = 0;
    for w in wanted {
        let w = letters(w);
        match text.get(at..).and_then(|rest| rest.find(&w)) {
            Some(i) => at += i + w.len(),
            None => panic!("{what}: “{w}” is missing or out of order"),
        }
    }
}

#[test]
fn markdown_goes_to_stdout_and_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let shown = ok(plenary(&["summary", plan.to_str().unwrap()]));
    assert!(shown.starts_with("# Co-Chairs' Summary\n"), "{shown}");
    assert!(shown.contains("## 10th Annual Meeting – 19 November 2024"));
    assert!(shown.contains("**\\[Rapporteur: what the Co-Chairs highlighted.\\]**"));
    assert!(shown.contains("| Delegation | Name | Position/title | Capacity |"));
    let md = dir.path().join("summary.md");
    let said = ok(plenary(&[
        "summary",
        plan.to_str().unwrap(),
        "--out",
        md.to_str().unwrap(),
    ]));
    assert_eq!(
        said,
        format!("Wrote {} (17 placeholders left)\n", md.display())
    );
    assert_eq!(std::fs::read_to_string(&md).unwrap(), shown);
}

/// The pages' text without their footers, so that a paragraph running on
/// to the next page reads whole.
fn without_footers(pages: &[String]) -> String {
    pages
        .iter()
        .flat_map(|p| p.lines())
        .filter(|l| {
            !l.trim_start().starts_with("Co-Chairs' Summary · ") && !l.contains("Draft · printed")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_pdf_reads_as_the_summary_with_its_annex_after_a_page_break() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let pdf = dir.path().join("summary.pdf");
    let said = ok(plenary(&[
        "summary",
        plan.to_str().unwrap(),
        "--out",
        pdf.to_str().unwrap(),
        "--paper",
        "letter",
    ]));
    let pages = poppler::pages(&pdf, true);
    assert_eq!(
        said,
        format!(
            "Wrote {} ({} pages, 17 placeholders left)\n",
            pdf.display(),
            pages.len()
        )
    );
    let (body, annex) = expected(&plan);
    in_order(&without_footers(&pages), &body, "the PDF");
    // The annex starts a page of its own, and lists everyone.
    let first_annex = pages
        .iter()
        .position(|p| p.contains("Annex: List of participants"))
        .expect("an annex");
    assert!(
        flat(&pages[first_annex]).starts_with("Annex: List of participants"),
        "{}",
        pages[first_annex]
    );
    in_order(&without_footers(&pages[first_annex..]), &annex, "the annex");
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains("Draft · printed"), "page {} has no stamp", i + 1);
        assert!(
            p.contains(&format!("Page {} of {}", i + 1, pages.len())),
            "page {}",
            i + 1
        );
    }
    // The same document through `plenary print`.
    let printed = dir.path().join("printed.pdf");
    let said = ok(plenary(&[
        "print",
        plan.to_str().unwrap(),
        "summary",
        "--out",
        printed.to_str().unwrap(),
    ]));
    assert!(said.contains(" pages"), "{said}");
    in_order(
        &without_footers(&poppler::pages(&printed, true)),
        &body,
        "plenary print summary",
    );
}

/// LibreOffice's text of a Word document, with a profile of its own so
/// that tests running at once do not share one.
fn soffice_text(docx: &Path, dir: &Path) -> String {
    let profile = dir.join("soffice-profile");
    let out = dir.join("converted");
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "txt:Text", "--outdir"])
        .arg(&out)
        .arg(docx)
        .output()
        .expect("soffice (libreoffice-writer-nogui) is installed");
    assert!(
        o.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let txt = out.join(docx.with_extension("txt").file_name().unwrap());
    std::fs::read_to_string(&txt).unwrap_or_else(|e| {
        panic!(
            "soffice wrote no text ({e}): {}",
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

#[test]
fn the_word_document_opens_in_libreoffice_with_every_paragraph_and_name() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let docx = dir.path().join("summary.docx");
    let said = ok(plenary(&[
        "summary",
        plan.to_str().unwrap(),
        "--out",
        docx.to_str().unwrap(),
    ]));
    assert_eq!(
        said,
        format!("Wrote {} (17 placeholders left)\n", docx.display())
    );
    let text = soffice_text(&docx, dir.path());
    let (body, annex) = expected(&plan);
    in_order(&text, &body, "the Word document");
    let from = text.find("Annex: List of participants").unwrap();
    let (_, annex_text) = text.split_at(from);
    in_order(annex_text, &annex, "the Word annex");
}

#[test]
fn formats_and_files_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample(dir.path());
    let p = plan.to_str().unwrap();
    let before = std::fs::read(&plan).unwrap();
    let txt = dir.path().join("summary.txt");
    let err = refused(plenary(&["summary", p, "--out", txt.to_str().unwrap()]));
    assert!(err.starts_with("plenary: --format: "), "{err}");
    let err = refused(plenary(&["summary", p, "--format", "rtf"]));
    assert!(
        err.contains("--format: \"rtf\" is not docx, pdf or md"),
        "{err}"
    );
    let err = refused(plenary(&["summary", p, "--format", "docx"]));
    assert!(err.starts_with("plenary: --out: "), "{err}");
    let err = refused(plenary(&["summary", p, "--attendance", "maybe"]));
    assert!(err.contains("--attendance"), "{err}");
    let err = refused(plenary(&["summary", p, "--format", "md", "--out", p]));
    assert!(err.contains("is a plan, not a Markdown file"), "{err}");
    let missing = dir.path().join("no such folder").join("summary.docx");
    let err = refused(plenary(&["summary", p, "--out", missing.to_str().unwrap()]));
    assert!(
        err.contains("--out: ") && err.contains("could not be written"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "the plan is untouched"
    );
    // With the format given, any file name will do.
    let named = dir.path().join("summary.txt");
    ok(plenary(&[
        "summary",
        p,
        "--format",
        "md",
        "--out",
        named.to_str().unwrap(),
    ]));
    assert!(std::fs::read_to_string(&named)
        .unwrap()
        .starts_with("# Co-Chairs"));
}

/// The sample with a rapporteur's text and a name in several scripts, with
/// markup typed into both.
fn hostile(dir: &Path) -> PathBuf {
    use plenary_core::edit::people::update_person;
    use plenary_core::forms::PersonForm;
    let plan = sample(dir);
    let mut store = Store::open(&plan).unwrap();
    let p = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.family_name == "Bell")
        .unwrap();
    let form = PersonForm {
        honorific: p.honorific.clone(),
        given_name: "สมชาย <b>&\"'".into(),
        family_name: "العلي 王".into(),
        position: "`code` | # _x_ [y](z)".into(),
        organisation_id: p.organisation_id,
        email: p.email.clone(),
        phone: p.phone.clone(),
        notes: p.notes.clone(),
        gender: p.gender,
    };
    update_person(&mut store, p.id, &form).unwrap();
    summary::save_section(
        &mut store,
        AttendanceSource::Registered,
        "opening",
        "**กระทรวงการต่างประเทศ** and *中文名* met مرحبا <script>x</script> & more.\n\n[Rapporteur: more?]",
    )
    .unwrap();
    plan
}

#[test]
fn text_in_any_script_and_typed_markup_reach_every_format_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let plan = hostile(dir.path());
    let p = plan.to_str().unwrap();
    let md = ok(plenary(&["summary", p]));
    assert!(md.contains(
        "**กระทรวงการต่างประเทศ** and *中文名* met مرحبا \\<script\\>x\\</script\\> \\& more."
    ));
    assert!(
        md.contains("สมชาย \\<b\\>\\&\"' العلي 王 | \\`code\\` \\| \\# \\_x\\_ \\[y\\](z) |"),
        "{md}"
    );

    let docx = dir.path().join("summary.docx");
    let o = plenary(&["summary", p, "--out", docx.to_str().unwrap()]);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = soffice_text(&docx, dir.path());
    assert!(
        text.contains("กระทรวงการต่างประเทศ and 中文名 met مرحبا <script>x</script> & more."),
        "{text}"
    );
    assert!(text.contains("สมชาย <b>&\"' العلي 王"), "{text}");
    assert!(text.contains("`code` | # _x_ [y](z)"), "{text}");

    let pdf = dir.path().join("summary.pdf");
    let o = plenary(&["summary", p, "--out", pdf.to_str().unwrap()]);
    // Every script has a font: no warning of empty boxes.
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let pages = without_footers(&poppler::pages(&pdf, false));
    // (pdftotext reorders the "<" beside the Arabic word, which it reads right to left.)
    assert!(pages.contains("script>x</script> & more."), "{pages}");
    assert!(pages.contains("مرحبا"), "{pages}");
    assert!(pages.contains("中文名"), "{pages}");
    assert!(pages.contains("王"), "{pages}");
}
