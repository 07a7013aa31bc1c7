// The pure side of the Delegations page: grouping the roster by status, the
// counts and the senior-official line, and the co-chair rows being edited
// (moving them, turning them into what `setCochairs` takes, and placing the
// backend's "cochairs.N" problems on their rows).
import type {
  ApiError,
  CochairEntry_Deserialize,
  DelegationView_Serialize,
  EventCochair_Serialize,
  Event,
  OrgCategory,
  Organisation_Serialize,
  ParticipationStatus,
  Person_Serialize,
  Roster_Serialize,
  Term,
} from '../ipc';
import { hasFieldProblems } from '../error-codes';
import { pluralise } from '../format/words';

/** The heading of the group whose organisations have people registered but no participation entry. */
export const NO_ENTRY_LABEL = 'Registered, no participation entry';

export type StatusGroup = {
  /** null: registered people, no participation entry. */
  status: ParticipationStatus | null;
  label: string;
  delegations: DelegationView_Serialize[];
};

/**
 * The roster's delegations grouped by status, groups in vocabulary order
 * (Member, Observer, Guest, Co-host, Secretariat), the "no participation
 * entry" group last; protocol order is kept inside each group, so the
 * co-chairs stay at the top of theirs. Empty groups are left out.
 */
export function groupByStatus(
  delegations: readonly DelegationView_Serialize[],
  statuses: readonly Term<ParticipationStatus>[],
): StatusGroup[] {
  const groups: StatusGroup[] = statuses.map((t) => ({ status: t.key, label: t.label, delegations: [] }));
  const none: StatusGroup = { status: null, label: NO_ENTRY_LABEL, delegations: [] };
  for (const d of delegations) {
    const status = d.status;
    const group = status === null ? none : groups.find((g) => g.status === status);
    if (group) group.delegations.push(d);
    // A status the vocabulary does not know still gets a group rather than vanishing.
    else if (status !== null) groups.push({ status, label: status, delegations: [d] });
  }
  return [...groups, none].filter((g) => g.delegations.length > 0);
}

export type Count = { key: string; count: number; text: string };

/**
 * Delegations with a participation entry, by status: "17 members", "9
 * observers"; then those without one. Vocabulary order; zero counts left out.
 */
export function statusCounts(
  delegations: readonly DelegationView_Serialize[],
  statuses: readonly Term<ParticipationStatus>[],
): Count[] {
  const out: Count[] = [];
  for (const { key, label } of statuses) {
    const count = delegations.filter((d) => d.status === key).length;
    if (count > 0) out.push({ key, count, text: `${count} ${pluralise(label, count).toLowerCase()}` });
  }
  const none = delegations.filter((d) => d.status === null).length;
  if (none > 0) out.push({ key: 'none', count: none, text: `${none} without a participation entry` });
  return out;
}

/** Plurals the vocabulary labels cannot be turned into by adding "s". */
const CATEGORY_PLURALS: Partial<Record<OrgCategory, string>> = {
  civil_society: 'civil society',
  private_sector: 'private sector',
  workstream: 'workstreams or other bodies',
};

function categoryWords(key: OrgCategory, label: string, count: number): string {
  const lower = label.toLowerCase();
  if (count === 1) return lower;
  return CATEGORY_PLURALS[key] ?? pluralise(lower, count);
}

/**
 * Delegations with a participation entry, by organisation category: "15
 * member states", "5 civil society". Vocabulary order; zero counts left out.
 * Like the overview, organisations without an entry are not counted here.
 */
export function categoryCounts(
  delegations: readonly DelegationView_Serialize[],
  categories: readonly Term<OrgCategory>[],
): Count[] {
  const out: Count[] = [];
  const counted = delegations.filter((d) => d.status !== null);
  for (const { key, label } of categories) {
    const count = counted.filter((d) => d.organisation.category === key).length;
    if (count > 0) out.push({ key, count, text: `${count} ${categoryWords(key, label, count)}` });
  }
  return out;
}

/** "17 members · 9 observers". */
export function joinCounts(counts: readonly Count[]): string {
  return counts.map((c) => c.text).join(' \u00b7 ');
}

/** Names of the delegations whose level mentions "senior official", in roster (protocol) order. */
export function seniorOfficials(delegations: readonly DelegationView_Serialize[]): string[] {
  return delegations.filter((d) => /senior official/i.test(d.level)).map((d) => d.organisation.name);
}

/** Person id -> name, from everyone registered for the event. */
export function rosterNames(roster: Pick<Roster_Serialize, 'delegations' | 'unaffiliated'>): Map<number, string> {
  const names = new Map<number, string>();
  for (const d of roster.delegations) for (const m of d.members) names.set(m.person_id, m.name);
  for (const m of roster.unaffiliated) names.set(m.person_id, m.name);
  return names;
}

