import { describe, expect, it } from 'vitest';
import type { Conflict_Serialize } from '../ipc';
import { copy, planning } from '../testing/sample';
import { badgeTitle, conflictsBySession, groupConflicts, openCount } from './conflicts';

/** The room clash of the week part-way through planning, as another problem. */
function conflict(key: string, session_ids: number[], accepted = false): Conflict_Serialize {
  const clash = planning.conflictList.conflicts.find((c) => c.kind === 'room_double_booked')!;
  return { ...copy(clash), message: `Problem ${key}`, session_ids, key, accepted };
}

const list = [conflict('a', [1, 2]), conflict('b', [2, 3], true), conflict('c', []), conflict('d', [2, 2])];

describe('conflict grouping', () => {
  it('groups the problems of the week part-way through planning', () => {
    const { conflicts } = planning.conflictList;
    const groups = groupConflicts(conflicts);
    expect(groups.open.map((c) => c.kind)).toEqual(['event_without_cochairs', 'room_double_booked']);
    expect(groups.accepted.map((c) => c.kind)).toEqual(['panel_without_moderator']);
    expect(openCount(conflicts)).toBe(2);
    const clash = conflicts.find((c) => c.kind === 'room_double_booked')!;
    expect([...conflictsBySession(conflicts).keys()].sort()).toEqual([...clash.session_ids].sort());
  });

  it('puts accepted conflicts apart, keeping the order', () => {
    const groups = groupConflicts(list);
    expect(groups.open.map((c) => c.key)).toEqual(['a', 'c', 'd']);
    expect(groups.accepted.map((c) => c.key)).toEqual(['b']);
  });

  it('counts only open conflicts', () => {
    expect(openCount(list)).toBe(3);
    expect(openCount([conflict('x', [1], true)])).toBe(0);
    expect(openCount([])).toBe(0);
  });
});

describe('conflicts by session', () => {
  it('lists the open conflicts each session is in, once each', () => {
    const map = conflictsBySession(list);
    expect(map.get(1)).toEqual(['Problem a']);
    expect(map.get(2)).toEqual(['Problem a', 'Problem d']);
    // Session 3 is only in an accepted conflict: no badge.
    expect(map.has(3)).toBe(false);
    expect(map.size).toBe(2);
  });

  it('joins messages for a badge tooltip', () => {
    expect(badgeTitle(['One.', 'Two.'])).toBe('One.\nTwo.');
  });
});
