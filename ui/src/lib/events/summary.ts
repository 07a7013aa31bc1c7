// Wording for an event's summary card.
import type { CochairView_Serialize, EventSummary_Serialize, OrgCategory, Vocabulary } from '../ipc';
import { pluralise } from '../format/words';

/** Categories counted separately after the status counts. */
const HIGHLIGHTED_CATEGORIES: readonly OrgCategory[] = ['civil_society'];

/**
 * "17 Members · 9 Observers · 11 Guests · 1 Secretariat (including 5 civil
 * society)": participation by status (vocabulary order, labels pluralised),
 * then the civil-society count, which overlaps the statuses and so is said
 * as a part of them. Empty when nobody takes part yet.
 */
export function participationText(
  summary: Pick<EventSummary_Serialize, 'by_status' | 'by_category'>,
  vocabulary: Pick<Vocabulary, 'statuses' | 'categories'>,
): string {
  const parts: string[] = [];
  const statuses = [...summary.by_status].sort(
    (a, b) => indexOf(vocabulary.statuses, a.status) - indexOf(vocabulary.statuses, b.status),
  );
  for (const { status, count } of statuses) {
    if (count <= 0) continue;
    const label = vocabulary.statuses.find((t) => t.key === status)?.label ?? status;
    parts.push(`${count} ${pluralise(label, count)}`);
  }
  const included: string[] = [];
  for (const category of HIGHLIGHTED_CATEGORIES) {
    const count = summary.by_category.find((c) => c.category === category)?.count ?? 0;
    if (count <= 0) continue;
    const label = vocabulary.categories.find((t) => t.key === category)?.label ?? category;
    included.push(`${count} ${label.toLowerCase()}`);
  }
  const text = parts.join(' \u00b7 ');
  return included.length > 0 && text ? `${text} (including ${included.join(', ')})` : text;
}

function indexOf<K>(terms: readonly { key: K }[], key: K): number {
  const i = terms.findIndex((t) => t.key === key);
  return i < 0 ? terms.length : i;
}

/** A co-chair line: the role label (falling back to the vocabulary's "Co-chair") and who. */
export function cochairLine(
  c: Pick<CochairView_Serialize, 'role_label' | 'person' | 'organisation'>,
  vocabulary: Pick<Vocabulary, 'roles'>,
): { label: string; who: string } {
  const fallback = vocabulary.roles.find((t) => t.key === 'co_chair')?.label ?? '';
  const label = c.role_label.trim() || fallback;
  const who = c.person ? `${c.person} (${c.organisation.name})` : c.organisation.name;
  return { label, who };
}
