import { describe, expect, it } from 'vitest';
import { fold, queryWords } from './fold';
// The core's table of cases: both folds must agree on every one.
import cases from '../../../../src-tauri/core/src/fold_cases.json';

describe('fold', () => {
  it('has the core’s cases', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  it.each(cases as [string, string][])('%s -> %s', (text, folded) => {
    expect(fold(text)).toBe(folded);
    expect(fold(folded)).toBe(folded);
  });
});

describe('queryWords', () => {
  it.each([
    ['', []],
    ['   ', []],
    [' Lynn  BELL ', ['lynn', 'bell']],
    ['Hoà', ['hoa']],
    ['ÇELIK türkiye', ['celik', 'turkiye']],
  ])('%j -> %j', (query, words) => {
    expect(queryWords(query)).toEqual(words);
  });
});
