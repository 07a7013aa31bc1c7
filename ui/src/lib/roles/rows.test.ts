import { describe, expect, it } from 'vitest';
import { ApiFailure, type ApiError } from '../ipc';
import { moveKey, problemsOf, rowProblems, speakerTbc, turnMinutes } from './rows';

describe('rowProblems', () => {
  const invalid = (fields: ApiError['fields']): ApiError => ({ code: 'invalid', message: 'Check the rows.', fields });
  const keys = [10, 11, 12];

  it.each<[string, ApiError, [number, string][], string | null]>([
    [
      'a row field lands on that row',
      invalid([{ field: 'roles.1', message: 'Row 2 (Moderator): choose a person or an organisation.' }]),
      [[11, 'Row 2 (Moderator): choose a person or an organisation.']],
      null,
    ],
    [
      'sub-fields of a row count as the row',
      invalid([{ field: 'roles.0.person_id', message: 'No such person.' }]),
      [[10, 'No such person.']],
      null,
    ],
    [
      'two problems on one row are joined',
      invalid([
        { field: 'roles.2', message: 'One.' },
        { field: 'roles.2', message: 'Two.' },
      ]),
      [[12, 'One. Two.']],
      null,
    ],
    [
      'a row beyond the list goes to the banner',
      invalid([{ field: 'roles.7', message: 'Row 8 is odd.' }]),
      [],
      'Row 8 is odd.',
    ],
    ['another prefix goes to the banner', invalid([{ field: 'slots.0', message: 'Wrong list.' }]), [], 'Wrong list.'],
    ['a field that only starts alike is not a row', invalid([{ field: 'roles.1x', message: 'Odd.' }]), [], 'Odd.'],
    ['an error without fields is general', { code: 'not_found', message: 'No session 4.', fields: [] }, [], 'No session 4.'],
    [
      'an error that is not a form problem is general',
      { code: 'io', message: 'Disk full.', fields: [{ field: 'roles.0', message: 'x' }] },
      [],
      'Disk full.',
    ],
  ])('%s', (_name, error, rows, general) => {
    const got = rowProblems(error, 'roles', keys);
    expect([...got.rows]).toEqual(rows);
    expect(got.general).toBe(general);
  });
});

describe('speakerTbc', () => {
  it('prefers the acronym', () => {
    expect(speakerTbc({ name: 'International Organization for Migration', acronym: 'IOM' })).toBe('IOM — speaker TBC');
    expect(speakerTbc({ name: 'Australia', acronym: '' })).toBe('Australia — speaker TBC');
  });
});

describe('moveKey', () => {
  const key = (k: string, mods: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key: k, ...mods });
  it.each<[string, KeyboardEventInit, -1 | 1 | null]>([
    ['ArrowUp', { altKey: true }, -1],
    ['ArrowDown', { altKey: true }, 1],
    ['ArrowDown', {}, null],
    ['ArrowDown', { altKey: true, ctrlKey: true }, null],
    ['ArrowDown', { altKey: true, shiftKey: true }, null],
    ['ArrowLeft', { altKey: true }, null],
  ])('%s %j', (k, mods, want) => {
    expect(moveKey(key(k, mods))).toBe(want);
  });

  it('leaves a type-ahead box its own arrows', () => {
    const input = document.createElement('input');
    input.setAttribute('role', 'combobox');
    const e = new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true });
    let got: -1 | 1 | null = 0 as never;
    input.addEventListener('keydown', (ev) => (got = moveKey(ev)));
    input.dispatchEvent(e);
    expect(got).toBeNull();
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

describe('problemsOf', () => {
  it('places a refusal on its rows', () => {
    const e = new ApiFailure({ code: 'invalid', message: 'Check the rows.', fields: [{ field: 'slots.1', message: 'Too long.' }] });
    expect(problemsOf(e, 'slots', [7, 8])).toEqual({ rows: new Map([[8, 'Too long.']]), general: null });
  });

  it('puts anything else in the banner', () => {
    expect(problemsOf(new Error('The disk is full.'), 'slots', [7, 8])).toEqual({
      rows: new Map(),
      general: 'The disk is full.',
    });
  });
});
