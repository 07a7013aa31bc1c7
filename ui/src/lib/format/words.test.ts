import { describe, expect, it } from 'vitest';
import { commaList, countOf, pluralise, oneLine } from './words';

describe('pluralise', () => {
  it('adds an s for counts other than one', () => {
    expect(pluralise('Panellist', 2)).toBe('Panellists');
    expect(pluralise('Co-chair', 0)).toBe('Co-chairs');
    expect(pluralise('Moderator', 1)).toBe('Moderator');
  });

  it('leaves labels ending in s alone', () => {
    expect(pluralise('Statements', 3)).toBe('Statements');
  });
});

describe('countOf', () => {
  it('chooses singular or plural', () => {
    expect(countOf(1, 'session')).toBe('1 session');
    expect(countOf(5, 'session')).toBe('5 sessions');
    expect(countOf(0, 'delegation')).toBe('0 delegations');
    expect(countOf(2, 'person', 'people')).toBe('2 people');
  });
});

describe('commaList', () => {
  it('joins with commas', () => {
    expect(commaList(['Australia', 'Bangladesh'])).toBe('Australia, Bangladesh');
    expect(commaList([])).toBe('');
  });
});

describe('oneLine', () => {
  it('puts a message with line breaks on one line', () => {
    expect(oneLine('/x/two\nlines.plenary is not a Plenary plan\r\n')).toBe('/x/two lines.plenary is not a Plenary plan');
  });
});
