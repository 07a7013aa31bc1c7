// Type-ahead matching for organisations, which the window holds in full
// (people are searched in the backend, where there may be thousands).
import type { Organisation } from '../ipc';
import { fold, queryWords } from '../format/fold';

/** Organisations whose name, official name or acronym contain every word of `query`; acronym and name-prefix hits first. */
export function matchOrganisations(orgs: readonly Organisation[], query: string, limit = 12): Organisation[] {
  const words = queryWords(query);
  if (words.length === 0) return orgs.slice(0, limit);
  const scored: { o: Organisation; rank: number }[] = [];
  for (const o of orgs) {
    const hay = fold(`${o.name} ${o.official_name} ${o.acronym}`);
    if (!words.every((w) => hay.includes(w))) continue;
    const first = words[0] ?? '';
    const rank = fold(o.acronym) === first ? 0 : fold(o.name).startsWith(first) ? 1 : 2;
    scored.push({ o, rank });
  }
  // A stable sort: within a rank, the backend's alphabetical order.
  scored.sort((a, b) => a.rank - b.rank);
  return scored.slice(0, limit).map((s) => s.o);
}

/** "Australia" or "International Organization for Migration (IOM)". */
export function organisationLabel(o: Pick<Organisation, 'name' | 'acronym'>): string {
  return o.acronym && o.acronym !== o.name ? `${o.name} (${o.acronym})` : o.name;
}
