import { describe, expect, it } from 'vitest';
import type { PersonLoad, RoleCount } from '../ipc';
import { copy, planning, week } from '../testing/sample';
import { loadText, roleTally, sortLoads } from './load';

// The real role labels, but for the rapporteur's.
const terms = week.vocabulary.roles.filter((t) => t.key !== 'rapporteur');

describe('loadText', () => {
  it.each<[number, RoleCount[], string]>([
    [
      3,
      [
        { role: 'moderator', count: 1 },
        { role: 'panellist', count: 2 },
      ],
      '3 sessions: 2 panellist, 1 moderator',
    ],
    [1, [{ role: 'chair', count: 1 }], '1 session: 1 chair'],
    // Ties keep the vocabulary's order.
    [
      2,
      [
        { role: 'speaker', count: 1 },
        { role: 'co_chair', count: 1 },
      ],
      '2 sessions: 1 co-chair, 1 speaker',
    ],
    // A role the vocabulary lacks is named by its key.
    [1, [{ role: 'rapporteur', count: 1 }], '1 session: 1 rapporteur'],
    [0, [], '0 sessions'],
    [1, [{ role: 'chair', count: 0 }], '1 session'],
  ])('%s sessions, %j', (sessions, byRole, text) => {
    expect(loadText({ sessions, by_role: byRole }, terms)).toBe(text);
  });

  it('tallies without the session count', () => {
    expect(roleTally([{ role: 'panellist', count: 2 }], terms)).toBe('2 panellist');
  });

  it('words the board’s loads', () => {
    // Part-way through planning, Ms Kathryn Haigh also chairs the workstream updates.
    expect(planning.board.loads.map((l) => loadText(l, week.vocabulary.roles))).toEqual([
      '2 sessions: 1 chair, 1 speaker',
      '1 session: 1 speaker',
      '1 session: 1 co-chair',
      '1 session: 1 co-chair',
    ]);
  });
});

describe('sortLoads', () => {
  /** A load of the board's, for someone else. */
  const load = (id: number, name: string, sessions: number, roles: number): PersonLoad => ({
    ...copy(week.board.loads[0]!),
    person_id: id,
    name,
    sessions,
    by_role: [{ role: 'speaker', count: roles }],
    // The core's key: the family name (last word here), then the given name.
    sort_key: name.split(' ').slice(-1)[0]!.toLowerCase() + '\u0001' + name.split(' ').slice(1, -1).join(' ').toLowerCase(),
  });
  const loads = [
    load(1, 'Ambassador Bell', 2, 2),
    load(2, 'dr Siti Rahman', 3, 3),
    load(3, 'Mr Ade Okoro', 2, 3),
    load(4, 'Ms Ana Cruz', 2, 2),
  ];

  it.each<['load' | 'name', number[]]>([
    // Sessions, then roles, then name.
    ['load', [2, 3, 1, 4]],
    // By family name, whatever the honorific: Bell, Cruz, Okoro, Rahman.
    ['name', [1, 4, 3, 2]],
  ])('by %s', (order, ids) => {
    expect(sortLoads(loads, order).map((l) => l.person_id)).toEqual(ids);
    expect(loads.map((l) => l.person_id)).toEqual([1, 2, 3, 4]);
  });

  it('sorts by name differently from load', () => {
    const two = [load(1, 'Zed', 5, 5), load(2, 'Amy', 1, 1)];
    expect(sortLoads(two, 'load').map((l) => l.name)).toEqual(['Zed', 'Amy']);
    expect(sortLoads(two, 'name').map((l) => l.name)).toEqual(['Amy', 'Zed']);
  });
});
