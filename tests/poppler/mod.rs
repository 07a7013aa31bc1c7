//! PDFs read back as a reader sees them, through poppler: each page's words
//! with their boxes (`pdftotext -bbox`). Shared by the print suites.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// One word as `pdftotext -bbox` places it, in points from the page's top left.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// A page's size in points and its words.
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let at = tag.find(&key).unwrap() + key.len();
    let end = at + tag[at..].find('"').unwrap();
    tag[at..end].parse().unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every page's size and words with their boxes.
pub fn boxes(pdf: &Path) -> Vec<Page> {
    let o = Command::new("pdftotext")
        .args(["-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success());
    let xml = String::from_utf8(o.stdout).unwrap();
    let mut pages = Vec::new();
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(Page {
                width: attr(line, "width"),
                height: attr(line, "height"),
                words: Vec::new(),
            });
        } else if line.starts_with("<word ") {
            let open = line.find('>').unwrap();
            let close = line.rfind("</word>").unwrap();
            pages.last_mut().unwrap().words.push(Word {
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text: unescape(&line[open + 1..close]),
            });
        }
    }
    pages
}

/// Each page's text: as laid out (`-layout`, each line whole) or in
/// reading order.
pub fn pages(pdf: &Path, layout: bool) -> Vec<String> {
    let mut args = vec![pdf.to_str().unwrap(), "-"];
    if layout {
        args.insert(0, "-layout");
    }
    let o = Command::new("pdftotext")
        .args(&args)
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(String::from).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}
