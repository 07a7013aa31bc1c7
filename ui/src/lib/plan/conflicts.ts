// The plan's conflicts as the window shows them: open ones first, those a
// user accepted as intended listed apart (never hidden), and a lookup of the
// open conflicts each session is in, for the badges on agenda rows and
// calendar events.
import type { Conflict } from '../ipc';

type Listed = Pick<Conflict, 'message' | 'session_ids' | 'accepted'>;

export type ConflictGroups<C extends Listed> = { open: C[]; accepted: C[] };

/** Split conflicts into open and accepted ones, keeping their order. */
export function groupConflicts<C extends Listed>(conflicts: readonly C[]): ConflictGroups<C> {
  const open: C[] = [];
  const accepted: C[] = [];
  for (const c of conflicts) (c.accepted ? accepted : open).push(c);
  return { open, accepted };
}

/** How many conflicts still need attention (accepted ones do not count). */
export function openCount(conflicts: readonly Listed[]): number {
  return conflicts.reduce((n, c) => (c.accepted ? n : n + 1), 0);
}

/** Session id -> the messages of the OPEN conflicts it is in. */
export type SessionConflicts = ReadonlyMap<number, readonly string[]>;

export function conflictsBySession(conflicts: readonly Listed[]): SessionConflicts {
  const map = new Map<number, string[]>();
  for (const c of conflicts) {
    if (c.accepted) continue;
    for (const id of new Set(c.session_ids)) {
      const list = map.get(id) ?? [];
      list.push(c.message);
      map.set(id, list);
    }
  }
  return map;
}

/** The tooltip of a conflict badge: each message on its own line. */
export function badgeTitle(messages: readonly string[]): string {
  return messages.join('\n');
}
