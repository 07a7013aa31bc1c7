import { describe, expect, it } from 'vitest';
import type { Vocabulary } from '../ipc';
import { cochairLine, participationText } from './summary';

const vocabulary: Pick<Vocabulary, 'statuses' | 'categories' | 'roles'> = {
  statuses: [
    { key: 'member', label: 'Member' },
    { key: 'observer', label: 'Observer' },
    { key: 'guest', label: 'Guest' },
    { key: 'co_host', label: 'Co-host' },
    { key: 'secretariat', label: 'Secretariat' },
  ],
  categories: [
    { key: 'member_state', label: 'Member state' },
    { key: 'civil_society', label: 'Civil society' },
  ],
  roles: [{ key: 'co_chair', label: 'Co-chair' }],
};

describe('participationText', () => {
  it('lists status counts in vocabulary order with the civil society count', () => {
    const text = participationText(
      {
        by_status: [
          { status: 'observer', count: 9 },
          { status: 'member', count: 17 },
          { status: 'secretariat', count: 1 },
        ],
        by_category: [
          { category: 'member_state', count: 17 },
          { category: 'civil_society', count: 5 },
        ],
      },
      vocabulary,
    );
    expect(text).toBe('17 Members \u00b7 9 Observers \u00b7 1 Secretariat (including 5 civil society)');
  });

  it('keeps singular labels for one and skips zero counts', () => {
    expect(
      participationText(
        {
          by_status: [
            { status: 'co_host', count: 1 },
            { status: 'guest', count: 0 },
          ],
          by_category: [{ category: 'civil_society', count: 0 }],
        },
        vocabulary,
      ),
    ).toBe('1 Co-host');
  });

  it('is empty without participants', () => {
    expect(participationText({ by_status: [], by_category: [] }, vocabulary)).toBe('');
  });
});

describe('cochairLine', () => {
  const australia = { id: 1, name: 'Australia', acronym: '', category: 'member_state' as const };

  it('names a person with their organisation', () => {
    expect(
      cochairLine({ role_label: 'Senior Official Co-Chair', person: 'Ms Lynn Bell', organisation: australia }, vocabulary),
    ).toEqual({ label: 'Senior Official Co-Chair', who: 'Ms Lynn Bell (Australia)' });
  });

  it('names the organisation alone and falls back to the vocabulary label', () => {
    expect(cochairLine({ role_label: '', person: null, organisation: australia }, vocabulary)).toEqual({
      label: 'Co-chair',
      who: 'Australia',
    });
  });
});
