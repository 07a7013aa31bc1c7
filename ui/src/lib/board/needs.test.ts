import { describe, expect, it } from 'vitest';
import type { RoleKind, SessionKind } from '../ipc';
import { defaultRole, needsText, roleForNeed } from './needs';

describe('roleForNeed', () => {
  it.each<[string, RoleKind | null]>([
    ['a moderator', 'moderator'],
    ['panellists', 'panellist'],
    ['a chair', 'chair'],
    ['speakers', 'speaker'],
    ['a presenter', 'presenter'],
    ['A Moderator ', 'moderator'],
    ['a rapporteur', 'rapporteur'],
    ['co-chairs', 'co_chair'],
    ['an interpreter', null],
    ['', null],
  ])('%j -> %s', (need, role) => {
    expect(roleForNeed(need)).toBe(role);
  });
});

describe('defaultRole', () => {
  it.each<[string[], SessionKind, RoleKind]>([
    [['a moderator', 'panellists'], 'panel', 'moderator'],
    [['panellists'], 'panel', 'panellist'],
    [['a chair', 'speakers'], 'statements', 'chair'],
    [['speakers'], 'statements', 'speaker'],
    [['a presenter'], 'presentation', 'presenter'],
    [['a chair'], 'opening', 'chair'],
    // An unknown need is skipped for the next one.
    [['an interpreter', 'panellists'], 'panel', 'panellist'],
    // Nothing missing: the role usually added to such a session.
    [[], 'panel', 'panellist'],
    [[], 'presentation', 'presenter'],
    [[], 'discussion', 'speaker'],
    [[], 'side_event', 'speaker'],
  ])('%j in a %s', (needs, kind, role) => {
    expect(defaultRole(needs, kind)).toBe(role);
  });
});

describe('needsText', () => {
  it.each<[string[], string]>([
    [['a moderator', 'panellists'], 'Needs a moderator, panellists'],
    [['speakers'], 'Needs speakers'],
    [[], ''],
  ])('%j', (needs, text) => {
    expect(needsText(needs)).toBe(text);
  });
});
