import { describe, expect, it } from 'vitest';
import { enterTarget, indexLines, moveHighlight, searchKey, searchLines } from './search';
import { people, searchable } from './fixtures';
import type { DeskLine_Serialize } from '../ipc';

const line = (person_id: number, name: string, organisation = '', acronym = '', email = ''): DeskLine_Serialize =>
  searchable({
    person_id,
    name,
    sort_key: name.toLowerCase(),
    search_name: '',
    search_text: '',
    organisation,
    acronym,
    category: null,
    capacity: '',
    registration: 'registered',
    email,
    present: false,
  });

describe('searchLines', () => {
  const entries = indexLines(people);
  const ids = (query: string) => searchLines(entries, query).map((l) => l.person_id);

  // The sample's people for the Dialogue, in desk order, and two more (./fixtures).
  const [awal, bell, haigh, hoa, ramirez, tharyat] = people.map((p) => p.person_id);
  const everyone = people.map((p) => p.person_id);
  it.each<[string, (number | undefined)[]]>([
    ['', everyone],
    ['   ', everyone],
    ['lynn', [bell]],
    ['LYNN bell', [bell]],
    ['bell lynn', [bell]],
    ['caka alverdi', [awal]],
    ['hoa', [hoa]],
    ['Hoà', [hoa]],
    ['nguyen thi', [hoa]],
    ['jose', [ramirez]],
    ['iom', [ramirez]],
    ['migration', [ramirez]],
    ['viet', [hoa]],
    ['@iom.example', [ramirez]],
    ['tri.tharyat', [tharyat]],
    ['lynn tharyat', []],
    ['zzz', []],
    ['ms', [bell, haigh, hoa]],
  ])('%j finds %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('lists people whose name starts with each word before other matches, otherwise in desk order', () => {
    const lines = [
      line(1, 'Ms Anna Berg', 'Thailand'),
      line(2, 'Mr Somchai Thai', 'Cambodia'),
      line(3, 'Ms Kanya Srisuk', 'Thailand'),
      line(4, 'Ms Thaiyana Lee', 'Fiji'),
    ];
    expect(searchLines(indexLines(lines), 'thai').map((l) => l.person_id)).toEqual([2, 4, 1, 3]);
    // A hyphenated name's second part is a word start too.
    const hyphen = [line(5, 'Mr Luc Martin', 'Pierre & Co'), line(6, 'Mr Jean-Pierre Roux')];
    expect(searchLines(indexLines(hyphen), 'pierre').map((l) => l.person_id)).toEqual([6, 5]);
  });

  it('finds names in every script without case or accents', () => {
    const lines = [
      line(1, 'Mr Ahmet ÇELIK', 'Türkiye'),
      line(2, 'Ms Aya Koné', "Côte d'Ivoire"),
      line(3, 'Mr Jürgen Großmann', 'Germany'),
      line(4, 'Mr Somchai Srisuk', 'ประเทศไทย'),
      line(5, 'Mr Пётр Йованович', 'Serbia'),
      line(6, 'Ms İlkay Işık', 'Türkiye'),
    ];
    const found = (query: string) => searchLines(indexLines(lines), query).map((l) => l.person_id);
    expect(found('çelik')).toEqual([1]);
    expect(found('turkiye')).toEqual([1, 6]);
    expect(found('cote')).toEqual([2]);
    expect(found('grossmann')).toEqual([3]);
    expect(found('ไทย')).toEqual([4]);
    expect(found('ЙОВАНОВИЧ')).toEqual([5]);
    expect(found('иованович')).toEqual([]);
    expect(found('isik ilkay')).toEqual([6]);
  });

  it('keeps up with a few thousand lines', () => {
    const many = Array.from({ length: 5000 }, (_, i) => line(i, `Person ${i} Ñame`, `Org ${i % 50}`, '', `p${i}@x.example`));
    const index = indexLines(many);
    const started = performance.now();
    for (const q of ['p', 'pe', 'per', 'pers 12', 'name 4999', 'org 7']) searchLines(index, q);
    expect(performance.now() - started).toBeLessThan(500);
    expect(searchLines(index, 'ñame 4999').map((l) => l.person_id)).toEqual([4999]);
  });
});

describe('searchKey', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing', boolean>> = {}) =>
    searchKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, isComposing: false, ...mods });

  it.each([
    ['Enter', {}, 'toggle'],
    ['ArrowDown', {}, 'down'],
    ['ArrowUp', {}, 'up'],
    ['Escape', {}, 'clear'],
    ['a', {}, null],
    ['Enter', { isComposing: true }, null],
    ['Enter', { ctrlKey: true }, null],
    ['Enter', { shiftKey: true }, null],
    ['ArrowDown', { metaKey: true }, null],
  ] as const)('%s %j -> %s', (k, mods, action) => {
    expect(key(k, mods)).toBe(action);
  });
});

describe('moveHighlight', () => {
  it.each([
    [0, 1, 5, 1],
    [3, 1, 5, 4],
    [4, 1, 5, 4],
    [0, -1, 5, 0],
    [2, -1, 5, 1],
    [-1, 1, 5, 0],
    [-1, -1, 5, 0],
    [7, 1, 3, 2],
    [0, 1, 0, 0],
  ])('from %i by %i of %i -> %i', (current, step, count, next) => {
    expect(moveHighlight(current, step, count)).toBe(next);
  });
});

describe('enterTarget', () => {
  it.each([
    ['lynn', false, 0, 3, 0],
    ['lynn', true, 2, 3, 2],
    ['lynn', false, 5, 3, 2],
    ['lynn', false, 0, 0, null],
    ['', false, 0, 4, null],
    ['  ', false, 0, 4, null],
    ['', true, 1, 4, 1],
  ] as const)('%j moved=%s highlight=%i of %i -> %s', (query, moved, highlight, count, target) => {
    expect(enterTarget(query, moved, highlight, count)).toBe(target);
  });
});
