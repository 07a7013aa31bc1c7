import { describe, expect, it } from 'vitest';
import type {
  DelegationView_Serialize,
  ErrorCode,
  EventCochair_Serialize,
  OrgCategory,
  Organisation_Serialize,
  ParticipationStatus,
} from '../ipc';
import {
  NO_ENTRY_LABEL,
  categoryCounts,
  cochairEntries,
  exportFileName,
  governmentChoices,
  joinCounts,
  missingGovernments,
  personName,
  placeCochairErrors,
  rosterNames,
  rowsChanged,
  rowsFromCochairs,
  seniorOfficials,
  statusCounts,
  groupByStatus,
  type CochairRow,
} from './roster';
import { attendance, copy, eventNamed, organisationNamed, personNamed, week } from '../testing/sample';

const { vocabulary } = week;
// The Commemorative Dialogue with delegations worked on (see ../testing/sample).
const dialogue = eventNamed('Commemorative Dialogue', attendance.overview);
const roster = () => copy(attendance.rosterByEvent[dialogue.id]!);
const cochairs = () => copy(attendance.cochairsByEvent[dialogue.id]!);
const person = (name: string) => personNamed(name, attendance.people);
const [bell, awal, haigh] = ['Ms Lynn Bell', 'Mr Caka Alverdi Awal', 'Ms Kathryn Haigh'].map(person);
const australia = organisationNamed('Australia', attendance.organisations);
const indonesia = organisationNamed('Indonesia', attendance.organisations);

/** A delegation of the Dialogue's, as another organisation with another status, category and level. */
let id = 100;
function d(name: string, status: ParticipationStatus | null, category: OrgCategory = 'member_state', level = ''): DelegationView_Serialize {
  id += 1;
  const [first] = roster().delegations;
  return { ...first!, organisation: { ...first!.organisation, id, name, acronym: '', official_name: '', category }, status, level, members: [] };
}

const names = (ds: readonly DelegationView_Serialize[]) => ds.map((x) => x.organisation.name);

describe('groupByStatus', () => {
  const cases: {
    name: string;
    input: DelegationView_Serialize[];
    want: { status: ParticipationStatus | null; label: string; names: string[] }[];
  }[] = [
    { name: 'nothing', input: [], want: [] },
    {
      name: 'vocabulary order of groups, roster order inside, no-entry last',
      input: [
        d('Australia', 'member'),
        d('Fair Trade', null, 'private_sector'),
        d('Japan', 'observer', 'observer_state'),
        d('Indonesia', 'member'),
        d('UNODC', 'secretariat', 'secretariat'),
        d('Thailand', 'co_host'),
        d('MMN', 'guest', 'civil_society'),
      ],
      want: [
        { status: 'member', label: 'Member', names: ['Australia', 'Indonesia'] },
        { status: 'observer', label: 'Observer', names: ['Japan'] },
        { status: 'guest', label: 'Guest', names: ['MMN'] },
        { status: 'co_host', label: 'Co-host', names: ['Thailand'] },
        { status: 'secretariat', label: 'Secretariat', names: ['UNODC'] },
        { status: null, label: NO_ENTRY_LABEL, names: ['Fair Trade'] },
      ],
    },
    {
      name: 'only registered people',
      input: [d('A', null), d('B', null)],
      want: [{ status: null, label: 'Registered, no participation entry', names: ['A', 'B'] }],
    },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    const got = groupByStatus(input, vocabulary.statuses).map((g) => ({
      status: g.status,
      label: g.label,
      names: names(g.delegations),
    }));
    expect(got).toEqual(want);
  });
});

describe('counts', () => {
  const many = (n: number, status: ParticipationStatus | null, category: OrgCategory) =>
    Array.from({ length: n }, (_, i) => d(`${category} ${i}`, status, category));

  const cases: { name: string; input: DelegationView_Serialize[]; status: string; category: string }[] = [
    { name: 'empty', input: [], status: '', category: '' },
    {
      name: 'the brief’s example',
      input: [...many(17, 'member', 'member_state'), ...many(9, 'observer', 'observer_state'), ...many(5, 'guest', 'civil_society')],
      status: '17 members · 9 observers · 5 guests',
      category: '17 member states · 9 observer states · 5 civil society',
    },
    {
      name: 'singular, uncountable and odd plurals',
      input: [
        d('A', 'member', 'member_state'),
        d('B', 'co_host', 'private_sector'),
        d('C', 'co_host', 'private_sector'),
        d('D', 'secretariat', 'workstream'),
        d('E', 'guest', 'workstream'),
        d('F', 'guest', 'international_organisation'),
        d('G', 'guest', 'international_organisation'),
        d('H', 'observer', 'civil_society'),
      ],
      status: '1 member · 1 observer · 3 guests · 2 co-hosts · 1 secretariat',
      category:
        '1 member state · 2 international organisations · 1 civil society · 2 private sector · 2 workstreams or other bodies',
    },
    {
      name: 'without an entry: counted by status, not by category',
      input: [d('A', 'member'), d('B', null, 'civil_society'), d('C', null, 'civil_society')],
      status: '1 member · 2 without a participation entry',
      category: '1 member state',
    },
  ];
  it.each(cases)('$name', ({ input, status, category }) => {
    expect(joinCounts(statusCounts(input, vocabulary.statuses))).toBe(status);
    expect(joinCounts(categoryCounts(input, vocabulary.categories))).toBe(category);
  });
});

