import { describe, expect, it } from 'vitest';
import {
  changeCount,
  delimiterText,
  importBlocked,
  importLabel,
  repeatedFields,
  summaryText,
  totalsText,
  visibleRows,
} from './preview';
import { importing, week } from '../testing/sample';
import type { ImportField } from '../ipc';

const totals = (created: number, updated: number, unchanged: number, skipped: number, errors: number) => ({
  created,
  updated,
  unchanged,
  skipped,
  errors,
});

describe('totalsText', () => {
  it.each([
    [totals(12, 3, 1, 0, 2), '12 to create · 3 to update · 1 unchanged · 2 with errors'],
    [totals(12, 0, 0, 0, 0), '12 to create'],
    [totals(0, 0, 4, 0, 0), '4 unchanged'],
    [totals(1, 1, 0, 3, 1), '1 to create · 1 to update · 3 skipped · 1 with an error'],
    [totals(0, 0, 0, 0, 0), 'No rows to import'],
  ])('%j -> %s', (t, text) => {
    expect(totalsText(t)).toBe(text);
  });
});

describe('importLabel', () => {
  it.each([
    [12, 3, 'Import 15 people'],
    [1, 0, 'Import 1 person'],
    [0, 1, 'Import 1 person'],
    [0, 0, 'Import 0 people'],
  ])('%i created, %i updated -> %s', (created, updated, label) => {
    expect(importLabel({ created, updated })).toBe(label);
    expect(changeCount({ created, updated })).toBe(created + updated);
  });
});

describe('importBlocked', () => {
  it.each([
    [null, false, 'Preview the file first.'],
    [totals(12, 3, 1, 0, 0), false, null],
    [totals(12, 3, 1, 0, 2), false, '2 rows have errors. Fix the file and preview again, or tick “Skip rows with errors”.'],
    [totals(12, 3, 1, 0, 1), false, '1 row has an error. Fix the file and preview again, or tick “Skip rows with errors”.'],
    [totals(12, 3, 1, 0, 2), true, null],
    [totals(0, 0, 5, 1, 0), false, 'Nothing would change: no row adds or updates a person.'],
    [totals(0, 0, 5, 0, 2), true, 'Nothing would change: no row adds or updates a person.'],
    [totals(0, 1, 0, 0, 0), false, null],
  ])('%j skip=%s -> %s', (t, skip, reason) => {
    expect(importBlocked(t, skip)).toBe(reason);
  });
});

describe('summaryText', () => {
  it.each([
    [{ created: 12, updated: 3, unchanged: 1, errors: 2 }, 'Created 12, updated 3, unchanged 1; skipped 2 rows with errors.'],
    [{ created: 12, updated: 3, unchanged: 1, errors: 1 }, 'Created 12, updated 3, unchanged 1; skipped 1 row with errors.'],
    [{ created: 0, updated: 2, unchanged: 0, errors: 0 }, 'Created 0, updated 2, unchanged 0.'],
  ])('%j -> %s', (s, text) => {
    expect(summaryText(s)).toBe(text);
  });
});

describe('repeatedFields', () => {
  const fields = week.vocabulary.import_fields;
  it.each<[ImportField[], string[]]>([
    [['given_name', 'family_name', 'email'], []],
    [['ignore', 'ignore', 'email'], []],
    [['email', 'email', 'organisation'], ['Email']],
    [['email', 'organisation', 'email', 'organisation', 'email'], ['Email', 'Organisation']],
    [[], []],
  ])('%j -> %j', (mapping, labels) => {
    expect(repeatedFields(mapping, fields)).toEqual(labels);
  });
});

describe('delimiterText', () => {
  it.each([
    ['comma', 'comma-separated'],
    ['semicolon', 'semicolon-separated'],
    ['tab', 'tab-separated'],
    ['#', 'separated by “#”'],
  ])('%j -> %s', (d, text) => {
    expect(delimiterText(d)).toBe(text);
  });

  it('names the delimiter as the core reports it', () => {
    const [read] = importing.previews;
    expect(read!.answer.delimiter).toBe('semicolon');
    expect(delimiterText(read!.answer.delimiter)).toBe('semicolon-separated');
  });
});

describe('visibleRows', () => {
  const rows = [{ action: 'create' as const }, { action: 'error' as const }, { action: 'update' as const }, { action: 'error' as const }];
  it.each([
    [false, 4],
    [true, 2],
  ])('onlyErrors=%s -> %i rows', (onlyErrors, n) => {
    const shown = visibleRows(rows, onlyErrors);
    expect(shown).toHaveLength(n);
    if (onlyErrors) expect(shown.every((r) => r.action === 'error')).toBe(true);
  });
});
