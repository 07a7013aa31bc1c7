import { describe, expect, it } from 'vitest';
import { enterTarget, indexLines, moveHighlight, searchKey, searchLines } from './search';
import { fold } from '../format/fold';
import { recorded } from '../testing/backend';
import { attendance, copy, eventNamed } from '../testing/sample';
import type { Answer, DeskLine_Serialize } from '../ipc';

// The Commemorative Dialogue's desk on the morning of its first day, in desk
// order: accented names, an international organisation, emails.
const dialogue = eventNamed('Commemorative Dialogue', attendance.overview);
const desk = recorded(attendance.desks, 'desk')({ eventId: dialogue.id, day: dialogue.first_day }) as Answer<'desk'>;
const people = desk.lines;

/** A line of the desk's, for someone else, with its text folded as the core folds it. */
const line = (person_id: number, name: string, organisation = '', acronym = '', email = ''): DeskLine_Serialize => ({
  ...copy(people[0]!),
  person_id,
  name,
  sort_key: fold(name),
  search_name: fold(name)
    .split(/[^\p{L}\p{M}\p{N}']+/u)
    .filter(Boolean)
    .join(' '),
  search_text: fold(`${name} ${organisation} ${acronym} ${email}`),
  organisation,
  acronym,
  email,
});

describe('searchLines', () => {
  const entries = indexLines(people);
  const ids = (query: string) => searchLines(entries, query).map((l) => l.person_id);

  const [awal, bell, cruz, haigh, kee, hoa, ramirez, tharyat] = people.map((p) => p.person_id);
  it('stands on the desk in family-name order', () => {
    expect(people.map((p) => p.name)).toEqual([
      'Mr Caka Alverdi Awal',
      'Ms Lynn Bell',
      'Ms Ana Cruz',
      'Ms Kathryn Haigh',
      'Dr Sam Kee',
      'Ms Thị Hoà Nguyễn',
      'Mr José Ramírez',
      'Mr Tri Tharyat',
    ]);
  });

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
    ['ms', [bell, cruz, haigh, hoa]],
    ['walk free', [cruz]],
    ['sam', [kee]],
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

  it('finds one among a few thousand lines', () => {
    const many = Array.from({ length: 5000 }, (_, i) => line(i, `Person ${i} Ñame`, `Org ${i % 50}`, '', `p${i}@x.example`));
    const index = indexLines(many);
    expect(searchLines(index, 'ñame 4999').map((l) => l.person_id)).toEqual([4999]);
    expect(searchLines(index, 'name 4999').map((l) => l.person_id)).toEqual([4999]);
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

describe('the desk search box', () => {
  const entries = indexLines([line(901, 'Sr. Jürg Peña Gómez', 'Fundación Nueva', 'FN', 'jpg@example.org')]);
  it.each(['Gomez', 'Jurg', 'pena', 'PEÑA', 'fundacion'])('finds “%s” whatever its accents and case', (query) => {
    expect(searchLines(entries, query).map((l) => l.person_id)).toEqual([901]);
  });
});