describe('seniorOfficials', () => {
  const cases: { level: string; senior: boolean }[] = [
    { level: 'Senior official', senior: true },
    { level: 'SENIOR OFFICIALS', senior: true },
    { level: 'Ministerial and senior officials', senior: true },
    { level: 'Ministerial', senior: false },
    { level: 'Officials', senior: false },
    { level: 'Senior', senior: false },
    { level: '', senior: false },
  ];
  it.each(cases)('“$level” → $senior', ({ level, senior }) => {
    expect(seniorOfficials([d('X', 'member', 'member_state', level)])).toEqual(senior ? ['X'] : []);
  });
  it('keeps roster order', () => {
    expect(seniorOfficials(roster().delegations)).toEqual([
      'Australia',
      'Indonesia',
      'Bangladesh',
      'Maldives',
      'Sri Lanka',
      'Cambodia',
    ]);
  });
});

function row(key: number, patch: Partial<CochairRow> = {}): CochairRow {
  return { key, organisation_id: 1, person_id: null, person_name: '', role_label: '', day: null, ...patch };
}

describe('co-chair rows', () => {
  it('reads saved co-chairs in position order, with names', () => {
    let k = 0;
    const names = new Map([
      [bell!.id, 'Ms Lynn Bell'],
      [awal!.id, 'Mr Caka Alverdi Awal'],
      [haigh!.id, 'Ms Kathryn Haigh'],
    ]);
    // Whatever order they come in.
    const rows = rowsFromCochairs(cochairs().reverse(), names, () => ++k);
    const senior = 'Senior Official Co-Chair';
    const group = 'Working Group Co-Chair';
    expect(rows).toEqual([
      { key: 1, organisation_id: australia.id, person_id: bell!.id, person_name: 'Ms Lynn Bell', role_label: senior, day: null },
      { key: 2, organisation_id: indonesia.id, person_id: null, person_name: '', role_label: senior, day: '2024-11-19' },
      { key: 3, organisation_id: indonesia.id, person_id: awal!.id, person_name: 'Mr Caka Alverdi Awal', role_label: group, day: null },
      { key: 4, organisation_id: australia.id, person_id: haigh!.id, person_name: 'Ms Kathryn Haigh', role_label: group, day: null },
    ]);
    const unknown: EventCochair_Serialize[] = [{ ...cochairs()[1]!, person_id: 9999 }];
    expect(rowsFromCochairs(unknown, new Map(), () => 1)[0]?.person_name).toBe('Unknown person');
  });

  const entryCases: { name: string; rows: CochairRow[]; want: ReturnType<typeof cochairEntries> }[] = [
    { name: 'none', rows: [], want: [] },
    {
      name: 'order, trimmed labels, people and days kept',
      rows: [
        row(7, { organisation_id: 2, day: '2024-11-19', role_label: '  Co-Chair ' }),
        row(3, { organisation_id: 1, person_id: 501, person_name: 'Ms Lynn Bell' }),
      ],
      want: [
        { organisation_id: 2, person_id: null, role_label: 'Co-Chair', day: '2024-11-19' },
        { organisation_id: 1, person_id: 501, role_label: '', day: null },
      ],
    },
    {
      name: 'rows without a government are not sent',
      rows: [row(1, { organisation_id: null }), row(2, { organisation_id: 4 })],
      want: [{ organisation_id: 4, person_id: null, role_label: '', day: null }],
    },
  ];
  it.each(entryCases)('entries: $name', ({ rows, want }) => {
    expect(cochairEntries(rows)).toEqual(want);
  });

  const changeCases: { name: string; rows: CochairRow[]; changed: boolean }[] = [
    { name: 'same values, other keys', rows: [row(9), row(8, { organisation_id: 2, day: '2024-11-19' })], changed: false },
    { name: 'label only differs in spaces', rows: [row(9), row(8, { organisation_id: 2, day: '2024-11-19', role_label: ' ' })], changed: false },
    { name: 'reordered', rows: [row(8, { organisation_id: 2, day: '2024-11-19' }), row(9)], changed: true },
    { name: 'other day', rows: [row(9), row(8, { organisation_id: 2 })], changed: true },
    { name: 'person added', rows: [row(9, { person_id: 5 }), row(8, { organisation_id: 2, day: '2024-11-19' })], changed: true },
    { name: 'row removed', rows: [row(9)], changed: true },
  ];
  it.each(changeCases)('changed: $name', ({ rows, changed }) => {
    const saved = [row(1), row(2, { organisation_id: 2, day: '2024-11-19' })];
    expect(rowsChanged(rows, saved)).toBe(changed);
  });

  it('refuses rows without a government before sending', () => {
    const rows = [row(4), row(5, { organisation_id: null }), row(6, { organisation_id: null })];
    expect([...missingGovernments(rows)]).toEqual([
      [5, 'Row 2: choose a government.'],
      [6, 'Row 3: choose a government.'],
    ]);
    expect(missingGovernments([row(1)]).size).toBe(0);
  });

  const errorCases: {
    name: string;
    code: ErrorCode;
    fields: { field: string; message: string }[];
    rows: [number, string][];
    general: string | null;
  }[] = [
    {
      name: 'cochairs.0 is the first row sent',
      code: 'invalid',
      fields: [{ field: 'cochairs.0', message: 'Row 1: no such person.' }],
      rows: [[30, 'Row 1: no such person.']],
      general: null,
    },
    {
      name: 'two problems on one row are joined; a sub-field counts as the row',
      code: 'invalid',
      fields: [
        { field: 'cochairs.1', message: 'A.' },
        { field: 'cochairs.1.day', message: 'B.' },
      ],
      rows: [[20, 'A. B.']],
      general: null,
    },
    {
      name: 'unknown fields and rows beyond the list go to the banner',
      code: 'invalid',
      fields: [
        { field: 'cochairs.7', message: 'Gone.' },
        { field: 'event_id', message: 'No such event.' },
      ],
      rows: [],
      general: 'Gone. No such event.',
    },
    { name: 'other errors go to the banner', code: 'not_found', fields: [], rows: [], general: 'Nothing here.' },
  ];
  it.each(errorCases)('errors: $name', ({ code, fields, rows, general }) => {
    const placed = placeCochairErrors({ code, message: 'Nothing here.', fields }, [{ key: 30 }, { key: 20 }]);
    expect([...placed.rows]).toEqual(rows);
    expect(placed.general).toBe(general);
  });
});

