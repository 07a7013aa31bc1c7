// The Summary page's words and choices: the export formats with the file
// name offered for each, the count of passages left for the rapporteur,
// the notice after writing a file, and the state badges.
import { safeFileBase } from '../files/file-name';
import { countOf } from '../format/words';
import type { SectionState, SummaryFormat, SummaryWritten_Serialize } from '../ipc';

export type FormatChoice = { format: SummaryFormat; label: string; extension: string; filter: string };

export const FORMATS: readonly FormatChoice[] = [
  { format: 'docx', label: 'Word (.docx)', extension: 'docx', filter: 'Word document' },
  { format: 'pdf', label: 'PDF', extension: 'pdf', filter: 'PDF document' },
  { format: 'markdown', label: 'Markdown', extension: 'md', filter: 'Markdown text' },
];

/** "Bangkok week 2024 — Co-Chairs' Summary.docx", with no character a file name cannot hold. */
export function summaryFileName(planTitle: string, summaryTitle: string, extension: string): string {
  const plan = safeFileBase(planTitle, '');
  const base = safeFileBase(plan ? `${plan} — ${summaryTitle}` : summaryTitle, 'Summary');
  return `${base}.${extension}`;
}

/** "3 passages for the rapporteur". */
export function placeholdersLine(count: number): string {
  if (count === 0) return 'No passages left for the rapporteur';
  return `${countOf(count, 'passage')} for the rapporteur`;
}

/** The last part of a path, whichever separator it uses. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

function size(bytes: number): string {
  if (bytes < 1024) return countOf(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "Wrote Week — Co-Chairs' Summary.docx (14 KB). 3 passages are still for the rapporteur." */
export function writtenNotice(path: string, written: SummaryWritten_Serialize): { text: string; warning: boolean } {
  const pages = written.pages === null ? '' : `, ${countOf(written.pages, 'page')}`;
  let text = `Wrote ${baseName(path)} (${size(written.bytes)}${pages}).`;
  const warning = written.placeholders > 0 || written.warnings.length > 0;
  if (written.placeholders > 0) {
    text += ` ${countOf(written.placeholders, 'passage is', 'passages are')} still for the rapporteur: look for “[Rapporteur: …]”.`;
  }
  for (const w of written.warnings) text += ` ${w}`;
  return { text, warning };
}

export const STATE_LABELS: Record<SectionState, string> = {
  drafted: 'From the plan',
  edited: 'Edited',
  plan_changed: 'Plan changed',
};

/** How a section is named in questions and notices. */
export function sectionName(key: string, heading: string): string {
  if (key === 'opening') return 'the opening paragraph';
  if (key === 'attendance') return 'the attendance paragraph';
  return heading ? `“${heading}”` : 'this section';
}
