// What is typed into a search box, folded by the core's rule
// (src-tauri/core/src/fold.rs): without case, and without the accents of
// Latin and Greek letters, so "nguyen" finds "Nguyễn" and "çelik" finds
// "ÇELIK"; other scripts keep their marks. Read models that are searched
// here (the desk's lines) carry their text already folded by the core; this
// folds the typed words, and the few lists that have no read model.
// Both folds are checked against one table, src-tauri/core/src/fold_cases.json.

/** Letters that have no decomposition but that people type plainly. */
const PLAIN: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ς: 'σ',
  '’': "'",
  '‘': "'",
  '`': "'",
};

const MARK = /^\p{M}$/u;

/** The combining marks that are accents: the diacritical-mark blocks. */
function isDiacritic(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f)
  );
}

/** Latin and Greek letters, whose accents a search ignores. */
function latinOrGreek(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x00c0 && c <= 0x024f) ||
    (c >= 0x0250 && c <= 0x02af) ||
    (c >= 0x0370 && c <= 0x03ff) ||
    (c >= 0x1d00 && c <= 0x1dbf) ||
    (c >= 0x1e00 && c <= 0x1fff) ||
    (c >= 0x2c60 && c <= 0x2c7f) ||
    (c >= 0xa720 && c <= 0xa7ff) ||
    (c >= 0xab30 && c <= 0xab6f) ||
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a)
  );
}

/** Lower case without Latin and Greek accents: "Nguyễn Thị Hoà" -> "nguyen thi hoa", "Straße" -> "strasse". */
export function fold(text: string): string {
  const lower = text.normalize('NFD').toLowerCase();
  let out = '';
  // Whether the marks that follow sit on a Latin or Greek letter.
  let drops = false;
  for (const c of lower) {
    const code = c.codePointAt(0)!;
    if (MARK.test(c)) {
      if (!(drops && isDiacritic(code))) out += c;
      continue;
    }
    drops = latinOrGreek(code);
    out += PLAIN[c] ?? c;
  }
  return out.normalize('NFC');
}

/** The folded words of a search; none for a blank one. */
export function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}
