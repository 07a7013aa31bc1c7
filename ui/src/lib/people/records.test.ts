import { describe, expect, it } from 'vitest';
import {
  categoryLabel,
  deleteQuestion,
  mergedFacts,
  organisationFacts,
  organisationForm,
  organisationShort,
  personFacts,
  personForm,
  personName,
} from './records';
import { directory, organisationNamed, personNamed, week } from '../testing/sample';

const { vocabulary } = week;
const { organisations } = directory;
const bell = personNamed('Ms Lynn Bell', directory.people);
const bellTwin = personNamed('Lynn Bell', directory.people);
const iom = organisationNamed('International Organization for Migration', organisations);
const iomTwin = organisationNamed('Intl Organization for Migration', organisations);

describe('people records', () => {
  it('names a person from the parts that are there', () => {
    expect(personName(bell)).toBe('Ms Lynn Bell');
    expect(personName({ honorific: ' ', given_name: '', family_name: 'Okafor' })).toBe('Okafor');
  });

  it('shows an organisation by acronym when it has one', () => {
    expect(organisationShort(iom)).toBe('IOM');
    expect(organisationShort(iomTwin)).toBe(iomTwin.name);
  });

  it('turns records into forms the backend takes', () => {
    expect(personForm(bellTwin)).toEqual({
      honorific: '',
      given_name: 'Lynn',
      family_name: 'Bell',
      position: '',
      organisation_id: null,
      email: '',
      phone: '+61 2 6261 1111',
      notes: 'From the registration list',
      gender: null,
    });
    expect(organisationForm(iom)).toEqual({
      name: iom.name,
      acronym: 'IOM',
      official_name: '',
      category: 'international_organisation',
      country_code: '',
    });
  });

  it('labels categories from the vocabulary', () => {
    expect(categoryLabel(vocabulary.categories, 'civil_society')).toBe('Civil society');
    // A key the vocabulary does not know is shown as it is.
    const fewer = vocabulary.categories.filter((c) => c.key !== 'programme');
    expect(categoryLabel(fewer, 'programme')).toBe('programme');
  });

  it('asks a plain question when a delete changes nothing else', () => {
    expect(deleteQuestion(directory.personImpactByPerson[bellTwin.id]!, 'x')).toBe(
      'Delete Lynn Bell? Edit › Undo (Ctrl+Z) brings it back.',
    );
    expect(deleteQuestion({ name: '', lines: [] }, 'Fallback')).toContain('Delete Fallback?');
  });

  it('lists every consequence of a delete', () => {
    expect(deleteQuestion({ name: 'Australia', lines: ['A.', 'B.'] }, 'x')).toBe(
      'Delete Australia? This will also:\n• A.\n• B.\n\nEdit › Undo (Ctrl+Z) brings it back.',
    );
  });

  it('fills only the kept record’s blank, fillable fields', () => {
    const kept = mergedFacts(personFacts(bellTwin, organisations), personFacts(bell, organisations));
    expect(kept.map((f) => f.value)).toEqual([
      'Ms',
      'Lynn',
      'Bell',
      bell.position,
      'Australia',
      bell.email,
      '+61 2 6261 1111',
      'From the registration list',
    ]);
    const org = mergedFacts(
      organisationFacts({ ...iomTwin, category: 'civil_society' }, vocabulary.categories),
      organisationFacts(iom, vocabulary.categories),
    );
    // The name and category are never taken from the other record.
    expect(org.map((f) => f.value)).toEqual([iomTwin.name, 'IOM', iomTwin.official_name, 'Civil society', '']);
  });
});