describe('governmentChoices', () => {
  /** An organisation of the sample's, as another one. */
  const o = (id: number, name: string, category: OrgCategory): Organisation_Serialize => ({
    ...copy(australia),
    id,
    name,
    category,
  });
  // As the backend lists them: in the core's alphabetical order.
  const orgs = [o(2, 'IOM', 'international_organisation'), o(3, 'Japan', 'observer_state'), o(1, 'Viet Nam', 'member_state')];
  const cases: { chosen: number | null; want: string[] }[] = [
    { chosen: null, want: ['Japan', 'Viet Nam'] },
    { chosen: 1, want: ['Japan', 'Viet Nam'] },
    { chosen: 2, want: ['IOM', 'Japan', 'Viet Nam'] },
  ];
  it.each(cases)('chosen $chosen', ({ chosen, want }) => {
    expect(governmentChoices(orgs, chosen).map((x) => x.name)).toEqual(want);
  });
});

describe('names and file names', () => {
  it('collects registered people’s names', () => {
    const got = rosterNames(roster());
    expect(got.get(bell!.id)).toBe('Ms Lynn Bell');
    // Someone of a delegation without a participation entry, and someone without an organisation.
    expect(got.get(person('Ms Ana Cruz').id)).toBe('Ms Ana Cruz');
    expect(got.get(person('Dr Sam Kee').id)).toBe('Dr Sam Kee');
    expect(got.size).toBe(8);
  });

  it.each([
    { parts: ['Mr', 'Kenji', 'Sato'], want: 'Mr Kenji Sato' },
    { parts: ['', ' Kenji ', 'Sato'], want: 'Kenji Sato' },
    { parts: ['', '', ''], want: '' },
  ])('person name $want', ({ parts, want }) => {
    const [honorific = '', given_name = '', family_name = ''] = parts;
    expect(personName({ honorific, given_name, family_name })).toBe(want);
  });

  it.each([
    { title: 'Commemorative Dialogue', short_name: 'Dialogue', want: 'Dialogue attendees.csv' },
    { title: 'Annual Meeting', short_name: ' ', want: 'Annual Meeting attendees.csv' },
    { title: 'SOM 1/2', short_name: '', want: 'SOM 1 2 attendees.csv' },
  ])('export file name for $title', ({ title, short_name, want }) => {
    expect(exportFileName({ title, short_name })).toBe(want);
  });
});
