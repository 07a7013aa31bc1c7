import { describe, expect, it } from 'vitest';
import { nextRole, rolePeople } from './role-rows.svelte';
import type { RoleKind, SessionKind } from '../ipc';

describe('nextRole', () => {
  const cases: [SessionKind, RoleKind[], RoleKind][] = [
    ['panel', [], 'moderator'],
    ['panel', ['moderator'], 'panellist'],
    ['panel', ['moderator', 'speaker'], 'speaker'],
    ['discussion', [], 'moderator'],
    ['discussion', ['moderator'], 'speaker'],
    ['opening', [], 'chair'],
    ['opening', ['co_chair'], 'speaker'],
    ['statements', [], 'chair'],
    ['presentation', [], 'presenter'],
    ['presentation', ['chair'], 'presenter'],
    ['side_event', [], 'speaker'],
    ['other', ['rapporteur'], 'rapporteur'],
  ];
  it.each(cases)('a %s session with rows %j starts the next row as %s', (kind, before, want) => {
    expect(nextRole(kind, before.map((role) => ({ role })))).toBe(want);
  });
});

describe('rolePeople', () => {
  const saved = [{ person_id: 1 }, { person_id: 2 }, { person_id: null }];
  const views = [
    { person_id: 1, name: 'Ms Lynn Bell', organisation: 'Australia', replacing: null },
    { person_id: 3, name: 'Mr Caka Alverdi Awal', organisation: 'Indonesia', replacing: 'Mr Tri Tharyat' },
    { person_id: null, name: 'IOM', organisation: null, replacing: null },
  ];

  it('names each holder, and who stands in for them, by the holder', () => {
    const { names, substitutes } = rolePeople(saved, views);
    expect([...names.entries()]).toEqual([
      [1, { id: 1, name: 'Ms Lynn Bell', detail: 'Australia' }],
      [2, { id: 2, name: 'Mr Tri Tharyat', detail: 'Indonesia' }],
    ]);
    expect([...substitutes.entries()]).toEqual([[2, { id: 3, name: 'Mr Caka Alverdi Awal', detail: 'Indonesia' }]]);
  });

  it('reads no substitutes when the two lists do not line up', () => {
    expect(rolePeople(saved.slice(0, 2), views).substitutes.size).toBe(0);
  });
});
