import { describe, expect, it } from 'vitest';
import type { RoleKind, RoleView_Serialize, Term } from '../ipc';
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
  const role = (r: RoleKind, name: string, organisation: string | null, note = ''): RoleView_Serialize => ({
    role: r,
    person_id: null,
    organisation_id: null,
    name,
    organisation,
    note,
  });
  it.each<[RoleView_Serialize, string]>([
    [role('moderator', 'Ms Lynn Bell', 'Australia', 'as DWG Co-Chair'), 'Moderator: Ms Lynn Bell (Australia, as DWG Co-Chair)'],
    [role('speaker', 'IOM', null), 'Speaker: IOM'],
    [role('rapporteur', 'Mr A', null), 'rapporteur: Mr A'],
  ])('%j', (r, text) => {
    expect(roleLine(r, terms)).toBe(text);
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
