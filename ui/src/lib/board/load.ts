// People's load on the board: how many sessions each person is in and in
// which roles ("3 sessions: 2 panellist, 1 moderator"), sorted busiest first
// or by name.
import type { PersonLoad, RoleCount, RoleKind, Term } from '../ipc';
import { countOf } from '../format/words';

export type LoadOrder = 'load' | 'name';

function roleWord(role: RoleKind, terms: readonly Term<RoleKind>[]): string {
  return (terms.find((t) => t.key === role)?.label ?? role.replace(/_/g, ' ')).toLowerCase();
}

/** "2 panellist, 1 moderator": most frequent first, ties in vocabulary order. */
export function roleTally(byRole: readonly RoleCount[], terms: readonly Term<RoleKind>[]): string {
  const rank = (role: RoleKind) => {
    const i = terms.findIndex((t) => t.key === role);
    return i < 0 ? terms.length : i;
  };
  return [...byRole]
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || rank(a.role) - rank(b.role))
    .map((r) => `${r.count} ${roleWord(r.role, terms)}`)
    .join(', ');
}

/** "3 sessions: 2 panellist, 1 moderator". */
export function loadText(load: Pick<PersonLoad, 'sessions' | 'by_role'>, terms: readonly Term<RoleKind>[]): string {
  const tally = roleTally(load.by_role, terms);
  const sessions = countOf(load.sessions, 'session');
  return tally ? `${sessions}: ${tally}` : sessions;
}

const roleTotal = (l: PersonLoad) => l.by_role.reduce((n, r) => n + r.count, 0);
// The core's key of alphabetical order (family name, then given name): plain
// string comparison of the keys is that order, so "Ms Lynn Bell" is among the B's.
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: PersonLoad, b: PersonLoad) => byKey(a.sort_key, b.sort_key) || a.person_id - b.person_id;

/** Busiest first (sessions, then roles, then name), or by name. */
export function sortLoads(loads: readonly PersonLoad[], order: LoadOrder): PersonLoad[] {
  const sorted = [...loads];
  if (order === 'name') return sorted.sort(byName);
  return sorted.sort((a, b) => b.sessions - a.sessions || roleTotal(b) - roleTotal(a) || byName(a, b));
}
