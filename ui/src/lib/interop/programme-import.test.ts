import { describe, expect, it } from 'vitest';
import { copy, programme } from '../testing/sample';
import { importBlocked, importLabel, remapped, requestOf, withKind } from './programme-import.svelte';
import { exportFileName, scopeOf } from './export';

function answer(i: number) {
  const found = programme.programmePreviews[i];
  if (!found) throw new Error(`no preview ${i}`);
  return found.answer;
}
const auto = answer(0);
const withLead = answer(1);
const receptionAsBreak = answer(2);

describe('the programme preview', () => {
  it('reads the side programme with its columns understood', () => {
    expect(auto.format).toBe('csv');
    expect(auto.columns?.headers).toEqual(['Date', 'Horaire', 'Session', 'Salle', 'Type', 'Lead', 'Speakers']);
    expect(auto.columns?.mapping[1]).toBe('time');
    expect(auto.preview.added).toBe(3);
    expect(auto.preview.untimed).toBe(1);
  });

  it('reads the lead as the moderator once the column says so', () => {
    const launch = withLead.preview.sessions.find((s) => s.title.startsWith('Launch'));
    expect(launch?.people).toContain('Moderator: Ms Siriporn Chaiyasit');
  });

  it('takes a kind chosen for a type', () => {
    const reception = receptionAsBreak.preview.sessions.find((s) => s.title.startsWith('Reception'));
    expect(reception?.kind).toBe('break');
  });
});

describe('what the page asks', () => {
  it('sends the columns only once someone changed them', () => {
    expect(requestOf('auto', null, [], { kind: 'auto' }, false).columns).toBeNull();
    const columns = remapped(auto.columns!.mapping, 5, 'moderator');
    expect(requestOf('csv', columns, [], { kind: 'auto' }, true)).toEqual({
      format: 'csv',
      columns,
      kinds: [],
      event: { kind: 'auto' },
      skip_invalid: true,
    });
  });

  it('keeps one kind per type', () => {
    const once = withKind([], 'Reception', 'meal');
    expect(withKind(once, 'Reception', 'break')).toEqual([{ source: 'Reception', kind: 'break' }]);
  });

  it('says why Import cannot run yet', () => {
    expect(importBlocked(null, false)).toBe('Preview the file first.');
    expect(importBlocked(auto.preview, false)).toBeNull();
    const bad = copy(auto.preview);
    bad.problems = ['row 3: Time "9h-ish" is not a time.'];
    expect(importBlocked(bad, false)).toMatch(/1 session has a problem/);
    expect(importBlocked(bad, true)).toBeNull();
    const empty = copy(auto.preview);
    empty.added = 0;
    empty.updated = 0;
    expect(importBlocked(empty, true)).toMatch(/no session/);
  });

  it('names what Import will do', () => {
    expect(importLabel(auto.preview, 'plan')).toBe('Import 3 sessions');
    expect(importLabel(auto.preview, 'new')).toBe('Make a new plan with 3 sessions…');
  });

  it('refuses a file that is not there in one line', () => {
    expect(programme.refusals['notAProgramme']?.error.message).toMatch(/^[^\n]+$/);
  });

  it('imports what it previewed', () => {
    const done = programme.imports[0]!.answer;
    expect(done.added).toBe(3);
    expect(done.summary).toBe(withLead.preview.summary);
  });
});

describe('the export dialog', () => {
  it('needs a choice for a scoped export', () => {
    expect(scopeOf('plan', null, null, null)).toEqual({ kind: 'plan' });
    expect(scopeOf('event', null, null, null)).toBeNull();
    expect(scopeOf('person', null, null, 7)).toEqual({ kind: 'person', id: 7 });
  });

  it('offers a file name a file system takes', () => {
    expect(exportFileName('Week: Bangkok/2024', 'Ms Lynn Bell', 'ics', 'ics')).toBe('Week Bangkok 2024 — Ms Lynn Bell.ics');
    expect(exportFileName('Week', null, 'backup', 'json')).toBe('Week (backup).json');
  });
});
