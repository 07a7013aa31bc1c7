import { describe, expect, it } from 'vitest';
import type { Clash, MergePreview } from '../ipc';
import { canMerge, clashesLine, handoverFileName, mergedNotice, resolutions, settles, unsettled, type Choice } from './merge';

const room: Clash = {
  n: 1,
  kind: 'field',
  record: 'Session “Panel I”',
  field: 'Room',
  ours: 'Plenary Hall',
  theirs: 'Meeting Room 2',
  editable: false,
};
const title: Clash = {
  n: 2,
  kind: 'field',
  record: 'Session “Panel I”',
  field: 'Title',
  ours: 'Panel I',
  theirs: 'Panel One',
  editable: true,
};

function preview(clashes: Clash[], nothingNew = false): MergePreview {
  return {
    ours_team: 'Australia team',
    theirs_team: 'Indonesia team',
    added: [],
    changed: ['Session “Panel I”'],
    deleted: [],
    ours_changed: 1,
    clean: 0,
    clashes,
    nothing_new: nothingNew,
  };
}

describe('settling clashes', () => {
  it('takes a side, or a typed value only for a text field', () => {
    expect(settles(room, undefined)).toBe(false);
    expect(settles(room, { take: 'ours', value: '' })).toBe(true);
    expect(settles(room, { take: 'edited', value: 'Room 3' })).toBe(false);
    expect(settles(title, { take: 'edited', value: '  ' })).toBe(false);
    expect(settles(title, { take: 'edited', value: 'Panel 1' })).toBe(true);
  });

  it('enables Merge only when every clash is settled', () => {
    const p = preview([room, title]);
    const choices = new Map<number, Choice>();
    expect(canMerge(p, choices)).toBe(false);
    choices.set(1, { take: 'theirs', value: '' });
    expect(unsettled(p.clashes, choices)).toBe(1);
    expect(canMerge(p, choices)).toBe(false);
    choices.set(2, { take: 'edited', value: '' });
    expect(canMerge(p, choices)).toBe(false);
    choices.set(2, { take: 'edited', value: 'Panel 1' });
    expect(canMerge(p, choices)).toBe(true);
    expect(canMerge(null, choices)).toBe(false);
    expect(canMerge(preview([], true), new Map())).toBe(false);
    expect(canMerge(preview([]), new Map())).toBe(true);
  });

  it('sends the typed value for an edited clash and none for a side', () => {
    const choices = new Map<number, Choice>([
      [1, { take: 'ours', value: 'left over' }],
      [2, { take: 'edited', value: ' Panel 1 ' }],
    ]);
    expect(resolutions([room, title], choices)).toEqual([
      { clash: 1, take: 'ours', value: null },
      { clash: 2, take: 'edited', value: 'Panel 1' },
    ]);
  });
});

describe('the words', () => {
  it('counts what is left to decide', () => {
    expect(clashesLine(0, 0)).toBe('No clashes: everything merges cleanly.');
    expect(clashesLine(2, 3)).toBe('2 clashes still to decide.');
    expect(clashesLine(1, 1)).toBe('1 clash still to decide.');
    expect(clashesLine(0, 3)).toBe('All 3 clashes are decided.');
  });

  it('says what was merged and how to take it back', () => {
    const merged = { step: 'Merged from Indonesia team: 1 added, 5 changed', added: 1, changed: 5, deleted: 0 };
    expect(mergedNotice(merged, 'Indonesia team')).toBe(
      'Merged from Indonesia team: 1 added, 5 changed. Edit › Undo (Ctrl+Z) takes it back.',
    );
    expect(mergedNotice({ ...merged, step: null }, 'Indonesia team')).toBe(
      'Nothing new from Indonesia team: the plan is unchanged.',
    );
  });

  it('names the other team’s copy after the plan and the team', () => {
    expect(handoverFileName('Bangkok week 2024', 'Indonesia team')).toBe('Bangkok week 2024 (Indonesia team).plenary');
    expect(handoverFileName('A/B', 'Team: 2')).toBe('A B (Team 2).plenary');
  });
});
