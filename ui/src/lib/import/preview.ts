// Words and rules around an attendee import's preview: the totals line, what
// the Import button says, whether it may be pressed, and the closing summary.
import type { ImportField, ImportPreview, ImportSummary, RowAction, Term } from '../ipc';
import { countOf } from '../format/words';

type Totals = Pick<ImportPreview, 'created' | 'updated' | 'unchanged' | 'skipped' | 'errors'>;

/** "12 to create · 3 to update · 1 unchanged · 2 with errors"; zero counts are left out. */
export function totalsText(t: Totals): string {
  const parts = [
    t.created > 0 ? `${t.created} to create` : '',
    t.updated > 0 ? `${t.updated} to update` : '',
    t.unchanged > 0 ? `${t.unchanged} unchanged` : '',
    t.skipped > 0 ? `${t.skipped} skipped` : '',
    t.errors > 0 ? (t.errors === 1 ? '1 with an error' : `${t.errors} with errors`) : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'No rows to import';
}

/** People the import would create or change. */
export function changeCount(t: Pick<ImportPreview, 'created' | 'updated'>): number {
  return t.created + t.updated;
}

/** "Import 15 people", "Import 1 person". */
export function importLabel(t: Pick<ImportPreview, 'created' | 'updated'>): string {
  return `Import ${countOf(changeCount(t), 'person', 'people')}`;
}

/**
 * Why the import cannot run yet, or null when it can. Rows with errors are
 * only left out when the user says so; an import that changes nothing is
 * not worth an undo step.
 */
export function importBlocked(t: Totals | null, skipInvalid: boolean): string | null {
  if (!t) return 'Preview the file first.';
  if (t.errors > 0 && !skipInvalid) {
    const rows = t.errors === 1 ? '1 row has an error' : `${t.errors} rows have errors`;
    return `${rows}. Fix the file and preview again, or tick “Skip rows with errors”.`;
  }
  if (changeCount(t) === 0) return 'Nothing would change: no row adds or updates a person.';
  return null;
}

/** "Created 12, updated 3, unchanged 1; skipped 2 rows with errors." */
export function summaryText(s: ImportSummary): string {
  const done = `Created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}`;
  if (s.errors === 0) return `${done}.`;
  return `${done}; skipped ${countOf(s.errors, 'row')} with errors.`;
}

/** Labels of the fields chosen for more than one column ("ignore" may repeat). */
export function repeatedFields(mapping: readonly ImportField[], fields: readonly Term<ImportField>[]): string[] {
  const seen = new Set<ImportField>();
  const repeated = new Set<ImportField>();
  for (const f of mapping) {
    if (f === 'ignore') continue;
    if (seen.has(f)) repeated.add(f);
    seen.add(f);
  }
  return [...repeated].map((f) => fields.find((t) => t.key === f)?.label ?? f);
}

/** The badge text for a row's action. */
export const ACTION_LABELS: Record<RowAction, string> = {
  create: 'Create',
  update: 'Update',
  unchanged: 'Unchanged',
  skip: 'Skip',
  error: 'Error',
};

/** The rows the table shows: all, or only those with errors. */
export function visibleRows<R extends { action: RowAction }>(rows: readonly R[], onlyErrors: boolean): R[] {
  return onlyErrors ? rows.filter((r) => r.action === 'error') : rows.slice();
}

/** The delimiters the core reads, by the names it gives them. */
const DELIMITERS: readonly string[] = ['comma', 'semicolon', 'tab'];

/** "comma-separated", "tab-separated", or, for a name the core may add later, "separated by “x”". */
export function delimiterText(delimiter: string): string {
  return DELIMITERS.includes(delimiter) ? `${delimiter}-separated` : `separated by “${delimiter}”`;
}
