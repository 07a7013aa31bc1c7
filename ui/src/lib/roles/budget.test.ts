import { describe, expect, it } from 'vitest';
import { budget, sessionLength, startOffsets, turnMinutes, turnStart } from './budget';

// The same table as plenary-core's speaking::tests::budget_table, plus the
// brief's overrun, so the live line says what the saved list will.
describe('budget', () => {
  const table: [turns: number[], session: number | null, fits: boolean, message: string][] = [
    [[], 60, true, '0 of 60 minutes used; 60 minutes left.'],
    [[3, 3, 3], 10, true, '9 of 10 minutes used; 1 minute left.'],
    [[5, 5], 10, true, '10 of 10 minutes used; 0 minutes left.'],
    [[5, 5, 1], 10, false, "11 minutes of turns do not fit in the session's 10 minutes: 1 minute over."],
    [[4], null, true, '4 minutes in all; the session has no times yet.'],
    [[1], null, true, '1 minute in all; the session has no times yet.'],
    [[30, 30, 3], 60, false, "63 minutes of turns do not fit in the session's 60 minutes: 3 minutes over."],
    [[1], 1, true, '1 of 1 minute used; 0 minutes left.'],
    // Boxes being edited: blank, zero or nonsense count as nothing; parts of a minute round.
    [[5, Number.NaN, 0, -4, 2.6], 10, true, '8 of 10 minutes used; 2 minutes left.'],
  ];
  it.each(table)('%j in %s minutes', (turns, session, fits, message) => {
    const b = budget(turns, session);
    expect({ fits: b.fits, message: b.message }).toEqual({ fits, message });
    expect(b.sessionMinutes).toBe(session);
  });

  it('adds up the total', () => {
    expect(budget([30, 30, 3], 60).total).toBe(63);
  });
});

describe('turnMinutes', () => {
  it.each([
    [5, 5],
    [null, 0],
    [undefined, 0],
    [0, 0],
    [-1, 0],
    [Number.POSITIVE_INFINITY, 0],
    [2.4, 2],
  ] as const)('%s -> %s', (value, want) => {
    expect(turnMinutes(value)).toBe(want);
  });
});

describe('sessionLength', () => {
  it.each([
    ['2024-11-19T09:00:00', '2024-11-19T10:00:00', 60],
    ['2024-11-19T09:00', '2024-11-19T09:45', 45],
    ['2024-11-19T23:30:00', '2024-11-20T00:15:00', 45],
    ['2024-11-19T10:00:00', '2024-11-19T09:00:00', 0],
    [null, null, null],
    ['2024-11-19T09:00:00', null, null],
    ['nonsense', '2024-11-19T09:00:00', null],
  ] as const)('%s to %s', (start, end, want) => {
    expect(sessionLength(start, end)).toBe(want);
  });
});

describe('turn starts', () => {
  it('offsets each turn by the turns before it', () => {
    expect(startOffsets([5, 5, 3, 4])).toEqual([0, 5, 10, 13]);
    expect(startOffsets([5, Number.NaN, 3])).toEqual([0, 5, 5]);
    expect(startOffsets([])).toEqual([]);
  });

  it.each([
    ['2024-11-19T09:00:00', 0, '09:00'],
    ['2024-11-19T09:00:00', 13, '09:13'],
    ['2024-11-19T09:50:00', 75, '11:05'],
    ['2024-11-19T23:50:00', 15, '00:05'],
    [null, 0, '+0 min'],
    [null, 12, '+12 min'],
  ] as const)('%s + %s -> %s', (start, offset, want) => {
    expect(turnStart(start, offset)).toBe(want);
  });
});