/** "Ms Lynn Bell": honorific, given and family name, skipping blanks (as the backend writes it). */
export function personName(p: Pick<Person_Serialize, 'honorific' | 'given_name' | 'family_name'>): string {
  return [p.honorific, p.given_name, p.family_name]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

/** "Commemorative Dialogue attendees.csv", from the short name when there is one. */
export function exportFileName(event: Pick<Event, 'title' | 'short_name'>): string {
  const name = (event.short_name.trim() || event.title.trim() || 'Event').replace(/[\\/:*?"<>|]+/g, ' ').trim();
  return `${name} attendees.csv`;
}

// ----- co-chair rows -----

/** One co-chair row as edited on the page; `key` keeps a row's identity while rows move. */
export type CochairRow = {
  key: number;
  organisation_id: number | null;
  person_id: number | null;
  /** Shown for the person; the row keeps it so a picked name needs no lookup. */
  person_name: string;
  role_label: string;
  /** null: all days of the event. */
  day: string | null;
};

/** The saved co-chairs as rows, in their order; `nextKey` hands out row keys. */
export function rowsFromCochairs(
  cochairs: readonly EventCochair_Serialize[],
  names: ReadonlyMap<number, string>,
  nextKey: () => number,
): CochairRow[] {
  return [...cochairs]
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .map((c) => ({
      key: nextKey(),
      organisation_id: c.organisation_id,
      person_id: c.person_id,
      person_name: c.person_id === null ? '' : (names.get(c.person_id) ?? 'Unknown person'),
      role_label: c.role_label,
      day: c.day,
    }));
}

/** The rows as `setCochairs` takes them, in order. Rows without a government are the caller's to refuse first. */
export function cochairEntries(rows: readonly CochairRow[]): CochairEntry_Deserialize[] {
  return rows
    .filter((r): r is CochairRow & { organisation_id: number } => r.organisation_id !== null)
    .map((r) => ({
      organisation_id: r.organisation_id,
      person_id: r.person_id,
      role_label: r.role_label.trim(),
      day: r.day,
    }));
}

/** Whether the rows say something other than what is saved (a row without a government always does). */
export function rowsChanged(rows: readonly CochairRow[], saved: readonly CochairRow[]): boolean {
  if (rows.length !== saved.length) return true;
  return rows.some((r, i) => {
    const s = saved[i]!;
    return (
      r.organisation_id !== s.organisation_id ||
      r.person_id !== s.person_id ||
      r.role_label.trim() !== s.role_label.trim() ||
      r.day !== s.day
    );
  });
}

/** Row key -> message for rows the backend would refuse anyway: a government must be chosen. */
export function missingGovernments(rows: readonly CochairRow[]): Map<number, string> {
  const out = new Map<number, string>();
  rows.forEach((r, i) => {
    if (r.organisation_id === null) out.set(r.key, `Row ${i + 1}: choose a government.`);
  });
  return out;
}

const ROW_FIELD = /^cochairs\.(\d+)(?:\.|$)/;

/**
 * The backend's problems placed on rows: "cochairs.N" belongs to the N-th
 * row sent (0-based), which is `rows[N]`; anything else, and every non-field
 * error, goes to `general`.
 */
export function placeCochairErrors(
  error: ApiError,
  rows: readonly Pick<CochairRow, 'key'>[],
): { rows: Map<number, string>; general: string | null } {
  const placed = new Map<number, string>();
  const unplaced: string[] = [];
  for (const problem of error.fields) {
    const m = ROW_FIELD.exec(problem.field);
    const row = m ? rows[Number(m[1])] : undefined;
    if (row) {
      const previous = placed.get(row.key);
      placed.set(row.key, previous ? `${previous} ${problem.message}` : problem.message);
    } else {
      unplaced.push(problem.message);
    }
  }
  const general =
    !hasFieldProblems(error) ? error.message : unplaced.length > 0 ? unplaced.join(' ') : null;
  return { rows: placed, general };
}

/**
 * The organisations offered for a co-chair row: governments (member and
 * observer states) by name, plus the row's current choice if it is
 * something else, so a saved choice is never silently dropped.
 */
export function governmentChoices(
  organisations: readonly Organisation_Serialize[],
  chosen: number | null,
): Organisation_Serialize[] {
  // The backend lists organisations in the one alphabetical order; keep it.
  return organisations.filter(
    (o) => o.category === 'member_state' || o.category === 'observer_state' || o.id === chosen,
  );
}
