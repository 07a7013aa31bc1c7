import { describe, expect, it } from 'vitest';
import type { Need, RoleKind, SessionKind } from '../ipc';
import { week } from '../testing/sample';
import { defaultRole, needsText } from './needs';

const moderator: Need = { role: 'moderator', text: 'a moderator' };
const panellists: Need = { role: 'panellist', text: 'panellists' };
const chair: Need = { role: 'chair', text: 'a chair' };
const speakers: Need = { role: 'speaker', text: 'speakers' };
const presenter: Need = { role: 'presenter', text: 'a presenter' };

describe('defaultRole', () => {
  it.each<[Need[], SessionKind, RoleKind]>([
    [[moderator, panellists], 'panel', 'moderator'],
    [[panellists], 'panel', 'panellist'],
    [[chair, speakers], 'statements', 'chair'],
    [[speakers], 'statements', 'speaker'],
    [[presenter], 'presentation', 'presenter'],
    [[chair], 'opening', 'chair'],
    // The role comes with the need, whatever its words.
    [[{ role: 'rapporteur', text: 'someone to write it up' }], 'discussion', 'rapporteur'],
    // Nothing missing: the role usually added to such a session.
    [[], 'panel', 'panellist'],
    [[], 'presentation', 'presenter'],
    [[], 'discussion', 'speaker'],
    [[], 'side_event', 'speaker'],
  ])('%j in a %s', (needs, kind, role) => {
    expect(defaultRole(needs, kind)).toBe(role);
  });
});

describe('the sample week’s board', () => {
  const needing = week.board.sessions.filter((s) => s.needs.length > 0);

  it('starts each session that needs someone on the role of its first need', () => {
    expect(needing.length).toBeGreaterThan(0);
    for (const s of needing) expect(defaultRole(s.needs, s.entry.session.kind)).toBe(s.needs[0]!.role);
  });

  it('words each need as the backend does', () => {
    const statements = needing.find((s) => s.entry.session.kind === 'statements')!;
    expect(needsText(statements.needs)).toBe('Needs a chair, speakers');
  });
});

describe('needsText', () => {
  it.each<[Need[], string]>([
    [[moderator, panellists], 'Needs a moderator, panellists'],
    [[speakers], 'Needs speakers'],
    [[], ''],
  ])('%j', (needs, text) => {
    expect(needsText(needs)).toBe(text);
  });
});

