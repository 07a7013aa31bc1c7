import { describe, expect, it } from 'vitest';
import { matchOrganisations, organisationLabel } from './match';
import type { Organisation } from '../ipc';

const org = (id: number, name: string, acronym = '', official_name = ''): Organisation => ({
  id,
  name,
  acronym,
  official_name,
  category: 'member_state',
  country_code: null,
});

// As the backend lists them: in the core's alphabetical order.
const orgs = [
  org(1, 'Australia'),
  org(5, "Côte d'Ivoire", 'CIV'),
  org(3, 'Indonesia', '', 'Republic of Indonesia'),
  org(2, 'International Organization for Migration', 'IOM'),
  org(4, 'Türkiye'),
  org(6, 'ΕΛΛΆΔΑ'),
];

describe('matchOrganisations', () => {
  it.each([
    ['', [1, 5, 3, 2, 4, 6]],
    ['iom', [2]],
    ['republic', [3]],
    ['in', [3, 2]],
    ['turk', [4]],
    ['TÜRKIYE', [4]],
    ['cote d’ivoire', [5]],
    ['ελλαδα', [6]],
    ['migration international', [2]],
    ['nothing', []],
  ])('%j finds %j', (query, ids) => {
    expect(matchOrganisations(orgs, query).map((o) => o.id)).toEqual(ids);
  });

  it('keeps to the limit', () => {
    expect(matchOrganisations(orgs, '', 2)).toHaveLength(2);
  });
});

describe('organisationLabel', () => {
  it('adds an acronym only when it says something', () => {
    expect(organisationLabel(orgs[3]!)).toBe('International Organization for Migration (IOM)');
    expect(organisationLabel(orgs[0]!)).toBe('Australia');
  });
});

describe('the organisation filter and picker', () => {
  const named = [org(11, 'Fundación Gómez'), org(12, 'Verein Jürg'), org(13, 'Peña Asociados')];
  it.each([
    ['Gomez', 11],
    ['gómez', 11],
    ['Jurg', 12],
    ['JÜRG', 12],
    ['pena', 13],
  ])('find “%s” whatever its accents and case', (query, id) => {
    expect(matchOrganisations(named, query).map((o) => o.id)).toEqual([id]);
  });
});
