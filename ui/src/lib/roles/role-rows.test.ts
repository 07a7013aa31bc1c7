import { describe, expect, it } from 'vitest';
import { nextRole } from './role-rows.svelte';
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
