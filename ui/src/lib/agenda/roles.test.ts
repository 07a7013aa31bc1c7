import { describe, expect, it } from 'vitest';
import type { RoleKind, RoleView_Serialize } from '../ipc';
import { agendaSession, copy, week } from '../testing/sample';
import { groupRoles, personText } from './roles';

// The real role labels, but for the rapporteur's.
const terms = week.vocabulary.roles.filter((t) => t.key !== 'rapporteur');
const panel = agendaSession('Panel discussion');

/** A role of the panel's, given to someone else. */
function role(role: RoleKind, name: string, organisation: string | null = null, note = ''): RoleView_Serialize {
  return { ...copy(panel.roles[0]!), role, name, organisation, note };
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
  it('groups the panel’s moderator and its nine panellists', () => {
    const groups = groupRoles(panel.roles, terms);
    expect(groups.map((g) => g.label)).toEqual(['Moderator', 'Panellists']);
    expect(groups[0]!.people).toEqual(['Bali Process Regional Support Office (Australian Co-Manager)']);
    expect(groups[1]!.people).toHaveLength(9);
  });

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
