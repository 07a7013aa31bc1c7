import { describe, expect, it } from 'vitest';
import type { RoleKind, Term } from '../ipc';
import { candidateFromHit, candidateFromLoad, candidateText, roleLine, whenText } from './describe';

const terms: Term<RoleKind>[] = [
  { key: 'moderator', label: 'Moderator' },
  { key: 'speaker', label: 'Speaker' },
];

describe('whenText', () => {
  it.each<[string | null, string | null, string]>([
    ['2024-11-18T10:00:00', '2024-11-18T11:30:00', 'Mon 18 Nov, 10:00–11:30'],
    [null, null, 'Unscheduled'],
    ['2024-11-18T10:00:00', null, 'Unscheduled'],
  ])('%s to %s', (start, end, text) => {
    expect(whenText({ start, end })).toBe(text);
  });
});

describe('roleLine', () => {
  it.each<[RoleKind, string, string]>([
    ['moderator', 'Ms Lynn Bell (Australia), as DWG Co-Chair', 'Moderator: Ms Lynn Bell (Australia), as DWG Co-Chair'],
    ['speaker', 'IOM — speaker TBC', 'Speaker: IOM — speaker TBC'],
    ['rapporteur', 'Mr A', 'rapporteur: Mr A'],
  ])('%s %j', (role, text, line) => {
    expect(roleLine({ role, text }, terms)).toBe(line);
  });
});

describe('candidates', () => {
  it('show the acronym, else the organisation', () => {
    const hit = { id: 9, name: 'Mr Ade Okoro', email: '', organisation: 'International Organization for Migration', acronym: 'IOM' };
    expect(candidateText(candidateFromHit(hit))).toBe('Mr Ade Okoro (IOM)');
    expect(candidateText(candidateFromHit({ ...hit, acronym: '' }))).toBe(
      'Mr Ade Okoro (International Organization for Migration)',
    );
    expect(candidateText(candidateFromHit({ ...hit, acronym: '', organisation: null }))).toBe('Mr Ade Okoro');
    const load = { person_id: 7, name: 'Ms Lynn Bell', organisation: 'Australia', sessions: 1, by_role: [] };
    expect(candidateFromLoad(load)).toEqual({ id: 7, name: 'Ms Lynn Bell', detail: 'Australia' });
  });
});
