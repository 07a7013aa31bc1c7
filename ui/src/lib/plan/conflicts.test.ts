import { describe, expect, it } from 'vitest';
import type { Conflict_Serialize } from '../ipc';
import { badgeTitle, conflictsBySession, groupConflicts, openCount } from './conflicts';

function conflict(key: string, session_ids: number[], accepted = false): Conflict_Serialize {
  return {
    kind: 'person_double_booked',
    message: `Problem ${key}`,
    session_ids,
    event_id: null,
    key,
    accepted,
  };
}

const list = [conflict('a', [1, 2]), conflict('b', [2, 3], true), conflict('c', []), conflict('d', [2, 2])];

describe('conflict grouping', () => {
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
