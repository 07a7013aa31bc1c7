import { describe, expect, it } from 'vitest';
import { placeholdersLine, sectionName, summaryFileName, writtenNotice } from './choices';

describe('summary choices', () => {
  it('offers a file name without characters a file system refuses', () => {
    expect(summaryFileName('Bangkok week 2024', "Co-Chairs' Summary", 'docx')).toBe("Bangkok week 2024 — Co-Chairs' Summary.docx");
    expect(summaryFileName('WG: TIP / 2024?', "Co-Chairs' Summary", 'md')).toBe("WG TIP 2024 — Co-Chairs' Summary.md");
    expect(summaryFileName('  ', "Co-Chairs' Summary", 'pdf')).toBe("Co-Chairs' Summary.pdf");
  });

  it('counts the passages left', () => {
    expect(placeholdersLine(0)).toBe('No passages left for the rapporteur');
    expect(placeholdersLine(1)).toBe('1 passage for the rapporteur');
    expect(placeholdersLine(3)).toBe('3 passages for the rapporteur');
  });

  it('says what was written, warning of passages left', () => {
    expect(writtenNotice('C:\\out\\s.pdf', { bytes: 2_200_000, pages: 4, placeholders: 0, warnings: [] })).toEqual({
      text: 'Wrote s.pdf (2.1 MB, 4 pages).',
      warning: false,
    });
    const left = writtenNotice('/out/s.md', { bytes: 900, pages: null, placeholders: 1, warnings: [] });
    expect(left.text).toBe('Wrote s.md (900 bytes). 1 passage is still for the rapporteur: look for “[Rapporteur: …]”.');
    expect(left.warning).toBe(true);
  });

  it('names sections in questions', () => {
    expect(sectionName('opening', '')).toBe('the opening paragraph');
    expect(sectionName('event:x', 'Annual Meeting – 19 November 2024')).toBe('“Annual Meeting – 19 November 2024”');
  });
});
