import { describe, expect, it } from 'vitest';
import { nextIndex, typeahead } from './roving';

describe('nextIndex', () => {
  it('moves down and up with wrapping', () => {
    expect(nextIndex('ArrowDown', 0, 3)).toBe(1);
    expect(nextIndex('ArrowDown', 2, 3)).toBe(0);
    expect(nextIndex('ArrowUp', 0, 3)).toBe(2);
    expect(nextIndex('ArrowUp', 2, 3)).toBe(1);
  });

  it('starts at either end when nothing has focus', () => {
    expect(nextIndex('ArrowDown', -1, 4)).toBe(0);
    expect(nextIndex('ArrowUp', -1, 4)).toBe(3);
  });

  it('handles Home and End', () => {
    expect(nextIndex('Home', 2, 5)).toBe(0);
    expect(nextIndex('End', 0, 5)).toBe(4);
  });

  it('uses left and right for horizontal lists', () => {
    expect(nextIndex('ArrowRight', 0, 3, 'horizontal')).toBe(1);
    expect(nextIndex('ArrowLeft', 0, 3, 'horizontal')).toBe(2);
    expect(nextIndex('ArrowDown', 0, 3, 'horizontal')).toBeNull();
  });

  it('ignores other keys and empty lists', () => {
    expect(nextIndex('a', 0, 3)).toBeNull();
    expect(nextIndex('ArrowDown', 0, 0)).toBeNull();
  });
});

describe('typeahead', () => {
  const labels = ['New plan…', 'Open…', 'Other.plenary', 'Save a copy as…'];

  it('finds the next item starting with the character', () => {
    expect(typeahead('o', 0, labels)).toBe(1);
    expect(typeahead('O', 1, labels)).toBe(2);
    expect(typeahead('o', 2, labels)).toBe(1);
    expect(typeahead('s', -1, labels)).toBe(3);
  });

  it('returns null for no match or non-characters', () => {
    expect(typeahead('z', 0, labels)).toBeNull();
    expect(typeahead('Enter', 0, labels)).toBeNull();
    expect(typeahead(' ', 0, labels)).toBeNull();
  });

  it('finds an item by its first letter whatever its accent or case', () => {
    const labels = ['Agenda', 'Élysée room', 'Ürün', 'ouvrir'];
    expect(typeahead('e', 0, labels)).toBe(1);
    expect(typeahead('E', 0, labels)).toBe(1);
    expect(typeahead('u', 0, labels)).toBe(2);
    expect(typeahead('Ö', 0, labels)).toBe(3);
  });
});
