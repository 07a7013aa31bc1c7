import { describe, expect, it } from 'vitest';
import type { RoleKind, RoleView_Serialize, Term } from '../ipc';
import { groupRoles, personText } from './roles';

const terms: Term<RoleKind>[] = [
  { key: 'chair', label: 'Chair' },
  { key: 'co_chair', label: 'Co-chair' },
  { key: 'moderator', label: 'Moderator' },
  { key: 'panellist', label: 'Panellist' },
  { key: 'speaker', label: 'Speaker' },
];

function role(role: RoleKind, name: string, organisation: string | null = null, note = ''): RoleView_Serialize {
  return { role, name, organisation, note, person_id: null, organisation_id: null };
}

describe('personText', () => {
  it('shows the organisation beside a person', () => {
    expect(personText(role('speaker', 'Ms Lynn Bell', 'Australia'))).toBe('Ms Lynn Bell (Australia)');
  });

  it('shows an organisation alone, with any note', () => {
    expect(personText(role('moderator', 'Bali Process Regional Support Office', null, 'Australian Co-Manager'))).toBe(
      'Bali Process Regional Support Office (Australian Co-Manager)',
    );
    expect(personText(role('panellist', 'Australia'))).toBe('Australia');
  });

  it('combines organisation and note', () => {
    expect(personText(role('speaker', 'Mr A', 'IOM', 'by video'))).toBe('Mr A (IOM, by video)');
  });
});

describe('groupRoles', () => {
  it('groups by role in vocabulary order with pluralised labels', () => {
    const groups = groupRoles(
      [
        role('panellist', 'Australia'),
        role('moderator', 'RSO', null, 'Australian Co-Manager'),
        role('panellist', 'Indonesia'),
        role('panellist', 'ILO'),
      ],
      terms,
    );
    expect(groups.map((g) => `${g.label}: ${g.people.join('; ')}`)).toEqual([
      'Moderator: RSO (Australian Co-Manager)',
      'Panellists: Australia; Indonesia; ILO',
    ]);
  });

  it('keeps a single person singular', () => {
    const [group] = groupRoles([role('co_chair', 'Australia')], terms);
    expect(group?.label).toBe('Co-chair');
  });

  it('is empty without roles', () => {
    expect(groupRoles([], terms)).toEqual([]);
  });

  it('keeps roles unknown to the vocabulary, last', () => {
    const groups = groupRoles([role('rapporteur', 'Fiji'), role('chair', 'Tonga')], terms);
    expect(groups.map((g) => g.label)).toEqual(['Chair', 'rapporteur']);
  });
});
