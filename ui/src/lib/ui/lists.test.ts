import { describe, expect, it } from 'vitest';
import { moveItem } from './lists';

describe('moveItem', () => {
  it.each([
    [0, 1, ['b', 'a', 'c']],
    [1, 0, ['b', 'a', 'c']],
    [2, 0, ['c', 'a', 'b']],
    [0, 2, ['b', 'c', 'a']],
    [1, 1, ['a', 'b', 'c']],
    [0, 9, ['b', 'c', 'a']],
    [2, -3, ['c', 'a', 'b']],
    [0, -1, ['a', 'b', 'c']],
    [2, 3, ['a', 'b', 'c']],
    [5, 0, ['a', 'b', 'c']],
    [-1, 0, ['a', 'b', 'c']],
  ] as const)('moves %i to %i', (from, to, want) => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, from, to)).toEqual(want);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});
