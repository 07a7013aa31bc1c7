// A stand-in backend for the Delegations page tests: one three-day event
// with co-chairs, co-hosts and a roster, on top of the shared test plan.
// Only tests import this module.
import type {
  Cohost_Serialize,
  Delegate,
  DelegationView_Serialize,
  EventCochair_Serialize,
  Organisation_Serialize,
  Overview_Serialize,
  Person_Serialize,
  Roster_Serialize,
  Vocabulary,
} from '../ipc';
import { backend, overview as sharedOverview, vocabulary as sharedVocabulary, type Call, type Handler } from '../testing/fixtures';

export const vocabulary: Vocabulary = {
  ...sharedVocabulary,
  categories: [
    { key: 'member_state', label: 'Member state' },
    { key: 'observer_state', label: 'Observer state' },
    { key: 'international_organisation', label: 'International organisation' },
    { key: 'civil_society', label: 'Civil society' },
    { key: 'private_sector', label: 'Private sector' },
    { key: 'programme', label: 'Programme' },
    { key: 'workstream', label: 'Workstream or other body' },
    { key: 'secretariat', label: 'Secretariat' },
  ],
  registrations: [
    { key: 'invited', label: 'Invited' },
    { key: 'registered', label: 'Registered' },
    { key: 'confirmed', label: 'Confirmed' },
    { key: 'declined', label: 'Declined' },
  ],
};

function org(id: number, name: string, category: Organisation_Serialize['category'], acronym = ''): Organisation_Serialize {
  return { id, name, acronym, official_name: '', category, country_code: null };
}

export const australia = org(1, 'Australia', 'member_state');
export const indonesia = org(2, 'Indonesia', 'member_state');
export const thailand = org(3, 'Thailand', 'member_state');
export const japan = org(4, 'Japan', 'observer_state');
export const iom = org(5, 'International Organization for Migration', 'international_organisation', 'IOM');
export const mekong = org(6, 'Mekong Migration Network', 'civil_society', 'MMN');
export const fairTrade = org(7, 'Fair Trade Alliance', 'private_sector');

export const organisations: Organisation_Serialize[] = [australia, indonesia, thailand, japan, iom, mekong, fairTrade];

function delegate(person_id: number, name: string, capacity: string, position = '', days_present: string[] = []): Delegate {
  return {
    person_id,
    name,
    position,
    email: `${name.split(' ').pop()?.toLowerCase()}@example.org`,
    capacity,
    registration: 'registered',
    days_present,
  };
}

export const bell = delegate(501, 'Ms Lynn Bell', 'head of delegation', 'First Assistant Secretary', ['2024-11-18']);
export const ong = delegate(502, 'Mr Daniel Ong', 'adviser', 'Policy Officer');
export const wirajuda = delegate(503, 'H.E. Ms Retno Wirajuda', 'head of delegation', 'Director-General');

function delegation(
  organisation: Organisation_Serialize,
  status: DelegationView_Serialize['status'],
  level: string,
  members: Delegate[] = [],
): DelegationView_Serialize {
  return { organisation, status, level, members };
}

/** Event 10's roster in protocol order: the co-chairs first. */
export const roster: Roster_Serialize = {
  event: {
    id: 10,
    title: 'Commemorative Dialogue',
    short_name: 'Dialogue',
    first_day: '2024-11-18',
    last_day: '2024-11-20',
    description: '',
  },
  delegations: [
    delegation(australia, 'member', 'Senior official', [bell, ong]),
    delegation(indonesia, 'member', 'Ministerial', [wirajuda]),
    delegation(thailand, 'co_host', 'Senior Officials'),
    delegation(japan, 'observer', 'Officials'),
    delegation(iom, 'observer', ''),
    delegation(mekong, 'guest', ''),
    delegation(fairTrade, null, '', [delegate(504, 'Ms Ana Cruz', 'delegate')]),
  ],
  unaffiliated: [delegate(505, 'Dr Sam Kee', 'observer', 'Independent expert')],
};

export const cochairs: EventCochair_Serialize[] = [
  { id: 2, event_id: 10, organisation_id: 2, person_id: null, role_label: '', day: '2024-11-19', position: 1 },
  { id: 1, event_id: 10, organisation_id: 1, person_id: 501, role_label: 'Senior Official Co-Chair', day: null, position: 0 },
];

export const cohosts: Cohost_Serialize[] = [
  { id: 1, event_id: 10, session_id: null, organisation_id: 3 },
  // A session's co-host is not the event's: the page leaves it alone.
  { id: 2, event_id: 10, session_id: 1, organisation_id: 5 },
];

export const people: Person_Serialize[] = [
  {
    id: 600,
    honorific: 'Mr',
    given_name: 'Kenji',
    family_name: 'Sato',
    position: '',
    organisation_id: 4,
    email: '',
    phone: '',
    notes: '',
  },
];

/** The shared plan, with the Dialogue running three days. */
export const overview: Overview_Serialize = {
  ...sharedOverview,
  days: ['2024-11-18', '2024-11-19', '2024-11-20'],
  plan: { ...sharedOverview.plan, last_day: '2024-11-20' },
  events: sharedOverview.events.map((e) => (e.event.id === 10 ? { ...e, event: roster.event } : e)),
};

/** Event 11 has nobody yet. */
export const emptyRoster: Roster_Serialize = {
  event: overview.events[1]!.event,
  delegations: [],
  unaffiliated: [],
};

/** The command behind pickCsvSavePath (the dialog plugin's save). */
export const SAVE = 'plugin:dialog|save';

/** A mockIPC callback answering the page's commands; `handlers` override them. */
export function delegationsBackend(handlers: Record<string, Handler> = {}, calls: Call[] = []) {
  return backend(
    {
      overview: () => overview,
      vocabulary: () => vocabulary,
      organisations: () => organisations,
      people: () => people,
      roster: (args) => (args.eventId === 10 ? roster : { ...emptyRoster, event: overview.events[1]!.event }),
      event_cochairs: (args) => (args.eventId === 10 ? cochairs : []),
      event_cohosts: (args) => (args.eventId === 10 ? cohosts : []),
      set_participation: () => null,
      set_registration: () => null,
      set_cochairs: () => null,
      set_cohosts: () => null,
      ...handlers,
    },
    calls,
  );
}
