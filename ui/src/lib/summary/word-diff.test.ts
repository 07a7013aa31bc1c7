import { describe, expect, it } from 'vitest';
import { changed, condensed, wordDiff } from './word-diff';

describe('wordDiff', () => {
  it('keeps equal texts as one unchanged part', () => {
    expect(wordDiff('The Co-Chairs opened it.', 'The Co-Chairs opened it.')).toEqual([
      { text: 'The Co-Chairs opened it.', change: 'same' },
    ]);
  });

  it('marks the words the plan added and removed, in reading order', () => {
    const parts = wordDiff('Panellists from Australia and Fiji spoke.', 'Panellists from Australia, Fiji and Samoa spoke.');
    expect(parts).toEqual([
      { text: 'Panellists from ', change: 'same' },
      { text: 'Australia and ', change: 'removed' },
      { text: 'Australia, ', change: 'added' },
      { text: 'Fiji ', change: 'same' },
      { text: 'and Samoa ', change: 'added' },
      { text: 'spoke.', change: 'same' },
    ]);
    expect(parts.filter((p) => p.change !== 'removed').map((p) => p.text).join('')).toBe(
      'Panellists from Australia, Fiji and Samoa spoke.',
    );
    expect(parts.filter((p) => p.change !== 'added').map((p) => p.text).join('')).toBe(
      'Panellists from Australia and Fiji spoke.',
    );
    expect(changed(parts)).toBe(true);
  });

  it('adds a whole paragraph and handles empty texts', () => {
    expect(wordDiff('', 'New text')).toEqual([{ text: 'New text', change: 'added' }]);
    expect(wordDiff('Old', '')).toEqual([{ text: 'Old', change: 'removed' }]);
    expect(changed(wordDiff('a  b', 'a  b'))).toBe(false);
  });

  it('works in any script', () => {
    const parts = wordDiff('ประชุม ที่ กรุงเทพ', 'ประชุม ที่ เชียงใหม่');
    expect(parts).toEqual([
      { text: 'ประชุม ที่ ', change: 'same' },
      { text: 'กรุงเทพ', change: 'removed' },
      { text: 'เชียงใหม่', change: 'added' },
    ]);
  });
});

describe('condensed', () => {
  it('keeps a few words either side of each change', () => {
    const before = 'one two three four five six seven eight nine ten. Old end.';
    const after = 'one two three four five six seven eight nine ten. New end.';
    expect(condensed(wordDiff(before, after), 2)).toEqual([
      { text: '… nine ten. ', change: 'same' },
      { text: 'Old ', change: 'removed' },
      { text: 'New ', change: 'added' },
      { text: 'end.', change: 'same' },
    ]);
    const middle = wordDiff('a b c d e f g h i j k', 'a b c X e f g h i j k');
    expect(condensed(middle, 1).map((p) => p.text)).toEqual(['a b c ', 'd ', 'X ', 'e … ']);
  });
});
